//! Puts the output together: every file a build makes (rendered pages, the search index,
//! `robots.txt`, content assets, static files), each with what produced it, so that two sources
//! of one path, or a file where another file needs a folder, are reported naming both. Knows
//! nothing of how pages are rendered or files written: it gets paths and bytes, passes each new
//! file to the background writer, and keeps the bytes only when the session needs them for its
//! next run.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::output::{self, Background, Files};
use crate::render::{Body, RenderedFile};
use crate::search;
use crate::site::Site;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// Everything that goes into the output.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub rendered: Vec<RenderedFile>,
    pub index: &'a search::Index,
    /// Theme and project static files, output path -> bytes.
    pub static_files: &'a BTreeMap<&'a String, &'a Vec<u8>>,
    /// The last good output, which holds the bytes of files rendered as unchanged (under
    /// `prefix`).
    pub last: Option<&'a Files>,
    /// Where the site starts in the output: `""`, or a language's folder (`es/`), whose files
    /// are all under it (and `robots.txt` only at the root).
    pub prefix: &'a str,
}

/// Where assembled files go.
pub struct Sinks<'w> {
    /// Keep every file's bytes (for the session's next run).
    pub keep: bool,
    /// The writer filling the new output folder, if the build writes one.
    pub writer: Option<&'w Background>,
}

/// The assembled output.
pub struct Assembled {
    /// The files' bytes, when kept.
    pub files: Files,
    /// Files in the output.
    pub count: usize,
    /// Render signature of each rendered file, for the next run.
    pub sigs: HashMap<String, u64>,
    pub search: search::Stats,
    /// Remarks for the build summary.
    pub notes: Vec<String>,
}

/// Adds every file of the build, reporting paths that collide or cannot coexist.
pub fn assemble(inputs: Inputs<'_>, sinks: Sinks<'_>, diags: &Diagnostics) -> Assembled {
    let Inputs {
        site,
        rendered,
        index,
        static_files,
        last,
        prefix,
    } = inputs;
    let mut out = Assembly::new(sinks.keep, sinks.writer, rendered.len());
    out.prefix = prefix.to_string();
    let mut sigs = HashMap::with_capacity(rendered.len());
    for file in rendered {
        let from = match file.page {
            Some(p) => Origin::Page(site.pages[p].shown.clone()),
            None => Origin::Generated(file.path.clone()),
        };
        let bytes = match file.body {
            Body::New(b) if sinks.writer.is_some() => Bytes::Sent(b),
            Body::New(b) => Bytes::New(b),
            Body::Sent => Bytes::Gone,
            Body::Unchanged => Bytes::New(Arc::clone(
                last.and_then(|f| match prefix {
                    "" => f.get(&file.path),
                    _ => f.get(&format!("{prefix}{}", file.path)),
                })
                .expect("an unchanged signature comes from the last output"),
            )),
        };
        if out.add(file.path.clone(), bytes, from, diags) {
            sigs.insert(file.path, file.sig);
        }
    }
    let mut search = search::Stats::default();
    for (path, bytes) in index
        .files()
        .into_iter()
        .filter(|_| site.config.has_search())
    {
        search.files += 1;
        search.bytes += bytes.len();
        let from = Origin::Generated(path.clone());
        out.add(path, Bytes::New(Arc::new(bytes)), from, diags);
    }
    let mut notes = Vec::new();
    if let Some(book) = site.config.mdbook.as_ref().filter(|b| b.mdbook_toml) {
        notes.push(format!(
            "read as an mdBook book: {} chapters from `{}`; nothing in the book was changed",
            book.chapters.len(),
            crate::urls::shown(&site.config.build.content.join("SUMMARY.md"))
        ));
    }
    let base_url = &site.config.book.base_url;
    if base_url.is_empty() {
        let key = if site.config.mdbook.as_ref().is_some_and(|b| b.mdbook_toml) {
            "`[output.html] site-url` (an absolute URL)"
        } else {
            "`[book] base_url`"
        };
        notes.push(format!(
            "no base_url: feeds, sitemap.xml, robots.txt, canonical and hreflang links were left out \
             (set {key} or pass `--base-url`)"
        ));
    } else if prefix.is_empty() {
        // Every language's sitemap (each language is a site of its own).
        let bases: Vec<&str> = match &site.lang {
            Some(l) => l
                .languages
                .sites
                .iter()
                .map(|s| s.base_url.as_str())
                .collect(),
            None => vec![base_url.as_str()],
        };
        let sitemaps: String = bases
            .iter()
            .map(|b| format!("Sitemap: {b}/sitemap.xml\n"))
            .collect();
        let robots = format!("User-agent: *\nAllow: /\n\n{sitemaps}");
        let from = Origin::Generated("robots.txt".into());
        let bytes = Bytes::New(Arc::new(robots.into_bytes()));
        out.add("robots.txt".into(), bytes, from, diags);
    }
    if let Some(book) = &site.config.mdbook {
        for (path, html) in book_redirects(site, book) {
            let from = Origin::Generated(path.clone());
            out.add(path, Bytes::New(Arc::new(html.into_bytes())), from, diags);
        }
        for (rel, abs) in &book.extra_files {
            match crate::fsx::read_input(abs, rel) {
                Ok(bytes) => {
                    let from = Origin::Generated(rel.clone());
                    out.add(rel.clone(), Bytes::New(Arc::new(bytes)), from, diags);
                }
                Err(d) => diags.push(d),
            }
        }
    }
    // A language's site links to the content files at the output's root (`files_up`).
    for asset in site.assets.iter().filter(|_| prefix.is_empty()) {
        match crate::fsx::read_input(&asset.abs, &asset.shown) {
            Ok(bytes) => {
                let from = Origin::Asset(asset.shown.clone());
                out.add(asset.rel.clone(), Bytes::New(Arc::new(bytes)), from, diags);
            }
            Err(d) => diags.push(d),
        }
    }
    for (path, bytes) in static_files {
        let from = Origin::Static((*path).clone());
        let bytes = Bytes::New(Arc::new((*bytes).clone()));
        out.add((*path).clone(), bytes, from, diags);
    }
    out.check_folders(diags);
    Assembled {
        count: out.len(),
        files: out.into_files(),
        sigs,
        search,
        notes,
    }
}

