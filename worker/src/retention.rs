//! The retention job, run by the Cron Trigger: with retention on, the personal data of
//! registrations of events that ended more than the set number of months ago is erased
//! (`registry/erase.rs`, `erase_events`), and the audit log says how many, not whose.

use convene_types::audit::{AuditAction, FieldChange, RecordType};
use convene_types::event::Event;
use convene_types::retention::{self, RetentionSetting};
use worker::Env;

use crate::error::ApiResult;
use crate::ids;
use crate::registry::{Expired, across};
use crate::store::{Change, Command, Store};

/// The name the audit log gives the job.
const JOB: &str = "retention";

pub async fn run(env: &Env) -> ApiResult<()> {
    let store = Store::config(env)?;
    let setting: RetentionSetting = store.call(&Command::GetRetention).await?;
    let Some(months) = setting.months else {
        return Ok(());
    };
    let now = ids::now_iso();
    let Some(cutoff) = retention::cutoff(&now[..10], months) else {
        return Ok(());
    };
    let events: Vec<Event> = store.call(&Command::ListEvents).await?;
    let event_ids: Vec<String> = events
        .iter()
        .filter(|e| retention::expired(&e.end, &cutoff))
        .map(|e| e.id.clone())
        .collect();
    if event_ids.is_empty() {
        return Ok(());
    }
    let expired_events = event_ids.len();
    let erased: Expired = across::erase_expired(env, &event_ids, &now).await?;
    if erased.registrations == 0 {
        return Ok(());
    }
    let count = |field: &str, n: u32| FieldChange {
        field: field.into(),
        before: None,
        after: Some(n.into()),
        note: None,
    };
    let change = Change {
        action: AuditAction::Erased,
        record_type: RecordType::Registration,
        record_id: String::new(),
        record_name: format!("events that ended before {cutoff} ({expired_events})"),
        changes: vec![
            count("registrations", erased.registrations),
            count("contacts", erased.contacts),
        ],
    };
    let command = Command::RecordAudit {
        changes: vec![change],
        system: Some(JOB.into()),
    };
    store.call::<()>(&command).await
}
