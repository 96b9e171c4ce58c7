//! The words a theme prints, per language: `strings/<code>.toml` of the built-in theme, each
//! overridable by the project's theme folder. English is the reference: a key another
//! language's file lacks is a warning naming it (the English words stand in), and so is a
//! language without a file at all. The built-in English words stand behind a project's own
//! `en.toml`, so every key the built-in templates and the engine use always has words.
//!
//! The texts are part of the theme, as trusted as its templates: templates get them as safe
//! strings, written into the page as they are (so they may hold entities such as `&amp;`), and
//! what a template fills into a `{placeholder}` with `replace` is escaped as usual. The few the
//! engine itself uses (document titles, see [`super::keys`]) are plain text.

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

/// The built-in `strings/en.toml`, parsed.
fn built_in_english() -> Strings {
    let text = super::DEFAULT_THEME
        .iter()
        .find(|(path, _)| *path == "strings/en.toml")
        .map(|(_, text)| *text)
        .expect("the built-in theme has strings/en.toml");
    let source = StringsSource {
        shown: "themes/default/strings/en.toml (built-in)".into(),
        text: text.into(),
    };
    parse(&source, &Diagnostics::new())
}

/// The words of `key`; the key itself if there are none, which a test rules out for every key
/// the engine asks for ([`super::keys::ALL`]).
pub fn word<'s>(strings: &'s Strings, key: &'s str) -> &'s str {
    strings.get(key).map_or(key, String::as_str)
}

