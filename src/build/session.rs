//! A build that remembers: each stage's last result, the last linked site and the last good
//! output with its render signatures. [`Session::run`] runs the stages in order, each a function
//! from typed input to typed output:
//!
//! ```text
//! setup (Config::load)            -> Setup
//! discover (discover::discover)   -> Discovered       cached until the content's structure changes
//! parse (page::parse_source)      -> Parsed           per file, cached by the file's bytes
//! theme, statics                  -> Theme, files     cached until `themes/` or `static/` change
//! link (site::link)               -> Site             reused when its input is the same
//! render (render::render_site)    -> Rendered         files whose signature changed
//! search index (search::Index)    -> Index
//! assemble (assemble::assemble)   -> Assembled        every output file, collisions reported
//! write (output)                  -> WriteStats
//! ```
//!
//! The next run re-reads only what [`Changes`] names, re-renders only output whose signature
//! changed, and writes only files whose bytes changed. Its result is the same as a fresh build's
//! (a property test checks it). The stages before linking are in `sources.rs`; `incremental.rs`
//! short-cuts the whole chain for text-only edits.

use super::deferred::Pending;
use super::sources::{Sources, read_sources};
use super::{BuildOptions, BuildReport, Changes, StageName};
use crate::assemble::{self, Assembled};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::discover::Discovered;
use crate::output;
use crate::page::Page;
use crate::render::{self, Scope};
use crate::search::{self, IndexChange};
use crate::site::{self, LinkInput, Site};
use crate::theme::Theme;
use crate::urls;
use anyhow::Result;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

pub struct Session {
    pub(super) opts: BuildOptions,
    /// No run follows the first ([`super::build`]): output is written as it is made and not kept.
    pub(super) one_shot: bool,
    pub(super) cache: Cache,
    /// The linked site behind `last`; `None` after a failed run.
    pub(super) linked: Option<Linked>,
    /// The last good output (never kept by a one-shot session).
    pub(super) last: Option<SiteOutput>,
    /// What the output folder holds, when this session wrote it; `last` may be newer when
    /// writes are deferred ([`Session::defer_writes`]).
    pub(super) disk: Option<Arc<output::Files>>,
    /// Runs leave updating an output folder already written to [`Session::write_pending`].
    pub(super) defer_writes: bool,
    /// Files left to render after an edit made with writes deferred: those showing the edited
    /// pages' summaries.
    pub(super) pending: Option<Pending>,
}

/// A newly linked site, with what linking reported and what the next run's link stage compares
/// its input with.
pub(super) struct Relinked {
    site: Site,
    link_diags: Vec<Diagnostic>,
    /// The last run's search index, when linking was skipped.
    reused_index: Option<search::Index>,
    drafts: HashSet<String>,
    static_names: HashSet<String>,
}

/// Each stage's last result, valid while its inputs are unchanged.
#[derive(Default)]
pub(super) struct Cache {
    /// Key of the config the caches were made with; another config clears them.
    config_key: Option<u64>,
    pub(super) found: Option<Stage<Discovered>>,
    pub(super) parsed: HashMap<String, Cached>,
    pub(super) theme: Option<Stage<Option<Theme>>>,
    pub(super) statics: Option<Stage<BTreeMap<String, Vec<u8>>>>,
    /// Dates of the last commits touching content files, read once per config.
    pub(super) history: Option<HashMap<String, String>>,
    /// A handbook in several languages: the last run's linked sites.
    pub(super) languages: Option<super::languages::LinkedLanguages>,
}

/// A cached stage's result and the diagnostics it reported, replayed on every run.
pub(super) struct Stage<T> {
    pub(super) value: T,
    pub(super) diags: Vec<Diagnostic>,
}

impl<T> Stage<T> {
    pub(super) fn run(f: impl FnOnce(&Diagnostics) -> T) -> Stage<T> {
        let diags = Diagnostics::new();
        let value = f(&diags);
        Stage {
            value,
            diags: diags.into_sorted(),
        }
    }

    pub(super) fn replay(&self, diags: &Diagnostics) -> &T {
        diags.extend(self.diags.iter().cloned());
        &self.value
    }
}

/// The stage in `slot`, run again when `stale` or never run.
pub(super) fn cached<'c, T>(
    slot: &'c mut Option<Stage<T>>,
    stale: bool,
    diags: &Diagnostics,
    run: impl FnOnce(&Diagnostics) -> T,
) -> &'c T {
    if stale || slot.is_none() {
        *slot = Some(Stage::run(run));
    }
    slot.as_ref().expect("filled just above").replay(diags)
}

