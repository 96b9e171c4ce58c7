// Palette toggle: follows the system palette until the reader picks one, then remembers it.
// The saved choice is applied by an inline script in <head> before first paint.
(function () {
  var button = document.getElementById("theme-toggle");
  if (!button) return;
  var root = document.documentElement;
  var media = window.matchMedia("(prefers-color-scheme: dark)");
  function current() {
    return root.dataset.theme || (media.matches ? "dark" : "light");
  }
  function show() {
    var dark = current() === "dark";
    button.setAttribute("aria-pressed", dark ? "true" : "false");
  }
  button.hidden = false;
  show();
  button.addEventListener("click", function () {
    var next = current() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem("handbook-theme", next); } catch (e) {}
    show();
  });
  media.addEventListener("change", show);
})();
