//! The search index, built from the linked site and written as small JavaScript files under
//! `search/` that the browser loads with `<script>` tags (so search works from `file://`, where
//! `fetch` does not). Knows nothing of templates; the client is `assets/search.js`.
//!
//! Layout, chosen to keep the whole index small and a first search cheap:
//! - `search/index.js`: the manifest (number of documents, shard keys).
//! - `search/t-<hex>.js`: terms sharing a prefix (one character, or more where a shard would be
//!   large), each with its postings: document ids, delta-encoded, each tagged with the best field
//!   the term occurs in (title, meta, heading, body) for ranking. A query loads only the shards
//!   of its words.
//! - `search/d-<n>.js`: [`DOCS_PER_SHARD`] documents each: URL, title, label, excerpt, headings,
//!   loaded only for the results shown.
//!
//! Words are runs of Unicode letters and digits, lowercased; Han, Hiragana and Katakana
//! characters are words of their own (those scripts do not separate words with spaces). The
//! client tokenizes queries by exactly these rules (`assets/search.js`); a test keeps the
//! character ranges equal.

use crate::page::Page;
use crate::site::Site;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Documents per `d-<n>.js` file.
pub const DOCS_PER_SHARD: usize = 50;
/// A term shard larger than this is split by a longer prefix.
const SHARD_LIMIT: usize = 64 * 1024;
/// Longest indexed word, in characters (longer runs are noise: hashes, base64).
const MAX_WORD: usize = 40;

/// Words too common to be worth indexing (English; the client drops them from queries too).
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my",
    "no", "not", "of", "on", "one", "or", "our", "out", "she", "so", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "up", "us", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
];

/// Characters that are words by themselves: CJK ideographs, Hiragana, Katakana.
pub const SINGLE_CHAR_RANGES: &[(u32, u32)] = &[
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
];

fn is_single(c: char) -> bool {
    let c = c as u32;
    SINGLE_CHAR_RANGES
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// The indexed words of `text`, lowercased, in order (with repeats).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    scan(text, |w| out.push(w.into_owned()));
    out
}

/// Calls `f` with each indexed word of `text`, lowercased: borrowed when it already was.
fn scan<'t>(text: &'t str, mut f: impl FnMut(Cow<'t, str>)) {
    fn word<'t>(raw: &'t str, f: &mut impl FnMut(Cow<'t, str>)) {
        let w: Cow<'t, str> = if raw.chars().any(char::is_uppercase) {
            Cow::Owned(raw.to_lowercase())
        } else {
            Cow::Borrowed(raw)
        };
        let len = w.chars().count();
        let keep = (2..=MAX_WORD).contains(&len) && !STOP_WORDS.contains(&w.as_ref())
            || len == 1 && w.chars().all(char::is_numeric);
        if keep {
            f(w);
        }
    }
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_single(c) {
            if let Some(s) = start.take() {
                word(&text[s..i], &mut f);
            }
            // CJK characters are words although one character long.
            f(Cow::Borrowed(&text[i..i + c.len_utf8()]));
        } else if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            word(&text[s..i], &mut f);
        }
    }
    if let Some(s) = start {
        word(&text[s..], &mut f);
    }
}

/// Where a term occurs in a document, best first for ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    Body = 0,
    Heading = 1,
    /// Tags, the relation's target (an example's act), collection fields (contributor).
    Meta = 2,
    Title = 3,
}

/// What a result shows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Doc {
    url: String,
    title: String,
    label: String,
    excerpt: String,
    headings: Vec<String>,
}

/// A document's terms, each with the best field it occurs in.
type Terms<'p> = Vec<(Cow<'p, str>, Field)>;

/// What [`Index::update`] changed.
#[derive(Default)]
pub struct IndexChange {
    pub files: Vec<(String, Vec<u8>)>,
    pub removed: Vec<String>,
}

/// The index of a whole site, kept by a watch session so one page's edit updates only the
/// shards of the words it gained or lost.
#[derive(Debug, Clone)]
pub struct Index {
    docs: Vec<Doc>,
    /// Term -> (document, best field), sorted by document.
    postings: BTreeMap<String, Vec<(u32, Field)>>,
}

