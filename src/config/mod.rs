//! `book.toml`: schema, defaults and validation. Knows nothing about content files.
//!
//! Collections (a folder of similar pages with extra front matter fields) and relations (a field
//! whose value names a page of another section) are declared here, so the engine and the default
//! theme are not tied to this handbook's words: a collection says which of its fields names the
//! contributor and which the setting, how many of its pages the home page shows, and which page
//! tells contributors how to add one. With no `[collections]` table, one `examples` collection
//! related to `acts` is assumed (the layout `handbook init` makes), which is why a bare
//! `[book] title` is a complete config.

mod mdbook;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::frontmatter::SortBy;
use crate::output::is_safe_relative;
use crate::theme::templates;
use crate::tomlcheck::{self, Shape, key_offset, toml_error};
use crate::urls;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub book: Book,
    pub build: Build,
    pub extra: toml::Table,
    pub collections: Vec<Collection>,
    pub contribute: crate::contribute::Contribute,
    /// The languages besides the default one (`[book] language`), by code.
    pub languages: Vec<crate::i18n::Language>,
    /// Set when the project is an mdBook book (see [`crate::mdbook`]).
    pub mdbook: Option<crate::mdbook::Book>,
    /// Hash of the `book.toml` text this config was read from: a session's caches hold while it
    /// (and the command line) stay the same.
    pub source_key: u64,
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
    /// Entries per page of every listing (a section's pages, a collection, the pages that point
    /// at a page, a tag), unless a collection or a section says otherwise; 0 for one page.
    pub paginate_by: usize,
    /// Content folders whose pages come from the public (besides untrusted collections).
    pub untrusted: Vec<String>,
}

impl Default for Build {
    fn default() -> Self {
        Build {
            content: "content".into(),
            output: "public".into(),
            theme: "default".into(),
            drafts: false,
            paginate_by: PAGINATE_BY,
            untrusted: Vec::new(),
        }
    }
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
    /// The field (one of `fields`) naming who contributed a page: shown with it, and its
    /// author in feeds.
    pub author_field: Option<String>,
    /// The field (one of `fields`) naming where the story happened (work, family, ...).
    pub setting_field: Option<String>,
    pub relations: Vec<Relation>,
    pub template: String,
    pub section_template: String,
    /// Whether raw HTML in its pages is kept as written. Collections hold contributions from the
    /// public, so by default their raw HTML is sanitized and dangerous link schemes refused.
    pub trusted: bool,
    /// How many of its pages the home page shows (in its order).
    pub home_pages: usize,
    /// Whether its pages show a "last updated" date (from front matter `updated` or git).
    pub show_updated: bool,
    /// Entries per page of its listing and of the lists of pages that point at a page through
    /// its relations; `None` for `[build] paginate_by`.
    pub paginate_by: Option<usize>,
    /// The page (content-relative `.md` path) that tells contributors how to add one; the home
    /// page invites readers to it.
    pub guide: Option<String>,
    /// A "Share your …" page with a form that writes a new item's file (`<listing>share/`).
    pub share: bool,
    /// Its items written in one language only are also shown in every other language's site
    /// (with a language badge), not only in their own.
    pub every_language: bool,
    /// Field and relation names as readers see them (`act` -> `Acto` on a Spanish site;
    /// default: the name, capitalized). Set by a language's `collections` table.
    pub labels: BTreeMap<String, String>,
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

/// Entries per listing page unless `[build] paginate_by` says otherwise.
pub const PAGINATE_BY: usize = 20;
/// Pages of each collection on the home page, unless `home_pages` says otherwise.
pub const HOME_PAGES: usize = 6;

impl Collection {
    /// The collection assumed without a `[collections]` table: what `handbook init` makes.
    pub fn default_examples() -> Collection {
        Collection {
            name: "examples".into(),
            section: "examples".into(),
            item: "example".into(),
            sort_by: SortBy::Date,
            fields: vec!["contributor".into(), "context".into()],
            author_field: Some("contributor".into()),
            setting_field: Some("context".into()),
            relations: vec![Relation {
                field: "act".into(),
                section: "acts".into(),
                required: true,
                target_template: templates::TARGET.into(),
            }],
            template: templates::ITEM.into(),
            section_template: templates::LISTING.into(),
            trusted: false,
            home_pages: HOME_PAGES,
            show_updated: true,
            paginate_by: None,
            guide: None,
            share: true,
            every_language: false,
            labels: BTreeMap::new(),
        }
        .with_labels()
    }

