//! The actions at the end of a list row: open, deactivate/activate (or other words for
//! them), delete after confirming.

use leptos::prelude::*;
use leptos_router::components::A;

use convene_types::i18n::Word;

use crate::api::ApiError;
use crate::i18n::admin::common;
use crate::i18n::t;

/// Shows in `message` why a row action (toggle, delete) was refused, so the refusal stays
/// on screen. One call per action.
pub fn report_refusals<I: 'static, T: Clone + 'static>(
    action: Action<I, Result<T, ApiError>>,
    message: RwSignal<Option<String>>,
) {
    Effect::new(move |_| {
        if let Some(Err(e)) = action.value().get() {
            message.set(Some(e.message()));
        }
    });
}

#[component]
pub fn RowActions(
    /// Where "Open" goes; no Open button without it.
    #[prop(optional, into)]
    href: Option<String>,
    active: bool,
    /// Runs when Deactivate/Activate is pressed.
    toggle: Callback<()>,
    /// The toggle's word on an active record.
    #[prop(default = common::DEACTIVATE)]
    deactivate: Word,
    /// The toggle's word on an inactive record.
    #[prop(default = common::ACTIVATE)]
    activate: Word,
    /// The confirmation question; `delete` runs only when it is accepted.
    #[prop(optional)]
    question: String,
    /// No Delete button without it (a record that is only ever deactivated).
    #[prop(optional)]
    delete: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <td class="row-actions">
            {href.map(|href| view! { <A href=href attr:class="button subtle">{t(common::OPEN)}</A> })}
            <button class="button subtle" on:click=move |_| toggle.run(())>
                {t(if active { deactivate } else { activate })}
            </button>
            {delete.map(|delete| view! {
                <button class="button subtle danger" on:click=move |_| {
                    if window().confirm_with_message(&question).unwrap_or(false) {
                        delete.run(());
                    }
                }>{t(common::DELETE)}</button>
            })}
        </td>
    }
}
