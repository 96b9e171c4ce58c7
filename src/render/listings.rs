//! Generated listings that no Markdown file stands for: the tags index and each tag's page, the
//! random-page picker of each collection, and the 404 page.

use super::context::*;
use super::pager::{self, Listing};
use super::{RenderedFile, Renderer};
use crate::site::{Site, Tag};
use crate::theme::{keys, templates};
use crate::urls;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// A collection's random-page picker.
#[derive(Hash)]
pub struct Picker {
    /// Its site URL (under the collection's listing).
    pub url: String,
    /// As links spell it.
    pub link: String,
    /// The collection's section.
    section: usize,
}

/// Collection name -> its random-page picker, for collections that have pages.
pub fn pickers(site: &Site) -> BTreeMap<String, Picker> {
    let mut out = BTreeMap::new();
    for c in &site.config.collections {
        let Some(s) = site.sections.iter().position(|s| s.dir == c.section) else {
            continue;
        };
        if site.sections[s].pages.is_empty() {
            continue;
        }
        let url = urls::random_picker(&site.urls[site.sections[s].page]);
        let link = site.style.link(&url);
        out.insert(
            c.name.clone(),
            Picker {
                url,
                link,
                section: s,
            },
        );
    }
    out
}

impl<'a> Renderer<'a> {
    /// The tags index and every page of every tag (none without tags).
    pub(super) fn emit_tags(&self) -> Vec<RenderedFile> {
        let all: Vec<(usize, usize, usize)> = (0..self.shared.site.tags.len())
            .map(|t| (t, 0, usize::MAX))
            .collect();
        self.emit_tag_parts(&all)
    }

    /// The tags index (empty without tags: listings and the search page link to it), and for
    /// each `(tag, from, to)` the pages of that tag's listing that show its entries `from..=to`.
    pub(super) fn emit_tag_parts(&self, tags: &[(usize, usize, usize)]) -> Vec<RenderedFile> {
        let s = &self.shared;
        let mut files = Vec::new();
        let terms = KindCtx::Tags {
            terms: s.tag_refs.iter().collect(),
        };
        let title = self.word(keys::TAGS).to_string();
        let ctx = self.plain_ctx(&s.links.tags, title, Kind::Tags, terms);
        files.extend(self.emit(urls::output_path(urls::TAGS), templates::TAGS, ctx, None));
        let mut parts: Vec<(usize, usize)> = tags
            .iter()
            .flat_map(|&(t, from, to)| {
                let list = self.tag_listing(t);
                (list.part_of(from)..=list.part_of(to).min(list.pages())).map(move |n| (t, n))
            })
            .collect();
        parts.sort_unstable();
        parts.dedup();
        files.extend(
            parts
                .into_par_iter()
                .filter_map(|(t, n)| self.emit_tag(t, &s.site.tags[t], self.tag_listing(t), n))
                .collect::<Vec<_>>(),
        );
        files
    }

