//! Settings overview: the same sections as the left column, with a line on each page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::shell::EVENT_MANAGEMENT;

#[component]
pub fn SettingsOverview() -> impl IntoView {
    view! {
        <h1>"Settings"</h1>
        <section class="card">
            <h2>"Event management"</h2>
            <ul class="overview">
                {EVENT_MANAGEMENT
                    .iter()
                    .map(|(href, label, about)| view! {
                        <li><A href=*href>{*label}</A><span class="muted">{*about}</span></li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
