// Search index size and first-search cost, measured in headless Chromium.
//
//   (cd tests/browser && npm ci)       # once: playwright-core
//   node benches/search-size.mjs /tmp/gc10k/public word1 word2 ...
//
// Prints the index's total size on disk, then for each query (each in a fresh browser context,
// so nothing is cached) the bytes of search files the page downloaded before the results
// showed, and the number of results. Figures go in BENCHMARKS.md.
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, ...queries] = process.argv.slice(2);
if (!dir || queries.length === 0) {
  console.error("usage: node benches/search-size.mjs PUBLIC_DIR QUERY...");
  process.exit(2);
}
const root = resolve(dir);
const searchDir = join(root, "search");
const files = readdirSync(searchDir);
const total = files.reduce((n, f) => n + statSync(join(searchDir, f)).size, 0);
const largest = Math.max(...files.map((f) => statSync(join(searchDir, f)).size));
console.log(`index: ${files.length} files, ${(total / 1e6).toFixed(2)} MB total, largest file ${(largest / 1e3).toFixed(1)} kB`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let worst = 0;
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  page.on("requestfinished", (req) => {
    const url = req.url();
    // The index, and the engine the page loads when a reader first searches.
    if ((url.includes("/search/") || url.endsWith("/assets/search-engine.js")) && url.startsWith("file:")) {
      bytes += statSync(new URL(url)).size;
    }
  });
  await page.goto(pathToFileURL(join(root, "index.html")).href);
  await page.fill("#search-input", query);
  await page.waitForFunction(() => {
    const s = document.querySelector(".search-status");
    return s && s.textContent.length > 0;
  }, null, { timeout: 30000 });
  const status = await page.textContent(".search-status");
  worst = Math.max(worst, bytes);
  console.log(`query ${JSON.stringify(query)}: ${(bytes / 1e3).toFixed(1)} kB downloaded, ${status}`);
  await context.close();
}
console.log(`largest first-search download: ${(worst / 1e3).toFixed(1)} kB`);
await browser.close();
