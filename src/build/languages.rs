//! A run of a handbook in several languages: each language is linked, rendered, indexed and
//! assembled as a site of its own (the default language at the output's root, every other
//! under `<code>/`), each knowing the others' URLs for its switcher and `hreflang` links.
//!
//! A run after an edit renders only the files whose render signature changed (the last
//! output's signatures are kept under their output paths, `es/…` for Spanish). When the edit
//! changed only pages' bodies (nothing linking reads, in every language), each language's last
//! linked site is taken with the new bodies swapped in and its search index updated for them;
//! any other edit links and indexes every language again. The one-language short-cut that
//! renders only the edited pages' files (`incremental.rs`) is not taken.

use super::session::{Clock, Session, Setup, SiteOutput, Stage};
use super::{BuildReport, StageName};
use crate::assemble::{self, Assembled};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::discover::SourceFile;
use crate::i18n::{self, LangSite, Languages, SiteLang};
use crate::output;
use crate::page::Page;
use crate::render::{self, Scope};
use crate::search;
use crate::site::{self, LinkInput, Site};
use crate::tomlcheck::key_offset;
use anyhow::Result;
use std::collections::HashSet;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// What linking takes from the stages before it.
pub(super) struct Input {
    pub(super) pages: Vec<Arc<Page>>,
    pub(super) assets: Vec<SourceFile>,
    pub(super) drafts: HashSet<String>,
    pub(super) broken: HashSet<String>,
    pub(super) static_names: HashSet<String>,
    pub(super) history: HashMap<String, String>,
}

