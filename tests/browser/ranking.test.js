// The engine's ranking rules on a small index written here, so each rule is tested on its own:
// exact words rank above completions of the last word, those above other forms of the word
// (stems); a typo is corrected only when a word has no match; a title outranks the text; a page
// whose title holds the query's words side by side comes first among those shown; filters
// narrow the pages and count each facet under the other filters.
import assert from "node:assert/strict";
import { test } from "node:test";
import { searchApi } from "./lib/engine.js";

const api = searchApi(null);
const MORE = "0123456789abcdefghijklmnopqrstuv";
const LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ$%&*+=";
function encode(n) {
  let out = LAST[n % 32];
  n = Math.floor(n / 32);
  while (n > 0) { out = MORE[n % 32] + out; n = Math.floor(n / 32); }
  return out;
}
/** Postings of [doc, score] pairs, as the index writes them. */
const postings = (pairs) => { let last = 0; return pairs.map(([d, q]) => { const s = encode((d - last) * 16 + q); last = d; return s; }).join(""); };

/** An index of single-document pages: [title, {word: score}] each; words grouped by stem. */
function index(pages, facets = []) {
  const stem = api.stemmer("en");
  const shards = {};
  const words = {};
  pages.forEach(([, ws], d) => Object.entries(ws).forEach(([w, q]) => { (words[w] ??= []).push([d, q]); }));
  for (const [w, list] of Object.entries(words)) {
    const s = stem(w);
    const key = s[0];
    ((shards[`t-${Buffer.from(key).toString("hex")}`] ??= {})[s] ??= {})[w] = postings(list);
  }
  const files = {
    index: { docs: pages.length, pages: pages.length, lang: "en", levels: 15, keys: [...new Set(Object.keys(words).map((w) => stem(w)[0]))].sort(), multi: "", ds: encode(0) },
    "d-0": pages.map(([title], d) => [`p${d}/`, title, "", title]),
    f: { order: pages.map((_, d) => encode(d)).join(""), facets },
    ...shards,
  };
  const load = (name) => (name in files ? Promise.resolve(files[name]) : Promise.reject(new Error(name)));
  load.cached = (name) => files[name];
  return api.engine(load);
}
/** Plain data (the engine runs in another realm, whose arrays deepStrictEqual tells apart). */
const plain = (x) => JSON.parse(JSON.stringify(x));
const urls = async (engine, q, filters) => {
  const found = plain(await engine.search(q, filters));
  if (!found) return { found, shown: [] };
  return { found, shown: plain(await engine.show(found, 0, 10, 0)).map((r) => r.doc[0]) };
};

test("exact words rank above completions, completions above other forms of the word", async () => {
  const engine = index([
    ["stem only", { apologized: 9 }],
    ["exact", { apologize: 5 }],
    ["completion", { apologizes: 7 }],
  ]);
  // "apologize" typed and finished (a space after it): the exact word first, though its score
  // is the lowest; then the other forms by score.
  let { shown } = await urls(engine, "apologize ");
  assert.deepEqual(shown, ["p1/", "p0/", "p2/"]);
  // Still typing: the word and its completions rank above a stem-only match of a higher
  // score ("happiness" shares the stem of "happy" but does not complete it).
  const typing = index([
    ["stem only", { happiness: 15 }],
    ["exact", { happy: 4 }],
    ["completion", { happyish: 6 }],
  ]);
  ({ shown } = await urls(typing, "happy"));
  assert.deepEqual(shown, ["p2/", "p1/", "p0/"]);
});

test("a typo is corrected only when the word has no match, to its most common neighbour", async () => {
  const engine = index([
    ["a", { leadership: 5 }],
    ["b", { leadership: 5 }],
    ["c", { leadershop: 5 }],
  ]);
  let { found, shown } = await urls(engine, "leadrship ");
  assert.deepEqual(found.corrected, [["leadrship", "leadership"]]);
  assert.deepEqual(shown.sort(), ["p0/", "p1/"]);
  ({ found } = await urls(engine, "leadershop "));
  assert.deepEqual(found.corrected, [], "an existing word is not corrected");
  // Short words are never corrected.
  ({ found } = await urls(engine, "lea "));
  assert.deepEqual(found.corrected, []);
});

test("higher scores (a title) rank first, all words before some, the phrase in a title first", async () => {
  const engine = index([
    ["Voice of the quiet", { quiet: 14, voice: 14 }],
    ["Quiet voice", { quiet: 13, voice: 13 }],
    ["Only quiet", { quiet: 15 }],
    ["Body", { quiet: 3, voice: 3 }],
  ]);
  const { found, shown } = await urls(engine, "quiet voice ");
  assert.equal(found.partial, false);
  assert.deepEqual(found.pages.map((p) => p.page), [0, 1, 3], "pages with every word only, by score");
  assert.deepEqual(shown, ["p1/", "p0/", "p3/"], "the title with the phrase comes first");
});

test("filters narrow pages and count each facet under the other filters", async () => {
  const facets = [
    ["act", "Act", [["own", "Own", encode(0) + encode(1)], ["ask", "Ask", encode(2)]]],
    ["tag", "Tag", [["x", "x", encode(1) + encode(1)], ["y", "y", encode(0)]]],
  ];
  const engine = index([["a", { word: 5 }], ["b", { word: 5 }], ["c", { word: 5 }]], facets);
  let { found } = await urls(engine, "", { act: "own" });
  assert.deepEqual(found.pages.map((p) => p.page), [0, 1], "browsing in reading order");
  ({ found } = await urls(engine, "word", { act: "own", tag: "x" }));
  assert.deepEqual(found.pages.map((p) => p.page), [1]);
  const all = await engine.search("word", null);
  const counts = Object.fromEntries(plain(await engine.counts(all, { act: "own", tag: "x" })));
  assert.deepEqual(counts.act, [["own", 1], ["ask", 1]], "acts counted among pages tagged x");
  assert.deepEqual(counts.tag, [["x", 1], ["y", 1]], "tags counted among pages of act own");
});
