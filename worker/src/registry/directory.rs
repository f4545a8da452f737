//! The contact directory's side of the registry (a `contacts:{n}` instance, or the one
//! registry in the single layout; see `placement.rs`): matching a person to a contact,
//! the contacts list, and the contact's own erasure.
//!
//! Architecture invariant: a person is matched in one shard, the one their matching key
//! hashes to (`placement::shard_of`), in one synchronous step, so two registrations of the
//! same new person (for one event or two) make one contact. The directory knows which
//! registrations refer to each contact (`contact_registrations`); the registrations
//! themselves live in their events' instances.

use convene_types::contact::{Contact, normalize_email};
use convene_types::list::Page;
use convene_types::webhook::{EventType, MessageData};
use serde::Deserialize;
use worker::SqlStorageValue;

use super::erase::{ERASED, erased_address};
use super::queries::{contains_any, ids_in};
use super::rehoming::Hold;
use super::rows::{CONTACT_COLUMNS, ContactRow, IdRow};
use super::schema::Db;
use super::webhooks;
use super::{ContactCopy, Link, Person};
use crate::error::{ApiError, ApiResult};

/// Each person's contact: the one their keys match in this shard, or a new one (with the
/// id the worker drew). Each registration is recorded against its contact (a link, left
/// unsettled until its registration is seen stored: [`unsettled`]); a later [`release`]
/// undoes that when the registry refuses the registration.
///
/// Refused while a change of the matching strategy holds the directory, and when the
/// strategy a person comes with places them by another key than the directory's.
pub fn resolve(db: &Db, people: &[Person], now_ms: f64) -> ApiResult<Vec<ContactCopy>> {
    if let Some(placed) = db.first::<Placement>(
        "SELECT by_email, held_until FROM placement WHERE id = 1",
        vec![],
    )? {
        if placed.held_until.is_some_and(|until| now_ms < until) {
            return Err(ApiError::DirectoryHeld);
        }
        let by_email = placed.by_email.map(|b| b > 0.0);
        if people
            .iter()
            .any(|p| by_email.is_some_and(|by_email| p.strategy.uses_email() != by_email))
        {
            return Err(ApiError::Conflict(
                "The matching strategy changed while this registration was on its way. \
                 Send it again."
                    .into(),
            ));
        }
    }
    people.iter().map(|p| resolve_one(db, p, now_ms)).collect()
}

#[derive(Deserialize)]
struct Placement {
    by_email: Option<f64>,
    held_until: Option<f64>,
}

/// Records the key the directory is placed by (`by_email`, if given) and what `hold`
/// says of new registrations (`rehoming.rs`).
pub fn place(db: &Db, by_email: Option<bool>, hold: Hold) -> ApiResult<()> {
    let held_until = match hold {
        Hold::Keep => "held_until",
        Hold::Until(_) => "excluded.held_until",
        Hold::Release => "NULL",
    };
    let until = match hold {
        Hold::Until(at) => Some(at),
        Hold::Keep | Hold::Release => None,
    };
    db.run(
        &format!(
            "INSERT INTO placement (id, by_email, held_until) VALUES (1, ?, ?) \
             ON CONFLICT(id) DO UPDATE SET by_email = COALESCE(excluded.by_email, by_email), \
             held_until = {held_until}"
        ),
        vec![by_email.map(i64::from).into(), until.into()],
    )
}

