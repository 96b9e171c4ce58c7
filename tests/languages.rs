//! A handbook in several languages: translations next to their originals (`about.es.md`), each
//! language a site of its own under `/<code>/`, linked both ways.

use crate::{SiteTest, files_under};

fn two_languages(fallback: &str) -> SiteTest {
    SiteTest::empty()
        .file(
            "book.toml",
            &format!(
                "[book]\ntitle = \"Handbook\"\nlanguage = \"en\"\nbase_url = \"https://example.org/hb\"\n\n[languages.es]\ntitle = \"Manual\"\ndescription = \"Un manual.\"\nfallback = \"{fallback}\"\n"
            ),
        )
        .file("content/_index.md", "+++\ntitle = \"Home\"\n+++\nSee [about](about.md) and [ask](acts/ask.md).\n")
        .file("content/_index.es.md", "+++\ntitle = \"Inicio\"\n+++\nVer [acerca](about.md) y [pregunta](acts/ask.md).\n")
        .file("content/about.md", "+++\ntitle = \"About\"\n+++\nAbout text.\n")
        .file("content/acts/_index.md", "+++\ntitle = \"Acts\"\n+++\nThe acts.\n")
        .file("content/acts/ask.md", "+++\ntitle = \"Ask\"\n+++\nAsk someone.\n")
        .file("content/acts/ask.es.md", "+++\ntitle = \"Pregunta\"\n+++\nPregunta a alguien.\n")
        .file(
            "content/examples/una-historia.es.md",
            "+++\ntitle = \"Una historia\"\ndate = 2026-01-02\nact = \"ask\"\ncontributor = \"El equipo\"\n+++\nSolo en español.\n",
        )
        .file("content/examples/_index.md", "+++\ntitle = \"Examples\"\n+++\n")
        .file("content/examples/_index.es.md", "+++\ntitle = \"Ejemplos\"\n+++\n")
}

#[test]
fn each_language_is_a_site_under_its_code() {
    let t = two_languages("notice");
    let built = t.build().ok();
    let out = files_under(&t.path("public"));
    for path in [
        "index.html",
        "about/index.html",
        "acts/ask/index.html",
        "es/index.html",
        "es/acts/ask/index.html",
        "es/about/index.html",
        "es/examples/una-historia/index.html",
        "es/search/index.html",
        "es/print/index.html",
        "es/404.html",
        "es/sitemap.xml",
        "es/examples/atom.xml",
    ] {
        assert!(out.contains_key(path), "{path} missing");
    }
    // The theme's files are at the root once; the Spanish pages reach them from `es/`.
    assert!(!out.keys().any(|p| p.starts_with("es/assets/")));
    let es = built.html("es/acts/ask/index.html");
    assert!(es.contains("<html lang=\"es\" dir=\"ltr\">"), "{es}");
    assert!(es.contains("href=\"../../../assets/style.css\""));
    assert!(es.contains("<h1>Pregunta</h1>"));
    assert!(es.contains("Manual"), "the language's own title");
    // A story only in Spanish is in the Spanish listing, not the English one.
    assert!(
        built
            .html("es/examples/index.html")
            .contains("Una historia")
    );
    assert!(!built.html("examples/index.html").contains("Una historia"));
    assert!(!out.contains_key("examples/una-historia/index.html"));
    // A story shared from the Spanish site is a Spanish file.
    let share = built.html("es/examples/share/index.html");
    assert!(share.contains("data-ext=\".es.md\""), "{share}");
    // Its file's comment lines are in Spanish too, in the template and the form's recipe.
    assert_eq!(
        share.matches("Una frase que dé ganas de leerla.").count(),
        2,
        "{share}"
    );
    assert!(!share.contains("One sentence"), "{share}");
    assert!(
        built
            .html("examples/share/index.html")
            .contains("data-ext=\".md\"")
    );
    // Links in a translation go to the same language's pages.
    let home = built.html("es/index.html");
    assert!(home.contains("href=\"acts/ask/\""), "{home}");
}

