//! A webinar at the provider, for an event or one of its sessions: the provider's event id
//! and links once created or linked, whether the provider's copy still matches, and the
//! "Create webinar" / "Link" actions before that. The caller wraps it (a card with its
//! heading) and says how a request is sent.

use std::sync::Arc;

use convene_types::event::{Event, Session};
use convene_types::webinar::{CopyState, WebinarRequest, copy_state, session_copy_state};
use leptos::prelude::*;

use crate::api::{ApiError, ApiResult};
use crate::components::globe::GlobeIcon;
use crate::reactive::{Pending, action, effect};

/// What the part shows of a record's webinar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebinarShown {
    pub provider_event_id: Option<String>,
    pub audience_url: Option<String>,
    pub preview_url: Option<String>,
    /// Linked, not created by Convene: nothing was sent to compare with.
    pub linked: bool,
    pub copy: CopyState,
}

impl WebinarShown {
    /// An event's webinar; `None` for a format without one.
    pub fn of_event(event: &Event) -> Option<WebinarShown> {
        event.format.needs_webinar().then(|| WebinarShown {
            provider_event_id: event.provider_event_id.clone(),
            audience_url: event.audience_url.clone(),
            preview_url: event.preview_url.clone(),
            linked: event.provider_copy.is_none(),
            copy: copy_state(event),
        })
    }

    /// A session's own webinar; `None` when its event's format has none.
    pub fn of_session(event: &Event, session: &Session) -> Option<WebinarShown> {
        event.format.needs_webinar().then(|| WebinarShown {
            provider_event_id: session.provider_event_id.clone(),
            audience_url: session.audience_url.clone(),
            preview_url: session.preview_url.clone(),
            linked: session.provider_copy.is_none(),
            copy: session_copy_state(event, session),
        })
    }
}

/// Sends a create (empty) or link request and, once answered, updates what the caller shows.
pub type SendWebinar = Arc<dyn Fn(WebinarRequest) -> Pending<ApiResult<()>> + Send + Sync>;

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
pub fn ProviderWebinar(
    /// The webinar as the record shows it; `None` hides the part.
    shown: Signal<Option<WebinarShown>>,
    send: SendWebinar,
    /// "event" or "session": what is sent, what is compared.
    subject: &'static str,
    /// Makes the link input's id unique on the page (`{id_prefix}providerEventId`).
    #[prop(optional)]
    id_prefix: String,
) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let provider_id = RwSignal::new(String::new());
    let send = action(move |request: &WebinarRequest| send(request.clone()));
    effect(move || match send.value().get() {
        Some(Ok(())) => {
            message.set(None);
            provider_id.set(String::new());
        }
        Some(Err(e)) => message.set(Some(describe(&e))),
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
    let input_id = format!("{id_prefix}providerEventId");

    let body = move |w: WebinarShown| {
        match w.provider_event_id {
        Some(id) => view! {
            <div class="field">
                <span class="label">"Provider event id"</span>
                <span class="readonly" data-testid="provider-event-id">{id}</span>
            </div>
            {link(w.audience_url, "Audience URL", "Open the audience URL in a new tab")}
            {link(w.preview_url, "Preview URL", "Open the preview URL in a new tab")}
            {w.linked.then(|| view! {
                <p class="help">{format!("Linked to an existing webinar: Convene did not send it, so it does not compare it with the {subject}.")}</p>
            })}
            {(!w.copy.differs.is_empty()).then(|| view! {
                <p class="banner info" role="status" data-testid="provider-copy">{w.copy.message}</p>
            })}
        }
        .into_any(),
        None => view! {
            <p class="help">{format!("No webinar at the provider yet. Create it there (the {subject}'s name, start and duration are sent), or link a webinar that exists there.")}</p>
            <div class="actions">
                <button class="button primary" type="button" on:click=create
                    disabled=move || send.pending().get()>"Create webinar"</button>
            </div>
            <div class="field">
                <label for=input_id.clone()>"Existing provider event id"</label>
                <div class="input-row">
                    <input id=input_id.clone() inputmode="numeric"
                        prop:value=move || provider_id.get()
                        on:input=move |ev| provider_id.set(event_target_value(&ev)) />
                    <button class="button" type="button" on:click=link_existing
                        disabled=move || send.pending().get()>"Link"</button>
                </div>
            </div>
        }
        .into_any(),
    }
    };
    view! {
        {move || send.pending().get().then(|| view! { <p class="banner info">"Sending to the provider…"</p> })}
        {move || message.get().map(|m| view! { <p class="banner error" role="alert" data-testid="webinar-error">{m}</p> })}
        {move || shown.get().map(body.clone())}
    }
}

/// The server's message, with the first field's problem when it names one.
fn describe(e: &ApiError) -> String {
    match e.fields().first() {
        Some(f) => format!("{} {}: {}", e.message(), f.field, f.message),
        None => e.message(),
    }
}
