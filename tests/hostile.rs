//! Hostile and careless input: contributions that try to run script, content that looks like
//! template code, and files that are not what they seem. Each case asserts the exact outcome.

use crate::{SiteTest, handbook_site, main_of};

fn contribution(body: &str) -> SiteTest {
    handbook_site().file(
        "content/examples/new.md",
        &format!(
            "+++\ntitle = \"New story\"\ndate = 2026-03-04\nact = \"ask-the-quiet-voice\"\n+++\n{body}\n"
        ),
    )
}

#[test]
fn raw_html_in_contributions_is_sanitized() {
    let site = contribution(concat!(
        "Hello <script>alert(1)</script> <b onmouseover=\"alert(2)\" style=\"x\">bold</b>\n\n",
        "<iframe src=\"https://evil.example\"></iframe>\n\n",
        "<a href=\"JaVaScRiPt:alert(3)\">x</a> <a href=\"&#106;avascript:alert(4)\">y</a>\n\n",
        "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"z\"> <form><input name=q></form>\n\n",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n\n",
        "Press <kbd>Ctrl</kbd> <abbr title=\"as soon as possible\">ASAP</abbr>.\n",
    ));
    let built = site.build().ok();
    let main = built.main("examples/new/index.html");
    for gone in [
        "<script",
        "onmouseover",
        "style=\"x\"",
        "<iframe",
        "javascript",
        "JaVaScRiPt",
        "data:",
        "<form",
        "http-equiv",
        "evil.example",
    ] {
        assert!(!main.contains(gone), "{gone} survived:\n{main}");
    }
    assert!(main.contains("<b>bold</b>"));
    assert!(main.contains("<kbd>Ctrl</kbd>"));
    assert!(main.contains("<abbr title=\"as soon as possible\">ASAP</abbr>"));
}

#[test]
fn raw_html_in_trusted_pages_is_kept_and_trust_is_configurable() {
    let site = handbook_site().file(
        "content/acts/share-the-credit.md",
        "+++\ntitle = \"Share the credit\"\n+++\n<div class=\"note\" style=\"color: green\">Ours.</div>\n",
    );
    let built = site.build().ok();
    assert!(
        built
            .main("acts/share-the-credit/index.html")
            .contains("style=\"color: green\"")
    );

    // A trusted collection keeps raw HTML; an untrusted folder sanitizes it.
    let site = contribution("<span style=\"color: red\">kept</span>").file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[build]\nuntrusted = [\"acts\"]\n[collections.examples]\ntrusted = true\nfields = [\"contributor\", \"context\"]\ntemplate = \"example.html\"\nsection_template = \"examples.html\"\n[collections.examples.relations.act]\nsection = \"acts\"\nrequired = true\ntemplate = \"act.html\"\n",
    ).file(
        "content/acts/share-the-credit.md",
        "+++\ntitle = \"Share the credit\"\n+++\n<span style=\"color: blue\" onclick=\"x()\">act</span>\n",
    );
    let built = site.build().ok();
    assert!(
        built
            .main("examples/new/index.html")
            .contains("style=\"color: red\"")
    );
    // The act's span is kept, stripped of its attributes (not dropped with them).
    let act = built.main("acts/share-the-credit/index.html");
    assert!(act.contains("<p><span>act</span></p>"), "{act}");
    assert!(!act.contains("style=") && !act.contains("onclick"), "{act}");
}

#[test]
fn dangerous_markdown_links_in_contributions_are_errors_at_their_position() {
    // (The message names the destination as the browser would read it, entities decoded.)
    for (dest, read_as) in [
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("JAVASCRIPT:alert(1)", "JAVASCRIPT:alert(1)"),
        ("&#106;avascript:alert(1)", "javascript:alert(1)"),
        ("vbscript:x", "vbscript:x"),
        ("data:text/html,x", "data:text/html,x"),
    ] {
        let site = contribution(&format!("Click [here]({dest})."));
        let built = site.build();
        let e = built.only_error();
        assert_eq!(e.location(), "content/examples/new.md:6:7", "{dest}");
        assert_eq!(
            e.message,
            format!("link to `{read_as}` is not allowed in contributed content")
        );
        assert!(built.report.written.is_none(), "{dest}");
        assert!(!site.exists("public/examples/new/index.html"));
    }
    // An image too.
    let site = contribution("![x](javascript:alert(1))");
    let built = site.build();
    let e = built.only_error();
    assert_eq!(e.location(), "content/examples/new.md:6:1");
    assert_eq!(
        e.message,
        "link to `javascript:alert(1)` is not allowed in contributed content"
    );
}

