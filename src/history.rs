//! "Last updated" dates from version control: the date of the last commit that touched each
//! file under the content folder, from one `git log` run. Optional by nature: without git, or
//! outside a repository, there are simply no dates (front matter `updated` still works).
//!
//! A bulk commit (more than [`BULK`] content files) gives no page a date: "last updated" on every
//! page of an import would tell the reader nothing.
//!
//! This runs the `git` program found on PATH with fixed arguments; nothing in the config or the
//! content can change what is run.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

/// Project-relative path (`content/acts/x.md`) -> `YYYY-MM-DD` of its last commit.
pub fn last_commit_dates(root: &Path, content: &Path) -> HashMap<String, String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    // Paths in `git log` are relative to the repository's top level.
    let Some(prefix) = git(&["rev-parse", "--show-prefix"]) else {
        return HashMap::new();
    };
    let prefix = prefix.trim().to_string();
    let content = content.to_string_lossy();
    let Some(log) = git(&[
        "log",
        "--format=%x00%cs",
        "--name-only",
        "--no-renames",
        "--",
        &content,
    ]) else {
        return HashMap::new();
    };
    parse_log(&log, &prefix)
}

/// A commit that touches more content files than this is a bulk change (an import, a rename, a
/// reformatting): its date says nothing about any one page, so a page whose last change it is
/// shows no "last updated" date at all.
const BULK: usize = 10;

/// Parses `git log --format=%x00%cs --name-only` output (newest commit first).
fn parse_log(log: &str, prefix: &str) -> HashMap<String, String> {
    // `None`: the file's last change was a bulk one.
    let mut last: HashMap<String, Option<String>> = HashMap::new();
    for commit in log.split('\0').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(date) = lines.next().map(str::trim) else {
            continue;
        };
        let files: Vec<&str> = lines
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .filter_map(|file| file.strip_prefix(prefix))
            .collect();
        let bulk = files.len() > BULK;
        for rel in files {
            last.entry(rel.to_string())
                .or_insert_with(|| (!bulk).then(|| date.to_string()));
        }
    }
    last.into_iter()
        .filter_map(|(rel, date)| Some((rel, date?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins_and_paths_are_project_relative() {
        let log = "\0 2026-11-02\n\nbook/content/a.md\n\0 2026-10-01\n\nbook/content/a.md\nbook/content/b.md\nother/x.md\n";
        let dates = parse_log(log, "book/");
        assert_eq!(dates["content/a.md"], "2026-11-02");
        assert_eq!(dates["content/b.md"], "2026-10-01");
        assert_eq!(dates.len(), 2);
    }

    #[test]
    fn a_bulk_commit_is_no_page_s_last_update() {
        let many: String = (0..=BULK).map(|i| format!("content/p{i}.md\n")).collect();
        let log = format!(
            "\0 2026-11-29\n\n{many}\0 2026-06-01\n\ncontent/p1.md\n\0 2026-05-01\n\ncontent/q.md\n"
        );
        let dates = parse_log(&log, "");
        assert_eq!(
            dates.get("content/p1.md"),
            None,
            "its last change was the bulk one"
        );
        assert_eq!(dates.get("content/p0.md"), None);
        assert_eq!(dates["content/q.md"], "2026-05-01");
    }

    #[test]
    fn no_repository_means_no_dates() {
        let dir = tempfile::tempdir().unwrap();
        assert!(last_commit_dates(dir.path(), Path::new("content")).is_empty());
    }
}