    /// The pages of tag `t`, as a listing split into pages.
    pub(super) fn tag_listing(&self, t: usize) -> Listing<'a> {
        let site = self.shared.site;
        Listing::of_tag(site, &site.tags[t])
    }

    /// Page `n` of tag `t`'s listing.
    fn emit_tag(&self, t: usize, tag: &Tag, list: Listing<'a>, n: usize) -> Option<RenderedFile> {
        let s = &self.shared;
        let site_url = urls::tag(&tag.slug);
        let term = TermCtx {
            tag: &s.tag_refs[t],
            pages: tag.pages[list.range(n)]
                .iter()
                .map(|&p| self.page_ref(p))
                .collect(),
        };
        let paginator = pager::paginator(s.site, &site_url, list, n);
        let title = self.words(keys::TAG, &[("tag", &tag.name)]);
        let title = self.paged(&title, paginator.as_ref());
        let url = s.site.style.link(&urls::pager(&site_url, n));
        let mut ctx = self.plain_ctx(url, title, Kind::Tag, KindCtx::Tag { term });
        ctx.paginator = paginator;
        ctx.breadcrumbs.push(LinkCtx {
            title: self.word(keys::TAGS),
            url: &s.links.tags,
        });
        let path = urls::output_path(&urls::pager(&site_url, n));
        self.emit(path, templates::TAG, ctx, None)
    }

    /// Each collection's random-page picker: a page that sends the reader to one of its pages.
    pub(super) fn emit_pickers(&self) -> Vec<RenderedFile> {
        let site = self.shared.site;
        let mut files = Vec::new();
        for picker in self.shared.pickers.values() {
            let section = &site.sections[picker.section];
            let listing = &site.pages[section.page];
            let title = self.words(keys::RANDOM, &[("section", &listing.fm.title)]);
            // The picker chooses an entry by number and goes to the page of the listing that
            // holds it (`?random=<index on that page>`), so its size does not grow with the
            // collection: it lists the listing's pages, not the entries.
            let list = self
                .listing_of(section.page)
                .expect("a collection's listing is a section's listing");
            let count = section.pages.len();
            let random = (1..=list.pages())
                .map(|n| site.style.link(&urls::pager(&site.urls[section.page], n)))
                .collect();
            let per_page = if list.per_page == 0 {
                count
            } else {
                list.per_page
            };
            let own = KindCtx::Random {
                random,
                count,
                per_page,
            };
            let mut ctx = self.plain_ctx(&picker.link, title, Kind::Random, own);
            ctx.breadcrumbs.push(LinkCtx {
                title: &listing.fm.title,
                url: &site.links[section.page],
            });
            let path = urls::output_path(&picker.url);
            files.extend(self.emit(path, templates::RANDOM, ctx, None));
        }
        files
    }

    /// The search page: a form whose state is its address, filled in by `search.js`.
    pub(super) fn emit_search(&self) -> Option<RenderedFile> {
        let site = self.shared.site;
        if !site.config.has_search() {
            return None;
        }
        let own = KindCtx::Search {
            facets: crate::search::facets(site),
        };
        let title = self.word(keys::SEARCH).to_string();
        let ctx = self.plain_ctx(urls::SEARCH, title, Kind::Search, own);
        self.emit(
            urls::output_path(urls::SEARCH),
            templates::SEARCH,
            ctx,
            None,
        )
    }

    /// The messages `search.js` shows with results, in the site's language: `search/t.js`,
    /// loaded with the search engine, instead of attributes repeated on every page.
    pub(super) fn emit_search_words(&self) -> Option<RenderedFile> {
        if !self.shared.site.config.has_search() {
            return None;
        }
        let mut js = String::from("__handbookSearch(\"t\",{");
        for (n, key) in keys::SEARCH_MESSAGES.iter().enumerate() {
            if n > 0 {
                js.push(',');
            }
            crate::json::string(&mut js, &key.replace('_', "-"));
            js.push(':');
            crate::json::string(&mut js, self.word(key));
        }
        js.push_str("});\n");
        let sig = {
            let mut h = super::Sig::new();
            js.hash(&mut h);
            h.finish()
        };
        Some(self.deliver(format!("{}t.js", urls::SEARCH), sig, js.into_bytes(), None))
    }

    /// The 404 page, which a server shows at any depth: absolute links and inlined styles.
    pub(super) fn emit_not_found(&self) -> Option<RenderedFile> {
        let site = self.shared.site;
        let title = self.word(keys::NOT_FOUND).to_string();
        let mut ctx = self.plain_ctx("", title, Kind::NotFound, KindCtx::Plain {});
        ctx.root = not_found_root(&site.config.book.base_url);
        if let (Some(lang), Some(l)) = (&site.lang, ctx.lang.as_mut()) {
            // Each language's 404 page is under the site's root path, at its own folder; its
            // switcher leads to each language's home, by absolute paths too.
            let top = not_found_root(&lang.default_site().base_url);
            ctx.root = format!("{top}{}", lang.site().prefix);
            for (link, other) in l.switcher.iter_mut().zip(&lang.languages.sites) {
                link.href = format!("{top}{}", other.prefix);
            }
            l.alternates.clear();
        }
        ctx.inline_css = self
            .out
            .theme
            .static_files
            .get("assets/style.css")
            .and_then(|b| std::str::from_utf8(b).ok());
        self.emit("404.html".into(), templates::NOT_FOUND, ctx, None)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_root_uses_base_url_path() {
        assert_eq!(not_found_root(""), "/");
        assert_eq!(not_found_root("https://x.org"), "/");
        assert_eq!(not_found_root("https://x.org/hb"), "/hb/");
    }
}
