//! Finds the `{% … %}` tags of a template's text and checks that its body tags nest. Tera's
//! parser says only where it stumbled (an `{% endblock %}` it did not expect, or the end of the
//! text), not which opening tag was left open; this says that. Knows nothing of expressions.

use std::ops::Range;

/// One `{% … %}` tag: its first word, what follows it, and where the whole tag is in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: &'a str,
    /// Everything after the name, trimmed: `x in xs` of `{% for x in xs %}`.
    pub rest: &'a str,
    pub range: Range<usize>,
}

/// Tags that open a body, each with the tag that closes it. (Tera 2 has no macros; `raw` is
/// skipped whole by [`tags`].)
const PAIRS: &[(&str, &str)] = &[
    ("if", "endif"),
    ("for", "endfor"),
    ("block", "endblock"),
    ("filter", "endfilter"),
    ("component", "endcomponent"),
    ("set", "endset"),
    ("set_global", "endset"),
];

/// Every tag name Tera 2 knows, for suggestions when it reports an unknown one.
pub const KNOWN: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "break",
    "continue",
    "block",
    "endblock",
    "extends",
    "include",
    "filter",
    "endfilter",
    "component",
    "endcomponent",
    "set",
    "set_global",
    "endset",
    "raw",
    "endraw",
];

/// Where a template's body tags fail to nest: the first such place, as Tera's parser meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unbalanced<'a> {
    /// `open` is never closed by `close`: the text ends first (`before` is `None`), or `before`,
    /// which closes a body around it, comes first.
    Unclosed {
        open: Tag<'a>,
        close: &'static str,
        before: Option<Tag<'a>>,
    },
    /// A closing tag with no body of its kind open.
    Stray { tag: Tag<'a>, opener: &'static str },
}

/// The tags of `text` in order. Comments, `{{ … }}` expressions (quotes included) and the body
/// of `{% raw %}` hold no tags; the `raw` tags themselves are left out too. A tag or comment
/// that never ends ends the list.
pub fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find('{') {
        let start = at + i;
        let after = &text[start + 1..];
        let end = if after.starts_with('#') {
            text[start + 2..].find("#}").map(|j| start + 2 + j + 2)
        } else if after.starts_with('{') {
            end_of(text, start + 2, "}}")
        } else if after.starts_with('%') {
            end_of(text, start + 2, "%}").map(|end| {
                let tag = tag_at(text, start..end);
                if tag.name == "raw" {
                    // Unclosed, it swallows the rest (as Tera's lexer does, which reports it).
                    raw_end(text, end).unwrap_or(text.len())
                } else {
                    out.push(tag);
                    end
                }
            })
        } else {
            Some(start + 1)
        };
        match end {
            Some(end) => at = end,
            None => break,
        }
    }
    out
}

/// The first place where the body tags of `text` do not nest, if any.
pub fn unbalanced(text: &str) -> Option<Unbalanced<'_>> {
    let mut open: Vec<(Tag<'_>, &'static str)> = Vec::new();
    for tag in tags(text) {
        if let Some(&(_, close)) = PAIRS.iter().find(|(o, _)| *o == tag.name) {
            if opens_body(&tag) {
                open.push((tag, close));
            }
        } else if let Some(&(opener, _)) = PAIRS.iter().find(|(_, c)| *c == tag.name) {
            match open.iter().rposition(|(_, c)| *c == tag.name) {
                Some(i) if i + 1 == open.len() => {
                    open.pop();
                }
                Some(_) => {
                    let (open, close) = open.pop().expect("a body is open: one matched below it");
                    return Some(Unbalanced::Unclosed {
                        open,
                        close,
                        before: Some(tag),
                    });
                }
                None => return Some(Unbalanced::Stray { tag, opener }),
            }
        }
    }
    open.pop().map(|(open, close)| Unbalanced::Unclosed {
        open,
        close,
        before: None,
    })
}

