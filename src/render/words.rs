//! The theme's words as rendering uses them: for templates as `t`, and for the titles the engine
//! writes itself (generated pages, later pages of listings). Dates are in `dates.rs`.

use super::Renderer;
use super::context::Paginator;
use crate::theme::{Strings, keys};

/// The theme's words as templates get them: trusted like the templates' own text, so written
/// into the page as they are (what `replace` fills into their placeholders is still escaped).
pub(super) fn safe_strings(strings: &Strings) -> tera::Value {
    let map: tera::Map = strings
        .iter()
        .map(|(key, words)| (key.clone().into(), tera::Value::safe_string(words)))
        .collect();
    tera::Value::from(map)
}

impl<'a> Renderer<'a> {
    /// The theme's words for `key` (one of [`crate::theme::keys`]).
    pub(super) fn word(&self, key: &'static str) -> &'a str {
        crate::theme::word(self.shared.strings, key)
    }

    /// The theme's words for `key` with its placeholders filled in.
    pub(super) fn words(&self, key: &'static str, values: &[(&str, &str)]) -> String {
        crate::theme::fill(self.word(key), values)
    }

    /// A listing's title on its page `n` of `total` (as it is on the first).
    pub(super) fn paged(&self, title: &str, paginator: Option<&Paginator>) -> String {
        match paginator {
            Some(p) if p.current > 1 => {
                let (n, total) = (p.current.to_string(), p.total.to_string());
                self.words(
                    keys::PAGED,
                    &[("title", title), ("n", &n), ("total", &total)],
                )
            }
            _ => title.to_string(),
        }
    }
}

/// The theme's words a page's text shows (heading anchors, callouts), from `strings`.
pub(super) fn text_words(strings: &Strings) -> crate::markdown::Words<'_> {
    crate::markdown::Words {
        anchor: crate::theme::word(strings, keys::HEADING_ANCHOR),
        callouts: keys::CALLOUTS.map(|k| crate::theme::word(strings, k)),
    }
}

/// In a handbook of several languages, each other language's words, for the text of a page
/// shown untranslated (each language's own site reports its missing words).
pub(super) fn other_strings<'s>(
    site: &'s crate::site::Site,
    theme: &crate::theme::Theme,
) -> Vec<(&'s str, Strings)> {
    site.lang
        .iter()
        .flat_map(|l| l.languages.sites.iter().filter(|s| s.code != l.site().code))
        .map(|s| {
            let quiet = crate::diagnostics::Diagnostics::new();
            (s.code.as_str(), theme.strings_for(&s.code, &quiet))
        })
        .collect()
}
