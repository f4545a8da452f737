//! Webhooks: the addresses other systems give Convene to be told of registrations, and
//! what each delivery looks like (the Standard Webhooks convention: `webhook-id`,
//! `webhook-timestamp`, `webhook-signature`).
//!
//! A message carries identifiers and states, not personal data: a receiver that needs an
//! attendee's name reads it through the admin API. So erasure and retention erase
//! everything (no copy waits in a queue or a delivery log), and a log can be shown to any
//! administrator.

use crate::prelude::*;
use core::net::{Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize};

use crate::FieldError;

pub const URL_MAX: usize = 2_000;
pub const DESCRIPTION_MAX: usize = 200;
/// Secrets start with this, as the convention asks, so they are recognisable.
pub const SECRET_PREFIX: &str = "whsec_";

/// What a message tells. `Test` is sent on request ("send test") only; nobody subscribes.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    #[serde(rename = "registration.created")]
    RegistrationCreated,
    #[serde(rename = "registration.cancelled")]
    RegistrationCancelled,
    #[serde(rename = "registration.promoted")]
    RegistrationPromoted,
    #[serde(rename = "registration.synced")]
    RegistrationSynced,
    #[serde(rename = "contact.erased")]
    ContactErased,
    #[serde(rename = "webhook.test")]
    Test,
}

impl EventType {
    /// The types an endpoint can subscribe to.
    pub const SUBSCRIBABLE: [EventType; 5] = [
        EventType::RegistrationCreated,
        EventType::RegistrationCancelled,
        EventType::RegistrationPromoted,
        EventType::RegistrationSynced,
        EventType::ContactErased,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::RegistrationCreated => "registration.created",
            EventType::RegistrationCancelled => "registration.cancelled",
            EventType::RegistrationPromoted => "registration.promoted",
            EventType::RegistrationSynced => "registration.synced",
            EventType::ContactErased => "contact.erased",
            EventType::Test => "webhook.test",
        }
    }

    pub fn parse(name: &str) -> Option<EventType> {
        Self::SUBSCRIBABLE
            .into_iter()
            .chain([EventType::Test])
            .find(|t| t.as_str() == name)
    }
}

/// An endpoint as the API shows it: never its secret.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEndpoint {
    pub id: String,
    pub url: String,
    pub description: String,
    pub events: Vec<EventType>,
    pub active: bool,
    pub secret_issued_at: String,
    pub created_at: String,
    pub updated_at: String,
}

/// What an administrator writes. Unknown event names are refused with their position.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebhookInput {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default = "active")]
    pub active: bool,
}

fn active() -> bool {
    true
}

/// A valid [`WebhookInput`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ValidWebhook {
    pub url: String,
    pub description: String,
    pub events: Vec<EventType>,
    pub active: bool,
}

/// An endpoint with its secret, as created or after a rotation: the only time the secret
/// is shown.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct IssuedSecret {
    pub endpoint: WebhookEndpoint,
    pub secret: String,
}

/// Where webhooks may be sent. Production refuses what could reach the deployment's own
/// network instead of the internet (server-side request forgery): plain http, and hosts
/// that are loopback, private, link-local or otherwise not public addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destinations {
    /// `DEPLOYMENT=production`: https to public hosts only.
    Public,
    /// Development and tests: http and local addresses too (a receiver on 127.0.0.1).
    Any,
}

