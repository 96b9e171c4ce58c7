//! The build pipeline: config -> discover -> parse -> link -> render -> output. `check` runs the
//! same pipeline without writing. Author problems come back as diagnostics in the report; only
//! plumbing failures (I/O while writing) are `Err`.

use crate::assemble::{Assembly, Bytes, Origin};
use crate::config::{Config, display_path};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover;
use crate::history;
use crate::output;
use crate::page::{self, Page, text_key};
use crate::render::{self, Body, Scope};
use crate::search;
use crate::site::{self, LinkInput, Site};
use crate::theme::Theme;
use anyhow::Result;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

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

#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Markdown pages built (sections included).
    pub pages: usize,
    /// Files in the output (pages, listings, static files).
    pub files: usize,
    pub output: Option<PathBuf>,
    pub written: bool,
    pub elapsed: Duration,
    /// Wall time of each stage, in pipeline order.
    pub phases: Vec<(&'static str, Duration)>,
    /// Source files parsed (the others were unchanged since the session's last run).
    pub parsed: usize,
    /// Output files rendered (the others had the same inputs as in the last run).
    pub rendered: usize,
    /// The link stage ran (false when the last run's linked site still held).
    pub linked: bool,
    /// Output files created, replaced or removed on disk.
    pub changed: output::WriteStats,
    /// One-line remarks for the summary (not problems).
    pub notes: Vec<String>,
    /// The search index: files and bytes (after a full pass; zero after a text-only edit).
    pub search: (usize, usize),
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
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let mut session = Session::new(opts.clone());
    session.one_shot = true;
    session.run(&Changes::default())
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
    /// Files under the content folder whose text may have changed (absolute paths).
    pub content: Vec<PathBuf>,
    /// Files or folders under the content folder appeared, disappeared or were renamed.
    pub structure: bool,
}

/// A build that remembers: parsed pages by source file, the theme, the project's static files
/// and the last good output with its render signatures. The next [`Session::run`] re-reads only
/// what [`Changes`] names, re-renders only output whose signature changed, and writes only
/// files whose bytes changed. Its result is the same as a fresh build's (tested).
pub struct Session {
    opts: BuildOptions,
    /// Key of the config the caches were made with; another config clears them.
    config_key: Option<u64>,
    found: Option<Stage<discover::Discovered>>,
    parsed: HashMap<String, Cached>,
    theme: Option<Stage<Option<Theme>>>,
    statics: Option<Stage<BTreeMap<String, Vec<u8>>>>,
    /// Dates of the last commits touching content files, read once per session.
    history: Option<HashMap<String, String>>,
    /// The linked site behind `last`; `None` after a failed run.
    linked: Option<Linked>,
    last: Option<SiteOutput>,
    /// Whether `last` is what the output folder holds.
    on_disk: bool,
    /// No run follows this one ([`build`]): output is written as it is made and not kept.
    one_shot: bool,
}

/// A cached stage's result and the diagnostics it reported, replayed on every run.
struct Stage<T> {
    value: T,
    diags: Vec<Diagnostic>,
}

impl<T> Stage<T> {
    fn run(f: impl FnOnce(&Diagnostics) -> T) -> Stage<T> {
        let diags = Diagnostics::new();
        let value = f(&diags);
        Stage {
            value,
            diags: diags.into_sorted(),
        }
    }

    fn replay(&self, diags: &Diagnostics) -> &T {
        diags.extend(self.diags.iter().cloned());
        &self.value
    }
}

/// The linked site of the last good run, what linking reported, and the key of each page's
/// summary as rendered.
struct Linked {
    site: Site,
    diags: Vec<Diagnostic>,
    ref_keys: Vec<u64>,
    index: search::Index,
    /// The rest of the link stage's input, to tell whether the next run's is the same.
    drafts: HashSet<String>,
    static_names: HashSet<String>,
}

/// A source file as last read.
#[derive(Clone)]
struct Cached {
    key: u64,
    page: Result<Arc<Page>, Vec<Diagnostic>>,
}

/// The files of the last good build.
pub struct SiteOutput {
    pub files: Arc<output::Files>,
    sigs: HashMap<String, u64>,
}

