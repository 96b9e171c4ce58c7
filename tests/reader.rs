//! The reader's site beyond pages: search index, feeds, sitemap, canonical links, the print
//! page, offline builds, random pickers, edit links.

use crate::{SiteTest, broken_relative_links, handbook_site};

fn with_base_url(site: SiteTest) -> SiteTest {
    site.file(
        "book.toml",
        "[book]\ntitle = \"Test Book\"\nbase_url = \"https://example.org/hb/\"\n",
    )
}

#[test]
fn feeds_sitemap_and_canonical_links_need_a_base_url() {
    let site = handbook_site();
    let built = site.build().ok();
    assert!(!site.exists("public/examples/atom.xml"));
    assert!(!site.exists("public/sitemap.xml"));
    assert!(!site.exists("public/robots.txt"));
    assert!(!built.html("index.html").contains("rel=\"canonical\""));
    assert!(
        built.report.notes.iter().any(|n| n.contains("no base_url")),
        "{:?}",
        built.report.notes
    );

    let site = with_base_url(handbook_site());
    let built = site.build().ok();
    assert!(built.report.notes.is_empty());
    let act = built.html("acts/ask-the-quiet-voice/index.html");
    assert!(act.contains(
        "<link rel=\"canonical\" href=\"https://example.org/hb/acts/ask-the-quiet-voice/\">"
    ));
    // Every page advertises the examples feed; an act also its own.
    assert!(act.contains("type=\"application/atom+xml\" title=\"Test Book: Examples\" href=\"../../examples/atom.xml\""), "{act}");
    assert!(act.contains("href=\"../../acts/ask-the-quiet-voice/atom.xml\""));
    assert!(
        built
            .html("index.html")
            .contains("href=\"./examples/atom.xml\"")
    );

    let feed = site.read("public/examples/atom.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    let new = feed.find("<title>New story</title>").expect("entry");
    let old = feed.find("<title>Old story</title>").expect("entry");
    assert!(new < old, "newest first");
    assert!(feed.contains("<id>https://example.org/hb/examples/new/</id>"));
    assert!(feed.contains("<published>2026-03-04T00:00:00Z</published>"));
    assert!(
        feed.contains(
            "xml:base=\"https://example.org/hb/examples/new/\">&lt;p&gt;New.&lt;&#x2F;p&gt;"
        ) || feed
            .contains("xml:base=\"https://example.org/hb/examples/new/\">&lt;p&gt;New.&lt;/p&gt;"),
        "{feed}"
    );
    assert!(feed.contains("<name>Sam</name>"));
    let act_feed = site.read("public/acts/ask-the-quiet-voice/atom.xml");
    assert!(act_feed.contains("New story") && act_feed.contains("Old story"));

    let sitemap = site.read("public/sitemap.xml");
    for url in [
        "",
        "acts/",
        "acts/ask-the-quiet-voice/",
        "examples/new/",
        "tags/meetings/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/hb/{url}</loc>")),
            "{url} in {sitemap}"
        );
    }
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/hb/sitemap.xml\n"
    );
}

#[test]
fn feed_text_is_escaped() {
    let site = with_base_url(handbook_site()).file(
        "content/examples/new.md",
        "+++\ntitle = \"Tea & <b>biscuits</b>\"\ndate = 2026-03-04\nact = \"ask-the-quiet-voice\"\n+++\nNew.\n",
    );
    site.build().ok();
    let feed = site.read("public/examples/atom.xml");
    assert!(
        feed.contains("<title>Tea &amp; &lt;b&gt;biscuits&lt;&#x2F;b&gt;</title>")
            || feed.contains("<title>Tea &amp; &lt;b&gt;biscuits&lt;/b&gt;</title>"),
        "{feed}"
    );
    assert!(!feed.contains("<b>biscuits"));
}

