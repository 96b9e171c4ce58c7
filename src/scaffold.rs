//! `handbook init` and `handbook new`: create files for authors, never overwriting anything.
//! `new` writes only inside the content folder; `init` only inside a new or empty folder.

use crate::config::{Collection, Config};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::discover;
use crate::fsx;
use crate::page;
use crate::slug::slugify;
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Outcome of a scaffolding command: files created, or problems that stopped it.
#[derive(Debug, Default)]
pub struct Scaffolded {
    pub created: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The error for a folder `init` may not write into: one that exists and is not empty.
pub fn not_empty(dir: &Path) -> Option<Diagnostic> {
    let empty = dir.is_dir()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
    (dir.exists() && !empty).then(|| {
        Diagnostic::error(
            Code::AlreadyExists,
            dir.display().to_string(),
            "folder already exists and is not empty",
        )
        .hint("choose a new folder name; `init` never overwrites files")
    })
}

/// Creates a new handbook in `dir`, which must not exist or be empty.
pub fn init(dir: &Path, title: Option<&str>) -> Result<Scaffolded> {
    let mut out = Scaffolded::default();
    if let Some(d) = not_empty(dir) {
        out.diagnostics.push(d);
        return Ok(out);
    }
    let name = crate::output::absolute(dir)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = title.map(str::to_string).unwrap_or_else(|| {
        Some(crate::urls::humanize(&name))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "My handbook".into())
    });
    let today = today();
    let files: Vec<(&str, String)> = vec![
        ("book.toml", format!(
            "[book]\ntitle = {}\ndescription = \"Small, everyday acts of leadership, with real examples.\"\nlanguage = \"en\"\nauthors = []\n# base_url = \"https://example.org/handbook/\"  # needed only for feeds and canonical links\n\n[build]\n# content = \"content\"\n# output = \"public\"\n# theme = \"default\"\n# drafts = false\n\n[extra]\n\n# Contributed stories, and the acts they illustrate. Rename the folders and this table freely:\n# the engine and the theme know them only from here.\n[collections.examples]\nsection = \"examples\"\nitem = \"example\"\nsort_by = \"date\"\nfields = [\"contributor\", \"context\"]\nauthor_field = \"contributor\"   # who shared it\nsetting_field = \"context\"       # where it happened\nhome_pages = 6\nguide = \"contribute.md\"         # how to add one; the home page invites readers to it\n\n[collections.examples.relations.act]\nsection = \"acts\"\nrequired = true\n",
            toml_string(&title)
        )),
        (".gitignore", "/public/\n".into()),
        ("content/_index.md", format!(
            "+++\ntitle = {}\ndescription = \"Small, everyday acts of leadership, with real examples.\"\n+++\n\nLeadership is something you do, not a title you hold. Start with [the acts](acts/_index.md), then read the [examples](examples/_index.md).\n",
            toml_string(&title)
        )),
        ("content/acts/_index.md", "+++\ntitle = \"The acts\"\nweight = 1\n+++\n\nEach act is a small, deliberate thing anyone can do this week.\n".into()),
        ("content/acts/ask-the-quiet-voice.md", "+++\ntitle = \"Ask the quiet voice\"\ndescription = \"Invite the view of someone who has not spoken yet.\"\nweight = 1\n+++\n\n## What it looks like\n\nIn a meeting, you notice who has not spoken and ask for their view.\n\n## Try it this week\n\n> [!TIP]\n> Before the meeting ends, say: \"I'd like to hear from someone we haven't heard from yet.\"\n".into()),
        ("content/contribute.md", "+++\ntitle = \"Add your example\"\ndescription = \"Seen a small act of leadership? Write it down in a few paragraphs and share it.\"\nweight = 3\n+++\n\nAn example is a short, true story: what the situation was, the small thing someone chose to do, and what came of it. Change names and details that could identify anyone.\n\nAdd it as a Markdown file under `content/examples/`, or run `handbook new example \"Your title\" --act ask-the-quiet-voice` to start from a template.\n".into()),
        ("content/examples/_index.md", "+++\ntitle = \"Examples\"\nweight = 2\n+++\n\nShort, real stories of small acts of leadership, newest first.\n".into()),
        ("content/examples/first-example.md", format!(
            "+++\ntitle = \"The colleague who finally spoke\"\ndate = {today}\nact = \"ask-the-quiet-voice\"\ncontext = \"work\"\ntags = [\"meetings\"]\n+++\n\nReplace this with a story: the situation, the act, what happened, and what you learned.\n"
        )),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fsx::create_dir_all(parent)?;
        }
        fsx::create_new(&path, text.as_bytes())?;
        out.created.push(path);
    }
    Ok(out)
}

