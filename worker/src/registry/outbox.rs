//! The outbox's storage: records to send to the webinar provider, written in the same
//! synchronous step as the registration change they come from (see `crate::outbox`).
//! Times are milliseconds since the Unix epoch (`due_at`, `leased_until`).

use convene_types::registration::{RegistrationStatus, SyncState};
use convene_types::sync::{MAX_ATTEMPTS, SessionWebinar, SyncHealth, WAIT_MS};
use convene_types::webhook::EventType;
use serde::Deserialize;
use worker::SqlStorageValue;

use super::schema::Db;
use super::webhooks;
use crate::error::{ApiError, ApiResult};
use crate::outbox::{Action, Delivery, Outcome, Report};

/// A claimed record is not handed out again for this long: the delivery reports well
/// before (each provider call is bounded), and one that never reports (its worker gone)
/// is sent again after it.
pub const LEASE_MS: f64 = 60_000.0;
/// Records handed out by one alarm.
pub const CLAIM_LIMIT: i64 = 50;

/// Adds a record for `registration_id` to each of its webinars, due at once: the event's,
/// and those of `sessions` (its chosen sessions that have their own). `email`: the address
/// to erase, for [`Action::Forget`] only (the registration's own is erased by then).
pub fn enqueue(
    db: &Db,
    registration_id: &str,
    event_id: &str,
    sessions: &[String],
    action: Action,
    email: Option<&str>,
    now_ms: f64,
) -> ApiResult<()> {
    let targets = std::iter::once(None).chain(sessions.iter().map(|s| Some(s.as_str())));
    for session_id in targets {
        db.run(
            "INSERT INTO outbox (registration_id, event_id, session_id, action, email, attempts, due_at) \
             VALUES (?, ?, ?, ?, ?, 0, ?)",
            vec![
                registration_id.into(),
                event_id.into(),
                session_id.map(str::to_string).into(),
                action.key().into(),
                email.map(str::to_string).into(),
                now_ms.into(),
            ],
        )?;
    }
    Ok(())
}

/// The chosen sessions of a registration that have a webinar of their own (as stored).
pub fn webinar_sessions(text: &str) -> ApiResult<Vec<String>> {
    Ok(serde_json::from_str(text)?)
}

#[derive(Deserialize)]
struct DueRow {
    seq: f64,
    registration_id: String,
    event_id: String,
    session_id: Option<String>,
    action: String,
    attempts: f64,
    email: String,
    first_name: String,
    last_name: String,
    company: String,
}

/// Hands out the records due at `now_ms`, oldest first, leasing them: a registration's
/// records go one at a time, in order (a cancellation never overtakes its registration).
pub fn claim(db: &Db, now_ms: f64) -> ApiResult<Vec<Delivery>> {
    let rows: Vec<DueRow> = db.rows(
        "SELECT o.seq, o.registration_id, o.event_id, o.session_id, o.action, o.attempts, \
             COALESCE(o.email, r.email, c.email) AS email, \
             COALESCE(r.first_name, c.first_name) AS first_name, \
             COALESCE(r.last_name, c.last_name) AS last_name, \
             COALESCE(r.company, c.company) AS company \
         FROM outbox o JOIN registrations r ON r.id = o.registration_id \
             JOIN contacts c ON c.id = r.contact_id \
         WHERE o.due_at <= ? AND (o.leased_until IS NULL OR o.leased_until <= ?) \
             AND NOT EXISTS (SELECT 1 FROM outbox p \
                 WHERE p.registration_id = o.registration_id AND p.seq < o.seq) \
         ORDER BY o.due_at, o.seq LIMIT ?",
        vec![now_ms.into(), now_ms.into(), CLAIM_LIMIT.into()],
    )?;
    let mut claimed = Vec::with_capacity(rows.len());
    for row in rows {
        db.run(
            "UPDATE outbox SET leased_until = ? WHERE seq = ?",
            vec![(now_ms + LEASE_MS).into(), (row.seq as i64).into()],
        )?;
        let action = Action::parse(&row.action)
            .ok_or_else(|| ApiError::internal(format!("unknown outbox action {}", row.action)))?;
        claimed.push(Delivery {
            seq: row.seq as i64,
            registration_id: row.registration_id,
            event_id: row.event_id,
            session_id: row.session_id,
            action,
            attempts: row.attempts as u32,
            email: row.email,
            first_name: row.first_name,
            last_name: row.last_name,
            company: row.company,
        });
    }
    Ok(claimed)
}

