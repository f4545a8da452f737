//! The registry's decisions: registering a group all or none, and cancelling with
//! waitlist promotion. Each runs as one synchronous SQL sequence.

use convene_types::registration::{self, Capacity, Registration, RegistrationStatus, SyncState};
use convene_types::webhook::EventType;

use super::erase::refuse_erased;
use super::retire::refuse_retired;
use super::rows::{self, StatusRow, WaitingRow};
use super::schema::Db;
use super::{NewRegistration, PassLimit, Seats};
use super::{outbox, webhooks};
use crate::error::{ApiError, ApiResult};
use crate::outbox::Action;

/// Seats already confirmed, as read once per group and counted up as the group's
/// attendees are decided.
#[derive(Default)]
struct Taken {
    event: Option<u32>,
    passes: Vec<(String, u32)>,
}

/// What to do with one registration of a group, decided before anything is written.
enum Plan {
    Replay(Box<Registration>),
    Insert(RegistrationStatus),
}

/// Registers a group (one event's attendees, in order) all or none: every registration is
/// decided first (idempotency, then seats, counting the group's earlier attendees), and
/// only when none is refused are the contacts and registrations written. A refused
/// attendee of a group of several is named `attendees[i]` in the message. A confirmed
/// registration of a webinar event gets its outbox record in the same step.
pub fn register_group(
    db: &Db,
    group: Vec<NewRegistration>,
    now_ms: f64,
) -> ApiResult<Vec<Registration>> {
    one_event(&group)?;
    refuse_retired(db, &group)?;
    refuse_erased(db, &group)?;
    let several = group.len() > 1;
    let mut taken = Taken::default();
    let mut plans = Vec::with_capacity(group.len());
    for (i, r) in group.iter().enumerate() {
        plans.push(plan(db, r, &mut taken).map_err(|e| match e {
            ApiError::Conflict(message) if several => {
                ApiError::Conflict(format!("attendees[{i}]: {message}"))
            }
            other => other,
        })?);
    }
    group
        .into_iter()
        .zip(plans)
        .map(|(r, plan)| match plan {
            Plan::Replay(earlier) => Ok(*earlier),
            Plan::Insert(status) => insert(db, r, status, now_ms),
        })
        .collect()
}

/// A group's registrations are for one event (`register` builds them from one context).
fn one_event(group: &[NewRegistration]) -> ApiResult<()> {
    match group.first() {
        Some(first) if group.iter().any(|r| r.event_id != first.event_id) => Err(
            ApiError::internal("a registration group spans several events"),
        ),
        _ => Ok(()),
    }
}

/// Idempotency first, then the seat decision (a refused registration creates nothing).
fn plan(db: &Db, r: &NewRegistration, taken: &mut Taken) -> ApiResult<Plan> {
    if let Some(key) = &r.idempotency_key
        && let Some(mut earlier) =
            rows::registration(db, "r.idempotency_key = ?", vec![key.as_str().into()])?
    {
        earlier.replayed = true;
        return Ok(Plan::Replay(Box::new(earlier)));
    }
    if r.closed {
        return Err(ApiError::Conflict(registration::CLOSED.into()));
    }
    let capacity: Capacity = r.seats.into();
    // Without a limit the count decides nothing: do not read it.
    let confirmed = match (capacity.limit, taken.event) {
        (None, _) => 0,
        (Some(_), Some(n)) => n,
        (Some(_), None) => *taken.event.insert(db.confirmed(&r.event_id)?),
    };
    let limited_pass = r.pass_id.as_ref().filter(|_| r.pass_limit.is_some());
    let pass_confirmed = match limited_pass {
        None => 0,
        Some(pass) => match taken.passes.iter().find(|(p, _)| p == pass) {
            Some((_, n)) => *n,
            None => {
                let n = db.confirmed_with_pass(&r.event_id, pass)?;
                taken.passes.push((pass.clone(), n));
                n
            }
        },
    };
    let status = registration::decide_with_pass(capacity, confirmed, r.pass_limit, pass_confirmed)
        .map_err(|full| ApiError::Conflict(full.to_string()))?;
    if status == RegistrationStatus::Confirmed {
        if let Some(n) = taken.event.as_mut() {
            *n += 1;
        }
        if let Some((_, n)) = taken
            .passes
            .iter_mut()
            .find(|(p, _)| Some(p) == limited_pass)
        {
            *n += 1;
        }
    }
    Ok(Plan::Insert(status))
}

