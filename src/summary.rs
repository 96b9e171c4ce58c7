//! The Markdown summary of `check --summary`: the check's outcome and a table of the collection
//! items a change adds or edits (title, relation, setting, words, their problems), for a pull
//! request's job summary. Reads the changed files again; knows nothing of the build's insides.

use crate::config::{Collection, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::SourceFile;
use crate::page::{self, Page};
use crate::urls::{self, in_section};
use std::fmt::Write as _;
use std::path::{Component, Path};

/// What the summary describes.
pub struct Input<'a> {
    /// The project folder, as given on the command line (relative to where we run).
    pub root: &'a Path,
    /// Changed files as `git diff --name-only` lists them (relative to where we run).
    pub changed: &'a [String],
    /// The check's diagnostics, with project-relative paths.
    pub diagnostics: &'a [Diagnostic],
    pub pages: usize,
}

pub fn markdown(input: &Input<'_>) -> String {
    let errors = input.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = input.diagnostics.len() - errors;
    let mut out = String::from("## Handbook check\n\n");
    let _ = writeln!(
        out,
        "{} {} in {} pages.\n",
        if errors > 0 { "❌" } else { "✅" },
        counts(errors, warnings).unwrap_or_else(|| "No problems".into()),
        input.pages
    );
    let diags = Diagnostics::new();
    let Some(config) = Config::load(input.root, &diags) else {
        return out;
    };
    for c in &config.collections {
        let rows: Vec<String> = input
            .changed
            .iter()
            .filter_map(|p| item_of(input.root, &config, c, p))
            .map(|file| row(input.root, &config, c, &file, input.diagnostics))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let setting = c.setting_field.as_ref().map_or("", |_| " Setting |");
        let relations: String = c
            .relations
            .iter()
            .map(|r| format!(" {} |", urls::humanize(&r.field)))
            .collect();
        let _ = writeln!(
            out,
            "### {} added or changed\n\n| {} |{relations}{setting} Words | Check |\n|---|{}{}---:|---|",
            urls::humanize(&c.name),
            urls::humanize(&c.item),
            "---|".repeat(c.relations.len()),
            if c.setting_field.is_some() {
                "---|"
            } else {
                ""
            },
        );
        for r in rows {
            out.push_str(&r);
        }
        out.push('\n');
    }
    out
}

/// The changed path as one of the collection's items, if it is one that still exists.
fn item_of(root: &Path, config: &Config, c: &Collection, changed: &str) -> Option<SourceFile> {
    let path = Path::new(changed);
    let in_project = if root == Path::new(".") {
        path
    } else {
        path.strip_prefix(root).ok()?
    };
    let rel = in_project.strip_prefix(&config.build.content).ok()?;
    let rel: Vec<&str> = rel
        .components()
        .map(|p| match p {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let rel = rel.join("/");
    let (dir, is_section) = page::placement(&rel);
    if is_section || !rel.ends_with(".md") || !in_section(&dir, &c.section) {
        return None;
    }
    let abs = root.join(in_project);
    abs.is_file().then(|| SourceFile {
        shown: urls::shown(in_project),
        rel,
        abs,
    })
}

fn row(
    root: &Path,
    config: &Config,
    c: &Collection,
    file: &SourceFile,
    diags: &[Diagnostic],
) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.path == file.shown && d.is_error())
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.path == file.shown && !d.is_error())
        .count();
    let check = match counts(errors, warnings) {
        Some(c) if errors > 0 => format!("❌ {c}"),
        Some(c) => format!("⚠️ {c}"),
        None => "✅".into(),
    };
    let Ok(page) = page::parse_file(file, config) else {
        let blanks = c.relations.len() + usize::from(c.setting_field.is_some()) + 1;
        return format!(
            "| `{}` |{} {check} |\n",
            cell(&file.shown),
            " |".repeat(blanks)
        );
    };
    let field = |name: &str| page.fm.fields.get(name).map(|(v, _)| v.as_str());
    let mut line = format!("| {}<br>`{}` |", cell(&page.fm.title), file.shown);
    for r in &c.relations {
        let target = field(&r.field).map(|v| relation_title(root, config, &r.section, v));
        let _ = write!(line, " {} |", target.unwrap_or_default());
    }
    if let Some(s) = &c.setting_field {
        let _ = write!(line, " {} |", field(s).map_or_else(String::new, cell));
    }
    let _ = writeln!(line, " {} | {check} |", page.parsed.word_count);
    line
}

/// The title of the page a relation names (`Ask the quiet voice`) as a cell, else its slug.
fn relation_title(root: &Path, config: &Config, section: &str, slug: &str) -> String {
    let rel = format!("{section}/{slug}.md");
    let abs = root.join(&config.build.content).join(&rel);
    let file = SourceFile {
        shown: rel.clone(),
        rel,
        abs,
    };
    match page::parse_file(&file, config) {
        Ok(Page { fm, .. }) => cell(&fm.title),
        // A slug set in front matter, or no such page (which the check reports).
        Err(_) => cell(slug),
    }
}

fn counts(errors: usize, warnings: usize) -> Option<String> {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (e, 0) => Some(plural(e, "error")),
        (0, w) => Some(plural(w, "warning")),
        (e, w) => Some(format!("{}, {}", plural(e, "error"), plural(w, "warning"))),
    }
}

/// Text for a table cell: Markdown's active characters escaped, on one line.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' | '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}
