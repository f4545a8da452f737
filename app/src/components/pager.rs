//! Previous / next paging under a list.

use convene_types::i18n::Word;
use leptos::prelude::*;

use crate::display;
use crate::i18n::admin::common;
use crate::i18n::{self, t};

#[component]
pub fn Pager(
    /// Items in the whole list.
    total: usize,
    /// The page shown (1-based) and how many there are.
    current: usize,
    pages: usize,
    /// The page the list asks for; the buttons move it.
    page: RwSignal<usize>,
    /// Plural noun for the count, e.g. "providers".
    noun: Word,
) -> impl IntoView {
    view! {
        <div class="pager">
            <span class="muted">
                {move || format!("{} {}", display::count(i18n::lang(), total as i64), noun.get(i18n::lang()))}
            </span>
            <button class="button subtle" disabled={current <= 1}
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>
                {t(common::PREVIOUS)}
            </button>
            <span>{move || common::page_of(i18n::lang(), current, pages)}</span>
            <button class="button subtle" disabled={current >= pages}
                on:click=move |_| page.update(|p| *p += 1)>
                {t(common::NEXT)}
            </button>
        </div>
    }
}