/// Writes a decided registration: its contact's copy (as the directory resolved it; kept
/// if already here), then the registration.
fn insert(
    db: &Db,
    r: NewRegistration,
    status: RegistrationStatus,
    now_ms: f64,
) -> ApiResult<Registration> {
    let contact = r.contact.as_ref().ok_or_else(|| {
        ApiError::internal("a registration reached the registry without its contact")
    })?;
    db.run(
        "INSERT INTO contacts (id, email, first_name, last_name, company, email_key, name_key, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
        vec![
            contact.id.as_str().into(),
            contact.email.as_str().into(),
            contact.first_name.as_str().into(),
            contact.last_name.as_str().into(),
            contact.company.as_str().into(),
            contact.email_key.as_str().into(),
            contact.name_key.as_str().into(),
            contact.created_at.as_str().into(),
        ],
    )?;
    let contact_id = contact.id.clone();
    db.run(
        "INSERT INTO registrations (id, event_id, contact_id, session_ids, status, created_at, sync_state, idempotency_key, pass_id, responses, email, first_name, last_name, company, webinar_sessions) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        vec![
            r.registration_id.as_str().into(),
            r.event_id.as_str().into(),
            contact_id.as_str().into(),
            serde_json::to_string(&r.session_ids)?.into(),
            status.key().into(),
            r.now.as_str().into(),
            r.sync_state.key().into(),
            r.idempotency_key.clone().into(),
            r.pass_id.clone().into(),
            serde_json::to_string(&r.responses)?.into(),
            r.attendee.email.as_str().into(),
            r.attendee.first_name.as_str().into(),
            r.attendee.last_name.as_str().into(),
            r.attendee.company.as_str().into(),
            serde_json::to_string(&r.webinar_session_ids)?.into(),
        ],
    )?;
    if r.sync_state == SyncState::Pending && status == RegistrationStatus::Confirmed {
        outbox::enqueue(
            db,
            &r.registration_id,
            &r.event_id,
            &r.webinar_session_ids,
            Action::Register,
            None,
            now_ms,
        )?;
    }
    webhooks::registration(
        db,
        EventType::RegistrationCreated,
        &r.registration_id,
        &r.now,
        now_ms,
    )?;
    // What a read of the new row would give (its other columns start empty), without the read.
    Ok(Registration {
        id: r.registration_id,
        event_id: r.event_id,
        session_ids: r.session_ids,
        contact_id,
        email: r.attendee.email,
        first_name: r.attendee.first_name,
        last_name: r.attendee.last_name,
        company: r.attendee.company,
        status,
        created_at: r.now,
        sync_state: r.sync_state,
        sync_attempts: 0,
        sync_error: None,
        provider_registrant_id: None,
        join_url: None,
        attendance: None,
        session_webinars: vec![],
        idempotency_key: r.idempotency_key,
        pass_id: r.pass_id,
        responses: r.responses,
        replayed: false,
    })
}

/// Cancels, and when a confirmed seat frees up, confirms the oldest waitlisted registration
/// that fits (its pass, if limited, has room). The provider is told of both through the
/// outbox, in the same step.
pub fn cancel(
    db: &Db,
    event_id: &str,
    id: &str,
    seats: Seats,
    pass_limits: &[PassLimit],
    now: &str,
    now_ms: f64,
) -> ApiResult<Registration> {
    let not_found = || {
        ApiError::NotFound(format!(
            "There is no registration with id {id} for this event."
        ))
    };
    let current: StatusRow = db
        .first(
            "SELECT status, sync_state, webinar_sessions FROM registrations WHERE id = ? AND event_id = ?",
            vec![id.into(), event_id.into()],
        )?
        .ok_or_else(not_found)?;
    if current.status != RegistrationStatus::Cancelled.key() {
        db.run(
            "UPDATE registrations SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
            vec![now.into(), id.into()],
        )?;
        tell_provider_of_cancellation(db, event_id, id, &current, now_ms)?;
        webhooks::registration(db, EventType::RegistrationCancelled, id, now, now_ms)?;
        if current.status == RegistrationStatus::Confirmed.key()
            && registration::promotes(seats.into(), db.confirmed(event_id)?)
        {
            let waiting: Vec<WaitingRow> = db.rows(
                "SELECT id, pass_id, sync_state, webinar_sessions FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY seq",
                vec![event_id.into()],
            )?;
            for candidate in waiting {
                let fits = match candidate
                    .pass_id
                    .as_deref()
                    .and_then(|p| pass_limits.iter().find(|l| l.pass_id == p))
                {
                    Some(l) => db.confirmed_with_pass(event_id, &l.pass_id)? < l.limit,
                    None => true,
                };
                if fits {
                    db.run(
                        "UPDATE registrations SET status = 'confirmed' WHERE id = ?",
                        vec![candidate.id.as_str().into()],
                    )?;
                    webhooks::registration(
                        db,
                        EventType::RegistrationPromoted,
                        &candidate.id,
                        now,
                        now_ms,
                    )?;
                    if candidate.sync_state == SyncState::Pending.key() {
                        outbox::enqueue(
                            db,
                            &candidate.id,
                            event_id,
                            &outbox::webinar_sessions(&candidate.webinar_sessions)?,
                            Action::Register,
                            None,
                            now_ms,
                        )?;
                    }
                    break;
                }
            }
        }
    }
    rows::registration(db, "r.id = ?", vec![id.into()])?.ok_or_else(not_found)
}

/// A confirmed registration of a webinar event was sent (or is on its way): its
/// cancellation follows it, in order. A waitlisted one was never sent: nothing to tell.
fn tell_provider_of_cancellation(
    db: &Db,
    event_id: &str,
    id: &str,
    before: &StatusRow,
    now_ms: f64,
) -> ApiResult<()> {
    let sync = SyncState::parse(&before.sync_state);
    if sync == SyncState::NotRequired {
        return Ok(());
    }
    if before.status == RegistrationStatus::Confirmed.key() {
        let sessions = outbox::webinar_sessions(&before.webinar_sessions)?;
        outbox::enqueue(db, id, event_id, &sessions, Action::Cancel, None, now_ms)?;
        db.run(
            "UPDATE registrations SET sync_state = 'pending' WHERE id = ?",
            vec![id.into()],
        )
    } else {
        db.run(
            "UPDATE registrations SET sync_state = 'not_required', sync_error = NULL WHERE id = ?",
            vec![id.into()],
        )
    }
}
