//! A contact: `/contacts/{id}`, with the registrations linked to it.

use std::collections::HashMap;

use convene_types::list::MAX_PAGE_SIZE;
use convene_types::registration::Registration;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiResult};
use crate::components::status::RegistrationStatusBadge;
use crate::display::{person, timestamp};
use crate::use_auth;

/// The contact's registrations and the names of their events.
async fn registrations_with_events(
    contact_id: &str,
) -> ApiResult<(Vec<Registration>, HashMap<String, String>)> {
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
    Ok((registrations, names))
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let auth = use_auth();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();

    let contact = auth.resource(move || {
        let id = id();
        Box::pin(async move { api::contact(&id).await })
    });
    let registrations = auth.resource(move || {
        let id = id();
        Box::pin(async move { registrations_with_events(&id).await })
    });

    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || contact.get().map(|result| match result {
                Err(e) => view! {
                    <h1>"Contact"</h1>
                    <p class="banner error" role="alert">{e.message()}</p>
                }.into_any(),
                Ok(c) => view! {
                    <div class="page-header">
                        <h1>{person(&c.first_name, &c.last_name, &c.email)}</h1>
                        <A href="/contacts" attr:class="button subtle">"All contacts"</A>
                    </div>
                    <dl class="card details" data-testid="contact-details">
                        <dt>"Email"</dt><dd>{c.email.clone()}</dd>
                        <dt>"First name"</dt><dd>{c.first_name.clone()}</dd>
                        <dt>"Last name"</dt><dd>{c.last_name.clone()}</dd>
                        <dt>"Company"</dt><dd>{c.company.clone()}</dd>
                        <dt>"Created at"</dt><dd>{timestamp(&c.created_at)}</dd>
                        <dt>"Registrations"</dt><dd>{c.registration_count}</dd>
                    </dl>
                }.into_any(),
            })}
        </Transition>
        <h2>"Registrations"</h2>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || registrations.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok((list, _)) if list.is_empty() => view! {
                    <p class="muted">"No registrations."</p>
                }.into_any(),
                Ok((list, names)) => view! {
                    <table class="grid" data-testid="contact-registrations-table">
                        <thead>
                            <tr>
                                <th>"Event"</th>
                                <th>"Status"</th>
                                <th>"Registered at"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|r| {
                                let name = names.get(&r.event_id).cloned()
                                    .unwrap_or_else(|| "Unknown event".into());
                                view! {
                                    <tr>
                                        <td>
                                            <A href=format!("/events/{}/registrations", r.event_id)>{name}</A>
                                        </td>
                                        <td><RegistrationStatusBadge status=r.status /></td>
                                        <td>{timestamp(&r.created_at)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Transition>
    }
}
