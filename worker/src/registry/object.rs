//! The registry Durable Object, on its SQLite storage. Every command is synchronous SQL
//! (no `await` between reading and writing), so each one is atomic.

use std::cell::Cell;

use convene_types::contact::{Contact, normalize_email};
use convene_types::list::Page;
use convene_types::registration::{self, Capacity, Registration, RegistrationStatus, SyncState};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use worker::wasm_bindgen::prelude::*;
use worker::worker_sys::DurableObjectState;
use worker::{Env, SqlStorage, SqlStorageValue, State, web_sys};

use super::{NewRegistration, Reference, ReferenceKind, RegistryCommand, Seats};
use crate::error::{ApiError, ApiResult};
use crate::objects::{self, Reply, reply};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS contacts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    company TEXT NOT NULL,
    email_key TEXT NOT NULL,
    name_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS contacts_email_key ON contacts(email_key);
CREATE INDEX IF NOT EXISTS contacts_name_key ON contacts(name_key);
CREATE TABLE IF NOT EXISTS registrations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL,
    contact_id TEXT NOT NULL REFERENCES contacts(id),
    session_ids TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    cancelled_at TEXT,
    sync_state TEXT NOT NULL,
    sync_attempts INTEGER NOT NULL DEFAULT 0,
    sync_error TEXT,
    idempotency_key TEXT UNIQUE
);
CREATE INDEX IF NOT EXISTS registrations_event ON registrations(event_id, status, seq);
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS registrations_contact ON registrations(contact_id);
";

/// Changes after the first schema, applied once each, in order; one statement per string
/// (a multi-statement `exec` only runs as far as its cursor is read).
const MIGRATIONS: &[&[&str]] = &[
    &[
        "ALTER TABLE registrations ADD COLUMN pass_id TEXT",
        "ALTER TABLE registrations ADD COLUMN responses TEXT NOT NULL DEFAULT '[]'",
    ],
    // The attendee as submitted: a contact matched by name keeps its own email, but the
    // registration keeps the one typed for it.
    &[
        "ALTER TABLE registrations ADD COLUMN email TEXT",
        "ALTER TABLE registrations ADD COLUMN first_name TEXT",
        "ALTER TABLE registrations ADD COLUMN last_name TEXT",
        "ALTER TABLE registrations ADD COLUMN company TEXT",
    ],
];

/// Columns of a registration joined with its contact.
const REGISTRATION_COLUMNS: &str = "r.id, r.event_id, r.session_ids, r.contact_id, \
    COALESCE(r.email, c.email) AS email, COALESCE(r.first_name, c.first_name) AS first_name, \
    COALESCE(r.last_name, c.last_name) AS last_name, COALESCE(r.company, c.company) AS company, r.status, r.created_at, r.sync_state, \
    r.sync_attempts, r.sync_error, r.idempotency_key, r.pass_id, r.responses";

/// The Durable Object class `Registry` (exported by hand, like `ConfigStore`: see
/// `objects::serve`).
#[wasm_bindgen(wasm_bindgen = ::worker::wasm_bindgen)]
pub struct Registry {
    state: State,
    schema_ready: Cell<bool>,
}

#[wasm_bindgen(
    wasm_bindgen = ::worker::wasm_bindgen,
    wasm_bindgen_futures = ::worker::wasm_bindgen_futures,
    js_sys = ::worker::js_sys
)]
impl Registry {
    #[wasm_bindgen(constructor)]
    pub fn new(state: DurableObjectState, _env: Env) -> Self {
        Self {
            state: State::from(state),
            schema_ready: Cell::new(false),
        }
    }

    pub async fn fetch(&self, req: web_sys::Request) -> Result<JsValue, JsValue> {
        objects::serve(req, |command| async move { self.run(command) }).await
    }
}

#[derive(Deserialize)]
struct RegistrationRow {
    id: String,
    event_id: String,
    session_ids: String,
    contact_id: String,
    email: String,
    first_name: String,
    last_name: String,
    company: String,
    status: String,
    created_at: String,
    sync_state: String,
    sync_attempts: f64,
    sync_error: Option<String>,
    idempotency_key: Option<String>,
    pass_id: Option<String>,
    responses: String,
}

