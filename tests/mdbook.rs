//! mdBook books built as they are: each construct of `SUMMARY.md` and `book.toml` in a small
//! book of its own. (The SUMMARY.md parser's own cases are unit tests in src/mdbook/summary.rs.)

use crate::SiteTest;

/// A book as `mdbook init` makes it.
fn init_book() -> SiteTest {
    SiteTest::empty()
        .file(
            "book.toml",
            "[book]\nauthors = [\"Me\"]\nlanguage = \"en\"\nsrc = \"src\"\ntitle = \"My book\"\n",
        )
        .file(
            "src/SUMMARY.md",
            "# Summary\n\n- [Chapter 1](./chapter_1.md)\n",
        )
        .file("src/chapter_1.md", "# Chapter 1\n")
}

/// Every construct of SUMMARY.md, with chapters in folders and a README.
fn full_book() -> SiteTest {
    SiteTest::empty()
        .file("book.toml", "[book]\ntitle = \"Full\"\n\n[build]\nbuild-dir = \"out\"\n")
        .file(
            "src/SUMMARY.md",
            "# Summary\n\n[Introduction](README.md)\n\n---\n\n# Basics\n\n- [Start](start/README.md)\n  - [Install](start/install.md)\n    - [On Linux](start/linux.md)\n  - [Later]()\n- [Second](second.md)\n\n# More\n\n- [Third](third.md)\n\n[Credits](credits.md)\n",
        )
        .file("src/README.md", "# Welcome\n\nSee [install](start/install.md#get-it) and [second](second.html).\n")
        .file("src/start/README.md", "# Getting started\n\nFirst [the intro](../README.md).\n")
        .file("src/start/install.md", "# Install\n\n## Get it\n\nText.\n")
        .file("src/start/linux.md", "Linux text without a heading.\n")
        .file("src/second.md", "# Second\n\n<a id=\"old-anchor\"></a>\n\n## Concatenating with + or format!\n")
        .file("src/third.md", "+++\ndescription = \"Front matter still works.\"\n+++\n\n# Third\n\nBack to [second](second.md#old-anchor) and [there](second.md#concatenating-with--or-format).\n")
        .file("src/credits.md", "# Credits\n")
        .file("src/notes.md", "# Not in SUMMARY.md\n")
}

#[test]
fn the_mdbook_init_book_builds_with_one_title() {
    let t = init_book();
    let built = t.build().ok();
    assert!(
        t.exists("book/chapter_1/index.html"),
        "mdBook's default build-dir"
    );
    let main = built.site.read("book/chapter_1/index.html");
    assert_eq!(main.matches("<h1").count(), 1, "{main}");
    assert!(main.contains("<h1>Chapter 1</h1>"));
    assert!(
        built
            .report
            .notes
            .iter()
            .any(|n| n.starts_with("read as an mdBook book: 1 chapters"))
    );
    // Nothing was written into the book.
    assert_eq!(t.read("src/chapter_1.md"), "# Chapter 1\n");
}

#[test]
fn summary_gives_pages_titles_order_and_navigation() {
    let t = full_book();
    let built = t.build().ok();
    let page = |rel: &str| t.read(&format!("out/{rel}"));
    // README.md is its folder's index page; unlisted files are not pages.
    assert!(page("index.html").contains("<h1>Welcome</h1>"));
    assert!(page("start/index.html").contains("<h1>Getting started</h1>"));
    assert!(!t.exists("out/notes/index.html"));
    // A chapter without a heading takes its title from SUMMARY.md; front matter still works.
    assert!(page("start/linux/index.html").contains("<h1>On Linux</h1>"));
    assert!(page("third/index.html").contains("Front matter still works."));
    // The sidebar: parts, numbers to any depth, a separator, a draft without a link.
    let home = page("index.html");
    let nav = &home[home.find("<ul class=\"nav-list\">").unwrap()..home.find("</nav>").unwrap()];
    for expected in [
        "<li class=\"nav-part\">Basics</li>",
        "<span class=\"nav-number\">1.</span> Start</a>",
        "<span class=\"nav-number\">1.1.</span> Install</a>",
        "<span class=\"nav-number\">1.1.1.</span> On Linux</a>",
        "<span class=\"nav-draft\"><span class=\"nav-number\">1.2.</span> Later</span>",
        "<li class=\"nav-part\">More</li>",
        "<span class=\"nav-number\">3.</span> Third</a>",
        "<li class=\"nav-separator\" aria-hidden=\"true\"><hr></li>",
        ">Credits</a>",
    ] {
        assert!(nav.contains(expected), "{expected} in\n{nav}");
    }
    assert!(
        !nav.contains(">Home</a>"),
        "the introduction is the home page"
    );
    // Previous/next follow SUMMARY.md.
    let linux = page("start/linux/index.html");
    assert!(
        linux.contains("rel=\"prev\"")
            && linux.contains("href=\"../../start/install/\" rel=\"prev\""),
        "{linux}"
    );
    assert!(
        linux.contains("href=\"../../second/\" rel=\"next\""),
        "{linux}"
    );
    assert!(page("third/index.html").contains("href=\"../credits/\" rel=\"next\""));
    assert_eq!(built.report.warnings(), 0, "{:?}", built.messages());
}

