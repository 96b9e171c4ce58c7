//! What links pages to each other beyond Markdown links: relation fields and their reverse
//! lists, tags, and the checks that the site's names do not collide (page URLs, tag pages,
//! collection guides).

use super::tree::sort_pages;
use super::{Relation, Section, Tag};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::frontmatter::SortBy;
use crate::page::Page;
use crate::slug::slugify;
use crate::urls::{self, in_section};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

pub(super) type Relations = (Vec<Vec<Relation>>, Vec<BTreeMap<String, Vec<usize>>>);

/// Resolves every collection page's relation fields to target pages, and the reverse lists.
pub(super) fn relate(
    config: &Config,
    pages: &[Arc<Page>],
    sections: &[Section],
    urls: &[String],
    broken: &HashSet<String>,
    diags: &Diagnostics,
) -> Relations {
    let mut relations: Vec<Vec<Relation>> = vec![Vec::new(); pages.len()];
    let mut backlinks: Vec<BTreeMap<String, Vec<usize>>> = vec![BTreeMap::new(); pages.len()];
    for collection in &config.collections {
        let members: Vec<usize> = (0..pages.len())
            .filter(|&i| !pages[i].is_section && in_section(&pages[i].dir, &collection.section))
            .collect();
        for relation in &collection.relations {
            let targets: BTreeMap<&str, usize> = sections
                .iter()
                .find(|s| s.dir == relation.section)
                .map(|s| {
                    s.pages
                        .iter()
                        .map(|&p| (last_segment(&urls[p]), p))
                        .collect()
                })
                .unwrap_or_default();
            let valid = || {
                if targets.is_empty() {
                    format!("there are no pages under `{}/` yet", relation.section)
                } else {
                    let names: Vec<String> = targets.keys().map(|k| format!("`{k}`")).collect();
                    format!("valid values: {}", names.join(", "))
                }
            };
            for &m in &members {
                let page = &pages[m];
                match page.fm.fields.get(&relation.field) {
                    Some((value, offset)) => match targets.get(value.as_str()) {
                        Some(&t) => {
                            relations[m].push(Relation {
                                field: relation.field.clone(),
                                target: t,
                            });
                            backlinks[t]
                                .entry(collection.name.clone())
                                .or_default()
                                .push(m);
                        }
                        // Its target failed to parse: that error is the one to fix.
                        None if broken.contains(&format!("{}/{value}.md", relation.section)) => {}
                        None => {
                            let hint = match did_you_mean(value, targets.keys().copied()) {
                                Some(s) => format!("did you mean `{s}`? {}", valid()),
                                None => valid(),
                            };
                            let message = format!(
                                "unknown {} `{value}`: no page `{}/{value}.md`",
                                relation.field, relation.section
                            );
                            diags.push(
                                Diagnostic::error(Code::UnknownRelation, &page.shown, message)
                                    .at(&page.text, *offset)
                                    .hint(hint),
                            );
                        }
                    },
                    None if relation.required => {
                        let message = format!(
                            "missing `{}` in front matter (required in `{}/`)",
                            relation.field, collection.section
                        );
                        let hint = format!(
                            "add a line such as `{} = \"...\"`; {}",
                            relation.field,
                            valid()
                        );
                        diags.push(
                            Diagnostic::error(Code::MissingRelation, &page.shown, message)
                                .at(&page.text, 0)
                                .hint(hint),
                        );
                    }
                    None => {}
                }
            }
        }
        for list in backlinks.iter_mut() {
            if let Some(v) = list.get_mut(&collection.name) {
                sort_pages(v, pages, collection.sort_by);
            }
        }
    }
    (relations, backlinks)
}

/// Tags merged by slug (the first spelling in reading order names the tag), sorted by slug,
/// each listing its pages newest first; plus the tags of every page.
pub(super) fn collect_tags(
    pages: &[Arc<Page>],
    reading_order: &[usize],
) -> (Vec<Tag>, Vec<Vec<usize>>) {
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for &p in reading_order {
        for name in &pages[p].fm.tags {
            let slug = slugify(name);
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| Tag {
                name: name.trim().to_string(),
                slug,
                pages: Vec::new(),
            });
            if tag.pages.last() != Some(&p) {
                tag.pages.push(p);
            }
        }
    }
    let mut tags: Vec<Tag> = by_slug.into_values().collect();
    let mut page_tags: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (t, tag) in tags.iter_mut().enumerate() {
        for &p in &tag.pages {
            page_tags[p].push(t);
        }
        sort_pages(&mut tag.pages, pages, SortBy::Date);
    }
    (tags, page_tags)
}

