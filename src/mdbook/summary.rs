//! `SUMMARY.md` as mdBook defines it: an optional title, prefix chapters, part titles, numbered
//! chapters nested to any depth, separators, suffix chapters and drafts (`[Title]()`). Parsed
//! from pulldown-cmark's events, so links, escapes and code in titles read as in any Markdown;
//! the result is a flat list in reading order, each entry with its depth and mdBook's number.
//! Problems carry their byte offset, for the caller to report at `SUMMARY.md:line:col`. Knows
//! nothing of chapters' files.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// One line of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// The chapter's or part's title, as plain text.
    pub name: String,
    /// The chapter's file, relative to the book's `src` folder; `None` for a draft, a part title
    /// or a separator.
    pub path: Option<String>,
    /// 0 for top-level entries, 1 for their sub-chapters, and so on.
    pub depth: usize,
    /// Byte offset of the entry in `SUMMARY.md`.
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Before the numbered chapters, not numbered.
    Prefix,
    /// Numbered: `[1, 2]` is "1.2.".
    Numbered(Vec<u32>),
    /// After the numbered chapters, not numbered.
    Suffix,
    /// A `# Part` heading above numbered chapters: text in the table of contents, no page.
    Part,
    /// `---`: a line in the table of contents.
    Separator,
}

/// A parsed `SUMMARY.md`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Its own `# Title`, if it starts with one (mdBook ignores it; so does the site).
    pub title: Option<String>,
    pub entries: Vec<Entry>,
}

impl Entry {
    /// `1.2.` for a numbered chapter.
    pub fn number(&self) -> Option<String> {
        match &self.kind {
            Kind::Numbered(n) => Some(n.iter().map(|n| format!("{n}.")).collect()),
            _ => None,
        }
    }
}

/// Where the parser is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Prefix,
    Numbered,
    Suffix,
}

/// Something in `SUMMARY.md` that mdBook's format does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: &'static str,
}

/// A link being read: its destination, the text so far, and where it starts.
struct Open {
    dest: String,
    name: String,
    offset: usize,
}