impl Session {
    /// Links, renders and writes every language's site.
    pub(super) fn languages_run(
        &mut self,
        input: Input,
        setup: &Setup,
        report: &mut BuildReport,
        diags: &Diagnostics,
    ) -> Result<()> {
        let mut clock = Clock::start();
        self.linked = None;
        let config = &setup.config;
        let Input {
            pages,
            assets,
            drafts,
            broken,
            static_names,
            history,
        } = input;
        diags.extend(stale_translations(&pages));
        // The last run's linked sites, when only pages' bodies changed in every language: each
        // is what linking would give with the new bodies swapped in.
        let partitioned = partition(config, pages);
        let reused: Option<Vec<LinkedLanguage>> = self
            .cache
            .languages
            .take()
            .filter(|p| {
                p.sites.len() == partitioned.len()
                    && (&p.assets, &p.drafts, &p.broken, &p.static_names, &p.history)
                        == (&assets, &drafts, &broken, &static_names, &history)
            })
            .and_then(|p| {
                let changed: Option<Vec<Vec<usize>>> = p
                    .sites
                    .iter()
                    .zip(&partitioned)
                    .map(|(l, (_, pages))| l.bodies_changed(pages))
                    .collect();
                Some(
                    p.sites
                        .into_iter()
                        .zip(&partitioned)
                        .zip(changed?)
                        .map(|((l, (_, pages)), changed)| l.reuse(pages.clone(), &changed))
                        .collect(),
                )
            });
        let mut sites: Vec<Site> = Vec::new();
        let mut indexes: Vec<Option<search::Index>> = Vec::new();
        let mut link_diags: Vec<Vec<Diagnostic>> = Vec::new();
        let mut inputs: Vec<Vec<Arc<Page>>> = Vec::new();
        if let Some(reused) = reused {
            for l in reused {
                diags.extend(l.diags.iter().cloned());
                link_diags.push(l.diags);
                sites.push(l.site);
                inputs.push(l.pages);
                indexes.push(Some(l.index));
            }
        }
        let relink = sites.is_empty();
        report.work.linked |= relink;
        for (lang, pages) in partitioned.into_iter().filter(|_| relink) {
            let config = config_for(config, lang);
            // A fallback page is the default language's: its problems are reported once, by
            // the default language's site.
            let fallbacks: HashSet<&str> = match lang {
                Some(_) => pages
                    .iter()
                    .filter(|p| p.lang.is_none())
                    .map(|p| p.shown.as_str())
                    .collect(),
                None => HashSet::new(),
            };
            let own = |d: &Diagnostic| !fallbacks.contains(d.path.as_str());
            let input = LinkInput {
                config: &config,
                pages: pages.clone(),
                assets: assets.clone(),
                drafts: drafts.clone(),
                broken: broken.clone(),
                static_files: static_names.clone(),
                content_shown: setup.content_shown.clone(),
                history: history.clone(),
                style: self.opts.style(),
                // Content and static files are written once, at the root, one folder up.
                files_up: lang.map_or_else(String::new, |_| "../".into()),
                elsewhere: match (lang, sites.first()) {
                    (Some(l), Some(default)) if l.fallback == i18n::Fallback::Omit => {
                        elsewhere(default, &pages, &format!("{}/", l.code))
                    }
                    _ => HashMap::new(),
                },
            };
            inputs.push(pages.clone());
            let stage = Stage::run(|d| site::link(input, d));
            let own_diags: Vec<Diagnostic> = stage.diags.into_iter().filter(own).collect();
            diags.extend(own_diags.iter().cloned());
            link_diags.push(own_diags);
            sites.push(stage.value);
            indexes.push(None);
        }
        let languages = Arc::new(languages_of(&sites));
        for (index, site) in sites.iter_mut().enumerate() {
            site.lang = Some(SiteLang {
                index,
                languages: Arc::clone(&languages),
            });
        }
        report.pages = sites.iter().map(|s| s.pages.len()).sum();
        clock.lap(report, StageName::Link);

        let writer = match self.opts.write && !diags.has_errors() && self.disk.is_none() {
            true => Some(output::Background::start(&setup.output_dir)?),
            false => None,
        };
        let Some(theme) = self.cache.theme.as_ref().and_then(|t| t.value.as_ref()) else {
            return Ok(());
        };
        let mut static_files: BTreeMap<&String, &Vec<u8>> = theme.static_files.iter().collect();
        if let Some(project) = &self.cache.statics {
            static_files.extend(&project.value);
        }
        let no_statics = BTreeMap::new();
        let keep = !self.one_shot;
        let mut previous = previous_sigs(self.last.as_ref(), &languages);
        let mut sigs = HashMap::new();
        let mut files = output::Files::new();
        let mut notes: Vec<String> = Vec::new();
        let mut built_indexes = Vec::with_capacity(sites.len());
        for (((site, lang), previous), index) in sites
            .iter()
            .zip(&languages.sites)
            .zip(&mut previous)
            .zip(indexes)
        {
            let prefix = lang.prefix.as_str();
            let sink = |path: &str, bytes: &Arc<Vec<u8>>| {
                if let Some(w) = &writer {
                    w.send(format!("{prefix}{path}"), Arc::clone(bytes));
                }
            };
            let job = render::Job {
                previous: &*previous,
                scope: Scope::All,
                sink: Some(&sink),
                keep,
            };
            let rendered = render::render_site(site, theme, job, diags);
            report.work.rendered += rendered.rendered;
            clock.lap(report, StageName::Render);
            let index = index.unwrap_or_else(|| search::Index::build(site));
            clock.lap(report, StageName::SearchIndex);
            let Assembled {
                files: own,
                count,
                search,
                notes: own_notes,
                sigs: own_sigs,
            } = assemble::assemble(
                assemble::Inputs {
                    site,
                    rendered: rendered.files,
                    index: &index,
                    static_files: if prefix.is_empty() {
                        &static_files
                    } else {
                        &no_statics
                    },
                    last: self.last.as_ref().map(|l| &*l.files),
                    prefix,
                },
                assemble::Sinks {
                    keep,
                    writer: writer.as_ref(),
                },
                diags,
            );
            report.files += count;
            report.search.files += search.files;
            report.search.bytes += search.bytes;
            for n in own_notes {
                if !notes.contains(&n) {
                    notes.push(n);
                }
            }
            files.extend(own);
            sigs.extend(
                own_sigs
                    .into_iter()
                    .map(|(p, s)| (format!("{prefix}{p}"), s)),
            );
            built_indexes.push(index);
            clock.lap(report, StageName::Assemble);
        }
        report.notes = notes;
        if diags.has_errors() {
            return Ok(());
        }
        self.last = keep.then(|| SiteOutput {
            files: Arc::new(files),
            sigs,
        });
        if keep {
            self.cache.languages = Some(LinkedLanguages {
                sites: sites
                    .into_iter()
                    .zip(inputs)
                    .zip(built_indexes)
                    .zip(link_diags)
                    .map(|(((site, pages), index), diags)| LinkedLanguage {
                        site,
                        pages,
                        index,
                        diags,
                    })
                    .collect(),
                assets,
                drafts,
                broken,
                static_names,
                history,
            });
        }
        if let Some(writer) = writer {
            report.written = Some(writer.finish()?.commit()?);
            self.disk = self.last.as_ref().map(|l| Arc::clone(&l.files));
        } else if self.opts.write && self.disk.is_some() && !self.defer_writes {
            self.write_pending(&setup.output_dir, report)?;
        }
        clock.lap(report, StageName::Write);
        Ok(())
    }
}

