// `handbook serve` in a real browser: a saved edit reloads the open page and keeps its scroll
// position; a broken file shows the errors in an overlay (as text) over the last good page; the
// fix clears it. Runs the release binary on a copy of the shipped handbook.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, openPage } from "./lib/harness.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = process.env.HANDBOOK_BIN || path.join(repo, "target/release/handbook");
const example = "content/examples/bakery-counter-croissants.md";

describe("live reload", () => {
  let project;
  let server;
  let origin;
  let browser;
  before(async () => {
    project = mkdtempSync(path.join(tmpdir(), "handbook-serve-"));
    cpSync(path.join(repo, "book.toml"), path.join(project, "book.toml"));
    cpSync(path.join(repo, "content"), path.join(project, "content"), { recursive: true });
    server = spawn(bin, ["serve", "--port", "0", "--root", project], { stdio: ["ignore", "pipe", "pipe"] });
    origin = await new Promise((resolve, reject) => {
      let out = "";
      server.stdout.on("data", (d) => {
        out += d;
        const m = out.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//);
        if (m) resolve(m[1]);
      });
      server.on("exit", (code) => reject(new Error(`handbook serve exited with ${code}`)));
      setTimeout(() => reject(new Error(`no address from handbook serve: ${out}`)), 60000);
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.kill();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  test("an edit reloads the page at the same scroll position; errors show and clear", async () => {
    const { page, tracker, context } = await openPage(browser, { origin }, { viewport: { width: 1000, height: 500 } });
    await page.goto(`${origin}/examples/bakery-counter-croissants/`);
    await page.waitForFunction(() => document.readyState === "complete");
    await page.waitForTimeout(300); // the reload channel connects
    await page.evaluate(() => window.scrollTo(0, 400));
    const file = path.join(project, example);
    const original = readFileSync(file, "utf8");

    writeFileSync(file, `${original}\nA sentence added while the page was open.\n`);
    await page.waitForFunction(() => document.body.textContent.includes("A sentence added while the page was open."), null, { timeout: 20000 });
    await page.waitForFunction(() => Math.abs(window.scrollY - 400) < 5, null, { timeout: 5000 });

    // A mistake: the overlay names the file and line, and shows markup in it as text.
    writeFileSync(file, original.replace(/^date = .*$/m, "date = <b>soon</b>"));
    await page.waitForSelector("#handbook-error-overlay", { timeout: 20000 });
    const overlay = await page.textContent("#handbook-error-overlay pre");
    assert.match(overlay, /content\/examples\/bakery-counter-croissants\.md:4:\d+/);
    assert.match(overlay, /<b>soon<\/b>/);
    assert.equal(await page.locator("#handbook-error-overlay b").count(), 0);
    assert.match(await page.textContent("main"), /A sentence added/, "the last good page stays");

    writeFileSync(file, original);
    await page.waitForFunction(() => !document.getElementById("handbook-error-overlay") && !document.body.textContent.includes("A sentence added"), null, { timeout: 20000 });
    const problems = tracker.problems().filter((p) => !/__handbook\/events/.test(p));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("an edit reloads the pages it changed and leaves other open pages alone", async () => {
    const { page: story, context } = await openPage(browser, { origin });
    const listing = await context.newPage();
    const about = await context.newPage();
    await story.goto(`${origin}/examples/bakery-counter-croissants/`);
    await listing.goto(`${origin}/examples/page/2/`); // the listing page that holds it
    await about.goto(`${origin}/about/`);
    for (const p of [story, listing, about]) {
      await p.waitForFunction(() => document.readyState === "complete");
      await p.evaluate(() => { window.__notReloaded = true; });
    }
    await story.waitForTimeout(300); // the reload channels connect
    const file = path.join(project, example);
    const original = readFileSync(file, "utf8");
    const retitled = original.replace(/^title = ".*"$/m, 'title = "A retitled story"');
    try {
      writeFileSync(file, retitled);
      await story.waitForFunction(() => document.querySelector("h1").textContent === "A retitled story", null, { timeout: 20000 });
      // The listing shows the title too, and follows; the about page does not show it.
      await listing.waitForFunction(() => document.body.textContent.includes("A retitled story"), null, { timeout: 20000 });
      await about.waitForTimeout(500);
      assert.equal(await about.evaluate(() => window.__notReloaded === true), true, "the about page reloaded");
    } finally {
      writeFileSync(file, original);
    }
    await story.waitForFunction(() => document.querySelector("h1").textContent !== "A retitled story", null, { timeout: 20000 });
    await context.close();
  });
});
