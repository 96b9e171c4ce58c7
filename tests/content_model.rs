//! URLs, sections, ordering, collections, relations and tags.

use crate::{BOOK, SiteTest, broken_relative_links, handbook_site};

#[test]
fn pretty_urls_for_pages_and_sections() {
    let t = SiteTest::new()
        .file("content/a/_index.md", "+++\ntitle = \"A\"\n+++\n")
        .file("content/a/b.md", "+++\ntitle = \"B\"\n+++\n")
        .file("content/top.md", "+++\ntitle = \"Top\"\n+++\n");
    t.build().ok();
    for path in [
        "public/index.html",
        "public/a/index.html",
        "public/a/b/index.html",
        "public/top/index.html",
        "public/404.html",
    ] {
        assert!(t.exists(path), "{path} missing");
    }
}

#[test]
fn slug_overrides_the_file_name() {
    let t = SiteTest::new().file(
        "content/My Page.md",
        "+++\ntitle = \"P\"\nslug = \"custom\"\n+++\n",
    );
    t.build().ok();
    assert!(t.exists("public/custom/index.html"));
}

#[test]
fn file_names_become_lowercase_url_slugs() {
    let t = SiteTest::new().file("content/My Page.md", "+++\ntitle = \"P\"\n+++\n");
    t.build().ok();
    assert!(t.exists("public/my-page/index.html"));
}

#[test]
fn folder_without_index_is_still_a_section() {
    let t = SiteTest::new().file("content/guides/one.md", "+++\ntitle = \"One\"\n+++\n");
    let b = t.build().ok();
    assert!(b.main("guides/index.html").contains("<h1>Guides</h1>"));
    assert!(
        b.main("guides/index.html")
            .contains("href=\"../guides/one/\"")
    );
}

#[test]
fn pages_are_ordered_by_weight_then_title() {
    let t = SiteTest::new()
        .file("content/s/_index.md", "+++\ntitle = \"S\"\n+++\n")
        .file(
            "content/s/c.md",
            "+++\ntitle = \"Charlie\"\nweight = 1\n+++\n",
        )
        .file(
            "content/s/a.md",
            "+++\ntitle = \"Alpha\"\nweight = 2\n+++\n",
        )
        .file(
            "content/s/b.md",
            "+++\ntitle = \"Bravo\"\nweight = 2\n+++\n",
        )
        .file("content/s/z.md", "+++\ntitle = \"Zulu\"\n+++\n");
    let b = t.build().ok();
    let main = b.main("s/index.html");
    let pos = |s: &str| main.find(s).unwrap_or_else(|| panic!("{s} not listed"));
    assert!(
        pos("Charlie") < pos("Alpha") && pos("Alpha") < pos("Bravo") && pos("Bravo") < pos("Zulu")
    );
    // prev/next follow the same order
    let alpha = b.main("s/a/index.html");
    assert!(alpha.contains("rel=\"prev\"") && alpha.contains("Charlie"));
    assert!(alpha.contains("rel=\"next\"") && alpha.contains("Bravo"));
}

#[test]
fn minimal_config_gets_examples_and_acts_by_default() {
    let t = handbook_site();
    let b = t.build().ok();
    // act page lists its examples, newest first
    let act = b.main("acts/ask-the-quiet-voice/index.html");
    let (new, old) = (
        act.find("New story").unwrap(),
        act.find("Old story").unwrap(),
    );
    assert!(new < old, "newest first on the act page");
    // examples index, newest first
    let index = b.main("examples/index.html");
    assert!(index.find("New story").unwrap() < index.find("Old story").unwrap());
    // example page shows its act as a link, contributor, and anonymous fallback
    let new_page = b.main("examples/new/index.html");
    assert!(
        new_page.contains("href=\"../../acts/ask-the-quiet-voice/\">Ask the quiet voice</a>"),
        "{new_page}"
    );
    assert!(new_page.contains("Sam"));
    assert!(b.main("examples/old/index.html").contains("Anonymous"));
    // "more examples of this act"
    assert!(new_page.contains("Old story"));
    // the act with no examples says so
    assert!(
        b.main("acts/share-the-credit/index.html")
            .contains("No examples of this act yet")
    );
}

#[test]
fn tags_get_pages_and_an_index_with_counts() {
    let t = handbook_site();
    let b = t.build().ok();
    let tags = b.main("tags/index.html");
    assert!(
        tags.contains("href=\"../tags/meetings/\"") || tags.contains("href=\"meetings/\""),
        "{tags}"
    );
    assert!(
        tags.contains("2 pages"),
        "Meetings and meetings merge into one tag: {tags}"
    );
    assert!(tags.contains("1 page<"), "{tags}");
    let meetings = b.main("tags/meetings/index.html");
    assert!(meetings.contains("New story") && meetings.contains("Old story"));
    assert!(t.exists("public/tags/remote-work/index.html"));
}

