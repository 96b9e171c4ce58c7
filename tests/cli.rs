//! The real binary: commands, help, exit codes, init and new.

use crate::{SiteTest, handbook_site};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn version_and_help_for_every_command() {
    let t = SiteTest::empty();
    let out = t.run(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("handbook {}", env!("CARGO_PKG_VERSION"))
    );
    for cmd in ["build", "check", "init", "new"] {
        let out = t.run(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd} --help");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: handbook"),
            "{cmd}"
        );
    }
}

#[test]
fn build_exit_codes_and_error_format() {
    let t = SiteTest::new();
    let out = t.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("built 1 pages"));
    t.write("content/bad.md", b"+++\ntitle = \"B\"\nwieght = 2\n+++\n");
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/bad.md:3:1: error: unknown front matter key `wieght`"),
        "{err}"
    );
    assert!(err.contains("3 | wieght = 2"), "{err}");
    assert!(err.contains("= hint: did you mean `weight`?"), "{err}");
    assert!(err.contains("previous output is unchanged"), "{err}");
}

#[test]
fn build_flags_root_output_base_url_drafts() {
    let t = SiteTest::new().file("content/d.md", "+++\ntitle = \"D\"\ndraft = true\n+++\n");
    let parent = tempfile::tempdir().unwrap();
    let out_dir = parent.path().join("out");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["build", "--root"])
        .arg(t.root())
        .arg("--output")
        .arg(&out_dir)
        .args(["--drafts", "--base-url", "https://example.org/hb/"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out_dir.join("d/index.html").exists());
    let html = std::fs::read_to_string(out_dir.join("d/index.html")).unwrap();
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/hb/d/\">"),
        "{html}"
    );
    let bad = t.run(&["build", "--base-url", "example.org"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn check_reports_errors_with_nonzero_exit() {
    let t = handbook_site().file(
        "content/examples/x.md",
        "+++\ntitle = \"X\"\nact = \"nope\"\n+++\n",
    );
    let out = t.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/examples/x.md:3:7: error: unknown act `nope`"),
        "{}",
        stderr(&out)
    );
    assert!(!t.exists("public"));
}

#[test]
fn init_creates_a_handbook_that_builds_and_checks_clean() {
    let t = SiteTest::empty();
    let out = t.run(&["init", "my-handbook"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .arg("build")
        .current_dir(t.path("my-handbook"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0 error(s), 0 warning(s)") || !stderr(&out).contains("warning"),
        "{}",
        stderr(&out)
    );
    assert!(
        t.read("my-handbook/public/index.html")
            .contains("My handbook")
    );
    assert!(t.exists("my-handbook/public/examples/first-example/index.html"));
    // refuses a non-empty folder
    let again = t.run(&["init", "my-handbook"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("not empty"));
}

#[test]
fn new_example_scaffolds_a_valid_file_and_never_overwrites() {
    let t = handbook_site();
    let out = t.run(&[
        "new",
        "example",
        "The Intern Who Spoke",
        "--act",
        "share-the-credit",
        "--context",
        "school",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = t.read("content/examples/the-intern-who-spoke.md");
    assert!(text.contains("title = \"The Intern Who Spoke\""), "{text}");
    assert!(text.contains("act = \"share-the-credit\""));
    assert!(text.contains("context = \"school\""));
    // the scaffold passes check as it is
    let check = t.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // a second run refuses and leaves the file alone
    t.write("content/examples/the-intern-who-spoke.md", b"edited");
    let again = t.run(&[
        "new",
        "example",
        "The Intern Who Spoke",
        "--act",
        "share-the-credit",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(t.read("content/examples/the-intern-who-spoke.md"), "edited");
}

#[test]
fn new_example_with_unknown_or_missing_act_lists_valid_acts() {
    let t = handbook_site();
    let out = t.run(&["new", "example", "X", "--act", "share-the-credti"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown act `share-the-credti`"), "{err}");
    assert!(err.contains("did you mean `share-the-credit`?"), "{err}");
    let out = t.run(&["new", "example", "X"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing `--act <slug>`"));
    assert!(stderr(&out).contains("ask-the-quiet-voice, share-the-credit"));
    assert!(!t.exists("content/examples/x.md"));
}

#[test]
fn new_page_goes_into_a_section() {
    let t = SiteTest::new();
    let out = t.run(&["new", "page", "Getting started", "--section", "guide"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        t.read("content/guide/getting-started.md")
            .contains("title = \"Getting started\"")
    );
    let out = t.run(&["new", "page", "Later", "--section", "guide", "--root", "."]);
    assert!(
        out.status.success(),
        "options after the title work too: {}",
        stderr(&out)
    );
    assert!(t.exists("content/guide/later.md"));
    let out = t.run(&["new", "page", "Evil", "--section", "../outside"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!t.exists("outside"));
    // A folder separator on Windows: refused everywhere (it was a folder `..\outside` here).
    let out = t.run(&["new", "page", "Evil", "--section", "..\\outside"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!t.exists("content/..\\outside"));
}

/// Logs are for debugging and apart from what users read: off by default, stage timings with
/// `HANDBOOK_LOG=debug`, and a filter that does not parse is said once, not fatal.
#[test]
fn handbook_log_turns_on_stage_timings_and_nothing_else_changes() {
    let t = SiteTest::new();
    let build = |log: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"));
        cmd.args(["check", "--root"]).arg(t.root());
        cmd.env_remove("HANDBOOK_LOG");
        if let Some(log) = log {
            cmd.env("HANDBOOK_LOG", log);
        }
        cmd.output().unwrap()
    };
    let quiet = build(None);
    assert!(quiet.status.success(), "{}", stderr(&quiet));
    assert!(!stderr(&quiet).contains("DEBUG"), "{}", stderr(&quiet));
    let debug = build(Some("debug"));
    assert!(debug.status.success());
    let log = stderr(&debug);
    for stage in [
        "discover",
        "parse",
        "link",
        "render",
        "search index",
        "assemble",
    ] {
        assert!(
            log.contains(&format!("stage=\"{stage}\"")),
            "{stage}: {log}"
        );
    }
    assert!(
        log.contains("checked 1 pages"),
        "the summary is still printed: {log}"
    );
    let bad = build(Some("handbook=[nonsense"));
    assert!(bad.status.success());
    assert!(
        stderr(&bad).contains("warning: HANDBOOK_LOG=`handbook=[nonsense` is not a log filter"),
        "{}",
        stderr(&bad)
    );
}

/// mdBook users type `handbook build DIR`: the folder is the project, as with `--root DIR`.
#[test]
fn build_and_check_take_the_project_folder_as_an_argument() {
    let t = SiteTest::new().file("content/a.md", "+++\ntitle = \"A\"\n+++\nText.\n");
    let elsewhere = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(args)
            .current_dir(elsewhere.path())
            .output()
            .unwrap()
    };
    let root = t.root().to_str().unwrap().to_string();
    let out = run(&["check", &root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!t.exists("public"));
    let out = run(&["build", &root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(t.exists("public/a/index.html"));
    // Both spellings at once is a usage error, not a guess.
    let both = run(&["build", &root, "--root", &root]);
    assert_eq!(both.status.code(), Some(2));
    assert!(
        stderr(&both).contains("cannot be used with"),
        "{}",
        stderr(&both)
    );
}

/// A failed build reports its errors, not what a good build would have left out.
#[test]
fn notes_are_printed_only_when_the_build_succeeds() {
    let t = SiteTest::new().file("content/a.md", "+++\ntitle = \"A\"\n+++\nText.\n");
    let out = t.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: no base_url"),
        "{}",
        stderr(&out)
    );
    let t = SiteTest::new().file("content/a.md", "+++\ntitle = \"A\"\nwieght = 2\n+++\n");
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("no base_url"), "{}", stderr(&out));
    assert!(stderr(&out).contains("build failed"), "{}", stderr(&out));
}

/// A small collection with three problems in two files, for the machine formats.
fn site_with_problems() -> SiteTest {
    SiteTest::empty()
        .file(
            "book.toml",
            "[book]\ntitle = \"T\"\n\n[collections.examples]\nsection = \"examples\"\nitem = \"example\"\nfields = [\"context\"]\nsetting_field = \"context\"\n\n[collections.examples.relations.act]\nsection = \"acts\"\nrequired = true\n",
        )
        .file("content/_index.md", "+++\ntitle = \"Home\"\n+++\n")
        .file("content/acts/_index.md", "+++\ntitle = \"Acts\"\n+++\n")
        .file(
            "content/acts/ask.md",
            "+++\ntitle = \"Ask the quiet voice\"\n+++\n\n![](https://example.org/a.png)\n",
        )
        .file("content/examples/_index.md", "+++\ntitle = \"Examples\"\n+++\n")
        .file(
            "content/examples/late, night.md",
            "+++\ntitle = \"Late: 100% \\\"done\\\"\"\nact = \"aks\"\ncontext = \"work\"\n+++\n\nA story of five words.\n",
        )
        .file(
            "content/examples/broken.md",
            "+++\ntitle = \"Broken\"\nwieght = 1\n+++\n",
        )
        .file(
            "content/examples/fine.md",
            "+++\ntitle = \"Fine | good\"\nact = \"ask\"\ncontext = \"home\"\n+++\n\nOne two three.\n",
        )
}

// The JSON and GitHub formats are contracts with scripts and with GitHub: their exact text is
// pinned (escaping of `,` `:` `%` in paths and messages, `null` for whole-file problems).
#[test]
fn check_formats_for_machines_are_stable() {
    let t = site_with_problems();
    let json = t.run(&["check", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    assert!(stderr(&json).contains("check failed: 2 error(s), 1 warning(s)"));
    insta::assert_snapshot!("check_json", String::from_utf8_lossy(&json.stdout));
    let github = t.run(&["check", "--format", "github"]);
    assert_eq!(github.status.code(), Some(1));
    insta::assert_snapshot!("check_github", String::from_utf8_lossy(&github.stdout));
    // Human output stays on stderr, stdout empty.
    let human = t.run(&["check"]);
    assert!(human.stdout.is_empty());
    assert!(stderr(&human).contains("content/examples/late, night.md:3:7: error: unknown act"));
}

#[test]
fn check_summary_lists_the_changed_items() {
    let t = site_with_problems().file(
        "changed.txt",
        "content/examples/late, night.md\ncontent/examples/broken.md\ncontent/examples/fine.md\ncontent/examples/gone.md\nREADME.md\ncontent/acts/ask.md\n",
    );
    std::fs::write(t.path("summary.md"), "earlier step\n").unwrap();
    let out = t.run(&[
        "check",
        "--format",
        "github",
        "--summary",
        "summary.md",
        "--changed",
        "changed.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_summary", t.read("summary.md"));
    // A clean check says so; without `--changed` there is no table.
    let t = SiteTest::new();
    let out = t.run(&["check", "--summary", "s.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        t.read("s.md"),
        "## Handbook check\n\n✅ No problems in 1 pages.\n\n"
    );
    // `--changed` needs `--summary`.
    assert!(!t.run(&["check", "--changed", "x"]).status.success());
}

#[test]
fn new_example_takes_tags_and_a_story() {
    let t = handbook_site().file(
        "story.md",
        "\r\n\r\nIt began on a Monday.\r\n\r\nIt ended well.  \n\n",
    );
    let out = t.run(&[
        "new",
        "example",
        "Say \"yes\"",
        "--act",
        "share-the-credit",
        "--tags",
        "meetings, remote work,, meetings",
        "--body",
        "story.md",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = t.read("content/examples/say-yes.md");
    let date = handbook::scaffold::today();
    assert_eq!(
        text,
        format!(
            "+++\ntitle = 'Say \"yes\"'\n# description = \"One sentence that makes someone want to read it.\"\ndate = {date}\nact = \"share-the-credit\"\n# contributor = \"Your name or a pseudonym (leave out to stay anonymous)\"\n# context = \"\"\ntags = [\"meetings\", \"remote work\"]\n+++\n\nIt began on a Monday.\n\nIt ended well.\n"
        )
    );
    assert!(t.run(&["check"]).status.success());
}

#[test]
fn new_rejects_tags_without_letters_and_tags_on_plain_pages() {
    let t = handbook_site();
    let out = t.run(&[
        "new",
        "example",
        "T",
        "--act",
        "share-the-credit",
        "--tags",
        "ok, ***",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error: tag `***` has no letters or digits"),
        "{}",
        stderr(&out)
    );
    let out = t.run(&["new", "page", "T", "--tags", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`--tags` only applies to collection items"),
        "{}",
        stderr(&out)
    );
    let out = t.run(&[
        "new",
        "example",
        "T",
        "--act",
        "share-the-credit",
        "--body",
        "nope.md",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot read `nope.md`"),
        "{}",
        stderr(&out)
    );
    assert!(!t.exists("content/examples/t.md"));
}
