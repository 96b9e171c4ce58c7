//! Typed template contexts and rendering of every output page. Contexts borrow from the linked
//! [`Site`]: a page summary ([`PageRef`]) is built once per page and shared by every listing,
//! card and navigation entry that shows it, so no site-wide data is cloned per page.
//!
//! Every output file gets a signature: a hash of everything its context holds, with each page
//! summary and each page body standing in as a precomputed key. A file whose signature matches
//! the previous build's is not rendered again, which is what makes rebuilds in `watch` and
//! `serve` incremental. The signature is written by destructuring each context struct
//! exhaustively, so a field added to a context without a place in the signature does not compile.
//!
//! URLs in contexts are relative to the site root (`acts/share-the-credit/`); templates prefix
//! them with `root`, the relative way back to the root from the page being rendered. That keeps
//! every link relative, so the output works at a domain root, under a subpath and from disk.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::relative_url;
use crate::markdown;
use crate::site::{Child, Site};
use crate::theme::{Theme, template_error};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};
use toml::value::Datetime;

type Sig = std::collections::hash_map::DefaultHasher;

/// Pages of each section in the home page's `sections` (in order; `count` has the total).
pub const HOME_SECTION_PAGES: usize = 24;

mod context;
mod extras;
use context::*;
pub use context::{LinkCtx, NavItem, PageRef, SiteCtx, TagRef};
use extras::{FeedDef, PrintPlan};

/// One output file of the renderer.
pub struct RenderedFile {
    /// Output path relative to the site root.
    pub path: String,
    /// Signature of the file's template and context (see the module docs).
    pub sig: u64,
    pub body: Body,
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
    /// Only these pages, because only their bodies changed and everything else about the site
    /// is as it was. Valid while each page's summary keeps its key in `old_keys` (the keys of
    /// the pass that made the previous output); otherwise listings that show the page may
    /// change too, and the pass widens itself to [`Scope::All`].
    Pages {
        pages: &'s [usize],
        old_keys: &'s [u64],
    },
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
    let Job {
        previous,
        scope,
        sink,
        keep,
    } = job;
    let config = &site.config;
    let site_ctx = SiteCtx {
        title: &config.book.title,
        description: &config.book.description,
        language: &config.book.language,
        authors: &config.book.authors,
        base_url: &config.book.base_url,
        extra: &config.extra,
        generator: concat!("handbook ", env!("CARGO_PKG_VERSION")),
    };
    let tag_refs: Vec<TagRef<'_>> = site
        .tags
        .iter()
        .map(|t| TagRef {
            name: &t.name,
            slug: &t.slug,
            url: if config.build.offline {
                format!("tags/{}/index.html", t.slug)
            } else {
                format!("tags/{}/", t.slug)
            },
            count: t.pages.len(),
        })
        .collect();
    let refs: Vec<OnceLock<PageRef<'_>>> = (0..site.pages.len()).map(|_| OnceLock::new()).collect();
    let nav = nav_items(site, 0);
    let feeds = extras::feed_defs(site);
    let site_feeds: Vec<FeedLink> = feeds
        .iter()
        .filter(|f| site.pages[f.owner].is_section)
        .map(|f| FeedLink {
            title: f.title.clone(),
            url: f.link.clone(),
        })
        .collect();
    let plan = extras::print_plan(site);
    let random_files = extras::randoms(site);
    let randoms: BTreeMap<String, String> = random_files
        .iter()
        .map(|(name, (_, link))| (name.clone(), link.clone()))
        .collect();
    let global = {
        let mut h = Sig::new();
        theme.key.hash(&mut h);
        site_ctx.key(&mut h);
        nav.hash(&mut h);
        (&site_feeds, &randoms).hash(&mut h);
        h.finish()
    };
    let base = Base {
        site,
        theme,
        site_ctx: &site_ctx,
        nav: &nav,
        refs: &refs,
        tag_refs: &tag_refs,
        home_url: &site.links[site.sections[0].page],
        tags_url: if config.build.offline {
            "tags/index.html"
        } else {
            "tags/"
        },
        print_url: if config.build.offline {
            "print/index.html"
        } else {
            extras::PRINT_URL
        },
        site_feeds,
        feeds: &feeds,
        plan: &plan,
        randoms: &randoms,
        diags,
        global,
        previous,
        sink,
        keep,
    };

