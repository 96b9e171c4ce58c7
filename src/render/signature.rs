//! Signatures of template contexts: a hash of everything a context holds, with each page summary
//! and each page body standing in as a precomputed key. Each struct is destructured
//! exhaustively, so a field added to a context without a place here does not compile. And what
//! a signature decides: whether a file is made again ([`Renderer::deliver`]).

use super::context::*;
use super::{Body, RenderedFile, Renderer, Sig};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

impl Renderer<'_> {
    /// A file with signature `sig`: unchanged if the previous run's had it, else made of
    /// `bytes` and handed to the job's sink.
    pub(super) fn deliver(
        &self,
        path: String,
        sig: u64,
        bytes: Vec<u8>,
        page: Option<usize>,
    ) -> RenderedFile {
        let out = &self.out;
        if out.previous.get(&path) == Some(&sig) {
            return RenderedFile {
                path,
                sig,
                body: Body::Unchanged,
                page,
            };
        }
        let bytes = Arc::new(bytes);
        let body = match out.sink {
            Some(sink) => {
                sink(&path, &bytes);
                if out.keep {
                    Body::New(bytes)
                } else {
                    Body::Sent
                }
            }
            None => Body::New(bytes),
        };
        RenderedFile {
            path,
            sig,
            body,
            page,
        }
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
            author,
            setting,
            relations,
            reading_time,
            is_section,
            extra,
            lang,
            key: _,
            value: _,
        } = self;
        let mut h = Sig::new();
        (title, url, name, description, summary, date, date_display).hash(&mut h);
        (
            updated,
            updated_display,
            weight,
            tags,
            fields,
            author,
            setting,
        )
            .hash(&mut h);
        (relations, reading_time, is_section, lang).hash(&mut h);
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
            search_url,
            search_language,
            share,
            extra_css,
            extra_js,
            dark_default,
        } = self;
        (title, description, language, authors, base_url, generator).hash(h);
        (
            search_url,
            search_language,
            share,
            extra_css,
            extra_js,
            dark_default,
        )
            .hash(h);
        hash_table(extra, h);
    }
}

impl Ctx<'_> {
    /// Everything in the context, with page summaries and bodies as their keys. `site` and the
    /// shared `nav` are the same for every page and sit in the global key the caller adds; a
    /// page's own window of the navigation is hashed here.
    pub fn key(&self, h: &mut Sig) {
        if let Cow::Owned(nav) = &self.nav {
            nav.hash(h);
        }
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
        (root, url, home_url, tags_url, title, description, kind).hash(h);
        (paginator, lang).hash(h);
        breadcrumbs.hash(h);
        (prev.map(|r| r.key), next.map(|r| r.key)).hash(h);
        page.as_ref().map(PageCtx::key).hash(h);
        (inline_css, canonical, feeds, print_url, random_url).hash(h);
        (share_url, edit_url, propose_url).hash(h);
        own.key(h);
    }
}

impl PageCtx<'_> {
    pub(super) fn key(&self) -> u64 {
        let PageCtx {
            summary,
            content: _,
            content_key,
            word_count,
            toc,
            source,
            referrers,
            related,
            collection,
        } = self;
        let mut h = Sig::new();
        (
            summary.key,
            content_key,
            word_count,
            toc,
            source,
            collection,
        )
            .hash(&mut h);
        for Referrers {
            collection,
            field,
            pages,
            count,
        } in referrers
        {
            (collection, field, keys(pages), count).hash(&mut h);
        }
        related
            .as_ref()
            .map(
                |Related {
                     field,
                     target,
                     pages,
                 }| (field, target, keys(pages)),
            )
            .hash(&mut h);
        h.finish()
    }
}

impl KindCtx<'_> {
    fn key(&self, h: &mut Sig) {
        std::mem::discriminant(self).hash(h);
        match self {
            KindCtx::Page { section, home } => {
                section.as_ref().map(SectionCtx::key).hash(h);
                if let Some(HomeCtx {
                    targets,
                    collections,
                }) = home
                {
                    targets.iter().map(SectionCtx::key).for_each(|k| k.hash(h));
                    for HomeCollection {
                        collection,
                        section,
                        guide,
                    } in collections
                    {
                        (collection, section.key(), guide.map(|g| g.key)).hash(h);
                    }
                }
            }
            KindCtx::Tags { terms } => terms.hash(h),
            KindCtx::Tag {
                term: TermCtx { tag, pages },
            } => (tag, keys(pages)).hash(h),
            KindCtx::Feed { feed } => feed.key(h),
            KindCtx::Sitemap { sitemap } => sitemap.hash(h),
            KindCtx::Print { print } => {
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
            }
            KindCtx::Random {
                random,
                count,
                per_page,
            } => (random, count, per_page).hash(h),
            KindCtx::Search { facets } => facets.hash(h),
            KindCtx::Share { share } => share.hash(h),
            KindCtx::Plain {} => {}
        }
    }
}

impl FeedCtx<'_> {
    fn key(&self, h: &mut Sig) {
        let FeedCtx {
            title,
            url,
            html_url,
            updated,
            entries,
        } = self;
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
            let entry = (summary.key, abs_url, published, updated, author);
            (entry, content_key).hash(h);
        }
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