#[test]
fn the_switcher_and_hreflang_link_both_ways() {
    let t = two_languages("notice");
    let built = t.build().ok();
    let en = built.html("acts/ask/index.html");
    let es = built.html("es/acts/ask/index.html");
    for (html, current) in [(&en, "en"), (&es, "es")] {
        for line in [
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/hb/acts/ask/\">",
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/hb/acts/ask/\">",
            "<link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/hb/es/acts/ask/\">",
        ] {
            assert!(html.contains(line), "{current}: {line}");
        }
        assert!(html.contains(&format!(
            "hreflang=\"{current}\" lang=\"{current}\" aria-current=\"true\""
        )));
    }
    assert!(en.contains("<a href=\"../../es/acts/ask/\" hreflang=\"es\" lang=\"es\">ES"));
    assert!(es.contains("<a href=\"../../../acts/ask/\" hreflang=\"en\" lang=\"en\">EN"));
    // A page without a translation has no alternates; its switcher leads to the other
    // language's version where there is one (here the English page shown under `es/`).
    let about = built.html("about/index.html");
    assert!(!about.contains("hreflang=\"x-default\""));
    assert!(
        about.contains("<a href=\"../es/\" hreflang=\"es\""),
        "{about}"
    );
}

#[test]
fn untranslated_pages_show_a_notice_or_are_left_out() {
    let t = two_languages("notice");
    let built = t.build().ok();
    let about = built.html("es/about/index.html");
    assert!(about.contains("<p class=\"lang-notice\" role=\"note\">Esta página aún no está traducida a este idioma; se muestra en su idioma original (English).</p>"), "{about}");
    assert!(about.contains("<div lang=\"en\">"));
    assert!(about.contains("<h1>About</h1>"));
    assert!(!built.html("es/acts/ask/index.html").contains("lang-notice"));
    // Links to it in the Spanish navigation say it is English.
    let home = built.html("es/index.html");
    assert!(
        home.contains("<a href=\"./about/\" lang=\"en\" dir=\"auto\">About</a>"),
        "{home}"
    );
    // A translated page in the navigation (its section's pages are listed on its own page)
    // is not marked.
    let act = built.html("es/acts/ask/index.html");
    assert!(act.contains(">Pregunta</a>") && !act.contains("lang=\"en\" dir=\"auto\">Pregunta"));
    // Its problems are reported once, not once per language.
    let t = two_languages("notice").file(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\n[x](nowhere.md)\n",
    );
    assert_eq!(t.build().errors().len(), 1);

    let t = two_languages("omit");
    let built = t.build().ok();
    assert!(!t.exists("public/es/about/index.html"));
    assert!(t.exists("public/es/acts/ask/index.html"));
    let home = built.html("es/index.html");
    assert!(!home.contains(">About<"), "not in its navigation");
    // A link to a page the language leaves out leads to the original.
    assert!(home.contains("<a href=\"../about/\">acerca</a>"), "{home}");
    let broken = crate::broken_relative_links(&t.path("public"));
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_missing_string_is_a_warning_naming_the_key() {
    let t = two_languages("notice").file(
        "themes/default/strings/es.toml",
        "languages = \"Idiomas\"\n",
    );
    let built = t.build().ok();
    assert!(
        built
            .messages()
            .iter()
            .any(|m| m.contains("themes/default/strings/es.toml")
                && m.contains("missing string `untranslated`")),
        "{:?}",
        built.messages()
    );
    // The English words stand in.
    assert!(
        built
            .html("es/about/index.html")
            .contains("This page has not been translated")
    );
    // A language with no strings at all says so once.
    let t = SiteTest::new().file("book.toml", "[book]\ntitle = \"B\"\n\n[languages.nl]\n");
    let built = t.build().ok();
    assert!(
        built
            .messages()
            .iter()
            .any(|m| m.contains("no strings for language `nl`"))
    );
}

#[test]
fn right_to_left_languages_say_so() {
    let t = SiteTest::new()
        .file(
            "book.toml",
            "[book]\ntitle = \"B\"\n\n[languages.ar]\ntitle = \"كتاب\"\n",
        )
        .file(
            "content/_index.ar.md",
            "+++\ntitle = \"الرئيسية\"\n+++\nمرحبا.\n",
        );
    let built = t.build();
    assert!(
        built
            .html("ar/index.html")
            .contains("<html lang=\"ar\" dir=\"rtl\">")
    );
    assert!(
        built
            .html("index.html")
            .contains("<html lang=\"en\" dir=\"ltr\">")
    );
}

#[test]
fn language_settings_are_checked() {
    let t = SiteTest::new().file(
        "book.toml",
        "[book]\ntitle = \"B\"\n\n[languages.es]\nfallback = \"hide\"\n",
    );
    let e = t.build().only_error().clone();
    assert_eq!(
        (e.location(), e.message.as_str()),
        ("book.toml:5:1".to_string(), "unknown fallback `hide`")
    );
    let t = SiteTest::new().file(
        "book.toml",
        "[book]\ntitle = \"B\"\nlanguage = \"es\"\n\n[languages.es]\n",
    );
    assert!(
        t.build()
            .only_error()
            .message
            .contains("is the default language")
    );
}

#[test]
fn a_translation_warns_when_its_original_changes_until_it_records_the_new_version() {
    let t = two_languages("notice");
    let out = t.run(&["new", "translation", "content/about.md", "--lang", "es"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scaffold = t.read("content/about.es.md");
    let version = scaffold
        .lines()
        .find_map(|l| l.strip_prefix("translated_from = \""))
        .and_then(|l| l.split('"').next())
        .expect("the version is recorded")
        .to_string();
    assert_eq!(version.len(), 12);
    // The original's fields and text, ready to translate.
    assert!(scaffold.starts_with("+++\ntitle = \"About\"\ntranslated_from = "));
    assert!(scaffold.ends_with("+++\nAbout text.\n"));
    assert!(t.build().ok().messages().is_empty());

    // The original changes: the translation is stale, at its `translated_from` line.
    let t = t.file(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\nAbout text, rewritten.\n",
    );
    let built = t.build().ok();
    assert_eq!(
        built.messages(),
        [
            "content/about.es.md:3:1: out of date: `content/about.md` has changed since this translation was made from it"
        ]
    );
    let hint = built.report.diagnostics[0].hint.clone().unwrap_or_default();
    let new_version = hint
        .split('"')
        .nth(1)
        .expect("the hint gives the new version")
        .to_string();
    assert_ne!(new_version, version);
    // The translation is updated and records the new version: the warning goes.
    let updated = t
        .read("content/about.es.md")
        .replace(&version, &new_version);
    let t = t.file("content/about.es.md", &updated);
    assert!(t.build().ok().messages().is_empty());
    // Line endings do not make a change.
    let t = t.file(
        "content/about.md",
        "+++\r\ntitle = \"About\"\r\n+++\r\nAbout text, rewritten.\r\n",
    );
    assert!(t.build().ok().messages().is_empty());
}

#[test]
fn new_translation_refuses_what_it_cannot_do() {
    let t = two_languages("notice");
    let run = |args: &[&str]| {
        let out = t.run(args);
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(
        run(&["new", "translation", "content/about.md", "--lang", "de"])
            .contains("`de` is not one of the book's languages")
    );
    assert!(
        run(&["new", "translation", "content/nope.md", "--lang", "es"])
            .contains("no original page `content/nope.md`")
    );
    assert!(
        run(&[
            "new",
            "translation",
            "content/acts/ask.es.md",
            "--lang",
            "es"
        ])
        .contains("no original page")
    );
    assert!(
        run(&["new", "translation", "content/acts/ask.md", "--lang", "es"])
            .contains("the translation already exists")
    );
    assert_eq!(
        t.read("content/acts/ask.es.md"),
        "+++\ntitle = \"Pregunta\"\n+++\nPregunta a alguien.\n"
    );
}

#[test]
fn sitemaps_list_each_languages_pages_with_their_alternates() {
    let t = two_languages("notice");
    t.build().ok();
    let root = t.read("public/sitemap.xml");
    assert!(root.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(root.contains("<url><loc>https://example.org/hb/acts/ask/</loc><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/hb/acts/ask/\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/hb/acts/ask/\"/><xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/hb/es/acts/ask/\"/></url>"), "{root}");
    let es = t.read("public/es/sitemap.xml");
    assert!(es.contains("<loc>https://example.org/hb/es/acts/ask/</loc>"));
    // A page shown untranslated is not the Spanish site's own: not in its sitemap, and its
    // canonical URL is the original's.
    assert!(!es.contains("/es/about/"), "{es}");
    assert!(
        t.read("public/es/about/index.html")
            .contains("<link rel=\"canonical\" href=\"https://example.org/hb/about/\">")
    );
    assert_eq!(
        t.read("public/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/hb/sitemap.xml\nSitemap: https://example.org/hb/es/sitemap.xml\n"
    );
    assert!(!t.exists("public/es/robots.txt"));
}

/// `watch` and `serve` run a session: the warning appears on the run after the original's
/// edit, and goes on the run after the translation records the new version.
#[test]
fn a_watching_session_reports_a_stale_translation_as_it_happens() {
    use handbook::build::{BuildOptions, Changes, Session};
    let t = two_languages("notice").file(
        "content/about.es.md",
        "+++\ntitle = \"Acerca de\"\ntranslated_from = \"placeholder\"\n+++\nTexto.\n",
    );
    let mut session = Session::new(BuildOptions {
        root: handbook::output::absolute(t.root()),
        write: true,
        ..Default::default()
    });
    let first = session.run(&Changes::default()).unwrap();
    let stale = |r: &handbook::build::BuildReport| {
        r.diagnostics
            .iter()
            .filter(|d| d.code == handbook::diagnostics::Code::StaleTranslation)
            .count()
    };
    // A version that is not the original's: stale from the start.
    assert_eq!(stale(&first), 1);
    let hint = first
        .diagnostics
        .iter()
        .find_map(|d| d.hint.clone())
        .unwrap();
    let version = hint.split('"').nth(1).unwrap().to_string();
    let file = handbook::output::absolute(&t.path("content/about.es.md"));
    let t = t.file(
        "content/about.es.md",
        &format!("+++\ntitle = \"Acerca de\"\ntranslated_from = \"{version}\"\n+++\nTexto.\n"),
    );
    let changes = Changes {
        content: vec![file],
        ..Changes::default()
    };
    assert_eq!(stale(&session.run(&changes).unwrap()), 0);
    let original = handbook::output::absolute(&t.path("content/about.md"));
    t.write(
        "content/about.md",
        b"+++\ntitle = \"About\"\n+++\nNew text.\n",
    );
    let changes = Changes {
        content: vec![original],
        ..Changes::default()
    };
    let report = session.run(&changes).unwrap();
    assert_eq!(stale(&report), 1);
    assert!(t.read("public/about/index.html").contains("New text."));
}

#[test]
fn feeds_print_and_offline_links_work_per_language() {
    let t = two_languages("notice");
    t.build().ok();
    // Each language's feeds hold its own entries, at its own addresses.
    let feed = t.read("public/es/examples/atom.xml");
    assert!(feed.contains("Una historia"), "{feed}");
    assert!(feed.contains("https://example.org/hb/es/examples/una-historia/"));
    // The English collection has no story, so no feed.
    assert!(!t.exists("public/examples/atom.xml"));
    // The print page is the language's book.
    let print = t.read("public/es/print/index.html");
    assert!(print.contains("Pregunta a alguien.") && !print.contains("Ask someone."));
    // Opened from disk: every link spells index.html, the switcher's too.
    let built = t.build_with(|o| o.offline = true).ok();
    let es = built.html("es/acts/ask/index.html");
    assert!(
        es.contains("<a href=\"../../../acts/ask/index.html\" hreflang=\"en\""),
        "{es}"
    );
    assert!(es.contains("href=\"../../../assets/style.css\""));
    let broken = crate::broken_relative_links(&t.path("public"));
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_language_names_its_collections_in_its_own_words() {
    let t = two_languages("notice").file(
        "book.toml",
        "[book]\ntitle = \"Handbook\"\nbase_url = \"https://example.org/hb\"\n\n[languages.es]\ntitle = \"Manual\"\n\n[languages.es.collections.examples]\nname = \"ejemplos\"\nitem = \"ejemplo\"\nlabels = { act = \"Acto\" }\n",
    );
    let built = t.build().ok();
    let share = built.html("es/examples/share/index.html");
    assert!(
        share.contains("ejemplo") && share.contains(">Acto<"),
        "{share}"
    );
    let story = built.html("es/examples/una-historia/index.html");
    assert!(story.contains("<dt>Acto</dt>"), "{story}");
    // English keeps its own.
    assert!(built.html("examples/share/index.html").contains(">Act<"));
}

#[test]
fn a_collection_can_show_every_languages_stories_with_a_badge() {
    let t = two_languages("notice").file(
        "book.toml",
        "[book]\ntitle = \"Handbook\"\nbase_url = \"https://example.org/hb\"\n\n[languages.es]\ntitle = \"Manual\"\n\n[collections.examples]\nsection = \"examples\"\nfields = [\"contributor\"]\nauthor_field = \"contributor\"\nevery_language = true\n\n[collections.examples.relations.act]\nsection = \"acts\"\nrequired = true\n",
    );
    let built = t.build().ok();
    // The story written in Spanish only is in the English listing too, marked as Spanish.
    let listing = built.html("examples/index.html");
    assert!(
        listing.contains("<li class=\"card\" lang=\"es\" dir=\"auto\">"),
        "{listing}"
    );
    assert!(listing.contains("<span class=\"lang-badge\">ES</span>"));
    // Its page there says it is shown in its own language, which is canonical.
    let page = built.html("examples/una-historia/index.html");
    assert!(page.contains("(Español)"), "{page}");
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/hb/es/examples/una-historia/\">"
    ));
    // Without `every_language`, it stays in its own language (see the first test).
    assert!(t.exists("public/es/examples/una-historia/index.html"));
}

#[test]
fn callouts_are_labelled_in_the_language_of_the_text() {
    let t = two_languages("notice")
        .file(
            "content/acts/ask.es.md",
            "+++\ntitle = \"Pregunta\"\n+++\n> [!TIP]\n> Pregunta a quien calla.\n\n## Cómo\n",
        )
        .file(
            "content/about.md",
            "+++\ntitle = \"About\"\n+++\n> [!TIP]\n> Ask the quiet one.\n\n## How\n",
        );
    let built = t.build().ok();
    let es = built.html("es/acts/ask/index.html");
    assert!(
        es.contains("<div class=\"callout callout-tip\" role=\"note\" aria-label=\"Consejo\">"),
        "{es}"
    );
    // A page shown untranslated keeps its text's words in its own language, on its page and on
    // the language's print page; the page around it is in the site's.
    for file in ["es/about/index.html", "es/print/index.html"] {
        let page = built.html(file);
        assert!(
            page.contains("<div class=\"callout callout-tip\" role=\"note\" aria-label=\"Tip\">"),
            "{file}: {page}"
        );
        assert!(
            page.contains("aria-label=\"Link to this section: How\""),
            "{file}: {page}"
        );
        assert!(!page.contains("aria-label=\"Consejo\">\n<p>Ask"), "{file}");
    }
    assert!(built.html("es/about/index.html").contains("lang=\"es\""));
}

#[test]
fn content_and_static_files_are_written_once_and_reached_from_every_language() {
    let t = two_languages("notice")
        .file(
            "content/acts/pic.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .file("static/notes.txt", "notes\n")
        .file(
            "content/acts/ask.es.md",
            "+++\ntitle = \"Pregunta\"\n+++\n![Un dibujo](pic.svg) y [notas](../notes.txt).\n\n\
             <p><img src=\"../pic.svg\" alt=\"Otro\"> <a href='../../notes.txt#top'>notas</a> \
             <a href=\"../\">actos</a> <a href=\"https://example.org/x.svg\">fuera</a></p>\n",
        )
        // Shown untranslated under `es/` too: its raw HTML was written for `acts/`.
        .file(
            "content/acts/own.md",
            "+++\ntitle = \"Own\"\n+++\n<img src=\"../pic.svg\" alt=\"A drawing\">\n",
        );
    let built = t.build().ok();
    let es = built.html("es/acts/ask/index.html");
    assert!(es.contains("src=\"../../../acts/pic.svg\""), "{es}");
    assert!(es.contains("href=\"../../../notes.txt\""), "{es}");
    // Raw HTML's relative URLs to those files lead to the root's copy as well; a link to a
    // page stays in the language, other URLs stay as written.
    assert!(
        es.contains("<img src=\"../../../acts/pic.svg\" alt=\"Otro\">"),
        "{es}"
    );
    assert!(es.contains("href='../../../notes.txt#top'"), "{es}");
    assert!(es.contains("<a href=\"../\">actos</a>"), "{es}");
    assert!(es.contains("href=\"https://example.org/x.svg\""), "{es}");
    let fallback = built.html("es/acts/own/index.html");
    assert!(
        fallback.contains("<img src=\"../../../acts/pic.svg\""),
        "{fallback}"
    );
    let en = built.html("acts/own/index.html");
    assert!(en.contains("<img src=\"../pic.svg\""), "{en}");
    assert!(t.exists("public/acts/pic.svg") && !t.exists("public/es/acts/pic.svg"));
    let broken = crate::broken_relative_links(&t.path("public"));
    assert!(broken.is_empty(), "{broken:?}");
}

/// Under `watch`, a body edit reuses every language's linked site (the page is swapped in
/// where it shows, its translation's site too); a retitle links again. Both equal a full build
/// (the incremental property test checks that over random edits).
#[test]
fn a_body_edit_reuses_every_languages_linked_site() {
    use handbook::build::{BuildOptions, Changes, Session};
    // A folder without `_index.md` gets a section page from linking, in each language.
    let t = two_languages("notice").file(
        "content/notes/about.md",
        "+++\ntitle = \"About\"\n+++\nAbout text.\n",
    );
    let mut session = Session::new(BuildOptions {
        root: handbook::output::absolute(t.root()),
        write: true,
        ..Default::default()
    });
    assert!(session.run(&Changes::default()).unwrap().work.linked);
    let about = handbook::output::absolute(&t.path("content/notes/about.md"));
    let mut edit = |text: &str| {
        t.write("content/notes/about.md", text.as_bytes());
        let changes = Changes {
            content: vec![about.clone()],
            ..Changes::default()
        };
        session.run(&changes).unwrap()
    };
    let report = edit("+++\ntitle = \"About\"\n+++\nNew about text.\n");
    assert!(!report.work.linked, "a body edit links nothing");
    assert!(
        t.read("public/notes/about/index.html")
            .contains("New about text.")
    );
    // Shown untranslated in Spanish: the same new text there.
    assert!(
        t.read("public/es/notes/about/index.html")
            .contains("New about text.")
    );
    let report = edit("+++\ntitle = \"About us\"\n+++\nNew about text.\n");
    assert!(report.work.linked, "a retitle links again");
    assert!(
        t.read("public/es/notes/about/index.html")
            .contains("<h1>About us</h1>")
    );
}
