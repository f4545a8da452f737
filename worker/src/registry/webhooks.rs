//! The webhooks' outbox and delivery log (see `crate::webhooks`). A message is queued for
//! each endpoint that subscribes to its type in the same step as the change it tells of,
//! so none is lost; the alarm hands due ones to the outbox Queue, as it does the webinar
//! outbox's, and the delivery's reports come back here. Times are milliseconds since the
//! Unix epoch (`due_at`, `leased_until`).

use convene_types::list::Page;
use convene_types::webhook::{Delivery, DeliveryStatus, EventType, Message, MessageData};
use serde::Deserialize;

use super::outbox::{CLAIM_LIMIT, LEASE_MS};
use super::placement;
use super::schema::Db;
use crate::error::{ApiError, ApiResult};
use crate::store::Subscription;
use crate::webhooks::{Attempt, Due, Outcome, Report};

/// The delivery log keeps this many attempts per endpoint, the latest.
pub const LOG_KEEP: u32 = 500;

/// Replaces the copy of who subscribes to what. Messages waiting for an endpoint that is
/// gone are dropped.
pub fn set_endpoints(db: &Db, endpoints: &[Subscription]) -> ApiResult<()> {
    db.run("DELETE FROM webhook_endpoints", vec![])?;
    for e in endpoints {
        db.run(
            "INSERT INTO webhook_endpoints (id, events, active) VALUES (?, ?, ?)",
            vec![
                e.id.as_str().into(),
                serde_json::to_string(&e.events)?.into(),
                i64::from(e.active).into(),
            ],
        )?;
    }
    db.run(
        "DELETE FROM webhook_outbox WHERE endpoint_id NOT IN (SELECT id FROM webhook_endpoints)",
        vec![],
    )
}

/// Whether any active endpoint subscribes to anything (registrations then wake the alarm).
pub fn any_active(db: &Db) -> ApiResult<bool> {
    Ok(db.count(
        "SELECT COUNT(*) AS n FROM webhook_endpoints WHERE active = 1",
        vec![],
    )? > 0)
}

#[derive(Deserialize)]
struct IdRow {
    id: String,
}

#[derive(Deserialize)]
struct CounterRow {
    n: f64,
}

/// A new message id, unique across registry instances: a counter of this instance,
/// after its tag (`placement::tag`: none for the hub, which made every id before the
/// per-event layout).
fn message_id(db: &Db) -> ApiResult<String> {
    let row: Option<CounterRow> = db.first(
        "INSERT INTO webhook_counter (id, n) VALUES (1, 1) \
         ON CONFLICT(id) DO UPDATE SET n = n + 1 RETURNING n",
        vec![],
    )?;
    let n = row.map_or(0, |r| r.n as u64);
    Ok(match placement::tag(db.name()) {
        tag if tag.is_empty() => format!("msg_{n:012}"),
        tag => format!("msg_{tag}_{n:012}"),
    })
}

