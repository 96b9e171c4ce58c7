//! The handbook shipped in this repository: it builds clean and is complete.

use crate::{broken_relative_links, files_under};
use handbook::{BuildOptions, build};
use std::path::Path;

#[test]
fn shipped_handbook_builds_without_errors_or_warnings_and_links_resolve() {
    let out = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        output: Some(out.path().join("public")),
        write: true,
        ..Default::default()
    };
    let report = build(&opts).unwrap();
    let messages: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(messages.is_empty(), "{}", messages.join("\n"));
    let public = out.path().join("public");
    assert_eq!(broken_relative_links(&public), Vec::<String>::new());

    // the site makes no network requests of its own: no remote scripts, styles, fonts or images
    for (rel, bytes) in files_under(&public) {
        if !Path::new(&rel)
            .extension()
            .is_some_and(|e| e == "html" || e == "css")
        {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for needle in [
            "src=\"http",
            "src=\"//",
            "url(http",
            "url(//",
            "@import",
            "rel=\"stylesheet\" href=\"http",
        ] {
            assert!(!text.contains(needle), "{rel} contains {needle}");
        }
    }

    // every act lists at least four examples
    let acts = std::fs::read_dir(public.join("acts")).unwrap();
    let mut count = 0;
    for act in acts.flatten().filter(|e| e.path().is_dir()) {
        let html = std::fs::read_to_string(act.path().join("index.html")).unwrap();
        let examples = html.matches("<li class=\"card\">").count();
        assert!(
            examples >= 4,
            "{} lists {examples} examples",
            act.path().display()
        );
        count += 1;
    }
    assert_eq!(count, 8, "eight acts");

    // the home page links every act directly
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert_eq!(home.matches("class=\"act-card\"").count(), 8);

    // any example is reached from home through the examples listing: its first page, or a
    // further page that the first links to
    assert!(
        home.contains("href=\"./examples/\""),
        "home links the examples index"
    );
    let first = std::fs::read_to_string(public.join("examples/index.html")).unwrap();
    let mut listing = first.clone();
    for n in 2.. {
        let Ok(page) =
            std::fs::read_to_string(public.join(format!("examples/page/{n}/index.html")))
        else {
            break;
        };
        assert!(
            first.contains(&format!("href=\"../examples/page/{n}/\"")),
            "page {n} is linked"
        );
        listing.push_str(&page);
    }
    let examples = std::fs::read_dir(public.join("examples")).unwrap();
    let mut stories = 0;
    for e in examples.flatten().filter(|e| e.path().is_dir()) {
        let slug = e.file_name().to_string_lossy().into_owned();
        if slug == "page" {
            continue;
        }
        assert!(
            listing.contains(&format!("examples/{slug}/\"")),
            "the examples listing links {slug}"
        );
        stories += 1;
    }
    assert!(stories >= 32, "at least 32 examples, found {stories}");
}
