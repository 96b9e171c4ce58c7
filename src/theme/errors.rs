//! Turns a Tera error into diagnostics at the template's `path:line:col`, in our words where we
//! know better than Tera's (which tag was left open, which filter was meant, which field).
//!
//! Tera 2 hands most problems over as a report with a span, but the checks it runs once every
//! template is parsed (unknown filters, tests, functions, includes, blocks) come as one message
//! holding all of them, each already formatted as `error: … --> name:line:col`. We take that
//! text apart again so that each problem is its own diagnostic at its own position: Tera offers
//! no structured form of it. The version is pinned in Cargo.lock, and the tests in
//! `tests/theme.rs` fail if its wording moves.

use super::TemplateSource;
use super::tags::{self, Unbalanced};
use crate::diagnostics::{Code, Diagnostic, Location, did_you_mean};
use std::collections::BTreeMap;
use std::ops::Range;

/// Tera's built-in filters, tests and functions: Tera cannot list what it has registered, and
/// the theme registers nothing of its own. A test keeps these lists true.
pub(super) const FILTERS: &[&str] = &[
    "abs",
    "capitalize",
    "default",
    "escape",
    "escape_html",
    "escape_xml",
    "first",
    "float",
    "get",
    "group_by",
    "indent",
    "int",
    "join",
    "keys",
    "last",
    "length",
    "lower",
    "newlines_to_br",
    "nth",
    "pairs",
    "pluralize",
    "replace",
    "reverse",
    "round",
    "safe",
    "sort",
    "split",
    "str",
    "title",
    "trim",
    "trim_end",
    "trim_start",
    "truncate",
    "unique",
    "upper",
    "values",
    "wordcount",
];
pub(super) const TESTS: &[&str] = &[
    "array",
    "bool",
    "containing",
    "defined",
    "divisible_by",
    "ending_with",
    "even",
    "float",
    "integer",
    "iterable",
    "map",
    "none",
    "number",
    "odd",
    "starting_with",
    "string",
    "undefined",
];
pub(super) const FUNCTIONS: &[&str] = &["range", "throw"];

/// Templates by name, to show their real path and text.
type Templates = BTreeMap<String, TemplateSource>;

/// A Tera error as diagnostics (one per problem it holds), naming the page being rendered if
/// given.
pub fn template_errors(
    e: &tera::Error,
    templates: &Templates,
    page: Option<&str>,
) -> Vec<Diagnostic> {
    let context = page
        .map(|p| format!(" (while rendering `{p}`)"))
        .unwrap_or_default();
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let at = match templates.get(r.filename()) {
                Some(_) => At::Range(r.span().range.clone()),
                None => At::LineCol(r.span().start_line, r.span().start_col + 1, 0),
            };
            vec![explain(r.message(), r.filename(), at, templates, &context)]
        }
        tera::ErrorKind::Msg(message) => match split_reports(message) {
            Some(reports) => reports
                .into_iter()
                .map(|(message, name, at)| explain(message, name, at, templates, &context))
                .collect(),
            None => vec![whole(e, templates, &context)],
        },
        _ => vec![whole(e, templates, &context)],
    }
}

/// Where in a template a problem is: a byte range, or Tera's 1-based line and column (in
/// characters) and the width of its underline.
enum At {
    Range(Range<usize>),
    LineCol(usize, usize, usize),
}

