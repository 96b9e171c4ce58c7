//! mdBook's link preprocessor: `{{#include file}}` (whole, `:10`, `:10:20`, `::20`, `:10:`,
//! `:anchor` between `ANCHOR: name` and `ANCHOR_END: name`), `{{#rustdoc_include …}}` (the whole
//! file, the lines outside the selection as hidden `# ` lines), `{{#playground file attrs…}}`
//! (the whole file as a Rust code block, the attributes after `rust,` in its fence; `playpen` is
//! its old name) and `{{#title …}}` (taken out), everywhere in a chapter's text as mdBook does,
//! code blocks included; `\{{#…}}` stays literal.
//!
//! The expanded text keeps a map back to the chapter's own bytes, so that a diagnostic about
//! expanded text points at the chapter: at the same place for the chapter's own text, at the
//! directive for included text. Reads files through `read`, so tests need no disk.

use std::path::{Path, PathBuf};

/// A chapter's text with its directives replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub text: String,
    /// Where each piece of `text` came from, in order.
    segments: Vec<Segment>,
    /// A `{{#title …}}` found in the chapter.
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Start in the expanded text.
    at: usize,
    /// Start in the chapter's text: the copied bytes' or the directive's.
    from: usize,
    /// Copied from the chapter (offsets map one to one), or included (all map to `from`).
    copied: bool,
}

impl Expanded {
    /// The offset in the chapter's own text that `offset` in the expanded text comes from.
    pub fn original(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.at <= offset);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some(s) if s.copied => s.from + (offset - s.at),
            Some(s) => s.from,
            None => offset,
        }
    }
}

/// A directive that could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// In the chapter's text (the directive's start).
    pub offset: usize,
    pub message: String,
    pub hint: String,
    /// A warning (the book builds) rather than an error.
    pub warning: bool,
}

/// Where each include directive of `text` names its file: the path's byte range.
pub fn include_paths(text: &str) -> Vec<std::ops::Range<usize>> {
    directives(text)
        .filter(|d| !d.escaped && d.include().is_some())
        .map(|d| {
            let file = d.file();
            // `file` is a slice of `text`.
            let start = file.as_ptr() as usize - text.as_ptr() as usize;
            start..start + file.len()
        })
        .collect()
}

/// Files deeper than this are a cycle or a mistake.
const MAX_DEPTH: usize = 10;

/// Expands the directives of `text`, a chapter in folder `dir`. `read` gives a file's text.
pub fn expand(
    text: &str,
    dir: &Path,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
) -> (Expanded, Vec<Problem>) {
    let mut out = Expanded::default();
    let mut problems = Vec::new();
    let mut copied_from = 0;
    for d in directives(text) {
        // `\{{#include x}}` is the text `{{#include x}}`.
        if d.escaped {
            push_copy(&mut out, text, copied_from, d.start - 1);
            copied_from = d.start;
            continue;
        }
        let replacement = match (d.name, d.include()) {
            (_, Some(kind)) => {
                let mut stack = Vec::new();
                match include(kind, &d, dir, read, &mut stack) {
                    Ok(t) => Some(t),
                    // A missing anchor includes nothing, as in mdBook; a missing file or a
                    // cycle leaves the directive as written.
                    Err(p) => {
                        let warning = p.warning;
                        problems.push(Problem {
                            offset: d.start,
                            ..p
                        });
                        warning.then(String::new)
                    }
                }
            }
            ("title", _) => {
                out.title = Some(d.args.to_string());
                Some(String::new())
            }
            // Anything else (a templating engine's braces) stays as written.
            _ => None,
        };
        if let Some(r) = replacement {
            push_copy(&mut out, text, copied_from, d.start);
            out.segments.push(Segment {
                at: out.text.len(),
                from: d.start,
                copied: false,
            });
            out.text.push_str(&r);
            copied_from = d.end;
        }
    }
    push_copy(&mut out, text, copied_from, text.len());
    (out, problems)
}

fn push_copy(out: &mut Expanded, text: &str, from: usize, to: usize) {
    if from < to {
        out.segments.push(Segment {
            at: out.text.len(),
            from,
            copied: true,
        });
        out.text.push_str(&text[from..to]);
    }
}

