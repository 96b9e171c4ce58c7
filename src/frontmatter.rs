//! Splits a source file into TOML front matter and body, and validates the front matter; knows
//! nothing about Markdown. All positions are byte offsets into the original file, so diagnostics
//! point at the right line of the file, not of the TOML block.

use crate::diagnostics::{Code, Diagnostic};
use crate::tomlcheck::{self, Shape, key_offset, toml_error};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::value::Datetime;

/// Keys only a section's `_index.md` accepts; every other field of the front matter struct is a
/// key every page accepts.
pub const SECTION_KEYS: &[&str] = &["sort_by", "page_template", "paginate_by"];

/// How a section orders its pages (`sort_by` in a section's front matter or a collection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Lowest weight first, then title.
    Weight,
    Title,
}

impl SortBy {
    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Date => "date",
            SortBy::Weight => "weight",
            SortBy::Title => "title",
        }
    }
}

/// Where the front matter and the body sit in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: &'a str,
    pub front_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Whether `text` starts with a `+++` line (after an optional BOM).
pub fn starts_with_front_matter(text: &str) -> bool {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    rest.split('\n')
        .next()
        .is_some_and(|l| l.trim_end() == "+++")
}

/// Finds the `+++` block at the top of `text` (after an optional BOM).
pub fn split<'a>(text: &'a str, shown: &str) -> Result<Split<'a>, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let raw_first = rest.split('\n').next().unwrap_or("");
    let first_line = raw_first.trim_end_matches('\r');
    if first_line.trim_end() == "---" {
        return Err(Diagnostic::error(
            Code::MissingFrontMatter,
            shown,
            "YAML front matter (`---`) is not supported; front matter is TOML between `+++` lines",
        )
        .at(text, start)
        .hint(yaml_hint(rest)));
    }
    if first_line.trim_end() != "+++" {
        return Err(Diagnostic::error(
            Code::MissingFrontMatter,
            shown,
            "missing front matter: a page starts with a `+++` line",
        )
        .at(text, start)
        .hint("start the file with:\n    +++\n    title = \"Page title\"\n    +++"));
    }
    let front_offset = start + raw_first.len() + 1;
    let front_offset = front_offset.min(text.len());
    let mut offset = front_offset;
    for line in text[front_offset..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: &text[front_offset..offset],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Code::UnclosedFrontMatter,
        shown,
        "front matter is never closed",
    )
    .at(text, start)
    .hint("add a line with `+++` after the last front matter key"))
}

/// Shows how the first lines of a YAML block would look in TOML.
fn yaml_hint(rest: &str) -> String {
    let mut lines = vec![
        "write it as TOML between `+++` lines, e.g.:".to_string(),
        "    +++".into(),
    ];
    for line in rest.lines().skip(1).take(6) {
        if line.trim_end() == "---" {
            break;
        }
        match line.split_once(':') {
            Some((k, v)) if !k.trim().is_empty() && !k.starts_with(' ') => {
                let v = v.trim();
                let value = if v.starts_with('[')
                    || v.starts_with('"')
                    || v.parse::<f64>().is_ok()
                    || v == "true"
                    || v == "false"
                {
                    v.to_string()
                } else {
                    format!("\"{}\"", v.trim_matches('\'').replace('"', "\\\""))
                };
                lines.push(format!("    {} = {value}", k.trim()));
            }
            _ => {}
        }
    }
    lines.push("    +++".into());
    lines.join("\n")
}

/// What a page's front matter may hold beyond the common keys.
#[derive(Debug, Clone, Default)]
pub struct Allowed<'a> {
    pub is_section: bool,
    /// Collection fields and relation fields (free text values).
    pub fields: Vec<&'a str>,
    /// The title when front matter has none (an mdBook chapter's, from `SUMMARY.md`); without
    /// it a missing title is an error.
    pub default_title: Option<&'a str>,
}

/// A validated front matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub date: Option<Datetime>,
    pub updated: Option<Datetime>,
    pub draft: bool,
    pub slug: Option<String>,
    pub tags: Vec<String>,
    pub template: Option<String>,
    pub extra: toml::Table,
    pub sort_by: Option<SortBy>,
    pub page_template: Option<String>,
    /// Entries per page of the section's listing.
    pub paginate_by: Option<usize>,
    /// On a translation: the version of the original it translates (see
    /// `Page::version` in page.rs).
    pub translated_from: Option<String>,
    /// Collection and relation fields: value and its byte offset in the file.
    pub fields: BTreeMap<String, (String, usize)>,
}

