//! Rendering: the linked [`Site`] in, output files out. Contexts borrow from the site: a page
//! summary ([`PageRef`]) is built once per page and shared by every listing, card and navigation
//! entry that shows it, so no site-wide data is cloned per page.
//!
//! This file is the driver (what a pass renders, signatures, handing files on); the contexts of
//! each kind of file are built in `pages.rs` (Markdown pages, sections, the home page),
//! `listings.rs` (tags, random pickers, 404) and `feeds.rs` (Atom feeds, the sitemap, the print
//! page). Their types and signatures are in `context.rs`.
//!
//! Every output file gets a signature: a hash of everything its context holds, with each page
//! summary and each page body standing in as a precomputed key. A file whose signature matches
//! the previous build's is not rendered again, which is what makes rebuilds in `watch` and
//! `serve` incremental. The signature is written by destructuring each context struct
//! exhaustively, so a field added to a context without a place in its signature does not compile.
//!
//! URLs in contexts are relative to the site root (`acts/share-the-credit/`); templates prefix
//! them with `root`, the relative way back to the root from the page being rendered. That keeps
//! every link relative, so the output works at a domain root, under a subpath and from disk.

mod bodies;
mod book_nav;
mod context;
mod dates;
mod feeds;
mod langs;
mod listings;
mod pager;
mod pages;
mod share;
mod signature;
mod words;

use crate::diagnostics::Diagnostics;
use crate::markdown;
use crate::site::Site;
use crate::theme::{Theme, template_errors};
use crate::urls::{self, relative_url};
use context::*;
use feeds::{FeedDef, PrintPlan};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

pub use context::{Kind, LinkCtx, NavItem, PageRef, SiteCtx, TagRef};
pub use dates::{DateStyle, iso_date, rfc3339};
pub use pages::RELATED_REACH;

type Sig = std::collections::hash_map::DefaultHasher;

/// One output file of the renderer.
pub struct RenderedFile {
    /// Output path relative to the site root.
    pub path: String,
    /// Signature of the file's template and context (see the module docs).
    pub sig: u64,
    pub body: Body,
    /// The page it was made from, if it is a page's own file.
    pub page: Option<usize>,
}

/// What became of a file's bytes.
pub enum Body {
    /// Its signature equals the previous build's: the previous bytes are still right.
    Unchanged,
    /// Rendered (and handed to the job's sink, if any).
    New(Arc<Vec<u8>>),
    /// Rendered and handed to the job's sink only ([`Job::keep`] was false).
    Sent,
}

/// What a render pass produced, and how much of it was new work.
pub struct Rendered {
    pub files: Vec<RenderedFile>,
    /// Files rendered (the rest were unchanged).
    pub rendered: usize,
    /// Key of each page's summary ([`PageRef`]), for the next [`Scope::Pages`] pass; only the
    /// scope's entries are meaningful after such a pass.
    pub ref_keys: Vec<u64>,
}

/// Which output a render pass considers.
pub enum Scope<'s> {
    /// Every output file.
    All,
    /// These pages changed, the site's shape did not ([`Site::replace_body`],
    /// [`Site::replace_entry`]). When each page's summary keeps its key in `old_keys` (the keys
    /// of the pass that made the previous output), only files that show their bodies are
    /// considered: their own, feeds, the print page. Otherwise also every file that shows their
    /// summaries (the part of each listing that holds them, their neighbours' pages, the home
    /// page, the tags index) and what `moved` names.
    Pages {
        pages: &'s [usize],
        old_keys: &'s [u64],
        moved: &'s Moved,
        /// Only the pages' own files: a first pass, for readers waiting on them; a second pass
        /// with false considers the rest.
        own_only: bool,
    },
}

/// Where an edit of a few pages moved entries of lists (a retitled page among others of the same
/// date, a page that gained or lost a tag), besides the pages themselves.
#[derive(Debug, Default)]
pub struct Moved {
    /// Pages whose every file may show other neighbours (previous and next, related pages).
    pub pages: Vec<usize>,
    /// `(page, lo, hi)`: entries `lo..=hi` of page `page`'s listing may be other pages.
    pub listings: Vec<(usize, usize, usize)>,
    /// `(tag, lo, hi)`: entries `lo..=hi` of the tag's listing may be other pages.
    pub tags: Vec<(usize, usize, usize)>,
}