impl RegistrationRow {
    fn into_registration(self) -> ApiResult<Registration> {
        let status = RegistrationStatus::parse(&self.status)
            .ok_or_else(|| ApiError::internal(format!("unknown status {}", self.status)))?;
        Ok(Registration {
            id: self.id,
            event_id: self.event_id,
            session_ids: serde_json::from_str(&self.session_ids)?,
            contact_id: self.contact_id,
            email: self.email,
            first_name: self.first_name,
            last_name: self.last_name,
            company: self.company,
            status,
            created_at: self.created_at,
            sync_state: SyncState::parse(&self.sync_state),
            sync_attempts: self.sync_attempts as u32,
            sync_error: self.sync_error,
            idempotency_key: self.idempotency_key,
            pass_id: self.pass_id,
            responses: serde_json::from_str(&self.responses)?,
            replayed: false,
        })
    }
}

#[derive(Deserialize)]
struct ContactRow {
    id: String,
    email: String,
    first_name: String,
    last_name: String,
    company: String,
    created_at: String,
    registration_count: f64,
}

impl From<ContactRow> for Contact {
    fn from(row: ContactRow) -> Self {
        Contact {
            id: row.id,
            email: row.email,
            first_name: row.first_name,
            last_name: row.last_name,
            company: row.company,
            created_at: row.created_at,
            registration_count: row.registration_count as u32,
        }
    }
}

#[derive(Deserialize)]
struct Count {
    n: f64,
}

#[derive(Deserialize)]
struct IdRow {
    id: String,
}

#[derive(Deserialize)]
struct StatusRow {
    status: String,
}

/// SQL that is true when any of `columns` contains the bound search text, ignoring ASCII
/// case as `LIKE` does; bind the text once per column. Not `LIKE '%text%'`: a Durable
/// Object's SQLite refuses a LIKE pattern longer than 50 bytes ("LIKE or GLOB pattern too
/// complex"), and `instr` takes `%`, `_` and `\` as text without escaping.
fn contains_any(columns: &[&str]) -> String {
    let tests: Vec<String> = columns
        .iter()
        .map(|c| format!("instr(lower({c}), lower(?)) > 0"))
        .collect();
    format!("({})", tests.join(" OR "))
}

struct Db(SqlStorage);

impl Db {
    fn rows<T: DeserializeOwned>(
        &self,
        query: &str,
        bindings: Vec<SqlStorageValue>,
    ) -> ApiResult<Vec<T>> {
        Ok(self.0.exec(query, bindings)?.to_array()?)
    }

    fn first<T: DeserializeOwned>(
        &self,
        query: &str,
        bindings: Vec<SqlStorageValue>,
    ) -> ApiResult<Option<T>> {
        Ok(self.rows(query, bindings)?.into_iter().next())
    }

    fn run(&self, query: &str, bindings: Vec<SqlStorageValue>) -> ApiResult<()> {
        self.0.exec(query, bindings)?;
        Ok(())
    }

    fn count(&self, query: &str, bindings: Vec<SqlStorageValue>) -> ApiResult<u32> {
        Ok(self
            .first::<Count>(query, bindings)?
            .map_or(0, |c| c.n as u32))
    }

    fn confirmed(&self, event_id: &str) -> ApiResult<u32> {
        self.count(
            "SELECT COUNT(*) AS n FROM registrations WHERE event_id = ? AND status = 'confirmed'",
            vec![event_id.into()],
        )
    }

    fn confirmed_with_pass(&self, event_id: &str, pass_id: &str) -> ApiResult<u32> {
        self.count(
            "SELECT COUNT(*) AS n FROM registrations \
             WHERE event_id = ? AND pass_id = ? AND status = 'confirmed'",
            vec![event_id.into(), pass_id.into()],
        )
    }

    fn registration(
        &self,
        condition: &str,
        bindings: Vec<SqlStorageValue>,
    ) -> ApiResult<Option<Registration>> {
        let query = format!(
            "SELECT {REGISTRATION_COLUMNS} FROM registrations r JOIN contacts c ON c.id = r.contact_id WHERE {condition}"
        );
        self.first::<RegistrationRow>(&query, bindings)?
            .map(RegistrationRow::into_registration)
            .transpose()
    }
}