/// Arguments of `handbook new`.
#[derive(Debug, Clone, Default)]
pub struct NewItem {
    pub root: PathBuf,
    /// A collection's item name (`example`) or name (`examples`), or `page`.
    pub kind: String,
    pub title: String,
    /// For `page`: the section folder to create it in (default: the content root).
    pub section: Option<String>,
    /// `--field value` pairs (relations and collection fields), in the order given.
    pub fields: Vec<(String, String)>,
    /// Tags for a collection item, in the order given.
    pub tags: Vec<String>,
    /// The story, for a collection item (the prompt when `None`).
    pub body: Option<String>,
}

pub fn new_item(req: &NewItem) -> Result<Scaffolded> {
    let mut out = Scaffolded::default();
    let diags = Diagnostics::new();
    let Some(config) = Config::load(&req.root, &diags) else {
        out.diagnostics = diags.into_sorted();
        return Ok(out);
    };
    let fail = |out: &mut Scaffolded, d: Diagnostic| out.diagnostics.push(d);
    let collection = config
        .collections
        .iter()
        .find(|c| c.item == req.kind || c.name == req.kind);
    if collection.is_none() && req.kind != "page" {
        let kinds: Vec<&str> = config
            .collections
            .iter()
            .map(|c| c.item.as_str())
            .chain(["page"])
            .collect();
        let hint = match did_you_mean(&req.kind, kinds.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("kinds: {}", kinds.join(", ")),
        };
        fail(
            &mut out,
            Diagnostic::error(
                Code::InvalidArgument,
                "handbook new",
                format!("unknown kind `{}`", req.kind),
            )
            .hint(hint),
        );
        return Ok(out);
    }
    let slug = slugify(&req.title);
    if req.title.trim().is_empty() || slug.is_empty() {
        fail(
            &mut out,
            Diagnostic::error(
                Code::InvalidArgument,
                "handbook new",
                "the title needs at least one letter or digit",
            )
            .hint(
                "e.g. handbook new example \"The intern who spoke up\" --act ask-the-quiet-voice",
            ),
        );
        return Ok(out);
    }
    let section = match (collection, &req.section) {
        (Some(c), _) => c.section.clone(),
        (None, Some(s)) => s.trim_matches('/').to_string(),
        (None, None) => String::new(),
    };
    // Joined to the content folder: `..\\x` and `C:x` must not pass on Windows either.
    if !section.is_empty() && !crate::output::is_safe_relative(&section) {
        fail(
            &mut out,
            Diagnostic::error(
                Code::InvalidArgument,
                "handbook new",
                format!("invalid section `{section}`"),
            ),
        );
        return Ok(out);
    }
    let content = req.root.join(&config.build.content);
    let dir = if section.is_empty() {
        content.clone()
    } else {
        content.join(&section)
    };
    let rel = Path::new(&config.build.content)
        .join(&section)
        .join(format!("{slug}.md"));
    let shown = crate::urls::shown(&rel);
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        fail(
            &mut out,
            Diagnostic::error(
                Code::AlreadyExists,
                &shown,
                "file already exists; `new` never overwrites",
            )
            .hint("choose another title, or edit the existing file"),
        );
        return Ok(out);
    }
    let text = match collection {
        Some(c) => match item_text(&config, c, req, &content) {
            Ok(t) => t,
            Err(d) => {
                out.diagnostics.extend(d);
                return Ok(out);
            }
        },
        None => {
            let extra = [("tags", !req.tags.is_empty()), ("body", req.body.is_some())]
                .into_iter()
                .find_map(|(name, given)| given.then_some(name));
            if let Some(field) = req.fields.first().map(|(f, _)| f.as_str()).or(extra) {
                fail(
                    &mut out,
                    Diagnostic::error(
                        Code::InvalidArgument,
                        "handbook new",
                        format!("`--{field}` only applies to collection items"),
                    ),
                );
                return Ok(out);
            }
            format!(
                "+++\ntitle = {}\n# description = \"One sentence for cards and search.\"\n# weight = 1\n+++\n\nWrite here.\n",
                toml_string(&req.title)
            )
        }
    };
    fsx::create_dir_all(&dir)?;
    fsx::create_new(&path, text.as_bytes())?;
    out.created.push(path);
    Ok(out)
}

