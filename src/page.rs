//! One source file read and parsed into a [`Page`]: front matter validated against what its
//! section allows, body parsed once. Pure apart from reading the file; knows nothing of other pages.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::discover::SourceFile;
use crate::frontmatter::{self, Allowed, FrontMatter};
use crate::markdown::{self, Parsed, SourceRef};
use crate::typography::smarten;

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
    /// Whole file text, kept for positioning link diagnostics.
    pub text: String,
    /// Hash of `text`: everything parsed from the file is a function of it (and the config).
    pub key: u64,
    /// Its content comes from the public (see [`Config::is_untrusted`]).
    pub untrusted: bool,
}

/// Reads and parses one Markdown file; pure apart from reading it.
pub fn parse_file(file: &SourceFile, config: &Config) -> Result<Page, Vec<Diagnostic>> {
    let bytes = std::fs::read(&file.abs).map_err(|e| {
        vec![Diagnostic::error(
            &file.shown,
            format!("cannot read file: {e}"),
        )]
    })?;
    parse_source(file, bytes, config)
}

pub fn parse_source(
    file: &SourceFile,
    bytes: Vec<u8>,
    config: &Config,
) -> Result<Page, Vec<Diagnostic>> {
    let shown = file.shown.as_str();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = lossy[..]
                .char_indices()
                .map(|(i, _)| i)
                .find(|&i| i >= valid)
                .unwrap_or(valid);
            return Err(vec![
                Diagnostic::error(shown, "file is not valid UTF-8")
                    .at(&lossy, at)
                    .hint("save the file with UTF-8 encoding"),
            ]);
        }
    };
    if let Some(nul) = text.find('\0') {
        return Err(vec![
            Diagnostic::error(shown, "file contains a NUL byte")
                .at(&text, nul)
                .hint("the file looks binary or corrupted; remove the NUL character"),
        ]);
    }
    let (dir, is_section) = placement(&file.rel);
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
    let split = frontmatter::split(&text, shown).map_err(|d| vec![d])?;
    let allowed = Allowed { is_section, fields };
    let mut fm = frontmatter::parse(&text, &split, shown, &allowed)?;
    fm.title = smarten(&fm.title);
    fm.description = fm.description.as_deref().map(smarten);
    let parsed = markdown::parse(
        split.body,
        &SourceRef {
            text: &text,
            body_offset: split.body_offset,
            shown,
        },
    );
    let untrusted = config.is_untrusted(&dir);
    Ok(Page {
        untrusted,
        rel: file.rel.clone(),
        shown: file.shown.clone(),
        dir,
        is_section,
        fm,
        parsed,
        key: text_key(&text),
        text,
    })
}

impl Page {
    /// The last segment of the page's URL: its `slug`, or its file name as a slug.
    pub fn url_segment(&self) -> String {
        let stem = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        let stem = stem.strip_suffix(".md").unwrap_or(stem);
        self.fm.slug.clone().unwrap_or_else(|| url_segment(stem))
    }
}

/// Hash of a file's text, for telling whether a saved file changed (see [`Page::key`]).
pub fn text_key(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
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

pub fn in_section(dir: &str, section: &str) -> bool {
    dir == section
        || dir
            .strip_prefix(section)
            .is_some_and(|r| r.starts_with('/'))
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
