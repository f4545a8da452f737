//! What an admin change did, read from the writes it made ([`Records::journaled`]): the
//! store records every change this way, so a new command is in the audit log without
//! saying so. Each written record becomes one entry (created, changed, deleted) with its
//! fields before and after; bookkeeping records (sessions, sign-in counts, claims) are not
//! changes anyone made and are left out. Fields holding secrets are named, never shown.
//!
//! [`Records::journaled`]: super::records::Records::journaled

use convene_types::audit::{AuditAction, AuditEntry, FieldChange, RecordType};
use convene_types::auth::SessionUser;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::records::Write;

/// A change to one record, before it is given its author and time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub action: AuditAction,
    pub record_type: RecordType,
    pub record_id: String,
    pub record_name: String,
    pub changes: Vec<FieldChange>,
}

/// The record types by the prefix of their storage keys. A key with none of these prefixes
/// is bookkeeping.
const TYPES: &[(&str, RecordType)] = &[
    ("provider:", RecordType::WebinarProvider),
    ("configuration:", RecordType::WebinarConfiguration),
    ("event-admin:", RecordType::EventAdministration),
    ("event:", RecordType::Event),
    ("session:", RecordType::Session),
    ("speaker:", RecordType::Speaker),
    ("pass:", RecordType::Pass),
    ("question:", RecordType::RegistrationField),
    ("custom-field:", RecordType::CustomField),
    ("table-config:", RecordType::WebsiteTableConfiguration),
    ("webapp:", RecordType::WebApplication),
    ("webhook:", RecordType::Webhook),
    ("user:", RecordType::User),
    ("retention:", RecordType::Retention),
];

/// Fields every record has that say nothing about the change.
const UNTOLD: &[&str] = &["id", "createdAt", "updatedAt"];

/// The note that stands for a secret field's values, or `None` for a field that may be
/// shown. `before` and `after` say whether the field had a value.
fn secret_note(record_type: RecordType, field: &str, before: bool, after: bool) -> Option<String> {
    let named = match (record_type, field) {
        (RecordType::WebinarConfiguration, "credentials") => Some("credentials"),
        (RecordType::WebApplication, "tokenHash") => Some("token"),
        (RecordType::Webhook, "secret") => Some("secret"),
        // When the secret was issued says nothing of it.
        (RecordType::Webhook, "secretIssuedAt") => return None,
        (RecordType::User, "password") => Some("password"),
        _ => None,
    };
    // Any other field whose name says it holds a secret is hidden too.
    let lower = field.to_ascii_lowercase();
    let secret_like = ["password", "secret", "credential", "hash", "sealed"]
        .iter()
        .any(|word| lower.contains(word));
    let what = match (named, secret_like) {
        (Some(what), _) => what,
        (None, true) => field,
        (None, false) => return None,
    };
    let verb = match (named, before, after) {
        (Some("token" | "secret"), false, true) => "issued",
        (Some("token" | "secret"), true, true) => "rotated",
        (Some("password"), false, true) => "set",
        (Some("password"), true, true) => "changed",
        (_, false, true) => "added",
        (_, true, false) => "removed",
        _ => "replaced",
    };
    Some(format!("{what} {verb}"))
}

fn object(text: Option<&str>) -> Option<Map<String, Value>> {
    match serde_json::from_str(text?) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

fn present(value: Option<&Value>) -> bool {
    !matches!(value, None | Some(Value::Null))
}

/// The record's name as people know it.
fn name_of(record: &Map<String, Value>) -> String {
    for field in ["name", "username", "title", "label"] {
        if let Some(Value::String(name)) = record.get(field) {
            return name.clone();
        }
    }
    let part = |field: &str| record.get(field).and_then(Value::as_str).unwrap_or("");
    format!("{} {}", part("firstName"), part("lastName"))
        .trim()
        .to_string()
}

/// The changes the journal's writes made, one per record, in the order first written;
/// each one's fields in alphabetical order.
pub fn changes(journal: &[Write]) -> Vec<Change> {
    // Several writes to one record in a command are one change: its first state to its last.
    let mut merged: Vec<Write> = Vec::new();
    for write in journal {
        match merged.iter_mut().find(|w| w.key == write.key) {
            Some(first) => first.after = write.after.clone(),
            None => merged.push(write.clone()),
        }
    }
    merged.iter().filter_map(change).collect()
}

fn change(write: &Write) -> Option<Change> {
    let (prefix, record_type) = TYPES.iter().find(|(p, _)| write.key.starts_with(p))?;
    let before = object(write.before.as_deref());
    let after = object(write.after.as_deref());
    let action = match (&before, &after) {
        (None, Some(_)) => AuditAction::Created,
        (Some(_), None) => AuditAction::Deleted,
        (Some(_), Some(_)) => AuditAction::Changed,
        (None, None) => return None,
    };
    let empty = Map::new();
    let (old, new) = (
        before.as_ref().unwrap_or(&empty),
        after.as_ref().unwrap_or(&empty),
    );
    let mut fields: Vec<&String> = new.keys().collect();
    fields.extend(old.keys().filter(|k| !new.contains_key(*k)));
    let mut changes = Vec::new();
    for field in fields {
        let (b, a) = (old.get(field), new.get(field));
        if UNTOLD.contains(&field.as_str()) || b == a {
            continue;
        }
        if action == AuditAction::Created && !present(a) {
            continue;
        }
        changes.push(
            match secret_note(*record_type, field, present(b), present(a)) {
                Some(note) => FieldChange {
                    field: field.clone(),
                    before: None,
                    after: None,
                    note: Some(note),
                },
                None => FieldChange {
                    field: field.clone(),
                    before: b.cloned(),
                    after: a.cloned(),
                    note: None,
                },
            },
        );
    }
    if action == AuditAction::Changed && changes.is_empty() {
        return None;
    }
    let record = after.as_ref().or(before.as_ref())?;
    let record_id = match record.get("id") {
        Some(Value::String(id)) => id.clone(),
        _ => write.key[prefix.len()..].to_string(),
    };
    Some(Change {
        action,
        record_type: *record_type,
        record_id,
        record_name: name_of(record),
        changes,
    })
}

impl Change {
    /// The entry recording this change by `actor` at `at`.
    pub fn by(self, actor: &SessionUser, at: String) -> AuditEntry {
        self.entry(Some(actor.id.clone()), actor.username.clone(), at)
    }

    /// The entry recording this change by a scheduled job (no user) at `at`.
    pub fn by_system(self, job: &str, at: String) -> AuditEntry {
        self.entry(None, job.to_string(), at)
    }

    fn entry(self, user_id: Option<String>, username: String, at: String) -> AuditEntry {
        AuditEntry {
            id: String::new(),
            at,
            user_id,
            username,
            action: self.action,
            record_type: self.record_type,
            record_id: self.record_id,
            record_name: self.record_name,
            changes: self.changes,
        }
    }
}

#[cfg(test)]
#[path = "tests/audit.rs"]
mod tests;
