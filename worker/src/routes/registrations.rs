//! `/api/admin/events/{id}/registrations` and `/api/admin/contacts`. Registration goes
//! through [`prepare`] (each attendee) and [`register`] (the group), the path the public
//! Events API shares.

use convene_types::audit::{AuditAction, FieldChange, RecordType};
use convene_types::event::Event;
use convene_types::list::Page;
use convene_types::registration::{
    self, DailyCount, Registration, RegistrationInput, RegistrationStatus, SyncState,
};
use worker::{Env, Request, Response, Url};

use super::Admin;
use crate::error::{ApiError, ApiResult};
use crate::http::{self, json_body};
use crate::ids;
use crate::registry::{
    NewRegistration, PassLimit, Registry, RegistryCommand, Seats, Target, across,
};
use crate::store::{Change, Command, RegistrationContext};

fn seats(context: &RegistrationContext) -> Seats {
    Seats {
        limit: context.event.capacity,
        waitlist_allowed: context.event.waitlist_allowed,
    }
}

/// Checks one attendee against the event's rules (the active matching strategy, its
/// sessions, passes and questions) and builds the registration for the registry, or
/// returns every field error found.
pub fn prepare(
    context: &RegistrationContext,
    input: RegistrationInput,
) -> ApiResult<NewRegistration> {
    let pass_ids: Vec<String> = context.passes.iter().map(|p| p.id.clone()).collect();
    let (attendee, responses) = input
        .validate(
            context.strategy,
            &context.session_ids,
            &pass_ids,
            &context.questions,
        )
        .map_err(ApiError::Validation)?;
    let webinar_session_ids = input
        .session_ids
        .iter()
        .filter(|s| context.webinar_session_ids.contains(s))
        .cloned()
        .collect();
    Ok(NewRegistration {
        registration_id: ids::new_id()?,
        new_contact_id: ids::new_id()?,
        event_id: context.event.id.clone(),
        seats: seats(context),
        strategy: context.strategy,
        attendee,
        session_ids: input.session_ids,
        idempotency_key: input.idempotency_key.map(|k| k.trim().to_string()),
        sync_state: if context.event.format.needs_webinar() {
            SyncState::Pending
        } else {
            SyncState::NotRequired
        },
        webinar_session_ids,
        pass_limit: input
            .pass_id
            .as_ref()
            .and_then(|id| context.passes.iter().find(|p| &p.id == id))
            .and_then(|p| p.capacity),
        pass_id: input.pass_id,
        responses,
        now: ids::now_iso(),
        closed: false,
        contact: None,
    })
}

/// Registers prepared attendees of one event in one registry call: matching, capacity,
/// waitlist and idempotency are decided for all of them before any is stored, so either
/// all are registered (or replayed) or none is.
pub async fn register(env: &Env, group: Vec<NewRegistration>) -> ApiResult<Vec<Registration>> {
    crate::registry::register::register(env, group).await
}

pub async fn create(mut req: Request, env: &Admin<'_>, event_id: &str) -> ApiResult<Response> {
    let input: RegistrationInput = json_body(&mut req).await?;
    let context: RegistrationContext = env
        .store()?
        .call(&Command::RegistrationContext {
            event_id: event_id.into(),
        })
        .await?;
    let prepared = prepare(&context, input)?;
    let registration = register(env, vec![prepared])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("the registry answered no registration"))?;
    if !registration.replayed {
        let after = |v: serde_json::Value| (v, None);
        let fields = [
            ("status", after(serde_json::to_value(registration.status)?)),
            (
                "passId",
                after(serde_json::to_value(&registration.pass_id)?),
            ),
            (
                "sessionIds",
                after(serde_json::to_value(&registration.session_ids)?),
            ),
        ];
        let change =
            registration_change(AuditAction::Created, &registration, &context.event, &fields);
        env.record(change).await?;
    }
    let status = if registration.replayed { 200 } else { 201 };
    http::json(&registration, status)
}

/// A registration's change for the audit log: named by its event, never by its attendee
/// (the log keeps no personal data, so an erasure leaves nothing behind in it). `fields`:
/// each changed field's value after, and before if it had one.
pub fn registration_change(
    action: AuditAction,
    registration: &Registration,
    event: &Event,
    fields: &[(&str, (serde_json::Value, Option<serde_json::Value>))],
) -> Change {
    Change {
        action,
        record_type: RecordType::Registration,
        record_id: registration.id.clone(),
        record_name: event.name.clone(),
        changes: fields
            .iter()
            .filter(|(_, (after, _))| !after.is_null())
            .map(|(field, (after, before))| FieldChange {
                field: field.to_string(),
                before: before.clone(),
                after: Some(after.clone()),
                note: None,
            })
            .collect(),
    }
}

