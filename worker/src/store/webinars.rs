//! An event's webinar at the provider: what creating one needs (the event, its
//! configuration with the integration's state, the provider and the sealed credentials),
//! and recording the created or linked webinar on the event, once; and where the
//! outbox's delivery sends an event's registrants.

use convene_types::configuration::{ServiceStatus, WebinarConfiguration};
use convene_types::event::{Event, Session};
use convene_types::provider::WebinarProvider;
use convene_types::webinar::{EventWebinar, WebinarCopy};
use serde::{Deserialize, Serialize};

use super::records::Records;
use super::{configurations, events, providers};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::vault::Sealed;

/// What the worker needs to create an event's (or a session's) webinar, read in one step.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WebinarTarget {
    pub event: Event,
    /// The session whose webinar it is; `None`: the event's.
    pub session: Option<Session>,
    /// With its `integration` state: nothing is sent unless it is on.
    pub configuration: WebinarConfiguration,
    pub provider: WebinarProvider,
    pub credentials: Option<Sealed>,
}

/// What holds a webinar: its name, its provider event once it has one, and the
/// configuration it is created with (a session's own, else its event's).
struct Holder {
    name: String,
    provider_event_id: Option<String>,
    configuration_id: Option<String>,
}

fn holder(event: &Event, session: Option<&Session>) -> Holder {
    match session {
        Some(s) => Holder {
            name: s.name.clone(),
            provider_event_id: s.provider_event_id.clone(),
            configuration_id: s
                .webinar_configuration_id
                .clone()
                .or_else(|| event.webinar_configuration_id.clone()),
        },
        None => Holder {
            name: event.name.clone(),
            provider_event_id: event.provider_event_id.clone(),
            configuration_id: event.webinar_configuration_id.clone(),
        },
    }
}

fn already_linked(holder: &Holder) -> Option<ApiError> {
    holder.provider_event_id.as_ref().map(|id| {
        ApiError::Conflict(format!(
            "“{}” already has its webinar at the provider (event {id}).",
            holder.name
        ))
    })
}

async fn session(
    records: &Records,
    event_id: &str,
    session_id: Option<&str>,
) -> ApiResult<Option<Session>> {
    match session_id {
        Some(id) => Ok(Some(events::session_by_id(records, event_id, id).await?)),
        None => Ok(None),
    }
}

/// A "Create webinar" in progress: another one for the same event (or session) is refused
/// until it is recorded or released (or `CLAIM_MS` have passed), so that two presses at
/// once cannot make two webinars at the provider.
const CLAIM_PREFIX: &str = "webinar-claim/";
/// Longer than the provider call may take (`on24::CREATE_TIMEOUT`).
pub const CLAIM_MS: f64 = 30_000.0;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Claim {
    until_ms: f64,
}

fn claim_key(event_id: &str, session_id: Option<&str>) -> String {
    format!(
        "{CLAIM_PREFIX}{event_id}/{}",
        session_id.unwrap_or_default()
    )
}

/// What creating the webinar of an event (or of its session `session_id`) needs; with
/// `claim_now_ms`, it also claims the creation (409 while another claim runs).
pub async fn target(
    records: &Records,
    event_id: &str,
    session_id: Option<&str>,
    claim_now_ms: Option<f64>,
) -> ApiResult<WebinarTarget> {
    let event = events::by_id(records, event_id).await?;
    if !event.format.needs_webinar() {
        return Err(ApiError::Conflict(format!(
            "“{}” is an in-person event: only webinar and hybrid events have a webinar.",
            event.name
        )));
    }
    let session = session(records, event_id, session_id).await?;
    let holder = holder(&event, session.as_ref());
    if let Some(conflict) = already_linked(&holder) {
        return Err(conflict);
    }
    let Some(configuration_id) = holder.configuration_id.clone() else {
        return Err(ApiError::Conflict(format!(
            "“{}” has no webinar configuration: choose one first.",
            holder.name
        )));
    };
    let stored = configurations::stored(records, &configuration_id).await?;
    let all = providers::all(records).await?;
    let configuration = stored.view(&all);
    let provider = all
        .into_iter()
        .find(|p| p.id == stored.provider_id)
        .ok_or_else(|| ApiError::internal("configuration without its provider"))?;
    if let Some(now_ms) = claim_now_ms {
        let key = claim_key(event_id, session_id);
        if let Some(claim) = records.get::<Claim>(&key).await?
            && claim.until_ms > now_ms
        {
            return Err(ApiError::Conflict(format!(
                "The webinar of “{}” is being created right now; try again in a moment.",
                holder.name
            )));
        }
        let until_ms = now_ms + CLAIM_MS;
        records.put(&key, &Claim { until_ms }).await?;
    }
    Ok(WebinarTarget {
        event,
        session,
        configuration,
        provider,
        credentials: stored.credentials,
    })
}

