//! The search index, built from the linked site and written as small JavaScript files under
//! `search/` that the browser loads with `<script>` tags (so search works from `file://`, where
//! `fetch` does not). Knows nothing of templates; the client is `assets/search.js` (with `search-engine.js`), and what a
//! word is lives in [`terms`].
//!
//! Documents are sections: a page is one document, or, when it has `##`/`###` headings, one for
//! the text before the first of them and one per heading, so a result can link to the place
//! that matched. Page `p`'s documents are numbered consecutively.
//!
//! Layout, chosen to keep the whole index small and a first search cheap:
//! - `search/index.js`: the manifest: counts, the stemmer's language, shard keys, which pages
//!   have several documents, where each document shard starts.
//! - `search/t-<hex>.js`: words grouped by stem, for stems sharing a prefix (one character, or
//!   more where a shard would be large). Each word has its postings: documents, delta-encoded,
//!   each with a BM25 score of the word in it (term frequency weighted by field: title >
//!   headings > tags, act and fields > body; saturated and normalized by the document's
//!   length), quantized to [`LEVELS`] steps. The client adds the inverse document frequency.
//!   A query loads only the shards of its words' stems.
//! - `search/d-<n>.js`: documents (URL, title, label, text), a page with sections in shards of
//!   its own, other pages up to [`DOCS_PER_SHARD`] to a shard; loaded only for results shown.
//! - `search/f.js`: the filters (see [`facets`]), loaded when a reader filters.
//!
//! The length normalization uses a fixed pivot instead of the corpus's average length, so that
//! editing one page never changes another page's postings: a watch session updates only the
//! shards of the words an edit touched, and the result equals a full build's.

mod docs;
mod facets;
mod stops;
pub mod terms;

use crate::json::string as json_str;
use crate::site::Site;
use docs::{Doc, page_docs, page_scores, sections};
pub use docs::{PageTerms, terms_of};
pub use facets::{Facet, FacetValue, facets};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
pub use terms::{Stems, words};

/// Most documents in a `d-<n>.js` file.
pub const DOCS_PER_SHARD: usize = 25;
/// A term shard larger than this is split by a longer prefix.
const SHARD_LIMIT: usize = 64 * 1024;
/// Scores are stored as 1..=LEVELS.
pub const LEVELS: u32 = 15;

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
    language: String,
    docs: Vec<Doc>,
    /// Per page, its first document; one more entry at the end.
    first_doc: Vec<u32>,
    /// Folded word -> (document, score), sorted by document.
    postings: BTreeMap<String, Vec<(u32, u8)>>,
    /// Stem -> the words with that stem.
    groups: BTreeMap<String, BTreeSet<String>>,
    facets: Vec<u8>,
}

impl Index {
    pub fn build(site: &Site) -> Index {
        let language = site.config.book.language.clone();
        let stems = Stems::for_language(&language);
        let mut first_doc = Vec::with_capacity(site.pages.len() + 1);
        let mut next = 0u32;
        for page in &site.pages {
            first_doc.push(next);
            next += u32::try_from(sections(page).len() + 1).expect("fewer than 4 billion sections");
        }
        first_doc.push(next);
        let docs: Vec<Doc> = (0..site.pages.len())
            .into_par_iter()
            .flat_map_iter(|i| page_docs(site, i))
            .collect();
        // Each thread folds its pages' words into a map of its own, and the maps are merged:
        // no list of every page's words is held at once (it was the build's peak memory).
        type Postings<'s> = HashMap<Cow<'s, str>, Vec<(u32, u8)>>;
        let merged: Postings<'_> = (0..site.pages.len())
            .into_par_iter()
            .fold(Postings::new, |mut map, i| {
                for (k, scores) in page_scores(site, i).into_iter().enumerate() {
                    let id = first_doc[i] + k as u32;
                    for (term, q) in scores {
                        map.entry(term).or_default().push((id, q));
                    }
                }
                map
            })
            .reduce(Postings::new, |a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                for (term, list) in small {
                    big.entry(term).or_default().extend(list);
                }
                big
            });
        let postings: BTreeMap<String, Vec<(u32, u8)>> = merged
            .into_par_iter()
            .map(|(term, mut list)| {
                // Merged from several threads' maps: back in document order.
                list.sort_unstable_by_key(|(d, _)| *d);
                (term.into_owned(), list)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let stemmed: Vec<(String, String)> = postings
            .par_iter()
            .map(|(w, _)| (stems.stem(w).into_owned(), w.clone()))
            .collect();
        let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (stem, word) in stemmed {
            groups.entry(stem).or_default().insert(word);
        }
        Index {
            language,
            docs,
            first_doc,
            postings,
            groups,
            facets: facets::file(site),
        }
    }

    /// Every file of the index: output path -> bytes.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let shards = self.shards();
        let doc_shards = self.doc_shards();
        let mut out = Vec::with_capacity(shards.len() + doc_shards.len() + 2);
        out.push((
            "search/index.js".to_string(),
            self.manifest(&shards, &doc_shards),
        ));
        out.push(("search/f.js".to_string(), self.facets.clone()));
        for (key, stems) in &shards {
            out.push((term_file(key), self.term_shard(key, stems)));
        }
        for (n, range) in doc_shards.iter().enumerate() {
            out.push((format!("search/d-{n}.js"), self.doc_shard(n, range.clone())));
        }
        out
    }

