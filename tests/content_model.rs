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

/// The engine and the default theme know collections only from book.toml: a handbook made by
/// `init` whose folders and collection are renamed builds with its relations, listings, feeds
/// and home page in the new words, and none of the old ones.
#[test]
fn renamed_collections_build_with_relations_listings_and_home_page() {
    let t = SiteTest::empty();
    let dir = t.path("hb");
    handbook::scaffold::init(&dir, Some("Principles at Work")).unwrap();
    let book = t.read("hb/book.toml");
    let book = book
        .replace("collections.examples", "collections.stories")
        .replace("section = \"examples\"", "section = \"stories\"")
        .replace("item = \"example\"", "item = \"story\"")
        .replace("[\"contributor\", \"context\"]", "[\"teller\", \"place\"]")
        .replace(
            "author_field = \"contributor\"",
            "author_field = \"teller\"",
        )
        .replace("setting_field = \"context\"", "setting_field = \"place\"")
        .replace("relations.act]", "relations.principle]")
        .replace("section = \"acts\"", "section = \"principles\"");
    let tables = &book[book.find("[collections").unwrap()..];
    assert!(
        !tables.contains("example") && !tables.contains("acts"),
        "{tables}"
    );
    let t = t.file("hb/book.toml", &book);
    std::fs::rename(dir.join("content/acts"), dir.join("content/principles")).unwrap();
    std::fs::rename(dir.join("content/examples"), dir.join("content/stories")).unwrap();
    std::fs::remove_file(dir.join("content/stories/first-example.md")).unwrap();
    let t = t
        .file(
            "hb/content/_index.md",
            "+++\ntitle = \"Principles at Work\"\n+++\n\nStart anywhere.\n",
        )
        .file(
            "hb/content/principles/_index.md",
            "+++\ntitle = \"Principles\"\nweight = 1\n+++\n\nSmall things anyone can do.\n",
        )
        .file(
            "hb/content/stories/_index.md",
            "+++\ntitle = \"Stories\"\n+++\n\nTrue stories, newest first.\n",
        )
        .file(
            "hb/content/contribute.md",
            "+++\ntitle = \"Tell a story\"\ndescription = \"Share what you saw.\"\n+++\n\nWrite it down.\n",
        )
        .file(
            "hb/content/stories/night-shift.md",
            "+++\ntitle = \"The night shift\"\ndate = 2026-03-01\nprinciple = \"ask-the-quiet-voice\"\nteller = \"Sam\"\nplace = \"hospital\"\n+++\n\nA nurse asked the new aide what she had noticed.\n",
        )
        .file(
            "hb/content/stories/standup.md",
            "+++\ntitle = \"The standup\"\ndate = 2026-02-01\nprinciple = \"ask-the-quiet-voice\"\n+++\n\nSomeone waited for the quiet one.\n",
        );
    let out = t.path("hb/public");
    let report = handbook::build(&handbook::BuildOptions {
        root: dir.clone(),
        output: Some(out.clone()),
        base_url: Some("https://example.org".into()),
        write: true,
        ..Default::default()
    })
    .unwrap();
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    assert_eq!(report.warnings(), 0, "{:?}", report.diagnostics);

    let story = crate::main_of(&t.read("hb/public/stories/night-shift/index.html"));
    assert!(
        story.contains("<dt>Principle</dt><dd><a href=\"../../principles/ask-the-quiet-voice/\">Ask the quiet voice</a></dd>"),
        "{story}"
    );
    assert!(story.contains("<dt>Shared by</dt><dd>Sam</dd>"), "{story}");
    assert!(
        story.contains("<dt>Setting</dt><dd>Hospital</dd>"),
        "{story}"
    );
    assert!(
        story.contains("More stories of Ask the quiet voice"),
        "{story}"
    );
    assert!(story.contains("Read another story at random"), "{story}");

    let principle = crate::main_of(&t.read("hb/public/principles/ask-the-quiet-voice/index.html"));
    assert!(
        principle.contains("<h2 id=\"stories\">Stories (2)</h2>"),
        "{principle}"
    );
    assert!(
        principle.find("The night shift").unwrap() < principle.find("The standup").unwrap(),
        "newest first: {principle}"
    );

    let listing = crate::main_of(&t.read("hb/public/stories/index.html"));
    assert!(listing.contains("2 stories, newest first."), "{listing}");

    let home = crate::main_of(&t.read("hb/public/index.html"));
    assert!(home.contains("The principles at a glance"), "{home}");
    assert!(home.contains("Newest stories"), "{home}");
    assert!(home.contains("All 2 stories"), "{home}");
    assert!(
        home.contains("<a class=\"button\" href=\"./contribute/\">Tell a story</a>"),
        "{home}"
    );

    let feed = t.read("hb/public/stories/atom.xml");
    assert!(feed.contains("<name>Sam</name>"), "{feed}");
    assert!(t.exists("hb/public/stories/random/index.html"));
    assert!(t.exists("hb/public/principles/ask-the-quiet-voice/atom.xml"));
    // What readers see (the theme's CSS class names aside) is in the handbook's own words.
    for page in [
        "index.html",
        "stories/night-shift/index.html",
        "stories/index.html",
    ] {
        let html = crate::main_of(&t.read(&format!("hb/public/{page}")));
        let text = visible_text(&html).to_lowercase();
        for old in ["example", " act ", " acts "] {
            assert!(!text.contains(old), "`{old}` in {page}: {text}");
        }
    }
}

/// A collection's `guide` names a page; a missing one is an error, not a silently missing
/// invitation on the home page.
#[test]
fn a_missing_guide_page_is_an_error() {
    let t = SiteTest::empty()
        .file(
            "book.toml",
            "[book]\ntitle = \"T\"\n[collections.notes]\nguide = \"how-to.md\"\n",
        )
        .file("content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
    let b = t.build();
    let err = b.only_error();
    assert_eq!(err.path, "book.toml");
    assert_eq!(
        err.message,
        "the `guide` of collection `notes` is `how-to.md`, but there is no page `content/how-to.md`"
    );
}

/// The text of an HTML fragment without its tags.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// "Last updated" shows where it tells the reader something; a collection can turn it off.
#[test]
fn a_collection_can_hide_last_updated_dates() {
    let page = "+++\ntitle = \"Story\"\ndate = 2026-01-01\nupdated = 2026-05-01\nact = \"listen\"\n+++\n\nText.\n";
    let site = |extra: &str| {
        SiteTest::new()
            .file(
                "book.toml",
                &format!("{BOOK}[collections.examples]\nfields = []\n{extra}[collections.examples.relations.act]\nsection = \"acts\"\n"),
            )
            .file("content/acts/listen.md", "+++\ntitle = \"Listen\"\n+++\n")
            .file("content/examples/story.md", page)
    };
    let shown = site("");
    shown.build().ok();
    assert!(
        shown
            .read("public/examples/story/index.html")
            .contains("<dt>Last updated</dt>")
    );
    let hidden = site("show_updated = false\n");
    hidden.build().ok();
    let html = hidden.read("public/examples/story/index.html");
    assert!(!html.contains("Last updated"), "{html}");
}
