//! Command-line arguments (clap) and the run function behind each subcommand. Prints diagnostics
//! and summaries; the exit code is decided here and nowhere deeper.
//!
//! What a user must read (diagnostics, the one-line summary) is printed here to stderr, always.
//! Logs for us (stage timings, watcher events) go through `tracing`, shown only when
//! `HANDBOOK_LOG` asks for them (`HANDBOOK_LOG=debug`, or any `tracing` filter such as
//! `handbook::build=debug`), as ripgrep keeps `--debug` apart from its results.

mod check;
mod new;

pub use new::pair_fields;

use crate::build::{BuildOptions, BuildReport, Changes, build};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::format::Format;
use crate::scaffold::{self, Scaffolded};
use crate::serve::{self, ServeOptions};
use crate::watch::{self, Update, WatchOptions};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(name = "handbook", version, about = "Builds a handbook website from Markdown files.", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `public/`).
    Build(BuildArgs),
    /// Validate everything as `build` would, writing nothing. Exit code 1 on errors.
    Check(CheckArgs),
    /// Create a new handbook in DIR (a new or empty folder).
    Init(InitArgs),
    /// Create a new page from a template, e.g. `handbook new example "Title" --act ask-the-quiet-voice`.
    New(NewArgs),
    /// Build, then rebuild whatever a change under the project affects, until stopped.
    Watch(WatchArgs),
    /// Watch, and serve the site locally with live reload and an error overlay.
    Serve(ServeArgs),
    /// Print how search sees each word of standard input: `word<TAB>stem`, one a line, as the
    /// index stores it (for theme authors, and the test that keeps `search-engine.js` equal to it).
    #[command(hide = true)]
    SearchTerms(SearchTermsArgs),
}

#[derive(Debug, Args)]
pub struct SearchTermsArgs {
    /// The book's language, as `[book] language` spells it.
    #[arg(long, default_value = "en")]
    pub language: String,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Poll for changes every MS milliseconds instead of using file-system events (network
    /// drives, some containers and VMs). `--poll` alone polls every 500 ms.
    #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
    pub poll: Option<u64>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub watch: WatchArgs,
    /// Port to listen on [default: 3000, or the next free one]; 0 picks any free port.
    #[arg(long, short)]
    pub port: Option<u16>,
    /// Address to listen on. Anything but a loopback address exposes the site to your network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Serve the site under this path, as it will be deployed (e.g. `/handbook/`).
    #[arg(long, default_value = "/", value_name = "PATH")]
    pub base_path: String,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Project folder containing book.toml (as `--root DIR`; mdBook users type it this way).
    #[arg(value_name = "DIR", conflicts_with = "root")]
    pub dir: Option<PathBuf>,
    /// Project folder containing book.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder (overrides `[build] output`).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Absolute URL the site will be served from (overrides `[book] base_url`).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Write links as `dir/index.html`, so the site (search included) works opened from disk.
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Project folder containing book.toml (as `--root DIR`).
    #[arg(value_name = "DIR", conflicts_with = "root")]
    pub dir: Option<PathBuf>,
    /// Project folder containing book.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// How to print the diagnostics: for people (stderr), or for machines (stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Append a Markdown summary of the check to FILE (on GitHub, `"$GITHUB_STEP_SUMMARY"`).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// A file listing changed paths one per line, as `git diff --name-only` prints them (`-`
    /// reads standard input): the summary describes the collection items among them.
    #[arg(long, value_name = "LIST", requires = "summary")]
    pub changed: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the handbook in.
    pub dir: PathBuf,
    /// Title of the new handbook (default: from the folder name, or the mdBook book's).
    #[arg(long)]
    pub title: Option<String>,
    /// Convert the mdBook book in BOOK (the folder of its book.toml) instead of starting empty:
    /// same site, with front matter and our book.toml.
    #[arg(long, value_name = "BOOK")]
    pub from_mdbook: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create: a collection item such as `example`, `page`, or `translation` (then
    /// give the original's path instead of a title, and `--lang CODE`).
    pub kind: String,
    /// Title of the new page; the file name is made from it.
    pub title: String,
    /// Project folder containing book.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// For `page`: the section folder to put it in (e.g. `concept`).
    #[arg(long)]
    pub section: Option<String>,
    /// Front matter values as `--<field> <value>`, e.g. `--act ask-the-quiet-voice --context work`;
    /// for a collection item also `--tags "meetings, remote work"` and `--body FILE` (the story;
    /// `-` reads standard input).
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "--FIELD VALUE"
    )]
    pub fields: Vec<String>,
}

