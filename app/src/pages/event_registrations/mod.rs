//! An event's registrations: `/events/{id}/registrations`. The list (`list.rs`: search,
//! status filter, paging, cancel; each with its pass and answers, its webinar sync state
//! with Retry and its sessions' own webinars, and its attendance), the attendance totals of
//! the event and of each session with its own webinar (also as a chart, beside the chart
//! of registrations per day), a form to register someone
//! (`form.rs`, with a pass and the event's questions, `questions.rs`; not for a role that
//! may only read events, which sees no Cancel or Retry either), and the CSV export.
//! While a registration on the page is on its way to the webinar provider, the list is
//! read again (after 2 s, then less and less often).

mod form;
mod list;
mod questions;

use std::sync::Arc;

use convene_types::catalog::Pass;
use convene_types::custom::RegistrationQuestion;
use convene_types::event::Session;
use convene_types::i18n::Lang;
use convene_types::registration::{Registration, RegistrationInput, RegistrationStatus};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiResult};
use crate::components::attendance::{attendance_totals, session_attendance_totals};
use crate::components::charts::{AttendanceChart, RegistrationsPerDay};
use crate::components::chunk::Chunk;
use crate::components::list::{ListState, SearchBox};
use crate::components::sync_state::refresh_after_ms;
use crate::i18n::admin::{common, registrations as words, settings};
use crate::i18n::{self, t};
use crate::use_auth;
use list::RowActs;

type Passes = LocalResource<ApiResult<Vec<Pass>>>;
type Questions = LocalResource<ApiResult<Vec<RegistrationQuestion>>>;
type Sessions = LocalResource<ApiResult<Vec<Session>>>;

/// The list once loaded (tracked); `None` until then or when it failed.
fn loaded<T: Clone + 'static>(resource: LocalResource<ApiResult<Vec<T>>>) -> Option<Vec<T>> {
    resource.with(|r| match r {
        Some(Ok(list)) => Some(list.clone()),
        _ => None,
    })
}

