// Search as a reader uses it: "/" to jump to the box, words with stems, accents and typos, the
// result list with sections under their page and the matching words marked, arrow keys and
// Enter to open a result, the words marked on the page it opens; the search page with filters
// whose state is the address (Back undoes a filter) and every result reachable; axe with the
// results open. At every mount, with the index loaded through <script> tags; hidden without
// JavaScript.

import assert from "node:assert/strict";
import { test } from "node:test";
import { formatViolations, forEachMount, runAxe, saveArtifact, search, visit } from "./lib/harness.js";

/** The result titles of the header's list. */
const titles = (page) => page.locator("#search-results .search-hit:not(.search-sub) .search-title").allTextContents();
/** The page results' hrefs on the search page, as site paths. */
const pageResults = (page) => page.locator("#search-page-results > li > a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
/** Waits until the search page reports on the address it shows. */
async function settled(page) {
  await page.waitForFunction(() => /result|browse/i.test(document.getElementById("search-page-status")?.textContent ?? ""), null, { timeout: 20000 });
  await page.waitForTimeout(150);
}

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
      assert.equal(await page.getAttribute("#search-input", "aria-activedescendant"), await first.getAttribute("id"));
      await Promise.all([page.waitForURL(/examples\/bakery-counter-croissants\/\?highlight=croissants$/), page.keyboard.press("Enter")]);
      assert.match(await page.textContent("h1"), /croissants/);
      assert.deepEqual(tracker.problems(), []);
    });
  });

  test("ranks the act whose title is the phrase first and completes the last word", async () => {
    await site.withPage("search-ranking", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(""));
      await search(page, "quiet voi");
      assert.equal((await titles(page))[0], "Ask the quiet voice");
      await page.keyboard.press("Escape");
      assert.equal(await page.isHidden("#search-results"), true);
    });
  });

  test("finds other forms of a word (stems) and words without their accents", async () => {
    await site.withPage("search-stems", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(""));
      // The story says "slammed" and "door", never "slamming".
      await search(page, "slamming door");
      const first = page.locator("#search-results [role=option]").first();
      assert.equal(new URL(await first.getAttribute("href")).pathname, site.path("examples/bedroom-door-slammed/"));
      assert.ok((await first.locator("mark").allTextContents()).some((m) => /^slam/i.test(m)), "the stem match is marked");
      // "cafe" finds the story that says "café", and marks it.
      await search(page, "cafe");
      assert.equal(new URL(await first.getAttribute("href")).pathname, site.path("examples/espresso-bar-trainee-notes/"));
      // "rôle" finds pages that say "role".
      await search(page, "rôle");
      assert.match(await page.textContent(".search-status"), /^\d+ results?/);
      assert.ok((await page.locator("#search-results mark").allTextContents()).some((m) => /^roles?$/i.test(m)));
    });
  });

  test("a word with a typo finds the right word and says so", async () => {
    await site.withPage("search-typo", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(""));
      await search(page, "introvret");
      assert.match(await page.textContent(".search-status"), /Showing results for introvert/);
      assert.equal(await page.textContent("#search-results .search-note"), "Showing results for introvert");
      const hrefs = await page.locator("#search-results [role=option]").evaluateAll((as) => as.map((a) => new URL(a.href).pathname + new URL(a.href).hash));
      assert.ok(hrefs.includes(site.path("concept/faq/") + "#i-m-an-introvert-is-this-for-me"), hrefs.join("\n"));
    });
  });

  test("a section result links to its heading and the words are marked there", async () => {
    await site.withPage("search-section", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(""));
      await search(page, "feedback sandwich");
      const sub = page.locator("#search-results .search-sub", { hasText: "Pitfalls" }).first();
      assert.match(await sub.locator(".search-snippet").textContent(), /sandwich/i);
      assert.equal(await sub.locator(".search-snippet mark").first().textContent(), "sandwich");
      // Sections are options too: the keyboard reaches them.
      const options = await page.locator("#search-results [role=option]").evaluateAll((as) => as.map((a) => a.id));
      const target = await sub.getAttribute("id");
      for (let k = 0; k <= options.indexOf(target); k++) await page.keyboard.press("ArrowDown");
      assert.equal(await sub.getAttribute("aria-selected"), "true");
      await Promise.all([page.waitForURL(/give-careful-feedback\/\?highlight=feedback\+sandwich#pitfalls$/), page.keyboard.press("Enter")]);
      await page.waitForSelector("mark.search-mark");
      const marks = await page.locator("main mark.search-mark").allTextContents();
      assert.ok(marks.some((m) => /^sandwich/i.test(m)), marks.join(","));
      // The heading is in view.
      const top = await page.evaluate(() => document.getElementById("pitfalls").getBoundingClientRect().top);
      assert.ok(top > -2 && top < 400, `#pitfalls at ${top}`);
      assert.deepEqual(tracker.problems(), []);
    });
  });

  test("the list shows how many results there are and leads to all of them", async () => {
    await site.withPage("search-all", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(""));
      await search(page, "team");
      const status = await page.textContent(".search-status");
      const n = Number(status.match(/^(\d+) results/)[1]);
      assert.ok(n > 20, status);
      const all = page.locator("#search-results .search-all");
      assert.equal(await all.textContent(), `All ${n} results`);
      // Enter on it (the last option) opens the search page with the same words.
      await page.keyboard.press("ArrowUp");
      assert.equal(await all.getAttribute("aria-selected"), "true");
      await Promise.all([page.waitForURL(/search\/(index\.html)?\?q=team$/), page.keyboard.press("Enter")]);
      await settled(page);
      assert.equal(await page.textContent("#search-page-status"), `${n} results`);
      assert.equal(await page.inputValue("#search-q"), "team");
      let shown = (await pageResults(page)).length;
      assert.equal(shown, 20);
      while (await page.isVisible("#search-page-more")) {
        await page.click("#search-page-more");
        await page.waitForFunction((k) => document.querySelectorAll("#search-page-results > li").length > k, shown);
        shown = (await pageResults(page)).length;
      }
      assert.equal(shown, n, "every result is reachable");
      assert.equal(new Set(await pageResults(page)).size, n, "no result twice");
      assert.deepEqual(tracker.problems(), []);
    });
  });

  test("filters browse without words, narrow words, show counts, and live in the address", async () => {
    await site.withPage("search-filters", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url("search/?act=own-the-problem&setting=work"));
      await settled(page);
      assert.deepEqual((await pageResults(page)).sort(), [site.path("examples/kitchen-remodel-leak/"), site.path("examples/results-inbox-scan/")].sort());
      assert.equal(await page.textContent("#search-page-status"), "2 results");
      // Counts: each facet counted under the other filters.
      assert.match(await page.locator("select[name=setting] option[value=work]").textContent(), /\(2\)$/);
      assert.match(await page.locator("select[name=act] option[value=own-the-problem]").textContent(), /\(2\)$/);
      // Words within a filter.
      await page.selectOption("select[name=act]", "");
      await page.fill("#search-q", "");
      await page.selectOption("select[name=setting]", "online");
      await page.fill("#search-q", "moderator angry post");
      await page.waitForURL(/[?&]q=moderator\+angry\+post/);
      await settled(page);
      assert.equal((await pageResults(page))[0], site.path("examples/neighborhood-group-screenshot/"));
      assert.match(page.url(), /setting=online/);
      // Back undoes the last filter change: the address, the form and the list follow.
      await visit(page, tracker, site.url("search/?tag=retail"));
      await settled(page);
      assert.equal((await pageResults(page)).length, 2);
      await page.selectOption("select[name=tag]", "safety");
      await page.waitForURL(/tag=safety/);
      await settled(page);
      assert.equal((await pageResults(page)).length, 3);
      await page.goBack();
      await page.waitForURL(/tag=retail/);
      await page.waitForFunction(() => document.querySelector("select[name=tag]").value === "retail");
      await page.waitForFunction(() => document.querySelectorAll("#search-page-results > li").length === 2);
      assert.deepEqual(tracker.problems(), []);
    });
  });

  test("no accessibility violations with results open, in the header and on the search page", async () => {
    for (const palette of ["light", "dark"]) {
      await site.withPage(`search-axe-${palette}`, { colorScheme: palette }, async ({ page, tracker }) => {
        await visit(page, tracker, site.url(""));
        // A typo, so the list also holds its "Showing results for" line.
        await search(page, "feedbak sandwich");
        await page.waitForSelector("#search-results .search-note");
        await page.keyboard.press("ArrowDown");
        let violations = await runAxe(page);
        if (violations.length) {
          const file = saveArtifact(`axe-${site.name}-search-open-${palette}.json`, violations);
          assert.fail(`axe with the results open (${palette}), details in ${file}:\n${formatViolations(violations)}`);
        }
        await visit(page, tracker, site.url("search/?q=team&section=examples"));
        await settled(page);
        violations = await runAxe(page);
        if (violations.length) {
          const file = saveArtifact(`axe-${site.name}-search-page-${palette}.json`, violations);
          assert.fail(`axe on the search page (${palette}), details in ${file}:\n${formatViolations(violations)}`);
        }
      });
    }
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

  test("without JavaScript the search box is hidden, the search page says why, and pages work", async () => {
    await site.withPage("search-nojs", { javaScriptEnabled: false }, async ({ page, tracker }) => {
      const { problems } = await visit(page, tracker, site.url("concept/"));
      assert.deepEqual(problems, []);
      assert.equal(await page.isHidden("#search"), true);
      assert.ok((await page.locator("nav a").count()) > 10);
      await visit(page, tracker, site.url("search/?q=team"));
      assert.equal(await page.isHidden("#search-page"), true);
      assert.match(await page.textContent(".search-nojs"), /needs JavaScript/);
    });
  });
});
