// Where am I, and does the page hold still: the current entry is scrolled into view in the
// sidebar, Escape closes the phone menu and gives focus back to its button, the menu and search
// open from the top bar without pushing the page, "On this page" sits right of the text and marks
// the section being read, a story starts on a phone's first screen, and nothing moves after the
// first paint (the search box and the palette button are in place from the start).

import assert from "node:assert/strict";
import { test } from "node:test";
import { VIEWPORTS, forEachMount, samplePages, visit } from "./lib/harness.js";

/** Cumulative layout shift of the page so far, from the browser's own layout-shift entries. */
function layoutShift(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
}

forEachMount("navigation", (site) => {
  const pages = samplePages(site.dir);

  test("on an example page the sidebar shows the entry of the page's section without scrolling", () =>
    site.withPage("nav-sidebar", { viewport: { width: 1280, height: 600 } }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(pages.example));
      const placement = await page.evaluate(() => {
        const nav = document.querySelector(".sidebar");
        const entry = nav.querySelector('[aria-current="page"]') || nav.querySelector(".nav-open > a");
        const box = nav.getBoundingClientRect();
        const item = entry.getBoundingClientRect();
        return { text: entry.textContent.trim(), top: item.top, bottom: item.bottom, boxTop: Math.max(box.top, 0), boxBottom: Math.min(box.bottom, innerHeight) };
      });
      assert.ok(
        placement.top >= placement.boxTop && placement.bottom <= placement.boxBottom,
        `the entry "${placement.text}" (${placement.top}-${placement.bottom}) is outside the sidebar's visible area (${placement.boxTop}-${placement.boxBottom})`,
      );
    }));

  test("Escape closes the phone menu and returns focus to its button", () =>
    site.withPage("nav-escape", { viewport: VIEWPORTS.phone }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(pages.example));
      const summary = page.locator("details.sidebar summary");
      await summary.click();
      assert.equal(await page.evaluate(() => document.querySelector("details.sidebar").open), true, "the menu opens");
      await page.locator("details.sidebar nav a").first().focus();
      await page.keyboard.press("Escape");
      assert.equal(await page.evaluate(() => document.querySelector("details.sidebar").open), false, "Escape closes the menu");
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SUMMARY", "focus is back on the menu's button");
    }));

  test("on a phone the menu opens from the top bar and covers the page instead of pushing it", () =>
    site.withPage("nav-menu-overlay", { viewport: VIEWPORTS.phone }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(pages.example));
      const title = () => page.evaluate(() => document.querySelector("main h1").getBoundingClientRect().top);
      const before = await title();
      const button = await page.evaluate(() => {
        const s = document.querySelector(".sidebar summary").getBoundingClientRect();
        const bar = document.querySelector(".topbar").getBoundingClientRect();
        return { inBar: s.top >= bar.top && s.bottom <= bar.bottom, visible: s.width > 0 };
      });
      assert.deepEqual(button, { inBar: true, visible: true }, "the Menu button sits in the top bar");
      await page.locator(".sidebar summary").click();
      assert.equal(await title(), before, "opening the menu moved the page");
      const covers = await page.evaluate(() => {
        const nav = document.querySelector(".sidebar nav").getBoundingClientRect();
        return nav.top <= document.querySelector("main h1").getBoundingClientRect().top && nav.height > 200;
      });
      assert.ok(covers, "the open menu covers the page below the top bar");
    }));

  // A tablet too: regression, the button was hidden between 36rem and 52rem.
  for (const [name, viewport] of [["a phone", VIEWPORTS.phone], ["a tablet", { width: 800, height: 900 }]]) {
    test(`on ${name} the search box opens from the top bar, and Escape folds it back`, () =>
      site.withPage(`nav-search-fold-${viewport.width}`, { viewport }, async ({ page, tracker }) => {
        await visit(page, tracker, site.url(pages.example));
        const title = () => page.evaluate(() => document.querySelector("main h1").getBoundingClientRect().top);
        const before = await title();
        assert.equal(await page.locator("#search-input").isVisible(), false, "the box starts folded");
        await page.locator(".search-open").click();
        assert.equal(await page.evaluate(() => document.activeElement?.id), "search-input", "the box has focus");
        assert.equal(await page.locator(".search-open").getAttribute("aria-expanded"), "true");
        assert.equal(await title(), before, "opening search moved the page");
        await page.keyboard.press("Escape");
        assert.equal(await page.locator("#search-input").isVisible(), false, "Escape folds the empty box");
        assert.equal(await page.evaluate(() => document.activeElement?.className), "search-open icon-button", "focus is back on the search button");
      }));
  }

  test("on a wide screen \"On this page\" sits right of the text and marks the section being read", () =>
    site.withPage("nav-toc", { viewport: { width: 1280, height: 800 } }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(pages.act));
      const place = await page.evaluate(() => {
        const toc = document.querySelector(".toc-box").getBoundingClientRect();
        const text = document.querySelector("main .prose").getBoundingClientRect();
        return { right: toc.left >= text.right, inView: toc.top >= 0 && toc.top < innerHeight };
      });
      assert.deepEqual(place, { right: true, inView: true }, "the list is beside the text, in view");
      const ids = await page.evaluate(() => [...document.querySelectorAll(".toc a")].map((a) => a.hash.slice(1)));
      assert.ok(ids.length > 2, "the page has sections to list");
      const target = ids[Math.floor(ids.length / 2)];
      await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: "start", behavior: "instant" }), target);
      await page.waitForFunction((id) => document.querySelector('.toc a[aria-current]')?.hash === "#" + id, target, { timeout: 3000 });
      const sticky = await page.evaluate(() => document.querySelector(".toc-box").getBoundingClientRect().top);
      assert.ok(sticky >= 0 && sticky < 100, `the list stays in view while the page scrolls (top at ${sticky})`);
      assert.equal(await page.locator(".toc a[aria-current]").count(), 1, "one entry is marked");
    }));

  test("the random-page picker lands on an example, through the listing page that holds it", () =>
    site.withPage("nav-random", {}, async ({ page, tracker }) => {
      for (let i = 0; i < 3; i++) {
        await page.goto(site.url("examples/random/"));
        await page.waitForURL((u) => !u.pathname.includes("/random/") && !u.search.includes("random"), { timeout: 5000 });
        const path = new URL(page.url()).pathname;
        assert.match(path, /\/examples\/[^/]+\/$/, `landed on ${path}`);
        assert.doesNotMatch(path, /\/examples\/page\//, `landed on a listing page ${path}`);
        assert.equal(await page.locator("article.example-page").count(), 1, `${path} is an example`);
      }
    }));

  for (const palette of ["light", "dark"]) {
    test(`on a phone the story comes first: its first line starts above y=400 at 390x844 (${palette})`, () =>
      site.withPage(`nav-story-first-${palette}`, { viewport: VIEWPORTS.phone, colorScheme: palette }, async ({ page, tracker }) => {
        await visit(page, tracker, site.url(pages.example));
        const top = await page.evaluate(() => document.querySelector("main .prose p").getBoundingClientRect().top);
        assert.ok(top < 400, `the story's first line starts at y=${Math.round(top)}`);
      }));
  }

  for (const viewport of ["phone", "desktop"]) {
    for (const kind of Object.keys(pages)) {
      test(`the ${kind} page at ${viewport} width does not move after the first paint (CLS below 0.01)`, () =>
        site.withPage(`nav-cls-${kind}-${viewport}`, { viewport: VIEWPORTS[viewport] }, async ({ page, tracker }) => {
          await visit(page, tracker, site.url(pages[kind]));
          const cls = await layoutShift(page);
          assert.ok(cls < 0.01, `cumulative layout shift ${cls.toFixed(4)}`);
        }));
    }
  }
});
