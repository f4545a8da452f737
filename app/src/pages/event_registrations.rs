//! An event's registrations: `/events/{id}/registrations`. The list (search, status filter,
//! paging, cancel), a form to register someone, and the CSV export.

use convene_types::FieldError;
use convene_types::contact::{AttendeeInput, MatchStrategy};
use convene_types::event::{Event, Session};
use convene_types::registration::{Registration, RegistrationInput, RegistrationStatus, SyncState};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::components::field::{InlineError, TextField};
use crate::components::list::{ListState, SearchBox};
use crate::components::pager::Pager;
use crate::components::status::RegistrationStatusBadge;
use crate::display::{local_time, person, timestamp};
use crate::use_auth;

/// Where a registration stands with the webinar provider.
fn sync_label(r: &Registration) -> String {
    match r.sync_state {
        SyncState::NotRequired => "Not applicable (no webinar)".into(),
        SyncState::Pending if r.sync_attempts == 0 => "Pending".into(),
        SyncState::Pending => format!("Pending (retrying after {} attempts)", r.sync_attempts),
        SyncState::Synced => "Synced".into(),
        SyncState::Failed => format!(
            "Failed after {} attempts: {}",
            r.sync_attempts,
            r.sync_error.as_deref().unwrap_or("no detail")
        ),
    }
}

/// What happened to the last "Register someone" submission.
#[derive(Clone)]
enum Outcome {
    Registered(Registration),
    Refused(String),
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

    let signed_out_on_401 = move |e: &ApiError| {
        if e.is_unauthorized() {
            auth.signed_out();
        }
    };
    let event = LocalResource::new(move || {
        let id = event_id();
        async move { api::event(&id).await }
    });
    let sessions = LocalResource::new(move || {
        let id = event_id();
        async move { api::sessions(&id).await }
    });
    let strategy = LocalResource::new(|| async { api::match_strategy().await });

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
    Effect::new(move |_| {
        if let Some(Err(e)) = cancel.value().get() {
            signed_out_on_401(&e);
            message.set(Some(e.message()));
        }
    });

    let registrations = LocalResource::new(move || {
        let id = event_id();
        let query = list.query();
        let status = status.get();
        register.version().get();
        cancel.version().get();
        async move {
            let result = api::registrations(&id, &query, status).await;
            if let Err(e) = &result {
                signed_out_on_401(e);
            }
            result
        }
    });

    let event_name = move || {
        event.with(|e| match e {
            Some(Ok(e)) => e.name.clone(),
            _ => "Registrations".into(),
        })
    };
    Effect::new(move |_| {
        if let Some(Err(e)) = event.get() {
            signed_out_on_401(&e);
            message.set(Some(e.message()));
        }
    });