#[test]
fn print_page_holds_every_page_with_unique_ids_and_inner_links() {
    let site = handbook_site().file(
        "content/examples/new.md",
        "+++\ntitle = \"New story\"\ndate = 2026-03-04\nact = \"ask-the-quiet-voice\"\n+++\n## Why\nSee [the act](../acts/ask-the-quiet-voice.md#why) and [here](#why).\n",
    );
    site.build().ok();
    let print = site.read("public/print/index.html");
    for anchor in [
        "p-home",
        "p-acts",
        "p-acts-ask-the-quiet-voice",
        "p-examples-new",
        "p-examples-old",
    ] {
        assert!(print.contains(&format!("id=\"{anchor}\"")), "{anchor}");
        assert!(
            print.contains(&format!("href=\"#{anchor}\"")),
            "toc links {anchor}"
        );
    }
    // Links between pages become in-page anchors, with heading ids prefixed by chapter.
    assert!(
        print.contains("href=\"#p-acts-ask-the-quiet-voice--why\""),
        "{print}"
    );
    assert!(print.contains("id=\"p-acts-ask-the-quiet-voice--why\""));
    assert!(print.contains("href=\"#p-examples-new--why\""));
    let mut ids: Vec<&str> = print
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids on the print page are unique");
    // Reachable from every page.
    assert!(
        site.read("public/examples/new/index.html")
            .contains("href=\"../../print/\"")
    );
}

#[test]
fn large_collections_are_left_out_of_the_print_page() {
    let mut site = handbook_site();
    for n in 0..201 {
        site = site.file(
            &format!("content/examples/e{n}.md"),
            &format!("+++\ntitle = \"Story {n}\"\ndate = 2026-01-01\nact = \"share-the-credit\"\n+++\nText {n}.\n"),
        );
    }
    site.build().ok();
    let print = site.read("public/print/index.html");
    assert!(!print.contains("Story 7"));
    assert!(
        print.contains("The 203 pages of this section are not included here"),
        "{}",
        &print[..2000.min(print.len())]
    );
    assert!(print.contains("id=\"p-acts-share-the-credit\""));
}

#[test]
fn offline_build_spells_index_html_and_every_link_resolves() {
    let site = handbook_site();
    let built = site.build_with(|o| o.offline = true).ok();
    let html = built.html("examples/new/index.html");
    assert!(
        html.contains("href=\"../../acts/ask-the-quiet-voice/index.html\""),
        "{html}"
    );
    assert!(html.contains("href=\"../../index.html\""));
    assert!(html.contains("href=\"../../tags/meetings/index.html\""));
    assert!(html.contains("href=\"../../print/index.html\""));
    // No link may end in a folder: from disk, a folder is a listing, not a page.
    for (rel, bytes) in crate::files_under(&site.path("public")) {
        if std::path::Path::new(&rel)
            .extension()
            .is_some_and(|e| e == "html")
            && crate::file_name(&rel) != "404.html"
        {
            let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
            for link in crate::links_in(&text) {
                let path = link.split('#').next().unwrap();
                if link.contains("://") || link.starts_with('#') || link.starts_with("mailto:") {
                    continue;
                }
                assert!(!path.is_empty() && !path.ends_with('/'), "{link} in {rel}");
            }
        }
    }
    assert_eq!(
        broken_relative_links(&site.path("public")),
        Vec::<String>::new()
    );
}

#[test]
fn random_picker_lists_the_pages_of_the_collection_listing() {
    let site = handbook_site();
    let built = site.build().ok();
    let picker = built.html("examples/random/index.html");
    // Two examples, one listing page: the picker goes there with `?random=<0 or 1>`.
    assert!(
        picker.contains("data-count=\"2\" data-per-page=\"20\""),
        "{picker}"
    );
    assert!(
        picker.contains("<li><a href=\"../../examples/\">Page 1</a></li></ul>"),
        "{picker}"
    );
    assert!(picker.contains("location.replace"));
    let paged = handbook_site().file(
        "book.toml",
        "[book]\ntitle = \"Test Book\"\n[build]\npaginate_by = 1\n",
    );
    let built_paged = paged.build().ok();
    let picker = built_paged.html("examples/random/index.html");
    assert!(
        picker.contains("data-count=\"2\" data-per-page=\"1\""),
        "{picker}"
    );
    assert!(
        picker.contains("href=\"../../examples/page/2/\">Page 2</a>"),
        "{picker}"
    );
    assert!(
        built
            .html("examples/new/index.html")
            .contains("href=\"../../examples/random/\"")
    );
}

#[test]
fn edit_and_propose_links_come_from_the_config() {
    let site = handbook_site().file(
        "book.toml",
        "[book]\ntitle = \"T\"\nedit_url = \"https://git.example/edit/main/{path}\"\npropose_url = \"https://git.example/new/main/content/examples\"\n",
    );
    let built = site.build().ok();
    let page = built.html("examples/new/index.html");
    assert!(
        page.contains("href=\"https://git.example/edit/main/content/examples/new.md\""),
        "{page}"
    );
    assert!(page.contains("href=\"https://git.example/new/main/content/examples\""));

    let site = handbook_site().file(
        "book.toml",
        "[book]\ntitle = \"T\"\nedit_url = \"https://git.example/edit/main/\"\n",
    );
    let built = site.build();
    let e = built.only_error();
    assert_eq!(e.location(), "book.toml:3:1");
    assert!(e.message.contains("needs `{path}`"), "{}", e.message);
}

