//! Event and session commands. Events refer to webinar configurations (which must be
//! active) and, through them, to providers (whose maximum duration bounds webinar sessions).

use convene_types::catalog::Pass;
use convene_types::contact::MatchStrategy;
use convene_types::custom::{Entity, RegistrationQuestion};
use convene_types::event::{ConfigurationFacts, Event, EventInput, Session, SessionInput};
use convene_types::list;
use serde::{Deserialize, Serialize};

use super::configurations::all_configurations;
use super::records::Records;
use super::{event_admin, providers};
use crate::error::{ApiError, ApiResult};
use crate::ids;

const PREFIX: &str = "event:";

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

fn session_prefix(event_id: &str) -> String {
    format!("session:{event_id}:")
}

fn session_key(event_id: &str, id: &str) -> String {
    format!("{}{id}", session_prefix(event_id))
}

async fn facts(records: &Records) -> ApiResult<Vec<ConfigurationFacts>> {
    let providers = providers::all(records).await?;
    Ok(all_configurations(records)
        .await?
        .into_iter()
        .map(|c| {
            let provider = providers.iter().find(|p| p.id == c.provider_id);
            ConfigurationFacts {
                id: c.id,
                name: c.name,
                active: c.active,
                provider_name: provider.map(|p| p.name.clone()).unwrap_or_default(),
                max_duration_minutes: provider.map_or(0, |p| p.max_duration_minutes),
            }
        })
        .collect())
}

/// Writes an event as it is (its fields already checked).
pub(super) async fn put(records: &Records, event: &Event) -> ApiResult<()> {
    records.put(&key(&event.id), event).await
}

pub async fn all(records: &Records) -> ApiResult<Vec<Event>> {
    records.list(PREFIX).await
}

pub async fn by_id(records: &Records, id: &str) -> ApiResult<Event> {
    records
        .get(&key(id))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no event with id {id}.")))
}

fn readable_ids(events: &[Event]) -> Vec<(String, String)> {
    events
        .iter()
        .map(|e| (e.id.clone(), e.readable_id.clone()))
        .collect()
}

/// Field rules first, then references (configurations, custom fields) and the unique
/// readable id.
pub async fn create(records: &Records, input: EventInput) -> ApiResult<Event> {
    input.validate(&[], false).map_err(ApiError::Validation)?;
    let custom_fields =
        super::custom::check_values(records, Entity::Event, &input.custom_fields).await?;
    let draft = input
        .validate(&facts(records).await?, true)
        .map_err(ApiError::Validation)?;
    let draft = draft
        .settle_readable_id(&readable_ids(&all(records).await?), None)
        .map_err(ApiError::Validation)?;
    let now = ids::now_iso();
    let event = Event {
        id: ids::new_id()?,
        readable_id: draft.readable_id,
        name: draft.name,
        description: draft.description,
        start: draft.start,
        end: draft.end,
        time_zone: draft.time_zone,
        format: draft.format,
        webinar_configuration_id: draft.webinar_configuration_id,
        capacity: draft.capacity,
        waitlist_allowed: draft.waitlist_allowed,
        published: draft.published,
        registration_closed: draft.registration_closed,
        custom_fields,
        provider_event_id: None,
        audience_url: None,
        preview_url: None,
        provider_copy: None,
        created_at: now.clone(),
        updated_at: now,
    };
    records.put(&key(&event.id), &event).await?;
    Ok(event)
}

pub async fn update(records: &Records, id: &str, input: EventInput) -> ApiResult<Event> {
    input.validate(&[], false).map_err(ApiError::Validation)?;
    let current = by_id(records, id).await?;
    let custom_fields =
        super::custom::check_values(records, Entity::Event, &input.custom_fields).await?;
    let mut input = input;
    if input.readable_id.trim().is_empty() {
        // Keep the readable id an event already has; websites link to it.
        input.readable_id = current.readable_id.clone();
    }
    let draft = input
        .validate(&facts(records).await?, true)
        .map_err(ApiError::Validation)?;
    let draft = draft
        .settle_readable_id(&readable_ids(&all(records).await?), Some(id))
        .map_err(ApiError::Validation)?;
    let event = Event {
        readable_id: draft.readable_id,
        name: draft.name,
        description: draft.description,
        start: draft.start,
        end: draft.end,
        time_zone: draft.time_zone,
        format: draft.format,
        webinar_configuration_id: draft.webinar_configuration_id,
        capacity: draft.capacity,
        waitlist_allowed: draft.waitlist_allowed,
        published: draft.published,
        registration_closed: draft.registration_closed,
        custom_fields,
        updated_at: ids::now_iso(),
        ..current
    };
    records.put(&key(id), &event).await?;
    Ok(event)
}

/// Deletes an event and its sessions. The worker first makes sure it has no registrations.
pub async fn delete(records: &Records, id: &str) -> ApiResult<()> {
    by_id(records, id).await?;
    for session in sessions(records, id).await? {
        records.delete(&session_key(id, &session.id)).await?;
    }
    records.delete(&key(id)).await?;
    Ok(())
}

