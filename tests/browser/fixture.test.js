// A contribution titled `<img src=x onerror=alert(1)>` (tests/browser/fixtures/) must show as
// text wherever it appears: in search results above all (mdBook's CVE-2020-26297).

import assert from "node:assert/strict";
import path from "node:path";
import { describe, before, after, test } from "node:test";
import { launchBrowser, openPage, search, startServer, visit } from "./lib/harness.js";

const dir = process.env.HANDBOOK_FIXTURE_DIR;

describe("markup in a title stays text", () => {
  let server;
  let browser;
  before(async () => {
    assert.ok(dir, "HANDBOOK_FIXTURE_DIR is not set (scripts/browser-tests builds the fixture)");
    server = await startServer(path.resolve(dir), "/");
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("search shows the title as text and runs nothing", async () => {
    const { page, tracker, context } = await openPage(browser, server);
    const dialogs = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    const { problems } = await visit(page, tracker, server.url(""));
    assert.deepEqual(problems, []);
    await search(page, "marmalade");
    const title = page.locator("#search-results .search-title").first();
    assert.equal(await title.textContent(), "<img src=x onerror=alert(1)>");
    assert.equal(await page.locator("#search-results img").count(), 0);
    await search(page, "onerror");
    assert.equal(await page.locator("#search-results img").count(), 0);
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
    // The page itself shows it as text too.
    await page.keyboard.press("Enter");
    await page.waitForLoadState("load");
    assert.equal(await page.textContent("h1"), "<img src=x onerror=alert(1)>");
    assert.equal(await page.locator("main img").count(), 0);
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});
