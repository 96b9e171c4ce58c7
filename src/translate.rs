//! `handbook new translation PATH --lang CODE`: a translation scaffolded next to its original,
//! with the original's front matter and text to translate, and the version of the original it
//! starts from (`translated_from`), which `check` and `build` compare with the original's
//! version from then on.

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::discover::SourceFile;
use crate::fsx;
use crate::scaffold::Scaffolded;
use anyhow::Result;
use std::path::Path;

/// Scaffolds the `lang` translation of the page at `path` (`content/acts/ask.md`, or relative
/// to the content folder) in the project at `root`.
pub fn new_translation(root: &Path, path: &str, lang: Option<&str>) -> Result<Scaffolded> {
    let mut out = Scaffolded::default();
    let diags = Diagnostics::new();
    let Some(config) = Config::load(root, &diags) else {
        out.diagnostics = diags.into_sorted();
        return Ok(out);
    };
    let fail = |message: String, hint: String| {
        Diagnostic::error(Code::InvalidArgument, "handbook new translation", message).hint(hint)
    };
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let lang = match lang {
        Some(l) if codes.contains(&l) => l,
        other => {
            let message = match other {
                Some(l) => format!("`{l}` is not one of the book's languages"),
                None => "which language? Pass `--lang CODE`".into(),
            };
            let hint = match (
                other.and_then(|l| did_you_mean(l, codes.iter().copied())),
                codes.is_empty(),
            ) {
                (Some(c), _) => format!("did you mean `{c}`?"),
                (None, true) => "declare it in book.toml first: `[languages.es]`".into(),
                (None, false) => format!("languages: {}", codes.join(", ")),
            };
            out.diagnostics.push(fail(message, hint));
            return Ok(out);
        }
    };
    let content = crate::urls::shown(&config.build.content);
    let rel = path
        .replace('\\', "/")
        .trim_start_matches("./")
        .strip_prefix(&format!("{content}/"))
        .map_or_else(|| path.trim_start_matches("./").to_string(), str::to_string);
    let (_, is_translation) = crate::i18n::split(&rel, codes.iter().copied());
    let abs = root.join(&config.build.content).join(&rel);
    if is_translation.is_some() || !rel.ends_with(".md") || !abs.is_file() {
        out.diagnostics.push(fail(
            format!("no original page `{content}/{rel}`"),
            "give the path of a page in the book's own language, e.g. `content/about.md`".into(),
        ));
        return Ok(out);
    }
    let file = SourceFile {
        rel: rel.clone(),
        abs,
        shown: format!("{content}/{rel}"),
    };
    let original = match crate::page::parse_file(&file, &config) {
        Ok(p) => p,
        Err(errors) => {
            out.diagnostics = errors;
            return Ok(out);
        }
    };
    let target_rel = format!("{}.{lang}.md", rel.trim_end_matches(".md"));
    let target = root.join(&config.build.content).join(&target_rel);
    if target.exists() {
        out.diagnostics.push(
            Diagnostic::error(
                Code::AlreadyExists,
                format!("{content}/{target_rel}"),
                "the translation already exists",
            )
            .hint("edit it; `new` never overwrites files"),
        );
        return Ok(out);
    }
    fsx::create_new(
        &target,
        scaffold_text(&original.text, &original.version()).as_bytes(),
    )?;
    out.created.push(target);
    Ok(out)
}

/// The original's text with `translated_from` added to its front matter (before its closing
/// `+++`, or before its first `[table]`, whose keys would otherwise take it in), so that the
/// translator starts from every field and the text.
pub fn scaffold_text(original: &str, version: &str) -> String {
    let line = format!(
        "translated_from = \"{version}\"  # the original's version; update it with the translation\n"
    );
    let mut out = String::with_capacity(original.len() + line.len());
    let mut seen_open = false;
    let mut done = false;
    for l in original.split_inclusive('\n') {
        let t = l.trim();
        if !done && seen_open && (t == "+++" || t.starts_with('[')) {
            out.push_str(&line);
            done = true;
        }
        if t == "+++" {
            seen_open = true;
        }
        out.push_str(l);
    }
    if !done {
        return format!("+++\n{line}+++\n{original}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_goes_last_in_the_front_matter() {
        assert_eq!(
            scaffold_text("+++\ntitle = \"A\"\n+++\nText.\n", "abc"),
            "+++\ntitle = \"A\"\ntranslated_from = \"abc\"  # the original's version; update it with the translation\n+++\nText.\n"
        );
        // Tables in the front matter: the key must come before them.
        assert!(
            scaffold_text("+++\ntitle = \"A\"\n[extra]\nx = 1\n+++\n", "abc")
                .starts_with("+++\ntitle = \"A\"\ntranslated_from = \"abc\"")
        );
    }
}
