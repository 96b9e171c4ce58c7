//! A page as search documents: the page, then one per `##`/`###` section, each with what a
//! result shows and the BM25 score of each of its words.

use super::terms;
use crate::site::Site;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Most characters of a section's text kept for its result's passage.
const SECTION_TEXT: usize = 4000;
/// Most characters of a page's excerpt.
const EXCERPT: usize = 220;
/// BM25's term-frequency saturation and length normalization.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// The document length (in indexed words) that is neither favoured nor penalized.
const PIVOT: f64 = 300.0;

/// Where a word occurs in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Body,
    /// Tags, the relations' targets (an example's act), collection fields (contributor).
    Meta,
    /// Headings and the description.
    Heading,
    Title,
}

impl Field {
    fn weight(self) -> f64 {
        match self {
            Field::Body => 1.0,
            Field::Meta => 2.0,
            Field::Heading => 3.0,
            Field::Title => 6.0,
        }
    }
}

/// What a result shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Doc {
    pub url: String,
    pub title: String,
    pub label: String,
    /// The excerpt of a page without sections; a section's text (the passage shown is cut
    /// from it by the client).
    pub text: String,
}

/// A document's words, each once, with its quantized score.
type Scores<'p> = Vec<(Cow<'p, str>, u8)>;

/// The headings a page is split at: `##` and `###`.
pub(super) fn sections(page: &crate::page::Page) -> Vec<&crate::markdown::Heading> {
    page.parsed
        .headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .collect()
}

/// A page's parts of text: before the first heading, then each section after its heading line.
fn parts(page: &crate::page::Page) -> Vec<&str> {
    let text = &page.parsed.text;
    let heads = sections(page);
    let mut out = Vec::with_capacity(heads.len() + 1);
    out.push(&text[..heads.first().map_or(text.len(), |h| h.at)]);
    for (k, h) in heads.iter().enumerate() {
        let end = heads.get(k + 1).map_or(text.len(), |n| n.at);
        out.push(&text[(h.at + h.title.len()).min(end)..end]);
    }
    out
}

/// The documents of page `i`: the page, then its sections.
pub(super) fn page_docs(site: &Site, i: usize) -> Vec<Doc> {
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
    let heads = sections(page);
    let parts = parts(page);
    let intro = squash(parts[0]);
    let text = if heads.is_empty() || intro.chars().count() < 40 {
        truncate(&excerpt, EXCERPT)
    } else {
        truncate(&intro, SECTION_TEXT)
    };
    let url = &site.links[i];
    let mut out = vec![Doc {
        url: url.clone(),
        title: page.fm.title.clone(),
        label,
        text,
    }];
    for (h, part) in heads.iter().zip(&parts[1..]) {
        out.push(Doc {
            url: format!("{url}#{}", h.id),
            title: h.title.clone(),
            label: String::new(),
            text: truncate(&squash(part), SECTION_TEXT),
        });
    }
    out
}

/// Runs of white space as one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// The words page `i`'s documents are found by, each with its score.
pub struct PageTerms {
    pub(super) docs: Vec<BTreeMap<String, u8>>,
    /// What the filters know of the page (see [`super::facets::page_key`]).
    pub(super) facets: u64,
}

/// What [`Index::update`] needs to know of a page before it is edited.
pub fn terms_of(site: &Site, i: usize) -> PageTerms {
    PageTerms {
        docs: page_scores(site, i)
            .into_iter()
            .map(|doc| doc.into_iter().map(|(t, q)| (t.into_owned(), q)).collect())
            .collect(),
        facets: super::facets::page_key(site, i),
    }
}

/// Each document of page `i` (the page, then its sections) with its words' scores.
pub(super) fn page_scores(site: &Site, i: usize) -> Vec<Scores<'_>> {
    let page = &site.pages[i];
    let parts = parts(page);
    let mut docs: Vec<Vec<(Cow<'_, str>, Field)>> = vec![Vec::new(); parts.len()];
    let stops = terms::stop_words(&site.config.book.language);
    {
        let first = &mut docs[0];
        let mut add = |text, field| terms::scan(text, stops, |w| first.push((w, field)));
        add(page.fm.title.as_str(), Field::Title);
        for &t in &site.page_tags[i] {
            add(site.tags[t].name.as_str(), Field::Meta);
        }
        for r in &site.relations[i] {
            add(site.pages[r.target].fm.title.as_str(), Field::Meta);
        }
        for (value, _) in page.fm.fields.values() {
            add(value.as_str(), Field::Meta);
        }
        if let Some(d) = &page.fm.description {
            add(d.as_str(), Field::Heading);
        }
        add(parts[0], Field::Body);
    }
    for ((doc, h), part) in docs[1..].iter_mut().zip(sections(page)).zip(&parts[1..]) {
        terms::scan(&h.title, stops, |w| doc.push((w, Field::Heading)));
        terms::scan(part, stops, |w| doc.push((w, Field::Body)));
    }
    docs.into_iter().map(score).collect()
}

/// BM25 with field weights: each word's weighted frequency, saturated and normalized by the
/// document's length, quantized to 1..=[`super::LEVELS`].
fn score(words: Vec<(Cow<'_, str>, Field)>) -> Scores<'_> {
    // The length is the text's (body and headings): a new tag or title changes the scores of
    // its own words only, so such an edit rewrites only their shards.
    let len = words
        .iter()
        .filter(|(_, f)| matches!(f, Field::Body | Field::Heading))
        .count();
    let norm = 1.0 - B + B * len as f64 / PIVOT;
    // Sorted and folded by word (cheaper than a map per document on a big site's hot path).
    let mut words = words;
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut tf: Vec<(Cow<'_, str>, f64)> = Vec::with_capacity(words.len());
    for (w, field) in words {
        match tf.last_mut() {
            Some((last, f)) if *last == w => *f += field.weight(),
            _ => tf.push((w, field.weight())),
        }
    }
    tf.into_iter()
        .map(|(w, f)| {
            let s = f * (K1 + 1.0) / (f + K1 * norm) / (K1 + 1.0);
            let q = (s * f64::from(super::LEVELS))
                .round()
                .clamp(1.0, f64::from(super::LEVELS));
            (w, q as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_favour_titles_and_saturate() {
        let doc = |v: &[(&'static str, Field)]| -> BTreeMap<String, u8> {
            score(v.iter().map(|(w, f)| (Cow::Borrowed(*w), *f)).collect())
                .into_iter()
                .map(|(w, q)| (w.into_owned(), q))
                .collect()
        };
        let s = doc(&[("quiet", Field::Title), ("voice", Field::Body)]);
        assert!(s["quiet"] > s["voice"]);
        let once = doc(&[("voice", Field::Body)]);
        let many = doc(&[("voice", Field::Body); 40]);
        assert!(many["voice"] > once["voice"]);
        assert!(many["voice"] as u32 <= super::super::LEVELS);
        assert!(once["voice"] >= 1);
    }
}
