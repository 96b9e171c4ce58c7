// The share page (`examples/share/`), tried as a contributor without any tools would: filled in
// by keyboard alone, it must produce exactly the file `handbook new example` writes for the same
// answers, a file `handbook check` accepts, and hand it over by a well-formed forge link, a
// download, the clipboard or an email link. Without JavaScript it shows the template and the
// steps; opened from disk it works too. The fixture site (scripts/browser-tests) has a
// `[contribute]` table with a GitHub repository, an email address and a licence.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { formatViolations, launchBrowser, openPage, runAxe, startServer, visit } from "./lib/harness.js";

const dir = process.env.HANDBOOK_FIXTURE_DIR;
const src = process.env.HANDBOOK_FIXTURE_SRC;
const offline = process.env.HANDBOOK_OFFLINE_DIR;
const bin = process.env.HANDBOOK_BIN;

/** A fresh copy of the fixture's sources, to run the binary on. */
function sources() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "share-"));
  cpSync(src, tmp, { recursive: true });
  return tmp;
}

/** Presses Tab until `selector` has the focus (at most `max` times). */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** axe with every rule it has, best practices and experimental ones included. */
async function axeAll(page) {
  await runAxe(page, { runOnly: ["wcag2a"] });
  const rules = await page.evaluate(() => window.axe.getRules().map((r) => r.ruleId));
  return runAxe(page, { runOnly: { type: "rule", values: rules } });
}

// Awkward on purpose: quotes of both kinds, a backslash, accents, an emoji, a tag to create.
const answers = {
  title: "Café: the \"quiet\" intern's idea ☕",
  act: "ask-the-quiet-voice",
  contributor: "O'Neil \\ night shift",
  context: "hospital ward",
  tags: ["meetings", "late shifts", "Ünïcode"],
  story: "\n\nIn the Monday huddle the new intern sat silent, as she had for weeks.  \n\nI asked what she thought. She said: \"We could stagger the breaks.\" We did.\n\n",
};

