//! The build pipeline: config -> discover -> parse -> link -> render -> output. `check` runs the
//! same pipeline without writing. Author problems come back as diagnostics in the report; only
//! plumbing failures (I/O while writing) are `Err`.

use crate::config::{Config, display_path};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover;
use crate::output;
use crate::page;
use crate::render;
use crate::site::{self, LinkInput};
use crate::theme::Theme;
use anyhow::Result;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
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
    let started = Instant::now();
    let diags = Diagnostics::new();
    let mut report = run(opts, &diags)?;
    report.diagnostics = diags.into_sorted();
    report.elapsed = started.elapsed();
    Ok(report)
}

fn run(opts: &BuildOptions, diags: &Diagnostics) -> Result<BuildReport> {
    let mut report = BuildReport::default();
    let root = opts.root.as_path();
    let Some(mut config) = Config::load(root, diags) else {
        return Ok(report);
    };
    apply_overrides(&mut config, opts, diags);
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

    let mut clock = Instant::now();
    let mut lap = |report: &mut BuildReport, name: &'static str| {
        report.phases.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let found = discover::discover(root, &config.build.content, diags);
    lap(&mut report, "discover");
    let mut pages = Vec::with_capacity(found.pages.len());
    let mut drafts = HashSet::new();
    for file in &found.pages {
        match page::parse_file(file, &config) {
            Ok(page) if page.fm.draft && !config.build.drafts => {
                drafts.insert(page.rel);
            }
            Ok(page) => {
                diags.extend(page.parsed.diagnostics.iter().cloned());
                pages.push(page);
            }
            Err(errors) => diags.extend(errors),
        }
    }
    lap(&mut report, "parse");
    let Some(theme) = Theme::load(root, &config.build.theme, diags) else {
        return Ok(report);
    };
    let project_static = read_static(root, diags);
    let mut static_files = theme.static_files.clone();
    static_files.extend(project_static);
    let static_names: HashSet<String> = static_files.keys().cloned().collect();

    let linked = site::link(
        LinkInput {
            config: &config,
            pages,
            assets: found.assets,
            drafts,
            static_files: static_names,
            content_shown,
        },
        diags,
    );
    report.pages = linked.pages.len();
    lap(&mut report, "load theme, link");
    let rendered = render::render_site(&linked, &theme, diags);
    lap(&mut report, "render");

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut origin: HashMap<String, Origin> = HashMap::new();
    let mut add =
        |path: String, bytes: Vec<u8>, from: Origin, files: &mut BTreeMap<String, Vec<u8>>| {
            let key = path.to_lowercase();
            if let Some(first) = origin.get(&key) {
                // Two pages on one URL were already reported by the link stage.
                if matches!((first, &from), (Origin::Page(_), Origin::Page(_))) {
                    return;
                }
                diags.push(
                    Diagnostic::error(
                        from.to_string(),
                        format!("output file `{path}` is also produced by {first}"),
                    )
                    .hint("rename one of them"),
                );
                return;
            }
            if !output::is_safe_relative(&path) {
                diags.push(Diagnostic::error(
                    from.to_string(),
                    format!("output path `{path}` would leave the output folder"),
                ));
                return;
            }
            origin.insert(key, from);
            files.insert(path, bytes);
        };
    let page_of_url: HashMap<&str, usize> = linked
        .urls
        .iter()
        .enumerate()
        .map(|(i, u)| (u.as_str(), i))
        .collect();
    for (path, bytes) in rendered {
        let url = path.strip_suffix("index.html").unwrap_or(&path);
        let from = match page_of_url.get(url) {
            Some(&p) => Origin::Page(linked.pages[p].shown.clone()),
            None => Origin::Generated(path.clone()),
        };
        add(path, bytes, from, &mut files);
    }
    for asset in &linked.assets {
        match std::fs::read(&asset.abs) {
            Ok(bytes) => add(
                asset.rel.clone(),
                bytes,
                Origin::Asset(asset.shown.clone()),
                &mut files,
            ),
            Err(e) => diags.push(Diagnostic::error(
                &asset.shown,
                format!("cannot read file: {e}"),
            )),
        }
    }
    for (path, bytes) in static_files {
        add(path.clone(), bytes, Origin::Static(path), &mut files);
    }
    report.files = files.len();
    if diags.has_errors() || !opts.write {
        return Ok(report);
    }
    lap(&mut report, "assemble");
    output::write_site(&output_dir, &files)?;
    lap(&mut report, "write");
    report.written = true;
    Ok(report)
}

/// What produced an output file, for collision messages.
enum Origin {
    Page(String),
    Generated(String),
    Asset(String),
    Static(String),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Page(shown) => write!(f, "page `{shown}`"),
            Origin::Generated(path) => write!(f, "the generated page `{path}`"),
            Origin::Asset(shown) => write!(f, "`{shown}`"),
            Origin::Static(path) => write!(f, "static file `{path}`"),
        }
    }
}

fn apply_overrides(config: &mut Config, opts: &BuildOptions, diags: &Diagnostics) {
    if opts.drafts {
        config.build.drafts = true;
    }
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
            e.depth() == 0 || !discover::is_ignored_name(&e.file_name().to_string_lossy())
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
