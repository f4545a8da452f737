//! `POST /api/admin/events/{id}/webinar` (and `…/sessions/{sessionId}/webinar`): creates the
//! event's (the session's) webinar at its provider, or links one that exists there
//! (`{"providerEventId": "..."}`).
//!
//! Creating sends only when the configuration's integration is on
//! (`convene_types::integration`), and only what ON24 accepts: the title and duration rules
//! are checked first (`WebinarCopy::of_event`), so a refusal names the event's field and
//! nothing reaches the provider.

use convene_types::event::Event;
use convene_types::webinar::{EventWebinar, WebinarCopy, WebinarRequest};
use serde::de::DeserializeOwned;
use worker::{Request, Response};

use super::Admin;
use super::configurations::{open_credentials, provider_base};
use crate::error::{ApiError, ApiResult};
use crate::on24;
use crate::runtime::clock;
use crate::store::{Command, WebinarTarget};
use crate::{deliver, http};

/// The answer is the event, or the session when `session_id` names one.
pub async fn create_or_link(
    mut req: Request,
    env: &Admin<'_>,
    event_id: &str,
    session_id: Option<&str>,
) -> ApiResult<Response> {
    let body = http::optional_json_body::<WebinarRequest>(&mut req).await?;
    let link = body.link().map_err(ApiError::Validation)?;
    let (holder, status): (serde_json::Value, u16) = match link {
        Some(provider_event_id) => {
            let store = env.store()?;
            let command = Command::WebinarTarget {
                event_id: event_id.into(),
                session_id: session_id.map(str::to_string),
                claim_now_ms: None,
            };
            store.call::<WebinarTarget>(&command).await?;
            let linked = EventWebinar {
                provider_event_id,
                audience_url: String::new(),
                preview_url: String::new(),
                sent: None,
            };
            (record(env, event_id, session_id, linked).await?, 200)
        }
        None => (create_and_record(env, event_id, session_id).await?, 201),
    };
    http::json(&holder, status)
}

/// Creates an event's webinar as it is published (`POST`/`PUT` of a published webinar or
/// hybrid event without one), when its integration is on. The save stands whatever
/// happens here: a failure is logged, and the event page still offers "Create webinar".
pub async fn create_on_publish(env: &Admin<'_>, event: Event) -> Event {
    let ready = event.published
        && event.format.needs_webinar()
        && event.webinar_configuration_id.is_some()
        && event.provider_event_id.is_none();
    if !ready {
        return event;
    }
    match create_and_record(env, &event.id, None).await {
        Ok(created) => created,
        Err(e) => {
            worker::console_log!("webinar of {} not created on publish: {e:?}", event.id);
            event
        }
    }
}

/// Claims the creation (one at a time per event or session), creates the webinar at the
/// provider and records it (the answer: the event, or the session); a failure releases the
/// claim.
async fn create_and_record<T: DeserializeOwned>(
    env: &Admin<'_>,
    event_id: &str,
    session_id: Option<&str>,
) -> ApiResult<T> {
    let store = env.store()?;
    let target: WebinarTarget = store
        .call(&Command::WebinarTarget {
            event_id: event_id.into(),
            session_id: session_id.map(str::to_string),
            claim_now_ms: Some(clock::now_ms()),
        })
        .await?;
    match create(env, &target).await {
        Ok(webinar) => record(env, event_id, session_id, webinar).await,
        Err(e) => {
            let release = Command::ReleaseWebinarClaim {
                event_id: event_id.into(),
                session_id: session_id.map(str::to_string),
            };
            if let Err(e) = store.call::<()>(&release).await {
                worker::console_error!("a webinar claim was not released: {e:?}");
            }
            Err(e)
        }
    }
}

/// Records the webinar on the event or session; what waited for it is sent now.
async fn record<T: DeserializeOwned>(
    env: &Admin<'_>,
    event_id: &str,
    session_id: Option<&str>,
    webinar: EventWebinar,
) -> ApiResult<T> {
    let command = Command::RecordWebinar {
        event_id: event_id.into(),
        session_id: session_id.map(str::to_string),
        webinar,
    };
    let holder: T = env.store()?.call(&command).await?;
    deliver::wake(env).await;
    Ok(holder)
}

/// Creates the webinar at the provider; nothing is sent unless the integration is on and
/// the event meets the provider's rules.
async fn create(env: &Admin<'_>, target: &WebinarTarget) -> ApiResult<EventWebinar> {
    let configuration = &target.configuration;
    if !configuration.integration.on {
        return Err(ApiError::Conflict(format!(
            "The webinar integration of “{}” is off, so nothing is sent to {}: {}",
            configuration.name, configuration.provider_name, configuration.integration.message
        )));
    }
    let copy = match &target.session {
        Some(session) => WebinarCopy::of_session(&target.event, session),
        None => WebinarCopy::of_event(&target.event),
    }
    .map_err(ApiError::Validation)?;
    let sealed = target
        .credentials
        .as_ref()
        .ok_or_else(|| ApiError::internal("integration on without credentials"))?;
    let credentials = open_credentials(env, &configuration.id, sealed)?;
    let base = provider_base(env, &target.provider);
    let created = on24::create_webinar(&base, &credentials, &copy)
        .await
        .map_err(on24::create_failure)?;
    Ok(EventWebinar {
        provider_event_id: created.event_id,
        audience_url: created.audience_url,
        preview_url: created.preview_url,
        sent: Some(copy),
    })
}
