//! Themes: the built-in one, project overrides of single files, and template errors.

use crate::SiteTest;

/// A site whose book.toml selects the project theme `themes/mine/`.
fn with_theme_mine() -> SiteTest {
    SiteTest::new().file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[build]\ntheme = \"mine\"\n",
    )
}

#[test]
fn project_theme_overrides_one_template_and_falls_back_for_the_rest() {
    let t = with_theme_mine()
        .file("themes/mine/templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ page.title }}</p>{% endblock content %}")
        .file("themes/mine/static/assets/extra.css", "x")
        .file("content/p.md", "+++\ntitle = \"P\"\n+++\n");
    let b = t.build().ok();
    assert!(b.main("p/index.html").contains("<p class=\"mine\">P</p>"));
    // base.html and the stylesheet come from the built-in theme
    assert!(
        b.html("p/index.html")
            .contains("href=\"../assets/style.css\"")
    );
    assert!(t.exists("public/assets/style.css"));
    assert_eq!(t.read("public/assets/extra.css"), "x");
}

#[test]
fn project_static_overrides_theme_static() {
    let t = SiteTest::new().file("static/assets/style.css", "/* mine */");
    t.build().ok();
    assert_eq!(t.read("public/assets/style.css"), "/* mine */");
}

#[test]
fn unknown_theme_is_an_error() {
    let t = SiteTest::new().file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[build]\ntheme = \"nope\"\n",
    );
    let b = t.build();
    assert_eq!(
        b.only_error().message,
        "theme `nope` not found: no folder `themes/nope/`"
    );
}

#[test]
fn template_syntax_error_names_template_line_and_column() {
    let t = with_theme_mine().file("themes/mine/templates/page.html", "line one\n{% if %}\n");
    let b = t.build();
    let e = b.only_error();
    assert_eq!(e.path, "themes/mine/templates/page.html");
    assert_eq!((e.line, e.col), (2, 7), "{e}");
}

#[test]
fn template_render_error_names_template_and_page() {
    let t = with_theme_mine()
        .file(
            "themes/mine/templates/page.html",
            "<p>\n{{ page.nope.deeper }}</p>\n",
        )
        .file("content/p.md", "+++\ntitle = \"P\"\n+++\n");
    let b = t.build();
    let e = b.only_error();
    assert_eq!(e.path, "themes/mine/templates/page.html");
    assert_eq!(e.line, 2);
    assert!(
        e.message.contains("while rendering `content/p.md`"),
        "{}",
        e.message
    );
}

#[test]
fn front_matter_template_must_exist() {
    let t = SiteTest::new().file(
        "content/p.md",
        "+++\ntitle = \"P\"\ntemplate = \"fancy.html\"\n+++\n",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(e.message, "template `fancy.html` does not exist");
    assert!(e.hint.as_deref().unwrap().contains("page.html"));
}

#[test]
fn content_text_that_looks_like_a_template_is_printed_literally() {
    let t = SiteTest::new().file(
        "content/p.md",
        "+++\ntitle = \"{{ site.title }}\"\n+++\n{{ site.title }} {% if true %}x{% endif %}\n",
    );
    let b = t.build().ok();
    let main = b.main("p/index.html");
    assert!(main.contains("<h1>{{ site.title }}</h1>"), "{main}");
    assert!(main.contains("{{ site.title }} {% if true %}x{% endif %}"));
}

#[test]
fn titles_are_escaped_by_autoescape() {
    let t = SiteTest::new().file(
        "content/p.md",
        "+++\ntitle = \"<script>alert(1)</script>\"\n+++\n",
    );
    let b = t.build().ok();
    let html = b.html("p/index.html");
    assert!(!html.contains("<script>alert(1)"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped title missing"
    );
}

#[test]
fn missing_parent_template_names_the_child_file() {
    let t = with_theme_mine().file(
        "themes/mine/templates/page.html",
        "{% extends \"nope.html\" %}",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(e.path, "themes/mine/templates/page.html");
    assert!(e.message.contains("nope.html"), "{}", e.message);
}

/// An override one typo away from a built-in template's name overrides nothing; it used to be
/// silently unused.
#[test]
fn a_misnamed_override_is_warned_about() {
    let t = with_theme_mine()
        .file(
            "themes/mine/templates/exmaple.html",
            "{% extends \"base.html\" %}",
        )
        .file(
            "themes/mine/templates/page.html",
            "{% extends \"base.html\" %}{% block content %}mine{% endblock content %}",
        )
        .file(
            "themes/mine/templates/gallery.html",
            "{% extends \"base.html\" %}",
        )
        .file("content/p.md", "+++\ntitle = \"P\"\n+++\n");
    let b = t.build().ok();
    let warnings: Vec<_> = b
        .report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", b.messages());
    assert_eq!(warnings[0].path, "themes/mine/templates/exmaple.html");
    assert_eq!(
        warnings[0].message,
        "template `exmaple.html` overrides no built-in template"
    );
    assert!(
        warnings[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `example.html`?")),
        "{:?}",
        warnings[0].hint
    );
}