#[test]
fn links_as_mdbook_writes_them_resolve() {
    let t = full_book();
    let built = t.build().ok();
    let home = built.site.read("out/index.html");
    // `.md` with a fragment, `.html` as mdBook's output, `README.md` as the folder's index.
    assert!(home.contains("href=\"start/install/#get-it\""), "{home}");
    assert!(home.contains("href=\"second/\""), "{home}");
    assert!(
        t.read("out/start/index.html")
            .contains("href=\"../\">the intro</a>")
    );
    // Raw HTML anchors and mdBook's heading ids (runs of `-` kept) are link targets.
    let third = t.read("out/third/index.html");
    assert!(third.contains("href=\"../second/#old-anchor\""));
    assert!(third.contains("href=\"../second/#concatenating-with--or-format\""));
    assert!(
        t.read("out/second/index.html")
            .contains("id=\"concatenating-with--or-format\"")
    );
}

#[test]
fn links_out_of_the_book_are_warnings_and_kept() {
    let t = init_book().file(
        "src/chapter_1.md",
        "# Chapter 1\n\nSee [std](../std/index.html).\n",
    );
    let built = t.build().ok();
    assert_eq!(
        built.messages(),
        [
            "src/chapter_1.md:3:5: link `../std/index.html` leaves the book; kept pointing at the same place"
        ]
    );
    // One folder further up from the page, which is one folder down from mdBook's
    // `chapter_1.html`; and from the print page.
    assert!(
        t.read("book/chapter_1/index.html")
            .contains("href=\"../../std/index.html\"")
    );
    assert!(
        t.read("book/print/index.html")
            .contains("href=\"../../std/index.html\"")
    );
}

#[test]
fn missing_chapter_files_warn_or_fail_as_create_missing_says() {
    let t = init_book().file(
        "src/SUMMARY.md",
        "- [Chapter 1](chapter_1.md)\n- [Two](two.md)\n",
    );
    let built = t.build().ok();
    assert_eq!(
        built.messages(),
        ["src/SUMMARY.md:2:3: chapter `Two`: no file `src/two.md`"]
    );
    assert!(
        !t.exists("src/two.md"),
        "handbook never writes into the book"
    );
    assert!(
        t.read("book/index.html")
            .contains("<span class=\"nav-draft\"><span class=\"nav-number\">2.</span> Two</span>")
    );
    let t = t.file(
        "book.toml",
        "[book]\ntitle = \"B\"\n\n[build]\ncreate-missing = false\n",
    );
    let built = t.build();
    assert_eq!(built.only_error().location(), "src/SUMMARY.md:2:3");
}

