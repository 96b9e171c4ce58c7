//! Entry points for the fuzz targets in `fuzz/fuzz_targets/` and for `tests/fuzzed.rs`, which
//! replays the cases kept in `tests/fuzz-regressions/`: each takes arbitrary bytes and runs one
//! stage (or the whole in-memory pipeline) on them through the library's public API. The
//! property checked is that nothing panics; what the stages report is their own business.
//!
//! Both include this file as a module (`#[path]`), so it is not part of the library's API.

use handbook::config::Config;
use handbook::diagnostics::Diagnostics;
use handbook::discover::SourceFile;
use handbook::frontmatter::{self, Allowed};
use handbook::page;
use handbook::render::{self, Scope};
use handbook::search;
use handbook::site::{self, LinkInput};
use handbook::theme::Theme;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The front matter splitter and parser, as for an example page.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(split) = frontmatter::split(text, "f.md") {
        let allowed = Allowed {
            is_section: false,
            fields: vec!["contributor", "context", "act"],
            default_title: None,
        };
        let _ = frontmatter::parse(text, &split, "f.md", &allowed);
    }
}

/// The `book.toml` loader.
pub fn config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Config::parse(text, "book.toml", &Diagnostics::new());
    }
}

/// One example page through parse, link, render and the search index, in memory.
pub fn page(data: &[u8]) {
    static SETUP: OnceLock<(Config, Theme)> = OnceLock::new();
    let (config, theme) = SETUP.get_or_init(|| {
        let diags = Diagnostics::new();
        let config = Config::parse("[book]\ntitle = \"Fuzz\"\n", "book.toml", &diags)
            .expect("a title alone is a valid config");
        let theme = Theme::load(
            Path::new("/nonexistent-handbook-fuzz-root"),
            "default",
            &diags,
        )
        .expect("the built-in theme loads");
        (config, theme)
    });
    let file = |rel: &str| SourceFile {
        rel: rel.to_string(),
        abs: PathBuf::from(rel),
        shown: format!("content/{rel}"),
    };
    let mut pages = Vec::new();
    let act = b"+++\ntitle = \"Act\"\n+++\n## Why\nText.\n".to_vec();
    for (rel, bytes) in [("acts/one.md", act), ("examples/fuzzed.md", data.to_vec())] {
        if let Ok(p) = page::parse_source(&file(rel), bytes, config) {
            pages.push(Arc::new(p));
        }
    }
    let diags = Diagnostics::new();
    let linked = site::link(
        LinkInput {
            config,
            pages,
            assets: Vec::new(),
            drafts: HashSet::new(),
            broken: HashSet::new(),
            static_files: HashSet::new(),
            content_shown: "content".into(),
            history: HashMap::new(),
            style: handbook::urls::Style::Pretty,
            elsewhere: HashMap::new(),
            files_up: String::new(),
        },
        &diags,
    );
    let job = render::Job {
        previous: &HashMap::new(),
        scope: Scope::All,
        sink: None,
        keep: true,
    };
    let _ = render::render_site(&linked, theme, job, &diags);
    let _ = search::Index::build(&linked).files();
}
