// Where am I, and does the page hold still: the current entry is scrolled into view in the
// sidebar, Escape closes the phone menu and gives focus back to its button, a story starts on a
// phone's first screen, and nothing moves after the first paint (the search box and the palette
// button are in place from the start).

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
        const nav = document.querySelector(".sidebar nav");
        const entry = nav.querySelector('[aria-current="page"]') || nav.querySelector(".nav-open > a");
        const box = nav.getBoundingClientRect();
        const item = entry.getBoundingClientRect();
        return { text: entry.textContent.trim(), top: item.top, bottom: item.bottom, boxTop: box.top, boxBottom: box.bottom, scrolled: nav.scrollTop };
      });
      assert.ok(
        placement.top >= placement.boxTop && placement.bottom <= placement.boxBottom,
        `the entry "${placement.text}" (${placement.top}-${placement.bottom}) is outside the sidebar's visible area (${placement.boxTop}-${placement.boxBottom})`,
      );
    }));

  test("Escape closes the phone menu and returns focus to its button", () =>
    site.withPage("nav-escape", { viewport: VIEWPORTS.phone }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(pages.example));
      const summary = page.locator("details.menu summary");
      await summary.click();
      assert.equal(await page.evaluate(() => document.querySelector("details.menu").open), true, "the menu opens");
      await page.locator("details.menu nav a").first().focus();
      await page.keyboard.press("Escape");
      assert.equal(await page.evaluate(() => document.querySelector("details.menu").open), false, "Escape closes the menu");
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SUMMARY", "focus is back on the menu's button");
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
    for (const kind of ["home", "example", "examples"]) {
      test(`the ${kind} page at ${viewport} width does not move after the first paint (CLS below 0.01)`, () =>
        site.withPage(`nav-cls-${kind}-${viewport}`, { viewport: VIEWPORTS[viewport] }, async ({ page, tracker }) => {
          await visit(page, tracker, site.url(pages[kind]));
          const cls = await layoutShift(page);
          assert.ok(cls < 0.01, `cumulative layout shift ${cls.toFixed(4)}`);
        }));
    }
  }
});
