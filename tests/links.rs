//! Internal links: written as relative source paths, rewritten to relative output URLs, checked.

use crate::{SiteTest, handbook_site};

#[test]
fn links_to_source_files_become_relative_urls() {
    let t = handbook_site().file(
        "content/guide.md",
        "+++\ntitle = \"Guide\"\n+++\n[quiet](acts/ask-the-quiet-voice.md#why) [acts](acts/_index.md) [acts dir](acts/) [self](#top) [ext](https://example.org)\n\n## Top\n",
    );
    let b = t.build().ok();
    let main = b.main("guide/index.html");
    assert!(
        main.contains("href=\"../acts/ask-the-quiet-voice/#why\""),
        "{main}"
    );
    assert!(main.contains("href=\"../acts/\">acts</a>"));
    assert!(main.contains("href=\"../acts/\">acts dir</a>"));
    assert!(main.contains("href=\"#top\""));
    assert!(main.contains("href=\"https://example.org\""));
}

#[test]
fn link_to_missing_page_is_an_error_with_suggestion() {
    let t = handbook_site().file(
        "content/g.md",
        "+++\ntitle = \"G\"\n+++\nSee [it](acts/ask-the-quiet-voise.md).\n",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(e.location(), "content/g.md:4:5");
    assert_eq!(
        e.message,
        "link to missing page `acts/ask-the-quiet-voise.md`"
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("did you mean `acts/ask-the-quiet-voice.md`?")
    );
}

#[test]
fn link_to_missing_anchor_is_an_error() {
    let t = handbook_site().file(
        "content/g.md",
        "+++\ntitle = \"G\"\n+++\n\n[it](acts/ask-the-quiet-voice.md#wyh)\n",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(e.location(), "content/g.md:5:1");
    assert_eq!(
        e.message,
        "`content/acts/ask-the-quiet-voice.md` has no heading with id `wyh`"
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `#why`?"));
}

#[test]
fn link_to_missing_anchor_on_the_same_page_is_an_error() {
    let t = SiteTest::new().file(
        "content/g.md",
        "+++\ntitle = \"G\"\n+++\n## Real\n[x](#fake)\n",
    );
    let b = t.build();
    assert_eq!(
        b.only_error().message,
        "no heading with id `fake` on this page"
    );
}

#[test]
fn link_to_a_draft_is_an_error_unless_drafts_are_built() {
    let t = SiteTest::new()
        .file(
            "content/wip.md",
            "+++\ntitle = \"WIP\"\ndraft = true\n+++\n",
        )
        .file("content/g.md", "+++\ntitle = \"G\"\n+++\n[wip](wip.md)\n");
    let b = t.build();
    assert_eq!(
        b.only_error().message,
        "link to draft page `wip.md`, which is not built"
    );
    t.build_with(|o| o.drafts = true).ok();
}

#[test]
fn links_outside_the_content_folder_are_errors() {
    let t = SiteTest::new().file(
        "content/g.md",
        "+++\ntitle = \"G\"\n+++\n[x](../../etc/passwd)\n",
    );
    let b = t.build();
    assert_eq!(
        b.only_error().message,
        "link `../../etc/passwd` points outside the content folder"
    );
}

#[test]
fn colocated_assets_and_static_files_are_copied_and_linked() {
    let t = SiteTest::new()
        .file("content/s/_index.md", "+++\ntitle = \"S\"\n+++\n")
        .file(
            "content/s/p.md",
            "+++\ntitle = \"P\"\n+++\n![a photo](photo.png) [css](../css/x.css)\n",
        )
        .file("content/s/photo.png", "PNG")
        .file("static/css/x.css", "body{}");
    let b = t.build().ok();
    let main = b.main("s/p/index.html");
    assert!(main.contains("src=\"../photo.png\""), "{main}");
    assert!(main.contains("href=\"../../css/x.css\""), "{main}");
    assert_eq!(t.read("public/s/photo.png"), "PNG");
    assert_eq!(t.read("public/css/x.css"), "body{}");
}

/// A page's link written as its URL (`../acts/x/`) finds the page, as its `.md` file does; a
/// URL-style link to no page says to link the `.md` file (it used to hint at `static/`).
#[test]
fn links_written_as_page_urls_find_the_page_or_say_how_to_link_it() {
    let t = handbook_site().file(
        "content/examples/x.md",
        "+++\ntitle = \"X\"\ndate = 2026-01-02\nact = \"ask-the-quiet-voice\"\n+++\n[the act](../acts/ask-the-quiet-voice/) and [again](../acts/ask-the-quiet-voice#why).\n",
    );
    let b = t.build().ok();
    let main = b.main("examples/x/index.html");
    assert!(
        main.contains("href=\"../../acts/ask-the-quiet-voice/\">the act</a>"),
        "{main}"
    );
    assert!(main.contains("href=\"../../acts/ask-the-quiet-voice/#why\">again</a>"));

    let t = handbook_site().file(
        "content/g.md",
        "+++\ntitle = \"G\"\n+++\nSee [it](acts/ask-the-quiet-voise/).\n",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(e.location(), "content/g.md:4:5");
    assert_eq!(
        e.message,
        "link to missing page `acts/ask-the-quiet-voise/`"
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("did you mean `acts/ask-the-quiet-voice.md`?")
    );
    let t = handbook_site().file(
        "content/g.md",
        "+++\ntitle = \"G\"\n+++\nSee [it](nowhere/at-all/).\n",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(
        e.hint.as_deref(),
        Some("link to a page by its `.md` file, e.g. `../acts/share-the-credit.md`")
    );
}

/// On the page itself the hint says "this page" (it said "that page has no headings").
#[test]
fn a_missing_anchor_on_a_page_without_headings_says_this_page() {
    let t = SiteTest::new().file("content/g.md", "+++\ntitle = \"G\"\n+++\n[x](#fake)\n");
    let b = t.build();
    let e = b.only_error();
    assert_eq!(e.message, "no heading with id `fake` on this page");
    assert_eq!(e.hint.as_deref(), Some("this page has no headings"));
}

#[test]
fn link_to_missing_file_is_an_error() {
    let t = SiteTest::new().file(
        "content/p.md",
        "+++\ntitle = \"P\"\n+++\n![pic](nope.png)\n",
    );
    assert_eq!(
        t.build().only_error().message,
        "link to missing file `nope.png`"
    );
}

#[test]
fn absolute_links_are_warned_about() {
    let t = SiteTest::new().file("content/p.md", "+++\ntitle = \"P\"\n+++\n[x](/about/)\n");
    let b = t.build().ok();
    assert_eq!(
        b.messages(),
        [
            "content/p.md:4:1: absolute link `/about/` breaks when the site is hosted under a subpath"
        ]
    );
}