    /// Every field and relation with its label: its name, capitalized.
    fn with_labels(mut self) -> Collection {
        let names = self
            .fields
            .iter()
            .chain(self.relations.iter().map(|r| &r.field));
        self.labels = names.map(|f| (f.clone(), urls::humanize(f))).collect();
        self
    }
}

impl Config {
    /// True for pages in a folder whose content comes from the public: an untrusted collection,
    /// or a folder listed in `[build] untrusted`.
    pub fn is_untrusted(&self, dir: &str) -> bool {
        use crate::urls::in_section;
        self.collections
            .iter()
            .any(|c| !c.trusted && in_section(dir, &c.section))
            || self
                .build
                .untrusted
                .iter()
                .any(|f| in_section(dir, f.trim_matches('/')))
    }

    /// Whether the site has its one-page print version (an mdBook book can turn it off).
    pub fn has_print(&self) -> bool {
        self.mdbook.as_ref().is_none_or(|b| b.print)
    }

    /// Whether the site has search (an mdBook book can turn it off).
    pub fn has_search(&self) -> bool {
        self.mdbook.as_ref().is_none_or(|b| b.search)
    }

    /// The collection whose listing is the section folder `section`.
    pub fn collection_for_section(&self, section: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.section == section)
    }

    /// The collection a page in folder `dir` belongs to (its section or below), for pages that
    /// are not a section's own `_index.md`.
    pub fn collection_of(&self, dir: &str) -> Option<&Collection> {
        self.collections
            .iter()
            .find(|c| urls::in_section(dir, &c.section))
    }

    /// The relation whose target pages live in the folder `section`.
    pub fn relation_into(&self, section: &str) -> Option<&Relation> {
        self.collections
            .iter()
            .flat_map(|c| &c.relations)
            .find(|r| r.section == section)
    }
}

/// `url` as a base URL (no trailing slash) if it is an absolute http(s) URL.
pub fn base_url(url: &str) -> Option<String> {
    is_http_url(url).then(|| url.trim_end_matches('/').to_string())
}

fn is_http_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfig {
    book: Book,
    build: Build,
    extra: toml::Table,
    collections: Option<BTreeMap<String, RawCollection>>,
    contribute: crate::contribute::RawContribute,
    mdbook: Option<mdbook::RawMdbook>,
    languages: BTreeMap<String, crate::i18n::RawLanguage>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawCollection {
    section: Option<String>,
    item: Option<String>,
    sort_by: Option<SortBy>,
    fields: Vec<String>,
    author_field: Option<String>,
    setting_field: Option<String>,
    relations: BTreeMap<String, RawRelation>,
    template: Option<String>,
    section_template: Option<String>,
    trusted: bool,
    home_pages: Option<usize>,
    show_updated: Option<bool>,
    paginate_by: Option<usize>,
    guide: Option<String>,
    share: Option<bool>,
    every_language: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawRelation {
    section: String,
    required: bool,
    template: Option<String>,
}

/// The keys book.toml may hold: the fields of the structs that read it.
fn shape() -> Shape {
    let collection = Shape::of::<RawCollection>().with(
        "relations",
        Shape::MapOf(Box::new(Shape::of::<RawRelation>())),
    );
    Shape::of::<RawConfig>()
        .with("book", Shape::of::<Book>())
        .with("build", Shape::of::<Build>())
        .with("collections", Shape::MapOf(Box::new(collection)))
        .with(
            "contribute",
            Shape::of::<crate::contribute::RawContribute>(),
        )
        .with("mdbook", Shape::of::<mdbook::RawMdbook>())
        .with(
            "languages",
            Shape::MapOf(Box::new(Shape::of::<crate::i18n::RawLanguage>().with(
                "collections",
                Shape::MapOf(Box::new(Shape::of::<crate::i18n::RawLanguageCollection>())),
            ))),
        )
}

/// Reports semantic errors at the line that sets a key.
struct Checker<'a> {
    text: &'a str,
    shown: &'a str,
    diags: &'a Diagnostics,
    ok: bool,
}

impl Checker<'_> {
    fn error_at(&mut self, key: &str, message: String, hint: &str) {
        let offset = key_offset(self.text, key);
        self.diags.push(
            Diagnostic::error(Code::InvalidConfig, self.shown, message)
                .at(self.text, offset)
                .hint(hint),
        );
        self.ok = false;
    }
}

