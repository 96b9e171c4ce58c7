/* Search for sites built by handbook: the header's box and result list, the search page, and
   the words marked on a page opened from a result. The index is a set of small script files
   under search/, loaded with <script> tags as needed (so search also works from file://, where
   fetch does not), and so is the engine that reads them (assets/search-engine.js), when a
   reader first focuses the box. Results are built with DOM text APIs only: indexed text is
   never parsed as HTML. Its messages are the theme's words in the site's language, in
   search/t.js (loaded with the engine) or data-t-* attributes of its own <script> tag (English
   when there are none). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || typeof Promise === "undefined" || !String.prototype.normalize) return;

  /* The site's messages from search/t.js, once loaded. */
  var messages = null;
  /* The message `key` (search/t.js's, data-t-<key> of the script tag, or `english`), its
     {names} filled in. */
  function say(key, english, values) {
    var text = (messages && messages[key]) || script.getAttribute("data-t-" + key) || english;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : m;
    });
  }

  /* ---------- Loading index files through <script> tags ---------- */
  /* The site's root: where this script's folder is, or (a language's site, under `es/`) the
     root the page names; its search index is under it. */
  var root = script.dataset.root ? new URL(script.dataset.root, location.href) : new URL("../", script.src);
  var base = new URL("search/", root);
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
  load.cached = function (name) { return loaded[name]; };

  /* A script of this folder, loaded once. */
  function loadScript(file) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = new URL(file, script.src).href;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + file)); };
      document.head.appendChild(s);
    });
  }

  /* The engine, loaded once with the words of the page's language when they have a file of
     their own (data-language: its stop words and stemmer, assets/search-<code>.js): resolves
     to {api, search}. */
  var engineReady = null;
  function withEngine() {
    if (!engineReady) {
      var lang = script.dataset.language;
      engineReady = Promise.all([
        loadScript("search-engine.js"),
        lang ? loadScript("search-" + lang + ".js") : null,
        // Without its messages, search still works, in English.
        load("t").then(function (t) { messages = t; }, function () {})
      ]).then(function () {
        var api = window.__handbookSearchEngine;
        if (!api) throw new Error("no search engine");
        return { api: api, search: api.engine(load) };
      });
    }
    return engineReady;
  }
  /* Filled in when the engine has loaded; the views run only after that. */
  var search = null, tokens = null, words = null;
  function engineThen(f) {
    return withEngine().then(function (e) {
      search = e.search; tokens = e.api.tokens; words = e.api.words;
      return f(e.search);
    });
  }

  /* ---------- Views ---------- */
  function matcher(found) {
    var stems = new Set(found.terms.concat(found.corrected.map(function (c) { return c[1]; })).map(search.stem));
    var exact = new Set(found.terms.concat(found.corrected.map(function (c) { return c[1]; })));
    var last = found.prefix ? found.terms[found.terms.length - 1] : null;
    return function (w) { return exact.has(w) || (last && w.startsWith(last)) || stems.has(search.stem(w)); };
  }

  /* text as DOM nodes with the matching words in <mark>; a passage of about `words` words
     around the best match when the text is longer. */
  function marked(text, hit, around) {
    var toks = tokens(text);
    var from = 0, to = text.length;
    if (around && toks.length > around) {
      /* The window with the most different query words, a word rare in this text counting more
         than a frequent one (the rare one is what tells this passage apart), then the most
         matches. */
      var freq = new Map();
      toks.forEach(function (t) { if (hit(t.w)) { var k = search.stem(t.w); freq.set(k, (freq.get(k) || 0) + 1); } });
      var best = 0, at = 0;
      for (var i = 0; i < toks.length; i++) {
        if (!hit(toks[i].w)) continue;
        var seen = new Set(), n = 0;
        for (var j = i; j < Math.min(toks.length, i + around); j++) {
          if (hit(toks[j].w)) { n++; seen.add(search.stem(toks[j].w)); }
        }
        var value = n;
        seen.forEach(function (k) { value += 1000 / freq.get(k); });
        if (value > best) { best = value; at = i; }
      }
      var start = Math.max(0, at - 3);
      var end = Math.min(toks.length, start + around) - 1;
      from = start === 0 ? 0 : toks[start].start;
      to = end === toks.length - 1 ? text.length : toks[end].end;
    }
    var frag = document.createDocumentFragment();
    if (from > 0) frag.appendChild(document.createTextNode("… "));
    var pos = from;
    var any = false;
    toks.forEach(function (t) {
      if (t.start < from || t.end > to || !hit(t.w)) return;
      any = true;
      frag.appendChild(document.createTextNode(text.slice(pos, t.start)));
      var mk = document.createElement("mark");
      mk.textContent = text.slice(t.start, t.end);
      frag.appendChild(mk);
      pos = t.end;
    });
    frag.appendChild(document.createTextNode(text.slice(pos, to)));
    if (to < text.length) frag.appendChild(document.createTextNode(" …"));
    return { node: frag, any: any };
  }

  /* The address of a result, with its words to mark on the page it opens. */
  function target(url, found) {
    var u = new URL(url, root);
    var words = found.corrected.length ? found.terms.map(function (t) {
      var c = found.corrected.find(function (x) { return x[0] === t; });
      return c ? c[1] : t;
    }) : found.terms;
    if (words.length) u.searchParams.set("highlight", words.join(" "));
    return u.href;
  }

  function span(cls, content) {
    var s = document.createElement("span");
    s.className = cls;
    if (typeof content === "string") s.textContent = content; else s.appendChild(content);
    return s;
  }

  /* One result as a link: title, label, passage; or a section of one. */
  function resultLink(doc, found, sub) {
    var hit = matcher(found);
    var a = document.createElement("a");
    a.href = target(doc[0], found);
    a.className = sub ? "search-hit search-sub" : "search-hit";
    a.appendChild(span("search-title", marked(doc[1], hit, 0).node));
    if (doc[2] && !sub) a.appendChild(span("search-label", doc[2]));
    a.appendChild(span("search-snippet", marked(doc[3], hit, 24).node));
    return a;
  }

  function summary(found, n) {
    var s = n === 0 ? say("search-none", "No results")
      : n === 1 ? say("search-results-one", "{n} result", { n: n })
      : say("search-results-other", "{n} results", { n: n });
    if (found && found.partial) s = say("search-partial", "{results} with some of the words (none has all of them)", { results: s });
    if (found && found.corrected.length) s += " · " + corrected(found);
    return s;
  }

  function corrected(found) {
    var words = found.corrected.map(function (c) { return c[1]; }).join(", ");
    return say("search-corrected", "Showing results for {words}", { words: words });
  }

  var params = new URLSearchParams(location.search);

  /* The header's box: a combobox whose listbox options are the result links. */
  var box = document.getElementById("search");
  var searchPage = document.getElementById("search-page");
  if (box && !searchPage) dropdown(box);
  if (searchPage) page(searchPage);
  if (params.get("highlight")) markPage(params.get("highlight"));

  function dropdown(box) {
    var input = box.querySelector("input");
    var list = document.getElementById("search-results");
    var status = box.querySelector(".search-status");
    var SHOWN = 8;
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
    function option(a) {
      var li = document.createElement("li");
      li.setAttribute("role", "none");
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      a.id = "search-result-" + list.children.length;
      a.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.appendChild(a);
      list.appendChild(li);
    }
    function render(found, shown) {
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!found) { close(); status.textContent = ""; return; }
      var n = found.pages.length;
      if (found.corrected.length) {
        var note = document.createElement("li");
        note.setAttribute("role", "none");
        note.className = "search-note";
        note.textContent = corrected(found);
        list.appendChild(note);
      }
      if (!n) {
        var none = document.createElement("li");
        none.className = "search-empty";
        none.textContent = summary(found, 0);
        list.appendChild(none);
      }
      shown.forEach(function (r) {
        option(resultLink(r.doc, found, false));
        r.subs.forEach(function (d) { option(resultLink(d, found, true)); });
      });
      if (n) {
        var all = document.createElement("a");
        all.className = "search-all";
        all.href = pageLink(input.value);
        all.textContent = n > shown.length ? say("search-all", "All {n} results", { n: n }) : say("search-open-page", "Open in the search page");
        option(all);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = summary(found, n);
    }
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var mine = ++generation;
        engineThen(function (engine) { return engine.search(input.value, null); }).then(function (found) {
          if (!found) return [found, []];
          return search.show(found, 0, SHOWN, 2).then(function (shown) { return [found, shown]; });
        }).then(function (got) {
          if (mine === generation) render(got[0], got[1]);
        }, function () {
          if (mine === generation) { close(); status.textContent = say("search-unavailable", "Search is not available"); }
        });
      }, 30);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) return; setActive(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); if (list.hidden) return; setActive(active < 0 ? -1 : active - 1); }
      else if (e.key === "Enter") {
        var opts = options();
        var pick = active >= 0 ? opts[active] : opts[0];
        if (pick && !list.hidden) { e.preventDefault(); location.href = pick.href; }
        else if (input.value.trim()) { e.preventDefault(); location.href = pageLink(input.value); }
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); } else if (input.value) { input.value = ""; status.textContent = ""; } else { fold(true); }
      }
    });
    input.addEventListener("focus", function () {
      engineThen(function (engine) { return engine.ready(); }).catch(function () {});
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

    /* On narrow screens the box is a button in the header until it is opened; it then covers
       the header (nothing below moves) and folds away again when left empty. */
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
  }

  /* The search page's address for a query (the box names the page as this build links it). */
  function pageLink(q) {
    var u = new URL(box.getAttribute("data-page") || "search/", root);
    u.searchParams.set("q", q.trim());
    return u.href;
  }

  /* The search page: the form's state is the address (?q=…&act=…), so a search can be linked,
     bookmarked and undone with Back. */
  function page(form) {
    var input = form.querySelector("input[name=q]");
    var selects = Array.from(form.querySelectorAll("select"));
    var status = document.getElementById("search-page-status");
    var list = document.getElementById("search-page-results");
    var more = document.getElementById("search-page-more");
    var PER = 20;
    var current = null;
    var shownCount = 0;
    var generation = 0;
    form.classList.add("ready");

    function state() {
      var filters = {};
      selects.forEach(function (s) { if (s.value) filters[s.name] = s.value; });
      return { q: input.value, filters: filters };
    }
    function fromAddress() {
      var p = new URLSearchParams(location.search);
      input.value = p.get("q") || "";
      selects.forEach(function (s) {
        var v = p.get(s.name) || "";
        s.value = Array.from(s.options).some(function (o) { return o.value === v; }) ? v : "";
      });
    }
    function address(st) {
      var p = new URLSearchParams();
      if (st.q.trim()) p.set("q", st.q.trim());
      Object.keys(st.filters).forEach(function (k) { p.set(k, st.filters[k]); });
      var s = p.toString();
      return location.pathname + (s ? "?" + s : "");
    }
    function remember(push) {
      var url = address(state());
      if (url === location.pathname + location.search) return;
      try {
        if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
      } catch (e) { /* file:// in some browsers: the address just does not follow */ }
    }
    function append(found, from) {
      return search.show(found, from, from + PER, 3).then(function (shown) {
        shown.forEach(function (r) {
          var li = document.createElement("li");
          li.appendChild(resultLink(r.doc, found, false));
          if (r.subs.length) {
            var ul = document.createElement("ul");
            r.subs.forEach(function (d) {
              var sub = document.createElement("li");
              sub.appendChild(resultLink(d, found, true));
              ul.appendChild(sub);
            });
            li.appendChild(ul);
          }
          list.appendChild(li);
        });
        shownCount = from + shown.length;
        more.hidden = shownCount >= found.pages.length;
      });
    }
    function run() {
      var st = state();
      var mine = ++generation;
      engineThen(function (engine) { return engine.search(st.q, st.filters); }).then(function (found) {
        if (mine !== generation) return;
        current = found;
        list.textContent = "";
        more.hidden = true;
        updateCounts(st);
        if (!found) { status.textContent = say("search-prompt", "Type words, or choose a filter to browse."); return; }
        status.textContent = summary(found, found.pages.length);
        return append(found, 0);
      }).catch(function () {
        if (mine === generation) status.textContent = say("search-unavailable", "Search is not available");
      });
    }
    function updateCounts(st) {
      engineThen(function (engine) { return engine.search(st.q, null); }).then(function (all) {
        return search.counts(all, st.filters);
      }).then(function (facets) {
        facets.forEach(function (facet) {
          var select = selects.find(function (s) { return s.name === facet[0]; });
          if (!select) return;
          facet[1].forEach(function (v) {
            var o = Array.from(select.options).find(function (x) { return x.value === v[0]; });
            if (o) o.textContent = o.dataset.label + " (" + v[1] + ")";
          });
        });
      }).catch(function () {});
    }
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { remember(false); run(); }, 120);
    });
    selects.forEach(function (s) {
      s.addEventListener("change", function () { remember(true); run(); });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      remember(true);
      run();
    });
    more.addEventListener("click", function () {
      if (!current) return;
      var first = shownCount;
      append(current, shownCount).then(function () {
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
    });
    window.addEventListener("popstate", function () { fromAddress(); run(); });
    fromAddress();
    run();
  }

  /* Marks the words a search result was opened for (?highlight=…) in the page's text and
     brings the first one into view unless the address names a place. */
  function markPage(query) {
    var main = document.querySelector("main");
    if (!main) return;
    engineThen(function (engine) { return engine.ready(); }).then(function () {
      var found = { terms: words(query), corrected: [], prefix: false };
      if (!found.terms.length) return;
      var hit = matcher(found);
      var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          return n.parentNode.closest("script, style, mark, nav, .search") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        }
      });
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      var first = null;
      nodes.forEach(function (n) {
        var text = n.nodeValue;
        var toks = tokens(text).filter(function (t) { return hit(t.w); });
        if (!toks.length) return;
        var frag = document.createDocumentFragment();
        var pos = 0;
        toks.forEach(function (t) {
          frag.appendChild(document.createTextNode(text.slice(pos, t.start)));
          var mk = document.createElement("mark");
          mk.className = "search-mark";
          mk.textContent = text.slice(t.start, t.end);
          frag.appendChild(mk);
          if (!first) first = mk;
          pos = t.end;
        });
        frag.appendChild(document.createTextNode(text.slice(pos)));
        n.parentNode.replaceChild(frag, n);
      });
      if (first && !location.hash) first.scrollIntoView({ block: "center" });
    }).catch(function () {});
  }
})();
