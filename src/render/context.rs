//! The template contexts: typed structs of borrows from the linked site, and their signatures.
//! A signature hashes everything a context holds, with each page summary and each page body
//! standing in as a precomputed key; each context struct is destructured exhaustively, so a field
//! added without a place in its signature does not compile.

use super::Sig;
use crate::markdown::Heading;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

#[derive(Serialize)]
pub struct SiteCtx<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub authors: &'a [String],
    pub base_url: &'a str,
    pub extra: &'a toml::Table,
    pub generator: &'static str,
}

#[derive(Serialize, Clone, Hash)]
pub struct TagRef<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize, Hash)]
pub struct LinkCtx<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// What a listing, a card or a navigation entry knows about a page.
///
/// One page's summary appears in many contexts (every listing, tag page and related list that
/// shows it), so it is turned into a template value once, on first use, and every later context
/// shares that value (Tera clones it by reference counting) instead of serializing it again.
#[derive(Serialize)]
#[serde(remote = "Self")]
pub struct PageRef<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// The last segment of its URL (`contribute`; empty for the home page).
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub summary: &'a str,
    pub date: Option<String>,
    pub date_display: Option<String>,
    /// Last change: front matter `updated`, else the last commit touching the file.
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub weight: Option<i64>,
    pub tags: Vec<TagRef<'a>>,
    /// Collection fields (e.g. `contributor`, `context`).
    pub fields: BTreeMap<&'a str, &'a str>,
    /// Relation field -> related page (e.g. `act` -> the act page).
    pub relations: BTreeMap<&'a str, LinkCtx<'a>>,
    pub reading_time: usize,
    pub is_section: bool,
    pub extra: &'a toml::Table,
    /// Signature of all of the above, computed once ([`PageRef::key_of`]).
    #[serde(skip)]
    pub key: u64,
    /// All of the above as a template value, made on first use.
    #[serde(skip)]
    pub value: OnceLock<tera::Value>,
}

impl Serialize for PageRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The derived field-by-field serialization (`remote = "Self"` makes it an inherent
        /// function instead of the trait's).
        struct Fields<'r, 'a>(&'r PageRef<'a>);
        impl Serialize for Fields<'_, '_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                PageRef::serialize(self.0, serializer)
            }
        }
        if self.value.get().is_none() {
            let value = tera::Value::try_from_serializable(&Fields(self))
                .map_err(|e| serde::ser::Error::custom(e.to_string()))?;
            let _ = self.value.set(value);
        }
        self.value
            .get()
            .expect("set just above")
            .serialize(serializer)
    }
}

impl PageRef<'_> {
    pub fn key_of(&self) -> u64 {
        let PageRef {
            title,
            url,
            name,
            description,
            summary,
            date,
            date_display,
            updated,
            updated_display,
            weight,
            tags,
            fields,
            relations,
            reading_time,
            is_section,
            extra,
            key: _,
            value: _,
        } = self;
        let mut h = Sig::new();
        (title, url, name, description, summary, date, date_display).hash(&mut h);
        (updated, updated_display, weight, tags, fields).hash(&mut h);
        (relations, reading_time, is_section).hash(&mut h);
        hash_table(extra, &mut h);
        h.finish()
    }
}

/// `toml::Table` has no `Hash`; its TOML text stands in (empty for almost every page).
pub fn hash_table(table: &toml::Table, h: &mut Sig) {
    if table.is_empty() {
        0u8.hash(h);
    } else {
        table.to_string().hash(h);
    }
}

#[derive(Serialize, Hash)]
pub struct NavItem<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub is_section: bool,
    pub children: Vec<NavItem<'a>>,
}

#[derive(Serialize)]
pub struct PageCtx<'a> {
    #[serde(flatten)]
    pub summary: &'a PageRef<'a>,
    /// Filled in only when the page is rendered; `content_key` stands for it in signatures.
    pub content: String,
    #[serde(skip)]
    pub content_key: u64,
    pub word_count: usize,
    pub toc: Vec<&'a Heading>,
    pub source: &'a str,
    /// Collection name -> pages that relate to this one (e.g. `examples` on an act page).
    pub backlinks: BTreeMap<&'a str, Vec<&'a PageRef<'a>>>,
    /// Pages that share this page's first relation target (e.g. other examples of the same act).
    pub related: Vec<&'a PageRef<'a>>,
    pub collection: Option<&'a str>,
}

