//! The linked site model: the one global step after parsing. Computes URLs, section trees,
//! reading order, relations, tags and every link's destination, reporting what does not fit
//! (collisions, unknown relation targets, broken links and anchors). Renders nothing.
//!
//! A linked [`Site`] is fixed, with two exceptions that keep it a function of its input:
//! [`Site::replace_body`] swaps in a page whose re-parse changed nothing that linking reads, and
//! [`Site::replace_entry`] one whose edit leaves every order, relation and tag of the site as it
//! was (a collection entry retitled, re-tagged or re-summarized).
//!
//! Pages are addressed by index into [`Site::pages`] everywhere (sections, relations, tags,
//! reading order), so the model holds each page once and listings cost a `usize` per entry.

mod relate;
mod tree;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::discover::SourceFile;
use crate::frontmatter::SortBy;
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
    /// See [`LinkInput::files_up`]; empty but in a language's site under its own folder.
    pub files_up: String,
    /// With `files_up`: the output paths of the static files written once at the output's root
    /// (content files are `assets`).
    pub root_statics: HashSet<String>,
    /// In a handbook with several languages: this site's language and the others.
    pub lang: Option<crate::i18n::SiteLang>,
}

/// The order of previous/next: the section tree's, or an mdBook book's `SUMMARY.md` (its home
/// page first when no chapter is the home page).
fn book_order(config: &Config, pages: &[Arc<Page>], sections: &[Section]) -> Vec<usize> {
    let Some(book) = &config.mdbook else {
        return reading_order(sections);
    };
    let index = |rel: &str| pages.binary_search_by(|p| p.rel.as_str().cmp(rel)).ok();
    let mut seen = vec![false; pages.len()];
    let mut order = Vec::with_capacity(pages.len());
    let chapters = book
        .summary
        .entries
        .iter()
        .filter_map(|e| e.path.as_deref());
    for p in
        chapters.filter_map(|path| index(&crate::mdbook::site_rel(&crate::mdbook::normalize(path))))
    {
        if !std::mem::replace(&mut seen[p], true) {
            order.push(p);
        }
    }
    let home = sections[0].page;
    if !seen[home] {
        order.insert(0, home);
    }
    order
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

    /// Puts `page` in place of page `i`, a collection's entry, when the edit changed only what
    /// listings show of it (title, description, tags, plain fields, `extra`, body) and left the
    /// rest of the site's shape as it was: its URL, its links and anchors, its relations, the
    /// set of tags and their names. A new title may move it among entries of the same date;
    /// its lists are then sorted again the way [`link`] sorts them (only lists sorted by date
    /// are: other orders fall back). Returns the old page, or gives `page` back, the site
    /// unchanged, when the edit is not one of those.
    pub fn replace_entry(&mut self, i: usize, page: Arc<Page>) -> Result<Arc<Page>, Arc<Page>> {
        if !self.keeps_shape(i, &page) {
            return Err(page);
        }
        let old = std::mem::replace(&mut self.pages[i], page);
        let new = &self.pages[i];
        let retitled = old.fm.title != new.fm.title;
        if !retitled && old.fm.tags == new.fm.tags {
            return Ok(old);
        }
        if retitled {
            self.put_in_place(i);
        } else if relate::retag(
            &mut self.tags,
            &mut self.page_tags,
            &self.pages,
            &self.reading_order,
            i,
            &old.fm.tags,
        ) {
            return Ok(old);
        }
        // Tag names are the first spelling in reading order.
        let (tags, page_tags) = collect_tags(&self.pages, &self.reading_order);
        let same_set = tags.len() == self.tags.len()
            && tags
                .iter()
                .zip(&self.tags)
                .all(|(a, b)| a.slug == b.slug && a.name == b.name);
        if !same_set {
            let new = std::mem::replace(&mut self.pages[i], old);
            if retitled {
                self.put_in_place(i);
            }
            return Err(new);
        }
        self.tags = tags;
        self.page_tags = page_tags;
        Ok(old)
    }

    /// Moves page `i`, whose title changed, to its place in its section's list and the lists
    /// of pages pointing where it points (all sorted by date), and derives the reading order
    /// again.
    fn put_in_place(&mut self, i: usize) {
        let section = &mut self.sections[self.section_of[i]];
        reposition_by_date(&mut section.pages, i, &self.pages);
        // A section sorted by date lists its pages, then its subsections.
        section.children = section
            .pages
            .iter()
            .map(|&p| Child::Page(p))
            .chain(section.subsections.iter().map(|&x| Child::Section(x)))
            .collect();
        for r in &self.relations[i] {
            for list in self.backlinks[r.target].values_mut() {
                reposition_by_date(list, i, &self.pages);
            }
        }
        self.reading_order = book_order(&self.config, &self.pages, &self.sections);
        (self.prev, self.next) = neighbours(&self.reading_order, self.pages.len());
    }

    /// The checks of [`Site::replace_entry`] before it swaps anything.
    fn keeps_shape(&self, i: usize, new: &Page) -> bool {
        let old = &self.pages[i];
        let section = &self.sections[self.section_of[i]];
        let Some(c) = section.collection.map(|c| &self.config.collections[c]) else {
            return false;
        };
        let (a, b) = (&old.fm, &new.fm);
        let same_place = old.rel == new.rel
            && !old.is_section
            && !new.is_section
            && (a.weight, &a.date, &a.updated, a.draft, &a.slug)
                == (b.weight, &b.date, &b.updated, b.draft, &b.slug)
            && (&a.template, &a.sort_by, &a.page_template, a.paginate_by)
                == (&b.template, &b.sort_by, &b.page_template, b.paginate_by)
            && c.relations.iter().all(|r| {
                a.fields.get(&r.field).map(|f| &f.0) == b.fields.get(&r.field).map(|f| &f.0)
            })
            && old.parsed.links.iter().map(|l| &l.dest).eq(new
                .parsed
                .links
                .iter()
                .map(|l| &l.dest))
            && old.parsed.anchors == new.parsed.anchors;
        if !same_place || a.title == b.title {
            return same_place;
        }
        // Pages pointing here show its title in their own summaries and search entries.
        if self.backlinks[i].values().any(|l| !l.is_empty()) {
            return false;
        }
        // A new title may move the page among others of the same date: only lists sorted by
        // date (the default for collections) are sorted again here.
        let by_date = |sort_by: SortBy| sort_by == SortBy::Date;
        by_date(self.pages[section.page].fm.sort_by.unwrap_or(c.sort_by))
            && (self.relations[i].is_empty()
                || self.config.collections.iter().all(|c| by_date(c.sort_by)))
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
    /// Source paths of pages that failed to parse. Their errors are reported; relations and
    /// links pointing at them are not errors too (an act without a title would otherwise make
    /// every example of it "unknown").
    pub broken: HashSet<String>,
    /// Output paths of static files (project `static/` and theme), for link checks.
    pub static_files: HashSet<String>,
    pub content_shown: String,
    /// Project-relative source path -> date of the last commit that touched it (ISO).
    pub history: HashMap<String, String>,
    pub style: urls::Style,
    /// See [`crate::links::Resolver::elsewhere`]; empty but in a language that omits its
    /// untranslated pages.
    pub elsewhere: HashMap<String, String>,
    /// See [`crate::links::Resolver::files_up`].
    pub files_up: String,
}

pub fn link(input: LinkInput<'_>, diags: &Diagnostics) -> Site {
    let LinkInput {
        config,
        mut pages,
        assets,
        drafts,
        broken,
        static_files,
        content_shown,
        history,
        style,
        elsewhere,
        files_up,
    } = input;
    let dirs = add_missing_sections(config, &mut pages, &content_shown);
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    let (mut sections, section_of) = make_sections(config, &pages, &dirs);
    let html_urls = config.mdbook.as_ref().is_some_and(|b| b.html_urls);
    let urls = compute_urls(&pages, &sections, &section_of, html_urls);
    let links: Vec<String> = urls.iter().map(|u| style.link(u)).collect();
    check_collisions(&pages, &urls, diags);
    order_sections(config, &pages, &mut sections, &section_of);
    let reading_order = book_order(config, &pages, &sections);
    let (prev, next) = neighbours(&reading_order, pages.len());
    let (relations, backlinks) = relate(config, &pages, &sections, &urls, &broken, diags);
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
        broken: &broken,
        outside_ok: config.mdbook.is_some(),
        elsewhere: &elsewhere,
        files_up: &files_up,
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
        root_statics: match files_up.is_empty() {
            true => HashSet::new(),
            false => static_files,
        },
        files_up,
        lang: None,
    }
}

/// Each page's previous and next page in reading order.
fn neighbours(order: &[usize], pages: usize) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut prev = vec![None; pages];
    let mut next = vec![None; pages];
    for w in order.windows(2) {
        next[w[0]] = Some(w[1]);
        prev[w[1]] = Some(w[0]);
    }
    (prev, next)
}
