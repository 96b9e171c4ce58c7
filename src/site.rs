//! The linked, immutable site model: the one global step after parsing. Computes URLs, section
//! trees, reading order, relations, tags and every link's destination, reporting what does not
//! fit (collisions, unknown relation targets, broken links and anchors). Renders nothing.

use crate::config::{Config, SortBy};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::discover::SourceFile;
use crate::frontmatter::{self, Allowed, FrontMatter};
use crate::markdown::{self, Parsed, SourceRef};
use crate::slug::slugify;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One parsed Markdown file: a page, or a section's `_index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    pub rel: String,
    pub shown: String,
    /// Content-relative folder of the section this file belongs to (`""` for the root).
    pub dir: String,
    pub is_section: bool,
    pub fm: FrontMatter,
    pub parsed: Parsed,
    /// Whole file text, kept for positioning link diagnostics.
    pub text: String,
}

/// Reads and parses one Markdown file; pure apart from reading it.
pub fn parse_file(file: &SourceFile, config: &Config) -> Result<Page, Vec<Diagnostic>> {
    let bytes = std::fs::read(&file.abs).map_err(|e| {
        vec![Diagnostic::error(
            &file.shown,
            format!("cannot read file: {e}"),
        )]
    })?;
    parse_source(file, bytes, config)
}

pub fn parse_source(
    file: &SourceFile,
    bytes: Vec<u8>,
    config: &Config,
) -> Result<Page, Vec<Diagnostic>> {
    let shown = file.shown.as_str();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = lossy[..]
                .char_indices()
                .map(|(i, _)| i)
                .find(|&i| i >= valid)
                .unwrap_or(valid);
            return Err(vec![
                Diagnostic::error(shown, "file is not valid UTF-8")
                    .at(&lossy, at)
                    .hint("save the file with UTF-8 encoding"),
            ]);
        }
    };
    if let Some(nul) = text.find('\0') {
        return Err(vec![
            Diagnostic::error(shown, "file contains a NUL byte")
                .at(&text, nul)
                .hint("the file looks binary or corrupted; remove the NUL character"),
        ]);
    }
    let (dir, is_section) = placement(&file.rel);
    let fields: Vec<&str> = if is_section {
        Vec::new()
    } else {
        config
            .collections
            .iter()
            .filter(|c| in_section(&dir, &c.section))
            .flat_map(|c| {
                c.fields
                    .iter()
                    .map(String::as_str)
                    .chain(c.relations.iter().map(|r| r.field.as_str()))
            })
            .collect()
    };
    let split = frontmatter::split(&text, shown).map_err(|d| vec![d])?;
    let allowed = Allowed { is_section, fields };
    let fm = frontmatter::parse(&text, &split, shown, &allowed)?;
    let parsed = markdown::parse(
        split.body,
        &SourceRef {
            text: &text,
            body_offset: split.body_offset,
            shown,
        },
    );
    Ok(Page {
        rel: file.rel.clone(),
        shown: file.shown.clone(),
        dir,
        is_section,
        fm,
        parsed,
        text,
    })
}

/// The section folder of a file and whether it is that section's `_index.md`.
pub fn placement(rel: &str) -> (String, bool) {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    (dir.to_string(), name == "_index.md")
}

fn in_section(dir: &str, section: &str) -> bool {
    dir == section
        || dir
            .strip_prefix(section)
            .is_some_and(|r| r.starts_with('/'))
}

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

/// Everything about the site that rendering needs, fixed after [`link`].
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    /// Output URL path of each page, relative to the site root: `""`, `acts/`, `acts/share/`.
    pub urls: Vec<String>,
    pub sections: Vec<Section>,
    /// Section index of each page (its own section for `_index.md`).
    pub section_of: Vec<usize>,
    pub reading_order: Vec<usize>,
    pub prev: Vec<Option<usize>>,
    pub next: Vec<Option<usize>>,
    pub relations: Vec<Vec<Relation>>,
    /// Per page: collection name -> pages that relate to it, in the collection's order.
    pub backlinks: Vec<BTreeMap<String, Vec<usize>>>,
    pub tags: Vec<Tag>,
    pub page_tags: Vec<Vec<usize>>,
    /// Per page, the rendered destination of each of its links (see [`markdown::render`]).
    pub hrefs: Vec<Vec<String>>,
    pub assets: Vec<SourceFile>,
}

