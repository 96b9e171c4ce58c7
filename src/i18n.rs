//! A handbook in several languages: the `[languages.<code>]` tables of book.toml, which file is
//! which language's, and what a page of one language knows of the others (its translations'
//! URLs, for the language switcher and `hreflang` links). Knows nothing of rendering.
//!
//! A translation lives next to its original, named with the language's code before `.md`
//! (`about.es.md`, `acts/_index.es.md`), as Zola does: an editor sees at a glance which pages
//! have which translations, a review of an original shows its translations beside it, and the
//! pair needs no mapping table. (A tree per language, Hugo's other layout, keeps translations
//! apart from the pages they must follow.) The default language (`[book] language`) is built at
//! the site's root, every other under `/<code>/`, each as a site of its own: its sections,
//! listings, tags, feeds, print page, search index and share pages hold its own pages.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// `[languages.<code>]` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RawLanguage {
    /// The language's name in itself, for the switcher (`Español`); default: from the code.
    pub name: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// What a page without a translation does in this language: `"notice"` (shown in the
    /// original language, with a notice) or `"omit"` (left out).
    pub fallback: Option<String>,
    /// A collection's words in this language: `[languages.es.collections.examples]` with
    /// `name` (`ejemplos`), `item` (`ejemplo`) and `labels` for its fields (`act = "Acto"`).
    pub collections: BTreeMap<String, RawLanguageCollection>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(default)]
pub struct RawLanguageCollection {
    pub name: Option<String>,
    pub item: Option<String>,
    pub labels: BTreeMap<String, String>,
}

/// A language other than the default one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language {
    /// The code as file names and URLs spell it (`es`, `pt-br`).
    pub code: String,
    pub name: String,
    /// The book's title and description in this language (default: the book's).
    pub title: String,
    pub description: String,
    pub fallback: Fallback,
    /// Collection (by its name in book.toml) -> its words in this language.
    pub collections: BTreeMap<String, RawLanguageCollection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Fallback {
    /// Untranslated pages are shown in the original language, with a notice.
    #[default]
    Notice,
    /// Untranslated pages are left out of the language.
    Omit,
}

/// Checks `[languages]`: each code a language tag, not the default language, with a known
/// fallback. Errors are `(key, message, hint)`.
pub fn check(
    raw: BTreeMap<String, RawLanguage>,
    default: &str,
    book_title: &str,
    book_description: &str,
) -> Result<Vec<Language>, (String, String, String)> {
    let mut out = Vec::new();
    for (code, l) in raw {
        if !is_code(&code) {
            return Err((
                code.clone(),
                format!("`{code}` is not a language code"),
                "use a code such as `es`, `de` or `pt-br` (letters, digits and `-`)".into(),
            ));
        }
        if code.eq_ignore_ascii_case(default) {
            return Err((
                code.clone(),
                format!("`{code}` is the default language (`[book] language`)"),
                "list only the other languages under `[languages]`".into(),
            ));
        }
        let fallback = match l.fallback.as_deref() {
            None | Some("notice") => Fallback::Notice,
            Some("omit") => Fallback::Omit,
            Some(other) => {
                return Err((
                    "fallback".into(),
                    format!("unknown fallback `{other}`"),
                    "use `\"notice\"` (show the original with a notice) or `\"omit\"`".into(),
                ));
            }
        };
        out.push(Language {
            name: l.name.unwrap_or_else(|| name_of(&code).to_string()),
            title: l.title.unwrap_or_else(|| book_title.to_string()),
            description: l
                .description
                .unwrap_or_else(|| book_description.to_string()),
            fallback,
            collections: l.collections,
            code,
        });
    }
    Ok(out)
}

/// A language tag as file names can carry it: `es`, `pt-br`, `zh-hant`.
fn is_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A language's name in itself, for the languages the switcher most likely shows.
pub fn name_of(code: &str) -> &str {
    let base = code.split('-').next().unwrap_or(code);
    match base {
        "en" => "English",
        "es" => "Español",
        "de" => "Deutsch",
        "fr" => "Français",
        "pt" => "Português",
        "it" => "Italiano",
        "nl" => "Nederlands",
        "sv" => "Svenska",
        "ru" => "Русский",
        "ar" => "العربية",
        "he" => "עברית",
        "fa" => "فارسی",
        "ur" => "اردو",
        "ja" => "日本語",
        "zh" => "中文",
        "ko" => "한국어",
        "pl" => "Polski",
        "tr" => "Türkçe",
        _ => code,
    }
}