#[test]
fn settings_we_do_not_use_are_warnings_naming_the_key() {
    let t = init_book().file(
        "book.toml",
        "[book]\ntitle = \"B\"\nmultilingual = false\n\n[output.html]\nmathjax-support = true\ntheme = \"my-theme\"\nno-section-label = true\n\n[output.linkcheck]\n\n[preprocessor.katex]\nafter = [\"links\"]\n",
    );
    let built = t.build().ok();
    assert_eq!(
        built.messages(),
        [
            "book.toml:3:1: `book.multilingual` is an mdBook setting handbook does not use yet; ignored",
            "book.toml:6:1: `output.html.mathjax-support` is an mdBook setting handbook does not use yet; ignored",
            "book.toml:10:1: renderer `linkcheck` is not run",
            "book.toml:12:1: preprocessor `katex`: external preprocessors are not run",
        ]
    );
    // no-section-label: no numbers in the sidebar.
    assert!(!t.read("book/index.html").contains("nav-number"));
    // A wrong type is an error at its line.
    let t = t.file("book.toml", "[book]\ntitle = 3\n");
    assert_eq!(t.build().only_error().location(), "book.toml:2:1");
}

#[test]
fn summary_errors_are_reported_at_their_line() {
    let t = init_book().file(
        "src/SUMMARY.md",
        "# Summary\n\n- [Chapter 1](chapter_1.md)\n- Chapter 2\n",
    );
    let built = t.build();
    let e = built.only_error();
    assert_eq!(e.location(), "src/SUMMARY.md:4:1");
    assert_eq!(e.message, "a list item without a chapter link");
    assert!(!t.exists("book"));
}

#[test]
fn a_handbook_with_a_src_folder_but_no_summary_is_not_a_book() {
    let t = SiteTest::new().file("src/notes.md", "not a chapter");
    t.build().ok();
    assert!(t.exists("public/index.html"));
}

#[test]
fn includes_expand_and_keep_positions_in_the_chapter() {
    let t = init_book()
        .file(
            "listings/hello.rs",
            "use std::io;\n// ANCHOR: main\nfn main() {\n    println!(\"hi\");\n}\n// ANCHOR_END: main\n",
        )
        .file(
            "src/chapter_1.md",
            "# Chapter 1\n\n```rust,ignore\n{{#rustdoc_include ../listings/hello.rs:main}}\n```\n\n{{#include ../listings/hello.rs:3}}\n\nLiteral: \\{{#include nothing.md}}\n\nSee [the missing](missing.md).\n",
        );
    let built = t.build();
    // The broken link after the include is reported at its line in the chapter.
    assert_eq!(
        built.messages(),
        ["src/chapter_1.md:11:5: link to missing page `missing.md`"]
    );
    let t = t.file(
        "src/chapter_1.md",
        "# Chapter 1\n\n```rust,ignore\n{{#rustdoc_include ../listings/hello.rs:main}}\n```\n\n{{#include ../listings/hello.rs:3}}\n\nLiteral: \\{{#include nothing.md}}\n",
    );
    let built = t.build().ok();
    let html = built.site.read("book/chapter_1/index.html");
    assert!(html.contains("<pre><code class=\"language-rust\"><span class=\"boring\">use std::io;\n</span>fn main() {\n    println!(\"hi\");\n}\n</code></pre>"), "{html}");
    assert!(html.contains("<p>fn main() {</p>"), "{html}");
    assert!(html.contains("Literal: {{#include nothing.md}}"), "{html}");
    // A playground is the whole file as a Rust block, its hidden lines hidden (it is not run:
    // the site makes no requests of its own, to the Rust playground or elsewhere).
    let t = t
        .file(
            "listings/play.rs",
            "# use std::io;\nfn main() {\n    println!(\"play\");\n}\n",
        )
        .file(
            "src/chapter_1.md",
            "# Chapter 1\n\n{{#playground ../listings/play.rs editable}}\n\nAfter.\n",
        );
    let html = t.build().ok().site.read("book/chapter_1/index.html");
    assert!(html.contains("<pre><code class=\"language-rust\"><span class=\"boring\">use std::io;\n</span>fn main() {\n    println!(\"play\");\n}\n</code></pre>"), "{html}");
    assert!(html.contains("<p>After.</p>"), "{html}");
    // A missing file is an error at the directive; the book's files are untouched.
    let t = t.file(
        "src/chapter_1.md",
        "# Chapter 1\n\nText.\n\n{{#include ../nope.rs}}\n",
    );
    let built = t.build();
    let e = built.only_error();
    assert_eq!(
        (e.location(), e.message.as_str()),
        (
            "src/chapter_1.md:5:1".to_string(),
            "cannot include `../nope.rs`: no such file"
        )
    );
}

