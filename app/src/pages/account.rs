//! Your account: `/account`, reached from your name in the header. Who you are signed in as,
//! with which role, and changing your own password (your other sessions end, this one stays).

use convene_types::FieldError;
use convene_types::user::PasswordChange;
use leptos::prelude::*;

use crate::api;
use crate::components::field::TextField;
use crate::i18n::admin::{common, shell, users as words};
use crate::i18n::{self, t};
use crate::use_auth;

#[component]
pub fn Account() -> impl IntoView {
    let auth = use_auth();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<String>);
    let changed = RwSignal::new(false);

    let change = Action::new_local(move |change: &PasswordChange| {
        let change = change.clone();
        async move { api::change_password(&change).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            // Nothing typed stays on the page once it is done.
            current.set(String::new());
            new.set(String::new());
            changed.set(true);
        }
        Some(Err(e)) => {
            errors.set(e.fields());
            message.set(Some(e.message()));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        changed.set(false);
        let request = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        match request.validate() {
            Ok(()) => {
                errors.set(vec![]);
                change.dispatch(request);
            }
            Err(fields) => {
                errors.set(fields);
                message.set(Some(common::CORRECT_FIELDS.get(i18n::current()).into()));
            }
        }
    };

    view! {
        <h1>{t(words::YOUR_ACCOUNT)}</h1>
        {move || auth.user.get().flatten().map(|user| view! {
            <dl class="card details" data-testid="account-details">
                <dt>{t(shell::USER_NAME)}</dt>
                <dd>{user.username}</dd>
                <dt>{t(words::ROLE)}</dt>
                <dd data-testid="account-role">{t(words::role(user.role))}</dd>
            </dl>
        })}
        <form class="card form subform" on:submit=on_submit novalidate data-testid="password-form">
            <h2>{t(words::CHANGE_PASSWORD)}</h2>
            <p class="muted">{t(words::CHANGE_PASSWORD_HELP)}</p>
            {move || message.get().map(|m| view! {
                <p class="banner error" role="alert" data-testid="form-error">{m}</p>
            })}
            {move || changed.get().then(|| view! {
                <p class="banner success" role="status" data-testid="password-changed">
                    {t(words::PASSWORD_CHANGED)}
                </p>
            })}
            <TextField name="currentPassword" label=words::CURRENT_PASSWORD value=current
                errors=errors input_type="password" required=true />
            <TextField name="newPassword" label=words::NEW_PASSWORD value=new
                errors=errors input_type="password" required=true />
            <div class="actions">
                <button class="button primary" type="submit" disabled=move || change.pending().get()>
                    {t(words::CHANGE_PASSWORD)}
                </button>
            </div>
        </form>
    }
}
