//! What every admin list shares: its search, sort and page, the search box and sortable
//! column headers. Paging buttons are in `pager.rs`.

use convene_types::i18n::Word;
use convene_types::list::ListQuery;
use leptos::prelude::*;

use crate::i18n::t;

use crate::api;

/// A list's search text, sort key and direction, and page.
#[derive(Clone, Copy)]
pub struct ListState {
    pub search: RwSignal<String>,
    pub sort: RwSignal<String>,
    pub desc: RwSignal<bool>,
    pub page: RwSignal<usize>,
}

impl ListState {
    /// Sorted ascending by `sort`, first page.
    pub fn new(sort: &str) -> Self {
        ListState {
            search: RwSignal::new(String::new()),
            sort: RwSignal::new(sort.to_string()),
            desc: RwSignal::new(false),
            page: RwSignal::new(1),
        }
    }

    /// The query string for the list request (tracked: a resource reading it refetches).
    pub fn query(&self) -> String {
        api::list_query(
            &self.search.get(),
            &self.sort.get(),
            self.desc.get(),
            self.page.get(),
        )
    }

    /// The same state as a `ListQuery` (tracked), for lists the API returns whole and the
    /// page searches, sorts and pages itself with `ListQuery::matches` and `Page::of`.
    pub fn list_query(&self) -> ListQuery {
        ListQuery {
            q: self.search.get(),
            sort: self.sort.get(),
            desc: self.desc.get(),
            page: self.page.get(),
            page_size: 0,
        }
    }

    /// Sorts by `key`, or reverses the direction when already sorted by it.
    fn sort_by(&self, key: &str) {
        if self.sort.get_untracked() == key {
            self.desc.update(|d| *d = !*d);
        } else {
            self.sort.set(key.to_string());
            self.desc.set(false);
        }
        self.page.set(1);
    }
}

/// The search box above a list; typing goes back to the first page.
#[component]
pub fn SearchBox(list: ListState, label: Word) -> impl IntoView {
    view! {
        <input
            type="search"
            placeholder=t(label)
            aria-label=t(label)
            prop:value=move || list.search.get()
            on:input=move |ev| {
                list.search.set(event_target_value(&ev));
                list.page.set(1);
            }
        />
    }
}

/// A column header that sorts the list by `key`, with ▲ / ▼ when it does.
#[component]
pub fn SortButton(list: ListState, key: &'static str, label: Word) -> impl IntoView {
    let arrow = move || match (list.sort.get() == key, list.desc.get()) {
        (true, false) => " ▲",
        (true, true) => " ▼",
        _ => "",
    };
    view! {
        <button class="sort" on:click=move |_| list.sort_by(key)>{t(label)}{arrow}</button>
    }
}
