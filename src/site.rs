//! The linked site model: the one global step after parsing. Computes URLs, section trees,
//! reading order, relations, tags and every link's destination, reporting what does not fit
//! (collisions, unknown relation targets, broken links and anchors). Renders nothing.
//!
//! A linked [`Site`] is fixed, with one exception that keeps it a function of its input:
//! [`Site::replace_body`] swaps in a page whose re-parse changed nothing that linking reads.
//!
//! Pages are addressed by index into [`Site::pages`] everywhere (sections, relations, tags,
//! reading order), so the model holds each page once and listings cost a `usize` per entry.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::discover::SourceFile;
use crate::frontmatter::FrontMatter;
use crate::frontmatter::SortBy;
use crate::links::{Resolver, Target};
use crate::markdown::{self, SourceRef};
use crate::page::{Page, url_segment};
use crate::slug::slugify;
use crate::urls::{self, humanize, in_section};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

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
    /// Per page, the href of each of its links (see [`markdown::render`]).
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

/// Every folder on the way to a page is a section: adds a page for each folder that has no
/// `_index.md` (titled after the folder) and returns all section folders, sorted (root first).
fn add_missing_sections(
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
            key: crate::fingerprint::of_bytes(b""),
            untrusted: false,
        }));
    }
    dirs
}