/// The text an include directive stands for, its own directives expanded.
fn include(
    kind: Kind,
    d: &Directive<'_>,
    dir: &Path,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
    stack: &mut Vec<PathBuf>,
) -> Result<String, Problem> {
    let problem = |message: String, hint: &str, warning: bool| Problem {
        offset: 0,
        message,
        hint: hint.to_string(),
        warning,
    };
    let file = d.file();
    let spec = match kind {
        Kind::Playground => None,
        _ => d.args.split_once(':').map(|(_, s)| s.trim()),
    };
    if file.is_empty() {
        return Err(problem(
            "include without a file".into(),
            "write `{{#include path/to/file}}`",
            false,
        ));
    }
    let path = normalize(&dir.join(file));
    if stack.contains(&path) || stack.len() >= MAX_DEPTH {
        return Err(problem(
            format!("`{file}` includes itself (through {} files)", stack.len()),
            "an include cycle never ends; remove one of the includes",
            false,
        ));
    }
    let content = read(&path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            _ => e.to_string(),
        };
        problem(
            format!("cannot include `{file}`: {why}"),
            "the path is relative to the chapter's folder",
            false,
        )
    })?;
    let lines: Vec<&str> = content.lines().collect();
    let selected = select(&lines, spec).map_err(|(message, hint)| problem(message, hint, true))?;
    let is_anchor = |l: &str| l.contains("ANCHOR:") || l.contains("ANCHOR_END:");
    let body: Vec<String> = if kind == Kind::Playground {
        // The file as it is, in a fence of its own (as mdBook writes it).
        let attrs: Vec<&str> = d.args.split_whitespace().skip(1).collect();
        let info = match attrs.is_empty() {
            true => "rust".to_string(),
            false => format!("rust,{}", attrs.join(",")),
        };
        let end = if content.ends_with('\n') { "" } else { "\n" };
        vec![format!("```{info}\n{content}{end}```")]
    } else if kind == Kind::Rustdoc {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !is_anchor(l))
            .map(|(i, l)| {
                if selected.contains(&i) || l.trim_start().starts_with('#') {
                    l.to_string()
                } else if l.is_empty() {
                    "#".to_string()
                } else {
                    format!("# {l}")
                }
            })
            .collect()
    } else {
        selected
            .iter()
            .map(|&i| lines[i])
            .filter(|l| !is_anchor(l))
            .map(str::to_string)
            .collect()
    };
    let text = body.join("\n");
    // The included file's own directives, relative to its folder.
    stack.push(path.clone());
    let inner_dir = path.parent().unwrap_or(dir).to_path_buf();
    let result = expand_nested(&text, &inner_dir, read, stack);
    stack.pop();
    result
}

/// [`expand`] for included text: problems are the include's.
fn expand_nested(
    text: &str,
    dir: &Path,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
    stack: &mut Vec<PathBuf>,
) -> Result<String, Problem> {
    let mut out = String::new();
    let mut copied_from = 0;
    for d in directives(text) {
        if d.escaped {
            out.push_str(&text[copied_from..d.start - 1]);
            copied_from = d.start;
        } else if let Some(kind) = d.include() {
            out.push_str(&text[copied_from..d.start]);
            out.push_str(&include(kind, &d, dir, read, stack)?);
            copied_from = d.end;
        }
    }
    out.push_str(&text[copied_from..]);
    Ok(out)
}

/// One `{{#name args}}` in a text.
struct Directive<'t> {
    start: usize,
    end: usize,
    name: &'t str,
    args: &'t str,
    /// Written `\{{#…}}`: the text itself.
    escaped: bool,
}

/// What a directive that reads a file makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `include`: the lines selected.
    Plain,
    /// `rustdoc_include`: every line, those not selected hidden.
    Rustdoc,
    /// `playground` (or `playpen`): the file as a Rust code block.
    Playground,
}

