// Crawls the built site like a reader who only uses the navigation: from the home page, follow
// the links inside navigation landmarks (the navigation, breadcrumbs, pager) and the page
// footer, the rel=prev/next links, and links to tag pages. Every page of the output must be reached that way, and none may
// log a console error, throw, fail a request or reach for another host.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { forEachMount, saveArtifact, sitePages, visit } from "./lib/harness.js";

forEachMount("crawl", (site) => {
  const crawl = { visited: new Map(), reachedVia: new Map(), redirects: {}, broken: [], unreached: [] };

  before(async () => {
    const { page, tracker } = await site.open();
    const base = new URL(site.url(""));
    const tagsPath = new URL("tags/", base).pathname;
    // Each language's tags are under its own folder (`es/tags/`).
    const basePath = base.pathname;
    const toRel = (href) => {
      const u = new URL(href);
      if (u.origin !== base.origin || !u.pathname.startsWith(base.pathname)) return null;
      return u.pathname.slice(base.pathname.length);
    };

    const queue = [""];
    crawl.reachedVia.set("", "start");
    while (queue.length > 0) {
      const rel = queue.shift();
      const result = await visit(page, tracker, site.url(rel));
      crawl.visited.set(rel, result.problems);
      if (result.status !== 200) continue;
      // A page that sends the reader elsewhere by script (a "random page" link) has no links of
      // its own to follow; its destination is crawled in its own right.
      if (result.url !== site.url(rel)) {
        crawl.redirects[rel] = result.url;
        continue;
      }
      const links = await page.evaluate(({ tags, basePath }) => {
        const found = [];
        for (const a of document.querySelectorAll('a[rel~="prev"][href], a[rel~="next"][href]')) found.push({ href: a.href, via: `rel=${a.rel}` });
        for (const a of document.querySelectorAll('nav a[href], [role="navigation"] a[href]')) found.push({ href: a.href, via: "nav" });
        // The page footer (the contentinfo landmark) is site-wide navigation too.
        for (const a of document.querySelectorAll('body > footer a[href], [role="contentinfo"] a[href]')) found.push({ href: a.href, via: "footer" });
        const languageTags = new RegExp(`^${basePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[a-z]{2,3}(-[a-z0-9]+)*/tags/`);
        for (const a of document.querySelectorAll("a[href]")) {
          const p = new URL(a.href).pathname;
          if (p.startsWith(tags) || languageTags.test(p)) found.push({ href: a.href, via: "tag link" });
        }
        return found;
      }, { tags: tagsPath, basePath });
      for (const { href, via } of links) {
        const target = toRel(href.split("#")[0].split("?")[0]);
        if (target === null) {
          crawl.broken.push(`${site.url(rel)}: ${via} link to ${href} leaves the site (mounted at ${site.mount})`);
          continue;
        }
        // Files that are not pages (feeds, the sitemap) must exist but are not crawled.
        if (/\.(xml|txt|json)$/.test(target)) {
          if (!existsSync(path.join(site.dir, decodeURIComponent(target)))) {
            crawl.broken.push(`${site.url(rel)}: ${via} link to ${href}: no such file in the output`);
          }
          continue;
        }
        if (!crawl.reachedVia.has(target)) {
          crawl.reachedVia.set(target, `${via} on /${rel}`);
          queue.push(target);
        }
      }
    }

    // Pages the crawl missed are still checked for errors, so test 2 covers the whole site.
    const all = sitePages(site.dir);
    crawl.unreached = all.filter((rel) => !crawl.reachedVia.has(rel));
    for (const rel of crawl.unreached) crawl.visited.set(rel, (await visit(page, tracker, site.url(rel))).problems);
    for (const rel of crawl.reachedVia.keys()) {
      if (!all.includes(rel)) crawl.broken.push(`${site.url(rel)} (${crawl.reachedVia.get(rel)}) is linked but not in the output`);
    }
    saveArtifact(`crawl-${site.name}.json`, {
      mount: site.mount,
      reached: Object.fromEntries(crawl.reachedVia),
      unreached: crawl.unreached,
      broken: crawl.broken,
      redirects: crawl.redirects,
      problems: Object.fromEntries([...crawl.visited].filter(([, p]) => p.length > 0)),
    });
  });

  test("navigation, prev/next and tag links reach every page from the home page", () => {
    const total = sitePages(site.dir).length;
    assert.ok(total > 1, `the site has ${total} pages: is ${site.mount} serving the right folder?`);
    const lines = [
      ...crawl.unreached.map((rel) => `unreached: /${rel}`),
      ...crawl.broken.map((b) => `broken: ${b}`),
    ];
    assert.equal(lines.length, 0, `${crawl.unreached.length} of ${total} pages not reached, ${crawl.broken.length} broken links:\n${lines.join("\n")}`);
  });

  test("no console errors, page errors, failed or off-host requests on any page", () => {
    assert.ok(crawl.visited.size > 1, "the crawl visited no pages");
    const lines = [];
    for (const [rel, problems] of crawl.visited) for (const p of problems) lines.push(`/${rel}: ${p}`);
    assert.equal(lines.length, 0, `${lines.length} problems on ${crawl.visited.size} pages:\n${lines.join("\n")}`);
  });
});