/// The linked site of the last good run, what linking reported, and what rendering and the
/// search index made of it.
pub(super) struct Linked {
    pub(super) site: Site,
    pub(super) diags: Vec<Diagnostic>,
    /// Key of each page's summary as rendered (see [`render::Scope::Pages`]).
    pub(super) ref_keys: Vec<u64>,
    pub(super) index: search::Index,
    /// The rest of the link stage's input, to tell whether the next run's is the same.
    drafts: HashSet<String>,
    static_names: HashSet<String>,
}

/// A source file as last read.
#[derive(Clone)]
pub(super) struct Cached {
    pub(super) key: u64,
    pub(super) page: Result<Arc<Page>, Vec<Diagnostic>>,
}

/// The files of the last good build.
pub struct SiteOutput {
    pub files: Arc<output::Files>,
    pub(super) sigs: HashMap<String, u64>,
}

impl SiteOutput {
    /// Takes in the files of a partial render and the search index's changes (a new `files`,
    /// sharing the bytes of every file that stays).
    pub(super) fn take_in(&mut self, rendered: Vec<render::RenderedFile>, index: IndexChange) {
        let mut files = (*self.files).clone();
        for path in &index.removed {
            files.remove(path);
        }
        for (path, bytes) in index.files {
            files.insert(path, Arc::new(bytes));
        }
        for file in rendered {
            if let render::Body::New(bytes) = file.body {
                files.insert(file.path.clone(), bytes);
            }
            self.sigs.insert(file.path, file.sig);
        }
        self.files = Arc::new(files);
    }
}

/// What every stage works with once the config is read and the folders are known.
pub(super) struct Setup {
    pub(super) config: Config,
    pub(super) content_shown: String,
    pub(super) output_dir: PathBuf,
}

/// Times the stages of one run into its report, and logs each.
pub(super) struct Clock(Instant);

impl Clock {
    pub(super) fn start() -> Clock {
        Clock(Instant::now())
    }

    /// Starts timing the next stage afresh (what ran since is someone else's lap).
    pub(super) fn restart(&mut self) {
        self.0 = Instant::now();
    }

    pub(super) fn lap(&mut self, report: &mut BuildReport, stage: StageName) {
        let took = self.0.elapsed();
        tracing::debug!(
            stage = stage.as_str(),
            ms = took.as_secs_f64() * 1000.0,
            "stage done"
        );
        report.timing.stages.push((stage, took));
        self.0 = Instant::now();
    }
}

