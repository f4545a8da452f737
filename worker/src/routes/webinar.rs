//! `POST /api/admin/events/{id}/webinar`: creates the event's webinar at its provider, or
//! links one that exists there (`{"providerEventId": "..."}`).
//!
//! Creating sends only when the configuration's integration is on
//! (`convene_types::integration`), and only what ON24 accepts: the title and duration rules
//! are checked first (`WebinarCopy::of_event`), so a refusal names the event's field and
//! nothing reaches the provider.

use convene_types::event::Event;
use convene_types::webinar::{EventWebinar, WebinarCopy, WebinarRequest};
use worker::{Env, Request, Response};

use super::configurations::{open_credentials, provider_base};
use crate::error::{ApiError, ApiResult};
use crate::on24;
use crate::store::{Command, Store, WebinarTarget};
use crate::{deliver, http};

pub async fn create_or_link(mut req: Request, env: &Env, event_id: &str) -> ApiResult<Response> {
    let body = http::optional_json_body::<WebinarRequest>(&mut req).await?;
    let link = body.link().map_err(ApiError::Validation)?;
    let store = Store::config(env)?;
    let target: WebinarTarget = store
        .call(&Command::WebinarTarget {
            event_id: event_id.into(),
        })
        .await?;
    let (webinar, status) = match link {
        Some(provider_event_id) => {
            let linked = EventWebinar {
                provider_event_id,
                audience_url: String::new(),
                preview_url: String::new(),
                sent: None,
            };
            (linked, 200)
        }
        None => (create(env, &target).await?, 201),
    };
    let command = Command::RecordWebinar {
        event_id: event_id.into(),
        webinar,
    };
    let event: Event = store.call(&command).await?;
    deliver::wake(env).await;
    http::json(&event, status)
}

/// Creates the webinar at the provider; nothing is sent unless the integration is on and
/// the event meets the provider's rules.
async fn create(env: &Env, target: &WebinarTarget) -> ApiResult<EventWebinar> {
    let configuration = &target.configuration;
    if !configuration.integration.on {
        return Err(ApiError::Conflict(format!(
            "The webinar integration of “{}” is off, so nothing is sent to {}: {}",
            configuration.name, configuration.provider_name, configuration.integration.message
        )));
    }
    let copy = WebinarCopy::of_event(&target.event).map_err(ApiError::Validation)?;
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