impl Index {
    pub fn build(site: &Site) -> Index {
        let docs: Vec<Doc> = (0..site.pages.len())
            .into_par_iter()
            .map(|i| doc(site, i))
            .collect();
        // Each thread folds its pages' terms into a map of its own, and the maps are merged:
        // no list of every page's terms is held at once (it was the build's peak memory).
        type Postings<'s> = HashMap<Cow<'s, str>, Vec<(u32, Field)>>;
        let merged: Postings<'_> = (0..site.pages.len())
            .into_par_iter()
            .fold(Postings::new, |mut map, i| {
                let id = u32::try_from(i).expect("fewer than 4 billion pages");
                for (term, field) in doc_terms(site, i, &site.pages[i]) {
                    map.entry(term).or_default().push((id, field));
                }
                map
            })
            .reduce(Postings::new, |mut a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                for (term, list) in small {
                    big.entry(term).or_default().extend(list);
                }
                a = big;
                a
            });
        let postings = merged
            .into_par_iter()
            .map(|(term, mut list)| {
                // Merged from several threads' maps: back in document order.
                list.sort_unstable_by_key(|(d, _)| *d);
                (term.into_owned(), list)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        Index { docs, postings }
    }

    /// Every file of the index: output path -> bytes.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let shards = self.shards();
        let mut out = Vec::with_capacity(shards.len() + self.docs.len() / DOCS_PER_SHARD + 2);
        out.push(("search/index.js".to_string(), self.manifest(&shards)));
        for (key, terms) in &shards {
            out.push((term_file(key), self.term_shard(key, terms)));
        }
        for n in 0..self.docs.len().div_ceil(DOCS_PER_SHARD) {
            out.push((format!("search/d-{n}.js"), self.doc_shard(n)));
        }
        out
    }