    if let Scope::Pages { pages, old_keys } = scope {
        let same = pages
            .iter()
            .all(|&i| old_keys.get(i) == Some(&base.page_ref(i).key));
        if same {
            let mut files: Vec<RenderedFile> =
                pages.iter().filter_map(|&i| base.emit_page(i)).collect();
            // Feeds and the print page hold page bodies.
            for feed in &feeds {
                if feed.entries.iter().any(|e| pages.contains(e)) {
                    files.extend(base.emit_feed(feed));
                }
            }
            if pages.iter().any(|&i| plan.anchors[i].is_some()) {
                files.extend(base.emit_print());
            }
            return Rendered {
                rendered: files
                    .iter()
                    .filter(|f| !matches!(f.body, Body::Unchanged))
                    .count(),
                files,
                ref_keys: old_keys.to_vec(),
            };
        }
    }

    let mut files: Vec<RenderedFile> = (0..site.pages.len())
        .into_par_iter()
        .filter_map(|i| base.emit_page(i))
        .collect();
    if !site.tags.is_empty() {
        let mut ctx = base.plain_ctx(base.tags_url, "Tags".into(), "tags");
        ctx.terms = tag_refs.iter().collect();
        files.extend(base.emit("tags/index.html".into(), "tags.html", ctx, None));
        let tag_files: Vec<RenderedFile> = site
            .tags
            .par_iter()
            .enumerate()
            .filter_map(|(t, tag)| {
                let tref = &tag_refs[t];
                let mut ctx = base.plain_ctx(&tref.url, format!("Tagged “{}”", tag.name), "tag");
                ctx.breadcrumbs.push(LinkCtx {
                    title: "Tags",
                    url: base.tags_url,
                });
                ctx.term = Some(TermCtx {
                    tag: tref,
                    pages: tag.pages.iter().map(|&p| base.page_ref(p)).collect(),
                });
                base.emit(
                    format!("tags/{}/index.html", tag.slug),
                    "tag.html",
                    ctx,
                    None,
                )
            })
            .collect();
        files.extend(tag_files);
    }
    files.extend(
        feeds
            .par_iter()
            .filter_map(|f| base.emit_feed(f))
            .collect::<Vec<_>>(),
    );
    if !config.book.base_url.is_empty() {
        let mut ctx = base.plain_ctx("sitemap.xml", "Sitemap".into(), "sitemap");
        ctx.sitemap = base.sitemap();
        files.extend(base.emit("sitemap.xml".into(), "sitemap.xml", ctx, None));
    }
    files.extend(base.emit_print());
    for (name, (path, link)) in &random_files {
        let Some(c) = config.collections.iter().find(|c| &c.name == name) else {
            continue;
        };
        let Some(s) = site.sections.iter().find(|s| s.dir == c.section) else {
            continue;
        };
        let title = format!("A random page of {}", site.pages[s.page].fm.title);
        let mut ctx = base.plain_ctx(link, title, "random");
        ctx.breadcrumbs.push(LinkCtx {
            title: &site.pages[s.page].fm.title,
            url: &site.links[s.page],
        });
        ctx.random = s.pages.iter().map(|&p| site.links[p].as_str()).collect();
        files.extend(base.emit(path.clone(), "random.html", ctx, None));
    }
    let mut ctx = base.plain_ctx("", "Page not found".into(), "404");
    ctx.root = not_found_root(&config.book.base_url);
    let css = theme
        .static_files
        .get("assets/style.css")
        .and_then(|b| std::str::from_utf8(b).ok());
    ctx.inline_css = css;
    files.extend(base.emit("404.html".into(), "404.html", ctx, None));
    Rendered {
        rendered: files
            .iter()
            .filter(|f| !matches!(f.body, Body::Unchanged))
            .count(),
        files,
        ref_keys: (0..site.pages.len())
            .map(|i| base.page_ref(i).key)
            .collect(),
    }
}

