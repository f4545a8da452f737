//! The spread registry's guarantees under interleavings that HTTP cannot force: each test
//! runs the commands of a registration, an erasure or a sweep step by step, in the order
//! of the race, over in-memory instances named as in the per-event layout (`commands.rs`
//! runs each command as its object would). `across.rs` sends these same commands in these
//! same orders; what happens between two of them is what each test puts there.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use convene_types::contact::{AttendeeInput, MatchStrategy};
use convene_types::registration::{Registration, SyncState};
use serde::de::DeserializeOwned;

use super::migration::{EventRows, Row};
use super::placement::{Layout, Place, shard_of, shard_of_keys};
use super::rehoming::{self, Hold};
use super::schema::Db;
use super::{
    ContactCopy, FoundContact, Link, NewRegistration, RegistryCommand, Seats, commands, sweep,
};
use crate::error::{ApiError, ApiResult};

const NOW: &str = "2026-12-01T10:00:00Z";

/// Every instance a test has reached, each its own database.
struct Deployment {
    instances: RefCell<HashMap<String, Db>>,
    now_ms: Cell<f64>,
    drawn: Cell<u32>,
}

impl Deployment {
    fn new() -> Self {
        Deployment {
            instances: RefCell::new(HashMap::new()),
            now_ms: Cell::new(1_000_000.0),
            drawn: Cell::new(0),
        }
    }

    /// `command` at `instance`, as its object answers it.
    fn call<T: DeserializeOwned>(&self, instance: &str, command: RegistryCommand) -> ApiResult<T> {
        let mut instances = self.instances.borrow_mut();
        let db = match instances.entry(instance.to_string()) {
            std::collections::hash_map::Entry::Occupied(db) => db.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let memory = rusqlite::Connection::open_in_memory().expect("an in-memory database");
                slot.insert(Db::in_memory(Rc::new(memory), instance)?)
            }
        };
        let answer = commands::execute(db, command, self.now_ms.get())?;
        Ok(serde_json::from_str(&answer)?)
    }

    fn later(&self, ms: f64) {
        self.now_ms.set(self.now_ms.get() + ms);
    }

    fn id(&self, prefix: &str) -> String {
        self.drawn.set(self.drawn.get() + 1);
        format!("{prefix}-{}", self.drawn.get())
    }

    /// A registration as `routes/registrations.rs` prepares it (no capacity, no webinar).
    fn attempt(&self, event_id: &str, email: &str) -> NewRegistration {
        NewRegistration {
            registration_id: self.id("reg"),
            new_contact_id: self.id("contact"),
            event_id: event_id.into(),
            seats: Seats {
                limit: None,
                waitlist_allowed: false,
            },
            strategy: MatchStrategy::Email,
            attendee: AttendeeInput {
                email: email.into(),
                first_name: "Ada".into(),
                last_name: "Lovelace".into(),
                company: "Analytical Engines".into(),
            },
            session_ids: vec![],
            idempotency_key: None,
            sync_state: SyncState::NotRequired,
            webinar_session_ids: vec![],
            pass_id: None,
            pass_limit: None,
            responses: vec![],
            now: NOW.into(),
            closed: false,
            contact: None,
        }
    }

    fn shard(r: &NewRegistration) -> String {
        Layout::PerEvent.instance(Place::Directory(shard_of(r.strategy, &r.attendee)))
    }

    fn shards() -> Vec<String> {
        let layout = Layout::PerEvent;
        layout
            .directory()
            .into_iter()
            .map(|n| layout.instance(Place::Directory(n)))
            .collect()
    }

    /// The directory's step of a registration, as its shard answers it.
    fn try_resolve(&self, r: &NewRegistration) -> ApiResult<Vec<ContactCopy>> {
        let people = vec![r.person()];
        self.call(&Self::shard(r), RegistryCommand::ResolveContacts { people })
    }

    /// The directory's step of a registration: its person matched to a contact.
    fn resolve(&self, r: &mut NewRegistration) -> ContactCopy {
        let copies = self.try_resolve(r).expect("resolved");
        r.contact = copies.into_iter().next();
        r.contact.clone().expect("a contact")
    }

    /// The event's step of a registration: decided and stored.
    fn store(&self, r: NewRegistration) -> ApiResult<Vec<Registration>> {
        let instance = Layout::PerEvent.instance(Place::Event(&r.event_id));
        self.call(&instance, RegistryCommand::Register { group: vec![r] })
    }

    /// A registration made whole, nothing in between.
    fn register(&self, mut r: NewRegistration) -> Registration {
        self.resolve(&mut r);
        self.store(r).expect("stored").remove(0)
    }

    fn find(&self, contact_id: &str) -> Option<(String, FoundContact)> {
        Self::shards().into_iter().find_map(|shard| {
            let command = RegistryCommand::FindContact {
                contact_id: contact_id.into(),
            };
            let found: Option<FoundContact> = self.call(&shard, command).expect("asked");
            Some((shard, found?))
        })
    }

    fn erase_in_events(&self, contact_id: &str, event_ids: &[String]) {
        for event_id in event_ids {
            let command = RegistryCommand::EraseContactHere {
                contact_id: contact_id.into(),
                event_ids: vec![event_id.clone()],
                now: NOW.into(),
            };
            let instance = Layout::PerEvent.instance(Place::Event(event_id));
            self.call::<()>(&instance, command).expect("erased here");
        }
    }

    /// An erasure's steps, in `across::erase_contact`'s order.
    fn erase(&self, contact_id: &str) {
        let (shard, found) = self.find(contact_id).expect("a contact");
        self.erase_in_events(contact_id, &found.event_ids);
        let command = RegistryCommand::EraseContact {
            contact_id: contact_id.into(),
            now: NOW.into(),
        };
        self.call::<Option<convene_types::contact::Contact>>(&shard, command)
            .expect("erased in the directory");
        let (_, found) = self.find(contact_id).expect("still listed");
        self.erase_in_events(contact_id, &found.event_ids);
    }

    fn registrations(&self, event_id: &str) -> Vec<Registration> {
        let instance = Layout::PerEvent.instance(Place::Event(event_id));
        let command = RegistryCommand::AllRegistrations {
            event_id: event_id.into(),
        };
        self.call(&instance, command).expect("listed")
    }
}