    /// Replaces page `i` after an edit of it that left the site's shape as it was; `before` is
    /// what [`terms_of`] gave for it before the edit. Returns the files that may have changed
    /// (the manifest, the shards of terms it gained or lost, its document shard) and the shard
    /// files that no longer exist.
    pub fn update(&mut self, site: &Site, i: usize, before: &PageTerms) -> IndexChange {
        let old_keys: Vec<String> = self.shards().into_keys().collect();
        let id = u32::try_from(i).expect("fewer than 4 billion pages");
        let after = terms_of(site, i);
        let mut touched: Vec<&String> = Vec::new();
        for (term, field) in &before.0 {
            if after.0.get(term) != Some(field) {
                if let Some(list) = self.postings.get_mut(term) {
                    list.retain(|(d, _)| *d != id);
                    if list.is_empty() {
                        self.postings.remove(term);
                    }
                }
                touched.push(term);
            }
        }
        for (term, field) in &after.0 {
            if before.0.get(term) != Some(field) {
                let list = self.postings.entry(term.clone()).or_default();
                let at = list.partition_point(|(d, _)| *d < id);
                list.insert(at, (id, *field));
                touched.push(term);
            }
        }
        let shards = self.shards();
        let mut out = vec![("search/index.js".to_string(), self.manifest(&shards))];
        // The shards of the words touched, and any shard that is new because a split changed.
        let mut keys: Vec<&String> = touched
            .iter()
            .filter_map(|t| {
                shards
                    .keys()
                    .filter(|k| t.starts_with(k.as_str()))
                    .max_by_key(|k| k.len())
            })
            .chain(shards.keys().filter(|k| old_keys.binary_search(k).is_err()))
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            out.push((term_file(key), self.term_shard(key, &shards[key])));
        }
        let removed = old_keys
            .iter()
            .filter(|k| !shards.contains_key(*k))
            .map(|k| term_file(k))
            .collect();
        let new_doc = doc(site, i);
        if new_doc != self.docs[i] {
            self.docs[i] = new_doc;
            let n = i / DOCS_PER_SHARD;
            out.push((format!("search/d-{n}.js"), self.doc_shard(n)));
        }
        IndexChange {
            files: out,
            removed,
        }
    }

    /// Shard key -> its terms, splitting by longer prefixes until each shard is small.
    fn shards(&self) -> BTreeMap<String, Vec<&str>> {
        let mut out = BTreeMap::new();
        let terms: Vec<&str> = self.postings.keys().map(String::as_str).collect();
        self.split(&terms, 1, &mut out);
        out
    }

    fn split<'s>(
        &'s self,
        terms: &[&'s str],
        depth: usize,
        out: &mut BTreeMap<String, Vec<&'s str>>,
    ) {
        let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for &t in terms {
            groups.entry(prefix(t, depth)).or_default().push(t);
        }
        for (key, group) in groups {
            let size: usize = group
                .iter()
                .map(|t| t.len() + self.postings[*t].len() * 2 + 6)
                .sum();
            let (short, long): (Vec<&str>, Vec<&str>) =
                group.iter().partition(|t| t.chars().count() <= depth);
            if size > SHARD_LIMIT && !long.is_empty() && depth < MAX_WORD {
                if !short.is_empty() {
                    out.insert(key, short);
                }
                self.split(&long, depth + 1, out);
            } else {
                out.insert(key, group);
            }
        }
    }

    fn manifest(&self, shards: &BTreeMap<String, Vec<&str>>) -> Vec<u8> {
        let mut s = String::from("__handbookSearch(\"index\",{\"docs\":");
        let _ = write!(s, "{},\"per\":{DOCS_PER_SHARD},\"keys\":[", self.docs.len());
        for (n, key) in shards.keys().enumerate() {
            if n > 0 {
                s.push(',');
            }
            json_str(&mut s, key);
        }
        s.push_str("]});\n");
        s.into_bytes()
    }

    fn term_shard(&self, key: &str, terms: &[&str]) -> Vec<u8> {
        let mut s = String::from("__handbookSearch(");
        json_str(&mut s, &term_name(key));
        s.push_str(",{");
        for (n, term) in terms.iter().enumerate() {
            if n > 0 {
                s.push(',');
            }
            json_str(&mut s, term);
            s.push_str(":\"");
            let mut last = 0u32;
            for &(doc, field) in &self.postings[*term] {
                encode(&mut s, u64::from(doc - last) * 4 + field as u64);
                last = doc;
            }
            s.push('"');
        }
        s.push_str("});\n");
        s.into_bytes()
    }

    fn doc_shard(&self, n: usize) -> Vec<u8> {
        let mut s = format!("__handbookSearch(\"d-{n}\",[");
        let end = ((n + 1) * DOCS_PER_SHARD).min(self.docs.len());
        for (k, d) in self.docs[n * DOCS_PER_SHARD..end].iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            s.push('[');
            for field in [&d.url, &d.title, &d.label, &d.excerpt] {
                json_str(&mut s, field);
                s.push(',');
            }
            s.push('[');
            for (h, heading) in d.headings.iter().enumerate() {
                if h > 0 {
                    s.push(',');
                }
                json_str(&mut s, heading);
            }
            s.push_str("]]");
        }
        s.push_str("]);\n");
        s.into_bytes()
    }
}

fn prefix(term: &str, chars: usize) -> String {
    term.chars().take(chars).collect()
}

fn term_name(key: &str) -> String {
    let mut name = String::from("t-");
    for b in key.bytes() {
        let _ = write!(name, "{b:02x}");
    }
    name
}

fn term_file(key: &str) -> String {
    format!("search/{}.js", term_name(key))
}

/// A number as base-32 digits, most significant first; the last digit comes from a second
/// alphabet, so numbers need no separator.
fn encode(out: &mut String, mut n: u64) {
    const MORE: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    const LAST: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ$%&*+=";
    let mut digits = vec![LAST[(n % 32) as usize]];
    n /= 32;
    while n > 0 {
        digits.push(MORE[(n % 32) as usize]);
        n /= 32;
    }
    digits.reverse();
    out.push_str(std::str::from_utf8(&digits).expect("ASCII digits"));
}

