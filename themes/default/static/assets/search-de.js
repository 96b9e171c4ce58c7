/* German for the search engine of sites built by handbook (assets/search-engine.js): the
   words too common to index and the Snowball stemmer, the same as the index builder's
   (src/search/stops.rs and rust-stemmers). assets/search.js loads this file with the engine on
   pages whose language it is; the engine takes it from window.__handbookLanguages. */
(function (languages) {
  "use strict";

  /**
   * Snowball German stemmer, giving the same output as rust-stemmers 1.2.0 (Algorithm::German)
   * on folded words (umlauts already gone; ß is still there and becomes ss).
   * Algorithm: https://snowballstem.org/algorithms/german/stemmer.html
   */
  function deIsV(c) { return 'aeiouy'.indexOf(c) >= 0; }

  /* The engine gives it words whose letters beyond the BMP are one unit each (\ue000), so
     that R1's least start (3) and the regions are counted in letters. */
  function stemGerman(w) {
    var i, n;
    w = w.replace(/ß/g, "ss");
    /* u and y between vowels are consonants here (marked U and Y), left to right on the word
       as marked so far: a marked letter is no longer a vowel (`euue` is `eUue`), and each
       letter in turn, the one right after a mark too, may be the vowel before the next
       (`uueuig` is `uUeUig`). */
    var a = w.split("");
    for (i = 0; i + 2 < a.length; i++) {
      if (deIsV(a[i]) && (a[i + 1] === "u" || a[i + 1] === "y") && deIsV(a[i + 2])) {
        a[i + 1] = a[i + 1].toUpperCase();
      }
    }
    w = a.join("");
    n = w.length;
    /* R1 (at least 3 letters before it) and R2. */
    var p1 = n, p2 = n;
    if (n >= 3) {
      var after = function (from) {
        for (var j = from; j < n; j++) if (deIsV(w.charAt(j))) break;
        for (j++; j < n; j++) if (!deIsV(w.charAt(j))) return j + 1;
        return -1;
      };
      var r1 = after(0);
      if (r1 >= 0) {
        p1 = Math.max(r1, 3);
        var r2 = after(r1);
        p2 = r2 >= 0 ? r2 : n;
      }
    }
    function ends(s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
    function longest(list) {
      var best = "";
      list.split(" ").forEach(function (s) { if (s.length > best.length && ends(s)) best = s; });
      return best;
    }
    var s, k;
    /* Step 1. */
    s = longest("em ern er e en es s");
    k = w.length - s.length;
    if (s && k >= p1) {
      if (s === "s") {
        if (k >= 1 && "bdfghklmnrt".indexOf(w.charAt(k - 1)) >= 0) w = w.slice(0, k);
      } else {
        w = w.slice(0, k);
        if ((s === "e" || s === "en" || s === "es") && ends("niss")) w = w.slice(0, -1);
      }
    }
    /* Step 2. */
    s = longest("en er est st");
    k = w.length - s.length;
    if (s && k >= p1) {
      if (s !== "st") w = w.slice(0, k);
      else if (k >= 1 && "bdfghklmnt".indexOf(w.charAt(k - 1)) >= 0 && k - 1 >= 3) w = w.slice(0, k);
    }
    /* Step 3: d-suffixes, in R2. */
    s = longest("end ung ig ik isch lich heit keit");
    k = w.length - s.length;
    if (s && k >= p2) {
      if (s === "end" || s === "ung") {
        w = w.slice(0, k);
        if (ends("ig") && w.charAt(w.length - 3) !== "e" && w.length - 2 >= p2) w = w.slice(0, -2);
      } else if (s === "ig" || s === "ik" || s === "isch") {
        if (w.charAt(k - 1) !== "e") w = w.slice(0, k);
      } else if (s === "lich" || s === "heit") {
        w = w.slice(0, k);
        if ((ends("er") || ends("en")) && w.length - 2 >= p1) w = w.slice(0, -2);
      } else {
        w = w.slice(0, k);
        var t = ends("lich") ? "lich" : ends("ig") ? "ig" : "";
        if (t && w.length - t.length >= p2) w = w.slice(0, w.length - t.length);
      }
    }
    /* Marked letters back to lower case. */
    return w.replace(/U/g, "u").replace(/Y/g, "y");
  }

  languages.de = {
    stops: [
      "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander",
      "andere", "anderem", "anderen", "anderer", "anderes", "auch", "auf", "aus", "bei", "beim",
      "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "dem", "den", "der", "des",
      "dich", "die", "dir", "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen",
      "einer", "eines", "er", "es", "euch", "euer", "fur", "hat", "hatte", "hier", "ich", "ihm",
      "ihn", "ihr", "im", "in", "ins", "ist", "ja", "jede", "jedem", "jeden", "jeder", "jedes",
      "kann", "kein", "keine", "man", "mein", "mich", "mir", "mit", "muss", "nach", "nicht",
      "noch", "nun", "nur", "ob", "oder", "ohne", "sehr", "sein", "sich", "sie", "sind", "so",
      "soll", "sondern", "uber", "um", "und", "uns", "unser", "vom", "von", "vor", "war", "waren",
      "was", "weil", "welche", "wenn", "wer", "werden", "wie", "wieder", "will", "wir", "wird",
      "wo", "zu", "zum", "zur", "zwischen"],
    stem: stemGerman
  };
})(window.__handbookLanguages = window.__handbookLanguages || {});
