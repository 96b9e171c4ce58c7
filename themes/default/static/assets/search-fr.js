/* French for the search engine of sites built by handbook (assets/search-engine.js): the
   words too common to index and the Snowball stemmer, the same as the index builder's
   (src/search/stops.rs and rust-stemmers). assets/search.js loads this file with the engine on
   pages whose language it is; the engine takes it from window.__handbookLanguages. */
(function (languages) {
  "use strict";

  /**
   * Snowball French stemmer, giving the same output as rust-stemmers 1.2.0
   * (Algorithm::French) on folded words: the index folds accents away before stemming, so the
   * algorithm's accented letters and suffixes (é, è, î, â, ë, ç) never match and are left out.
   * Algorithm: https://snowballstem.org/algorithms/french/stemmer.html
   */
  function frIsV(c) { return c.length === 1 && 'aeiouy'.indexOf(c) >= 0; }

  /* The longest of `list` (space-separated) that `w` ends with, or "". */
  function frLongest(w, list) {
    var best = "";
    list.split(" ").forEach(function (s) {
      if (s.length > best.length && w.length >= s.length && w.slice(w.length - s.length) === s) best = s;
    });
    return best;
  }

  /* The engine gives it words whose letters beyond the BMP are one unit each (\ue000). */
  function stemFrench(word) {
    var a = word.split(""), n = a.length, i;
    /* u or i between vowels, y next to a vowel and u after q are consonants (marked upper
       case), left to right: a letter marked is no longer a vowel for the next. */
    for (i = 0; i < n; i++) {
      var b = a[i + 1] || "", c = a[i + 2] || "";
      if (frIsV(a[i]) && (b === 'u' || b === 'i') && frIsV(c)) a[i + 1] = b.toUpperCase();
      else if (frIsV(a[i]) && b === 'y') a[i + 1] = 'Y';
      else if (a[i] === 'y' && frIsV(b)) a[i] = 'Y';
      else if (a[i] === 'q' && b === 'u') a[i + 1] = 'U';
    }
    var w = a.join("");

    /* RV: after the third letter when the first two are vowels or the word begins col, par or
       tap; otherwise after the first vowel not at the start. R1 and R2: after the first
       non-vowel that follows a vowel (then again from there). */
    var pV = n;
    if ((n >= 3 && frIsV(w.charAt(0)) && frIsV(w.charAt(1))) || /^(col|par|tap)/.test(w)) {
      pV = 3;
    } else {
      for (i = 1; i < n && !frIsV(w.charAt(i)); i++);
      if (i < n) pV = i + 1;
    }
    function after(from) {
      for (var j = from; j < n; j++) if (frIsV(w.charAt(j))) break;
      for (j++; j < n; j++) if (!frIsV(w.charAt(j))) return j + 1;
      return n;
    }
    var p1 = after(0), p2 = p1 < n ? after(p1) : n;

    /* Deletes `s` from the end of w, or puts `by` in its place. */
    function cut(s, by) { w = w.slice(0, w.length - s.length) + (by || ""); }
    function ends(s, p) { return w.length - s.length >= p && w.slice(w.length - s.length) === s; }

    /* Step 1: standard suffixes. Some only rewrite the word and fail, letting step 2 go on. */
    function standard() {
      var s = frLongest(w, 'ance ances iqUe iqUes isme ismes able ables iste istes eux atrice ' +
        'atrices ateur ateurs ation ations logie logies usion usions ution utions ence ences ' +
        'ement ements ment ments issement issements amment emment if ifs ive ives euse euses ' +
        'eaux aux');
      if (!s) return false;
      var k = w.length - s.length, t;
      if (s === 'eaux') { cut('x'); return true; }
      if (s === 'aux') { if (k < p1) return false; cut('ux', 'l'); return true; }
      if (s === 'amment' || s === 'emment') {
        if (k >= pV) cut(s, s.charAt(0) + 'nt');
        return false;
      }
      if (s === 'ment' || s === 'ments') {
        if (k - 1 >= pV && frIsV(w.charAt(k - 1))) cut(s);
        return false;
      }
      if (s === 'issement' || s === 'issements') {
        if (k < p1 || frIsV(w.charAt(k - 1))) return false;
        cut(s);
        return true;
      }
      if (s === 'euse' || s === 'euses') {
        if (k >= p2) cut(s);
        else if (k >= p1) cut(s, 'eux');
        else return false;
        return true;
      }
      if (s === 'ement' || s === 'ements') {
        if (k < pV) return false;
        cut(s);
        t = frLongest(w, 'iv eus abl iqU');
        if (t === 'eus') {
          if (ends(t, p2)) cut(t);
          else if (ends(t, p1)) cut(t, 'eux');
        } else if (t && ends(t, p2)) {
          cut(t);
          if (t === 'iv' && ends('at', p2)) cut('at');
        }
        return true;
      }
      if (k < p2) return false;
      if (/^logies?$/.test(s)) cut(s, 'log');
      else if (/^u[st]ions?$/.test(s)) cut(s, 'u');
      else if (/^ences?$/.test(s)) cut(s, 'ent');
      else cut(s);
      /* After atrice, ateur, ation: ic; after if, ive: at, then ic. */
      var ic = /^at/.test(s);
      if (/^i(f|ve)s?$/.test(s) && ends('at', p2)) { cut('at'); ic = true; }
      if (ic && ends('ic', 0)) cut('ic', ends('ic', p2) ? "" : 'iqU');
      return true;
    }
    /* Step 2a: verb suffixes beginning i, in RV, after a non-vowel also in RV. */
    function iVerb() {
      var s = frLongest(w.slice(pV), 'i ie ies ir ira irai iras is isse isses issante issantes ' +
        'irais issais irions issions irons issons issants it irait issait issant iraIent ' +
        'issaIent irent issent iront iriez issiez irez issez');
      var k = w.length - s.length;
      if (!s || k <= pV || frIsV(w.charAt(k - 1))) return false;
      cut(s);
      return true;
    }
    /* Step 2b: other verb suffixes, in RV (ions in R2); an e in RV before one in a goes too. */
    function verb() {
      var s = frLongest(w.slice(pV), 'ions er era erai eras erais erions erons erait eraIent ' +
        'eront ez iez eriez erez a asse ante ai as asses antes ais assions ants ait ant aIent ' +
        'assent assiez');
      if (!s || (s === 'ions' && w.length - s.length < p2)) return false;
      cut(s);
      if (s.charAt(0) === 'a' && ends('e', pV)) cut('e');
      return true;
    }

    if (standard() || iVerb() || verb()) {
      if (/Y$/.test(w)) cut('Y', 'i');
    } else {
      /* Step 4: residual suffixes: a final s (not after a, i, o, u or s); then, in RV, ion
         after s or t (in R2), ier (to i) or e. */
      if (/[^aiosu]s$/.test(w)) cut('s');
      var r = frLongest(w.slice(pV), 'e ion ier Ier');
      if (r === 'ion') {
        if (w.length - 3 >= p2 && w.length - 4 >= pV && /[st]ion$/.test(w)) cut(r);
      } else if (r === 'e') {
        cut(r);
      } else if (r) {
        cut(r, 'i');
      }
    }
    /* Step 5: a final double consonant is undoubled after e or o. */
    if (/(ell|eill|enn|onn|ett)$/.test(w)) w = w.slice(0, -1);

    /* Marked letters back to lower case. */
    return w.replace(/[IUY]/g, function (c) { return c.toLowerCase(); });
  }

  languages.fr = {
    stops: [
      "ai", "aie", "aient", "aies", "ait", "as", "au", "aura", "aurai", "auraient", "aurais",
      "aurait", "auras", "aurez", "auriez", "aurions", "aurons", "auront", "aux", "avaient",
      "avais", "avait", "avec", "avez", "aviez", "avions", "avons", "ayant", "ayez", "ayons", "ce",
      "ceci", "cela", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "elles", "en", "es",
      "est", "et", "etaient", "etais", "etait", "etant", "ete", "etes", "etiez", "etions", "eu",
      "eue", "eues", "eurent", "eus", "eut", "eux", "furent", "fus", "fut", "ici", "il", "ils",
      "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme", "mes", "moi",
      "mon", "ne", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "pour", "qu", "que",
      "quel", "quelle", "quelles", "quels", "qui", "sa", "sans", "se", "sera", "serai", "seraient",
      "serais", "serait", "seras", "serez", "seriez", "serions", "serons", "seront", "ses", "soi",
      "soient", "sois", "soit", "sommes", "son", "sont", "soyez", "soyons", "suis", "sur", "ta",
      "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous"],
    stem: stemFrench
  };
})(window.__handbookLanguages = window.__handbookLanguages || {});
