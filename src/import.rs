//! `handbook init DIR --from-mdbook BOOK`: an mdBook book converted into a handbook, for teams
//! who want front matter, collections and the rest of `book.toml`, with the same site.
//!
//! Our content model has no outline of its own (a section's order is its pages' weights), so the
//! book's `SUMMARY.md` stays the outline: the new `book.toml` names it with `[mdbook]`, and files
//! it does not list become ordinary pages (a collection, say). What changes is everything else:
//! `book.toml` is ours, every chapter starts with front matter (its title, taken out of its
//! `# Heading`), and settings without a home here are reported. The book's files are copied
//! as they are otherwise (includes keep their relative paths, so listings stay single-sourced);
//! the book itself is only read.

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::fsx;
use crate::mdbook::{Book, leading, normalize};
use crate::scaffold::toml_string;
use anyhow::Result;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a conversion did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Chapters given front matter.
    pub converted: usize,
    /// Files copied as they are.
    pub copied: usize,
    /// Problems (errors stop the conversion before anything is written) and settings not
    /// carried over.
    pub diagnostics: Vec<Diagnostic>,
}

/// Converts the mdBook book in `book_dir` into a handbook in `dir`, which must not exist or be
/// empty. `title` overrides the book's.
pub fn from_mdbook(book_dir: &Path, dir: &Path, title: Option<&str>) -> Result<Imported> {
    let mut out = Imported::default();
    if let Some(d) = crate::scaffold::not_empty(dir) {
        out.diagnostics.push(d);
        return Ok(out);
    }
    let diags = Diagnostics::new();
    let config = Config::load(book_dir, &diags);
    out.diagnostics = diags.into_sorted();
    let Some((config, book)) =
        config.and_then(|c| c.mdbook.clone().filter(|b| b.mdbook_toml).map(|b| (c, b)))
    else {
        if !out.diagnostics.iter().any(Diagnostic::is_error) {
            out.diagnostics.push(
                Diagnostic::error(
                    Code::InvalidArgument,
                    book_dir.display().to_string(),
                    "not an mdBook book: its book.toml's `[book] src` folder has no SUMMARY.md",
                )
                .hint("point `--from-mdbook` at the folder that holds the book's book.toml"),
            );
        }
        return Ok(out);
    };
    if out.diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(out);
    }
    let chapters = chapter_files(&book);
    for rel in &chapters {
        if !book_dir.join(&book.src).join(rel).is_file() {
            out.diagnostics.push(Diagnostic::warning(
                Code::MissingChapter,
                crate::urls::shown(&book.src.join("SUMMARY.md")),
                format!(
                    "chapter file `{}` is missing: the handbook reports it as an error until it \
                     is created or its entry removed",
                    crate::urls::shown(&book.src.join(rel))
                ),
            ));
        }
    }
    let skip = Skip {
        build_dir: crate::output::absolute(&book_dir.join(&config.build.output)),
        target: crate::output::absolute(dir),
    };
    fsx::create_dir_all(dir)?;
    let book_abs = crate::mdbook::include::normalize(&crate::output::absolute(book_dir));
    for entry in walkdir::WalkDir::new(book_dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !skip.skips(e))
    {
        let entry = entry?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(book_dir)?;
        if rel == Path::new(CONFIG_FILE) {
            continue;
        }
        let to = dir.join(rel);
        if let Some(parent) = to.parent() {
            fsx::create_dir_all(parent)?;
        }
        let bytes = fsx::read(entry.path())?;
        let chapter = rel
            .strip_prefix(&book.src)
            .ok()
            .map(crate::urls::shown)
            .filter(|r| chapters.contains(r));
        let markdown = rel.extension().is_some_and(|e| e == "md");
        let text = markdown
            .then(|| String::from_utf8(bytes.clone()).ok())
            .flatten()
            .map(|t| {
                let moves = Moves {
                    book: &book_abs,
                    from: entry.path(),
                    to: &to,
                };
                moves.rewrite(&t, rel, &mut out.diagnostics)
            });
        match (chapter, text) {
            (Some(_), Some(text)) if !crate::frontmatter::starts_with_front_matter(&text) => {
                let rel = crate::urls::shown(rel.strip_prefix(&book.src)?);
                let summary_title = book
                    .chapters
                    .get(&crate::mdbook::site_rel(&rel))
                    .map_or("", |c| c.title.as_str());
                fsx::create_new(&to, with_front_matter(&text, summary_title).as_bytes())?;
                out.converted += 1;
            }
            (_, Some(text)) => {
                fsx::create_new(&to, text.as_bytes())?;
                out.copied += 1;
            }
            (_, None) => {
                fsx::create_new(&to, &bytes)?;
                out.copied += 1;
            }
        }
    }
    let title = title.unwrap_or(&config.book.title);
    fsx::create_new(
        &dir.join(CONFIG_FILE),
        book_toml(&config, &book, title).as_bytes(),
    )?;
    Ok(out)
}

/// A Markdown file's move from the book to the handbook.
struct Moves<'a> {
    book: &'a Path,
    from: &'a Path,
    to: &'a Path,
}