impl WebhookInput {
    pub fn validate(&self, destinations: Destinations) -> Result<ValidWebhook, Vec<FieldError>> {
        let mut errors = Vec::new();
        let url = self.url.trim();
        if let Err(message) = destination(url, destinations) {
            errors.push(FieldError::new("url", message));
        }
        let description = self.description.trim();
        if description.chars().count() > DESCRIPTION_MAX {
            errors.push(FieldError::new(
                "description",
                format!("must be at most {DESCRIPTION_MAX} characters"),
            ));
        }
        let mut events = Vec::new();
        for (i, name) in self.events.iter().enumerate() {
            match EventType::parse(name) {
                Some(EventType::Test) | None => errors.push(FieldError::new(
                    format!("events[{i}]"),
                    format!("must be one of: {}", subscribable_names()),
                )),
                Some(t) if events.contains(&t) => {
                    errors.push(FieldError::new(format!("events[{i}]"), "is listed twice"))
                }
                Some(t) => events.push(t),
            }
        }
        if self.events.is_empty() {
            errors.push(FieldError::new("events", "needs at least one event type"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidWebhook {
            url: url.to_string(),
            description: description.to_string(),
            events,
            active: self.active,
        })
    }
}

fn subscribable_names() -> String {
    EventType::SUBSCRIBABLE
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks a webhook URL against what `destinations` allows.
pub fn destination(raw: &str, destinations: Destinations) -> Result<(), String> {
    if raw.len() > URL_MAX {
        return Err(format!("must be at most {URL_MAX} characters"));
    }
    let url = url::Url::parse(raw)
        .map_err(|_| "must be an absolute URL such as https://crm.example.com/hooks".to_string())?;
    let host = url.host();
    match (url.scheme(), &host) {
        ("https" | "http", Some(_)) => {}
        _ => return Err("must be an https URL such as https://crm.example.com/hooks".into()),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry a user name or password".into());
    }
    if destinations == Destinations::Any {
        return Ok(());
    }
    if url.scheme() != "https" {
        return Err("must use https".into());
    }
    let refused = match host {
        Some(url::Host::Ipv4(ip)) => !public_v4(ip),
        Some(url::Host::Ipv6(ip)) => !public_v6(ip),
        Some(url::Host::Domain(name)) => local_name(name),
        None => true,
    };
    if refused {
        return Err(
            "must point to a public address: loopback, private and link-local addresses are refused"
                .into(),
        );
    }
    Ok(())
}

/// Names that resolve to the machine itself or to the local network by convention.
fn local_name(name: &str) -> bool {
    let name = name.trim_end_matches('.');
    let is = |suffix: &str| name == suffix || name.ends_with(&format!(".{suffix}"));
    !name.contains('.')
        || ["localhost", "local", "internal", "home.arpa"]
            .into_iter()
            .any(is)
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        // Carrier-grade NAT, 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // Reserved for future use, 240.0.0.0/4.
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return public_v4(v4);
    }
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local, fc00::/7.
        || (first & 0xfe00) == 0xfc00
        // Link-local, fe80::/10.
        || (first & 0xffc0) == 0xfe80)
}

/// A delivery as the log shows it.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// The receiver answered 2xx.
    Delivered,
    /// Not this time; sent again later.
    Retrying,
    /// Given up: the last attempt failed, or the address is refused.
    Failed,
    /// Not sent: the endpoint is inactive or was deleted.
    Skipped,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Retrying => "retrying",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Skipped => "skipped",
        }
    }

    pub fn parse(name: &str) -> Option<DeliveryStatus> {
        [
            DeliveryStatus::Delivered,
            DeliveryStatus::Retrying,
            DeliveryStatus::Failed,
            DeliveryStatus::Skipped,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }
}

/// One attempt of one message to one endpoint.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub id: String,
    pub message_id: String,
    pub event_type: EventType,
    /// 1 for the first attempt.
    pub attempt: u32,
    pub status: DeliveryStatus,
    /// The receiver's HTTP status, when it answered.
    pub response_code: Option<u16>,
    /// Why it failed, when it did.
    pub error: Option<String>,
    pub at: String,
}

/// What a message's body says.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// When it happened, ISO 8601 UTC.
    pub timestamp: String,
    pub data: MessageData,
}

/// The identifiers and states a message carries (no personal data).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct MessageData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// The registration's status after the change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The endpoint a test was sent to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_id: Option<String>,
}

