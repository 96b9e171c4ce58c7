// search-engine.js folds and stems words in the browser exactly as the index builder does in Rust
// (src/search/terms.rs, through `handbook search-terms`): over the shipped content, an English
// and a German word list (accents and umlauts) and some hand-picked cases, both sides must give
// the same words and stems, in the same order; so must each language's port
// (assets/search-<code>.js) over a dictionary of that language.
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
  // The shipped Spanish pages (`*.es.md`), every word of Debian's wspanish list, and words
  // with a letter outside the BMP, where RV, R1 and R2 are counted in letters.
  const spanish = markdown(path.join(repo, "content")).filter((t) => /[áéíóúñ¿¡]/.test(t));
  const { stem, distinct } = sameAsIndexBuilder("es", [
    ...spanish.flatMap((t) => t.split("\n")),
    ...fs.readFileSync("/usr/share/dict/spanish", "utf8").split("\n"),
    "𝒜aa 𝒜oes 𝒜iados 𝒜uaremos",
  ]);
  assert.ok(distinct.size >= 50000);
  // Inflections meet: singular and plural, verb forms, an attached pronoun.
  assert.equal(stem("preguntas"), stem("pregunta"));
  assert.equal(stem("escuchamos"), stem("escuchar"));
  assert.equal(stem("pidiendoles"), stem("pidiendo"));
});

test("search-engine.js stems German as the index builder does, over a German dictionary", () => {
  // Every word of Debian's ngerman list, and words for the stemmer's corners: a letter outside
  // the BMP, where R1 (from the third letter at the earliest), R2 and the -st rule count
  // letters; u and y marked between vowels left to right, a vowel after a marked letter
  // starting the next mark; R1's least start counted after ß becomes ss, and over ø.
  const { stem, fold, distinct } = sameAsIndexBuilder("de", [
    ...fs.readFileSync("/usr/share/dict/ngerman", "utf8").split("\n"),
    "a𝒜e a𝒜en o𝒶en 𝒜ekst mssuueuig aayauend uyuuoenden aßen aøen",
  ]);
  assert.ok(distinct.size >= 100000);
  assert.equal(stem(fold("Führungskräfte")), stem(fold("Führungskraft")));
});

test("search-engine.js stems Portuguese as the index builder does, over a Portuguese dictionary", () => {
  // Every word of Debian's wportuguese list, and words for the corners of the algorithm: nasal
  // vowels and ç folded away, -mente and -idade with their inner suffixes, e after gu and ci, a
  // letter outside the BMP where the regions are counted.
  const { stem, fold, distinct } = sameAsIndexBuilder("pt", [
    ...fs.readFileSync("/usr/share/dict/portuguese", "utf8").split("\n"),
    "ações lições São João irmãos põe amigavelmente rapidamente cientificamente felicidade",
    "probabilidade tecnologias brasileira brasileiras argumentativo conservativa fique averigue",
    "ciência paciência comunicação 𝒜osa 𝒜oes 𝒜aarem ßaco",
    ...HAND_PICKED,
  ]);
  assert.ok(distinct.size >= 380000, `only ${distinct.size} distinct words`);
  // Inflections meet: singular and plural, verb forms.
  assert.equal(stem("perguntas"), stem("pergunta"));
  assert.equal(stem(fold("lideranças")), stem(fold("liderança")));
  assert.equal(stem("escutamos"), stem("escutar"));
});

