//! The template contexts: typed structs of borrows from the linked site, and their signatures.
//!
//! Every file gets a [`Ctx`]: the chrome every page shows (site, navigation, breadcrumbs, feeds,
//! the pager and the page itself) plus a [`KindCtx`] holding only what its own kind of file
//! needs (a tag's pages, a feed's entries, the print page's chapters, ...).
//!
//! Their signatures are in `signature.rs`.

use crate::markdown::Heading;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::Hash;
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
    /// The search page, as links spell it.
    pub search_url: String,
    /// The code of the file with the words of the site's language that the search engine needs
    /// (`assets/search-<code>.js`): `None` for English, built into the engine, and for a
    /// language search has no stemmer for.
    pub search_language: Option<&'static str>,
    /// Each collection's share page (`site.share` in templates: the footer's invitations).
    pub share: Vec<ShareLink<'a>>,
    /// An mdBook book's `additional-css` and `additional-js`, as paths from the site's root.
    pub extra_css: &'a [String],
    pub extra_js: &'a [String],
    /// Start in the dark palette unless the reader chose one (an mdBook book's dark
    /// `default-theme`).
    pub dark_default: bool,
}

#[derive(Serialize, Clone, Copy, Hash)]
pub struct ShareLink<'a> {
    pub item: &'a str,
    pub url: &'a str,
}

#[derive(Serialize, Clone, Hash)]
pub struct TagRef<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: usize,
}

/// A tag as a page lists it: without the tag's page count, so that tagging one page does not
/// change the summary of every other page with that tag.
#[derive(Serialize, Clone, Copy, Hash)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
}

#[derive(Serialize, Clone, Copy, Hash)]
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
    pub tags: Vec<TagLink<'a>>,
    /// Collection fields (e.g. `contributor`, `context`).
    pub fields: BTreeMap<&'a str, &'a str>,
    /// The value of its collection's `author_field`: who contributed it.
    pub author: Option<&'a str>,
    /// The value of its collection's `setting_field`: where it happened.
    pub setting: Option<&'a str>,
    /// Relation field -> related page (e.g. `act` -> the act page).
    pub relations: BTreeMap<&'a str, LinkCtx<'a>>,
    pub reading_time: usize,
    pub is_section: bool,
    pub extra: &'a toml::Table,
    /// The page's language when it is not the site's (a page shown untranslated): cards and
    /// links to it carry `lang`.
    pub lang: Option<&'a str>,
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

#[derive(Serialize, Hash, Clone)]
pub struct NavItem<'a> {
    pub title: &'a str,
    /// Empty for a part title, a separator and a draft chapter.
    pub url: &'a str,
    pub is_section: bool,
    /// `page`, `section`, or in an mdBook book's outline also `part` (a title without a page),
    /// `separator` and `draft` (a chapter without a file yet).
    pub kind: &'static str,
    /// An mdBook chapter's number (`1.2.`).
    pub number: Option<String>,
    /// The page's language when it is not the site's (a page shown untranslated).
    pub lang: Option<&'a str>,
    pub children: Vec<NavItem<'a>>,
}

/// A collection as templates see it, on its pages, its listing and the home page.
#[derive(Serialize, Hash, Clone, Copy)]
pub struct CollectionRef<'a> {
    pub name: &'a str,
    /// One of its pages, in words (`example`).
    pub item: &'a str,
    /// `date` (newest first), `weight` or `title`.
    pub sort_by: &'static str,
    /// The fields that name who contributed a page and where it happened, if it has them.
    pub author_field: Option<&'a str>,
    pub setting_field: Option<&'a str>,
    /// Whether its pages show when they were last updated.
    pub show_updated: bool,
    /// Each field's and relation's name as readers see it (`act`: `Act`, `Acto`).
    pub labels: &'a std::collections::BTreeMap<String, String>,
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
    /// On a page that a collection's pages relate to (an act): each such collection with the
    /// pages that point here, empty lists included.
    pub referrers: Vec<Referrers<'a>>,
    /// On a collection's page: other pages that share its first relation's target.
    pub related: Option<Related<'a>>,
    /// The collection the page belongs to, or whose listing it is.
    pub collection: Option<CollectionRef<'a>>,
}

/// The pages of one collection that point at a page through one relation field.
#[derive(Serialize)]
pub struct Referrers<'a> {
    #[serde(flatten)]
    pub collection: CollectionRef<'a>,
    /// The relation field they point with (`act`).
    pub field: &'a str,
    /// All of them, or this page's share when the list is split into pages (the first
    /// collection's list is).
    pub pages: Vec<&'a PageRef<'a>>,
    /// How many there are in all.
    pub count: usize,
}

/// Pages that point where this page points (other examples of the same act).
#[derive(Serialize)]
pub struct Related<'a> {
    pub field: &'a str,
    pub target: LinkCtx<'a>,
    pub pages: Vec<&'a PageRef<'a>>,
}

