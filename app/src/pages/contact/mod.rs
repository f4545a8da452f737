//! A contact: `/contacts/{id}`, with the registrations linked to it (where each stands
//! with the webinar provider, its sessions' own webinars, and its attendance), and erasing the contact's personal data
//! (`erase.rs`; not for a role that may only read).

mod erase;

use std::collections::HashMap;

use convene_types::event::Session;
use convene_types::list::MAX_PAGE_SIZE;
use convene_types::registration::Registration;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiResult};
use crate::components::attendance::AttendanceSummary;
use crate::components::status::RegistrationStatusBadge;
use crate::components::sync_state::{SyncStatus, session_webinars};
use crate::display::{person, timestamp};
use crate::i18n::admin::{common, registrations as words};
use crate::i18n::{self, t};
use crate::use_auth;
use erase::{EraseContact, erased_view};

type Registrations = (Vec<Registration>, HashMap<String, String>, Vec<Session>);

/// The contact's registrations, the names of their events, and the sessions of those with
/// a session's own webinar (whose names they show).
async fn registrations_with_events(contact_id: &str) -> ApiResult<Registrations> {
    let registrations = api::contact_registrations(contact_id).await?;
    let mut names: HashMap<String, String> = api::events(&format!("?pageSize={MAX_PAGE_SIZE}"))
        .await
        .map(|page| page.items.into_iter().map(|e| (e.id, e.name)).collect())
        .unwrap_or_default();
    // Events beyond the first page of the list are asked for one by one.
    for r in &registrations {
        if !names.contains_key(&r.event_id)
            && let Ok(e) = api::event(&r.event_id).await
        {
            names.insert(e.id, e.name);
        }
    }
    let mut sessions: Vec<Session> = Vec::new();
    for r in registrations
        .iter()
        .filter(|r| !r.session_webinars.is_empty())
    {
        if !sessions.iter().any(|s| s.event_id == r.event_id)
            && let Ok(list) = api::sessions(&r.event_id).await
        {
            sessions.extend(list);
        }
    }
    Ok((registrations, names, sessions))
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();

    let contact = LocalResource::new(move || {
        let id = id();
        async move { api::contact(&id).await }
    });
    let confirming = RwSignal::new(false);
    let writable = use_auth().can_write_events();
    let erase = Action::new_local(move |contact_id: &String| {
        let contact_id = contact_id.clone();
        async move { api::erase_contact(&contact_id).await }
    });
    let registrations = LocalResource::new(move || {
        let id = id();
        // Erased: the registrations' personal data changed too.
        erase.version().get();
        async move { registrations_with_events(&id).await }
    });
    // The erased contact as the erasure answered it, else as read.
    let shown = move || match erase.value().get() {
        Some(Ok(erased)) => Some(Ok(erased)),
        _ => contact.get(),
    };

    view! {
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || shown().map(|result| match result {
                Err(e) => view! {
                    <h1>{t(words::CONTACT)}</h1>
                    <p class="banner error" role="alert">{e.message()}</p>
                }.into_any(),
                Ok(c) => view! {
                    <div class="page-header">
                        <h1>{person(&c.first_name, &c.last_name, &c.email)}</h1>
                        <A href="/contacts" attr:class="button subtle">{t(words::ALL_CONTACTS)}</A>
                    </div>
                    <dl class="card details" data-testid="contact-details">
                        <dt>{t(common::EMAIL)}</dt><dd>{c.email.clone()}</dd>
                        <dt>{t(common::FIRST_NAME)}</dt><dd>{c.first_name.clone()}</dd>
                        <dt>{t(common::LAST_NAME)}</dt><dd>{c.last_name.clone()}</dd>
                        <dt>{t(common::COMPANY)}</dt><dd>{c.company.clone()}</dd>
                        <dt>{t(words::CREATED_AT)}</dt><dd>{timestamp(i18n::lang(), &c.created_at)}</dd>
                        <dt>{t(common::REGISTRATIONS)}</dt><dd>{c.registration_count}</dd>
                        {c.erased_at.clone().map(|at| view! {
                            <dt>{t(words::PERSONAL_DATA_ERASED_AT)}</dt>
                            <dd data-testid="erased-at">{timestamp(i18n::lang(), &at)}</dd>
                        })}
                    </dl>
                    {erased_view(erase)}
                    {writable.then(|| view! { <EraseContact contact=c erase=erase confirming=confirming /> })}
                }.into_any(),
            })}
        </Transition>
        <h2>{t(common::REGISTRATIONS)}</h2>
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || registrations.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok((list, _, _)) if list.is_empty() => view! {
                    <p class="muted">{t(words::NO_REGISTRATIONS)}</p>
                }.into_any(),
                Ok((list, names, sessions)) => {
                    let lang = i18n::lang();
                    view! {
                        <div class="table-scroll"><table class="grid" data-testid="contact-registrations-table">
                            <thead>
                                <tr>
                                    <th>{t(common::EVENT)}</th>
                                    <th>{t(common::STATUS)}</th>
                                    <th>{t(words::REGISTERED_AT)}</th>
                                    <th>{t(words::WEBINAR_SYNC)}</th>
                                    <th>{t(words::ATTENDANCE)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.into_iter().map(|r| {
                                    let name = names.get(&r.event_id).cloned()
                                        .unwrap_or_else(|| words::UNKNOWN_EVENT.get(lang).into());
                                    let (event_id, status, created_at) =
                                        (r.event_id.clone(), r.status, timestamp(lang, &r.created_at));
                                    let attendance = r.attendance.clone();
                                    let session_webinars = session_webinars(&r.session_webinars, &sessions);
                                    view! {
                                        <tr>
                                            <td>
                                                <A href=format!("/events/{event_id}/registrations")>{name}</A>
                                            </td>
                                            <td><RegistrationStatusBadge status=status /></td>
                                            <td>{created_at}</td>
                                            <td>
                                                <SyncStatus registration=r />
                                                {session_webinars}
                                            </td>
                                            <td><AttendanceSummary attendance=attendance /></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
