//! Author mistakes: each reported at its exact `path:line:col` with a hint, all in one run.

use crate::{SiteTest, handbook_site};

fn one_error(t: &SiteTest) -> (String, String, Option<String>) {
    let b = t.build();
    let e = b.only_error();
    (e.location(), e.message.clone(), e.hint.clone())
}

#[test]
fn unknown_front_matter_key_has_position_and_suggestion() {
    let t = SiteTest::new().file(
        "content/p.md",
        "+++\ntitle = \"P\"\n  descripton = \"x\"\n+++\n",
    );
    let (loc, msg, hint) = one_error(&t);
    assert_eq!(loc, "content/p.md:3:3");
    assert_eq!(msg, "unknown front matter key `descripton`");
    assert_eq!(hint.as_deref(), Some("did you mean `description`?"));
}

#[test]
fn yaml_front_matter_explains_toml() {
    let t = SiteTest::new().file("content/p.md", "---\ntitle: Hello\n---\nBody\n");
    let (loc, msg, hint) = one_error(&t);
    assert_eq!(loc, "content/p.md:1:1");
    assert!(msg.contains("YAML front matter"));
    assert!(hint.unwrap().contains("title = \"Hello\""));
}

#[test]
fn toml_syntax_error_is_positioned_in_the_file() {
    let t = SiteTest::new().file("content/p.md", "+++\ntitle = \"P\"\nweight = = 3\n+++\n");
    let (loc, msg, _) = one_error(&t);
    assert_eq!(loc, "content/p.md:3:10");
    assert!(msg.starts_with("invalid TOML"), "{msg}");
}

#[test]
fn wrong_type_is_positioned_at_the_value() {
    let t = SiteTest::new().file(
        "content/p.md",
        "+++\ntitle = \"P\"\nweight = \"heavy\"\n+++\n",
    );
    let (loc, _, _) = one_error(&t);
    assert_eq!(loc, "content/p.md:3:10");
}

#[test]
fn missing_title_is_an_error() {
    let t = SiteTest::new().file("content/p.md", "+++\nweight = 1\n+++\n");
    let (loc, msg, hint) = one_error(&t);
    assert_eq!(loc, "content/p.md:1:1");
    assert_eq!(msg, "missing `title` in front matter");
    assert!(hint.unwrap().contains("title ="));
}

#[test]
fn unknown_act_lists_the_valid_ones() {
    let t = handbook_site().file(
        "content/examples/bad.md",
        "+++\ntitle = \"Bad\"\nact = \"share-credit\"\n+++\n",
    );
    let (loc, msg, hint) = one_error(&t);
    assert_eq!(loc, "content/examples/bad.md:3:7");
    assert_eq!(
        msg,
        "unknown act `share-credit`: no page `acts/share-credit.md`"
    );
    let hint = hint.unwrap();
    assert!(hint.contains("did you mean `share-the-credit`?"), "{hint}");
    assert!(
        hint.contains("`ask-the-quiet-voice`, `share-the-credit`"),
        "{hint}"
    );
}

#[test]
fn example_without_act_is_an_error() {
    let t = handbook_site().file("content/examples/bad.md", "+++\ntitle = \"Bad\"\n+++\n");
    let (loc, msg, _) = one_error(&t);
    assert_eq!(loc, "content/examples/bad.md:1:1");
    assert_eq!(
        msg,
        "missing `act` in front matter (required in `examples/`)"
    );
}

#[test]
fn act_field_outside_examples_is_unknown() {
    let t = handbook_site().file("content/other.md", "+++\ntitle = \"O\"\nact = \"x\"\n+++\n");
    let (loc, msg, _) = one_error(&t);
    assert_eq!(loc, "content/other.md:3:1");
    assert_eq!(msg, "unknown front matter key `act`");
}

#[test]
fn every_problem_of_a_run_is_reported() {
    let t = SiteTest::new()
        .file("content/a.md", "+++\ntitel = \"A\"\n+++\n")
        .file("content/b.md", "+++\ntitle = \"B\"\n+++\n[x](missing.md)\n")
        .file("content/c.md", "no front matter\n");
    let b = t.build();
    let locs: Vec<String> = b.errors().iter().map(|e| e.location()).collect();
    assert_eq!(
        locs,
        [
            "content/a.md:1:1",
            "content/a.md:2:1",
            "content/b.md:4:1",
            "content/c.md:1:1"
        ]
    );
}

#[test]
fn invalid_utf8_is_reported_with_position() {
    let t = SiteTest::new();
    t.write(
        "content/bin.md",
        b"+++\ntitle = \"x\"\n+++\nok \xff\xfe bad\n",
    );
    let (loc, msg, _) = one_error(&t);
    assert_eq!(loc, "content/bin.md:4:4");
    assert_eq!(msg, "file is not valid UTF-8");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let t = SiteTest::new().file(
        "content/win.md",
        "\u{feff}+++\r\ntitle = \"Win\"\r\n+++\r\n## Head\r\nText\r\n",
    );
    let b = t.build().ok();
    assert!(b.main("win/index.html").contains("<h1>Win</h1>"));
}

#[test]
fn unknown_book_toml_key_is_an_error() {
    let t = SiteTest::new().file("book.toml", "[book]\ntitle = \"T\"\nlanguge = \"fr\"\n");
    let (loc, msg, hint) = one_error(&t);
    assert_eq!(loc, "book.toml:3:1");
    assert_eq!(msg, "unknown key `book.languge` in book.toml");
    assert_eq!(hint.as_deref(), Some("did you mean `language`?"));
}

