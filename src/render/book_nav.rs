//! An mdBook book's sidebar: `SUMMARY.md`'s outline, with parts, numbers, separators and drafts.
//! A book of up to [`FULL`] entries shows it whole on every page, as mdBook does. A bigger one
//! gives each page a window of it (every part's title, the chapters of the page's own part
//! around it, the page's own branch open), so that a page's size does not grow with the book:
//! whole outlines on every page make a build quadratic (mdBook 0.5 moved its outline into a
//! script for that reason; this keeps it in the HTML, bounded, working without JavaScript).

use super::context::NavItem;
use crate::mdbook::{Book, normalize, site_rel, summary::Kind};
use crate::site::Site;
use std::collections::HashMap;

/// Entries up to which every page shows the whole outline.
pub const FULL: usize = 150;
/// Entries shown before and after the current one in a long list (a level of a big book).
const AROUND: usize = 20;
/// Part titles shown before and after the current part.
const PARTS_AROUND: usize = 10;

/// The outline as a tree over `SUMMARY.md`'s entries.
pub struct BookNav<'a> {
    site: &'a Site,
    book: &'a Book,
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
    parent: Vec<Option<usize>>,
    /// The page each entry links to.
    page: Vec<Option<usize>>,
    /// The first entry of each page.
    entry_of: HashMap<usize, usize>,
    /// Top-level entries in groups: each part's (its title entry first), and the chapters
    /// before the first part.
    groups: Vec<(Option<usize>, Vec<usize>)>,
    /// Each top-level entry's group.
    group_of: Vec<usize>,
    /// Each entry's place among its siblings (its group's members, or its parent's children),
    /// so that a page finds its window without scanning its level.
    pos: Vec<usize>,
}

