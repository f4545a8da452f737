//! The simulator's in-memory state: accepted credentials, failure mode, events and registrants
//! per client, and the log of received `/v2` requests. Nothing touches the disk.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::auth::Credential;

/// The event every client has from the start.
pub const SEED_EVENT_ID: u64 = 1_000_001;
pub const SEED_EVENT_TITLE: &str = "Simulated webinar";
/// First `eventuserid` handed out (after start and after each reset), so ids are deterministic.
pub const FIRST_EVENTUSERID: u64 = 300_000_001;
/// First `eventId` handed out to a created webinar (after start and after each reset).
pub const FIRST_CREATED_EVENT_ID: u64 = 2_000_001;
/// `slow` mode's delay when `delayMs` is not given.
pub const DEFAULT_SLOW_MS: u64 = 10_000;
/// Longest `slow` delay accepted (ten minutes), so a typo cannot hang a test run for days.
pub const MAX_SLOW_MS: u64 = 600_000;

/// How every `/v2` call behaves (set through `POST /__control/mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Every `/v2` call answers 500.
    Fail,
    /// Every `/v2` call answers normally after this delay.
    Slow(Duration),
    /// Every authenticated `/v2` call answers 403 (quota exhausted).
    Quota,
    /// Every authenticated registrant write answers 400, as ON24 does for data it refuses
    /// (other calls answer normally).
    Reject,
}