impl Config {
    /// Loads `<root>/book.toml`. Problems in the file are pushed to `diags`; `None` means the
    /// config is unusable (errors were reported).
    pub fn load(root: &Path, diags: &Diagnostics) -> Option<Config> {
        let path = root.join(CONFIG_FILE);
        let shown = urls::shown(Path::new(CONFIG_FILE));
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                diags.push(
                    Diagnostic::error(
                        Code::NoConfig,
                        shown,
                        format!("no book.toml in `{}`", root.display()),
                    )
                    .hint("run `handbook init <dir>` to create a handbook, or pass `--root <dir>`"),
                );
                return None;
            }
            Err(e) => {
                diags.push(Diagnostic::error(
                    Code::UnreadableFile,
                    shown,
                    format!("cannot read book.toml: {e}"),
                ));
                return None;
            }
        };
        let text = crate::diagnostics::utf8_text(bytes, &shown)
            .map_err(|d| diags.push(d))
            .ok()?;
        if let Some(src) = mdbook::detect(root, &text) {
            return mdbook::load(root, src, &text, &shown, diags);
        }
        let mut config = Config::parse(&text, &shown, diags)?;
        if let Some(mut book) = config.mdbook.take() {
            for (_, abs) in &mut book.extra_files {
                *abs = root.join(&*abs);
            }
            mdbook::read_outline(root, book, &mut config, diags)?;
        }
        Some(config)
    }

    /// Parses book.toml text; `shown` is the path used in diagnostics.
    pub fn parse(text: &str, shown: &str, diags: &Diagnostics) -> Option<Config> {
        let source_key = crate::fingerprint::of_bytes(text.as_bytes());
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
                Diagnostic::error(Code::UnknownKey, shown, message)
                    .span(text, u.span.clone())
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
        let mut check = Checker {
            text,
            shown,
            diags,
            ok: true,
        };
        let contribute = match crate::contribute::check(raw.contribute, &raw.book.repository) {
            Ok(c) => c,
            Err((key, message, hint)) => {
                check.error_at(key, message, &hint);
                crate::contribute::Contribute::default()
            }
        };
        let book = check_book(raw.book, &mut check);
        let languages = crate::i18n::check(
            raw.languages,
            &book.language,
            &book.title,
            &book.description,
        )
        .unwrap_or_else(|(key, message, hint)| {
            check.error_at(&key, message, &hint);
            Vec::new()
        });
        check_build(&raw.build, &mut check);
        let collections = match raw.collections {
            None => vec![Collection::default_examples()],
            Some(map) => map
                .into_iter()
                .map(|(name, c)| collection(name, c, &mut check))
                .collect(),
        };
        let mdbook = raw
            .mdbook
            .map(|m| mdbook::outline_book(m, &raw.build.content, &mut check));
        check.ok.then_some(Config {
            book,
            build: raw.build,
            extra: raw.extra,
            collections,
            contribute,
            languages,
            mdbook,
            source_key,
        })
    }
}

fn check_book(mut book: Book, check: &mut Checker<'_>) -> Book {
    if book.title.trim().is_empty() {
        check.error_at(
            "title",
            "book.toml needs a title".into(),
            "add `[book]` with `title = \"My handbook\"`",
        );
    }
    if !book.base_url.is_empty() {
        match base_url(&book.base_url) {
            Some(url) => book.base_url = url,
            None => check.error_at(
                "base_url",
                format!(
                    "`base_url` must be an absolute http(s) URL, got `{}`",
                    book.base_url
                ),
                "for example `base_url = \"https://example.org/handbook/\"`",
            ),
        }
    }
    for (key, value) in [
        ("repository", &book.repository),
        ("edit_url", &book.edit_url),
        ("propose_url", &book.propose_url),
    ] {
        if !value.is_empty() && !is_http_url(value) {
            check.error_at(
                key,
                format!("`{key}` must be an absolute http(s) URL, got `{value}`"),
                "for example `https://github.com/org/handbook`",
            );
        }
    }
    if !book.edit_url.is_empty() && !book.edit_url.contains("{path}") {
        check.error_at(
            "edit_url",
            "`edit_url` needs `{path}` where the page's file path goes".into(),
            "for example `edit_url = \"https://github.com/org/repo/edit/main/{path}\"`",
        );
    }
    if book.language.trim().is_empty() {
        book.language = "en".into();
    }
    book
}

