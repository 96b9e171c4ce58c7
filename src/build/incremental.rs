//! The common edit in `watch` and `serve`: only the text of known pages changed, and nothing that
//! other pages see or link to (front matter, link targets, anchors) is different. Then linking
//! would give the same site but for those pages' bodies: the re-parsed pages replace the old ones
//! in the last linked site ([`Site::replace_body`]), the search index updates their shards, and
//! only they are rendered, unless a summary that listings show changed ([`Scope::Pages`] then
//! widens itself). Anything else falls back to the full chain in `session.rs`.

use super::session::{Clock, Session, Setup};
use super::sources::read_page;
use super::{BuildReport, Changes, StageName};
use crate::diagnostics::Diagnostics;
use crate::output;
use crate::page::Page;
use crate::render::{self, Body, Scope};
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
            return Ok(false);
        };
        clock.lap(report, StageName::Parse);

        let mut linked = self.linked.take().expect("body_swaps checked it");
        let mut index_files = Vec::new();
        let mut index_removed = Vec::new();
        for (i, page) in &swaps {
            let old = linked.site.replace_body(*i, Arc::clone(page));
            let change = linked.index.update(&linked.site, *i, &old);
            index_files.extend(change.files);
            index_removed.extend(change.removed);
        }
        self.replay_diagnostics(&linked.site, &linked.diags, diags);
        report.pages = linked.site.pages.len();
        let theme = self
            .cache
            .theme
            .as_ref()
            .and_then(|t| t.value.as_ref())
            .expect("body_swaps checked it");

        let write = self.options().write;
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
        let rendered = render::render_site(&linked.site, theme, job, diags);
        report.work.rendered = rendered.rendered;
        clock.lap(report, StageName::Render);
        if diags.has_errors() {
            return Ok(true);
        }
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
        if write {
            let written = if self.on_disk {
                output::write_changes(&setup.output_dir, &last.files, &files)?
            } else {
                output::write_site(&setup.output_dir, &files)?
            };
            report.written = Some(written);
            self.on_disk = true;
        }
        clock.lap(report, StageName::Write);
        last.files = Arc::new(files);
        linked.ref_keys = rendered.ref_keys;
        self.linked = Some(linked);
        Ok(true)
    }

    /// Re-reads the changed files. Each must be a page of the last linked site whose new version
    /// differs from the old one only in its body; `None` when one is not (or when the session has
    /// no linked site and theme to start from).
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
        let mut swaps = Vec::new();
        for path in &changes.content {
            let file = found.value.pages.iter().find(|f| f.abs == *path)?;
            let old = self.cache.parsed.get(&file.rel).cloned();
            let new = read_page(file, &setup.config, old.clone(), &mut report.work.parsed);
            self.cache.parsed.insert(file.rel.clone(), new.clone());
            let (Some(Ok(old)), Ok(new)) = (old.map(|c| c.page), new.page) else {
                return None;
            };
            if Arc::ptr_eq(&old, &new) {
                continue;
            }
            let same_outside =
                old.same_outside(&new) && !linked.diags.iter().any(|d| d.path == old.shown);
            match linked.site.index_of(&new.rel) {
                Some(i) if same_outside => swaps.push((i, new)),
                _ => return None,
            }
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