/// Reads text from standard input and prints each indexed word with its stem.
fn run_search_terms(language: &str) -> ExitCode {
    use std::io::{BufRead, Write};
    let stems = crate::search::Stems::for_language(language);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else {
            return ExitCode::FAILURE;
        };
        for w in crate::search::words(&line, language) {
            if writeln!(out, "{w}\t{}", stems.stem(&w)).is_err() {
                return ExitCode::FAILURE;
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The project folder given as `handbook build DIR` goes where `--root DIR` would.
fn take_dir(cli: &mut Cli) {
    let (dir, root) = match &mut cli.command {
        Command::Build(a) => (&mut a.dir, &mut a.root),
        Command::Check(a) => (&mut a.dir, &mut a.root),
        Command::Watch(a) => (&mut a.build.dir, &mut a.build.root),
        Command::Serve(a) => (&mut a.watch.build.dir, &mut a.watch.build.root),
        _ => return,
    };
    if let Some(d) = dir.take() {
        *root = d;
    }
}

pub fn run(mut cli: Cli) -> ExitCode {
    init_logging();
    take_dir(&mut cli);
    match cli.command {
        Command::Build(a) => run_build(BuildOptions {
            root: a.root,
            output: a.output,
            drafts: a.drafts,
            base_url: a.base_url,
            write: true,
            offline: a.offline,
        }),
        Command::Check(a) => check::run_check(&a),
        Command::Watch(a) => run_watch(&a),
        Command::Serve(a) => run_serve(a),
        Command::SearchTerms(a) => run_search_terms(&a.language),
        Command::Init(a) => match &a.from_mdbook {
            Some(book) => finish_import(
                crate::import::from_mdbook(book, &a.dir, a.title.as_deref()),
                &a.dir,
            ),
            None => finish_scaffold(scaffold::init(&a.dir, a.title.as_deref()), Some(&a.dir)),
        },
        Command::New(a) => new::run_new(a),
    }
}

fn watch_options(a: &WatchArgs) -> WatchOptions {
    WatchOptions {
        build: BuildOptions {
            root: a.build.root.clone(),
            output: a.build.output.clone(),
            drafts: a.build.drafts,
            base_url: a.build.base_url.clone(),
            write: true,
            offline: a.build.offline,
        },
        poll: a.poll.map(|ms| Duration::from_millis(ms.max(10))),
        ready_before_write: false,
    }
}

fn run_watch(a: &WatchArgs) -> ExitCode {
    let opts = watch_options(a);
    let root = opts.build.root.clone();
    let result = watch::watch(&opts, None, |u| print_update(&root, u));
    finish_long_running(result)
}

fn run_serve(a: ServeArgs) -> ExitCode {
    let base_path = match serve::normalize_base(&a.base_path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let opts = ServeOptions {
        watch: WatchOptions {
            ready_before_write: true,
            ..watch_options(&a.watch)
        },
        port: a.port,
        bind: a.bind,
        open: a.open,
        base_path,
    };
    let root = opts.watch.build.root.clone();
    finish_long_running(serve::serve(&opts, move |u| print_update(&root, u)))
}

fn finish_long_running(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// One line per rebuild; diagnostics in full when there are errors, as `build` prints them.
fn print_update(root: &Path, update: Update<'_>) {
    match update {
        Update::WatchError(e) => eprintln!("warning: file watcher: {e}"),
        Update::Ready { .. } => {}
        Update::Built {
            changes, report, ..
        } => {
            let mut report_diags = report.diagnostics.clone();
            shown_from_cwd(root, &mut report_diags);
            let first = *changes == Changes::default();
            if first {
                print_diagnostics(&report_diags);
                summarize(report, true);
                if !report.has_errors() {
                    eprintln!("watching for changes (Ctrl-C to stop)");
                }
                return;
            }
            if report.has_errors() {
                print_diagnostics(&report_diags);
            }
            let line = watch::describe(&crate::output::absolute(root), changes, report);
            eprintln!("{} {line}", clock());
        }
    }
}

/// `HH:MM:SS` (UTC) for the rebuild lines.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

/// Diagnostics carry project-relative paths; show them relative to where we run.
fn shown_from_cwd(root: &Path, diags: &mut [Diagnostic]) {
    if root != Path::new(".") {
        for d in diags {
            let joined = root.join(&d.path);
            if joined.exists() {
                d.path = joined.to_string_lossy().into_owned();
            }
        }
    }
}

fn run_build(opts: BuildOptions) -> ExitCode {
    let write = opts.write;
    match build(&opts) {
        Ok(mut report) => {
            shown_from_cwd(&opts.root, &mut report.diagnostics);
            print_diagnostics(&report.diagnostics);
            summarize(&report, write);
            if report.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            eprintln!("The previous output, if any, was left as it was.");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr as `HANDBOOK_LOG` filters them (nothing without it). A filter that does not
/// parse is reported once and otherwise ignored.
fn init_logging() {
    let Ok(spec) = std::env::var("HANDBOOK_LOG") else {
        return;
    };
    let filter = match tracing_subscriber::EnvFilter::builder().parse(&spec) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("warning: HANDBOOK_LOG=`{spec}` is not a log filter ({e}); logging is off");
            return;
        }
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .try_init();
}

fn summarize(report: &BuildReport, write: bool) {
    // Notes are about what a good build left out; after errors they would only bury them.
    if !report.has_errors() {
        for note in &report.notes {
            eprintln!("note: {note}");
        }
    }
    let ms = report.timing.elapsed.as_secs_f64() * 1000.0;
    let counts = format!(
        "{} error(s), {} warning(s)",
        report.errors(),
        report.warnings()
    );
    if report.has_errors() {
        let kept = if write {
            "; nothing was written, the previous output is unchanged"
        } else {
            ""
        };
        let what = if write { "build" } else { "check" };
        eprintln!("{what} failed: {counts}{kept}");
    } else if report.written.is_some() {
        let out = report
            .output
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if report.search.files > 0 {
            eprintln!(
                "search index: {} files, {:.1} kB",
                report.search.files,
                report.search.bytes as f64 / 1000.0
            );
        }
        eprintln!(
            "built {} pages ({} files) into {out} in {ms:.0} ms{}",
            report.pages,
            report.files,
            if report.warnings() > 0 {
                format!(", {counts}")
            } else {
                String::new()
            }
        );
    } else {
        eprintln!("checked {} pages in {ms:.0} ms: {counts}", report.pages);
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}\n");
    }
}

fn report_failure(diags: &[Diagnostic]) -> ExitCode {
    print_diagnostics(diags);
    ExitCode::FAILURE
}

fn finish_import(result: anyhow::Result<crate::import::Imported>, dir: &Path) -> ExitCode {
    match result {
        Ok(i) if i.diagnostics.iter().any(Diagnostic::is_error) => report_failure(&i.diagnostics),
        Ok(i) => {
            print_diagnostics(&i.diagnostics);
            println!(
                "converted {} chapters (front matter added) and copied {} other files into {}",
                i.converted,
                i.copied,
                dir.display()
            );
            println!("\nnext: cd {} && handbook build", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn finish_scaffold(result: anyhow::Result<Scaffolded>, init_dir: Option<&PathBuf>) -> ExitCode {
    match result {
        Ok(s) if s.diagnostics.iter().any(Diagnostic::is_error) => report_failure(&s.diagnostics),
        Ok(s) => {
            for path in &s.created {
                println!("created {}", path.display());
            }
            if let Some(dir) = init_dir {
                println!("\nnext: cd {} && handbook build", dir.display());
            } else {
                println!("next: write the story, then run `handbook check`");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