describe("share page", () => {
  let server;
  let browser;
  before(async () => {
    assert.ok(dir && src && bin, "HANDBOOK_FIXTURE_DIR, HANDBOOK_FIXTURE_SRC and HANDBOOK_BIN must be set (scripts/browser-tests)");
    server = await startServer(path.resolve(dir), "/");
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("filled by keyboard: the same file as `handbook new`, accepted by `check`, handed over four ways", async () => {
    const { page, tracker, context } = await openPage(browser, server);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    const { problems } = await visit(page, tracker, server.url("examples/share/"));
    assert.deepEqual(problems, []);

    await tabTo(page, "#share-title");
    await page.keyboard.type(answers.title);
    assert.equal(await page.textContent("#share-slug"), "café-the-quiet-intern-s-idea");
    // A radio group: Tab enters it at its first choice, Space takes it.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    assert.equal(await page.evaluate(() => document.activeElement.value), answers.act);
    await tabTo(page, "#share-contributor");
    await page.keyboard.type(answers.contributor);
    await tabTo(page, "#share-context");
    await page.keyboard.type(answers.context);
    await tabTo(page, "input[name=tag][value=meetings]");
    await page.keyboard.press("Space");
    await tabTo(page, "#share-new-tags");
    await page.keyboard.type(answers.tags.slice(1).join(", "));
    await tabTo(page, "#share-story");
    await page.keyboard.type(answers.story);
    assert.equal(await page.textContent("#share-count"), "28 words, aim for 150 to 400");
    await tabTo(page, "#share-consent");
    await page.keyboard.press("Space");
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#share-result:not([hidden])");
    assert.equal(await page.evaluate(() => document.activeElement.id), "share-result-title");
    const shown = await page.textContent("#share-file");
    const name = "café-the-quiet-intern-s-idea.md";
    assert.equal(await page.textContent("#share-path"), `content/examples/${name}`);

    // `handbook new` with the same answers writes the same bytes.
    const cli = sources();
    writeFileSync(path.join(cli, "story.txt"), answers.story);
    execFileSync(bin, [
      "new", "example", answers.title, "--root", cli,
      "--act", answers.act, "--contributor", answers.contributor, "--context", answers.context,
      "--tags", answers.tags.join(", "), "--body", path.join(cli, "story.txt"),
    ]);
    const written = readFileSync(path.join(cli, "content/examples", name), "utf8");
    assert.equal(shown, written);

    // The download is that file; `handbook check` accepts it.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#share-download")]);
    assert.equal(download.suggestedFilename(), name);
    const checked = sources();
    await download.saveAs(path.join(checked, "content/examples", name));
    assert.equal(readFileSync(path.join(checked, "content/examples", name), "utf8"), shown);
    const check = spawnSync(bin, ["check", checked, "--format", "json"], { encoding: "utf8" });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal(check.stdout.trim(), "[]");

    // The forge link opens GitHub's new-file page in the examples folder, with the file.
    const href = await page.getAttribute("#share-forge", "href");
    const url = new URL(href);
    assert.equal(url.origin + url.pathname, "https://github.com/example/handbook/new/main/content/examples");
    assert.equal(url.searchParams.get("filename"), name);
    assert.equal(url.searchParams.get("value"), shown);
    assert.ok(href.length <= 8000, `${href.length} characters`);

    // The email link carries it too, and the clipboard gets it.
    const mail = new URL(await page.getAttribute("#share-email", "href"));
    assert.equal(mail.protocol + mail.pathname, "mailto:stories@example.org");
    assert.equal(mail.searchParams.get("body"), shown);
    await page.click("#share-copy");
    await page.waitForFunction(() => document.getElementById("share-copied").textContent.startsWith("Copied"));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);

    // Nothing went anywhere but the site itself.
    assert.deepEqual(tracker.problems(), []);
    rmSync(cli, { recursive: true, force: true });
    rmSync(checked, { recursive: true, force: true });
    await context.close();
  });

  test("problems are listed, linked to their fields, and marked on them", async () => {
    const { page, tracker, context } = await openPage(browser, server);
    await visit(page, tracker, server.url("examples/share/"));
    await page.fill("#share-new-tags", "ok, ***");
    await page.fill("#share-story", "See [my notes](notes.md).");
    await page.click("button[type=submit]");
    const box = page.locator("#share-errors");
    await box.waitFor({ state: "visible" });
    assert.equal(await page.evaluate(() => document.activeElement.id), "share-errors");
    const items = await page.locator("#share-error-list a").allTextContents();
    assert.deepEqual(items, [
      "Give your example a title.",
      "Choose the act your example shows.",
      "Write the name to credit you by, or choose to stay anonymous.",
      "The tag \u201c***\u201d has no letters or digits.",
      "The link to \u201cnotes.md\u201d will not work: link only to web pages, written in full (https://\u2026).",
      "Tick the box to agree that your example is published.",
    ]);
    assert.equal(await page.getAttribute("#share-title", "aria-invalid"), "true");
    assert.equal(await page.locator("input[name=act][aria-invalid=true]").count(), 8);
    await page.click("#share-error-list a >> nth=1");
    assert.equal(await page.evaluate(() => document.activeElement.name), "act");
    assert.equal(await page.isHidden("#share-result"), true);
    // Anonymous needs no name; fixed answers clear their marks.
    await page.check("input[name=credit][value=anonymous]");
    assert.equal(await page.isHidden("#share-contributor"), true);
    await page.fill("#share-title", "Fine");
    await page.click("button[type=submit]");
    assert.equal(await page.getAttribute("#share-title", "aria-invalid"), null);
    assert.equal(await page.locator("#share-error-list li").count(), 4);
    const violations = await axeAll(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await context.close();
  });

  test("a story too long for a link falls back to the download, with a message", async () => {
    const { page, tracker, context } = await openPage(browser, server);
    await visit(page, tracker, server.url("examples/share/"));
    await page.fill("#share-title", "Long");
    await page.check("input[name=act][value=own-the-problem]");
    await page.check("input[name=credit][value=anonymous]");
    await page.fill("#share-story", "Ça a marché, à peu près. ".repeat(200));
    await page.check("#share-consent");
    await page.click("button[type=submit]");
    await page.waitForSelector("#share-result:not([hidden])");
    assert.equal(await page.isVisible("#share-forge"), false);
    assert.equal(await page.isVisible("#share-too-long"), true);
    assert.equal(await page.getAttribute("#share-too-long a", "href"), "https://github.com/example/handbook/upload/main/content/examples");
    assert.equal(await page.isVisible("#share-email-long"), true);
    const mail = new URL(await page.getAttribute("#share-email", "href"));
    assert.equal(mail.searchParams.get("body"), null);
    assert.ok((await page.textContent("#share-file")).includes("# contributor = "));
    const violations = await axeAll(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await context.close();
  });

  test("without JavaScript: the template and the steps, no form", async () => {
    const { page, tracker, context } = await openPage(browser, server, { javaScriptEnabled: false });
    await visit(page, tracker, server.url("examples/share/"));
    assert.equal(await page.isVisible("#share-form"), false);
    assert.equal(await page.isVisible(".share-nojs"), true);
    const template = await page.textContent(".share-nojs pre");
    assert.match(template, /^\+\+\+\ntitle = "Your title"\n/);
    assert.match(template, /\nact = "…"\n/);
    assert.match(await page.textContent(".share-nojs"), /stories@example\.org/);
    assert.equal(await page.locator(".share-nojs dt").count(), 8);
    await context.close();
  });

  test("opened from disk, the form works", async () => {
    const { page, tracker, context } = await openPage(browser, { origin: "http://127.0.0.1:1" });
    await page.goto(pathToFileURL(path.join(path.resolve(offline), "examples/share/index.html")).href);
    await page.fill("#share-title", "From disk");
    await page.check("input[name=act][value=share-the-credit]");
    await page.check("input[name=credit][value=anonymous]");
    await page.fill("#share-story", "It worked offline.");
    await page.check("#share-consent");
    await page.click("button[type=submit]");
    await page.waitForSelector("#share-result:not([hidden])");
    assert.match(await page.textContent("#share-file"), /\ntitle = "From disk"\n/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#share-download")]);
    assert.equal(download.suggestedFilename(), "from-disk.md");
    assert.deepEqual(tracker.problems(), []);
    await context.close();
  });
});