/// One problem of template `name`, in our words where we have better ones.
fn explain(message: &str, name: &str, at: At, templates: &Templates, context: &str) -> Diagnostic {
    let Some(source) = templates.get(name) else {
        let d = Diagnostic::error(
            Code::TemplateError,
            name,
            format!("template error: {message}{context}"),
        );
        return match at {
            At::Range(_) => d,
            At::LineCol(line, col, _) => d.at_line_col(line, col),
        };
    };
    let text = source.text.as_str();
    let range = match at {
        At::Range(range) => range,
        At::LineCol(line, col, width) => {
            let start = offset_of(text, line, col);
            let end = text[start..]
                .char_indices()
                .nth(width)
                .map_or(text.len(), |(i, _)| start + i);
            start..end
        }
    };
    let error = |m: String| Diagnostic::error(Code::TemplateError, &source.shown, m);
    if let Some(d) = nesting(message, text, range.start, context) {
        return error(d.0).span(text, d.1).hint(d.2);
    }
    let (message, hint) = reworded(message, text, &range, templates)
        .unwrap_or_else(|| (format!("template error: {message}"), None));
    let d = error(format!("{message}{context}")).span(text, range);
    match hint {
        Some(hint) => d.hint(hint),
        None => d,
    }
}

/// Tera's "Unknown tag" or "Unexpected end of input" where the tags do not nest, as the tag
/// left open (or the stray closing tag): the message, where it is, and the hint.
fn nesting(
    message: &str,
    text: &str,
    stumbled: usize,
    context: &str,
) -> Option<(String, Range<usize>, String)> {
    if !matches!(message, "Unknown tag" | "Unexpected end of input") {
        return None;
    }
    match (message, tags::unbalanced(text)) {
        (
            "Unknown tag",
            Some(Unbalanced::Unclosed {
                open,
                close,
                before: Some(before),
            }),
        ) if before.range.contains(&stumbled) => {
            let line = Location::of(text, before.range.start).line;
            Some((
                format!("`{{% {} %}}` is never closed{context}", open.name),
                open.range,
                format!(
                    "add `{{% {close} %}}` before the `{{% {} %}}` on line {line}",
                    before.name
                ),
            ))
        }
        (
            "Unexpected end of input",
            Some(Unbalanced::Unclosed {
                open,
                close,
                before: None,
            }),
        ) => Some((
            format!("`{{% {} %}}` is never closed{context}", open.name),
            open.range,
            format!("add `{{% {close} %}}` where its body ends"),
        )),
        ("Unknown tag", Some(Unbalanced::Stray { tag, opener }))
            if tag.range.contains(&stumbled) =>
        {
            Some((
                format!(
                    "`{{% {} %}}` closes nothing: no `{{% {opener} %}}` is open{context}",
                    tag.name
                ),
                tag.range,
                format!("remove it, or add the `{{% {opener} … %}}` it should close"),
            ))
        }
        _ => None,
    }
}

/// Tera's message in our words, with a suggestion, for the problems where we can do better.
fn reworded(
    message: &str,
    text: &str,
    range: &Range<usize>,
    templates: &Templates,
) -> Option<(String, Option<String>)> {
    if message == "Unknown tag" {
        let tag = tags::tags(text)
            .into_iter()
            .find(|t| t.range.contains(&range.start))?;
        if tags::KNOWN.contains(&tag.name) {
            return None;
        }
        let hint = did_you_mean(tag.name, tags::KNOWN.iter().copied())
            .map(|close| format!("did you mean `{close}`?"));
        return Some((format!("unknown tag `{}`", tag.name), hint));
    }
    if let Some(rest) = message.strip_prefix("Unknown ") {
        let (kind, name) = rest.split_once(' ')?;
        let name = name.strip_prefix('`')?.strip_suffix('`')?;
        let candidates: Vec<&str> = match kind {
            "filter" => FILTERS.to_vec(),
            "test" => TESTS.to_vec(),
            "function" => FUNCTIONS.to_vec(),
            "template" => templates.keys().map(String::as_str).collect(),
            _ => return None,
        };
        let hint = suggestion(name, &candidates, &format!("{kind}s"));
        return Some((format!("unknown {kind} `{name}`"), hint));
    }
    if let Some(rest) = message.strip_prefix("Block `") {
        let (name, _) = rest.split_once("` is not defined in any parent template")?;
        let blocks = parent_blocks(text, templates);
        let hint = suggestion(name, &blocks, "parent templates' blocks");
        return Some((
            format!("block `{name}` is not defined in any parent template"),
            hint,
        ));
    }
    for (kind, list) in [
        ("Field", " Available fields: "),
        ("Variable", " Available variables: "),
    ] {
        let Some(rest) = message.strip_prefix(kind) else {
            continue;
        };
        let (name, rest) = rest.strip_prefix(" `")?.split_once("` is not defined.")?;
        let available: Vec<&str> = match rest.strip_prefix(list) {
            Some(list) => list.split(", ").collect(),
            None if rest.is_empty() => Vec::new(),
            None => return None,
        };
        let kind = kind.to_lowercase();
        let hint = suggestion(name, &available, &format!("{kind}s"));
        let owner = (kind == "field")
            .then(|| owner_of_field(text, range.start))
            .flatten();
        let message = match owner {
            Some(owner) => format!("`{owner}` has no field `{name}`"),
            None => format!("{kind} `{name}` is not defined"),
        };
        return Some((message, hint));
    }
    None
}

