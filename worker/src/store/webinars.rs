//! An event's webinar at the provider: what creating one needs (the event, its
//! configuration with the integration's state, the provider and the sealed credentials),
//! and recording the created or linked webinar on the event, once.

use convene_types::configuration::WebinarConfiguration;
use convene_types::event::Event;
use convene_types::provider::WebinarProvider;
use convene_types::webinar::EventWebinar;
use serde::{Deserialize, Serialize};

use super::records::Records;
use super::{configurations, events, providers};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::vault::Sealed;

/// What the worker needs to create an event's webinar, read in one step.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WebinarTarget {
    pub event: Event,
    /// With its `integration` state: nothing is sent unless it is on.
    pub configuration: WebinarConfiguration,
    pub provider: WebinarProvider,
    pub credentials: Option<Sealed>,
}

fn already_linked(event: &Event) -> Option<ApiError> {
    event.provider_event_id.as_ref().map(|id| {
        ApiError::Conflict(format!(
            "“{}” already has its webinar at the provider (event {id}).",
            event.name
        ))
    })
}

pub async fn target(records: &Records, event_id: &str) -> ApiResult<WebinarTarget> {
    let event = events::by_id(records, event_id).await?;
    if !event.format.needs_webinar() {
        return Err(ApiError::Conflict(format!(
            "“{}” is an in-person event: only webinar and hybrid events have a webinar.",
            event.name
        )));
    }
    if let Some(conflict) = already_linked(&event) {
        return Err(conflict);
    }
    let Some(configuration_id) = event.webinar_configuration_id.clone() else {
        return Err(ApiError::Conflict(format!(
            "“{}” has no webinar configuration: choose one on the event first.",
            event.name
        )));
    };
    let stored = configurations::stored(records, &configuration_id).await?;
    let all = providers::all(records).await?;
    let configuration = stored.view(&all);
    let provider = all
        .into_iter()
        .find(|p| p.id == stored.provider_id)
        .ok_or_else(|| ApiError::internal("configuration without its provider"))?;
    Ok(WebinarTarget {
        event,
        configuration,
        provider,
        credentials: stored.credentials,
    })
}

/// Records `webinar` on the event, unless it has one already (two administrators pressing
/// at once: the second is refused).
pub async fn record(records: &Records, event_id: &str, webinar: EventWebinar) -> ApiResult<Event> {
    let mut event = events::by_id(records, event_id).await?;
    if let Some(conflict) = already_linked(&event) {
        return Err(conflict);
    }
    let known = |url: String| (!url.is_empty()).then_some(url);
    event.provider_event_id = Some(webinar.provider_event_id);
    event.audience_url = known(webinar.audience_url);
    event.preview_url = known(webinar.preview_url);
    event.provider_copy = webinar.sent;
    event.updated_at = ids::now_iso();
    events::put(records, &event).await?;
    Ok(event)
}

#[cfg(test)]
#[path = "tests/webinars.rs"]
mod tests;