impl Session {
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            one_shot: false,
            cache: Cache::default(),
            linked: None,
            last: None,
            disk: None,
            defer_writes: false,
            pending: None,
        }
    }

    /// A session for one run: it keeps no output in memory.
    pub fn one_shot(opts: BuildOptions) -> Session {
        Session {
            one_shot: true,
            ..Session::new(opts)
        }
    }

    /// The last build without errors.
    pub fn output(&self) -> Option<&SiteOutput> {
        self.last.as_ref()
    }

    /// Every file that the last run's pages include (mdBook directives), as they name them.
    pub fn included_files(&self) -> HashSet<PathBuf> {
        self.cache
            .parsed
            .values()
            .filter_map(|c| c.page.as_ref().ok())
            .flat_map(|p| p.includes.iter().cloned())
            .collect()
    }

    pub(super) fn options(&self) -> &BuildOptions {
        &self.opts
    }

    pub fn run(&mut self, changes: &Changes) -> Result<BuildReport> {
        let started = Instant::now();
        let diags = Diagnostics::new();
        let mut report = BuildReport::default();
        // The last edit's output is whole before anything else is built on it.
        self.render_pending(&mut report, &diags);
        if let Some(setup) = self.setup(&diags) {
            report.output = Some(setup.output_dir.clone());
            if !self.text_edit(changes, &setup, &mut report, &diags)? {
                self.full_run(changes, &setup, &mut report, &diags)?;
            }
        }
        report.diagnostics = diags.into_sorted();
        report.timing.elapsed = started.elapsed();
        Ok(report)
    }

    /// Reads the config, applies the command line's overrides, and checks the folders. A config
    /// unlike the last run's clears every cache that depends on it.
    fn setup(&mut self, diags: &Diagnostics) -> Option<Setup> {
        let opts = &self.opts;
        let root = opts.root.as_path();
        let mut config = Config::load(root, diags)?;
        apply_overrides(&mut config, opts, diags);
        let config_key = {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (config.source_key, opts.drafts, &opts.base_url).hash(&mut h);
            h.finish()
        };
        if self.cache.config_key != Some(config_key) {
            self.cache = Cache {
                config_key: Some(config_key),
                statics: self.cache.statics.take(),
                ..Cache::default()
            };
        }
        let content_dir = root.join(&config.build.content);
        let content_shown = urls::shown(&config.build.content);
        if !content_dir.is_dir() {
            diags.push(
                Diagnostic::error(
                    Code::MissingContent,
                    "book.toml",
                    format!("content folder `{content_shown}` not found"),
                )
                .hint("create it with a `_index.md` home page, or set `[build] content`"),
            );
            return None;
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
                    Code::UnsafeOutput,
                    urls::shown(&output_dir),
                    format!(
                        "refusing to use `{}` as the output folder: {reason}",
                        output_dir.display()
                    ),
                )
                .hint("choose a new folder such as `public`, with `--output` or `[build] output`"),
            );
            return None;
        }
        Some(Setup {
            config,
            content_shown,
            output_dir,
        })
    }

    /// Every stage, each reusing what it can from the cache.
    fn full_run(
        &mut self,
        changes: &Changes,
        setup: &Setup,
        report: &mut BuildReport,
        diags: &Diagnostics,
    ) -> Result<()> {
        // Whatever happens below, the linked site no longer matches the sources.
        let previous_link = self.linked.take();
        let mut clock = Clock::start();
        let root = self.opts.root.as_path();
        let Some(mut sources) = read_sources(&mut self.cache, root, changes, setup, report, diags)
        else {
            return Ok(());
        };
        if !setup.config.languages.is_empty() {
            let input = super::languages::Input {
                pages: std::mem::take(&mut sources.parsed.pages),
                assets: sources.found.assets.clone(),
                drafts: sources.parsed.drafts.clone(),
                broken: sources.parsed.broken.clone(),
                static_names: sources.static_names.clone(),
                history: sources.history.clone(),
            };
            return self.languages_run(input, setup, report, diags);
        }
        // The stages before linking timed themselves.
        clock.restart();
        let (site, link_diags, reused_index) = link_stage(
            previous_link,
            &mut sources,
            setup,
            self.opts.style(),
            report,
        );
        diags.extend(link_diags.iter().cloned());
        report.pages = site.pages.len();
        clock.lap(report, StageName::Link);

        // What the next run compares its link input with (and the end of the cache's borrow).
        let (drafts, static_names) = (sources.parsed.drafts, sources.static_names);
        let linked = Relinked {
            site,
            link_diags,
            reused_index,
            drafts,
            static_names,
        };
        // With writes deferred (`serve`), an edit of the content shows its pages first: they
        // are rendered into the last output, and the rest of the site follows in
        // `write_pending`. A theme or config edit changes every page: no first part then.
        let first_part = self.defer_writes
            && self.disk.is_some()
            && !diags.has_errors()
            && !(changes.theme || changes.config);
        if first_part && self.render_changed_pages(&linked.site, changes, report, diags) {
            self.pending = Some(Pending::Site(Box::new(linked)));
            return Ok(());
        }

        // A whole new output folder is written while the site is rendered (on a thread of its
        // own, into a staging folder that is dropped if the build fails). An output folder this
        // session already wrote is updated file by file after rendering instead.
        let writer = match self.opts.write && !diags.has_errors() && self.disk.is_none() {
            true => Some(output::Background::start(&setup.output_dir)?),
            false => None,
        };
        self.render_site(linked, writer.as_ref(), report, diags);
        if diags.has_errors() {
            // Dropping the writer removes its staging folder; the output folder is untouched.
            return Ok(());
        }
        if let Some(writer) = writer {
            report.written = Some(writer.finish()?.commit()?);
            self.disk = self.last.as_ref().map(|l| Arc::clone(&l.files));
            clock.lap(report, StageName::Write);
        }
        if self.opts.write && self.disk.is_some() && !self.defer_writes {
            self.write_pending(&setup.output_dir, report)?;
            clock.lap(report, StageName::Write);
        }
        Ok(())
    }

    /// Renders the whole of a linked site (files whose signature is unchanged are taken from
    /// the last output), builds its search index and assembles the output: the session's last
    /// output and linked site from now on, unless there were errors.
    pub(super) fn render_site(
        &mut self,
        linked: Relinked,
        writer: Option<&output::Background>,
        report: &mut BuildReport,
        diags: &Diagnostics,
    ) {
        let Relinked {
            site,
            link_diags,
            reused_index,
            drafts,
            static_names,
        } = linked;
        let mut clock = Clock::start();
        let Some(theme) = self.cache.theme.as_ref().and_then(|t| t.value.as_ref()) else {
            return;
        };
        let mut static_files: BTreeMap<&String, &Vec<u8>> = theme.static_files.iter().collect();
        if let Some(project) = &self.cache.statics {
            static_files.extend(&project.value);
        }
        // Output bytes outlive the run only to make the session's next run incremental. A
        // one-shot run has none: it writes through the writer, or (`check`) writes nothing.
        let keep = !self.one_shot;
        let sink = |path: &str, bytes: &Arc<Vec<u8>>| {
            if let Some(w) = writer {
                w.send(path.to_owned(), Arc::clone(bytes));
            }
        };
        let no_sigs = HashMap::new();
        let job = render::Job {
            previous: self.last.as_ref().map_or(&no_sigs, |l| &l.sigs),
            scope: Scope::All,
            sink: Some(&sink),
            keep,
        };
        let rendered = render::render_site(&site, theme, job, diags);
        report.work.rendered += rendered.rendered;
        clock.lap(report, StageName::Render);

        let index = reused_index.unwrap_or_else(|| search::Index::build(&site));
        clock.lap(report, StageName::SearchIndex);

        let Assembled {
            files,
            count,
            sigs,
            search,
            notes,
        } = assemble::assemble(
            assemble::Inputs {
                site: &site,
                rendered: rendered.files,
                index: &index,
                static_files: &static_files,
                last: self.last.as_ref().map(|l| &*l.files),
                prefix: "",
            },
            assemble::Sinks { keep, writer },
            diags,
        );
        report.files = count;
        report.search = search;
        report.notes = notes;
        clock.lap(report, StageName::Assemble);
        if diags.has_errors() {
            return;
        }
        self.last = keep.then_some(SiteOutput {
            files: Arc::new(files),
            sigs,
        });
        self.linked = Some(Linked {
            site,
            diags: link_diags,
            ref_keys: rendered.ref_keys,
            index,
            drafts,
            static_names,
        });
    }
}