/// Whether a language is written right to left.
pub fn is_rtl(code: &str) -> bool {
    matches!(
        code.split('-').next().unwrap_or(code),
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "sd" | "ug" | "ckb"
    )
}

/// A content file's language and the path of the page it is that language's version of:
/// `about.es.md` -> (`about.md`, `es`) when `es` is one of `codes`; other files are the default
/// language's (`notes.v2.md` stays as it is).
pub fn split<'c>(rel: &str, codes: impl IntoIterator<Item = &'c str>) -> (String, Option<&'c str>) {
    let Some(stem) = rel.strip_suffix(".md") else {
        return (rel.to_string(), None);
    };
    for code in codes {
        if let Some(base) = stem.strip_suffix(code).and_then(|s| s.strip_suffix('.')) {
            // `.es.md` alone is no page of its own.
            if !base.is_empty() && !base.ends_with('/') {
                return (format!("{base}.md"), Some(code));
            }
        }
    }
    (rel.to_string(), None)
}

/// What a language's site knows of the others, for its pages' language switcher, `hreflang`
/// links and notices.
#[derive(Debug)]
pub struct SiteLang {
    /// This site's place in `languages`.
    pub index: usize,
    pub languages: Arc<Languages>,
}

/// Every language's site: the default language first.
#[derive(Debug, Default)]
pub struct Languages {
    pub sites: Vec<LangSite>,
}

#[derive(Debug)]
pub struct LangSite {
    pub code: String,
    pub name: String,
    /// Where its site starts in the output: `""`, `es/`.
    pub prefix: String,
    /// Its base URL (absolute), when the book has one.
    pub base_url: String,
    /// Its own pages (not fallbacks) by content path -> their URL in its site.
    pub urls: HashMap<String, String>,
}

impl SiteLang {
    pub fn site(&self) -> &LangSite {
        &self.languages.sites[self.index]
    }

    pub fn default_site(&self) -> &LangSite {
        &self.languages.sites[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_the_language() {
        let codes = ["es", "pt-br"];
        let cases = [
            ("about.es.md", "about.md", Some("es")),
            ("acts/_index.es.md", "acts/_index.md", Some("es")),
            ("a/b.pt-br.md", "a/b.md", Some("pt-br")),
            ("about.md", "about.md", None),
            ("notes.v2.md", "notes.v2.md", None),
            ("about.de.md", "about.de.md", None),
            ("a/.es.md", "a/.es.md", None),
            ("es.md", "es.md", None),
        ];
        for (rel, base, lang) in cases {
            assert_eq!(split(rel, codes), (base.to_string(), lang), "{rel}");
        }
    }

    #[test]
    fn languages_are_checked() {
        let raw = |code: &str, fallback: Option<&str>| {
            BTreeMap::from([(
                code.to_string(),
                RawLanguage {
                    fallback: fallback.map(str::to_string),
                    ..RawLanguage::default()
                },
            )])
        };
        let ok = check(raw("es", None), "en", "Book", "Desc").unwrap();
        assert_eq!(ok[0].name, "Español");
        assert_eq!(
            (ok[0].title.as_str(), ok[0].fallback),
            ("Book", Fallback::Notice)
        );
        assert_eq!(check(raw("EN", None), "en", "", "").unwrap_err().0, "EN");
        assert_eq!(check(raw("en", None), "en", "", "").unwrap_err().0, "en");
        assert_eq!(check(raw("e", None), "en", "", "").unwrap_err().0, "e");
        assert_eq!(
            check(raw("es", Some("hide")), "en", "", "").unwrap_err().0,
            "fallback"
        );
        assert_eq!(
            check(raw("es", Some("omit")), "en", "", "").unwrap()[0].fallback,
            Fallback::Omit
        );
        assert!(is_rtl("ar") && is_rtl("he-il") && !is_rtl("es"));
    }
}
