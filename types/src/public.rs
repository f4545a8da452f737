//! The public Events API's shapes (`/api/v1/`), modelled on the source system's Events API
//! so that sites built for it port easily. Optional standard fields and custom fields
//! appear only when a website table configuration lists them.

use crate::prelude::*;
use alloc::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::{Pass, Speaker};
use crate::contact::AttendeeInput;
use crate::custom::{Answer, CustomValues, QuestionType, RegistrationQuestion, expose};
use crate::event::{Event, EventFormat, Session};
use crate::registration::{Availability, RegistrationInput, RegistrationStatus};

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

/// The question a public registration field stands for, as the rules of
/// [`crate::custom::validate_answers`] read it (the registration widget checks answers with
/// the API's own rules).
impl From<&PublicRegistrationField> for RegistrationQuestion {
    fn from(f: &PublicRegistrationField) -> Self {
        RegistrationQuestion {
            id: f.custom_registration_field_id.clone(),
            event_id: String::new(),
            text: f.text.clone(),
            question_type: f.field_type,
            required: f.is_required,
            choices: f
                .choices
                .lines()
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
            created_at: String::new(),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationCount {
    /// Registrations that hold or wait for a seat (not cancelled).
    pub count: u32,
    /// Whether a new registration can be made now (Convene's addition).
    pub availability: Availability,
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

impl PublicAttendee {
    /// The registration input attendee `i` of a request stands for. With the request's
    /// idempotency key `key`, the attendee's own key is `<key>:<i>`.
    pub fn into_input(self, key: Option<&str>, i: usize) -> RegistrationInput {
        RegistrationInput {
            attendee: AttendeeInput {
                email: self.email,
                first_name: self.first_name,
                last_name: self.last_name,
                company: self.company,
            },
            session_ids: self.session_ids,
            idempotency_key: key.map(|k| format!("{}:{i}", k.trim())),
            pass_id: self.pass_id,
            responses: self.responses,
        }
    }
}

/// The name the API gives to field `field` of attendee `i` in its errors.
pub fn attendee_field(i: usize, field: &str) -> String {
    ["attendees[", itoa::Buffer::new().format(i), "].", field].concat()
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
    /// `confirmed` or `waitlisted`; `cancelled` only when a replayed registration was
    /// cancelled since.
    pub status: RegistrationStatus,
    /// For a webinar, the attendee's join link once the provider has given it: absent from
    /// the first answer, given on a replay (same idempotency key) after the sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_url: Option<String>,
    /// For a waitlisted registration, its place on the waitlist when this answer was made
    /// (1: the next to move up, pass capacities permitting; Convene's addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<u32>,
}

/// `{"status": "Success", "errorMessage": null, "registrations": [...]}`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PublicRegistrationResponse {
    pub status: String,
    pub error_message: Option<String>,
    pub registrations: Vec<PublicRegistrationOutcome>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::MatchStrategy;

    fn question_field(required: bool) -> PublicRegistrationField {
        PublicRegistrationField {
            custom_registration_field_id: "q1".into(),
            text: "Diet".into(),
            field_type: QuestionType::SingleChoice,
            is_required: required,
            choices: "Vegan\nNone\n".into(),
        }
    }

    #[test]
    fn a_public_field_is_checked_as_its_question() {
        let question = RegistrationQuestion::from(&question_field(true));
        assert_eq!(question.choices, vec!["Vegan", "None"]);
        assert!(question.required);
        let mut input = PublicAttendee {
            email: "ada@example.org".into(),
            ..Default::default()
        }
        .into_input(None, 0);
        let refused = input
            .validate(
                MatchStrategy::Email,
                &[],
                &[],
                core::slice::from_ref(&question),
            )
            .expect_err("refused");
        assert_eq!(refused[0].field, "responses.q1");
        input.responses = vec![Answer::text("q1", "Vegan")];
        let (attendee, answers) = input
            .validate(MatchStrategy::Email, &[], &[], &[question])
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(attendee.email, "ada@example.org");
        assert_eq!(answers.len(), 1);
    }

    #[test]
    fn each_attendee_has_its_own_idempotency_key_and_error_names() {
        let input = PublicAttendee::default().into_input(Some(" k "), 2);
        assert_eq!(input.idempotency_key.as_deref(), Some("k:2"));
        assert_eq!(
            PublicAttendee::default()
                .into_input(None, 0)
                .idempotency_key,
            None
        );
        assert_eq!(attendee_field(2, "email"), "attendees[2].email");
    }

    #[test]
    fn the_registration_answer_keeps_its_wire_format() {
        let answer = PublicRegistrationResponse {
            status: "Success".into(),
            error_message: None,
            registrations: vec![PublicRegistrationOutcome {
                email: "a@example.org".into(),
                registration_id: "r1".into(),
                status: RegistrationStatus::Waitlisted,
                join_url: None,
                waitlist_position: Some(2),
            }],
        };
        let text = r#"{"status":"Success","errorMessage":null,"registrations":[{"email":"a@example.org","registrationId":"r1","status":"waitlisted","waitlistPosition":2}]}"#;
        assert_eq!(serde_json::to_string(&answer).ok().as_deref(), Some(text));
        let read: PublicRegistrationResponse =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read, answer);
        for status in [RegistrationStatus::Confirmed, RegistrationStatus::Cancelled] {
            let json = serde_json::to_value(status).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(json, serde_json::json!(status.key()));
        }
    }

    #[test]
    fn all_errors_come_together() {
        let input = PublicAttendee {
            email: "not an address".into(),
            session_ids: vec!["s9".into()],
            ..Default::default()
        }
        .into_input(None, 0);
        let errors = input
            .validate(
                MatchStrategy::EmailFirstAndLastName,
                &["s1".into()],
                &[],
                &[],
            )
            .expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "firstName", "lastName", "sessionIds"]);
    }
}