/// Gets each file as soon as it is rendered (on a rendering thread, in no particular order), so
/// that writing it can start while the rest of the site is still being rendered.
pub type Sink<'s> = &'s (dyn Fn(&str, &Arc<Vec<u8>>) + Sync);

/// What a render pass is asked to do.
pub struct Job<'s> {
    /// Output path -> signature of the last good build (empty for a full build): files whose
    /// signature is unchanged are not rendered again.
    pub previous: &'s HashMap<String, u64>,
    pub scope: Scope<'s>,
    pub sink: Option<Sink<'s>>,
    /// Whether files handed to the sink are also returned; a one-shot build that writes them as
    /// they come has no use for them afterwards, and not holding them halves its peak memory.
    pub keep: bool,
}

/// Renders every output file in the job's scope whose signature differs from the previous
/// build's.
pub fn render_site(site: &Site, theme: &Theme, job: Job<'_>, diags: &Diagnostics) -> Rendered {
    let config = &site.config;
    let shares = share::shares(site);
    let site_ctx = SiteCtx {
        title: &config.book.title,
        description: &config.book.description,
        language: &config.book.language,
        authors: &config.book.authors,
        base_url: &config.book.base_url,
        extra: &config.extra,
        generator: concat!("handbook ", env!("CARGO_PKG_VERSION")),
        search_url: if config.has_search() {
            site.style.link(urls::SEARCH)
        } else {
            String::new()
        },
        search_language: crate::search::Stems::code(&config.book.language).filter(|c| *c != "en"),
        share: config
            .collections
            .iter()
            .filter_map(|c| {
                let s = shares.get(&c.name)?;
                Some(ShareLink {
                    item: &c.item,
                    url: &s.link,
                })
            })
            .collect(),
        extra_css: config.mdbook.as_ref().map_or(&[], |b| &b.additional_css),
        extra_js: config.mdbook.as_ref().map_or(&[], |b| &b.additional_js),
        dark_default: config.mdbook.as_ref().is_some_and(|b| b.dark),
    };
    let tag_refs: Vec<TagRef<'_>> = site
        .tags
        .iter()
        .map(|t| TagRef {
            name: &t.name,
            slug: &t.slug,
            url: site.style.link(&urls::tag(&t.slug)),
            count: t.pages.len(),
        })
        .collect();
    let refs: Vec<OnceLock<PageRef<'_>>> = (0..site.pages.len()).map(|_| OnceLock::new()).collect();
    let book_nav = config
        .mdbook
        .as_ref()
        .map(|b| book_nav::BookNav::new(site, b));
    let nav = match &book_nav {
        Some(b) if b.windowed() => b.around(None),
        Some(b) => b.full(),
        None => pages::nav_items(site, 0),
    };
    let links = Links {
        tags: site.style.link(urls::TAGS),
        print: if site.config.has_print() {
            site.style.link(urls::PRINT)
        } else {
            String::new()
        },
    };
    let feeds = feeds::feed_defs(site);
    let plan = feeds::print_plan(site);
    let pickers = listings::pickers(site);
    let site_feeds: Vec<FeedLink> = feeds
        .iter()
        .filter(|f| site.pages[f.owner].is_section)
        .map(FeedDef::link)
        .collect();
    let strings = theme.strings_for(&config.book.language, diags);
    let other_strings = words::other_strings(site, theme);
    let text_words: HashMap<&str, markdown::Words<'_>> = other_strings
        .iter()
        .map(|(code, strings)| (*code, words::text_words(strings)))
        .collect();
    let global = {
        let mut h = Sig::new();
        theme.key.hash(&mut h);
        strings.hash(&mut h);
        site_ctx.key(&mut h);
        nav.hash(&mut h);
        (&site_feeds, &pickers, &shares).hash(&mut h);
        h.finish()
    };
    let r = Renderer {
        shared: Shared {
            site,
            site_ctx: &site_ctx,
            nav: &nav,
            refs: &refs,
            tag_refs: &tag_refs,
            links: &links,
            site_feeds,
            feeds: &feeds,
            plan: &plan,
            pickers: &pickers,
            shares: &shares,
            book_nav: book_nav.as_ref().filter(|b| b.windowed()),
            strings: &strings,
            words: words::text_words(&strings),
            text_words,
            t: words::safe_strings(&strings),
            dates: dates::DateStyle::new(&strings),
        },
        out: Emitter {
            theme,
            diags,
            global,
            previous: job.previous,
            sink: job.sink,
            keep: job.keep,
        },
    };
    match job.scope {
        Scope::Pages {
            pages,
            old_keys,
            moved,
            own_only,
        } => {
            let mut keys = old_keys.to_vec();
            if own_only {
                let files = pages
                    .iter()
                    .flat_map(|&i| r.emit_page_parts(i, 1..=1))
                    .collect();
                return r.finish(files, keys);
            }
            let mut files = r.pages_only(pages);
            if !r.same_summaries(pages, old_keys) {
                files.extend(r.showing_summaries(pages, moved));
                for &i in pages {
                    keys[i] = r.page_ref(i).key;
                }
            }
            r.finish(files, keys)
        }
        Scope::All => {
            let files = r.everything();
            let keys = (0..site.pages.len()).map(|i| r.page_ref(i).key).collect();
            r.finish(files, keys)
        }
    }
}

