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

/// An `{% if %}` left open inside a block used to be reported at the `{% endblock %}` Tera
/// stumbled on, as "Unknown tag".
#[test]
fn an_unclosed_if_is_reported_at_its_opening_tag() {
    let t = SiteTest::new().file(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n  {% if page.title %}<h1>{{ page.title }}</h1>\n{% endblock content %}\n",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(
        b.messages(),
        ["themes/default/templates/page.html:3:3: `{% if %}` is never closed"]
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("add `{% endif %}` before the `{% endblock %}` on line 4")
    );
}

/// A closing tag with nothing to close used to be "Unknown tag" too.
#[test]
fn a_stray_closing_tag_says_what_it_lacks() {
    let t = SiteTest::new().file(
        "themes/default/templates/404.html",
        "<p>gone</p>\n{% endfor %}\n",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(
        b.messages(),
        [
            "themes/default/templates/404.html:2:1: `{% endfor %}` closes nothing: no `{% for %}` is open"
        ]
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("remove it, or add the `{% for … %}` it should close")
    );
}

/// An unknown filter used to come out as `templates: error: template error: error: …`, without
/// the template's path.
#[test]
fn an_unknown_filter_is_reported_at_its_name_with_a_suggestion() {
    let t = SiteTest::new().file(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title | uper }}{% endblock content %}\n",
    );
    let b = t.build();
    let e = b.only_error();
    assert_eq!(
        b.messages(),
        ["themes/default/templates/page.html:2:36: unknown filter `uper`"]
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `upper`?"));
}

/// Tera reports every unknown name and block of all templates in one message; each is its own
/// diagnostic at its own position.
#[test]
fn each_problem_tera_reports_together_is_its_own_diagnostic() {
    let t = SiteTest::new().file(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ page.title | shout }}{% endblock %}\n",
    );
    let b = t.build();
    assert_eq!(
        b.messages(),
        [
            "themes/default/templates/page.html:2:10: block `main` is not defined in any parent template",
            "themes/default/templates/page.html:2:33: unknown filter `shout`",
        ]
    );
    let hints: Vec<_> = b.errors().iter().map(|e| e.hint.clone().unwrap()).collect();
    assert_eq!(
        hints[0],
        "the parent templates' blocks are: title, head, content"
    );
    assert!(
        hints[1].starts_with("the filters are: abs, capitalize,"),
        "{}",
        hints[1]
    );
}

#[test]
fn unknown_tests_functions_and_includes_get_suggestions() {
    let t = SiteTest::new().file(
        "themes/default/templates/404.html",
        "{% if 1 is od %}{% endif %}\n{{ rang(end=2) }}\n{% include \"partials/nva.html\" %}\n",
    );
    let b = t.build();
    let got: Vec<_> = b
        .errors()
        .iter()
        .map(|e| {
            format!(
                "{}: {} ({})",
                e.location(),
                e.message,
                e.hint.as_deref().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "themes/default/templates/404.html:1:12: unknown test `od` (did you mean `odd`?)",
            "themes/default/templates/404.html:2:4: unknown function `rang` (did you mean `range`?)",
            "themes/default/templates/404.html:3:12: unknown template `partials/nva.html` (did you mean `partials/nav.html`?)",
        ]
    );
}

/// A misspelt field used to list every field of `page` without saying which was meant.
#[test]
fn a_misspelt_field_suggests_the_field_meant() {
    let t = SiteTest::new()
        .file(
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.titel }}</h1>\n{% endblock content %}\n",
        )
        .file("content/p.md", "+++\ntitle = \"P\"\n+++\n");
    let b = t.build();
    let e = b.only_error();
    assert_eq!(
        b.messages(),
        [
            "themes/default/templates/page.html:3:13: `page` has no field `titel` (while rendering `content/p.md`)"
        ]
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
}

/// A handbook in Spanish prints the theme's Spanish words everywhere: templates, the titles of
/// generated pages, dates, heading anchors and the scripts' messages, with no missing string.
#[test]
fn a_spanish_handbook_prints_the_themes_spanish_words() {
    let t = SiteTest::empty()
        .file(
            "book.toml",
            "[book]\ntitle = \"Manual\"\nlanguage = \"es\"\n\n[collections.ejemplos]\nsection = \"ejemplos\"\nitem = \"ejemplo\"\nsort_by = \"date\"\n",
        )
        .file("content/_index.md", "+++\ntitle = \"Inicio\"\n+++\nHola.\n")
        .file("content/ejemplos/_index.md", "+++\ntitle = \"Ejemplos\"\n+++\n")
        .file(
            "content/ejemplos/uno.md",
            "+++\ntitle = \"Uno\"\ndate = 2026-01-06\ntags = [\"equipo\"]\n+++\n## Qué pasó\n\nTexto.\n",
        );
    let b = t.build().ok();
    assert!(b.messages().is_empty(), "{:?}", b.messages());
    let page = b.html("ejemplos/uno/index.html");
    for words in [
        "<time datetime=\"2026-01-06\">6 de enero de 2026</time>",
        "aria-label=\"Enlace a esta sección: Qué pasó\"",
        "<a class=\"skip-link\" href=\"#main\">Saltar al contenido</a>",
        "<dt>Tiempo de lectura</dt><dd>1 min<span class=\"meta-read\"> de lectura</span></dd>",
        "data-t-code-show-hidden=\"Mostrar líneas ocultas\"",
        "data-t-search-unavailable=\"La búsqueda no está disponible\"",
    ] {
        assert!(page.contains(words), "{words} not in {page}");
    }
    // The messages shown with results are in the search index's folder, not on every page.
    assert!(!page.contains("data-t-search-none"), "{page}");
    let messages = b.html("search/t.js");
    assert!(
        messages.starts_with("__handbookSearch(\"t\",{\"search-none\":\"Sin resultados\","),
        "{messages}"
    );
    assert!(
        messages.contains("\"search-results-other\":\"{n} resultados\""),
        "{messages}"
    );
    assert!(
        b.html("tags/index.html")
            .contains("<title>Etiquetas · Manual</title>")
    );
    let share = b.html("ejemplos/share/index.html");
    assert!(share.contains("<title>Comparte tu ejemplo · Manual</title>"));
    assert!(share.contains("data-t-share-copied=\"Copiado: pégalo donde vayas a enviarlo.\""));
    // The file for readers without JavaScript, and the story's hint, ask in Spanish too.
    assert!(share.contains("title = &quot;Tu título&quot;"), "{share}");
    assert!(share.contains("Escribe entre 150 y 400 palabras"));
}
