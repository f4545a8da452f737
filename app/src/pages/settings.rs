//! Settings overview: the same groups as the left column, with a line on each page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::shell::SETTINGS_GROUPS;
use crate::i18n::admin::common;
use crate::i18n::t;

#[component]
pub fn SettingsOverview() -> impl IntoView {
    view! {
        <h1>{t(common::SETTINGS)}</h1>
        {SETTINGS_GROUPS
            .iter()
            .map(|&(heading, entries)| view! {
                <section class="card overview-group">
                    <h2>{t(heading)}</h2>
                    <ul class="overview">
                        {entries
                            .iter()
                            .map(|(href, label, about)| view! {
                                <li><A href=*href>{t(*label)}</A><span class="muted">{t(*about)}</span></li>
                            })
                            .collect_view()}
                    </ul>
                </section>
            })
            .collect_view()}
    }
}