impl Session {
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            config_key: None,
            found: None,
            parsed: HashMap::new(),
            theme: None,
            statics: None,
            history: None,
            linked: None,
            last: None,
            on_disk: false,
            one_shot: false,
        }
    }

    /// The last build without errors.
    pub fn output(&self) -> Option<&SiteOutput> {
        self.last.as_ref()
    }

    pub fn run(&mut self, changes: &Changes) -> Result<BuildReport> {
        let started = Instant::now();
        let diags = Diagnostics::new();
        let mut report = self.stages(changes, &diags)?;
        report.diagnostics = diags.into_sorted();
        report.elapsed = started.elapsed();
        Ok(report)
    }

    fn stages(&mut self, changes: &Changes, diags: &Diagnostics) -> Result<BuildReport> {
        let mut report = BuildReport::default();
        let opts = &self.opts.clone();
        let root = opts.root.as_path();
        let Some(mut config) = Config::load(root, diags) else {
            return Ok(report);
        };
        apply_overrides(&mut config, opts, diags);
        let config_key = text_key(&format!("{config:?}"));
        if self.config_key != Some(config_key) {
            self.config_key = Some(config_key);
            self.found = None;
            self.parsed.clear();
            self.theme = None;
            self.history = None;
        }
        let content_dir = root.join(&config.build.content);
        let content_shown = display_path(root, &config.build.content);
        if !content_dir.is_dir() {
            diags.push(
                Diagnostic::error(
                    "book.toml",
                    format!("content folder `{content_shown}` not found"),
                )
                .hint("create it with a `_index.md` home page, or set `[build] content`"),
            );
            return Ok(report);
        }
        let output_dir = match &opts.output {
            Some(o) => o.clone(),
            None => root.join(&config.build.output),
        };
        if let Some(reason) =
            output::refuse_reason(root, &output_dir, &content_dir, &root.join("themes"))
        {
            diags.push(
                Diagnostic::error(
                    display_path(Path::new("."), &output_dir),
                    format!(
                        "refusing to use `{}` as the output folder: {reason}",
                        output_dir.display()
                    ),
                )
                .hint("choose a new folder such as `public`, with `--output` or `[build] output`"),
            );
            return Ok(report);
        }
        report.output = Some(output_dir.clone());

        if self.edit_in_place(changes, &config, &output_dir, &mut report, diags)? {
            return Ok(report);
        }
        // Whatever happens below, the linked site no longer matches the sources.
        let previous_link = self.linked.take();
        let mut clock = Instant::now();
        let mut lap = |report: &mut BuildReport, name: &'static str| {
            report.phases.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        let changed: HashSet<&Path> = changes.content.iter().map(PathBuf::as_path).collect();
        let known = |found: &discover::Discovered, path: &Path| {
            found
                .pages
                .iter()
                .chain(&found.assets)
                .any(|f| f.abs == path)
        };
        let stale = match &self.found {
            None => true,
            Some(Stage { value: found, .. }) => {
                changes.structure || changed.iter().any(|p| !p.is_file() || !known(found, p))
            }
        };
        if stale {
            self.found = Some(Stage::run(|d| {
                discover::discover(root, &config.build.content, d)
            }));
        }
        let found = self
            .found
            .as_ref()
            .expect("discovered just above")
            .replay(diags);
        lap(&mut report, "discover");

        let mut pages = Vec::with_capacity(found.pages.len());
        let mut drafts = HashSet::new();
        let mut parsed = HashMap::with_capacity(found.pages.len());
        let old = std::mem::take(&mut self.parsed);
        let read: Vec<(Cached, usize)> = found
            .pages
            .par_iter()
            .map(|file| match old.get(&file.rel) {
                Some(c) if !changed.contains(file.abs.as_path()) => (c.clone(), 0),
                previous => {
                    let mut n = 0;
                    (read_page(file, &config, previous.cloned(), &mut n), n)
                }
            })
            .collect();
        drop(old);
        for (file, (cached, n)) in found.pages.iter().zip(read) {
            report.parsed += n;
            match &cached.page {
                Ok(page) if page.fm.draft && !config.build.drafts => {
                    drafts.insert(page.rel.clone());
                }
                Ok(page) => {
                    diags.extend(page.parsed.diagnostics.iter().cloned());
                    pages.push(Arc::clone(page));
                }
                Err(errors) => diags.extend(errors.iter().cloned()),
            }
            parsed.insert(file.rel.clone(), cached);
        }
        self.parsed = parsed;
        lap(&mut report, "parse");

        if self.theme.is_none() || changes.theme {
            self.theme = Some(Stage::run(|d| Theme::load(root, &config.build.theme, d)));
        }
        let theme = self
            .theme
            .as_ref()
            .expect("loaded just above")
            .replay(diags);
        let Some(theme) = theme else {
            return Ok(report);
        };
        if self.statics.is_none() || changes.statics {
            self.statics = Some(Stage::run(|d| read_static(root, d)));
        }
        let project_static = self
            .statics
            .as_ref()
            .expect("read just above")
            .replay(diags);
        let mut static_files: BTreeMap<&String, &Vec<u8>> = theme.static_files.iter().collect();
        static_files.extend(project_static);
        let static_names: HashSet<String> = static_files.keys().map(|k| (*k).clone()).collect();

        let history = self
            .history
            .get_or_insert_with(|| history::last_commit_dates(root, &config.build.content));
        // Linking is a function of its input. When that is the last good run's (the same parsed
        // pages, assets, drafts and static files: a theme or static edit), its linked site and
        // search index still hold, and only rendering is left to do.
        let reusable = previous_link.filter(|l| {
            l.site.pages.len() == pages.len()
                && l.site
                    .pages
                    .iter()
                    .zip(&pages)
                    .all(|(a, b)| Arc::ptr_eq(a, b))
                && l.site.assets == found.assets
                && l.drafts == drafts
                && l.static_names == static_names
        });
        let (linked, link_diags, reused_index) = match reusable {
            Some(l) => (l.site, l.diags, Some(l.index)),
            None => {
                let input = LinkInput {
                    config: &config,
                    pages,
                    assets: found.assets.clone(),
                    drafts: drafts.clone(),
                    static_files: static_names.clone(),
                    content_shown,
                    history: history.clone(),
                };
                let stage = Stage::run(|d| site::link(input, d));
                report.linked = true;
                (stage.value, stage.diags, None)
            }
        };
        diags.extend(link_diags.iter().cloned());
        report.pages = linked.pages.len();
        lap(&mut report, "link");
        let no_sigs = HashMap::new();
        let previous = self.last.as_ref().map_or(&no_sigs, |l| &l.sigs);
        // A whole new output folder is written while the site is rendered (on a thread of its
        // own, into a staging folder that is dropped if the build fails). An output folder this
        // session already wrote is updated file by file after rendering instead.
        let writer = match opts.write && !diags.has_errors() && !self.on_disk {
            true => Some(output::Background::start(&output_dir)?),
            false => None,
        };
        // Output bytes outlive the run only to make the session's next run incremental. A
        // one-shot run has none: it writes through the writer, or (`check`) writes nothing.
        let keep = !self.one_shot;
        let sink = |path: &str, bytes: &Arc<Vec<u8>>| {
            if let Some(w) = &writer {
                w.send(path.to_owned(), Arc::clone(bytes));
            }
        };
        let job = render::Job {
            previous,
            scope: Scope::All,
            sink: Some(&sink),
            keep,
        };
        let rendered = render::render_site(&linked, theme, job, diags);
        report.rendered = rendered.rendered;
        lap(&mut report, "render");
        let index = reused_index.unwrap_or_else(|| search::Index::build(&linked));
        lap(&mut report, "search index");

        let mut out = Assembly::new(keep, writer.as_ref(), rendered.files.len());
        let mut sigs = HashMap::with_capacity(rendered.files.len());
        let page_of_url: HashMap<&str, usize> = linked
            .urls
            .iter()
            .enumerate()
            .map(|(i, u)| (u.as_str(), i))
            .collect();
        let last_files = self.last.as_ref().map(|l| &l.files);
        for file in rendered.files {
            let url = file.path.strip_suffix("index.html").unwrap_or(&file.path);
            let from = match page_of_url.get(url) {
                Some(&p) => Origin::Page(linked.pages[p].shown.clone()),
                None => Origin::Generated(file.path.clone()),
            };
            let bytes = match file.body {
                Body::New(b) if writer.is_some() => Bytes::Sent(b),
                Body::New(b) => Bytes::New(b),
                Body::Sent => Bytes::Gone,
                Body::Unchanged => Bytes::New(Arc::clone(
                    last_files
                        .and_then(|f| f.get(&file.path))
                        .expect("an unchanged signature comes from the last output"),
                )),
            };
            if out.add(file.path.clone(), bytes, from, diags) {
                sigs.insert(file.path, file.sig);
            }
        }
        for (path, bytes) in index.files() {
            report.search.0 += 1;
            report.search.1 += bytes.len();
            let from = Origin::Generated(path.clone());
            out.add(path, Bytes::New(Arc::new(bytes)), from, diags);
        }
        let base_url = &linked.config.book.base_url;
        if base_url.is_empty() {
            report.notes.push(
                "no base_url: feeds, sitemap.xml, robots.txt and canonical links were left out \
                 (set `[book] base_url` or pass `--base-url`)"
                    .into(),
            );
        } else {
            let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n");
            let from = Origin::Generated("robots.txt".into());
            let bytes = Bytes::New(Arc::new(robots.into_bytes()));
            out.add("robots.txt".into(), bytes, from, diags);
        }
        for asset in &linked.assets {
            match std::fs::read(&asset.abs) {
                Ok(bytes) => {
                    let from = Origin::Asset(asset.shown.clone());
                    out.add(asset.rel.clone(), Bytes::New(Arc::new(bytes)), from, diags);
                }
                Err(e) => diags.push(Diagnostic::error(
                    &asset.shown,
                    format!("cannot read file: {e}"),
                )),
            }
        }
        for (path, bytes) in static_files {
            let from = Origin::Static(path.clone());
            out.add(
                path.clone(),
                Bytes::New(Arc::new(bytes.clone())),
                from,
                diags,
            );
        }
        out.check_folders(diags);
        report.files = out.len();
        let files = out.into_files();
        lap(&mut report, "assemble");
        if diags.has_errors() {
            // Dropping the writer removes its staging folder; the output folder is untouched.
            return Ok(report);
        }
        if opts.write {
            let written = match (writer, &self.last) {
                (Some(writer), _) => writer.finish()?.commit()?,
                (None, Some(last)) => output::write_changes(&output_dir, &last.files, &files)?,
                (None, None) => output::write_site(&output_dir, &files)?,
            };
            report.changed = written;
            report.written = true;
            self.on_disk = true;
            lap(&mut report, "write");
        }
        self.last = keep.then(|| SiteOutput {
            files: Arc::new(files),
            sigs,
        });
        self.linked = Some(Linked {
            site: linked,
            diags: link_diags,
            ref_keys: rendered.ref_keys,
            index,
            drafts,
            static_names,
        });
        Ok(report)
    }

    /// The common edit: only the text of known pages changed, and nothing that other pages
    /// see or link to (front matter, link targets, anchors) is different. The re-parsed pages
    /// replace the old ones in the last linked site, and only they are rendered, unless a
    /// summary that listings show changed ([`render::Scope::Pages`] then widens itself).
    /// Returns false, having changed nothing but the parse cache, when that does not apply.
    fn edit_in_place(
        &mut self,
        changes: &Changes,
        config: &Config,
        output_dir: &Path,
        report: &mut BuildReport,
        diags: &Diagnostics,
    ) -> Result<bool> {
        let started = Instant::now();
        let only_text = !changes.structure
            && !changes.config
            && !changes.theme
            && !changes.statics
            && !changes.content.is_empty();
        let (Some(linked), Some(found), Some(theme), Some(statics)) =
            (&self.linked, &self.found, &self.theme, &self.statics)
        else {
            return Ok(false);
        };
        let Some(theme_value) = theme.value.as_ref() else {
            return Ok(false);
        };
        if !only_text || self.last.is_none() {
            return Ok(false);
        }
        let mut swaps: Vec<(usize, Arc<Page>)> = Vec::new();
        for path in &changes.content {
            let Some(file) = found.value.pages.iter().find(|f| f.abs == *path) else {
                return Ok(false);
            };
            let old = self.parsed.get(&file.rel).cloned();
            let new = read_page(file, config, old.clone(), &mut report.parsed);
            self.parsed.insert(file.rel.clone(), new.clone());
            let (Some(Ok(old)), Ok(new)) = (old.map(|c| c.page), new.page) else {
                return Ok(false);
            };
            if Arc::ptr_eq(&old, &new) {
                continue;
            }
            let dests = |p: &Page| -> Vec<String> {
                p.parsed.links.iter().map(|l| l.dest.clone()).collect()
            };
            let same_outside = old.fm == new.fm
                && dests(&old) == dests(&new)
                && old.parsed.anchors == new.parsed.anchors
                && !linked.diags.iter().any(|d| d.path == old.shown);
            let at = linked
                .site
                .pages
                .binary_search_by(|p| p.rel.as_str().cmp(&new.rel));
            match at {
                Ok(i) if same_outside => swaps.push((i, new)),
                _ => return Ok(false),
            }
        }
        report.phases.push(("parse", started.elapsed()));

        let mut linked = self.linked.take().expect("checked above");
        let mut index_files = Vec::new();
        let mut index_removed = Vec::new();
        for (i, page) in &swaps {
            let old = std::mem::replace(&mut linked.site.pages[*i], Arc::clone(page));
            let change = linked.index.update(&linked.site, *i, &old);
            index_files.extend(change.files);
            index_removed.extend(change.removed);
        }
        diags.extend(found.diags.iter().cloned());
        for page in &linked.site.pages {
            diags.extend(page.parsed.diagnostics.iter().cloned());
        }
        diags.extend(linked.diags.iter().cloned());
        diags.extend(theme.diags.iter().cloned());
        diags.extend(statics.diags.iter().cloned());
        report.pages = linked.site.pages.len();

        let clock = Instant::now();
        let last = self.last.as_mut().expect("checked above");
        let pages: Vec<usize> = swaps.iter().map(|(i, _)| *i).collect();
        let job = render::Job {
            previous: &last.sigs,
            scope: Scope::Pages {
                pages: &pages,
                old_keys: &linked.ref_keys,
            },
            sink: None,
            keep: true,
        };
        let rendered = render::render_site(&linked.site, theme_value, job, diags);
        report.rendered = rendered.rendered;
        report.phases.push(("render", clock.elapsed()));
        if diags.has_errors() {
            return Ok(true);
        }
        let clock = Instant::now();
        let mut files = (*last.files).clone();
        for path in &index_removed {
            files.remove(path);
        }
        for (path, bytes) in index_files {
            files.insert(path, Arc::new(bytes));
        }
        for file in rendered.files {
            if let Body::New(bytes) = file.body {
                files.insert(file.path.clone(), bytes);
            }
            last.sigs.insert(file.path, file.sig);
        }
        report.files = files.len();
        if self.opts.write {
            report.changed = if self.on_disk {
                output::write_changes(output_dir, &last.files, &files)?
            } else {
                output::write_site(output_dir, &files)?
            };
            report.written = true;
            self.on_disk = true;
        }
        report.phases.push(("write", clock.elapsed()));
        last.files = Arc::new(files);
        linked.ref_keys = rendered.ref_keys;
        self.linked = Some(linked);
        Ok(true)
    }
}