/// How many pages tag `tag`'s listing takes.
pub fn tag_listing_pages(site: &Site, tag: &crate::site::Tag) -> usize {
    pager::Listing::of_tag(site, tag).pages()
}

/// Links to generated pages, as this build spells them.
struct Links {
    tags: String,
    print: String,
}

/// What every file of a pass shares.
struct Shared<'a> {
    site: &'a Site,
    site_ctx: &'a SiteCtx<'a>,
    nav: &'a [NavItem<'a>],
    /// Page summaries, made when first needed (a one-page pass needs a handful).
    refs: &'a [OnceLock<PageRef<'a>>],
    tag_refs: &'a [TagRef<'a>],
    links: &'a Links,
    /// The collections' feeds, advertised on every page.
    site_feeds: Vec<FeedLink>,
    feeds: &'a [FeedDef],
    plan: &'a PrintPlan,
    /// Collection name -> its random-page picker.
    pickers: &'a BTreeMap<String, listings::Picker>,
    /// Collection name -> its share page, for collections that have one.
    shares: &'a BTreeMap<String, share::Share>,
    /// A big mdBook book's outline, of which each page shows its own window.
    book_nav: Option<&'a book_nav::BookNav<'a>>,
    /// The theme's words in the site's language.
    strings: &'a crate::theme::Strings,
    /// The theme's words a page's text shows (heading anchors, callouts), in the site's
    /// language.
    words: markdown::Words<'a>,
    /// The words of a page's text in each other language, by code (see [`bodies::fill_bodies`]).
    text_words: HashMap<&'a str, markdown::Words<'a>>,
    /// The same as templates get them (`t.languages`): safe strings, written as they are.
    t: tera::Value,
    /// How dates are written in the site's language.
    dates: dates::DateStyle<'a>,
}

/// Where rendered files go, and what decides whether a file is rendered at all.
struct Emitter<'a> {
    theme: &'a Theme,
    diags: &'a Diagnostics,
    /// Key of what every page shares: theme, site settings, navigation.
    global: u64,
    previous: &'a HashMap<String, u64>,
    sink: Option<Sink<'a>>,
    keep: bool,
}

struct Renderer<'a> {
    shared: Shared<'a>,
    out: Emitter<'a>,
}

