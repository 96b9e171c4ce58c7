//! `handbook init DIR --from-mdbook BOOK`: the book converted to front matter and our
//! `book.toml`, building the same site, with the book itself only read.

use crate::{SiteTest, files_under};
use std::path::Path;

/// A book with parts, nesting, a README, a draft, includes (one from outside the book),
/// settings, redirects, a fragment only included, mdBook's 404.md and a `{{#title}}`.
fn book() -> SiteTest {
    SiteTest::empty()
        .file("shared/outside.rs", "fn outside() {}\n")
        .file(
            "book/book.toml",
            "[book]\ntitle = \"Converted\"\ndescription = \"A book.\"\nauthors = [\"A\", \"B\"]\n\n[output.html]\ngit-repository-url = \"https://example.org/repo\"\nedit-url-template = \"https://example.org/repo/edit/main/{path}\"\nsite-url = \"https://example.org/docs/\"\nno-section-label = true\nadditional-css = [\"theme/extra.css\"]\nsmart-punctuation = true\n\n[output.html.redirect]\n\"/old.html\" = \"second.html\"\n",
        )
        .file("book/theme/extra.css", "p { margin: 0 }\n")
        .file(
            "book/src/SUMMARY.md",
            "# Summary\n\n[Intro](README.md)\n\n# Part one\n\n- [Start](start/README.md)\n  - [Install](start/install.md)\n  - [Later]()\n- [Second](second.md)\n\n---\n\n[Credits](credits.md)\n",
        )
        .file("book/src/README.md", "# Welcome\n\nSee [install](start/install.md#get-it).\n")
        .file("book/src/start/README.md", "{{#title Getting started, fully}}\n# Getting started\n\n{{#include ../fragment.md}}\n")
        .file("book/src/start/install.md", "# Install\n\n## Get it\n\n```rust\n{{#rustdoc_include ../../listings/a.rs:main}}\n```\n")
        .file("book/src/second.md", "No heading here; [back](README.md#welcome).\n\n```rust\n{{#include ../../shared/outside.rs}}\n```\n")
        .file("book/src/credits.md", "+++\ndescription = \"Already has front matter.\"\n+++\n\n# Credits\n")
        .file("book/src/fragment.md", "Included *text*.\n")
        .file("book/src/404.md", "# Not found\n")
        .file("book/listings/a.rs", "use x;\n// ANCHOR: main\nfn main() {}\n// ANCHOR_END: main\n")
}

fn import(t: &SiteTest, to: &str) -> std::process::Output {
    t.run(&["init", to, "--from-mdbook", "book"])
}

