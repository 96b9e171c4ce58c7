(() => {
  // Live reload for `handbook serve`; never part of a build's output.
  const key = "handbook-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    window.scrollTo(0, y);
    addEventListener("load", () => window.scrollTo(0, y));
  }
  let overlay = null;
  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }
  function show(text) {
    hide();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", "handbook-error-title");
    overlay.id = "handbook-error-overlay";
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,24,.94);color:#f5f5f5;font:15px/1.5 system-ui,sans-serif";
    const title = document.createElement("h2");
    title.id = "handbook-error-title";
    title.textContent = "The last change did not build";
    title.style.cssText = "margin:0 0 .5rem;color:#ff8a80;font-size:1.25rem";
    const note = document.createElement("p");
    note.textContent =
      "You are looking at the last good version. Fix the problem and save; this page reloads by itself.";
    const pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.cssText =
      "white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;background:#000;" +
      "padding:1rem;border-radius:6px;color:#f5f5f5";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", hide);
    overlay.append(title, note, pre, close);
    document.body.append(overlay);
    close.focus();
  }
  const events = new EventSource("/__handbook/events");
  // The server names the pages that changed (one path a line), or `*` for all of them.
  events.addEventListener("reload", (e) => {
    const here = decodeURIComponent(location.pathname).replace(/index\.html$/, "");
    if (e.data !== "*" && !e.data.split("\n").includes(here)) return;
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener("failed", (e) => show(e.data));
})();