#[test]
fn search_index_escapes_what_it_stores_and_counts_every_page() {
    let site = handbook_site().file(
        "content/examples/new.md",
        "+++\ntitle = \"<img src=x onerror=alert(1)>\"\ndate = 2026-03-04\nact = \"ask-the-quiet-voice\"\n+++\nNew.\n",
    );
    let built = site.build().ok();
    let manifest = site.read("public/search/index.js");
    assert!(
        manifest.contains(&format!("\"pages\":{},", built.report.pages)),
        "{manifest}"
    );
    let docs: String = std::fs::read_dir(site.path("public/search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("d-"))
        .map(|n| site.read(&format!("public/search/{n}")))
        .collect();
    assert!(
        docs.contains("\\u003cimg src=x onerror=alert(1)>"),
        "{docs}"
    );
    assert!(!docs.contains("<img"));
    // The word is findable: a shard names it.
    let shards: Vec<String> = std::fs::read_dir(site.path("public/search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("t-"))
        .collect();
    assert!(
        shards.iter().any(|n| site
            .read(&format!("public/search/{n}"))
            .contains("\"onerror\":")),
        "{shards:?}"
    );
}

/// Hosts read `.htaccess` and `.well-known/`; editors' leftovers stay behind.
#[test]
fn static_dotfiles_are_published_but_leftovers_are_not() {
    let site = handbook_site()
        .file("static/.htaccess", "ErrorDocument 404 /404.html\n")
        .file(
            "static/.well-known/security.txt",
            "Contact: mailto:x@example.org\n",
        )
        .file("static/.DS_Store", "junk")
        .file("static/notes.txt~", "backup");
    site.build().ok();
    assert!(site.exists("public/.htaccess"));
    assert!(site.exists("public/.well-known/security.txt"));
    assert!(!site.exists("public/.DS_Store"));
    assert!(!site.exists("public/notes.txt~"));
}

/// Regression: the navigation was in every page twice (sidebar and phone menu), a third of an
/// example page's bytes at 10,000 examples.
#[test]
fn every_page_holds_the_navigation_once() {
    let site = handbook_site();
    let built = site.build().ok();
    for page in [
        "index.html",
        "acts/ask-the-quiet-voice/index.html",
        "examples/index.html",
        "tags/index.html",
    ] {
        let html = built.html(page);
        assert_eq!(
            html.matches("aria-label=\"Handbook contents\"").count(),
            1,
            "{page}"
        );
        assert_eq!(html.matches("class=\"nav-list\"").count(), 1, "{page}");
    }
}

/// The sidebar names every section but lists a section's pages only on the pages inside it:
/// at 10,000 examples the chapters and acts listed on every example were a fifth of the output.
#[test]
fn the_navigation_lists_the_pages_of_the_section_being_read() {
    let site = handbook_site();
    let built = site.build().ok();
    let nav = |page: &str| -> String {
        let html = built.html(page);
        let start = html
            .find("aria-label=\"Handbook contents\"")
            .unwrap_or_else(|| panic!("{page} has no navigation"));
        let end = start + html[start..].find("</nav>").expect("the navigation ends");
        html[start..end].to_string()
    };
    let act = nav("acts/ask-the-quiet-voice/index.html");
    assert!(
        act.contains("<li class=\"nav-section nav-open\"><a href=\"../../acts/\">Acts</a><ul>"),
        "{act}"
    );
    assert!(
        act.contains("<a href=\"../../acts/share-the-credit/\">Share the credit</a>"),
        "{act}"
    );
    assert!(
        act.contains("aria-current=\"page\">Ask the quiet voice</a>"),
        "{act}"
    );
    let acts = nav("acts/index.html");
    assert!(
        acts.contains("<a href=\"../acts/share-the-credit/\">Share the credit</a>"),
        "{acts}"
    );
    for page in ["index.html", "examples/new/index.html", "tags/index.html"] {
        let other = nav(page);
        assert!(other.contains("acts/\">Acts</a></li>"), "{page}: {other}");
        assert!(!other.contains("share-the-credit"), "{page}: {other}");
    }
}
