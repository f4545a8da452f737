use leptos::prelude::*;

use crate::i18n::admin::shell;
use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>{t(shell::NOT_FOUND)}</h1>
        <p>{t(shell::NOT_FOUND_TEXT)}" "<a href="/settings">{t(shell::GO_TO_SETTINGS)}</a></p>
    }
}
