//! `/api/admin/events` and their sessions, and `/api/admin/upcoming-events`.

use convene_types::event::{self, Event, EventFill, Session};
use convene_types::list::Page;
use worker::{Request, Response, Url};

use super::Admin;
use crate::error::ApiResult;
use crate::http;
use crate::registry::{SeatCounts, Target, across};
use crate::routes::registrations::delete_retired;
use crate::routes::webinar;
use crate::runtime::clock;
use crate::store::{Body, Command};

pub async fn list(env: &Admin<'_>, url: &Url) -> ApiResult<Response> {
    let (query, _pairs) = http::list_query(url);
    let all: Vec<Event> = env.store()?.call(&Command::ListEvents).await?;
    http::json(&Page::of(event::list(all, &query), &query), 200)
}

/// The events that have not ended, soonest first, with their seats (the Events list's
/// chart): one read of the events, one registry call for their counts.
pub async fn upcoming(env: &Admin<'_>) -> ApiResult<Response> {
    let all: Vec<Event> = env.store()?.call(&Command::ListEvents).await?;
    let now = clock::now_ms();
    let soon = event::upcoming(&all, now, |zone| {
        clock::utc_offset_minutes(zone, now).unwrap_or(0)
    });
    let counts: Vec<SeatCounts> = if soon.is_empty() {
        Vec::new()
    } else {
        let event_ids: Vec<String> = soon.iter().map(|e| e.id.clone()).collect();
        across::count_seats_of(env, &event_ids).await?
    };
    let fills: Vec<EventFill> = soon
        .into_iter()
        .zip(counts)
        .map(|(e, seats)| EventFill {
            id: e.id.clone(),
            name: e.name.clone(),
            start: e.start.clone(),
            time_zone: e.time_zone.clone(),
            capacity: e.capacity,
            confirmed: seats.confirmed,
            waitlisted: seats.active.saturating_sub(seats.confirmed),
        })
        .collect();
    http::json(&fills, 200)
}

pub async fn get(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    env.store()?
        .relay(&Command::GetEvent { id: id.into() }, 200)
        .await
}

/// The store decodes and validates the body: field rules, then references
/// (configurations, custom fields) and the unique readable id. A published webinar event
/// gets its webinar at the provider (`webinar::create_on_publish`).
pub async fn create(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let command = Command::CreateEvent {
        body: Body::read(&mut req).await?,
    };
    let created: Event = env.store()?.call(&command).await?;
    // The event's registry instance learns who subscribes to its webhook messages (the
    // Cron Trigger repairs a copy this leaves missing).
    if let Err(e) = crate::webhooks::share_with_event(env, &created.id).await {
        worker::console_error!("webhook subscriptions not shared with a new event: {e:?}");
    }
    http::json(&webinar::create_on_publish(env, created).await, 201)
}

pub async fn update(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let command = Command::UpdateEvent {
        id: id.into(),
        body: Body::read(&mut req).await?,
    };
    let updated: Event = env.store()?.call(&command).await?;
    http::json(&webinar::create_on_publish(env, updated).await, 200)
}

/// Refused while the event has registrations: they would lose their event.
pub async fn delete(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let command = Command::DeleteEvent { id: id.into() };
    delete_retired(env, id, Target::Event, command).await
}

pub async fn sessions(env: &Admin<'_>, event_id: &str) -> ApiResult<Response> {
    let store = env.store()?;
    store
        .call::<Event>(&Command::GetEvent {
            id: event_id.into(),
        })
        .await?;
    let sessions: Vec<Session> = store
        .call(&Command::ListSessions {
            event_id: event_id.into(),
        })
        .await?;
    http::json(&sessions, 200)
}

pub async fn create_session(
    mut req: Request,
    env: &Admin<'_>,
    event_id: &str,
) -> ApiResult<Response> {
    let command = Command::CreateSession {
        event_id: event_id.into(),
        body: Body::read(&mut req).await?,
    };
    env.store()?.relay(&command, 201).await
}

pub async fn update_session(
    mut req: Request,
    env: &Admin<'_>,
    event_id: &str,
    id: &str,
) -> ApiResult<Response> {
    let body = Body::read(&mut req).await?;
    let command = Command::UpdateSession {
        event_id: event_id.into(),
        id: id.into(),
        body,
    };
    env.store()?.relay(&command, 200).await
}

pub async fn delete_session(env: &Admin<'_>, event_id: &str, id: &str) -> ApiResult<Response> {
    let command = Command::DeleteSession {
        event_id: event_id.into(),
        id: id.into(),
    };
    delete_retired(env, event_id, Target::Session(id.into()), command).await
}