fn check_build(build: &Build, check: &mut Checker<'_>) {
    // `is_safe_relative` also refuses a Windows drive (`C:x`), which `join` would put in place of
    // the themes folder.
    if !is_safe_relative(&build.theme) || build.theme.contains('/') || build.theme.starts_with('.')
    {
        check.error_at(
            "theme",
            format!("invalid theme name `{}`", build.theme),
            "a theme is a folder name under `themes/`, e.g. `theme = \"default\"`",
        );
    }
}

/// A declared collection with its defaults filled in and its values checked.
fn collection(name: String, c: RawCollection, check: &mut Checker<'_>) -> Collection {
    let section = c.section.unwrap_or_else(|| name.clone());
    let section = section.trim_matches('/').to_string();
    // `new` joins it to the content folder: `..\\x` must not pass on Windows, where `\\` is a
    // separator (and on Unix it names no folder a page can be in).
    if !is_safe_relative(&section) || section.split('/').any(str::is_empty) {
        check.error_at(
            &name,
            format!("collection `{name}` has an invalid section `{section}`"),
            "a section is a folder under the content folder, e.g. `section = \"examples\"`",
        );
    }
    for (key, field) in [
        ("author_field", &c.author_field),
        ("setting_field", &c.setting_field),
    ] {
        if let Some(field) = field.as_ref().filter(|f| !c.fields.contains(f)) {
            check.error_at(
                key,
                format!("`{key}` of collection `{name}` names `{field}`, which is not one of its `fields`"),
                &format!("add `{field}` to `fields`, or name one of: {}", c.fields.join(", ")),
            );
        }
    }
    if let Some(guide) = c.guide.as_ref().filter(|g| !g.ends_with(".md")) {
        check.error_at(
            "guide",
            format!("`guide` of collection `{name}` must be a page, got `{guide}`"),
            "give the `.md` file's path under the content folder, e.g. `guide = \"contribute.md\"`",
        );
    }
    let relations = c
        .relations
        .into_iter()
        .map(|(field, r)| Relation {
            field,
            section: r.section.trim_matches('/').to_string(),
            required: r.required,
            target_template: r.template.unwrap_or_else(|| templates::TARGET.into()),
        })
        .collect();
    Collection {
        item: c
            .item
            .unwrap_or_else(|| name.strip_suffix('s').unwrap_or(&name).to_string()),
        section,
        sort_by: c.sort_by.unwrap_or(SortBy::Date),
        fields: c.fields,
        author_field: c.author_field,
        setting_field: c.setting_field,
        relations,
        template: c.template.unwrap_or_else(|| templates::ITEM.into()),
        section_template: c
            .section_template
            .unwrap_or_else(|| templates::LISTING.into()),
        trusted: c.trusted,
        home_pages: c.home_pages.unwrap_or(HOME_PAGES),
        show_updated: c.show_updated.unwrap_or(true),
        paginate_by: c.paginate_by,
        guide: c.guide.map(|g| g.trim_start_matches('/').to_string()),
        share: c.share.unwrap_or(true),
        every_language: c.every_language,
        labels: BTreeMap::new(),
        name,
    }
    .with_labels()
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
        assert_eq!(config.collections, vec![Collection::default_examples()]);
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
        assert_eq!(
            diags[0].message,
            "`drafts` must be `true` or `false`, not the text \"yes\""
        );
        assert_eq!(diags[0].hint.as_deref(), Some("write `drafts = true`"));
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

    /// A section or theme is joined to a folder: one that could leave it on some system is an
    /// error on every system (`..\\x` passed the `/`-only check and left the content folder on
    /// Windows).
    #[test]
    fn sections_and_themes_stay_inside_their_folder() {
        let section = |s: &str| {
            parse(&format!(
                "[book]\ntitle = \"T\"\n[collections.x]\nsection = '{s}'\n"
            ))
            .0
            .is_some()
        };
        let theme = |t: &str| {
            parse(&format!("[book]\ntitle = \"T\"\n[build]\ntheme = '{t}'\n"))
                .0
                .is_some()
        };
        for (value, ok) in [
            ("guides", true),
            ("guides/how-to", true),
            ("/guides/", true),
            ("..", false),
            ("a/../../b", false),
            ("..\\outside", false),
            ("a//b", false),
        ] {
            assert_eq!(section(value), ok, "section {value}");
        }
        for (value, ok) in [
            ("default", true),
            ("../x", false),
            ("a\\b", false),
            (".hidden", false),
            ("", false),
        ] {
            assert_eq!(theme(value), ok, "theme {value}");
        }
        #[cfg(windows)]
        for drive in ["C:x", "C:\\x"] {
            assert!(!section(drive) && !theme(drive), "{drive}");
        }
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