/// What a new collection item's file holds, line by line, before any value is known: `new`
/// fills it in here, and the share page embeds it (as JSON) for `share.js` to fill in the same
/// way in the browser, so both write the same bytes for the same answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Written as it is.
    Text(String),
    /// `key = "value"` (a TOML string) when given; else `fallback`, or an error if none.
    Value {
        key: String,
        fallback: Option<String>,
    },
    /// `key = value`, unquoted: the date.
    Date { key: String },
    /// `key = ["a", "b"]`, `key = []` when none.
    List { key: String },
}

/// The body of a new item written without a story: what to write, and how long.
pub const STORY_PROMPT: &str = "What was the situation? What did you do, what happened next, and what did you learn?\nKeep it to 150-400 words, and leave out names and details that could identify anyone.";

/// The words a story should have, as the prompt asks.
pub const STORY_WORDS: (usize, usize) = (150, 400);

/// The words of a recipe's comment lines: what a description is for, and what the author field
/// takes. The share page of a language's site gives that language's (the theme's strings).
#[derive(Debug, Clone, Copy)]
pub struct RecipeWords<'a> {
    pub description: &'a str,
    pub author: &'a str,
}

impl RecipeWords<'_> {
    pub const ENGLISH: RecipeWords<'static> = RecipeWords {
        description: "One sentence that makes someone want to read it.",
        author: "Your name or a pseudonym (leave out to stay anonymous)",
    };
}

/// The front matter of a new item of `c`, from its relations and fields.
pub fn recipe(c: &Collection, words: &RecipeWords<'_>) -> Vec<Line> {
    let value = |key: &str, fallback: Option<String>| Line::Value {
        key: key.to_string(),
        fallback,
    };
    let mut lines = vec![
        Line::Text("+++".into()),
        value("title", None),
        Line::Text(format!(
            "# description = {}",
            toml_string(words.description)
        )),
        Line::Date { key: "date".into() },
    ];
    for r in &c.relations {
        let fallback = (!r.required).then(|| format!("# {} = \"\"", r.field));
        lines.push(value(&r.field, fallback));
    }
    for f in &c.fields {
        let fallback = if c.author_field.as_ref() == Some(f) {
            format!("# {f} = {}", toml_string(words.author))
        } else {
            format!("# {f} = \"\"")
        };
        lines.push(value(f, Some(fallback)));
    }
    lines.push(Line::List { key: "tags".into() });
    lines.push(Line::Text("+++".into()));
    lines
}

/// The answers that fill a recipe in.
#[derive(Debug, Default)]
pub struct Answers<'a> {
    pub values: BTreeMap<&'a str, &'a str>,
    pub date: String,
    pub tags: Vec<String>,
    /// The story; the prompt when `None`.
    pub body: Option<String>,
}