pub fn parse(text: &str) -> Result<Summary, Vec<Problem>> {
    let mut summary = Summary::default();
    let mut errors = Vec::new();
    let error = |errors: &mut Vec<Problem>, offset: usize, message: String, hint: &'static str| {
        errors.push(Problem {
            offset,
            message,
            hint,
        });
    };
    let mut stage = Stage::Prefix;
    // Numbers of the open list levels: the last number at each depth.
    let mut numbers: Vec<u32> = Vec::new();
    let mut root_number = 0u32;
    let mut list_depth = 0usize;
    // Per open list item: whether it has produced its chapter yet.
    let mut items: Vec<bool> = Vec::new();
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut link: Option<Open> = None;
    let mut seen_anything = false;
    let mut paragraph_links = 0usize;
    let mut paragraph: Option<usize> = None;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, range.start, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, offset, name)) = heading.take() else {
                    continue;
                };
                let name = name.trim().to_string();
                if level != HeadingLevel::H1 {
                    // mdBook ignores other headings.
                } else if !seen_anything {
                    summary.title = Some(name);
                } else {
                    if stage == Stage::Suffix {
                        error(
                            &mut errors,
                            offset,
                            format!("part title `{name}` after the suffix chapters"),
                            "parts hold numbered chapters (`- [Title](file.md)`); move it above the unnumbered chapters at the end",
                        );
                    }
                    summary.entries.push(Entry {
                        kind: Kind::Part,
                        name,
                        path: None,
                        depth: 0,
                        offset,
                    });
                }
                seen_anything = true;
            }
            Event::Start(Tag::List(_)) => {
                if list_depth == 0 {
                    if stage == Stage::Suffix {
                        error(
                            &mut errors,
                            range.start,
                            "numbered chapters after the suffix chapters".into(),
                            "unnumbered chapters go before the first list or after the last one, not between lists",
                        );
                    }
                    stage = Stage::Numbered;
                }
                list_depth += 1;
                seen_anything = true;
            }
            Event::End(TagEnd::List(_)) => {
                list_depth -= 1;
                numbers.truncate(list_depth);
            }
            Event::Start(Tag::Item) => items.push(false),
            Event::End(TagEnd::Item) => {
                let linked = items.pop() != Some(false);
                if !linked {
                    error(
                        &mut errors,
                        range.start,
                        "a list item without a chapter link".into(),
                        "write each chapter as `- [Title](file.md)`, or `- [Title]()` for a draft",
                    );
                }
            }
            Event::Start(Tag::Paragraph) => {
                paragraph = Some(range.start);
                paragraph_links = 0;
            }
            Event::End(TagEnd::Paragraph) => {
                if list_depth == 0
                    && paragraph_links == 0
                    && let Some(at) = paragraph.take()
                {
                    error(
                        &mut errors,
                        at,
                        "text that is not a chapter link".into(),
                        "SUMMARY.md holds only chapter links (`[Title](file.md)`), `# Part` titles and `---` separators",
                    );
                }
                paragraph = None;
            }
            Event::Rule => {
                summary.entries.push(Entry {
                    kind: Kind::Separator,
                    name: String::new(),
                    path: None,
                    depth: list_depth.saturating_sub(1),
                    offset: range.start,
                });
                seen_anything = true;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some(Open {
                    dest: dest_url.to_string(),
                    name: String::new(),
                    offset: range.start,
                });
            }
            Event::End(TagEnd::Link) => {
                let Some(open) = link.take() else {
                    continue;
                };
                seen_anything = true;
                paragraph_links += 1;
                let path = (!open.dest.trim().is_empty()).then(|| open.dest.trim().to_string());
                let kind = if list_depth > 0 {
                    let Some(done) = items.last_mut() else {
                        continue;
                    };
                    if std::mem::replace(done, true) {
                        error(
                            &mut errors,
                            open.offset,
                            format!("a second link in the entry of `{}`", open.name.trim()),
                            "one chapter per list item; put sub-chapters in a nested list",
                        );
                        continue;
                    }
                    let depth = list_depth - 1;
                    numbers.truncate(depth + 1);
                    if depth == 0 {
                        root_number += 1;
                        numbers.clear();
                        numbers.push(root_number);
                    } else if numbers.len() == depth + 1 {
                        *numbers.last_mut().expect("numbers has depth + 1 levels") += 1;
                    } else {
                        numbers.resize(depth, 0);
                        numbers.push(1);
                    }
                    Kind::Numbered(numbers.clone())
                } else if stage == Stage::Prefix {
                    Kind::Prefix
                } else {
                    stage = Stage::Suffix;
                    Kind::Suffix
                };
                if path.is_none() && !matches!(kind, Kind::Numbered(_)) {
                    error(
                        &mut errors,
                        open.offset,
                        format!(
                            "`{}` is a draft outside the numbered chapters",
                            open.name.trim()
                        ),
                        "only numbered chapters (`- [Title]()`) may be drafts; give it a file",
                    );
                }
                summary.entries.push(Entry {
                    kind,
                    name: open.name.trim().to_string(),
                    path,
                    depth: list_depth.saturating_sub(1),
                    offset: open.offset,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(open) = link.as_mut() {
                    open.name.push_str(&t);
                } else if let Some((_, _, name)) = heading.as_mut() {
                    name.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(open) = link.as_mut() {
                    open.name.push(' ');
                }
            }
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(summary)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<(String, String, Option<String>, usize)> {
        parse(text)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .entries
            .iter()
            .map(|e| {
                let kind = match &e.kind {
                    Kind::Numbered(_) => e.number().unwrap_or_default(),
                    k => format!("{k:?}").to_lowercase(),
                };
                (kind, e.name.clone(), e.path.clone(), e.depth)
            })
            .collect()
    }

    fn entry(
        kind: &str,
        name: &str,
        path: Option<&str>,
        depth: usize,
    ) -> (String, String, Option<String>, usize) {
        (kind.into(), name.into(), path.map(str::to_string), depth)
    }

    #[test]
    fn every_construct_in_reading_order() {
        let text = "# Summary\n\n[Introduction](README.md)\n\n---\n\n# Basics\n\n- [Getting *started*](start.md)\n  - [Install `it`](start/install.md)\n    - [On Linux](start/linux.md)\n  - [Draft]()\n- [Second](second.md)\n\n---\n\n# Advanced\n\n- [Third](third.md)\n\n[Contributors](contributors.md)\n[Licence](licence.md)\n";
        let s = parse(text).unwrap();
        assert_eq!(s.title.as_deref(), Some("Summary"));
        assert_eq!(
            entries(text),
            vec![
                entry("prefix", "Introduction", Some("README.md"), 0),
                entry("separator", "", None, 0),
                entry("part", "Basics", None, 0),
                entry("1.", "Getting started", Some("start.md"), 0),
                entry("1.1.", "Install it", Some("start/install.md"), 1),
                entry("1.1.1.", "On Linux", Some("start/linux.md"), 2),
                entry("1.2.", "Draft", None, 1),
                entry("2.", "Second", Some("second.md"), 0),
                entry("separator", "", None, 0),
                entry("part", "Advanced", None, 0),
                entry("3.", "Third", Some("third.md"), 0),
                entry("suffix", "Contributors", Some("contributors.md"), 0),
                entry("suffix", "Licence", Some("licence.md"), 0),
            ]
        );
    }

    #[test]
    fn the_mdbook_init_summary() {
        assert_eq!(
            entries("# Summary\n\n- [Chapter 1](./chapter_1.md)\n"),
            vec![entry("1.", "Chapter 1", Some("./chapter_1.md"), 0)]
        );
    }

    #[test]
    fn star_lists_and_numbering_after_a_nested_list() {
        assert_eq!(
            entries(
                "* [A](a.md)\n    * [B](b.md)\n    * [C](c.md)\n* [D](d.md)\n    * [E](e.md)\n"
            ),
            vec![
                entry("1.", "A", Some("a.md"), 0),
                entry("1.1.", "B", Some("b.md"), 1),
                entry("1.2.", "C", Some("c.md"), 1),
                entry("2.", "D", Some("d.md"), 0),
                entry("2.1.", "E", Some("e.md"), 1),
            ]
        );
    }

    #[test]
    fn problems_are_at_their_line() {
        let at = |text: &str| {
            let e = parse(text).unwrap_err();
            let d = crate::diagnostics::Diagnostic::error(
                crate::diagnostics::Code::InvalidValue,
                "src/SUMMARY.md",
                e[0].message.clone(),
            )
            .at(text, e[0].offset);
            (d.location(), d.message)
        };
        assert_eq!(
            at("- [A](a.md)\n- Just text\n"),
            (
                "src/SUMMARY.md:2:1".into(),
                "a list item without a chapter link".into()
            )
        );
        assert_eq!(
            at("- [A](a.md)\n\n[End](end.md)\n\n- [B](b.md)\n"),
            (
                "src/SUMMARY.md:5:1".into(),
                "numbered chapters after the suffix chapters".into()
            )
        );
        assert_eq!(
            at("[Intro]()\n"),
            (
                "src/SUMMARY.md:1:1".into(),
                "`Intro` is a draft outside the numbered chapters".into()
            )
        );
        assert_eq!(
            at("# Summary\n\nSome words.\n"),
            (
                "src/SUMMARY.md:3:1".into(),
                "text that is not a chapter link".into()
            )
        );
        assert_eq!(
            at("- [A](a.md) and [B](b.md)\n"),
            (
                "src/SUMMARY.md:1:17".into(),
                "a second link in the entry of `B`".into()
            )
        );
    }
}