#[test]
fn a_registration_resolved_before_an_erasure_and_stored_after_it_is_refused() {
    let d = Deployment::new();
    let first = d.register(d.attempt("e1", "ada@example.com"));
    let mut late = d.attempt("e2", "ada@example.com");
    assert_eq!(d.resolve(&mut late).id, first.contact_id);
    // The erasure runs whole while `late` travels to its event's instance.
    d.erase(&first.contact_id);
    let stored = d.store(late);
    assert!(
        matches!(&stored, Err(ApiError::Conflict(m)) if m.contains("erased")),
        "{stored:?}"
    );
    for event_id in ["e1", "e2"] {
        for r in d.registrations(event_id) {
            assert!(!r.email.contains("ada"), "{r:?} keeps the erased data");
        }
    }
}

#[test]
fn a_registration_stored_between_the_erasures_steps_is_refused() {
    let d = Deployment::new();
    let first = d.register(d.attempt("e1", "ada@example.com"));
    let mut late = d.attempt("e2", "ada@example.com");
    d.resolve(&mut late);
    let (shard, found) = d.find(&first.contact_id).expect("found");
    d.erase_in_events(&first.contact_id, &found.event_ids);
    let stored = d.store(late);
    assert!(matches!(stored, Err(ApiError::Conflict(_))), "{stored:?}");
    let command = RegistryCommand::EraseContact {
        contact_id: first.contact_id.clone(),
        now: NOW.into(),
    };
    d.call::<Option<convene_types::contact::Contact>>(&shard, command)
        .expect("erased");
    assert!(d.registrations("e2").is_empty());
}