    /// The paths of [`Index::files`], without making the files.
    fn file_names(&self) -> Vec<String> {
        let mut out = vec!["search/index.js".to_string(), "search/f.js".to_string()];
        out.extend(self.shards().keys().map(|k| term_file(k)));
        out.extend((0..self.doc_shards().len()).map(|n| format!("search/d-{n}.js")));
        out
    }

    /// Replaces page `i` after an edit of it; `before` is what [`terms_of`] gave for it before
    /// the edit. Returns the files that may have changed (the manifest, the shards of words it
    /// gained or lost or whose score changed, its document shard, the filters) and the shard
    /// files that no longer exist. An edit that changed how many sections the page has
    /// renumbers the documents after it: the whole index is made again.
    pub fn update(&mut self, site: &Site, i: usize, before: &PageTerms) -> IndexChange {
        let after = terms_of(site, i);
        if after.docs.len() != before.docs.len() {
            let old_files = self.file_names();
            *self = Index::build(site);
            let files = self.files();
            let removed = old_files
                .into_iter()
                .filter(|p| !files.iter().any(|(q, _)| q == p))
                .collect();
            return IndexChange { files, removed };
        }
        let old_keys: Vec<String> = self.shards().into_keys().collect();
        let stems = Stems::for_language(&self.language);
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for (k, (old, new)) in before.docs.iter().zip(&after.docs).enumerate() {
            let id = self.first_doc[i] + k as u32;
            for (term, q) in old {
                if new.get(term) != Some(q) {
                    if let Some(list) = self.postings.get_mut(term) {
                        list.retain(|(d, _)| *d != id);
                        if list.is_empty() {
                            self.postings.remove(term);
                            let stem = stems.stem(term).into_owned();
                            if let Some(g) = self.groups.get_mut(&stem) {
                                g.remove(term);
                                if g.is_empty() {
                                    self.groups.remove(&stem);
                                }
                            }
                        }
                    }
                    touched.insert(term.clone());
                }
            }
            for (term, q) in new {
                if old.get(term) != Some(q) {
                    let list = self.postings.entry(term.clone()).or_default();
                    let at = list.partition_point(|(d, _)| *d < id);
                    if list.get(at).is_some_and(|(d, _)| *d == id) {
                        list[at].1 = *q;
                    } else {
                        list.insert(at, (id, *q));
                    }
                    let stem = stems.stem(term).into_owned();
                    self.groups.entry(stem).or_default().insert(term.clone());
                    touched.insert(term.clone());
                }
            }
        }
        let shards = self.shards();
        let doc_shards = self.doc_shards();
        let mut out = vec![(
            "search/index.js".to_string(),
            self.manifest(&shards, &doc_shards),
        )];
        // The shards of the words touched, and any shard that is new because a split changed.
        let mut keys: Vec<&String> = touched
            .iter()
            .filter_map(|t| {
                let stem = stems.stem(t);
                shards
                    .keys()
                    .filter(|k| stem.starts_with(k.as_str()))
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
        let first = self.first_doc[i] as usize;
        let mut changed_shards = BTreeSet::new();
        for (k, doc) in page_docs(site, i).into_iter().enumerate() {
            if doc != self.docs[first + k] {
                self.docs[first + k] = doc;
                changed_shards.insert(
                    doc_shards
                        .iter()
                        .position(|r| r.contains(&(first + k)))
                        .expect("every document is in a shard"),
                );
            }
        }
        for n in changed_shards {
            let path = format!("search/d-{n}.js");
            out.push((path, self.doc_shard(n, doc_shards[n].clone())));
        }
        // Most edits leave what the filters know of the page as it was: no need to make the
        // filters' file (all pages) again.
        if after.facets != before.facets {
            let start = std::time::Instant::now();
            let facets = facets::file(site);
            tracing::debug!(
                ms = start.elapsed().as_secs_f64() * 1e3,
                "search filters made again"
            );
            if facets != self.facets {
                self.facets = facets;
                out.push(("search/f.js".to_string(), self.facets.clone()));
            }
        }
        IndexChange {
            files: out,
            removed,
        }
    }

    /// Shard key -> its stems, splitting by longer prefixes until each shard is small.
    fn shards(&self) -> BTreeMap<String, Vec<&str>> {
        let mut out = BTreeMap::new();
        let stems: Vec<&str> = self.groups.keys().map(String::as_str).collect();
        self.split(&stems, 1, &mut out);
        out
    }

    fn split<'s>(
        &'s self,
        stems: &[&'s str],
        depth: usize,
        out: &mut BTreeMap<String, Vec<&'s str>>,
    ) {
        let mut by_prefix: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for &s in stems {
            by_prefix.entry(prefix(s, depth)).or_default().push(s);
        }
        for (key, group) in by_prefix {
            let size: usize = group
                .iter()
                .flat_map(|s| &self.groups[*s])
                .map(|w| w.len() + self.postings[w].len() * 2 + 6)
                .sum();
            let (short, long): (Vec<&str>, Vec<&str>) =
                group.iter().partition(|s| s.chars().count() <= depth);
            if size > SHARD_LIMIT && !long.is_empty() && depth < terms::MAX_WORD {
                if !short.is_empty() {
                    out.insert(key, short);
                }
                self.split(&long, depth + 1, out);
            } else {
                out.insert(key, group);
            }
        }
    }

    /// The documents of each `d-<n>.js`: a page with sections alone, other pages together.
    fn doc_shards(&self) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for w in self.first_doc.windows(2) {
            let (a, b) = (w[0] as usize, w[1] as usize);
            if b - a > 1 {
                if start < a {
                    out.push(start..a);
                }
                let mut s = a;
                while s < b {
                    let e = (s + DOCS_PER_SHARD).min(b);
                    out.push(s..e);
                    s = e;
                }
                start = b;
            } else if b - start >= DOCS_PER_SHARD {
                out.push(start..b);
                start = b;
            }
        }
        let end = self.docs.len();
        if start < end {
            out.push(start..end);
        }
        out
    }

    fn manifest(
        &self,
        shards: &BTreeMap<String, Vec<&str>>,
        doc_shards: &[std::ops::Range<usize>],
    ) -> Vec<u8> {
        let mut s = String::from("__handbookSearch(\"index\",{\"docs\":");
        let pages = self.first_doc.len() - 1;
        let _ = write!(s, "{},\"pages\":{pages},\"lang\":", self.docs.len());
        match Stems::code(&self.language) {
            Some(code) => json_str(&mut s, code),
            None => s.push_str("null"),
        }
        s.push_str(",\"levels\":");
        let _ = write!(s, "{LEVELS}");
        s.push_str(",\"keys\":[");
        for (n, key) in shards.keys().enumerate() {
            if n > 0 {
                s.push(',');
            }
            json_str(&mut s, key);
        }
        // Pages with sections: page (delta from the last such page), then its extra documents.
        s.push_str("],\"multi\":\"");
        let mut last = 0u64;
        for (p, w) in self.first_doc.windows(2).enumerate() {
            let extra = w[1] - w[0] - 1;
            if extra > 0 {
                encode(&mut s, p as u64 - last);
                encode(&mut s, u64::from(extra));
                last = p as u64;
            }
        }
        // Where each document shard starts (deltas).
        s.push_str("\",\"ds\":\"");
        encode_deltas(&mut s, doc_shards.iter().map(|r| r.start));
        s.push_str("\"});\n");
        s.into_bytes()
    }

    fn term_shard(&self, key: &str, stems: &[&str]) -> Vec<u8> {
        let mut s = String::from("__handbookSearch(");
        json_str(&mut s, &term_name(key));
        s.push_str(",{");
        for (n, stem) in stems.iter().enumerate() {
            if n > 0 {
                s.push(',');
            }
            json_str(&mut s, stem);
            s.push(':');
            let words = &self.groups[*stem];
            // The common case, a stem that is its only word, is written as the postings alone.
            let alone = words.len() == 1 && words.contains(*stem);
            if !alone {
                s.push('{');
            }
            for (k, word) in words.iter().enumerate() {
                if !alone {
                    if k > 0 {
                        s.push(',');
                    }
                    json_str(&mut s, word);
                    s.push(':');
                }
                s.push('"');
                let mut last = 0u32;
                for &(doc, q) in &self.postings[word] {
                    encode(&mut s, u64::from(doc - last) * 16 + u64::from(q));
                    last = doc;
                }
                s.push('"');
            }
            if !alone {
                s.push('}');
            }
        }
        s.push_str("});\n");
        s.into_bytes()
    }

    fn doc_shard(&self, n: usize, range: std::ops::Range<usize>) -> Vec<u8> {
        let mut s = format!("__handbookSearch(\"d-{n}\",[");
        for (k, d) in self.docs[range].iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            s.push('[');
            for (f, field) in [&d.url, &d.title, &d.label, &d.text]
                .into_iter()
                .enumerate()
            {
                if f > 0 {
                    s.push(',');
                }
                json_str(&mut s, field);
            }
            s.push(']');
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

/// Ascending numbers as the differences between neighbours (the first from 0).
fn encode_deltas(out: &mut String, values: impl IntoIterator<Item = usize>) {
    let mut last = 0;
    for v in values {
        encode(out, (v - last) as u64);
        last = v;
    }
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
    fn numbers_encode_without_separators() {
        let mut s = String::new();
        for n in [0, 1, 31, 32, 1000] {
            encode(&mut s, n);
        }
        assert_eq!(s, "AB=1AvI");
    }
}
