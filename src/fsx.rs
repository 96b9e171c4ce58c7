//! `std::fs` wrappers whose errors name the path. Every read of an input file (a page, an asset,
//! a template, a static file) and every write of a new file goes through here. `output.rs`
//! calls `std::fs` itself inside its staging folder (errors there name the output path the file
//! is for, not the staging path), `config/mod.rs` tells a missing `book.toml` from an unreadable one,
//! and a few probes whose failure only means "no" (is this folder empty, where does this link
//! point: `discover.rs`, `scaffold.rs`) do too. `tests/architecture.rs` holds that list.

use crate::diagnostics::{Code, Diagnostic};
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;

pub fn read_to_string(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))
}

/// The bytes of an input file, or an error diagnostic at `shown` (the path authors know it by).
pub fn read_input(path: &Path, shown: &str) -> std::result::Result<Vec<u8>, Diagnostic> {
    fs::read(path).map_err(|e| {
        Diagnostic::error(
            Code::UnreadableFile,
            shown,
            format!("cannot read file: {e}"),
        )
    })
}

/// A file's text, with the bare I/O error (for messages that name the path themselves).
pub fn read_text(path: &Path) -> std::io::Result<String> {
    fs::read_to_string(path)
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    fs::create_dir_all(path).with_context(|| format!("cannot create folder `{}`", path.display()))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    fs::remove_dir_all(path).with_context(|| format!("cannot remove folder `{}`", path.display()))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .with_context(|| format!("cannot rename `{}` to `{}`", from.display(), to.display()))
}

/// Writes `bytes` to a new file, failing if `path` already exists (never overwrites).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create `{}`", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))
}

/// Adds `bytes` at the end of the file, creating it if needed (a job summary, a log).
pub fn append(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .with_context(|| format!("cannot append to `{}`", path.display()))
}

pub fn canonicalize(path: &Path) -> Result<std::path::PathBuf> {
    fs::canonicalize(path).with_context(|| format!("cannot resolve `{}`", path.display()))
}
