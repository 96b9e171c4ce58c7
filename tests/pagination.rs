//! Listings split into pages: a collection, the pages pointing at an act, a tag, any section.

use crate::{BOOK, SiteTest, broken_relative_links, main_of};

/// A handbook with `n` examples of one act (dated so the newest is example `n`), all tagged
/// `meetings`, and `book` as its book.toml.
fn examples(n: usize, book: &str) -> SiteTest {
    let mut t = SiteTest::new()
        .file("book.toml", book)
        .file(
            "content/acts/listen.md",
            "+++\ntitle = \"Listen\"\n+++\n\nThe act text.\n",
        )
        .file(
            "content/examples/_index.md",
            "+++\ntitle = \"Examples\"\n+++\n\nThe listing introduction.\n",
        );
    for i in 1..=n {
        t = t.file(
            &format!("content/examples/e{i:03}.md"),
            &format!(
                "+++\ntitle = \"Example {i}\"\ndate = 2026-01-{:02}T{:02}:00:00\nact = \"listen\"\ntags = [\"meetings\"]\n+++\n\nStory {i}.\n",
                1 + i / 24,
                i % 24
            ),
        );
    }
    t
}

/// The `<main>` of an output page.
fn main(t: &SiteTest, rel: &str) -> String {
    main_of(&t.read(&format!("public/{rel}")))
}

/// Titles of the cards in a page's `<main>`, in order.
fn cards(main: &str) -> Vec<String> {
    link_texts(main, "class=\"card-title\"><a href=\"")
}

/// The text of each link that follows `opening` (which ends inside the link's `href`).
fn link_texts(html: &str, opening: &str) -> Vec<String> {
    html.split(opening)
        .skip(1)
        .map(|s| {
            s.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn a_collection_listing_is_split_into_pages_with_a_labelled_pager() {
    let t = examples(45, &format!("{BOOK}[build]\npaginate_by = 20\n"));
    t.build().ok();
    let first = main(&t, "examples/index.html");
    let second = main(&t, "examples/page/2/index.html");
    let third = main(&t, "examples/page/3/index.html");
    assert!(!t.exists("public/examples/page/4/index.html"));
    assert!(
        !t.exists("public/examples/page/1/index.html"),
        "page 1 is the listing itself"
    );

    assert_eq!(cards(&first).len(), 20);
    assert_eq!(cards(&first)[0], "Example 45", "newest first");
    assert_eq!(cards(&second)[0], "Example 25");
    assert_eq!(cards(&third).len(), 5);
    assert_eq!(cards(&third)[4], "Example 1");
    assert!(first.contains("45 examples, newest first"), "{first}");
    assert!(first.contains("The listing introduction."));
    assert!(
        !second.contains("The listing introduction."),
        "the text is on page 1 only"
    );

    assert!(second.contains("<nav class=\"pagination\" aria-label=\"Pages of this list\">"));
    assert!(second.contains("Page 2 of 3"), "{second}");
    assert!(
        second.contains("<li><a href=\"../../../examples/\">Examples</a></li></ol>"),
        "page 2's breadcrumbs end at the listing: {second}"
    );
    assert!(
        second.contains("href=\"../../../examples/\" rel=\"prev\""),
        "{second}"
    );
    assert!(
        second.contains("href=\"../../../examples/page/3/\" rel=\"next\""),
        "{second}"
    );
    assert!(
        second.contains("<a href=\"../../../examples/page/2/\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>"),
        "{second}"
    );
    assert!(!first.contains("pagination-prev"), "{first}");
    assert!(!third.contains("pagination-next"), "{third}");
    let html = t.read("public/examples/page/2/index.html");
    assert!(
        html.contains("<title>Examples, page 2 of 3 · Test Book</title>"),
        "{html}"
    );
    assert_eq!(
        broken_relative_links(&t.path("public")),
        Vec::<String>::new()
    );
}

#[test]
fn act_and_tag_listings_are_paginated_too() {
    let t = examples(25, &format!("{BOOK}[build]\npaginate_by = 10\n"));
    t.build().ok();
    let act = main(&t, "acts/listen/index.html");
    assert!(act.contains("The act text."));
    assert!(
        act.contains("<h2 id=\"examples\">Examples (25)</h2>"),
        "{act}"
    );
    assert_eq!(cards(&act).len(), 10);
    let act3 = main(&t, "acts/listen/page/3/index.html");
    assert_eq!(cards(&act3).len(), 5);
    assert!(!act3.contains("The act text."));
    assert!(act3.contains("Examples (25)"));

    let tag = main(&t, "tags/meetings/index.html");
    assert_eq!(cards(&tag).len(), 10);
    assert!(t.exists("public/tags/meetings/page/3/index.html"));
    assert!(!t.exists("public/tags/meetings/page/4/index.html"));
    assert_eq!(
        broken_relative_links(&t.path("public")),
        Vec::<String>::new()
    );
}

#[test]
fn a_listing_that_fits_on_one_page_has_no_pager() {
    // Exactly `paginate_by` entries: one page.
    let t = examples(10, &format!("{BOOK}[build]\npaginate_by = 10\n"));
    t.build().ok();
    let listing = main(&t, "examples/index.html");
    assert_eq!(cards(&listing).len(), 10);
    assert!(!listing.contains("class=\"pagination\""), "{listing}");
    assert!(!t.exists("public/examples/page/2/index.html"));
    // An empty listing.
    let t = SiteTest::new().file(
        "content/examples/_index.md",
        "+++\ntitle = \"Examples\"\n+++\n",
    );
    t.build().ok();
    let listing = main(&t, "examples/index.html");
    assert!(listing.contains("0 examples"), "{listing}");
    assert!(!listing.contains("class=\"pagination\""));
    assert!(!t.exists("public/examples/page"));
}

#[test]
fn collections_and_sections_set_their_own_page_size_and_zero_means_one_page() {
    let book = format!(
        "{BOOK}[collections.examples]\npaginate_by = 0\nfields = [\"context\"]\n[collections.examples.relations.act]\nsection = \"acts\"\n"
    );
    let t = examples(30, &book)
        .file(
            "content/notes/_index.md",
            "+++\ntitle = \"Notes\"\npaginate_by = 2\n+++\n\nIntro.\n",
        )
        .file(
            "content/notes/a.md",
            "+++\ntitle = \"A\"\nweight = 1\n+++\n",
        )
        .file(
            "content/notes/b.md",
            "+++\ntitle = \"B\"\nweight = 2\n+++\n",
        )
        .file(
            "content/notes/c.md",
            "+++\ntitle = \"C\"\nweight = 3\n+++\n",
        );
    t.build().ok();
    assert_eq!(cards(&main(&t, "examples/index.html")).len(), 30);
    assert!(!t.exists("public/examples/page/2/index.html"));
    // The tags keep the default (20).
    assert!(t.exists("public/tags/meetings/page/2/index.html"));
    let notes2 = main(&t, "notes/page/2/index.html");
    assert!(
        notes2.contains("<ol class=\"toc-list\" start=\"3\">"),
        "{notes2}"
    );
    assert!(
        notes2.contains(">C</a>") && !notes2.contains(">A</a>"),
        "{notes2}"
    );
}

#[test]
fn pager_links_in_an_offline_build_name_their_index_files() {
    let t = examples(25, &format!("{BOOK}[build]\npaginate_by = 10\n"));
    t.build_with(|o| o.offline = true).ok();
    let first = main(&t, "examples/index.html");
    assert!(
        first.contains("href=\"../examples/page/2/index.html\" rel=\"next\""),
        "{first}"
    );
    let second = main(&t, "examples/page/2/index.html");
    assert!(
        second.contains("href=\"../../../examples/index.html\" rel=\"prev\""),
        "{second}"
    );
    assert_eq!(
        broken_relative_links(&t.path("public")),
        Vec::<String>::new()
    );
}

#[test]
fn later_pages_are_in_the_sitemap_with_their_own_canonical_url() {
    let t = examples(25, &format!("{BOOK}[build]\npaginate_by = 10\n"));
    t.build_with(|o| o.base_url = Some("https://example.org/hb/".into()))
        .ok();
    let sitemap = t.read("public/sitemap.xml");
    for url in [
        "https://example.org/hb/examples/page/2/",
        "https://example.org/hb/examples/page/3/",
        "https://example.org/hb/acts/listen/page/2/",
        "https://example.org/hb/tags/meetings/page/3/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url}: {sitemap}"
        );
    }
    assert!(!sitemap.contains("page/4/"));
    let html = t.read("public/examples/page/2/index.html");
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/hb/examples/page/2/\">"),
        "{html}"
    );
}

