/* Russian for the search engine of sites built by handbook (assets/search-engine.js): the
   words too common to index and the Snowball stemmer, the same as the index builder's
   (src/search/stops.rs and rust-stemmers). assets/search.js loads this file with the engine on
   pages whose language it is; the engine takes it from window.__handbookLanguages. */
(function (languages) {
  "use strict";

  /**
   * Snowball Russian stemmer, giving the same output as rust-stemmers 1.2.0
   * (Algorithm::Russian) on folded words: й stays й (-ый, -ей, -йте, -ейш, ... are endings
   * here as in the algorithm), ё is already е.
   * Algorithm: https://snowballstem.org/algorithms/russian/stemmer.html
   */
  function ruIsV(c) { return 'аеиоуыэюя'.indexOf(c) >= 0; }

  /* Endings: those that must follow а or я (which stay), and the others. */
  function endings(afterA, others) {
    return { afterA: afterA.split(" "), all: (afterA + " " + others).trim().split(" ") };
  }
  var GERUND = endings('в вши вшись', 'ив ивши ившись ыв ывши ывшись');
  var ADJECTIVE = endings('', 'ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ' +
    'ую юю ая яя ою ею');
  var PARTICIPLE = endings('ем нн вш ющ щ', 'ивш ывш ующ');
  var REFLEXIVE = endings('', 'ся сь');
  var VERB = endings('ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно', 'ила ыла ена ейте ' +
    'уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю');
  var NOUN = endings('', 'а ев ов е ье ие и еи ии ями иями ами ей ией ий ой й ям иям ам ем ием ' +
    'ом о у ах ях иях ы ь ю ью ию я ья ия');
  var DERIVATIONAL = ['ост', 'ость'], I = ['и'];
  var SUPERLATIVE = ['ейш', 'ейше'], NN = ['нн'], TIDY = ['нн', 'ь'];

  /* The longest of `list` that `w` ends with, starting at `from` or later. */
  function ruLongest(w, list, from) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (s.length > best.length && w.length - s.length >= from && w.endsWith(s)) best = s;
    }
    return best;
  }

  function stemRussian(w) {
    var n = w.length, pV = n, p2 = n;
    /* Just past the first letter from `from` on that is (or is not) a vowel; -1 if none. */
    function past(from, vowel) {
      if (from < 0) return -1;
      for (var j = from; j < n; j++) if (ruIsV(w.charAt(j)) === vowel) return j + 1;
      return -1;
    }
    /* RV: after the first vowel. R2: after vowel, non-vowel, vowel, non-vowel (a letter
       outside the BMP is two non-vowel units: R2 may start between them, no ending can). */
    var j = past(0, true);
    if (j > 0) {
      pV = j;
      j = past(past(past(j, false), true), false);
      if (j > 0) p2 = j;
    }

    /* Removes the longest of the endings `e` in RV; false if there is none, or if it is one
       that must follow а or я and does not. */
    function ending(e) {
      var s = ruLongest(w, e.all, pV);
      if (!s) return false;
      var k = w.length - s.length;
      if (e.afterA.indexOf(s) >= 0 && !(k - 1 >= pV && 'ая'.indexOf(w.charAt(k - 1)) >= 0)) return false;
      w = w.slice(0, k);
      return true;
    }

    /* Step 1: a perfective gerund; else a reflexive ending if any, then an adjective (with a
       participle before it, if any), a verb or a noun ending. */
    if (!ending(GERUND)) {
      ending(REFLEXIVE);
      if (ending(ADJECTIVE)) ending(PARTICIPLE);
      else if (!ending(VERB)) ending(NOUN);
    }
    /* Step 2: a final и, in RV. */
    if (ruLongest(w, I, pV)) w = w.slice(0, -1);
    /* Step 3: a derivational ending, in R2. */
    var s = ruLongest(w, DERIVATIONAL, p2);
    if (s) w = w.slice(0, w.length - s.length);
    /* Step 4, in RV: a superlative ending goes, and then нн becomes н; or (without one) нн
       becomes н, or a final ь goes. */
    s = ruLongest(w, SUPERLATIVE, pV);
    if (s) {
      w = w.slice(0, w.length - s.length);
      if (ruLongest(w, NN, pV)) w = w.slice(0, -1);
    } else if (ruLongest(w, TIDY, pV)) {
      w = w.slice(0, -1);
    }
    return w;
  }

  languages.ru = {
    stops: [
      "без", "более", "больше", "будет", "будто", "бы", "был", "была", "были", "было", "быть",
      "вам", "вас", "вдруг", "ведь", "во", "вот", "впрочем", "все", "всегда", "всего", "всех",
      "всю", "вы", "где", "да", "даже", "для", "до", "другой", "его", "ее", "ей", "ему", "если",
      "есть", "еще", "же", "за", "зачем", "здесь", "из", "или", "им", "иногда", "их", "как",
      "какая", "какой", "когда", "конечно", "кто", "куда", "ли", "между", "меня", "мне", "много",
      "может", "можно", "мои", "мой", "моя", "мы", "на", "над", "надо", "наконец", "нас", "не",
      "него", "нее", "ней", "нельзя", "нет", "ни", "нибудь", "никогда", "ним", "них", "ничего",
      "но", "ну", "об", "один", "он", "она", "они", "опять", "от", "перед", "по", "под", "после",
      "потом", "потому", "почти", "при", "про", "раз", "разве", "сам", "свою", "себе", "себя",
      "сейчас", "со", "совсем", "так", "также", "такой", "там", "тебя", "тем", "теперь", "то",
      "тогда", "того", "тоже", "только", "том", "тот", "тут", "ты", "уж", "уже", "хоть", "чего",
      "чем", "через", "что", "чтоб", "чтобы", "чуть", "эта", "эти", "это", "этого", "этой", "этом",
      "этот", "эту"],
    stem: stemRussian
  };
})(window.__handbookLanguages = window.__handbookLanguages || {});
