// search-engine.js folds and stems words in the browser exactly as the index builder does in Rust
// (src/search/terms.rs, through `handbook search-terms`): over the shipped content, an English
// and a German word list (accents and umlauts) and some hand-picked cases, both sides must give
// the same words and stems, in the same order; so must the other languages' stemmers
// (assets/search-<code>.js), each over a dictionary of its language.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { searchApi } from "./lib/engine.js";

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const bin = process.env.HANDBOOK_BIN || path.join(repo, "target/release/handbook");

function markdown(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdown(p) : e.name.endsWith(".md") ? [fs.readFileSync(p, "utf8")] : [];
  });
}

const HAND_PICKED = [
  "Café CAFÉ naïve Ærø résumé coöperate façade São Paulo Åland Øresund straße İstanbul",
  "ΣΟΦΟΣ σοφός Ελληνικά ПРИВЕТ мир 领导力 is 小さなリーダーシップ 한국어",
  "2026 x 7 ½ ² ⅷ 3rd 1990s A4 mp3 ℌ ﬁnance ǅemal",
  "skis skies dying lying tying idly gently ugly early only singly sky news howe atlas cosmos bias andes",
  "inning outing canning herring earring proceed exceed succeed generate generous communication arsenal",
  "apologizing apologized volunteering volunteers leadership quietly Yelling yYy",
  "𝒜𝓁𝓅𝒽𝒶 emoji 😀 text\u00ADsoft\u200Bhyphen e\u0301te\u0301 ﬀ ﬃ",
];

/**
 * Each indexed word of `lines` and its stem, as `word<TAB>stem` lines, from search-engine.js in
 * `lang`; asserts they equal the index builder's (`handbook search-terms --language lang`).
 * Returns them, with the stem function, for the caller's own checks.
 */
function sameAsIndexBuilder(lang, lines) {
  const input = lines.join("\n") + "\n";
  const rust = execFileSync(bin, ["search-terms", "--language", lang], { input, maxBuffer: 1 << 30 }).toString("utf8").split("\n").filter(Boolean);
  const api = searchApi(null);
  api.language(lang);
  const stem = api.stemmer(lang);
  const js = [];
  for (const line of lines) {
    for (const t of api.tokens(line)) if (t.indexed) js.push(`${t.w}\t${stem(t.w)}`);
  }
  const first = js.findIndex((l, i) => l !== rust[i]);
  assert.equal(first === -1 && js.length === rust.length, true,
    first === -1 ? `lengths differ: js ${js.length}, rust ${rust.length}` : `word ${first}: js ${JSON.stringify(js[first])}, rust ${JSON.stringify(rust[first])}`);
  return { js, stem, fold: api.fold, distinct: new Set(js.map((l) => l.split("\t")[0])) };
}

test("search-engine.js gives the same words and stems as the index builder on more than 10,000 words", () => {
  const { js, stem, distinct } = sameAsIndexBuilder("en", [
    ...markdown(path.join(repo, "content")).flatMap((t) => t.split("\n")),
    ...fs.readFileSync("/usr/share/dict/american-english", "utf8").split("\n"),
    ...fs.readFileSync("/usr/share/dict/ngerman", "utf8").split("\n"),
    ...HAND_PICKED,
  ]);
  assert.ok(distinct.size >= 10000, `only ${distinct.size} distinct words`);
  // The stemmer is really on: many words change, and inflections meet.
  assert.ok(js.filter((l) => { const [w, s] = l.split("\t"); return w !== s; }).length > distinct.size / 4);
  assert.equal(stem("apologizing"), stem("apologized"));
});

test("search-engine.js stems Spanish as the index builder does, over a Spanish dictionary", () => {
  // The shipped Spanish pages (`*.es.md`) and every word of Debian's wspanish list.
  const spanish = markdown(path.join(repo, "content")).filter((t) => /[áéíóúñ¿¡]/.test(t));
  const { stem, distinct } = sameAsIndexBuilder("es", [
    ...spanish.flatMap((t) => t.split("\n")),
    ...fs.readFileSync("/usr/share/dict/spanish", "utf8").split("\n"),
  ]);
  assert.ok(distinct.size >= 50000);
  // Inflections meet: singular and plural, verb forms, an attached pronoun.
  assert.equal(stem("preguntas"), stem("pregunta"));
  assert.equal(stem("escuchamos"), stem("escuchar"));
  assert.equal(stem("pidiendoles"), stem("pidiendo"));
});

test("search-engine.js stems German as the index builder does, over a German dictionary", () => {
  const { stem, fold, distinct } = sameAsIndexBuilder("de", fs.readFileSync("/usr/share/dict/ngerman", "utf8").split("\n"));
  assert.ok(distinct.size >= 100000);
  assert.equal(stem(fold("Führungskräfte")), stem(fold("Führungskraft")));
});

test("search-engine.js stems French as the index builder does, over a French dictionary", () => {
  // Every word of Debian's wfrench list, and words for the stemmer's corners: u, i and y taken
  // for consonants (and the letter after one that was), the col/par/tap exception, suffixes
  // that rewrite a word and go on (-amment, -emment, -ment), a letter beyond the BMP.
  const { stem, fold, distinct } = sameAsIndexBuilder("fr", [
    ...fs.readFileSync("/usr/share/dict/french", "utf8").split("\n"),
    "Évidemment couramment vraiment aïeul ouïe yeux payer essayaient jouir québécoises aiaia",
    "colonnes parlement tapissiers chevaux beaux heureuses continuellement finissions ai𝒜ir 𝒜aies",
  ]);
  assert.ok(distinct.size >= 300000, `only ${distinct.size} distinct words`);
  // Inflections meet: singular and plural, masculine and feminine, verb forms.
  assert.equal(stem("questions"), stem("question"));
  assert.equal(stem("heureuse"), stem("heureux"));
  assert.equal(stem(fold("générales")), stem(fold("général")));
  assert.equal(stem("chanterons"), stem("chantait"));
});

test("search-engine.js stems Italian as the index builder does, over an Italian dictionary", () => {
  // Every word of Debian's witalian list, and words for the stemmer's corners: u after q, u and
  // i between vowels, attached pronouns, -amente and what goes before it, ch and gh, a letter
  // beyond the BMP.
  const { stem, distinct } = sameAsIndexBuilder("it", [
    ...fs.readFileSync("/usr/share/dict/italian", "utf8").split("\n"),
    "quando aiuola gioiello mangiandolo dargliene portandoglielo prendendola attivamente",
    "amiche banche luoghi capacità perché lavoratrici spiritualmente 𝒜aii 𝒜are",
  ]);
  assert.ok(distinct.size >= 100000, `only ${distinct.size} distinct words`);
  // Inflections meet: singular and plural, verb forms, an attached pronoun.
  assert.equal(stem("lavoratori"), stem("lavoratore"));
  assert.equal(stem("parlavamo"), stem("parlare"));
  assert.equal(stem("mangiandolo"), stem("mangiando"));
});