/// `{% set x = 1 %}` assigns; only `{% set x %}` (or `{% set x | upper %}`) opens a body.
fn opens_body(tag: &Tag<'_>) -> bool {
    if tag.name != "set" && tag.name != "set_global" {
        return true;
    }
    let after_name = tag.rest.trim_start_matches(is_word).trim_start();
    after_name.is_empty() || after_name.starts_with('|')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tag spanning `range` (`{%` to `%}`, either possibly with Tera's `-`).
fn tag_at(text: &str, range: Range<usize>) -> Tag<'_> {
    let inner = text[range.start + 2..range.end - 2]
        .strip_prefix('-')
        .unwrap_or(&text[range.start + 2..range.end - 2]);
    let inner = inner.strip_suffix('-').unwrap_or(inner).trim();
    let name_len = inner.find(|c| !is_word(c)).unwrap_or(inner.len());
    Tag {
        name: &inner[..name_len],
        rest: inner[name_len..].trim(),
        range,
    }
}

/// Just past the first `close` at or after `from` that is outside a quoted string.
fn end_of(text: &str, from: usize, close: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text[from..].char_indices() {
        let at = from + i;
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if text[at..].starts_with(close) => return Some(at + close.len()),
            None => {}
        }
    }
    None
}

/// Just past the `{% endraw %}` that ends a raw body starting at `from`.
fn raw_end(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text[at..].find("{%") {
        let start = at + i;
        let end = start + 2 + text[start + 2..].find("%}")? + 2;
        if tag_at(text, start..end).name == "endraw" {
            return Some(end);
        }
        at = start + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        tags(text).into_iter().map(|t| t.name).collect()
    }

    /// (template, the opening tag left open, the tag met before its closing one).
    #[test]
    fn finds_the_tag_left_open() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "{% block a %}{% if x %}y{% endblock a %}",
                "{% if x %}",
                Some("{% endblock a %}"),
            ),
            ("{% if x %}abc", "{% if x %}", None),
            (
                "{% for a in b %}{% if x %}{% endfor %}",
                "{% if x %}",
                Some("{% endfor %}"),
            ),
            ("{%- if x -%}{% if y %}{% endif %}", "{%- if x -%}", None),
            ("{% set x %}abc", "{% set x %}", None),
            ("{% set x | upper %}abc", "{% set x | upper %}", None),
        ];
        for (text, open_text, before_text) in cases {
            match unbalanced(text) {
                Some(Unbalanced::Unclosed { open, before, .. }) => {
                    assert_eq!(&text[open.range], *open_text, "{text}");
                    assert_eq!(before.map(|b| &text[b.range]), *before_text, "{text}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_closing_tag_without_its_opening_one_is_stray() {
        let text = "{% if x %}{% endif %}{% endfor %}";
        match unbalanced(text) {
            Some(Unbalanced::Stray { tag, opener }) => {
                assert_eq!((&text[tag.range], opener), ("{% endfor %}", "for"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn balanced_templates_pass() {
        for text in [
            "{% extends \"base.html\" %}{% block a %}{% if x %}{% elif y %}{% else %}{% endif %}{% endblock a %}",
            "{% for a in b %}{% if loop.first %}{% break %}{% endif %}{% endfor %}",
            "{% set x = 1 %}{% set_global y = x | upper %}{% set z %}{{ x }}{% endset %}",
            "{% filter upper %}a{% endfilter %}{% component c() %}{% endcomponent %}",
            "",
            "{ not a tag } {{ x }}",
        ] {
            assert_eq!(unbalanced(text), None, "{text}");
        }
    }

    /// Raw bodies, comments and strings may hold text that looks like tags.
    #[test]
    fn raw_comments_and_strings_hold_no_tags() {
        assert_eq!(
            names("{% raw %}{% if %}{% endraw %}{% for x in y %}"),
            ["for"]
        );
        assert_eq!(
            names("{%- raw -%}{% if %}{%- endraw -%}"),
            Vec::<&str>::new()
        );
        assert_eq!(names("{# {% if x %} #}{% block a %}"), ["block"]);
        assert_eq!(names("{{ \"{% if %}\" }}{% if '%}' %}"), ["if"]);
        assert_eq!(unbalanced("{% raw %}{% if x %}{% endraw %}"), None);
        assert_eq!(unbalanced("{# {% endif %} #}"), None);
    }

    #[test]
    fn unterminated_tags_end_the_list() {
        assert_eq!(names("{% if x %}{% for"), ["if"]);
        assert_eq!(names("{# never closed {% if x %}"), Vec::<&str>::new());
        assert_eq!(names("{% raw %}{% if x %}"), Vec::<&str>::new());
    }

    #[test]
    fn tag_names_and_rest_are_trimmed() {
        let t = &tags("{%-  for x in xs  -%}")[0];
        assert_eq!((t.name, t.rest), ("for", "x in xs"));
    }
}
