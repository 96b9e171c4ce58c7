//! `watch`: rebuild on every change under the project. Deciding what a changed path means is a
//! pure function ([`classify`], [`plan`]); the notify loop around it only collects paths and hands
//! them to a [`Session`], which redoes just that part. Knows nothing of HTTP (see `serve`).
//!
//! Only the project folder itself (not recursively), the content folder, `themes/` and `static/`
//! are watched: a recursive watch of the project would also watch the output folder (one watch
//! per page folder, 10,000 at 10,000 pages) and `target/`, and could hit the system's limit.
//! Watching the project folder's entries is what catches `book.toml` saved by rename and a
//! `static/` or `themes/` folder created later.

use crate::build::{BuildOptions, BuildReport, Changes, Session};
use crate::discover::{is_ignored_name, is_temporary_name};
use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{PollWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, RecommendedCache};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long the debouncer waits after a path's last event. Editors' saves (write temp file,
/// rename, delete backup) finish within a few milliseconds; the edit-to-page target is 50 ms.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// Extra wait after a batch in which a file vanished, for the rest of an editor's save.
pub const SETTLE: Duration = Duration::from_millis(60);

/// What a changed path is to the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Config,
    Theme,
    Static,
    Content,
    /// Outside what the build reads, in the output folder, or an editor's temporary file.
    Ignored,
}

/// Where the watched project's parts are (absolute paths).
#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
    pub content: PathBuf,
    pub output: PathBuf,
    /// Files that pages include (an mdBook chapter's `{{#include}}`s), wherever they are: an
    /// edit of one is an edit of the pages that include it.
    pub included: HashSet<PathBuf>,
}

impl Layout {
    pub fn new(root: &Path, content: &Path, output: &Path) -> Layout {
        let root = crate::output::absolute(root);
        Layout {
            content: crate::output::absolute(&root.join(content)),
            output: crate::output::absolute(output),
            root,
            included: HashSet::new(),
        }
    }
}

pub fn classify(layout: &Layout, path: &Path) -> Kind {
    if path.starts_with(&layout.output) {
        return Kind::Ignored;
    }
    if layout.included.contains(path) {
        return Kind::Content;
    }
    let Ok(rel) = path.strip_prefix(&layout.root) else {
        return Kind::Ignored;
    };
    let mut parts = rel.components().map(|c| c.as_os_str());
    let kind = if path.starts_with(&layout.content) {
        // An mdBook book's `SUMMARY.md` is part of its configuration: it decides the pages.
        if path.parent() == Some(layout.content.as_path())
            && path.file_name().is_some_and(|n| n == "SUMMARY.md")
        {
            return Kind::Config;
        }
        Kind::Content
    } else {
        match parts.next().and_then(|p| p.to_str()) {
            Some("book.toml") if parts.next().is_none() => Kind::Config,
            Some("themes") => Kind::Theme,
            Some("static") => Kind::Static,
            _ => return Kind::Ignored,
        }
    };
    // The same names the build skips: `static/` keeps dotfiles such as `.htaccess`.
    let skipped = |name: &str| match kind {
        Kind::Static => is_temporary_name(name),
        _ => is_ignored_name(name),
    };
    if rel
        .components()
        .any(|c| skipped(&c.as_os_str().to_string_lossy()))
    {
        return Kind::Ignored;
    }
    kind
}

/// One file-system event as the planner sees it.
#[derive(Debug, Clone)]
pub struct Event {
    pub kind: EventKind,
    pub paths: Vec<PathBuf>,
}

/// Turns a debounced batch of events into what the session must redo. `None` if nothing the
/// build reads changed (the output folder, editors' temporary files, files being read).
pub fn plan(layout: &Layout, events: &[Event]) -> Option<Changes> {
    let mut changes = Changes::default();
    let mut any = false;
    for event in events {
        let structural = match event.kind {
            // Opening or reading a file (our own build does) changes nothing.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => false,
            EventKind::Access(_) => continue,
            EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_)) => false,
            EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Create(_)
            | EventKind::Remove(_) => true,
            EventKind::Modify(_) | EventKind::Any | EventKind::Other => true,
        };
        for path in &event.paths {
            match classify(layout, path) {
                Kind::Ignored => continue,
                Kind::Config => changes.config = true,
                Kind::Theme => changes.theme = true,
                Kind::Static => changes.statics = true,
                Kind::Content => {
                    changes.structure |= structural;
                    if !changes.content.contains(path) {
                        changes.content.push(path.clone());
                    }
                }
            }
            any = true;
        }
    }
    any.then_some(changes)
}

