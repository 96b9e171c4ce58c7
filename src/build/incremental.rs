//! The common edits in `watch` and `serve`: known pages changed, and the site's shape did not.
//! Either nothing that other pages see or link to is different (front matter, link targets,
//! anchors: [`Site::replace_body`]), or a collection's entry was retitled, re-tagged or given
//! another summary without moving in any list ([`Site::replace_entry`]). Then linking would give
//! the last linked site with those pages swapped in: they replace the old ones there, the search
//! index updates their shards, and only the files that show them are rendered: their own, and
//! when a summary changed, the part of each listing that holds them, their neighbours and the
//! home page ([`Scope::Pages`]). Anything else falls back to the full chain in `session.rs`.

use super::deferred::Pending;
use super::session::{Clock, Linked, Session, Setup};
use super::sources::read_page;
use super::{BuildReport, Changes, StageName};
use crate::diagnostics::Diagnostics;
use crate::page::Page;
use crate::render::{self, Moved, Scope};
use crate::search::{self, IndexChange};
use crate::site::Site;
use anyhow::Result;
use std::sync::Arc;

impl Session {
    /// Applies a text-only edit. Returns false, having changed nothing but the parse cache, when
    /// the edit is not one.
    pub(super) fn text_edit(
        &mut self,
        changes: &Changes,
        setup: &Setup,
        report: &mut BuildReport,
        diags: &Diagnostics,
    ) -> Result<bool> {
        if !changes.only_text() || self.last.is_none() {
            return Ok(false);
        }
        let mut clock = Clock::start();
        let Some(swaps) = self.body_swaps(changes, setup, report) else {
            tracing::debug!("edit not of known pages without link diagnostics: full chain");
            return Ok(false);
        };
        clock.lap(report, StageName::Parse);

        let mut linked = self.linked.take().expect("body_swaps checked it");
        let before: Vec<_> = swaps
            .iter()
            .map(|(i, _)| search::terms_of(&linked.site, *i))
            .collect();
        let Some(moved) = swap_in(&mut linked.site, &swaps) else {
            tracing::debug!("edit changed the site's shape: full chain");
            // Some of the site may have changed: the full chain links it anew.
            return Ok(false);
        };
        let mut index_files = Vec::new();
        let mut index_removed = Vec::new();
        for ((i, _), before) in swaps.iter().zip(&before) {
            let change = linked.index.update(&linked.site, *i, before);
            index_files.extend(change.files);
            index_removed.extend(change.removed);
        }
        self.replay_diagnostics(&linked.site, &linked.diags, diags);
        report.pages = linked.site.pages.len();
        let pages: Vec<usize> = swaps.iter().map(|(i, _)| *i).collect();
        // With writes deferred (`serve`), the edited pages' own files reach readers first, and
        // the rest (feeds, the print page, the files that show their summaries) follows in
        // `write_pending`.
        let later = self.writes_deferred();
        let index = IndexChange {
            files: index_files,
            removed: index_removed,
        };
        let pass = PagesPass {
            pages: &pages,
            moved: &moved,
            rest: !later,
            index,
        };
        let done = self.render_pages(&mut linked, pass, report, diags);
        clock.lap(report, StageName::Render);
        if !done {
            return Ok(true);
        }
        if later {
            self.pending = Some(Pending::Pages { pages, moved });
        }
        self.linked = Some(linked);
        if self.options().write && !later {
            self.write_pending(&setup.output_dir, report)?;
            clock.lap(report, StageName::Write);
        }
        Ok(true)
    }

    /// Renders what `pass` asks for and puts it, with the search index's changes, into the last
    /// output. False when rendering reported errors (the last output is then unchanged).
    pub(super) fn render_pages(
        &mut self,
        linked: &mut Linked,
        pass: PagesPass<'_>,
        report: &mut BuildReport,
        diags: &Diagnostics,
    ) -> bool {
        let PagesPass {
            pages,
            moved,
            rest,
            index,
        } = pass;
        let theme = self
            .cache
            .theme
            .as_ref()
            .and_then(|t| t.value.as_ref())
            .expect("a linked site comes with its theme");
        let last = self.last.as_mut().expect("an edit follows a good build");
        let job = render::Job {
            previous: &last.sigs,
            scope: Scope::Pages {
                pages,
                old_keys: &linked.ref_keys,
                moved,
                own_only: !rest,
            },
            sink: None,
            keep: true,
        };
        let rendered = render::render_site(&linked.site, theme, job, diags);
        report.work.rendered += rendered.rendered;
        if diags.has_errors() {
            return false;
        }
        last.take_in(rendered.files, index);
        report.files = last.files.len();
        linked.ref_keys = rendered.ref_keys;
        true
    }

