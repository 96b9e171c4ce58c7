//! The file of each Markdown page: its template, its context (breadcrumbs, the pager, what
//! relates to it, its section's listing, the home page's blocks) and the page summaries that
//! every listing shares. Which collection a page belongs to and what its fields mean come from
//! the configuration, never from names written here.

use super::context::*;
use super::pager::{self, Listing};
use super::{Renderer, dates};
use crate::config::Collection;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::site::{Child, Site};
use crate::theme::{Theme, templates};
use crate::urls;
use std::borrow::Cow;
use toml::value::Datetime;

/// Words per minute for reading times.
const READING_SPEED: usize = 220;
/// Pages that share a page's relation target, shown with it.
const RELATED_PAGES: usize = 5;
/// How far apart in a relation target's list two pages can be when one's related list shows the
/// other.
pub const RELATED_REACH: usize = RELATED_PAGES + 2;

/// Which page of a page's listing a file shows.
#[derive(Clone, Copy)]
struct Part<'l> {
    /// From 1; the page's own file is 1.
    n: usize,
    listing: Option<Listing<'l>>,
}

impl<'a> Renderer<'a> {
    /// Renders a page's file and, when its listing is split into pages, one file per further
    /// page (`<url>page/<n>/`). Only the first shows the page's own text.
    pub(super) fn emit_page(&self, i: usize) -> Vec<super::RenderedFile> {
        self.emit_page_parts(i, 1..=usize::MAX)
    }

    /// The files of page `i` (see [`Renderer::emit_page`]) numbered within `parts`.
    pub(super) fn emit_page_parts(
        &self,
        i: usize,
        parts: std::ops::RangeInclusive<usize>,
    ) -> Vec<super::RenderedFile> {
        let site = self.shared.site;
        let Some(template) = template_for(site, self.out.theme, i, self.out.diags) else {
            return Vec::new();
        };
        let listing = self.listing_of(i);
        let pages = listing.map_or(1, |l| l.pages());
        (*parts.start()..=pages.min(*parts.end()))
            .filter_map(|n| {
                let part = Part { n, listing };
                let path = urls::output_path(&urls::pager(&site.urls[i], n));
                let own = (n == 1).then_some(i);
                self.emit(path, &template, self.page_ctx(i, part), own)
            })
            .collect()
    }