/// One line for the terminal: what changed and what the rebuild did.
pub fn describe(root: &Path, changes: &Changes, report: &BuildReport) -> String {
    let mut what: Vec<String> = changes
        .content
        .iter()
        .take(3)
        .map(|p| crate::urls::shown(p.strip_prefix(root).unwrap_or(p)))
        .collect();
    if changes.content.len() > 3 {
        what.push(format!("{} more", changes.content.len() - 3));
    }
    for (flag, name) in [
        (changes.config, "book.toml"),
        (changes.theme, "theme"),
        (changes.statics, "static/"),
    ] {
        if flag {
            what.push(name.to_string());
        }
    }
    let ms = report.timing.elapsed.as_secs_f64() * 1000.0;
    if report.has_errors() {
        let n = report.errors();
        return format!(
            "{}: {n} error{}, kept the last good site ({ms:.0} ms)",
            what.join(", "),
            if n == 1 { "" } else { "s" }
        );
    }
    format!(
        "{}: parsed {}, rendered {} of {} files, wrote {}, removed {} ({ms:.0} ms)",
        what.join(", "),
        report.work.parsed,
        report.work.rendered,
        report.files,
        report.changed().written,
        report.changed().removed,
    )
}

/// How to watch.
#[derive(Debug, Clone, Default)]
pub struct WatchOptions {
    pub build: BuildOptions,
    /// Poll the file system every this often instead of using native events.
    pub poll: Option<Duration>,
    /// Report each rebuild's output ([`Update::Ready`]) before writing it to the output folder
    /// (`serve` shows an edit first, then the disk gets it).
    pub ready_before_write: bool,
}

/// Something the watch loop reports to its caller.
pub enum Update<'a> {
    /// A rebuild's output, not yet written to the output folder (with
    /// [`WatchOptions::ready_before_write`]); [`Update::Built`] follows once it is.
    Ready {
        report: &'a BuildReport,
        session: &'a Session,
    },
    /// The first build (changes empty) or a rebuild.
    Built {
        changes: &'a Changes,
        report: &'a BuildReport,
        session: &'a Session,
    },
    /// The watcher itself failed (e.g. a folder it watched disappeared).
    WatchError(String),
}