pub async fn sessions(records: &Records, event_id: &str) -> ApiResult<Vec<Session>> {
    let mut sessions: Vec<Session> = records.list(&session_prefix(event_id)).await?;
    list::sort_by(&mut sessions, |a, b| {
        (&a.start, &a.name).cmp(&(&b.start, &b.name))
    });
    Ok(sessions)
}

pub async fn session_by_id(records: &Records, event_id: &str, id: &str) -> ApiResult<Session> {
    records
        .get(&session_key(event_id, id))
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(format!("There is no session with id {id} in this event."))
        })
}

/// Stores a session as it is (its webinar recorded by `webinars::record_session`).
pub async fn put_session(records: &Records, session: &Session) -> ApiResult<()> {
    records
        .put(&session_key(&session.event_id, &session.id), session)
        .await
}

pub async fn create_session(
    records: &Records,
    event_id: &str,
    input: SessionInput,
) -> ApiResult<Session> {
    let event = by_id(records, event_id).await?;
    let custom_fields =
        super::custom::check_values(records, Entity::Session, &input.custom_fields).await?;
    let draft = input
        .validate(&event, &facts(records).await?)
        .map_err(ApiError::Validation)?;
    let now = ids::now_iso();
    let session = Session {
        id: ids::new_id()?,
        event_id: event_id.to_string(),
        name: draft.name,
        start: draft.start,
        end: draft.end,
        webinar_configuration_id: draft.webinar_configuration_id,
        custom_fields,
        provider_event_id: None,
        audience_url: None,
        preview_url: None,
        provider_copy: None,
        created_at: now.clone(),
        updated_at: now,
    };
    records
        .put(&session_key(event_id, &session.id), &session)
        .await?;
    Ok(session)
}

pub async fn update_session(
    records: &Records,
    event_id: &str,
    id: &str,
    input: SessionInput,
) -> ApiResult<Session> {
    let event = by_id(records, event_id).await?;
    let current: Session = records
        .get(&session_key(event_id, id))
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(format!("There is no session with id {id} in this event."))
        })?;
    let custom_fields =
        super::custom::check_values(records, Entity::Session, &input.custom_fields).await?;
    let draft = input
        .validate(&event, &facts(records).await?)
        .map_err(ApiError::Validation)?;
    let session = Session {
        name: draft.name,
        start: draft.start,
        end: draft.end,
        webinar_configuration_id: draft.webinar_configuration_id,
        custom_fields,
        updated_at: ids::now_iso(),
        ..current
    };
    records.put(&session_key(event_id, id), &session).await?;
    Ok(session)
}

pub async fn delete_session(records: &Records, event_id: &str, id: &str) -> ApiResult<()> {
    if !records.delete(&session_key(event_id, id)).await? {
        return Err(ApiError::NotFound(format!(
            "There is no session with id {id} in this event."
        )));
    }
    Ok(())
}

/// Names of the events and sessions that use a webinar configuration.
pub async fn users_of_configuration(
    records: &Records,
    configuration_id: &str,
) -> ApiResult<Vec<String>> {
    let mut names = Vec::new();
    for event in all(records).await? {
        if event.webinar_configuration_id.as_deref() == Some(configuration_id) {
            names.push(event.name.clone());
        }
        for session in sessions(records, &event.id).await? {
            if session.webinar_configuration_id.as_deref() == Some(configuration_id) {
                names.push(format!("{} › {}", event.name, session.name));
            }
        }
    }
    list::sort_by(&mut names, Ord::cmp);
    Ok(names)
}

/// Everything a registration needs from configuration, read in one command.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationContext {
    pub event: Event,
    pub session_ids: Vec<String>,
    /// The sessions with a webinar of their own (a webinar configuration): a registration
    /// choosing one is sent to its webinar too.
    #[serde(default)]
    pub webinar_session_ids: Vec<String>,
    pub strategy: MatchStrategy,
    pub questions: Vec<RegistrationQuestion>,
    pub passes: Vec<Pass>,
}

pub async fn registration_context(
    records: &Records,
    event_id: &str,
) -> ApiResult<RegistrationContext> {
    let event = by_id(records, event_id).await?;
    let all = sessions(records, event_id).await?;
    let webinar_session_ids = all
        .iter()
        .filter(|s| event.format.needs_webinar() && s.webinar_configuration_id.is_some())
        .map(|s| s.id.clone())
        .collect();
    let session_ids = all.into_iter().map(|s| s.id).collect();
    Ok(RegistrationContext {
        webinar_session_ids,
        questions: super::catalog::list(records, super::catalog::Kind::Question, &event.id).await?,
        passes: super::catalog::list(records, super::catalog::Kind::Pass, &event.id).await?,
        event,
        session_ids,
        strategy: event_admin::strategy(records).await?,
    })
}

#[cfg(test)]
#[path = "tests/events.rs"]
mod tests;