/// The linked sites of a run of a handbook in several languages, kept for the next run with
/// the link stage's input that is the same for every language.
pub(super) struct LinkedLanguages {
    sites: Vec<LinkedLanguage>,
    assets: Vec<crate::discover::SourceFile>,
    drafts: HashSet<String>,
    broken: HashSet<String>,
    static_names: HashSet<String>,
    history: HashMap<String, String>,
}

/// One language's linked site, the pages it was linked from (the site also has the section
/// pages linking made for folders without one), its search index and what linking reported
/// (its own pages').
struct LinkedLanguage {
    site: Site,
    pages: Vec<Arc<Page>>,
    index: search::Index,
    diags: Vec<Diagnostic>,
}

impl LinkedLanguage {
    /// The pages of this site that `pages` changes, when they are its pages but for edits that
    /// change nothing linking reads ([`Page::same_outside`]); `None` otherwise.
    fn bodies_changed(&self, pages: &[Arc<Page>]) -> Option<Vec<usize>> {
        if self.pages.len() != pages.len() {
            return None;
        }
        let mut changed = Vec::new();
        for (a, b) in self.pages.iter().zip(pages) {
            if Arc::ptr_eq(a, b) {
                continue;
            }
            if a.rel != b.rel || a.lang != b.lang || !a.same_outside(b) {
                return None;
            }
            changed.push(self.site.index_of(&b.rel)?);
        }
        Some(changed)
    }

    /// This site linked from `pages`, whose `changed` pages (by their place in the site) are
    /// new bodies: what linking `pages` would give. Its search index is updated for them.
    fn reuse(self, pages: Vec<Arc<Page>>, changed: &[usize]) -> LinkedLanguage {
        let LinkedLanguage {
            mut site,
            mut index,
            diags,
            ..
        } = self;
        for &i in changed {
            let before = search::terms_of(&site, i);
            let new = pages
                .binary_search_by(|p| p.rel.as_str().cmp(&site.pages[i].rel))
                .map(|k| Arc::clone(&pages[k]))
                .expect("a changed page is one of the pages");
            site.replace_body(i, new);
            index.update(&site, i, &before);
        }
        LinkedLanguage {
            site,
            pages,
            index,
            diags,
        }
    }
}

/// The last output's render signatures, split by language (in the order of `languages`) and
/// keyed by the paths each language's site renders: an output path under a language's prefix
/// (`es/…`) is that language's, every other the default language's.
fn previous_sigs(last: Option<&SiteOutput>, languages: &Languages) -> Vec<HashMap<String, u64>> {
    let mut out = vec![HashMap::new(); languages.sites.len()];
    for (path, sig) in last.map(|l| &l.sigs).into_iter().flatten() {
        let (i, rest) = languages
            .sites
            .iter()
            .enumerate()
            .find_map(|(i, l)| {
                let rest = path.strip_prefix(&l.prefix)?;
                (!l.prefix.is_empty()).then_some((i, rest))
            })
            .unwrap_or((0, path.as_str()));
        out[i].insert(rest.to_string(), *sig);
    }
    out
}