impl Site {
    pub fn root_section(&self) -> usize {
        0
    }

    pub fn section_by_dir(&self, dir: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.dir == dir)
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
    pub pages: Vec<Page>,
    pub assets: Vec<SourceFile>,
    /// Source paths of drafts left out of this build (links to them are errors).
    pub drafts: HashSet<String>,
    /// Output paths of static files (project `static/` and theme), for link checks.
    pub static_files: HashSet<String>,
    pub content_shown: String,
}

pub fn link(input: LinkInput<'_>, diags: &Diagnostics) -> Site {
    let LinkInput {
        config,
        mut pages,
        assets,
        drafts,
        static_files,
        content_shown,
    } = input;

    // Every folder on the way to a page is a section; synthesize the missing `_index.md`s.
    let mut dirs: Vec<String> = vec![String::new()];
    for p in &pages {
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
    for dir in &dirs {
        if !pages.iter().any(|p| p.is_section && &p.dir == dir) {
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
            pages.push(Page {
                shown: format!("{content_shown}/{rel}"),
                rel,
                dir: dir.clone(),
                is_section: true,
                fm: FrontMatter {
                    title,
                    ..FrontMatter::default()
                },
                parsed: markdown::parse(
                    "",
                    &SourceRef {
                        text: "",
                        body_offset: 0,
                        shown: "",
                    },
                ),
                text: String::new(),
            });
        }
    }
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));

    // Sections, root first (sorted dirs put "" first).
    let mut sections: Vec<Section> = dirs
        .iter()
        .map(|dir| Section {
            page: pages
                .iter()
                .position(|p| p.is_section && &p.dir == dir)
                .expect("every dir has a section page: synthesized above"),
            dir: dir.clone(),
            parent: None,
            children: Vec::new(),
            pages: Vec::new(),
            subsections: Vec::new(),
            collection: config.collections.iter().position(|c| &c.section == dir),
        })
        .collect();
    let section_index: HashMap<String, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    for section in sections.iter_mut().skip(1) {
        let parent_dir = section.dir.rsplit_once('/').map_or("", |(p, _)| p);
        section.parent = Some(section_index[parent_dir]);
    }
    let section_of: Vec<usize> = pages.iter().map(|p| section_index[&p.dir]).collect();

    // URLs.
    let mut section_urls: Vec<String> = vec![String::new(); sections.len()];
    for (i, s) in sections.iter().enumerate().skip(1) {
        let page = &pages[s.page];
        let name = s.dir.rsplit('/').next().unwrap_or(&s.dir);
        let segment = page.fm.slug.clone().unwrap_or_else(|| url_segment(name));
        let parent = s
            .parent
            .expect("non-root sections have a parent: set above");
        section_urls[i] = format!("{}{}/", section_urls[parent], segment);
    }
    let urls: Vec<String> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if p.is_section {
                section_urls[section_of[i]].clone()
            } else {
                let stem = p
                    .rel
                    .rsplit('/')
                    .next()
                    .unwrap_or(&p.rel)
                    .trim_end_matches(".md");
                let segment = p.fm.slug.clone().unwrap_or_else(|| url_segment(stem));
                format!("{}{}/", section_urls[section_of[i]], segment)
            }
        })
        .collect();
    check_collisions(&pages, &urls, diags);

    // Section children, sorted.
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
    for s in 0..sections.len() {
        let own = &pages[sections[s].page];
        let sort_by = own
            .fm
            .sort_by
            .or_else(|| {
                sections[s]
                    .collection
                    .map(|c| config.collections[c].sort_by)
            })
            .unwrap_or(SortBy::Weight);
        let mut list = std::mem::take(&mut sections[s].pages);
        sort_pages(&mut list, &pages, sort_by);
        let mut subs = std::mem::take(&mut sections[s].subsections);
        subs.sort_by_cached_key(|&x| weight_key(&pages[sections[x].page]));
        let mut children: Vec<Child> = list.iter().map(|&p| Child::Page(p)).collect();
        children.extend(subs.iter().map(|&s| Child::Section(s)));
        if sort_by == SortBy::Weight {
            let key = |c: &Child| match *c {
                Child::Page(p) => weight_key(&pages[p]),
                Child::Section(x) => weight_key(&pages[sections[x].page]),
            };
            children.sort_by_cached_key(key);
        }
        sections[s].pages = list;
        sections[s].subsections = subs;
        sections[s].children = children;
    }

    // Reading order: depth first from the home page.
    let mut reading_order = Vec::with_capacity(pages.len());
    let mut stack = vec![Child::Section(0)];
    while let Some(child) = stack.pop() {
        match child {
            Child::Page(p) => reading_order.push(p),
            Child::Section(s) => {
                reading_order.push(sections[s].page);
                stack.extend(sections[s].children.iter().rev().copied());
            }
        }
    }
    let mut prev = vec![None; pages.len()];
    let mut next = vec![None; pages.len()];
    for w in reading_order.windows(2) {
        next[w[0]] = Some(w[1]);
        prev[w[1]] = Some(w[0]);
    }

    // Relations and backlinks.
    let mut relations: Vec<Vec<Relation>> = vec![Vec::new(); pages.len()];
    let mut backlinks: Vec<BTreeMap<String, Vec<usize>>> = vec![BTreeMap::new(); pages.len()];
    for collection in &config.collections {
        let members: Vec<usize> = (0..pages.len())
            .filter(|&i| !pages[i].is_section && in_section(&pages[i].dir, &collection.section))
            .collect();
        for relation in &collection.relations {
            let targets: BTreeMap<String, usize> = section_index
                .get(&relation.section)
                .map(|&s| {
                    sections[s]
                        .pages
                        .iter()
                        .map(|&p| (last_segment(&urls[p]).to_string(), p))
                        .collect()
                })
                .unwrap_or_default();
            let valid = || {
                let names: Vec<String> = targets.keys().map(|k| format!("`{k}`")).collect();
                if names.is_empty() {
                    format!("there are no pages under `{}/` yet", relation.section)
                } else {
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
                            let hint = match did_you_mean(value, targets.keys().map(String::as_str))
                            {
                                Some(s) => format!("did you mean `{s}`? {}", valid()),
                                None => valid(),
                            };
                            diags.push(
                                Diagnostic::error(
                                    &page.shown,
                                    format!(
                                        "unknown {} `{value}`: no page `{}/{value}.md`",
                                        relation.field, relation.section
                                    ),
                                )
                                .at(&page.text, *offset)
                                .hint(hint),
                            );
                        }
                    },
                    None if relation.required => diags.push(
                        Diagnostic::error(
                            &page.shown,
                            format!(
                                "missing `{}` in front matter (required in `{}/`)",
                                relation.field, collection.section
                            ),
                        )
                        .at(&page.text, 0)
                        .hint(format!(
                            "add a line such as `{} = \"...\"`; {}",
                            relation.field,
                            valid()
                        )),
                    ),
                    None => {}
                }
            }
        }
        for list in backlinks.iter_mut() {
            if let Some(v) = list.get_mut(&collection.name) {
                sort_pages(v, &pages, collection.sort_by);
            }
        }
    }

    // Tags, merged by slug (the first spelling in reading order names the tag), sorted by slug.
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for &p in &reading_order {
        for name in &pages[p].fm.tags {
            let slug = slugify(name);
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| Tag {
                name: name.trim().to_string(),
                slug,
                pages: Vec::new(),
            });
            if !tag.pages.contains(&p) {
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
        sort_pages(&mut tag.pages, &pages, SortBy::Date);
    }
    for (slug, url) in tags
        .iter()
        .map(|t| (t.slug.clone(), format!("tags/{}/", t.slug)))
    {
        if let Some(p) = urls.iter().position(|u| u.eq_ignore_ascii_case(&url)) {
            diags.push(
                Diagnostic::error(
                    &pages[p].shown,
                    format!("page URL `/{url}` collides with the page of tag `{slug}`"),
                )
                .hint("give the page another `slug`, or move it"),
            );
        }
    }

    // Links.
    let by_rel: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.as_str(), i))
        .collect();
    let asset_set: HashSet<&str> = assets.iter().map(|a| a.rel.as_str()).collect();
    let resolver = Resolver {
        pages: &pages,
        urls: &urls,
        by_rel: &by_rel,
        assets: &asset_set,
        static_files: &static_files,
        drafts: &drafts,
    };
    let hrefs: Vec<Vec<String>> = (0..pages.len())
        .map(|i| {
            pages[i]
                .parsed
                .links
                .iter()
                .map(|l| resolver.resolve(i, l, diags))
                .collect()
        })
        .collect();

    Site {
        config: config.clone(),
        pages,
        urls,
        sections,
        section_of,
        reading_order,
        prev,
        next,
        relations,
        backlinks,
        tags,
        page_tags,
        hrefs,
        assets,
    }
}