#[test]
fn old_addresses_redirect_and_html_settings_are_honoured() {
    let t = init_book()
        .file(
            "book.toml",
            "[book]\ntitle = \"B\"\n\n[output.html]\nadditional-css = [\"theme/extra.css\"]\nadditional-js = [\"./extra.js\"]\ndefault-theme = \"navy\"\n\n[output.html.print]\nenable = false\n\n[output.html.search]\nenable = false\n\n[output.html.redirect]\n\"/old/place.html\" = \"../chapter_1.html\"\n",
        )
        .file("theme/extra.css", "body { color: red }\n")
        .file("extra.js", "// extra\n");
    let built = t.build().ok();
    assert_eq!(built.report.warnings(), 0, "{:?}", built.messages());
    // mdBook's address of each chapter, and the configured redirects, lead to the pages.
    let old = t.read("book/chapter_1.html");
    assert!(
        old.contains("<meta http-equiv=\"refresh\" content=\"0; url=chapter_1/\">"),
        "{old}"
    );
    assert!(
        t.read("book/old/place.html")
            .contains("url=../chapter_1.html\"")
    );
    // Extra CSS and JS are copied and linked; the palette starts dark; no print page, no search.
    let page = t.read("book/chapter_1/index.html");
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"../theme/extra.css\">"),
        "{page}"
    );
    assert!(page.contains("<script src=\"../extra.js\" defer></script>"));
    assert_eq!(t.read("book/theme/extra.css"), "body { color: red }\n");
    assert!(page.contains("else document.documentElement.dataset.theme = \"dark\";"));
    assert!(!t.exists("book/print/index.html"));
    assert!(!t.exists("book/search/index.html") && !t.exists("book/search/index.js"));
    assert!(
        !page.contains("id=\"search\"") && !page.contains("search.js") && !page.contains("print/")
    );
    // A stylesheet outside the book is refused.
    let t = t.file(
        "book.toml",
        "[book]\ntitle = \"B\"\n\n[output.html]\nadditional-css = [\"../x.css\"]\n",
    );
    assert_eq!(
        t.build().only_error().message,
        "`../x.css` is outside the book's folder"
    );
}

/// A book of `parts` parts of `per_part` chapters, the first of each with two sub-chapters.
fn big_book(parts: usize, per_part: usize) -> SiteTest {
    let mut summary = String::from("# Summary\n\n[Preface](README.md)\n");
    let mut t = SiteTest::empty()
        .file("book.toml", "[book]\ntitle = \"Big\"\n")
        .file("src/README.md", "# Preface\n");
    for p in 0..parts {
        summary.push_str(&format!("\n# Part {p}\n\n"));
        for c in 0..per_part {
            let name = format!("p{p}c{c}");
            summary.push_str(&format!("- [Chapter {name}]({name}.md)\n"));
            t = t.file(
                &format!("src/{name}.md"),
                &format!("# Chapter {name}\n\nText.\n"),
            );
            if c == 0 {
                for s in 0..2 {
                    summary.push_str(&format!("    - [Section {name}s{s}]({name}s{s}.md)\n"));
                    t = t.file(&format!("src/{name}s{s}.md"), "Text.\n");
                }
            }
        }
    }
    t.file("src/SUMMARY.md", &summary)
}

/// The `<li>`s of a page's sidebar.
fn nav_entries(html: &str) -> usize {
    let nav = &html[html.find("<ul class=\"nav-list\">").unwrap()..html.find("</nav>").unwrap()];
    nav.matches("<li").count()
}

