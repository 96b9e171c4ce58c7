//! Each collection's share page (`<listing>share/`): a form, filled in by `assets/share.js`, that
//! writes the file `handbook new` would write for the same answers and hands it to the forge,
//! a download, the clipboard or an email. Here: the choices the form offers (relation targets
//! with their descriptions, settings and tags already in use) and the recipe of the file.

use super::context::{Kind, KindCtx, LinkCtx};
use super::{RenderedFile, Renderer};
use crate::config::Collection;
use crate::contribute::{MAX_MAILTO, MAX_URL, NewFile};
use crate::scaffold;
use crate::site::Site;
use crate::theme::{keys, templates};
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;

/// A collection's share page.
#[derive(Hash)]
pub struct Share {
    /// Its site URL, and as links spell it.
    pub url: String,
    pub link: String,
}

/// Collection name -> its share page, for collections that want one and have a listing.
pub fn shares(site: &Site) -> BTreeMap<String, Share> {
    site.config
        .collections
        .iter()
        .filter(|c| c.share)
        .filter_map(|c| {
            let s = site.sections.iter().find(|s| s.dir == c.section)?;
            let url = urls::share(&site.urls[s.page]);
            let link = site.style.link(&url);
            Some((c.name.clone(), Share { url, link }))
        })
        .collect()
}

/// What `share.html` sees as `share`.
#[derive(Serialize, Hash)]
pub struct ShareCtx<'a> {
    /// The collection's name and item (`examples`, `example`).
    pub name: &'a str,
    pub item: &'a str,
    /// Where the file goes, relative to the project (`content/examples`).
    pub folder: String,
    /// How its name ends: `.md`, or `.es.md` for a story shared from the Spanish site (so that
    /// it is that language's).
    pub ext: String,
    pub relations: Vec<ShareRelation<'a>>,
    pub fields: Vec<ShareField<'a>>,
    /// Tags in use in the collection, most used first.
    pub tags: Vec<&'a str>,
    /// The collection's guide page.
    pub guide: Option<LinkCtx<'a>>,
    /// What to write, and how many words (the theme's `share_story_prompt`).
    pub prompt: String,
    pub words_min: usize,
    pub words_max: usize,
    /// The file's front matter as JSON for `share.js` (see [`scaffold::recipe`]).
    pub recipe: String,
    /// The file for readers without JavaScript, with placeholders.
    pub template: String,
    pub forge: Option<ShareForge>,
    pub email: Option<&'a str>,
    pub license: Option<&'a str>,
    /// Longest forge link and `mailto:` link the page hands out.
    pub max_url: usize,
    pub max_mailto: usize,
}

#[derive(Serialize, Hash)]
pub struct ShareForge {
    pub name: &'static str,
    pub new_file: NewFile,
}

/// A relation as a choice: its field and the pages it may name.
#[derive(Serialize, Hash)]
pub struct ShareRelation<'a> {
    pub field: &'a str,
    pub label: String,
    pub required: bool,
    pub options: Vec<ShareOption<'a>>,
}

#[derive(Serialize, Hash)]
pub struct ShareOption<'a> {
    pub slug: String,
    pub title: &'a str,
    pub description: Option<&'a str>,
}

/// A collection field: who to credit, where it happened, or another text.
#[derive(Serialize, Hash)]
pub struct ShareField<'a> {
    pub name: &'a str,
    pub label: String,
    /// `author`, `setting` or `text`.
    pub role: &'static str,
    /// Values in use, most used first (settings only: names are nobody else's to suggest).
    pub suggestions: Vec<&'a str>,
}

impl<'a> Renderer<'a> {
    pub(super) fn emit_shares(&self) -> Vec<RenderedFile> {
        let site = self.shared.site;
        let mut files = Vec::new();
        for c in &site.config.collections {
            let Some(share) = self.shared.shares.get(&c.name) else {
                continue;
            };
            let Some(section) = site.sections.iter().find(|s| s.dir == c.section) else {
                continue;
            };
            let listing = &site.pages[section.page];
            let title = self.words(keys::SHARE, &[("item", &c.item)]);
            let (min, max) = scaffold::STORY_WORDS;
            let (min, max) = (min.to_string(), max.to_string());
            let words = ShareWords {
                prompt: self.words(keys::SHARE_PROMPT, &[("min", &min), ("max", &max)]),
                title: self.word(keys::SHARE_FILE_TITLE),
                file: scaffold::RecipeWords {
                    description: self.word(keys::SHARE_FILE_DESCRIPTION),
                    author: self.word(keys::SHARE_FILE_AUTHOR),
                },
            };
            let own = KindCtx::Share {
                share: Box::new(share_ctx(site, c, words)),
            };
            let mut ctx = self.plain_ctx(&share.link, title, Kind::Share, own);
            ctx.breadcrumbs.push(LinkCtx {
                title: &listing.fm.title,
                url: &site.links[section.page],
            });
            let path = urls::output_path(&share.url);
            files.extend(self.emit(path, templates::SHARE, ctx, None));
        }
        files
    }
}