impl Directive<'_> {
    /// What the directive includes, when it names a file (without one it is prose about the
    /// directive, as mdBook reads it: text).
    fn include(&self) -> Option<Kind> {
        let kind = match self.name {
            "include" => Kind::Plain,
            "rustdoc_include" => Kind::Rustdoc,
            "playground" | "playpen" => Kind::Playground,
            _ => return None,
        };
        (!self.args.is_empty()).then_some(kind)
    }

    /// The file it names: before the line selection (`file.rs:10:20`), or before the fence's
    /// attributes (`{{#playground file.rs editable}}`).
    fn file(&self) -> &str {
        match self.name {
            "playground" | "playpen" => self.args.split_whitespace().next().unwrap_or(""),
            _ => self
                .args
                .split_once(':')
                .map_or(self.args, |(f, _)| f)
                .trim(),
        }
    }
}

/// The directives of `text`, in order.
fn directives(text: &str) -> impl Iterator<Item = Directive<'_>> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        let start = rest + text[rest..].find("{{#")?;
        let end = start + text[start..].find("}}")? + 2;
        rest = end;
        let inner = text[start + 3..end - 2].trim();
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        Some(Directive {
            start,
            end,
            name,
            args: args.trim(),
            escaped: start > 0 && text.as_bytes()[start - 1] == b'\\',
        })
    })
}

/// The 0-based lines a spec selects: all, `N`, `N:M`, `:M`, `N:`, or an anchor's lines.
fn select(lines: &[&str], spec: Option<&str>) -> Result<Vec<usize>, (String, &'static str)> {
    let all = || (0..lines.len()).collect::<Vec<_>>();
    let Some(spec) = spec.filter(|s| !s.is_empty()) else {
        return Ok(all());
    };
    let number = |s: &str| s.trim().parse::<usize>().ok();
    let range = |from: usize, to: usize| (from.max(1) - 1..to.min(lines.len())).collect();
    if let Some(n) = number(spec) {
        return Ok(range(n, n));
    }
    if let Some((a, b)) = spec.split_once(':') {
        let from = if a.trim().is_empty() {
            Some(1)
        } else {
            number(a)
        };
        let to = if b.trim().is_empty() {
            Some(lines.len())
        } else {
            number(b)
        };
        if let (Some(from), Some(to)) = (from, to) {
            return Ok(range(from, to));
        }
    }
    // An anchor.
    let name = spec;
    let marks = |l: &str, mark: &str| {
        l.split(mark).nth(1).is_some_and(|rest| {
            rest.trim_start()
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .next()
                == Some(name)
        })
    };
    let Some(begin) = lines.iter().position(|l| marks(l, "ANCHOR:")) else {
        return Err((
            format!("no `ANCHOR: {name}` in the included file"),
            "the anchor's name is after the last `:`; check its spelling in the file",
        ));
    };
    let end = lines[begin..]
        .iter()
        .position(|l| marks(l, "ANCHOR_END:"))
        .map_or(lines.len(), |e| begin + e);
    Ok((begin + 1..end).collect())
}

