// The 404 page, as a host serves it for a deep missing URL: it must be styled (its inline CSS
// applies even though relative stylesheet links would break at that depth), load cleanly, and
// its links must lead back into the site wherever the site is mounted.

import assert from "node:assert/strict";
import { test } from "node:test";
import { MISSING_PAGE, forEachMount, readPalette, visit } from "./lib/harness.js";

forEachMount("404 page", (site) => {
  test(`a deep missing URL (/${MISSING_PAGE}) gets the styled 404 page`, () =>
    site.withPage("404-styled", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(""));
      const home = await readPalette(page);
      const homeHeader = await page.evaluate(() => getComputedStyle(document.querySelector("header")).display);

      const { status } = await visit(page, tracker, site.url(MISSING_PAGE), { expectStatus: 404 });
      assert.equal(status, 404);
      const styles = await page.evaluate(() => ({
        h1: document.querySelector("h1")?.textContent.trim() ?? null,
        bodyMargin: getComputedStyle(document.body).marginTop,
        header: getComputedStyle(document.querySelector("header")).display,
      }));
      assert.match(styles.h1 ?? "", /not found/i, "the 404 page's heading");
      assert.equal(styles.bodyMargin, "0px", "body margin (the browser default is 8px: the site CSS did not apply)");
      assert.equal(styles.header, homeHeader, "the header is laid out as on the home page");
      assert.deepEqual(await readPalette(page), home, "the 404 page uses the same palette as the home page");
    }));

  test("the 404 page loads without errors or failed requests", () =>
    site.withPage("404-clean", {}, async ({ page, tracker }) => {
      const { problems } = await visit(page, tracker, site.url(MISSING_PAGE), { expectStatus: 404 });
      assert.equal(problems.length, 0, `${problems.length} problems on ${site.url(MISSING_PAGE)}:\n${problems.join("\n")}`);
    }));

  test("every link on the 404 page leads to a page of the site", () =>
    site.withPage("404-links", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(MISSING_PAGE), { expectStatus: 404 });
      // In-page links (the skip link) stay on the 404 page itself; every other link must work.
      const hrefs = await page.evaluate(() => [
        ...new Set(
          [...document.querySelectorAll("a[href]")]
            .filter((a) => !a.getAttribute("href").startsWith("#"))
            .map((a) => a.href.split("#")[0]),
        ),
      ]);
      assert.ok(hrefs.length > 0, "the 404 page has no links");
      const base = site.url("");
      const bad = [];
      for (const href of hrefs) {
        if (!href.startsWith(base)) {
          bad.push(`${href} is outside the site (mounted at ${base})`);
          continue;
        }
        const response = await page.request.get(href, { maxRedirects: 0 });
        if (response.status() !== 200) bad.push(`${href}: HTTP ${response.status()}`);
      }
      assert.equal(bad.length, 0, `${bad.length} of ${hrefs.length} links on the 404 page are broken:\n${bad.join("\n")}`);
    }));
});
