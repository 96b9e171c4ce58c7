//! Snapshots of the `<main>` element of every kind of page, so that a change to a template or to
//! rendering shows up in review as a diff of the markup (as mdBook's tests do with insta).
//!
//! The site is made for this: one of each kind of page, every date fixed in front matter. When a
//! change is intended, `cargo insta review` (or `INSTA_UPDATE=always cargo test snapshots`, then
//! `git diff tests/snapshots`) shows it; commit the updated `.snap` files with the change. In CI
//! (`CI` set) a mismatch fails the test and nothing is written.

use crate::SiteTest;

fn site() -> SiteTest {
    SiteTest::new()
        .file(
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nSmall acts that make a place better to work in.\n",
        )
        .file(
            "content/guide/_index.md",
            "+++\ntitle = \"Guide\"\nweight = 3\n+++\nHow to use this handbook.\n",
        )
        .file(
            "content/guide/reading.md",
            concat!(
                "+++\ntitle = \"Reading\"\ndate = 2025-05-06\nupdated = 2025-07-08\n+++\n",
                "Start anywhere.\n\n",
                "## Acts\n\nEach act is one thing to do.\n\n",
                "## Examples\n\nEach example is a story about an act. See [the act](../acts/x.md).\n\n",
                "### Tags\n\nTags group examples across acts.\n",
            ),
        )
        .file(
            "content/acts/_index.md",
            "+++\ntitle = \"Acts\"\nweight = 1\n+++\nThings anyone can do.\n",
        )
        .file(
            "content/acts/x.md",
            "+++\ntitle = \"Ask the quiet voice\"\n+++\nInvite the person who has not spoken yet.\n",
        )
        .file(
            "content/examples/_index.md",
            "+++\ntitle = \"Examples\"\nweight = 2\n+++\nStories from people who tried.\n",
        )
        .file(
            "content/examples/standup.md",
            concat!(
                "+++\ntitle = \"The standup\"\ndate = 2026-03-04\nact = \"x\"\ncontext = \"work\"\n",
                "contributor = \"Sam\"\ntags = [\"meetings\", \"remote work\"]\n+++\n",
                "Our newest colleague had *the* answer.\n",
            ),
        )
        .file(
            "content/examples/class.md",
            concat!(
                "+++\ntitle = \"The quiet pupil\"\ndate = 2025-01-02\nact = \"x\"\n",
                "context = \"school\"\ncontributor = \"Ana\"\ntags = [\"meetings\"]\n+++\n",
                "She asked what everyone wondered.\n",
            ),
        )
}

/// One build, one snapshot per kind of page: home, plain page (with its table of contents),
/// section, act, example, examples listing, tags index, tag page, 404, random picker, print.
#[test]
fn main_element_of_each_kind_of_page() {
    let site = site();
    let built = site.build().ok();
    insta::assert_snapshot!("home", built.main("index.html"));
    insta::assert_snapshot!("page", built.main("guide/reading/index.html"));
    insta::assert_snapshot!("section", built.main("guide/index.html"));
    insta::assert_snapshot!("act", built.main("acts/x/index.html"));
    insta::assert_snapshot!("example", built.main("examples/standup/index.html"));
    insta::assert_snapshot!("examples", built.main("examples/index.html"));
    insta::assert_snapshot!("tags", built.main("tags/index.html"));
    insta::assert_snapshot!("tag", built.main("tags/meetings/index.html"));
    insta::assert_snapshot!("not_found", built.main("404.html"));
    insta::assert_snapshot!("random", built.main("examples/random/index.html"));
    insta::assert_snapshot!("print", built.main("print/index.html"));
}
