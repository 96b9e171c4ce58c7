//! Checks TOML documents (book.toml, front matter) against the keys we know, so every unknown key
//! is reported at its own position with a "did you mean" hint; typed deserialization is the
//! caller's job. Done on toml's spanned parse tree because serde's `deny_unknown_fields` stops at
//! the first unknown key and cannot suggest anything.

use crate::diagnostics::did_you_mean;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// The expected shape of a TOML value.
#[derive(Debug, Clone)]
pub enum Shape {
    /// A value whose contents are not checked (scalars, arrays, free-form tables such as `[extra]`).
    Any,
    /// A table with exactly these keys.
    Table(Vec<(String, Shape)>),
    /// A table with arbitrary keys, each value of the given shape.
    MapOf(Box<Shape>),
}

impl Shape {
    pub fn table<'a>(fields: impl IntoIterator<Item = (&'a str, Shape)>) -> Shape {
        Shape::Table(
            fields
                .into_iter()
                .map(|(k, s)| (k.to_string(), s))
                .collect(),
        )
    }

    pub fn leaves<'a>(keys: impl IntoIterator<Item = &'a str>) -> Shape {
        Shape::table(keys.into_iter().map(|k| (k, Shape::Any)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// Dotted path of the key, e.g. `build.outptu`.
    pub path: String,
    /// Byte range of the key in the checked text.
    pub span: Range<usize>,
    /// Keys that would have been valid at this place.
    pub expected: Vec<String>,
    pub suggestion: Option<String>,
}

/// Parses `text` as TOML and lists its unknown keys. A syntax error is returned as the toml error
/// (which carries a span) so the caller can report it.
pub fn unknown_keys(text: &str, shape: &Shape) -> Result<Vec<UnknownKey>, toml::de::Error> {
    let table = DeTable::parse(text)?;
    let mut out = Vec::new();
    walk(table.get_ref(), shape, "", &mut out);
    out.sort_by_key(|u| u.span.start);
    Ok(out)
}

fn walk(table: &DeTable<'_>, shape: &Shape, prefix: &str, out: &mut Vec<UnknownKey>) {
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        let child = match shape {
            Shape::Any => continue,
            Shape::MapOf(inner) => Some(inner.as_ref()),
            Shape::Table(fields) => fields.iter().find(|(k, _)| k == name).map(|(_, s)| s),
        };
        match child {
            Some(child) => {
                if let DeValue::Table(inner) = value.get_ref() {
                    walk(inner, child, &path, out);
                }
            }
            None => {
                let expected: Vec<String> = match shape {
                    Shape::Table(fields) => fields.iter().map(|(k, _)| k.clone()).collect(),
                    _ => Vec::new(),
                };
                let suggestion =
                    did_you_mean(name, expected.iter().map(String::as_str)).map(str::to_string);
                out.push(UnknownKey {
                    path,
                    span: key.span(),
                    expected,
                    suggestion,
                });
            }
        }
    }
}

/// The hint for an unknown key: a suggestion if one is close, else the list of valid keys.
pub fn hint_for(unknown: &UnknownKey) -> String {
    match &unknown.suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "valid keys here are: {}",
            unknown
                .expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape() -> Shape {
        Shape::table([
            ("book", Shape::leaves(["title", "language"])),
            ("extra", Shape::Any),
            (
                "collections",
                Shape::MapOf(Box::new(Shape::leaves(["section"]))),
            ),
        ])
    }

    #[test]
    fn reports_each_unknown_key_with_span_and_suggestion() {
        let text = "[book]\ntitel = \"x\"\nlanguge = \"en\"\n[extra]\nanything = 1\n";
        let found = unknown_keys(text, &shape()).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].path, "book.titel");
        assert_eq!(&text[found[0].span.clone()], "titel");
        assert_eq!(found[0].suggestion.as_deref(), Some("title"));
        assert_eq!(found[1].suggestion.as_deref(), Some("language"));
    }

    #[test]
    fn map_tables_accept_any_name_but_check_their_contents() {
        let text = "[collections.stories]\nsection = \"s\"\nsectoin = \"t\"\n";
        let found = unknown_keys(text, &shape()).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "collections.stories.sectoin");
    }

    #[test]
    fn unrelated_unknown_key_lists_valid_keys() {
        let found = unknown_keys("colour = 1", &shape()).unwrap();
        assert_eq!(
            hint_for(&found[0]),
            "valid keys here are: `book`, `extra`, `collections`"
        );
    }
}