#[derive(Serialize)]
pub struct SectionCtx<'a> {
    /// The section's own page (its `_index.md`).
    pub page: &'a PageRef<'a>,
    /// Its pages (on the home page, only as many as its collection shows there; `count` says
    /// how many there are).
    pub pages: Vec<&'a PageRef<'a>>,
    pub count: usize,
    pub subsections: Vec<&'a PageRef<'a>>,
}

/// What the home page shows beyond its own text.
#[derive(Serialize)]
pub struct HomeCtx<'a> {
    /// Sections whose pages collections relate to (the acts), with all their pages.
    pub targets: Vec<SectionCtx<'a>>,
    pub collections: Vec<HomeCollection<'a>>,
}

#[derive(Serialize)]
pub struct HomeCollection<'a> {
    #[serde(flatten)]
    pub collection: CollectionRef<'a>,
    /// Its listing, with its first `home_pages` pages.
    pub section: SectionCtx<'a>,
    /// The page that tells readers how to add one.
    pub guide: Option<&'a PageRef<'a>>,
}

#[derive(Serialize)]
pub struct TermCtx<'a> {
    #[serde(flatten)]
    pub tag: &'a TagRef<'a>,
    pub pages: Vec<&'a PageRef<'a>>,
}

/// The kind of file a context renders, as templates see it in `kind` (`kind-page` classes).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Home,
    Section,
    Page,
    Tags,
    Tag,
    Feed,
    Sitemap,
    Print,
    Random,
    Search,
    Share,
    #[serde(rename = "404")]
    NotFound,
}

/// Serialized by hand ([`Ctx::serialize`]) so that the kind's own fields join the common ones
/// as plain struct fields: `#[serde(flatten)]` would route every page's context through a map
/// serializer, measurably slower on a big site.
pub struct Ctx<'a> {
    pub site: &'a SiteCtx<'a>,
    /// The site's navigation; a page of a big mdBook book has its own window of it.
    pub nav: Cow<'a, [NavItem<'a>]>,
    /// Relative path from this page to the site root, ending in `/` (`./` at the root).
    pub root: String,
    /// This page's URL relative to the root (compare with `nav` entries' `url`).
    pub url: Cow<'a, str>,
    /// The home page and the tags index as links spell them (`""` and `tags/`, or with
    /// `index.html` in an offline build): `{{ root }}{{ home_url }}`.
    pub home_url: &'a str,
    pub tags_url: &'a str,
    /// `<title>` of the document.
    pub title: String,
    pub description: &'a str,
    pub kind: Kind,
    pub breadcrumbs: Vec<LinkCtx<'a>>,
    pub prev: Option<&'a PageRef<'a>>,
    pub next: Option<&'a PageRef<'a>>,
    /// The page rendered, on files made from a Markdown page.
    pub page: Option<PageCtx<'a>>,
    /// The stylesheet, inlined on pages whose depth is unknown (404).
    pub inline_css: Option<&'a str>,
    /// This page's absolute URL, when `base_url` is set.
    pub canonical: Option<String>,
    /// Feeds to advertise: every collection's, and this page's own (an act's).
    pub feeds: Vec<FeedLink>,
    pub print_url: &'a str,
    /// The random-page picker of this page's collection (on its pages and its listing).
    pub random_url: Option<&'a str>,
    /// The share page of this page's collection (on its pages, its listing and its guide).
    pub share_url: Option<&'a str>,
    /// Where to edit this page's source, when `[book] edit_url` is set.
    pub edit_url: Option<String>,
    /// `[book] propose_url`: where to propose a new page for a collection.
    pub propose_url: Option<&'a str>,
    /// On a page of a listing split into pages (a section, an act's list, a tag).
    pub paginator: Option<Paginator>,
    /// In a handbook of several languages: this file's language, its versions in the others.
    pub lang: Option<LangCtx>,
    /// Fields of this kind of file only, at the top level of the context like the others.
    pub own: KindCtx<'a>,
}

/// A file's languages (see `langs.rs`).
#[derive(Serialize, Hash, Clone, Debug)]
pub struct LangCtx {
    /// The language of the site the file is in (`<html lang>`), and its direction.
    pub code: String,
    pub dir: &'static str,
    /// From this language's root to the output's (`../` under `es/`): the theme's assets are
    /// there, once for every language.
    pub up: String,
    /// Every language, this one included, with a link to this file in it (or to its home).
    pub switcher: Vec<LangLink>,
    /// `<link rel="alternate" hreflang>`: the languages that have this file, and `x-default`.
    pub alternates: Vec<Alternate>,
    /// Set on a page shown in another language because it is not translated: that language.
    pub notice: Option<Notice>,
}

