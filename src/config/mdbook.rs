//! `book.toml` as mdBook writes it: the keys handbook honours become a [`Config`]; every other
//! key is a warning naming it (a real book must build), and `[preprocessor.*]` tables a warning
//! that external preprocessors are not run. Knows nothing of chapters.

use crate::config::{Build, Checker, Config};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::mdbook::Book;
use crate::tomlcheck::{key_offset, toml_error};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The book's `src` folder (relative to the root) if `text` is the `book.toml` of an mdBook
/// book: a `[book] src` folder (default `src`) that holds `SUMMARY.md`, and no `[mdbook]` table.
pub fn detect(root: &Path, text: &str) -> Option<PathBuf> {
    let table: toml::Table = toml::from_str(text).ok()?;
    // Ours, keeping an mdBook outline (what `handbook init --from-mdbook` writes).
    if table.contains_key("mdbook") {
        return None;
    }
    let src = table
        .get("book")
        .and_then(|b| b.get("src"))
        .and_then(toml::Value::as_str)
        .unwrap_or("src");
    let src = PathBuf::from(src);
    root.join(&src).join("SUMMARY.md").is_file().then_some(src)
}

/// Settings of mdBook's own output that have no meaning for this site (its theme, its fonts,
/// its playground): ignored without a word, as another theme would ignore them.
const MDBOOK_THEME_ONLY: &[&str] = &[
    "output.html.theme",
    "output.html.preferred-dark-theme",
    "output.html.copy-fonts",
    "output.html.git-repository-icon",
    "output.html.hash-files",
    "output.html.live-reload-endpoint",
    "output.html.input-404",
    "output.html.cname",
    "output.html.fold",
    "output.html.playground",
    "output.html.code",
    "output.html.sidebar-header-nav",
    "output.html.search.limit-results",
    "output.html.search.use-boolean-and",
    "output.html.search.boost-title",
    "output.html.search.boost-hierarchy",
    "output.html.search.boost-paragraph",
    "output.html.search.expand",
    "output.html.search.heading-split-level",
    "output.html.search.copy-js",
    "rust.edition",
];

/// `[mdbook]`: a handbook that keeps an mdBook book's outline (`<content>/SUMMARY.md` gives the
/// sidebar and the reading order, and its chapters are read as mdBook's) and the mdBook settings
/// that have no other home here. `handbook init --from-mdbook` writes it.
#[derive(Deserialize)]
#[serde(default)]
pub(super) struct RawMdbook {
    section_numbers: bool,
    additional_css: Vec<String>,
    additional_js: Vec<String>,
    dark_by_default: bool,
    print: bool,
    search: bool,
    html_urls: bool,
    redirects: BTreeMap<String, String>,
}

impl Default for RawMdbook {
    fn default() -> Self {
        RawMdbook {
            section_numbers: true,
            additional_css: Vec::new(),
            additional_js: Vec::new(),
            dark_by_default: false,
            print: true,
            search: true,
            html_urls: false,
            redirects: BTreeMap::new(),
        }
    }
}

/// The mdBook outline and settings of `[mdbook]` (its `SUMMARY.md` is read by `load`).
pub(super) fn outline_book(m: RawMdbook, content: &Path, check: &mut Checker<'_>) -> Book {
    let mut files = |list: Vec<String>, key: &str, extra: &mut Vec<(String, PathBuf)>| {
        let mut out = Vec::new();
        for path in list {
            match inside(&path) {
                Some(rel) => {
                    extra.push((rel.clone(), PathBuf::from(&rel)));
                    out.push(rel);
                }
                None => check.error_at(
                    key,
                    format!("`{path}` is outside the handbook's folder"),
                    "give a path inside the handbook's folder, e.g. `theme/custom.css`",
                ),
            }
        }
        out
    };
    let mut extra_files = Vec::new();
    let additional_css = files(m.additional_css, "additional_css", &mut extra_files);
    let additional_js = files(m.additional_js, "additional_js", &mut extra_files);
    Book {
        src: content.to_path_buf(),
        mdbook_toml: false,
        create_missing: false,
        no_section_label: !m.section_numbers,
        summary: Default::default(),
        summary_text: String::new(),
        redirects: m.redirects.into_iter().collect(),
        additional_css,
        additional_js,
        extra_files,
        dark: m.dark_by_default,
        print: m.print,
        search: m.search,
        html_urls: m.html_urls,
        chapters: Default::default(),
    }
}

