//! mdBook books, read as they are: a `book.toml` whose `[book] src` folder holds `SUMMARY.md`
//! is built without editing a file. The book's `book.toml` becomes a `Config` (in
//! `config/mdbook.rs`, so that this module needs nothing of the config), `SUMMARY.md` ([`summary`]) decides which files are chapters, their titles, the
//! order of the sidebar and of previous/next, and chapters need no front matter (their first
//! `# Heading` is their title, shown once). Everything after that is the usual pipeline.
//!
//! A handbook's own `book.toml` can keep such an outline too (`[mdbook]`, what
//! `handbook init --from-mdbook` writes, see `import.rs`): then [`Book::mdbook_toml`] is false,
//! chapters may have front matter, and its collections' pages are pages as usual.

pub mod include;
pub mod summary;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::discover::Discovered;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use summary::Summary;

/// What an mdBook book adds to the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    /// The chapters' folder, relative to the root (`src`).
    pub src: PathBuf,
    /// The project's `book.toml` is mdBook's (so, as in mdBook, files `SUMMARY.md` does not
    /// list are not pages). False for a handbook that keeps an mdBook outline in its own
    /// `book.toml` (`[mdbook]`, what `handbook init --from-mdbook` writes): its other files are
    /// pages as usual, with front matter.
    pub mdbook_toml: bool,
    /// mdBook creates missing chapter files; handbook never writes into the book, so a missing
    /// file is a warning (and the chapter a draft) when true, an error when false.
    pub create_missing: bool,
    /// Leave the numbers (`1.2.`) out of the sidebar.
    pub no_section_label: bool,
    pub summary: Summary,
    /// The text of `SUMMARY.md`, to place diagnostics about its entries.
    pub summary_text: String,
    /// `[output.html] redirect`: old path (from the site's root) to where it now is.
    pub redirects: Vec<(String, String)>,
    /// `[output.html] additional-css` and `additional-js`: their paths in the output (as in the
    /// book's folder), linked from every page, and the files to copy there.
    pub additional_css: Vec<String>,
    pub additional_js: Vec<String>,
    pub extra_files: Vec<(String, PathBuf)>,
    /// `[output.html] default-theme` is one of mdBook's dark themes: the site starts dark (until
    /// the reader picks a palette).
    pub dark: bool,
    /// `[output.html] print.enable` and `search.enable` (both default true).
    pub print: bool,
    pub search: bool,
    /// Chapters keep mdBook's URLs (`chapter_1.html`, a README its folder's `index.html`)
    /// instead of pretty ones with redirect pages at those (`[output.handbook] html-urls`, or
    /// `html_urls` in `[mdbook]`).
    pub html_urls: bool,
    /// The chapters by their page's content-relative path (`cli/init.md`; `cli/_index.md` for
    /// `cli/README.md`: see [`site_rel`]).
    pub chapters: HashMap<String, Chapter>,
}

/// A chapter as `SUMMARY.md` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    /// Its entry's index in the summary: its place in the reading order.
    pub order: usize,
}

/// The chapters of a summary (the first entry of a file that is listed twice).
pub(crate) fn chapters(summary: &Summary) -> HashMap<String, Chapter> {
    let mut out = HashMap::new();
    for (order, e) in summary.entries.iter().enumerate() {
        if let Some(path) = &e.path {
            out.entry(site_rel(&normalize(path))).or_insert(Chapter {
                title: e.name.clone(),
                order,
            });
        }
    }
    out
}

/// A chapter path from `SUMMARY.md` as a content-relative path: `./a/b.md` -> `a/b.md`, with
/// `%20` and friends decoded.
pub fn normalize(path: &str) -> String {
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let decoded = crate::urls::percent_decode_lenient(path);
    decoded
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// The rel a chapter file gets in the site: `README.md` is its folder's index page, as mdBook
/// makes `README.md` into `index.html`.
pub fn site_rel(rel: &str) -> String {
    match rel.rsplit_once('/') {
        Some((dir, "README.md")) => format!("{dir}/_index.md"),
        None if rel == "README.md" => "_index.md".into(),
        _ => rel.to_string(),
    }
}

/// How a chapter starts: its own `# Heading` (shown as the page's title, so taken out of the
/// body), and a `{{#title …}}` written above it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Leading {
    pub heading: Option<String>,
    /// Where the heading starts (after the `{{#title}}` and blank lines above it).
    pub heading_start: usize,
    /// Where the body starts: after the heading, or 0 when there is none.
    pub body_offset: usize,
    pub html_title: Option<String>,
}