// A whole outline on every page makes a big book's build quadratic; a big book's page shows a
// window of it whose size does not grow with the book.
#[test]
fn a_big_books_sidebar_is_a_window_that_does_not_grow() {
    let t = big_book(4, 60);
    t.build().ok();
    let page = t.read("book/p1c30/index.html");
    assert!(
        page.contains(
            "aria-current=\"page\"><span class=\"nav-number\">91.</span> Chapter p1c30</a>"
        ),
        "{page}"
    );
    // Other parts: their title, leading to their first chapter; this part: a window, with gaps.
    assert!(page.contains("<li class=\"nav-part\"><a href=\"../p0c0/\">Part 0</a></li>"));
    assert!(page.contains("<li class=\"nav-part\">Part 1</li>"));
    assert!(page.contains("<li class=\"nav-gap\" aria-hidden=\"true\">…</li>"));
    assert!(!page.contains("Chapter p1c5<"), "outside the window");
    assert!(page.contains("Chapter p1c10<") && page.contains("Chapter p1c50<"));
    assert!(!page.contains("Chapter p2c1<"), "another part's chapters");
    // The page's own branch is open: a first chapter shows its sections.
    assert!(t.read("book/p2c0/index.html").contains("Section p2c0s1"));
    let small = nav_entries(&page);
    let t = big_book(8, 120);
    t.build().ok();
    let big = nav_entries(&t.read("book/p1c30/index.html"));
    assert!(
        small > 40 && big <= small + 4,
        "{small} entries, then {big}"
    );
    // A small book shows everything, as mdBook does.
    let t = big_book(2, 20);
    t.build().ok();
    assert!(t.read("book/p1c10/index.html").contains("Chapter p0c19<"));
}

