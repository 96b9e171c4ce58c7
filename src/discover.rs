//! Walks the content folder (and `static/` and theme folders) and lists their files in a stable
//! order; reads nothing else.
//!
//! Hidden files and folders and editors' temporary files are skipped. Symbolic links are followed
//! only while they stay inside the project, so a link cannot pull `/etc` into the site; loops and
//! dangling links are warnings naming the file.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::urls;
use std::path::{Path, PathBuf};

/// A file under the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the content folder, `/`-separated.
    pub rel: String,
    pub abs: PathBuf,
    /// Path as shown in diagnostics (relative to the project root).
    pub shown: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    /// Markdown files, sorted by `rel`.
    pub pages: Vec<SourceFile>,
    /// Every other file (images and such), copied to the output as they are.
    pub assets: Vec<SourceFile>,
}

/// True for names editors and operating systems leave behind.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || is_temporary_name(name)
}

/// Editors' and operating systems' leftovers. `static/` keeps other dotfiles (`.htaccess`,
/// `.well-known/`), which hosts need.
pub fn is_temporary_name(name: &str) -> bool {
    name.starts_with(".#")
        || name == ".DS_Store"
        || name == ".git"
        || name.ends_with('~')
        // Emacs auto-save files, JetBrains "safe write" temporaries.
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name == "Thumbs.db"
}

pub fn discover(root: &Path, content_dir: &Path, diags: &Diagnostics) -> Discovered {
    let (pages, assets) = files_under(root, &root.join(content_dir), is_ignored_name, diags)
        .into_iter()
        .partition(|f| f.rel.ends_with(".md"));
    Discovered { pages, assets }
}

/// Every file under `dir` in a stable order, named relative to it (`rel`) and to the project
/// `root` (`shown`), except those with a name `skip` matches or inside such a folder. The one
/// walk of the crate: content, `static/` and theme folders all go through it.
pub fn files_under(
    root: &Path,
    dir: &Path,
    skip: fn(&str) -> bool,
    diags: &Diagnostics,
) -> Vec<SourceFile> {
    let mut found = Vec::new();
    let root_canon = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_string()
                } else if path.symlink_metadata().is_ok() && path.metadata().is_err() {
                    "dangling symbolic link; skipped".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                diags.push(Diagnostic::warning(
                    Code::UnreadableFile,
                    urls::shown(rel),
                    message,
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let abs = entry.path().to_path_buf();
        let Ok(rel) = abs.strip_prefix(dir) else {
            continue;
        };
        let shown = urls::shown(abs.strip_prefix(root).unwrap_or(&abs));
        if entry.path_is_symlink() || has_symlink_ancestor(dir, rel) {
            let inside = std::fs::canonicalize(&abs)
                .map(|c| c.starts_with(&root_canon))
                .unwrap_or(false);
            if !inside {
                diags.push(
                    Diagnostic::warning(
                        Code::SymlinkOutside,
                        shown,
                        "symbolic link points outside the project; skipped",
                    )
                    .hint("copy the file into the project instead"),
                );
                continue;
            }
        }
        let Some(rel) = urls::slash_path(rel) else {
            diags.push(
                Diagnostic::error(Code::NotUtf8, shown, "file name is not valid UTF-8")
                    .hint("rename the file using UTF-8 characters"),
            );
            continue;
        };
        // Only possible on Unix; on Windows it would be a folder, and an output path with it
        // would be refused.
        if rel.contains('\\') {
            diags.push(
                Diagnostic::error(
                    Code::InvalidFileName,
                    shown,
                    "file name contains `\\`, a folder separator on Windows",
                )
                .hint("rename the file, or make the part before `\\` a folder"),
            );
            continue;
        }
        found.push(SourceFile { rel, abs, shown });
    }
    found
}

fn has_symlink_ancestor(content: &Path, rel: &Path) -> bool {
    let mut path = content.to_path_buf();
    for part in rel.parent().into_iter().flat_map(Path::components) {
        path.push(part);
        if path
            .symlink_metadata()
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `\\` in a Unix file name was turned into `/`: `a\\b.md` became the page `a/b.md`.
    #[cfg(unix)]
    #[test]
    fn a_backslash_in_a_file_name_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        std::fs::write(content.join("a\\b.md"), "x").unwrap();
        std::fs::write(content.join("a").join("c.md"), "x").unwrap();
        let diags = Diagnostics::new();
        let found = discover(dir.path(), Path::new("content"), &diags);
        let rels: Vec<_> = found.pages.iter().map(|p| p.rel.as_str()).collect();
        assert_eq!(rels, ["a/c.md"]);
        let [d] = &diags.into_sorted()[..] else {
            panic!("one diagnostic expected");
        };
        assert!(d.is_error());
        assert_eq!(d.path, "content/a\\b.md");
        assert!(
            d.message.contains("folder separator on Windows"),
            "{}",
            d.message
        );
    }

    #[test]
    fn static_keeps_dotfiles_but_not_leftovers() {
        for (name, temporary) in [
            (".htaccess", false),
            (".well-known", false),
            (".nojekyll", false),
            (".DS_Store", true),
            (".git", true),
            (".#style.css", true),
            ("style.css~", true),
            (".style.css.swp", true),
            ("style.css", false),
        ] {
            assert_eq!(is_temporary_name(name), temporary, "{name}");
        }
    }

    #[test]
    fn ignored_names_table() {
        for (name, ignored) in [
            (".git", true),
            (".#page.md", true),
            ("page.md~", true),
            (".page.md.swp", true),
            ("4913", true),
            ("#page.md#", true),
            ("page.md___jb_tmp___", true),
            ("page.md___jb_old___", true),
            ("#hashtags.md", false),
            (".htaccess", true),
            ("page.md", false),
            ("photo.jpg", false),
        ] {
            assert_eq!(is_ignored_name(name), ignored, "{name}");
        }
    }
}