/// `text` with each `{name}` of `values` replaced by its value, in one pass (a value is never
/// read as a placeholder); other braces stay as they are.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let found = values.iter().find(|(name, _)| {
            rest[1..]
                .strip_prefix(name)
                .is_some_and(|r| r.starts_with('}'))
        });
        match found {
            Some((name, value)) => {
                out.push_str(value);
                rest = &rest[name.len() + 2..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The strings of `lang` (`es`, `pt-br`: its own file, else its base language's), with the
/// reference's words where it has none, each such key reported.
pub fn strings_for(
    sources: &BTreeMap<String, StringsSource>,
    lang: &str,
    diags: &Diagnostics,
) -> Strings {
    let base = lang.split('-').next().unwrap_or(lang);
    let english = sources.get("en");
    let is_english = |s: &StringsSource| english.is_some_and(|en| std::ptr::eq(en, s));
    let own = sources.get(lang).or_else(|| sources.get(base));
    let quiet = Diagnostics::new();
    let mut reference = built_in_english();
    if let Some(en) = english {
        // Reported once: here when English is the language asked for.
        let report = if own.is_some_and(is_english) {
            diags
        } else {
            &quiet
        };
        reference.extend(parse(en, report));
    }
    let source = match own {
        Some(source) if is_english(source) => return reference,
        Some(source) => source,
        None => {
            diags.push(
                Diagnostic::warning(
                    Code::MissingString,
                    format!("strings/{lang}.toml"),
                    format!(
                        "no strings for language `{lang}`: the theme's words are shown in English"
                    ),
                )
                .hint(format!(
                    "add `themes/<theme>/strings/{lang}.toml` with the keys of the built-in `strings/en.toml`"
                )),
            );
            return reference;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::{DEFAULT_THEME, keys};
    use std::collections::BTreeSet;

    fn built_in(path: &str) -> &'static str {
        DEFAULT_THEME
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, text)| *text)
            .unwrap_or_else(|| panic!("{path} is not in DEFAULT_THEME"))
    }

    /// A built-in strings file, parsed without a problem.
    fn strings(lang: &str) -> Strings {
        let path = format!("strings/{lang}.toml");
        let source = StringsSource {
            shown: path.clone(),
            text: built_in(&path).into(),
        };
        let diags = Diagnostics::new();
        let out = parse(&source, &diags);
        assert!(diags.into_sorted().is_empty(), "{path} has problems");
        out
    }

    fn keys_of(s: &Strings) -> BTreeSet<&str> {
        s.keys().map(String::as_str).collect()
    }

    /// The `t.<key>` that built-in templates name (`t` itself, not `root.` or `target.`).
    fn template_keys() -> BTreeSet<&'static str> {
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut out = BTreeSet::new();
        for (path, text) in DEFAULT_THEME {
            if !path.starts_with("templates/") {
                continue;
            }
            for (at, _) in text.match_indices("t.") {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| ident(c) || c == '.') {
                    continue;
                }
                let rest = &text[at + 2..];
                let end = rest.find(|c: char| !ident(c)).unwrap_or(rest.len());
                if end > 0 {
                    out.insert(&rest[..end]);
                }
            }
        }
        out
    }

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.match_indices('{')
            .filter_map(|(at, _)| {
                let rest = &text[at + 1..];
                let end = rest.find('}')?;
                let name = &rest[..end];
                (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                    .then_some(name)
            })
            .collect()
    }

    /// Guards the translations: each built-in language has every English key and no other.
    #[test]
    fn every_built_in_language_has_exactly_the_english_keys() {
        let en = strings("en");
        for lang in ["es", "de"] {
            let other = strings(lang);
            let missing: Vec<_> = keys_of(&en).difference(&keys_of(&other)).copied().collect();
            let extra: Vec<_> = keys_of(&other).difference(&keys_of(&en)).copied().collect();
            assert!(missing.is_empty(), "{lang}.toml lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{lang}.toml has keys en.toml lacks: {extra:?}"
            );
        }
    }

    /// A misspelt placeholder would be shown to readers as it is.
    #[test]
    fn translations_use_only_the_placeholders_english_has() {
        let en = strings("en");
        for lang in ["es", "de"] {
            for (key, words) in strings(lang) {
                let unknown: Vec<_> = placeholders(&words)
                    .difference(&placeholders(&en[&key]))
                    .copied()
                    .collect();
                assert!(unknown.is_empty(), "{lang}.toml `{key}`: {unknown:?}");
            }
        }
    }

    /// Guards the templates: a `t.<key>` that en.toml lacks would fail to render.
    #[test]
    fn every_key_the_templates_use_is_in_english() {
        let en = strings("en");
        let used = template_keys();
        assert!(used.contains("languages") && used.contains("share_title"));
        let known = keys_of(&en);
        let missing: Vec<_> = used.difference(&known).collect();
        assert!(
            missing.is_empty(),
            "templates use {missing:?}, not in en.toml"
        );
    }

    #[test]
    fn every_key_the_engine_uses_is_in_english() {
        let en = strings("en");
        for key in keys::ALL.iter().chain(&keys::MONTHS) {
            assert!(en.contains_key(*key), "`{key}` is not in en.toml");
        }
    }

    /// The scripts read their messages from `data-t-<key>` attributes of their <script> tags,
    /// and `search.js` those it shows with results from `search/t.js`: each message a script
    /// asks for must be given by a template or that file, from a key that exists.
    #[test]
    fn every_script_message_is_given_by_a_template() {
        let in_file = super::super::keys::SEARCH_MESSAGES;
        let en = strings("en");
        let templates: String = DEFAULT_THEME
            .iter()
            .filter(|(p, _)| p.starts_with("templates/"))
            .map(|(_, text)| *text)
            .collect();
        let mut asked = 0;
        for script in ["search.js", "share.js", "theme.js"] {
            let text = built_in(&format!("static/assets/{script}"));
            let names = text
                .match_indices("say(\"")
                .map(|(at, _)| &text[at + 5..])
                .chain(
                    text.match_indices("\"data-t-")
                        .map(|(at, _)| &text[at + 8..]),
                )
                .filter_map(|rest| Some(&rest[..rest.find('"')?]))
                .filter(|name| !name.is_empty() && !name.contains(' '));
            for name in names {
                asked += 1;
                let key = name.replace('-', "_");
                assert!(
                    en.contains_key(&key),
                    "{script} asks for `{key}`, not in en.toml"
                );
                if script == "search.js" && in_file.contains(&key.as_str()) {
                    continue;
                }
                let given = format!("data-t-{name}=\"{{{{ t.{key} }}}}\"");
                assert!(
                    templates.contains(&given),
                    "no template gives {script} `{given}`"
                );
            }
        }
        let search = built_in("static/assets/search.js");
        for key in in_file {
            let asked = format!("say(\"{}\"", key.replace('_', "-"));
            assert!(search.contains(&asked), "search.js never asks for `{key}`");
        }
        assert!(
            asked > 20,
            "found only {asked} messages: has the scripts' form changed?"
        );
    }

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let table = [
            ("{n} of {total}", vec![("n", "2"), ("total", "5")], "2 of 5"),
            // A value that looks like a placeholder stays as it is.
            (
                "Tagged “{tag}”, {n}",
                vec![("tag", "{n}"), ("n", "1")],
                "Tagged “{n}”, 1",
            ),
            (
                "{unknown} and { braces }",
                vec![("n", "1")],
                "{unknown} and { braces }",
            ),
            ("{", vec![], "{"),
        ];
        for (text, values, want) in table {
            assert_eq!(fill(text, &values), want, "{text}");
        }
    }

    /// A project's `en.toml` need not repeat the built-in words it does not change.
    #[test]
    fn built_in_english_stands_behind_a_projects_english() {
        let mut sources = BTreeMap::new();
        let source = |text: &str| StringsSource {
            shown: "themes/default/strings/en.toml".into(),
            text: text.into(),
        };
        sources.insert("en".to_string(), source("languages = \"Tongues\"\n"));
        let diags = Diagnostics::new();
        let en = strings_for(&sources, "en", &diags);
        assert_eq!(en["languages"], "Tongues");
        assert_eq!(en["tags_title"], "Tags");
        assert!(diags.into_sorted().is_empty());
    }
}
