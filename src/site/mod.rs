//! The linked site model: the one global step after parsing. Computes URLs, section trees,
//! reading order, relations, tags and every link's destination, reporting what does not fit
//! (collisions, unknown relation targets, broken links and anchors). Renders nothing.
//!
//! A linked [`Site`] is fixed, with one exception that keeps it a function of its input:
//! [`Site::replace_body`] swaps in a page whose re-parse changed nothing that linking reads.
//!
//! Pages are addressed by index into [`Site::pages`] everywhere (sections, relations, tags,
//! reading order), so the model holds each page once and listings cost a `usize` per entry.

mod relate;
mod tree;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::discover::SourceFile;
use crate::links::{Resolver, Target};
use crate::page::Page;
use crate::urls;
use relate::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use tree::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Child {
    Page(usize),
    Section(usize),
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Index of the section's own page in [`Site::pages`].
    pub page: usize,
    pub dir: String,
    pub parent: Option<usize>,
    /// Direct pages and subsections, in display order.
    pub children: Vec<Child>,
    /// Only the pages, in display order.
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
    pub collection: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    /// Newest first.
    pub pages: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Relation {
    pub field: String,
    pub target: usize,
}

/// Everything about the site that rendering needs, fixed after [`link`] (but see
/// [`Site::replace_body`]).
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Arc<Page>>,
    /// Output URL path of each page, relative to the site root: `""`, `acts/`, `acts/share/`.
    pub urls: Vec<String>,
    /// How links spell each page's URL (see [`urls::Style`]).
    pub links: Vec<String>,
    pub style: urls::Style,
    /// Root section first.
    pub sections: Vec<Section>,
    /// Section index of each page (its own section for `_index.md`).
    pub section_of: Vec<usize>,
    pub reading_order: Vec<usize>,
    pub prev: Vec<Option<usize>>,
    pub next: Vec<Option<usize>>,
    pub relations: Vec<Vec<Relation>>,
    /// Per page: collection name -> pages that relate to it, in the collection's order.
    pub backlinks: Vec<BTreeMap<String, Vec<usize>>>,
    /// Sorted by slug.
    pub tags: Vec<Tag>,
    pub page_tags: Vec<Vec<usize>>,
    /// Per page, where each of its links goes.
    pub targets: Vec<Vec<Target>>,
    /// Per page, the href of each of its links (see [`crate::markdown::render`]).
    pub hrefs: Vec<Vec<String>>,
    pub assets: Vec<SourceFile>,
    /// See [`LinkInput::history`].
    pub history: HashMap<String, String>,
}

impl Site {
    /// The index of the page from the source file `rel` (content-relative).
    pub fn index_of(&self, rel: &str) -> Option<usize> {
        self.pages
            .binary_search_by(|p| p.rel.as_str().cmp(rel))
            .ok()
    }

    /// Puts `page` in place of page `i` and returns the old one. Only for a re-parse of the same
    /// file that changed nothing linking reads ([`Page::same_outside`]): then this site is the one
    /// [`link`] would make from the new pages, but for the page's body.
    pub fn replace_body(&mut self, i: usize, page: Arc<Page>) -> Arc<Page> {
        debug_assert!(
            self.pages[i].same_outside(&page),
            "only a page's body may change in a linked site"
        );
        std::mem::replace(&mut self.pages[i], page)
    }

    /// Ancestor sections of a page, root first, excluding the page itself.
    pub fn ancestors(&self, page: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut current = if self.pages[page].is_section {
            self.sections[self.section_of[page]].parent
        } else {
            Some(self.section_of[page])
        };
        while let Some(s) = current {
            out.push(s);
            current = self.sections[s].parent;
        }
        out.reverse();
        out
    }
}

/// What the build knows beyond the parsed pages.
pub struct LinkInput<'a> {
    pub config: &'a Config,
    pub pages: Vec<Arc<Page>>,
    pub assets: Vec<SourceFile>,
    /// Source paths of drafts left out of this build (links to them are errors).
    pub drafts: HashSet<String>,
    /// Output paths of static files (project `static/` and theme), for link checks.
    pub static_files: HashSet<String>,
    pub content_shown: String,
    /// Project-relative source path -> date of the last commit that touched it (ISO).
    pub history: HashMap<String, String>,
    pub style: urls::Style,
}

pub fn link(input: LinkInput<'_>, diags: &Diagnostics) -> Site {
    let LinkInput {
        config,
        mut pages,
        assets,
        drafts,
        static_files,
        content_shown,
        history,
        style,
    } = input;
    let dirs = add_missing_sections(config, &mut pages, &content_shown);
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    let (mut sections, section_of) = make_sections(config, &pages, &dirs);
    let urls = compute_urls(&pages, &sections, &section_of);
    let links: Vec<String> = urls.iter().map(|u| style.link(u)).collect();
    check_collisions(&pages, &urls, diags);
    order_sections(config, &pages, &mut sections, &section_of);
    let reading_order = reading_order(&sections);
    let mut prev = vec![None; pages.len()];
    let mut next = vec![None; pages.len()];
    for w in reading_order.windows(2) {
        next[w[0]] = Some(w[1]);
        prev[w[1]] = Some(w[0]);
    }
    let (relations, backlinks) = relate(config, &pages, &sections, &urls, diags);
    let (tags, page_tags) = collect_tags(&pages, &reading_order);
    check_tag_collisions(&pages, &urls, &tags, diags);

    let by_rel: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.as_str(), i))
        .collect();
    check_guides(config, &by_rel, &content_shown, diags);
    let asset_set: HashSet<&str> = assets.iter().map(|a| a.rel.as_str()).collect();
    let resolver = Resolver {
        pages: &pages,
        by_rel: &by_rel,
        assets: &asset_set,
        static_files: &static_files,
        drafts: &drafts,
    };
    let targets: Vec<Vec<Target>> = (0..pages.len())
        .map(|i| {
            pages[i]
                .parsed
                .links
                .iter()
                .map(|l| resolver.resolve(i, l, diags))
                .collect()
        })
        .collect();
    let hrefs: Vec<Vec<String>> = targets
        .iter()
        .enumerate()
        .map(|(i, list)| list.iter().map(|t| t.href(&urls[i], &links)).collect())
        .collect();

    Site {
        config: config.clone(),
        pages,
        urls,
        links,
        style,
        sections,
        section_of,
        reading_order,
        prev,
        next,
        relations,
        backlinks,
        tags,
        page_tags,
        targets,
        hrefs,
        assets,
        history,
    }
}
