//! The filters of search, `search/f.js`: for each facet (a relation such as an example's act,
//! a collection's setting field, tags, top-level sections) its values, each with the pages that
//! have it, and the order in which a filtered list without words is shown (the reading order).
//! Values are named by slugs, so a search's URL (`?act=own-the-problem`) reads well and stays
//! valid when a title changes its case.

use super::{encode, encode_deltas};
use crate::json::string as json_str;
use crate::site::Site;
use crate::slug::slugify;
use serde::Serialize;
use std::collections::BTreeMap;

/// A facet: its URL parameter, its label, and its values.
#[derive(Debug, Serialize, Hash)]
pub struct Facet {
    pub key: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Serialize, Hash)]
pub struct FacetValue {
    pub slug: String,
    pub label: String,
    /// How many pages have it.
    pub count: usize,
    #[serde(skip)]
    pub pages: Vec<usize>,
}

/// The bytes of `search/f.js`.
pub(super) fn file(site: &Site) -> Vec<u8> {
    let mut s = String::from("__handbookSearch(\"f\",{\"order\":\"");
    let mut seen = vec![false; site.pages.len()];
    for &p in &site.reading_order {
        if !std::mem::replace(&mut seen[p], true) {
            encode(&mut s, p as u64);
        }
    }
    for (p, _) in seen.iter().enumerate().filter(|(_, s)| !**s) {
        encode(&mut s, p as u64);
    }
    s.push_str("\",\"facets\":[");
    for (n, facet) in facets(site).iter().enumerate() {
        if n > 0 {
            s.push(',');
        }
        s.push('[');
        json_str(&mut s, &facet.key);
        s.push(',');
        json_str(&mut s, &facet.label);
        s.push_str(",[");
        for (
            k,
            FacetValue {
                slug, label, pages, ..
            },
        ) in facet.values.iter().enumerate()
        {
            if k > 0 {
                s.push(',');
            }
            s.push('[');
            json_str(&mut s, slug);
            s.push(',');
            json_str(&mut s, label);
            s.push_str(",\"");
            encode_deltas(&mut s, pages.iter().copied());
            s.push_str("\"]");
        }
        s.push_str("]]");
    }
    s.push_str("]});\n");
    s.into_bytes()
}

/// A value as it is gathered: slug, label, pages.
type Value = (String, String, Vec<usize>);

/// A key of what the filters know of page `i`: its tags, its relations, its setting, its
/// place in the reading order. An edit that leaves it as it was leaves `f.js` as it was.
pub(super) fn page_key(site: &Site, i: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    site.page_tags[i].hash(&mut h);
    for r in &site.relations[i] {
        (&r.field, r.target).hash(&mut h);
    }
    let page = &site.pages[i];
    let setting = site
        .config
        .collection_of(&page.dir)
        .and_then(|c| c.setting_field.as_ref());
    if let Some(f) = setting {
        page.fm.fields.get(f).map(|(v, _)| v).hash(&mut h);
    }
    site.reading_order.iter().position(|&p| p == i).hash(&mut h);
    site.pages.len().hash(&mut h);
    h.finish()
}

/// What a reader can filter by, in the order the search page shows it.
pub fn facets(site: &Site) -> Vec<Facet> {
    let mut out: Vec<(String, String, Vec<Value>)> = Vec::new();
    // Relations, by field name (`act`); values in the targets' reading order.
    let position: Vec<usize> = {
        let mut pos = vec![usize::MAX; site.pages.len()];
        for (n, &p) in site.reading_order.iter().enumerate() {
            pos[p] = pos[p].min(n);
        }
        pos
    };
    let mut relations: BTreeMap<&str, BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
    for (p, rels) in site.relations.iter().enumerate() {
        for r in rels {
            let pages = relations.entry(&r.field).or_default().entry(r.target);
            pages.or_default().push(p);
        }
    }
    for (field, targets) in relations {
        let mut targets: Vec<_> = targets.into_iter().collect();
        targets.sort_by_key(|(t, _)| position[*t]);
        let values = targets
            .into_iter()
            .map(|(t, pages)| {
                let slug = site.urls[t].trim_end_matches('/').rsplit('/').next();
                let title = &site.pages[t].fm.title;
                (slug.unwrap_or("").to_string(), title.clone(), pages)
            })
            .collect();
        out.push((field.to_string(), capitalized(field), values));
    }
    // A collection's setting field (`context`), under the parameter `setting`.
    let mut settings: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    // Each value's slug once: a big collection repeats a handful of values.
    let mut slugs: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for (p, page) in site.pages.iter().enumerate() {
        let field = site
            .config
            .collection_of(&page.dir)
            .filter(|_| !page.is_section)
            .and_then(|c| c.setting_field.as_ref());
        if let Some((value, _)) = field.and_then(|f| page.fm.fields.get(f)) {
            let slug = slugs.entry(value).or_insert_with(|| slugify(value));
            let v = match settings.get_mut(slug.as_str()) {
                Some(v) => v,
                None => settings.entry(slug.clone()).or_default(),
            };
            if v.0.is_empty() {
                v.0 = value.clone();
            }
            v.1.push(p);
        }
    }
    if !settings.is_empty() {
        let values = settings
            .into_iter()
            .map(|(slug, (label, pages))| (slug, label, pages))
            .collect();
        out.push(("setting".into(), "Setting".into(), values));
    }
    if !site.tags.is_empty() {
        let mut values: Vec<Value> = site
            .tags
            .iter()
            .map(|t| (t.slug.clone(), t.name.clone(), Vec::new()))
            .collect();
        for (p, tags) in site.page_tags.iter().enumerate() {
            for &t in tags {
                values[t].2.push(p);
            }
        }
        out.push(("tag".into(), "Tag".into(), values));
    }
    // Top-level sections, with their own page: each page counts for the top-level section
    // above its own.
    let top: Vec<usize> = (0..site.sections.len())
        .filter(|&s| site.sections[s].parent == Some(0))
        .collect();
    let mut values: Vec<Value> = top
        .iter()
        .map(|&s| {
            let s = &site.sections[s];
            (
                s.dir.clone(),
                site.pages[s.page].fm.title.clone(),
                Vec::new(),
            )
        })
        .collect();
    for p in 0..site.pages.len() {
        let mut s = site.section_of[p];
        while let Some(parent) = site.sections[s].parent.filter(|&q| q != 0) {
            s = parent;
        }
        if let Some(k) = top.iter().position(|&t| t == s) {
            values[k].2.push(p);
        }
    }
    if !values.is_empty() {
        out.push(("section".into(), "Section".into(), values));
    }
    // Made as (slug, label, pages) above.
    out.into_iter()
        .map(|(key, label, values)| Facet {
            key,
            label,
            values: values
                .into_iter()
                .filter(|(_, _, pages)| !pages.is_empty())
                .map(|(slug, label, mut pages)| {
                    pages.sort_unstable();
                    pages.dedup();
                    FacetValue {
                        slug,
                        label,
                        count: pages.len(),
                        pages,
                    }
                })
                .collect(),
        })
        .collect()
}

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
