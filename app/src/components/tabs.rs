//! The "active / inactive" view tabs of lists whose records can be deactivated.

use convene_types::i18n::Word;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::i18n::admin::common;
use crate::i18n::t;

pub fn tab_class(selected: bool) -> &'static str {
    if selected { "tab selected" } else { "tab" }
}

/// True when the page's URL asks for the inactive view (`?view=inactive`).
pub fn use_inactive_view() -> Signal<bool> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("view").as_deref() == Some("inactive")))
}

/// Links to `base` (active records) and `base?view=inactive`.
#[component]
pub fn ActiveInactiveTabs(
    base: &'static str,
    inactive: Signal<bool>,
    active_label: Word,
    inactive_label: Word,
) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=t(common::VIEWS)>
            <A href=base attr:class=move || tab_class(!inactive.get())>{t(active_label)}</A>
            <A href=format!("{base}?view=inactive") attr:class=move || tab_class(inactive.get())>
                {t(inactive_label)}
            </A>
        </nav>
    }
}
