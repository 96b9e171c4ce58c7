//! `serve`'s two-part rebuilds. With writes deferred ([`Session::defer_writes`]), a run after an
//! edit of the content renders only the changed pages' own files into the last output, for
//! readers waiting on them; [`Session::write_pending`] then renders the rest (the files showing
//! their summaries, or the whole newly linked site) and writes the output folder. Every run
//! starts by finishing the last one's second part, so the session's output is always whole
//! before anything is built on it.

use super::BuildReport;
use super::Changes;
use super::incremental::PagesPass;
use super::session::{Relinked, Session};
use crate::diagnostics::Diagnostics;
use crate::output;
use crate::render::{self, Scope};
use crate::search;
use crate::site::Site;
use anyhow::Result;
use std::path::Path;
use std::sync::Arc;

/// The second part of an edit's rendering ([`Session::write_pending`]).
pub(super) enum Pending {
    /// The files showing the summaries of these pages of the linked site.
    Pages {
        pages: Vec<usize>,
        moved: render::Moved,
    },
    /// All of a newly linked site but the changed pages' own files.
    Site(Box<Relinked>),
}

impl Session {
    /// The first part of an edit's rebuild with writes deferred: the own files of the pages
    /// whose sources changed, rendered from the new linked site into the last output. False
    /// when there are none, or rendering reported errors.
    pub(super) fn render_changed_pages(
        &mut self,
        site: &Site,
        changes: &Changes,
        report: &mut BuildReport,
        diags: &Diagnostics,
    ) -> bool {
        let root = crate::output::absolute(&self.opts.root);
        let pages: Vec<usize> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| changes.content.iter().any(|c| *c == root.join(&p.shown)))
            .map(|(i, _)| i)
            .collect();
        let (Some(theme), Some(last)) = (
            self.cache.theme.as_ref().and_then(|t| t.value.as_ref()),
            self.last.as_mut(),
        ) else {
            return false;
        };
        if pages.is_empty() {
            return false;
        }
        let keys = vec![0; site.pages.len()];
        let job = render::Job {
            previous: &last.sigs,
            scope: Scope::Pages {
                pages: &pages,
                old_keys: &keys,
                moved: &render::Moved::default(),
                own_only: true,
            },
            sink: None,
            keep: true,
        };
        let rendered = render::render_site(site, theme, job, diags);
        if diags.has_errors() {
            return false;
        }
        report.work.rendered += rendered.rendered;
        last.take_in(rendered.files, search::IndexChange::default());
        true
    }

    /// Finishes what a run left for later with writes deferred: renders the files that show
    /// the edited pages' summaries (errors go into `report`), then makes the output folder hold
    /// the last good output, changing only the files that differ from what it holds.
    pub fn write_pending(&mut self, output_dir: &Path, report: &mut BuildReport) -> Result<()> {
        let diags = Diagnostics::new();
        self.render_pending(report, &diags);
        if diags.has_errors() {
            report.diagnostics.extend(diags.into_sorted());
            return Ok(());
        }
        let Some(last) = &self.last else {
            return Ok(());
        };
        if self
            .disk
            .as_ref()
            .is_some_and(|d| Arc::ptr_eq(d, &last.files))
        {
            return Ok(());
        }
        let written = match &self.disk {
            Some(disk) => output::write_changes(output_dir, disk, &last.files)?,
            None => output::write_site(output_dir, &last.files)?,
        };
        report.written = Some(written);
        self.disk = Some(Arc::clone(&last.files));
        Ok(())
    }

    /// The second part of an edit's rendering, if a run left one.
    pub(super) fn render_pending(&mut self, report: &mut BuildReport, diags: &Diagnostics) {
        match self.pending.take() {
            None => {}
            Some(Pending::Pages { pages, moved }) => {
                let Some(mut linked) = self.linked.take() else {
                    return;
                };
                let pass = PagesPass {
                    pages: &pages,
                    moved: &moved,
                    rest: true,
                    index: search::IndexChange::default(),
                };
                if self.render_pages(&mut linked, pass, report, diags) {
                    self.linked = Some(linked);
                }
            }
            Some(Pending::Site(linked)) => self.render_site(*linked, None, report, diags),
        }
    }

    /// Leaves writing to an output folder this session already wrote to the caller, who
    /// serves the new output first and then calls [`Session::write_pending`] (`serve`: readers
    /// see an edit before the disk has it).
    pub fn defer_writes(&mut self) {
        self.defer_writes = true;
    }

    pub(super) fn writes_deferred(&self) -> bool {
        self.defer_writes
    }
}
