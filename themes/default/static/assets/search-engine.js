/* The search engine of sites built by handbook: what a word is (the same rules as the index
   builder, src/search/terms.rs: runs of letters and digits, lowercased, accents removed; CJK
   ideographs, Hiragana and Katakana are words of their own; English words also match by their
   Snowball stem), and matching, ranking and filtering over the index files that a loader
   function gives it. No DOM: assets/search.js loads this file when a reader first searches and
   draws the results; the tests run it in Node. */
(function () {
  "use strict";
  if (typeof Promise === "undefined" || !String.prototype.normalize) return;

  /* ---------- Words ---------- */
  var SINGLE = /[\u{3040}-\u{30FF}\u{3400}-\u{4DBF}\u{4E00}-\u{9FFF}\u{F900}-\u{FAFF}\u{20000}-\u{2FA1F}]/u;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  var ALPHA = /\p{Alphabetic}/u;
  var DIGITS = /^\p{N}$/u;
  var MARKS = /\p{M}/gu;
  var MAX_WORD = 40;
  /* Words too common to index: English's here (src/search/stops.rs: the same table). Other
     languages' come with their stemmer in a file of their own (assets/search-<code>.js, loaded
     by assets/search.js on their pages, see src/search/terms.rs), which registers them in
     window.__handbookLanguages as {stops, stem}. The index's language sets which (`language`);
     a language without such a file uses English's stop words and no stemmer. */
  var STOPS_EN = new Set(["a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from",
    "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "just", "me", "my", "no", "not", "of", "on", "one", "or", "our", "out", "she", "so", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "up", "us",
    "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your"]);
  var LANGUAGES = window.__handbookLanguages || (window.__handbookLanguages = {});
  var STOP = STOPS_EN;
  function language(lang) {
    var l = lang && LANGUAGES[lang];
    STOP = l ? (l.stopSet || (l.stopSet = new Set(l.stops))) : STOPS_EN;
  }

  /* A word as the index stores it (src/search/terms.rs `fold`): lowercased, decomposed (NFD),
     combining marks removed, final sigma as sigma; but Cyrillic и directly followed by the
     combining breve (U+0306, as NFD writes й and Й) is й, a letter of its own in Russian,
     Ukrainian, Belarusian and Bulgarian that Russian stemming needs. Other marks go: ё is е,
     ў is у, ї is і. */
  function fold(w) {
    return w.toLowerCase().normalize("NFD").replace(/и\u0306/g, "й").replace(MARKS, "")
      .replace(/ς/g, "σ");
  }

  /* Every word of text with its place: {w (folded), start, end, indexed}. */
  function tokens(text) {
    var out = [];
    var start = -1;
    var pos = 0;
    function flush(end) {
      if (start < 0) return;
      var w = fold(text.slice(start, end));
      var n = Array.from(w).length;
      var indexed = (n >= 2 && n <= MAX_WORD && !STOP.has(w)) || (n === 1 && DIGITS.test(w));
      out.push({ w: w, start: start, end: end, indexed: indexed });
      start = -1;
    }
    Array.from(text).forEach(function (c) {
      if (SINGLE.test(c)) {
        flush(pos);
        out.push({ w: c, start: pos, end: pos + c.length, indexed: true });
      } else if (ALNUM.test(c)) {
        if (start < 0) start = pos;
      } else {
        flush(pos);
      }
      pos += c.length;
    });
    flush(pos);
    return out;
  }

  /* The indexed words of text, each once, in order. */
  function words(text) {
    var seen = new Set();
    return tokens(text).filter(function (t) {
      if (!t.indexed || seen.has(t.w)) return false;
      seen.add(t.w);
      return true;
    }).map(function (t) { return t.w; });
  }

  /*
   * Snowball English ("Porter2") stemmer, written to give exactly the same
   * output as the Rust crate rust-stemmers 1.2.0 (Algorithm::English).
   * Algorithm: https://snowballstem.org/algorithms/english/stemmer.html
   * (the crate follows the 2006 revision of the algorithm).
   */

  // True if c (one character) is a vowel: a e i o u y. 'Y' (a marked y) is not.
  function stemIsV(c) {
    return c !== '' && 'aeiouy'.indexOf(c) >= 0;
  }

  // Index just after the first non-vowel that follows a vowel, searching from i;
  // w.length if there is none. Used to find the R1 and R2 regions.
  function stemPast(w, i) {
    while (i < w.length && !stemIsV(w.charAt(i))) i++;
    while (i < w.length && stemIsV(w.charAt(i))) i++;
    return i < w.length ? i + 1 : w.length;
  }

  // "Short syllable" ending at the end of w: non-vowel, vowel, non-vowel other
  // than w, x or Y; or, at the very start of the word, vowel then non-vowel.
  function stemShortV(w) {
    var n = w.length, last = w.charAt(n - 1);
    if (n >= 3 && 'aeiouywxY'.indexOf(last) < 0 && stemIsV(w.charAt(n - 2)) &&
        !stemIsV(w.charAt(n - 3))) return true;
    return n === 2 && !stemIsV(last) && stemIsV(w.charAt(0));
  }

  // Longest suffix of w among the space-separated rules "suffix=replacement"
  // (or just "suffix"); returns [suffix, replacement] or null.
  function stemFind(w, rules) {
    var list = rules.split(' '), best = null, i, r;
    for (i = 0; i < list.length; i++) {
      r = list[i].split('=');
      if (r[0].length <= w.length && w.slice(w.length - r[0].length) === r[0] &&
          (!best || r[0].length > best[0].length)) best = r;
    }
    return best;
  }

  function stemEnglish(w) {
    var orig = w, p1, p2, r, s, base, yFound = false, i, k;
    var EXC = /^(?:skis|skies|dying|lying|tying|idly|gently|ugly|early|only|singly|sky|news|howe|atlas|cosmos|bias|andes)$/;
    var EXC_TO = { skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl',
      gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl' };

    // Whole-word exceptions, checked before anything else.
    if (EXC.test(w)) return EXC_TO.hasOwnProperty(w) ? EXC_TO[w] : w;

    // The Rust crate counts Unicode characters, JS strings count UTF-16 units.
    // Replace each astral character (surrogate pair) by one placeholder unit so
    // that one unit is one character; they are put back at the end. Non-ASCII
    // characters are never removed by the algorithm, so their order is kept.
    var astral = /[\ud800-\udbff][\udc00-\udfff]|\ue000/g;
    var saved = w.match(astral);
    if (saved) w = w.replace(astral, '\ue000');

    // Words of fewer than 3 characters are left alone.
    if (w.length < 3) return orig;

    // Prelude: drop a leading apostrophe; mark y as consonant ('Y') when it
    // starts the word or follows a vowel.
    if (w.charAt(0) === "'") w = w.slice(1);
    for (i = 0; i < w.length; i++) {
      if (w.charAt(i) === 'y' && (i === 0 || stemIsV(w.charAt(i - 1)))) {
        w = w.slice(0, i) + 'Y' + w.slice(i + 1);
        yFound = true;
      }
    }

    // Regions: R1 starts after the first vowel+non-vowel (or after one of the
    // prefixes gener/commun/arsen), R2 after the next vowel+non-vowel in R1.
    r = /^(gener|commun|arsen)/.exec(w);
    p1 = r ? r[1].length : stemPast(w, 0);
    p2 = stemPast(w, p1);

    // Step 0: possessive endings.
    r = stemFind(w, "' 's 's'");
    if (r) w = w.slice(0, w.length - r[0].length);

    // Step 1a: plurals.
    r = stemFind(w, 'sses ied ies us ss s');
    if (r) {
      base = w.slice(0, w.length - r[0].length);
      if (r[0] === 'sses') w = base + 'ss';
      else if (r[0] === 'ied' || r[0] === 'ies') w = base + (base.length >= 2 ? 'i' : 'ie');
      // 's' goes if a vowel occurs before the letter preceding it
      else if (r[0] === 's' && /[aeiouy]/.test(base.slice(0, -1))) w = base;
    }

    // Words left invariant after Step 1a.
    if (!/^(?:inning|outing|canning|herring|earring|proceed|exceed|succeed)$/.test(w)) {

      // Step 1b: -eed, -ed, -ing and their -ly forms.
      r = stemFind(w, 'eed eedly ed edly ing ingly');
      if (r) {
        base = w.slice(0, w.length - r[0].length);
        if (r[0] === 'eed' || r[0] === 'eedly') {
          if (base.length >= p1) w = base + 'ee';
        } else if (/[aeiouy]/.test(base)) {
          w = base;
          if (/(at|bl|iz)$/.test(w)) w += 'e';
          else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
          else if (w.length === p1 && stemShortV(w)) w += 'e';  // short word
        }
      }

      // Step 1c: final y/Y -> i after a non-vowel that is not the first letter.
      if (w.length > 2 && /[yY]$/.test(w) && !stemIsV(w.charAt(w.length - 2))) {
        w = w.slice(0, -1) + 'i';
      }

      // Step 2: suffix in R1 is replaced.
      r = stemFind(w, 'tional=tion enci=ence anci=ance abli=able entli=ent izer=ize ization=ize ' +
        'ational=ate ation=ate ator=ate alism=al aliti=al alli=al fulness=ful ousli=ous ' +
        'ousness=ous iveness=ive iviti=ive biliti=ble bli=ble ogi=og fulli=ful lessli=less li=');
      if (r && w.length - r[0].length >= p1) {
        base = w.slice(0, w.length - r[0].length);
        k = base.charAt(base.length - 1);
        if (r[0] === 'ogi') { if (k === 'l') w = base + 'og'; }
        else if (r[0] === 'li') { if (k !== '' && 'cdeghkmnrt'.indexOf(k) >= 0) w = base; }
        else w = base + r[1];
      }

      // Step 3: suffix in R1 is replaced ('ative' must also be in R2).
      r = stemFind(w, 'tional=tion ational=ate alize=al icate=ic iciti=ic ical=ic ful= ness= ative=');
      if (r && w.length - r[0].length >= p1 &&
          (r[0] !== 'ative' || w.length - r[0].length >= p2)) {
        w = w.slice(0, w.length - r[0].length) + r[1];
      }

      // Step 4: suffix in R2 is deleted ('ion' only after s or t).
      r = stemFind(w, 'al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion');
      if (r && w.length - r[0].length >= p2) {
        base = w.slice(0, w.length - r[0].length);
        if (r[0] !== 'ion' || /[st]$/.test(base)) w = base;
      }

      // Step 5: final e (in R2, or in R1 and not after a short syllable);
      // final l (in R2 and after another l).
      k = w.length - 1;
      if (w.charAt(k) === 'e') {
        if (k >= p2 || (k >= p1 && !stemShortV(w.slice(0, k)))) w = w.slice(0, k);
      } else if (w.charAt(k) === 'l') {
        if (k >= p2 && w.charAt(k - 1) === 'l') w = w.slice(0, k);
      }
    }

    // Postlude: turn marked Y back into y; restore astral characters.
    if (yFound) w = w.replace(/Y/g, 'y');
    if (saved) {
      i = 0;
      w = w.replace(/\ue000/g, function () { return saved[i++]; });
    }
    return w;
  }

  /* A language file's stem function as the engine calls it: Rust counts letters, JS strings
     UTF-16 units, so each letter beyond the BMP stands in as one unit (\ue000: never a vowel,
     never in a suffix, never removed) and is put back after, and the stemmer's regions are
     counted in letters. */
  var ASTRAL = /[\ud800-\udbff][\udc00-\udfff]|\ue000/g;
  function letterwise(stem) {
    return function (w) {
      var saved = w.match(ASTRAL);
      if (!saved) return stem(w);
      var i = 0;
      return stem(w.replace(ASTRAL, "\ue000")).replace(/\ue000/g, function () { return saved[i++]; });
    };
  }

  /* The stem function for a manifest's language (see Stems in src/search/terms.rs). */
  function stemmer(lang) {
    var stem = lang === "en" ? stemEnglish : lang && LANGUAGES[lang] ? letterwise(LANGUAGES[lang].stem) : null;
    if (!stem) return function (w) { return w; };
    var cache = new Map();
    return function (w) {
      if (!ALPHA.test(w)) return w;
      var s = cache.get(w);
      if (s === undefined) { s = stem(w); cache.set(w, s); }
      return s;
    };
  }

  /* ---------- Engine ---------- */
  var MORE = "0123456789abcdefghijklmnopqrstuv";
  var LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ$%&*+=";
  var K1 = 1.2;
  /* How much a word counts by how it matched the query's word. */
  var EXACT = 1, PREFIX = 0.8, STEM = 0.6, TYPO = 0.5;

  function numbers(s) {
    var out = [];
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var d = MORE.indexOf(s[i]);
      if (d >= 0) { n = n * 32 + d; continue; }
      out.push(n * 32 + LAST.indexOf(s[i]));
      n = 0;
    }
    return out;
  }
  function deltas(s) {
    var at = 0;
    return numbers(s).map(function (n) { at += n; return at; });
  }
  function shardName(key) {
    var hex = "";
    new TextEncoder().encode(key).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return "t-" + hex;
  }
  function distance(a, b, max) {
    /* Damerau-Levenshtein (adjacent transpositions), giving up past max. */
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  /* A search engine over the index files that load(name) resolves to. */
  function engine(load) {
    var m = null;
    var stem = null;
    var firstDoc = null; /* per page, its first document; one more at the end */
    var pageOfDoc = null;
    var shardStarts = null;

    function ready() {
      return load("index").then(function (manifest) {
        if (m) return m;
        m = manifest;
        stem = stemmer(m.lang);
        language(m.lang);
        var extra = new Map();
        var pairs = numbers(m.multi);
        for (var i = 0, p = 0; i < pairs.length; i += 2) { p += pairs[i]; extra.set(p, pairs[i + 1]); }
        firstDoc = new Array(m.pages + 1);
        pageOfDoc = new Array(m.docs);
        var d = 0;
        for (var page = 0; page < m.pages; page++) {
          firstDoc[page] = d;
          var n = 1 + (extra.get(page) || 0);
          for (var k = 0; k < n; k++) pageOfDoc[d + k] = page;
          d += n;
        }
        firstDoc[m.pages] = d;
        shardStarts = deltas(m.ds);
        return m;
      });
    }

    /* The shard keys a word needs: those its word and stem start with, and for a prefix the
       keys that start with it. */
    function keysFor(t, st, prefix) {
      var out = new Set();
      [t, st].forEach(function (w) {
        var best = "";
        m.keys.forEach(function (k) { if (w.startsWith(k) && k.length > best.length) best = k; });
        if (best) out.add(best);
      });
      if (prefix) {
        var more = 0;
        m.keys.forEach(function (k) { if (more < 8 && (k.startsWith(t) || k.startsWith(st))) { out.add(k); more++; } });
      }
      return Array.from(out);
    }

    /* Every word of the loaded shards: [stem, word, postings string]. */
    function eachWord(shards, f) {
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (g) {
          var group = shard[g];
          if (typeof group === "string") f(g, g, group);
          else Object.keys(group).forEach(function (w) { f(g, w, group[w]); });
        });
      });
    }

    /* Scores (before idf) of the documents matching one query word, as {docs: the matching
       document ids, score: Float32Array by document}. Postings are decoded in place: a query
       for a common prefix reads tens of thousands of them. */
    function matchWord(shards, t, prefix) {
      var st = stem(t);
      var score = new Float32Array(m.docs);
      var literal = new Uint8Array(m.docs);
      var docs = [];
      eachWord(shards, function (g, w, list) {
        var kind = w === t ? EXACT : prefix && w.startsWith(t) ? PREFIX : g === st ? STEM : 0;
        if (!kind) return;
        var n = 0, doc = 0;
        for (var i = 0; i < list.length; i++) {
          var c = list.charCodeAt(i);
          /* "0"-"9" and "a"-"v" continue a number; the LAST alphabet ends it. */
          var d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 118 ? c - 87 : -1;
          if (d >= 0) { n = n * 32 + d; continue; }
          n = n * 32 + (c >= 65 && c <= 90 ? c - 65 : LAST.indexOf(list[i]));
          doc += Math.floor(n / 16);
          var v = (n % 16) * kind;
          if (score[doc] === 0) docs.push(doc);
          if (v > score[doc]) score[doc] = v;
          if (kind >= PREFIX) literal[doc] = 1;
          n = 0;
        }
      });
      return { docs: docs, score: score, literal: literal };
    }

    /* The most common word within one edit of t (two for long words), or null. */
    function correct(shards, t) {
      var n = Array.from(t).length;
      if (n < 4 || !ALPHA.test(t)) return null;
      var max = n >= 8 ? 2 : 1;
      var pick = null;
      eachWord(shards, function (g, w, list) {
        var d = distance(t, w, max);
        if (d > max) return;
        var df = 0;
        for (var i = 0; i < list.length; i++) {
          var c = list.charCodeAt(i);
          if (!(c >= 48 && c <= 57) && !(c >= 97 && c <= 118)) df++;
        }
        if (!pick || d < pick.d || (d === pick.d && df > pick.df)) pick = { w: w, d: d, df: df };
      });
      return pick && pick.w;
    }

    /* The pages allowed by filters ({facet: slug}), or null for all; and the facets. */
    function filtered(filters) {
      var keys = Object.keys(filters || {}).filter(function (k) { return filters[k]; });
      if (!keys.length) return Promise.resolve({ allowed: null, keys: keys });
      return load("f").then(function (f) {
        var allowed = null;
        keys.forEach(function (key) {
          var facet = f.facets.find(function (x) { return x[0] === key; });
          var value = facet && facet[2].find(function (v) { return v[0] === filters[key]; });
          var pages = new Set(value ? deltas(value[2]) : []);
          allowed = allowed ? new Set(Array.from(allowed).filter(function (p) { return pages.has(p); })) : pages;
        });
        return { allowed: allowed, keys: keys, f: f };
      });
    }

    /* Runs a query: {terms, corrected, prefix, pages: [{page, score, subs: [doc]}]} in rank order;
       null when there is nothing to search for. */
    function search(query, filters) {
      var terms = words(query || "");
      var prefix = terms.length > 0 && !/\s$/.test(query) && Array.from(terms[terms.length - 1]).length >= 2;
      return Promise.all([ready(), filtered(filters)]).then(function (got) {
        var allowed = got[1].allowed;
        if (!terms.length) {
          if (!allowed) return null;
          var order = numbers(got[1].f.order).filter(function (p) { return allowed.has(p); });
          return { terms: [], corrected: [], prefix: false, pages: order.map(function (p) { return { page: p, score: 0, subs: [] }; }) };
        }
        var names = new Set();
        terms.forEach(function (t, k) {
          keysFor(t, stem(t), prefix && k === terms.length - 1).forEach(function (key) { names.add(shardName(key)); });
        });
        return Promise.all(Array.from(names).map(function (n) { return load(n).catch(function () { return {}; }); }))
          .then(function (shards) { return rank(terms, prefix, shards, allowed); });
      });
    }

    function rank(terms, prefix, shards, allowed) {
      var corrected = [];
      var T = terms.length;
      /* Per page and term, the best score of the page's documents; per document of a page
         with sections, its total (to order the sections shown under it). */
      var best = new Float32Array(m.pages * T);
      /* Whether the page has the word as typed (or a completion of it), not only another form. */
      var literal = new Uint8Array(m.pages * T);
      var touched = [];
      var seen = new Uint8Array(m.pages);
      var sections = new Map();
      terms.forEach(function (t, k) {
        var isPrefix = prefix && k === T - 1;
        var hit = matchWord(shards, t, isPrefix);
        var weight = 1;
        if (!hit.docs.length) {
          var fix = correct(shards, t);
          if (fix) {
            corrected.push([t, fix]);
            hit = matchWord(shards, fix, false);
            weight = TYPO;
          }
        }
        var df = hit.docs.length;
        var scale = weight * (K1 + 1) * Math.log(1 + (m.docs - df + 0.5) / (df + 0.5)) / m.levels;
        hit.docs.forEach(function (d) {
          var p = pageOfDoc[d];
          if (allowed && !allowed.has(p)) return;
          var s = hit.score[d] * scale;
          if (!seen[p]) { seen[p] = 1; touched.push(p); }
          if (s > best[p * T + k]) best[p * T + k] = s;
          if (hit.literal[d] && weight === 1) literal[p * T + k] = 1;
          if (firstDoc[p + 1] - firstDoc[p] > 1 && d !== firstDoc[p]) sections.set(d, (sections.get(d) || 0) + s);
        });
      });
      var list = touched.map(function (p) {
        var hits = 0, literals = 0, score = 0;
        for (var k = 0; k < T; k++) {
          var v = best[p * T + k];
          if (v > 0) { hits++; score += v; literals += literal[p * T + k]; }
        }
        return { page: p, hits: hits, literals: literals, score: score, subs: null };
      });
      var all = list.filter(function (e) { return e.hits === T; });
      var partial = !all.length && list.length > 0 && T > 1;
      if (all.length) list = all;
      /* Pages with more of the words, then more of them as typed (exact and completed words
         rank above other forms of a word), then by score. */
      list.sort(function (a, b) { return b.hits - a.hits || b.literals - a.literals || b.score - a.score || a.page - b.page; });
      list.forEach(function (e) {
        var subs = [];
        for (var d = firstDoc[e.page] + 1; d < firstDoc[e.page + 1]; d++) if (sections.has(d)) subs.push(d);
        e.subs = subs.sort(function (a, b) { return sections.get(b) - sections.get(a) || a - b; });
      });
      return { terms: terms, corrected: corrected, prefix: prefix, partial: partial, pages: list };
    }

    /* The documents' data: [url, title, label, text] for each id. */
    function docs(ids) {
      return ready().then(function () {
        var names = new Set(ids.map(shardOf));
        return Promise.all(Array.from(names).map(function (n) { return load("d-" + n); })).then(function () {
          return ids.map(function (d) {
            var n = shardOf(d);
            return load.cached("d-" + n)[d - shardStarts[n]];
          });
        });
      });
    }
    function shardOf(d) {
      var lo = 0, hi = shardStarts.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (shardStarts[mid] <= d) lo = mid; else hi = mid - 1; }
      return lo;
    }

    /* Puts pages whose title holds the query's words side by side first among the given
       (already loaded) results. */
    function phraseFirst(found, shown) {
      if (found.terms.length < 2) return shown;
      var stems = found.terms.map(stem).join(" ");
      return shown.map(function (r, k) {
        var t = words(r.doc[1]).map(stem).join(" ");
        return { r: r, k: k, phrase: (" " + t + " ").indexOf(" " + stems + " ") >= 0 };
      }).sort(function (a, b) { return (b.phrase - a.phrase) || (a.k - b.k); }).map(function (x) { return x.r; });
    }

    /* Loads what the results from..to show: [{page, doc, subs: [[id, doc]]}]. */
    function show(found, from, to, subsPerPage) {
      var slice = found.pages.slice(from, to);
      var ids = [];
      slice.forEach(function (e) {
        ids.push(firstDoc[e.page]);
        e.subs.slice(0, subsPerPage).forEach(function (d) { ids.push(d); });
      });
      return docs(ids).then(function (data) {
        var at = 0;
        var out = slice.map(function (e) {
          var r = { page: e.page, doc: data[at++], subs: [] };
          e.subs.slice(0, subsPerPage).forEach(function (d) { r.subs.push(data[at++]); });
          return r;
        });
        return from === 0 ? phraseFirst(found, out) : out;
      });
    }

    /* Counts of each filter value among the pages found without filters (or all pages), each
       facet counted under the other facets' filters, so its other values stay choosable. */
    function counts(found, filters) {
      return Promise.all([ready(), load("f")]).then(function (got) {
        var f = got[1];
        var base = found ? found.pages.map(function (e) { return e.page; }) : Array.from({ length: m.pages }, function (_, p) { return p; });
        var sets = f.facets.map(function (facet) {
          return facet[2].map(function (v) { return new Set(deltas(v[2])); });
        });
        var chosen = f.facets.map(function (facet, k) {
          var want = filters && filters[facet[0]];
          var at = want ? facet[2].findIndex(function (v) { return v[0] === want; }) : -1;
          return want ? (at >= 0 ? sets[k][at] : new Set()) : null;
        });
        return f.facets.map(function (facet, k) {
          var pool = base.filter(function (p) {
            return chosen.every(function (set, j) { return j === k || !set || set.has(p); });
          });
          return [facet[0], facet[2].map(function (v, i) {
            var n = 0;
            pool.forEach(function (p) { if (sets[k][i].has(p)) n++; });
            return [v[0], n];
          })];
        });
      });
    }

    return { ready: ready, search: search, show: show, counts: counts, stem: function (w) { return stem ? stem(w) : w; } };
  }

  window.__handbookSearchEngine = { fold: fold, words: words, tokens: tokens, stemmer: stemmer, language: language, engine: engine, distance: distance };
})();
