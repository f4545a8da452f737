//! Registrations: capacity, waitlist, cancellation and the CSV export.

use crate::prelude::*;
use const_format::formatcp;
use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::contact::{AttendeeInput, MatchStrategy};
use crate::custom::{Answer, RegistrationQuestion, validate_answers};
use crate::sync::{Attendance, SessionWebinar};

mod daily;
mod seats;

pub use daily::{DAYS_MAX, DailyCount, per_day};

pub use seats::{
    Availability, CLOSED, Capacity, FULL, PASS_FULL, decide, decide_with_pass, promotes,
};

pub const IDEMPOTENCY_KEY_MAX: usize = 200;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
}

impl RegistrationStatus {
    pub fn key(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "confirmed" => Some(RegistrationStatus::Confirmed),
            "waitlisted" => Some(RegistrationStatus::Waitlisted),
            "cancelled" => Some(RegistrationStatus::Cancelled),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "Confirmed",
            RegistrationStatus::Waitlisted => "Waitlisted",
            RegistrationStatus::Cancelled => "Cancelled",
        }
    }
}

/// Where a registration stands with the webinar provider.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Not sent yet (or no webinar: nothing to send).
    #[default]
    Pending,
    Synced,
    Failed,
    /// In-person event: there is no webinar provider to sync with.
    NotRequired,
}

impl SyncState {
    pub fn key(self) -> &'static str {
        match self {
            SyncState::Pending => "pending",
            SyncState::Synced => "synced",
            SyncState::Failed => "failed",
            SyncState::NotRequired => "not_required",
        }
    }

    pub fn parse(text: &str) -> Self {
        match text {
            "synced" => SyncState::Synced,
            "failed" => SyncState::Failed,
            "not_required" => SyncState::NotRequired,
            _ => SyncState::Pending,
        }
    }
}

/// A registration as an administrator (or, later, the Events API) submits it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationInput {
    #[serde(flatten)]
    pub attendee: AttendeeInput,
    #[serde(default)]
    pub session_ids: Vec<String>,
    /// A retried submission with the same key never creates a second registration.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    #[serde(default)]
    pub pass_id: Option<String>,
    /// Answers to the event's custom registration fields.
    #[serde(default)]
    pub responses: Vec<Answer>,
}

impl RegistrationInput {
    /// Every check of a registration, as the API makes it and as the registration widget
    /// makes it before sending: the attendee for `strategy`, then [`Self::validate_extras`];
    /// all errors together. Returns the trimmed attendee and the cleaned answers.
    pub fn validate(
        &self,
        strategy: MatchStrategy,
        sessions: &[String],
        passes: &[String],
        questions: &[RegistrationQuestion],
    ) -> Result<(AttendeeInput, Vec<Answer>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let attendee = self
            .attendee
            .validate(strategy)
            .map_err(|mut e| errors.append(&mut e))
            .ok();
        let answers = self
            .validate_extras(sessions, passes, questions)
            .map_err(|mut e| errors.append(&mut e))
            .ok();
        match (attendee, answers) {
            (Some(attendee), Some(answers)) => Ok((attendee, answers)),
            _ => Err(errors),
        }
    }

    /// Checks the idempotency key, the session ids and pass against the event's, and the
    /// answers against its questions; returns the cleaned answers.
    pub fn validate_extras(
        &self,
        sessions: &[String],
        passes: &[String],
        questions: &[RegistrationQuestion],
    ) -> Result<Vec<Answer>, Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Some(pass) = &self.pass_id
            && !passes.contains(pass)
        {
            errors.push(FieldError::new(
                "passId",
                [pass, " is not a pass of this event"].concat(),
            ));
        }
        let answers = validate_answers(questions, &self.responses)
            .map_err(|mut e| errors.append(&mut e))
            .unwrap_or_default();
        if let Some(key) = &self.idempotency_key {
            let k = key.trim();
            if k.is_empty() || k.len() > IDEMPOTENCY_KEY_MAX || k.chars().any(char::is_control) {
                errors.push(FieldError::new(
                    "idempotencyKey",
                    formatcp!("must be 1 to {IDEMPOTENCY_KEY_MAX} printable characters"),
                ));
            }
        }
        if let Some(unknown) = self.session_ids.iter().find(|s| !sessions.contains(s)) {
            errors.push(FieldError::new(
                "sessionIds",
                [unknown, " is not a session of this event"].concat(),
            ));
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }
}