/// "did you mean `x`?" if one is close, else the list of what there is (if anything).
fn suggestion(name: &str, candidates: &[&str], what: &str) -> Option<String> {
    match did_you_mean(name, candidates.iter().copied()) {
        Some(close) => Some(format!("did you mean `{close}`?")),
        None if candidates.is_empty() => None,
        None => Some(format!("the {what} are: {}", candidates.join(", "))),
    }
}

/// The names of the blocks of the templates `text` extends, nearest parent first.
fn parent_blocks<'a>(text: &str, templates: &'a Templates) -> Vec<&'a str> {
    let mut blocks = Vec::new();
    let mut parent = extended(text);
    // A bound, not a cycle check: Tera reports cycles in `extends` on its own.
    for _ in 0..templates.len() {
        let Some(source) = parent.and_then(|p| templates.get(p)) else {
            break;
        };
        for tag in tags::tags(&source.text) {
            let name = tag.rest.split_whitespace().next().unwrap_or("");
            if tag.name == "block" && !blocks.contains(&name) {
                blocks.push(name);
            }
        }
        parent = extended(&source.text);
    }
    blocks
}

/// The template that `text` extends: `base.html` of `{% extends "base.html" %}`.
fn extended(text: &str) -> Option<&str> {
    let tag = tags::tags(text).into_iter().find(|t| t.name == "extends")?;
    tag.rest.get(1..tag.rest.len().checked_sub(1)?)
}

/// `page` for a field at `at` in `{{ page.titel }}`: the dotted name just before it, if any.
fn owner_of_field(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?.strip_suffix('.')?;
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map_or(0, |i| i + 1);
    let owner = &before[start..];
    (!owner.is_empty() && !owner.starts_with('.')).then_some(owner)
}

/// Tera's reports joined into one message: each `error: message`, then ` --> name:line:col`,
/// the line and its underline. `None` if the text is not made of such reports.
fn split_reports(message: &str) -> Option<Vec<(&str, &str, At)>> {
    let mut out = Vec::new();
    let lines: Vec<&str> = message.lines().collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("error: "))
        .collect();
    if starts.first() != Some(&0) {
        return None;
    }
    for &i in &starts {
        let text = lines[i].strip_prefix("error: ")?;
        let (rest, col) = lines
            .get(i + 1)?
            .trim_start()
            .strip_prefix("--> ")?
            .rsplit_once(':')?;
        let (name, line) = rest.rsplit_once(':')?;
        let width = lines.get(i + 4).map_or(0, |l| l.matches('^').count());
        out.push((
            text,
            name,
            At::LineCol(line.parse().ok()?, col.parse().ok()?, width),
        ));
    }
    Some(out)
}

