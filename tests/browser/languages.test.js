// The handbook in several languages, as a reader uses it: the switcher leads to the same page
// in the other language, search in Spanish understands Spanish words (its own index, its own
// stemmer), an untranslated page says so, and a right-to-left language is laid out mirrored.

import assert from "node:assert/strict";
import path from "node:path";
import { describe, before, after, test } from "node:test";
import { forEachMount, formatViolations, launchBrowser, openPage, runAxe, screenshot, search, startServer, visit, VIEWPORTS } from "./lib/harness.js";

forEachMount("languages", (site) => {
  test("the switcher leads to the same page in Spanish and back", () =>
    site.withPage("lang-switch", { viewport: VIEWPORTS.desktop }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url("acts/ask-the-quiet-voice/"));
      assert.equal(await page.getAttribute("html", "lang"), "en");
      await page.click('nav.languages a[hreflang="es"]');
      await page.waitForURL(/\/es\/acts\/ask-the-quiet-voice\/$/);
      assert.equal(await page.getAttribute("html", "lang"), "es");
      assert.equal(await page.textContent("main h1"), "Pregunta a la voz callada");
      assert.equal(await page.getAttribute('nav.languages a[aria-current="true"]', "hreflang"), "es");
      // hreflang pairs point both ways, as absolute URLs: only a site built with a base URL
      // (the one mounted under /handbook/; it also has a canonical link) has them.
      const alternates = await page.$$eval('link[rel="alternate"][hreflang]', (ls) => ls.map((l) => `${l.hreflang} ${l.getAttribute("href")}`));
      if ((await page.locator('link[rel="canonical"]').count()) > 0) {
        assert.deepEqual(alternates.map((a) => a.split(" ")[0]).sort(), ["en", "es", "x-default"]);
        assert.ok(alternates.every((a) => /^\S+ https?:\/\//.test(a)), alternates.join(", "));
      } else {
        assert.deepEqual(alternates, []);
      }
      await page.click('nav.languages a[hreflang="en"]');
      await page.waitForURL(/\/acts\/ask-the-quiet-voice\/$/);
      assert.equal(await page.getAttribute("html", "lang"), "en");
    }));

  test("Spanish search finds a Spanish page by another form of its words", () =>
    site.withPage("lang-search-es", { viewport: VIEWPORTS.desktop }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url("es/"));
      // "preguntando" is nowhere in the text; "pregunta" and "preguntas" are (Snowball: pregunt).
      await search(page, "preguntando");
      const titles = await page.locator("#search-results [role=option]").allTextContents();
      assert.ok(titles.some((t) => /Pregunta a la voz callada|Haz la pregunta que nadie hace/.test(t)), titles.join(" | "));
      // Its messages are the Spanish site's too (es/search/t.js, not attributes of every page).
      assert.match(await page.textContent(".search-status"), /\d+ resultados?\b/);
      // Its own index: the Spanish site's, stemmed as Spanish.
      const manifest = await (await page.request.get(site.url("es/search/index.js"))).text();
      assert.match(manifest, /"lang":\s*"es"/);
      // The English index does not hold the Spanish pages.
      await visit(page, tracker, site.url(""));
      await search(page, "callada");
      assert.match(await page.textContent(".search-status"), /No result|0 result/i);
    }));

  test("an untranslated page says so in Spanish and keeps its English text marked as English", () =>
    site.withPage("lang-notice", { viewport: VIEWPORTS.phone }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url("es/about/"));
      const notice = page.locator(".lang-notice");
      assert.match(await notice.textContent(), /aún no está traducida/);
      assert.equal(await page.locator("main h1").evaluate((h) => h.closest("[lang]").lang), "en");
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(violations));
    }));
});

describe("a right-to-left language", () => {
  const dir = process.env.HANDBOOK_RTL_DIR;
  let server;
  let browser;
  before(async () => {
    assert.ok(dir, "HANDBOOK_RTL_DIR is not set (scripts/browser-tests builds the right-to-left site)");
    server = await startServer(path.resolve(dir), "/");
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [name, viewport] of [["desktop", VIEWPORTS.desktop], ["phone", VIEWPORTS.phone]]) {
    test(`is laid out mirrored at ${name} width, without violations`, async () => {
      const { page, tracker, context } = await openPage(browser, server, { viewport });
      try {
        await visit(page, tracker, server.url("ar/"));
        assert.equal(await page.getAttribute("html", "dir"), "rtl");
        const box = async (sel) => page.locator(sel).first().boundingBox();
        const brand = await box(".brand");
        const toggle = await box(".theme-toggle");
        assert.ok(brand.x > toggle.x, "the site's name is at the right end of the header");
        const h1 = await box("main h1");
        const main = await box("main");
        assert.ok(h1.x + h1.width > main.x + main.width - 40, "the title starts at the right");
        if (name === "desktop") {
          const nav = await box("details.sidebar");
          assert.ok(nav.x > main.x, "the sidebar is on the right of the text");
        }
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(wide <= 0, `the page scrolls sideways by ${wide}px`);
        await screenshot(page, `rtl-home-${name}`);
        const violations = await runAxe(page);
        assert.equal(violations.length, 0, formatViolations(violations));
      } finally {
        await context.close();
      }
    });
  }
});
