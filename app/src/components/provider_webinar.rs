//! A webinar at the provider, for an event or one of its sessions: the provider's event id
//! and links once created or linked, whether the provider's copy still matches, and the
//! "Create webinar" / "Link" actions before that (for a role that may change events). The
//! caller wraps it (a card with its heading) and says how a request is sent.

use convene_types::event::{Event, Session};
use convene_types::i18n::{Lang, Word, admin_message};
use convene_types::webinar::{CopyState, WebinarRequest, copy_state, session_copy_state};
use leptos::prelude::*;

use crate::api::{ApiError, ApiResult};
use crate::components::globe::GlobeIcon;
use crate::i18n::admin::events as words;
use crate::i18n::{self, t};
use crate::use_auth;

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

/// Whose webinar it is: what is sent, what is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Event,
    Session,
}

impl Subject {
    /// Why a linked webinar is not compared with the record.
    fn linked_note(self) -> Word {
        match self {
            Subject::Event => words::LINKED_EVENT_WEBINAR,
            Subject::Session => words::LINKED_SESSION_WEBINAR,
        }
    }

    /// What creating or linking does, before either.
    fn none_yet(self) -> Word {
        match self {
            Subject::Event => words::NO_EVENT_WEBINAR_YET,
            Subject::Session => words::NO_SESSION_WEBINAR_YET,
        }
    }
}

fn link(url: Option<String>, label: Word, aria: Word) -> impl IntoView {
    url.map(|url| {
        view! {
            <div class="field">
                <span class="label">{t(label)}</span>
                <span class="input-row">
                    <span class="readonly">{url.clone()}</span>
                    <a class="globe" target="_blank" rel="noopener noreferrer" href=url
                        aria-label=t(aria)>
                        <GlobeIcon />
                    </a>
                </span>
            </div>
        }
    })
}

#[component]
pub fn ProviderWebinar<F, Fut>(
    /// The webinar as the record shows it; `None` hides the part.
    shown: Signal<Option<WebinarShown>>,
    /// Sends a create (empty) or link request and, once answered, updates what the caller
    /// shows.
    send: F,
    /// Whose webinar it is: what is sent, what is compared.
    subject: Subject,
    /// Makes the link input's id unique on the page (`{id_prefix}providerEventId`).
    #[prop(optional)]
    id_prefix: String,
) -> impl IntoView
where
    F: Fn(WebinarRequest) -> Fut + 'static,
    Fut: Future<Output = ApiResult<()>> + 'static,
{
    let message = RwSignal::new(None::<String>);
    let provider_id = RwSignal::new(String::new());
    let send = Action::new_local(move |request: &WebinarRequest| send(request.clone()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(())) => {
            message.set(None);
            provider_id.set(String::new());
        }
        Some(Err(e)) => message.set(Some(describe(i18n::current(), &e))),
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
            Ok(_) => {
                send.dispatch(request);
            }
            Err(fields) => message.set(fields.first().map(|f| {
                let lang = i18n::current();
                words::provider_event_id_problem(lang, &admin_message(&f.message, lang))
            })),
        }
    };
    let input_id = format!("{id_prefix}providerEventId");
    let writable = use_auth().can_write_events();

    let body = move |w: WebinarShown| match w.provider_event_id {
        Some(id) => view! {
            <div class="field">
                <span class="label">{t(words::PROVIDER_EVENT_ID)}</span>
                <span class="readonly" data-testid="provider-event-id">{id}</span>
            </div>
            {link(w.audience_url, words::AUDIENCE_URL, words::OPEN_AUDIENCE_URL)}
            {link(w.preview_url, words::PREVIEW_URL, words::OPEN_PREVIEW_URL)}
            {w.linked.then(|| view! { <p class="help">{t(subject.linked_note())}</p> })}
            {(!w.copy.differs.is_empty()).then(|| {
                let differs = w.copy.differs;
                view! {
                    <p class="banner info" role="status" data-testid="provider-copy">
                        {move || words::provider_copy_differs(i18n::lang(), &differs)}
                    </p>
                }
            })}
        }
        .into_any(),
        None if !writable => view! { <p class="help">{t(words::NO_WEBINAR_YET)}</p> }.into_any(),
        None => view! {
            <p class="help">{t(subject.none_yet())}</p>
            <div class="actions">
                <button class="button primary" type="button" on:click=create
                    disabled=move || send.pending().get()>{t(words::CREATE_WEBINAR)}</button>
            </div>
            <div class="field">
                <label for=input_id.clone()>{t(words::EXISTING_PROVIDER_EVENT_ID)}</label>
                <div class="input-row">
                    <input id=input_id.clone() inputmode="numeric"
                        prop:value=move || provider_id.get()
                        on:input=move |ev| provider_id.set(event_target_value(&ev)) />
                    <button class="button" type="button" on:click=link_existing
                        disabled=move || send.pending().get()>{t(words::LINK)}</button>
                </div>
            </div>
        }
        .into_any(),
    };
    view! {
        {move || send.pending().get().then(|| view! { <p class="banner info">{t(words::SENDING_TO_PROVIDER)}</p> })}
        {move || message.get().map(|m| view! { <p class="banner error" role="alert" data-testid="webinar-error">{m}</p> })}
        {move || shown.get().map(body.clone())}
    }
}

/// The server's message, with the first field's problem when it names one.
fn describe(lang: Lang, e: &ApiError) -> String {
    match e.fields().first() {
        Some(f) => words::refused_field(
            lang,
            &e.message(),
            &f.field,
            &admin_message(&f.message, lang),
        ),
        None => e.message(),
    }
}
