// How long a reader waits for results after the last keystroke, in headless Chromium with the
// CPU throttled (4x by default, Lighthouse's mobile setting), the site opened from disk.
//
//   (cd tests/browser && npm ci)       # once: playwright-core
//   node benches/search-latency.mjs PUBLIC_DIR [--throttle 4] [--runs 3] QUERY...
//
// Each query is typed into the header's box of a fresh browser context (nothing cached) one
// character every 150 ms, as a person types; the time from the last keystroke to the last
// change of the result list is the latency (it includes the box's debounce and loading any
// index file the last word needs). Prints each query's median and the worst median.
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let throttle = 4, runs = 3;
const queries = [];
let dir = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--throttle") throttle = Number(args[++i]);
  else if (args[i] === "--runs") runs = Number(args[++i]);
  else if (!dir) dir = args[i];
  else queries.push(args[i]);
}
if (!dir || queries.length === 0 || !(throttle >= 1) || !(runs >= 1)) {
  console.error("usage: node benches/search-latency.mjs PUBLIC_DIR [--throttle N] [--runs N] QUERY...");
  process.exit(2);
}
const home = pathToFileURL(join(resolve(dir), "index.html")).href;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let worst = 0;
console.log(`CPU throttled ${throttle}x, ${runs} runs a query, site from ${home}`);
for (const query of queries) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
    await page.goto(home);
    await page.evaluate(() => {
      window.__lat = { key: 0, change: 0 };
      document.getElementById("search-input").addEventListener("keydown", () => { window.__lat.key = performance.now(); }, true);
      new MutationObserver(() => { window.__lat.change = performance.now(); })
        .observe(document.getElementById("search-results"), { childList: true, subtree: true, characterData: true, attributes: true });
    });
    await page.click("#search-input");
    await page.waitForTimeout(500);
    await page.keyboard.type(query, { delay: 150 });
    await page.waitForTimeout(2000);
    const { key, change } = await page.evaluate(() => window.__lat);
    if (!(change > key)) throw new Error(`no results shown after the last keystroke of ${JSON.stringify(query)}`);
    times.push(change - key);
    await context.close();
  }
  const m = median(times);
  worst = Math.max(worst, m);
  console.log(`query ${JSON.stringify(query)}: median ${m.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(", ")})`);
}
console.log(`worst median: ${worst.toFixed(0)} ms`);
await browser.close();