/// The theme's words in the file for readers without JavaScript.
struct ShareWords<'a> {
    /// What to write in place of the story (also the story field's hint).
    prompt: String,
    /// What to write in place of the title.
    title: &'a str,
    /// The file's comment lines.
    file: scaffold::RecipeWords<'a>,
}

fn share_ctx<'a>(site: &'a Site, c: &'a Collection, words: ShareWords<'a>) -> ShareCtx<'a> {
    let config = &site.config;
    let relations = c
        .relations
        .iter()
        .map(|r| ShareRelation {
            field: &r.field,
            label: label(c, &r.field),
            required: r.required,
            options: site
                .sections
                .iter()
                .find(|s| s.dir == r.section)
                .map(|s| {
                    s.pages
                        .iter()
                        .map(|&p| ShareOption {
                            slug: site.pages[p].url_segment(),
                            title: &site.pages[p].fm.title,
                            description: site.pages[p].fm.description.as_deref(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let items: Vec<usize> = (0..site.pages.len())
        .filter(|&p| {
            let page = &site.pages[p];
            !page.is_section && urls::in_section(&page.dir, &c.section)
        })
        .collect();
    let fields =
        c.fields
            .iter()
            .map(|f| {
                let role = if c.author_field.as_ref() == Some(f) {
                    "author"
                } else if c.setting_field.as_ref() == Some(f) {
                    "setting"
                } else {
                    "text"
                };
                let suggestions =
                    if role == "setting" {
                        most_used(items.iter().filter_map(|&p| {
                            site.pages[p].fm.fields.get(f).map(|(v, _)| v.as_str())
                        }))
                    } else {
                        Vec::new()
                    };
                ShareField {
                    name: f,
                    label: label(c, f),
                    role,
                    suggestions,
                }
            })
            .collect();
    let tags = most_used(items.iter().flat_map(|&p| {
        site.page_tags[p]
            .iter()
            .map(|&t| site.tags[t].name.as_str())
    }));
    let guide = c
        .guide
        .as_deref()
        .and_then(|g| site.index_of(g))
        .map(|p| LinkCtx {
            title: &site.pages[p].fm.title,
            url: &site.links[p],
        });
    let recipe = scaffold::recipe(c, &words.file);
    let folder = urls::shown(&config.build.content.join(&c.section));
    let ext = match site.lang.as_ref().map(|l| l.site()) {
        Some(l) if !l.prefix.is_empty() => format!(".{}.md", l.code),
        _ => ".md".to_string(),
    };
    ShareCtx {
        name: &c.name,
        item: &c.item,
        folder: folder.clone(),
        ext,
        relations,
        fields,
        tags,
        guide,
        template: template_text(&recipe, &words),
        prompt: words.prompt,
        words_min: scaffold::STORY_WORDS.0,
        words_max: scaffold::STORY_WORDS.1,
        recipe: scaffold::recipe_json(&recipe),
        forge: config
            .contribute
            .forge
            .as_ref()
            .map(|(forge, repo)| ShareForge {
                name: forge.name(),
                new_file: forge.new_file(repo, &config.contribute.branch, &folder),
            }),
        email: config.contribute.email.as_deref(),
        license: config.contribute.license.as_deref(),
        max_url: MAX_URL,
        max_mailto: MAX_MAILTO,
    }
}

/// The file with placeholders, for readers without JavaScript to copy and fill in.
fn template_text(recipe: &[scaffold::Line], words: &ShareWords<'_>) -> String {
    let mut values = BTreeMap::new();
    values.insert("title", words.title);
    for line in recipe {
        if let scaffold::Line::Value {
            key,
            fallback: None,
        } = line
            && key != "title"
        {
            values.insert(key.as_str(), "…");
        }
    }
    let answers = scaffold::Answers {
        values,
        date: "YYYY-MM-DD".into(),
        tags: Vec::new(),
        body: Some(words.prompt.clone()),
    };
    scaffold::render(recipe, &answers).expect("every value without a fallback is filled in")
}

/// Distinct values, most frequent first (ties in first-seen order).
fn most_used<'a>(values: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut at: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        match at.get(v) {
            Some(&i) => counts[i].1 += 1,
            None => {
                at.insert(v, counts.len());
                counts.push((v, 1));
            }
        }
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    counts.into_iter().map(|(v, _)| v).collect()
}

/// A field's name as readers see it (every field has one: see `Collection::labels`).
fn label(c: &crate::config::Collection, field: &str) -> String {
    c.labels
        .get(field)
        .cloned()
        .unwrap_or_else(|| urls::humanize(field))
}