test("search-engine.js stems Dutch as the index builder does, over a Dutch dictionary", () => {
  // Every word of Debian's wdutch list, and words for the corners of the algorithm: diaereses
  // folded away, y and i as consonants, -heden, -heid, -lijk, -baar, double vowels, and R1
  // counted in bytes when the second letter is not ASCII (aßen).
  const { stem, distinct } = sameAsIndexBuilder("nl", [
    ...fs.readFileSync("/usr/share/dict/dutch", "utf8").split("\n"),
    "ideeën geëerd knieën beïnvloeden yoghurt yyyy kooien gemeenten lichamelijk vrijheden",
    "heerlijkheden bedrijvigheid vriendelijkheid bruikbaar eetbare uitgeverijen aardig",
    "aßen aøen a𝒜en baa𝒜",
    ...HAND_PICKED,
  ]);
  assert.ok(distinct.size >= 380000, `only ${distinct.size} distinct words`);
  // Inflections meet: singular and plural, verb forms (with the long vowel made single).
  assert.equal(stem("vrijwilligers"), stem("vrijwilliger"));
  assert.equal(stem("vragen"), stem("vraag"));
  assert.equal(stem("lopen"), stem("loop"));
});

test("search-engine.js stems Swedish as the index builder does, over a Swedish dictionary", () => {
  // Every word of Debian's wswedish list (in Latin-1), and words whose first letters are two
  // UTF-16 units each (R1 starts after the third letter) or letters folding leaves alone.
  const { stem, fold, distinct } = sameAsIndexBuilder("sv", [
    ...fs.readFileSync("/usr/share/dict/swedish", "latin1").split("\n"),
    ...HAND_PICKED,
    "ÖVERSÄTTNINGARNA kärleksfullt lyckligt hälsningarnas lösningens möjligheterna vänligt",
    "a𝒜ades e𝒜arna 𝒜𝒜arna 𝒶𝓇𝓃abs xy𝒶rnas ærlig østs bröllopps fußballs heterna ades andets",
  ]);
  assert.ok(distinct.size >= 100000, `only ${distinct.size} distinct words`);
  // Inflections meet: definite plural and singular, an adverb and its adjective.
  assert.equal(stem(fold("frågorna")), stem(fold("fråga")));
  assert.equal(stem(fold("ledarskapen")), stem(fold("ledarskap")));
  assert.equal(stem(fold("vänligt")), stem(fold("vänlig")));
});

/**
 * Every form of every word of Debian's Russian Hunspell dictionary (hunspell-ru), expanded by
 * hunspell-tools' unmunch: about 1.3 million words in a fraction of a second.
 */
function russianWords() {
  const dict = "/usr/share/hunspell/ru_RU";
  // unmunch reports each affix line it parses on stderr.
  return execFileSync("unmunch", [`${dict}.dic`, `${dict}.aff`], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] })
    .toString("utf8").split("\n");
}

test("search-engine.js stems Russian as the index builder does, over a Russian dictionary", () => {
  // The stemmer sees folded words: ё is е and ў is у (their marks go), but й stays й (folding
  // keeps и with the breve), so the algorithm's endings with й (-ый, -ей, -йте, -ейш) apply;
  // the last two lines have words for them, down to the unlikely (-ейше left by step 1, ь before
  // -ейш).
  const { stem, fold, distinct } = sameAsIndexBuilder("ru", [
    ...russianWords(),
    ...HAND_PICKED,
    "Ёлка ЙОГУРТ красивейший величайшими бегавшись играющий прочитанные стройность радостью",
    "длинный длинной учительница читаемый вышедшими ўсё ѐлка ї 𝒜ась 𝒜𝒜вши ruсский ьь аа",
    "новый музей читайте стройте рисуйте пейте играй дуй длиннейшая длиннейше сильнейш",
    "ейте айте йй ай ий ДРУГОЙ Сейчас длиннейшеем аьейш",
  ]);
  assert.ok(distinct.size >= 1000000, `only ${distinct.size} distinct words`);
  assert.equal(fold("Й"), "й");
  assert.equal(fold("и\u0306"), "й");
  assert.equal(fold("Ёё"), "ее");
  // Inflections meet: a noun's cases, a verb's person, an adjective's gender.
  assert.equal(stem(fold("вопросами")), stem(fold("вопрос")));
  assert.equal(stem(fold("читаешь")), stem(fold("читать")));
  assert.equal(stem(fold("красивая")), stem(fold("красивого")));
  assert.equal(stem(fold("новый")), stem(fold("нового")));
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