    /// The listing a page shows, when it is one that is split into pages: a section's pages
    /// (not the home page's), or the pages pointing at it through its first relation.
    pub(super) fn listing_of(&self, i: usize) -> Option<Listing<'a>> {
        let site = self.shared.site;
        let page = &site.pages[i];
        let config = &site.config;
        let default = config.build.paginate_by;
        if page.is_section {
            let s = site.section_of[i];
            let per_page = page.fm.paginate_by.or_else(|| {
                config
                    .collection_for_section(&page.dir)
                    .and_then(|c| c.paginate_by)
            });
            return (s != 0).then(|| Listing {
                items: &site.sections[s].pages,
                per_page: per_page.unwrap_or(default),
            });
        }
        let c = config
            .collections
            .iter()
            .find(|c| c.relations.iter().any(|r| r.section == page.dir))?;
        Some(Listing {
            items: site.backlinks[i]
                .get(&c.name)
                .map_or(&[][..], Vec::as_slice),
            per_page: c.paginate_by.unwrap_or(default),
        })
    }

    fn page_ctx(&self, i: usize, part: Part<'a>) -> Ctx<'a> {
        let site = self.shared.site;
        let page = &site.pages[i];
        let book = &site.config.book;
        let is_home = i == site.sections[0].page;
        let (kind, own) = match (is_home, page.is_section) {
            (true, _) => (Kind::Home, self.section_parts(i, true, part)),
            (false, true) => (Kind::Section, self.section_parts(i, false, part)),
            (false, false) => (
                Kind::Page,
                KindCtx::Page {
                    section: None,
                    home: None,
                },
            ),
        };
        let url: Cow<'a, str> = match part.n {
            1 => Cow::Borrowed(site.links[i].as_str()),
            n => Cow::Owned(site.style.link(&urls::pager(&site.urls[i], n))),
        };
        // A further page of a listing is not the page itself in other languages.
        let mut ctx = self.chrome_ctx(url, String::new(), kind, own, (part.n == 1).then_some(i));
        if let Some(nav) = self.shared.book_nav {
            ctx.nav = std::borrow::Cow::Owned(nav.around(Some(i)));
        }
        ctx.paginator = part
            .listing
            .and_then(|l| pager::paginator(site, &site.urls[i], l, part.n));
        let numbered = |title: &str| self.paged(title, ctx.paginator.as_ref());
        ctx.title = if let Some(title) = &page.html_title {
            numbered(title)
        } else if is_home || page.fm.title == book.title {
            numbered(&book.title)
        } else {
            format!("{} · {}", numbered(&page.fm.title), book.title)
        };
        ctx.description = page
            .fm
            .description
            .as_deref()
            .or(Some(page.parsed.summary.as_str()).filter(|s| !s.is_empty()))
            .unwrap_or(&book.description);
        ctx.breadcrumbs = site
            .ancestors(i)
            .into_iter()
            .map(|s| link_to(site, site.sections[s].page))
            .collect();
        if part.n > 1 {
            // A further page of a listing sits under the listing's first page.
            ctx.breadcrumbs.push(link_to(site, i));
        }
        ctx.prev = site.prev[i].map(|p| self.page_ref(p));
        ctx.next = site.next[i].map(|p| self.page_ref(p));
        if !book.base_url.is_empty() {
            let url = urls::pager(&site.urls[i], part.n);
            ctx.canonical = Some(format!("{}/{url}", book.base_url));
        }
        // A page shown in another language's site is a copy: the one in its own language's
        // site is canonical.
        if let (Some(lang), Some(notice)) = (
            &site.lang,
            ctx.lang.as_ref().and_then(|l| l.notice.as_ref()),
        ) {
            let original = lang.languages.sites.iter().find(|s| s.code == notice.code);
            if let Some((o, url)) = original
                .filter(|o| !o.base_url.is_empty())
                .and_then(|o| Some((o, o.urls.get(&page.rel)?)))
            {
                ctx.canonical = Some(format!("{}/{url}", o.base_url));
            }
        }
        ctx.feeds.extend(
            self.shared
                .feeds
                .iter()
                .filter(|f| f.owner == i && !page.is_section)
                .map(super::FeedDef::link),
        );
        if !book.edit_url.is_empty() && !page.text.is_empty() {
            ctx.edit_url = Some(book.edit_url.replace("{path}", &page.shown));
        }
        let collection = if page.is_section {
            site.config.collection_for_section(&page.dir)
        } else {
            site.config.collection_of(&page.dir)
        };
        ctx.random_url = collection
            .and_then(|c| self.shared.pickers.get(&c.name))
            .map(|p| p.link.as_str());
        // A collection's pages and listing, and the page that guides its contributors.
        let guided = || {
            site.config
                .collections
                .iter()
                .find(|c| c.guide.as_deref() == Some(page.rel.as_str()))
        };
        ctx.share_url = collection
            .or_else(guided)
            .and_then(|c| self.shared.shares.get(&c.name))
            .map(|s| s.link.as_str());
        ctx.page = Some(PageCtx {
            summary: self.page_ref(i),
            content: String::new(),
            // Further pages of a listing do not show the page's text.
            content_key: if part.n == 1 { self.content_key(i) } else { 0 },
            word_count: page.parsed.word_count,
            toc: page
                .parsed
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .collect(),
            source: &page.rel,
            referrers: self.referrers(i, part),
            related: self.related(i),
            collection: collection.map(collection_ref),
        });
        ctx
    }

    /// On a page of a relation's target section: every collection that points there, with the
    /// pages that point at this one.
    fn referrers(&self, i: usize, part: Part<'a>) -> Vec<Referrers<'a>> {
        let site = self.shared.site;
        let page = &site.pages[i];
        if page.is_section {
            return Vec::new();
        }
        let mut out = Vec::new();
        for c in &site.config.collections {
            for r in c.relations.iter().filter(|r| r.section == page.dir) {
                let all = site.backlinks[i]
                    .get(&c.name)
                    .map_or(&[][..], Vec::as_slice);
                // The first list is the page's listing, split into pages; the rest are shown whole.
                let shown = match part.listing {
                    Some(l) if out.is_empty() => &all[l.range(part.n)],
                    _ => all,
                };
                out.push(Referrers {
                    collection: collection_ref(c),
                    field: &r.field,
                    pages: shown.iter().map(|&p| self.page_ref(p)).collect(),
                    count: all.len(),
                });
            }
        }
        out
    }

    /// Pages that share page `i`'s first relation target: its neighbours in that target's list
    /// (the ones just before and after it), so each page shows different ones and a change to
    /// one page's summary reaches only a handful of others.
    fn related(&self, i: usize) -> Option<Related<'a>> {
        let site = self.shared.site;
        let relation = site.relations[i].first()?;
        let all: Vec<usize> = site.backlinks[relation.target]
            .values()
            .flatten()
            .copied()
            .collect();
        Some(Related {
            field: &relation.field,
            target: link_to(site, relation.target),
            pages: neighbours(&all, i).map(|p| self.page_ref(p)).collect(),
        })
    }

    /// A section's listing (this part's share of it); on the home page, also its blocks.
    fn section_parts(&self, i: usize, is_home: bool, part: Part<'a>) -> KindCtx<'a> {
        let site = self.shared.site;
        let s = site.section_of[i];
        let range = match part.listing {
            Some(l) => l.range(part.n),
            None => 0..site.sections[s].pages.len(),
        };
        KindCtx::Page {
            section: Some(self.section_ctx(s, range)),
            home: is_home.then(|| self.home_ctx()),
        }
    }

    /// Every relation target section, then every collection with its first pages: the home
    /// page shows a few pages of each (a collection of thousands would otherwise be copied into
    /// its context to show six).
    fn home_ctx(&self) -> HomeCtx<'a> {
        let site = self.shared.site;
        let config = &site.config;
        let section_at = |dir: &str| site.sections.iter().position(|s| s.dir == dir);
        let mut targets: Vec<usize> = Vec::new();
        for r in config.collections.iter().flat_map(|c| &c.relations) {
            if let Some(s) = section_at(&r.section).filter(|s| !targets.contains(s)) {
                targets.push(s);
            }
        }
        HomeCtx {
            targets: targets
                .into_iter()
                .map(|s| self.section_ctx(s, 0..site.sections[s].pages.len()))
                .collect(),
            collections: config
                .collections
                .iter()
                .filter_map(|c| {
                    Some(HomeCollection {
                        collection: collection_ref(c),
                        section: self.section_ctx(section_at(&c.section)?, 0..c.home_pages),
                        guide: c
                            .guide
                            .as_deref()
                            .and_then(|g| site.index_of(g))
                            .map(|p| self.page_ref(p)),
                    })
                })
                .collect(),
        }
    }

    /// Section `s` with the pages in `range` (of its pages in order; clamped).
    fn section_ctx(&self, s: usize, range: std::ops::Range<usize>) -> SectionCtx<'a> {
        let site = self.shared.site;
        let section = &site.sections[s];
        let end = range.end.min(section.pages.len());
        let range = range.start.min(end)..end;
        SectionCtx {
            page: self.page_ref(section.page),
            pages: section.pages[range]
                .iter()
                .map(|&p| self.page_ref(p))
                .collect(),
            count: section.pages.len(),
            subsections: section
                .subsections
                .iter()
                .map(|&x| self.page_ref(site.sections[x].page))
                .collect(),
        }
    }
}

