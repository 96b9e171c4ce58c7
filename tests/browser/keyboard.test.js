// Keyboard use: the first Tab focuses a skip link that moves focus to the main content, and
// every element that Tab reaches shows a visible focus indicator (outline or box-shadow).

import assert from "node:assert/strict";
import { test } from "node:test";
import { VIEWPORTS, forEachMount, samplePages, saveArtifact, visit } from "./lib/harness.js";

/** What Tab focused: tag, a short description, its focus style and whether it is on screen. */
function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const text = (el.getAttribute("aria-label") || el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 40);
    const id = el.id ? `#${el.id}` : "";
    const cls = el.classList.length ? `.${[...el.classList].join(".")}` : "";
    return {
      tag: el.tagName.toLowerCase(),
      label: `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"${el.getAttribute("href") ? ` href=${el.getAttribute("href")}` : ""}`,
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      visible:
        (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && !/rgba\(.*, 0\)$/.test(style.outlineColor)) ||
        style.boxShadow !== "none",
      onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
    };
  });
}

forEachMount("keyboard", (site) => {
  const pages = samplePages(site.dir);
  const cases = [];
  for (const kind of ["home", "example"]) for (const viewport of ["desktop", "phone"]) cases.push({ kind, viewport });

  for (const { kind, viewport } of cases) {
    test(`${kind} page at ${viewport} width: the first Tab focuses a skip link that moves focus to <main>`, () =>
      site.withPage(`skip-${kind}-${viewport}`, { viewport: VIEWPORTS[viewport] }, async ({ page, tracker }) => {
        await visit(page, tracker, site.url(pages[kind]));
        await page.keyboard.press("Tab");
        const first = await describeFocus(page);
        assert.ok(first, "Tab focused nothing");
        assert.equal(first.tag, "a", `first Tab stop is ${first.label}, not a link`);
        assert.match(first.label, /skip/i, `first Tab stop is ${first.label}, not a skip link`);
        assert.ok(first.onScreen, `the skip link is not on screen when focused: ${first.label}`);
        assert.ok(first.visible, `the skip link has no visible focus indicator (outline: ${first.outline})`);

        await page.keyboard.press("Enter");
        const landed = await page.evaluate(() => {
          const el = document.activeElement;
          return { inMain: Boolean(el && el.closest("main")), tag: el?.tagName.toLowerCase(), hash: location.hash };
        });
        assert.ok(landed.inMain, `after Enter on the skip link, focus is on <${landed.tag}>, not in <main> (hash ${landed.hash})`);

        // The next Tab continues from the main content, not from the top of the page.
        await page.keyboard.press("Tab");
        const next = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
        assert.ok(next, "the Tab after using the skip link left <main>");
      }));

    test(`${kind} page at ${viewport} width: every Tab stop shows a visible focus indicator`, () =>
      site.withPage(`focus-${kind}-${viewport}`, { viewport: VIEWPORTS[viewport] }, async ({ page, tracker }) => {
        await visit(page, tracker, site.url(pages[kind]));
        const seen = [];
        const invisible = [];
        const offScreen = [];
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press("Tab");
          const focus = await describeFocus(page);
          if (!focus) break;
          // Tab wrapped around to the first stop: every stop has been seen.
          if (seen.length > 0 && focus.label === seen[0]) break;
          seen.push(focus.label);
          if (!focus.visible) invisible.push(`${focus.label} (outline: ${focus.outline})`);
          if (!focus.onScreen) offScreen.push(focus.label);
        }
        saveArtifact(`tab-order-${site.name}-${kind}-${viewport}.txt`, `${seen.join("\n")}\n`);
        assert.ok(seen.length > 3, `Tab reached only ${seen.length} elements`);
        const lines = [
          ...invisible.map((l) => `no visible focus: ${l}`),
          ...offScreen.map((l) => `focused but off screen: ${l}`),
        ];
        assert.equal(lines.length, 0, `${lines.length} of ${seen.length} Tab stops fail:\n${lines.join("\n")}`);
      }));
  }
});
