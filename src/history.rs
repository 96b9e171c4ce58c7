//! "Last updated" dates from version control: the date of the last commit that touched each
//! file under the content folder, from one `git log` run. Optional by nature: without git, or
//! outside a repository, there are simply no dates (front matter `updated` still works).
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

/// Parses `git log --format=%x00%cs --name-only` output (newest commit first).
fn parse_log(log: &str, prefix: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for commit in log.split('\0').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(date) = lines.next().map(str::trim) else {
            continue;
        };
        for file in lines.map(str::trim).filter(|l| !l.is_empty()) {
            let Some(rel) = file.strip_prefix(prefix) else {
                continue;
            };
            out.entry(rel.to_string())
                .or_insert_with(|| date.to_string());
        }
    }
    out
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
    fn no_repository_means_no_dates() {
        let dir = tempfile::tempdir().unwrap();
        assert!(last_commit_dates(dir.path(), Path::new("content")).is_empty());
    }
}
