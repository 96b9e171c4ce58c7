//! What a page of a handbook in several languages shows of them: its language and direction,
//! the language switcher, `hreflang` alternates, and the notice on a page not yet translated.

use super::context::{Alternate, LangCtx, LangLink, Notice};
use crate::site::Site;
use crate::urls::relative_url;

/// Generated pages every language has at the same URL.
const EVERY_LANGUAGE: &[&str] = &[
    "",
    crate::urls::SEARCH,
    crate::urls::PRINT,
    crate::urls::TAGS,
];

/// The language context of the file at site URL `url` (this language's), made from page
/// `page` when it is one; `None` in a handbook of one language.
pub fn lang_ctx(site: &Site, url: &str, page: Option<usize>) -> Option<LangCtx> {
    let lang = site.lang.as_ref()?;
    let own = lang.site();
    let from = format!("{}{url}", own.prefix);
    let rel = page.map(|i| site.pages[i].rel.as_str());
    // Each language's URL of this file, if it has it.
    let target = |l: &crate::i18n::LangSite| -> Option<String> {
        match rel {
            Some(rel) => l.urls.get(rel).cloned(),
            None => EVERY_LANGUAGE.contains(&url).then(|| url.to_string()),
        }
    };
    let mut switcher = Vec::new();
    let mut alternates = Vec::new();
    for (i, l) in lang.languages.sites.iter().enumerate() {
        let found = target(l);
        let to = site
            .style
            .link(&format!("{}{}", l.prefix, found.as_deref().unwrap_or("")));
        let href = relative_url(&from, &to);
        switcher.push(LangLink {
            code: l.code.clone(),
            name: l.name.clone(),
            href: href.clone(),
            current: i == lang.index,
            translated: found.is_some(),
        });
        // `hreflang` links must be absolute: none without a base URL.
        if let Some(u) = found.as_ref().filter(|_| !l.base_url.is_empty()) {
            let href = format!("{}/{u}", l.base_url);
            if i == 0 {
                alternates.push(Alternate {
                    hreflang: "x-default".into(),
                    href: href.clone(),
                });
            }
            alternates.push(Alternate {
                hreflang: l.code.clone(),
                href,
            });
        }
    }
    // Only a file with a version in another language has alternates.
    if alternates.len() < 3 {
        alternates.clear();
    }
    let notice = page
        .and_then(|i| other_language(site, i))
        .map(|code| Notice {
            name: crate::i18n::name_of(code).to_string(),
            code: code.to_string(),
        });
    Some(LangCtx {
        code: own.code.clone(),
        dir: if crate::i18n::is_rtl(&own.code) {
            "rtl"
        } else {
            "ltr"
        },
        up: "../".repeat(own.prefix.matches('/').count()),
        switcher,
        alternates,
        notice,
    })
}

/// Page `i`'s language when it is not its site's (a page shown untranslated); `None` in a
/// handbook of one language.
pub(super) fn other_language(site: &Site, i: usize) -> Option<&str> {
    let lang = site.lang.as_ref()?;
    let own = site.pages[i]
        .lang
        .as_deref()
        .unwrap_or(&lang.default_site().code);
    (own != lang.site().code).then_some(own)
}
