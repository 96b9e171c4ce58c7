// The relevance set (relevance.json): queries a reader of the shipped handbook would type,
// written by reading its content, each with the pages (or sections) that reader wants. The
// engine of assets/search-engine.js runs over the built index in Node; at least 90% of the queries
// must show a wanted page in the first three results (success@3). The figure goes to
// target/browser-artifacts/relevance.json for BENCHMARKS.md.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { saveArtifact } from "./lib/harness.js";
import { siteEngine } from "./lib/engine.js";

const THRESHOLD = 0.9;
const set = JSON.parse(fs.readFileSync(new URL("./relevance.json", import.meta.url), "utf8"));

/** A result URL as the set writes it: folder form, without `index.html` (offline builds). */
function norm(url) {
  return url.replace(/index\.html(?=#|$)/, "");
}

/** Whether the first three results satisfy the query's wants. */
function success(q, results) {
  const top = results.slice(0, 3);
  if (!q.query.trim()) {
    // Browsing with filters: the list is exactly the wanted pages (in reading order).
    return results.length === q.want.length && top.every((r) => q.want.includes(norm(r.url)));
  }
  return q.want.some((w) => top.some((r) => {
    const url = norm(r.url);
    if (!w.includes("#")) return url === w;
    return w.startsWith(url + "#") && (url === w || r.subs.map(norm).includes(w));
  }));
}

test("the relevance set has at least 30 queries of every kind the issue names", () => {
  assert.ok(set.length >= 30, `${set.length} queries`);
  const kinds = new Set(set.map((q) => q.kind));
  for (const k of ["word", "stem", "accent", "typo", "phrase", "prefix", "section", "filter", "filter+words"]) {
    assert.ok(kinds.has(k), `no query of kind ${k}`);
  }
});

test(`success@3 is at least ${THRESHOLD * 100}% on the shipped handbook`, async () => {
  const { run } = siteEngine();
  const rows = [];
  for (const q of set) {
    const { results } = await run(q.query, q.filters || {}, 50);
    rows.push({ query: q.query, filters: q.filters || {}, kind: q.kind, ok: success(q, results), top: results.slice(0, 3).map((r) => norm(r.url)) });
  }
  const ok = rows.filter((r) => r.ok).length;
  const rate = ok / rows.length;
  const byKind = {};
  for (const r of rows) {
    byKind[r.kind] = byKind[r.kind] || { ok: 0, all: 0 };
    byKind[r.kind].all++;
    if (r.ok) byKind[r.kind].ok++;
  }
  saveArtifact("relevance.json", JSON.stringify({ queries: rows.length, successes: ok, rate, byKind, misses: rows.filter((r) => !r.ok) }, null, 2));
  const misses = rows.filter((r) => !r.ok).map((r) => `${JSON.stringify(r.query)} ${JSON.stringify(r.filters)} (${r.kind}) -> ${r.top.join(", ")}`);
  assert.ok(rate >= THRESHOLD, `success@3 ${(rate * 100).toFixed(1)}% (${ok}/${rows.length}); misses:\n${misses.join("\n")}`);
});
