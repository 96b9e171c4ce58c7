// The palette toggle (themes/default/static/assets/theme.js and the inline script in base.html):
// it switches the palette, the choice persists across pages, a saved choice is applied before the
// first frame (no flash of the wrong palette), and with no saved choice the system palette rules.

import assert from "node:assert/strict";
import { test } from "node:test";
import { forEachMount, luminance, readPalette, samplePages, visit } from "./lib/harness.js";

/** The palette button in the page header, found by role and name rather than by markup. */
function toggleButton(page) {
  return page.locator("header").getByRole("button", { name: /dark|light|theme|palette|colou?r|mode/i });
}

forEachMount("palette", (site) => {
  const pages = samplePages(site.dir);

  test("the header toggle switches to the dark palette and the choice persists on other pages", async () => {
    await site.withPage("theme-toggle", { colorScheme: "light" }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(pages.home));
      const toggle = toggleButton(page);
      assert.equal(await toggle.count(), 1, "expected exactly one palette button in the <header>");
      await assert.doesNotReject(toggle.waitFor({ state: "visible", timeout: 2000 }), "the palette button is not visible");

      const light = await readPalette(page);
      assert.equal(light.theme, null, "a fresh visit has no stored palette choice");
      assert.equal((await toggle.innerText()).trim(), "Dark mode", "in the light palette the button offers the dark one");

      await toggle.click();
      const dark = await readPalette(page);
      assert.equal(dark.theme, "dark", "data-theme on <html> after clicking the toggle");
      assert.equal((await toggle.innerText()).trim(), "Light mode", "in the dark palette the button offers the light one");
      assert.notEqual(dark.background, light.background, "body background should change");
      assert.ok(luminance(dark.background) < luminance(light.background), `dark background ${dark.background} is not darker than ${light.background}`);

      // Follow a visible sidebar link, as a reader would, and check the choice at DOMContentLoaded.
      const link = page.locator(".sidebar nav a:visible:not([aria-current])").first();
      const target = await link.getAttribute("href");
      await Promise.all([page.waitForEvent("domcontentloaded"), link.click()]);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark", `palette choice lost after following ${target}`);
      await page.waitForLoadState("load");
      assert.equal((await readPalette(page)).background, dark.background, "dark background on the next page");
      assert.equal((await toggleButton(page).innerText()).trim(), "Light mode", "the label on the next page");

      // And back: light is remembered too, even though the system palette is light anyway.
      await toggleButton(page).click();
      assert.equal((await readPalette(page)).theme, "light");
      await page.reload({ waitUntil: "domcontentloaded" });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light", "light choice lost after reload");
      await page.waitForLoadState("load");
      assert.equal((await readPalette(page)).background, light.background, "light background after reload");
    });
  });

  for (const [system, stored] of [["light", "dark"], ["dark", "light"]]) {
    test(`a stored ${stored} choice applies before the first frame under a ${system} system palette (no flash)`, async () => {
      await site.withPage(`theme-flash-${stored}`, { colorScheme: system }, async ({ page, tracker }) => {
        await visit(page, tracker, site.url(pages.home));
        const systemPalette = await readPalette(page);
        await toggleButton(page).click();
        const storedPalette = await readPalette(page);
        assert.equal(storedPalette.theme, stored);
        assert.notEqual(storedPalette.background, systemPalette.background);

        // Hold every external script, so whatever palette shows in the first frame was decided by
        // the document itself (the inline <head> script), not by theme.js running later.
        const held = [];
        let release;
        const gate = new Promise((resolve) => (release = resolve));
        await page.route("**/*", async (route) => {
          if (route.request().resourceType() === "script") {
            held.push(route.request().url());
            await gate;
          }
          return route.fallback();
        });
        try {
          await page.goto(site.url(pages.example), { waitUntil: "commit" });
          // Polled in requestAnimationFrame: the first frame in which the body is parsed and the
          // stylesheets apply (before that, rendering is blocked and nothing is painted).
          await page.waitForFunction(
            () =>
              document.body &&
              document.readyState !== "loading" &&
              [...document.querySelectorAll('link[rel~="stylesheet"]')].every((l) => l.sheet),
            null,
            { polling: "raf", timeout: 10000 },
          );
          const first = await readPalette(page);
          assert.ok(held.length > 0, "no external script was held: the check would not prove anything");
          assert.equal(first.theme, stored, `data-theme in the first frame (with ${held.join(", ")} still held)`);
          assert.equal(first.background, storedPalette.background, "body background in the first frame");
        } finally {
          release();
          await page.waitForLoadState("load");
          await page.unrouteAll({ behavior: "wait" });
        }
      });
    });
  }

  test("with no stored choice, prefers-color-scheme: dark applies the dark palette (dark grey, not black)", async () => {
    // The palettes as the toggle produces them under a light system palette, for reference.
    const { light, dark } = await site.withPage("theme-reference", { colorScheme: "light" }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(pages.home));
      const light = await readPalette(page);
      await toggleButton(page).click();
      return { light, dark: await readPalette(page) };
    });

    await site.withPage("theme-system-dark", { colorScheme: "dark" }, async ({ page, tracker }) => {
      await visit(page, tracker, site.url(pages.home));
      const system = await readPalette(page);
      assert.equal(system.theme, null, "no stored choice, so no data-theme");
      assert.equal(system.background, dark.background, "system dark background equals the toggled dark one");
      assert.equal(system.color, dark.color, "system dark text colour equals the toggled dark one");
      assert.notEqual(system.background, "rgb(0, 0, 0)", "dark palette should be a dark grey, not pure black");
      assert.equal((await toggleButton(page).innerText()).trim(), "Light mode", "under a dark system palette the button offers the light one");

      await toggleButton(page).click();
      const chosen = await readPalette(page);
      assert.equal(chosen.theme, "light");
      assert.equal(chosen.background, light.background, "choosing light under a dark system palette");
    });
  });
});
