//! Page bodies as HTML, put into a context only once it is to be rendered (until then its
//! signature stands in for them): a page's own text, a feed's entries, the print page's chapters.

use super::context::{Ctx, KindCtx};
use crate::markdown;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::HashMap;

/// Puts the page bodies a context shows into it, now that it is to be rendered (signatures
/// stand in for them until then). A body shows the theme's `words`, or for a page shown in
/// another language (untranslated), that language's from `others`.
pub(super) fn fill_bodies(
    site: &Site,
    ctx: &mut Ctx<'_>,
    page: Option<usize>,
    words: &markdown::Words<'_>,
    others: &HashMap<&str, markdown::Words<'_>>,
) {
    let words_of = |i: usize| {
        super::langs::other_language(site, i)
            .and_then(|l| others.get(l))
            .unwrap_or(words)
    };
    if let (Some(i), Some(page_ctx)) = (page, ctx.page.as_mut()) {
        page_ctx.content = body(
            site,
            i,
            &site.hrefs[i],
            "",
            words_of(i),
            Some(&site.urls[i]),
        );
    }
    match &mut ctx.own {
        KindCtx::Feed { feed } => {
            for e in &mut feed.entries {
                let words = words_of(e.index);
                e.content = body(site, e.index, &site.hrefs[e.index], "", words, None);
            }
        }
        KindCtx::Print { print } => print.par_iter_mut().for_each(|item| {
            let prefix = format!("{}--", item.anchor);
            let at = Some(crate::urls::PRINT);
            let words = words_of(item.index);
            item.content = body(site, item.index, &item.hrefs, &prefix, words, at);
        }),
        _ => {}
    }
}

/// A page's body as HTML, in the file at URL `at` (a feed's entries have none); raw HTML in an
/// untrusted page is sanitized.
fn body(
    site: &Site,
    i: usize,
    hrefs: &[String],
    id_prefix: &str,
    words: &markdown::Words<'_>,
    at: Option<&str>,
) -> String {
    let page = &site.pages[i];
    let from = site.urls[i].as_str();
    let moved = |value: &str| raw_url(site, from, at.unwrap_or(from), value);
    let raw_urls: markdown::RawUrls<'_> = match at {
        Some(at) if page.parsed.has_raw_html && (at != from || !site.files_up.is_empty()) => {
            Some(&moved)
        }
        _ => None,
    };
    let events = page.events();
    let html = markdown::render(&page.parsed, &events, hrefs, id_prefix, words, raw_urls);
    if page.untrusted && page.parsed.has_raw_html {
        crate::sanitize::clean(&html)
    } else {
        html
    }
}

/// A relative URL in raw HTML written for the page at `from` (raw HTML is not linked, so its
/// URLs are relative to the page's own), as the file at `at` must spell it: from the print page,
/// and, in a language's site (under `es/`), to a content or static file's only copy at the
/// output's root (Markdown links are resolved so at link time). `None`: keep it as written.
fn raw_url(site: &Site, from: &str, at: &str, value: &str) -> Option<String> {
    let path = value.split(['?', '#']).next().unwrap_or(value);
    let suffix = &value[path.len()..];
    // The folders of the page's URL (a file URL, `chapter.html`, is in its folder).
    let folder = |url: &'_ str| -> usize { url.matches('/').count() };
    let mut parts: Vec<&str> = from.split('/').take(folder(from)).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    let target: &str = &crate::urls::percent_decode_lenient(joined.trim_end_matches('/'));
    let root_file = !site.files_up.is_empty()
        && (site.root_statics.contains(target) || site.assets.iter().any(|a| a.rel == target));
    if !root_file && at == from {
        return None;
    }
    let up = "../".repeat(folder(at));
    let files_up = if root_file {
        site.files_up.as_str()
    } else {
        ""
    };
    Some(format!("{up}{files_up}{joined}{suffix}"))
}
