//! Erasing a contact: its personal data replaced in the contact and in every registration,
//! and the erasure forwarded to the webinar provider through the outbox, in one step.

use convene_types::contact::Contact;
use convene_types::webhook::{EventType, MessageData};
use serde::Deserialize;
use worker::SqlStorageValue;

use super::Expired;
use super::outbox;
use super::queries;
use super::schema::Db;
use super::webhooks;
use crate::error::ApiResult;
use crate::outbox::Action;

/// What replaces a name; the address becomes `erased-{contact id}@erased.invalid`.
pub const ERASED: &str = "Erased";

#[derive(Deserialize)]
struct ToForget {
    id: String,
    event_id: String,
    email: String,
    webinar_sessions: String,
}

/// Tells the provider to forget the registrations `which` selects (a condition on
/// `registrations r`): their records not yet sent are dropped, and each one the provider
/// may hold (it answered for it, or a send was attempted) gets a `forget` record carrying
/// the address as it was.
fn forget(db: &Db, which: &str, bindings: Vec<SqlStorageValue>, now_ms: f64) -> ApiResult<()> {
    db.run(
        &format!(
            "DELETE FROM outbox WHERE attempts = 0 AND leased_until IS NULL \
             AND registration_id IN (SELECT r.id FROM registrations r WHERE {which})"
        ),
        bindings.clone(),
    )?;
    let held: Vec<ToForget> = db.rows(
        &format!(
            "SELECT r.id, r.event_id, COALESCE(r.email, c.email) AS email, r.webinar_sessions \
             FROM registrations r JOIN contacts c ON c.id = r.contact_id \
             WHERE {which} AND r.sync_state != 'not_required' \
             AND (r.provider_registrant_id IS NOT NULL \
                  OR EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id))"
        ),
        bindings,
    )?;
    for r in &held {
        outbox::enqueue(
            db,
            &r.id,
            &r.event_id,
            &outbox::webinar_sessions(&r.webinar_sessions)?,
            Action::Forget,
            Some(&r.email),
            now_ms,
        )?;
    }
    Ok(())
}

/// Erases contact `id` (404 if unknown). Every registration the provider may hold (it
/// answered for it, or a send was attempted) gets a `forget` record carrying the address
/// as it was; records not yet sent are dropped. Matching keys are replaced too, so no later
/// registration is matched to the erased contact. Erasing again changes nothing.
pub fn erase(db: &Db, id: &str, now: &str, now_ms: f64) -> ApiResult<Contact> {
    let contact = queries::contact(db, id)?;
    if contact.erased_at.is_some() {
        return Ok(contact);
    }
    forget(db, "r.contact_id = ?", vec![id.into()], now_ms)?;
    let address = format!("erased-{id}@erased.invalid");
    db.run(
        "UPDATE contacts SET email = ?, first_name = ?, last_name = ?, company = '', \
         email_key = ?, name_key = ?, erased_at = ? WHERE id = ?",
        vec![
            address.as_str().into(),
            ERASED.into(),
            ERASED.into(),
            format!("erased:{id}").into(),
            format!("erased:{id}").into(),
            now.into(),
            id.into(),
        ],
    )?;
    db.run(
        "UPDATE registrations SET email = ?, first_name = ?, last_name = ?, company = '', \
         responses = '[]', join_url = NULL, session_webinars = '[]' WHERE contact_id = ?",
        vec![
            address.as_str().into(),
            ERASED.into(),
            ERASED.into(),
            id.into(),
        ],
    )?;
    // The act, without the data: which contact, when, how many registrations.
    db.run(
        "INSERT INTO erasures (contact_id, erased_at, registrations) \
         SELECT ?, ?, COUNT(*) FROM registrations WHERE contact_id = ?",
        vec![id.into(), now.into(), id.into()],
    )?;
    let data = || {
        Ok(MessageData {
            contact_id: Some(id.to_string()),
            ..MessageData::default()
        })
    };
    webhooks::emit(db, EventType::ContactErased, data, now, now_ms)?;
    queries::contact(db, id)
}

#[derive(Deserialize)]
struct Id {
    id: String,
}

/// Retention: erases the personal data of every registration of `event_ids` not erased yet.
/// A contact with no registration outside those events is erased whole, as [`erase`]
/// does; one that also registered for other events keeps its data, and only these
/// registrations are erased (their address becomes `erased-{registration id}@erased.invalid`).
pub fn erase_events(db: &Db, event_ids: &[String], now: &str, now_ms: f64) -> ApiResult<Expired> {
    if event_ids.is_empty() {
        return Ok(Expired::default());
    }
    let marks = vec!["?"; event_ids.len()].join(", ");
    let ids =
        || -> Vec<SqlStorageValue> { event_ids.iter().map(|id| id.as_str().into()).collect() };
    let not_erased = "r.email IS NULL OR r.email NOT LIKE 'erased-%@erased.invalid'";
    let registrations = db.count(
        &format!("SELECT COUNT(*) AS n FROM registrations r WHERE r.event_id IN ({marks}) AND ({not_erased})"),
        ids(),
    )?;
    let whole: Vec<Id> = db.rows(
        &format!(
            "SELECT DISTINCT c.id FROM contacts c JOIN registrations r ON r.contact_id = c.id \
             WHERE r.event_id IN ({marks}) AND c.erased_at IS NULL AND NOT EXISTS \
             (SELECT 1 FROM registrations o WHERE o.contact_id = c.id AND o.event_id NOT IN ({marks}))"
        ),
        [ids(), ids()].concat(),
    )?;
    for contact in &whole {
        erase(db, &contact.id, now, now_ms)?;
    }
    let which = format!("r.event_id IN ({marks}) AND ({not_erased})");
    forget(db, &which, ids(), now_ms)?;
    db.run(
        &format!(
            "UPDATE registrations AS r SET email = 'erased-' || r.id || '@erased.invalid', \
             first_name = ?, last_name = ?, company = '', responses = '[]', join_url = NULL, \
             session_webinars = '[]' WHERE {which}"
        ),
        [vec![ERASED.into(), ERASED.into()], ids()].concat(),
    )?;
    Ok(Expired {
        registrations,
        contacts: whole.len() as u32,
    })
}
