//! What the widget does, without the page: the event as the Events API describes it, what
//! the attendee typed, the checks (the API's own rules, from `convene-types`) and the
//! wording of every answer. Plain Rust, so `cargo test` covers it natively.

use convene_types::FieldError;
use convene_types::contact::MatchStrategy;
use convene_types::custom::{RegistrationQuestion, response_field};
use convene_types::error::ErrorBody;
use convene_types::public::{
    PublicAttendee, PublicEvent, PublicPass, PublicRegistrationField, PublicRegistrationRequest,
    PublicRegistrationResponse, PublicSession, attendee_field,
};
use convene_types::registration::RegistrationStatus;

/// An event and what its registration form offers, read from the Events API.
#[derive(Clone, Debug)]
pub struct Event {
    pub event: PublicEvent,
    pub sessions: Vec<PublicSession>,
    pub passes: Vec<PublicPass>,
    pub fields: Vec<PublicRegistrationField>,
}

/// What the attendee entered, as the form holds it: every control by its name, a
/// multiple choice question or the sessions once per ticked box.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    pub values: Vec<(String, String)>,
}

/// The form control names the widget renders and reads back.
pub mod control {
    pub const EMAIL: &str = "email";
    pub const FIRST_NAME: &str = "firstName";
    pub const LAST_NAME: &str = "lastName";
    pub const COMPANY: &str = "company";
    pub const SESSIONS: &str = "sessionIds";
    pub const PASS: &str = "passId";
}

impl Entry {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.values
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn one(&self, name: &str) -> String {
        self.all(name).next().unwrap_or_default().to_string()
    }
}

impl Event {
    /// The registration fields as the API's rules read them (and as the form shows them).
    pub fn questions(&self) -> Vec<RegistrationQuestion> {
        self.fields.iter().map(RegistrationQuestion::from).collect()
    }

    /// The attendee `entry` describes; each answer is what its question's control holds
    /// ([`RegistrationQuestion::answer`]).
    pub fn attendee(&self, entry: &Entry) -> PublicAttendee {
        let responses = self
            .questions()
            .iter()
            .filter_map(|q| {
                let name = q.input().name;
                let entered: Vec<&str> = entry.all(&name).collect();
                q.answer(&entered)
            })
            .collect();
        let pass = entry.one(control::PASS);
        PublicAttendee {
            email: entry.one(control::EMAIL),
            first_name: entry.one(control::FIRST_NAME),
            last_name: entry.one(control::LAST_NAME),
            company: entry.one(control::COMPANY),
            pass_id: (!pass.is_empty()).then_some(pass),
            waitlisted: false,
            session_ids: entry.all(control::SESSIONS).map(str::to_string).collect(),
            responses,
        }
    }

    /// The request to send for `entry`, or the errors the API would answer, each named by
    /// its form control. The contact matching strategy is not public: the widget checks
    /// with the default (email), and a name the strategy requires comes back from the API.
    pub fn request(
        &self,
        entry: &Entry,
        idempotency_key: &str,
    ) -> Result<PublicRegistrationRequest, Vec<FieldError>> {
        let attendee = self.attendee(entry);
        let sessions: Vec<String> = self.sessions.iter().map(|s| s.session_id.clone()).collect();
        let passes: Vec<String> = self.passes.iter().map(|p| p.pass_id.clone()).collect();
        attendee.clone().into_input(None, 0).validate(
            MatchStrategy::Email,
            &sessions,
            &passes,
            &self.questions(),
        )?;
        Ok(PublicRegistrationRequest {
            attendees: vec![attendee],
            idempotency_key: Some(idempotency_key.to_string()),
            hip_object: None,
        })
    }

    /// What a field is called on the form, for messages ("Email is required").
    pub fn label(&self, control: &str) -> String {
        match control {
            control::EMAIL => "Email".into(),
            control::FIRST_NAME => "First name".into(),
            control::LAST_NAME => "Last name".into(),
            control::COMPANY => "Company".into(),
            control::SESSIONS => "Sessions".into(),
            control::PASS => "Pass".into(),
            other => self
                .fields
                .iter()
                .find(|f| response_field(&f.custom_registration_field_id) == other)
                .map(|f| f.text.clone())
                .unwrap_or_else(|| other.to_string()),
        }
    }