/// A registration as the API returns it, with its contact.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    pub id: String,
    pub event_id: String,
    pub session_ids: Vec<String>,
    pub contact_id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub status: RegistrationStatus,
    pub created_at: String,
    pub sync_state: SyncState,
    pub sync_attempts: u32,
    pub sync_error: Option<String>,
    /// The provider's id of this registrant, once it has answered.
    #[serde(default)]
    pub provider_registrant_id: Option<String>,
    /// The attendee's own link to the webinar, once the provider has given it.
    #[serde(default)]
    pub join_url: Option<String>,
    /// What the provider reported after the webinar (`None`: nothing pulled yet).
    #[serde(default)]
    pub attendance: Option<Attendance>,
    /// The same for the webinars of its sessions that have their own.
    #[serde(default)]
    pub session_webinars: Vec<SessionWebinar>,
    pub idempotency_key: Option<String>,
    #[serde(default)]
    pub pass_id: Option<String>,
    #[serde(default)]
    pub responses: Vec<Answer>,
    /// True when this answer replays an earlier registration with the same idempotency key.
    #[serde(default)]
    pub replayed: bool,
}

/// One CSV field: quoted when needed (RFC 4180), and text a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@`, tab, carriage return first) prefixed with `'`.
pub fn csv_field(value: &str) -> String {
    let safe = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

pub const CSV_HEADER: &str = "registration_id,status,created_at,email,first_name,last_name,\
    company,sessions,sync_state,sync_error,provider_registrant_id,join_url,attended,live_minutes,\
    archive_minutes,engagement_score";

/// The CSV export of `registrations`, header first, CRLF line ends.
pub fn csv(registrations: &[Registration]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for r in registrations {
        let attendance = r.attendance.as_ref();
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let row = [
            r.id.as_str(),
            r.status.key(),
            r.created_at.as_str(),
            r.email.as_str(),
            r.first_name.as_str(),
            r.last_name.as_str(),
            r.company.as_str(),
            &r.session_ids.join(" "),
            r.sync_state.key(),
            r.sync_error.as_deref().unwrap_or_default(),
            r.provider_registrant_id.as_deref().unwrap_or_default(),
            r.join_url.as_deref().unwrap_or_default(),
            attendance.map_or("", |a| if a.attended { "yes" } else { "no" }),
            &number(attendance.map(|a| a.live_minutes)),
            &number(attendance.map(|a| a.archive_minutes)),
            &attendance
                .and_then(|a| a.engagement_score)
                .map(crate::sync::score_text)
                .unwrap_or_default(),
        ]
        .map(csv_field)
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extras_are_checked() {
        let sessions = vec!["s1".to_string()];
        let ok = RegistrationInput {
            session_ids: vec!["s1".into()],
            idempotency_key: Some("k-1".into()),
            ..Default::default()
        };
        assert!(ok.validate_extras(&sessions, &[], &[]).is_ok());
        let bad = RegistrationInput {
            session_ids: vec!["s9".into()],
            idempotency_key: Some(" ".into()),
            ..Default::default()
        };
        let errors = bad.validate_extras(&sessions, &[], &[]).expect_err("bad");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["idempotencyKey", "sessionIds"]);
    }

    #[test]
    fn the_attendee_is_flattened_in_json() {
        let input: RegistrationInput = serde_json::from_str(
            r#"{"email":"a@example.com","firstName":"A","sessionIds":["s1"],"idempotencyKey":"k"}"#,
        )
        .expect("parses");
        assert_eq!(input.attendee.email, "a@example.com");
        assert_eq!(input.attendee.first_name, "A");
        assert_eq!(input.idempotency_key.as_deref(), Some("k"));
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+33 1 23"), "'+33 1 23");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn csv_has_a_header_and_one_line_per_registration() {
        let r = Registration {
            id: "r1".into(),
            event_id: "e1".into(),
            session_ids: vec!["s1".into(), "s2".into()],
            contact_id: "c1".into(),
            email: "élodie@example.com".into(),
            first_name: "Élodie".into(),
            last_name: "Martin, Jr".into(),
            company: String::new(),
            status: RegistrationStatus::Waitlisted,
            created_at: "2026-01-01T00:00:00.000Z".into(),
            sync_state: SyncState::Pending,
            sync_attempts: 0,
            sync_error: None,
            provider_registrant_id: None,
            join_url: None,
            attendance: None,
            session_webinars: vec![],
            idempotency_key: None,
            pass_id: None,
            responses: vec![],
            replayed: false,
        };
        let synced = Registration {
            id: "r2".into(),
            status: RegistrationStatus::Confirmed,
            sync_state: SyncState::Synced,
            provider_registrant_id: Some("901".into()),
            join_url: Some("https://event.example/j/901".into()),
            attendance: Some(Attendance {
                attended: true,
                live_minutes: 42,
                archive_minutes: 3,
                engagement_score: Some(7.5),
            }),
            ..r.clone()
        };
        let text = csv(&[r, synced]);
        let lines: Vec<_> = text.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(
            lines[1],
            "r1,waitlisted,2026-01-01T00:00:00.000Z,élodie@example.com,Élodie,\"Martin, Jr\",,s1 s2,pending,,,,,,,"
        );
        assert_eq!(
            lines[2],
            "r2,confirmed,2026-01-01T00:00:00.000Z,élodie@example.com,Élodie,\"Martin, Jr\",,s1 s2,synced,,901,https://event.example/j/901,yes,42,3,7.5"
        );
        assert_eq!(lines.len(), 4);
    }
}
