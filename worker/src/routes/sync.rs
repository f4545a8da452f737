//! The webinar integration's admin actions and figures: retrying what failed (one
//! registration, or every one of a configuration's events) and the health shown on a
//! configuration.

use convene_types::registration::Registration;
use convene_types::sync::SyncHealth;
use worker::{Env, Response};

use crate::error::ApiResult;
use crate::http;
use crate::registry::{Registry, RegistryCommand, RetryScope};
use crate::store::{Command, Store};

/// `POST /events/{eventId}/registrations/{id}/retry-sync`.
pub async fn retry_registration(env: &Env, event_id: &str, id: &str) -> ApiResult<Response> {
    let scope = RetryScope::Registration {
        event_id: event_id.into(),
        registration_id: id.into(),
    };
    let registration: Registration = Registry::registry(env)?
        .call(&RegistryCommand::RetrySync { scope })
        .await?;
    http::json(&registration, 200)
}

/// `POST /webinar-configurations/{id}/retry-sync`: every failed registration of the
/// configuration's events is sent again. Answers `{"retried": n}`.
pub async fn retry_configuration(env: &Env, id: &str) -> ApiResult<Response> {
    let scope = RetryScope::Events(configuration_events(env, id).await?);
    let retried: u32 = Registry::registry(env)?
        .call(&RegistryCommand::RetrySync { scope })
        .await?;
    http::json(&serde_json::json!({ "retried": retried }), 200)
}

/// The integration's figures over configuration `id`'s events.
pub async fn health(env: &Env, id: &str) -> ApiResult<SyncHealth> {
    let event_ids = configuration_events(env, id).await?;
    Registry::registry(env)?
        .call(&RegistryCommand::SyncHealth { event_ids })
        .await
}

async fn configuration_events(env: &Env, id: &str) -> ApiResult<Vec<String>> {
    Store::config(env)?
        .call(&Command::ConfigurationEvents { id: id.into() })
        .await
}