#[test]
fn after_an_erasure_the_person_registers_again_as_a_new_contact() {
    let d = Deployment::new();
    let first = d.register(d.attempt("e1", "ada@example.com"));
    d.erase(&first.contact_id);
    let again = d.register(d.attempt("e2", "ada@example.com"));
    assert_ne!(again.contact_id, first.contact_id);
    assert_eq!(again.email, "ada@example.com");
}

impl Deployment {
    /// A sweep's steps, in `sweep::settle_links`'s order.
    fn sweep(&self) -> (usize, usize) {
        let before_ms = self.now_ms.get() - sweep::SETTLE_AFTER_MS;
        let links: Vec<(String, Vec<Link>)> = Self::shards()
            .into_iter()
            .map(|shard| {
                let command = RegistryCommand::UnsettledLinks {
                    before_ms,
                    limit: 500,
                };
                let links = self.call(&shard, command).expect("listed");
                (shard, links)
            })
            .collect();
        let mut missing = Vec::new();
        for link in links.iter().flat_map(|(_, links)| links) {
            let command = RegistryCommand::MissingRegistrations {
                registration_ids: vec![link.registration_id.clone()],
            };
            let instance = Layout::PerEvent.instance(Place::Event(&link.event_id));
            let absent: Vec<String> = self.call(&instance, command).expect("asked");
            missing.extend(absent);
        }
        let (mut kept, mut released) = (0, 0);
        for (shard, links) in links.iter().filter(|(_, links)| !links.is_empty()) {
            let (these_kept, these_released) = sweep::verdict(links, &missing);
            kept += these_kept.len();
            released += these_released.len();
            let command = RegistryCommand::SettleLinks {
                kept: these_kept,
                released: these_released,
            };
            self.call::<()>(shard, command).expect("settled");
        }
        (kept, released)
    }
}

#[test]
fn a_link_left_by_a_request_stopped_before_its_event_is_swept_with_its_new_contact() {
    let d = Deployment::new();
    let mut stopped = d.attempt("e1", "grace@example.com");
    let contact = d.resolve(&mut stopped);
    assert!(d.find(&contact.id).is_some());
    // Too recent: the request may still be on its way.
    d.later(sweep::SETTLE_AFTER_MS / 2.0);
    assert_eq!(d.sweep(), (0, 0));
    assert!(d.find(&contact.id).is_some());
    d.later(sweep::SETTLE_AFTER_MS);
    assert_eq!(d.sweep(), (0, 1));
    assert!(
        d.find(&contact.id).is_none(),
        "the contact made for it is gone"
    );
}

#[test]
fn a_stale_link_goes_but_its_contact_stays_for_its_stored_registrations() {
    let d = Deployment::new();
    let made = d.register(d.attempt("e1", "grace@example.com"));
    let mut stopped = d.attempt("e2", "grace@example.com");
    d.resolve(&mut stopped);
    assert_eq!(
        d.find(&made.contact_id).expect("found").1.event_ids,
        ["e1", "e2"]
    );
    d.later(sweep::SETTLE_AFTER_MS * 2.0);
    assert_eq!(d.sweep(), (1, 1));
    let (_, found) = d.find(&made.contact_id).expect("kept");
    assert_eq!(found.event_ids, ["e1"]);
    assert_eq!(found.contact.registration_count, 1);
    // Settled links are not looked at again.
    d.later(sweep::SETTLE_AFTER_MS * 2.0);
    assert_eq!(d.sweep(), (0, 0));
    assert_eq!(d.find(&made.contact_id).expect("kept").1.event_ids, ["e1"]);
}

impl Deployment {
    /// Every shard records `by_email` (if given) and `hold`.
    fn place_all(&self, by_email: Option<bool>, hold: Hold) {
        for shard in Self::shards() {
            let command = RegistryCommand::PlaceDirectory { by_email, hold };
            self.call::<()>(&shard, command).expect("placed");
        }
    }

