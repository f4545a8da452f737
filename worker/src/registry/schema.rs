//! The registry's SQLite schema, its migrations, and [`Db`], the few ways commands talk
//! to it. Every call is synchronous: a command that reads and then writes cannot be
//! interleaved with another.

use std::rc::Rc;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use worker::{SqlStorage, SqlStorageValue};

use crate::error::ApiResult;
use crate::registry::SeatCounts;
use crate::registry::placement::HUB;

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
    // Events, sessions, passes and questions being deleted (`RegistryCommand::Retire`):
    // `kind` is `event` (then `id` is the event's), `pass`, `session` or `question`.
    &["CREATE TABLE IF NOT EXISTS retired (\
           event_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, \
           PRIMARY KEY (event_id, kind, id))"],
    // The webinar outbox (`registry/outbox.rs`), what the provider answered, attendance,
    // erasures (`registry/erase.rs`), and each event's last send and error. Registrations made before the outbox that are
    // still to send get their record here.
    &[
        "ALTER TABLE registrations ADD COLUMN provider_registrant_id TEXT",
        "ALTER TABLE registrations ADD COLUMN join_url TEXT",
        "ALTER TABLE registrations ADD COLUMN attendance TEXT",
        // Sessions with a webinar of their own that the registration chose (JSON array),
        // and what their providers answered and reported (JSON array of `SessionWebinar`).
        "ALTER TABLE registrations ADD COLUMN webinar_sessions TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE registrations ADD COLUMN session_webinars TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE contacts ADD COLUMN erased_at TEXT",
        "CREATE TABLE IF NOT EXISTS erasures (contact_id TEXT NOT NULL, erased_at TEXT NOT NULL, \
           registrations INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS outbox (\
           seq INTEGER PRIMARY KEY AUTOINCREMENT, registration_id TEXT NOT NULL, \
           event_id TEXT NOT NULL, session_id TEXT, action TEXT NOT NULL, email TEXT, \
           attempts INTEGER NOT NULL DEFAULT 0, due_at REAL NOT NULL, leased_until REAL, \
           last_error TEXT)",
        "CREATE INDEX IF NOT EXISTS outbox_due ON outbox(due_at)",
        "CREATE INDEX IF NOT EXISTS outbox_registration ON outbox(registration_id, seq)",
        "CREATE TABLE IF NOT EXISTS sync_health (event_id TEXT PRIMARY KEY, \
           last_sent_at TEXT, last_error TEXT, last_error_at TEXT)",
        "INSERT INTO outbox (registration_id, event_id, action, due_at) \
           SELECT id, event_id, 'register', 0 FROM registrations \
           WHERE sync_state = 'pending' AND status = 'confirmed' ORDER BY seq",
    ],
    // Webhooks (`registry/webhooks.rs`): who subscribes to what (a copy of the store's
    // endpoints), the message counter, the messages to send and the delivery log.
    &[
        "CREATE TABLE IF NOT EXISTS webhook_endpoints (id TEXT PRIMARY KEY, events TEXT NOT NULL, \
           active INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS webhook_counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS webhook_outbox (\
           seq INTEGER PRIMARY KEY AUTOINCREMENT, endpoint_id TEXT NOT NULL, \
           message_id TEXT NOT NULL, event_type TEXT NOT NULL, body TEXT NOT NULL, \
           attempts INTEGER NOT NULL DEFAULT 0, due_at REAL NOT NULL, leased_until REAL)",
        "CREATE INDEX IF NOT EXISTS webhook_outbox_due ON webhook_outbox(due_at)",
        "CREATE TABLE IF NOT EXISTS webhook_deliveries (\
           seq INTEGER PRIMARY KEY AUTOINCREMENT, endpoint_id TEXT NOT NULL, \
           message_id TEXT NOT NULL, event_type TEXT NOT NULL, body TEXT NOT NULL, \
           attempt INTEGER NOT NULL, status TEXT NOT NULL, response_code INTEGER, error TEXT, \
           at TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, seq)",
    ],
    // The object's own instance name (`placement.rs`), for the alarm, which has no request
    // to read it from.
    &["CREATE TABLE IF NOT EXISTS instance (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"],
    // The contact directory's record of which registrations refer to each contact
    // (`registry/directory.rs`), filled from the registrations held here.
    &[
        "CREATE TABLE IF NOT EXISTS contact_registrations (registration_id TEXT PRIMARY KEY, \
           contact_id TEXT NOT NULL, event_id TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS contact_registrations_contact ON contact_registrations(contact_id)",
        "INSERT OR IGNORE INTO contact_registrations (registration_id, contact_id, event_id) \
           SELECT id, contact_id, event_id FROM registrations",
        // The move into the per-event layout (`registry/moving.rs`): its lease, and done.
        "CREATE TABLE IF NOT EXISTS moving (id INTEGER PRIMARY KEY, holder TEXT NOT NULL, \
           until REAL NOT NULL, done INTEGER NOT NULL)",
        // The hub's record of the key the directory's shards are placed by
        // (`rehoming::follow_strategy`): 1 emails, 0 names.
        "CREATE TABLE IF NOT EXISTS directory_key (id INTEGER PRIMARY KEY, by_email INTEGER NOT NULL)",
    ],
    &[
        // An event's instance: the contacts erased while it held or awaited their
        // registrations (`erase::erase_here`); a registration for one is refused
        // (`erase::refuse_erased`).
        "CREATE TABLE IF NOT EXISTS erased_contacts (contact_id TEXT PRIMARY KEY)",
        // A directory shard: when each link was made, until its registration is seen in
        // its event's instance (`directory::unsettled`); links made before are checked once.
        "ALTER TABLE contact_registrations ADD COLUMN linked_at REAL",
        "UPDATE contact_registrations SET linked_at = 0",
        "CREATE INDEX IF NOT EXISTS contact_registrations_unsettled \
           ON contact_registrations(linked_at) WHERE linked_at IS NOT NULL",
        // A directory shard: the key the directory is placed by (1 emails, 0 names) as
        // its last change recorded, and until when a change holds registrations
        // (`directory::place`).
        "CREATE TABLE IF NOT EXISTS placement (id INTEGER PRIMARY KEY, by_email INTEGER, \
           held_until REAL)",
    ],
];

