//! `handbook check`: the build without writing, its diagnostics for people or machines, and
//! the Markdown summary of a pull request's changes.

use super::{CheckArgs, print_diagnostics, shown_from_cwd, summarize};
use crate::build::{BuildOptions, build};
use crate::diagnostics::format::{self, Format};
use std::path::Path;
use std::process::ExitCode;

/// `check`: the build without writing, its diagnostics in the format asked for, and the
/// summary for a pull request if asked.
pub(super) fn run_check(a: &CheckArgs) -> ExitCode {
    let opts = BuildOptions {
        root: a.root.clone(),
        drafts: a.drafts,
        write: false,
        ..BuildOptions::default()
    };
    let mut report = match build(&opts) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = report.has_errors();
    if let Some(file) = &a.summary {
        let changed = match a.changed.as_deref().map(read_list).transpose() {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => {
                eprintln!("error: {e:#}");
                return ExitCode::FAILURE;
            }
        };
        let text = crate::summary::markdown(&crate::summary::Input {
            root: &a.root,
            changed: &changed,
            diagnostics: &report.diagnostics,
            pages: report.pages,
        });
        if let Err(e) = crate::fsx::append(file, text.as_bytes()) {
            eprintln!("error: {e:#}");
            failed = true;
        }
    }
    shown_from_cwd(&a.root, &mut report.diagnostics);
    let printed = match a.format {
        Format::Human => {
            print_diagnostics(&report.diagnostics);
            Ok(())
        }
        Format::Json => print_stdout(&format::json(&report.diagnostics)),
        Format::Github => print_stdout(&format::github(&report.diagnostics)),
    };
    summarize(&report, false);
    if printed.is_err() || failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A list of paths, one per line, from a file or (`-`) standard input.
fn read_list(path: &Path) -> anyhow::Result<Vec<String>> {
    Ok(super::new::read_text(path)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

fn print_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}
