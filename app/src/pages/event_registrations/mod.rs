//! An event's registrations: `/events/{id}/registrations`. The list (`list.rs`: search,
//! status filter, paging, cancel; each with its pass and answers), a form to register
//! someone (`form.rs`, with a pass and the event's questions, `questions.rs`), and the CSV
//! export.

mod form;
mod list;
mod questions;

use convene_types::catalog::Pass;
use convene_types::custom::RegistrationQuestion;
use convene_types::registration::{RegistrationInput, RegistrationStatus};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::Loaded;
use crate::api;
use crate::components::list::{ListState, SearchBox};
use crate::reactive::{action, effect};
use crate::use_auth;
use form::RegisterForm;

type Passes = Loaded<Vec<Pass>>;
type Questions = Loaded<Vec<RegistrationQuestion>>;

/// The list once loaded; `None` until then or when it failed.
fn loaded<T: Clone + 'static>(resource: Loaded<Vec<T>>) -> Option<Vec<T>> {
    resource.with(|r| match r {
        Some(Ok(list)) => Some(list.clone()),
        _ => None,
    })
}

#[component]
pub fn EventRegistrations() -> impl IntoView {
    let auth = use_auth();
    let params = use_params_map();
    let event_id = move || params.with(|p| p.get("id")).unwrap_or_default();
    // Oldest first (the order the API keeps).
    let list = ListState::new("createdAt");
    let status = RwSignal::new(None::<RegistrationStatus>);
    let message = RwSignal::new(None::<String>);

    let event = auth.resource(move || {
        let id = event_id();
        Box::pin(async move { api::event(&id).await })
    });
    let sessions = auth.resource(move || {
        let id = event_id();
        Box::pin(async move { api::sessions(&id).await })
    });
    let strategy = auth.resource(|| Box::pin(async { api::match_strategy().await }));
    let passes: Passes = auth.resource(move || {
        let id = event_id();
        Box::pin(async move { api::event_items::<Pass>(&id).await })
    });
    let questions: Questions = auth.resource(move || {
        let id = event_id();
        Box::pin(async move { api::event_items::<RegistrationQuestion>(&id).await })
    });

    let register = action(move |input: &RegistrationInput| {
        let input = input.clone();
        let id = event_id();
        Box::pin(async move { api::register(&id, &input).await })
    });
    let cancel = action(move |registration_id: &String| {
        let registration_id = registration_id.clone();
        let id = event_id();
        Box::pin(async move { api::cancel_registration(&id, &registration_id).await })
    });
    effect(move || {
        if let Some(Err(e)) = cancel.value().get() {
            message.set(Some(e.message()));
        }
    });

    let registrations = auth.resource(move || {
        let id = event_id();
        let query = list.query();
        let status = status.get();
        register.version().get();
        cancel.version().get();
        Box::pin(async move { api::registrations(&id, &query, status).await })
    });

    let event_name = move || {
        event.with(|e| match e {
            Some(Ok(e)) => e.name.clone(),
            _ => "Registrations".into(),
        })
    };
    effect(move || {
        if let Some(Err(e)) = event.get() {
            message.set(Some(e.message()));
        }
    });

    let on_status = move |ev: leptos::ev::Event| {
        status.set(RegistrationStatus::parse(&event_target_value(&ev)));
        list.page.set(1);
    };
    view! {
        <div class="page-header">
            <h1>{event_name}</h1>
            <div class="actions">
                <A href=move || format!("/events/{}", event_id()) attr:class="button subtle">"Event"</A>
                <a class="button" href=move || api::registrations_csv_url(&event_id()) download=""
                    data-testid="export-csv">"Export CSV"</a>
            </div>
        </div>
        <RegisterForm
            event=event
            sessions=sessions
            strategy=strategy
            passes=passes
            questions=questions
            register=register
        />
        <h2>"Registrations"</h2>
        <div class="toolbar filters">
            <SearchBox list=list label="Search registrations" />
            <label>
                "Status "
                <select aria-label="Status" on:change=on_status
                    prop:value=move || status.get().map(|s| s.key()).unwrap_or("")>
                    <option value="">"All"</option>
                    {[RegistrationStatus::Confirmed, RegistrationStatus::Waitlisted, RegistrationStatus::Cancelled]
                        .into_iter()
                        .map(|s| view! { <option value=s.key()>{s.label()}</option> })
                        .collect_view()}
                </select>
            </label>
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || registrations.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <p class="muted">"No registrations in this view."</p>
                }.into_any(),
                Ok(page) => list::table(page, passes, questions, cancel, message, list).into_any(),
            })}
        </Transition>
    }
}