/// What produced an output file, for collision messages.
pub enum Origin {
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

/// A file's bytes as they reach the assembly.
pub enum Bytes {
    /// Not yet given to the writer.
    New(Arc<Vec<u8>>),
    /// Already given to the writer by the renderer, and kept.
    Sent(Arc<Vec<u8>>),
    /// Already given to the writer by the renderer, and not kept.
    Gone,
}

/// The output being put together, path by path.
pub struct Assembly<'w> {
    /// Lowercased path -> origin: paths that differ only in case collide on some systems.
    origin: HashMap<String, Origin>,
    /// Every accepted path, in the order added.
    paths: Vec<String>,
    files: Files,
    keep: bool,
    writer: Option<&'w Background>,
    /// Put before every path added (see [`Inputs::prefix`]).
    prefix: String,
}

impl<'w> Assembly<'w> {
    /// `keep`: hold on to every file's bytes (for [`Assembly::into_files`]).
    pub fn new(keep: bool, writer: Option<&'w Background>, capacity: usize) -> Self {
        Assembly {
            origin: HashMap::with_capacity(capacity),
            paths: Vec::with_capacity(capacity),
            files: Files::new(),
            keep,
            writer,
            prefix: String::new(),
        }
    }

    /// Adds a file unless its path is taken or unsafe (reported); returns whether it was added.
    pub fn add(&mut self, path: String, bytes: Bytes, from: Origin, diags: &Diagnostics) -> bool {
        let path = if self.prefix.is_empty() {
            path
        } else {
            format!("{}{path}", self.prefix)
        };
        let key = path.to_lowercase();
        if let Some(first) = self.origin.get(&key) {
            // Two pages on one URL were already reported by the link stage.
            if !matches!((first, &from), (Origin::Page(_), Origin::Page(_))) {
                diags.push(
                    Diagnostic::error(
                        Code::OutputCollision,
                        from.to_string(),
                        format!("output file `{path}` is also produced by {first}"),
                    )
                    .hint("rename one of them"),
                );
            }
            return false;
        }
        if !output::is_safe_relative(&path) {
            diags.push(Diagnostic::error(
                Code::OutputOutside,
                from.to_string(),
                format!("output path `{path}` would leave the output folder"),
            ));
            return false;
        }
        self.origin.insert(key, from);
        let kept = match bytes {
            Bytes::New(b) => {
                if let Some(w) = self.writer {
                    w.send(path.clone(), Arc::clone(&b));
                }
                Some(b)
            }
            Bytes::Sent(b) => Some(b),
            Bytes::Gone => None,
        };
        if let (true, Some(b)) = (self.keep, kept) {
            self.files.insert(path.clone(), b);
        }
        self.paths.push(path);
        true
    }

    /// Reports every file that stands where another file needs a folder (`a` and
    /// `a/index.html`): no file system can hold both.
    pub fn check_folders(&mut self, diags: &Diagnostics) {
        self.paths.sort_unstable();
        let mut blocked = HashSet::new();
        for path in &self.paths {
            for (at, _) in path.match_indices('/') {
                let dir = &path[..at];
                // Almost every folder is no file's path: the file's own entry is looked up only
                // when one is in the way.
                let Some(blocker) = self.origin.get(&dir.to_lowercase()) else {
                    continue;
                };
                if !blocked.insert(dir) {
                    continue;
                }
                let needer = self
                    .origin
                    .get(&path.to_lowercase())
                    .expect("every accepted path has an origin");
                diags.push(
                    Diagnostic::error(
                        Code::OutputCollision,
                        blocker.to_string(),
                        format!(
                            "output file `{dir}` is in the way of the folder `{dir}/` that \
                             {needer} needs for `{path}`"
                        ),
                    )
                    .hint("rename one of them"),
                );
            }
        }
    }

    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The kept files (empty unless the assembly was made with `keep`).
    pub fn into_files(self) -> Files {
        self.files
    }
}

/// An mdBook book's old addresses as redirect pages: each chapter's `chapter.html` (mdBook's
/// URL for it) to its page, and the `[output.html] redirect` entries.
fn book_redirects(site: &Site, book: &crate::mdbook::Book) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        let Some(stem) = page.rel.strip_suffix(".md") else {
            continue;
        };
        // A README is already its folder's `index.html`; with mdBook's URLs, every chapter is
        // where it was.
        if page.is_section || book.html_urls || !book.chapters.contains_key(&page.rel) {
            continue;
        }
        let old = format!("{stem}.html");
        let to = crate::urls::relative_url(&old, &site.links[i]);
        out.push((old, redirect_page(&to)));
    }
    for (from, to) in &book.redirects {
        let old = from.trim_start_matches('/').to_string();
        if old.is_empty() || old.ends_with('/') {
            continue;
        }
        out.push((old, redirect_page(to)));
    }
    out
}

/// A page that sends the browser to `to` at once (and says where, for anything that does not
/// follow `refresh`).
fn redirect_page(to: &str) -> String {
    let mut url = String::new();
    crate::html::escape_attr(&mut url, to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n<link rel=\"canonical\" href=\"{url}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{url}\">{url}</a>.</p>\n</body>\n</html>\n"
    )
}