/// Links on the 404 page cannot be relative (it is served at any depth): use the path of
/// `base_url` when known, else the domain root.
fn not_found_root(base_url: &str) -> String {
    let path = base_url.splitn(4, '/').nth(3).unwrap_or("");
    if path.is_empty() {
        "/".into()
    } else {
        format!("/{}/", path.trim_matches('/'))
    }
}

struct Base<'a> {
    site: &'a Site,
    theme: &'a Theme,
    site_ctx: &'a SiteCtx<'a>,
    nav: &'a [NavItem<'a>],
    /// Page summaries, made when first needed (a one-page pass needs a handful).
    refs: &'a [OnceLock<PageRef<'a>>],
    tag_refs: &'a [TagRef<'a>],
    diags: &'a Diagnostics,
    home_url: &'a str,
    tags_url: &'a str,
    print_url: &'a str,
    /// The collections' feeds, advertised on every page.
    site_feeds: Vec<FeedLink>,
    feeds: &'a [FeedDef],
    plan: &'a PrintPlan,
    randoms: &'a BTreeMap<String, String>,
    /// Key of what every page shares: theme, site settings, navigation.
    global: u64,
    previous: &'a HashMap<String, u64>,
    sink: Option<Sink<'a>>,
    keep: bool,
}

impl<'a> Base<'a> {
    fn page_ref(&self, i: usize) -> &'a PageRef<'a> {
        self.refs[i].get_or_init(|| page_ref(self.site, i, self.tag_refs))
    }

