//! "Erase personal data" on a contact's page: a confirm step (what is replaced, where, and
//! that it cannot be undone), then the erasure, and what became of it.

use convene_types::contact::Contact;
use leptos::prelude::*;

use crate::api::ApiResult;
use crate::display::person;
use crate::i18n::admin::registrations as words;
use crate::i18n::{self, t};

/// The erase action, as the page dispatches it with the contact's id.
pub type Erase = Action<String, ApiResult<Contact>>;

/// What the last erasure gave: done (and forwarded to the provider), or why not.
pub fn erased_view(erase: Erase) -> impl IntoView {
    move || {
        erase.value().get().map(|result| match result {
            Ok(_) => view! {
                <p class="banner success" role="status" data-testid="erase-result">
                    {t(words::PERSONAL_DATA_ERASED)}
                </p>
            }
            .into_any(),
            Err(e) => view! {
                <p class="banner error" role="alert" data-testid="erase-result">
                    {t(words::ERASE_FAILED)}{e.message()}
                </p>
            }
            .into_any(),
        })
    }
}

/// The button, then the confirm step (`confirming`, kept by the page: this is rebuilt with
/// the contact it shows); nothing for an erased contact.
#[component]
pub fn EraseContact(contact: Contact, erase: Erase, confirming: RwSignal<bool>) -> impl IntoView {
    let who = person(&contact.first_name, &contact.last_name, &contact.email);
    let registrations = contact.registration_count;
    let question = move || words::erase_question(i18n::lang(), &who, registrations);
    let id = contact.id.clone();
    let erased = contact.erased_at.is_some();
    move || {
        if erased {
            return ().into_any();
        }
        let id = id.clone();
        if !confirming.get() {
            return view! {
                <div class="actions section-actions">
                    <button class="button danger" type="button"
                        on:click=move |_| {
                            erase.value().set(None);
                            confirming.set(true);
                        }>{t(words::ERASE_PERSONAL_DATA)}</button>
                </div>
            }
            .into_any();
        }
        view! {
            <div class="card confirm-step" role="group" aria-label=t(words::CONFIRM_ERASURE)>
                <p>{question.clone()}</p>
                <div class="actions">
                    <button class="button danger" type="button"
                        disabled=move || erase.pending().get()
                        on:click=move |_| { erase.dispatch(id.clone()); }>
                        {move || {
                            let word = if erase.pending().get() { words::ERASING } else { words::ERASE_NOW };
                            word.get(i18n::lang())
                        }}
                    </button>
                    <button class="button subtle" type="button"
                        disabled=move || erase.pending().get()
                        on:click=move |_| confirming.set(false)>{t(words::KEEP_THE_DATA)}</button>
                </div>
            </div>
        }
        .into_any()
    }
}
