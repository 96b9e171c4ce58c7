//! The built-in theme (embedded in the binary) overlaid with a project's theme folder, turned into
//! a ready Tera instance plus the theme's static files. A project theme may override any single
//! file; whatever it lacks falls back to the built-in one.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::discover;
use std::collections::BTreeMap;
use std::path::Path;

mod errors;
mod strings;
mod tags;

pub use errors::template_errors;
pub use strings::{Strings, StringsSource, fill, strings_for, word};

/// Every file of `themes/default/`, each named exactly once (a test keeps this list complete).
pub const DEFAULT_THEME: &[(&str, &str)] = &[
    (
        "templates/base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "templates/section.html",
        include_str!("../../themes/default/templates/section.html"),
    ),
    (
        "templates/page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "templates/act.html",
        include_str!("../../themes/default/templates/act.html"),
    ),
    (
        "templates/example.html",
        include_str!("../../themes/default/templates/example.html"),
    ),
    (
        "templates/examples.html",
        include_str!("../../themes/default/templates/examples.html"),
    ),
    (
        "templates/tags.html",
        include_str!("../../themes/default/templates/tags.html"),
    ),
    (
        "templates/tag.html",
        include_str!("../../themes/default/templates/tag.html"),
    ),
    (
        "templates/404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/partials/card.html",
        include_str!("../../themes/default/templates/partials/card.html"),
    ),
    (
        "templates/partials/nav.html",
        include_str!("../../themes/default/templates/partials/nav.html"),
    ),
    (
        "templates/partials/page-meta.html",
        include_str!("../../themes/default/templates/partials/page-meta.html"),
    ),
    (
        "templates/partials/pager.html",
        include_str!("../../themes/default/templates/partials/pager.html"),
    ),
    (
        "templates/partials/paginator.html",
        include_str!("../../themes/default/templates/partials/paginator.html"),
    ),
    (
        "templates/atom.xml",
        include_str!("../../themes/default/templates/atom.xml"),
    ),
    (
        "templates/print.html",
        include_str!("../../themes/default/templates/print.html"),
    ),
    (
        "templates/random.html",
        include_str!("../../themes/default/templates/random.html"),
    ),
    (
        "templates/search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "templates/share.html",
        include_str!("../../themes/default/templates/share.html"),
    ),
    (
        "templates/sitemap.xml",
        include_str!("../../themes/default/templates/sitemap.xml"),
    ),
    (
        "static/assets/style.css",
        include_str!("../../themes/default/static/assets/style.css"),
    ),
    (
        "static/assets/search.js",
        include_str!("../../themes/default/static/assets/search.js"),
    ),
    (
        "static/assets/search-engine.js",
        include_str!("../../themes/default/static/assets/search-engine.js"),
    ),
    (
        "static/assets/search-es.js",
        include_str!("../../themes/default/static/assets/search-es.js"),
    ),
    (
        "static/assets/search-de.js",
        include_str!("../../themes/default/static/assets/search-de.js"),
    ),
    (
        "static/assets/search-pt.js",
        include_str!("../../themes/default/static/assets/search-pt.js"),
    ),
    (
        "static/assets/search-nl.js",
        include_str!("../../themes/default/static/assets/search-nl.js"),
    ),
    (
        "static/assets/search-sv.js",
        include_str!("../../themes/default/static/assets/search-sv.js"),
    ),
    (
        "static/assets/search-ru.js",
        include_str!("../../themes/default/static/assets/search-ru.js"),
    ),
    (
        "static/assets/search-fr.js",
        include_str!("../../themes/default/static/assets/search-fr.js"),
    ),
    (
        "static/assets/search-it.js",
        include_str!("../../themes/default/static/assets/search-it.js"),
    ),
    (
        "static/assets/share.js",
        include_str!("../../themes/default/static/assets/share.js"),
    ),
    (
        "static/assets/theme.js",
        include_str!("../../themes/default/static/assets/theme.js"),
    ),
    (
        "strings/en.toml",
        include_str!("../../themes/default/strings/en.toml"),
    ),
    (
        "strings/es.toml",
        include_str!("../../themes/default/strings/es.toml"),
    ),
    (
        "strings/de.toml",
        include_str!("../../themes/default/strings/de.toml"),
    ),
    (
        "static/favicon.svg",
        include_str!("../../themes/default/static/favicon.svg"),
    ),
];

/// Names of the templates the engine renders with; each is a file of [`DEFAULT_THEME`] (tested).
pub mod templates {
    /// The home page.
    pub const INDEX: &str = "index.html";
    pub const SECTION: &str = "section.html";
    pub const PAGE: &str = "page.html";
    pub const TAGS: &str = "tags.html";
    pub const TAG: &str = "tag.html";
    pub const ATOM: &str = "atom.xml";
    pub const SITEMAP: &str = "sitemap.xml";
    pub const PRINT: &str = "print.html";
    pub const RANDOM: &str = "random.html";
    pub const SEARCH: &str = "search.html";
    pub const SHARE: &str = "share.html";
    pub const NOT_FOUND: &str = "404.html";
    /// A collection's page, its listing, and a page its relations point at (defaults of
    /// `[collections]`).
    pub const ITEM: &str = "example.html";
    pub const LISTING: &str = "examples.html";
    pub const TARGET: &str = "act.html";

