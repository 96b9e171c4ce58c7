/* Portuguese for the search engine of sites built by handbook (assets/search-engine.js): the
   words too common to index and the Snowball stemmer, the same as the index builder's
   (src/search/stops.rs and rust-stemmers). assets/search.js loads this file with the engine on
   pages whose language it is; the engine takes it from window.__handbookLanguages. */
(function (languages) {
  "use strict";

  /**
   * Snowball Portuguese stemmer, giving the same output as rust-stemmers 1.2.0
   * (Algorithm::Portuguese) on folded words: the index folds accents away before stemming
   * (`ações` is `acoes`), so the nasal vowels ã and õ and the accented suffixes never occur and
   * are left out here.
   * Algorithm: https://snowballstem.org/algorithms/portuguese/stemmer.html
   */
  function ptIsV(c) { return 'aeiou'.indexOf(c) >= 0; }

  /* The longest of `list` (space-separated) that `w` ends with, or "". */
  function ptLongest(w, list) {
    var best = "";
    list.split(" ").forEach(function (s) {
      if (s.length > best.length && w.length >= s.length && w.slice(w.length - s.length) === s) best = s;
    });
    return best;
  }

  function stemPortuguese(w) {
    /* Regions are counted in letters (a letter outside the BMP is two UTF-16 units in w). */
    var c = Array.from(w), n = c.length, pV = n, i;
    /* RV: after the next vowel when the second letter is a consonant; after the next
       consonant when the first two are vowels; after the third letter otherwise. */
    if (n >= 2) {
      if (!ptIsV(c[1])) {
        for (i = 2; i < n && !ptIsV(c[i]); i++);
        if (i < n) pV = i + 1;
      } else if (ptIsV(c[0])) {
        for (i = 2; i < n && ptIsV(c[i]); i++);
        if (i < n) pV = i + 1;
      } else if (n >= 3) {
        pV = 3;
      }
    }
    /* R1 and R2: after the first non-vowel that follows a vowel (then again from there). */
    function after(from) {
      for (var j = from; j < n; j++) if (ptIsV(c[j])) break;
      for (j++; j < n; j++) if (!ptIsV(c[j])) return j + 1;
      return n;
    }
    var p1 = after(0), p2 = p1 < n ? after(p1) : n;
    /* The regions as positions in w. */
    function inW(p) { return c.slice(0, p).join("").length; }
    pV = inW(pV);
    p1 = inW(p1);
    p2 = inW(p2);
    /* Cuts `s` off the end of w when it starts at or after `p`. */
    function cut(s, p) {
      if (!s || w.slice(w.length - s.length) !== s || w.length - s.length < p) return false;
      w = w.slice(0, w.length - s.length);
      return true;
    }

    /* Step 1: standard suffixes, the longest one; it must lie in R2 unless said otherwise. */
    function standard() {
      var s = ptLongest(w, 'ica ico icas icos adora ador adoras adores osa oso osas osos ista ' +
        'istas eza ezas ante antes ismo ismos amento amentos imento imentos logia logias amente ' +
        'mente idade idades iva ivo ivas ivos ira iras');
      var k = w.length - s.length;
      if (!s) return false;
      if (s === 'amente') {
        if (!cut(s, p1)) return false;
        var t = ptLongest(w, 'ic ad os iv');
        if (cut(t, p2) && t === 'iv') cut('at', p2);
        return true;
      }
      if (s === 'ira' || s === 'iras') {
        if (k < pV || w.charAt(k - 1) !== 'e') return false;
        w = w.slice(0, k) + 'ir';
        return true;
      }
      if (k < p2) return false;
      w = w.slice(0, k);
      if (s === 'logia' || s === 'logias') w += 'log';
      else if (s === 'mente') cut(ptLongest(w, 'ante avel'), p2);
      else if (s === 'idade' || s === 'idades') cut(ptLongest(w, 'ic abil iv'), p2);
      else if (/^iv[ao]s?$/.test(s)) cut('at', p2);
      return true;
    }
    /* Step 2: verb suffixes, the longest one that lies in RV. */
    function verb() {
      var s = ptLongest(w.slice(pV), 'ada ida ia aria eria iria ara era ira ava asse esse isse ' +
        'aste este iste ei arei erei irei am iam ariam eriam iriam aram eram iram avam em arem ' +
        'erem irem assem essem issem ado ido ando endo indo ar er ir as adas idas ias arias ' +
        'erias irias aras eras iras avas es ardes erdes irdes ares eres ires asses esses isses ' +
        'astes estes istes is ais eis areis ereis ireis ados idos amos emos aremos eremos ' +
        'iremos imos armos ermos irmos eu iu ou');
      return cut(s, pV);
    }
    if (standard() || verb()) {
      /* Step 3: i after c, in RV. */
      if (/ci$/.test(w)) cut('i', pV);
    } else {
      /* Step 4: residual suffixes, in RV. */
      cut(ptLongest(w, 'os a i o'), pV);
    }
    /* Step 5: a final e in RV, then the u of gu or the i of ci in RV. */
    if (cut('e', pV) && /(gu|ci)$/.test(w)) cut(w.charAt(w.length - 1), pV);
    return w;
  }

  languages.pt = {
    stops: [
      "ao", "aos", "aquela", "aquelas", "aquele", "aqueles", "aquilo", "as", "ate", "com", "como",
      "da", "das", "de", "dela", "delas", "dele", "deles", "depois", "desde", "do", "dos", "ela",
      "elas", "ele", "eles", "em", "entre", "era", "eram", "essa", "essas", "esse", "esses",
      "esta", "estamos", "estao", "estar", "estas", "estava", "estavam", "este", "estes", "esteve",
      "estou", "eu", "foi", "foram", "fui", "ha", "havia", "houve", "isso", "isto", "ja", "lhe",
      "lhes", "mais", "mas", "me", "mesmo", "meu", "meus", "minha", "minhas", "muito", "na", "nao",
      "nas", "nem", "no", "nos", "nossa", "nossas", "nosso", "nossos", "num", "numa", "os", "ou",
      "para", "pela", "pelas", "pelo", "pelos", "por", "porque", "qual", "quando", "que", "quem",
      "sao", "se", "seja", "sejam", "sem", "ser", "sera", "seria", "seu", "seus", "so", "sobre",
      "somos", "sou", "sua", "suas", "tambem", "te", "tem", "temos", "tenha", "tenho", "ter",
      "teu", "teus", "teve", "tinha", "tinham", "tu", "tua", "tuas", "um", "uma", "umas", "uns",
      "voce", "voces", "vos"],
    stem: stemPortuguese
  };
})(window.__handbookLanguages = window.__handbookLanguages || {});