impl Registry {
    fn db(&self) -> ApiResult<Db> {
        let sql = self.state.storage().sql();
        if !self.schema_ready.get() {
            let db = Db(sql);
            for statement in SCHEMA.split(';').filter(|s| !s.trim().is_empty()) {
                db.run(statement, vec![])?;
            }
            let applied = db.count(
                "SELECT COALESCE(MAX(version), 0) AS n FROM schema_version",
                vec![],
            )?;
            for (i, migration) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
                for statement in *migration {
                    db.run(statement, vec![])?;
                }
                db.run(
                    "INSERT INTO schema_version (version) VALUES (?)",
                    vec![(i as i64 + 1).into()],
                )?;
            }
            self.schema_ready.set(true);
            return Ok(db);
        }
        Ok(Db(sql))
    }

    fn run(&self, command: RegistryCommand) -> Reply {
        let db = self.db()?;
        match command {
            RegistryCommand::Register(group) => reply(register_group(&db, group)),
            RegistryCommand::Cancel {
                event_id,
                registration_id,
                seats,
                pass_limits,
                now,
            } => reply(cancel(&db, &event_id, &registration_id, seats, &pass_limits, &now)),
            RegistryCommand::CountActive(event_id) => reply(db.count(
                "SELECT COUNT(*) AS n FROM registrations WHERE event_id = ? AND status != 'cancelled'",
                vec![event_id.into()],
            )),
            RegistryCommand::ListRegistrations {
                event_id,
                q,
                status,
                page,
                page_size,
            } => reply(list_registrations(
                &db, &event_id, &q, status, page, page_size,
            )),
            RegistryCommand::AllRegistrations(event_id) => {
                let query = format!(
                    "SELECT {REGISTRATION_COLUMNS} FROM registrations r JOIN contacts c ON c.id = r.contact_id \
                     WHERE r.event_id = ? ORDER BY r.seq"
                );
                reply(
                    db.rows::<RegistrationRow>(&query, vec![event_id.into()])
                        .and_then(|rows| {
                            rows.into_iter()
                                .map(RegistrationRow::into_registration)
                                .collect::<ApiResult<Vec<_>>>()
                        }),
                )
            }
            RegistryCommand::CountRegistrations(event_id) => reply(db.count(
                "SELECT COUNT(*) AS n FROM registrations WHERE event_id = ?",
                vec![event_id.into()],
            )),
            RegistryCommand::CountReferences(event_id, reference) => reply(count_references(&db, &event_id, &reference)),
            RegistryCommand::ListContacts { q, page, page_size } => {
                reply(list_contacts(&db, &q, page, page_size))
            }
            RegistryCommand::GetContact(id) => reply(contact(&db, &id)),
            RegistryCommand::ContactRegistrations(id) => {
                let query = format!(
                    "SELECT {REGISTRATION_COLUMNS} FROM registrations r JOIN contacts c ON c.id = r.contact_id \
                     WHERE r.contact_id = ? ORDER BY r.seq"
                );
                reply(contact(&db, &id).and_then(|_| {
                    db.rows::<RegistrationRow>(&query, vec![id.into()])?
                        .into_iter()
                        .map(RegistrationRow::into_registration)
                        .collect::<ApiResult<Vec<_>>>()
                }))
            }
        }
    }
}

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
/// attendee of a group of several is named `attendees[i]` in the message.
fn register_group(db: &Db, group: Vec<NewRegistration>) -> ApiResult<Vec<Registration>> {
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
            Plan::Insert(status) => insert(db, r, status),
        })
        .collect()
}