/// Builds, then rebuilds on every change until `stop` receives a message or its sender is
/// dropped (forever without one). `on_update` sees every build, good or bad; a bad file never
/// ends the loop.
pub fn watch(
    opts: &WatchOptions,
    stop: Option<mpsc::Receiver<()>>,
    mut on_update: impl FnMut(Update<'_>),
) -> Result<()> {
    // Absolute paths, so that the files the session knows compare equal to the watcher's paths.
    let mut build = opts.build.clone();
    build.root = crate::output::absolute(&build.root);
    build.output = build.output.as_deref().map(crate::output::absolute);
    // Watch first, so that nothing saved during the first build is missed.
    let mut layout = layout_of(&build);
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut watcher = Debouncer::new(opts.poll, tx)?;
    let watch_dir = |w: &mut Debouncer, dir: &Path, mode| -> Result<()> {
        if dir.is_dir() {
            w.watch(dir, mode)
                .with_context(|| format!("cannot watch `{}`", dir.display()))?;
        }
        Ok(())
    };
    watch_dir(&mut watcher, &layout.root, RecursiveMode::NonRecursive)?;
    let recursive = [
        layout.content.clone(),
        layout.root.join("themes"),
        layout.root.join("static"),
    ];
    let mut watched: Vec<bool> = recursive.iter().map(|d| d.is_dir()).collect();
    for (dir, &on) in recursive.iter().zip(&watched) {
        if on {
            watch_dir(&mut watcher, dir, RecursiveMode::Recursive)?;
        }
    }

    let mut session = Session::new(build);
    if opts.ready_before_write {
        session.defer_writes();
    }
    let first = Changes::default();
    let report = session.run(&first)?;
    let mut outside: HashSet<PathBuf> = HashSet::new();
    watch_included(
        &mut watcher,
        &mut layout,
        &session,
        &recursive,
        &mut outside,
    );
    let mut last_diagnostics = report.diagnostics.clone();
    on_update(Update::Built {
        changes: &first,
        report: &report,
        session: &session,
    });

    loop {
        if stop
            .as_ref()
            .is_some_and(|s| !matches!(s.try_recv(), Err(mpsc::TryRecvError::Empty)))
        {
            return Ok(());
        }
        let batch = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(batch) => batch,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut events: Vec<Event> = Vec::new();
        let mut errors: Vec<String> = Vec::new();
        collect(batch, &mut events, &mut errors);
        // Batches that arrived while we were busy belong to the same rebuild.
        while let Ok(more) = rx.try_recv() {
            collect(more, &mut events, &mut errors);
        }
        // A file that just disappeared is usually coming back (vim's backup rename, delete
        // and create): give the editor a moment so that one save stays one rebuild.
        let vanished = events
            .iter()
            .flat_map(|e| &e.paths)
            .any(|p| classify(&layout, p) != Kind::Ignored && !p.exists());
        if vanished {
            while let Ok(more) = rx.recv_timeout(SETTLE) {
                collect(more, &mut events, &mut errors);
            }
        }
        for e in errors {
            on_update(Update::WatchError(e));
        }
        // Folders created after the start (or re-created) get their watch now.
        for (dir, on) in recursive.iter().zip(watched.iter_mut()) {
            if dir.is_dir() && !*on {
                watch_dir(&mut watcher, dir, RecursiveMode::Recursive)?;
                *on = true;
            } else if !dir.is_dir() {
                *on = false;
            }
        }
        for e in &events {
            tracing::debug!(kind = ?e.kind, paths = ?e.paths, "file event");
        }
        let Some(changes) = plan(&layout, &events) else {
            continue;
        };
        let mut report = session.run(&changes)?;
        watch_included(
            &mut watcher,
            &mut layout,
            &session,
            &recursive,
            &mut outside,
        );
        if opts.ready_before_write && !report.has_errors() {
            on_update(Update::Ready {
                report: &report,
                session: &session,
            });
            if let Some(output) = report.output.clone() {
                session.write_pending(&output, &mut report)?;
            }
        }
        // One save can reach us as two batches (an editor's rename, then the close of the file
        // written before it). The second finds every file as it was: nothing to report.
        if is_noop(&report) && report.diagnostics == last_diagnostics {
            continue;
        }
        last_diagnostics = report.diagnostics.clone();
        on_update(Update::Built {
            changes: &changes,
            report: &report,
            session: &session,
        });
    }
}

/// Takes in the files the session's pages include, and watches the folders of those outside
/// the folders watched already (`recursive`; `outside` is the folders added so far). A folder
/// that cannot be watched is skipped: its files are then read at the next rebuild only.
fn watch_included(
    watcher: &mut Debouncer,
    layout: &mut Layout,
    session: &Session,
    recursive: &[PathBuf],
    outside: &mut HashSet<PathBuf>,
) {
    layout.included = session.included_files();
    for file in &layout.included {
        let Some(dir) = file.parent() else { continue };
        let covered = dir == layout.root || recursive.iter().any(|r| dir.starts_with(r));
        if covered || outside.contains(dir) || !dir.is_dir() {
            continue;
        }
        match watcher.watch(dir, RecursiveMode::NonRecursive) {
            Ok(()) => {
                outside.insert(dir.to_path_buf());
            }
            Err(e) => {
                tracing::debug!(dir = %dir.display(), error = %e, "cannot watch an include's folder")
            }
        }
    }
}

fn collect(batch: DebounceEventResult, events: &mut Vec<Event>, errors: &mut Vec<String>) {
    match batch {
        Ok(list) => events.extend(list.into_iter().map(|e: DebouncedEvent| Event {
            kind: e.event.kind,
            paths: e.event.paths,
        })),
        Err(list) => errors.extend(list.into_iter().map(|e| e.to_string())),
    }
}

/// True if a run re-read files but found them all as they were.
fn is_noop(report: &BuildReport) -> bool {
    report.work.parsed == 0
        && report.work.rendered == 0
        && report.changed() == crate::output::WriteStats::default()
}

/// The folders to watch, from the config as it is at the start (defaults if it is broken).
fn layout_of(opts: &BuildOptions) -> Layout {
    let config = crate::config::Config::load(&opts.root, &crate::diagnostics::Diagnostics::new());
    let (content, output) = match config {
        Some(c) => (c.build.content, c.build.output),
        None => (PathBuf::from("content"), PathBuf::from("public")),
    };
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join(output));
    Layout::new(&opts.root, &content, &output)
}