#[derive(Serialize)]
pub struct SectionCtx<'a> {
    /// The section's own page (its `_index.md`).
    pub page: &'a PageRef<'a>,
    /// All its pages (on the home page: the first [`super::HOME_SECTION_PAGES`] only; `count`
    /// says how many there are).
    pub pages: Vec<&'a PageRef<'a>>,
    pub count: usize,
    pub subsections: Vec<&'a PageRef<'a>>,
}

#[derive(Serialize)]
pub struct TermCtx<'a> {
    #[serde(flatten)]
    pub tag: &'a TagRef<'a>,
    pub pages: Vec<&'a PageRef<'a>>,
}

#[derive(Serialize)]
pub struct Ctx<'a> {
    pub site: &'a SiteCtx<'a>,
    pub nav: &'a [NavItem<'a>],
    /// Relative path from this page to the site root, ending in `/` (`./` at the root).
    pub root: String,
    /// This page's URL relative to the root (compare with `nav` entries' `url`).
    pub url: &'a str,
    /// The home page and the tags index as links spell them (`""` and `tags/`, or with
    /// `index.html` in an offline build): `{{ root }}{{ home_url }}`.
    pub home_url: &'a str,
    pub tags_url: &'a str,
    /// `<title>` of the document.
    pub title: String,
    pub description: &'a str,
    pub kind: &'static str,
    pub breadcrumbs: Vec<LinkCtx<'a>>,
    pub prev: Option<&'a PageRef<'a>>,
    pub next: Option<&'a PageRef<'a>>,
    pub page: Option<PageCtx<'a>>,
    pub section: Option<SectionCtx<'a>>,
    /// Top-level sections by folder name (`sections.acts.pages`), for the home page.
    pub sections: BTreeMap<&'a str, SectionCtx<'a>>,
    pub term: Option<TermCtx<'a>>,
    pub terms: Vec<&'a TagRef<'a>>,
    /// The stylesheet, inlined on pages whose depth is unknown (404).
    pub inline_css: Option<&'a str>,
    /// This page's absolute URL, when `base_url` is set.
    pub canonical: Option<String>,
    /// Feeds to advertise: every collection's, and this page's own (an act's).
    pub feeds: Vec<FeedLink>,
    pub print_url: &'a str,
    /// The random-page picker of this page's collection (on its pages and its listing).
    pub random_url: Option<&'a str>,
    /// Where to edit this page's source, when `[book] edit_url` is set.
    pub edit_url: Option<String>,
    /// `[book] propose_url`: where to propose a new example.
    pub propose_url: Option<&'a str>,
    /// On `atom.xml`.
    pub feed: Option<FeedCtx<'a>>,
    /// On `sitemap.xml`.
    pub sitemap: Vec<SitemapEntry>,
    /// On the print page.
    pub print: Vec<PrintItem<'a>>,
    /// On a random-page picker: the links to choose from.
    pub random: Vec<&'a str>,
}

/// A feed to advertise in `<head>` (URL relative to the site root).
#[derive(Serialize, Hash, Clone)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

/// An Atom feed (`atom.xml`).
#[derive(Serialize)]
pub struct FeedCtx<'a> {
    pub title: String,
    /// Absolute URLs of the feed and of the page it follows.
    pub url: String,
    pub html_url: String,
    /// RFC 3339.
    pub updated: String,
    pub entries: Vec<EntryCtx<'a>>,
}

#[derive(Serialize)]
pub struct EntryCtx<'a> {
    #[serde(flatten)]
    pub summary: &'a PageRef<'a>,
    pub abs_url: String,
    /// RFC 3339.
    pub published: String,
    pub updated: String,
    pub author: &'a str,
    /// The page body, filled in only when the feed is rendered.
    pub content: String,
    #[serde(skip)]
    pub content_key: u64,
    #[serde(skip)]
    pub index: usize,
}