impl<'a> BookNav<'a> {
    pub fn new(site: &'a Site, book: &'a Book) -> Self {
        let entries = &book.summary.entries;
        let mut children = vec![Vec::new(); entries.len()];
        let mut roots = Vec::new();
        let mut parent = vec![None; entries.len()];
        // The last entry seen at each depth: the parent of the next one a level deeper.
        let mut open: Vec<usize> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            open.truncate(e.depth);
            match open.last() {
                Some(&p) if e.depth > 0 => {
                    children[p].push(i);
                    parent[i] = Some(p);
                }
                _ => roots.push(i),
            }
            open.push(i);
        }
        let page: Vec<Option<usize>> = entries
            .iter()
            .map(|e| {
                e.path
                    .as_deref()
                    .and_then(|path| site.index_of(&site_rel(&normalize(path))))
            })
            .collect();
        let mut entry_of = HashMap::new();
        for (i, p) in page.iter().enumerate() {
            if let Some(p) = p {
                entry_of.entry(*p).or_insert(i);
            }
        }
        let mut groups: Vec<(Option<usize>, Vec<usize>)> = vec![(None, Vec::new())];
        let mut group_of = vec![0; entries.len()];
        let mut pos = vec![0; entries.len()];
        for &r in &roots {
            if entries[r].kind == Kind::Part {
                groups.push((Some(r), Vec::new()));
            } else {
                let (_, members) = groups.last_mut().expect("there is always a group");
                pos[r] = members.len();
                members.push(r);
            }
            group_of[r] = groups.len() - 1;
        }
        for list in &children {
            for (i, &c) in list.iter().enumerate() {
                pos[c] = i;
            }
        }
        BookNav {
            site,
            book,
            children,
            roots,
            parent,
            page,
            entry_of,
            groups,
            group_of,
            pos,
        }
    }

    /// Whether pages get a window of the outline rather than all of it.
    pub fn windowed(&self) -> bool {
        self.book.summary.entries.len() > FULL
    }

    /// The whole outline.
    pub fn full(&self) -> Vec<NavItem<'a>> {
        self.roots.iter().map(|&e| self.whole(e)).collect()
    }

    fn whole(&self, e: usize) -> NavItem<'a> {
        let mut item = self.item(e);
        item.children = self.children[e].iter().map(|&c| self.whole(c)).collect();
        item
    }

    /// The window of the outline a page shows (`None`: a page that is no chapter).
    pub fn around(&self, page: Option<usize>) -> Vec<NavItem<'a>> {
        // The page's branch, from its top-level entry down.
        let mut chain = Vec::new();
        let mut at = page.and_then(|p| self.entry_of.get(&p).copied());
        while let Some(e) = at {
            chain.push(e);
            at = self.parent[e];
        }
        chain.reverse();
        let current = chain.first().map(|&top| self.group_of[top]);
        let mut out = Vec::new();
        let mut gap = false;
        for (g, (title, members)) in self.groups.iter().enumerate() {
            let near = current.map_or(g <= 2 * PARTS_AROUND, |c| g.abs_diff(c) <= PARTS_AROUND);
            if let Some(t) = *title {
                if !near {
                    if !std::mem::replace(&mut gap, true) {
                        out.push(gap_item());
                    }
                    continue;
                }
                gap = false;
                let mut part = self.item(t);
                // Another part's title leads to its first chapter.
                if current != Some(g)
                    && let Some(first) = members.iter().find_map(|&m| self.page[m])
                {
                    part.url = self.site.links[first].as_str();
                }
                out.push(part);
            }
            // The chapters of the page's own part, and those outside any part.
            if current == Some(g) || title.is_none() {
                out.extend(self.level(members, &chain, 0));
            }
        }
        out
    }

    /// A list of sibling entries, windowed around the branch's entry at `depth`, the branch's
    /// entry opened.
    fn level(&self, list: &[usize], chain: &[usize], depth: usize) -> Vec<NavItem<'a>> {
        let on = chain
            .get(depth)
            .map(|&e| self.pos[e])
            .filter(|&i| list.get(i) == chain.get(depth));
        let (from, to) = window(list.len(), on);
        let mut out = Vec::new();
        if from > 0 {
            out.push(gap_item());
        }
        for &e in &list[from..to] {
            let mut item = self.item(e);
            if chain.get(depth) == Some(&e) {
                item.children = self.level(&self.children[e], chain, depth + 1);
            }
            out.push(item);
        }
        if to < list.len() {
            out.push(gap_item());
        }
        out
    }

    fn item(&self, e: usize) -> NavItem<'a> {
        let entry = &self.book.summary.entries[e];
        let (kind, url) = match (&entry.kind, self.page[e]) {
            (Kind::Part, _) => ("part", ""),
            (Kind::Separator, _) => ("separator", ""),
            (_, Some(p)) => ("page", self.site.links[p].as_str()),
            (_, None) => ("draft", ""),
        };
        NavItem {
            title: &entry.name,
            url,
            is_section: false,
            kind,
            number: entry.number().filter(|_| !self.book.no_section_label),
            lang: None,
            children: Vec::new(),
        }
    }
}

/// `[from, to)` of a list of `len` around `on`: all of a short list, else `AROUND` each side.
fn window(len: usize, on: Option<usize>) -> (usize, usize) {
    if len <= 2 * AROUND + 1 {
        return (0, len);
    }
    let on = on.unwrap_or(0);
    let from = on.saturating_sub(AROUND);
    let to = (on + AROUND + 1).min(len);
    (from, to)
}

fn gap_item<'a>() -> NavItem<'a> {
    NavItem {
        title: "…",
        url: "",
        is_section: false,
        kind: "gap",
        number: None,
        lang: None,
        children: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_bounded() {
        assert_eq!(window(10, Some(3)), (0, 10));
        assert_eq!(window(100, Some(50)), (30, 71));
        assert_eq!(window(100, Some(2)), (0, 23));
        assert_eq!(window(100, None), (0, 21));
        assert_eq!(window(100, Some(99)), (79, 100));
    }
}
