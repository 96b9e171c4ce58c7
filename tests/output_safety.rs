//! The output folder: refused when dangerous, replaced only on success, nothing lost.

use crate::{SiteTest, files_under, handbook_site, stamps};
use std::path::Path;

#[test]
fn failed_build_leaves_previous_output_byte_identical() {
    let t = SiteTest::new().file("content/p.md", "+++\ntitle = \"P\"\n+++\nFirst.\n");
    t.build().ok();
    let before = files_under(&t.path("public"));
    t.write("content/p.md", b"+++\ntitle = \"P\"\nbroken = \n+++\n");
    let b = t.build();
    assert!(b.report.has_errors());
    assert!(b.report.written.is_none());
    assert_eq!(files_under(&t.path("public")), before);
    assert_eq!(leftovers(t.root()), Vec::<String>::new());
}

/// Pages are written to the staging folder while the rest is still rendering; an error found
/// after that (here: a static file on a page's path, caught when the output is assembled) must
/// still leave the old site as it was and no staging folder behind.
#[test]
fn error_found_after_pages_were_written_leaves_previous_output_and_no_staging() {
    let mut t = SiteTest::new();
    for n in 0..200 {
        t = t.file(
            &format!("content/p{n}.md"),
            &format!("+++\ntitle = \"P{n}\"\n+++\nText {n}.\n"),
        );
    }
    t.build().ok();
    let before = files_under(&t.path("public"));
    t.write("static/p7/index.html", b"<p>a static page in the way</p>");
    let b = t.build();
    assert_eq!(
        b.only_error().message,
        "output file `p7/index.html` is also produced by page `content/p7.md`"
    );
    assert!(b.report.written.is_none());
    assert_eq!(files_under(&t.path("public")), before);
    assert_eq!(leftovers(t.root()), Vec::<String>::new());
}

/// A static file where a page needs a folder cannot be written; it is reported as a problem
/// with both names, before anything of the new site is swapped in.
#[test]
fn file_in_the_way_of_a_pages_folder_is_reported() {
    let t = SiteTest::new()
        .file("content/a/_index.md", "+++\ntitle = \"A\"\n+++\n")
        .file("content/a/b.md", "+++\ntitle = \"B\"\n+++\nText.\n");
    t.build().ok();
    let before = files_under(&t.path("public"));
    t.write("static/a", b"a file where a folder must go");
    let b = t.build();
    assert_eq!(
        b.only_error().message,
        "output file `a` is in the way of the folder `a/` that page `content/a/b.md` needs for \
         `a/b/index.html`"
    );
    assert_eq!(files_under(&t.path("public")), before);
    assert_eq!(leftovers(t.root()), Vec::<String>::new());
}

fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("handbook-tmp"))
        .collect()
}

#[test]
fn successful_rebuild_replaces_the_output_and_drops_deleted_pages() {
    let t = SiteTest::new().file("content/gone.md", "+++\ntitle = \"Gone\"\n+++\n");
    t.build().ok();
    assert!(t.exists("public/gone/index.html"));
    std::fs::remove_file(t.path("content/gone.md")).unwrap();
    t.build().ok();
    assert!(!t.exists("public/gone"));
    assert!(t.exists("public/.handbook-output"));
}

#[test]
fn dangerous_output_folders_are_refused_before_anything_is_touched() {
    let t = SiteTest::new().file("notes/keep.txt", "precious");
    let before = files_under(t.root());
    for out in [".", "content", "content/out", "themes", "..", "/", "notes"] {
        let out_path = if out.starts_with('/') {
            out.into()
        } else {
            t.path(out)
        };
        let b = t.build_with(|o| o.output = Some(out_path.clone()));
        let e = b.only_error();
        assert!(
            e.message.starts_with("refusing to use"),
            "{out}: {}",
            e.message
        );
        assert!(b.report.written.is_none());
    }
    assert_eq!(files_under(t.root()), before, "nothing was touched");
}

