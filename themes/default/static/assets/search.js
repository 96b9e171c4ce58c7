/* Search for sites built by handbook. The index is a set of small script files under search/,
   loaded with <script> tags as needed (so search also works from file://, where fetch does not).
   Results are built with DOM text APIs only: indexed text is never parsed as HTML.
   Words follow the same rules as the index builder (src/search.rs): runs of letters and digits,
   lowercased; CJK ideographs, Hiragana and Katakana are words of their own. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  var script = document.currentScript;
  if (!box || !script || !window.Promise) return;
  var input = box.querySelector("input");
  var list = document.getElementById("search-results");
  var status = box.querySelector(".search-status");
  var root = new URL("../", script.src);
  var base = new URL("search/", root);
  box.hidden = false;

  var SINGLE = /[\u{3040}-\u{30FF}\u{3400}-\u{4DBF}\u{4E00}-\u{9FFF}\u{F900}-\u{FAFF}\u{20000}-\u{2FA1F}]/u;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  var DIGITS = /^\p{N}$/u;
  var STOP = new Set(["a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from",
    "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "just", "me", "my", "no", "not", "of", "on", "one", "or", "our", "out", "she", "so", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "up", "us",
    "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your"]);
  var WEIGHT = [1, 2.5, 4, 8]; /* body, heading, meta, title */
  var MORE = "0123456789abcdefghijklmnopqrstuv";
  var LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ$%&*+=";
  var MAX_RESULTS = 10;

  /* Every token of text with its position: {w, start, end, indexed}. */
  function tokens(text) {
    var out = [];
    var start = -1;
    var chars = Array.from(text);
    var pos = 0;
    function flush(end) {
      if (start < 0) return;
      var w = text.slice(start, end).toLowerCase();
      var n = Array.from(w).length;
      var indexed = (n >= 2 && n <= 40 && !STOP.has(w)) || (n === 1 && DIGITS.test(w));
      out.push({ w: w, start: start, end: end, indexed: indexed });
      start = -1;
    }
    chars.forEach(function (c) {
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

  function words(text) {
    var seen = new Set();
    return tokens(text).filter(function (t) {
      if (!t.indexed || seen.has(t.w)) return false;
      seen.add(t.w);
      return true;
    }).map(function (t) { return t.w; });
  }

  /* Index files, each loaded once through a <script> tag that calls __handbookSearch. */
  var loaded = Object.create(null);
  var pending = Object.create(null);
  window.__handbookSearch = function (name, data) {
    loaded[name] = data;
    (pending[name] || []).forEach(function (p) { p.resolve(data); });
    delete pending[name];
  };
  function load(name) {
    if (name in loaded) return Promise.resolve(loaded[name]);
    return new Promise(function (resolve, reject) {
      if (pending[name]) { pending[name].push({ resolve: resolve, reject: reject }); return; }
      pending[name] = [{ resolve: resolve, reject: reject }];
      var s = document.createElement("script");
      s.src = new URL(name + ".js", base).href;
      s.async = true;
      s.onerror = function () {
        (pending[name] || []).forEach(function (p) { p.reject(new Error("cannot load " + name)); });
        delete pending[name];
      };
      document.head.appendChild(s);
    });
  }
  function shardName(key) {
    var hex = "";
    new TextEncoder().encode(key).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return "t-" + hex;
  }
  /* The shard keys a term needs: the longest key it starts with, and for a prefix search the
     keys that start with it. */
  function keysFor(keys, term, prefix) {
    var best = "";
    var out = [];
    keys.forEach(function (k) {
      if (term.startsWith(k) && k.length > best.length) best = k;
      else if (prefix && k.startsWith(term) && out.length < 8) out.push(k);
    });
    if (best) out.push(best);
    return out;
  }
  function decode(s) {
    var out = [];
    var n = 0;
    var doc = 0;
    for (var i = 0; i < s.length; i++) {
      var d = MORE.indexOf(s[i]);
      if (d >= 0) { n = n * 32 + d; continue; }
      n = n * 32 + LAST.indexOf(s[i]);
      doc += Math.floor(n / 4);
      out.push([doc, n % 4]);
      n = 0;
    }
    return out;
  }

  /* Runs a query: resolves to {terms, prefix, results: [{id, doc}]} or null if empty. */
  function run(query) {
    var terms = words(query);
    if (!terms.length) return Promise.resolve(null);
    var last = terms[terms.length - 1];
    var prefix = !/\s$/.test(query) && Array.from(last).length >= 2;
    return load("index").then(function (manifest) {
      var names = new Set();
      terms.forEach(function (t, k) {
        keysFor(manifest.keys, t, prefix && k === terms.length - 1).forEach(function (key) {
          names.add(shardName(key));
        });
      });
      return Promise.all(Array.from(names).map(load)).then(function (shards) {
        var score = new Map();
        var hits = new Map();
        terms.forEach(function (t, k) {
          var isPrefix = prefix && k === terms.length - 1;
          var best = new Map();
          shards.forEach(function (shard) {
            Object.keys(shard).forEach(function (term) {
              var exact = term === t;
              if (!exact && !(isPrefix && term.startsWith(t))) return;
              decode(shard[term]).forEach(function (p) {
                var w = WEIGHT[p[1]] * (exact ? 1 : 0.7);
                if (!(best.get(p[0]) >= w)) best.set(p[0], w);
              });
            });
          });
          var idf = Math.log(1 + manifest.docs / Math.max(1, best.size));
          best.forEach(function (w, doc) {
            score.set(doc, (score.get(doc) || 0) + w * idf);
            hits.set(doc, (hits.get(doc) || 0) + 1);
          });
        });
        var ids = Array.from(score.keys());
        var all = ids.filter(function (id) { return hits.get(id) === terms.length; });
        var ranked = (all.length ? all : ids).sort(function (a, b) {
          return (hits.get(b) - hits.get(a)) || (score.get(b) - score.get(a)) || (a - b);
        });
        var total = ranked.length;
        var top = ranked.slice(0, MAX_RESULTS);
        var docNames = new Set(top.map(function (id) { return "d-" + Math.floor(id / manifest.per); }));
        return Promise.all(Array.from(docNames).map(load)).then(function () {
          return {
            terms: terms,
            prefix: prefix,
            total: total,
            results: top.map(function (id) {
              var d = loaded["d-" + Math.floor(id / manifest.per)][id % manifest.per];
              return { url: d[0], title: d[1], label: d[2], excerpt: d[3], headings: d[4] };
            })
          };
        });
      });
    });
  }

  /* Text with the query's words wrapped in <mark>, as DOM nodes. */
  function marked(text, terms, prefix) {
    var frag = document.createDocumentFragment();
    var at = 0;
    var any = false;
    var last = terms[terms.length - 1];
    tokens(text).forEach(function (t) {
      var hit = terms.indexOf(t.w) >= 0 || (prefix && t.w.startsWith(last));
      if (!hit) return;
      any = true;
      frag.appendChild(document.createTextNode(text.slice(at, t.start)));
      var m = document.createElement("mark");
      m.textContent = text.slice(t.start, t.end);
      frag.appendChild(m);
      at = t.end;
    });
    frag.appendChild(document.createTextNode(text.slice(at)));
    return { node: frag, any: any };
  }

  var active = -1;
  var generation = 0;
  function options() { return list.querySelectorAll("[role=option]"); }
  function setActive(i) {
    var opts = options();
    if (!opts.length) return;
    active = (i + opts.length) % opts.length;
    opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", opts[active].id);
    opts[active].scrollIntoView({ block: "nearest" });
  }
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function show(found) {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!found) { close(); status.textContent = ""; return; }
    if (!found.results.length) {
      var none = document.createElement("li");
      none.className = "search-empty";
      none.textContent = "No results";
      list.appendChild(none);
    }
    found.results.forEach(function (r, k) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.id = "search-result-" + k;
      var a = document.createElement("a");
      a.href = new URL(r.url, root).href;
      a.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "search-title";
      title.appendChild(marked(r.title, found.terms, found.prefix).node);
      a.appendChild(title);
      if (r.label) {
        var label = document.createElement("span");
        label.className = "search-label";
        label.textContent = r.label;
        a.appendChild(label);
      }
      var snippet = marked(r.excerpt, found.terms, found.prefix);
      if (!snippet.any) {
        for (var h = 0; h < r.headings.length; h++) {
          var m = marked(r.headings[h], found.terms, found.prefix);
          if (m.any) { snippet = m; break; }
        }
      }
      var p = document.createElement("span");
      p.className = "search-snippet";
      p.appendChild(snippet.node);
      a.appendChild(p);
      li.appendChild(a);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { location.href = a.href; });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    var n = found.total;
    status.textContent = n === 0 ? "No results" : n === 1 ? "1 result" : n + " results";
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var mine = ++generation;
      run(input.value).then(function (found) {
        if (mine === generation) show(found);
      }, function () {
        if (mine === generation) { close(); status.textContent = "Search is not available"; }
      });
    }, 80);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) return; setActive(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); if (list.hidden) return; setActive(active - 1); }
    else if (e.key === "Enter") {
      var opts = options();
      var pick = active >= 0 ? opts[active] : opts[0];
      if (pick && !list.hidden) { e.preventDefault(); location.href = pick.querySelector("a").href; }
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); close(); } else if (input.value) { input.value = ""; status.textContent = ""; } else { fold(true); }
    }
  });
  input.addEventListener("focus", function () {
    load("index").catch(function () {});
    if (list.childElementCount && input.value) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
  /* "/" opens search, but never while typing somewhere, and not with a modifier. */
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    unfold();
  });

  /* On narrow screens the box is a button in the header until it is opened; it then covers the
     header (nothing below moves) and folds away again when left empty. */
  var opener = box.querySelector(".search-open");
  function unfold() {
    box.classList.add("open");
    if (opener) opener.setAttribute("aria-expanded", "true");
    input.focus();
  }
  function fold(refocus) {
    if (!box.classList.contains("open")) return;
    box.classList.remove("open");
    if (opener) opener.setAttribute("aria-expanded", "false");
    if (refocus && opener && opener.offsetParent) opener.focus();
  }
  if (opener) opener.addEventListener("click", unfold);
  box.addEventListener("focusout", function (e) {
    if (!input.value && !box.contains(e.relatedTarget)) fold(false);
  });
})();
