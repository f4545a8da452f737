//! Previous / next paging under a list.

use leptos::prelude::*;

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
    noun: &'static str,
) -> impl IntoView {
    view! {
        <div class="pager">
            <span class="muted">{format!("{total} {noun}")}</span>
            <button class="button subtle" disabled={current <= 1}
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>
                "Previous"
            </button>
            <span>{format!("Page {current} of {pages}")}</span>
            <button class="button subtle" disabled={current >= pages}
                on:click=move |_| page.update(|p| *p += 1)>
                "Next"
            </button>
        </div>
    }
}