/// `a/./b/../c` -> `a/c`, without touching the disk (the file may not exist).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            // `..` after `..` (or at the start of a relative path) climbs further.
            std::path::Component::ParentDir => match out.components().next_back() {
                Some(std::path::Component::Normal(_)) => {
                    out.pop();
                }
                Some(std::path::Component::RootDir | std::path::Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn files(list: &[(&str, &str)]) -> impl Fn(&Path) -> std::io::Result<String> + use<> {
        let map: HashMap<PathBuf, String> = list
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.to_string()))
            .collect();
        move |p: &Path| {
            map.get(p)
                .cloned()
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
        }
    }

    const CODE: &str = "use std::io;\n// ANCHOR: main\nfn main() {\n    // ANCHOR: body\n    run();\n    // ANCHOR_END: body\n}\n// ANCHOR_END: main\nfn run() {}\n";

    #[test]
    fn ranges_anchors_and_escapes() {
        let read = files(&[("src/code.rs", CODE), ("src/a.txt", "1\n2\n3\n4\n5\n")]);
        let cases = [
            ("{{#include a.txt}}", "1\n2\n3\n4\n5"),
            ("{{#include a.txt:2}}", "2"),
            ("{{#include a.txt:2:4}}", "2\n3\n4"),
            ("{{#include a.txt::2}}", "1\n2"),
            ("{{#include a.txt:4:}}", "4\n5"),
            ("{{#include a.txt:4:99}}", "4\n5"),
            ("{{#include code.rs:body}}", "    run();"),
            ("{{#include code.rs:main}}", "fn main() {\n    run();\n}"),
            (
                "{{#include ./code.rs}}",
                "use std::io;\nfn main() {\n    run();\n}\nfn run() {}",
            ),
            (
                "{{#rustdoc_include code.rs:body}}",
                "# use std::io;\n# fn main() {\n    run();\n# }\n# fn run() {}",
            ),
            ("\\{{#include a.txt}}", "{{#include a.txt}}"),
            ("{{#title A better title}}x", "x"),
            (
                "{{ handlebars }} {{#other a.rs}}",
                "{{ handlebars }} {{#other a.rs}}",
            ),
            // The whole file, anchors too, in a fence of its own.
            ("{{#playground a.txt}}\n", "```rust\n1\n2\n3\n4\n5\n```\n"),
            (
                "{{#playground  code.rs editable  ignore }}\n",
                &format!("```rust,editable,ignore\n{CODE}```\n"),
            ),
            ("{{#playpen a.txt}}", "```rust\n1\n2\n3\n4\n5\n```"),
            ("lines `{{#include}}`d", "lines `{{#include}}`d"),
        ];
        for (input, expected) in cases {
            let (e, problems) = expand(input, Path::new("src"), &read);
            assert_eq!(problems, [], "{input}");
            assert_eq!(e.text, expected, "{input}");
        }
    }

    #[test]
    fn normalize_climbs_past_a_relative_start() {
        // A build from the book's folder reads `src/a/../../../x` as `../x`, not `x`.
        assert_eq!(normalize(Path::new("src/a/../../../x")), Path::new("../x"));
        assert_eq!(normalize(Path::new("./a/./b/../c")), Path::new("a/c"));
        assert_eq!(normalize(Path::new("/../a")), Path::new("/a"));
    }

    #[test]
    fn include_paths_are_found_where_written() {
        let text = "{{#include ../a.rs:2:4}} \\{{#include no.rs}} {{#rustdoc_include  b.rs }} {{#title T}}";
        let paths: Vec<&str> = include_paths(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(paths, ["../a.rs", "b.rs"]);
    }

    #[test]
    fn offsets_map_back_to_the_chapter() {
        let read = files(&[("src/a.txt", "one\ntwo\n")]);
        let text = "Intro.\n\n{{#include a.txt}}\n\nAfter [link](x.md).\n";
        let (e, _) = expand(text, Path::new("src"), &read);
        assert_eq!(e.text, "Intro.\n\none\ntwo\n\nAfter [link](x.md).\n");
        let link = e.text.find("[link]").unwrap();
        assert_eq!(e.original(link), text.find("[link]").unwrap());
        assert_eq!(
            e.original(e.text.find("two").unwrap()),
            text.find("{{#").unwrap()
        );
        assert_eq!(e.original(3), 3);
    }

    #[test]
    fn nested_includes_missing_files_and_cycles() {
        let read = files(&[
            ("src/a.md", "A {{#include b/b.md}}"),
            ("src/b/b.md", "B {{#include c.md}}"),
            ("src/b/c.md", "C"),
            ("src/loop.md", "{{#include loop.md}}"),
        ]);
        let (e, problems) = expand("{{#include a.md}}", Path::new("src"), &read);
        assert_eq!((e.text.as_str(), problems.len()), ("A B C", 0));
        let (_, problems) = expand("x {{#include nope.md}}", Path::new("src"), &read);
        assert_eq!(problems[0].offset, 2);
        assert_eq!(
            problems[0].message,
            "cannot include `nope.md`: no such file"
        );
        let (_, problems) = expand("{{#include loop.md}}", Path::new("src"), &read);
        assert!(
            problems[0].message.starts_with("`loop.md` includes itself"),
            "{problems:?}"
        );
        let (_, problems) = expand("{{#include a.md:nowhere}}", Path::new("src"), &read);
        assert!(problems[0].warning);
    }
}