/// The pages of each language's site, the default language's first: its own pages, and (with
/// `fallback = "notice"`) the default language's pages it has no translation of.
fn partition(
    config: &Config,
    pages: Vec<Arc<Page>>,
) -> Vec<(Option<&i18n::Language>, Vec<Arc<Page>>)> {
    let (default, translated): (Vec<_>, Vec<_>) = pages.into_iter().partition(|p| p.lang.is_none());
    let mut out = Vec::with_capacity(config.languages.len() + 1);
    for lang in &config.languages {
        let mut own: Vec<Arc<Page>> = translated
            .iter()
            .filter(|p| p.lang.as_deref() == Some(lang.code.as_str()))
            .cloned()
            .collect();
        if lang.fallback == i18n::Fallback::Notice {
            let have: HashSet<&str> = own.iter().map(|p| p.rel.as_str()).collect();
            let missing: Vec<Arc<Page>> = default
                .iter()
                .filter(|p| !have.contains(p.rel.as_str()))
                .cloned()
                .collect();
            own.extend(missing);
        }
        out.push((Some(lang), own));
    }
    out.insert(0, (None, default));
    // Items of a collection shown in every language: each language's site also has the items
    // written only in another one.
    let everywhere: Vec<&Arc<Page>> = translated
        .iter()
        .filter(|p| {
            !p.is_section
                && config
                    .collection_of(&p.dir)
                    .is_some_and(|c| c.every_language)
        })
        .collect();
    let all_languages: Vec<Vec<String>> = out
        .iter()
        .map(|(_, pages)| pages.iter().map(|p| p.rel.clone()).collect())
        .collect();
    for ((lang, pages), had) in out.iter_mut().zip(all_languages) {
        let code = lang.map(|l| l.code.as_str());
        let had: HashSet<String> = had.into_iter().collect();
        let mut added: HashSet<&str> = HashSet::new();
        for p in &everywhere {
            if p.lang.as_deref() != code && !had.contains(&p.rel) && added.insert(p.rel.as_str()) {
                pages.push(Arc::clone(p));
            }
        }
    }
    for (_, pages) in &mut out {
        pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    }
    out
}

/// The configuration of one language's site: the book in that language, under its URL.
fn config_for(config: &Config, lang: Option<&i18n::Language>) -> Config {
    let mut c = config.clone();
    if let Some(l) = lang {
        c.book.language = l.code.clone();
        c.book.title = l.title.clone();
        c.book.description = l.description.clone();
        if !c.book.base_url.is_empty() {
            c.book.base_url = format!("{}/{}", c.book.base_url, l.code);
        }
        for col in &mut c.collections {
            if let Some(words) = l.collections.get(&col.name) {
                col.item = words.item.clone().unwrap_or(col.item.clone());
                col.labels.extend(words.labels.clone());
                col.name = words.name.clone().unwrap_or(col.name.clone());
            }
        }
    }
    c
}

/// The default language's pages a language leaves out (`fallback = "omit"`), by content path,
/// as paths from that language's root (under `prefix`): its links to them lead there.
fn elsewhere(default: &Site, own: &[Arc<Page>], prefix: &str) -> HashMap<String, String> {
    let up = "../".repeat(prefix.matches('/').count());
    let have: std::collections::HashSet<&str> = own.iter().map(|p| p.rel.as_str()).collect();
    default
        .pages
        .iter()
        .zip(&default.links)
        .filter(|(p, _)| !have.contains(p.rel.as_str()))
        .map(|(p, link)| (p.rel.clone(), format!("{up}{link}")))
        .collect()
}

/// A warning at each translation whose `translated_from` is not its original's version.
fn stale_translations(pages: &[Arc<Page>]) -> Vec<Diagnostic> {
    let originals: HashMap<&str, &Page> = pages
        .iter()
        .filter(|p| p.lang.is_none())
        .map(|p| (p.rel.as_str(), &**p))
        .collect();
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| p.lang.is_some()) {
        let (Some(recorded), Some(original)) =
            (&page.fm.translated_from, originals.get(page.rel.as_str()))
        else {
            continue;
        };
        let now = original.version();
        if *recorded == now {
            continue;
        }
        out.push(
            Diagnostic::warning(
                Code::StaleTranslation,
                &page.shown,
                format!(
                    "out of date: `{}` has changed since this translation was made from it",
                    original.shown
                ),
            )
            .at(&page.text, key_offset(&page.text, "translated_from"))
            .hint(format!(
                "bring the translation up to date with the original, then set `translated_from = \"{now}\"`"
            )),
        );
    }
    out
}

/// Each language's place in the output and its own pages' URLs.
fn languages_of(sites: &[Site]) -> Languages {
    let default = &sites[0].config.book.language;
    Languages {
        sites: sites
            .iter()
            .map(|site| {
                let code = site.config.book.language.clone();
                let own_lang = |lang: &Option<String>| match lang {
                    Some(l) => *l == code,
                    None => code == *default,
                };
                LangSite {
                    name: i18n::name_of(&code).to_string(),
                    prefix: if code == *default {
                        String::new()
                    } else {
                        format!("{code}/")
                    },
                    base_url: site.config.book.base_url.clone(),
                    urls: site
                        .pages
                        .iter()
                        .zip(&site.urls)
                        .filter(|(p, _)| own_lang(&p.lang))
                        .map(|(p, u)| (p.rel.clone(), u.clone()))
                        .collect(),
                    code,
                }
            })
            .collect(),
    }
}
