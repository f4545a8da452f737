//! Rows as SQLite returns them, and their conversion to the API's types.

use convene_types::contact::Contact;
use convene_types::registration::{Registration, RegistrationStatus, SyncState};
use serde::Deserialize;
use worker::SqlStorageValue;

use super::schema::Db;
use crate::error::{ApiError, ApiResult};

/// Columns of a registration joined with its contact (`r` and `c`).
pub const REGISTRATION_COLUMNS: &str = "r.id, r.event_id, r.session_ids, r.contact_id, \
    COALESCE(r.email, c.email) AS email, COALESCE(r.first_name, c.first_name) AS first_name, \
    COALESCE(r.last_name, c.last_name) AS last_name, COALESCE(r.company, c.company) AS company, r.status, r.created_at, r.sync_state, \
    r.sync_attempts, r.sync_error, r.provider_registrant_id, r.join_url, r.attendance, r.session_webinars, \
    r.idempotency_key, r.pass_id, r.responses";

/// Columns of a contact (`c`) with its number of registrations, as the directory knows
/// them.
pub const CONTACT_COLUMNS: &str = "c.id, c.email, c.first_name, c.last_name, c.company, c.created_at, c.erased_at, \
    (SELECT COUNT(*) FROM contact_registrations l WHERE l.contact_id = c.id) AS registration_count";

#[derive(Deserialize)]
pub struct RegistrationRow {
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
    provider_registrant_id: Option<String>,
    join_url: Option<String>,
    attendance: Option<String>,
    session_webinars: String,
    idempotency_key: Option<String>,
    pass_id: Option<String>,
    responses: String,
}

impl RegistrationRow {
    pub fn into_registration(self) -> ApiResult<Registration> {
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
            provider_registrant_id: self.provider_registrant_id,
            join_url: self.join_url,
            attendance: match self.attendance {
                Some(text) => Some(serde_json::from_str(&text)?),
                None => None,
            },
            session_webinars: serde_json::from_str(&self.session_webinars)?,
            idempotency_key: self.idempotency_key,
            pass_id: self.pass_id,
            responses: serde_json::from_str(&self.responses)?,
            replayed: false,
        })
    }
}

/// Registrations joined with their contacts, `WHERE condition` and what follows it.
pub fn registrations(
    db: &Db,
    condition: &str,
    bindings: Vec<SqlStorageValue>,
) -> ApiResult<Vec<Registration>> {
    let query = format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations r JOIN contacts c ON c.id = r.contact_id WHERE {condition}"
    );
    db.rows::<RegistrationRow>(&query, bindings)?
        .into_iter()
        .map(RegistrationRow::into_registration)
        .collect()
}

/// The first registration `WHERE condition`.
pub fn registration(
    db: &Db,
    condition: &str,
    bindings: Vec<SqlStorageValue>,
) -> ApiResult<Option<Registration>> {
    Ok(
        registrations(db, &format!("{condition} LIMIT 1"), bindings)?
            .into_iter()
            .next(),
    )
}

#[derive(Deserialize)]
pub struct ContactRow {
    id: String,
    email: String,
    first_name: String,
    last_name: String,
    company: String,
    created_at: String,
    erased_at: Option<String>,
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
            erased_at: row.erased_at,
            registration_count: row.registration_count as u32,
        }
    }
}

#[derive(Deserialize)]
pub struct IdRow {
    pub id: String,
}

#[derive(Deserialize)]
pub struct StatusRow {
    pub status: String,
    pub sync_state: String,
    pub webinar_sessions: String,
}

#[derive(Deserialize)]
pub struct WaitingRow {
    pub id: String,
    pub pass_id: Option<String>,
    pub sync_state: String,
    pub webinar_sessions: String,
}
