//! Incremental rebuilds (`watch`, `serve`): after any series of edits, a session's output equals
//! a clean full build's, in memory and on disk, and unchanged files are left alone.

use crate::{SiteTest, file_name, files_under, handbook_site, paths_under, stamps};
use handbook::BuildOptions;
use handbook::build::{Changes, Session};
use handbook::output::Files;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

fn options(site: &SiteTest, write: bool) -> BuildOptions {
    BuildOptions {
        root: handbook::output::absolute(site.root()),
        write,
        ..Default::default()
    }
}

/// A clean build of the site as it is now, in memory.
fn fresh(site: &SiteTest) -> (bool, Option<Files>) {
    let mut session = Session::new(options(site, false));
    let report = session.run(&Changes::default()).unwrap();
    (
        report.has_errors(),
        session.output().map(|o| (*o.files).clone()),
    )
}

/// Every file under the output folder except the marker: what a session holds in memory.
fn on_disk(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = files_under(out);
    files.remove(handbook::output::MARKER);
    files
}

fn as_bytes(files: &Files) -> BTreeMap<String, Vec<u8>> {
    files.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect()
}

const ACTS: [&str; 2] = ["ask-the-quiet-voice", "share-the-credit"];
/// The last is another spelling of the second: a tag's name is its first spelling in reading
/// order, which a re-tag can change.
const TAGS: [&str; 5] = ["meetings", "Remote work", "school", "café", "remote Work"];

/// One thing an editor might do between two saves.
#[derive(Debug, Clone)]
enum Edit {
    Body(usize, u8),
    /// A word changed in the last paragraph: same length, same summary.
    Reword(usize, u8),
    /// A link pointed at another page: only the resolved destination changes.
    Relink(usize),
    Title(usize, u8),
    Tags(usize, Vec<usize>),
    Act(usize, usize),
    Date(usize, u8),
    Add(u8),
    Remove(usize),
    Rename(usize, u8),
    ActTitle(usize, u8),
    Template(u8),
    Config(u8),
    Static(u8),
    Break(usize),
    /// A Spanish translation of an example written or rewritten (in a handbook with
    /// `[languages.es]`; otherwise a file of no language, and a page of its own).
    Translate(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..6usize, any::<u8>()).prop_map(|(k, v)| Edit::Body(k, v)),
        (0..6usize, any::<u8>()).prop_map(|(k, v)| Edit::Reword(k, v)),
        (0..6usize).prop_map(Edit::Relink),
        (0..6usize, any::<u8>()).prop_map(|(k, v)| Edit::Title(k, v)),
        (0..6usize, proptest::collection::vec(0..TAGS.len(), 0..3))
            .prop_map(|(k, t)| Edit::Tags(k, t)),
        (0..6usize, 0..2usize).prop_map(|(k, a)| Edit::Act(k, a)),
        (0..6usize, 1..28u8).prop_map(|(k, d)| Edit::Date(k, d)),
        any::<u8>().prop_map(Edit::Add),
        (0..6usize).prop_map(Edit::Remove),
        (0..6usize, any::<u8>()).prop_map(|(k, v)| Edit::Rename(k, v)),
        (0..2usize, any::<u8>()).prop_map(|(j, v)| Edit::ActTitle(j, v)),
        (0..3u8).prop_map(Edit::Template),
        (0..3u8).prop_map(Edit::Config),
        (0..3u8).prop_map(Edit::Static),
        (0..6usize).prop_map(Edit::Break),
        (0..6usize, any::<u8>()).prop_map(|(k, v)| Edit::Translate(k, v)),
    ]
}

/// The examples of the test project: file name -> front matter fields, body.
#[derive(Debug, Clone)]
struct Example {
    name: String,
    title: String,
    act: usize,
    day: u8,
    tags: Vec<usize>,
    body: String,
    /// Last paragraph: `Ending <word>.`
    ending: u8,
}

