//! The audit log's table, in the configuration store's SQLite: appended to in the same
//! step as the change it records, read newest first with filters and paging. Nothing in
//! the API edits or deletes an entry.

#[cfg(test)]
use std::cell::RefCell;

use convene_types::audit::{AuditEntry, AuditQuery};
use convene_types::list::Page;
use convene_types::user::username_key;
use serde::Deserialize;
use worker::{SqlStorage, SqlStorageValue};

use crate::error::{ApiError, ApiResult};

const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS audit_log (\
       seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user_id TEXT, \
       username TEXT NOT NULL, username_key TEXT NOT NULL, action TEXT NOT NULL, \
       record_type TEXT NOT NULL, record_id TEXT NOT NULL, record_name TEXT NOT NULL, \
       changes TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS audit_log_user ON audit_log(username_key, seq)",
    "CREATE INDEX IF NOT EXISTS audit_log_type ON audit_log(record_type, seq)",
    "CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at)",
];

/// The most entries one CSV export holds (newest first): a request's CPU stays bounded;
/// narrower filters export the rest.
pub const EXPORT_MAX: usize = 20_000;

pub struct AuditLog {
    backend: Backend,
}

enum Backend {
    Sql(SqlStorage),
    /// Entries in the order appended (native tests).
    #[cfg(test)]
    Memory(RefCell<Vec<AuditEntry>>),
}

#[derive(Deserialize)]
struct Row {
    seq: f64,
    at: String,
    user_id: Option<String>,
    username: String,
    action: String,
    record_type: String,
    record_id: String,
    record_name: String,
    changes: String,
}

#[derive(Deserialize)]
struct Count {
    n: f64,
}

impl Row {
    fn entry(self) -> ApiResult<AuditEntry> {
        let name = |text: String| serde_json::Value::String(text);
        Ok(AuditEntry {
            id: format!("{}", self.seq as u64),
            at: self.at,
            user_id: self.user_id,
            username: self.username,
            action: serde_json::from_value(name(self.action))?,
            record_type: serde_json::from_value(name(self.record_type))?,
            record_id: self.record_id,
            record_name: self.record_name,
            changes: serde_json::from_str(&self.changes)?,
        })
    }
}

/// A value as the API writes it (`"created"`), for a text column.
fn text_of<T: serde::Serialize>(value: T) -> ApiResult<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(text) => Ok(text),
        other => Err(ApiError::internal(format!("not a name: {other}"))),
    }
}

impl AuditLog {
    /// The log in `sql`, its table made if this is the first use.
    pub fn open(sql: SqlStorage, ready: bool) -> ApiResult<Self> {
        if !ready {
            for statement in SCHEMA {
                sql.exec(statement, None)?;
            }
        }
        Ok(AuditLog {
            backend: Backend::Sql(sql),
        })
    }

    #[cfg(test)]
    pub fn in_memory() -> Self {
        AuditLog {
            backend: Backend::Memory(RefCell::default()),
        }
    }

    /// Every entry appended, oldest first (native tests).
    #[cfg(test)]
    pub fn entries(&self) -> Vec<AuditEntry> {
        match &self.backend {
            Backend::Memory(entries) => entries.borrow().clone(),
            Backend::Sql(_) => Vec::new(),
        }
    }

    /// Appends `entry`; its `id` is given by the log.
    pub fn append(&self, entry: AuditEntry) -> ApiResult<()> {
        match &self.backend {
            Backend::Sql(sql) => {
                let bindings: Vec<SqlStorageValue> = vec![
                    entry.at.into(),
                    entry.user_id.into(),
                    username_key(&entry.username).into(),
                    entry.username.into(),
                    text_of(entry.action)?.into(),
                    entry.record_type.as_str().into(),
                    entry.record_id.into(),
                    entry.record_name.into(),
                    serde_json::to_string(&entry.changes)?.into(),
                ];
                sql.exec(
                    "INSERT INTO audit_log (at, user_id, username_key, username, action, \
                     record_type, record_id, record_name, changes) \
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Some(bindings),
                )?;
                Ok(())
            }
            #[cfg(test)]
            Backend::Memory(entries) => {
                let mut entries = entries.borrow_mut();
                let id = (entries.len() + 1).to_string();
                entries.push(AuditEntry { id, ..entry });
                Ok(())
            }
        }
    }

    /// The `WHERE` clause of `query`'s filters and its bindings.
    fn filters(query: &AuditQuery) -> (String, Vec<SqlStorageValue>) {
        let mut clauses = Vec::new();
        let mut bindings: Vec<SqlStorageValue> = Vec::new();
        if let Some(user) = &query.user {
            clauses.push("username_key = ?");
            bindings.push(username_key(user).into());
        }
        if let Some(record_type) = query.record_type {
            clauses.push("record_type = ?");
            bindings.push(record_type.as_str().into());
        }
        if let Some(from) = query.at_from() {
            clauses.push("at >= ?");
            bindings.push(from.into());
        }
        if let Some(to) = query.at_to() {
            clauses.push("at <= ?");
            bindings.push(to.into());
        }
        let clause = match clauses.is_empty() {
            true => String::new(),
            false => format!("WHERE {}", clauses.join(" AND ")),
        };
        (clause, bindings)
    }

    fn sql(&self) -> ApiResult<&SqlStorage> {
        match &self.backend {
            Backend::Sql(sql) => Ok(sql),
            #[cfg(test)]
            Backend::Memory(_) => Err(ApiError::internal("the in-memory log is not queried")),
        }
    }

    fn select(
        &self,
        query: &AuditQuery,
        limit: usize,
        offset: usize,
    ) -> ApiResult<Vec<AuditEntry>> {
        let (clause, mut bindings) = Self::filters(query);
        bindings.push((limit as i64).into());
        bindings.push((offset as i64).into());
        let rows: Vec<Row> = self
            .sql()?
            .exec(
                &format!("SELECT * FROM audit_log {clause} ORDER BY seq DESC LIMIT ? OFFSET ?"),
                Some(bindings),
            )?
            .to_array()?;
        rows.into_iter().map(Row::entry).collect()
    }

    /// The page of entries `query` asks for, newest first.
    pub fn page(&self, query: &AuditQuery) -> ApiResult<Page<AuditEntry>> {
        let (clause, bindings) = Self::filters(query);
        let counts: Vec<Count> = self
            .sql()?
            .exec(
                &format!("SELECT COUNT(*) AS n FROM audit_log {clause}"),
                Some(bindings),
            )?
            .to_array()?;
        let (page, page_size) = (query.page(), query.page_size());
        Ok(Page {
            items: self.select(query, page_size, (page - 1).saturating_mul(page_size))?,
            total: counts.first().map_or(0, |c| c.n as usize),
            page,
            page_size,
        })
    }

    /// Every entry `query`'s filters match, newest first, at most [`EXPORT_MAX`].
    pub fn export(&self, query: &AuditQuery) -> ApiResult<Vec<AuditEntry>> {
        self.select(query, EXPORT_MAX, 0)
    }
}