/// The file a recipe and its answers make; `Err(key)` names a value it needs and lacks.
pub fn render(recipe: &[Line], a: &Answers<'_>) -> Result<String, String> {
    let mut out = String::new();
    for line in recipe {
        match line {
            Line::Text(t) => out.push_str(t),
            Line::Value { key, fallback } => match (a.values.get(key.as_str()), fallback) {
                (Some(v), _) => {
                    out.push_str(key);
                    out.push_str(" = ");
                    out.push_str(&toml_string(v));
                }
                (None, Some(f)) => out.push_str(f),
                (None, None) => return Err(key.clone()),
            },
            Line::Date { key } => {
                out.push_str(key);
                out.push_str(" = ");
                out.push_str(&a.date);
            }
            Line::List { key } => {
                let items: Vec<String> = a.tags.iter().map(|t| toml_string(t)).collect();
                out.push_str(&format!("{key} = [{}]", items.join(", ")));
            }
        }
        out.push('\n');
    }
    out.push('\n');
    match &a.body {
        Some(body) => out.push_str(&story(body)),
        None => out.push_str(STORY_PROMPT),
    }
    out.push('\n');
    Ok(out)
}

/// A story as it is written to the file: line ends as `\n`, no blank lines before it and no
/// white space after it. (`share.js` does the same.)
pub fn story(body: &str) -> String {
    body.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim_start_matches('\n')
        .trim_end_matches([' ', '\t', '\n'])
        .to_string()
}

/// The recipe as the JSON `share.js` reads.
pub fn recipe_json(recipe: &[Line]) -> String {
    let mut s = String::from("[");
    for (i, line) in recipe.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let key_obj = |s: &mut String, key: &str, kind: &str| {
            s.push_str("{\"k\":");
            crate::json::string(s, key);
            s.push_str(kind);
        };
        match line {
            Line::Text(t) => {
                s.push_str("{\"t\":");
                crate::json::string(&mut s, t);
            }
            Line::Value { key, fallback } => {
                key_obj(&mut s, key, "");
                if let Some(f) = fallback {
                    s.push_str(",\"or\":");
                    crate::json::string(&mut s, f);
                }
            }
            Line::Date { key } => key_obj(&mut s, key, ",\"date\":true"),
            Line::List { key } => key_obj(&mut s, key, ",\"list\":true"),
        }
        s.push('}');
    }
    s.push(']');
    s
}

