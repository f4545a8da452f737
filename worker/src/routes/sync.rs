//! The webinar integration's admin actions and figures: retrying what failed (one
//! registration, or every one of a configuration's events) and the health shown on a
//! configuration.

use convene_types::audit::{AuditAction, FieldChange, RecordType};
use convene_types::configuration::WebinarConfiguration;
use convene_types::registration::Registration;
use convene_types::sync::SyncHealth;
use worker::Response;

use super::Admin;
use super::registrations::registration_change;
use crate::error::ApiResult;
use crate::http;
use crate::registry::{Registry, RegistryCommand, RetryScope, across};
use crate::store::{Change, Command};

/// `POST /events/{eventId}/registrations/{id}/retry-sync`.
pub async fn retry_registration(env: &Admin<'_>, event_id: &str, id: &str) -> ApiResult<Response> {
    let scope = RetryScope::Registration {
        event_id: event_id.into(),
        registration_id: id.into(),
    };
    let registration: Registration = Registry::event(env, event_id)?
        .call(&RegistryCommand::RetrySync { scope })
        .await?;
    let event = env
        .store()?
        .call(&Command::GetEvent {
            id: event_id.into(),
        })
        .await?;
    let sync = (
        serde_json::to_value(registration.sync_state)?,
        Some("failed".into()),
    );
    let change = registration_change(
        AuditAction::Changed,
        &registration,
        &event,
        &[("syncState", sync)],
    );
    env.record(change).await?;
    http::json(&registration, 200)
}

/// `POST /webinar-configurations/{id}/retry-sync`: every failed registration of the
/// configuration's events is sent again. Answers `{"retried": n}`.
pub async fn retry_configuration(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let retried = across::retry_events(env, &configuration_events(env, id).await?).await?;
    if retried > 0 {
        let configuration: WebinarConfiguration = env
            .store()?
            .call(&Command::GetConfiguration { id: id.into() })
            .await?;
        env.record(Change {
            action: AuditAction::Changed,
            record_type: RecordType::WebinarConfiguration,
            record_id: id.into(),
            record_name: configuration.name,
            changes: vec![FieldChange {
                field: "failedRegistrations".into(),
                before: Some(retried.into()),
                after: Some(0.into()),
                note: Some(format!("{retried} sent again")),
            }],
        })
        .await?;
    }
    http::json(&serde_json::json!({ "retried": retried }), 200)
}

/// The integration's figures over configuration `id`'s events.
pub async fn health(env: &Admin<'_>, id: &str) -> ApiResult<SyncHealth> {
    let event_ids = configuration_events(env, id).await?;
    across::sync_health(env, &event_ids).await
}

async fn configuration_events(env: &Admin<'_>, id: &str) -> ApiResult<Vec<String>> {
    env.store()?
        .call(&Command::ConfigurationEvents { id: id.into() })
        .await
}