    fn plain_ctx(&self, url: &'a str, title: String, kind: &'static str) -> Ctx<'a> {
        let book = &self.site.config.book.title;
        Ctx {
            site: self.site_ctx,
            nav: self.nav,
            root: relative_url(url, ""),
            url,
            home_url: self.home_url,
            tags_url: self.tags_url,
            title: format!("{title} · {book}"),
            description: &self.site.config.book.description,
            kind,
            breadcrumbs: vec![LinkCtx {
                title: &self.site.pages[self.site.sections[0].page].fm.title,
                url: self.home_url,
            }],
            prev: None,
            next: None,
            page: None,
            section: None,
            sections: BTreeMap::new(),
            term: None,
            terms: Vec::new(),
            inline_css: None,
            canonical: None,
            feeds: self.site_feeds.clone(),
            print_url: self.print_url,
            random_url: None,
            edit_url: None,
            propose_url: Some(self.site.config.book.propose_url.as_str()).filter(|u| !u.is_empty()),
            feed: None,
            sitemap: Vec::new(),
            print: Vec::new(),
            random: Vec::new(),
        }
    }

    fn emit_feed(&self, def: &'a FeedDef) -> Option<RenderedFile> {
        let site = self.site;
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
                    .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), rfc3339);
                let updated = summary
                    .updated
                    .as_deref()
                    .map_or(published.clone(), rfc3339);
                EntryCtx {
                    summary,
                    abs_url: abs(&site.urls[i]),
                    published,
                    updated,
                    author: site.pages[i]
                        .fm
                        .fields
                        .get("contributor")
                        .map(|(v, _)| v.as_str())
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
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        let mut ctx = self.plain_ctx(&def.link, def.title.clone(), "feed");
        ctx.feed = Some(FeedCtx {
            title: def.title.clone(),
            url: abs(&def.path),
            html_url: abs(&site.urls[def.owner]),
            updated,
            entries,
        });
        self.emit(def.path.clone(), "atom.xml", ctx, None)
    }

    fn sitemap(&self) -> Vec<SitemapEntry> {
        let site = self.site;
        let base = &site.config.book.base_url;
        let mut out: Vec<SitemapEntry> = (0..site.pages.len())
            .map(|i| {
                let r = self.page_ref(i);
                SitemapEntry {
                    loc: format!("{base}/{}", site.urls[i]),
                    lastmod: r.updated.clone().or(r.date.clone()),
                }
            })
            .collect();
        if !site.tags.is_empty() {
            out.push(SitemapEntry {
                loc: format!("{base}/tags/"),
                lastmod: None,
            });
        }
        for t in &site.tags {
            out.push(SitemapEntry {
                loc: format!("{base}/tags/{}/", t.slug),
                lastmod: None,
            });
        }
        out
    }

    fn emit_print(&self) -> Option<RenderedFile> {
        let site = self.site;
        let mut ctx = self.plain_ctx(self.print_url, "The whole handbook".into(), "print");
        ctx.title = format!("{} (print)", site.config.book.title);
        ctx.print = self
            .plan
            .items
            .iter()
            .map(|&(i, depth, omitted)| {
                let anchor = self.plan.anchors[i]
                    .clone()
                    .expect("planned pages have anchors");
                let hrefs = extras::print_hrefs(site, self.plan, i);
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
        self.emit("print/index.html".into(), "print.html", ctx, None)
    }

    /// Key of page `i`'s body as rendered on its own page and in feeds.
    fn content_key(&self, i: usize) -> u64 {
        let mut h = Sig::new();
        (self.site.pages[i].key, &self.site.hrefs[i]).hash(&mut h);
        h.finish()
    }

    fn page_ctx(&self, i: usize) -> Ctx<'a> {
        let site = self.site;
        let page = &site.pages[i];
        let url = site.links[i].as_str();
        let book = &site.config.book.title;
        let is_home = i == site.sections[0].page;
        let title = if is_home || page.fm.title == *book {
            book.clone()
        } else {
            format!("{} · {book}", page.fm.title)
        };
        let mut ctx = self.plain_ctx(
            url,
            String::new(),
            if page.is_section { "section" } else { "page" },
        );
        ctx.title = title;
        if is_home {
            ctx.kind = "home";
        }
        ctx.description = page
            .fm
            .description
            .as_deref()
            .or(Some(page.parsed.summary.as_str()).filter(|s| !s.is_empty()))
            .unwrap_or(&site.config.book.description);
        ctx.breadcrumbs = site
            .ancestors(i)
            .into_iter()
            .map(|s| {
                let p = site.sections[s].page;
                LinkCtx {
                    title: &site.pages[p].fm.title,
                    url: &site.links[p],
                }
            })
            .collect();
        ctx.prev = site.prev[i].map(|p| self.page_ref(p));
        ctx.next = site.next[i].map(|p| self.page_ref(p));
        let content_key = self.content_key(i);
        let book = &site.config.book;
        if !book.base_url.is_empty() {
            ctx.canonical = Some(format!("{}/{}", book.base_url, site.urls[i]));
        }
        ctx.feeds.extend(
            self.feeds
                .iter()
                .filter(|f| f.owner == i && !page.is_section)
                .map(|f| FeedLink {
                    title: f.title.clone(),
                    url: f.link.clone(),
                }),
        );
        if !book.edit_url.is_empty() && !page.text.is_empty() {
            ctx.edit_url = Some(book.edit_url.replace("{path}", &page.shown));
        }
        let backlinks = site.backlinks[i]
            .iter()
            .map(|(name, list)| {
                (
                    name.as_str(),
                    list.iter().map(|&p| self.page_ref(p)).collect(),
                )
            })
            .collect();
        let related = site.relations[i]
            .first()
            .map(|rel| {
                site.backlinks[rel.target]
                    .values()
                    .flatten()
                    .filter(|&&p| p != i)
                    .take(5)
                    .map(|&p| self.page_ref(p))
                    .collect()
            })
            .unwrap_or_default();
        let collection = site.config.collections.iter().find(|c| {
            !page.is_section
                && (page.dir == c.section || page.dir.starts_with(&format!("{}/", c.section)))
        });
        let listing = site
            .config
            .collections
            .iter()
            .find(|c| page.is_section && page.dir == c.section);
        ctx.random_url = collection
            .or(listing)
            .and_then(|c| self.randoms.get(&c.name))
            .map(String::as_str);
        ctx.page = Some(PageCtx {
            summary: self.page_ref(i),
            content: String::new(),
            content_key,
            word_count: page.parsed.word_count,
            toc: page
                .parsed
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .collect(),
            source: &page.rel,
            backlinks,
            related,
            collection: collection.map(|c| c.name.as_str()),
        });
        if page.is_section {
            let s = &site.sections[site.section_of[i]];
            ctx.section = Some(self.section_ctx(site.section_of[i]));
            if s.parent.is_none() {
                // The home page shows a few pages of each section; a collection of thousands
                // would otherwise be copied into its context to show six.
                for &sub in &s.subsections {
                    let mut section = self.section_ctx(sub);
                    section.pages.truncate(HOME_SECTION_PAGES);
                    ctx.sections
                        .insert(site.sections[sub].dir.as_str(), section);
                }
            }
        }
        ctx
    }

    fn section_ctx(&self, s: usize) -> SectionCtx<'a> {
        let section = &self.site.sections[s];
        SectionCtx {
            page: self.page_ref(section.page),
            pages: section.pages.iter().map(|&p| self.page_ref(p)).collect(),
            count: section.pages.len(),
            subsections: section
                .subsections
                .iter()
                .map(|&x| self.page_ref(self.site.sections[x].page))
                .collect(),
        }
    }

    /// Signs `ctx`; renders it unless the previous build rendered the same signature.
    fn emit(
        &self,
        path: String,
        template: &str,
        mut ctx: Ctx<'_>,
        page: Option<usize>,
    ) -> Option<RenderedFile> {
        let sig = {
            let mut h = Sig::new();
            (self.global, template).hash(&mut h);
            ctx.key(&mut h);
            h.finish()
        };
        if self.previous.get(&path) == Some(&sig) {
            return Some(RenderedFile {
                path,
                sig,
                body: Body::Unchanged,
            });
        }
        let site = self.site;
        if let (Some(i), Some(page_ctx)) = (page, ctx.page.as_mut()) {
            page_ctx.content = body(site, i, &site.hrefs[i], "");
        }
        if let Some(feed) = ctx.feed.as_mut() {
            for e in &mut feed.entries {
                e.content = body(site, e.index, &site.hrefs[e.index], "");
            }
        }
        ctx.print.par_iter_mut().for_each(|item| {
            let prefix = format!("{}--", item.anchor);
            item.content = body(site, item.index, &item.hrefs, &prefix);
        });
        let shown = page.map(|i| self.site.pages[i].shown.as_str());
        let bytes = Arc::new(self.render(template, &ctx, shown)?);
        let body = match self.sink {
            Some(sink) => {
                sink(&path, &bytes);
                if self.keep {
                    Body::New(bytes)
                } else {
                    Body::Sent
                }
            }
            None => Body::New(bytes),
        };
        Some(RenderedFile { path, sig, body })
    }

    /// Renders one page's file (see [`Base::emit`]).
    fn emit_page(&self, i: usize) -> Option<RenderedFile> {
        let template = template_for(self.site, self.theme, i, self.diags)?;
        let path = format!("{}index.html", self.site.urls[i]);
        self.emit(path, &template, self.page_ctx(i), Some(i))
    }

    fn render(&self, template: &str, ctx: &Ctx<'_>, page: Option<&str>) -> Option<Vec<u8>> {
        let context = match tera::Context::from_serialize(ctx) {
            Ok(c) => c,
            Err(e) => {
                self.diags
                    .push(template_error(&e, &self.theme.templates, page));
                return None;
            }
        };
        let mut buf = Vec::with_capacity(16 * 1024);
        match self.theme.tera.render_to(template, &context, &mut buf) {
            Ok(()) => Some(buf),
            Err(e) => {
                self.diags
                    .push(template_error(&e, &self.theme.templates, page));
                None
            }
        }
    }
}