/// The content signed for a delivery, as the Standard Webhooks convention defines it.
pub fn signed_content(message_id: &str, timestamp_s: u64, body: &str) -> String {
    format!("{message_id}.{timestamp_s}.{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(url: &str, events: &[&str]) -> WebhookInput {
        WebhookInput {
            url: url.into(),
            description: String::new(),
            events: events.iter().map(|e| e.to_string()).collect(),
            active: true,
        }
    }

    fn refused(url: &str) -> bool {
        destination(url, Destinations::Public).is_err()
    }

    #[test]
    fn production_refuses_addresses_of_its_own_network() {
        for url in [
            "http://crm.example.com/hooks",
            "https://127.0.0.1/x",
            "https://127.1.2.3:8443/x",
            "https://10.0.0.8/x",
            "https://172.16.5.4/x",
            "https://192.168.1.1/x",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/x",
            "https://0.0.0.0/x",
            "https://[::1]/x",
            "https://[fd00::1]/x",
            "https://[fe80::1]/x",
            "https://[::ffff:10.0.0.1]/x",
            "https://localhost/x",
            "https://api.localhost/x",
            "https://printer.local/x",
            "https://intranet/x",
            "https://metadata.google.internal/x",
            // Numeric forms that are the loopback address once parsed.
            "https://2130706433/x",
            "https://0x7f.0.0.1/x",
        ] {
            assert!(refused(url), "{url} should be refused");
        }
        for url in [
            "https://crm.example.com/hooks",
            "https://93.184.216.34/hooks",
            "https://[2606:4700::1111]/hooks",
        ] {
            assert_eq!(destination(url, Destinations::Public), Ok(()), "{url}");
        }
    }

    #[test]
    fn development_allows_a_local_receiver_but_not_other_schemes() {
        assert_eq!(
            destination("http://127.0.0.1:9999/hooks", Destinations::Any),
            Ok(())
        );
        for url in [
            "ftp://example.com/x",
            "not a url",
            "/relative",
            "https://u:p@example.com/",
        ] {
            assert!(destination(url, Destinations::Any).is_err(), "{url}");
        }
    }

    #[test]
    fn an_input_names_each_wrong_field() {
        let wrong = input(
            "nope",
            &[
                "registration.created",
                "registration.created",
                "x",
                "webhook.test",
            ],
        );
        let fields: Vec<String> = wrong
            .validate(Destinations::Any)
            .expect_err("refused")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["url", "events[1]", "events[2]", "events[3]"]);
        let none = input("https://example.com", &[]).validate(Destinations::Any);
        assert_eq!(none.expect_err("refused")[0].field, "events");
        let valid = input(" https://example.com/h ", &["contact.erased"])
            .validate(Destinations::Public)
            .expect("valid");
        assert_eq!(valid.url, "https://example.com/h");
        assert_eq!(valid.events, [EventType::ContactErased]);
    }

    #[test]
    fn event_names_read_back() {
        for t in EventType::SUBSCRIBABLE.into_iter().chain([EventType::Test]) {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_value(t).expect("json"),
                serde_json::Value::String(t.as_str().into())
            );
        }
    }

    #[test]
    fn delivery_statuses_read_back_as_written() {
        for status in [
            DeliveryStatus::Delivered,
            DeliveryStatus::Retrying,
            DeliveryStatus::Failed,
            DeliveryStatus::Skipped,
        ] {
            assert_eq!(DeliveryStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_value(status).expect("json");
            assert_eq!(json, serde_json::Value::String(status.as_str().into()));
        }
    }

    #[test]
    fn a_message_carries_identifiers_only() {
        let message = Message {
            event_type: EventType::RegistrationCreated,
            timestamp: "2026-12-06T10:00:00Z".into(),
            data: MessageData {
                registration_id: Some("r1".into()),
                event_id: Some("e1".into()),
                contact_id: Some("c1".into()),
                status: Some("confirmed".into()),
                endpoint_id: None,
            },
        };
        assert_eq!(
            serde_json::to_string(&message).expect("json"),
            r#"{"type":"registration.created","timestamp":"2026-12-06T10:00:00Z","data":{"registrationId":"r1","eventId":"e1","contactId":"c1","status":"confirmed"}}"#
        );
        assert_eq!(
            signed_content("msg_1", 1614265330, "{}"),
            "msg_1.1614265330.{}"
        );
    }
}