    pub const ALL: &[&str] = &[
        INDEX, SECTION, PAGE, TAGS, TAG, ATOM, SITEMAP, PRINT, RANDOM, SEARCH, SHARE, NOT_FOUND,
        ITEM, LISTING, TARGET,
    ];
}

/// Keys of the theme's strings that the engine itself writes: document titles and breadcrumbs
/// of generated pages, the share page's file, dates. Each is in the built-in `strings/en.toml`
/// (tested); templates name theirs as `t.<key>`.
pub mod keys {
    /// The tags index's title and breadcrumb.
    pub const TAGS: &str = "tags_title";
    /// A tag's page: `{tag}`.
    pub const TAG: &str = "tag_title";
    /// Any title on a later page of a listing: `{title}`, `{n}`, `{total}`.
    pub const PAGED: &str = "pagination_title";
    /// A collection's random-page picker: `{section}`.
    pub const RANDOM: &str = "random_title";
    pub const SEARCH: &str = "search_title";
    pub const NOT_FOUND: &str = "not_found_title";
    /// The print page: `{title}`, the book's.
    pub const PRINT: &str = "print_title";
    /// A collection's share page: `{item}`.
    pub const SHARE: &str = "share_title";
    /// The title in the share page's file template, for readers without JavaScript.
    pub const SHARE_FILE_TITLE: &str = "share_file_title";
    /// The comment line of the share page's file about the description.
    pub const SHARE_FILE_DESCRIPTION: &str = "share_file_description";
    /// The comment line of the share page's file about the author field.
    pub const SHARE_FILE_AUTHOR: &str = "share_file_author";
    /// What to write in place of the story: `{min}`, `{max}` words.
    pub const SHARE_PROMPT: &str = "share_story_prompt";
    /// The label of a heading's anchor link in a page's text: `{title}`, the heading's.
    pub const HEADING_ANCHOR: &str = "heading_anchor";
    /// How dates are written: `{day}`, `{month}`, `{year}`.
    pub const DATE_FORMAT: &str = "date_format";
    pub const MONTHS: [&str; 12] = [
        "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
        "month_9", "month_10", "month_11", "month_12",
    ];

    /// The messages `search.js` shows with results (`search/t.js`, see
    /// `render::Renderer::emit_search_words`).
    pub const SEARCH_MESSAGES: [&str; 8] = [
        "search_none",
        "search_results_one",
        "search_results_other",
        "search_partial",
        "search_corrected",
        "search_all",
        "search_open_page",
        "search_prompt",
    ];

    /// The labels of note, tip, important, warning and caution callouts in a page's text.
    pub const CALLOUTS: [&str; 5] = [
        "callout_note",
        "callout_tip",
        "callout_important",
        "callout_warning",
        "callout_caution",
    ];

    pub const ALL: &[&str] = &[
        TAGS,
        TAG,
        PAGED,
        RANDOM,
        SEARCH,
        NOT_FOUND,
        PRINT,
        SHARE,
        SHARE_FILE_TITLE,
        SHARE_FILE_DESCRIPTION,
        SHARE_FILE_AUTHOR,
        SHARE_PROMPT,
        HEADING_ANCHOR,
        DATE_FORMAT,
    ];
}

/// Where a template came from, so errors can name the real file.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub shown: String,
    pub text: String,
}

pub struct Theme {
    pub tera: tera::Tera,
    /// Template name (relative to `templates/`) -> origin.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Output path (relative to the site root) -> bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Language code -> its strings file (`strings/es.toml`).
    pub strings: BTreeMap<String, StringsSource>,
    /// Hash of every template, strings file and the stylesheet (which the 404 page inlines):
    /// rendered pages depend on nothing else in the theme.
    pub key: u64,
}

