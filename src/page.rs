//! One source file read and parsed into a [`Page`]: front matter validated against what its
//! section allows, body parsed once. Pure apart from reading the file; knows nothing of other pages.

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic};
use crate::discover::SourceFile;
use crate::frontmatter::{self, Allowed, FrontMatter};
use crate::markdown::{self, BodyText, Parsed, SourceRef};
use crate::typography::smarten;
use crate::urls::in_section;

/// One parsed Markdown file: a page, or a section's `_index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    pub rel: String,
    pub shown: String,
    /// Content-relative folder of the section this file belongs to (`""` for the root).
    pub dir: String,
    pub is_section: bool,
    pub fm: FrontMatter,
    pub parsed: Parsed,
    /// Whole file text, kept for positioning link diagnostics and to render the body from.
    pub text: String,
    /// Where the body is in `text`, for [`Page::events`].
    pub body: BodyText,
    /// Hash of `text`, and of the text its directives included: everything parsed from the
    /// file is a function of it (and the config).
    pub key: u64,
    /// Its content comes from the public (see [`Config::is_untrusted`]).
    pub untrusted: bool,
    /// The document's whole `<title>`, when the page sets it (an mdBook chapter's
    /// `{{#title …}}`).
    pub html_title: Option<String>,
    /// The language of a translation (`about.es.md`: `es`, and `rel` is `about.md`); `None`
    /// for the default language's pages.
    pub lang: Option<String>,
    /// The files an mdBook chapter's directives read (or tried to), as paths from the chapter's
    /// folder joined: when one changes, the chapter is read again (`watch`).
    pub includes: Vec<std::path::PathBuf>,
}

/// Reads and parses one Markdown file; pure apart from reading it.
pub fn parse_file(file: &SourceFile, config: &Config) -> Result<Page, Vec<Diagnostic>> {
    let bytes = crate::fsx::read_input(&file.abs, &file.shown).map_err(|d| vec![d])?;
    parse_source(file, bytes, config)
}

pub fn parse_source(
    file: &SourceFile,
    bytes: Vec<u8>,
    config: &Config,
) -> Result<Page, Vec<Diagnostic>> {
    let key = crate::fingerprint::of_bytes(&bytes);
    parse_fingerprinted(file, bytes, key, config)
}

/// [`parse_source`] for bytes whose fingerprint the caller already has (a session compares it
/// with the last run's before parsing), so a cold build hashes each file once.
pub fn parse_fingerprinted(
    file: &SourceFile,
    bytes: Vec<u8>,
    key: u64,
    config: &Config,
) -> Result<Page, Vec<Diagnostic>> {
    let shown = file.shown.as_str();
    let text = crate::diagnostics::utf8_text(bytes, shown).map_err(|d| vec![d])?;
    if let Some(nul) = text.find('\0') {
        return Err(vec![
            Diagnostic::error(Code::NulByte, shown, "file contains a NUL byte")
                .at(&text, nul)
                .hint("the file looks binary or corrupted; remove the NUL character"),
        ]);
    }
    let (rel, lang) =
        crate::i18n::split(&file.rel, config.languages.iter().map(|l| l.code.as_str()));
    let lang = lang.map(str::to_string);
    let (dir, is_section) = placement(&rel);
    let fields: Vec<&str> = if is_section {
        Vec::new()
    } else {
        config
            .collections
            .iter()
            .filter(|c| in_section(&dir, &c.section))
            .flat_map(|c| {
                c.fields
                    .iter()
                    .map(String::as_str)
                    .chain(c.relations.iter().map(|r| r.field.as_str()))
            })
            .collect()
    };
    let chapter = config.mdbook.as_ref().and_then(|b| b.chapters.get(&rel));
    let (mut fm, body_offset, heading, leading_html_title) = match chapter {
        // An mdBook chapter: no front matter, its title from its own `# Heading` (shown once, as
        // the page's title) or from SUMMARY.md.
        Some(ch) if !frontmatter::starts_with_front_matter(&text) => {
            let start = crate::mdbook::leading(&text);
            let fm = FrontMatter {
                title: start.heading.clone().unwrap_or_else(|| ch.title.clone()),
                weight: Some(ch.order as i64),
                ..FrontMatter::default()
            };
            (fm, start.body_offset, start.heading, start.html_title)
        }
        _ => {
            let split = frontmatter::split(&text, shown).map_err(|d| vec![d])?;
            let allowed = Allowed {
                is_section,
                fields,
                default_title: chapter.map(|c| c.title.as_str()),
            };
            let mut fm = frontmatter::parse(&text, &split, shown, &allowed)?;
            // A chapter's title is its heading, as mdBook has it (`handbook init --from-mdbook`
            // moves the heading into the front matter): links to it land at the top.
            let heading = chapter.map(|ch| {
                fm.weight.get_or_insert(ch.order as i64);
                fm.title.clone()
            });
            (fm, split.body_offset, heading, None)
        }
    };
    fm.title = smarten(&fm.title);
    fm.description = fm.description.as_deref().map(smarten);
    // An mdBook chapter's `{{#include}}`s, read relative to its folder.
    let mut include_problems = Vec::new();
    let includes = std::cell::RefCell::new(Vec::new());
    let read = |path: &std::path::Path| {
        includes.borrow_mut().push(path.to_path_buf());
        crate::fsx::read_text(path)
    };
    let expansion = chapter
        .filter(|_| text[body_offset..].contains("{{#"))
        .map(|_| {
            let dir = file.abs.parent().unwrap_or(std::path::Path::new("."));
            let (expanded, problems) =
                crate::mdbook::include::expand(&text[body_offset..], dir, &read);
            include_problems = problems;
            expanded
        });
    let body = expansion
        .as_ref()
        .map_or(&text[body_offset..], |x| x.text.as_str());
    // What the page shows is a function of the included files too.
    let key = match &expansion {
        Some(x) => key ^ crate::fingerprint::of_bytes(x.text.as_bytes()).rotate_left(1),
        None => key,
    };
    let html_title = expansion
        .as_ref()
        .and_then(|x| x.title.clone())
        .or(leading_html_title);
    let mdbook = chapter.is_some();
    // A chapter is one folder down from mdBook's `chapter.html`, unless it keeps mdBook's URL.
    let raw_html_up = mdbook && !is_section && !config.mdbook.as_ref().is_some_and(|b| b.html_urls);
    let mut parsed = markdown::parse(
        body,
        &SourceRef {
            text: &text,
            body_offset,
            shown,
            mdbook,
            raw_html_up,
            expansion: expansion.as_ref(),
        },
    );
    for p in include_problems {
        let d = if p.warning {
            Diagnostic::warning(Code::InvalidInclude, shown, p.message)
        } else {
            Diagnostic::error(Code::InvalidInclude, shown, p.message)
        };
        parsed
            .diagnostics
            .push(d.at(&text, body_offset + p.offset).hint(p.hint));
    }
    // Links to the chapter's heading, which the page shows as its title, land at its top.
    if let Some(h) = heading {
        let id = crate::slug::mdbook_id(&h);
        if !id.is_empty() && !parsed.anchors.contains(&id) {
            parsed.anchors.push(id);
        }
    }
    let untrusted = config.is_untrusted(&dir);
    if !untrusted {
        let ids = std::mem::take(&mut parsed.html_ids);
        parsed.anchors.extend(ids);
    }
    let body = BodyText {
        offset: body_offset,
        expanded: expansion.map(|x| x.text),
        mdbook,
        raw_html_up,
    };
    Ok(Page {
        body,
        untrusted,
        rel,
        lang,
        shown: file.shown.clone(),
        dir,
        is_section,
        fm,
        parsed,
        key,
        text,
        html_title,
        includes: includes.into_inner(),
    })
}