#[derive(Serialize, Hash, Clone, Debug)]
pub struct LangLink {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// The file has a version in this language (else the link goes to its home page).
    pub translated: bool,
}

#[derive(Serialize, Hash, Clone, Debug)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

#[derive(Serialize, Hash, Clone, Debug)]
pub struct Notice {
    pub code: String,
    pub name: String,
}

impl Serialize for Ctx<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let Ctx {
            site,
            nav,
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
            inline_css,
            canonical,
            feeds,
            print_url,
            random_url,
            share_url,
            edit_url,
            propose_url,
            paginator,
            lang,
            own,
        } = self;
        // `t`, the theme's words, is added by the renderer as safe strings (see `strings.rs`).
        let mut st = serializer.serialize_struct("Ctx", 25)?;
        st.serialize_field("site", site)?;
        st.serialize_field("nav", nav)?;
        st.serialize_field("root", root)?;
        st.serialize_field("url", url)?;
        st.serialize_field("home_url", home_url)?;
        st.serialize_field("tags_url", tags_url)?;
        st.serialize_field("title", title)?;
        st.serialize_field("description", description)?;
        st.serialize_field("kind", kind)?;
        st.serialize_field("breadcrumbs", breadcrumbs)?;
        st.serialize_field("prev", prev)?;
        st.serialize_field("next", next)?;
        st.serialize_field("page", page)?;
        st.serialize_field("inline_css", inline_css)?;
        st.serialize_field("canonical", canonical)?;
        st.serialize_field("feeds", feeds)?;
        st.serialize_field("print_url", print_url)?;
        st.serialize_field("random_url", random_url)?;
        st.serialize_field("share_url", share_url)?;
        st.serialize_field("edit_url", edit_url)?;
        st.serialize_field("propose_url", propose_url)?;
        st.serialize_field("paginator", paginator)?;
        st.serialize_field("lang", lang)?;
        match own {
            KindCtx::Page { section, home } => {
                st.serialize_field("section", section)?;
                st.serialize_field("home", home)?;
            }
            KindCtx::Tags { terms } => st.serialize_field("terms", terms)?,
            KindCtx::Tag { term } => st.serialize_field("term", term)?,
            KindCtx::Feed { feed } => st.serialize_field("feed", feed)?,
            KindCtx::Sitemap { sitemap } => st.serialize_field("sitemap", sitemap)?,
            KindCtx::Print { print } => st.serialize_field("print", print)?,
            KindCtx::Random {
                random,
                count,
                per_page,
            } => {
                st.serialize_field("random", random)?;
                st.serialize_field("random_count", count)?;
                st.serialize_field("random_per_page", per_page)?;
            }
            KindCtx::Search { facets } => st.serialize_field("facets", facets)?,
            KindCtx::Share { share } => st.serialize_field("share", share)?,
            KindCtx::Plain {} => {}
        }
        st.end()
    }
}

/// What only one kind of file needs; its fields sit at the top level of the context.
pub enum KindCtx<'a> {
    /// Home, section and plain pages.
    Page {
        /// On a section's page.
        section: Option<SectionCtx<'a>>,
        /// On the home page.
        home: Option<HomeCtx<'a>>,
    },
    Tags {
        terms: Vec<&'a TagRef<'a>>,
    },
    Tag {
        term: TermCtx<'a>,
    },
    Feed {
        feed: FeedCtx<'a>,
    },
    Sitemap {
        sitemap: Vec<SitemapEntry>,
    },
    Print {
        print: Vec<PrintItem<'a>>,
    },
    Random {
        /// The pages of the collection's listing (`random` in templates).
        random: Vec<String>,
        /// Entries in the collection, and on each page of its listing (`random_count`,
        /// `random_per_page`).
        count: usize,
        per_page: usize,
    },
    /// The search page: what a reader can filter by.
    Search {
        facets: Vec<crate::search::Facet>,
    },
    /// A collection's share page: the form's choices and how to send the file.
    Share {
        share: Box<super::share::ShareCtx<'a>>,
    },
    /// The 404 page and anything else that needs nothing of its own.
    Plain {},
}

/// Where a page of a listing stands among the others, as links from it (relative to the root,
/// spelled as this build spells links: `{{ root }}{{ paginator.next }}`).
#[derive(Serialize, Hash)]
pub struct Paginator {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the listing has.
    pub total: usize,
    /// Entries in the whole listing, and on each page.
    pub items: usize,
    pub per_page: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The page links to show: the first and the last page and those near this one, with a
    /// `gap` entry where pages are left out.
    pub numbers: Vec<PageNumber>,
}

#[derive(Serialize, Hash)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Stands for pages left out (`number` and `url` are empty).
    pub gap: bool,
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
    /// The page in every language that has it (`xhtml:link` alternates), when it has any.
    pub alternates: Vec<Alternate>,
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
