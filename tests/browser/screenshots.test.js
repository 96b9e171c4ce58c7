// Screenshots of the home page and an example page at phone and desktop widths in the light
// palette, saved under the artifacts folder for people to look at. The only thing asserted
// beyond "the screenshot was taken" is that nothing makes the page scroll sideways.

import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { test } from "node:test";
import { VIEWPORTS, forEachMount, samplePages, screenshot, visit } from "./lib/harness.js";

forEachMount("screenshots", (site) => {
  const pages = samplePages(site.dir);
  for (const kind of ["home", "example"]) {
    for (const viewport of ["phone", "desktop"]) {
      const options = { viewport: VIEWPORTS[viewport], colorScheme: "light" };
      test(`${kind} page at ${viewport} width (${VIEWPORTS[viewport].width}px), light palette`, () =>
        site.withPage(`screenshot-${kind}-${viewport}`, options, async ({ page, tracker }) => {
          await visit(page, tracker, site.url(pages[kind]));
          const file = await screenshot(page, `${site.name}-${kind}-${viewport}-light`);
          assert.ok(statSync(file).size > 1000, `${file} is suspiciously small`);

          const overflow = await page.evaluate(() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll("body *")]
              .filter((el) => el.getBoundingClientRect().right > width + 1)
              .filter((el) => !el.parentElement.closest("pre, table")) // these scroll inside themselves
              .slice(0, 10)
              .map((el) => `<${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""}> right edge ${Math.round(el.getBoundingClientRect().right)}px`);
            return { scrollWidth: document.documentElement.scrollWidth, width, wide };
          });
          assert.ok(
            overflow.scrollWidth <= overflow.width,
            `the page scrolls sideways: ${overflow.scrollWidth}px of content in a ${overflow.width}px viewport; widest elements:\n${overflow.wide.join("\n")}`,
          );
        }));
    }
  }
});
