//! Untrusted contributions: raw HTML goes through an allowlist sanitizer (ammonia), and links
//! may only use safe schemes. Trusted pages (everything outside collections, unless configured
//! otherwise) are left as their authors wrote them.
//!
//! Only pages that contain raw HTML are sanitized: without it, the HTML comes from the Markdown
//! renderer, which escapes text and attributes, and from our own templates; link destinations,
//! the one way in, are checked by [`is_allowed_url`] when links are resolved.

use ammonia::{Builder, UrlRelative};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Schemes a contributed link may use.
pub const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Cleans rendered HTML: scripts, event handlers, `style`, frames, objects, forms and
/// `javascript:`/`vbscript:`/`data:` URLs go; the markup Markdown and the theme use stays
/// (ids and classes for headings, footnotes and callouts, task-list checkboxes, tables).
pub fn clean(html: &str) -> String {
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER
        .get_or_init(|| {
            let mut b = Builder::default();
            b.add_generic_attributes(["id", "class", "aria-label", "aria-hidden"])
                .add_tags([
                    "aside", "input", "kbd", "abbr", "details", "summary", "mark",
                ])
                .add_tag_attributes("input", ["type", "checked", "disabled"])
                .add_tag_attributes("abbr", ["title"])
                // Callouts are `<div role="note">`; no other role is kept.
                .add_tag_attributes("div", ["role"])
                .attribute_filter(|_, attr, value| match attr {
                    "role" if value != "note" => None,
                    _ => Some(value.into()),
                })
                .link_rel(None)
                .url_relative(UrlRelative::PassThrough)
                .url_schemes(ALLOWED_SCHEMES.iter().copied().collect::<HashSet<_>>());
            b
        })
        .clean(html)
        .to_string()
}

/// True if a link destination is safe in contributed content: relative, or with an allowed
/// scheme. Browsers ignore tabs and newlines inside URLs and leading spaces and control
/// characters, and schemes are case-insensitive, so those spellings are seen through.
pub fn is_allowed_url(dest: &str) -> bool {
    let cleaned: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    // A colon after a path separator is part of the path, not a scheme.
    if scheme.contains(['/', '?', '#']) {
        return true;
    }
    ALLOWED_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_schemes_in_any_spelling() {
        for (url, ok) in [
            ("https://example.org", true),
            ("mailto:a@example.org", true),
            ("../acts/x.md", true),
            ("#why", true),
            ("page.md?x=a:b", true),
            ("javascript:alert(1)", false),
            ("JaVaScRiPt:alert(1)", false),
            (" javascript:alert(1)", false),
            ("\u{1}javascript:alert(1)", false),
            ("java\tscript:alert(1)", false),
            ("java\nscript:alert(1)", false),
            ("vbscript:msgbox(1)", false),
            ("data:text/html,<script>alert(1)</script>", false),
            ("file:///etc/passwd", false),
        ] {
            assert_eq!(is_allowed_url(url), ok, "{url:?}");
        }
    }

    #[test]
    fn clean_removes_executable_markup_and_keeps_ours() {
        let dirty = concat!(
            "<h2 id=\"why\">Why <a class=\"anchor\" href=\"#why\" aria-label=\"x\">#</a></h2>",
            "<script>alert(1)</script><p onclick=\"alert(1)\" style=\"color:red\">text</p>",
            "<iframe src=\"https://evil.example\"></iframe><object data=\"x\"></object>",
            "<form action=\"/x\"><input type=\"text\"></form><meta http-equiv=\"refresh\" content=\"0;url=x\">",
            "<a href=\"javascript:alert(1)\">a</a><a href=\"JAVASCRIPT:alert(1)\">b</a>",
            "<a href=\"&#106;avascript:alert(1)\">c</a><img src=\"data:image/png;base64,AAAA\" alt=\"d\">",
            "<kbd>Ctrl</kbd> <abbr title=\"as soon as possible\">ASAP</abbr>",
            "<ul><li><input type=\"checkbox\" checked disabled> done</li></ul>",
            "<aside class=\"callout callout-tip\" aria-label=\"Tip\"><p>Tip</p></aside>",
            "<div class=\"callout callout-note\" role=\"note\" aria-label=\"Note\"><p>N</p></div>",
            "<div role=\"button\">fake</div>",
        );
        let clean = clean(dirty);
        for gone in [
            "<script",
            "onclick",
            "style=",
            "<iframe",
            "<object",
            "<form",
            "<meta",
            "javascript",
            "JAVASCRIPT",
            "data:",
            "role=\"button\"",
        ] {
            assert!(!clean.contains(gone), "{gone} in {clean}");
        }
        for kept in [
            "<h2 id=\"why\">",
            "class=\"anchor\" href=\"#why\"",
            "<kbd>Ctrl</kbd>",
            "<abbr title=\"as soon as possible\">ASAP</abbr>",
            "<input type=\"checkbox\" checked=\"\" disabled=\"\">",
            "<aside class=\"callout callout-tip\" aria-label=\"Tip\">",
            "<div class=\"callout callout-note\" role=\"note\" aria-label=\"Note\">",
            "<p>text</p>",
        ] {
            assert!(clean.contains(kept), "{kept} missing from {clean}");
        }
    }
}
