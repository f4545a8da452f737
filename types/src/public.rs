//! The public Events API's shapes (`/api/v1/`), modelled on the source system's Events API
//! so that sites built for it port easily. Optional standard fields and custom fields
//! appear only when a website table configuration lists them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::{Pass, Speaker};
use crate::custom::{Answer, CustomValues, QuestionType, RegistrationQuestion, expose};
use crate::event::{Event, EventFormat, Session};

/// Most attendees one registration request may carry.
pub const ATTENDEES_MAX: usize = 10;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PublicEvent {
    pub readable_event_id: String,
    pub event_name: String,
    pub start_date: String,
    pub end_date: String,
    pub time_zone: String,
    pub event_format: EventFormat,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_capacity: Option<Option<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_waitlist: Option<bool>,
    pub custom_fields: CustomValues,
}

impl PublicEvent {
    pub fn from(event: &Event, exposed: &BTreeSet<String>) -> Self {
        let listed = |name: &str| exposed.contains(name);
        PublicEvent {
            readable_event_id: event.readable_id.clone(),
            event_name: event.name.clone(),
            start_date: event.start.clone(),
            end_date: event.end.clone(),
            time_zone: event.time_zone.clone(),
            event_format: event.format,
            description: listed("description").then(|| event.description.clone()),
            max_capacity: listed("maxCapacity").then_some(event.capacity),
            show_waitlist: listed("showWaitlist").then_some(event.waitlist_allowed),
            custom_fields: expose(&event.custom_fields, exposed),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PublicSession {
    pub session_id: String,
    pub name: String,
    pub start_time: String,
    pub end_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webinar: Option<bool>,
    pub custom_fields: CustomValues,
}

impl PublicSession {
    pub fn from(session: &Session, exposed: &BTreeSet<String>) -> Self {
        PublicSession {
            session_id: session.id.clone(),
            name: session.name.clone(),
            start_time: session.start.clone(),
            end_time: session.end.clone(),
            webinar: exposed
                .contains("webinar")
                .then(|| session.webinar_configuration_id.is_some()),
            custom_fields: expose(&session.custom_fields, exposed),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PublicSpeaker {
    pub speaker_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub biography: Option<String>,
    pub custom_fields: CustomValues,
}

impl PublicSpeaker {
    pub fn from(speaker: &Speaker, exposed: &BTreeSet<String>) -> Self {
        PublicSpeaker {
            speaker_id: speaker.id.clone(),
            name: speaker.name.clone(),
            title: exposed.contains("title").then(|| speaker.title.clone()),
            biography: exposed
                .contains("biography")
                .then(|| speaker.biography.clone()),
            custom_fields: expose(&speaker.custom_fields, exposed),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PublicPass {
    pub pass_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Option<u32>>,
    pub custom_fields: CustomValues,
}

impl PublicPass {
    pub fn from(pass: &Pass, exposed: &BTreeSet<String>) -> Self {
        PublicPass {
            pass_id: pass.id.clone(),
            name: pass.name.clone(),
            capacity: exposed.contains("capacity").then_some(pass.capacity),
            custom_fields: expose(&pass.custom_fields, exposed),
        }
    }
}

/// The source system's custom registration field shape; `choices` newline-separated.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PublicRegistrationField {
    pub custom_registration_field_id: String,
    pub text: String,
    #[serde(rename = "type")]
    pub field_type: QuestionType,
    pub is_required: bool,
    pub choices: String,
}

impl From<&RegistrationQuestion> for PublicRegistrationField {
    fn from(q: &RegistrationQuestion) -> Self {
        PublicRegistrationField {
            custom_registration_field_id: q.id.clone(),
            text: q.text.clone(),
            field_type: q.question_type,
            is_required: q.required,
            choices: q.choices.join("\n"),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationCount {
    /// Registrations that hold or wait for a seat (not cancelled).
    pub count: u32,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct PublicAttendee {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub pass_id: Option<String>,
    /// Accepted for compatibility; the waitlist is decided by capacity, not by the client.
    #[serde(default)]
    pub waitlisted: bool,
    #[serde(default)]
    pub session_ids: Vec<String>,
    #[serde(default)]
    pub responses: Vec<Answer>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct PublicRegistrationRequest {
    #[serde(default)]
    pub attendees: Vec<PublicAttendee>,
    /// Per request; attendee `i` uses `{key}:{i}`.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// Captcha payload of the source system; ignored (no captcha here).
    #[serde(default)]
    pub hip_object: Option<Value>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PublicRegistrationOutcome {
    pub email: String,
    pub registration_id: String,
    /// `confirmed` or `waitlisted`.
    pub status: String,
}

/// `{"status": "Success", "errorMessage": null, "registrations": [...]}`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PublicRegistrationResponse {
    pub status: String,
    pub error_message: Option<String>,
    pub registrations: Vec<PublicRegistrationOutcome>,
}