/// Queues a message of `event_type` for every active endpoint subscribed to it; `data` is
/// read only when there is one.
pub fn emit(
    db: &Db,
    event_type: EventType,
    data: impl FnOnce() -> ApiResult<MessageData>,
    now: &str,
    now_ms: f64,
) -> ApiResult<()> {
    let pattern = format!("%\"{}\"%", event_type.as_str());
    let endpoints: Vec<IdRow> = db.rows(
        "SELECT id FROM webhook_endpoints WHERE active = 1 AND events LIKE ?",
        vec![pattern.into()],
    )?;
    if endpoints.is_empty() {
        return Ok(());
    }
    let message = Message {
        event_type,
        timestamp: now.to_string(),
        data: data()?,
    };
    let (id, body) = (message_id(db)?, serde_json::to_string(&message)?);
    for endpoint in endpoints {
        queue(db, &endpoint.id, &id, event_type, &body, now_ms)?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct RegistrationRow {
    event_id: String,
    contact_id: String,
    status: String,
}

/// Queues a message about registration `id`, as it is now.
pub fn registration(
    db: &Db,
    event_type: EventType,
    id: &str,
    now: &str,
    now_ms: f64,
) -> ApiResult<()> {
    let data = || {
        let row: RegistrationRow = db
            .first(
                "SELECT event_id, contact_id, status FROM registrations WHERE id = ?",
                vec![id.into()],
            )?
            .ok_or_else(|| ApiError::internal(format!("no registration {id} to tell of")))?;
        Ok(MessageData {
            registration_id: Some(id.to_string()),
            event_id: Some(row.event_id),
            contact_id: Some(row.contact_id),
            status: Some(row.status),
            endpoint_id: None,
        })
    };
    emit(db, event_type, data, now, now_ms)
}

fn queue(
    db: &Db,
    endpoint_id: &str,
    message_id: &str,
    event_type: EventType,
    body: &str,
    now_ms: f64,
) -> ApiResult<()> {
    db.run(
        "INSERT INTO webhook_outbox (endpoint_id, message_id, event_type, body, attempts, due_at) \
         VALUES (?, ?, ?, ?, 0, ?)",
        vec![
            endpoint_id.into(),
            message_id.into(),
            event_type.as_str().into(),
            body.into(),
            now_ms.into(),
        ],
    )
}

/// "Send test": a `webhook.test` message to one endpoint, whatever it subscribes to.
pub fn test(db: &Db, endpoint_id: &str, now: &str, now_ms: f64) -> ApiResult<String> {
    let message = Message {
        event_type: EventType::Test,
        timestamp: now.to_string(),
        data: MessageData {
            endpoint_id: Some(endpoint_id.to_string()),
            ..MessageData::default()
        },
    };
    let id = message_id(db)?;
    let body = serde_json::to_string(&message)?;
    queue(db, endpoint_id, &id, EventType::Test, &body, now_ms)?;
    Ok(id)
}

#[derive(Deserialize)]
struct LoggedRow {
    message_id: String,
    event_type: String,
    body: String,
}

/// "Resend": the message of delivery `delivery_id` queued again to its endpoint, with the
/// same id (a receiver that keeps ids knows it).
pub fn resend(db: &Db, endpoint_id: &str, delivery_id: &str, now_ms: f64) -> ApiResult<String> {
    let row: LoggedRow = db
        .first(
            "SELECT message_id, event_type, body FROM webhook_deliveries WHERE seq = ? AND endpoint_id = ?",
            vec![delivery_id.parse::<i64>().unwrap_or(-1).into(), endpoint_id.into()],
        )?
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "There is no delivery with id {delivery_id} for this webhook."
            ))
        })?;
    let event_type = parse_type(&row.event_type)?;
    queue(
        db,
        endpoint_id,
        &row.message_id,
        event_type,
        &row.body,
        now_ms,
    )?;
    Ok(row.message_id)
}

fn parse_type(name: &str) -> ApiResult<EventType> {
    EventType::parse(name).ok_or_else(|| ApiError::internal(format!("unknown webhook type {name}")))
}

#[derive(Deserialize)]
struct DueRow {
    seq: f64,
    endpoint_id: String,
    message_id: String,
    event_type: String,
    body: String,
    attempts: f64,
}

/// Hands out the messages due at `now_ms`, oldest first, leasing them.
pub fn claim(db: &Db, now_ms: f64) -> ApiResult<Vec<Due>> {
    let rows: Vec<DueRow> = db.rows(
        "SELECT seq, endpoint_id, message_id, event_type, body, attempts FROM webhook_outbox \
         WHERE due_at <= ? AND (leased_until IS NULL OR leased_until <= ?) \
         ORDER BY due_at, seq LIMIT ?",
        vec![now_ms.into(), now_ms.into(), CLAIM_LIMIT.into()],
    )?;
    let mut claimed = Vec::with_capacity(rows.len());
    for row in rows {
        db.run(
            "UPDATE webhook_outbox SET leased_until = ? WHERE seq = ?",
            vec![(now_ms + LEASE_MS).into(), (row.seq as i64).into()],
        )?;
        claimed.push(Due {
            seq: row.seq as i64,
            endpoint_id: row.endpoint_id,
            message_id: row.message_id,
            event_type: parse_type(&row.event_type)?,
            body: row.body,
            attempts: row.attempts as u32,
        });
    }
    Ok(claimed)
}

