// Palette toggle: follows the system palette until the reader picks one, then remembers it.
// The saved choice is applied by an inline script in <head> before first paint, and the button's
// label ("Dark mode" / "Light mode": what pressing it does) is chosen by CSS from the palette in
// effect, so nothing here changes the layout.
//
// Also the navigation's small helps: the current entry is scrolled into view in the sidebar and
// in the phone menu, and Escape closes the phone menu, returning focus to its button.
(function () {
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

  var sidebar = document.querySelector(".sidebar nav");
  var entry = sidebar && currentEntry(sidebar);
  if (entry) {
    var box = sidebar.getBoundingClientRect();
    var item = entry.getBoundingClientRect();
    if (item.top < box.top || item.bottom > box.bottom) {
      sidebar.scrollTop += item.top - box.top - (box.height - item.height) / 2;
    }
  }

  // Sent here by a random-page picker (random.html) with the number of an entry on this page of
  // a listing: open it.
  var pick = /[?&]random=(\d+)/.exec(location.search);
  if (pick) {
    var cards = document.querySelectorAll(".cards .card-title a");
    if (cards.length) location.replace(cards[Math.min(Number(pick[1]), cards.length - 1)].href);
  }

  var menu = document.querySelector("details.menu");
  if (menu) {
    menu.addEventListener("toggle", function () {
      var found = menu.open && currentEntry(menu);
      if (found) found.scrollIntoView({ block: "nearest" });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !menu.open) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  }
})();