/// Reads one source file and parses it, unless its bytes are those of `old` (an editor saving
/// without changes, or a watcher reporting a file twice). Counts parses in `parsed`.
fn read_page(
    file: &discover::SourceFile,
    config: &Config,
    old: Option<Cached>,
    parsed: &mut usize,
) -> Cached {
    let bytes = match std::fs::read(&file.abs) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Cached {
                key: 0,
                page: Err(vec![Diagnostic::error(
                    &file.shown,
                    format!("cannot read file: {e}"),
                )]),
            };
        }
    };
    let key = bytes_key(&bytes);
    if let Some(old) = old.filter(|c| c.key == key) {
        return old;
    }
    *parsed += 1;
    Cached {
        key,
        page: page::parse_source(file, bytes, config).map(Arc::new),
    }
}

fn bytes_key(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn apply_overrides(config: &mut Config, opts: &BuildOptions, diags: &Diagnostics) {
    if opts.drafts {
        config.build.drafts = true;
    }
    config.build.offline = opts.offline;
    if let Some(url) = &opts.base_url {
        if url.starts_with("http://") || url.starts_with("https://") {
            config.book.base_url = url.trim_end_matches('/').to_string();
        } else {
            diags.push(
                Diagnostic::error(
                    "--base-url",
                    format!("`{url}` is not an absolute http(s) URL"),
                )
                .hint("for example `--base-url https://example.org/handbook/`"),
            );
        }
    }
}

/// The project's `static/` folder: copied to the output root as it is.
fn read_static(root: &Path, diags: &Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let dir = root.join("static");
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !discover::is_temporary_name(&e.file_name().to_string_lossy())
        })
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::warning("static", format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                out.insert(rel, bytes);
            }
            Err(e) => diags.push(Diagnostic::error(
                display_path(root, &Path::new("static").join(&rel)),
                format!("cannot read file: {e}"),
            )),
        }
    }
    out
}