/// Valid TOML with a value of the wrong type names the key and what it takes (it used to say
/// "invalid TOML: invalid type: string", though the TOML is fine).
#[test]
fn a_value_of_the_wrong_type_names_its_key_and_shows_the_right_form() {
    for (line, loc, msg, hint) in [
        (
            "authors = \"me\"",
            "book.toml:3:11",
            "`authors` must be a list, not the text \"me\"",
            "write `authors = [\"me\"]`",
        ),
        (
            "description = 3",
            "book.toml:3:15",
            "`description` must be text in quotes, not the number `3`",
            "write `description = \"3\"`",
        ),
    ] {
        let t = SiteTest::new().file("book.toml", &format!("[book]\ntitle = \"T\"\n{line}\n"));
        let (l, m, h) = one_error(&t);
        assert_eq!(
            (l.as_str(), m.as_str(), h.as_deref()),
            (loc, msg, Some(hint)),
            "{line}"
        );
    }
}

#[test]
fn missing_book_toml_and_content_are_clear_errors() {
    let t = SiteTest::empty();
    assert!(one_error(&t).1.starts_with("no book.toml in"));
    let t = SiteTest::empty().file("book.toml", "[book]\ntitle = \"T\"\n");
    let (_, msg, _) = one_error(&t);
    assert_eq!(msg, "content folder `content` not found");
}

#[test]
fn image_without_alt_text_is_a_warning_not_an_error() {
    let t = SiteTest::new()
        .file("content/p.md", "+++\ntitle = \"P\"\n+++\n![](pic.png)\n")
        .file("content/pic.png", "png");
    let b = t.build().ok();
    assert_eq!(b.messages(), ["content/p.md:4:1: image has no alt text"]);
}

#[test]
fn edge_case_files_have_defined_outcomes() {
    // (file text, expected: Ok or the error message)
    let cases: [(&str, &[u8], Option<&str>); 6] = [
        (
            "empty.md",
            b"",
            Some("missing front matter: a page starts with a `+++` line"),
        ),
        ("plus.md", b"+++", Some("front matter is never closed")),
        ("only.md", b"+++\ntitle = \"Only\"\n+++", None),
        (
            "nul.md",
            b"+++\ntitle = \"N\"\n+++\na\0b",
            Some("file contains a NUL byte"),
        ),
        (
            "slug.md",
            b"+++\ntitle = \"S\"\nslug = \"a/../b\"\n+++\n",
            Some("invalid slug `a/../b`"),
        ),
        (
            "tag.md",
            b"+++\ntitle = \"T\"\ntags = [\"!!\"]\n+++\n",
            Some("tag `!!` has no letters or digits"),
        ),
    ];
    for (name, bytes, expected) in cases {
        let t = SiteTest::new();
        t.write(&format!("content/{name}"), bytes);
        let b = t.build();
        match expected {
            None => {
                b.ok();
            }
            Some(message) => assert_eq!(b.only_error().message, message, "{name}"),
        }
    }
}

#[test]
fn empty_book_toml_asks_for_a_title() {
    let t = SiteTest::new().file("book.toml", "");
    let (loc, msg, _) = one_error(&t);
    assert_eq!(
        (loc.as_str(), msg.as_str()),
        ("book.toml:1:1", "book.toml needs a title")
    );
}

/// Guards against stack overflows and quadratic blow-ups on pathological Markdown.
#[test]
fn pathological_markdown_builds() {
    let mut body = String::from("+++\ntitle = \"P\"\n+++\n");
    body.push_str(&">".repeat(20_000));
    body.push_str(" deep quote\n\n");
    for i in 0..2_000 {
        body.push_str(&"  ".repeat(i));
        body.push_str("- item\n");
    }
    body.push_str(&"*a_".repeat(50_000));
    body.push('\n');
    body.push_str(&"[".repeat(50_000));
    let t = SiteTest::new().file("content/p.md", &body);
    let b = t.build().ok();
    assert!(b.main("p/index.html").contains("deep quote"));
}

/// An act page that fails to parse is the one error: the examples of that act and the links to
/// it are not reported as "unknown act" too (they used to be, once per example, with "there are
/// no pages under `acts/` yet" though the file exists).
#[test]
fn a_broken_target_page_is_the_only_error_not_a_cascade() {
    let t = crate::handbook_site()
        .file(
            "content/acts/ask-the-quiet-voice.md",
            "+++\nweight = 1\n+++\n## Why {#why}\nText.\n",
        )
        .file(
            "content/guide.md",
            "+++\ntitle = \"Guide\"\n+++\nSee [the act](acts/ask-the-quiet-voice.md#why).\n",
        );
    let (loc, msg, _) = one_error(&t);
    assert_eq!(loc, "content/acts/ask-the-quiet-voice.md:1:1");
    assert_eq!(msg, "missing `title` in front matter");
    // Mended, the examples relate to it again.
    let t = t.file(
        "content/acts/ask-the-quiet-voice.md",
        "+++\ntitle = \"Ask\"\nweight = 1\n+++\n## Why {#why}\nText.\n",
    );
    let b = t.build().ok();
    assert!(
        b.main("acts/ask-the-quiet-voice/index.html")
            .contains("New story")
    );
}
