/* Dutch for the search engine of sites built by handbook (assets/search-engine.js): the words
   too common to index and the Snowball stemmer, the same as the index builder's
   (src/search/stops.rs and rust-stemmers). assets/search.js loads this file with the engine on
   pages whose language it is; the engine takes it from window.__handbookLanguages. */
(function (languages) {
  "use strict";

  /**
   * Snowball Dutch stemmer (the original algorithm, not Kraaij-Pohlmann), giving the same
   * output as rust-stemmers 1.2.0 (Algorithm::Dutch) on folded words: the index folds accents
   * and diaereses away before stemming (`ideeën` is `ideeen`), so the prelude that removes
   * them has nothing to do and is left out here.
   * Algorithm: https://snowballstem.org/algorithms/dutch/stemmer.html
   */
  function nlIsV(c) { return c !== "" && 'aeiouy'.indexOf(c) >= 0; }

  function stemDutch(w) {
    var i, n, s, k;
    /* y at the start or after a vowel, and i between vowels, are consonants (marked Y and I). */
    var a = w.split("");
    if (a[0] === "y") a[0] = "Y";
    for (i = 1; i < a.length; i++) {
      if (!nlIsV(a[i - 1])) continue;
      if (a[i] === "y") a[i] = "Y";
      else if (a[i] === "i" && i + 1 < a.length && nlIsV(a[i + 1])) a[i] = "I";
    }
    w = a.join("");
    n = w.length;
    /* R1 and R2: after the first non-vowel that follows a vowel (then again from there). R1
       starts after the third byte at the earliest: rust-stemmers counts UTF-8 bytes there, so
       after two letters when the second is not ASCII. */
    function after(from) {
      for (var j = from; j < n; j++) if (nlIsV(w.charAt(j))) break;
      for (j++; j < n; j++) if (!nlIsV(w.charAt(j))) return j + 1;
      return -1;
    }
    var p1 = n, p2 = n, r1 = after(0);
    if (r1 >= 0) {
      p1 = Math.max(r1, w.charCodeAt(1) < 0x80 ? 3 : 2);
      p2 = after(r1);
      if (p2 < 0) p2 = n;
    }
    function ends(s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
    function longest(list) {
      var best = "";
      list.split(" ").forEach(function (s) { if (s.length > best.length && ends(s)) best = s; });
      return best;
    }
    function undouble() { if (/(dd|kk|tt)$/.test(w)) w = w.slice(0, -1); }
    /* en or ene from `k`: in R1, after a non-vowel but not after gem. */
    function enEnding(k) {
      if (k < p1 || nlIsV(w.charAt(k - 1)) || /gem$/.test(w.slice(0, k))) return;
      w = w.slice(0, k);
      undouble();
    }
    /* A final e in R1 after a non-vowel (eFound says whether it went). */
    var eFound = false;
    function eEnding() {
      k = w.length - 1;
      eFound = k >= p1 && w.charAt(k) === "e" && !nlIsV(w.charAt(k - 1));
      if (eFound) {
        w = w.slice(0, k);
        undouble();
      }
    }

    /* Step 1. */
    s = longest("heden ene en se s");
    k = w.length - s.length;
    if (s === "heden") {
      if (k >= p1) w = w.slice(0, k) + "heid";
    } else if (s === "ene" || s === "en") {
      enEnding(k);
    } else if (s && k >= p1 && 'aeiouyj'.indexOf(w.charAt(k - 1)) < 0) {
      w = w.slice(0, k);
    }
    /* Step 2. */
    eEnding();
    /* Step 3a: heid in R2, not after c, then en. */
    if (ends("heid") && w.length - 4 >= p2 && w.charAt(w.length - 5) !== "c") {
      w = w.slice(0, -4);
      if (ends("en")) enEnding(w.length - 2);
    }
    /* Step 3b: derivational suffixes, in R2. */
    s = longest("end ing ig lijk baar bar");
    k = w.length - s.length;
    if (s && k >= p2) {
      if (s === "end" || s === "ing") {
        w = w.slice(0, k);
        if (ends("ig") && k - 2 >= p2 && w.charAt(k - 3) !== "e") w = w.slice(0, -2);
        else undouble();
      } else if (s === "ig") {
        if (w.charAt(k - 1) !== "e") w = w.slice(0, k);
      } else if (s === "lijk") {
        w = w.slice(0, k);
        eEnding();
      } else if (s === "baar" || eFound) {
        w = w.slice(0, k);
      }
    }
    /* Step 4: a double vowel between non-vowels before a final consonant is made single. */
    w = w.replace(/([^aeiouy])([aeou])\2([^aeiouyI])$/u, "$1$2$3");
    return w.replace(/I/g, "i").replace(/Y/g, "y");
  }

  languages.nl = {
    stops: [
      "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
      "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge",
      "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "hen", "het", "hier",
      "hij", "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "jij", "jullie", "kan",
      "kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar",
      "niet", "niets", "nog", "nu", "of", "om", "omdat", "onder", "ons", "onze", "ook", "op",
      "over", "reeds", "te", "tegen", "toch", "toen", "tot", "uit", "uw", "van", "veel", "voor",
      "want", "waren", "was", "wat", "werd", "wezen", "wie", "wij", "wil", "worden", "wordt",
      "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou"],
    stem: stemDutch
  };
})(window.__handbookLanguages = window.__handbookLanguages || {});