/// What an event or a session keeps of its webinar: the provider's event id, its audience
/// and preview links (an unknown one is none, not empty), and what was sent.
type WebinarFields = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<WebinarCopy>,
);

fn webinar_fields(webinar: EventWebinar) -> WebinarFields {
    let known = |url: String| (!url.is_empty()).then_some(url);
    (
        Some(webinar.provider_event_id),
        known(webinar.audience_url),
        known(webinar.preview_url),
        webinar.sent,
    )
}

/// Records `webinar` on session `session_id`, unless it has one already.
pub async fn record_session(
    records: &Records,
    event_id: &str,
    session_id: &str,
    webinar: EventWebinar,
) -> ApiResult<Session> {
    release(records, event_id, Some(session_id)).await?;
    let event = events::by_id(records, event_id).await?;
    let mut session = events::session_by_id(records, event_id, session_id).await?;
    if let Some(conflict) = already_linked(&holder(&event, Some(&session))) {
        return Err(conflict);
    }
    (
        session.provider_event_id,
        session.audience_url,
        session.preview_url,
        session.provider_copy,
    ) = webinar_fields(webinar);
    session.updated_at = ids::now_iso();
    events::put_session(records, &session).await?;
    Ok(session)
}

/// Ends a claim (the provider refused, or did not answer).
pub async fn release(records: &Records, event_id: &str, session_id: Option<&str>) -> ApiResult<()> {
    records.delete(&claim_key(event_id, session_id)).await?;
    Ok(())
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

pub async fn sync_target(
    records: &Records,
    event_id: &str,
    session_id: Option<&str>,
) -> ApiResult<SyncTarget> {
    let event = events::by_id(records, event_id).await?;
    let session = session(records, event_id, session_id).await?;
    let holder = holder(&event, session.as_ref());
    let waiting = |reason: String| Ok(SyncTarget::Waiting { reason });
    let Some(configuration_id) = holder.configuration_id else {
        return waiting(format!(
            "Waiting: “{}” has no webinar configuration.",
            holder.name
        ));
    };
    let Some(provider_event_id) = holder.provider_event_id else {
        return waiting(format!(
            "Waiting: the webinar of “{}” is not created at the provider yet.",
            holder.name
        ));
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
    /// The session whose webinar it is; `None`: the event's.
    pub session_id: Option<String>,
    pub provider_event_id: String,
    /// Its local start and the event's time zone (the worker decides whether it started).
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
    let mut webinars = Vec::new();
    for event in events::all(records).await? {
        for session in events::sessions(records, &event.id).await? {
            let holder = holder(&event, Some(&session));
            if holder.configuration_id.as_deref() != Some(id) {
                continue;
            }
            if let Some(provider_event_id) = holder.provider_event_id {
                webinars.push(ProviderWebinar {
                    event_id: event.id.clone(),
                    session_id: Some(session.id),
                    provider_event_id,
                    start: session.start,
                    time_zone: event.time_zone.clone(),
                });
            }
        }
        if event.webinar_configuration_id.as_deref() != Some(id) {
            continue;
        }
        if let Some(provider_event_id) = event.provider_event_id.clone() {
            webinars.push(ProviderWebinar {
                event_id: event.id,
                session_id: None,
                provider_event_id,
                start: event.start,
                time_zone: event.time_zone,
            });
        }
    }
    Ok(MetricsTarget {
        configuration,
        provider: Box::new(provider),
        credentials: stored.credentials,
        webinars,
    })
}

/// The ids of the events that use configuration `id`, themselves or in a session.
pub async fn configuration_events(records: &Records, id: &str) -> ApiResult<Vec<String>> {
    configurations::stored(records, id).await?;
    let mut ids = Vec::new();
    for event in events::all(records).await? {
        let uses = event.webinar_configuration_id.as_deref() == Some(id)
            || events::sessions(records, &event.id)
                .await?
                .iter()
                .any(|s| s.webinar_configuration_id.as_deref() == Some(id));
        if uses {
            ids.push(event.id);
        }
    }
    Ok(ids)
}

/// Records `webinar` on the event, unless it has one already (two administrators pressing
/// at once: the second is refused).
pub async fn record(records: &Records, event_id: &str, webinar: EventWebinar) -> ApiResult<Event> {
    release(records, event_id, None).await?;
    let mut event = events::by_id(records, event_id).await?;
    if let Some(conflict) = already_linked(&holder(&event, None)) {
        return Err(conflict);
    }
    (
        event.provider_event_id,
        event.audience_url,
        event.preview_url,
        event.provider_copy,
    ) = webinar_fields(webinar);
    event.updated_at = ids::now_iso();
    events::put(records, &event).await?;
    Ok(event)
}

#[cfg(test)]
#[path = "tests/webinars.rs"]
mod tests;
