//! The section tree: a section for every folder, each page's URL, the order of pages within
//! sections, and the reading order that previous/next links follow.

use super::{Child, Section};
use crate::config::Config;
use crate::frontmatter::{FrontMatter, SortBy};
use crate::markdown::{self, SourceRef};
use crate::page::{Page, url_segment};
use crate::urls::humanize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Every folder on the way to a page is a section: adds a page for each folder that has no
/// `_index.md` (titled after the folder) and returns all section folders, sorted (root first).
pub(super) fn add_missing_sections(
    config: &Config,
    pages: &mut Vec<Arc<Page>>,
    content_shown: &str,
) -> Vec<String> {
    let mut dirs: Vec<String> = vec![String::new()];
    for p in pages.iter() {
        let mut acc = String::new();
        for part in p.dir.split('/').filter(|s| !s.is_empty()) {
            if !acc.is_empty() {
                acc.push('/');
            }
            acc.push_str(part);
            dirs.push(acc.clone());
        }
    }
    dirs.sort();
    dirs.dedup();
    let have: HashSet<String> = pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| p.dir.clone())
        .collect();
    for dir in dirs.iter().filter(|d| !have.contains(*d)) {
        let rel = if dir.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{dir}/_index.md")
        };
        let title = if dir.is_empty() {
            config.book.title.clone()
        } else {
            humanize(dir.rsplit('/').next().unwrap_or(dir))
        };
        let empty = SourceRef {
            mdbook: false,
            raw_html_up: false,
            expansion: None,
            text: "",
            body_offset: 0,
            shown: "",
        };
        pages.push(Arc::new(Page {
            shown: format!("{content_shown}/{rel}"),
            rel,
            dir: dir.clone(),
            is_section: true,
            fm: FrontMatter {
                title,
                ..FrontMatter::default()
            },
            parsed: markdown::parse("", &empty),
            text: String::new(),
            body: markdown::BodyText::default(),
            key: crate::fingerprint::of_bytes(b""),
            untrusted: false,
            html_title: None,
            lang: None,
            includes: Vec::new(),
        }));
    }
    dirs
}

/// The section tree (without ordering) and the section of every page.
pub(super) fn make_sections(
    config: &Config,
    pages: &[Arc<Page>],
    dirs: &[String],
) -> (Vec<Section>, Vec<usize>) {
    let index_page: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_section)
        .map(|(i, p)| (p.dir.as_str(), i))
        .collect();
    let mut sections: Vec<Section> = dirs
        .iter()
        .map(|dir| Section {
            page: index_page[dir.as_str()],
            dir: dir.clone(),
            parent: None,
            children: Vec::new(),
            pages: Vec::new(),
            subsections: Vec::new(),
            collection: config.collections.iter().position(|c| &c.section == dir),
        })
        .collect();
    let by_dir: HashMap<String, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    for section in sections.iter_mut().skip(1) {
        let parent_dir = section.dir.rsplit_once('/').map_or("", |(p, _)| p);
        section.parent = Some(by_dir[parent_dir]);
    }
    let section_of: Vec<usize> = pages.iter().map(|p| by_dir[&p.dir]).collect();
    for (i, p) in pages.iter().enumerate() {
        let s = section_of[i];
        if p.is_section {
            if let Some(parent) = sections[s].parent {
                sections[parent].subsections.push(s);
            }
        } else {
            sections[s].pages.push(i);
        }
    }
    (sections, section_of)
}

/// Output URL of every page: section URLs nest, and a `slug` replaces the last segment.
pub(super) fn compute_urls(
    pages: &[Arc<Page>],
    sections: &[Section],
    section_of: &[usize],
    html_urls: bool,
) -> Vec<String> {
    // mdBook's own addresses: the source paths as they are, `.md` as `.html`, a README (a
    // section's page) its folder's `index.html`.
    if html_urls {
        return pages
            .iter()
            .map(|p| match (p.is_section, p.rel.strip_suffix(".md")) {
                (true, _) => match p.dir.as_str() {
                    "" => String::new(),
                    dir => format!("{dir}/"),
                },
                (false, Some(stem)) => format!("{stem}.html"),
                (false, None) => format!("{}.html", p.rel),
            })
            .collect();
    }
    let mut section_urls: Vec<String> = vec![String::new(); sections.len()];
    // Parents sort before children (sorted folder names), so their URLs are ready.
    for (i, s) in sections.iter().enumerate().skip(1) {
        let name = s.dir.rsplit('/').next().unwrap_or(&s.dir);
        let segment = pages[s.page]
            .fm
            .slug
            .clone()
            .unwrap_or_else(|| url_segment(name));
        let parent = s.parent.expect("non-root sections have a parent");
        section_urls[i] = format!("{}{segment}/", section_urls[parent]);
    }
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let base = &section_urls[section_of[i]];
            if p.is_section {
                return base.clone();
            }
            format!("{base}{}/", p.url_segment())
        })
        .collect()
}