#[derive(Deserialize)]
struct Count {
    n: f64,
}

#[derive(Deserialize)]
struct Name {
    name: String,
}

#[derive(Deserialize)]
struct Time {
    at: Option<f64>,
}

/// The object's SQL storage, and the object's instance name (`placement.rs`).
pub struct Db {
    sql: Sql,
    name: Rc<str>,
}

/// Where statements run: the Durable Object's storage, or in native tests the same engine
/// in memory (`memory_sql.rs`).
enum Sql {
    Storage(SqlStorage),
    #[cfg(test)]
    Memory(Rc<rusqlite::Connection>),
}

impl Db {
    /// The storage with the schema and every migration applied. `name`: the instance's
    /// name as a request gave it, stored; `None` (the alarm), the stored one, else the hub.
    pub fn migrated(sql: SqlStorage, name: Option<Rc<str>>) -> ApiResult<Self> {
        Self::migrate(Sql::Storage(sql), name)
    }

    /// A native test's instance: an in-memory database, migrated.
    #[cfg(test)]
    pub fn in_memory(connection: Rc<rusqlite::Connection>, name: &str) -> ApiResult<Self> {
        Self::migrate(Sql::Memory(connection), Some(Rc::from(name)))
    }

    fn migrate(sql: Sql, name: Option<Rc<str>>) -> ApiResult<Self> {
        let mut db = Db {
            sql,
            name: Rc::from(HUB),
        };
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
        db.name = match name {
            Some(name) => {
                db.run(
                    "INSERT INTO instance (id, name) VALUES (1, ?) \
                     ON CONFLICT(id) DO UPDATE SET name = excluded.name",
                    vec![(*name).into()],
                )?;
                name
            }
            None => match db.first::<Name>("SELECT name FROM instance WHERE id = 1", vec![])? {
                Some(row) => Rc::from(row.name),
                None => Rc::from(HUB),
            },
        };
        Ok(db)
    }

    /// The storage, already migrated by [`Db::migrated`] in this object's life.
    pub fn ready(sql: SqlStorage, name: Rc<str>) -> Self {
        Db {
            sql: Sql::Storage(sql),
            name,
        }
    }

    /// The object's instance name.
    pub fn name(&self) -> &Rc<str> {
        &self.name
    }

    pub fn rows<T: DeserializeOwned>(
        &self,
        query: &str,
        bindings: Vec<SqlStorageValue>,
    ) -> ApiResult<Vec<T>> {
        match &self.sql {
            Sql::Storage(sql) => Ok(sql.exec(query, bindings)?.to_array()?),
            #[cfg(test)]
            Sql::Memory(connection) => super::memory_sql::rows(connection, query, bindings),
        }
    }

    pub fn first<T: DeserializeOwned>(
        &self,
        query: &str,
        bindings: Vec<SqlStorageValue>,
    ) -> ApiResult<Option<T>> {
        Ok(self.rows(query, bindings)?.into_iter().next())
    }

    pub fn run(&self, query: &str, bindings: Vec<SqlStorageValue>) -> ApiResult<()> {
        match &self.sql {
            Sql::Storage(sql) => {
                sql.exec(query, bindings)?;
            }
            #[cfg(test)]
            Sql::Memory(connection) => {
                super::memory_sql::rows::<serde_json::Value>(connection, query, bindings)?;
            }
        }
        Ok(())
    }

    /// The `at` column of a one-row query (a time in milliseconds), if it has a value.
    pub fn time(&self, query: &str) -> ApiResult<Option<f64>> {
        Ok(self.first::<Time>(query, vec![])?.and_then(|t| t.at))
    }

    /// The `n` column of a `SELECT COUNT(*) AS n ...`.
    pub fn count(&self, query: &str, bindings: Vec<SqlStorageValue>) -> ApiResult<u32> {
        Ok(self
            .first::<Count>(query, bindings)?
            .map_or(0, |c| c.n as u32))
    }

    pub fn seat_counts(&self, event_id: &str) -> ApiResult<SeatCounts> {
        Ok(SeatCounts {
            active: self.count(
                "SELECT COUNT(*) AS n FROM registrations \
                 WHERE event_id = ? AND status != 'cancelled'",
                vec![event_id.into()],
            )?,
            confirmed: self.confirmed(event_id)?,
        })
    }

    pub fn confirmed(&self, event_id: &str) -> ApiResult<u32> {
        self.count(
            "SELECT COUNT(*) AS n FROM registrations WHERE event_id = ? AND status = 'confirmed'",
            vec![event_id.into()],
        )
    }

    pub fn confirmed_with_pass(&self, event_id: &str, pass_id: &str) -> ApiResult<u32> {
        self.count(
            "SELECT COUNT(*) AS n FROM registrations \
             WHERE event_id = ? AND pass_id = ? AND status = 'confirmed'",
            vec![event_id.into(), pass_id.into()],
        )
    }
}
