//! Output that gathers many pages' bodies or addresses: Atom feeds, the sitemap and the print
//! page. Decides which exist and what they hold, and builds their contexts.

use super::context::*;
use super::{RenderedFile, Renderer, Sig, dates};
use crate::links::Target;
use crate::site::Site;
use crate::slug::UniqueIds;
use crate::theme::{keys, templates};
use crate::urls;
use std::hash::{Hash, Hasher};

/// Entries per feed: the newest ones (feed readers keep what they have seen).
pub const FEED_ENTRIES: usize = 30;
/// A collection with more pages than this is left out of the print page (which says so).
pub const PRINT_COLLECTION_LIMIT: usize = 200;

/// One Atom feed: a collection's newest pages, or those pointing at one page (an act).
pub struct FeedDef {
    /// Output path, e.g. `examples/atom.xml`.
    pub path: String,
    /// As links spell it (the same path; feeds are files).
    pub link: String,
    pub title: String,
    /// The page the feed follows (the collection's section, or the act).
    pub owner: usize,
    pub entries: Vec<usize>,
}

/// Feeds need absolute URLs: none without `base_url`.
impl FeedDef {
    /// The feed as pages advertise it.
    pub fn link(&self) -> FeedLink {
        FeedLink {
            title: self.title.clone(),
            url: self.link.clone(),
        }
    }
}

pub fn feed_defs(site: &Site) -> Vec<FeedDef> {
    let config = &site.config;
    if config.book.base_url.is_empty() {
        return Vec::new();
    }
    // A feed follows one page (a collection's section, or a page others point at).
    let feed = |owner: usize, pages: &[usize]| {
        let path = format!("{}atom.xml", site.urls[owner]);
        FeedDef {
            link: path.clone(),
            path,
            title: format!("{}: {}", config.book.title, site.pages[owner].fm.title),
            owner,
            entries: pages.iter().copied().take(FEED_ENTRIES).collect(),
        }
    };
    let mut out = Vec::new();
    for c in &config.collections {
        let Some(s) = site.sections.iter().find(|s| s.dir == c.section) else {
            continue;
        };
        if s.pages.is_empty() {
            continue;
        }
        out.push(feed(s.page, &s.pages));
        for (target, backlinks) in site.backlinks.iter().enumerate() {
            if let Some(list) = backlinks.get(&c.name).filter(|l| !l.is_empty()) {
                out.push(feed(target, list));
            }
        }
    }
    out
}

/// What the print page holds: pages in reading order, each with its anchor and depth.
pub struct PrintPlan {
    /// (page, depth, pages of its section left out).
    pub items: Vec<(usize, usize, usize)>,
    /// Per page: its anchor on the print page, if it is there.
    pub anchors: Vec<Option<String>>,
}

pub fn print_plan(site: &Site) -> PrintPlan {
    let large: Vec<bool> = site
        .sections
        .iter()
        .map(|s| s.collection.is_some() && s.pages.len() > PRINT_COLLECTION_LIMIT)
        .collect();
    let mut ids = UniqueIds::default();
    let mut anchors = vec![None; site.pages.len()];
    let mut items = Vec::new();
    for &i in &site.reading_order {
        let page = &site.pages[i];
        let section = site.section_of[i];
        if !page.is_section && large[section] {
            continue;
        }
        let url = &site.urls[i];
        let name = url
            .strip_suffix(".html")
            .unwrap_or(url)
            .trim_matches('/')
            .replace('/', "-");
        let anchor = ids.unique(&format!(
            "p-{}",
            if name.is_empty() { "home" } else { &name }
        ));
        let depth = site.ancestors(i).len();
        let omitted = if page.is_section && large[section] {
            site.sections[section].pages.len()
        } else {
            0
        };
        anchors[i] = Some(anchor);
        items.push((i, depth, omitted));
    }
    PrintPlan { items, anchors }
}

/// The hrefs of page `i`'s links on the print page: pages that are there become in-page
/// anchors, everything else a link relative to `print/`.
pub fn print_hrefs(site: &Site, plan: &PrintPlan, i: usize) -> Vec<String> {
    let here = plan.anchors[i].as_deref().unwrap_or("");
    site.targets[i]
        .iter()
        .map(|t| match t {
            Target::Page(k, fragment) => match (&plan.anchors[*k], fragment) {
                (Some(a), Some(f)) => format!("#{a}--{f}"),
                (Some(a), None) => format!("#{a}"),
                (None, _) => t.href(urls::PRINT, &site.links),
            },
            Target::Here(f) => format!("#{here}--{f}"),
            Target::File(..) | Target::Verbatim(_) | Target::Elsewhere(..) => {
                t.href(urls::PRINT, &site.links)
            }
        })
        .collect()
}

/// The date feeds fall back on for pages without one.
const EPOCH: &str = "1970-01-01T00:00:00Z";

