// Shared helpers for the browser tests: configuration, the site's page inventory, browser launch,
// page visits with request/console tracking, axe-core runs and failure artifacts. Test files
// import from here and stay short; nothing here asserts (tests decide what a failure is).
//
// Configuration comes from the environment (scripts/browser-tests sets it):
//   HANDBOOK_SITE_DIR       built site folder (default: <repo>/public)
//   HANDBOOK_ARTIFACTS_DIR  screenshots and failure reports (default: <repo>/target/browser-artifacts)
//   HANDBOOK_MOUNTS         space-separated mount prefixes (default: "/ /handbook/"); a mount
//                           may name its own folder, "/handbook/=target/site-with-base-url",
//                           to test a build made for that prefix (e.g. with --base-url)
//   CHROMIUM_PATH           the browser (default: /usr/bin/chromium)

import { after, before, describe } from "node:test";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { normalizePrefix, startServer } from "./server.js";

export { startServer, normalizePrefix };

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../..");

export const config = {
  siteDir: path.resolve(process.env.HANDBOOK_SITE_DIR || path.join(repoRoot, "public")),
  artifactsDir: path.resolve(
    process.env.HANDBOOK_ARTIFACTS_DIR || path.join(repoRoot, "target/browser-artifacts"),
  ),
  mounts: parseMounts(process.env.HANDBOOK_MOUNTS || "/ /handbook/"),
  chromiumPath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
};

/** `"/ /handbook/=dir"` -> `[{ prefix: "/", dir: null }, { prefix: "/handbook/", dir: "<abs dir>" }]`. */
function parseMounts(spec) {
  return spec
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const [prefix, dir] = item.split("=");
      return { prefix: normalizePrefix(prefix), dir: dir ? path.resolve(dir) : null };
    });
}

/** Viewports used across the suite. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
};

// Flags verified on this kind of machine (shared/DEPENDENCIES.md). The background-networking
// flags matter: without them Chromium tries to reach Google hosts, which this network refuses.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches Debian's Chromium through playwright-core (which downloads no browser). Playwright
 * gives every launch a fresh temporary --user-data-dir and deletes it on close, so no profile
 * state leaks between runs. Fails with a clear message if the executable is missing: the suite
 * must never pass by not running.
 */
export async function launchBrowser() {
  if (!existsSync(config.chromiumPath)) {
    throw new Error(`Chromium not found at ${config.chromiumPath} (scripts/browser-tests installs Debian's chromium)`);
  }
  return chromium.launch({ executablePath: config.chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/** `'/'` -> `root`, `'/handbook/'` -> `handbook`: used in artifact file names. */
export function mountName(mount) {
  return mount === "/" ? "root" : mount.replace(/^\/|\/$/g, "").replace(/\//g, "-");
}

/**
 * Declares a `describe` block per configured mount, with a server and a browser started before
 * its tests and stopped after them. `fn(site)` declares the tests; `site.mount`, `site.name` and
 * `site.dir` (the served folder) are set at once, the rest by the time the tests run:
 *   site.server             see startServer
 *   site.url(rel)           the URL of a site-relative path (`concept/` -> http://.../handbook/concept/)
 *   site.browser            the Playwright browser
 *   site.open(options)      a new tracked page in a fresh context, see openPage; closed after the block
 *   site.withPage(name, options, fn)
 *                           opens a page, runs fn({ page, tracker, context }), saves failure
 *                           artifacts named after `name` if it throws, and closes the context
 */
export function forEachMount(title, fn) {
  for (const { prefix: mount, dir } of config.mounts) {
    describe(`${title} [site at ${mount}]`, () => {
      const site = { mount, name: mountName(mount), dir: dir ?? config.siteDir };
      const contexts = [];
      before(async () => {
        assertSiteDir(site.dir);
        site.server = await startServer(site.dir, mount);
        site.browser = await launchBrowser();
        site.url = (rel = "") => site.server.url(rel);
        // The path part of a site URL, as links and location.pathname show it.
        site.path = (rel = "") => new URL(site.server.url(rel)).pathname;
        site.open = async (options = {}) => {
          const opened = await openPage(site.browser, site.server, options);
          contexts.push(opened.context);
          return opened;
        };
        site.withPage = async (name, options, fn) => {
          const opened = await site.open(options);
          try {
            return await withArtifactsOnFailure(opened.page, `${site.name}-${name}`, () => fn(opened));
          } finally {
            contexts.splice(contexts.indexOf(opened.context), 1);
            await opened.context.close().catch(() => {});
          }
        };
      });
      after(async () => {
        for (const context of contexts) await context.close().catch(() => {});
        await site.browser?.close();
        await site.server?.close();
      });
      fn(site);
    });
  }
}

function assertSiteDir(dir) {
  for (const file of ["index.html", "404.html"]) {
    if (!existsSync(path.join(dir, file))) {
      throw new Error(`${path.join(dir, file)} is missing: build the site first (or set HANDBOOK_SITE_DIR)`);
    }
  }
}

/**
 * Opens a page in a new browser context with
 * - `viewport` (default desktop), `colorScheme` (default "light"), `javaScriptEnabled`;
 * - a host guard: any request to a host other than the test server's (data:, blob: and file:
 *   URLs aside) is recorded and aborted;
 * - a tracker of console errors, page errors and failed requests (see PageTracker).
 * Resolves to `{ context, page, tracker }`.
 */
export async function openPage(browser, server, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? VIEWPORTS.desktop,
    colorScheme: options.colorScheme ?? "light",
    reducedMotion: "reduce",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    serviceWorkers: "block",
  });
  const tracker = new PageTracker(server);
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    // A request can be cancelled (the page navigated on) before its route is resolved; Playwright
    // then rejects continue/abort, which says nothing about the site.
    if (tracker.isLocal(url)) return route.continue().catch(() => {});
    tracker.offHost(url);
    return route.abort("blockedbyclient").catch(() => {});
  });
  const page = await context.newPage();
  tracker.attach(page);
  return { context, page, tracker };
}

