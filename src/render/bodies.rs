//! Page bodies as HTML, put into a context only once it is to be rendered (until then its
//! signature stands in for them): a page's own text, a feed's entries, the print page's chapters.

use super::context::{Ctx, KindCtx};
use crate::markdown;
use crate::site::Site;
use rayon::prelude::*;

/// Puts the page bodies a context shows into it, now that it is to be rendered (signatures
/// stand in for them until then).
pub(super) fn fill_bodies(
    site: &Site,
    ctx: &mut Ctx<'_>,
    page: Option<usize>,
    words: &markdown::Words<'_>,
) {
    if let (Some(i), Some(page_ctx)) = (page, ctx.page.as_mut()) {
        page_ctx.content = body(site, i, &site.hrefs[i], "", words);
    }
    match &mut ctx.own {
        KindCtx::Feed { feed } => {
            for e in &mut feed.entries {
                e.content = body(site, e.index, &site.hrefs[e.index], "", words);
            }
        }
        KindCtx::Print { print } => print.par_iter_mut().for_each(|item| {
            let prefix = format!("{}--", item.anchor);
            item.content = body(site, item.index, &item.hrefs, &prefix, words);
        }),
        _ => {}
    }
}

/// A page's body as HTML; raw HTML in an untrusted page is sanitized.
fn body(
    site: &Site,
    i: usize,
    hrefs: &[String],
    id_prefix: &str,
    words: &markdown::Words<'_>,
) -> String {
    let page = &site.pages[i];
    let html = markdown::render(&page.parsed, hrefs, id_prefix, words);
    if page.untrusted && page.parsed.has_raw_html {
        crate::sanitize::clean(&html)
    } else {
        html
    }
}