/// Brings `tags` and `page_tags` (as [`collect_tags`] made them) up to date after page `i`,
/// whose title did not change, changed its tags from `old`: only the tags it had or has are
/// made again, so a re-tag costs a few lists instead of every page's tags. False, with nothing
/// changed, when the edit changes the set of tags (a tag appears, goes or is named by another
/// spelling), or the page is not in the reading order: then [`collect_tags`] decides.
pub(super) fn retag(
    tags: &mut [Tag],
    page_tags: &mut [Vec<usize>],
    pages: &[Arc<Page>],
    reading_order: &[usize],
    i: usize,
    old: &[String],
) -> bool {
    if !reading_order.contains(&i) {
        return false;
    }
    let index: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(t, tag)| (tag.slug.as_str(), t))
        .collect();
    let new: Vec<String> = pages[i].fm.tags.iter().map(|n| slugify(n)).collect();
    let Some(mut now): Option<Vec<usize>> =
        new.iter().map(|s| index.get(s.as_str()).copied()).collect()
    else {
        return false;
    };
    now.sort_unstable();
    now.dedup();
    let mut touched: Vec<usize> = old
        .iter()
        .filter_map(|n| index.get(slugify(n).as_str()).copied())
        .chain(now.iter().copied())
        .collect();
    touched.sort_unstable();
    touched.dedup();
    // Each touched tag's pages in reading order, as `collect_tags` meets them.
    let mut rank = vec![usize::MAX; pages.len()];
    for (r, &p) in reading_order.iter().enumerate() {
        rank[p] = r;
    }
    let mut lists = Vec::with_capacity(touched.len());
    for &t in &touched {
        let mut list: Vec<usize> = tags[t].pages.iter().copied().filter(|&p| p != i).collect();
        if now.contains(&t) {
            list.push(i);
        }
        if list.is_empty() {
            return false;
        }
        list.sort_unstable_by_key(|&p| rank[p]);
        // The tag's name is its first spelling in reading order.
        let spellings = &pages[list[0]].fm.tags;
        let name = spellings.iter().find(|n| slugify(n) == tags[t].slug);
        if name.is_none_or(|n| n.trim() != tags[t].name) {
            return false;
        }
        lists.push((t, list));
    }
    for (t, mut list) in lists {
        sort_pages(&mut list, pages, SortBy::Date);
        tags[t].pages = list;
    }
    page_tags[i] = now;
    true
}

pub(super) fn check_tag_collisions(
    pages: &[Arc<Page>],
    urls: &[String],
    tags: &[Tag],
    diags: &Diagnostics,
) {
    let by_url: HashMap<String, usize> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| (u.to_lowercase(), i))
        .collect();
    for tag in tags {
        let url = urls::tag(&tag.slug);
        if let Some(&p) = by_url.get(&url) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    &pages[p].shown,
                    format!(
                        "page URL `/{url}` collides with the page of tag `{}`",
                        tag.name
                    ),
                )
                .hint("give the page another `slug`, or move it"),
            );
        }
    }
}

/// Each collection's `guide` must be a page of the site.
pub(super) fn check_guides(
    config: &Config,
    by_rel: &HashMap<&str, usize>,
    content_shown: &str,
    diags: &Diagnostics,
) {
    for c in &config.collections {
        let Some(guide) = c.guide.as_deref().filter(|g| !by_rel.contains_key(g)) else {
            continue;
        };
        diags.push(
            Diagnostic::error(
                Code::MissingGuide,
                crate::config::CONFIG_FILE,
                format!(
                    "the `guide` of collection `{}` is `{guide}`, but there is no page \
                     `{content_shown}/{guide}`",
                    c.name
                ),
            )
            .hint("write that page, or change or remove `guide`"),
        );
    }
}

pub(super) fn check_collisions(pages: &[Arc<Page>], urls: &[String], diags: &Diagnostics) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, url) in urls.iter().enumerate() {
        let Some(&first) = seen.get(&url.to_lowercase()) else {
            seen.insert(url.to_lowercase(), i);
            continue;
        };
        let message = if urls[first] == *url {
            format!(
                "`{}` and `{}` both map to the URL `/{url}`",
                pages[first].shown, pages[i].shown
            )
        } else {
            format!(
                "`{}` (`/{}`) and `{}` (`/{url}`) differ only in letter case, which breaks on case-insensitive hosts",
                pages[first].shown, urls[first], pages[i].shown
            )
        };
        diags.push(
            Diagnostic::error(Code::DuplicateUrl, &pages[i].shown, message)
                .hint("rename one file or give it another `slug`"),
        );
    }
}

fn last_segment(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}
