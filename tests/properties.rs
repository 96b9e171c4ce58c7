//! Properties over arbitrary contributions: whatever the title, slug, tags and link target, the
//! build never panics, writes nothing outside the output folder, and shows text escaped.

use crate::{SiteTest, files_under, paths_under};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// A TOML string literal for any text.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// How often `needle` occurs, as written, in the HTML pages of a built site.
fn raw_occurrences(site: &SiteTest, needle: &str) -> usize {
    files_under(&site.path("public"))
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).matches(needle).count())
        .sum()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z <>&\"'/\\\\.]{1,24}",
        "\\PC{1,16}",
        Just("../../../etc/passwd".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("\" onmouseover=\"alert(1)".to_string()),
        Just("CON".to_string()),
        Just("..".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_contributions_stay_inside_and_escaped(
        title in text(),
        slug in proptest::option::of(text()),
        tags in proptest::collection::vec(text(), 0..3),
        link in text(),
    ) {
        let slug_line = slug.as_deref().map(|s| format!("slug = {}\n", toml_str(s))).unwrap_or_default();
        let tag_list: Vec<String> = tags.iter().map(|t| toml_str(t)).collect();
        let site_titled = |title: &str| SiteTest::new()
            .file("content/acts/_index.md", "+++\ntitle = \"Acts\"\n+++\n")
            .file("content/acts/one.md", "+++\ntitle = \"One\"\n+++\nText.\n")
            .file(
                "content/examples/story.md",
                &format!(
                    "+++\ntitle = {}\n{slug_line}date = 2026-01-01\nact = \"one\"\ntags = [{}]\n+++\nSee [this]({}).\n",
                    toml_str(title),
                    tag_list.join(", "),
                    link.replace(['(', ')', '\n'], ""),
                ),
            );
        let site = site_titled(&title);
        let before: BTreeSet<String> = paths_under(site.root()).into_iter().filter(|p| !p.starts_with("public")).collect();
        let built = site.build();
        // Nothing appeared outside the output folder.
        let after: BTreeSet<String> = paths_under(site.root()).into_iter().filter(|p| !p.starts_with("public")).collect();
        prop_assert_eq!(&after, &before);
        if built.report.has_errors() {
            return Ok(());
        }
        // Markup in the title never reaches a page as markup: the raw title occurs in the pages
        // no more often than in the same site with a plain title, where it can only be the
        // theme's own markup (a title such as `<` or `<a` is in every page without any help).
        if title.contains('<') {
            let plain = site_titled("Story");
            plain.build().ok();
            let shown = raw_occurrences(&site, &title);
            let theirs = raw_occurrences(&plain, &title);
            prop_assert!(shown <= theirs, "raw title in the pages {} times, theme markup only {}", shown, theirs);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Whatever bytes a page holds, the build reports and never panics.
    #[test]
    fn arbitrary_page_bytes_never_panic(
        head in prop_oneof![Just(b"+++\n".to_vec()), Just(b"\xEF\xBB\xBF+++\r\n".to_vec()), Just(Vec::new())],
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        text in "(\\+\\+\\+|title = \"x\"|\\[x\\]\\(y\\.md#z\\)|<b>|\\{\\{|```|\\n|> |- |# |\\PC){0,40}",
    ) {
        let mut page = head.clone();
        page.extend_from_slice(text.as_bytes());
        page.extend_from_slice(&bytes);
        let site = SiteTest::new();
        site.write("content/page.md", &page);
        let built = site.build();
        // Either it built, or it said why with a position in that file or the config.
        if built.report.has_errors() {
            prop_assert!(built.report.diagnostics.iter().any(|d| d.is_error() && !d.message.is_empty()));
        }
    }

    /// Whatever book.toml says, the build reports and never panics.
    #[test]
    fn arbitrary_config_never_panics(
        text in "(\\[book\\]|\\[build\\]|\\[collections\\.x\\]|title = \"T\"|base_url = \"\\PC*\"|output = \"[a-z]{1,6}\"|content = \"[a-z]{1,6}\"|theme = \"\\PC{0,8}\"|section = \"\\PC{0,8}\"|\\n|=|\"|\\PC){0,30}",
    ) {
        let site = SiteTest::new().file("book.toml", &text);
        let built = site.build();
        if built.report.has_errors() {
            prop_assert!(built.report.diagnostics.iter().any(|d| d.is_error() && !d.message.is_empty()));
        }
    }
}
