//! Moving the one registry's data into the per-event layout (`placement.rs`), one event at
//! a time: the hub (the instance that held everything) hands out an event's rows
//! ([`next`]), the worker writes them into the event's instance ([`import_event`]) and
//! its contacts into their directory shards ([`import_directory`]), then the hub deletes
//! them ([`moved`]). A lease lets one worker move at a time; an import replaces what an
//! interrupted one left, so a move taken over part way ends the same.
//!
//! Rows travel as JSON objects of their columns (`SELECT *`), without their `seq`: the
//! receiving table numbers them anew, in the order they come (the hub's), which keeps
//! waitlists and outbox records in order.

use serde::Deserialize;
use serde_json::Value;
use worker::SqlStorageValue;

use convene_types::contact::MatchStrategy;

use super::migration::{EventRows, LEASE_MS, Row, Step};
use super::placement::shard_of_keys;
use super::queries::ids_in;
use super::schema::Db;
use crate::error::{ApiError, ApiResult};

/// An import this close to its lease's end is refused already.
const LEASE_MARGIN_MS: f64 = 5_000.0;

#[derive(Deserialize)]
struct ByEmail {
    by_email: f64,
}

/// The hub: the key the directory is placed by, after recording `by_email` if given;
/// `None` while never recorded.
pub fn directory_key(db: &Db, by_email: Option<bool>) -> ApiResult<Option<bool>> {
    if let Some(by_email) = by_email {
        db.run(
            "INSERT INTO directory_key (id, by_email) VALUES (1, ?) \
             ON CONFLICT(id) DO UPDATE SET by_email = excluded.by_email",
            vec![i64::from(by_email).into()],
        )?;
    }
    let row: Option<ByEmail> =
        db.first("SELECT by_email FROM directory_key WHERE id = 1", vec![])?;
    Ok(row.map(|r| r.by_email > 0.0))
}

#[derive(Deserialize)]
struct EventId {
    event_id: String,
}

#[derive(Deserialize)]
struct Lease {
    holder: String,
    until: f64,
    done: f64,
}

/// The hub: the next event to move, under `holder`'s lease.
pub fn next(db: &Db, holder: &str, now_ms: f64) -> ApiResult<Step> {
    let lease: Option<Lease> = db.first(
        "SELECT holder, until, done FROM moving WHERE id = 1",
        vec![],
    )?;
    match &lease {
        Some(l) if l.done > 0.0 => return Ok(Step::Done),
        Some(l) if l.holder != holder && l.until > now_ms => return Ok(Step::Busy),
        _ => {}
    }
    let next: Option<EventId> = db.first(
        "SELECT event_id FROM (SELECT event_id FROM registrations UNION SELECT event_id FROM retired \
         UNION SELECT event_id FROM outbox UNION SELECT event_id FROM sync_health) \
         ORDER BY event_id LIMIT 1",
        vec![],
    )?;
    let Some(EventId { event_id }) = next else {
        db.run(
            "INSERT INTO moving (id, holder, until, done) VALUES (1, ?, 0, 1) \
             ON CONFLICT(id) DO UPDATE SET done = 1",
            vec![holder.into()],
        )?;
        return Ok(Step::Finished);
    };
    let lease_until = now_ms + LEASE_MS;
    db.run(
        "INSERT INTO moving (id, holder, until, done) VALUES (1, ?, ?, 0) \
         ON CONFLICT(id) DO UPDATE SET holder = excluded.holder, until = excluded.until",
        vec![holder.into(), lease_until.into()],
    )?;
    let of_event = |table: &str| -> ApiResult<Vec<Row>> {
        db.rows(
            &format!("SELECT * FROM {table} WHERE event_id = ? ORDER BY rowid"),
            vec![event_id.as_str().into()],
        )
    };
    let contacts = "SELECT contact_id FROM registrations WHERE event_id = ?";
    let rows = EventRows {
        registrations: of_event("registrations")?,
        outbox: of_event("outbox")?,
        retired: of_event("retired")?,
        sync_health: of_event("sync_health")?,
        contacts: db.rows(
            &format!("SELECT * FROM contacts WHERE id IN ({contacts}) ORDER BY seq"),
            vec![event_id.as_str().into()],
        )?,
        links: of_event("contact_registrations")?,
        erasures: db.rows(
            &format!("SELECT * FROM erasures WHERE contact_id IN ({contacts})"),
            vec![event_id.as_str().into()],
        )?,
        event_id,
    };
    Ok(Step::Event {
        rows: Box::new(rows),
        lease_until,
    })
}

/// Refuses a move's import that arrives after its lease ended: another worker may have
/// moved the event since, and registrations may have followed.
pub fn within_lease(lease_until: Option<f64>, now_ms: f64) -> ApiResult<()> {
    match lease_until {
        // A margin for the clocks of two objects.
        Some(until) if now_ms > until - LEASE_MARGIN_MS => Err(ApiError::Conflict(
            "This move's lease ended; another worker moves the event.".into(),
        )),
        _ => Ok(()),
    }
}

/// The hub: event `event_id` is in its new places; its rows go, and the contacts no
/// registration here refers to any more.
pub fn moved(db: &Db, event_id: &str) -> ApiResult<()> {
    for table in [
        "registrations",
        "outbox",
        "retired",
        "sync_health",
        "contact_registrations",
    ] {
        db.run(
            &format!("DELETE FROM {table} WHERE event_id = ?"),
            vec![event_id.into()],
        )?;
    }
    db.run(
        "DELETE FROM contacts WHERE id NOT IN (SELECT contact_id FROM registrations)",
        vec![],
    )?;
    db.run(
        "DELETE FROM erasures WHERE contact_id NOT IN (SELECT id FROM contacts)",
        vec![],
    )
}