/// A [`Config`] and the book's outline from an mdBook `book.toml` and its `SUMMARY.md`.
pub fn load(
    root: &Path,
    src: PathBuf,
    text: &str,
    shown: &str,
    diags: &Diagnostics,
) -> Option<Config> {
    let source_key = crate::fingerprint::of_bytes(text.as_bytes());
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(toml_error(shown, text, &e));
            return None;
        }
    };
    let mut values = Vec::new();
    flatten("", &table, &mut values);
    let mut ok = true;
    let mut error = |key: &str, message: String, hint: &str| {
        let last = key.rsplit('.').next().unwrap_or(key);
        diags.push(
            Diagnostic::error(Code::WrongType, shown, message)
                .at(text, key_offset(text, last))
                .hint(hint),
        );
        ok = false;
    };
    let mut config = Config::default();
    config.collections.clear();
    config.build = Build {
        content: src.clone(),
        output: "book".into(),
        ..Build::default()
    };
    let mut book = Book {
        src: src.clone(),
        mdbook_toml: true,
        create_missing: true,
        no_section_label: false,
        summary: Default::default(),
        summary_text: String::new(),
        chapters: Default::default(),
        redirects: Vec::new(),
        additional_css: Vec::new(),
        additional_js: Vec::new(),
        extra_files: Vec::new(),
        dark: false,
        print: true,
        search: true,
        html_urls: false,
    };
    let text_of = |v: &toml::Value| v.as_str().map(str::to_string);
    for (key, value) in &values {
        let k = key.as_str();
        match k {
            "book.title"
            | "book.description"
            | "book.language"
            | "book.src"
            | "build.build-dir"
            | "output.html.git-repository-url"
            | "output.html.edit-url-template"
            | "output.html.site-url" => {
                let Some(s) = text_of(value) else {
                    error(k, format!("`{k}` must be text"), "write it in quotes");
                    continue;
                };
                match k {
                    "book.title" => config.book.title = s,
                    "book.description" => config.book.description = s,
                    "book.language" => config.book.language = s,
                    "build.build-dir" => config.build.output = s.into(),
                    "output.html.git-repository-url" => config.book.repository = s,
                    // mdBook's `{path}` is the file's path from the book's root, as ours is.
                    "output.html.edit-url-template" => config.book.edit_url = s,
                    "output.html.site-url" => {
                        if let Some(url) = crate::config::base_url(&s) {
                            config.book.base_url = url;
                        }
                    }
                    _ => {}
                }
            }
            "book.authors" => match value.as_array() {
                Some(a) => config.book.authors = a.iter().filter_map(text_of).collect(),
                None => error(
                    k,
                    "`book.authors` must be a list".into(),
                    "write `authors = [\"Name\"]`",
                ),
            },
            "build.create-missing"
            | "output.html.no-section-label"
            | "output.html.print.enable"
            | "output.html.search.enable"
            | "output.handbook.html-urls"
            // mdBook's own key of every renderer: skip this one when it is not installed.
            | "output.handbook.optional" => match value.as_bool() {
                Some(b) => match k {
                    "build.create-missing" => book.create_missing = b,
                    "output.html.no-section-label" => book.no_section_label = b,
                    "output.html.print.enable" => book.print = b,
                    "output.handbook.html-urls" => book.html_urls = b,
                    "output.handbook.optional" => {}
                    _ => book.search = b,
                },
                None => error(
                    k,
                    format!("`{k}` must be `true` or `false`"),
                    "write `true` or `false`",
                ),
            },
            "output.html.additional-css" | "output.html.additional-js" => {
                let Some(list) = value.as_array() else {
                    error(
                        k,
                        format!("`{k}` must be a list of files"),
                        "write `[\"theme/custom.css\"]`",
                    );
                    continue;
                };
                for path in list.iter().filter_map(toml::Value::as_str) {
                    let Some(rel) = inside(path) else {
                        error(
                            k,
                            format!("`{path}` is outside the book's folder"),
                            "give a path inside the book's folder",
                        );
                        continue;
                    };
                    book.extra_files.push((rel.clone(), root.join(&rel)));
                    if k.ends_with("css") {
                        book.additional_css.push(rel);
                    } else {
                        book.additional_js.push(rel);
                    }
                }
            }
            "output.html.default-theme" => match value.as_str() {
                // mdBook's dark themes; its light ones are the site's light palette.
                Some("coal" | "navy" | "ayu") => book.dark = true,
                Some(_) => {}
                None => error(
                    k,
                    format!("`{k}` must be text"),
                    "write `default-theme = \"light\"`",
                ),
            },
            "output.html.redirect" => match value.as_table() {
                Some(t) => {
                    for (from, to) in t {
                        match to.as_str() {
                            Some(to) => book.redirects.push((from.clone(), to.to_string())),
                            None => error(
                                k,
                                format!("redirect `{from}` must be text"),
                                "write `\"/old.html\" = \"new.html\"`",
                            ),
                        }
                    }
                }
                None => error(
                    k,
                    "`output.html.redirect` must be a table".into(),
                    "write `[output.html.redirect]`, then `\"/old.html\" = \"new.html\"` lines",
                ),
            },
            _ if MDBOOK_THEME_ONLY
                .iter()
                .any(|t| k == *t || k.starts_with(&format!("{t}."))) => {}
            _ => warn_unsupported(k, text, shown, diags),
        }
    }
    if !ok {
        return None;
    }
    if config.book.title.trim().is_empty() {
        config.book.title = crate::urls::humanize(
            &crate::output::absolute(root)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
    }
    if config.book.language.trim().is_empty() {
        config.book.language = "en".into();
    }
    config.source_key = source_key;
    read_outline(root, book, &mut config, diags)?;
    Some(config)
}