#[derive(Serialize, Hash)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// One page of the print page, in reading order.
#[derive(Serialize)]
pub struct PrintItem<'a> {
    /// The id of the page's `<article>`; its headings' ids start with it.
    pub anchor: String,
    pub title: &'a str,
    /// 0 for the home page, 1 for top-level sections and pages, and so on.
    pub depth: usize,
    pub url: &'a str,
    /// Pages of this section left out of the print page (a large collection).
    pub omitted: usize,
    /// Filled in only when the print page is rendered.
    pub content: String,
    #[serde(skip)]
    pub content_key: u64,
    #[serde(skip)]
    pub index: usize,
    /// Its links' hrefs on the print page (in `content_key`).
    #[serde(skip)]
    pub hrefs: Vec<String>,
}

impl SiteCtx<'_> {
    pub fn key(&self, h: &mut Sig) {
        let SiteCtx {
            title,
            description,
            language,
            authors,
            base_url,
            extra,
            generator,
        } = self;
        (title, description, language, authors, base_url, generator).hash(h);
        hash_table(extra, h);
    }
}

impl Ctx<'_> {
    /// Everything in the context, with page summaries and bodies as their keys. `site` and
    /// `nav` are the same for every page and sit in the global key the caller adds.
    pub fn key(&self, h: &mut Sig) {
        let Ctx {
            site: _,
            nav: _,
            root,
            url,
            home_url,
            tags_url,
            title,
            description,
            kind,
            breadcrumbs,
            prev,
            next,
            page,
            section,
            sections,
            term,
            terms,
            inline_css,
            canonical,
            feeds,
            print_url,
            random_url,
            edit_url,
            propose_url,
            feed,
            sitemap,
            print,
            random,
        } = self;
        (root, url, home_url, tags_url, title, description, kind).hash(h);
        breadcrumbs.hash(h);
        (prev.map(|r| r.key), next.map(|r| r.key)).hash(h);
        if let Some(PageCtx {
            summary,
            content: _,
            content_key,
            word_count,
            toc,
            source,
            backlinks,
            related,
            collection,
        }) = page
        {
            (
                summary.key,
                content_key,
                word_count,
                toc,
                source,
                collection,
            )
                .hash(h);
            for (name, list) in backlinks {
                (name, keys(list)).hash(h);
            }
            keys(related).hash(h);
        } else {
            0u8.hash(h);
        }
        section.as_ref().map(SectionCtx::key).hash(h);
        for (dir, s) in sections {
            (dir, s.key()).hash(h);
        }
        term.as_ref()
            .map(|TermCtx { tag, pages }| (tag, keys(pages)))
            .hash(h);
        (terms, inline_css).hash(h);
        (
            canonical,
            feeds,
            print_url,
            random_url,
            edit_url,
            propose_url,
        )
            .hash(h);
        if let Some(FeedCtx {
            title,
            url,
            html_url,
            updated,
            entries,
        }) = feed
        {
            (title, url, html_url, updated).hash(h);
            for EntryCtx {
                summary,
                abs_url,
                published,
                updated,
                author,
                content: _,
                content_key,
                index: _,
            } in entries
            {
                (
                    summary.key,
                    abs_url,
                    published,
                    updated,
                    author,
                    content_key,
                )
                    .hash(h);
            }
        }
        sitemap.hash(h);
        for PrintItem {
            anchor,
            title,
            depth,
            url,
            omitted,
            content: _,
            content_key,
            index: _,
            hrefs: _,
        } in print
        {
            (anchor, title, depth, url, omitted, content_key).hash(h);
        }
        random.hash(h);
    }
}

impl SectionCtx<'_> {
    pub fn key(&self) -> u64 {
        let SectionCtx {
            page,
            pages,
            count,
            subsections,
        } = self;
        let mut h = Sig::new();
        (page.key, keys(pages), count, keys(subsections)).hash(&mut h);
        h.finish()
    }
}

pub fn keys(list: &[&PageRef<'_>]) -> Vec<u64> {
    list.iter().map(|r| r.key).collect()
}
