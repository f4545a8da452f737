//! Where registry data lives: which instance of the `Registry` Durable Object class holds
//! an event's registrations, a contact, or the webhook delivery log.
//!
//! One class, three roles, each an instance by name:
//! - `event:{id}`: one event's registrations, seats, waitlist, idempotency keys,
//!   retirements, webinar outbox and webhook messages, with a copy of each contact its
//!   registrations refer to;
//! - `contacts:{n}`: shard `n` of the contact directory, where a person is matched to a
//!   contact (by the first key of the active matching strategy, [`shard_of`]);
//! - `registry`: the webhook delivery log, its tests and resends; and, before the
//!   per-event layout, everything.
//!
//! [`Layout::PerEvent`] is the default. [`Layout::Single`] (`REGISTRY_LAYOUT=single`)
//! maps every role to the one `registry` instance: the same commands on one database (they
//! are written to be correct both ways), the layout before this one, which the bench
//! compares against.

use convene_types::contact::{AttendeeInput, MatchStrategy, normalize_email};
use sha2::{Digest, Sha256};
use worker::Env;

/// The environment variable that chooses the layout: `single`, else per event.
pub const LAYOUT_VAR: &str = "REGISTRY_LAYOUT";

/// How many shards the contact directory has. Fixed: a contact's shard is a hash of its
/// key modulo this number, so changing it would need every contact moved.
pub const DIRECTORY_SHARDS: u32 = 16;

/// The name of the instance that held everything before the per-event layout, and holds
/// the webhook delivery log.
pub const HUB: &str = "registry";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Every role in one object.
    Single,
    /// One object per event, a sharded contact directory, the hub.
    PerEvent,
}

/// A role's instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place<'a> {
    Event(&'a str),
    Directory(u32),
    Hub,
}

impl Layout {
    pub fn of(env: &Env) -> Self {
        match env.var(LAYOUT_VAR).map(|v| v.to_string()).as_deref() {
            Ok("single") => Layout::Single,
            _ => Layout::PerEvent,
        }
    }

    /// The instance name of `place`.
    pub fn instance(self, place: Place) -> String {
        match (self, place) {
            (Layout::Single, _) | (_, Place::Hub) => HUB.to_string(),
            (Layout::PerEvent, Place::Event(id)) => format!("event:{id}"),
            (Layout::PerEvent, Place::Directory(n)) => format!("contacts:{n}"),
        }
    }

    /// Every directory shard's place.
    pub fn directory(self) -> Vec<u32> {
        match self {
            Layout::Single => vec![0],
            Layout::PerEvent => (0..DIRECTORY_SHARDS).collect(),
        }
    }
}

/// The directory shard that decides whether `attendee` is a known contact under
/// `strategy`: the hash of its normalized email when the strategy compares emails (both
/// email strategies: a person the stricter one matches has the same email), else of its
/// normalized names.
pub fn shard_of(strategy: MatchStrategy, attendee: &AttendeeInput) -> u32 {
    shard_of_keys(
        strategy,
        &normalize_email(&attendee.email),
        &attendee.name_key(),
    )
}

/// [`shard_of`] a stored contact, by its matching keys.
pub fn shard_of_keys(strategy: MatchStrategy, email_key: &str, name_key: &str) -> u32 {
    shard_of_key(if strategy.uses_email() {
        email_key
    } else {
        name_key
    })
}

fn shard_of_key(key: &str) -> u32 {
    let digest = Sha256::digest(key.as_bytes());
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % DIRECTORY_SHARDS
}

/// A short tag of an instance for the ids it makes (webhook message ids): empty for the
/// hub, the event's id, or `c{n}` for a directory shard.
pub fn tag(instance: &str) -> String {
    if let Some(id) = instance.strip_prefix("event:") {
        id.to_string()
    } else if let Some(n) = instance.strip_prefix("contacts:") {
        format!("c{n}")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attendee(email: &str, first: &str, last: &str) -> AttendeeInput {
        AttendeeInput {
            email: email.into(),
            first_name: first.into(),
            last_name: last.into(),
            company: String::new(),
        }
    }

    #[test]
    fn the_same_person_goes_to_the_same_shard() {
        let a = attendee("Ada@Example.org", "Ada", "Lovelace");
        let b = attendee(" ada@example.org", "A.", "L.");
        assert_eq!(
            shard_of(MatchStrategy::Email, &a),
            shard_of(MatchStrategy::Email, &b)
        );
        // Both email strategies shard by the email.
        assert_eq!(
            shard_of(MatchStrategy::EmailFirstAndLastName, &a),
            shard_of(MatchStrategy::Email, &b)
        );
        let c = attendee("other@example.org", "ada", "LOVELACE");
        assert_eq!(
            shard_of(MatchStrategy::FirstAndLastName, &a),
            shard_of(MatchStrategy::FirstAndLastName, &c)
        );
    }

    #[test]
    fn keys_spread_over_every_shard() {
        let mut seen = [0u32; DIRECTORY_SHARDS as usize];
        for i in 0..1600 {
            seen[shard_of_key(&format!("person{i}@example.org")) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 60), "{seen:?}");
    }

    #[test]
    fn the_single_layout_is_one_object() {
        let places = [Place::Event("e1"), Place::Directory(3), Place::Hub];
        for place in places {
            assert_eq!(Layout::Single.instance(place), "registry");
        }
        assert_eq!(Layout::PerEvent.instance(Place::Event("e1")), "event:e1");
        assert_eq!(Layout::PerEvent.instance(Place::Directory(3)), "contacts:3");
        assert_eq!(tag("event:e1"), "e1");
        assert_eq!(tag("contacts:3"), "c3");
        assert_eq!(tag("registry"), "");
    }
}