#[test]
fn declared_collections_replace_the_defaults() {
    let t = SiteTest::empty()
        .file(
            "book.toml",
            "[book]\ntitle = \"Recipes\"\n[collections.recipes]\nsort_by = \"title\"\nfields = [\"cook\"]\n[collections.recipes.relations.cuisine]\nsection = \"cuisines\"\nrequired = true\n",
        )
        .file("content/_index.md", "+++\ntitle = \"Home\"\n+++\n")
        .file("content/cuisines/thai.md", "+++\ntitle = \"Thai\"\n+++\n")
        .file("content/recipes/b.md", "+++\ntitle = \"Bravo soup\"\ncuisine = \"thai\"\ncook = \"me\"\n+++\n")
        .file("content/recipes/a.md", "+++\ntitle = \"Alpha curry\"\ncuisine = \"thai\"\n+++\n");
    let b = t.build().ok();
    let list = b.main("recipes/index.html");
    assert!(list.find("Alpha curry").unwrap() < list.find("Bravo soup").unwrap());
    let bad = SiteTest::empty()
        .file("book.toml", "[book]\ntitle = \"R\"\n[collections.recipes.relations.cuisine]\nsection = \"cuisines\"\nrequired = true\n")
        .file("content/cuisines/thai.md", "+++\ntitle = \"Thai\"\n+++\n")
        .file("content/recipes/a.md", "+++\ntitle = \"A\"\ncuisine = \"tai\"\n+++\n");
    let e = bad.build();
    let err = e.only_error();
    assert_eq!(err.location(), format!("{}:3:11", err.path));
    assert_eq!(
        err.message,
        "unknown cuisine `tai`: no page `cuisines/tai.md`"
    );
    assert!(
        err.hint
            .as_deref()
            .unwrap()
            .contains("did you mean `thai`?")
    );
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let t = SiteTest::new().file(
        "content/wip.md",
        "+++\ntitle = \"WIP\"\ndraft = true\n+++\n",
    );
    t.build().ok();
    assert!(!t.exists("public/wip/index.html"));
    t.build_with(|o| o.drafts = true).ok();
    assert!(t.exists("public/wip/index.html"));
}

#[test]
fn same_url_from_two_files_is_an_error_naming_both() {
    let t = SiteTest::new()
        .file("content/a.md", "+++\ntitle = \"A\"\nslug = \"same\"\n+++\n")
        .file("content/b.md", "+++\ntitle = \"B\"\nslug = \"same\"\n+++\n");
    let b = t.build();
    let e = b.only_error();
    assert!(
        e.message.contains("content/a.md") && e.message.contains("content/b.md"),
        "{}",
        e.message
    );
    assert!(e.message.contains("/same/"));
}

#[test]
fn urls_that_differ_only_in_case_collide() {
    let t = SiteTest::new()
        .file("content/a.md", "+++\ntitle = \"A\"\nslug = \"page\"\n+++\n")
        .file("content/Page.md", "+++\ntitle = \"B\"\n+++\n");
    let b = t.build();
    assert!(
        b.only_error()
            .message
            .contains("both map to the URL `/page/`"),
        "{:?}",
        b.messages()
    );
}

#[test]
fn markdown_extensions_and_heading_anchors_render() {
    let t = SiteTest::new().file(
        "content/md.md",
        "+++\ntitle = \"MD\"\n+++\n## A heading\n\n## A heading\n\n| x |\n|---|\n| y |\n\nNote[^n].\n\n[^n]: Footnote.\n\n- [ ] task\n\n~~gone~~ \"smart\"\n",
    );
    let b = t.build().ok();
    let main = b.main("md/index.html");
    assert!(
        main.contains("<h2 id=\"a-heading\">A heading <a class=\"anchor\" href=\"#a-heading\"")
    );
    assert!(main.contains("<h2 id=\"a-heading-1\">"));
    assert!(
        main.contains("<table>") && main.contains("<del>gone</del>") && main.contains("“smart”")
    );
    assert!(main.contains("id=\"fn-n\"") && main.contains("href=\"#fn-n\""));
    assert!(main.contains("type=\"checkbox\""));
}

#[test]
fn output_links_resolve_at_any_depth() {
    let t = handbook_site()
        .file("content/deep/er/page.md", "+++\ntitle = \"Deep\"\n+++\nSee [acts](../../acts/_index.md) and [home](../../_index.md).\n");
    t.build().ok();
    assert_eq!(
        broken_relative_links(&t.path("public")),
        Vec::<String>::new()
    );
}

#[test]
fn book_toml_with_only_a_title_builds() {
    let t = SiteTest::empty()
        .file("book.toml", BOOK)
        .file("content/x.md", "+++\ntitle = \"X\"\n+++\n");
    let b = t.build().ok();
    assert!(b.html("index.html").contains("<title>Test Book</title>"));
    assert!(
        b.html("x/index.html")
            .contains("<title>X · Test Book</title>")
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_only_inside_the_project() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "+++\ntitle = \"Secret\"\n+++\n",
    )
    .unwrap();
    let t = SiteTest::new().file("shared/inside.md", "+++\ntitle = \"Inside\"\n+++\n");
    symlink(
        outside.path().join("secret.md"),
        t.path("content/secret.md"),
    )
    .unwrap();
    symlink(t.path("shared/inside.md"), t.path("content/inside.md")).unwrap();
    symlink(t.path("content"), t.path("content/loop")).unwrap();
    symlink(t.path("content/nowhere.md"), t.path("content/dangling.md")).unwrap();
    let b = t.build().ok();
    assert!(t.exists("public/inside/index.html"));
    assert!(!t.exists("public/secret/index.html"));
    let messages = b.messages().join("\n");
    assert!(
        messages.contains("content/secret.md: symbolic link points outside the project; skipped"),
        "{messages}"
    );
    assert!(
        messages.contains("content/loop: symbolic link loop; skipped"),
        "{messages}"
    );
    assert!(
        messages.contains("content/dangling.md: dangling symbolic link; skipped"),
        "{messages}"
    );
}
