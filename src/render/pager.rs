//! Pagination: which listings are split into pages, which entries each page shows, and the
//! `paginator` templates get. The first page of a listing is at its own URL, page `n` at
//! `<listing>page/<n>/` ([`urls::pager`]).
//!
//! Paginated: a section's pages (not the home page's), the pages that point at a page through a
//! relation (an act's examples), and each tag's pages. Feeds and the print page are not.

use super::context::{PageNumber, Paginator};
use crate::site::Site;
use crate::urls;
use std::ops::Range;

/// Numbered links shown on each side of the current page (besides the first and the last).
const WINDOW: usize = 2;

/// A listing's entries, and how many go on a page.
#[derive(Clone, Copy)]
pub struct Listing<'a> {
    pub items: &'a [usize],
    /// 0: all on one page.
    pub per_page: usize,
}

impl<'a> Listing<'a> {
    /// A tag's pages, split by the build's `paginate_by`.
    pub fn of_tag(site: &Site, tag: &'a crate::site::Tag) -> Listing<'a> {
        Listing {
            items: &tag.pages,
            per_page: site.config.build.paginate_by,
        }
    }

    /// Pages of the listing (one when it is empty).
    pub fn pages(&self) -> usize {
        if self.per_page == 0 {
            1
        } else {
            self.items.len().div_ceil(self.per_page).max(1)
        }
    }

    /// The page (from 1) that shows entry `at`.
    pub fn part_of(&self, at: usize) -> usize {
        at.checked_div(self.per_page)
            .map_or(1, |k| k.saturating_add(1))
    }

    /// The entries on page `n` (from 1).
    pub fn range(&self, n: usize) -> Range<usize> {
        if self.per_page == 0 {
            return 0..self.items.len();
        }
        let start = (n - 1) * self.per_page;
        start.min(self.items.len())..(start + self.per_page).min(self.items.len())
    }
}

/// The paginator of page `n` of a listing at the site URL `listing`; `None` on a listing that
/// fits on one page.
pub fn paginator(site: &Site, listing: &str, list: Listing<'_>, n: usize) -> Option<Paginator> {
    let total = list.pages();
    if total <= 1 {
        return None;
    }
    let link = |k: usize| site.style.link(&urls::pager(listing, k));
    let mut numbers = Vec::new();
    let mut last_shown = 0;
    for k in 1..=total {
        let near = k + WINDOW >= n && k <= n + WINDOW;
        if k != 1 && k != total && !near {
            continue;
        }
        if k > last_shown + 1 {
            numbers.push(PageNumber {
                number: 0,
                url: String::new(),
                current: false,
                gap: true,
            });
        }
        numbers.push(PageNumber {
            number: k,
            url: link(k),
            current: k == n,
            gap: false,
        });
        last_shown = k;
    }
    Some(Paginator {
        current: n,
        total,
        items: list.items.len(),
        per_page: list.per_page,
        first: link(1),
        last: link(total),
        previous: (n > 1).then(|| link(n - 1)),
        next: (n < total).then(|| link(n + 1)),
        numbers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_ranges_table() {
        let items: Vec<usize> = (0..45).collect();
        for (len, per_page, pages) in [
            (0, 20, 1),
            (1, 20, 1),
            (20, 20, 1),
            (21, 20, 2),
            (45, 20, 3),
            (45, 0, 1),
        ] {
            let list = Listing {
                items: &items[..len],
                per_page,
            };
            assert_eq!(list.pages(), pages, "{len} by {per_page}");
        }
        let list = Listing {
            items: &items,
            per_page: 20,
        };
        assert_eq!(list.range(1), 0..20);
        assert_eq!(list.range(3), 40..45);
    }

    /// Regression: "to the end of the list" is asked as `usize::MAX`, which overflowed (and in
    /// a release build wrapped to page 0, leaving every tag page out) with one entry a page.
    #[test]
    fn part_of_table() {
        let items: Vec<usize> = (0..45).collect();
        for (per_page, at, part) in [
            (20, 0, 1),
            (20, 19, 1),
            (20, 20, 2),
            (20, 44, 3),
            (1, 0, 1),
            (1, usize::MAX, usize::MAX),
            (0, 44, 1),
            (0, usize::MAX, 1),
        ] {
            let list = Listing {
                items: &items,
                per_page,
            };
            assert_eq!(list.part_of(at), part, "entry {at} by {per_page}");
        }
    }
}