impl Page {
    /// The body's Markdown events, to render: parsed again each time they are needed, so that
    /// no site holds every page's events at once.
    pub fn events(&self) -> Vec<pulldown_cmark::Event<'_>> {
        markdown::events(&self.text, &self.body)
    }

    /// True if `other` (a re-parse of the same file) differs at most in what only its own page
    /// shows: its body text. Front matter, link destinations and anchors, which other pages see
    /// or link to, are the same.
    pub fn same_outside(&self, other: &Page) -> bool {
        self.rel == other.rel
            && self.fm == other.fm
            && self.parsed.links.iter().map(|l| &l.dest).eq(other
                .parsed
                .links
                .iter()
                .map(|l| &l.dest))
            && self.parsed.anchors == other.parsed.anchors
    }

    /// The version of the page a translation records (`translated_from`): a hash of its title,
    /// description and body as written, line endings aside. Stable across runs and machines
    /// (FNV-1a, not the process's hasher), since it is stored in files.
    pub fn version(&self) -> String {
        let body = frontmatter::split(&self.text, &self.shown)
            .map_or(self.text.as_str(), |s| &self.text[s.body_offset..]);
        let description = self.fm.description.as_deref().unwrap_or("");
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let parts = [self.fm.title.as_str(), "\n", description, "\n", body.trim()];
        for b in parts.iter().flat_map(|p| p.bytes()).filter(|&b| b != b'\r') {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{:012x}", h >> 16)
    }

    /// The last segment of the page's URL: its `slug`, or its file name as a slug.
    pub fn url_segment(&self) -> String {
        let stem = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        let stem = stem.strip_suffix(".md").unwrap_or(stem);
        self.fm.slug.clone().unwrap_or_else(|| url_segment(stem))
    }
}

/// A file or folder name as a URL segment.
pub fn url_segment(name: &str) -> String {
    let s = crate::slug::slugify(name);
    if s.is_empty() { "page".into() } else { s }
}

/// The section folder of a file and whether it is that section's `_index.md`.
pub fn placement(rel: &str) -> (String, bool) {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    (dir.to_string(), name == "_index.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placement_table() {
        assert_eq!(placement("_index.md"), (String::new(), true));
        assert_eq!(placement("acts/_index.md"), ("acts".into(), true));
        assert_eq!(placement("acts/x.md"), ("acts".into(), false));
        assert_eq!(placement("x.md"), (String::new(), false));
    }
}
