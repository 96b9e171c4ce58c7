/* Swedish for the search engine of sites built by handbook (assets/search-engine.js): the
   words too common to index and the Snowball stemmer, the same as the index builder's
   (src/search/stops.rs and rust-stemmers). assets/search.js loads this file with the engine on
   pages whose language it is; the engine takes it from window.__handbookLanguages. */
(function (languages) {
  "use strict";

  /**
   * Snowball Swedish stemmer, giving the same output as rust-stemmers 1.2.0
   * (Algorithm::Swedish) on folded words: å, ä and ö are already a and o, so they are no
   * vowels here and the algorithm's löst ending never matches.
   * Algorithm: https://snowballstem.org/algorithms/swedish/stemmer.html
   */
  function svIsV(c) { return 'aeiouy'.indexOf(c) >= 0; }

  var MAIN = ('a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ' +
    'ar er heter or s as arnas ernas ornas es ades andes ens arens hetens erns at andet het ' +
    'ast').split(' ');
  var PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];
  var OTHER = ['ig', 'lig', 'els', 'fullt'];

  /* The longest of `list` that `w` ends with, starting at `from` or later. */
  function svLongest(w, list, from) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (s.length > best.length && w.length - s.length >= from && w.endsWith(s)) best = s;
    }
    return best;
  }

  function stemSwedish(w) {
    var n = w.length, p1 = n, i;
    /* R1: after the first non-vowel that follows a vowel, and not before the fourth letter
       (letters, not UTF-16 units: a letter outside the BMP is two units, both non-vowels;
       R1 may then start between them, which no ASCII ending can). */
    var first3 = Array.from(w).slice(0, 3);
    if (first3.length === 3) {
      for (i = 0; i < n && !svIsV(w.charAt(i)); i++);
      for (i++; i < n && svIsV(w.charAt(i)); i++);
      if (i < n) p1 = Math.max(i + 1, first3.join("").length);
    }

    /* Main suffixes, in R1; a lone s only after one of b c d f g h j k l m n o p r t v y. */
    var s = svLongest(w, MAIN, p1);
    if (s && (s !== 's' || 'bcdfghjklmnoprtvy'.indexOf(w.charAt(n - 2)) >= 0)) {
      w = w.slice(0, n - s.length);
    }
    /* A double or other consonant pair in R1 loses its last letter. */
    if (svLongest(w, PAIRS, p1)) w = w.slice(0, -1);
    /* Other suffixes, in R1. */
    s = svLongest(w, OTHER, p1);
    if (s) w = w.slice(0, w.length - s.length) + (s === 'fullt' ? 'full' : '');
    return w;
  }

  languages.sv = {
    stops: [
      "alla", "allt", "an", "ar", "at", "att", "av", "blev", "bli", "blir", "blivit", "da", "dar",
      "de", "dem", "den", "denna", "deras", "dess", "dessa", "det", "detta", "dig", "din", "dina",
      "ditt", "du", "efter", "ej", "eller", "en", "er", "era", "ert", "ett", "for", "fran", "ha",
      "hade", "han", "hans", "har", "henne", "hennes", "hon", "honom", "hur", "icke", "ingen",
      "inom", "inte", "jag", "ju", "kan", "kunde", "man", "med", "mellan", "men", "mig", "min",
      "mina", "mitt", "mot", "mycket", "nagon", "nagot", "nagra", "nar", "ni", "nu", "och", "om",
      "oss", "over", "pa", "sa", "sadan", "sadana", "sadant", "samma", "sedan", "sig", "sin",
      "sina", "sjalv", "skulle", "som", "till", "under", "upp", "ut", "utan", "vad", "var", "vara",
      "varfor", "varit", "varje", "vars", "vart", "vem", "vi", "vid", "vilka", "vilkas", "vilken",
      "vilket"],
    stem: stemSwedish
  };
})(window.__handbookLanguages = window.__handbookLanguages || {});
