use leptos::prelude::*;

use crate::i18n::admin::shell;
use crate::i18n::t;
use crate::use_auth;

#[component]
pub fn NotFound() -> impl IntoView {
    // A page the role may use: Settings is for administrators only.
    let (href, label) = if use_auth().can_use_settings() {
        ("/settings", shell::GO_TO_SETTINGS)
    } else {
        ("/events", shell::GO_TO_EVENTS)
    };
    view! {
        <h1>{t(shell::NOT_FOUND)}</h1>
        <p>{t(shell::NOT_FOUND_TEXT)}" "<a href=href>{t(label)}</a></p>
    }
}