    /// Re-reads the changed files. Each must be a page of the last linked site that linking
    /// reported nothing on; `None` when one is not (or when the session has no linked site and
    /// theme to start from).
    fn body_swaps(
        &mut self,
        changes: &Changes,
        setup: &Setup,
        report: &mut BuildReport,
    ) -> Option<Vec<(usize, Arc<Page>)>> {
        let linked = self.linked.as_ref()?;
        let found = self.cache.found.as_ref()?;
        self.cache.theme.as_ref()?.value.as_ref()?;
        self.cache.statics.as_ref()?;
        // The pages edited, and those including an edited file (read again whatever their own
        // bytes: `force`).
        let mut edited: Vec<(&crate::discover::SourceFile, bool)> = Vec::new();
        for path in &changes.content {
            // Pages including the file, found through the parse cache (few pages include
            // anything; looking each source file up in the cache costs ~2 ms at 10,000 pages).
            let mut includers: Vec<_> = Vec::new();
            for (rel, cached) in &self.cache.parsed {
                let includes = cached
                    .page
                    .as_ref()
                    .is_ok_and(|p| p.includes.contains(path));
                if includes && let Some(f) = found.value.pages.iter().find(|f| f.rel == *rel) {
                    includers.push((f, true));
                }
            }
            match found.value.pages.iter().find(|f| f.abs == *path) {
                Some(file) => edited.push((file, false)),
                None if includers.is_empty() => return None,
                None => {}
            }
            edited.extend(includers);
        }
        // Each page once, read again if any reason says so.
        edited.sort_by(|a, b| (&a.0.rel, !a.1).cmp(&(&b.0.rel, !b.1)));
        edited.dedup_by(|a, b| a.0.rel == b.0.rel);
        let mut swaps = Vec::new();
        for (file, force) in edited {
            let old = self.cache.parsed.get(&file.rel).cloned();
            let previous = if force { None } else { old.clone() };
            let new = read_page(file, &setup.config, previous, &mut report.work.parsed);
            self.cache.parsed.insert(file.rel.clone(), new.clone());
            let (Some(Ok(old)), Ok(new)) = (old.map(|c| c.page), new.page) else {
                return None;
            };
            if Arc::ptr_eq(&old, &new) {
                continue;
            }
            // A page that linking reported on is linked anew: the report may change.
            if linked.diags.iter().any(|d| d.path == old.shown) {
                return None;
            }
            swaps.push((linked.site.index_of(&new.rel)?, new));
        }
        Some(swaps)
    }

    /// What the cached stages reported, as a full run would report it again.
    fn replay_diagnostics(
        &self,
        site: &Site,
        link: &[crate::diagnostics::Diagnostic],
        diags: &Diagnostics,
    ) {
        let cache = &self.cache;
        for stage in [
            cache.found.as_ref().map(|s| &s.diags),
            cache.theme.as_ref().map(|s| &s.diags),
            cache.statics.as_ref().map(|s| &s.diags),
        ]
        .into_iter()
        .flatten()
        {
            diags.extend(stage.iter().cloned());
        }
        for page in &site.pages {
            diags.extend(page.parsed.diagnostics.iter().cloned());
        }
        diags.extend(link.iter().cloned());
    }
}

/// A render of what shows some pages of the linked site ([`Scope::Pages`]).
pub(super) struct PagesPass<'p> {
    pub(super) pages: &'p [usize],
    pub(super) moved: &'p Moved,
    /// Everything that shows them; false: only their own files (a first part, `serve`).
    pub(super) rest: bool,
    /// The search index's changes that go with it.
    pub(super) index: IndexChange,
}