/// A page's body as HTML; raw HTML in an untrusted page is sanitized.
fn body(site: &Site, i: usize, hrefs: &[String], id_prefix: &str) -> String {
    let page = &site.pages[i];
    let html = markdown::render(&page.parsed, hrefs, id_prefix);
    if page.untrusted && page.parsed.has_raw_html {
        crate::sanitize::clean(&html)
    } else {
        html
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
            "index.html".to_string()
        } else if let Some(c) = section.collection {
            config.collections[c].section_template.clone()
        } else {
            "section.html".to_string()
        };
        (name, false)
    } else if let Some(t) = &section_page.fm.page_template {
        (t.clone(), true)
    } else if let Some(c) = config.collections.iter().find(|c| c.section == page.dir) {
        (c.template.clone(), false)
    } else if let Some(r) = config
        .collections
        .iter()
        .flat_map(|c| &c.relations)
        .find(|r| r.section == page.dir)
    {
        (r.target_template.clone(), false)
    } else {
        ("page.html".to_string(), false)
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
            Diagnostic::error(&page.shown, format!("template `{name}` does not exist"))
                .hint(format!("available templates: {}", available.join(", "))),
        );
        return None;
    }
    let fallback = if page.is_section {
        "section.html"
    } else {
        "page.html"
    };
    Some(fallback.to_string())
}

