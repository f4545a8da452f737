//! The webinar outbox's protocol: what the registry hands out to send, and what the
//! delivery reports back.
//!
//! Architecture invariant: a registration of a webinar event and its "to send" record are
//! written in one step of the registry (`registry/outbox.rs`), and the record goes only
//! when the provider has answered for it, so nothing is lost to an outage, a timeout or a
//! restart. The registry's alarm claims due records (a lease, so two deliveries do not
//! send one record at once) and puts them on the `convene-outbox` Queue; the API worker,
//! which alone holds the credentials keyring, consumes it (`deliver.rs`), calls the
//! provider and reports each record's [`Outcome`] with [`crate::registry::RegistryCommand::Delivered`].
//! A record sent twice (its answer lost, its lease expired) is harmless: ON24 matches a
//! registrant by email, so a second POST updates the first instead of adding one.

use serde::{Deserialize, Serialize};

/// The objects' script's producer binding for the outbox Queue.
pub const QUEUE_BINDING: &str = "OUTBOX";

/// One Queue message: the webinar records or the webhook messages one alarm handed out,
/// with the name of the registry instance that handed them out (`origin`: the reports go
/// back there). Untagged, so that a message queued before batches named their origin
/// still reads (its origin is the one registry there was then).
#[derive(Serialize, Deserialize, Debug)]
#[serde(untagged)]
pub enum Batch {
    Webinar {
        origin: String,
        records: Vec<Delivery>,
    },
    Webhooks {
        #[serde(default = "hub")]
        origin: String,
        webhooks: Vec<crate::webhooks::Due>,
    },
    /// A webinar batch queued before batches named their origin.
    Unnamed(Vec<Delivery>),
}

fn hub() -> String {
    crate::registry::placement::HUB.to_string()
}

/// What to tell the provider about one registration.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Confirmed (or promoted from the waitlist): add the registrant.
    Register,
    /// Cancelled: remove the registrant.
    Cancel,
    /// The contact was erased: erase the address at the provider too.
    Forget,
}

impl Action {
    pub fn key(self) -> &'static str {
        match self {
            Action::Register => "register",
            Action::Cancel => "cancel",
            Action::Forget => "forget",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "register" => Some(Action::Register),
            "cancel" => Some(Action::Cancel),
            "forget" => Some(Action::Forget),
            _ => None,
        }
    }
}

/// One outbox record, with the attendee as registered (or, to forget, the address as it
/// was before the erasure).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub seq: i64,
    pub registration_id: String,
    pub event_id: String,
    /// The session whose webinar it goes to; `None`: the event's.
    pub session_id: Option<String>,
    pub action: Action,
    /// Failed attempts so far.
    pub attempts: u32,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
}

/// What became of one delivery.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// The provider has it; for a registrant, with its id and join link when given.
    Sent {
        registrant_id: Option<String>,
        join_url: Option<String>,
    },
    /// Not this time (provider down, over quota, no answer): again after `delay_ms`,
    /// unless that was the last attempt.
    Retry { delay_ms: u64, message: String },
    /// Cannot be sent yet (no webinar at the provider, integration off): not an attempt;
    /// looked at again when an administrator changes what stopped it, or after
    /// `convene_types::sync::WAIT_MS`.
    Wait { message: String },
    /// The provider refused the credentials: waits as [`Outcome::Wait`] does, and is the
    /// integration's last error.
    Paused { message: String },
    /// The provider refused this registrant for good (its data): `failed` at once.
    Failed { message: String },
}

/// An outcome for the outbox record `seq`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub seq: i64,
    pub outcome: Outcome,
}
