//! Settings overview: the same sections as the left column, with a line on each page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::shell::EVENT_MANAGEMENT;
use crate::i18n::admin::{common, shell};
use crate::i18n::t;

#[component]
pub fn SettingsOverview() -> impl IntoView {
    view! {
        <h1>{t(common::SETTINGS)}</h1>
        <section class="card">
            <h2>{t(shell::EVENT_MANAGEMENT)}</h2>
            <ul class="overview">
                {EVENT_MANAGEMENT
                    .iter()
                    .map(|(href, label, about)| view! {
                        <li><A href=*href>{t(*label)}</A><span class="muted">{t(*about)}</span></li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