fn last_segment(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

/// A file or folder name as a URL segment: slugified, but `.` and `_` kept readable.
fn url_segment(name: &str) -> String {
    let s = slugify(name);
    if s.is_empty() { "page".into() } else { s }
}

fn humanize(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
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

pub fn sort_pages(list: &mut [usize], pages: &[Page], by: SortBy) {
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

fn check_collisions(pages: &[Page], urls: &[String], diags: &Diagnostics) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, url) in urls.iter().enumerate() {
        if let Some(&first) = seen.get(&url.to_lowercase()) {
            let same = urls[first] == *url;
            let message = if same {
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
        } else {
            seen.insert(url.to_lowercase(), i);
        }
    }
}

/// Relative URL from one site path to another (both root-relative, folders end in `/`).
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let from_dirs = if from.ends_with('/') || from.is_empty() {
        &from_dirs[..]
    } else {
        &from_dirs[..from_dirs.len().saturating_sub(1)]
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if out.is_empty() { "./".into() } else { out }
}

struct Resolver<'a> {
    pages: &'a [Page],
    urls: &'a [String],
    by_rel: &'a HashMap<&'a str, usize>,
    assets: &'a HashSet<&'a str>,
    static_files: &'a HashSet<String>,
    drafts: &'a HashSet<String>,
}

impl Resolver<'_> {
    fn resolve(&self, from: usize, link: &markdown::LinkRef, diags: &Diagnostics) -> String {
        let page = &self.pages[from];
        let dest = link.dest.as_str();
        let error = |message: String, hint: String| {
            diags.push(
                Diagnostic::error(&page.shown, message)
                    .at(&page.text, link.offset)
                    .hint(hint),
            );
        };
        if link.is_auto || is_external(dest) {
            return dest.to_string();
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            if !fragment.is_empty() && !page.parsed.anchors.iter().any(|a| a == fragment) {
                error(
                    format!("no heading with id `{fragment}` on this page"),
                    anchor_hint(fragment, &page.parsed.anchors),
                );
            }
            return dest.to_string();
        }
        if dest.starts_with('/') {
            diags.push(
                Diagnostic::warning(&page.shown, format!("absolute link `{dest}` breaks when the site is hosted under a subpath"))
                    .at(&page.text, link.offset)
                    .hint("link to the source file with a relative path, e.g. `../acts/share-the-credit.md`"),
            );
            return dest.to_string();
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let decoded = percent_decode(path);
        let Some(target_rel) = join_rel(&page.dir, &decoded) else {
            error(
                format!("link `{dest}` points outside the content folder"),
                "link only to files inside the content folder".into(),
            );
            return dest.to_string();
        };
        let from_url = &self.urls[from];
        let candidates = if target_rel.ends_with(".md") || target_rel.is_empty() {
            vec![target_rel.clone()]
        } else {
            vec![
                format!("{}/_index.md", target_rel.trim_end_matches('/')),
                target_rel.clone(),
            ]
        };
        let index_rel = |rel: &str| {
            if rel.is_empty() {
                "_index.md".to_string()
            } else {
                rel.to_string()
            }
        };
        for candidate in &candidates {
            let candidate = index_rel(candidate);
            if let Some(&target) = self.by_rel.get(candidate.as_str()) {
                let mut href = relative_url(from_url, &self.urls[target]);
                if let Some(f) = fragment {
                    if !f.is_empty() && !self.pages[target].parsed.anchors.iter().any(|a| a == f) {
                        error(
                            format!(
                                "`{}` has no heading with id `{f}`",
                                self.pages[target].shown
                            ),
                            anchor_hint(f, &self.pages[target].parsed.anchors),
                        );
                    }
                    href.push('#');
                    href.push_str(f);
                }
                return href;
            }
            if self.drafts.contains(candidate.as_str()) {
                error(
                    format!("link to draft page `{candidate}`, which is not built"),
                    "build with `--drafts`, publish the page (remove `draft = true`), or remove the link".into(),
                );
                return dest.to_string();
            }
        }
        if target_rel.ends_with(".md") {
            let known = self.by_rel.keys().copied();
            let hint = match did_you_mean(&target_rel, known) {
                Some(s) => format!("did you mean `{}`?", relative_path(&page.dir, s)),
                None => "links to pages are relative paths to their `.md` files".into(),
            };
            error(format!("link to missing page `{target_rel}`"), hint);
            return dest.to_string();
        }
        if self.assets.contains(target_rel.as_str())
            || self.static_files.contains(target_rel.as_str())
        {
            let mut href = relative_url(from_url, &target_rel);
            if let Some(f) = fragment {
                href.push('#');
                href.push_str(f);
            }
            return href;
        }
        error(
            format!("link to missing file `{target_rel}`"),
            "put the file next to the page (under the content folder) or in `static/`".into(),
        );
        dest.to_string()
    }
}

fn anchor_hint(fragment: &str, anchors: &[String]) -> String {
    match did_you_mean(fragment, anchors.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `#{s}`?"),
        None if anchors.is_empty() => "that page has no headings".into(),
        None => format!(
            "ids on that page: {}",
            anchors
                .iter()
                .take(8)
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// Joins a relative link to the folder of its page; `None` if it climbs above the content root.
pub fn join_rel(dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = link.ends_with('/');
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

fn relative_path(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    format!(
        "{}{}",
        "../".repeat(from.len() - common),
        to_parts[common..].join("/")
    )
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(&h), Some(&l)) = (bytes.get(i + 1), bytes.get(i + 2))
            && let (Some(h), Some(l)) = (hex(h), hex(l))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_url_table() {
        for (from, to, expected) in [
            ("", "acts/x/", "acts/x/"),
            ("acts/x/", "acts/y/", "../y/"),
            ("acts/x/", "", "../../"),
            ("acts/", "acts/x/", "x/"),
            ("acts/x/", "acts/x/", "./"),
            ("a/b/c/", "img/p.png", "../../../img/p.png"),
            ("examples/e/", "examples/p.png", "../p.png"),
            ("", "", "./"),
        ] {
            assert_eq!(relative_url(from, to), expected, "{from} -> {to}");
        }
    }

    #[test]
    fn join_rel_table() {
        for (dir, link, expected) in [
            ("concept", "../acts/x.md", Some("acts/x.md")),
            ("", "acts/x.md", Some("acts/x.md")),
            ("a/b", "./c.md", Some("a/b/c.md")),
            ("a", "../../x.md", None),
            ("a", "../", Some("")),
            ("a", "sub/", Some("a/sub/")),
        ] {
            assert_eq!(join_rel(dir, link).as_deref(), expected, "{dir} + {link}");
        }
    }

    #[test]
    fn external_links_table() {
        for (dest, external) in [
            ("https://x.org", true),
            ("mailto:a@b.c", true),
            ("//cdn.x/y", true),
            ("../a.md", false),
            ("a.md#x:y", false),
            ("c:", true),
        ] {
            assert_eq!(is_external(dest), external, "{dest}");
        }
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("my%20page.md"), "my page.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(
            percent_decode("%é%2"),
            "%é%2",
            "never slices inside a character"
        );
    }

    #[test]
    fn placement_table() {
        assert_eq!(placement("_index.md"), (String::new(), true));
        assert_eq!(placement("acts/_index.md"), ("acts".into(), true));
        assert_eq!(placement("acts/x.md"), ("acts".into(), false));
        assert_eq!(placement("x.md"), (String::new(), false));
    }
}