/// When the next record falls due (a leased one: when its lease ends), if any. A record
/// behind an earlier one of its registration is not counted: it falls due when that one
/// is answered for, which reschedules.
pub fn next_due(db: &Db) -> ApiResult<Option<f64>> {
    db.time(
        "SELECT MIN(MAX(o.due_at, COALESCE(o.leased_until, 0))) AS at FROM outbox o \
         WHERE NOT EXISTS (SELECT 1 FROM outbox p \
             WHERE p.registration_id = o.registration_id AND p.seq < o.seq)",
    )
}

/// Ends every lease: after the object restarts no delivery it handed out is waited for
/// (one still running sends twice at worst, which the provider's email match absorbs).
pub fn release_leases(db: &Db) -> ApiResult<()> {
    db.run(
        "UPDATE outbox SET leased_until = NULL WHERE leased_until IS NOT NULL",
        vec![],
    )
}

/// Makes every record due now: something that stopped them changed (a webinar created,
/// terms accepted, credentials replaced).
pub fn wake(db: &Db, now_ms: f64) -> ApiResult<()> {
    db.run(
        "UPDATE outbox SET due_at = ? WHERE due_at > ? AND leased_until IS NULL",
        vec![now_ms.into(), now_ms.into()],
    )
}

#[derive(Deserialize)]
struct RecordRow {
    registration_id: String,
    event_id: String,
    session_id: Option<String>,
    action: String,
    attempts: f64,
}