/// The section tree (without ordering) and the section of every page.
fn make_sections(
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
fn compute_urls(pages: &[Arc<Page>], sections: &[Section], section_of: &[usize]) -> Vec<String> {
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
fn order_sections(
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
fn reading_order(sections: &[Section]) -> Vec<usize> {
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

type Relations = (Vec<Vec<Relation>>, Vec<BTreeMap<String, Vec<usize>>>);

/// Resolves every collection page's relation fields to target pages, and the reverse lists.
fn relate(
    config: &Config,
    pages: &[Arc<Page>],
    sections: &[Section],
    urls: &[String],
    diags: &Diagnostics,
) -> Relations {
    let mut relations: Vec<Vec<Relation>> = vec![Vec::new(); pages.len()];
    let mut backlinks: Vec<BTreeMap<String, Vec<usize>>> = vec![BTreeMap::new(); pages.len()];
    for collection in &config.collections {
        let members: Vec<usize> = (0..pages.len())
            .filter(|&i| !pages[i].is_section && in_section(&pages[i].dir, &collection.section))
            .collect();
        for relation in &collection.relations {
            let targets: BTreeMap<&str, usize> = sections
                .iter()
                .find(|s| s.dir == relation.section)
                .map(|s| {
                    s.pages
                        .iter()
                        .map(|&p| (last_segment(&urls[p]), p))
                        .collect()
                })
                .unwrap_or_default();
            let valid = || {
                if targets.is_empty() {
                    format!("there are no pages under `{}/` yet", relation.section)
                } else {
                    let names: Vec<String> = targets.keys().map(|k| format!("`{k}`")).collect();
                    format!("valid values: {}", names.join(", "))
                }
            };
            for &m in &members {
                let page = &pages[m];
                match page.fm.fields.get(&relation.field) {
                    Some((value, offset)) => match targets.get(value.as_str()) {
                        Some(&t) => {
                            relations[m].push(Relation {
                                field: relation.field.clone(),
                                target: t,
                            });
                            backlinks[t]
                                .entry(collection.name.clone())
                                .or_default()
                                .push(m);
                        }
                        None => {
                            let hint = match did_you_mean(value, targets.keys().copied()) {
                                Some(s) => format!("did you mean `{s}`? {}", valid()),
                                None => valid(),
                            };
                            let message = format!(
                                "unknown {} `{value}`: no page `{}/{value}.md`",
                                relation.field, relation.section
                            );
                            diags.push(
                                Diagnostic::error(&page.shown, message)
                                    .at(&page.text, *offset)
                                    .hint(hint),
                            );
                        }
                    },
                    None if relation.required => {
                        let message = format!(
                            "missing `{}` in front matter (required in `{}/`)",
                            relation.field, collection.section
                        );
                        let hint = format!(
                            "add a line such as `{} = \"...\"`; {}",
                            relation.field,
                            valid()
                        );
                        diags.push(
                            Diagnostic::error(&page.shown, message)
                                .at(&page.text, 0)
                                .hint(hint),
                        );
                    }
                    None => {}
                }
            }
        }
        for list in backlinks.iter_mut() {
            if let Some(v) = list.get_mut(&collection.name) {
                sort_pages(v, pages, collection.sort_by);
            }
        }
    }
    (relations, backlinks)
}

/// Tags merged by slug (the first spelling in reading order names the tag), sorted by slug,
/// each listing its pages newest first; plus the tags of every page.
fn collect_tags(pages: &[Arc<Page>], reading_order: &[usize]) -> (Vec<Tag>, Vec<Vec<usize>>) {
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for &p in reading_order {
        for name in &pages[p].fm.tags {
            let slug = slugify(name);
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| Tag {
                name: name.trim().to_string(),
                slug,
                pages: Vec::new(),
            });
            if tag.pages.last() != Some(&p) {
                tag.pages.push(p);
            }
        }
    }
    let mut tags: Vec<Tag> = by_slug.into_values().collect();
    let mut page_tags: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (t, tag) in tags.iter_mut().enumerate() {
        for &p in &tag.pages {
            page_tags[p].push(t);
        }
        sort_pages(&mut tag.pages, pages, SortBy::Date);
    }
    (tags, page_tags)
}

fn check_tag_collisions(pages: &[Arc<Page>], urls: &[String], tags: &[Tag], diags: &Diagnostics) {
    let by_url: HashMap<String, usize> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| (u.to_lowercase(), i))
        .collect();
    for tag in tags {
        let url = urls::tag(&tag.slug);
        if let Some(&p) = by_url.get(&url) {
            diags.push(
                Diagnostic::error(
                    &pages[p].shown,
                    format!(
                        "page URL `/{url}` collides with the page of tag `{}`",
                        tag.name
                    ),
                )
                .hint("give the page another `slug`, or move it"),
            );
        }
    }
}

/// Each collection's `guide` must be a page of the site.
fn check_guides(
    config: &Config,
    by_rel: &HashMap<&str, usize>,
    content_shown: &str,
    diags: &Diagnostics,
) {
    for c in &config.collections {
        let Some(guide) = c.guide.as_deref().filter(|g| !by_rel.contains_key(g)) else {
            continue;
        };
        diags.push(
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!(
                    "the `guide` of collection `{}` is `{guide}`, but there is no page \
                     `{content_shown}/{guide}`",
                    c.name
                ),
            )
            .hint("write that page, or change or remove `guide`"),
        );
    }
}

fn last_segment(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

type WeightKey = (i64, String, String);

fn weight_key(p: &Page) -> WeightKey {
    (
        p.fm.weight.unwrap_or(i64::MAX),
        p.fm.title.to_lowercase(),
        p.rel.clone(),
    )
}

fn date_key(p: &Page) -> (u16, u8, u8, u8, u8, u8) {
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

pub fn sort_pages(list: &mut [usize], pages: &[Arc<Page>], by: SortBy) {
    match by {
        SortBy::Weight => list.sort_by_cached_key(|&p| weight_key(&pages[p])),
        SortBy::Title => {
            list.sort_by_cached_key(|&p| (pages[p].fm.title.to_lowercase(), pages[p].rel.clone()))
        }
        SortBy::Date => list.sort_by_cached_key(|&p| {
            (
                std::cmp::Reverse(date_key(&pages[p])),
                pages[p].fm.title.to_lowercase(),
                pages[p].rel.clone(),
            )
        }),
    }
}

fn check_collisions(pages: &[Arc<Page>], urls: &[String], diags: &Diagnostics) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, url) in urls.iter().enumerate() {
        let Some(&first) = seen.get(&url.to_lowercase()) else {
            seen.insert(url.to_lowercase(), i);
            continue;
        };
        let message = if urls[first] == *url {
            format!(
                "`{}` and `{}` both map to the URL `/{url}`",
                pages[first].shown, pages[i].shown
            )
        } else {
            format!(
                "`{}` (`/{}`) and `{}` (`/{url}`) differ only in letter case, which breaks on case-insensitive hosts",
                pages[first].shown, urls[first], pages[i].shown
            )
        };
        diags.push(
            Diagnostic::error(&pages[i].shown, message)
                .hint("rename one file or give it another `slug`"),
        );
    }
}