// mdBook serves `a/b.md` at `a/b.html`; we serve it at `a/b/`, one folder deeper, so relative
// URLs in the chapter's raw HTML (which the link checker does not rewrite) get one more `../`.
#[test]
fn raw_html_urls_follow_the_page_one_folder_down() {
    let t = init_book()
        .file("src/SUMMARY.md", "[Intro](README.md)\n- [Chapter 1](chapter_1.md)\n")
        .file("src/README.md", "# Intro\n\n<img src=\"img/logo.svg\" alt=\"Logo\">\n")
        .file("src/chapter_1.md", "# Chapter 1\n\n<img src=\"img/logo.svg\" alt=\"Logo\"> <a href=\"https://x.org/\">x</a>\n")
        .file("src/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    t.build().ok();
    assert!(
        t.read("book/chapter_1/index.html")
            .contains("<img src=\"../img/logo.svg\" alt=\"Logo\"> <a href=\"https://x.org/\">")
    );
    assert!(
        t.read("book/index.html")
            .contains("<img src=\"img/logo.svg\"")
    );
    assert!(t.exists("book/img/logo.svg"));
}

#[test]
fn a_title_directive_sets_the_documents_title() {
    let t = init_book().file(
        "src/chapter_1.md",
        "{{#title Chapter one, in full}}\n# Chapter 1\n\nText.\n",
    );
    t.build().ok();
    let page = t.read("book/chapter_1/index.html");
    assert!(
        page.contains("<title>Chapter one, in full</title>"),
        "{page}"
    );
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(!page.contains("{{#title"));
}

/// `watch` reads a chapter again when a file it includes changes: one inside the book but
/// outside `src/`, and one outside the book's folder (mdBook's guide includes such files).
#[test]
fn watch_rebuilds_a_chapter_when_an_included_file_changes() {
    use handbook::build::BuildOptions;
    use handbook::watch::{self, Update, WatchOptions};
    use std::sync::mpsc::channel;
    use std::time::Duration;
    let t = SiteTest::empty()
        .file("book/book.toml", "[book]\ntitle = \"My book\"\n")
        .file("book/src/SUMMARY.md", "# Summary\n\n- [Chapter 1](./chapter_1.md)\n")
        .file(
            "book/src/chapter_1.md",
            "# Chapter 1\n\n{{#include ../listings/inside.txt}}\n\n{{#include ../../shared/outside.txt}}\n",
        )
        .file("book/listings/inside.txt", "Inside one.\n")
        .file("shared/outside.txt", "Outside one.\n");
    let opts = WatchOptions {
        build: BuildOptions {
            root: t.path("book"),
            write: true,
            ..BuildOptions::default()
        },
        poll: None,
        ready_before_write: false,
    };
    let (stop_tx, stop) = channel::<()>();
    let (seen_tx, seen) = channel::<String>();
    let thread = std::thread::spawn(move || {
        watch::watch(&opts, Some(stop), |update| {
            if let Update::Built { session, .. } = update {
                let page = session
                    .output()
                    .and_then(|o| o.files.get("chapter_1/index.html"))
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default();
                let _ = seen_tx.send(page);
            }
        })
    });
    let wait = Duration::from_secs(20);
    let first = seen.recv_timeout(wait).unwrap();
    assert!(first.contains("<p>Inside one.</p>") && first.contains("<p>Outside one.</p>"));
    for (file, text) in [
        ("book/listings/inside.txt", "Inside two."),
        ("shared/outside.txt", "Outside two."),
    ] {
        t.write(file, format!("{text}\n").as_bytes());
        let page = seen.recv_timeout(wait).unwrap();
        assert!(page.contains(&format!("<p>{text}</p>")), "{file}: {page}");
        assert!(t.read("book/book/chapter_1/index.html").contains(text));
    }
    drop(stop_tx);
    thread.join().unwrap().unwrap();
}

/// `[output.handbook] html-urls = true`: chapters keep mdBook's addresses (no redirect pages),
/// in folders too; links, raw HTML and the print page follow. The same in a converted
/// handbook's `[mdbook]` table.
#[test]
fn html_urls_keep_mdbooks_addresses() {
    let book = |toml: &str| {
        init_book()
            .file("book.toml", toml)
            .file(
                "src/SUMMARY.md",
                "[Intro](README.md)\n- [Chapter 1](chapter_1.md)\n- [Guide](guide/README.md)\n  - [Setup](guide/setup.md)\n",
            )
            .file("src/README.md", "# Intro\n\nSee [setup](guide/setup.md#step).\n")
            .file(
                "src/chapter_1.md",
                "# Chapter 1\n\n<img src=\"img/logo.svg\" alt=\"Logo\">\n\n[std](../std/index.html)\n",
            )
            .file("src/guide/README.md", "# Guide\n\nOn to [setup](setup.md).\n")
            .file("src/guide/setup.md", "# Setup\n\n## Step\n\nBack to [chapter 1](../chapter_1.md).\n")
            .file("src/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    };
    let t = book("[book]\ntitle = \"B\"\n\n[output.handbook]\noptional = true\nhtml-urls = true\n");
    let built = t.build().ok();
    assert_eq!(
        built.messages(),
        [
            "src/chapter_1.md:5:1: link `../std/index.html` leaves the book; kept pointing at the same place"
        ]
    );
    for file in [
        "index.html",
        "chapter_1.html",
        "guide/index.html",
        "guide/setup.html",
    ] {
        assert!(t.exists(&format!("book/{file}")), "{file}");
    }
    assert!(!t.exists("book/chapter_1/index.html") && !t.exists("book/guide/setup/index.html"));
    let home = t.read("book/index.html");
    assert!(home.contains("href=\"guide/setup.html#step\""), "{home}");
    let setup = t.read("book/guide/setup.html");
    assert!(setup.contains("href=\"../chapter_1.html\""), "{setup}");
    assert!(setup.contains("href=\"../assets/style.css\""), "{setup}");
    // Raw HTML and links out of the book stay as mdBook has them: the page did not move.
    let chapter = t.read("book/chapter_1.html");
    assert!(
        chapter.contains("<img src=\"img/logo.svg\" alt=\"Logo\">"),
        "{chapter}"
    );
    assert!(chapter.contains("href=\"../std/index.html\""), "{chapter}");
    // From the print page, one folder down: the same files.
    let print = t.read("book/print/index.html");
    assert!(print.contains("<img src=\"../img/logo.svg\""), "{print}");
    assert!(print.contains("href=\"../../std/index.html\""), "{print}");
    let broken = crate::broken_relative_links(&t.path("book"));
    assert!(
        broken.iter().all(|b| b.contains("std/index.html")),
        "{broken:?}"
    );

    // A converted handbook says it in `[mdbook]`; the same files.
    let converted = SiteTest::empty()
        .file(
            "book.toml",
            "[book]\ntitle = \"B\"\n\n[mdbook]\nhtml_urls = true\n",
        )
        .file("content/SUMMARY.md", "- [Chapter 1](chapter_1.md)\n")
        .file("content/_index.md", "+++\ntitle = \"Intro\"\n+++\n")
        .file(
            "content/chapter_1.md",
            "+++\ntitle = \"Chapter 1\"\n+++\nText.\n",
        );
    converted.build().ok();
    assert!(converted.exists("public/chapter_1.html"));
    assert!(!converted.exists("public/chapter_1/index.html"));
}