#[component]
pub fn EventRegistrations() -> impl IntoView {
    let params = use_params_map();
    let event_id = move || params.with(|p| p.get("id")).unwrap_or_default();
    // Oldest first (the order the API keeps).
    let list = ListState::new("createdAt");
    let status = RwSignal::new(None::<RegistrationStatus>);
    let message = RwSignal::new(None::<String>);
    let writable = use_auth().can_write_events();

    let event = LocalResource::new(move || {
        let id = event_id();
        async move { api::event(&id).await }
    });
    let sessions: Sessions = LocalResource::new(move || {
        let id = event_id();
        async move { api::sessions(&id).await }
    });
    let strategy = LocalResource::new(|| async { api::match_strategy().await });
    let passes: Passes = LocalResource::new(move || {
        let id = event_id();
        async move { api::event_items::<Pass>(&id).await }
    });
    let questions: Questions = LocalResource::new(move || {
        let id = event_id();
        async move { api::event_items::<RegistrationQuestion>(&id).await }
    });

    let register = Action::new_local(move |input: &RegistrationInput| {
        let input = input.clone();
        let id = event_id();
        async move { api::register(&id, &input).await }
    });
    let cancel = Action::new_local(move |registration_id: &String| {
        let registration_id = registration_id.clone();
        let id = event_id();
        async move { api::cancel_registration(&id, &registration_id).await }
    });
    let retry = Action::new_local(move |registration_id: &String| {
        let registration_id = registration_id.clone();
        let id = event_id();
        async move { api::retry_registration_sync(&id, &registration_id).await }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = cancel.value().get() {
            message.set(Some(e.message()));
        }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = retry.value().get() {
            message.set(Some(words::retry_refused(i18n::current(), &e.message())));
        }
    });

    // Bumped to read the list again while registrations are on their way to the provider.
    let refresh = RwSignal::new(0u32);
    let registrations = LocalResource::new(move || {
        let id = event_id();
        let query = list.query();
        let status = status.get();
        register.version().get();
        cancel.version().get();
        retry.version().get();
        refresh.get();
        async move { api::registrations(&id, &query, status).await }
    });
    // Reads made only by this in a row (any other read starts the count again), and the
    // `refresh` value the pending timer will set.
    let (mut polls, mut expected) = (0u32, None::<u32>);
    Effect::new(move |_| {
        let now = refresh.get_untracked();
        polls = if expected == Some(now) { polls + 1 } else { 0 };
        expected = None;
        let wait = registrations.with(|r| match r {
            Some(Ok(page)) => refresh_after_ms(&page.items, polls),
            _ => None,
        });
        if let Some(ms) = wait
            && let Ok(timer) = set_timeout_with_handle(
                move || refresh.update(|n| *n += 1),
                std::time::Duration::from_millis(u64::from(ms)),
            )
        {
            expected = Some(now + 1);
            // A new answer, a new filter or leaving the page cancels the pending read.
            on_cleanup(move || timer.clear());
        }
    });
    // The confirmed registrations, for the attendance totals.
    let confirmed = LocalResource::new(move || {
        let id = event_id();
        register.version().get();
        cancel.version().get();
        async move { api::all_registrations(&id, RegistrationStatus::Confirmed).await }
    });

    let per_day = LocalResource::new(move || {
        let id = event_id();
        register.version().get();
        cancel.version().get();
        async move { api::registrations_per_day(&id).await }
    });

    let event_name = move || {
        event.with(|e| match e {
            Some(Ok(e)) => e.name.clone(),
            _ => common::REGISTRATIONS.get(i18n::lang()).into(),
        })
    };
    Effect::new(move |_| {
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
                <A href=move || format!("/events/{}", event_id()) attr:class="button subtle">{t(common::EVENT)}</A>
                <a class="button" href=move || api::registrations_csv_url(&event_id()) download=""
                    data-testid="export-csv">{t(words::EXPORT_CSV)}</a>
            </div>
        </div>
        {writable.then(|| view! {
            <Chunk load=Arc::new(move || {
                Box::pin(form::register_form(event, sessions, strategy, passes, questions, register))
            }) />
        })}
        <h2>{t(common::REGISTRATIONS)}</h2>
        <Transition fallback=|| ()>
            {move || per_day.get().map(|result| match result {
                Ok(days) if days.is_empty() => ().into_any(),
                Ok(days) => view! { <RegistrationsPerDay days=days /> }.into_any(),
                Err(e) => view! {
                    <p class="banner error" role="alert">{t(words::REGISTRATIONS_PER_DAY_FAILED)}{e.message()}</p>
                }.into_any(),
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || confirmed.get().map(|result| match result {
                Ok(all) => totals_view(i18n::lang(), &all, &loaded(sessions).unwrap_or_default()).into_any(),
                Err(e) => view! {
                    <p class="banner error" role="alert">{t(words::ATTENDANCE_TOTALS_FAILED)}{e.message()}</p>
                }.into_any(),
            })}
        </Transition>
        <div class="toolbar filters">
            <SearchBox list=list label=words::SEARCH_REGISTRATIONS />
            <label>
                {t(common::STATUS)}" "
                <select aria-label=t(common::STATUS) on:change=on_status
                    prop:value=move || status.get().map(|s| s.key()).unwrap_or("")>
                    <option value="">{t(words::ALL_STATUSES)}</option>
                    {[RegistrationStatus::Confirmed, RegistrationStatus::Waitlisted, RegistrationStatus::Cancelled]
                        .into_iter()
                        .map(|s| view! { <option value=s.key()>{t(settings::registration_status(s))}</option> })
                        .collect_view()}
                </select>
            </label>
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || registrations.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <p class="muted">{t(words::NO_REGISTRATIONS_IN_VIEW)}</p>
                }.into_any(),
                Ok(page) => list::table(page, passes, questions, sessions, RowActs { cancel, retry, message, writable }, list).into_any(),
            })}
        </Transition>
    }
}

/// "12 of 30 confirmed registrations attended" for the event, and "Keynote: 3 of 5
/// registered attended" for each session with its own webinar, once the provider reported
/// attendance for it; and the same as a chart. In `lang` (the caller reads it tracked, so
/// these are made again on a switch).
fn totals_view(lang: Lang, confirmed: &[Registration], sessions: &[Session]) -> impl IntoView {
    let mut charted: Vec<_> = attendance_totals(confirmed)
        .map(|t| (common::EVENT.get(lang).to_string(), t))
        .into_iter()
        .collect();
    charted.extend(session_attendance_totals(confirmed, sessions));
    let chart = (!charted.is_empty()).then(|| view! { <AttendanceChart rows=charted /> });
    let event = attendance_totals(confirmed).map(|t| {
        view! {
            <p class="totals" data-testid="attendance-totals">
                <strong>{words::ATTENDANCE_LEAD.get(lang)}</strong>
                {words::event_attended(lang, t.attended, t.registered)}
                <span class="muted">{words::AS_LAST_REPORTED.get(lang)}</span>
            </p>
        }
    });
    let by_session = session_attendance_totals(confirmed, sessions)
        .into_iter()
        .map(|(name, t)| {
            view! {
                <p class="totals" data-testid="session-attendance-totals">
                    <strong>{words::before_colon(lang, &name)}</strong>
                    {words::session_attended(lang, t.attended, t.registered)}
                </p>
            }
        })
        .collect::<Vec<_>>();
    (event, by_session, chart)
}
