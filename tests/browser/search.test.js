// Search as a reader uses it: "/" to jump to the box, a word from an example's body, the result
// list with highlighted words, arrow keys and Enter to open it. At every mount, with the index
// loaded through <script> tags; hidden without JavaScript.

import assert from "node:assert/strict";
import { test } from "node:test";
import { forEachMount, search, visit } from "./lib/harness.js";

forEachMount("search", (site) => {
  test("finds an example by a word of its body and opens it with the keyboard", async () => {
    await site.withPage("search-body-word", {}, async ({ page, tracker }) => {
      const { problems } = await visit(page, tracker, site.url("acts/"));
      assert.deepEqual(problems, []);
      // "/" from the page (not from a text field) focuses the box.
      await page.keyboard.press("/");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "search-input");
      await search(page, "croissants");
      const first = page.locator("#search-results [role=option]").first();
      assert.match(await first.locator(".search-title").textContent(), /croissants/);
      assert.equal(await first.locator("mark").first().textContent(), "croissants");
      assert.equal(await page.getAttribute("#search-input", "aria-expanded"), "true");
      await page.keyboard.press("ArrowDown");
      assert.equal(await first.getAttribute("aria-selected"), "true");
      await Promise.all([page.waitForURL(/examples\/bakery-counter-croissants\//), page.keyboard.press("Enter")]);
      assert.match(await page.textContent("h1"), /croissants/);
      assert.deepEqual(tracker.problems(), []);
    });
  });

  test("ranks a title match first and completes the last word", async () => {
    await site.withPage("search-ranking", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(""));
      await search(page, "quiet voi");
      const titles = await page.locator("#search-results .search-title").allTextContents();
      assert.equal(titles[0], "Ask the quiet voice");
      await page.keyboard.press("Escape");
      assert.equal(await page.isHidden("#search-results"), true);
    });
  });

  test("typing '/' in the box types it, and nothing matches nonsense", async () => {
    await site.withPage("search-slash", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(""));
      await page.click("#search-input");
      await page.keyboard.type("a/b");
      assert.equal(await page.inputValue("#search-input"), "a/b");
      await search(page, "qqxqzzv");
      assert.equal(await page.textContent(".search-status"), "No results");
    });
  });

  test("without JavaScript the search box is hidden and pages work", async () => {
    await site.withPage("search-nojs", { javaScriptEnabled: false }, async ({ page, tracker }) => {
      const { problems } = await visit(page, tracker, site.url("concept/"));
      assert.deepEqual(problems, []);
      assert.equal(await page.isHidden("#search"), true);
      assert.ok((await page.locator("nav a").count()) > 10);
    });
  });
});
