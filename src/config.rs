//! `book.toml`: schema, defaults and validation. Knows nothing about content files.
//!
//! Collections (a folder of similar pages with extra front matter fields) and relations (a field
//! whose value names a page of another section) are declared here, so the tool is not tied to
//! this handbook's words. With no `[collections]` table, the handbook's own `examples` collection
//! (related to `acts`) is assumed, which is why a bare `[book] title` is a complete config.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::tomlcheck::{self, Shape};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Clone)]
pub struct Config {
    pub book: Book,
    pub build: Build,
    pub extra: toml::Table,
    pub collections: Vec<Collection>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Book {
    pub title: String,
    pub description: String,
    pub language: String,
    pub authors: Vec<String>,
    /// Without trailing slash; empty when not set.
    pub base_url: String,
    /// The source repository's web page (shown in the footer); empty when not set.
    pub repository: String,
    /// Where to edit a page's source, with `{path}` for its project-relative path, e.g.
    /// `https://github.com/org/repo/edit/main/{path}`.
    pub edit_url: String,
    /// Where a reader can propose a new example (e.g. the repository's new-file page).
    pub propose_url: String,
}

impl Default for Book {
    fn default() -> Self {
        Book {
            title: String::new(),
            description: String::new(),
            language: "en".into(),
            authors: Vec::new(),
            base_url: String::new(),
            repository: String::new(),
            edit_url: String::new(),
            propose_url: String::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Build {
    pub content: PathBuf,
    pub output: PathBuf,
    pub theme: String,
    pub drafts: bool,
    /// Content folders whose pages come from the public (besides untrusted collections).
    pub untrusted: Vec<String>,
    /// Links spelled `dir/index.html` for reading from disk (`build --offline`; not a key).
    #[serde(skip)]
    pub offline: bool,
}

impl Default for Build {
    fn default() -> Self {
        Build {
            content: "content".into(),
            output: "public".into(),
            theme: "default".into(),
            drafts: false,
            untrusted: Vec::new(),
            offline: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Lowest weight first, then title.
    Weight,
    Title,
}

/// A folder of pages that share extra front matter fields and relations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub name: String,
    /// Folder under the content directory, `/`-separated.
    pub section: String,
    /// Singular name used by `handbook new <item>`.
    pub item: String,
    pub sort_by: SortBy,
    /// Extra free-text front matter keys allowed in this collection's pages.
    pub fields: Vec<String>,
    pub relations: Vec<Relation>,
    pub template: String,
    pub section_template: String,
    /// Whether raw HTML in its pages is kept as written. Collections hold contributions from the
    /// public, so by default their raw HTML is sanitized and dangerous link schemes refused.
    pub trusted: bool,
}

/// A front matter field whose value is the slug of a page in another section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub field: String,
    pub section: String,
    pub required: bool,
    /// Template for the pages of the target section (they list the pages that point to them).
    pub target_template: String,
}

impl Collection {
    pub fn handbook_examples() -> Collection {
        Collection {
            name: "examples".into(),
            section: "examples".into(),
            item: "example".into(),
            sort_by: SortBy::Date,
            fields: vec!["contributor".into(), "context".into()],
            relations: vec![Relation {
                field: "act".into(),
                section: "acts".into(),
                required: true,
                target_template: "act.html".into(),
            }],
            template: "example.html".into(),
            section_template: "examples.html".into(),
            trusted: false,
        }
    }
}

impl Config {
    /// True for pages in a folder whose content comes from the public: an untrusted collection,
    /// or a folder listed in `[build] untrusted`.
    pub fn is_untrusted(&self, dir: &str) -> bool {
        use crate::page::in_section;
        self.collections
            .iter()
            .any(|c| !c.trusted && in_section(dir, &c.section))
            || self
                .build
                .untrusted
                .iter()
                .any(|f| in_section(dir, f.trim_matches('/')))
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfig {
    book: Book,
    build: Build,
    extra: toml::Table,
    collections: Option<BTreeMap<String, RawCollection>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawCollection {
    section: Option<String>,
    item: Option<String>,
    sort_by: Option<SortBy>,
    fields: Vec<String>,
    relations: BTreeMap<String, RawRelation>,
    template: Option<String>,
    section_template: Option<String>,
    trusted: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawRelation {
    section: String,
    required: bool,
    template: Option<String>,
}

fn shape() -> Shape {
    let relation = Shape::leaves(["section", "required", "template"]);
    let collection = Shape::table([
        ("section", Shape::Any),
        ("item", Shape::Any),
        ("sort_by", Shape::Any),
        ("fields", Shape::Any),
        ("relations", Shape::MapOf(Box::new(relation))),
        ("template", Shape::Any),
        ("section_template", Shape::Any),
        ("trusted", Shape::Any),
    ]);
    Shape::table([
        (
            "book",
            Shape::leaves([
                "title",
                "description",
                "language",
                "authors",
                "base_url",
                "repository",
                "edit_url",
                "propose_url",
            ]),
        ),
        (
            "build",
            Shape::leaves(["content", "output", "theme", "drafts", "untrusted"]),
        ),
        ("extra", Shape::Any),
        ("collections", Shape::MapOf(Box::new(collection))),
    ])
}

impl Config {
    /// Loads `<root>/book.toml`. Problems in the file are pushed to `diags`; `None` means the
    /// config is unusable (errors were reported).
    pub fn load(root: &Path, diags: &Diagnostics) -> Option<Config> {
        let path = root.join(CONFIG_FILE);
        let shown = display_path(root, Path::new(CONFIG_FILE));
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    diags.push(
                        Diagnostic::error(shown, "book.toml is not valid UTF-8").at(&lossy, valid),
                    );
                    return None;
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                diags.push(
                    Diagnostic::error(shown, format!("no book.toml in `{}`", root.display())).hint(
                        "run `handbook init <dir>` to create a handbook, or pass `--root <dir>`",
                    ),
                );
                return None;
            }
            Err(e) => {
                diags.push(Diagnostic::error(
                    shown,
                    format!("cannot read book.toml: {e}"),
                ));
                return None;
            }
        };
        Config::parse(&text, &shown, diags)
    }

    /// Parses book.toml text; `shown` is the path used in diagnostics.
    pub fn parse(text: &str, shown: &str, diags: &Diagnostics) -> Option<Config> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let unknown = match tomlcheck::unknown_keys(text, &shape()) {
            Ok(u) => u,
            Err(e) => {
                diags.push(toml_error(shown, text, &e));
                return None;
            }
        };
        for u in &unknown {
            let message = format!("unknown key `{}` in book.toml", u.path);
            diags.push(
                Diagnostic::error(shown, message)
                    .at(text, u.span.start)
                    .hint(tomlcheck::hint_for(u)),
            );
        }
        let raw: RawConfig = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                diags.push(toml_error(shown, text, &e));
                return None;
            }
        };
        if !unknown.is_empty() {
            return None;
        }
        let mut ok = true;
        let mut error_at = |key: &str, message: String, hint: &str| {
            let offset = key_offset(text, key);
            diags.push(
                Diagnostic::error(shown, message)
                    .at(text, offset)
                    .hint(hint),
            );
            ok = false;
        };
        let mut book = raw.book;
        if book.title.trim().is_empty() {
            error_at(
                "title",
                "book.toml needs a title".into(),
                "add `[book]` with `title = \"My handbook\"`",
            );
        }
        if !book.base_url.is_empty() {
            if !(book.base_url.starts_with("https://") || book.base_url.starts_with("http://")) {
                error_at(
                    "base_url",
                    format!(
                        "`base_url` must be an absolute http(s) URL, got `{}`",
                        book.base_url
                    ),
                    "for example `base_url = \"https://example.org/handbook/\"`",
                );
            }
            book.base_url = book.base_url.trim_end_matches('/').to_string();
        }
        for (key, value) in [
            ("repository", &book.repository),
            ("edit_url", &book.edit_url),
            ("propose_url", &book.propose_url),
        ] {
            let absolute = value.starts_with("https://") || value.starts_with("http://");
            if !value.is_empty() && !absolute {
                error_at(
                    key,
                    format!("`{key}` must be an absolute http(s) URL, got `{value}`"),
                    "for example `https://github.com/org/handbook`",
                );
            }
        }
        if !book.edit_url.is_empty() && !book.edit_url.contains("{path}") {
            error_at(
                "edit_url",
                "`edit_url` needs `{path}` where the page's file path goes".into(),
                "for example `edit_url = \"https://github.com/org/repo/edit/main/{path}\"`",
            );
        }
        if book.language.trim().is_empty() {
            book.language = "en".into();
        }
        let build = raw.build;
        if build.theme.is_empty()
            || build.theme.contains(['/', '\\'])
            || build.theme.starts_with('.')
        {
            error_at(
                "theme",
                format!("invalid theme name `{}`", build.theme),
                "a theme is a folder name under `themes/`, e.g. `theme = \"default\"`",
            );
        }
        let collections = match raw.collections {
            None => vec![Collection::handbook_examples()],
            Some(map) => map
                .into_iter()
                .map(|(name, c)| {
                    let section = c.section.unwrap_or_else(|| name.clone());
                    let section = section.trim_matches('/').to_string();
                    let item = c
                        .item
                        .unwrap_or_else(|| name.strip_suffix('s').unwrap_or(&name).to_string());
                    let relations = c
                        .relations
                        .into_iter()
                        .map(|(field, r)| Relation {
                            field,
                            section: r.section.trim_matches('/').to_string(),
                            required: r.required,
                            target_template: r.template.unwrap_or_else(|| "page.html".into()),
                        })
                        .collect();
                    Collection {
                        item,
                        section,
                        sort_by: c.sort_by.unwrap_or(SortBy::Date),
                        fields: c.fields,
                        relations,
                        template: c.template.unwrap_or_else(|| "page.html".into()),
                        section_template: c
                            .section_template
                            .unwrap_or_else(|| "section.html".into()),
                        trusted: c.trusted,
                        name,
                    }
                })
                .collect(),
        };
        for c in &collections {
            if c.section.is_empty()
                || c.section
                    .split('/')
                    .any(|s| s.is_empty() || s == "." || s == "..")
            {
                error_at(
                    &c.name,
                    format!(
                        "collection `{}` has an invalid section `{}`",
                        c.name, c.section
                    ),
                    "a section is a folder under the content folder, e.g. `section = \"examples\"`",
                );
            }
        }
        ok.then_some(Config {
            book,
            build,
            extra: raw.extra,
            collections,
        })
    }

    pub fn collection_for_section(&self, section: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.section == section)
    }
}

/// Byte offset of the first line that assigns `key`, or 0; used to place semantic errors.
fn key_offset(text: &str, key: &str) -> usize {
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

/// A toml syntax or type error as a diagnostic at its span.
pub fn toml_error(shown: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let d = Diagnostic::error(shown, format!("invalid TOML: {message}"));
    match e.span() {
        Some(span) => d.at(text, span.start),
        None => d,
    }
}

/// A path relative to the project root, as diagnostics carry it (the CLI prefixes `--root`).
pub fn display_path(_root: &Path, rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let diags = Diagnostics::new();
        let config = Config::parse(text, "book.toml", &diags);
        (config, diags.into_sorted())
    }

    #[test]
    fn title_alone_gets_handbook_defaults() {
        let (config, diags) = parse("[book]\ntitle = \"T\"\n");
        assert!(diags.is_empty(), "{diags:?}");
        let config = config.unwrap();
        assert_eq!(config.book.language, "en");
        assert_eq!(config.build.output, PathBuf::from("public"));
        assert_eq!(config.build.content, PathBuf::from("content"));
        assert!(!config.build.drafts);
        assert_eq!(config.collections, vec![Collection::handbook_examples()]);
    }

    #[test]
    fn unknown_keys_are_errors_with_position_and_hint() {
        let (config, diags) = parse("[book]\ntitle = \"T\"\n\n[build]\noutptu = \"x\"\n");
        assert!(config.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].location(), "book.toml:5:1");
        assert_eq!(diags[0].message, "unknown key `build.outptu` in book.toml");
        assert_eq!(diags[0].hint.as_deref(), Some("did you mean `output`?"));
    }

