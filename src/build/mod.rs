//! The build: options in, a report out. [`build`] runs the pipeline once; a [`Session`] runs it
//! again and again (for `watch` and `serve`), redoing only what a change affects. Author problems
//! come back as diagnostics in the report; only plumbing failures (I/O while writing) are `Err`.
//!
//! `session.rs` holds the caches and runs the stages in order, `sources.rs` the stages before
//! linking (discover, parse, theme, static files); `incremental.rs` is the shortcut for the
//! common edit (only the text of known pages changed). The stages themselves live in
//! their own modules (`config`, `discover`, `page`, `site`, `render`, `search`, `assemble`,
//! `output`); see ARCHITECTURE.md for the whole picture.

mod deferred;
mod incremental;
mod languages;
mod session;
mod sources;

use crate::diagnostics::Diagnostic;
use crate::output::WriteStats;
use anyhow::Result;
use std::path::PathBuf;
use std::time::Duration;

pub use session::{Session, SiteOutput};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Project folder (holding `book.toml`).
    pub root: PathBuf,
    /// Overrides `[build] output`; relative paths are relative to the current folder.
    pub output: Option<PathBuf>,
    /// Also build pages marked `draft = true`.
    pub drafts: bool,
    /// Overrides `[book] base_url`.
    pub base_url: Option<String>,
    /// False for `check`: validate and render, write nothing.
    pub write: bool,
    /// Spell links `dir/index.html`, so the site works opened from disk.
    pub offline: bool,
}

/// What a run did and found.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    /// The output folder, once it is known to be usable.
    pub output: Option<PathBuf>,
    /// Markdown pages built (sections included).
    pub pages: usize,
    /// Files in the output (pages, listings, the search index, assets, static files).
    pub files: usize,
    pub search: crate::search::Stats,
    pub work: Work,
    /// What reached the output folder; `None` when nothing was written (`check`, or errors).
    pub written: Option<WriteStats>,
    /// One-line remarks for the summary (not problems).
    pub notes: Vec<String>,
    pub timing: Timing,
}

/// How much of the pipeline a run redid; the rest came from the session's caches.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    /// Source files parsed (the others were unchanged since the session's last run).
    pub parsed: usize,
    /// Output files rendered (the others had the same inputs as in the last run).
    pub rendered: usize,
    /// The link stage ran (false when the last run's linked site still held).
    pub linked: bool,
}

#[derive(Debug, Default, Clone)]
pub struct Timing {
    pub elapsed: Duration,
    /// Wall time of each stage that ran, in pipeline order.
    pub stages: Vec<(StageName, Duration)>,
}

/// The pipeline's stages, as timings and logs name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageName {
    Discover,
    Parse,
    /// Loading the theme, the static files and the git history.
    Theme,
    Link,
    Render,
    SearchIndex,
    Assemble,
    Write,
}

impl StageName {
    pub fn as_str(self) -> &'static str {
        match self {
            StageName::Discover => "discover",
            StageName::Parse => "parse",
            StageName::Theme => "theme, static, history",
            StageName::Link => "link",
            StageName::Render => "render",
            StageName::SearchIndex => "search index",
            StageName::Assemble => "assemble",
            StageName::Write => "write",
        }
    }
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Files written and removed (zero when nothing was written).
    pub fn changed(&self) -> WriteStats {
        self.written.unwrap_or_default()
    }
}

/// Builds the site once: nothing is kept for a next run, and pages are written as they are
/// rendered.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    Session::one_shot(opts.clone()).run(&Changes::default())
}

/// What changed since a session's last run, as a file watcher saw it. A session's first run
/// reads everything whatever this says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// `book.toml`.
    pub config: bool,
    /// Anything under `themes/`.
    pub theme: bool,
    /// Anything under `static/`.
    pub statics: bool,
    /// Files under the content folder whose text may have changed, and files that pages include
    /// wherever they are (absolute paths).
    pub content: Vec<PathBuf>,
    /// Files or folders under the content folder appeared, disappeared or were renamed.
    pub structure: bool,
}

impl Changes {
    /// Only the text of content files changed: nothing structural, no config, theme or static.
    pub fn only_text(&self) -> bool {
        !self.structure && !self.config && !self.theme && !self.statics && !self.content.is_empty()
    }
}