impl<'a> Renderer<'a> {
    /// Every output file of the site.
    fn everything(&self) -> Vec<RenderedFile> {
        let site = self.shared.site;
        let mut files: Vec<RenderedFile> = (0..site.pages.len())
            .into_par_iter()
            .flat_map_iter(|i| self.emit_page(i))
            .collect();
        files.extend(self.emit_tags());
        files.extend(
            self.shared
                .feeds
                .par_iter()
                .filter_map(|f| self.emit_feed(f))
                .collect::<Vec<_>>(),
        );
        files.extend(self.emit_sitemap());
        files.extend(self.emit_print());
        files.extend(self.emit_pickers());
        files.extend(self.emit_not_found());
        files.extend(self.emit_search());
        files.extend(self.emit_search_words());
        files.extend(self.emit_shares());
        files
    }

    /// Whether each of `pages` still has the summary it had when `old_keys` were taken.
    fn same_summaries(&self, pages: &[usize], old_keys: &[u64]) -> bool {
        pages
            .iter()
            .all(|&i| old_keys.get(i) == Some(&self.page_ref(i).key))
    }

    /// The files that show the bodies of `pages`: their own, and feeds and the print page.
    fn pages_only(&self, pages: &[usize]) -> Vec<RenderedFile> {
        let mut files: Vec<RenderedFile> = pages.iter().flat_map(|&i| self.emit_page(i)).collect();
        for feed in self.shared.feeds {
            if feed.entries.iter().any(|e| pages.contains(e)) {
                files.extend(self.emit_feed(feed));
            }
        }
        if pages.iter().any(|&i| self.shared.plan.anchors[i].is_some()) {
            files.extend(self.emit_print());
        }
        files
    }

