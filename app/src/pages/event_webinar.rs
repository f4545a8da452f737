//! The webinar part of a webinar or hybrid event's page: the event's own webinar at the
//! provider (`components/provider_webinar.rs`), in a card.

use convene_types::event::Event;
use leptos::prelude::*;

use crate::api;
use crate::components::provider_webinar::{ProviderWebinar, Subject, WebinarShown};
use crate::i18n::admin::events as words;
use crate::i18n::t;

#[component]
pub fn EventWebinar(event_id: String, event: RwSignal<Option<Event>>) -> impl IntoView {
    let shown = Signal::derive(move || event.with(|e| e.as_ref().and_then(WebinarShown::of_event)));
    let needed = Memo::new(move |_| shown.with(Option::is_some));
    let send = move |request| {
        let id = event_id.clone();
        async move {
            api::event_webinar(&id, &request)
                .await
                .map(|saved| event.set(Some(saved)))
        }
    };
    view! {
        <Show when=move || needed.get()>
            <section class="card" aria-labelledby="webinar-heading">
                <h2 id="webinar-heading">{t(words::WEBINAR_AT_PROVIDER)}</h2>
                <ProviderWebinar shown=shown send=send.clone() subject=Subject::Event />
            </section>
        </Show>
    }
}