/// Applies the delivery's reports. A report for a record that is gone (sent meanwhile by
/// a second delivery after its lease ended) changes nothing.
pub fn record(db: &Db, reports: &[Report], now_ms: f64, now: &str) -> ApiResult<()> {
    for report in reports {
        let seq: SqlStorageValue = report.seq.into();
        let Some(row) = db.first::<RecordRow>(
            "SELECT registration_id, event_id, session_id, action, attempts FROM outbox WHERE seq = ?",
            vec![seq.clone()],
        )?
        else {
            continue;
        };
        let registration: SqlStorageValue = row.registration_id.as_str().into();
        match &report.outcome {
            Outcome::Sent {
                registrant_id,
                join_url,
            } => {
                db.run("DELETE FROM outbox WHERE seq = ?", vec![seq])?;
                if row.action == Action::Register.key() {
                    match &row.session_id {
                        Some(session_id) => session_webinar(db, &row.registration_id, session_id, |w| {
                            w.registrant_id = registrant_id.clone().or(w.registrant_id.take());
                            w.join_url = join_url.clone().or(w.join_url.take());
                        })?,
                        None => db.run(
                            "UPDATE registrations SET provider_registrant_id = COALESCE(?, provider_registrant_id), \
                             join_url = COALESCE(?, join_url) WHERE id = ?",
                            vec![registrant_id.clone().into(), join_url.clone().into(), registration.clone()],
                        )?,
                    }
                }
                if row.action != Action::Forget.key() {
                    // Synced once every webinar of it has answered (and none gave up).
                    let becomes_synced = db.count(
                        "SELECT COUNT(*) AS n FROM registrations WHERE id = ? \
                         AND sync_state NOT IN ('failed', 'synced') \
                         AND NOT EXISTS (SELECT 1 FROM outbox WHERE registration_id = ?)",
                        vec![registration.clone(), registration.clone()],
                    )? > 0;
                    if becomes_synced {
                        let id = row.registration_id.as_str();
                        webhooks::registration(db, EventType::RegistrationSynced, id, now, now_ms)?;
                    }
                    db.run(
                        "UPDATE registrations SET sync_state = 'synced', sync_error = NULL \
                         WHERE id = ? AND sync_state != 'failed' \
                         AND NOT EXISTS (SELECT 1 FROM outbox WHERE registration_id = ?)",
                        vec![registration.clone(), registration],
                    )?;
                }
                health(db, &row.event_id, "last_sent_at = ?", vec![now.into()])?;
            }
            Outcome::Retry { delay_ms, message } => {
                let attempts = row.attempts as u32 + 1;
                if attempts >= MAX_ATTEMPTS {
                    give_up(db, seq, registration, message)?;
                } else {
                    db.run(
                        "UPDATE outbox SET attempts = ?, due_at = ?, leased_until = NULL, \
                         last_error = ? WHERE seq = ?",
                        vec![
                            i64::from(attempts).into(),
                            (now_ms + *delay_ms as f64).into(),
                            message.as_str().into(),
                            seq,
                        ],
                    )?;
                    db.run(
                        "UPDATE registrations SET sync_attempts = ?, sync_error = ? WHERE id = ?",
                        vec![
                            i64::from(attempts).into(),
                            message.as_str().into(),
                            registration,
                        ],
                    )?;
                }
                last_error(db, &row.event_id, message, now)?;
            }
            Outcome::Wait { message } | Outcome::Paused { message } => {
                db.run(
                    "UPDATE outbox SET due_at = ?, leased_until = NULL, last_error = ? WHERE seq = ?",
                    vec![(now_ms + WAIT_MS as f64).into(), message.as_str().into(), seq],
                )?;
                db.run(
                    "UPDATE registrations SET sync_error = ? WHERE id = ?",
                    vec![message.as_str().into(), registration],
                )?;
                if matches!(report.outcome, Outcome::Paused { .. }) {
                    last_error(db, &row.event_id, message, now)?;
                }
            }
            Outcome::Failed { message } => {
                give_up(db, seq, registration, message)?;
                last_error(db, &row.event_id, message, now)?;
            }
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct SessionWebinarsRow {
    session_webinars: String,
}

/// Changes what registration `id` keeps of its session `session_id`'s webinar.
pub fn session_webinar(
    db: &Db,
    id: &str,
    session_id: &str,
    change: impl FnOnce(&mut SessionWebinar),
) -> ApiResult<()> {
    let Some(row) = db.first::<SessionWebinarsRow>(
        "SELECT session_webinars FROM registrations WHERE id = ?",
        vec![id.into()],
    )?
    else {
        return Ok(());
    };
    let mut all: Vec<SessionWebinar> = serde_json::from_str(&row.session_webinars)?;
    let index = match all.iter().position(|w| w.session_id == session_id) {
        Some(index) => index,
        None => {
            all.push(SessionWebinar {
                session_id: session_id.to_string(),
                ..SessionWebinar::default()
            });
            all.len() - 1
        }
    };
    change(&mut all[index]);
    db.run(
        "UPDATE registrations SET session_webinars = ? WHERE id = ?",
        vec![serde_json::to_string(&all)?.into(), id.into()],
    )
}

/// The record goes; its registration is `failed` with the provider's words, for an
/// administrator to retry.
fn give_up(
    db: &Db,
    seq: SqlStorageValue,
    registration: SqlStorageValue,
    message: &str,
) -> ApiResult<()> {
    db.run("DELETE FROM outbox WHERE seq = ?", vec![seq])?;
    db.run(
        "UPDATE registrations SET sync_state = 'failed', sync_error = ? WHERE id = ?",
        vec![message.into(), registration],
    )
}

fn last_error(db: &Db, event_id: &str, message: &str, now: &str) -> ApiResult<()> {
    health(
        db,
        event_id,
        "last_error = ?, last_error_at = ?",
        vec![message.into(), now.into()],
    )
}

/// Sets `assignments` on the event's health row, made if missing.
fn health(
    db: &Db,
    event_id: &str,
    assignments: &str,
    mut bindings: Vec<SqlStorageValue>,
) -> ApiResult<()> {
    db.run(
        "INSERT OR IGNORE INTO sync_health (event_id) VALUES (?)",
        vec![event_id.into()],
    )?;
    bindings.push(event_id.into());
    db.run(
        &format!("UPDATE sync_health SET {assignments} WHERE event_id = ?"),
        bindings,
    )
}

#[derive(Deserialize)]
struct RetryRow {
    id: String,
    event_id: String,
    status: String,
    sync_state: String,
    webinar_sessions: String,
}

/// Sends again: a `failed` registration gets a new record (its registration, or its
/// cancellation), and a `pending` one is made due now. `condition` selects registrations
/// (`r`). Returns how many were retried.
pub fn retry(
    db: &Db,
    condition: &str,
    bindings: Vec<SqlStorageValue>,
    now_ms: f64,
) -> ApiResult<u32> {
    let rows: Vec<RetryRow> = db.rows(
        &format!(
            "SELECT r.id, r.event_id, r.status, r.sync_state, r.webinar_sessions FROM registrations r \
             WHERE ({condition}) AND r.sync_state IN ('failed', 'pending') AND r.status != 'waitlisted'"
        ),
        bindings,
    )?;
    for row in &rows {
        let id: SqlStorageValue = row.id.as_str().into();
        let failed = row.sync_state == SyncState::Failed.key();
        let has_records = db.count(
            "SELECT COUNT(*) AS n FROM outbox WHERE registration_id = ?",
            vec![id.clone()],
        )? > 0;
        if failed || !has_records {
            let sessions = webinar_sessions(&row.webinar_sessions)?;
            let action = action_for(&row.status);
            enqueue(db, &row.id, &row.event_id, &sessions, action, None, now_ms)?;
            db.run(
                "UPDATE registrations SET sync_state = 'pending', sync_attempts = 0, \
                 sync_error = NULL WHERE id = ?",
                vec![id],
            )?;
        } else {
            db.run(
                "UPDATE outbox SET due_at = ? WHERE registration_id = ? AND leased_until IS NULL",
                vec![now_ms.into(), id],
            )?;
        }
    }
    Ok(rows.len() as u32)
}

/// What a registration in `status` asks of the provider.
fn action_for(status: &str) -> Action {
    if status == RegistrationStatus::Cancelled.key() {
        Action::Cancel
    } else {
        Action::Register
    }
}

#[derive(Deserialize)]
struct StateCount {
    sync_state: String,
    n: f64,
}

#[derive(Deserialize)]
struct HealthRow {
    last_sent_at: Option<String>,
    last_error: Option<String>,
    last_error_at: Option<String>,
}

/// The counts and the latest error and send over `event_ids` (a configuration's events).
/// Waitlisted registrations are not counted: nothing is sent for them until promoted.
pub fn sync_health(db: &Db, event_ids: &[String]) -> ApiResult<SyncHealth> {
    let mut health = SyncHealth::default();
    if event_ids.is_empty() {
        return Ok(health);
    }
    let (marks, bindings) = super::queries::ids_in(event_ids);
    let ids = || bindings.clone();
    let counts: Vec<StateCount> = db.rows(
        &format!(
            "SELECT sync_state, COUNT(*) AS n FROM registrations \
             WHERE event_id IN ({marks}) AND status != 'waitlisted' GROUP BY sync_state"
        ),
        ids(),
    )?;
    for c in counts {
        let n = c.n as u32;
        match SyncState::parse(&c.sync_state) {
            SyncState::Pending => health.counts.pending += n,
            SyncState::Synced => health.counts.synced += n,
            SyncState::Failed => health.counts.failed += n,
            SyncState::NotRequired => {}
        }
    }
    let rows: Vec<HealthRow> = db.rows(
        &format!(
            "SELECT last_sent_at, last_error, last_error_at FROM sync_health \
             WHERE event_id IN ({marks})"
        ),
        ids(),
    )?;
    for row in rows {
        if row.last_sent_at > health.last_sent_at {
            health.last_sent_at = row.last_sent_at;
        }
        if row.last_error_at > health.last_error_at {
            health.last_error_at = row.last_error_at;
            health.last_error = row.last_error;
        }
    }
    Ok(health)
}