#[test]
fn home_folder_is_refused() {
    let home = std::env::var("HOME").expect("HOME is set in tests");
    let t = SiteTest::new();
    let b = t.build_with(|o| o.output = Some(home.clone().into()));
    assert!(
        b.only_error().message.contains("home folder"),
        "{:?}",
        b.messages()
    );
}

#[test]
fn output_folder_made_by_handbook_is_reused() {
    let t = SiteTest::new();
    let out = t.path("site");
    t.build_with(|o| o.output = Some(out.clone())).ok();
    t.build_with(|o| o.output = Some(out.clone())).ok();
    assert!(out.join("index.html").exists());
}

#[test]
fn build_never_writes_under_content() {
    let t = crate::handbook_site().file("content/pic.png", "x");
    let before = files_under(&t.path("content"));
    t.build().ok();
    t.run(&["check"]);
    assert_eq!(files_under(&t.path("content")), before);
}

#[test]
fn check_writes_nothing() {
    let t = SiteTest::new();
    let out = t.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!t.exists("public"));
}

/// Deploy tools (rsync, `aws s3 sync`) upload what looks changed: a rebuild of unchanged content
/// must leave every file as it was.
#[test]
fn rebuild_without_changes_rewrites_no_file() {
    let site = handbook_site();
    site.build().ok();
    let before = stamps(&site.path("public"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let built = site.build().ok();
    assert_eq!(built.report.changed().written, 0);
    assert_eq!(stamps(&site.path("public")), before);

    // One page changed: its file is new, the rest are the same files.
    site.write(
        "content/acts/share-the-credit.md",
        b"+++\ntitle = \"Share the credit\"\nweight = 2\n+++\nOther text.\n",
    );
    site.build().ok();
    let after = stamps(&site.path("public"));
    let changed: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        changed.contains(&&"acts/share-the-credit/index.html".to_string()),
        "{changed:?}"
    );
    assert!(
        !changed.contains(&&"examples/new/index.html".to_string()),
        "{changed:?}"
    );
    assert!(changed.len() < after.len() / 2, "{changed:?}");
    // No staging folder is left next to the output.
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

/// Ctrl-C or a crash mid-build: the output folder holds the old site or the new one, never a
/// mix, and the staging folder the killed run left behind is removed by the next run.
#[test]
fn a_killed_build_leaves_old_or_new_output_and_the_next_run_cleans_up() {
    let mut site = handbook_site();
    for n in 0..1500 {
        site = site.file(
            &format!("content/examples/e{n}.md"),
            &format!("+++\ntitle = \"Story {n}\"\ndate = 2026-01-01\nact = \"share-the-credit\"\n+++\nText {n}.\n"),
        );
    }
    site.build().ok();
    let old = files_under(&site.path("public"));
    site.write(
        "content/acts/share-the-credit.md",
        b"+++\ntitle = \"Share the credit\"\nweight = 2\n+++\nChanged text.\n",
    );
    let staging = |root: &Path| {
        std::fs::read_dir(root).unwrap().flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".public.handbook-tmp-")
        })
    };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .arg("build")
        .current_dir(site.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as it is writing (SIGKILL: no chance to clean up).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !staging(site.root())
        && child.try_wait().unwrap().is_none()
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    let _ = child.kill();
    let _ = child.wait();

    let now = files_under(&site.path("public"));
    if now != old {
        // The run got as far as the swap: then the output is the complete new site.
        site.build_with(|o| o.output = Some(site.path("expected")))
            .ok();
        assert_eq!(
            now,
            files_under(&site.path("expected")),
            "neither the old nor the new site"
        );
    }
    // The next run removes what the killed one left and builds normally.
    site.build().ok();
    assert!(!staging(site.root()), "a staging folder was left behind");
    assert!(
        site.read("public/acts/share-the-credit/index.html")
            .contains("Changed text.")
    );
}