impl Example {
    fn text(&self) -> String {
        let tags: Vec<String> = self
            .tags
            .iter()
            .map(|&t| format!("{:?}", TAGS[t]))
            .collect();
        format!(
            "+++\ntitle = {:?}\ndate = 2026-03-{:02}\nact = {:?}\ntags = [{}]\n+++\n{}\n\nEnding w{}.\n",
            self.title,
            self.day,
            ACTS[self.act],
            tags.join(", "),
            self.body,
            self.ending
        )
    }
}

struct Project {
    site: SiteTest,
    examples: Vec<Example>,
    /// A handbook in English and Spanish.
    languages: bool,
}

/// book.toml of the test project.
fn config(description: &str, paginate_by: u8, languages: bool) -> String {
    let es = if languages {
        "[languages.es]\ntitle = \"Libro\"\n"
    } else {
        ""
    };
    format!(
        "[book]\ntitle = \"Test Book\"\n{description}base_url = \"https://example.org/hb/\"\n{es}[build]\npaginate_by = {paginate_by}\n"
    )
}

impl Project {
    fn new(languages: bool) -> Project {
        let site = handbook_site();
        std::fs::remove_file(site.path("content/examples/old.md")).unwrap();
        std::fs::remove_file(site.path("content/examples/new.md")).unwrap();
        // With a base URL, so feeds and the sitemap are part of every comparison, and listings
        // of two entries a page, so edits move entries between pages and add or drop pages.
        site.write("book.toml", config("", 2, languages).as_bytes());
        if languages {
            site.write(
                "content/acts/share-the-credit.es.md",
                b"+++\ntitle = \"Comparte el m\xc3\xa9rito\"\nweight = 2\n+++\n## Por qu\xc3\xa9 {#why}\nTexto.\n",
            );
        }
        site.write(
            "content/acts/share-the-credit.md",
            b"+++\ntitle = \"Share the credit\"\nweight = 2\n+++\n## Why {#why}\nText.\n",
        );
        let mut p = Project {
            site,
            examples: Vec::new(),
            languages,
        };
        for i in 0..4u8 {
            p.add(i);
        }
        p
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        handbook::output::absolute(&self.site.path(&format!("content/examples/{name}.md")))
    }

    fn add(&mut self, v: u8) -> Changes {
        let name = format!("story-{v}-{}", self.examples.len());
        if self.examples.iter().any(|e| e.name == name) {
            return Changes::default();
        }
        let e = Example {
            name: name.clone(),
            title: format!("Story {v}"),
            act: usize::from(v) % 2,
            day: v % 27 + 1,
            tags: vec![usize::from(v) % 4],
            ending: 0,
            body: format!(
                "A first paragraph {v}.\n\nSee [the act](../acts/{}.md#why) and [why](../acts/ask-the-quiet-voice.md#why).",
                ACTS[usize::from(v) % 2]
            ),
        };
        self.site
            .write(&format!("content/examples/{name}.md"), e.text().as_bytes());
        self.examples.push(e);
        Changes {
            content: vec![self.path(&name)],
            structure: true,
            ..Changes::default()
        }
    }

    fn save(&self, k: usize) -> Changes {
        let e = &self.examples[k];
        self.site.write(
            &format!("content/examples/{}.md", e.name),
            e.text().as_bytes(),
        );
        Changes {
            content: vec![self.path(&e.name)],
            ..Changes::default()
        }
    }

