//! Checks TOML documents (book.toml, front matter) against the keys we know, so every unknown key
//! is reported at its own position with a "did you mean" hint; typed deserialization is the
//! caller's job. Done on toml's spanned parse tree because serde's `deny_unknown_fields` stops at
//! the first unknown key and cannot suggest anything.

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
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

    /// The table's keys as the fields of the struct that deserializes it, so a field added to
    /// the struct is a known key without a second list to keep in step.
    pub fn of<'de, T: serde::Deserialize<'de>>() -> Shape {
        Shape::leaves(fields_of::<T>().iter().copied())
    }

    /// This table with the value of `key` checked against `shape`.
    pub fn with(mut self, key: &str, shape: Shape) -> Shape {
        if let Shape::Table(fields) = &mut self {
            for (k, s) in fields.iter_mut() {
                if k == key {
                    *s = shape;
                    return self;
                }
            }
        }
        panic!("`{key}` is not a field of this shape (a bug in the shape's definition)")
    }
}

/// The field names serde's derive gives a struct, in declaration order: the list it passes to
/// `deserialize_struct`, caught by a deserializer that reads nothing else.
pub fn fields_of<'de, T: serde::Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};

    #[derive(Debug)]
    struct Caught(Option<&'static [&'static str]>);
    impl std::fmt::Display for Caught {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("field probe")
        }
    }
    impl std::error::Error for Caught {}
    impl de::Error for Caught {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Caught(None)
        }
    }
    struct Probe;
    impl<'de> de::Deserializer<'de> for Probe {
        type Error = Caught;
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Caught> {
            Err(Caught(Some(fields)))
        }
        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Caught> {
            Err(Caught(None))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    match T::deserialize(Probe) {
        Err(Caught(Some(fields))) => fields,
        _ => panic!("fields_of is only for structs with derived Deserialize"),
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

/// Byte offset of the first line that assigns `key`, or 0; used to place semantic errors.
pub fn key_offset(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && (rest.trim_start().starts_with('=')
                || rest.starts_with('.')
                || rest.starts_with(']'))
        {
            return offset + (line.len() - trimmed.len());
        }
        offset += line.len();
    }
    0
}

/// A toml syntax or type error as a diagnostic at its span. A value of the wrong type in valid
/// TOML names its key and what the key takes, with the line rewritten as an example.
pub fn toml_error(shown: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    if let Some(span) = e.span()
        && let Some(d) = wrong_type(shown, text, span, &message)
    {
        return d;
    }
    let d = Diagnostic::error(Code::InvalidToml, shown, format!("invalid TOML: {message}"));
    match e.span() {
        Some(span) => d.span(text, span),
        None => d,
    }
}

/// `key = value` where serde wanted another type: "`authors` must be a list of text, not the
/// text "me"", hint `authors = ["me"]`.
fn wrong_type(
    shown: &str,
    text: &str,
    span: std::ops::Range<usize>,
    message: &str,
) -> Option<Diagnostic> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !simple {
        return None;
    }
    let value = text.get(span.clone()).unwrap_or("").trim();
    let (wants, example) = match expected {
        "a sequence" => ("a list", format!("{key} = [{value}]")),
        e if e.contains("string") => (
            "text in quotes",
            format!("{key} = \"{}\"", value.trim_matches('"')),
        ),
        "a boolean" => ("`true` or `false`", format!("{key} = true")),
        e if e.contains("integer") => ("a whole number", format!("{key} = 1")),
        e if e.contains("map") || e.contains("struct") => (
            "a table",
            format!("[{key}] on a line of its own, then its keys"),
        ),
        other => (other, String::new()),
    };
    let found = found
        .replace("string ", "the text ")
        .replace("integer ", "the number ")
        .replace("boolean ", "");
    let d = Diagnostic::error(
        Code::WrongType,
        shown,
        format!("`{key}` must be {wants}, not {found}"),
    )
    .span(text, span);
    Some(if example.is_empty() {
        d
    } else {
        d.hint(format!("write `{example}`"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_reads_a_struct_s_fields_in_order() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Raw {
            title: String,
            #[serde(rename = "sort_by")]
            sort: Option<String>,
            draft: bool,
        }
        assert_eq!(fields_of::<Raw>(), ["title", "sort_by", "draft"]);
    }

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