    /// The sentence shown for `error`: its field's label, then the message. A required
    /// question's message names the question already ("is required: Meal"): not twice.
    pub fn sentence(&self, error: &FieldError) -> String {
        let label = self.label(&error.field);
        let message = error
            .message
            .strip_suffix(&format!(": {label}"))
            .unwrap_or(&error.message);
        format!("{label} {message}")
    }

    /// When the event takes place, in its own time zone.
    pub fn when(&self) -> String {
        let e = &self.event;
        let (start_day, start_time) = split(&e.start_date);
        let (end_day, end_time) = split(&e.end_date);
        if start_day == end_day {
            format!("{start_day}, {start_time}–{end_time} ({})", e.time_zone)
        } else {
            format!(
                "{start_day} {start_time} – {end_day} {end_time} ({})",
                e.time_zone
            )
        }
    }
}

fn split(local: &str) -> (&str, &str) {
    let (day, time) = local.split_once('T').unwrap_or((local, ""));
    (day, time.get(..5).unwrap_or(time))
}

/// What the API answered to a registration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Registered, with a seat or on the waitlist.
    Registered { waitlisted: bool },
    /// Refused: a message for the whole form, and errors named by form control.
    Refused {
        message: String,
        fields: Vec<FieldError>,
    },
}

impl Outcome {
    /// Reads the API's answer: its status and body.
    pub fn read(status: u16, body: &str) -> Outcome {
        if (200..300).contains(&status) {
            let waitlisted = serde_json::from_str::<PublicRegistrationResponse>(body)
                .map(|r| {
                    r.registrations
                        .iter()
                        .any(|o| o.status == RegistrationStatus::Waitlisted)
                })
                .unwrap_or(false);
            return Outcome::Registered { waitlisted };
        }
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(error) => {
                let prefix = attendee_field(0, "");
                let fields = error
                    .error
                    .fields
                    .into_iter()
                    .map(|f| FieldError {
                        field: f
                            .field
                            .strip_prefix(&prefix)
                            .map(str::to_string)
                            .unwrap_or(f.field),
                        message: f.message,
                    })
                    .collect();
                Outcome::Refused {
                    message: error.error.message,
                    fields,
                }
            }
            Err(_) => Outcome::Refused {
                message: format!("The registration could not be sent (HTTP {status})."),
                fields: Vec::new(),
            },
        }
    }

    /// The confirmation shown in place of the form: what happened, and nothing more (no
    /// email or other message is sent, so none is promised).
    pub fn confirmation(waitlisted: bool) -> &'static str {
        if waitlisted {
            "The event is full: you are on the waitlist."
        } else {
            "You are registered."
        }
    }
}

