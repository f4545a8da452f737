//! Erasing a contact: its personal data replaced in the contact and in every registration,
//! and the erasure forwarded to the webinar provider through the outbox, in one step.

use convene_types::contact::Contact;
use serde::Deserialize;

use super::outbox;
use super::queries;
use super::schema::Db;
use crate::error::ApiResult;
use crate::outbox::Action;

/// What replaces a name; the address becomes `erased-{contact id}@erased.invalid`.
pub const ERASED: &str = "Erased";

#[derive(Deserialize)]
struct ToForget {
    id: String,
    event_id: String,
    email: String,
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
    db.run(
        "DELETE FROM outbox WHERE attempts = 0 AND leased_until IS NULL \
         AND registration_id IN (SELECT id FROM registrations WHERE contact_id = ?)",
        vec![id.into()],
    )?;
    let held: Vec<ToForget> = db.rows(
        "SELECT r.id, r.event_id, COALESCE(r.email, c.email) AS email \
         FROM registrations r JOIN contacts c ON c.id = r.contact_id \
         WHERE r.contact_id = ? AND r.sync_state != 'not_required' \
         AND (r.provider_registrant_id IS NOT NULL \
              OR EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id))",
        vec![id.into()],
    )?;
    for r in &held {
        outbox::enqueue(
            db,
            &r.id,
            &r.event_id,
            Action::Forget,
            Some(&r.email),
            now_ms,
        )?;
    }
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
         responses = '[]', join_url = NULL WHERE contact_id = ?",
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
    queries::contact(db, id)
}