/// When the next message falls due (a leased one: when its lease ends), if any.
pub fn next_due(db: &Db) -> ApiResult<Option<f64>> {
    db.time("SELECT MIN(MAX(due_at, COALESCE(leased_until, 0))) AS at FROM webhook_outbox")
}

/// Ends every lease (after a restart, as the webinar outbox does).
pub fn release_leases(db: &Db) -> ApiResult<()> {
    db.run(
        "UPDATE webhook_outbox SET leased_until = NULL WHERE leased_until IS NOT NULL",
        vec![],
    )
}

/// Applies the delivery's reports to this outbox: a message delivered, skipped or given up
/// leaves it, one to retry waits its delay. (The attempts go to the hub's log:
/// [`log`].)
pub fn settle(db: &Db, reports: &[Report], now_ms: f64) -> ApiResult<()> {
    for report in reports {
        let Some(row) = db.first::<DueRow>(
            "SELECT seq, endpoint_id, message_id, event_type, body, attempts FROM webhook_outbox WHERE seq = ?",
            vec![report.seq.into()],
        )?
        else {
            continue;
        };
        let attempt = row.attempts as u32 + 1;
        match (&report.outcome, report.outcome.logged(attempt).0) {
            (Outcome::Retry { delay_ms, .. }, DeliveryStatus::Retrying) => db.run(
                "UPDATE webhook_outbox SET attempts = ?, due_at = ?, leased_until = NULL WHERE seq = ?",
                vec![
                    i64::from(attempt).into(),
                    (now_ms + *delay_ms as f64).into(),
                    report.seq.into(),
                ],
            )?,
            _ => db.run(
                "DELETE FROM webhook_outbox WHERE seq = ?",
                vec![report.seq.into()],
            )?,
        }
    }
    Ok(())
}

/// Adds attempts to their endpoints' delivery logs, keeping each log's latest
/// [`LOG_KEEP`].
pub fn log(db: &Db, attempts: &[Attempt], now: &str) -> ApiResult<()> {
    for a in attempts {
        db.run(
            "INSERT INTO webhook_deliveries (endpoint_id, message_id, event_type, body, attempt, \
             status, response_code, error, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            vec![
                a.endpoint_id.as_str().into(),
                a.message_id.as_str().into(),
                a.event_type.as_str().into(),
                a.body.as_str().into(),
                i64::from(a.attempt).into(),
                a.status.as_str().into(),
                a.response_code.map(i64::from).into(),
                a.error.clone().into(),
                now.into(),
            ],
        )?;
        db.run(
            "DELETE FROM webhook_deliveries WHERE endpoint_id = ? AND seq <= \
             (SELECT seq FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
            vec![
                a.endpoint_id.as_str().into(),
                a.endpoint_id.as_str().into(),
                i64::from(LOG_KEEP).into(),
            ],
        )?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct LogRow {
    seq: f64,
    message_id: String,
    event_type: String,
    attempt: f64,
    status: String,
    response_code: Option<f64>,
    error: Option<String>,
    at: String,
}

/// A page of an endpoint's delivery log, newest first.
pub fn deliveries(
    db: &Db,
    endpoint_id: &str,
    page: usize,
    page_size: usize,
) -> ApiResult<Page<Delivery>> {
    let total = db.count(
        "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?",
        vec![endpoint_id.into()],
    )? as usize;
    let rows: Vec<LogRow> = db.rows(
        "SELECT seq, message_id, event_type, attempt, status, response_code, error, at \
         FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?",
        vec![
            endpoint_id.into(),
            (page_size as i64).into(),
            (((page.max(1) - 1) * page_size) as i64).into(),
        ],
    )?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(Delivery {
            id: (row.seq as i64).to_string(),
            message_id: row.message_id,
            event_type: parse_type(&row.event_type)?,
            attempt: row.attempt as u32,
            status: DeliveryStatus::parse(&row.status).ok_or_else(|| {
                ApiError::internal(format!("unknown delivery status {}", row.status))
            })?,
            response_code: row.response_code.map(|c| c as u16),
            error: row.error,
            at: row.at,
        });
    }
    Ok(Page {
        items,
        total,
        page: page.max(1),
        page_size,
    })
}