/// Reads the book's `SUMMARY.md` into `book` (its chapters, and the config's key: the outline
/// decides the pages as the config does) and sets it as the config's.
pub(super) fn read_outline(
    root: &Path,
    mut book: Book,
    config: &mut Config,
    diags: &Diagnostics,
) -> Option<()> {
    (book.summary, book.summary_text) = crate::mdbook::read_summary(root, &book.src, diags)?;
    book.chapters = crate::mdbook::chapters(&book.summary);
    config.source_key ^= crate::fingerprint::of_bytes(format!("{:?}", book.summary).as_bytes());
    config.mdbook = Some(book);
    Some(())
}

/// A file path from `book.toml` as a root-relative path, if it stays inside the root.
pub(super) fn inside(path: &str) -> Option<String> {
    let rel = crate::mdbook::normalize(path);
    (!rel.is_empty() && !rel.split('/').any(|p| p == "..")).then_some(rel)
}

/// The dotted key and value of every leaf of `table` (a table inside an array is a leaf).
fn flatten(prefix: &str, table: &toml::Table, out: &mut Vec<(String, toml::Value)>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t)
                if !key.starts_with("preprocessor.") && key != "output.html.redirect" =>
            {
                if t.is_empty() {
                    out.push((key, v.clone()));
                } else {
                    flatten(&key, t, out);
                }
            }
            _ => out.push((key, v.clone())),
        }
    }
}

fn warn_unsupported(key: &str, text: &str, shown: &str, diags: &Diagnostics) {
    let last = key.rsplit('.').next().unwrap_or(key);
    let (message, hint) = if let Some(name) = key.strip_prefix("preprocessor.") {
        (
            format!("preprocessor `{name}`: external preprocessors are not run"),
            "what it would add to the chapters is missing from the site",
        )
    } else if key.starts_with("output.") && !key.starts_with("output.html.") {
        (
            format!(
                "renderer `{}` is not run",
                key.trim_start_matches("output.")
            ),
            "handbook builds the HTML site only",
        )
    } else {
        (
            format!("`{key}` is an mdBook setting handbook does not use yet; ignored"),
            "the book builds without it; see README.md, \"Switching from mdBook\"",
        )
    };
    diags.push(
        Diagnostic::warning(Code::IgnoredSetting, shown, message)
            .at(text, position(text, key, last))
            .hint(hint),
    );
}

/// Where `key` is set: its `[table]` header, or the line with its last part.
fn position(text: &str, key: &str, last: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(&format!("[{key}]")) || t.starts_with(&format!("[{key}.")) {
            return offset + (line.len() - t.len());
        }
        offset += line.len();
    }
    key_offset(text, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys handbook reads, with what it does with them.
    const HONOURED: &[&str] = &[
        "book.title",
        "book.authors",
        "book.description",
        "book.language",
        "book.src",
        "build.build-dir",
        "build.create-missing",
        "output.html.git-repository-url",
        "output.html.edit-url-template",
        "output.html.site-url",
        "output.html.no-section-label",
        "output.html.print.enable",
        "output.html.search.enable",
        "output.html.default-theme",
    ];

    #[test]
    fn honoured_keys_are_all_handled() {
        // Each key listed as honoured has its arm in `load` (a typo there would warn instead).
        for key in HONOURED {
            let (table, leaf) = key.rsplit_once('.').unwrap();
            let value = if key.ends_with("authors") {
                "[\"A\"]".to_string()
            } else if key.ends_with("missing") || key.ends_with("label") {
                "false".to_string()
            } else {
                "\"x\"".to_string()
            };
            let text = format!("[{table}]\n{leaf} = {value}\n");
            let diags = Diagnostics::new();
            let root = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(root.path().join("x")).unwrap();
            std::fs::create_dir_all(root.path().join("src")).unwrap();
            std::fs::write(root.path().join("src/SUMMARY.md"), "- [A](a.md)\n").unwrap();
            std::fs::write(root.path().join("x/SUMMARY.md"), "- [A](a.md)\n").unwrap();
            let src = detect(root.path(), &text).unwrap();
            let _ = load(root.path(), src, &text, "book.toml", &diags);
            let warnings: Vec<String> = diags
                .into_sorted()
                .iter()
                .map(|d| d.message.clone())
                .collect();
            assert!(
                warnings.iter().all(|w| !w.contains("does not use")),
                "{key}: {warnings:?}"
            );
        }
    }
}
