//! The one place that spells URLs and paths: site URLs of generated pages (tags, print, random
//! pickers), how links write a URL (pretty or the offline `…/index.html` form), relative links
//! between two site paths, the output file behind a URL, percent-decoding, and the project paths
//! diagnostics show. Pure functions over strings; knows nothing of pages or the file system.
//!
//! Site URLs are relative to the site root and name folders with a trailing `/` (`""` is the
//! home page, `acts/share-the-credit/` a page). Links are always relative, so the output works at
//! a domain root, under a subpath and, in the offline style, opened from disk.

use std::path::{Component, Path};

/// The site URL of the tags index.
pub const TAGS: &str = "tags/";
/// The site URL of the print page.
pub const PRINT: &str = "print/";
/// The site URL of the search page (next to the search index's files).
pub const SEARCH: &str = "search/";

/// The site URL of a tag's page.
pub fn tag(slug: &str) -> String {
    format!("{TAGS}{slug}/")
}

/// The site URL of a collection's random-page picker, under its listing's URL.
pub fn random_picker(listing: &str) -> String {
    format!("{listing}random/")
}

/// The site URL of a collection's share page (a form that writes a new item's file), under its
/// listing's URL.
pub fn share(listing: &str) -> String {
    format!("{listing}share/")
}

/// The site URL of page `n` (from 1) of a listing at `listing`: the listing itself, then
/// `<listing>page/<n>/` (the Zola and Hugo convention).
pub fn pager(listing: &str, n: usize) -> String {
    if n <= 1 {
        listing.to_string()
    } else {
        format!("{listing}page/{n}/")
    }
}

/// The output file that serves a site URL: `acts/x/` -> `acts/x/index.html`; a file URL
/// (an mdBook chapter's `chapter_1.html`) is its own file.
pub fn output_path(url: &str) -> String {
    if url.ends_with(".html") {
        url.to_string()
    } else {
        format!("{url}index.html")
    }
}

/// How links spell a site URL.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Style {
    /// `acts/x/`: what web servers map to `acts/x/index.html`.
    #[default]
    Pretty,
    /// `acts/x/index.html`: what a browser needs to open the site from disk (`build --offline`).
    Offline,
}

impl Style {
    /// A site URL as links write it. Only folder URLs change; files (`atom.xml`) are as they are.
    pub fn link(self, url: &str) -> String {
        match self {
            Style::Offline if url.is_empty() || url.ends_with('/') => output_path(url),
            _ => url.to_string(),
        }
    }
}

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

