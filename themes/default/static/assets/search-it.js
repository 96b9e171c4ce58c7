/* Italian for the search engine of sites built by handbook (assets/search-engine.js): the
   words too common to index and the Snowball stemmer, the same as the index builder's
   (src/search/stops.rs and rust-stemmers). assets/search.js loads this file with the engine on
   pages whose language it is; the engine takes it from window.__handbookLanguages. */
(function (languages) {
  "use strict";

  /**
   * Snowball Italian stemmer, giving the same output as rust-stemmers 1.2.0
   * (Algorithm::Italian) on folded words: the index folds accents away before stemming, so the
   * algorithm's accented letters and suffixes (ità, erà, irò…) never match and are left out.
   * Algorithm: https://snowballstem.org/algorithms/italian/stemmer.html
   */
  function itIsV(c) { return c.length === 1 && 'aeiou'.indexOf(c) >= 0; }

  /* The longest of `list` (space-separated) that `w` ends with, or "". */
  function itLongest(w, list) {
    var best = "";
    list.split(" ").forEach(function (s) {
      if (s.length > best.length && w.length >= s.length && w.slice(w.length - s.length) === s) best = s;
    });
    return best;
  }

  /* The engine gives it words whose letters beyond the BMP are one unit each (\ue000). */
  function stemItalian(word) {
    /* u after q, and u or i between vowels, are consonants (marked upper case), left to
       right: a letter marked is no longer a vowel for the next. */
    var a = word.replace(/qu/g, "qU").split(""), n = a.length, i;
    for (i = 0; i + 2 < n; i++) {
      if (itIsV(a[i]) && (a[i + 1] === 'u' || a[i + 1] === 'i') && itIsV(a[i + 2])) {
        a[i + 1] = a[i + 1].toUpperCase();
      }
    }
    var w = a.join("");

    /* RV: after the next vowel when the second letter is a consonant; after the next
       consonant when the first two are vowels; after the third letter otherwise. */
    var pV = n;
    if (n >= 2) {
      if (!itIsV(w.charAt(1))) {
        for (i = 2; i < n && !itIsV(w.charAt(i)); i++);
        if (i < n) pV = i + 1;
      } else if (itIsV(w.charAt(0))) {
        for (i = 2; i < n && itIsV(w.charAt(i)); i++);
        if (i < n) pV = i + 1;
      } else if (n >= 3) {
        pV = 3;
      }
    }
    /* R1 and R2: after the first non-vowel that follows a vowel (then again from there). */
    function after(from) {
      for (var j = from; j < n; j++) if (itIsV(w.charAt(j))) break;
      for (j++; j < n; j++) if (!itIsV(w.charAt(j))) return j + 1;
      return n;
    }
    var p1 = after(0), p2 = p1 < n ? after(p1) : n;

    /* Deletes `s` from the end of w, or puts `by` in its place. */
    function cut(s, by) { w = w.slice(0, w.length - s.length) + (by || ""); }
    function ends(s, p) { return w.length - s.length >= p && w.slice(w.length - s.length) === s; }

    /* Step 0: an attached pronoun after a gerund (removed) or an infinitive in ar, er or ir
       (which gets its e back), the verb ending in RV. */
    var pron = itLongest(w, 'ci gli la le li lo mi ne si ti vi cela cele celi celo cene gliela ' +
      'gliele glieli glielo gliene mela mele meli melo mene sene tela tele teli telo tene vela ' +
      'vele veli velo vene');
    if (pron) {
      var rest = w.slice(0, w.length - pron.length), verb = itLongest(rest, 'ando endo ar er ir');
      if (verb && rest.length - verb.length >= pV) cut(pron, verb.length === 2 ? 'e' : "");
    }

    /* Step 1: standard suffixes. */
    function standard() {
      var s = itLongest(w, 'anza anze ico ici ica ice iche ichi ismo ismi abile abili ibile ' +
        'ibili ista iste isti oso osi osa ose mente atrice atrici ante anti logia logie azione ' +
        'azioni atore atori uzione uzioni usione usioni enza enze amento amenti imento imenti ' +
        'amente iva ive ivi ivo');
      if (!s) return false;
      var k = w.length - s.length, t;
      if (/^[ai]ment[oi]$/.test(s)) {
        if (k < pV) return false;
        cut(s);
        return true;
      }
      if (s === 'amente') {
        if (k < p1) return false;
        cut(s);
        t = itLongest(w, 'ic abil os iv');
        if (t && ends(t, p2)) {
          cut(t);
          if (t === 'iv' && ends('at', p2)) cut('at');
        }
        return true;
      }
      if (k < p2) return false;
      if (/^logi[ae]$/.test(s)) cut(s, 'log');
      else if (/^u[sz]ion[ei]$/.test(s)) cut(s, 'u');
      else if (/^enz[ae]$/.test(s)) cut(s, 'ente');
      else cut(s);
      /* After azione, atore: ic; after iva, ive, ivi, ivo: at, then ic. */
      var ic = /^(azion|ator)/.test(s);
      if (/^iv[aeio]$/.test(s) && ends('at', p2)) { cut('at'); ic = true; }
      if (ic && ends('ic', p2)) cut('ic');
      return true;
    }
    /* Step 2: verb suffixes, in RV. */
    function verbSuffix() {
      var s = itLongest(w.slice(pV), 'ar ir are ere ire ata ita uta ate ite ute ati iti uti ato ' +
        'ito uto ava eva iva avi evi ivi avo evo ivo ano ono isca isce isci isco iscano iscono ' +
        'enda ende endi ando endo erai irai erei irei ete erete irete asse assi assimo assero ' +
        'essero issero ammo emmo immo eremmo iremmo iamo avamo evamo ivamo eremo iremo avate ' +
        'evate ivate avano evano ivano arono erono irono eranno iranno ereste ireste eresti ' +
        'iresti erebbe irebbe erebbero irebbero');
      if (s) cut(s);
    }
    if (!standard()) verbSuffix();

    /* Step 3: a final a, e, i or o in RV, then an i before it in RV; h after c or g in RV. */
    if (/[aeio]$/.test(w) && w.length - 1 >= pV) {
      w = w.slice(0, -1);
      if (ends('i', pV)) cut('i');
    }
    if (/[cg]h$/.test(w) && w.length - 2 >= pV) cut('h');

    /* Marked letters back to lower case. */
    return w.replace(/[IU]/g, function (c) { return c.toLowerCase(); });
  }

  languages.it = {
    stops: [
      "abbia", "abbiamo", "ad", "agl", "agli", "ai", "al", "all", "alla", "alle", "allo", "anche",
      "avete", "aveva", "avevano", "avrebbe", "avuto", "che", "chi", "ci", "coi", "col", "come",
      "con", "contro", "cui", "da", "dagl", "dagli", "dai", "dal", "dall", "dalla", "dalle",
      "dallo", "degl", "degli", "dei", "del", "dell", "della", "delle", "dello", "di", "dov",
      "dove", "ed", "era", "erano", "fosse", "fu", "gli", "ha", "hai", "hanno", "ho", "il", "in",
      "io", "la", "le", "lei", "li", "lo", "loro", "lui", "ma", "mi", "mia", "mie", "miei", "mio",
      "ne", "negl", "negli", "nei", "nel", "nell", "nella", "nelle", "nello", "noi", "non",
      "nostra", "nostre", "nostri", "nostro", "per", "perche", "piu", "quale", "quanta", "quante",
      "quanti", "quanto", "quella", "quelle", "quelli", "quello", "questa", "queste", "questi",
      "questo", "sarebbe", "se", "sei", "si", "sia", "siamo", "siano", "siete", "sono", "su", "sua",
      "sue", "sugl", "sugli", "sui", "sul", "sull", "sulla", "sulle", "sullo", "suo", "suoi", "ti",
      "tra", "tu", "tua", "tue", "tuo", "tuoi", "tutti", "tutto", "un", "una", "uno", "vi", "voi",
      "vostra", "vostre", "vostri", "vostro"],
    stem: stemItalian
  };
})(window.__handbookLanguages = window.__handbookLanguages || {});