fn resolve_one(db: &Db, p: &Person, now_ms: f64) -> ApiResult<ContactCopy> {
    let keys = p.attendee.match_keys(p.strategy);
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
    let id = match found {
        Some(row) => row.id,
        None => {
            db.run(
                "INSERT INTO contacts (id, email, first_name, last_name, company, email_key, name_key, created_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                vec![
                    p.new_contact_id.as_str().into(),
                    p.attendee.email.as_str().into(),
                    p.attendee.first_name.as_str().into(),
                    p.attendee.last_name.as_str().into(),
                    p.attendee.company.as_str().into(),
                    normalize_email(&p.attendee.email).into(),
                    p.attendee.name_key().into(),
                    p.now.as_str().into(),
                ],
            )?;
            p.new_contact_id.clone()
        }
    };
    db.run(
        "INSERT INTO contact_registrations (registration_id, contact_id, event_id, linked_at) \
         VALUES (?, ?, ?, ?) ON CONFLICT(registration_id) DO NOTHING",
        vec![
            p.registration_id.as_str().into(),
            id.as_str().into(),
            p.event_id.as_str().into(),
            now_ms.into(),
        ],
    )?;
    copy(db, &id)
}

/// The contact as an event's instance keeps it beside its registrations.
fn copy(db: &Db, id: &str) -> ApiResult<ContactCopy> {
    db.first(
        "SELECT id, email, first_name AS firstName, last_name AS lastName, company, \
         email_key AS emailKey, name_key AS nameKey, created_at AS createdAt \
         FROM contacts WHERE id = ?",
        vec![id.into()],
    )?
    .ok_or_else(|| ApiError::internal(format!("contact {id} vanished")))
}

/// Forgets registrations the registry refused (or replayed as earlier ones), and the
/// contacts only they referred to: a refused registration creates no contact.
pub fn release(db: &Db, registration_ids: &[String]) -> ApiResult<()> {
    if registration_ids.is_empty() {
        return Ok(());
    }
    let (marks, ids) = ids_in(registration_ids);
    let contacts: Vec<ContactIdRow> = db.rows(
        &format!(
            "SELECT DISTINCT contact_id FROM contact_registrations WHERE registration_id IN ({marks})"
        ),
        ids.clone(),
    )?;
    db.run(
        &format!("DELETE FROM contact_registrations WHERE registration_id IN ({marks})"),
        ids,
    )?;
    for c in contacts {
        db.run(
            "DELETE FROM contacts WHERE id = ? \
             AND NOT EXISTS (SELECT 1 FROM contact_registrations WHERE contact_id = ?) \
             AND NOT EXISTS (SELECT 1 FROM registrations WHERE contact_id = ?)",
            vec![
                c.contact_id.as_str().into(),
                c.contact_id.as_str().into(),
                c.contact_id.as_str().into(),
            ],
        )?;
    }
    Ok(())
}

/// Up to `limit` links made before `before_ms` whose registrations were not seen stored
/// yet: those of requests still under way, and those a request stopped between this
/// shard's step and the event's (or before its release) left behind.
pub fn unsettled(db: &Db, before_ms: f64, limit: u32) -> ApiResult<Vec<Link>> {
    db.rows(
        "SELECT registration_id AS registrationId, event_id AS eventId FROM contact_registrations \
         WHERE linked_at IS NOT NULL AND linked_at < ? ORDER BY linked_at LIMIT ?",
        vec![before_ms.into(), i64::from(limit).into()],
    )
}

/// The sweep's verdict on [`unsettled`] links: those whose registrations exist stay, for
/// good; the others are released as refused ones are ([`release`]).
pub fn settle(db: &Db, kept: &[String], released: &[String]) -> ApiResult<()> {
    if !kept.is_empty() {
        let (marks, ids) = ids_in(kept);
        db.run(
            &format!(
                "UPDATE contact_registrations SET linked_at = NULL WHERE registration_id IN ({marks})"
            ),
            ids,
        )?;
    }
    release(db, released)
}

#[derive(Deserialize)]
struct ContactIdRow {
    contact_id: String,
}

#[derive(Deserialize)]
struct EventIdRow {
    event_id: String,
}