    /// Applies an edit to the files; returns what a watcher would report.
    fn apply(&mut self, edit: &Edit) -> Changes {
        let n = self.examples.len();
        if n == 0 && !matches!(edit, Edit::Add(_)) {
            return Changes::default();
        }
        match edit {
            Edit::Add(v) => self.add(*v),
            Edit::Body(k, v) => {
                let e = &mut self.examples[k % n];
                if v % 2 == 0 {
                    e.body.push_str(&format!("\n\nMore text {v}."));
                } else {
                    e.body = format!("A new opening {v}.\n\n{}", e.body);
                }
                self.save(k % n)
            }
            Edit::Reword(k, v) => {
                self.examples[k % n].ending = *v;
                self.save(k % n)
            }
            Edit::Relink(k) => {
                let e = &mut self.examples[k % n];
                e.body = if e.body.contains("acts/share-the-credit.md#why") {
                    e.body.replace(
                        "acts/share-the-credit.md#why",
                        "acts/ask-the-quiet-voice.md#why",
                    )
                } else {
                    e.body.replacen(
                        "acts/ask-the-quiet-voice.md#why",
                        "acts/share-the-credit.md#why",
                        1,
                    )
                };
                self.save(k % n)
            }
            Edit::Title(k, v) => {
                self.examples[k % n].title = format!("Retitled {v}");
                self.save(k % n)
            }
            Edit::Tags(k, t) => {
                let mut tags = t.clone();
                tags.sort();
                tags.dedup();
                self.examples[k % n].tags = tags;
                self.save(k % n)
            }
            Edit::Act(k, a) => {
                self.examples[k % n].act = *a;
                self.save(k % n)
            }
            Edit::Date(k, d) => {
                self.examples[k % n].day = *d;
                self.save(k % n)
            }
            Edit::Remove(k) => {
                let e = self.examples.remove(k % n);
                let path = self.path(&e.name);
                std::fs::remove_file(&path).unwrap();
                Changes {
                    content: vec![path],
                    structure: true,
                    ..Changes::default()
                }
            }
            Edit::Rename(k, v) => {
                let old = self.path(&self.examples[k % n].name);
                let name = format!("renamed-{v}-{}", k % n);
                if self.examples.iter().any(|e| e.name == name) {
                    return Changes::default();
                }
                self.examples[k % n].name = name.clone();
                std::fs::rename(&old, self.path(&name)).unwrap();
                Changes {
                    content: vec![old, self.path(&name)],
                    structure: true,
                    ..Changes::default()
                }
            }
            Edit::ActTitle(j, v) => {
                let rel = format!("content/acts/{}.md", ACTS[*j]);
                self.site.write(
                    &rel,
                    format!(
                        "+++\ntitle = \"Act {v}\"\nweight = {j}\n+++\n## Why {{#why}}\nText.\n"
                    )
                    .as_bytes(),
                );
                Changes {
                    content: vec![handbook::output::absolute(&self.site.path(&rel))],
                    ..Changes::default()
                }
            }
            Edit::Template(v) => {
                let rel = "themes/default/templates/tag.html";
                if *v == 0 {
                    let _ = std::fs::remove_file(self.site.path(rel));
                } else {
                    self.site.write(
                        rel,
                        format!(
                            "{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ term.name }}}} {v}</h1>{{% for card in term.pages %}}<p>{{{{ card.title }}}}</p>{{% endfor %}}{{% endblock content %}}"
                        )
                        .as_bytes(),
                    );
                }
                Changes {
                    theme: true,
                    ..Changes::default()
                }
            }
            Edit::Config(v) => {
                let description = format!("description = \"Version {v}\"\n");
                self.site.write(
                    "book.toml",
                    config(&description, 2 + v % 2, self.languages).as_bytes(),
                );
                Changes {
                    config: true,
                    ..Changes::default()
                }
            }
            Edit::Static(v) => {
                self.site
                    .write("static/notes.txt", format!("notes {v}\n").as_bytes());
                Changes {
                    statics: true,
                    ..Changes::default()
                }
            }
            Edit::Translate(k, v) => {
                let e = &self.examples[k % n];
                let rel = format!("content/examples/{}.es.md", e.name);
                let existed = self.site.exists(&rel);
                self.site.write(
                    &rel,
                    format!(
                        "+++\ntitle = \"Historia {v}\"\ndate = 2026-04-{:02}\nact = {:?}\n+++\nUn p\u{e1}rrafo {v}. Ver [el acto](../acts/{}.md#why).\n",
                        v % 27 + 1,
                        ACTS[e.act],
                        ACTS[e.act]
                    )
                    .as_bytes(),
                );
                Changes {
                    content: vec![handbook::output::absolute(&self.site.path(&rel))],
                    structure: !existed,
                    ..Changes::default()
                }
            }
            Edit::Break(k) => {
                let e = &self.examples[k % n];
                self.site.write(
                    &format!("content/examples/{}.md", e.name),
                    b"+++\ntitle = \"Broken\"\ndate = not-a-date\n+++\nBody.\n",
                );
                Changes {
                    content: vec![self.path(&e.name)],
                    ..Changes::default()
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    /// The promise of incremental rebuilds: whatever was edited, the result is a clean build's.
    #[test]
    /// With `deferred`, as `serve` runs it: each edit's own pages first, the rest and the
    /// disk after.
    fn incremental_rebuilds_equal_a_full_build(
        edits in proptest::collection::vec(edit(), 1..10),
        deferred in any::<bool>(),
        languages in any::<bool>(),
    ) {
        let mut project = Project::new(languages);
        let mut session = Session::new(options(&project.site, true));
        if deferred {
            session.defer_writes();
        }
        let first = session.run(&Changes::default()).unwrap();
        prop_assert!(!first.has_errors(), "{:?}", first.diagnostics);
        let out = project.site.path("public");
        for edit in &edits {
            let before = session.output().map(|o| as_bytes(&o.files));
            let changes = project.apply(edit);
            let mut report = session.run(&changes).unwrap();
            if deferred && !report.has_errors() {
                session.write_pending(&out, &mut report).unwrap();
            }
            let (fresh_failed, fresh_files) = fresh(&project.site);
            prop_assert_eq!(report.has_errors(), fresh_failed, "after {:?}", edit);
            if report.has_errors() {
                // The last good site stays, in memory and on disk.
                let kept = session.output().map(|o| as_bytes(&o.files));
                prop_assert_eq!(&kept, &before);
                prop_assert_eq!(Some(on_disk(&out)), before);
                // Repair the broken file for the next edit, as an author would.
                if let Edit::Break(k) = edit {
                    let k = k % project.examples.len();
                    let fix = project.save(k);
                    let mut fixed = session.run(&fix).unwrap();
                    prop_assert!(!fixed.has_errors());
                    if deferred {
                        session.write_pending(&out, &mut fixed).unwrap();
                    }
                }
                continue;
            }
            let incremental = as_bytes(&session.output().unwrap().files);
            let fresh_files = as_bytes(&fresh_files.unwrap());
            let differ: Vec<&String> = fresh_files
                .iter()
                .filter(|(k, v)| incremental.get(*k) != Some(v))
                .map(|(k, _)| k)
                .chain(incremental.keys().filter(|k| !fresh_files.contains_key(*k)))
                .collect();
            prop_assert!(differ.is_empty(), "after {:?}, these differ from a full build: {:?}", edit, differ);
            prop_assert_eq!(on_disk(&out), fresh_files, "output folder after {:?}", edit);
        }
    }
}

#[test]
fn body_edit_rerenders_only_what_holds_its_text() {
    let mut project = Project::new(false);
    let mut session = Session::new(options(&project.site, true));
    let first = session.run(&Changes::default()).unwrap();
    assert!(!first.has_errors());
    let out = project.site.path("public");
    // Every output file's identity: inode and modification time.
    let stamps = || stamps(&out);
    let before = stamps();

    // A sentence added at the end: no listing shows it.
    let changes = project.apply(&Edit::Body(0, 2));
    let report = session.run(&changes).unwrap();
    // The page, the print page and the feeds, which hold the page's text.
    assert_eq!(
        (report.work.parsed, report.work.rendered),
        (1, 4),
        "{report:?}"
    );
    let name = project.examples[0].name.clone();
    let page = format!("examples/{name}/index.html");
    assert!(
        project
            .site
            .read(&format!("public/{page}"))
            .contains("More text 2.")
    );
    let after = stamps();
    let touched: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    // The page itself, the print page and the search index files of the words it gained.
    assert!(touched.contains(&&page), "{touched:?}");
    assert!(
        touched.iter().all(|t| **t == page
            || *t == "print/index.html"
            || t.ends_with("atom.xml")
            || t.starts_with("search/")),
        "{touched:?}"
    );
    assert_eq!(report.changed().written, touched.len());

    // Saving without a change redoes nothing.
    let report = session.run(&project.save(0)).unwrap();
    assert_eq!(
        (
            report.work.parsed,
            report.work.rendered,
            report.changed().written
        ),
        (0, 0, 0)
    );
}

/// A theme edit changes no page, link or tag: the last run's linked site and search index are
/// used again (its link warnings included), and only rendering is redone.
#[test]
fn theme_edit_keeps_the_linked_site_and_its_warnings() {
    let project = Project::new(false);
    project.site.write(
        "content/linker.md",
        b"+++\ntitle = \"Linker\"\n+++\nSee [the rules](/acts/).\n",
    );
    let mut session = Session::new(options(&project.site, true));
    let first = session.run(&Changes::default()).unwrap();
    assert!(first.work.linked);
    let warnings = |r: &handbook::BuildReport| -> Vec<String> {
        r.diagnostics.iter().map(|d| d.to_string()).collect()
    };
    assert!(!warnings(&first).is_empty(), "{first:?}");
    project.site.write(
        "themes/default/templates/tag.html",
        b"{% extends \"base.html\" %}{% block content %}<p>Tag page, retold.</p>{% endblock content %}",
    );
    let theme = Changes {
        theme: true,
        ..Changes::default()
    };
    let report = session.run(&theme).unwrap();
    assert!(!report.work.linked, "{report:?}");
    assert_eq!(warnings(&report), warnings(&first));
    let (errors, files) = fresh(&project.site);
    assert!(!errors);
    assert_eq!(
        as_bytes(&session.output().unwrap().files),
        as_bytes(&files.unwrap())
    );
    let tag_pages: Vec<String> = session
        .output()
        .unwrap()
        .files
        .iter()
        .filter(|(k, _)| k.starts_with("tags/") && *k != "tags/index.html")
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect();
    assert!(!tag_pages.is_empty());
    assert!(tag_pages.iter().all(|p| p.contains("Tag page, retold.")));
    // A new page is a new link input: linking runs again.
    project
        .site
        .write("content/new.md", b"+++\ntitle = \"New\"\n+++\nNew.\n");
    let structure = Changes {
        structure: true,
        ..Changes::default()
    };
    assert!(session.run(&structure).unwrap().work.linked);
}

/// A `watch` or `serve` rebuild that fails late (here: a static file on a page's path, found
/// when the output is assembled, after every page was rendered) must leave the output folder
/// exactly as it was: no temporary files, no folder made for a new page.
#[test]
fn failed_late_rebuild_leaves_the_output_folder_as_it_was() {
    let project = Project::new(false);
    let mut session = Session::new(options(&project.site, true));
    assert!(!session.run(&Changes::default()).unwrap().has_errors());
    let out = project.site.path("public");
    let before = on_disk(&out);
    // Every page changes (so every page is written), a new page needs a new folder, and a
    // static file takes the examples listing's path.
    let base = include_str!("../themes/default/templates/base.html");
    project.site.write(
        "themes/default/templates/base.html",
        base.replacen("</body>", "<!-- retold -->\n</body>", 1)
            .as_bytes(),
    );
    project.site.write(
        "content/brand-new.md",
        b"+++\ntitle = \"Brand new\"\n+++\nNew.\n",
    );
    project
        .site
        .write("static/examples/index.html", b"<p>in the way</p>");
    let changes = Changes {
        theme: true,
        statics: true,
        structure: true,
        ..Changes::default()
    };
    let report = session.run(&changes).unwrap();
    assert!(report.has_errors(), "{report:?}");
    assert!(report.written.is_none());
    assert_eq!(on_disk(&out), before);
    assert!(!out.join("brand-new").exists());
    let strays: Vec<String> = paths_under(&out)
        .into_iter()
        .filter(|p| file_name(p).contains("handbook-tmp"))
        .collect();
    assert_eq!(strays, Vec::<String>::new());

    // Fixed, the same rebuild goes through and equals a fresh build.
    std::fs::remove_file(project.site.path("static/examples/index.html")).unwrap();
    let report = session.run(&changes).unwrap();
    assert!(!report.has_errors(), "{report:?}");
    let (_, fresh_files) = fresh(&project.site);
    assert_eq!(on_disk(&out), as_bytes(&fresh_files.unwrap()));
    assert!(
        project
            .site
            .read("public/brand-new/index.html")
            .contains("<!-- retold -->")
    );
}

#[test]
fn title_edit_rerenders_the_listings_that_show_it() {
    let mut project = Project::new(false);
    let mut session = Session::new(options(&project.site, true));
    session.run(&Changes::default()).unwrap();
    let changes = project.apply(&Edit::Title(1, 7));
    let report = session.run(&changes).unwrap();
    assert!(!report.has_errors());
    // The page, its neighbours, the examples listing, its act, its tag page, the home page.
    assert!(report.work.rendered > 3, "{report:?}");
    assert!(report.work.rendered < report.files, "{report:?}");
    // On whichever page of the examples listing holds it.
    let listing: Vec<String> = crate::files_under(&project.site.path("public/examples"))
        .into_iter()
        .filter(|(rel, _)| rel == "index.html" || rel.starts_with("page/"))
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    assert!(listing.len() > 1, "the listing has several pages");
    assert!(listing.iter().any(|page| page.contains("Retitled 7")));
}

/// The edits an author makes most to an existing entry (a new title, other tags) are applied to
/// the last linked site without linking it again, and still give a full build's output; an edit
/// that changes the site's shape (another act) links anew.
#[test]
fn retitle_and_retag_skip_linking_and_equal_a_full_build() {
    let mut project = Project::new(false);
    let mut session = Session::new(options(&project.site, true));
    session.run(&Changes::default()).unwrap();
    let out = project.site.path("public");
    for (edit, relinks) in [
        (Edit::Title(1, 7), false),
        // Two stories of the same day, listed by title: each new title moves one past the other.
        (Edit::Date(2, 2), true),
        (Edit::Title(2, 8), false),
        (Edit::Title(1, 9), false),
        (Edit::Tags(1, vec![0, 1]), false),
        (Edit::Tags(1, vec![1]), false),
        // Another spelling of the only page's tag renames the tag: linked anew. The same
        // spelling on another page, or another existing tag, is a re-tag.
        (Edit::Tags(1, vec![4]), true),
        (Edit::Tags(0, vec![0, 4]), false),
        (Edit::Tags(1, vec![4, 3]), false),
        (Edit::Act(1, 0), true),
    ] {
        let changes = project.apply(&edit);
        let report = session.run(&changes).unwrap();
        assert!(!report.has_errors(), "{report:?}");
        assert_eq!(report.work.linked, relinks, "after {edit:?}");
        if !relinks {
            assert!(
                report.work.rendered < report.files / 2,
                "after {edit:?}: {report:?}"
            );
        }
        let (_, fresh_files) = fresh(&project.site);
        assert_eq!(
            on_disk(&out),
            as_bytes(&fresh_files.unwrap()),
            "after {edit:?}"
        );
    }
}

#[test]
fn deleted_page_disappears_from_output_and_listings() {
    let mut project = Project::new(false);
    let mut session = Session::new(options(&project.site, true));
    session.run(&Changes::default()).unwrap();
    let gone = project.examples[0].clone();
    let changes = project.apply(&Edit::Remove(0));
    let report = session.run(&changes).unwrap();
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    assert!(
        !project
            .site
            .exists(&format!("public/examples/{}", gone.name))
    );
    assert!(
        !project
            .site
            .read("public/examples/index.html")
            .contains(&gone.title)
    );
    assert!(report.changed().removed >= 1);
}

/// Regression: a word's shard that loses its last word must disappear (found by the property test).
#[test]
fn search_shard_left_empty_by_an_edit_is_removed() {
    let mut project = Project::new(false);
    let mut session = Session::new(options(&project.site, true));
    session.run(&Changes::default()).unwrap();
    for v in [30, 40] {
        let changes = project.apply(&Edit::Reword(1, v));
        assert!(!session.run(&changes).unwrap().has_errors());
    }
    let (_, fresh_files) = fresh(&project.site);
    assert_eq!(
        as_bytes(&session.output().unwrap().files),
        as_bytes(&fresh_files.unwrap())
    );
    assert!(
        !project.site.exists("public/search/t-7733.js"),
        "shard of `w30` is gone"
    );
}

/// Regression guard: when a collection's entries are what another collection points at, a new
/// title shows in the summaries (and search entries) of the pages pointing there, so the edit
/// cannot be applied to the last linked site alone; the result must still be a full build's.
#[test]
fn retitled_relation_target_in_a_collection_updates_the_pages_pointing_at_it() {
    let site = SiteTest::new()
        .file(
            "book.toml",
            "[book]\ntitle = \"R\"\n[collections.recipes.relations.cuisine]\nsection = \"cuisines\"\n[collections.cuisines]\n",
        )
        .file("content/cuisines/_index.md", "+++\ntitle = \"Cuisines\"\n+++\n")
        .file("content/cuisines/thai.md", "+++\ntitle = \"Thai\"\ndate = 2026-01-01\n+++\nSpicy.\n")
        .file("content/recipes/_index.md", "+++\ntitle = \"Recipes\"\n+++\n")
        .file(
            "content/recipes/soup.md",
            "+++\ntitle = \"Soup\"\ndate = 2026-01-02\ncuisine = \"thai\"\n+++\nHot.\n",
        );
    let mut session = Session::new(options(&site, true));
    let first = session.run(&Changes::default()).unwrap();
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    site.write(
        "content/cuisines/thai.md",
        b"+++\ntitle = \"Thai cooking\"\ndate = 2026-01-01\n+++\nSpicy.\n",
    );
    let changes = Changes {
        content: vec![handbook::output::absolute(
            &site.path("content/cuisines/thai.md"),
        )],
        ..Changes::default()
    };
    let report = session.run(&changes).unwrap();
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let (_, fresh_files) = fresh(&site);
    let out = site.path("public");
    assert_eq!(on_disk(&out), as_bytes(&fresh_files.unwrap()));
    assert!(
        site.read("public/recipes/index.html")
            .contains("Thai cooking")
    );
}

/// Regression: a page joining a tag at the end of its listing changes the count that every page
/// of the listing shows, not only the pages from where it joined.
#[test]
fn joining_a_tag_updates_the_count_on_every_page_of_its_listing() {
    let mut project = Project::new(false);
    let mut session = Session::new(options(&project.site, true));
    session.run(&Changes::default()).unwrap();
    let out = project.site.path("public");
    // Tag 1 on the newest three (two pages of two), then on the oldest, at its end.
    for edit in [
        Edit::Tags(3, vec![1, 3]),
        Edit::Tags(2, vec![1, 2]),
        Edit::Tags(0, vec![0, 1]),
    ] {
        let changes = project.apply(&edit);
        let report = session.run(&changes).unwrap();
        assert!(!report.has_errors(), "{report:?}");
        let (_, fresh_files) = fresh(&project.site);
        assert_eq!(
            on_disk(&out),
            as_bytes(&fresh_files.unwrap()),
            "after {edit:?}"
        );
    }
    assert!(
        project
            .site
            .read("public/tags/remote-work/index.html")
            .contains("4 pages")
    );
}