fn page_ref<'a>(site: &'a Site, i: usize, tags: &'a [TagRef<'a>]) -> PageRef<'a> {
    let page = &site.pages[i];
    let words = page.parsed.word_count;
    let updated = page
        .fm
        .updated
        .as_ref()
        .map(iso_date)
        .or_else(|| site.history.get(&page.shown).cloned());
    let mut r = PageRef {
        title: &page.fm.title,
        url: &site.links[i],
        name: site.urls[i]
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(""),
        description: page.fm.description.as_deref(),
        summary: &page.parsed.summary,
        date: page.fm.date.as_ref().map(iso_date),
        date_display: page.fm.date.as_ref().map(display_date),
        updated: updated.clone(),
        updated_display: updated
            .as_deref()
            .and_then(|d| d.parse::<Datetime>().ok())
            .as_ref()
            .map(display_date),
        weight: page.fm.weight,
        tags: site.page_tags[i].iter().map(|&t| tags[t].clone()).collect(),
        fields: page
            .fm
            .fields
            .iter()
            .map(|(k, (v, _))| (k.as_str(), v.as_str()))
            .collect(),
        relations: site.relations[i]
            .iter()
            .map(|r| {
                (
                    r.field.as_str(),
                    LinkCtx {
                        title: &site.pages[r.target].fm.title,
                        url: &site.links[r.target],
                    },
                )
            })
            .collect(),
        reading_time: words.div_ceil(220).max(1),
        is_section: page.is_section,
        extra: &page.fm.extra,
        key: 0,
        value: OnceLock::new(),
    };
    r.key = r.key_of();
    r
}

/// The navigation tree: the root's children, each section with its pages unless it is a
/// collection (those can hold thousands of pages and have their own listing).
fn nav_items(site: &Site, s: usize) -> Vec<NavItem<'_>> {
    site.sections[s]
        .children
        .iter()
        .map(|child| match *child {
            Child::Page(p) => NavItem {
                title: &site.pages[p].fm.title,
                url: &site.links[p],
                is_section: false,
                children: Vec::new(),
            },
            Child::Section(x) => {
                let p = site.sections[x].page;
                NavItem {
                    title: &site.pages[p].fm.title,
                    url: &site.links[p],
                    is_section: true,
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

/// An ISO date or a TOML date-time as RFC 3339 (dates become midnight UTC).
pub fn rfc3339(iso: &str) -> String {
    match iso.len() {
        10 => format!("{iso}T00:00:00Z"),
        _ if iso.ends_with('Z') || iso[10..].contains(['+', '-']) => iso.replace(' ', "T"),
        _ => format!("{}Z", iso.replace(' ', "T")),
    }
}

pub fn iso_date(d: &Datetime) -> String {
    match d.date {
        Some(date) => format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
        None => d.to_string(),
    }
}

pub fn display_date(d: &Datetime) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match d.date {
        Some(date) => {
            let month = MONTHS
                .get(usize::from(date.month).saturating_sub(1))
                .unwrap_or(&"");
            format!("{} {month} {}", date.day, date.year)
        }
        None => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_display_in_words() {
        let d: Datetime = "2026-04-07".parse().unwrap();
        assert_eq!(display_date(&d), "7 April 2026");
        assert_eq!(iso_date(&d), "2026-04-07");
    }

    #[test]
    fn not_found_root_uses_base_url_path() {
        assert_eq!(not_found_root(""), "/");
        assert_eq!(not_found_root("https://x.org"), "/");
        assert_eq!(not_found_root("https://x.org/hb"), "/hb/");
    }
}