/// Idempotency first, then the seat decision (a refused registration creates nothing).
fn plan(db: &Db, r: &NewRegistration, taken: &mut Taken) -> ApiResult<Plan> {
    if let Some(key) = &r.idempotency_key
        && let Some(mut earlier) =
            db.registration("r.idempotency_key = ?", vec![key.as_str().into()])?
    {
        earlier.replayed = true;
        return Ok(Plan::Replay(Box::new(earlier)));
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

/// Writes a decided registration: the contact (matched or created), then the registration.
fn insert(db: &Db, r: NewRegistration, status: RegistrationStatus) -> ApiResult<Registration> {
    let keys = r.attendee.match_keys(r.strategy);
    let found: Option<IdRow> = match (&keys.email, &keys.name) {
        (Some(email), Some(name)) => db.first(
            "SELECT id FROM contacts WHERE email_key = ? AND name_key = ? ORDER BY seq LIMIT 1",
            vec![email.as_str().into(), name.as_str().into()],
        )?,
        (Some(email), None) => db.first(
            "SELECT id FROM contacts WHERE email_key = ? ORDER BY seq LIMIT 1",
            vec![email.as_str().into()],
        )?,
        (None, Some(name)) => db.first(
            "SELECT id FROM contacts WHERE name_key = ? ORDER BY seq LIMIT 1",
            vec![name.as_str().into()],
        )?,
        (None, None) => None,
    };
    let contact_id = match found {
        Some(row) => row.id,
        None => {
            db.run(
                "INSERT INTO contacts (id, email, first_name, last_name, company, email_key, name_key, created_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                vec![
                    r.new_contact_id.as_str().into(),
                    r.attendee.email.as_str().into(),
                    r.attendee.first_name.as_str().into(),
                    r.attendee.last_name.as_str().into(),
                    r.attendee.company.as_str().into(),
                    normalize_email(&r.attendee.email).into(),
                    r.attendee.name_key().into(),
                    r.now.as_str().into(),
                ],
            )?;
            r.new_contact_id.clone()
        }
    };
    db.run(
        "INSERT INTO registrations (id, event_id, contact_id, session_ids, status, created_at, sync_state, idempotency_key, pass_id, responses, email, first_name, last_name, company) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        ],
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
        idempotency_key: r.idempotency_key,
        pass_id: r.pass_id,
        responses: r.responses,
        replayed: false,
    })
}

/// How many of the event's registrations refer to `reference` (session ids and answers are
/// JSON arrays in their rows).
fn count_references(db: &Db, event_id: &str, reference: &Reference) -> ApiResult<u32> {
    let condition = match reference.kind {
        ReferenceKind::Pass => "pass_id = ?",
        ReferenceKind::Session => "EXISTS (SELECT 1 FROM json_each(session_ids) WHERE value = ?)",
        ReferenceKind::Question => {
            "EXISTS (SELECT 1 FROM json_each(responses) WHERE json_extract(value, '$.id') = ?)"
        }
    };
    db.count(
        &format!("SELECT COUNT(*) AS n FROM registrations WHERE event_id = ? AND {condition}"),
        vec![event_id.into(), reference.id.as_str().into()],
    )
}

/// Cancels, and when a confirmed seat frees up, confirms the oldest waitlisted registration
/// that fits (its pass, if limited, has room).
fn cancel(
    db: &Db,
    event_id: &str,
    id: &str,
    seats: Seats,
    pass_limits: &[(String, u32)],
    now: &str,
) -> ApiResult<Registration> {
    let not_found = || {
        ApiError::NotFound(format!(
            "There is no registration with id {id} for this event."
        ))
    };
    let current: StatusRow = db
        .first(
            "SELECT status FROM registrations WHERE id = ? AND event_id = ?",
            vec![id.into(), event_id.into()],
        )?
        .ok_or_else(not_found)?;
    if current.status != RegistrationStatus::Cancelled.key() {
        db.run(
            "UPDATE registrations SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
            vec![now.into(), id.into()],
        )?;
        if current.status == RegistrationStatus::Confirmed.key()
            && registration::promotes(seats.into(), db.confirmed(event_id)?)
        {
            let waiting: Vec<WaitingRow> = db.rows(
                "SELECT id, pass_id FROM registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY seq",
                vec![event_id.into()],
            )?;
            for candidate in waiting {
                let fits = match candidate
                    .pass_id
                    .as_deref()
                    .and_then(|p| pass_limits.iter().find(|(id, _)| id == p))
                {
                    Some((pass, limit)) => db.confirmed_with_pass(event_id, pass)? < *limit,
                    None => true,
                };
                if fits {
                    db.run(
                        "UPDATE registrations SET status = 'confirmed' WHERE id = ?",
                        vec![candidate.id.as_str().into()],
                    )?;
                    break;
                }
            }
        }
    }
    db.registration("r.id = ?", vec![id.into()])?
        .ok_or_else(not_found)
}

