//! The share page of each collection (`<listing>share/`): what it offers, where it sends the
//! file, and the links to it. Its behaviour in a browser is `tests/browser/share.test.js`.

use crate::{SiteTest, handbook_site};
use handbook::config::Collection;
use handbook::scaffold;

const CONTRIBUTE: &str = "[book]\ntitle = \"T\"\n\n[contribute]\nrepository = \"https://github.com/org/hb/\"\nbranch = \"stories\"\nemail = \"stories@example.org\"\nlicense = \"CC BY-SA 4.0\"\n";

#[test]
fn share_page_offers_the_collections_choices_and_the_forge() {
    let site = handbook_site()
        .file("book.toml", CONTRIBUTE)
        .file(
            "content/acts/share-the-credit.md",
            "+++\ntitle = \"Share the credit\"\ndescription = \"Pass praise on.\"\nweight = 2\n+++\nText.\n",
        )
        .file(
            "content/examples/third.md",
            "+++\ntitle = \"Third\"\ndate = 2026-03-05\nact = \"share-the-credit\"\ncontext = \"home\"\ntags = [\"remote work\"]\n+++\nThird.\n",
        )
        .file(
            "content/examples/fourth.md",
            "+++\ntitle = \"Fourth\"\ndate = 2026-03-06\nact = \"share-the-credit\"\ncontext = \"home\"\ntags = [\"remote work\"]\n+++\nFourth.\n",
        );
    let built = site.build().ok();
    let html = built.html("examples/share/index.html");
    assert!(html.contains("<h1>Share your example</h1>"), "{html}");
    // Each act, in the acts' order, with its description.
    let quiet = html
        .find("value=\"ask-the-quiet-voice\"")
        .expect("first act");
    let credit = html.find("value=\"share-the-credit\"").expect("second act");
    assert!(quiet < credit);
    assert!(html.contains("<span class=\"choice-description\">Pass praise on.</span>"));
    // Settings and tags in use, most used first.
    assert!(
        html.contains("<option value=\"home\"><option value=\"work\">"),
        "{html}"
    );
    let remote = html.find("value=\"remote work\"").expect("tag remote work");
    let meetings = html
        .find("name=\"tag\" value=\"meetings\"")
        .expect("tag meetings");
    assert!(
        remote < meetings,
        "remote work is used three times, meetings twice"
    );
    // The forge's new-file page for the examples folder, on the configured branch.
    assert!(
        html.contains("data-forge-url=\"https://github.com/org/hb/new/stories/content/examples\"")
    );
    assert!(html.contains("data-forge-name=\"filename\" data-forge-text=\"value\""));
    assert!(html.contains("data-email=\"stories@example.org\""));
    assert!(html.contains("under the CC BY-SA 4.0 licence"));
    // The recipe `share.js` fills in is the one `handbook new` uses.
    let recipe = scaffold::recipe_json(&scaffold::recipe(
        &Collection::default_examples(),
        &scaffold::RecipeWords::ENGLISH,
    ));
    assert!(html.contains(&recipe), "{recipe}");
    // Without JavaScript: the template with placeholders.
    assert!(html.contains("title = &quot;Your title&quot;\n"), "{html}");
    assert!(html.contains("date = YYYY-MM-DD\nact = &quot;…&quot;\n"));
}

#[test]
fn listings_items_and_the_guide_link_to_the_share_page() {
    let site = handbook_site()
        .file(
            "book.toml",
            "[book]\ntitle = \"T\"\n\n[collections.examples]\nsection = \"examples\"\nitem = \"example\"\nfields = [\"contributor\", \"context\"]\nguide = \"contribute.md\"\n\n[collections.examples.relations.act]\nsection = \"acts\"\nrequired = true\n",
        )
        .file("content/contribute.md", "+++\ntitle = \"Contribute\"\n+++\nHow.\n");
    let built = site.build().ok();
    let link = "examples/share/\">Share an example of your own</a>";
    assert!(built.main("examples/index.html").contains(link));
    assert!(built.main("examples/new/index.html").contains(link));
    assert!(
        built.main("contribute/index.html").contains(
            "<a class=\"button\" href=\"../examples/share/\">Share yours with a form</a>"
        )
    );
    assert!(!built.main("acts/index.html").contains("examples/share/"));
    // An offline build links the file.
    let built = site.build_with(|o| o.offline = true).ok();
    assert!(
        built
            .main("examples/index.html")
            .contains("examples/share/index.html\">Share")
    );
}

#[test]
fn share_false_leaves_the_page_and_its_links_out() {
    let site = handbook_site().file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[collections.examples]\nsection = \"examples\"\nitem = \"example\"\nfields = [\"contributor\", \"context\"]\nshare = false\n\n[collections.examples.relations.act]\nsection = \"acts\"\n",
    );
    let built = site.build().ok();
    assert!(!site.exists("public/examples/share/index.html"));
    assert!(!built.main("examples/index.html").contains("share/"));
}

#[test]
fn an_explicit_propose_url_wins_over_the_share_page() {
    let site = handbook_site().file(
        "book.toml",
        "[book]\ntitle = \"T\"\npropose_url = \"https://git.example/new/main/content/examples\"\n",
    );
    let built = site.build().ok();
    let main = built.main("examples/index.html");
    assert!(main.contains("href=\"https://git.example/new/main/content/examples\""));
    assert!(!main.contains("examples/share/\">"));
    // The page itself is still there.
    assert!(site.exists("public/examples/share/index.html"));
}

#[test]
fn without_a_forge_or_email_the_page_says_to_send_it_to_the_editors() {
    let site = handbook_site();
    let built = site.build().ok();
    let html = built.html("examples/share/index.html");
    assert!(!html.contains("data-forge"));
    assert!(!html.contains("data-email"));
    assert!(html.contains("it to the editors"));
}

#[test]
fn contribute_table_errors_name_the_key() {
    for (table, at, message) in [
        (
            "repository = \"https://git.example.org/o/r\"",
            "book.toml:5:1",
            "cannot tell which forge hosts `https://git.example.org/o/r`",
        ),
        (
            "repository = \"https://github.com/o/r\"\nforge = \"svn\"",
            "book.toml:6:1",
            "unknown forge `svn`",
        ),
        (
            "email = \"stories at example.org\"",
            "book.toml:5:1",
            "`stories at example.org` is not an email address",
        ),
        (
            "repository = \"github.com/o/r\"",
            "book.toml:5:1",
            "`repository` must be an absolute http(s) URL, got `github.com/o/r`",
        ),
    ] {
        let site = SiteTest::new().file(
            "book.toml",
            &format!("[book]\ntitle = \"T\"\n\n[contribute]\n{table}\n"),
        );
        let built = site.build();
        let e = built.only_error();
        assert_eq!((e.location().as_str(), e.message.as_str()), (at, message));
    }
    // An unknown key in the table is reported like any other.
    let site = SiteTest::new().file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[contribute]\nemial = \"a@b.org\"\n",
    );
    let built = site.build();
    assert_eq!(
        built.only_error().hint.as_deref(),
        Some("did you mean `email`?")
    );
}
