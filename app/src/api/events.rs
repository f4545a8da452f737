//! Events, their sessions, their webinar at the provider, and the records kept per event
//! (speakers, passes, registration fields).

use convene_types::catalog::{Pass, PassInput, Speaker, SpeakerInput};
use convene_types::event::{Event, EventFill, EventInput, Session, SessionInput};
use convene_types::list::Page;
use gloo_net::http::Request;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ApiResult, empty, encode, read, send, send_json};

const EVENTS: &str = "/api/admin/events";

pub(super) fn event_url(id: &str) -> String {
    format!("{EVENTS}/{}", encode(id))
}

/// Sort keys: `start` (default), `name`.
pub async fn events(query: &str) -> ApiResult<Page<Event>> {
    read(send(Request::get(&format!("{EVENTS}{query}"))).await?)
}

/// The events that have not ended, soonest first, with their seats.
pub async fn upcoming_events() -> ApiResult<Vec<EventFill>> {
    read(send(Request::get("/api/admin/upcoming-events")).await?)
}

pub async fn event(id: &str) -> ApiResult<Event> {
    read(send(Request::get(&event_url(id))).await?)
}

/// Creates the event's webinar at its provider, or links `request.provider_event_id`.
pub async fn event_webinar(
    id: &str,
    request: &convene_types::webinar::WebinarRequest,
) -> ApiResult<Event> {
    let url = format!("{}/webinar", event_url(id));
    read(send_json(Request::post(&url), request).await?)
}

pub async fn create_event(input: &EventInput) -> ApiResult<Event> {
    read(send_json(Request::post(EVENTS), input).await?)
}

pub async fn update_event(id: &str, input: &EventInput) -> ApiResult<Event> {
    read(send_json(Request::put(&event_url(id)), input).await?)
}

/// Refused (409) while the event has registrations.
pub async fn delete_event(id: &str) -> ApiResult<()> {
    empty(send(Request::delete(&event_url(id))).await?)
}

pub async fn sessions(event_id: &str) -> ApiResult<Vec<Session>> {
    let url = format!("{}/sessions", event_url(event_id));
    read(send(Request::get(&url)).await?)
}

pub async fn create_session(event_id: &str, input: &SessionInput) -> ApiResult<Session> {
    let url = format!("{}/sessions", event_url(event_id));
    read(send_json(Request::post(&url), input).await?)
}

pub async fn update_session(
    event_id: &str,
    session_id: &str,
    input: &SessionInput,
) -> ApiResult<Session> {
    let url = format!("{}/sessions/{}", event_url(event_id), encode(session_id));
    read(send_json(Request::put(&url), input).await?)
}

/// Creates the session's own webinar at the provider, or links `request.provider_event_id`.
pub async fn session_webinar(
    event_id: &str,
    session_id: &str,
    request: &convene_types::webinar::WebinarRequest,
) -> ApiResult<Session> {
    let url = format!(
        "{}/sessions/{}/webinar",
        event_url(event_id),
        encode(session_id)
    );
    read(send_json(Request::post(&url), request).await?)
}

pub async fn delete_session(event_id: &str, session_id: &str) -> ApiResult<()> {
    let url = format!("{}/sessions/{}", event_url(event_id), encode(session_id));
    empty(send(Request::delete(&url)).await?)
}

/// Records kept per event under `/api/admin/events/{id}/<COLLECTION>`: speakers, passes and
/// custom registration fields (questions).
pub trait EventItem: DeserializeOwned + Clone + Send + Sync + 'static {
    type Input: Serialize + Clone + Send + Sync + 'static;
    const COLLECTION: &'static str;
    fn id(&self) -> &str;
}

impl EventItem for Speaker {
    type Input = SpeakerInput;
    const COLLECTION: &'static str = "speakers";
    fn id(&self) -> &str {
        &self.id
    }
}

impl EventItem for Pass {
    type Input = PassInput;
    const COLLECTION: &'static str = "passes";
    fn id(&self) -> &str {
        &self.id
    }
}

impl EventItem for convene_types::custom::RegistrationQuestion {
    type Input = convene_types::custom::RegistrationQuestionInput;
    const COLLECTION: &'static str = "registration-fields";
    fn id(&self) -> &str {
        &self.id
    }
}

fn event_item_url<T: EventItem>(event_id: &str, item_id: Option<&str>) -> String {
    let list = format!("{}/{}", event_url(event_id), T::COLLECTION);
    match item_id {
        Some(id) => format!("{list}/{}", encode(id)),
        None => list,
    }
}

/// An event's speakers, passes or registration fields.
pub async fn event_items<T: EventItem>(event_id: &str) -> ApiResult<Vec<T>> {
    read(send(Request::get(&event_item_url::<T>(event_id, None))).await?)
}

/// Creates one (`item_id` `None`) or replaces it.
pub async fn save_event_item<T: EventItem>(
    event_id: &str,
    item_id: Option<&str>,
    input: &T::Input,
) -> ApiResult<T> {
    let url = event_item_url::<T>(event_id, item_id);
    let builder = match item_id {
        Some(_) => Request::put(&url),
        None => Request::post(&url),
    };
    read(send_json(builder, input).await?)
}

pub async fn delete_event_item<T: EventItem>(event_id: &str, item_id: &str) -> ApiResult<()> {
    let url = event_item_url::<T>(event_id, Some(item_id));
    empty(send(Request::delete(&url)).await?)
}