fn item_text(
    config: &Config,
    c: &Collection,
    req: &NewItem,
    content: &Path,
) -> Result<String, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut given: BTreeMap<&str, &str> = BTreeMap::new();
    let known: Vec<&str> = c
        .relations
        .iter()
        .map(|r| r.field.as_str())
        .chain(c.fields.iter().map(String::as_str))
        .collect();
    for (field, value) in &req.fields {
        if !known.contains(&field.as_str()) {
            let hint = match did_you_mean(field, known.iter().copied().chain(["tags", "body"])) {
                Some(s) => format!("did you mean `--{s}`?"),
                None => format!(
                    "options for {}: {}, --tags, --body",
                    c.item,
                    known
                        .iter()
                        .map(|k| format!("--{k}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            errors.push(
                Diagnostic::error(
                    Code::InvalidArgument,
                    "handbook new",
                    format!("unknown option `--{field}`"),
                )
                .hint(hint),
            );
        }
        given.insert(field, value);
    }
    for r in &c.relations {
        let valid = relation_targets(config, &r.section, content);
        match given.get(r.field.as_str()) {
            Some(v) if valid.iter().any(|t| t == v) => {}
            Some(v) => {
                let hint = match did_you_mean(v, valid.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`? valid: {}", valid.join(", ")),
                    None => format!("valid: {}", valid.join(", ")),
                };
                errors.push(
                    Diagnostic::error(
                        Code::InvalidArgument,
                        "handbook new",
                        format!("unknown {} `{v}`", r.field),
                    )
                    .hint(hint),
                );
            }
            None if r.required => errors.push(
                Diagnostic::error(
                    Code::InvalidArgument,
                    "handbook new",
                    format!("missing `--{} <slug>`", r.field),
                )
                .hint(format!("valid: {}", valid.join(", "))),
            ),
            None => {}
        }
    }
    for tag in &req.tags {
        if crate::slug::slugify(tag).is_empty() {
            errors.push(
                Diagnostic::error(
                    Code::InvalidArgument,
                    "handbook new",
                    format!("tag `{tag}` has no letters or digits"),
                )
                .hint("e.g. `--tags \"meetings, remote work\"`"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    given.insert("title", &req.title);
    let answers = Answers {
        values: given,
        date: today(),
        tags: req.tags.clone(),
        body: req.body.clone(),
    };
    render(&recipe(c, &RecipeWords::ENGLISH), &answers).map_err(|key| {
        vec![Diagnostic::error(
            Code::InvalidArgument,
            "handbook new",
            format!("missing `--{key}`"),
        )]
    })
}

/// Slugs of the pages of a section, as a relation value would name them.
fn relation_targets(config: &Config, section: &str, content: &Path) -> Vec<String> {
    let diags = Diagnostics::new();
    let root = content.parent().unwrap_or(Path::new("."));
    let found = discover::discover(
        root,
        Path::new(content.file_name().unwrap_or_default()),
        &diags,
    );
    let mut out: Vec<String> = found
        .pages
        .iter()
        .filter(|f| page::placement(&f.rel) == (section.to_string(), false))
        .filter_map(|f| page::parse_file(f, config).ok().map(|p| p.url_segment()))
        .collect();
    out.sort();
    out
}

/// `s` as a TOML string: literal (`'Say "no"'`) when it has `"` or `\\` and can be one,
/// else basic with escapes. Written by hand, as `share.js` writes it, so both agree byte for byte.
pub fn toml_string(s: &str) -> String {
    let control = |c: char| c.is_ascii_control() && c != '\t';
    if s.contains(['"', '\\']) && !s.contains('\'') && !s.chars().any(|c| control(c) || c == '\t') {
        return format!("'{s}'");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if control(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_table() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_786), (2026, 11, 29));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn toml_strings_are_quoted_and_escaped() {
        assert_eq!(toml_string("Say \"no\""), "'Say \"no\"'");
        assert_eq!(toml_string("It's"), "\"It's\"");
        assert_eq!(toml_string("a'b\"c"), "\"a'b\\\"c\"");
        assert_eq!(toml_string("tab\there\u{7f}"), "\"tab\\there\\u007F\"");
        // Every string comes back as it went in.
        for s in [
            "",
            "é ☕ 𝄞",
            "C:\\x",
            "a\nb\r\u{1}",
            "'\"\\",
            "\u{85}\u{2028}",
            "#[]{}= ,",
        ] {
            let doc = format!("x = {}", toml_string(s));
            let back: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(back["x"].as_str(), Some(s), "{doc}");
        }
    }

    #[test]
    fn recipe_renders_values_fallbacks_and_story() {
        let c = Collection::default_examples();
        let mut a = Answers {
            date: "2026-01-02".into(),
            tags: vec!["meetings".into(), "remote work".into()],
            body: Some("\r\n\nFirst line.\r\n\r\nSecond.  \n\n".into()),
            ..Answers::default()
        };
        a.values.insert("title", "Late");
        a.values.insert("act", "own-the-problem");
        a.values.insert("context", "work");
        assert_eq!(
            render(&recipe(&c, &RecipeWords::ENGLISH), &a).unwrap(),
            "+++\ntitle = \"Late\"\n# description = \"One sentence that makes someone want to read it.\"\ndate = 2026-01-02\nact = \"own-the-problem\"\n# contributor = \"Your name or a pseudonym (leave out to stay anonymous)\"\ncontext = \"work\"\ntags = [\"meetings\", \"remote work\"]\n+++\n\nFirst line.\n\nSecond.\n"
        );
        a.values.remove("act");
        assert_eq!(
            render(&recipe(&c, &RecipeWords::ENGLISH), &a),
            Err("act".to_string())
        );
    }
}