/**
 * Records what goes wrong while a page loads and runs: console errors, uncaught page errors,
 * HTTP responses >= 400, network failures and requests to other hosts. `visit` resets it per
 * navigation; `problems()` lists what it saw since, as readable strings.
 */
export class PageTracker {
  constructor(server) {
    this.origin = new URL(server.origin);
    this.events = [];
    this.expected404 = new Set();
    this.blocked = new Set();
    this.inflight = new Set();
    this.lastActivity = Date.now();
    this.navigations = 0;
  }

  isLocal(url) {
    const u = new URL(url);
    // file: pages (an offline build opened from disk) never touch the network either.
    if (["data:", "blob:", "about:", "file:"].includes(u.protocol)) return true;
    return u.hostname === "127.0.0.1" && u.port === this.origin.port;
  }

  offHost(url) {
    this.blocked.add(url);
    this.events.push({ kind: "off-host request", text: url });
  }

  attach(page) {
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const where = msg.location()?.url ?? "";
      // Chromium also logs every failed resource as a console error; those are reported once, as
      // failed requests (see problems()), unless they are the expected 404 of a missing page.
      const resource = /^Failed to load resource/.test(msg.text()) ? where : undefined;
      this.events.push({ kind: "console error", resource, text: `${msg.text()}${where ? ` (${where})` : ""}` });
    });
    page.on("pageerror", (err) => this.events.push({ kind: "page error", text: err.stack || String(err) }));
    page.on("request", (req) => {
      this.inflight.add(req);
      this.lastActivity = Date.now();
    });
    const done = (req) => {
      this.inflight.delete(req);
      this.lastActivity = Date.now();
    };
    page.on("requestfinished", done);
    page.on("requestfailed", (req) => {
      done(req);
      if (this.blocked.has(req.url())) return;
      const error = req.failure()?.errorText ?? "";
      this.events.push({ kind: "failed request", network: true, aborted: error === "net::ERR_ABORTED", url: req.url(), text: `${req.url()}: ${error}` });
    });
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) this.navigations += 1;
    });
    page.on("response", (res) => {
      if (res.status() < 400) return;
      if (res.status() === 404 && this.expected404.has(res.url())) return;
      this.events.push({ kind: "failed request", url: res.url(), text: `${res.url()}: HTTP ${res.status()}` });
    });
  }

  reset() {
    this.events = [];
    this.expected404.clear();
    this.navigations = 0;
  }

  /** Waits until no request is in flight and none started for `quietMs` (late favicon fetches). */
  async settle({ quietMs = 120, maxMs = 3000 } = {}) {
    const start = Date.now();
    while (Date.now() - start < maxMs) {
      if (this.inflight.size === 0 && Date.now() - this.lastActivity >= quietMs) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  problems() {
    const failed = new Set(this.events.filter((e) => e.kind === "failed request").map((e) => e.url));
    const httpFailed = new Set(this.events.filter((e) => e.kind === "failed request" && !e.network).map((e) => e.url));
    return this.events
      .filter((e) => !(e.resource && (failed.has(e.resource) || this.expected404.has(e.resource) || this.blocked.has(e.resource))))
      // Chromium aborts a script or stylesheet after an HTTP error: one failure, reported once.
      .filter((e) => !(e.network && httpFailed.has(e.url)))
      // A page that moves on by itself (location.replace, meta refresh) cancels its own pending
      // requests; those cancellations are not failures.
      .filter((e) => !(e.aborted && this.navigations > 1))
      .map((e) => `${e.kind}: ${e.text}`);
  }
}

/**
 * Navigates `page` to `url` and waits for load and network quiet. `expectStatus` (default 200)
 * is checked; a 404 document that is expected is not counted as a problem. Resolves to
 * `{ status, url, problems }` with the problems seen during this visit.
 */
export async function visit(page, tracker, url, { expectStatus = 200, waitUntil = "load" } = {}) {
  tracker.reset();
  if (expectStatus === 404) tracker.expected404.add(url);
  const response = await page.goto(url, { waitUntil });
  await tracker.settle();
  const status = response?.status() ?? 0;
  const problems = tracker.problems();
  problems.push(...(await checkIcons(page, tracker)));
  if (status !== expectStatus) problems.unshift(`document ${url}: HTTP ${status}, expected ${expectStatus}`);
  return { status, url: page.url(), problems };
}

/**
 * Chromium fetches a page's icon lazily (after load, once per context, sometimes not at all), so
 * icons declared with <link rel="icon"> are fetched here, through the page's own request context.
 */
async function checkIcons(page, tracker) {
  const icons = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel~="icon"][href], link[rel="apple-touch-icon"][href]')].map((l) => l.href),
  );
  const problems = [];
  for (const href of new Set(icons)) {
    if (!tracker.isLocal(href)) {
      problems.push(`off-host request: icon ${href}`);
      continue;
    }
    if (href.startsWith("data:")) continue;
    const response = await page.request.get(href);
    const alreadyReported = tracker.events.some((e) => e.url === href);
    if (response.status() !== 200 && !alreadyReported) problems.push(`failed request: icon ${href}: HTTP ${response.status()}`);
  }
  return problems;
}