/// Reads the start of a chapter: blank lines and `{{#title …}}` lines, then a `# Heading`.
pub fn leading(text: &str) -> Leading {
    let mut start = 0;
    let mut html_title = None;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(title) = t
            .strip_prefix("{{#title")
            .and_then(|r| r.strip_suffix("}}"))
        {
            html_title = Some(title.trim().to_string());
        } else if !t.is_empty() {
            break;
        }
        start += line.len();
    }
    match leading_title(&text[start..]) {
        (Some(heading), offset) => Leading {
            heading: Some(heading),
            heading_start: start,
            body_offset: start + offset,
            html_title,
        },
        // No heading: the body is the whole text (its `{{#title}}` included, which the
        // include pass reads).
        (None, _) => Leading::default(),
    }
}

/// The text of the `# Heading` a text starts with, and where the rest starts.
fn leading_title(text: &str) -> (Option<String>, usize) {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut title = String::new();
    let mut events = Parser::new(text).into_offset_iter();
    match events.next() {
        Some((
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }),
            _,
        )) => {}
        _ => return (None, 0),
    }
    for (event, range) in events {
        match event {
            Event::Text(t) | Event::Code(t) => title.push_str(&t),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            Event::End(TagEnd::Heading(_)) => {
                let end = text[range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| range.end + i + 1);
                let end = if text[range.start..range.end].ends_with('\n') {
                    range.end
                } else {
                    end
                };
                return (Some(title.trim().to_string()), end);
            }
            _ => {}
        }
    }
    (None, 0)
}

/// Reads and parses `<src>/SUMMARY.md`, reporting its problems at their line.
pub(crate) fn read_summary(
    root: &Path,
    src: &Path,
    diags: &Diagnostics,
) -> Option<(Summary, String)> {
    let path = root.join(src).join("SUMMARY.md");
    let shown = crate::urls::shown(&src.join("SUMMARY.md"));
    let bytes = match crate::fsx::read_input(&path, &shown) {
        Ok(b) => b,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let text = match crate::diagnostics::utf8_text(bytes, &shown) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match summary::parse(&text) {
        Ok(s) => Some((s, text)),
        Err(problems) => {
            diags.extend(problems.into_iter().map(|p| {
                Diagnostic::error(Code::InvalidSummary, &shown, p.message)
                    .at(&text, p.offset)
                    .hint(p.hint)
            }));
            None
        }
    }
}

/// Keeps the chapters among the Markdown files found, under their site name, and reports
/// chapters whose file is missing. mdBook renders no other file (a fragment that chapters
/// include, its `404.md`); a handbook with an outline also keeps the files `keep` accepts (its
/// collections' pages).
pub fn select(
    book: &Book,
    found: &mut Discovered,
    content_shown: &str,
    keep: &dyn Fn(&str) -> bool,
    diags: &Diagnostics,
) {
    found.pages.retain_mut(|f| {
        let rel = site_rel(&f.rel);
        if book.chapters.contains_key(&rel) {
            f.rel = rel;
            true
        } else {
            !book.mdbook_toml && keep(&f.rel)
        }
    });
    found.pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    let present: HashSet<&str> = found.pages.iter().map(|f| f.rel.as_str()).collect();
    let summary_shown = format!("{content_shown}/SUMMARY.md");
    for e in &book.summary.entries {
        let Some(path) = &e.path else { continue };
        let rel = normalize(path);
        if present.contains(site_rel(&rel).as_str()) {
            continue;
        }
        let message = format!("chapter `{}`: no file `{content_shown}/{rel}`", e.name);
        let d = if book.create_missing {
            Diagnostic::warning(Code::MissingChapter, &summary_shown, message)
                .at(&book.summary_text, e.offset)
                .hint(
                "mdBook would create it empty; handbook does not write into the book, so the chapter is listed without a page (with `create-missing = false` this is an error)",
            )
        } else {
            Diagnostic::error(Code::MissingChapter, &summary_shown, message)
                .at(&book.summary_text, e.offset)
                .hint("create the file, or remove the entry from SUMMARY.md")
        };
        diags.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_a_chapter_starts() {
        let l = leading("{{#title Full title}}\n\n# Heading `code`\n\nBody.\n");
        assert_eq!(l.heading.as_deref(), Some("Heading code"));
        assert_eq!(l.html_title.as_deref(), Some("Full title"));
        assert_eq!(l.heading_start, "{{#title Full title}}\n\n".len());
        assert_eq!(
            &"{{#title Full title}}\n\n# Heading `code`\n\nBody.\n"[l.body_offset..],
            "\nBody.\n"
        );
        assert_eq!(leading("Text first.\n# Late heading\n"), Leading::default());
        assert_eq!(
            leading("Heading\n=======\n\nBody.\n").heading.as_deref(),
            Some("Heading")
        );
        assert_eq!(site_rel("a/README.md"), "a/_index.md");
        assert_eq!(site_rel("README.md"), "_index.md");
        assert_eq!(normalize("./a/./b%20c.md#x"), "a/b c.md");
    }
}