impl Theme {
    /// Loads the theme named in the config. `None` if it could not be made (errors reported).
    pub fn load(root: &Path, name: &str, diags: &Diagnostics) -> Option<Theme> {
        let mut templates: BTreeMap<String, TemplateSource> = BTreeMap::new();
        let mut static_files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut strings: BTreeMap<String, StringsSource> = BTreeMap::new();
        for (path, text) in DEFAULT_THEME {
            if let Some(name) = path.strip_prefix("templates/") {
                templates.insert(
                    name.to_string(),
                    TemplateSource {
                        shown: format!("themes/default/{path} (built-in)"),
                        text: (*text).to_string(),
                    },
                );
            } else if let Some(out) = path.strip_prefix("static/") {
                static_files.insert(out.to_string(), text.as_bytes().to_vec());
            } else if let Some(lang) = strings_file(path) {
                strings.insert(
                    lang.to_string(),
                    StringsSource {
                        shown: format!("themes/default/{path} (built-in)"),
                        text: (*text).to_string(),
                    },
                );
            }
        }
        let theme_dir = root.join("themes").join(name);
        if theme_dir.is_dir() {
            let found = Found {
                templates: &mut templates,
                static_files: &mut static_files,
                strings: &mut strings,
            };
            overlay(root, &theme_dir, found, diags);
        } else if name != "default" {
            diags.push(
                Diagnostic::error(
                    Code::MissingTheme,
                    "book.toml",
                    format!("theme `{name}` not found: no folder `themes/{name}/`"),
                )
                .hint(
                    "create the folder, or remove `theme` from `[build]` to use the built-in theme",
                ),
            );
            return None;
        }
        let mut tera = tera::Tera::new();
        let all: Vec<(&str, &str)> = templates
            .iter()
            .map(|(n, s)| (n.as_str(), s.text.as_str()))
            .collect();
        let ok = match tera.add_raw_templates(all) {
            Ok(()) => true,
            Err(e) => {
                diags.extend(template_errors(&e, &templates, None));
                false
            }
        };
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for (name, source) in &templates {
                (name, &source.text).hash(&mut h);
            }
            for (lang, source) in &strings {
                (lang, &source.text).hash(&mut h);
            }
            static_files.get("assets/style.css").hash(&mut h);
            h.finish()
        };
        ok.then_some(Theme {
            tera,
            templates,
            static_files,
            strings,
            key,
        })
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.templates.contains_key(name)
    }

    /// The words of language `lang`, missing ones reported (see `strings.rs`).
    pub fn strings_for(&self, lang: &str, diags: &Diagnostics) -> Strings {
        strings::strings_for(&self.strings, lang, diags)
    }
}

/// The language of a strings file's path (`strings/es.toml`: `es`).
fn strings_file(path: &str) -> Option<&str> {
    path.strip_prefix("strings/")?
        .strip_suffix(".toml")
        .filter(|l| !l.contains('/'))
}

/// What a theme folder overrides.
struct Found<'a> {
    templates: &'a mut BTreeMap<String, TemplateSource>,
    static_files: &'a mut BTreeMap<String, Vec<u8>>,
    strings: &'a mut BTreeMap<String, StringsSource>,
}

fn overlay(root: &Path, dir: &Path, found: Found<'_>, diags: &Diagnostics) {
    let Found {
        templates,
        static_files,
        strings,
    } = found;
    let built_in: Vec<String> = templates.keys().cloned().collect();
    for file in discover::files_under(root, dir, discover::is_ignored_name, diags) {
        let (name, is_template) = match (
            file.rel.strip_prefix("templates/"),
            file.rel.strip_prefix("static/"),
        ) {
            (Some(name), _) => (name.to_string(), true),
            (_, Some(out)) => (out.to_string(), false),
            _ => {
                if let Some(lang) = strings_file(&file.rel) {
                    match crate::fsx::read_text(&file.abs) {
                        Ok(text) => {
                            let shown = file.shown.clone();
                            strings.insert(lang.to_string(), StringsSource { shown, text });
                        }
                        Err(e) => diags.push(Diagnostic::error(
                            Code::UnreadableFile,
                            &file.shown,
                            format!("cannot read strings file: {e}"),
                        )),
                    }
                }
                continue;
            }
        };
        let bytes = match crate::fsx::read_input(&file.abs, &file.shown) {
            Ok(bytes) => bytes,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if !is_template {
            static_files.insert(name, bytes);
            continue;
        }
        if let Some(d) = misnamed_override(&name, &file.shown, &built_in) {
            diags.push(d);
        }
        match crate::diagnostics::utf8_text(bytes, &file.shown) {
            Ok(text) => {
                let shown = file.shown;
                templates.insert(name, TemplateSource { shown, text });
            }
            Err(d) => diags.push(d),
        }
    }
}

/// A theme template whose name is one typo away from a built-in template's overrides nothing:
/// most likely it was meant to (`exmaple.html` for `example.html`), and without this warning it
/// is silently unused. A new template that pages name with `template = ...` is fine: hence a
/// warning, not an error.
fn misnamed_override(name: &str, shown: &str, built_in: &[String]) -> Option<Diagnostic> {
    if built_in.iter().any(|b| b == name) {
        return None;
    }
    let close = crate::diagnostics::did_you_mean(name, built_in.iter().map(String::as_str))?;
    Some(
        Diagnostic::warning(
            Code::UnusedTemplate,
            shown,
            format!("template `{name}` overrides no built-in template"),
        )
        .hint(format!(
            "did you mean `{close}`? Rename it to override the built-in one (if pages name it \
             with `template = \"{name}\"`, it is used as it is)"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards habit 10: the embedded list and the folder never drift apart.
    #[test]
    fn embedded_list_matches_the_theme_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::urls::slash_path(e.path().strip_prefix(&dir).unwrap()).unwrap())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = DEFAULT_THEME.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }

    #[test]
    fn every_template_the_engine_names_is_built_in() {
        for name in templates::ALL {
            let path = format!("templates/{name}");
            assert!(
                DEFAULT_THEME.iter().any(|(p, _)| *p == path),
                "`{name}` is not in DEFAULT_THEME"
            );
        }
    }

    #[test]
    fn built_in_theme_compiles() {
        let diags = Diagnostics::new();
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), "default", &diags);
        assert!(theme.is_some(), "{:?}", diags.into_sorted());
    }
}
