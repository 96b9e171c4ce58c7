// Feeds are advertised in every page's head when the site knows its address (the /handbook/
// build has a base URL; the root build has none, and then advertises none), and parse as Atom.

import assert from "node:assert/strict";
import { test } from "node:test";
import { forEachMount, samplePages, visit } from "./lib/harness.js";

forEachMount("feeds", (site) => {
  test("pages advertise Atom feeds that parse, exactly when the build has a base URL", async () => {
    await site.withPage("feeds", {}, async ({ page, tracker }) => {
      const samples = samplePages(site.dir);
      const withBase = (await visit(page, tracker, site.url(""))) &&
        (await page.locator('link[rel="canonical"]').count()) > 0;
      for (const rel of Object.values(samples)) {
        await visit(page, tracker, site.url(rel));
        const feeds = await page.evaluate(() =>
          [...document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')].map((l) => l.href),
        );
        if (!withBase) {
          assert.deepEqual(feeds, [], `${rel}: no base URL, no feeds`);
          continue;
        }
        assert.ok(feeds.length >= 1, `${rel} advertises a feed`);
        for (const href of feeds) {
          const response = await page.request.get(href);
          assert.equal(response.status(), 200, href);
          const body = await response.text();
          const entries = await page.evaluate((xml) => {
            const doc = new DOMParser().parseFromString(xml, "application/xml");
            if (doc.querySelector("parsererror")) return -1;
            return doc.documentElement.localName === "feed" ? doc.querySelectorAll("entry").length : -2;
          }, body);
          assert.ok(entries > 0, `${href}: ${entries}`);
        }
      }
    });
  });
});