/// The pages of `all` (which holds `i`) whose related lists may show page `i`: those whose
/// [`neighbours`] windows can reach it.
pub(super) fn around(all: &[usize], i: usize) -> impl Iterator<Item = usize> + '_ {
    let at = all.iter().position(|&p| p == i).unwrap_or(0);
    let reach = RELATED_REACH;
    all[at.saturating_sub(reach)..(at + reach + 1).min(all.len())]
        .iter()
        .copied()
        .filter(move |&p| p != i)
}

/// Up to [`RELATED_PAGES`] pages of `all` around page `i` (which it holds), `i` left out: two
/// before it and the rest after, fewer on the side of an end.
fn neighbours(all: &[usize], i: usize) -> impl Iterator<Item = usize> + '_ {
    let at = all.iter().position(|&p| p == i).unwrap_or(0);
    let others = all.len().saturating_sub(1);
    let start = at
        .saturating_sub(2)
        .min(others.saturating_sub(RELATED_PAGES));
    all.iter()
        .copied()
        .filter(move |&p| p != i)
        .skip(start)
        .take(RELATED_PAGES)
}

fn link_to(site: &Site, page: usize) -> LinkCtx<'_> {
    LinkCtx {
        title: &site.pages[page].fm.title,
        url: &site.links[page],
    }
}

pub(super) fn collection_ref(c: &Collection) -> CollectionRef<'_> {
    CollectionRef {
        name: &c.name,
        item: &c.item,
        sort_by: c.sort_by.as_str(),
        author_field: c.author_field.as_deref(),
        setting_field: c.setting_field.as_deref(),
        show_updated: c.show_updated,
        labels: &c.labels,
    }
}