const require = createRequire(import.meta.url);
let axeSource;

/**
 * Injects axe-core into the page and runs it on the whole document. Resolves to the list of
 * violations (axe's objects: id, impact, help, helpUrl, nodes[].target, nodes[].failureSummary).
 */
export async function runAxe(page, options = {}) {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated rather than added as a <script> tag, so a page's CSP could not block it.
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (opts) => window.axe.run(document, { resultTypes: ["violations"], ...opts }),
    options,
  );
  return results.violations;
}

/**
 * Violations as a readable block: id, impact, help text and the selector of every node; for
 * the first `maxNodes` nodes of each violation also its HTML and axe's failure summary.
 */
export function formatViolations(violations, { maxNodes = 10 } = {}) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n, i) => {
        const target = `    - ${n.target.join(" >>> ")}`;
        if (i >= maxNodes) return target;
        const summary = (n.failureSummary || "").split("\n").map((l) => `        ${l.trim()}`).join("\n");
        return `${target}\n      ${n.html.replace(/\s+/g, " ").slice(0, 200)}\n${summary}`;
      });
      const count = `${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"}`;
      return `  [${v.impact}] ${v.id}: ${v.help} (${count})\n    ${v.helpUrl}\n${nodes.join("\n")}`;
    })
    .join("\n");
}

/** Writes a file under the artifacts folder and returns its path. */
export function saveArtifact(name, data) {
  mkdirSync(config.artifactsDir, { recursive: true });
  const file = path.join(config.artifactsDir, name);
  writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data, null, 2));
  return file;
}

