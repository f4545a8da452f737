//! An event's webinar at the provider: what creating one needs (the event, its
//! configuration with the integration's state, the provider and the sealed credentials),
//! and recording the created or linked webinar on the event, once; and where the
//! outbox's delivery sends an event's registrants.

use convene_types::configuration::{ServiceStatus, WebinarConfiguration};
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

/// Where an event's registrants go, as the outbox's delivery reads it in one step.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum SyncTarget {
    /// Nothing can be sent yet, and why (in the administrator's words).
    Waiting { reason: String },
    Ready {
        provider_event_id: String,
        configuration_id: String,
        /// The configuration's service status as last recorded, so that the delivery
        /// writes a new one only when it changes.
        service_status: ServiceStatus,
        provider: Box<WebinarProvider>,
        credentials: Sealed,
    },
}

pub async fn sync_target(records: &Records, event_id: &str) -> ApiResult<SyncTarget> {
    let event = events::by_id(records, event_id).await?;
    let waiting = |reason: String| Ok(SyncTarget::Waiting { reason });
    let Some(configuration_id) = event.webinar_configuration_id.clone() else {
        return waiting("Waiting: the event has no webinar configuration.".into());
    };
    let Some(provider_event_id) = event.provider_event_id.clone() else {
        return waiting("Waiting: the event's webinar is not created at the provider yet.".into());
    };
    let stored = configurations::stored(records, &configuration_id).await?;
    let all = providers::all(records).await?;
    let configuration = stored.view(&all);
    if !configuration.integration.on {
        return waiting(format!(
            "Waiting: the webinar integration is off ({})",
            configuration.integration.message
        ));
    }
    let (Some(credentials), Some(provider)) = (
        stored.credentials,
        all.into_iter().find(|p| p.id == stored.provider_id),
    ) else {
        return waiting("Waiting: the configuration has no credentials.".into());
    };
    Ok(SyncTarget::Ready {
        provider_event_id,
        configuration_id,
        service_status: configuration.service_status,
        provider: Box::new(provider),
        credentials,
    })
}

/// A webinar at the provider, for pulling its attendance.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ProviderWebinar {
    pub event_id: String,
    pub provider_event_id: String,
    /// The event's local start and its time zone (the worker decides whether it started).
    pub start: String,
    pub time_zone: String,
}

/// What pulling a configuration's attendance needs, read in one step.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct MetricsTarget {
    /// With its `integration` state: nothing is asked of the provider unless it is on.
    pub configuration: WebinarConfiguration,
    pub provider: Box<WebinarProvider>,
    pub credentials: Option<Sealed>,
    pub webinars: Vec<ProviderWebinar>,
}

pub async fn metrics_target(records: &Records, id: &str) -> ApiResult<MetricsTarget> {
    let stored = configurations::stored(records, id).await?;
    let all = providers::all(records).await?;
    let configuration = stored.view(&all);
    let provider = all
        .into_iter()
        .find(|p| p.id == stored.provider_id)
        .ok_or_else(|| ApiError::internal("configuration without its provider"))?;
    let webinars = events::all(records)
        .await?
        .into_iter()
        .filter(|e| e.webinar_configuration_id.as_deref() == Some(id))
        .filter_map(|e| {
            Some(ProviderWebinar {
                provider_event_id: e.provider_event_id?,
                event_id: e.id,
                start: e.start,
                time_zone: e.time_zone,
            })
        })
        .collect();
    Ok(MetricsTarget {
        configuration,
        provider: Box::new(provider),
        credentials: stored.credentials,
        webinars,
    })
}

/// The ids of the events that use configuration `id`.
pub async fn configuration_events(records: &Records, id: &str) -> ApiResult<Vec<String>> {
    configurations::stored(records, id).await?;
    Ok(events::all(records)
        .await?
        .into_iter()
        .filter(|e| e.webinar_configuration_id.as_deref() == Some(id))
        .map(|e| e.id)
        .collect())
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