/// A content-relative file path as an author writes it from a page in `from_dir`
/// (`concept` to `acts/x.md` is `../acts/x.md`), for hints.
pub fn source_link(from_dir: &str, to: &str) -> String {
    let from = if from_dir.is_empty() {
        String::new()
    } else {
        format!("{from_dir}/")
    };
    let link = relative_url(&from, to);
    link.strip_prefix("./").unwrap_or(&link).to_string()
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

/// True if a page in folder `dir` lies in the section folder `section` or below it.
pub fn in_section(dir: &str, section: &str) -> bool {
    dir == section
        || dir
            .strip_prefix(section)
            .is_some_and(|r| r.starts_with('/'))
}

/// Decodes `%XX` escapes. `None` when an escape is malformed or the result is not UTF-8.
pub fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Decodes `%XX` escapes where they are well formed and leaves the rest as written, as a link in
/// Markdown is read (`100%.md` names a file called `100%.md`).
pub fn percent_decode_lenient(s: &str) -> String {
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

/// A project-relative path as diagnostics show it, `/`-separated on every system (the CLI
/// prefixes `--root` when it is not the current folder). Built from the path's components, so a
/// `\\` inside a Unix file name stays what it is; an absolute path is shown as the system
/// writes it.
pub fn shown(rel: &Path) -> String {
    if rel.has_root() || matches!(rel.components().next(), Some(Component::Prefix(_))) {
        return rel.display().to_string();
    }
    let names: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    names.join("/")
}

/// A relative path as a `/`-separated string (how content paths are keyed and turned into
/// URLs), from its components rather than by replacing `\\`; `None` if a component is not a
/// plain UTF-8 name (`..`, `.`, a root, a Windows drive).
pub fn slash_path(rel: &Path) -> Option<String> {
    let names = rel
        .components()
        .map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some(names.join("/"))
}

/// A folder or file name as a title: `remote-work` -> `Remote work`.
pub fn humanize(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_joined_with_slashes_from_their_components() {
        let nested = Path::new("content").join("acts").join("x.md");
        assert_eq!(slash_path(&nested).as_deref(), Some("content/acts/x.md"));
        assert_eq!(shown(&nested), "content/acts/x.md");
        assert_eq!(slash_path(Path::new("a/./b")).as_deref(), Some("a/b"));
        for bad in ["../x.md", "./x.md", "/x.md"] {
            assert_eq!(slash_path(Path::new(bad)), None, "{bad}");
        }
        assert_eq!(shown(Path::new("/tmp/x.md")), "/tmp/x.md");
    }

    /// On Unix `\\` is a character of a name, not a separator: replacing it turned `a\\b.md`
    /// into the unrelated `a/b.md`.
    #[cfg(unix)]
    #[test]
    fn a_backslash_in_a_unix_file_name_is_kept() {
        assert_eq!(slash_path(Path::new("a\\b.md")).as_deref(), Some("a\\b.md"));
        assert_eq!(shown(Path::new("content/a\\b.md")), "content/a\\b.md");
    }

    #[cfg(windows)]
    #[test]
    fn windows_paths_are_shown_with_slashes() {
        assert_eq!(shown(Path::new(r"content\acts\x.md")), "content/acts/x.md");
        assert_eq!(
            slash_path(Path::new(r"acts\x.md")).as_deref(),
            Some("acts/x.md")
        );
        assert_eq!(slash_path(Path::new(r"C:x.md")), None);
        assert_eq!(shown(Path::new(r"C:\book\x.md")), r"C:\book\x.md");
    }

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
    fn source_link_table() {
        for (dir, to, expected) in [
            ("concept", "acts/x.md", "../acts/x.md"),
            ("", "acts/x.md", "acts/x.md"),
            ("acts", "acts/x.md", "x.md"),
            ("a/b", "c.md", "../../c.md"),
        ] {
            assert_eq!(source_link(dir, to), expected, "{dir} -> {to}");
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
    fn link_styles_table() {
        for (url, pretty, offline) in [
            ("", "", "index.html"),
            ("acts/x/", "acts/x/", "acts/x/index.html"),
            (
                "examples/atom.xml",
                "examples/atom.xml",
                "examples/atom.xml",
            ),
        ] {
            assert_eq!(Style::Pretty.link(url), pretty);
            assert_eq!(Style::Offline.link(url), offline);
        }
        assert_eq!(tag("remote-work"), "tags/remote-work/");
        assert_eq!(pager("examples/", 1), "examples/");
        assert_eq!(pager("examples/", 3), "examples/page/3/");
        assert_eq!(pager("", 2), "page/2/");
        assert_eq!(output_path(&tag("a")), "tags/a/index.html");
    }

    #[test]
    fn in_section_table() {
        assert!(in_section("examples", "examples"));
        assert!(in_section("examples/2026", "examples"));
        assert!(!in_section("examples-old", "examples"));
        assert!(!in_section("", "examples"));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/a%20b/").as_deref(), Some("/a b/"));
        assert_eq!(percent_decode("/a%2"), None);
        assert_eq!(percent_decode("/%ff"), None);
        assert_eq!(percent_decode_lenient("my%20page.md"), "my page.md");
        assert_eq!(percent_decode_lenient("100%"), "100%");
        assert_eq!(
            percent_decode_lenient("%é%2"),
            "%é%2",
            "never slices inside a character"
        );
    }

    #[test]
    fn humanize_table() {
        assert_eq!(humanize("remote-work"), "Remote work");
        assert_eq!(humanize("a_b"), "A b");
        assert_eq!(humanize(""), "");
    }
}
