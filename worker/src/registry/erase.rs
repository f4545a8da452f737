//! Erasing a contact in an event's instance: its personal data replaced in its
//! registrations and in the instance's copy of the contact, and the erasure forwarded to
//! the webinar provider through the outbox, in one step (the directory's part:
//! `directory::erase`); and the refusal of a registration that arrives for an erased
//! contact. Retention's erasure of ended events' registrations too.

use serde::Deserialize;
use worker::SqlStorageValue;

use super::outbox;
use super::queries::ids_in;
use super::schema::Db;
use super::{Expired, NewRegistration};
use crate::error::{ApiError, ApiResult};
use crate::outbox::Action;

/// What replaces a name; the address becomes `erased-{contact id}@erased.invalid`.
pub const ERASED: &str = "Erased";

/// True of a registration (`r`) whose attendee data is not erased yet.
const NOT_ERASED: &str = "r.email IS NULL OR r.email NOT LIKE 'erased-%@erased.invalid'";

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

/// The address an erased contact's data reads.
pub fn erased_address(contact_id: &str) -> String {
    format!("erased-{contact_id}@erased.invalid")
}

/// This instance's part of erasing contact `id`, before the directory's
/// (`directory::erase`): its registrations for `event_ids` and its copy of the contact.
/// Every registration not erased yet that the provider may hold (it answered for it, or a
/// send was attempted) gets a `forget` record carrying the address as it was; records not
/// yet sent are dropped. Matching keys are replaced too. Erasing again erases only what
/// was registered since.
pub fn erase_here(
    db: &Db,
    id: &str,
    event_ids: &[String],
    now: &str,
    now_ms: f64,
) -> ApiResult<()> {
    if event_ids.is_empty() {
        return Ok(());
    }
    let (marks, ids) = ids_in(event_ids);
    let these = || [vec![id.into()], ids.clone()].concat();
    let which = format!("r.contact_id = ? AND r.event_id IN ({marks}) AND ({NOT_ERASED})");
    forget(db, &which, these(), now_ms)?;
    // Remembered, so that a registration the directory matched to this contact before its
    // keys changed is refused when it arrives here after this step (`refuse_erased`).
    db.run(
        "INSERT INTO erased_contacts (contact_id) VALUES (?) ON CONFLICT DO NOTHING",
        vec![id.into()],
    )?;
    let address = erased_address(id);
    db.run(
        &format!(
            "UPDATE registrations AS r SET email = ?, first_name = ?, last_name = ?, company = '', \
             responses = '[]', join_url = NULL, session_webinars = '[]' WHERE {which}"
        ),
        [
            vec![address.as_str().into(), ERASED.into(), ERASED.into()],
            these(),
        ]
        .concat(),
    )?;
    erase_copies(db, "id = ?", vec![id.into()], now)
}

/// Refuses a group with an attendee whose contact was erased here (`erase_here`): the
/// directory matched them before the erasure changed its keys, and storing it would keep
/// their data. Sent again, the registration finds no such contact and makes a new one.
pub fn refuse_erased(db: &Db, group: &[NewRegistration]) -> ApiResult<()> {
    for (i, r) in group.iter().enumerate() {
        let Some(contact) = &r.contact else { continue };
        let erased = db.count(
            "SELECT COUNT(*) AS n FROM erased_contacts WHERE contact_id = ?",
            vec![contact.id.as_str().into()],
        )?;
        if erased > 0 {
            let message = "This attendee's contact was erased while the registration was on its way; send it again.";
            return Err(ApiError::Conflict(if group.len() > 1 {
                format!("attendees[{i}]: {message}")
            } else {
                message.to_string()
            }));
        }
    }
    Ok(())
}

/// Replaces the data of the contacts (this instance's copies) `which` selects.
fn erase_copies(db: &Db, which: &str, bindings: Vec<SqlStorageValue>, now: &str) -> ApiResult<()> {
    db.run(
        &format!(
            "UPDATE contacts SET email = 'erased-' || id || '@erased.invalid', first_name = ?, \
             last_name = ?, company = '', email_key = 'erased:' || id, name_key = 'erased:' || id, \
             erased_at = COALESCE(erased_at, ?) WHERE {which}"
        ),
        [vec![ERASED.into(), ERASED.into(), now.into()], bindings].concat(),
    )
}

/// Retention's part in an event's instance: erases the personal data of every
/// registration of `event_ids` not erased yet (their address becomes
/// `erased-{registration id}@erased.invalid`), and this instance's copies of contacts with
/// no registration here outside those events. The directory then erases the contacts
/// with no registration anywhere else (`directory::expire`).
pub fn erase_events(db: &Db, event_ids: &[String], now: &str, now_ms: f64) -> ApiResult<Expired> {
    if event_ids.is_empty() {
        return Ok(Expired::default());
    }
    let (marks, ids) = ids_in(event_ids);
    let registrations = db.count(
        &format!("SELECT COUNT(*) AS n FROM registrations r WHERE r.event_id IN ({marks}) AND ({NOT_ERASED})"),
        ids.clone(),
    )?;
    let which = format!("r.event_id IN ({marks}) AND ({NOT_ERASED})");
    forget(db, &which, ids.clone(), now_ms)?;
    db.run(
        &format!(
            "UPDATE registrations AS r SET email = 'erased-' || r.id || '@erased.invalid', \
             first_name = ?, last_name = ?, company = '', responses = '[]', join_url = NULL, \
             session_webinars = '[]' WHERE {which}"
        ),
        [vec![ERASED.into(), ERASED.into()], ids.clone()].concat(),
    )?;
    erase_copies(
        db,
        &format!(
            "erased_at IS NULL \
             AND id IN (SELECT contact_id FROM registrations WHERE event_id IN ({marks})) \
             AND NOT EXISTS (SELECT 1 FROM registrations o WHERE o.contact_id = contacts.id \
                             AND o.event_id NOT IN ({marks}))"
        ),
        [ids.clone(), ids].concat(),
        now,
    )?;
    Ok(Expired {
        registrations,
        contacts: 0,
    })
}