impl Moves<'_> {
    /// The text with its includes of files outside the book pointed at them from the file's new
    /// place (those inside the book are copied along, so their paths hold). Each rewrite is
    /// reported: the handbook now depends on where it was made.
    fn rewrite(&self, text: &str, rel: &Path, diags: &mut Vec<Diagnostic>) -> String {
        use crate::mdbook::include::{include_paths, normalize};
        let folder = |p: &Path| normalize(&crate::output::absolute(p.parent().unwrap_or(p)));
        let (old_dir, new_dir) = (folder(self.from), folder(self.to));
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for range in include_paths(text) {
            let target = normalize(&old_dir.join(&text[range.clone()]));
            if target.starts_with(self.book) {
                continue;
            }
            let path = relative(&new_dir, &target);
            diags.push(
                Diagnostic::warning(
                    Code::InvalidInclude,
                    crate::urls::shown(rel),
                    format!(
                        "`{}` is outside the book: the handbook's copy includes it as `{path}`",
                        &text[range.clone()]
                    ),
                )
                .at(text, range.start)
                .hint("the handbook depends on that file staying where it is; copy it into the handbook to make it self-contained"),
            );
            out.push_str(&text[copied..range.start]);
            out.push_str(&path);
            copied = range.end;
        }
        out.push_str(&text[copied..]);
        out
    }
}

/// `to` relative to the folder `from` (both absolute, normalized), `/`-separated.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let up = std::iter::repeat_n("..".to_string(), from.len() - common);
    let down = to[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    up.chain(down).collect::<Vec<_>>().join("/")
}

/// The files `SUMMARY.md` names, relative to the book's `src`.
fn chapter_files(book: &Book) -> HashSet<String> {
    book.summary
        .entries
        .iter()
        .filter_map(|e| e.path.as_deref())
        .map(normalize)
        .collect()
}

/// What the copy leaves out: the book's output, the new handbook (when made inside the book),
/// and version control's and other hidden folders.
struct Skip {
    build_dir: PathBuf,
    target: PathBuf,
}

impl Skip {
    fn skips(&self, e: &walkdir::DirEntry) -> bool {
        if !e.file_type().is_dir() {
            return false;
        }
        let path = crate::output::absolute(e.path());
        path == self.build_dir
            || path == self.target
            || e.file_name().to_string_lossy().starts_with('.')
    }
}

/// A chapter with front matter: its title (its `# Heading`, taken out of the body, or its name
/// in `SUMMARY.md`), the rest as written.
pub fn with_front_matter(text: &str, summary_title: &str) -> String {
    let start = leading(text);
    let title = start.heading.as_deref().unwrap_or(summary_title);
    let mut out = format!("+++\ntitle = {}\n+++\n", toml_string(title));
    match start.heading {
        Some(_) => {
            out.push_str(&text[..start.heading_start]);
            out.push_str(&text[start.body_offset..]);
        }
        None => out.push_str(text),
    }
    out
}

/// The handbook's `book.toml`: the book's settings under our names.
fn book_toml(config: &Config, book: &Book, title: &str) -> String {
    let b = &config.book;
    let list = |items: &[String]| {
        let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
        format!("[{}]", items.join(", "))
    };
    let mut t = String::from(
        "# Converted from an mdBook book by `handbook init --from-mdbook`.\n\n[book]\n",
    );
    t += &format!("title = {}\n", toml_string(title));
    if !b.description.is_empty() {
        t += &format!("description = {}\n", toml_string(&b.description));
    }
    t += &format!("language = {}\n", toml_string(&b.language));
    t += &format!("authors = {}\n", list(&b.authors));
    let web = |v: &str| v.starts_with("https://") || v.starts_with("http://");
    for (key, value, ok) in [
        ("base_url", &b.base_url, true),
        ("repository", &b.repository, web(&b.repository)),
        (
            "edit_url",
            &b.edit_url,
            web(&b.edit_url) && b.edit_url.contains("{path}"),
        ),
    ] {
        match (value.is_empty(), ok) {
            (true, _) => {}
            (false, true) => t += &format!("{key} = {}\n", toml_string(value)),
            // Ours must be web addresses (with `{path}` for an edit URL): left as a comment.
            (false, false) => t += &format!("# {key} = {}\n", toml_string(value)),
        }
    }
    t += &format!(
        "\n[build]\ncontent = {}\noutput = {}\n",
        toml_string(&crate::urls::shown(&book.src)),
        toml_string(&crate::urls::shown(&config.build.output)),
    );
    t += "\n# Collections: none yet. Declare one to add a folder of similar pages (see the README).\n\
          [collections]\n";
    t += &format!(
        "\n# The book's outline: `{}` gives the sidebar and the reading order,\n\
         # and its chapters are read as mdBook reads them.\n[mdbook]\n",
        crate::urls::shown(&book.src.join("SUMMARY.md"))
    );
    t += &format!("section_numbers = {}\n", !book.no_section_label);
    if !book.additional_css.is_empty() {
        t += &format!("additional_css = {}\n", list(&book.additional_css));
    }
    if !book.additional_js.is_empty() {
        t += &format!("additional_js = {}\n", list(&book.additional_js));
    }
    if book.dark {
        t += "dark_by_default = true\n";
    }
    if !book.print {
        t += "print = false\n";
    }
    if !book.search {
        t += "search = false\n";
    }
    if book.html_urls {
        t += "html_urls = true\n";
    }
    if !book.redirects.is_empty() {
        t += "\n[mdbook.redirects]\n";
        for (from, to) in &book.redirects {
            t += &format!("{} = {}\n", toml_string(from), toml_string(to));
        }
    }
    t
}