    /// The files other than their own that show the summaries of `pages` (see [`Scope::Pages`]).
    fn showing_summaries(&self, pages: &[usize], moved: &Moved) -> Vec<RenderedFile> {
        let site = self.shared.site;
        // (page, first part of its listing that may have changed, last part)
        let mut parts: Vec<(usize, usize, usize)> = vec![(site.sections[0].page, 1, 1)];
        parts.extend(moved.pages.iter().map(|&p| (p, 1, usize::MAX)));
        for &(p, lo, hi) in &moved.listings {
            if let Some(list) = self.listing_of(p) {
                parts.push((p, list.part_of(lo), list.part_of(hi)));
            }
        }
        for &i in pages {
            let section = site.sections[site.section_of[i]].page;
            parts.extend(self.part_holding(section, i));
            // Every part of a listing links to the page's own neighbours.
            let neighbours = [site.prev[i], site.next[i]].into_iter().flatten();
            parts.extend(neighbours.map(|p| (p, 1, usize::MAX)));
            for r in &site.relations[i] {
                parts.extend(self.part_holding(r.target, i));
                let all: Vec<usize> = site.backlinks[r.target]
                    .values()
                    .flatten()
                    .copied()
                    .collect();
                parts.extend(pages::around(&all, i).map(|p| (p, 1, 1)));
            }
        }
        parts.retain(|(p, _, _)| !pages.contains(p));
        parts.sort_unstable();
        // One range a page, so that no file is rendered twice (unchanged parts in between cost
        // only their signatures).
        parts.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.2 = kept.2.max(later.2);
            }
            same
        });
        let mut files: Vec<RenderedFile> = parts
            .par_iter()
            .flat_map_iter(|&(p, from, to)| self.emit_page_parts(p, from..=to))
            .collect();
        // (tag, first entry that may have changed, last entry)
        let mut entries = moved.tags.clone();
        for &i in pages {
            for &t in &site.page_tags[i] {
                if let Some(at) = site.tags[t].pages.iter().position(|&p| p == i) {
                    entries.push((t, at, at));
                }
            }
        }
        files.extend(self.emit_tag_parts(&entries));
        // Its filters count pages by tag and field; the share pages offer the tags, settings and
        // relation targets there are.
        files.extend(self.emit_search());
        files.extend(self.emit_shares());
        files
    }

    /// The part of page `p`'s listing that holds entry `i`, as `(p, n, n)`.
    fn part_holding(&self, p: usize, i: usize) -> Option<(usize, usize, usize)> {
        let list = self.listing_of(p)?;
        let n = list.part_of(list.items.iter().position(|&x| x == i)?);
        Some((p, n, n))
    }

    fn finish(&self, files: Vec<RenderedFile>, ref_keys: Vec<u64>) -> Rendered {
        Rendered {
            rendered: files
                .iter()
                .filter(|f| !matches!(f.body, Body::Unchanged))
                .count(),
            files,
            ref_keys,
        }
    }

    fn page_ref(&self, i: usize) -> &'a PageRef<'a> {
        let s = &self.shared;
        s.refs[i].get_or_init(|| pages::page_ref(s.site, i, s.tag_refs, &s.dates))
    }

    /// The context every file starts from: site chrome, with a breadcrumb to the home page.
    fn plain_ctx(
        &self,
        url: impl Into<Cow<'a, str>>,
        title: String,
        kind: Kind,
        own: KindCtx<'a>,
    ) -> Ctx<'a> {
        self.chrome_ctx(url.into(), title, kind, own, None)
    }

    /// [`Self::plain_ctx`] of the file made from page `page`, if it is one (its languages are
    /// the page's).
    fn chrome_ctx(
        &self,
        url: Cow<'a, str>,
        title: String,
        kind: Kind,
        own: KindCtx<'a>,
        page: Option<usize>,
    ) -> Ctx<'a> {
        let s = &self.shared;
        let site = s.site;
        let home = site.sections[0].page;
        let lang = langs::lang_ctx(site, url.strip_suffix("index.html").unwrap_or(&url), page);
        Ctx {
            site: s.site_ctx,
            nav: Cow::Borrowed(s.nav),
            root: relative_url(&url, ""),
            url,
            home_url: &site.links[home],
            tags_url: &s.links.tags,
            title: format!("{title} · {}", site.config.book.title),
            description: &site.config.book.description,
            kind,
            breadcrumbs: vec![LinkCtx {
                title: &site.pages[home].fm.title,
                url: &site.links[home],
            }],
            prev: None,
            next: None,
            page: None,
            inline_css: None,
            canonical: None,
            feeds: s.site_feeds.clone(),
            print_url: &s.links.print,
            random_url: None,
            share_url: None,
            edit_url: None,
            propose_url: Some(site.config.book.propose_url.as_str()).filter(|u| !u.is_empty()),
            paginator: None,
            lang,
            own,
        }
    }

    /// Key of page `i`'s body as rendered on its own page and in feeds.
    fn content_key(&self, i: usize) -> u64 {
        let site = self.shared.site;
        let mut h = Sig::new();
        (site.pages[i].key, &site.hrefs[i]).hash(&mut h);
        h.finish()
    }

    /// Signs `ctx`; renders it unless the previous build rendered the same signature.
    fn emit(
        &self,
        path: String,
        template: &str,
        mut ctx: Ctx<'_>,
        page: Option<usize>,
    ) -> Option<RenderedFile> {
        let out = &self.out;
        let sig = {
            let mut h = Sig::new();
            (out.global, template).hash(&mut h);
            ctx.key(&mut h);
            h.finish()
        };
        if out.previous.get(&path) == Some(&sig) {
            return Some(RenderedFile {
                path,
                sig,
                body: Body::Unchanged,
                page,
            });
        }
        let s = &self.shared;
        bodies::fill_bodies(s.site, &mut ctx, page, &s.words, &s.text_words);
        let shown = page.map(|i| self.shared.site.pages[i].shown.as_str());
        let bytes = self.render(template, &ctx, shown)?;
        Some(self.deliver(path, sig, bytes, page))
    }

    fn render(&self, template: &str, ctx: &Ctx<'_>, page: Option<&str>) -> Option<Vec<u8>> {
        let theme = self.out.theme;
        let report = |e: &tera::Error| {
            self.out
                .diags
                .extend(template_errors(e, &theme.templates, page))
        };
        let mut context = tera::Context::from_serialize(ctx)
            .map_err(|e| report(&e))
            .ok()?;
        context.insert_value("t", self.shared.t.clone());
        let mut buf = Vec::with_capacity(16 * 1024);
        theme
            .tera
            .render_to(template, &context, &mut buf)
            .map_err(|e| report(&e))
            .ok()?;
        Some(buf)
    }
}
