//! Internal link resolution: a link written as a relative path to a source file (or an asset)
//! becomes a relative URL from the linking page, and anything that does not resolve (missing page,
//! missing anchor, draft, file outside the content folder) becomes a diagnostic at its position.

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::LinkRef;
use crate::page::Page;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Relative URL from one site path to another (both root-relative, folders end in `/`).
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let from_dirs = if from.ends_with('/') || from.is_empty() {
        &from_dirs[..]
    } else {
        &from_dirs[..from_dirs.len().saturating_sub(1)]
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if out.is_empty() { "./".into() } else { out }
}

/// Where a link goes, once resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A page of the site (index into the pages), with an optional `#fragment`.
    Page(usize, Option<String>),
    /// A file copied to the output (root-relative path), with an optional `#fragment`.
    File(String, Option<String>),
    /// `#fragment` on the linking page itself.
    Here(String),
    /// Written out as it is: external, absolute, or broken (already reported).
    Verbatim(String),
}

impl Target {
    /// The href from the page at `from_url`; `links` spell each page's URL (see `Site::links`).
    pub fn href(&self, from_url: &str, links: &[String]) -> String {
        let with = |mut href: String, fragment: &Option<String>| {
            if let Some(f) = fragment {
                href.push('#');
                href.push_str(f);
            }
            href
        };
        match self {
            Target::Page(i, fragment) => with(relative_url(from_url, &links[*i]), fragment),
            Target::File(rel, fragment) => with(relative_url(from_url, rel), fragment),
            Target::Here(fragment) => format!("#{fragment}"),
            Target::Verbatim(dest) => dest.clone(),
        }
    }
}

pub struct Resolver<'a> {
    pub pages: &'a [Arc<Page>],
    pub by_rel: &'a HashMap<&'a str, usize>,
    pub assets: &'a HashSet<&'a str>,
    pub static_files: &'a HashSet<String>,
    pub drafts: &'a HashSet<String>,
}

impl Resolver<'_> {
    pub fn resolve(&self, from: usize, link: &LinkRef, diags: &Diagnostics) -> Target {
        let page = &self.pages[from];
        let dest = link.dest.as_str();
        let error = |message: String, hint: String| {
            diags.push(
                Diagnostic::error(&page.shown, message)
                    .at(&page.text, link.offset)
                    .hint(hint),
            );
        };
        if page.untrusted && !crate::sanitize::is_allowed_url(dest) {
            error(
                format!("link to `{dest}` is not allowed in contributed content"),
                format!(
                    "contributions may link only with {} URLs or to other pages",
                    crate::sanitize::ALLOWED_SCHEMES.join(", ")
                ),
            );
            return Target::Verbatim("#".into());
        }
        if link.is_auto || is_external(dest) {
            return Target::Verbatim(dest.to_string());
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            if !fragment.is_empty() && !page.parsed.anchors.iter().any(|a| a == fragment) {
                error(
                    format!("no heading with id `{fragment}` on this page"),
                    anchor_hint(fragment, &page.parsed.anchors),
                );
            }
            return Target::Here(fragment.to_string());
        }
        if dest.starts_with('/') {
            diags.push(
                Diagnostic::warning(&page.shown, format!("absolute link `{dest}` breaks when the site is hosted under a subpath"))
                    .at(&page.text, link.offset)
                    .hint("link to the source file with a relative path, e.g. `../acts/share-the-credit.md`"),
            );
            return Target::Verbatim(dest.to_string());
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let decoded = percent_decode(path);
        let Some(target_rel) = join_rel(&page.dir, &decoded) else {
            error(
                format!("link `{dest}` points outside the content folder"),
                "link only to files inside the content folder".into(),
            );
            return Target::Verbatim(dest.to_string());
        };
        let candidates = if target_rel.ends_with(".md") || target_rel.is_empty() {
            vec![target_rel.clone()]
        } else {
            vec![
                format!("{}/_index.md", target_rel.trim_end_matches('/')),
                target_rel.clone(),
            ]
        };
        let index_rel = |rel: &str| {
            if rel.is_empty() {
                "_index.md".to_string()
            } else {
                rel.to_string()
            }
        };
        for candidate in &candidates {
            let candidate = index_rel(candidate);
            if let Some(&target) = self.by_rel.get(candidate.as_str()) {
                let anchors = &self.pages[target].parsed.anchors;
                if let Some(f) = fragment
                    && !f.is_empty()
                    && !anchors.iter().any(|a| a == f)
                {
                    error(
                        format!(
                            "`{}` has no heading with id `{f}`",
                            self.pages[target].shown
                        ),
                        anchor_hint(f, anchors),
                    );
                }
                return Target::Page(target, fragment.map(str::to_string));
            }
            if self.drafts.contains(candidate.as_str()) {
                error(
                    format!("link to draft page `{candidate}`, which is not built"),
                    "build with `--drafts`, publish the page (remove `draft = true`), or remove the link".into(),
                );
                return Target::Verbatim(dest.to_string());
            }
        }
        if target_rel.ends_with(".md") {
            let known = self.by_rel.keys().copied();
            let hint = match did_you_mean(&target_rel, known) {
                Some(s) => format!("did you mean `{}`?", relative_path(&page.dir, s)),
                None => "links to pages are relative paths to their `.md` files".into(),
            };
            error(format!("link to missing page `{target_rel}`"), hint);
            return Target::Verbatim(dest.to_string());
        }
        if self.assets.contains(target_rel.as_str())
            || self.static_files.contains(target_rel.as_str())
        {
            return Target::File(target_rel, fragment.map(str::to_string));
        }
        error(
            format!("link to missing file `{target_rel}`"),
            "put the file next to the page (under the content folder) or in `static/`".into(),
        );
        Target::Verbatim(dest.to_string())
    }
}

