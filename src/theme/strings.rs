//! The words a theme prints, per language: `strings/<code>.toml` of the built-in theme, each
//! overridable by the project's theme folder. English is the reference: a key another
//! language's file lacks is a warning naming it (the English words stand in), and so is a
//! language without a file at all.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use std::collections::BTreeMap;

/// Key -> words, for templates as `t.<key>`.
pub type Strings = BTreeMap<String, String>;

/// A strings file as found: where it comes from and its text.
#[derive(Debug, Clone)]
pub struct StringsSource {
    pub shown: String,
    pub text: String,
}

/// Parses one strings file: a flat table of texts. Problems are reported at their line.
fn parse(source: &StringsSource, diags: &Diagnostics) -> Strings {
    let table: toml::Table = match toml::from_str(&source.text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(crate::tomlcheck::toml_error(
                &source.shown,
                &source.text,
                &e,
            ));
            return Strings::new();
        }
    };
    let mut out = Strings::new();
    for (key, value) in table {
        match value.as_str() {
            Some(s) => {
                out.insert(key, s.to_string());
            }
            None => diags.push(
                Diagnostic::warning(
                    Code::MissingString,
                    &source.shown,
                    format!("string `{key}` must be text"),
                )
                .at(
                    &source.text,
                    crate::tomlcheck::key_offset(&source.text, &key),
                )
                .hint("write it in quotes: `key = \"words\"`"),
            ),
        }
    }
    out
}

/// The strings of `lang` (`es`, `pt-br`: its own file, else its base language's), with the
/// reference's words where it has none, each such key reported.
pub fn strings_for(
    sources: &BTreeMap<String, StringsSource>,
    lang: &str,
    diags: &Diagnostics,
) -> Strings {
    let quiet = Diagnostics::new();
    let reference = sources
        .get("en")
        .map(|s| parse(s, if lang == "en" { diags } else { &quiet }))
        .unwrap_or_default();
    let base = lang.split('-').next().unwrap_or(lang);
    let Some(source) = sources.get(lang).or_else(|| sources.get(base)) else {
        diags.push(
            Diagnostic::warning(
                Code::MissingString,
                format!("strings/{lang}.toml"),
                format!("no strings for language `{lang}`: the theme's words are shown in English"),
            )
            .hint(format!(
                "add `themes/<theme>/strings/{lang}.toml` with the keys of the built-in `strings/en.toml`"
            )),
        );
        return reference;
    };
    let mut own = parse(source, diags);
    for (key, words) in &reference {
        if !own.contains_key(key) {
            diags.push(
                Diagnostic::warning(
                    Code::MissingString,
                    &source.shown,
                    format!("missing string `{key}`: shown in English"),
                )
                .hint(format!("add `{key} = \"…\"` (in English: \"{words}\")")),
            );
            own.insert(key.clone(), words.clone());
        }
    }
    own
}