/// The native or the polling debouncer behind one type.
enum Debouncer {
    Native(notify_debouncer_full::Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Poll(notify_debouncer_full::Debouncer<PollWatcher, RecommendedCache>),
}

impl Debouncer {
    fn new(poll: Option<Duration>, tx: mpsc::Sender<DebounceEventResult>) -> Result<Debouncer> {
        Ok(match poll {
            None => Debouncer::Native(
                notify_debouncer_full::new_debouncer(DEBOUNCE, None, tx)
                    .context("cannot start the file watcher")?,
            ),
            Some(every) => Debouncer::Poll(
                notify_debouncer_full::new_debouncer_opt(
                    DEBOUNCE,
                    None,
                    tx,
                    RecommendedCache::new(),
                    notify::Config::default()
                        .with_poll_interval(every)
                        .with_compare_contents(true),
                )
                .context("cannot start the polling file watcher")?,
            ),
        })
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Debouncer::Native(d) => d.watch(path, mode),
            Debouncer::Poll(d) => d.watch(path, mode),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind, RenameMode};

    fn layout() -> Layout {
        Layout {
            root: PathBuf::from("/p"),
            content: PathBuf::from("/p/content"),
            output: PathBuf::from("/p/public"),
            included: HashSet::from([PathBuf::from("/elsewhere/listing.rs")]),
        }
    }

    #[test]
    fn classify_table() {
        let l = layout();
        for (path, kind) in [
            ("/p/book.toml", Kind::Config),
            ("/p/content/examples/a.md", Kind::Content),
            ("/p/content/img/x.png", Kind::Content),
            ("/p/themes/default/templates/page.html", Kind::Theme),
            ("/p/content/SUMMARY.md", Kind::Config),
            ("/p/content/guide/SUMMARY.md", Kind::Content),
            ("/p/static/logo.svg", Kind::Static),
            ("/p/static/.htaccess", Kind::Static),
            ("/p/static/.logo.svg.swp", Kind::Ignored),
            ("/p/public/index.html", Kind::Ignored),
            ("/p/content/.a.md.swp", Kind::Ignored),
            ("/p/content/a.md~", Kind::Ignored),
            ("/p/content/4913", Kind::Ignored),
            ("/p/content/.#a.md", Kind::Ignored),
            ("/p/.git/index", Kind::Ignored),
            ("/p/target/debug/x", Kind::Ignored),
            ("/p/README.md", Kind::Ignored),
            ("/p/sub/book.toml", Kind::Ignored),
            ("/elsewhere/book.toml", Kind::Ignored),
            // A file a page includes is content wherever it is.
            ("/elsewhere/listing.rs", Kind::Content),
            ("/elsewhere/other.rs", Kind::Ignored),
            ("/p/.public.handbook-tmp-1-2/index.html", Kind::Ignored),
        ] {
            assert_eq!(classify(&l, Path::new(path)), kind, "{path}");
        }
    }

    fn event(kind: EventKind, path: &str) -> Event {
        Event {
            kind,
            paths: vec![PathBuf::from(path)],
        }
    }

    #[test]
    fn plan_separates_edits_from_structure() {
        let l = layout();
        let edit = event(
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            "/p/content/a.md",
        );
        let changes = plan(&l, std::slice::from_ref(&edit)).unwrap();
        assert_eq!(changes.content, [PathBuf::from("/p/content/a.md")]);
        assert!(!changes.structure);

        let create = event(EventKind::Create(CreateKind::File), "/p/content/b.md");
        assert!(plan(&l, &[edit.clone(), create]).unwrap().structure);
        let rename = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            "/p/content/c.md",
        );
        assert!(plan(&l, &[rename]).unwrap().structure);
        let remove = event(EventKind::Remove(RemoveKind::Folder), "/p/content/old");
        assert!(plan(&l, &[remove]).unwrap().structure);
    }

    #[test]
    fn plan_ignores_reads_output_and_temp_files() {
        let l = layout();
        let open = event(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            "/p/content/a.md",
        );
        let out = event(EventKind::Create(CreateKind::File), "/p/public/x.html");
        let swap = event(EventKind::Create(CreateKind::File), "/p/content/.a.md.swp");
        assert!(plan(&l, &[open, out, swap]).is_none());
    }

    #[test]
    fn plan_flags_config_theme_and_static() {
        let l = layout();
        let events = [
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::To)),
                "/p/book.toml",
            ),
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                "/p/themes/default/templates/base.html",
            ),
            event(EventKind::Create(CreateKind::File), "/p/static/a.css"),
        ];
        let c = plan(&l, &events).unwrap();
        assert!(c.config && c.theme && c.statics && c.content.is_empty());
    }
}