/// Chooses a page's template: front matter, then the section's `page_template`, then its
/// collection or relation role, then the generic one.
fn template_for(site: &Site, theme: &Theme, i: usize, diags: &Diagnostics) -> Option<String> {
    let page = &site.pages[i];
    let config = &site.config;
    let section = &site.sections[site.section_of[i]];
    let section_page = &site.pages[section.page];
    let (name, explicit) = if let Some(t) = &page.fm.template {
        (t.clone(), true)
    } else if page.is_section {
        let name = if section.parent.is_none() {
            templates::INDEX.to_string()
        } else if let Some(c) = section.collection {
            config.collections[c].section_template.clone()
        } else {
            templates::SECTION.to_string()
        };
        (name, false)
    } else if let Some(t) = &section_page.fm.page_template {
        (t.clone(), true)
    } else if let Some(c) = config.collection_for_section(&page.dir) {
        (c.template.clone(), false)
    } else if let Some(r) = config.relation_into(&page.dir) {
        (r.target_template.clone(), false)
    } else {
        (templates::PAGE.to_string(), false)
    };
    if theme.has_template(&name) {
        return Some(name);
    }
    if explicit {
        let available: Vec<&str> = theme
            .templates
            .keys()
            .map(String::as_str)
            .filter(|n| !n.starts_with("partials/"))
            .collect();
        diags.push(
            Diagnostic::error(
                Code::MissingTemplate,
                &page.shown,
                format!("template `{name}` does not exist"),
            )
            .hint(format!("available templates: {}", available.join(", "))),
        );
        return None;
    }
    let fallback = if page.is_section {
        templates::SECTION
    } else {
        templates::PAGE
    };
    Some(fallback.to_string())
}

/// Page `i`'s summary, as every listing shows it.
pub(super) fn page_ref<'a>(
    site: &'a Site,
    i: usize,
    tags: &'a [TagRef<'a>],
    dates: &dates::DateStyle<'_>,
) -> PageRef<'a> {
    let page = &site.pages[i];
    let updated = page
        .fm
        .updated
        .as_ref()
        .map(dates::iso_date)
        .or_else(|| site.history.get(&page.shown).cloned());
    let collection = (!page.is_section)
        .then(|| site.config.collection_of(&page.dir))
        .flatten();
    let role = |field: Option<&String>| {
        field
            .and_then(|f| page.fm.fields.get(f))
            .map(|(v, _)| v.as_str())
    };
    let mut r = PageRef {
        title: &page.fm.title,
        url: &site.links[i],
        name: site.urls[i]
            .trim_end_matches('/')
            .trim_end_matches(".html")
            .rsplit('/')
            .next()
            .unwrap_or(""),
        description: page.fm.description.as_deref(),
        summary: &page.parsed.summary,
        date: page.fm.date.as_ref().map(dates::iso_date),
        date_display: page.fm.date.as_ref().map(|d| dates.display(d)),
        updated_display: updated
            .as_deref()
            .and_then(|d| d.parse::<Datetime>().ok())
            .as_ref()
            .map(|d| dates.display(d)),
        updated,
        weight: page.fm.weight,
        tags: site.page_tags[i]
            .iter()
            .map(|&t| TagLink {
                name: tags[t].name,
                slug: tags[t].slug,
                url: &tags[t].url,
            })
            .collect(),
        fields: page
            .fm
            .fields
            .iter()
            .map(|(k, (v, _))| (k.as_str(), v.as_str()))
            .collect(),
        author: role(collection.and_then(|c| c.author_field.as_ref())),
        setting: role(collection.and_then(|c| c.setting_field.as_ref())),
        relations: site.relations[i]
            .iter()
            .map(|r| (r.field.as_str(), link_to(site, r.target)))
            .collect(),
        reading_time: page.parsed.word_count.div_ceil(READING_SPEED).max(1),
        is_section: page.is_section,
        extra: &page.fm.extra,
        lang: super::langs::other_language(site, i),
        key: 0,
        value: std::sync::OnceLock::new(),
    };
    r.key = r.key_of();
    r
}

/// The navigation tree: the root's children, each section with its pages unless it is a
/// collection (those can hold thousands of pages and have their own listing).
pub(super) fn nav_items(site: &Site, s: usize) -> Vec<NavItem<'_>> {
    site.sections[s]
        .children
        .iter()
        .map(|child| match *child {
            Child::Page(p) => NavItem {
                title: &site.pages[p].fm.title,
                url: &site.links[p],
                is_section: false,
                kind: "page",
                number: None,
                lang: super::langs::other_language(site, p),
                children: Vec::new(),
            },
            Child::Section(x) => {
                let p = site.sections[x].page;
                NavItem {
                    title: &site.pages[p].fm.title,
                    url: &site.links[p],
                    is_section: true,
                    kind: "section",
                    number: None,
                    lang: super::langs::other_language(site, p),
                    children: if site.sections[x].collection.is_some() {
                        Vec::new()
                    } else {
                        nav_items(site, x)
                    },
                }
            }
        })
        .collect()
}
