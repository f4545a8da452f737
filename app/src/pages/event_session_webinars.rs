//! Under a webinar or hybrid event's sessions: each session's own webinar at the provider
//! (`components/provider_webinar.rs`), one card per session.

use convene_types::event::{Event, Session};
use leptos::prelude::*;

use crate::api;
use crate::components::provider_webinar::{ProviderWebinar, Subject, WebinarShown};
use crate::i18n::admin::events as words;
use crate::i18n::t;

/// The cards of `sessions`; nothing when `event`'s format has no webinar.
pub fn session_webinars(event: Option<Event>, sessions: &[Session]) -> Option<impl IntoView> {
    let event = event.filter(|e| e.format.needs_webinar())?;
    let cards = sessions
        .iter()
        .map(|s| {
            let shown = RwSignal::new(WebinarShown::of_session(&event, s));
            let (event_id, session_id) = (event.id.clone(), s.id.clone());
            let event = event.clone();
            let send = move |request| {
                let (event_id, session_id, event) =
                    (event_id.clone(), session_id.clone(), event.clone());
                async move {
                    api::session_webinar(&event_id, &session_id, &request)
                        .await
                        .map(|saved| shown.set(WebinarShown::of_session(&event, &saved)))
                }
            };
            let heading = format!("session-webinar-{}", s.id);
            let labelled_by = heading.clone();
            view! {
                <section class="card session-webinar-card" aria-labelledby=labelled_by data-testid="session-webinar">
                    <h4 id=heading>{s.name.clone()}</h4>
                    <ProviderWebinar shown=shown.into() send=send subject=Subject::Session
                        id_prefix=format!("session-{}-", s.id) />
                </section>
            }
        })
        .collect_view();
    Some(view! {
        <h3>{t(words::SESSION_WEBINARS)}</h3>
        <p class="help">{t(words::SESSION_WEBINARS_HELP)}</p>
        {cards}
    })
}