    /// A change of the strategy to `strategy`, in `rehoming::changing_strategy`'s order;
    /// `meanwhile` runs once the records changed, before contacts move.
    fn change_strategy(&self, strategy: MatchStrategy, meanwhile: impl FnOnce()) {
        self.place_all(None, Hold::Until(self.now_ms.get() + rehoming::HOLD_MS));
        meanwhile();
        for shard in Self::shards() {
            let strays: EventRows = self
                .call(&shard, RegistryCommand::ContactStrays { strategy })
                .expect("strays");
            let id = |c: &Row| c["id"].as_str().unwrap_or_default().to_string();
            for contact in &strays.contacts {
                let key = |k: &str| contact[k].as_str().unwrap_or_default().to_string();
                let to = shard_of_keys(strategy, &key("email_key"), &key("name_key"));
                let rows = EventRows {
                    contacts: vec![contact.clone()],
                    links: strays.links.clone(),
                    ..EventRows::default()
                };
                let command = RegistryCommand::ImportDirectory {
                    rows,
                    lease_until: None,
                };
                let instance = Layout::PerEvent.instance(Place::Directory(to));
                self.call::<()>(&instance, command).expect("imported");
            }
            let contact_ids = strays.contacts.iter().map(id).collect();
            let command = RegistryCommand::DropContacts { contact_ids };
            self.call::<()>(&shard, command).expect("dropped");
        }
        self.place_all(Some(strategy.uses_email()), Hold::Release);
    }
}

/// The same person as [`Deployment::attempt`]'s, matched by `strategy`.
fn by(strategy: MatchStrategy, mut r: NewRegistration) -> NewRegistration {
    r.strategy = strategy;
    r
}

#[test]
fn no_registration_is_matched_while_a_strategy_change_moves_contacts() {
    let d = Deployment::new();
    let first = d.register(d.attempt("e1", "ada@example.com"));
    let names = MatchStrategy::FirstAndLastName;
    let during = by(names, d.attempt("e2", "ada@example.com"));
    let mut refused = None;
    d.change_strategy(names, || {
        refused = Some(d.try_resolve(&during));
    });
    assert!(
        matches!(refused, Some(Err(ApiError::DirectoryHeld))),
        "{refused:?}"
    );
    // Sent again once released, it finds the person where the move put them.
    let after = d.register(during);
    assert_eq!(after.contact_id, first.contact_id);
}

#[test]
fn a_registration_that_read_the_strategy_before_its_change_is_refused_after_it() {
    let d = Deployment::new();
    let first = d.register(d.attempt("e1", "ada@example.com"));
    d.change_strategy(MatchStrategy::FirstAndLastName, || {});
    let mut stale = d.attempt("e2", "ada@example.com");
    let answer = d.try_resolve(&stale);
    assert!(
        matches!(&answer, Err(ApiError::Conflict(m)) if m.contains("matching strategy changed")),
        "{answer:?}"
    );
    stale.strategy = MatchStrategy::FirstAndLastName;
    assert_eq!(d.register(stale).contact_id, first.contact_id);
}

#[test]
fn a_hold_a_stopped_change_left_ends_by_itself_and_the_cron_keeps_one_under_way() {
    let d = Deployment::new();
    d.place_all(None, Hold::Until(d.now_ms.get() + rehoming::HOLD_MS));
    // The Cron Trigger records the key in force without ending the hold.
    d.place_all(Some(true), Hold::Keep);
    let mut r = d.attempt("e1", "ada@example.com");
    let held = d.try_resolve(&r);
    assert!(matches!(held, Err(ApiError::DirectoryHeld)), "{held:?}");
    d.later(rehoming::HOLD_MS);
    d.resolve(&mut r);
    assert!(d.store(r).is_ok());
}