impl<'a> Renderer<'a> {
    pub(super) fn emit_feed(&self, def: &'a FeedDef) -> Option<RenderedFile> {
        let site = self.shared.site;
        let book = &site.config.book;
        let abs = |path: &str| format!("{}/{path}", book.base_url);
        let entries: Vec<EntryCtx<'a>> = def
            .entries
            .iter()
            .map(|&i| {
                let summary = self.page_ref(i);
                let published = summary
                    .date
                    .as_deref()
                    .or(summary.updated.as_deref())
                    .map_or_else(|| EPOCH.to_string(), dates::rfc3339);
                let updated = summary
                    .updated
                    .as_deref()
                    .map_or(published.clone(), dates::rfc3339);
                EntryCtx {
                    summary,
                    abs_url: abs(&site.urls[i]),
                    published,
                    updated,
                    author: summary
                        .author
                        .or(book.authors.first().map(String::as_str))
                        .unwrap_or(&book.title),
                    content: String::new(),
                    content_key: self.content_key(i),
                    index: i,
                }
            })
            .collect();
        let updated = entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .unwrap_or_else(|| EPOCH.to_string());
        let feed = FeedCtx {
            title: def.title.clone(),
            url: abs(&def.path),
            html_url: abs(&site.urls[def.owner]),
            updated,
            entries,
        };
        let own = KindCtx::Feed { feed };
        let ctx = self.plain_ctx(&def.link, def.title.clone(), Kind::Feed, own);
        self.emit(def.path.clone(), templates::ATOM, ctx, None)
    }

    /// `sitemap.xml`, which needs absolute URLs: none without `base_url`.
    pub(super) fn emit_sitemap(&self) -> Option<RenderedFile> {
        let site = self.shared.site;
        let base = &site.config.book.base_url;
        if base.is_empty() {
            return None;
        }
        // A page shown untranslated is listed by its own language's sitemap only.
        let mut sitemap: Vec<SitemapEntry> = (0..site.pages.len())
            .filter(|&i| super::langs::other_language(site, i).is_none())
            .map(|i| {
                let r = self.page_ref(i);
                SitemapEntry {
                    loc: format!("{base}/{}", site.urls[i]),
                    lastmod: r.updated.clone().or(r.date.clone()),
                    alternates: super::langs::lang_ctx(site, &site.urls[i], Some(i))
                        .map(|l| l.alternates)
                        .unwrap_or_default(),
                }
            })
            .collect();
        // Further pages of listings, after every page's own file.
        let later = |listing: &str, pages: usize| -> Vec<SitemapEntry> {
            (2..=pages)
                .map(|n| SitemapEntry {
                    loc: format!("{base}/{}", urls::pager(listing, n)),
                    lastmod: None,
                    alternates: Vec::new(),
                })
                .collect()
        };
        for i in 0..site.pages.len() {
            if let Some(list) = self.listing_of(i) {
                sitemap.extend(later(&site.urls[i], list.pages()));
            }
        }
        if !site.tags.is_empty() {
            sitemap.push(SitemapEntry {
                loc: format!("{base}/{}", urls::TAGS),
                lastmod: None,
                alternates: Vec::new(),
            });
        }
        for (t, tag) in site.tags.iter().enumerate() {
            let url = urls::tag(&tag.slug);
            sitemap.push(SitemapEntry {
                loc: format!("{base}/{url}"),
                lastmod: None,
                alternates: Vec::new(),
            });
            sitemap.extend(later(&url, self.tag_listing(t).pages()));
        }
        let own = KindCtx::Sitemap { sitemap };
        let ctx = self.plain_ctx("sitemap.xml", "Sitemap".into(), Kind::Sitemap, own);
        self.emit("sitemap.xml".into(), templates::SITEMAP, ctx, None)
    }

    /// The whole site on one page, in reading order.
    pub(super) fn emit_print(&self) -> Option<RenderedFile> {
        let site = self.shared.site;
        if !site.config.has_print() {
            return None;
        }
        let plan = self.shared.plan;
        let print = plan
            .items
            .iter()
            .map(|&(i, depth, omitted)| {
                let anchor = plan.anchors[i].clone().expect("planned pages have anchors");
                let hrefs = print_hrefs(site, plan, i);
                let mut h = Sig::new();
                (site.pages[i].key, &hrefs, &anchor).hash(&mut h);
                PrintItem {
                    anchor,
                    title: &site.pages[i].fm.title,
                    depth,
                    url: &site.links[i],
                    omitted,
                    content: String::new(),
                    content_key: h.finish(),
                    index: i,
                    hrefs,
                }
            })
            .collect();
        let own = KindCtx::Print { print };
        let mut ctx = self.plain_ctx(&self.shared.links.print, String::new(), Kind::Print, own);
        ctx.title = self.words(keys::PRINT, &[("title", &site.config.book.title)]);
        self.emit(urls::output_path(urls::PRINT), templates::PRINT, ctx, None)
    }
}
