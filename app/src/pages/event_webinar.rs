//! The webinar part of a webinar or hybrid event's page: the provider's event id and links
//! once created or linked, whether the provider's copy still matches the event, and the
//! "Create webinar" / "Link" actions before that.

use convene_types::event::Event;
use convene_types::webinar::{WebinarRequest, copy_state};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::globe::GlobeIcon;
use crate::reactive::{action, effect};

fn link(url: Option<String>, label: &'static str, aria: &'static str) -> impl IntoView {
    url.map(|url| {
        view! {
            <div class="field">
                <span class="label">{label}</span>
                <span class="input-row">
                    <span class="readonly">{url.clone()}</span>
                    <a class="globe" target="_blank" rel="noopener noreferrer" href=url
                        aria-label=aria>
                        <GlobeIcon />
                    </a>
                </span>
            </div>
        }
    })
}

#[component]
pub fn EventWebinar(event_id: String, event: RwSignal<Option<Event>>) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let provider_id = RwSignal::new(String::new());
    let send = action(move |request: &WebinarRequest| {
        let (id, request) = (event_id.clone(), request.clone());
        Box::pin(async move { api::event_webinar(&id, &request).await })
    });
    effect(move || match send.value().get() {
        Some(Ok(e)) => {
            message.set(None);
            provider_id.set(String::new());
            event.set(Some(e));
        }
        Some(Err(e)) => {
            message.set(Some(describe(&e)));
        }
        None => {}
    });
    let create = move |_| {
        message.set(None);
        send.dispatch(WebinarRequest::default());
    };
    let link_existing = move |_| {
        message.set(None);
        let request = WebinarRequest {
            provider_event_id: Some(provider_id.get_untracked()),
        };
        match request.link() {
            Ok(_) => send.dispatch(request),
            Err(fields) => message.set(
                fields
                    .first()
                    .map(|f| format!("Provider event id {}.", f.message)),
            ),
        }
    };

    move || {
        event.get().filter(|e| e.format.needs_webinar()).map(|e| {
            let state = copy_state(&e);
            let body = match e.provider_event_id.clone() {
                Some(id) => view! {
                    <div class="field">
                        <span class="label">"Provider event id"</span>
                        <span class="readonly" data-testid="provider-event-id">{id}</span>
                    </div>
                    {link(e.audience_url.clone(), "Audience URL", "Open the audience URL in a new tab")}
                    {link(e.preview_url.clone(), "Preview URL", "Open the preview URL in a new tab")}
                    {e.provider_copy.is_none().then(|| view! {
                        <p class="help">"Linked to an existing webinar: Convene did not send it, so it does not compare it with the event."</p>
                    })}
                    {(!state.differs.is_empty()).then(|| view! {
                        <p class="banner info" role="status" data-testid="provider-copy">{state.message.clone()}</p>
                    })}
                }
                .into_any(),
                None => view! {
                    <p class="help">"No webinar at the provider yet. Create it there (the event's name, start and duration are sent), or link a webinar that exists there."</p>
                    <div class="actions">
                        <button class="button primary" type="button" on:click=create
                            disabled=move || send.pending().get()>"Create webinar"</button>
                    </div>
                    <div class="field">
                        <label for="providerEventId">"Existing provider event id"</label>
                        <div class="input-row">
                            <input id="providerEventId" inputmode="numeric"
                                prop:value=move || provider_id.get()
                                on:input=move |ev| provider_id.set(event_target_value(&ev)) />
                            <button class="button" type="button" on:click=link_existing
                                disabled=move || send.pending().get()>"Link"</button>
                        </div>
                    </div>
                }
                .into_any(),
            };
            view! {
                <section class="card" aria-labelledby="webinar-heading">
                    <h2 id="webinar-heading">"Webinar at the provider"</h2>
                    {move || send.pending().get().then(|| view! { <p class="banner info">"Sending to the provider…"</p> })}
                    {move || message.get().map(|m| view! { <p class="banner error" role="alert" data-testid="webinar-error">{m}</p> })}
                    {body}
                </section>
            }
        })
    }
}

/// The server's message, with the first field's problem when it names one.
fn describe(e: &ApiError) -> String {
    match e.fields().first() {
        Some(f) => format!("{} {}: {}", e.message(), f.field, f.message),
        None => e.message(),
    }
}
