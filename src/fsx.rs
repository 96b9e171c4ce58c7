//! `std::fs` wrappers whose errors name the path; every file-system call in the crate goes here.

use anyhow::{Context, Result};
use std::fs;
use std::path::Path;

pub fn read_to_string(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))
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

pub fn canonicalize(path: &Path) -> Result<std::path::PathBuf> {
    fs::canonicalize(path).with_context(|| format!("cannot resolve `{}`", path.display()))
}