/// The byte offset of 1-based `line` and `col` (in characters) of `text`, clamped to it.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    text[line_start..]
        .char_indices()
        .take_while(|&(_, c)| c != '\n')
        .nth(col.saturating_sub(1))
        .map_or_else(
            || {
                line_start
                    + text[line_start..]
                        .find('\n')
                        .unwrap_or(text.len() - line_start)
            },
            |(i, _)| line_start + i,
        )
}

/// An error we cannot take apart, as one diagnostic on the template it names (if any).
fn whole(e: &tera::Error, templates: &Templates, context: &str) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    // Errors without a span still name a template; point at its file.
    let name = match e.kind() {
        tera::ErrorKind::MissingParent { current, .. } => Some(current.as_str()),
        tera::ErrorKind::CircularExtend { tpl, .. }
        | tera::ErrorKind::CircularInclude { tpl, .. } => Some(tpl.as_str()),
        _ => None,
    };
    let shown = name
        .and_then(|n| templates.get(n))
        .map_or_else(|| "templates".to_string(), |s| s.shown.clone());
    Diagnostic::error(
        Code::TemplateError,
        shown,
        format!("template error: {message}{context}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists name only what Tera has: each name passes Tera's check for unknown names.
    #[test]
    fn the_lists_of_filters_tests_and_functions_are_what_tera_has() {
        let uses = FILTERS
            .iter()
            .map(|f| format!("{{{{ 1 | {f} }}}}"))
            .chain(
                TESTS
                    .iter()
                    .map(|t| format!("{{% if 1 is {t} %}}{{% endif %}}")),
            )
            .chain(FUNCTIONS.iter().map(|f| format!("{{{{ {f}() }}}}")));
        for template in uses {
            let mut tera = tera::Tera::new();
            if let Err(e) = tera.add_raw_template("t", &template) {
                assert!(!e.to_string().contains("Unknown"), "{template}: {e}");
            }
        }
        // And the check does catch a name Tera lacks.
        let e = tera::Tera::new()
            .add_raw_template("t", "{{ 1 | shout }}")
            .unwrap_err();
        assert!(e.to_string().contains("Unknown filter `shout`"), "{e}");
    }

    #[test]
    fn offsets_count_characters_from_one() {
        let text = "ab\né{{ x }}\n";
        assert_eq!(offset_of(text, 1, 1), 0);
        assert_eq!(offset_of(text, 2, 2), 5);
        assert_eq!(&text[offset_of(text, 2, 5)..][..1], "x");
        // Past the line's end: the end of that line.
        assert_eq!(offset_of(text, 1, 9), 2);
    }

    #[test]
    fn joined_reports_split_into_message_name_and_place() {
        let message = "error: Block `main` is not defined in any parent template\n \
                       --> page.html:2:10\n  |\n2 | {% block main %}\n  |          ^^^^\n\n\
                       error: Unknown filter `shout`\n --> partials/a.html:12:3\n   |\n\
                       12 | {{ x | shout }}\n   |   ^^^^^";
        let reports = split_reports(message).unwrap();
        let got: Vec<_> = reports
            .iter()
            .map(|(m, n, at)| match at {
                At::LineCol(l, c, w) => (*m, *n, *l, *c, *w),
                At::Range(_) => panic!("reports have lines and columns"),
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Block `main` is not defined in any parent template",
                    "page.html",
                    2,
                    10,
                    4
                ),
                ("Unknown filter `shout`", "partials/a.html", 12, 3, 5),
            ]
        );
        assert!(split_reports("Template 'x' not found").is_none());
    }

    #[test]
    fn the_owner_of_a_field_is_the_dotted_name_before_it() {
        let text = "{{ site.page.titel }} {{ (x).y }} {{titel}}";
        assert_eq!(
            owner_of_field(text, text.find("titel").unwrap()),
            Some("site.page")
        );
        assert_eq!(owner_of_field(text, text.find('y').unwrap()), None);
        assert_eq!(owner_of_field(text, text.rfind("titel").unwrap()), None);
    }
}