/// Swaps the re-parsed pages into the linked site ([`Site::replace_body`] or
/// [`Site::replace_entry`]) and says which entries of lists that moved; `None` when a page's edit
/// changed the site's shape (then some pages may have been swapped already) or the number of
/// pages of a tag's listing.
fn swap_in(site: &mut Site, swaps: &[(usize, Arc<Page>)]) -> Option<Moved> {
    let pagination = |site: &Site| -> Vec<usize> {
        site.tags
            .iter()
            .map(|t| render::tag_listing_pages(site, t))
            .collect()
    };
    let pages_before = pagination(site);
    let mut moved = Moved::default();
    for (i, page) in swaps {
        let i = *i;
        if site.pages[i].same_outside(page) {
            site.replace_body(i, Arc::clone(page));
            continue;
        }
        let before = Places::of(site, i);
        site.replace_entry(i, Arc::clone(page)).ok()?;
        before.moved_to(&Places::of(site, i), site, &mut moved);
    }
    (pagination(site) == pages_before).then_some(moved)
}

/// Where a page is in the lists that hold it.
struct Places {
    page: usize,
    /// Position in its section's list.
    in_section: Option<usize>,
    prev: Option<usize>,
    next: Option<usize>,
    /// `(target, collection, position)` in each list of pages pointing at a page.
    in_backlinks: Vec<(usize, String, usize)>,
    /// `(tag, position)`.
    in_tags: Vec<(usize, usize)>,
}

impl Places {
    fn of(site: &Site, i: usize) -> Places {
        let at = |list: &[usize]| list.iter().position(|&p| p == i);
        Places {
            page: i,
            in_section: at(&site.sections[site.section_of[i]].pages),
            prev: site.prev[i],
            next: site.next[i],
            in_backlinks: site.relations[i]
                .iter()
                .flat_map(|r| {
                    site.backlinks[r.target]
                        .iter()
                        .filter_map(move |(c, list)| Some((r.target, c.clone(), at(list)?)))
                })
                .collect(),
            in_tags: site.page_tags[i]
                .iter()
                .filter_map(|&t| Some((t, at(&site.tags[t].pages)?)))
                .collect(),
        }
    }

    /// Adds to `moved` what changed between these places and `now`'s.
    fn moved_to(&self, now: &Places, site: &Site, moved: &mut Moved) {
        let span = |a: usize, b: usize| (a.min(b), a.max(b));
        if let (Some(a), Some(b)) = (self.in_section, now.in_section)
            && a != b
        {
            let (lo, hi) = span(a, b);
            moved
                .listings
                .push((site.sections[site.section_of[self.page]].page, lo, hi));
            // The reading order changed around both places.
            moved.pages.extend(
                [self.prev, self.next, now.prev, now.next]
                    .into_iter()
                    .flatten(),
            );
        }
        for ((target, c, a), (_, _, b)) in self.in_backlinks.iter().zip(&now.in_backlinks) {
            if a == b {
                continue;
            }
            let (lo, hi) = span(*a, *b);
            let lists = &site.backlinks[*target];
            // A target's listing is one of its lists: with several, all of it is rendered.
            if lists.len() == 1 {
                moved.listings.push((*target, lo, hi));
            } else {
                moved.listings.push((*target, 0, usize::MAX));
            }
            // Pages whose related lists reach into the span.
            let list = &lists[c];
            let reach = render::RELATED_REACH;
            moved
                .pages
                .extend(&list[lo.saturating_sub(reach)..(hi + reach + 1).min(list.len())]);
        }
        let mut tags: Vec<usize> = self
            .in_tags
            .iter()
            .chain(&now.in_tags)
            .map(|(t, _)| *t)
            .collect();
        tags.sort_unstable();
        tags.dedup();
        for t in tags {
            let find =
                |places: &[(usize, usize)]| places.iter().find(|(x, _)| *x == t).map(|(_, p)| *p);
            match (find(&self.in_tags), find(&now.in_tags)) {
                (Some(a), Some(b)) if a == b => {}
                (Some(a), Some(b)) => {
                    let (lo, hi) = span(a, b);
                    moved.tags.push((t, lo, hi));
                }
                // Joining or leaving a list moves every entry after it, and changes the count
                // that every page of the listing shows.
                (Some(_), None) | (None, Some(_)) => moved.tags.push((t, 0, usize::MAX)),
                (None, None) => {}
            }
        }
    }
}