#[test]
fn template_syntax_in_content_is_printed_not_run() {
    let site = contribution("Curly {{ site.title }} and {% if true %}tags{% endif %} and {# c #}.");
    let built = site.build().ok();
    let main = built.main("examples/new/index.html");
    assert!(main.contains("{{ site.title }}"), "{main}");
    assert!(main.contains("{% if true %}tags{% endif %}"));
    assert!(!main.contains("Test Book"));
}

#[test]
fn markup_in_titles_tags_and_fields_is_escaped_everywhere() {
    let site = handbook_site().file(
        "content/examples/new.md",
        "+++\ntitle = \"<img src=x onerror=alert(1)>\"\ndescription = \"\\\"><script>alert(2)</script>\"\ndate = 2026-03-04\nact = \"ask-the-quiet-voice\"\ncontributor = \"<b>Sam</b>\"\ntags = [\"<svg onload=alert(3)>\"]\n+++\nBody.\n",
    );
    site.build().ok();
    for file in [
        "examples/new/index.html",
        "examples/index.html",
        "index.html",
        "acts/ask-the-quiet-voice/index.html",
        "print/index.html",
    ] {
        let html = site.read(&format!("public/{file}"));
        for raw in [
            "<img src=x",
            "<script>alert(2)",
            "<b>Sam</b>",
            "<svg onload",
        ] {
            assert!(!html.contains(raw), "{raw} unescaped in {file}");
        }
        // Each of these pages shows the title, as text (so "unescaped" above is not "missing").
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "title shown as text in {file}"
        );
    }
    let page = site.read("public/examples/new/index.html");
    assert!(
        page.contains("<dd>&lt;b&gt;Sam&lt;/b&gt;</dd>"),
        "contributor shown as text"
    );
    assert!(
        page.contains("#&lt;svg onload=alert(3)&gt;</a>"),
        "tag shown as text"
    );
    // (The leading quote became a typographic one; the markup after it is escaped.)
    assert!(
        page.contains(
            "<meta name=\"description\" content=\"“&gt;&lt;script&gt;alert(2)&lt;/script&gt;\">"
        ),
        "description escaped in the attribute"
    );
}

/// A quote in an explicit heading id or a fence's language must end up escaped inside the
/// attribute: the heading and the code block are still there, and no attribute is added.
#[test]
fn heading_ids_and_code_languages_cannot_break_out_of_attributes() {
    let site =
        contribution("## Title {#x\"onmouseover=\"alert(1)}\n\n```js\" onload=\"x\nlet a;\n```\n");
    let built = site.build().ok();
    let main = built.main("examples/new/index.html");
    assert!(
        main.contains(concat!(
            "<h2 id=\"x&quot;onmouseover=&quot;alert(1)\">Title ",
            "<a class=\"anchor\" href=\"#x&quot;onmouseover=&quot;alert(1)\" ",
            "aria-label=\"Link to this section: Title\">#</a></h2>",
        )),
        "{main}"
    );
    // The language is the info string's first word; the rest of it never reaches the page.
    assert!(
        main.contains("<pre><code class=\"language-js&quot;\">let a;\n</code></pre>"),
        "{main}"
    );
    assert!(!main.contains("onload"), "{main}");
    // Nowhere else either: not in the page's chrome, not on the print page that holds it too.
    for file in ["examples/new/index.html", "print/index.html"] {
        let html = built.html(file);
        assert!(
            !html.contains("\"onmouseover"),
            "{file}: {}",
            main_of(&html)
        );
        assert!(!html.contains("\" onload=\""), "{file}: {}", main_of(&html));
    }
    assert!(
        built
            .main("print/index.html")
            .contains("x&quot;onmouseover=&quot;alert(1)\">Title "),
        "the heading is on the print page"
    );
}

#[test]
fn link_titles_image_alt_and_titles_are_escaped() {
    let site = contribution(concat!(
        "[x](../acts/ask-the-quiet-voice.md \"a\\\" onmouseover=\\\"alert(1)\") ",
        "![al\"t onerror=alert(2)](https://example.org/p.png \"t\\\"><script>alert(3)</script>\")",
    ));
    site.build().ok();
    let html = site.read("public/examples/new/index.html");
    let main = main_of(&html);
    assert!(!main.contains("\" onmouseover=\""), "{main}");
    assert!(!main.contains("<script>alert(3)"), "{main}");
    assert!(!main.contains("al\"t"), "{main}");
    assert!(
        main.contains("title=\"a&quot; onmouseover=&quot;alert(1)\""),
        "{main}"
    );
    // (Smart punctuation made the alt text's quote a typographic one.)
    assert!(main.contains("alt=\"al“t onerror=alert(2)\""), "{main}");
    assert!(
        main.contains("title=\"t&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;\""),
        "{main}"
    );
}