/// A JSON string literal (also valid JavaScript).
fn json_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn doc(site: &Site, i: usize) -> Doc {
    let page = &site.pages[i];
    let section = &site.pages[site.sections[site.section_of[i]].page];
    let mut label = if page.is_section || i == site.sections[0].page {
        String::new()
    } else {
        section.fm.title.clone()
    };
    for r in &site.relations[i] {
        if !label.is_empty() {
            label.push_str(" · ");
        }
        label.push_str(&site.pages[r.target].fm.title);
    }
    let excerpt = page
        .fm
        .description
        .clone()
        .unwrap_or_else(|| page.parsed.summary.clone());
    Doc {
        url: site.links[i].clone(),
        title: page.fm.title.clone(),
        label,
        excerpt: truncate(&excerpt, 220),
        headings: page
            .parsed
            .headings
            .iter()
            .filter(|h| h.level <= 3)
            .map(|h| h.title.clone())
            .collect(),
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// Every term of page `i` (as `page`, which may be an older version) with its best field.
/// The terms page `i` is found by, and the best field each occurs in.
pub struct PageTerms(BTreeMap<String, Field>);

/// What [`Index::update`] needs to know of a page before it is edited.
pub fn terms_of(site: &Site, i: usize) -> PageTerms {
    PageTerms(
        doc_terms(site, i, &site.pages[i])
            .into_iter()
            .map(|(t, f)| (t.into_owned(), f))
            .collect(),
    )
}

fn doc_terms<'p>(site: &'p Site, i: usize, page: &'p Page) -> Terms<'p> {
    let mut all: Vec<(Cow<'p, str>, Field)> = Vec::new();
    let mut add = |text: &'p str, field: Field| scan(text, |w| all.push((w, field)));
    add(&page.fm.title, Field::Title);
    for &t in &site.page_tags[i] {
        add(&site.tags[t].name, Field::Meta);
    }
    for r in &site.relations[i] {
        add(&site.pages[r.target].fm.title, Field::Meta);
    }
    for (value, _) in page.fm.fields.values() {
        add(value, Field::Meta);
    }
    if let Some(d) = &page.fm.description {
        add(d, Field::Heading);
    }
    for h in &page.parsed.headings {
        add(&h.title, Field::Heading);
    }
    add(&page.parsed.text, Field::Body);
    // Each term once, with the best field it occurs in.
    all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    all.dedup_by(|later, kept| later.0 == kept.0);
    all
}

/// The search index in the output (after a full pass; zero after a text-only edit, which
/// rewrites only the shards it touches).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub files: usize,
    pub bytes: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_table() {
        for (text, want) in [
            ("Ask the quiet voice", vec!["ask", "quiet", "voice"]),
            ("Don't stop—café OK?", vec!["don", "stop", "café", "ok"]),
            ("ÉCOLE École", vec!["école", "école"]),
            ("ΣΟΦΟΣ", vec!["σοφος"]),
            ("领导力 is 小さな", vec!["领", "导", "力", "小", "さ", "な"]),
            ("2026 x 7", vec!["2026", "7"]),
            (
                "<img src=x onerror=alert(1)>",
                vec!["img", "src", "onerror", "alert", "1"],
            ),
        ] {
            assert_eq!(words(text), want, "{text}");
        }
    }

    #[test]
    fn numbers_encode_without_separators() {
        let mut s = String::new();
        for n in [0, 1, 31, 32, 1000] {
            encode(&mut s, n);
        }
        assert_eq!(s, "AB=1AvI");
    }

    #[test]
    fn json_strings_are_safe_in_script_files() {
        let mut s = String::new();
        json_str(&mut s, "a\"b\\c</script>\u{2028}");
        assert_eq!(s, r#""a\"b\\c\u003c/script>\u2028""#);
    }

    #[test]
    fn client_uses_the_same_single_character_ranges() {
        let client = include_str!("../themes/default/static/assets/search.js");
        for (lo, hi) in SINGLE_CHAR_RANGES {
            let range = format!("\\u{{{lo:X}}}-\\u{{{hi:X}}}");
            assert!(client.contains(&range), "search.js lacks {range}");
        }
        for w in STOP_WORDS {
            assert!(
                client.contains(&format!("\"{w}\"")),
                "search.js lacks stop word {w}"
            );
        }
    }
}