fn anchor_hint(fragment: &str, anchors: &[String]) -> String {
    match did_you_mean(fragment, anchors.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `#{s}`?"),
        None if anchors.is_empty() => "that page has no headings".into(),
        None => format!(
            "ids on that page: {}",
            anchors
                .iter()
                .take(8)
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// Joins a relative link to the folder of its page; `None` if it climbs above the content root.
pub fn join_rel(dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = link.ends_with('/');
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

fn relative_path(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    format!(
        "{}{}",
        "../".repeat(from.len() - common),
        to_parts[common..].join("/")
    )
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(&h), Some(&l)) = (bytes.get(i + 1), bytes.get(i + 2))
            && let (Some(h), Some(l)) = (hex(h), hex(l))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_url_table() {
        for (from, to, expected) in [
            ("", "acts/x/", "acts/x/"),
            ("acts/x/", "acts/y/", "../y/"),
            ("acts/x/", "", "../../"),
            ("acts/", "acts/x/", "x/"),
            ("acts/x/", "acts/x/", "./"),
            ("a/b/c/", "img/p.png", "../../../img/p.png"),
            ("examples/e/", "examples/p.png", "../p.png"),
            ("", "", "./"),
        ] {
            assert_eq!(relative_url(from, to), expected, "{from} -> {to}");
        }
    }

    #[test]
    fn join_rel_table() {
        for (dir, link, expected) in [
            ("concept", "../acts/x.md", Some("acts/x.md")),
            ("", "acts/x.md", Some("acts/x.md")),
            ("a/b", "./c.md", Some("a/b/c.md")),
            ("a", "../../x.md", None),
            ("a", "../", Some("")),
            ("a", "sub/", Some("a/sub/")),
        ] {
            assert_eq!(join_rel(dir, link).as_deref(), expected, "{dir} + {link}");
        }
    }

    #[test]
    fn external_links_table() {
        for (dest, external) in [
            ("https://x.org", true),
            ("mailto:a@b.c", true),
            ("//cdn.x/y", true),
            ("../a.md", false),
            ("a.md#x:y", false),
            ("c:", true),
        ] {
            assert_eq!(is_external(dest), external, "{dest}");
        }
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("my%20page.md"), "my page.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(
            percent_decode("%é%2"),
            "%é%2",
            "never slices inside a character"
        );
    }
}