/// The front matter as written: its fields are the keys a page may use (sections also
/// [`SECTION_KEYS`]), besides its collection's fields.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Raw {
    title: Option<String>,
    description: Option<String>,
    weight: Option<i64>,
    date: Option<toml::Value>,
    updated: Option<toml::Value>,
    draft: bool,
    slug: Option<String>,
    tags: Vec<String>,
    template: Option<String>,
    extra: toml::Table,
    sort_by: Option<SortBy>,
    page_template: Option<String>,
    paginate_by: Option<usize>,
    translated_from: Option<String>,
}

/// Parses and validates front matter. `text` is the whole file; errors are positioned in it.
pub fn parse(
    text: &str,
    split: &Split<'_>,
    shown: &str,
    allowed: &Allowed<'_>,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let front = split.front;
    let base = split.front_offset;
    let mut check = Checker {
        text,
        front,
        base,
        shown,
        errors: Vec::new(),
    };
    check.unknown_keys(allowed)?;
    let raw: Raw = match toml::from_str(front) {
        Ok(r) => r,
        Err(e) => {
            check
                .errors
                .push(shift(toml_error(shown, front, &e), text, base, &e));
            return Err(check.errors);
        }
    };
    check.names(&raw);
    let title = check.title(raw.title.or(allowed.default_title.map(str::to_string)));
    let date = check.date("date", raw.date);
    let updated = check.date("updated", raw.updated);
    let fields = check.fields(allowed);
    if !check.errors.is_empty() {
        return Err(check.errors);
    }
    Ok(FrontMatter {
        title,
        description: raw.description.filter(|d| !d.trim().is_empty()),
        weight: raw.weight,
        date,
        updated,
        draft: raw.draft,
        slug: raw.slug,
        tags: raw.tags,
        template: raw.template,
        extra: raw.extra,
        sort_by: raw.sort_by,
        page_template: raw.page_template,
        paginate_by: raw.paginate_by,
        translated_from: raw.translated_from,
        fields,
    })
}