impl Mode {
    /// `mode` as the control API names it, with `delayMs` for `slow`.
    pub fn parse(name: &str, delay_ms: Option<u64>) -> Result<Mode, String> {
        match name {
            "normal" => Ok(Mode::Normal),
            "fail" => Ok(Mode::Fail),
            "quota" => Ok(Mode::Quota),
            "reject" => Ok(Mode::Reject),
            "slow" => {
                let ms = delay_ms.unwrap_or(DEFAULT_SLOW_MS);
                if ms > MAX_SLOW_MS {
                    return Err(format!("delayMs must be at most {MAX_SLOW_MS}"));
                }
                Ok(Mode::Slow(Duration::from_millis(ms)))
            }
            other => Err(format!(
                "unknown mode {other:?}: expected normal, fail, slow, quota or reject"
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Fail => "fail",
            Mode::Slow(_) => "slow",
            Mode::Quota => "quota",
            Mode::Reject => "reject",
        }
    }
}

/// One registrant of one event.
#[derive(Clone, Debug, PartialEq)]
pub struct Registrant {
    /// Stable for the registrant's lifetime (updates keep it).
    pub eventuserid: u64,
    /// As last given (trimmed); matched case-insensitively.
    pub email: String,
    /// Every form field as given (including `email`), later writes overwriting earlier ones.
    pub fields: BTreeMap<String, String>,
    /// Soft-deleted through `isDeleted=Y`: kept, but no longer listed.
    pub deleted: bool,
    /// Attendance values set through `POST /__control/attendance`, overriding derived ones.
    pub attendance: Map<String, Value>,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub eventid: u64,
    pub title: String,
    pub registrants: Vec<Registrant>,
    /// A created webinar's `wccevent` answer (`None` for the seeded and implicit events).
    pub details: Option<Value>,
}

impl Event {
    fn new(eventid: u64, title: String) -> Event {
        Event {
            eventid,
            title,
            registrants: Vec::new(),
            details: None,
        }
    }
}

/// A registrant write (POST creates or updates; PATCH only updates).
#[derive(Clone, Debug)]
pub struct RegistrantWrite {
    pub email: String,
    pub fields: Vec<(String, String)>,
    /// `isDeleted`: `Some(true)` soft-deletes, `Some(false)` restores.
    pub deleted: Option<bool>,
    /// Whether an unknown email creates a registrant (POST) or is not found (PATCH).
    pub create: bool,
}

/// A successful write: the registrant as stored, and whether it was new.
#[derive(Clone, Debug)]
pub struct Written {
    pub registrant: Registrant,
    pub created: bool,
}

/// One registrant as held, with where it lives (`GET /__control/registrants`).
#[derive(Clone, Copy, Debug)]
pub struct Held<'a> {
    pub client_id: &'a str,
    pub event_id: u64,
    pub registrant: &'a Registrant,
}

/// What erasure writes over a registrant's personal fields (the email gets its own value).
pub const ERASED: &str = "deleted";

/// Two emails name the same registrant when equal ignoring case and surrounding spaces.
pub fn same_email(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

pub struct State {
    pub credentials: Vec<Credential>,
    pub mode: Mode,
    /// Events per client id.
    clients: BTreeMap<String, BTreeMap<u64, Event>>,
    /// Every `/v2` request received, as `GET /__control/received` returns them.
    pub received: Vec<Value>,
    next_eventuserid: u64,
    next_event_id: u64,
}

impl State {
    pub fn new(credentials: Vec<Credential>) -> State {
        State {
            credentials,
            mode: Mode::Normal,
            clients: BTreeMap::new(),
            received: Vec::new(),
            next_eventuserid: FIRST_EVENTUSERID,
            next_event_id: FIRST_CREATED_EVENT_ID,
        }
    }

    /// Back to a fresh start, except that accepted credentials are kept.
    pub fn reset(&mut self) {
        let credentials = std::mem::take(&mut self.credentials);
        *self = State::new(credentials);
    }

    /// Accepts one more credential set (adding a known one again changes nothing).
    pub fn add_credential(&mut self, credential: Credential) {
        if !self.credentials.contains(&credential) {
            self.credentials.push(credential);
        }
    }

    /// The client's events, created (with the seeded event) on first sight.
    fn events_mut(&mut self, client_id: &str) -> &mut BTreeMap<u64, Event> {
        self.clients
            .entry(client_id.to_string())
            .or_insert_with(|| {
                BTreeMap::from([(
                    SEED_EVENT_ID,
                    Event::new(SEED_EVENT_ID, SEED_EVENT_TITLE.to_string()),
                )])
            })
    }

    /// Creates a webinar for the client: `details` builds its answer from the new id, and
    /// is kept for the event list. Returns the answer.
    pub fn create_event(
        &mut self,
        client_id: &str,
        title: String,
        details: impl FnOnce(u64) -> Value,
    ) -> Value {
        let event_id = self.next_event_id;
        self.next_event_id += 1;
        let answer = details(event_id);
        let mut event = Event::new(event_id, title);
        event.details = Some(answer.clone());
        self.events_mut(client_id).insert(event_id, event);
        answer
    }

    /// The client's events, in id order.
    pub fn events(&mut self, client_id: &str) -> Vec<&Event> {
        self.events_mut(client_id).values().collect()
    }

    /// Creates or updates the registrant with `write.email` in the event (the event is created
    /// on first use). `None`: no such registrant to update (PATCH, or a delete of an unknown
    /// email).
    pub fn write_registrant(
        &mut self,
        client_id: &str,
        event_id: u64,
        write: RegistrantWrite,
    ) -> Option<Written> {
        let next_id = self.next_eventuserid;
        let events = self.events_mut(client_id);
        let existing = events.get(&event_id).and_then(|event| {
            event
                .registrants
                .iter()
                .position(|r| same_email(&r.email, &write.email))
        });
        if existing.is_none() && (!write.create || write.deleted == Some(true)) {
            return None;
        }
        let event = events
            .entry(event_id)
            .or_insert_with(|| Event::new(event_id, format!("Simulated event {event_id}")));
        let created = existing.is_none();
        let index = match existing {
            Some(index) => index,
            None => {
                event.registrants.push(Registrant {
                    eventuserid: next_id,
                    email: String::new(),
                    fields: BTreeMap::new(),
                    deleted: false,
                    attendance: Map::new(),
                });
                event.registrants.len() - 1
            }
        };
        let registrant = &mut event.registrants[index];
        registrant.email = write.email.trim().to_string();
        registrant.fields.extend(write.fields);
        if let Some(deleted) = write.deleted {
            registrant.deleted = deleted;
        }
        let registrant = registrant.clone();
        if created {
            self.next_eventuserid += 1;
        }
        Some(Written {
            registrant,
            created,
        })
    }

    /// Registrants of the event that are not soft-deleted (none when the event is unknown).
    pub fn registrants(&mut self, client_id: &str, event_id: u64) -> Vec<&Registrant> {
        self.events_mut(client_id)
            .get(&event_id)
            .map(|event| event.registrants.iter().filter(|r| !r.deleted).collect())
            .unwrap_or_default()
    }

    /// ON24's erasure (`POST /client/{clientId}/forget`): in every event of `client_id`, every
    /// registrant with `email` (soft-deleted ones too) has its personal fields replaced, as
    /// REFERENCE.md describes: email `{eventuserid}-deleted`, names `deleted`, and every other
    /// form field it holds `deleted` as well. Returns how many registrants changed (0 when
    /// none matched, so a retry succeeds: a forgotten email no longer matches anything).
    ///
    /// UNCONFIRMED: REFERENCE.md gives examples ("e.g."), not the full list of fields ON24
    /// replaces; here every form field is, `firstname`/`lastname` even when never given.
    /// Attendance overrides named `email`, `firstname` or `lastname` (set through the control
    /// API) are dropped too, so the attendee report shows the replaced values.
    pub fn forget(&mut self, client_id: &str, email: &str) -> usize {
        let Some(events) = self.clients.get_mut(client_id) else {
            return 0;
        };
        let mut forgotten = 0;
        for registrant in events.values_mut().flat_map(|e| e.registrants.iter_mut()) {
            if !same_email(&registrant.email, email) {
                continue;
            }
            let erased = format!("{}-deleted", registrant.eventuserid);
            for value in registrant.fields.values_mut() {
                *value = ERASED.to_string();
            }
            for name in ["firstname", "lastname"] {
                registrant
                    .fields
                    .insert(name.to_string(), ERASED.to_string());
            }
            registrant
                .fields
                .insert("email".to_string(), erased.clone());
            registrant.email = erased;
            for name in ["email", "firstname", "lastname"] {
                registrant.attendance.remove(name);
            }
            forgotten += 1;
        }
        forgotten
    }

    /// Every registrant of every client and event, soft-deleted ones included, in creation
    /// order (`eventuserid` order: ids are handed out from one counter for all clients).
    pub fn all_registrants(&self) -> Vec<Held<'_>> {
        let mut all: Vec<Held<'_>> = self
            .clients
            .iter()
            .flat_map(|(client_id, events)| {
                events.values().flat_map(move |event| {
                    event.registrants.iter().map(move |registrant| Held {
                        client_id,
                        event_id: event.eventid,
                        registrant,
                    })
                })
            })
            .collect();
        all.sort_by_key(|held| held.registrant.eventuserid);
        all
    }

    /// Merges `values` into the attendance overrides of every registrant with `email` in
    /// `event_id` (of `client_id` only, when given). Returns how many registrants matched.
    pub fn set_attendance(
        &mut self,
        client_id: Option<&str>,
        event_id: u64,
        email: &str,
        values: &Map<String, Value>,
    ) -> usize {
        let mut matched = 0;
        for (client, events) in &mut self.clients {
            if client_id.is_some_and(|wanted| wanted != client) {
                continue;
            }
            let Some(event) = events.get_mut(&event_id) else {
                continue;
            };
            for registrant in &mut event.registrants {
                if same_email(&registrant.email, email) {
                    registrant
                        .attendance
                        .extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
                    matched += 1;
                }
            }
        }
        matched
    }
}

#[cfg(test)]
mod tests;