    #[test]
    fn extra_accepts_anything() {
        let (config, diags) = parse("[book]\ntitle = \"T\"\n[extra]\nwhatever = { a = 1 }\n");
        assert!(diags.is_empty());
        assert!(config.unwrap().extra.contains_key("whatever"));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let (_, diags) = parse("[book]\ntitle = \"T\"\n[build]\ndrafts = \"yes\"\n");
        assert_eq!(diags[0].location(), "book.toml:4:10");
        assert!(
            diags[0].message.contains("invalid TOML"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn empty_config_asks_for_a_title() {
        let (config, diags) = parse("");
        assert!(config.is_none());
        assert_eq!(diags[0].message, "book.toml needs a title");
    }

    #[test]
    fn declared_collections_replace_the_default() {
        let text = "[book]\ntitle = \"T\"\n[collections.recipes]\nsort_by = \"title\"\nfields = [\"cook\"]\n[collections.recipes.relations.cuisine]\nsection = \"cuisines\"\nrequired = true\n";
        let (config, diags) = parse(text);
        assert!(diags.is_empty(), "{diags:?}");
        let c = &config.unwrap().collections;
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].section.as_str(), c[0].item.as_str()),
            ("recipes", "recipe")
        );
        assert_eq!(c[0].sort_by, SortBy::Title);
        assert_eq!(c[0].relations[0].section, "cuisines");
    }

    #[test]
    fn base_url_must_be_absolute() {
        let (config, diags) = parse("[book]\ntitle = \"T\"\nbase_url = \"example.org\"\n");
        assert!(config.is_none());
        assert_eq!(diags[0].location(), "book.toml:3:1");
        let (config, _) = parse("[book]\ntitle = \"T\"\nbase_url = \"https://e.org/x/\"\n");
        assert_eq!(config.unwrap().book.base_url, "https://e.org/x");
    }
}
