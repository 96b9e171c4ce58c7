// The search engine (assets/search-engine.js) run in Node over a built site's index files: the same
// code the browser runs (its words, stemmer, matching and ranking), without a browser.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { config } from "./harness.js";

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

/** What search-engine.js shares (fold, words, tokens, stemmer, engine, distance), with the words
 *  of every language that has a file of its own (assets/search-<code>.js): the built site's copy,
 *  or with `dir` null the theme's source. */
export function searchApi(dir = config.siteDir) {
  const assets = dir ? path.join(dir, "assets") : path.join(repoRoot, "themes/default/static/assets");
  const ctx = { window: {}, URL, TextEncoder };
  const languages = fs.readdirSync(assets).filter((f) => /^search-[a-z]+\.js$/.test(f) && f !== "search-engine.js");
  for (const file of ["search-engine.js", ...languages]) {
    vm.runInNewContext(fs.readFileSync(path.join(assets, file), "utf8"), ctx);
  }
  return ctx.window.__handbookSearchEngine;
}

/** An engine over `dir`'s search/ files, and a helper that runs a query to page URLs. */
export function siteEngine(dir = config.siteDir) {
  const api = searchApi(dir);
  const loaded = Object.create(null);
  function load(name) {
    if (!(name in loaded)) {
      const src = fs.readFileSync(path.join(dir, "search", name + ".js"), "utf8");
      vm.runInNewContext(src, { __handbookSearch: (n, data) => { loaded[n] = data; } });
    }
    return Promise.resolve(loaded[name]);
  }
  load.cached = (name) => loaded[name];
  const engine = api.engine(load);
  /** Runs `query` with `filters`; resolves to {found, results: [{url, subs: [url]}]}. */
  async function run(query, filters = {}, count = 10) {
    const found = await engine.search(query, filters);
    if (!found) return { found, results: [] };
    const shown = await engine.show(found, 0, count, 3);
    return { found, results: shown.map((r) => ({ url: r.doc[0], title: r.doc[1], subs: r.subs.map((d) => d[0]) })) };
  }
  return { api, engine, run, load };
}
