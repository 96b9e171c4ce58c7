// The print page (print/): the whole handbook in reading order with a working table of contents,
// page breaks between chapters, and no navigation or search box on paper. Single pages print
// without the chrome too.

import assert from "node:assert/strict";
import { test } from "node:test";
import { forEachMount, samplePages, visit } from "./lib/harness.js";

forEachMount("print", (site) => {
  test("the print page has every chapter, a working contents list and page breaks", async () => {
    await site.withPage("print-page", {}, async ({ page, tracker }) => {
      const { problems } = await visit(page, tracker, site.url("print/"));
      assert.deepEqual(problems, []);
      const chapters = await page.locator("section.print-chapter").count();
      const toc = await page.locator(".print-toc a").count();
      assert.ok(chapters > 20, `${chapters} chapters`);
      assert.equal(toc, chapters);
      // Every contents entry points at a chapter on the page.
      const missing = await page.evaluate(() =>
        [...document.querySelectorAll(".print-toc a")].map((a) => a.getAttribute("href")).filter((h) => !document.getElementById(h.slice(1))),
      );
      assert.deepEqual(missing, []);
      // Links between pages stay inside the document.
      const outward = await page.evaluate(() =>
        [...document.querySelectorAll(".print-chapter .prose a[href]")]
          .map((a) => a.getAttribute("href"))
          .filter((h) => !h.startsWith("#") && !/^[a-z]+:/.test(h) && !h.includes("/random/")),
      );
      assert.deepEqual(outward, [], "internal links are in-page anchors");
      await page.emulateMedia({ media: "print" });
      const shown = await page.evaluate(() =>
        ["header.topbar", ".sidebar", "#search", ".site-footer"].filter((s) => {
          const el = document.querySelector(s);
          return el && getComputedStyle(el).display !== "none";
        }),
      );
      assert.deepEqual(shown, []);
      const breaks = await page.evaluate(() => getComputedStyle(document.querySelector(".print-depth-1")).breakBefore);
      assert.equal(breaks, "page");
    });
  });

  test("a single page prints without navigation", async () => {
    await site.withPage("print-single", {}, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(samplePages().example));
      await page.emulateMedia({ media: "print" });
      const hidden = await page.evaluate(() =>
        [".sidebar", ".pager", "#search", ".theme-toggle"].every((s) => {
          const el = document.querySelector(s);
          return !el || getComputedStyle(el).display === "none";
        }),
      );
      assert.ok(hidden);
      assert.ok((await page.textContent("main")).length > 500);
    });
  });
});