/// The linked site, what linking reported, and the search index when the last run's still
/// holds. Linking is a function of its input: when that is the last good run's (the same parsed
/// pages, assets, drafts and static files: a theme or static edit), its linked site and search
/// index still hold, and only rendering is left to do.
fn link_stage(
    previous: Option<Linked>,
    sources: &mut Sources<'_>,
    setup: &Setup,
    style: urls::Style,
    report: &mut BuildReport,
) -> (Site, Vec<Diagnostic>, Option<search::Index>) {
    let pages = &sources.parsed.pages;
    let reusable = previous.filter(|l| {
        l.site.pages.len() == pages.len()
            && l.site
                .pages
                .iter()
                .zip(pages)
                .all(|(a, b)| Arc::ptr_eq(a, b))
            && l.site.assets == sources.found.assets
            && l.drafts == sources.parsed.drafts
            && l.static_names == sources.static_names
    });
    if let Some(l) = reusable {
        return (l.site, l.diags, Some(l.index));
    }
    let input = LinkInput {
        config: &setup.config,
        pages: std::mem::take(&mut sources.parsed.pages),
        assets: sources.found.assets.clone(),
        drafts: sources.parsed.drafts.clone(),
        broken: sources.parsed.broken.clone(),
        static_files: sources.static_names.clone(),
        content_shown: setup.content_shown.clone(),
        history: sources.history.clone(),
        style,
        elsewhere: HashMap::new(),
        files_up: String::new(),
    };
    let stage = Stage::run(|d| site::link(input, d));
    report.work.linked = true;
    (stage.value, stage.diags, None)
}

impl BuildOptions {
    pub(super) fn style(&self) -> urls::Style {
        if self.offline {
            urls::Style::Offline
        } else {
            urls::Style::Pretty
        }
    }
}

fn apply_overrides(config: &mut Config, opts: &BuildOptions, diags: &Diagnostics) {
    if opts.drafts {
        config.build.drafts = true;
    }
    if let Some(url) = &opts.base_url {
        match crate::config::base_url(url) {
            Some(url) => config.book.base_url = url,
            None => diags.push(
                Diagnostic::error(
                    Code::InvalidBaseUrl,
                    "--base-url",
                    format!("`{url}` is not an absolute http(s) URL"),
                )
                .hint("for example `--base-url https://example.org/handbook/`"),
            ),
        }
    }
}