/// An event's instance: the event's rows, replacing any an interrupted move left.
pub fn import_event(db: &Db, rows: &EventRows) -> ApiResult<()> {
    for table in ["registrations", "outbox", "retired", "sync_health"] {
        db.run(
            &format!("DELETE FROM {table} WHERE event_id = ?"),
            vec![rows.event_id.as_str().into()],
        )?;
    }
    insert_all(db, "contacts", &rows.contacts, "OR IGNORE")?;
    insert_all(db, "registrations", &rows.registrations, "")?;
    // Leases stay: a record the hub handed out may be on its way to the provider, and is
    // sent again from here only when its lease ends (the provider matches a registrant by
    // email, so a second send updates the first).
    insert_all(db, "outbox", &rows.outbox, "")?;
    insert_all(db, "retired", &rows.retired, "OR IGNORE")?;
    insert_all(db, "sync_health", &rows.sync_health, "OR REPLACE")
}

/// A directory shard: its contacts among `rows.contacts`, their registrations' records
/// and erasures (what is here already stays).
pub fn import_directory(db: &Db, rows: &EventRows) -> ApiResult<()> {
    insert_all(db, "contacts", &rows.contacts, "OR IGNORE")?;
    let ids: Vec<String> = rows
        .contacts
        .iter()
        .filter_map(|c| c.get("id").and_then(Value::as_str).map(String::from))
        .collect();
    let mine = |row: &&Row| {
        row.get("contact_id")
            .and_then(Value::as_str)
            .is_some_and(|id| ids.iter().any(|c| c == id))
    };
    let links: Vec<Row> = rows.links.iter().filter(mine).cloned().collect();
    insert_all(db, "contact_registrations", &links, "OR IGNORE")?;
    let (marks, bindings) = ids_in(&ids);
    db.run(
        &format!("DELETE FROM erasures WHERE contact_id IN ({marks})"),
        bindings,
    )?;
    let erasures: Vec<Row> = rows.erasures.iter().filter(mine).cloned().collect();
    insert_all(db, "erasures", &erasures, "")
}

#[derive(Deserialize)]
struct Keys {
    id: String,
    email_key: String,
    name_key: String,
}

/// A directory shard: its contacts that belong in another shard under `strategy` (it
/// matches people by another key than when they were placed), with their registrations'
/// records and erasures.
pub fn strays(db: &Db, strategy: MatchStrategy) -> ApiResult<EventRows> {
    let Some(here) = db
        .name()
        .strip_prefix("contacts:")
        .and_then(|n| n.parse::<u32>().ok())
    else {
        return Ok(EventRows::default());
    };
    // An erased contact's keys match nobody: it stays where it is.
    let keys: Vec<Keys> = db.rows(
        "SELECT id, email_key, name_key FROM contacts WHERE erased_at IS NULL",
        vec![],
    )?;
    let ids: Vec<String> = keys
        .into_iter()
        .filter(|k| shard_of_keys(strategy, &k.email_key, &k.name_key) != here)
        .map(|k| k.id)
        .collect();
    let (marks, bindings) = ids_in(&ids);
    let select = |query: &str| db.rows::<Row>(&query.replace("{marks}", &marks), bindings.clone());
    Ok(EventRows {
        contacts: select("SELECT * FROM contacts WHERE id IN ({marks}) ORDER BY seq")?,
        links: select("SELECT * FROM contact_registrations WHERE contact_id IN ({marks})")?,
        erasures: select("SELECT * FROM erasures WHERE contact_id IN ({marks})")?,
        ..EventRows::default()
    })
}

/// A directory shard: contacts now kept by another shard go, with their records.
pub fn drop_contacts(db: &Db, contact_ids: &[String]) -> ApiResult<()> {
    let (marks, bindings) = ids_in(contact_ids);
    for (table, column) in [
        ("contacts", "id"),
        ("contact_registrations", "contact_id"),
        ("erasures", "contact_id"),
    ] {
        db.run(
            &format!("DELETE FROM {table} WHERE {column} IN ({marks})"),
            bindings.clone(),
        )?;
    }
    Ok(())
}

/// Inserts rows (each a column → value object) into `table`, without their `seq`.
fn insert_all(db: &Db, table: &str, rows: &[Row], conflict: &str) -> ApiResult<()> {
    for row in rows {
        let columns: Vec<&String> = row.keys().filter(|k| *k != "seq").collect();
        let marks = vec!["?"; columns.len()].join(", ");
        let names: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
        let values = columns
            .iter()
            .map(|c| value(&row[c.as_str()]))
            .collect::<ApiResult<Vec<_>>>()?;
        db.run(
            &format!(
                "INSERT {conflict} INTO {table} ({}) VALUES ({marks})",
                names.join(", ")
            ),
            values,
        )?;
    }
    Ok(())
}

fn value(v: &Value) -> ApiResult<SqlStorageValue> {
    Ok(match v {
        Value::Null => SqlStorageValue::Null,
        Value::String(s) => s.as_str().into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64().unwrap_or_default().into(),
        },
        Value::Bool(b) => (*b).into(),
        other => {
            return Err(ApiError::internal(format!(
                "unexpected column value {other}"
            )));
        }
    })
}
