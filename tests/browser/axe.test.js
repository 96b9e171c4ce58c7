// axe-core (every rule it runs by default, best practices included) on one page of every page
// type, in the light and the dark palette, at desktop width, and on a phone with the menu open.
// Any violation fails the test; the message lists each one with its impact, help text and the
// selectors of the offending nodes, and the full results are saved under the artifacts folder.

import assert from "node:assert/strict";
import { test } from "node:test";
import { MISSING_PAGE, VIEWPORTS, formatViolations, forEachMount, runAxe, samplePages, saveArtifact, visit } from "./lib/harness.js";

forEachMount("axe-core", (site) => {
  const pages = { ...samplePages(site.dir), "404 (missing URL)": MISSING_PAGE };

  for (const palette of ["light", "dark"]) {
    for (const [kind, rel] of Object.entries(pages)) {
      const slug = `${kind.replace(/\W+/g, "-")}-${palette}`;
      test(`${kind} page /${rel} in the ${palette} palette has no violations`, () =>
        site.withPage(`axe-${slug}`, { viewport: VIEWPORTS.desktop, colorScheme: palette }, async ({ page, tracker }) => {
          const expectStatus = rel === MISSING_PAGE ? 404 : 200;
          const { status } = await visit(page, tracker, site.url(rel), { expectStatus });
          assert.equal(status, expectStatus, `HTTP status of /${rel}`);
          const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
          assert.equal(dark, palette === "dark", "colour scheme emulation did not apply");

          const violations = await runAxe(page);
          if (violations.length > 0) {
            const file = saveArtifact(`axe-${site.name}-${slug}.json`, violations);
            assert.fail(`${violations.length} axe violation(s) on ${site.url(rel)} (${palette}), details in ${file}:\n${formatViolations(violations)}`);
          }
        }));
    }
  }

  for (const palette of ["light", "dark"]) {
    test(`example page at phone width with the menu open, ${palette} palette, has no violations`, () =>
      site.withPage(`axe-menu-${palette}`, { viewport: VIEWPORTS.phone, colorScheme: palette }, async ({ page, tracker }) => {
        await visit(page, tracker, site.url(pages.example));
        await page.locator("details.sidebar summary").click();
        assert.equal(await page.evaluate(() => document.querySelector("details.sidebar").open), true, "the menu opened");
        const violations = await runAxe(page);
        if (violations.length > 0) {
          const file = saveArtifact(`axe-${site.name}-menu-${palette}.json`, violations);
          assert.fail(`${violations.length} axe violation(s) with the menu open (${palette}), details in ${file}:\n${formatViolations(violations)}`);
        }
      }));
  }
});
