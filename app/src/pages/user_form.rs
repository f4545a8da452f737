//! A user: `/settings/users/new` or `/…/{id}`. User name, role and password (on a change, a
//! new password, or empty to keep the current one). Toolbar: Save, Disable/Enable.

use convene_types::FieldError;
use convene_types::auth::SessionUser;
use convene_types::user::{Role, User, UserInput};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::users::{LIST, state_badge};
use crate::api::{self, ApiError};
use crate::components::field::{InlineError, TextField, error_for};
use crate::components::unsaved;
use crate::i18n::admin::{common, settings, shell, users as words};
use crate::i18n::{self, t};
use crate::{Auth, use_auth};

const ROLE: &str = "role";

/// After a save of your own user, the frame and what you may see follow its name and role at
/// once (the Shell builds the page again when the signed-in user changes).
fn follow_own_change(auth: Auth, user: &User) {
    let signed_in = SessionUser {
        id: user.id.clone(),
        username: user.username.clone(),
        role: user.role,
    };
    let changed = auth.user.with_untracked(|current| {
        current
            .as_ref()
            .and_then(Option::as_ref)
            .is_some_and(|current| current.id == user.id && *current != signed_in)
    });
    if changed {
        auth.user.set(Some(Some(signed_in)));
    }
}

#[component]
pub fn UserForm() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).filter(|id| id != "new");

    let username = RwSignal::new(String::new());
    let role = RwSignal::new(None::<Role>);
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let dirty = unsaved::guard();
    let message = RwSignal::new(None::<String>);
    let saved_note = RwSignal::new(false);
    let record = RwSignal::new(None::<User>);

    let fail = move |e: ApiError| {
        errors.set(e.fields());
        message.set(Some(e.message()));
    };
    let show = move |user: Option<User>| {
        username.set(
            user.as_ref()
                .map(|u| u.username.clone())
                .unwrap_or_default(),
        );
        role.set(user.as_ref().map(|u| u.role));
        password.set(String::new());
        record.set(user);
    };

    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::user(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(user)) => show(user),
        Some(Err(e)) => fail(e),
        None => {}
    });

    let save = Action::new_local(move |input: &UserInput| {
        let input = input.clone();
        let id = id();
        async move {
            match id {
                Some(id) => api::update_user(&id, &input).await,
                None => api::create_user(&input).await,
            }
        }
    });
    let navigate_after_save = navigate.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(user)) => {
            follow_own_change(auth, &user);
            dirty.set(false);
            message.set(None);
            saved_note.set(true);
            if untrack(id).is_none() {
                navigate_after_save(&format!("{LIST}/{}", user.id), Default::default());
            }
            show(Some(user));
        }
        Some(Err(e)) => fail(e),
        None => {}
    });

    let toggle = Action::new_local(move |active: &bool| {
        let active = *active;
        let id = id();
        async move {
            match id {
                Some(id) => api::set_user_active(&id, active).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match toggle.value().get() {
        Some(Ok(Some(user))) => show(Some(user)),
        Some(Err(e)) => fail(e),
        _ => {}
    });

    let start = move || {
        message.set(None);
        saved_note.set(false);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start();
        let input = UserInput {
            username: username.get_untracked(),
            role: role.get_untracked(),
            password: password.get_untracked(),
        };
        match input.validate(untrack(id).is_none()) {
            Ok(input) => {
                errors.set(vec![]);
                save.dispatch(input);
            }
            Err(fields) => {
                errors.set(fields);
                message.set(Some(common::CORRECT_FIELDS.get(i18n::current()).into()));
            }
        }
    };
    let on_toggle = move |_| {
        start();
        let active = record.with_untracked(|r| r.as_ref().is_some_and(|r| r.active));
        toggle.dispatch(!active);
    };
    let on_role = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        role.set(Role::ALL.into_iter().find(|r| r.as_str() == key));
    };
    let role_error = move || errors.with(|e| error_for(e, ROLE));
    let creating = move || id().is_none();

    view! {
        <div class="page-header">
            <h1>{move || record.with(|r| r.as_ref().map(|r| r.username.clone()))
                .unwrap_or_else(|| if creating() {
                    words::NEW_USER.get(i18n::lang()).into()
                } else {
                    // An existing record still loading: not a new one.
                    words::USER.get(i18n::lang()).into()
                })}</h1>
        </div>
        <div class="toolbar actions" role="toolbar" aria-label=t(words::USER)>
            <button class="button primary" type="submit" form="user-form"
                disabled=move || save.pending().get()>{t(common::SAVE)}</button>
            {move || record.get().map(|r| view! {
                <button class="button" type="button" on:click=on_toggle
                    disabled=move || toggle.pending().get()>
                    {t(if r.active { words::DISABLE } else { words::ENABLE })}
                </button>
            })}
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="form-error">{m}</p>
        })}
        {move || saved_note.get().then(|| view! { <p class="banner success" role="status">{t(common::SAVED)}</p> })}
        {move || record.get().filter(|r| !r.active).map(|_| view! {
            <p class="banner warning" data-testid="disabled-note">{t(words::DISABLED_NOTE)}</p>
        })}
        <form id="user-form" class="card form" on:submit=on_submit novalidate
            on:input=move |_| dirty.set(true)>
            <TextField name="username" label=shell::USER_NAME value=username errors=errors required=true />
            <div class="field" class:invalid=move || role_error().is_some()>
                <label for=ROLE>{t(words::ROLE)}" *"</label>
                <select id=ROLE name=ROLE on:change=on_role
                    prop:value=move || role.get().map_or("", Role::as_str)
                    aria-invalid=move || role_error().is_some().to_string()
                    aria-describedby="role-error">
                    <option value="" disabled=true selected=move || role.get().is_none()>
                        {t(words::CHOOSE_A_ROLE)}
                    </option>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || role.get() == Some(r)>
                            {t(words::role(r))}
                        </option>
                    }).collect_view()}
                </select>
                <InlineError id="role-error" name=ROLE errors=errors />
            </div>
            // Rebuilt when the page turns from a new user into a saved one.
            {move || if creating() {
                view! {
                    <TextField name="password" label=shell::PASSWORD value=password errors=errors
                        input_type="password" required=true help=words::PASSWORD_HELP />
                }.into_any()
            } else {
                view! {
                    <TextField name="password" label=words::NEW_PASSWORD value=password errors=errors
                        input_type="password" help=words::KEEP_PASSWORD_HELP />
                }.into_any()
            }}
            {move || record.get().map(|r| view! {
                <dl class="details">
                    <dt>{t(settings::STATE)}</dt>
                    <dd>{state_badge(r.active)}</dd>
                </dl>
            })}
            <div class="actions">
                <A href=LIST attr:class="button subtle">{t(common::BACK_TO_LIST)}</A>
            </div>
        </form>
    }
}