#[derive(Deserialize)]
struct WaitingRow {
    id: String,
    pass_id: Option<String>,
}

fn list_registrations(
    db: &Db,
    event_id: &str,
    q: &str,
    status: Option<RegistrationStatus>,
    page: usize,
    page_size: usize,
) -> ApiResult<Page<Registration>> {
    let mut condition = String::from("r.event_id = ?");
    let mut bindings: Vec<SqlStorageValue> = vec![event_id.into()];
    if let Some(status) = status {
        condition.push_str(" AND r.status = ?");
        bindings.push(status.key().into());
    }
    if !q.trim().is_empty() {
        let columns = [
            "COALESCE(r.email, c.email)",
            "COALESCE(r.first_name, c.first_name)",
            "COALESCE(r.last_name, c.last_name)",
            "COALESCE(r.company, c.company)",
        ];
        condition.push_str(" AND ");
        condition.push_str(&contains_any(&columns));
        for _ in columns {
            bindings.push(q.trim().into());
        }
    }
    let total = db.count(
        &format!("SELECT COUNT(*) AS n FROM registrations r JOIN contacts c ON c.id = r.contact_id WHERE {condition}"),
        bindings.clone(),
    )?;
    let (page, page_size) = (page.max(1), page_size.clamp(1, 100));
    let mut paged = bindings;
    paged.push((page_size as i64).into());
    paged.push((((page - 1) * page_size) as i64).into());
    let items = db
        .rows::<RegistrationRow>(
            &format!(
                "SELECT {REGISTRATION_COLUMNS} FROM registrations r JOIN contacts c ON c.id = r.contact_id \
                 WHERE {condition} ORDER BY r.seq LIMIT ? OFFSET ?"
            ),
            paged,
        )?
        .into_iter()
        .map(RegistrationRow::into_registration)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Page {
        items,
        total: total as usize,
        page,
        page_size,
    })
}

const CONTACT_COLUMNS: &str = "c.id, c.email, c.first_name, c.last_name, c.company, c.created_at, \
    (SELECT COUNT(*) FROM registrations r WHERE r.contact_id = c.id) AS registration_count";

fn list_contacts(db: &Db, q: &str, page: usize, page_size: usize) -> ApiResult<Page<Contact>> {
    let (condition, mut bindings): (String, Vec<SqlStorageValue>) = if q.trim().is_empty() {
        ("1 = 1".into(), vec![])
    } else {
        let columns = ["c.email", "c.first_name", "c.last_name", "c.company"];
        (
            contains_any(&columns),
            columns.iter().map(|_| q.trim().into()).collect(),
        )
    };
    let total = db.count(
        &format!("SELECT COUNT(*) AS n FROM contacts c WHERE {condition}"),
        bindings.clone(),
    )?;
    let (page, page_size) = (page.max(1), page_size.clamp(1, 100));
    bindings.push((page_size as i64).into());
    bindings.push((((page - 1) * page_size) as i64).into());
    let items = db
        .rows::<ContactRow>(
            &format!(
                "SELECT {CONTACT_COLUMNS} FROM contacts c WHERE {condition} \
                 ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.seq LIMIT ? OFFSET ?"
            ),
            bindings,
        )?
        .into_iter()
        .map(Contact::from)
        .collect();
    Ok(Page {
        items,
        total: total as usize,
        page,
        page_size,
    })
}

fn contact(db: &Db, id: &str) -> ApiResult<Contact> {
    db.first::<ContactRow>(
        &format!("SELECT {CONTACT_COLUMNS} FROM contacts c WHERE c.id = ?"),
        vec![id.into()],
    )?
    .map(Contact::from)
    .ok_or_else(|| ApiError::NotFound(format!("There is no contact with id {id}.")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_search_tests_each_column_with_instr() {
        assert_eq!(
            super::contains_any(&["c.email", "c.company"]),
            "(instr(lower(c.email), lower(?)) > 0 OR instr(lower(c.company), lower(?)) > 0)"
        );
    }
}