#[test]
fn a_page_size_that_is_not_a_number_is_an_error_at_its_line() {
    let t = SiteTest::new().file(
        "content/notes/_index.md",
        "+++\ntitle = \"Notes\"\npaginate_by = \"ten\"\n+++\n",
    );
    let b = t.build();
    let err = b.only_error();
    assert_eq!(err.location(), "content/notes/_index.md:3:15");
    let t = SiteTest::new().file("book.toml", &format!("{BOOK}[build]\npaginate_by = -1\n"));
    let b = t.build();
    assert_eq!(b.only_error().location(), "book.toml:4:15");
}

/// "More examples of …" shows a page's neighbours in its act's list, not the same first five on
/// every page: readers meet other stories, and a retitled page changes a handful of others.
#[test]
fn related_pages_are_the_neighbours_in_the_act_s_list() {
    let t = examples(10, BOOK);
    t.build().ok();
    let related = |n: usize| {
        let main = main(&t, &format!("examples/e{n:03}/index.html"));
        let section = &main[main.find("class=\"related\"").expect("a related section")..];
        let list = &section[section.find("class=\"related-list\"").expect("a list")..];
        let list = &list[..list.find("</ul>").expect("the list ends")];
        link_texts(list, "<li><a href=\"")
    };
    let titles =
        |ns: &[usize]| -> Vec<String> { ns.iter().map(|n| format!("Example {n}")).collect() };
    // Newest first: 10, 9, ..., 1.
    assert_eq!(related(5), titles(&[7, 6, 4, 3, 2]));
    assert_eq!(related(10), titles(&[9, 8, 7, 6, 5]));
    assert_eq!(related(1), titles(&[6, 5, 4, 3, 2]));
}