/// Sorts each section's pages (by its `sort_by`, its collection's, or weight) and builds the
/// mixed child list: with weight ordering, pages and subsections interleave by weight.
pub(super) fn order_sections(
    config: &Config,
    pages: &[Arc<Page>],
    sections: &mut [Section],
    section_of: &[usize],
) {
    debug_assert_eq!(section_of.len(), pages.len());
    let weights: Vec<WeightKey> = sections
        .iter()
        .map(|s| weight_key(&pages[s.page]))
        .collect();
    for section in sections.iter_mut() {
        let sort_by = pages[section.page]
            .fm
            .sort_by
            .or_else(|| section.collection.map(|c| config.collections[c].sort_by))
            .unwrap_or(SortBy::Weight);
        sort_pages(&mut section.pages, pages, sort_by);
        section
            .subsections
            .sort_by_cached_key(|&x| weights[x].clone());
        let mut children: Vec<Child> = section.pages.iter().map(|&p| Child::Page(p)).collect();
        children.extend(section.subsections.iter().map(|&s| Child::Section(s)));
        if sort_by == SortBy::Weight {
            children.sort_by_cached_key(|c| match *c {
                Child::Page(p) => weight_key(&pages[p]),
                Child::Section(x) => weights[x].clone(),
            });
        }
        section.children = children;
    }
}

/// Depth first from the home page: a section's page, then its children in order.
pub(super) fn reading_order(sections: &[Section]) -> Vec<usize> {
    let mut order = Vec::new();
    let mut stack = vec![Child::Section(0)];
    while let Some(child) = stack.pop() {
        match child {
            Child::Page(p) => order.push(p),
            Child::Section(s) => {
                order.push(sections[s].page);
                stack.extend(sections[s].children.iter().rev().copied());
            }
        }
    }
    order
}

type WeightKey = (i64, String, String);

fn weight_key(p: &Page) -> WeightKey {
    (
        p.fm.weight.unwrap_or(i64::MAX),
        p.fm.title.to_lowercase(),
        p.rel.clone(),
    )
}

/// Year, month, day, hour, minute, second (zero where not given).
type DateKey = (u16, u8, u8, u8, u8, u8);

fn date_key(p: &Page) -> DateKey {
    let d = p.fm.date.as_ref();
    let date = d.and_then(|d| d.date);
    let time = d.and_then(|d| d.time);
    (
        date.map_or(0, |x| x.year),
        date.map_or(0, |x| x.month),
        date.map_or(0, |x| x.day),
        time.map_or(0, |x| x.hour),
        time.map_or(0, |x| x.minute),
        time.and_then(|x| x.second).unwrap_or(0),
    )
}

pub(super) fn sort_pages(list: &mut [usize], pages: &[Arc<Page>], by: SortBy) {
    match by {
        SortBy::Weight => list.sort_by_cached_key(|&p| weight_key(&pages[p])),
        SortBy::Title => {
            list.sort_by_cached_key(|&p| (pages[p].fm.title.to_lowercase(), pages[p].rel.clone()))
        }
        SortBy::Date => list.sort_by_cached_key(|&p| date_order(&pages[p])),
    }
}

/// Where a page goes in a list sorted by [`SortBy::Date`]: newest first, then by title.
fn date_order(p: &Page) -> (std::cmp::Reverse<DateKey>, String, &str) {
    (
        std::cmp::Reverse(date_key(p)),
        p.fm.title.to_lowercase(),
        p.rel.as_str(),
    )
}

/// Moves page `i` to where it now belongs in `list`, which holds it and is sorted by
/// [`SortBy::Date`] (the other entries still are): the order a new sort would give.
pub(super) fn reposition_by_date(list: &mut Vec<usize>, i: usize, pages: &[Arc<Page>]) {
    let Some(at) = list.iter().position(|&p| p == i) else {
        return;
    };
    list.remove(at);
    let key = date_order(&pages[i]);
    let to = list.partition_point(|&p| date_order(&pages[p]) < key);
    list.insert(to, i);
}
