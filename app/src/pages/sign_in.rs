//! Sign-in page. After signing in, goes back to `?next=` (a local path) or to the start page
//! of the user's role (`home`).

use convene_types::auth::SignInRequest;
use convene_types::user::Role;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::field::TextField;
use crate::components::shell::LanguageSwitch;
use crate::i18n::admin::shell;
use crate::i18n::t;
use crate::{api, home, use_auth};

/// Only same-site paths are followed after sign-in (no open redirect); else the start page
/// of `role`.
fn safe_next(next: Option<String>, role: Role) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/sign-in") => n,
        _ => home(role).into(),
    }
}

#[component]
pub fn SignIn() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let query = use_query_map();
    let username = RwSignal::new("admin".to_string());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);

    let submit = Action::new_local(move |request: &SignInRequest| {
        let request = request.clone();
        async move { api::sign_in(&request).await }
    });

    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(user) => {
                    let next = safe_next(query.with_untracked(|q| q.get("next")), user.role);
                    auth.user.set(Some(Some(user)));
                    navigate(&next, Default::default());
                }
                Err(e) => {
                    errors.set(e.fields());
                    message.set(Some(e.message()));
                }
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = SignInRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        message.set(None);
        match request.validate() {
            Ok(()) => {
                errors.set(vec![]);
                submit.dispatch(request);
            }
            Err(fields) => errors.set(fields),
        }
    };

    view! {
        <div class="signin">
            <form class="card" on:submit=on_submit novalidate>
                <div class="signin-language"><LanguageSwitch /></div>
                <h1>{t(shell::SIGN_IN_TITLE)}</h1>
                <TextField name="username" label=shell::USER_NAME value=username errors=errors required=true />
                <TextField
                    name="password"
                    label=shell::PASSWORD
                    value=password
                    errors=errors
                    input_type="password"
                    required=true
                />
                {move || message.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
                <button class="button primary" type="submit" disabled=move || submit.pending().get()>
                    {t(shell::SIGN_IN)}
                </button>
            </form>
        </div>
    }
}