/// Deletes an event, or a pass, session or question of one (`delete`, a store command),
/// unless registrations refer to it (409; cancelled ones too: their history keeps it).
/// The registry retires `target` first, in the same step as its check, so a registration
/// that read the event before the delete cannot be stored after it; when the store then
/// refuses the delete (404, say), the retirement is undone.
pub async fn delete_retired(
    env: &Admin<'_>,
    event_id: &str,
    target: Target,
    delete: Command,
) -> ApiResult<Response> {
    let registry = Registry::event(env, event_id)?;
    let event_id = event_id.to_string();
    registry
        .call::<()>(&RegistryCommand::Retire {
            event_id: event_id.clone(),
            target: target.clone(),
        })
        .await?;
    if let Err(refused) = env.store()?.call::<()>(&delete).await {
        let restore = RegistryCommand::Restore { event_id, target };
        if let Err(e) = registry.call::<()>(&restore).await {
            worker::console_error!("a retirement could not be undone: {e:?}");
        }
        return Err(refused);
    }
    http::no_content()
}

pub async fn cancel(env: &Admin<'_>, event_id: &str, id: &str) -> ApiResult<Response> {
    let context: RegistrationContext = env
        .store()?
        .call(&Command::RegistrationContext {
            event_id: event_id.into(),
        })
        .await?;
    let command = RegistryCommand::Cancel {
        event_id: event_id.into(),
        registration_id: id.into(),
        seats: seats(&context),
        pass_limits: context
            .passes
            .iter()
            .filter_map(|p| {
                p.capacity.map(|limit| PassLimit {
                    pass_id: p.id.clone(),
                    limit,
                })
            })
            .collect(),
        now: ids::now_iso(),
    };
    let cancelled: Registration = Registry::event(env, event_id)?.call(&command).await?;
    let status = (serde_json::to_value(cancelled.status)?, None);
    let change = registration_change(
        AuditAction::Changed,
        &cancelled,
        &context.event,
        &[("status", status)],
    );
    env.record(change).await?;
    http::json(&cancelled, 200)
}

async fn ensure_event(env: &Admin<'_>, event_id: &str) -> ApiResult<()> {
    env.store()?
        .call::<convene_types::event::Event>(&Command::GetEvent {
            id: event_id.into(),
        })
        .await
        .map(|_| ())
}

pub async fn list(env: &Admin<'_>, url: &Url, event_id: &str) -> ApiResult<Response> {
    ensure_event(env, event_id).await?;
    let (query, pairs) = http::list_query(url);
    let status = match pairs
        .iter()
        .find(|(k, _)| k == "status")
        .map(|(_, v)| v.as_str())
    {
        None | Some("") | Some("all") => None,
        Some(s) => Some(RegistrationStatus::parse(s).ok_or_else(|| {
            ApiError::BadRequest("status must be confirmed, waitlisted, cancelled or all.".into())
        })?),
    };
    let command = RegistryCommand::ListRegistrations {
        event_id: event_id.into(),
        q: query.q.clone(),
        status,
        page: query.page(),
        page_size: query.page_size(),
    };
    let page: Page<Registration> = Registry::event(env, event_id)?.call(&command).await?;
    http::json(&page, 200)
}

/// The event's registrations per day, for its chart.
pub async fn per_day(env: &Admin<'_>, event_id: &str) -> ApiResult<Response> {
    ensure_event(env, event_id).await?;
    let days: Vec<DailyCount> = Registry::event(env, event_id)?
        .call(&RegistryCommand::DailyCounts {
            event_id: event_id.into(),
        })
        .await?;
    http::json(&days, 200)
}

pub async fn csv(env: &Admin<'_>, event_id: &str) -> ApiResult<Response> {
    ensure_event(env, event_id).await?;
    let all: Vec<Registration> = Registry::event(env, event_id)?
        .call(&RegistryCommand::AllRegistrations {
            event_id: event_id.into(),
        })
        .await?;
    http::csv(
        &format!("registrations-{event_id}.csv"),
        registration::csv(&all),
    )
}

pub async fn contacts(env: &Admin<'_>, url: &Url) -> ApiResult<Response> {
    let (query, _pairs) = http::list_query(url);
    let page = across::list_contacts(env, &query.q, query.page(), query.page_size()).await?;
    http::json(&page, 200)
}

pub async fn contact(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let (_, found) = across::find_contact(env, id).await?;
    http::json(&found.contact, 200)
}

/// `POST /contacts/{id}/erase`: the contact's personal data replaced, here and (through
/// the outbox) at the webinar provider.
pub async fn erase_contact(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let erased = across::erase_contact(env, id, &ids::now_iso()).await?;
    worker::console_log!("contact {id} erased");
    env.record(Change {
        action: AuditAction::Erased,
        record_type: RecordType::Contact,
        record_id: erased.id.clone(),
        record_name: String::new(),
        changes: vec![FieldChange {
            field: "registrations".into(),
            before: None,
            after: Some(erased.registration_count.into()),
            note: None,
        }],
    })
    .await?;
    http::json(&erased, 200)
}

pub async fn contact_registrations(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let found = across::contact_registrations(env, id).await?;
    http::json(&found, 200)
}
