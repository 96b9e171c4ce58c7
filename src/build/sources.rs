//! The stages before linking: discover the content folder, parse the pages, load the theme and
//! the static files, each taken from the session's cache when its input did not change.

use super::session::{Cache, Cached, Clock, Setup, cached};
use super::{BuildReport, Changes, StageName};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::discover::{self, Discovered, SourceFile};
use crate::fsx;
use crate::history;
use crate::page::{self, Page};
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The pages of a run, the drafts left out of it, and the pages that failed to parse.
pub(super) struct Parsed {
    pub(super) pages: Vec<Arc<Page>>,
    pub(super) drafts: HashSet<String>,
    /// Content-relative paths. A page leaves and rejoins `pages` as it breaks and is mended,
    /// so this set changes only with `pages`.
    pub(super) broken: HashSet<String>,
}

/// What the stages before linking hand on: this run's files, pages, theme and static files.
pub(super) struct Sources<'c> {
    pub(super) found: &'c Discovered,
    pub(super) parsed: Parsed,
    /// Output paths of the theme's and the project's static files.
    pub(super) static_names: HashSet<String>,
    pub(super) history: &'c HashMap<String, String>,
}

/// Discovers and parses the content, loads the theme and the static files, each from the cache
/// when its input is unchanged. `None` when there is no usable theme (reported).
pub(super) fn read_sources<'c>(
    cache: &'c mut Cache,
    root: &Path,
    changes: &Changes,
    setup: &Setup,
    report: &mut BuildReport,
    diags: &Diagnostics,
) -> Option<Sources<'c>> {
    let config = &setup.config;
    let mut clock = Clock::start();
    let stale = cache
        .found
        .as_ref()
        .is_none_or(|found| structure_changed(&found.value, changes));
    let found = cached(&mut cache.found, stale, diags, |d| {
        let mut found = discover::discover(root, &config.build.content, d);
        if let Some(book) = &config.mdbook {
            let content_shown = crate::urls::shown(&config.build.content);
            let in_collection = |rel: &str| {
                config.collections.iter().any(|c| {
                    rel.strip_prefix(c.section.as_str())
                        .is_some_and(|r| r.starts_with('/'))
                })
            };
            crate::mdbook::select(book, &mut found, &content_shown, &in_collection, d);
        }
        found
    });
    clock.lap(report, StageName::Discover);
    let parsed = parse(&mut cache.parsed, found, changes, config, report, diags);
    clock.lap(report, StageName::Parse);
    let theme = cached(&mut cache.theme, changes.theme, diags, |d| {
        Theme::load(root, &config.build.theme, d)
    })
    .as_ref()?;
    let project_static = cached(&mut cache.statics, changes.statics, diags, |d| {
        read_static(root, d)
    });
    let static_names = theme
        .static_files
        .keys()
        .chain(project_static.keys())
        .cloned()
        .collect();
    let history = cache
        .history
        .get_or_insert_with(|| history::last_commit_dates(root, &config.build.content));
    clock.lap(report, StageName::Theme);
    Some(Sources {
        found,
        parsed,
        static_names,
        history,
    })
}

/// Whether the files under the content folder may no longer be those `found` lists.
fn structure_changed(found: &Discovered, changes: &Changes) -> bool {
    let known = |path: &Path| {
        found
            .pages
            .iter()
            .chain(&found.assets)
            .any(|f| f.abs == path)
    };
    changes.structure || changes.content.iter().any(|p| !p.is_file() || !known(p))
}

/// Parses every page whose file changed (in parallel), takes the others from `cache`, and
/// leaves the drafts out unless they are built.
pub(super) fn parse(
    cache: &mut HashMap<String, Cached>,
    found: &Discovered,
    changes: &Changes,
    config: &Config,
    report: &mut BuildReport,
    diags: &Diagnostics,
) -> Parsed {
    let changed: HashSet<&Path> = changes.content.iter().map(PathBuf::as_path).collect();
    let old = std::mem::take(cache);
    let read: Vec<(Cached, usize)> = found
        .pages
        .par_iter()
        .map(|file| match old.get(&file.rel) {
            // A file it includes changed: parsed again, whatever its own bytes.
            Some(c) if includes_changed(c, &changed) => {
                let mut n = 0;
                (read_page(file, config, None, &mut n), n)
            }
            Some(c) if !changed.contains(file.abs.as_path()) => (c.clone(), 0),
            previous => {
                let mut n = 0;
                (read_page(file, config, previous.cloned(), &mut n), n)
            }
        })
        .collect();
    drop(old);
    let mut pages = Vec::with_capacity(found.pages.len());
    let mut drafts = HashSet::new();
    let mut broken = HashSet::new();
    for (file, (entry, n)) in found.pages.iter().zip(read) {
        report.work.parsed += n;
        match &entry.page {
            Ok(page) if page.fm.draft && !config.build.drafts => {
                drafts.insert(page.rel.clone());
            }
            Ok(page) => {
                diags.extend(page.parsed.diagnostics.iter().cloned());
                pages.push(Arc::clone(page));
            }
            Err(errors) => {
                diags.extend(errors.iter().cloned());
                broken.insert(file.rel.clone());
            }
        }
        cache.insert(file.rel.clone(), entry);
    }
    Parsed {
        pages,
        drafts,
        broken,
    }
}

/// Whether a file that the cached page's directives read is among the `changed` ones.
fn includes_changed(cached: &Cached, changed: &HashSet<&Path>) -> bool {
    cached
        .page
        .as_ref()
        .is_ok_and(|p| p.includes.iter().any(|f| changed.contains(f.as_path())))
}

/// Reads one source file and parses it, unless its bytes are those of `old` (an editor saving
/// without changes, or a watcher reporting a file twice). Counts parses in `parsed`.
pub(super) fn read_page(
    file: &SourceFile,
    config: &Config,
    old: Option<Cached>,
    parsed: &mut usize,
) -> Cached {
    let bytes = match fsx::read_input(&file.abs, &file.shown) {
        Ok(bytes) => bytes,
        Err(d) => {
            return Cached {
                key: 0,
                page: Err(vec![d]),
            };
        }
    };
    let key = crate::fingerprint::of_bytes(&bytes);
    if let Some(old) = old.filter(|c| c.key == key) {
        return old;
    }
    *parsed += 1;
    Cached {
        key,
        page: page::parse_fingerprinted(file, bytes, key, config).map(Arc::new),
    }
}

/// The project's `static/` folder: copied to the output root as it is.
pub(super) fn read_static(root: &Path, diags: &Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let dir = root.join("static");
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return out;
    }
    for file in discover::files_under(root, &dir, discover::is_temporary_name, diags) {
        match fsx::read_input(&file.abs, &file.shown) {
            Ok(bytes) => {
                out.insert(file.rel, bytes);
            }
            Err(d) => diags.push(d),
        }
    }
    out
}