/// Collects the problems of one front matter, each positioned in the whole file.
struct Checker<'t> {
    /// The whole file.
    text: &'t str,
    /// The front matter block, and where it starts in the file.
    front: &'t str,
    base: usize,
    shown: &'t str,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// An error at `offset` in the front matter block.
    fn push_at(&mut self, d: Diagnostic, offset: usize) {
        self.errors.push(d.at(self.text, self.base + offset));
    }

    fn push_span(&mut self, d: Diagnostic, span: &std::ops::Range<usize>) {
        let span = self.base + span.start..self.base + span.end;
        self.errors.push(d.span(self.text, span));
    }

    /// An error at the line that sets `key`.
    fn push_at_key(&mut self, key: &str, d: Diagnostic) {
        let offset = key_offset(self.front, key);
        self.push_at(d, offset);
    }

    /// Reports every key the page may not have; a syntax error ends the check.
    fn unknown_keys(&mut self, allowed: &Allowed<'_>) -> Result<(), Vec<Diagnostic>> {
        let mut keys: Vec<&str> = tomlcheck::fields_of::<Raw>()
            .iter()
            .copied()
            .filter(|k| allowed.is_section || !SECTION_KEYS.contains(k))
            .collect();
        keys.extend(allowed.fields.iter().copied());
        let shape = Shape::leaves(keys.iter().copied());
        let unknown = tomlcheck::unknown_keys(self.front, &shape).map_err(|e| {
            let d = toml_error(self.shown, self.front, &e);
            vec![shift(d, self.text, self.base, &e)]
        })?;
        for u in &unknown {
            let mut hint = tomlcheck::hint_for(u);
            if !allowed.is_section && SECTION_KEYS.contains(&u.path.as_str()) {
                hint = format!("`{}` only applies to a section's `_index.md`", u.path);
            }
            let message = format!("unknown front matter key `{}`", u.path);
            self.push_span(
                Diagnostic::error(Code::UnknownKey, self.shown, message).hint(hint),
                &u.span,
            );
        }
        Ok(())
    }

    fn title(&mut self, title: Option<String>) -> String {
        match title {
            Some(t) if !t.trim().is_empty() => t,
            Some(_) => {
                self.push_at_key(
                    "title",
                    Diagnostic::error(Code::MissingTitle, self.shown, "`title` is empty"),
                );
                String::new()
            }
            None => {
                let line = opening_line(self.text, self.base);
                self.errors.push(
                    Diagnostic::error(
                        Code::MissingTitle,
                        self.shown,
                        "missing `title` in front matter",
                    )
                    .at(self.text, line)
                    .hint("add a line such as `title = \"Share the credit\"`"),
                );
                String::new()
            }
        }
    }

    /// A date given as a TOML date or a string that holds one.
    fn date(&mut self, key: &str, value: Option<toml::Value>) -> Option<Datetime> {
        let problem = match value? {
            toml::Value::Datetime(d) if d.date.is_some() => return Some(d),
            toml::Value::String(s) => match s.trim().parse::<Datetime>() {
                Ok(d) if d.date.is_some() => return Some(d),
                _ => format!("`{key}` is not a date: `{s}`"),
            },
            other => format!("`{key}` must be a date, got {}", other.type_str()),
        };
        let hint = format!("write a date like `{key} = 2026-04-17`");
        self.push_at_key(
            key,
            Diagnostic::error(Code::InvalidValue, self.shown, problem).hint(hint),
        );
        None
    }

    /// The slug, the tags and the template names: each must make a usable name.
    fn names(&mut self, raw: &Raw) {
        if let Some(slug) = raw.slug.as_ref().filter(|s| !valid_slug(s)) {
            let d = Diagnostic::error(Code::InvalidValue, self.shown, format!("invalid slug `{slug}`")).hint(
                "a slug is lowercase letters, digits, `-` and `_`, e.g. `slug = \"share-the-credit\"`",
            );
            self.push_at_key("slug", d);
        }
        for tag in &raw.tags {
            if tag.trim().is_empty() || crate::slug::slugify(tag).is_empty() {
                let message = format!("tag `{tag}` has no letters or digits");
                let d = Diagnostic::error(Code::InvalidValue, self.shown, message)
                    .hint("use words such as `tags = [\"meetings\", \"remote-work\"]`");
                self.push_at_key("tags", d);
            }
        }
        for (key, name) in [
            ("template", &raw.template),
            ("page_template", &raw.page_template),
        ] {
            if let Some(name) = name.as_ref().filter(|n| !valid_template_name(n)) {
                let d = Diagnostic::error(Code::InvalidValue, self.shown, format!("invalid template name `{name}`"))
                    .hint("name a file of the theme's `templates/` folder, e.g. `template = \"page.html\"`");
                self.push_at_key(key, d);
            }
        }
    }

    /// The collection's fields: text values, each with its offset in the file.
    fn fields(&mut self, allowed: &Allowed<'_>) -> BTreeMap<String, (String, usize)> {
        let mut fields = BTreeMap::new();
        if allowed.fields.is_empty() {
            return fields;
        }
        let Ok(table) = toml::de::DeTable::parse(self.front) else {
            return fields;
        };
        for (key, value) in table.get_ref().iter() {
            let name = key.get_ref().as_ref();
            if !allowed.fields.contains(&name) {
                continue;
            }
            let start = value.span().start;
            match value.get_ref().as_str() {
                Some(s) => {
                    fields.insert(name.to_string(), (s.to_string(), self.base + start));
                }
                None => {
                    let kind = value.get_ref().type_str();
                    let d = Diagnostic::error(
                        Code::WrongType,
                        self.shown,
                        format!("`{name}` must be text, got {kind}"),
                    )
                    .hint(format!("write `{name} = \"...\"`"));
                    self.push_at(d, start);
                }
            }
        }
        fields
    }
}

/// Start of the opening `+++` line, for problems with the front matter as a whole.
pub fn opening_line(text: &str, front_offset: usize) -> usize {
    let before = text[..front_offset].trim_end_matches(['\n', '\r']);
    before.rfind('\n').map_or(0, |i| i + 1)
}

