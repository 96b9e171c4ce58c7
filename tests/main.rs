//! Integration tests: each case builds its own small site in a temporary folder, through the
//! library (`SiteTest::build`) or the real binary (`SiteTest::run`).

mod architecture;
mod cli;
mod content_model;
mod diagnostics_doc;
mod errors;
mod fuzzed;
mod hostile;
mod incremental;
mod languages;
mod links;
mod mdbook;
mod mdbook_import;
mod output_safety;
mod pagination;
mod properties;
mod reader;
mod serve;
mod share;
mod shipped;
mod snapshots;
mod theme;

use handbook::{BuildOptions, BuildReport, build};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;

pub const BOOK: &str = "[book]\ntitle = \"Test Book\"\n";

/// A small site on disk, written file by file.
pub struct SiteTest {
    dir: tempfile::TempDir,
}

impl Default for SiteTest {
    fn default() -> Self {
        Self::new()
    }
}

impl SiteTest {
    /// A site with a minimal book.toml and a home page.
    pub fn new() -> Self {
        SiteTest::empty().file("book.toml", BOOK).file(
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
        )
    }

    /// No files at all.
    pub fn empty() -> Self {
        SiteTest {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn file(self, path: &str, text: &str) -> Self {
        self.write(path, text.as_bytes());
        self
    }

    pub fn write(&self, path: &str, bytes: &[u8]) {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn build(&self) -> Built<'_> {
        self.build_with(|_| {})
    }

    pub fn build_with(&self, tweak: impl FnOnce(&mut BuildOptions)) -> Built<'_> {
        let mut opts = BuildOptions {
            root: self.root().to_path_buf(),
            write: true,
            ..Default::default()
        };
        tweak(&mut opts);
        let report = build(&opts).expect("build should not fail on plumbing");
        Built { site: self, report }
    }

    /// Runs the real binary in the site's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run handbook")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }
}

pub struct Built<'a> {
    pub site: &'a SiteTest,
    pub report: BuildReport,
}

impl Built<'_> {
    /// Asserts the build succeeded without errors and returns self.
    pub fn ok(self) -> Self {
        assert!(
            !self.report.has_errors(),
            "build failed:\n{}",
            self.messages().join("\n")
        );
        assert!(self.report.written.is_some(), "build wrote nothing");
        self
    }

    /// `location: severity: message` of every diagnostic.
    pub fn messages(&self) -> Vec<String> {
        self.report
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect()
    }

    pub fn errors(&self) -> Vec<&handbook::diagnostics::Diagnostic> {
        self.report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect()
    }

    /// The single error of a build expected to fail with exactly one.
    pub fn only_error(&self) -> &handbook::diagnostics::Diagnostic {
        let errors = self.errors();
        assert_eq!(
            errors.len(),
            1,
            "expected one error, got:\n{}",
            self.messages().join("\n")
        );
        errors[0]
    }

    pub fn html(&self, rel: &str) -> String {
        self.site.read(&format!("public/{rel}"))
    }

    /// The `<main>` element of an output page: the part a test cares about, without theme chrome.
    pub fn main(&self, rel: &str) -> String {
        main_of(&self.html(rel))
    }
}

pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    html[start..end].to_string()
}

/// Every `href="..."` and `src="..."` value in an HTML document.
pub fn links_in(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// Checks that every relative link in every HTML file of `out` resolves to an existing file
/// (as a static server would: `dir/` -> `dir/index.html`), returning the broken ones.
pub fn broken_relative_links(out: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for (rel, bytes) in files_under(out) {
        if Path::new(&rel).extension().is_none_or(|e| e != "html") || file_name(&rel) == "404.html"
        {
            continue;
        }
        let path = out.join(&rel);
        let html = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for link in links_in(&html) {
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            assert!(!link.starts_with('/'), "absolute link {link} in {rel}");
            let target = link.split('#').next().unwrap();
            let mut resolved = path.parent().unwrap().join(target);
            if target.is_empty() || target.ends_with('/') || resolved.is_dir() {
                resolved = resolved.join("index.html");
            }
            if !resolved.exists() {
                broken.push(format!("{rel} -> {link}"));
            }
        }
    }
    broken
}

/// A handbook-shaped test site: two acts and examples pointing at them.
pub fn handbook_site() -> SiteTest {
    SiteTest::new()
        .file("content/acts/_index.md", "+++\ntitle = \"Acts\"\nweight = 1\n+++\n")
        .file("content/acts/ask-the-quiet-voice.md", "+++\ntitle = \"Ask the quiet voice\"\nweight = 1\n+++\n## Why {#why}\nText.\n")
        .file("content/acts/share-the-credit.md", "+++\ntitle = \"Share the credit\"\nweight = 2\n+++\nText.\n")
        .file("content/examples/_index.md", "+++\ntitle = \"Examples\"\nweight = 2\n+++\n")
        .file(
            "content/examples/old.md",
            "+++\ntitle = \"Old story\"\ndate = 2025-01-02\nact = \"ask-the-quiet-voice\"\ncontext = \"work\"\ntags = [\"Meetings\"]\n+++\nOld.\n",
        )
        .file(
            "content/examples/new.md",
            "+++\ntitle = \"New story\"\ndate = 2026-03-04\nact = \"ask-the-quiet-voice\"\ncontributor = \"Sam\"\ntags = [\"meetings\", \"remote work\"]\n+++\nNew.\n",
        )
}

/// Every file under `dir` and its bytes, by its path relative to `dir` with `/` separators.
/// Folders and symbolic links are not in it; see `paths_under` for those.
pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir)
        .filter(|(_, entry)| entry.file_type().is_file())
        .map(|(rel, entry)| {
            let bytes = std::fs::read(entry.path())
                .unwrap_or_else(|e| panic!("read {}: {e}", entry.path().display()));
            (rel, bytes)
        })
        .collect()
}

/// Every file under `dir` (as in `files_under`) and its identity and modification time: what
/// tells a file left alone from one written again with the same bytes.
pub fn stamps(dir: &Path) -> BTreeMap<String, (u64, SystemTime)> {
    walk(dir)
        .filter(|(_, entry)| entry.file_type().is_file())
        .map(|(rel, entry)| {
            let meta = entry
                .metadata()
                .unwrap_or_else(|e| panic!("stat {}: {e}", entry.path().display()));
            let modified = meta.modified().expect("the file system records mtimes");
            (rel, (identity(&meta), modified))
        })
        .collect()
}

/// The inode: a file hard-linked from the previous output keeps it, a file written again gets a
/// new one.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

/// Windows' file index needs an unstable API; the creation time also tells a file written again
/// (a new file) from one hard-linked (the same file).
#[cfg(not(unix))]
fn identity(meta: &std::fs::Metadata) -> u64 {
    meta.created()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Every path under `dir`, folders included (but not `dir` itself), as in `files_under`.
pub fn paths_under(dir: &Path) -> BTreeSet<String> {
    walk(dir).map(|(rel, _)| rel).collect()
}

/// The last part of a `/`-separated relative path.
pub fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// The one walk behind `files_under`, `stamps` and `paths_under`: every entry below `dir`, with
/// its path relative to `dir`, `/`-separated on every system (as output paths are). A folder
/// that cannot be read fails the test rather than being skipped, so that no comparison passes
/// over files it never saw.
fn walk(dir: &Path) -> impl Iterator<Item = (String, walkdir::DirEntry)> + '_ {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(move |entry| {
            let entry = entry.unwrap_or_else(|e| panic!("walk {}: {e}", dir.display()));
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("walkdir yields paths under its root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (rel, entry)
        })
}
