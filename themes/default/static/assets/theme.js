// Palette toggle: follows the system palette until the reader picks one, then remembers it.
// The saved choice is applied by an inline script in <head> before first paint, and the button's
// label ("Dark mode" / "Light mode": what pressing it does) is chosen by CSS from the palette in
// effect, so nothing here changes the layout.
//
// Also the navigation's small helps: the current entry is scrolled into view in the sidebar and
// in the phone menu, and Escape closes the phone menu, returning focus to its button.
//
// The words it writes are the theme's in the site's language, given as data-t-* attributes of
// its own <script> tag (English when there are none).
(function () {
  var script = document.currentScript;
  var root = document.documentElement;
  var button = document.getElementById("theme-toggle");
  if (button) {
    var media = window.matchMedia("(prefers-color-scheme: dark)");
    var current = function () {
      return root.dataset.theme || (media.matches ? "dark" : "light");
    };
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("handbook-theme", next); } catch (e) {}
    });
  }

  // The entry for this page, or for the section it is in (collections are not listed entry by
  // entry).
  function currentEntry(nav) {
    return nav.querySelector('[aria-current="page"]') || nav.querySelector(".nav-open > a");
  }

  // The navigation is one <details>; on wide screens CSS shows its content as a sidebar. A
  // browser without ::details-content would show it closed, so open it there.
  var menu = document.querySelector("details.sidebar");
  var wide = window.matchMedia("(min-width: 52.01rem)");
  if (menu && !CSS.supports("selector(::details-content)") && wide.matches) menu.open = true;

  // The sidebar's nav is what scrolls: bring the current entry into its view.
  var entry = menu && currentEntry(menu);
  var scroller = menu && menu.querySelector("nav");
  if (entry && scroller && wide.matches) {
    var box = scroller.getBoundingClientRect();
    var item = entry.getBoundingClientRect();
    if (item.top < box.top || item.bottom > Math.min(box.bottom, window.innerHeight)) {
      scroller.scrollTop += item.top - box.top - (Math.min(box.height, window.innerHeight) - item.height) / 2;
    }
  }

  // Sent here by a random-page picker (random.html) with the number of an entry on this page of
  // a listing: open it.
  var pick = /[?&]random=(\d+)/.exec(location.search);
  if (pick) {
    var cards = document.querySelectorAll(".cards .card-title a");
    if (cards.length) location.replace(cards[Math.min(Number(pick[1]), cards.length - 1)].href);
  }

  // "On this page": mark the entry of the section being read (the last heading above the
  // upper quarter of the window).
  var toc = document.querySelector(".toc");
  if (toc) {
    var links = [].slice.call(toc.querySelectorAll('a[href^="#"]'));
    var targets = links.map(function (a) { return document.getElementById(decodeURIComponent(a.hash.slice(1))); });
    var marked = null;
    var mark = function () {
      var line = window.innerHeight / 4;
      var at = -1;
      targets.forEach(function (t, i) { if (t && t.getBoundingClientRect().top <= line) at = i; });
      var link = at >= 0 ? links[at] : null;
      if (link === marked) return;
      if (marked) marked.removeAttribute("aria-current");
      if (link) link.setAttribute("aria-current", "true");
      marked = link;
    };
    var queued = false;
    window.addEventListener("scroll", function () {
      if (queued) return;
      queued = true;
      requestAnimationFrame(function () { queued = false; mark(); });
    }, { passive: true });
    mark();
  }

  if (menu) {
    menu.addEventListener("toggle", function () {
      var found = menu.open && !wide.matches && currentEntry(menu);
      if (found) found.scrollIntoView({ block: "nearest" });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !menu.open || wide.matches) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  }

  /* A code block wider than the page scrolls sideways: the keyboard must be able to reach it. */
  document.querySelectorAll("pre").forEach(function (pre) {
    if (pre.scrollWidth > pre.clientWidth && !pre.hasAttribute("tabindex")) pre.tabIndex = 0;
  });

  /* Code with hidden lines (an mdBook book's Rust: `# ` lines): a button shows them. It sits in
     the block's corner, so adding it moves nothing. */
  document.querySelectorAll("pre").forEach(function (pre) {
    if (!pre.querySelector(".boring")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "show-hidden-lines";
    button.setAttribute("aria-pressed", "false");
    button.textContent = (script && script.getAttribute("data-t-code-show-hidden")) || "Show hidden lines";
    button.addEventListener("click", function () {
      var on = pre.classList.toggle("show-hidden");
      button.setAttribute("aria-pressed", String(on));
    });
    pre.classList.add("has-hidden");
    pre.appendChild(button);
  });
})();
