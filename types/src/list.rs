//! Search, sort and paging, the same for every admin list.

use crate::prelude::*;
use core::cmp::Ordering;

use crate::text;

use serde::{Deserialize, Serialize};

pub const DEFAULT_PAGE_SIZE: usize = 25;
pub const MAX_PAGE_SIZE: usize = 100;

/// What a list request asks for. Unknown sort keys fall back to the list's default.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub desc: bool,
    #[serde(default)]
    pub page: usize,
    #[serde(default)]
    pub page_size: usize,
}

impl ListQuery {
    /// Reads `q`, `sort`, `desc`, `page` (1-based) and `pageSize` from query pairs;
    /// anything unparsable takes its default, so a list URL never fails.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = ListQuery::default();
        for (key, value) in pairs {
            match key {
                "q" => query.q = value.to_string(),
                "sort" => query.sort = value.to_string(),
                "desc" => query.desc = matches!(value, "1" | "true"),
                "page" => query.page = value.parse().unwrap_or(0),
                "pageSize" => query.page_size = value.parse().unwrap_or(0),
                _ => {}
            }
        }
        query
    }

    pub fn page(&self) -> usize {
        self.page.max(1)
    }

    pub fn page_size(&self) -> usize {
        match self.page_size {
            0 => DEFAULT_PAGE_SIZE,
            n => n.min(MAX_PAGE_SIZE),
        }
    }

    /// True when `haystacks` contain the search text (case-insensitive), or there is none.
    pub fn matches(&self, haystacks: &[&str]) -> bool {
        let needle = text::lowercase(self.q.trim());
        needle.is_empty()
            || haystacks
                .iter()
                .any(|h| text::lowercase(h).contains(&needle))
    }
}

/// One page of a list.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
}

impl<T> Page<T> {
    /// Cuts the requested page out of already filtered and sorted items.
    pub fn of(items: Vec<T>, query: &ListQuery) -> Self {
        let total = items.len();
        let (page, page_size) = (query.page(), query.page_size());
        let items = items
            .into_iter()
            .skip((page - 1).saturating_mul(page_size))
            .take(page_size)
            .collect();
        Page {
            items,
            total,
            page,
            page_size,
        }
    }

    pub fn page_count(&self) -> usize {
        self.total.div_ceil(self.page_size.max(1)).max(1)
    }
}

/// Sorts `items` by `compare`, stably, like `slice::sort_by`. Every list sorts through here:
/// the standard library's sort is compiled anew for each element type and comparison (about
/// 2.5 KB of WASM each, 23 of them in the worker); here it is compiled once, ordering
/// indices through a `dyn` comparison.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = core::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives, stably, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..len` in the order `compare` gives them: the one instantiation of the sort.
fn sorted_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_by_orders_stably_like_the_standard_sort() {
        let mut seed = 7_u32;
        for len in [0, 1, 2, 5, 40, 300] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 7, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |item| item.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|item| item.0);
            assert_eq!(ours, std_sorted, "len {len}");
            sort_by(&mut ours, |a, b| b.1.cmp(&a.1));
            assert_eq!(
                ours,
                items.into_iter().rev().collect::<Vec<_>>(),
                "len {len}"
            );
        }
    }

    #[test]
    fn query_pairs_parse_with_defaults() {
        let q = ListQuery::from_pairs([("q", "on"), ("page", "2"), ("pageSize", "500")]);
        assert_eq!((q.q.as_str(), q.page(), q.page_size()), ("on", 2, 100));
        let q = ListQuery::from_pairs([("page", "x"), ("pageSize", "-1"), ("desc", "1")]);
        assert_eq!(
            (q.page(), q.page_size(), q.desc),
            (1, DEFAULT_PAGE_SIZE, true)
        );
    }

    #[test]
    fn pages_cut_the_right_slice() {
        let q = ListQuery {
            page: 2,
            page_size: 3,
            ..Default::default()
        };
        let page = Page::of((1..=8).collect(), &q);
        assert_eq!(page.items, vec![4, 5, 6]);
        assert_eq!((page.total, page.page_count()), (8, 3));
        let beyond = Page::of((1..=8).collect::<Vec<_>>(), &ListQuery { page: 9, ..q });
        assert!(beyond.items.is_empty());
        assert_eq!(
            Page::<u8>::of(vec![], &ListQuery::default()).page_count(),
            1
        );
    }

    #[test]
    fn search_is_case_insensitive_over_any_field() {
        let q = ListQuery {
            q: " ON2 ".into(),
            ..Default::default()
        };
        assert!(q.matches(&["x", "on24"]));
        assert!(!q.matches(&["zoom"]));
        assert!(ListQuery::default().matches(&["anything"]));
    }
}
