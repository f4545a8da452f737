//! `/api/admin/events` and their sessions.

use convene_types::event::{self, Event, Session};
use convene_types::list::Page;
use worker::{Env, Request, Response, Url};

use crate::error::{ApiError, ApiResult};
use crate::http;
use crate::registry::{ReferenceKind, Registry, RegistryCommand};
use crate::routes::registrations::ensure_unreferenced;
use crate::store::{Command, Store};

pub async fn list(env: &Env, url: &Url) -> ApiResult<Response> {
    let (query, _pairs) = http::list_query(url);
    let all: Vec<Event> = Store::config(env)?.call(&Command::ListEvents).await?;
    http::json(&Page::of(event::list(all, &query), &query), 200)
}

pub async fn get(env: &Env, id: &str) -> ApiResult<Response> {
    Store::config(env)?
        .relay(&Command::GetEvent(id.into()), 200)
        .await
}

/// The store decodes and validates the body: field rules, then references
/// (configurations, custom fields) and the unique readable id.
pub async fn create(mut req: Request, env: &Env) -> ApiResult<Response> {
    let command = Command::CreateEvent(http::json_text(&mut req).await?);
    Store::config(env)?.relay(&command, 201).await
}

pub async fn update(mut req: Request, env: &Env, id: &str) -> ApiResult<Response> {
    let command = Command::UpdateEvent(id.into(), http::json_text(&mut req).await?);
    Store::config(env)?.relay(&command, 200).await
}

/// Refused while the event has registrations: they would lose their event.
pub async fn delete(env: &Env, id: &str) -> ApiResult<Response> {
    let registrations: u32 = Registry::registry(env)?
        .call(&RegistryCommand::CountRegistrations(id.into()))
        .await?;
    if registrations > 0 {
        return Err(ApiError::Conflict(format!(
            "This event has {registrations} registrations and cannot be deleted. Unpublish it instead."
        )));
    }
    Store::config(env)?
        .call::<()>(&Command::DeleteEvent(id.into()))
        .await?;
    http::no_content()
}

pub async fn sessions(env: &Env, event_id: &str) -> ApiResult<Response> {
    let store = Store::config(env)?;
    store
        .call::<Event>(&Command::GetEvent(event_id.into()))
        .await?;
    let sessions: Vec<Session> = store.call(&Command::ListSessions(event_id.into())).await?;
    http::json(&sessions, 200)
}

pub async fn create_session(mut req: Request, env: &Env, event_id: &str) -> ApiResult<Response> {
    let command = Command::CreateSession(event_id.into(), http::json_text(&mut req).await?);
    Store::config(env)?.relay(&command, 201).await
}

pub async fn update_session(
    mut req: Request,
    env: &Env,
    event_id: &str,
    id: &str,
) -> ApiResult<Response> {
    let body = http::json_text(&mut req).await?;
    let command = Command::UpdateSession(event_id.into(), id.into(), body);
    Store::config(env)?.relay(&command, 200).await
}

pub async fn delete_session(env: &Env, event_id: &str, id: &str) -> ApiResult<Response> {
    ensure_unreferenced(env, event_id, ReferenceKind::Session, id).await?;
    let command = Command::DeleteSession(event_id.into(), id.into());
    Store::config(env)?.call::<()>(&command).await?;
    http::no_content()
}