/// The first `limit` contacts matching `q` in the directory's order (names, ignoring
/// ASCII case, then creation time and id: the order `across::merge_contacts` merges the
/// shards' windows in), and how many match in all.
pub fn window(db: &Db, q: &str, limit: usize) -> ApiResult<Page<Contact>> {
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
    bindings.push((limit as i64).into());
    let items = db
        .rows::<ContactRow>(
            &format!(
                "SELECT {CONTACT_COLUMNS} FROM contacts c WHERE {condition} \
                 ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.created_at, c.id \
                 LIMIT ?"
            ),
            bindings,
        )?
        .into_iter()
        .map(Contact::from)
        .collect();
    Ok(Page {
        items,
        total: total as usize,
        page: 1,
        page_size: limit,
    })
}

/// Contact `id` if this shard has it, with the events its registrations are for.
pub fn find(db: &Db, id: &str) -> ApiResult<Option<(Contact, Vec<String>)>> {
    let Some(row) = db.first::<ContactRow>(
        &format!("SELECT {CONTACT_COLUMNS} FROM contacts c WHERE c.id = ?"),
        vec![id.into()],
    )?
    else {
        return Ok(None);
    };
    let events: Vec<EventIdRow> = db.rows(
        "SELECT DISTINCT event_id FROM contact_registrations WHERE contact_id = ? ORDER BY event_id",
        vec![id.into()],
    )?;
    Ok(Some((
        Contact::from(row),
        events.into_iter().map(|e| e.event_id).collect(),
    )))
}

/// The directory's part of erasing contact `id`, after its registrations' instances did
/// theirs (`erase::erase_here`): the contact's data replaced, the act logged without the
/// data (`erasures`), a `contact.erased` webhook message. Erasing again changes nothing.
pub fn erase(db: &Db, id: &str, now: &str, now_ms: f64) -> ApiResult<Option<Contact>> {
    if find(db, id)?.is_none() {
        return Ok(None);
    }
    let logged = db.count(
        "SELECT COUNT(*) AS n FROM erasures WHERE contact_id = ?",
        vec![id.into()],
    )?;
    if logged == 0 {
        let address = erased_address(id);
        let key = format!("erased:{id}");
        db.run(
            "UPDATE contacts SET email = ?, first_name = ?, last_name = ?, company = '', \
             email_key = ?, name_key = ?, erased_at = COALESCE(erased_at, ?) WHERE id = ?",
            vec![
                address.as_str().into(),
                ERASED.into(),
                ERASED.into(),
                key.as_str().into(),
                key.as_str().into(),
                now.into(),
                id.into(),
            ],
        )?;
        db.run(
            "INSERT INTO erasures (contact_id, erased_at, registrations) \
             SELECT ?, ?, COUNT(*) FROM contact_registrations WHERE contact_id = ?",
            vec![id.into(), now.into(), id.into()],
        )?;
        let data = || {
            Ok(MessageData {
                contact_id: Some(id.to_string()),
                ..MessageData::default()
            })
        };
        webhooks::emit(db, EventType::ContactErased, data, now, now_ms)?;
    }
    Ok(find(db, id)?.map(|(contact, _)| contact))
}

/// Retention's part here: every contact not erased yet whose registrations are all for
/// `event_ids` is erased whole ([`erase`]); answers how many.
pub fn expire(db: &Db, event_ids: &[String], now: &str, now_ms: f64) -> ApiResult<u32> {
    if event_ids.is_empty() {
        return Ok(0);
    }
    let (marks, ids) = ids_in(event_ids);
    let whole: Vec<IdRow> = db.rows(
        &format!(
            "SELECT c.id FROM contacts c \
             WHERE NOT EXISTS (SELECT 1 FROM erasures e WHERE e.contact_id = c.id) \
             AND EXISTS (SELECT 1 FROM contact_registrations l WHERE l.contact_id = c.id AND l.event_id IN ({marks})) \
             AND NOT EXISTS (SELECT 1 FROM contact_registrations l WHERE l.contact_id = c.id AND l.event_id NOT IN ({marks}))"
        ),
        [ids.clone(), ids].concat(),
    )?;
    for contact in &whole {
        erase(db, &contact.id, now, now_ms)?;
    }
    Ok(whole.len() as u32)
}