/// Re-positions a toml error from the front matter block into the file.
fn shift(d: Diagnostic, text: &str, base: usize, e: &toml::de::Error) -> Diagnostic {
    match e.span() {
        Some(span) => Diagnostic {
            source_line: None,
            end: None,
            ..d
        }
        .span(text, base + span.start..base + span.end),
        None => d.at(text, base),
    }
}

pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn valid_template_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains("..")
        && !name.contains('\\')
        && !name.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_keys_are_front_matter_fields() {
        let fields = tomlcheck::fields_of::<Raw>();
        for key in SECTION_KEYS {
            assert!(fields.contains(key), "`{key}` is not a field of `Raw`");
        }
    }

    fn parse_file(text: &str, allowed: &Allowed<'_>) -> Result<FrontMatter, Vec<Diagnostic>> {
        let split = split(text, "a.md").map_err(|d| vec![d])?;
        parse(text, &split, "a.md", allowed)
    }

    #[test]
    fn splits_front_matter_and_body_with_offsets() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(text, "a.md").unwrap();
        assert_eq!(s.front, "title = \"A\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(&text[s.body_offset..], "Body\n");
    }

    #[test]
    fn accepts_crlf_and_bom() {
        let text = "\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n";
        let fm = parse_file(text, &Allowed::default()).unwrap();
        assert_eq!(fm.title, "A");
    }

    #[test]
    fn yaml_gets_a_toml_translation_hint() {
        let err = split("---\ntitle: Hello\ntags: [a]\n---\n", "a.md").unwrap_err();
        assert_eq!(err.location(), "a.md:1:1");
        let hint = err.hint.unwrap();
        assert!(hint.contains("title = \"Hello\""), "{hint}");
        assert!(hint.contains("tags = [a]"), "{hint}");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        assert_eq!(
            split("+++\ntitle = \"x\"\n", "a.md").unwrap_err().message,
            "front matter is never closed"
        );
        assert!(
            split("# Hi\n", "a.md")
                .unwrap_err()
                .message
                .starts_with("missing front matter")
        );
    }

    #[test]
    fn unknown_key_position_is_counted_in_the_file() {
        let errs = parse_file(
            "+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n",
            &Allowed::default(),
        )
        .unwrap_err();
        assert_eq!(errs[0].location(), "a.md:3:1");
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn missing_title_and_bad_date_are_reported_together() {
        let errs = parse_file("+++\ndate = \"soon\"\n+++\n", &Allowed::default()).unwrap_err();
        let messages: Vec<_> = errs.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.contains(&"missing `title` in front matter"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"`date` is not a date: `soon`"),
            "{messages:?}"
        );
    }

    #[test]
    fn collection_fields_are_allowed_only_where_declared() {
        let text = "+++\ntitle = \"A\"\nact = \"x\"\n+++\n";
        assert!(parse_file(text, &Allowed::default()).is_err());
        let allowed = Allowed {
            is_section: false,
            fields: vec!["act"],
            default_title: None,
        };
        let fm = parse_file(text, &allowed).unwrap();
        assert_eq!(
            fm.fields["act"],
            ("x".to_string(), text.find("\"x\"").unwrap())
        );
    }

    #[test]
    fn slugs_with_paths_are_rejected() {
        let errs = parse_file(
            "+++\ntitle = \"A\"\nslug = \"../x\"\n+++\n",
            &Allowed::default(),
        )
        .unwrap_err();
        assert_eq!(errs[0].message, "invalid slug `../x`");
        assert_eq!(errs[0].location(), "a.md:3:1");
    }

    #[test]
    fn sort_by_is_for_sections_only() {
        let text = "+++\ntitle = \"A\"\nsort_by = \"date\"\n+++\n";
        let errs = parse_file(text, &Allowed::default()).unwrap_err();
        assert!(errs[0].hint.as_deref().unwrap().contains("_index.md"));
        let allowed = Allowed {
            is_section: true,
            fields: vec![],
            default_title: None,
        };
        assert_eq!(
            parse_file(text, &allowed).unwrap().sort_by,
            Some(SortBy::Date)
        );
    }
}