/// The message of an error answer to a read (unknown event, refused token or origin).
pub fn read_error(status: u16, body: &str) -> String {
    serde_json::from_str::<ErrorBody>(body)
        .map(|e| e.error.message)
        .unwrap_or_else(|_| format!("The event could not be loaded (HTTP {status})."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use convene_types::custom::{Answer, QuestionType};
    use convene_types::event::EventFormat;
    use serde_json::json;

    fn event() -> Event {
        Event {
            event: serde_json::from_value(json!({
                "readableEventId": "e1", "eventName": "Edge Day",
                "startDate": "2027-03-04T09:00:00", "endDate": "2027-03-04T18:00:00",
                "timeZone": "Europe/Paris", "eventFormat": EventFormat::InPerson,
                "customFields": {}
            }))
            .unwrap_or_else(|e| panic!("{e}")),
            sessions: vec![
                serde_json::from_value(json!({
                    "sessionId": "s1", "name": "Keynote", "startTime": "t", "endTime": "t",
                    "customFields": {}
                }))
                .unwrap_or_else(|e| panic!("{e}")),
            ],
            passes: vec![
                serde_json::from_value(json!({
                    "passId": "p1", "name": "VIP", "customFields": {}
                }))
                .unwrap_or_else(|e| panic!("{e}")),
            ],
            fields: vec![
                PublicRegistrationField {
                    custom_registration_field_id: "q1".into(),
                    text: "Workshops".into(),
                    field_type: QuestionType::MultipleChoice,
                    is_required: true,
                    choices: "Rust\nWASM\nKV".into(),
                },
                PublicRegistrationField {
                    custom_registration_field_id: "q2".into(),
                    text: "Newsletter".into(),
                    field_type: QuestionType::Boolean,
                    is_required: false,
                    choices: String::new(),
                },
            ],
        }
    }

    fn entry(pairs: &[(&str, &str)]) -> Entry {
        Entry {
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn an_empty_form_is_refused_with_the_apis_rules() {
        let errors = event()
            .request(&Entry::default(), "k")
            .expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "responses.q1"]);
        assert_eq!(event().sentence(&errors[0]), "Email is required");
        assert_eq!(event().sentence(&errors[1]), "Workshops is required");
        let named = FieldError::new("firstName", "is required: contacts are matched by name");
        assert_eq!(
            event().sentence(&named),
            "First name is required: contacts are matched by name"
        );
    }

    #[test]
    fn a_complete_form_becomes_one_attendee() {
        let form = entry(&[
            ("email", " ada@example.org "),
            ("firstName", "Ada"),
            ("lastName", "Lovelace"),
            ("company", ""),
            ("sessionIds", "s1"),
            ("passId", "p1"),
            ("responses.q1", "KV"),
            ("responses.q1", "Rust"),
            ("responses.q2", ""),
        ]);
        let request = event()
            .request(&form, "key-1")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(request.idempotency_key.as_deref(), Some("key-1"));
        let a = &request.attendees[0];
        assert_eq!(a.session_ids, ["s1"]);
        assert_eq!(a.pass_id.as_deref(), Some("p1"));
        // Choices in the question's order, listed; an unanswered question is left out.
        assert_eq!(
            a.responses,
            vec![Answer::choices("q1", vec!["Rust".into(), "KV".into()])]
        );
        assert_eq!(a.responses[0].value, "Rust, KV");
    }

    #[test]
    fn a_choice_holding_the_separator_is_sent_as_a_list() {
        let mut cities = event();
        cities.fields[0].choices = "Paris, France\nLyon".into();
        let form = entry(&[
            ("email", "ada@example.org"),
            ("responses.q1", "Paris, France"),
            ("responses.q2", "Yes"),
        ]);
        let request = cities
            .request(&form, "k")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            request.attendees[0].responses,
            [
                Answer::choices("q1", vec!["Paris, France".into()]),
                Answer::text("q2", "Yes")
            ]
        );
    }

    #[test]
    fn a_pass_or_session_the_event_does_not_offer_is_refused() {
        let form = entry(&[
            ("email", "ada@example.org"),
            ("passId", "p9"),
            ("sessionIds", "s9"),
            ("responses.q1", "Rust"),
        ]);
        let errors = event().request(&form, "k").expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["passId", "sessionIds"]);
    }

    #[test]
    fn the_apis_answers_are_read() {
        let ok = json!({"status": "Success", "errorMessage": null, "registrations": [
            {"email": "a@b.c", "registrationId": "r", "status": "waitlisted"}]});
        assert_eq!(
            Outcome::read(201, &ok.to_string()),
            Outcome::Registered { waitlisted: true }
        );
        let refused = json!({"error": {"code": "validation_failed", "message": "Invalid input.",
            "fields": [{"field": "attendees[0].firstName", "message": "is required"}]}});
        assert_eq!(
            Outcome::read(400, &refused.to_string()),
            Outcome::Refused {
                message: "Invalid input.".into(),
                fields: vec![FieldError::new("firstName", "is required")],
            }
        );
        assert_eq!(
            Outcome::read(502, "<html>"),
            Outcome::Refused {
                message: "The registration could not be sent (HTTP 502).".into(),
                fields: vec![],
            }
        );
        let missing =
            json!({"error": {"code": "not_found", "message": "There is no published event x."}});
        assert_eq!(
            read_error(404, &missing.to_string()),
            "There is no published event x."
        );
    }

    #[test]
    fn the_confirmation_says_only_what_happened() {
        // Convene sends no email: the confirmation must not promise one, nor any later news.
        assert_eq!(Outcome::confirmation(false), "You are registered.");
        assert_eq!(
            Outcome::confirmation(true),
            "The event is full: you are on the waitlist."
        );
    }

    #[test]
    fn the_date_reads_in_the_events_time_zone() {
        assert_eq!(event().when(), "2027-03-04, 09:00–18:00 (Europe/Paris)");
        let mut two_days = event();
        two_days.event.end_date = "2027-03-05T12:30:00".into();
        assert_eq!(
            two_days.when(),
            "2027-03-04 09:00 – 2027-03-05 12:30 (Europe/Paris)"
        );
    }
}
