// The offline copy (`handbook build --offline`) opened from disk: every link leads to a file,
// every page loads without errors, and search works from file:// (its index loads through
// <script> tags, which file:// allows, unlike fetch).

import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchBrowser, openPage, search } from "./lib/harness.js";

const dir = process.env.HANDBOOK_OFFLINE_DIR;

/** Every index.html under the folder. */
function pages(root) {
  const out = [];
  const walk = (abs) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const p = path.join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "index.html") out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

describe("offline copy from file://", () => {
  let browser;
  const fakeServer = { origin: "http://127.0.0.1:1" };
  before(async () => {
    assert.ok(dir, "HANDBOOK_OFFLINE_DIR is not set (scripts/browser-tests builds it)");
    browser = await launchBrowser();
  });
  after(async () => browser?.close());

  test("every page loads from disk and every link leads to an existing file", async () => {
    const { page, tracker, context } = await openPage(browser, fakeServer);
    const broken = [];
    for (const file of pages(path.resolve(dir))) {
      tracker.reset();
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      await tracker.settle();
      if (page.url() !== pathToFileURL(file).href) continue; // a random picker moved on
      const links = await page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => a.href));
      for (const href of links) {
        const u = new URL(href);
        if (u.protocol !== "file:") continue;
        const target = fileURLToPath(u);
        if (!existsSync(target) || target.endsWith(path.sep)) broken.push(`${path.relative(dir, file)} -> ${href}`);
      }
      for (const p of tracker.problems()) broken.push(`${path.relative(dir, file)}: ${p}`);
    }
    await context.close();
    assert.deepEqual(broken, []);
  });

  test("search works from disk and opens the page", async () => {
    const { page, tracker, context } = await openPage(browser, fakeServer);
    await page.goto(pathToFileURL(path.join(path.resolve(dir), "index.html")).href);
    await search(page, "croissants");
    await page.keyboard.press("ArrowDown");
    await Promise.all([page.waitForURL(/bakery-counter-croissants\/index\.html\?highlight=croissants$/), page.keyboard.press("Enter")]);
    assert.match(await page.textContent("h1"), /croissants/);
    assert.deepEqual(tracker.problems(), []);
    await context.close();
  });

  test("the search page works from disk: stems, sections, filters and the words marked", async () => {
    const { page, tracker, context } = await openPage(browser, fakeServer);
    const home = pathToFileURL(path.join(path.resolve(dir), "index.html")).href;
    // The header's "All results" leads to the search page's file, with the words.
    await page.goto(home);
    await search(page, "feedback sandwich");
    const all = page.locator("#search-results .search-all");
    assert.match(await all.getAttribute("href"), /\/search\/index\.html\?q=feedback\+sandwich$/);
    await page.goto(await all.getAttribute("href"));
    await page.waitForFunction(() => /results?/.test(document.getElementById("search-page-status")?.textContent ?? ""));
    const sub = page.locator("#search-page-results a.search-sub", { hasText: "Pitfalls" }).first();
    const section = await sub.getAttribute("href");
    assert.match(section, /give-careful-feedback\/index\.html\?highlight=feedback\+sandwich#pitfalls$/);
    // A filter narrows the list from disk too.
    await page.fill("#search-q", "");
    await page.selectOption("select[name=tag]", "retail");
    await page.waitForFunction(() => document.querySelectorAll("#search-page-results > li").length === 2);
    await page.goto(section);
    await page.waitForSelector("main mark.search-mark");
    assert.deepEqual(tracker.problems(), []);
    await context.close();
  });
});