/** Saves a full-page screenshot under the artifacts folder and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(config.artifactsDir, { recursive: true });
  const file = path.join(config.artifactsDir, name.endsWith(".png") ? name : `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs `fn()`; if it throws, saves a screenshot and the HTML of `page` as `failure-<name>.*`
 * under the artifacts folder, names them in the error, and rethrows.
 */
export async function withArtifactsOnFailure(page, name, fn) {
  try {
    return await fn();
  } catch (err) {
    const safe = name.replace(/[^a-z0-9._-]+/gi, "-");
    try {
      const shot = await screenshot(page, `failure-${safe}`);
      const html = saveArtifact(`failure-${safe}.html`, await page.content());
      err.message += `\n  artifacts: ${shot}, ${html}`;
    } catch {
      // The page may be gone; the original error is what matters.
    }
    throw err;
  }
}

/**
 * Every page of the built site, as URLs relative to the site root (`""`, `concept/`,
 * `tags/credit/`): the folders holding an index.html. Utility pages marked `noindex` (the
 * random-page pickers, which only forward the reader) are not pages to reach.
 */
export function sitePages(dir = config.siteDir) {
  const pages = [];
  const walk = (abs, rel) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const childAbs = path.join(abs, entry.name);
      if (entry.isDirectory()) walk(childAbs, `${rel}${entry.name}/`);
      else if (entry.name === "index.html" && !isNoindex(childAbs)) pages.push(rel);
    }
  };
  walk(dir, "");
  return pages.sort();
}

function isNoindex(file) {
  return /<meta name="robots" content="noindex">/.test(readFileSync(file, "utf8"));
}

/** Sorted names of the sub-folders of `rel` in the site that hold an index.html. */
export function childPages(rel, dir = config.siteDir) {
  const abs = path.join(dir, rel);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((name) => !name.startsWith(".") && statSync(path.join(abs, name)).isDirectory())
    .filter((name) => existsSync(path.join(abs, name, "index.html")))
    .sort()
    .map((name) => `${rel}${name}/`);
}

/**
 * One page of each type, as URLs relative to the site root, found from the built folder so the
 * suite follows content changes: home, a section listing, a concept page, an act, an example,
 * the examples listing (and its second page), the tags index, a tag page, the print page and the search page with results. (The 404 page is
 * reached by a missing URL.)
 */
export function samplePages(dir = config.siteDir) {
  const first = (rel) => {
    const found = childPages(rel, dir)[0];
    if (!found) throw new Error(`no page under ${rel} in ${dir}`);
    return found;
  };
  return {
    home: "",
    section: "concept/",
    concept: first("concept/"),
    act: first("acts/"),
    example: first("examples/"),
    examples: "examples/",
    tags: "tags/",
    tag: first("tags/"),
    print: "print/",
    // The search page, with a query's results shown.
    search: "search/?q=quiet+voice",
    // A further page of a listing split into pages, when the site has one.
    ...Object.fromEntries(childPages("examples/page/", dir).slice(0, 1).map((rel) => ["paginated listing", rel])),
    // A translated site: its home, a translated act, a page shown untranslated with a notice.
    ...(existsSync(path.join(dir, "es", "index.html"))
      ? { "home (es)": "es/", "act (es)": first("es/acts/"), "untranslated page (es)": "es/about/" }
      : {}),
  };
}

/** A missing, deep URL under the site, for 404 tests. */
export const MISSING_PAGE = "a/b/c/missing/";

/** The computed palette of the page: body background and text colours, and html's data-theme. */
export function readPalette(page) {
  return page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return {
      theme: document.documentElement.dataset.theme ?? null,
      background: body.backgroundColor,
      color: body.color,
    };
  });
}

/** Relative luminance (WCAG) of a CSS `rgb()`/`rgba()` colour string. */
export function luminance(css) {
  const m = css.match(/rgba?\(([^)]+)\)/);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  const [r, g, b] = m[1].split(/[\s,/]+/).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Types `query` into the search box and waits for the status line to report. */
export async function search(page, query) {
  await page.fill("#search-input", "");
  // An empty box clears the status, so the wait below sees this query's answer.
  await page.waitForFunction(() => document.querySelector(".search-status")?.textContent === "", null, { timeout: 5000 }).catch(() => {});
  await page.type("#search-input", query, { delay: 15 });
  await page.waitForFunction(
    () => /result/i.test(document.querySelector(".search-status")?.textContent ?? ""),
    null,
    { timeout: 20000 },
  );
}