    let on_status = move |ev: leptos::ev::Event| {
        status.set(RegistrationStatus::parse(&event_target_value(&ev)));
        list.page.set(1);
    };
    let rows = move |items: Vec<Registration>| {
        items
            .into_iter()
            .map(|r| {
                let who = person(&r.first_name, &r.last_name, &r.email);
                let question = format!("Cancel the registration of {who}? This cannot be undone.");
                let id = r.id.clone();
                let cancellable = r.status != RegistrationStatus::Cancelled;
                view! {
                    <tr>
                        <td>
                            <A href=format!("/contacts/{}", r.contact_id) attr:title="Open the contact">
                                {who}
                            </A>
                        </td>
                        <td>{r.email.clone()}</td>
                        <td>{r.company.clone()}</td>
                        <td><RegistrationStatusBadge status=r.status /></td>
                        <td>{timestamp(&r.created_at)}</td>
                        <td>{sync_label(&r)}</td>
                        <td class="row-actions">
                            {cancellable.then(|| view! {
                                <button class="button subtle danger" on:click=move |_| {
                                    if window().confirm_with_message(&question).unwrap_or(false) {
                                        message.set(None);
                                        cancel.dispatch(id.clone());
                                    }
                                }>"Cancel"</button>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
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
                Ok(page) => {
                    let pages = page.page_count();
                    view! {
                        <table class="grid" data-testid="registrations-table">
                            <thead>
                                <tr>
                                    <th>"Name"</th>
                                    <th>"Email"</th>
                                    <th>"Company"</th>
                                    <th>"Status"</th>
                                    <th>"Created at"</th>
                                    <th>"Webinar sync"</th>
                                    <th><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows(page.items)}</tbody>
                        </table>
                        <Pager total=page.total current=page.page pages=pages page=list.page noun="registrations" />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// "Register someone": posts a registration as an attendee would and shows the outcome.
#[component]
fn RegisterForm(
    event: LocalResource<api::ApiResult<Event>>,
    sessions: LocalResource<api::ApiResult<Vec<Session>>>,
    strategy: LocalResource<api::ApiResult<MatchStrategy>>,
    register: Action<RegistrationInput, api::ApiResult<Registration>>,
) -> impl IntoView {
    let auth = use_auth();
    let email = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(None::<Outcome>);

    // Until the server says otherwise, email only (the default when no record is active).
    let strategy_now = move || {
        strategy.with(|s| match s {
            Some(Ok(s)) => *s,
            _ => MatchStrategy::default(),
        })
    };
    let session_list = move || {
        sessions.with(|s| match s {
            Some(Ok(list)) => list.clone(),
            _ => vec![],
        })
    };

    Effect::new(move |_| match register.value().get() {
        Some(Ok(r)) => {
            errors.set(vec![]);
            email.set(String::new());
            first_name.set(String::new());
            last_name.set(String::new());
            company.set(String::new());
            chosen.set(vec![]);
            outcome.set(Some(Outcome::Registered(r)));
        }
        Some(Err(e)) => {
            if e.is_unauthorized() {
                auth.signed_out();
            }
            errors.set(e.fields());
            outcome.set(Some(Outcome::Refused(e.message())));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        let attendee = AttendeeInput {
            email: email.get_untracked(),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            company: company.get_untracked(),
        };
        let input = RegistrationInput {
            attendee: attendee.clone(),
            session_ids: chosen.get_untracked(),
            ..Default::default()
        };
        let known: Vec<String> = session_list().into_iter().map(|s| s.id).collect();
        let mut found = attendee.validate(strategy_now()).err().unwrap_or_default();
        found.extend(
            input
                .validate_extras(&known, &[], &[])
                .err()
                .unwrap_or_default()
                .into_iter()
                .filter(|e| e.field != "passId" && !e.field.starts_with("responses.")),
        );
        if found.is_empty() {
            errors.set(vec![]);
            register.dispatch(input);
        } else {
            errors.set(found);
            outcome.set(Some(Outcome::Refused(
                "Correct the highlighted fields.".into(),
            )));
        }
    };

    let outcome_view = move || {
        outcome.get().map(|o| match o {
            Outcome::Registered(r) => {
                let class = match r.status {
                    RegistrationStatus::Confirmed => "banner success",
                    _ => "banner info",
                };
                view! {
                    <p class=class role="status" data-testid="registration-result">
                        {format!("Registered: {}", r.status.key())}
                        {r.replayed.then_some(" (this submission was already registered)")}
                        " — "
                        <A href=format!("/contacts/{}", r.contact_id)>
                            {person(&r.first_name, &r.last_name, &r.email)}
                        </A>
                    </p>
                }
                .into_any()
            }
            Outcome::Refused(m) => view! {
                <p class="banner error" role="alert" data-testid="registration-result">{m}</p>
            }
            .into_any(),
        })
    };
    let full_note = move || {
        event.with(|e| match e {
            Some(Ok(e)) => e.capacity.map(|c| {
                if e.waitlist_allowed {
                    format!("Capacity {c}; beyond it registrations are waitlisted.")
                } else {
                    format!("Capacity {c}; beyond it registrations are refused.")
                }
            }),
            _ => None,
        })
    };

    view! {
        <section class="card subform">
            <h2>"Register someone"</h2>
            <form on:submit=on_submit novalidate data-testid="register-form">
                <p class="help">
                    {move || format!(
                        "Contacts are matched by {}.",
                        strategy_now().label().to_lowercase()
                    )}
                    " "{full_note}
                </p>
                <TextField name="email" label="Email" value=email errors=errors input_type="email" required=true />
                {move || {
                    let names = strategy_now().uses_names();
                    view! {
                        <div class="field-pair">
                            <TextField name="firstName" label="First name" value=first_name errors=errors required=names />
                            <TextField name="lastName" label="Last name" value=last_name errors=errors required=names />
                        </div>
                    }
                }}
                <TextField name="company" label="Company" value=company errors=errors />
                {move || {
                    let list = session_list();
                    (!list.is_empty()).then(|| view! {
                        <fieldset class="field options">
                            <legend>"Sessions"</legend>
                            {list.into_iter().map(|s| {
                                let id = s.id.clone();
                                let toggle_id = s.id.clone();
                                view! {
                                    <label>
                                        <input type="checkbox" name="sessionIds" value=s.id.clone()
                                            prop:checked=move || chosen.with(|c| c.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen.update(|c| {
                                                    c.retain(|x| *x != toggle_id);
                                                    if on {
                                                        c.push(toggle_id.clone());
                                                    }
                                                });
                                            } />
                                        {s.name}" "
                                        <span class="muted">{local_time(&s.start)}</span>
                                    </label>
                                }
                            }).collect_view()}
                            <InlineError id="sessionIds-error" name="sessionIds" errors=errors />
                        </fieldset>
                    })
                }}
                {outcome_view}
                <div class="actions">
                    <button class="button primary" type="submit" disabled=move || register.pending().get()>
                        "Register"
                    </button>
                </div>
            </form>
        </section>
    }
}
