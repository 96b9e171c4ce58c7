//! Internal link resolution: a link written as a relative path to a source file (or an asset)
//! becomes a relative URL from the linking page, and anything that does not resolve (missing page,
//! missing anchor, draft, file outside the content folder) becomes a diagnostic at its position.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::LinkRef;
use crate::page::Page;
use crate::urls::{self, join_rel, relative_url};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

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
    /// A page of another language's site, as a path from this site's root (`../about/`): what
    /// a link from a translation to a page left out of its language leads to.
    Elsewhere(String, Option<String>),
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
            Target::Elsewhere(path, fragment) => {
                let up = relative_url(from_url, "");
                let up = up.strip_prefix("./").unwrap_or(&up);
                with(format!("{up}{path}"), fragment)
            }
        }
    }
}

/// A relative link written in folder `dir` as a path from the site's root, climbing above it
/// when it does (`a` and `../../std/x` give `../std/x`).
fn from_root(dir: &str, link: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in link.split('/') {
        match part {
            "." | "" => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if link.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

pub struct Resolver<'a> {
    pub pages: &'a [Arc<Page>],
    pub by_rel: &'a HashMap<&'a str, usize>,
    pub assets: &'a HashSet<&'a str>,
    pub static_files: &'a HashSet<String>,
    pub drafts: &'a HashSet<String>,
    /// Pages that failed to parse (reported already): links to them are not errors too.
    pub broken: &'a HashSet<String>,
    /// Links that leave the content folder are kept, pointing at the same place, with a
    /// warning: an mdBook book links to the sites beside it on its host (the Rust book to
    /// `../std/`).
    pub outside_ok: bool,
    /// Pages this site does not have but another language's does: content path -> its path
    /// from this site's root (see [`Target::Elsewhere`]).
    pub elsewhere: &'a HashMap<String, String>,
    /// From this site's root to where content and static files are (`../` for a language's
    /// site under `es/`: they are written once, at the output's root).
    pub files_up: &'a str,
}

impl Resolver<'_> {
    pub fn resolve(&self, from: usize, link: &LinkRef, diags: &Diagnostics) -> Target {
        let page = &self.pages[from];
        let dest = link.dest.as_str();
        let error = |code: Code, message: String, hint: String| {
            diags.push(
                Diagnostic::error(code, &page.shown, message)
                    .at(&page.text, link.offset)
                    .hint(hint),
            );
        };
        if page.untrusted && !crate::sanitize::is_allowed_url(dest) {
            error(
                Code::UnsafeLink,
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
                    Code::BrokenAnchor,
                    format!("no heading with id `{fragment}` on this page"),
                    anchor_hint(fragment, &page.parsed.anchors, "this page"),
                );
            }
            return Target::Here(fragment.to_string());
        }
        if dest.starts_with('/') {
            diags.push(
                Diagnostic::warning(Code::AbsoluteLink, &page.shown, format!("absolute link `{dest}` breaks when the site is hosted under a subpath"))
                    .at(&page.text, link.offset)
                    .hint("link to the source file with a relative path, e.g. `../acts/share-the-credit.md`"),
            );
            return Target::Verbatim(dest.to_string());
        }
        self.resolve_path(from, link, &error, diags)
    }

    /// A relative link to a file: a page (by its `.md` file or its folder), an asset or a static
    /// file, checked down to its `#fragment`.
    fn resolve_path(
        &self,
        from: usize,
        link: &LinkRef,
        error: &dyn Fn(Code, String, String),
        diags: &Diagnostics,
    ) -> Target {
        let page = &self.pages[from];
        let dest = link.dest.as_str();
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let decoded = urls::percent_decode_lenient(path);
        let Some(target_rel) = join_rel(&page.dir, &decoded) else {
            if self.outside_ok {
                diags.push(
                    Diagnostic::warning(
                        Code::BrokenLink,
                        &page.shown,
                        format!("link `{dest}` leaves the book; kept pointing at the same place"),
                    )
                    .at(&page.text, link.offset)
                    .hint("it works where the book is served next to what it links to"),
                );
                // The same place from wherever the link is shown (a page one folder down with
                // pretty URLs, the print page): as a path from the site's root.
                let raw = dest.split('#').next().unwrap_or(dest);
                let fragment = fragment.map(str::to_string);
                return Target::Elsewhere(from_root(&page.dir, raw), fragment);
            }
            error(
                Code::BrokenLink,
                format!("link `{dest}` points outside the content folder"),
                "link only to files inside the content folder".into(),
            );
            return Target::Verbatim(dest.to_string());
        };
        // A page by its `.md` file; or by its folder, as its URL is written (`../acts/share/`
        // finds `../acts/share.md` or `../acts/share/_index.md`).
        let candidates = if target_rel.ends_with(".md") || target_rel.is_empty() {
            // mdBook makes a `README.md` its folder's index page.
            match target_rel.strip_suffix("README.md") {
                Some(dir) => vec![target_rel.clone(), format!("{dir}_index.md")],
                None => vec![target_rel.clone()],
            }
        } else if let Some(stem) = target_rel.strip_suffix(".html") {
            // A page by the name mdBook gives its output (`chapter.html`, `dir/index.html`).
            let page = match stem.strip_suffix("index") {
                Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("{dir}_index.md"),
                _ => format!("{stem}.md"),
            };
            vec![page, target_rel.clone()]
        } else {
            let folder = target_rel.trim_end_matches('/');
            vec![
                format!("{folder}/_index.md"),
                format!("{folder}.md"),
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
                        Code::BrokenAnchor,
                        format!(
                            "`{}` has no heading with id `{f}`",
                            self.pages[target].shown
                        ),
                        anchor_hint(f, anchors, "that page"),
                    );
                }
                return Target::Page(target, fragment.map(str::to_string));
            }
            if let Some(path) = self.elsewhere.get(candidate.as_str()) {
                return Target::Elsewhere(path.clone(), fragment.map(str::to_string));
            }
            if self.broken.contains(candidate.as_str()) {
                return Target::Verbatim(dest.to_string());
            }
            if self.drafts.contains(candidate.as_str()) {
                error(
                    Code::LinkToDraft,
                    format!("link to draft page `{candidate}`, which is not built"),
                    "build with `--drafts`, publish the page (remove `draft = true`), or remove the link".into(),
                );
                return Target::Verbatim(dest.to_string());
            }
        }
        // A page that is not there: named by its `.md` file, or (without an extension) as a URL.
        let last = target_rel
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let as_page = if target_rel.ends_with(".md") {
            Some((
                target_rel.clone(),
                target_rel.as_str(),
                "links to pages are relative paths to their `.md` files",
            ))
        } else if self.assets.contains(target_rel.as_str())
            || self.static_files.contains(target_rel.as_str())
        {
            let fragment = fragment.map(str::to_string);
            return match self.files_up {
                "" => Target::File(target_rel, fragment),
                up => Target::Elsewhere(format!("{up}{target_rel}"), fragment),
            };
        } else if target_rel.ends_with('/') || !last.contains('.') {
            Some((
                format!("{}.md", target_rel.trim_end_matches('/')),
                dest,
                "link to a page by its `.md` file, e.g. `../acts/share-the-credit.md`",
            ))
        } else {
            None
        };
        if let Some((guess, shown, otherwise)) = as_page {
            let hint = match did_you_mean(&guess, self.by_rel.keys().copied()) {
                Some(s) => format!("did you mean `{}`?", urls::source_link(&page.dir, s)),
                None => otherwise.into(),
            };
            error(
                Code::BrokenLink,
                format!("link to missing page `{shown}`"),
                hint,
            );
            return Target::Verbatim(dest.to_string());
        }
        error(
            Code::BrokenLink,
            format!("link to missing file `{target_rel}`"),
            "put the file next to the page (under the content folder) or in `static/`".into(),
        );
        Target::Verbatim(dest.to_string())
    }
}

/// `which` is "this page" or "that page".
fn anchor_hint(fragment: &str, anchors: &[String], which: &str) -> String {
    match did_you_mean(fragment, anchors.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `#{s}`?"),
        None if anchors.is_empty() => format!("{which} has no headings"),
        None => format!(
            "ids on {which}: {}",
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