/// Every output file of both builds is the same: the point of converting.
#[test]
fn the_converted_handbook_builds_the_same_site() {
    let t = book();
    let before = files_under(&t.path("book"));
    let out = import(&t, "handbook");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("converted 4 chapters (front matter added) and copied 6 other files"),
        "{stdout}"
    );
    assert_eq!(
        files_under(&t.path("book")),
        before,
        "the book is only read"
    );
    let build = |dir: &str| {
        let output = t.path(&format!("out-{dir}"));
        let out = t.run(&[
            "build",
            "--root",
            dir,
            "--output",
            &output.to_string_lossy(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let book_log = build("book");
    let handbook_log = build("handbook");
    assert!(book_log.contains("read as an mdBook book"), "{book_log}");
    assert!(
        !handbook_log.contains("read as an mdBook book"),
        "{handbook_log}"
    );
    // Links to a chapter's heading (now its front matter title) still resolve.
    assert!(!handbook_log.contains("warning"), "{handbook_log}");
    let (a, b) = (
        files_under(&t.path("out-book")),
        files_under(&t.path("out-handbook")),
    );
    assert!(a.contains_key("start/install/index.html") && a.contains_key("old.html"));
    assert!(a.contains_key("theme/extra.css") && a.contains_key("sitemap.xml"));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs");
    }
}

#[test]
fn chapters_get_front_matter_and_book_toml_is_ours() {
    let t = book();
    let out = import(&t, "handbook");
    assert!(out.status.success());
    // The heading becomes the title, once; a chapter without one takes SUMMARY.md's name.
    assert_eq!(
        t.read("handbook/src/start/install.md"),
        "+++\ntitle = \"Install\"\n+++\n\n## Get it\n\n```rust\n{{#rustdoc_include ../../listings/a.rs:main}}\n```\n"
    );
    assert_eq!(
        t.read("handbook/src/start/README.md"),
        "+++\ntitle = \"Getting started\"\n+++\n{{#title Getting started, fully}}\n\n{{#include ../fragment.md}}\n"
    );
    assert!(
        t.read("handbook/src/second.md")
            .starts_with("+++\ntitle = \"Second\"\n+++\nNo heading here")
    );
    // Front matter already there, fragments and the rest are copied as they are.
    assert_eq!(
        t.read("handbook/src/credits.md"),
        t.read("book/src/credits.md")
    );
    assert_eq!(t.read("handbook/src/fragment.md"), "Included *text*.\n");
    assert_eq!(
        t.read("handbook/listings/a.rs"),
        t.read("book/listings/a.rs")
    );
    // An include from outside the book now points at the same file from the new place.
    assert!(
        t.read("handbook/src/second.md")
            .contains("{{#include ../../shared/outside.rs}}"),
        "both folders are at the same depth here"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("src/second.md:4:12: warning: `../../shared/outside.rs` is outside the book"),
        "{stderr}"
    );
    // Settings under our names; the ones without a home here were reported.
    let toml = t.read("handbook/book.toml");
    for line in [
        "title = \"Converted\"",
        "description = \"A book.\"",
        "authors = [\"A\", \"B\"]",
        "base_url = \"https://example.org/docs\"",
        "repository = \"https://example.org/repo\"",
        "edit_url = \"https://example.org/repo/edit/main/{path}\"",
        "content = \"src\"",
        "output = \"book\"",
        "[collections]",
        "[mdbook]",
        "section_numbers = false",
        "additional_css = [\"theme/extra.css\"]",
        "\"/old.html\" = \"second.html\"",
    ] {
        assert!(toml.lines().any(|l| l == line), "{line} in\n{toml}");
    }
    assert!(stderr.contains("output.html.smart-punctuation"), "{stderr}");
    assert!(
        !t.exists("handbook/book"),
        "the book's output is not copied"
    );
}

#[test]
fn the_converted_handbook_takes_collections_and_keeps_fragments_out() {
    let t = book();
    assert!(import(&t, "handbook").status.success());
    let toml = t.read("handbook/book.toml").replace(
        "[collections]\n",
        "[collections.stories]\nsection = \"stories\"\nfields = [\"teller\"]\nauthor_field = \"teller\"\n",
    );
    let t = t
        .file("handbook/book.toml", &toml)
        .file(
            "handbook/src/stories/_index.md",
            "+++\ntitle = \"Stories\"\n+++\n",
        )
        .file(
            "handbook/src/stories/one.md",
            "+++\ntitle = \"One\"\nteller = \"The team\"\ndate = 2026-01-02\n+++\n\nA story.\n",
        );
    let out = t.run(&["build", "--root", "handbook"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = t.read("handbook/book/stories/index.html");
    assert!(
        listing.contains("stories/one/") || listing.contains("one/"),
        "{listing}"
    );
    assert!(
        t.read("handbook/book/stories/one/index.html")
            .contains("The team")
    );
    // Files SUMMARY.md does not list and no collection holds are not pages, as in mdBook.
    assert!(!t.exists("handbook/book/fragment/index.html"));
    assert!(!t.exists("handbook/book/404/index.html"));
}

#[test]
fn conversion_refuses_what_it_cannot_convert_and_writes_nothing() {
    // Not an mdBook book.
    let t = SiteTest::new();
    let out = t.run(&["init", "to", "--from-mdbook", "."]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not an mdBook book"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!t.exists("to"));
    // A folder that is not empty.
    let t = book().file("handbook/keep.txt", "mine");
    let out = import(&t, "handbook");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("folder already exists and is not empty")
    );
    assert_eq!(files_under(&t.path("handbook")).len(), 1);
    // A book whose SUMMARY.md is broken: the error at its line, nothing written.
    let t = book().file("book/src/SUMMARY.md", "- [A](a.md)\n# Part\n- [B(b.md)\n");
    let out = import(&t, "handbook");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("src/SUMMARY.md:3:"), "{stderr}");
    assert!(!Path::new(&t.path("handbook")).exists());
}
