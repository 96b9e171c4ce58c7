/* Spanish for the search engine of sites built by handbook (assets/search-engine.js): the
   words too common to index and the Snowball stemmer, the same as the index builder's
   (src/search/stops.rs and rust-stemmers). assets/search.js loads this file with the engine on
   pages whose language it is; the engine takes it from window.__handbookLanguages. */
(function (languages) {
  "use strict";

  /**
   * Snowball Spanish stemmer, giving the same output as rust-stemmers 1.2.0
   * (Algorithm::Spanish) on folded words: the index folds accents away before stemming, so
   * the algorithm's accented suffixes never match and are left out here.
   * Algorithm: https://snowballstem.org/algorithms/spanish/stemmer.html
   */
  function esIsV(c) { return 'aeiou'.indexOf(c) >= 0; }

  /* The longest of `list` (space-separated) that `w` ends with, or "". */
  function esLongest(w, list) {
    var best = "";
    list.split(" ").forEach(function (s) {
      if (s.length > best.length && w.length >= s.length && w.slice(w.length - s.length) === s) best = s;
    });
    return best;
  }

  /* The engine gives it words whose letters beyond the BMP are one unit each (\ue000). */
  function stemSpanish(w) {
    var n = w.length, pV = n, p1 = n, p2 = n, i;
    /* RV: after the next vowel when the second letter is a consonant; after the next
       consonant when the first two are vowels; after the third letter otherwise. */
    if (n >= 2) {
      if (!esIsV(w.charAt(1))) {
        for (i = 2; i < n && !esIsV(w.charAt(i)); i++);
        if (i < n) pV = i + 1;
      } else if (esIsV(w.charAt(0))) {
        for (i = 2; i < n && esIsV(w.charAt(i)); i++);
        if (i < n) pV = i + 1;
      } else if (n >= 3) {
        pV = 3;
      }
    }
    /* R1 and R2: after the first non-vowel that follows a vowel (then again from there). */
    function after(from) {
      for (var j = from; j < n; j++) if (esIsV(w.charAt(j))) break;
      for (j++; j < n; j++) if (!esIsV(w.charAt(j))) return j + 1;
      return n;
    }
    p1 = after(0);
    p2 = p1 < n ? after(p1) : n;

    /* Step 0: an attached pronoun after a gerund or infinitive, all in RV. */
    var pron = esLongest(w, 'me se sela selo selas selos la le lo las les los nos');
    if (pron) {
      var rest = w.slice(0, w.length - pron.length);
      var verb = esLongest(rest, 'ando iendo ar er ir yendo');
      if (verb && rest.length - verb.length >= pV) {
        if (verb !== 'yendo' || rest.charAt(rest.length - 6) === 'u') w = rest;
      }
    }

    /* Step 1: standard suffixes (else 2a, else 2b). */
    function inR(k, p) { return k >= p; }
    function step1() {
      var s = esLongest(w, 'anza anzas ico ica icos icas ismo ismos able ables ible ibles ista ' +
        'istas oso osa osos osas amiento amientos imiento imientos adora ador adoras adores aciones ' +
        'ante antes ancia ancias uciones encia encias amente mente idad idades iva ivo ivas ivos');
      if (!s) return false;
      var k = w.length - s.length, t;
      if (s === 'amente') {
        if (!inR(k, p1)) return false;
        w = w.slice(0, k);
        t = esLongest(w, 'iv os ic ad');
        if (t && inR(w.length - t.length, p2)) {
          w = w.slice(0, w.length - t.length);
          if (t === 'iv' && /at$/.test(w) && inR(w.length - 2, p2)) w = w.slice(0, -2);
        }
        return true;
      }
      if (!inR(k, p2)) return false;
      if (s === 'uciones') { w = w.slice(0, k) + 'u'; return true; }
      if (s === 'encia' || s === 'encias') { w = w.slice(0, k) + 'ente'; return true; }
      w = w.slice(0, k);
      if (/^(adora|ador|adoras|adores|aciones|ante|antes|ancia|ancias)$/.test(s)) {
        if (/ic$/.test(w) && inR(w.length - 2, p2)) w = w.slice(0, -2);
      } else if (s === 'mente') {
        t = esLongest(w, 'ante able ible');
        if (t && inR(w.length - t.length, p2)) w = w.slice(0, w.length - t.length);
      } else if (s === 'idad' || s === 'idades') {
        t = esLongest(w, 'abil ic iv');
        if (t && inR(w.length - t.length, p2)) w = w.slice(0, w.length - t.length);
      } else if (/^iv[ao]s?$/.test(s)) {
        if (/at$/.test(w) && inR(w.length - 2, p2)) w = w.slice(0, -2);
      }
      return true;
    }
    /* Step 2a: verb suffixes beginning y, in RV, after u. */
    function step2a() {
      var s = esLongest(w.slice(pV), 'ya ye yan yen yeron yendo yo yas yes yais yamos');
      if (!s || w.charAt(w.length - s.length - 1) !== 'u') return false;
      w = w.slice(0, w.length - s.length);
      return true;
    }
    /* Step 2b: other verb suffixes, in RV. */
    function step2b() {
      var s = esLongest(w.slice(pV), 'en es emos aremos eremos iremos aba ada ida ara iera ad ed ' +
        'id ase iese aste iste an aban aran ieran asen iesen aron ieron ado ido ando iendo ar er ir ' +
        'as abas adas idas aras ieras ases ieses abais arais ierais aseis ieseis asteis isteis ados ' +
        'idos amos imos');
      if (!s) return false;
      var k = w.length - s.length;
      if ((s === 'en' || s === 'es' || s === 'emos') && w.slice(k - 2, k) === 'gu') k--;
      w = w.slice(0, k);
      return true;
    }
    if (!step1() && !step2a()) step2b();

    /* Step 3: residual suffixes, in RV. */
    var r = esLongest(w, 'os a o e');
    if (r && w.length - r.length >= pV) {
      w = w.slice(0, w.length - r.length);
      if (r === 'e' && /gu$/.test(w) && w.length - 1 >= pV) w = w.slice(0, -1);
    }
    return w;
  }

  languages.es = {
    stops: [
      "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual",
      "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en",
      "entre", "era", "eran", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estan", "estar",
      "estas", "este", "esto", "estos", "fue", "ha", "han", "hasta", "hay", "he", "la", "las", "le",
      "les", "lo", "los", "mas", "me", "mi", "mis", "mucho", "muchos", "muy", "nada", "ni", "no",
      "nos", "nosotros", "o", "os", "otra", "otras", "otro", "otros", "para", "pero", "poco", "por",
      "porque", "que", "quien", "quienes", "se", "ser", "si", "sin", "sobre", "son", "su", "sus",
      "tambien", "te", "ti", "tiene", "tienen", "todo", "todos", "tu", "tus", "un", "una", "uno",
      "unos", "y", "ya", "yo"],
    stem: stemSpanish
  };
})(window.__handbookLanguages = window.__handbookLanguages || {});
