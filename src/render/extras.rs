//! Output beyond one file per page: Atom feeds, the sitemap, the print page and the random-page
//! pickers. Decides which exist and what they hold; `mod.rs` renders them like any page.

use crate::links::Target;
use crate::site::Site;
use crate::slug::UniqueIds;
use std::collections::BTreeMap;

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
        let name = site.urls[i].trim_matches('/').replace('/', "-");
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
                (None, _) => t.href(PRINT_URL, &site.links),
            },
            Target::Here(f) => format!("#{here}--{f}"),
            Target::File(..) | Target::Verbatim(_) => t.href(PRINT_URL, &site.links),
        })
        .collect()
}

pub const PRINT_URL: &str = "print/";

/// Collection name -> (output path, link) of its random-page picker.
pub fn randoms(site: &Site) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for c in &site.config.collections {
        let Some(s) = site.sections.iter().find(|s| s.dir == c.section) else {
            continue;
        };
        if s.pages.is_empty() {
            continue;
        }
        let dir = format!("{}random/", site.urls[s.page]);
        let link = if site.config.build.offline {
            format!("{dir}index.html")
        } else {
            dir.clone()
        };
        out.insert(c.name.clone(), (format!("{dir}index.html"), link));
    }
    out
}
