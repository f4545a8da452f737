//! Reading the Events API's answers. The widget carries no JSON library (serde_json was
//! most of its weight): in the page the host's `JSON.parse` parses, and [`Json`] reads the
//! result through `Reflect` (`page/host.rs`); the tests read serde_json's values the same
//! way. Each reader takes only what the form uses.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use convene_types::FieldError;
use convene_types::custom::QuestionType;
use convene_types::event::EventFormat;
use convene_types::public::{PublicRegistrationField, attendee_field};
use convene_types::registration::{Availability, RegistrationStatus};

use crate::form::{Choice, EventInfo, Outcome, Problem};

/// A parsed JSON value, read by key.
pub trait Json: Sized {
    fn get(&self, key: &str) -> Option<Self>;
    fn string(&self) -> Option<String>;
    fn boolean(&self) -> Option<bool>;
    fn number(&self) -> Option<f64>;
    fn items(&self) -> Option<Vec<Self>>;
}

/// An answer that does not have the shape the Events API documents.
#[derive(Debug, PartialEq, Eq)]
pub struct Unreadable;

fn text<J: Json>(value: &J, key: &str) -> Result<String, Unreadable> {
    value.get(key).and_then(|v| v.string()).ok_or(Unreadable)
}

fn list<J: Json>(value: &J) -> Result<Vec<J>, Unreadable> {
    value.items().ok_or(Unreadable)
}

/// `GET /events/{id}`.
pub fn event<J: Json>(value: &J) -> Result<EventInfo, Unreadable> {
    let format = text(value, "eventFormat")?;
    Ok(EventInfo {
        name: text(value, "eventName")?,
        start: text(value, "startDate")?,
        end: text(value, "endDate")?,
        time_zone: text(value, "timeZone")?,
        format: EventFormat::ALL
            .into_iter()
            .find(|f| f.key() == format)
            .ok_or(Unreadable)?,
    })
}

/// `GET /events/{id}/sessions`.
pub fn sessions<J: Json>(value: &J) -> Result<Vec<Choice>, Unreadable> {
    list(value)?
        .iter()
        .map(|s| {
            Ok(Choice {
                id: text(s, "sessionId")?,
                name: text(s, "name")?,
                start: text(s, "startTime")?,
                end: text(s, "endTime")?,
            })
        })
        .collect()
}

/// `GET /events/{id}/passes`.
pub fn passes<J: Json>(value: &J) -> Result<Vec<Choice>, Unreadable> {
    list(value)?
        .iter()
        .map(|p| {
            Ok(Choice {
                id: text(p, "passId")?,
                name: text(p, "name")?,
                start: String::new(),
                end: String::new(),
            })
        })
        .collect()
}

/// `GET /events/{id}/custom-registration-fields`.
pub fn fields<J: Json>(value: &J) -> Result<Vec<PublicRegistrationField>, Unreadable> {
    list(value)?
        .iter()
        .map(|f| {
            let kind = text(f, "type")?;
            Ok(PublicRegistrationField {
                custom_registration_field_id: text(f, "customRegistrationFieldId")?,
                text: text(f, "text")?,
                field_type: QuestionType::ALL
                    .into_iter()
                    .find(|t| t.key() == kind)
                    .ok_or(Unreadable)?,
                is_required: f.get("isRequired").and_then(|v| v.boolean()) == Some(true),
                choices: text(f, "choices").unwrap_or_default(),
            })
        })
        .collect()
}

/// `GET /events/{id}/registrations/count`: whether a registration can be made now. A
/// Convene that does not say is taken as open (the registration's answer will tell).
pub fn availability<J: Json>(value: &J) -> Availability {
    text(value, "availability")
        .ok()
        .and_then(|a| Availability::parse(&a))
        .unwrap_or(Availability::Open)
}

/// The message of an error answer (`{"error": {"message": …}}`).
pub fn error_message<J: Json>(body: Option<&J>) -> Option<String> {
    text(&body?.get("error")?, "message").ok()
}

/// The answer to a registration: its HTTP `status` and its body, if it was JSON.
pub fn outcome<J: Json>(status: u16, body: Option<&J>) -> Outcome {
    if (200..300).contains(&status) {
        let first = body
            .and_then(|b| b.get("registrations"))
            .and_then(|r| r.items())
            .and_then(|r| r.into_iter().next());
        let status = first
            .as_ref()
            .and_then(|r| text(r, "status").ok())
            .and_then(|s| RegistrationStatus::parse(&s));
        return Outcome::Registered {
            waitlisted: status == Some(RegistrationStatus::Waitlisted),
            place: first
                .as_ref()
                .and_then(|r| r.get("waitlistPosition"))
                .and_then(|p| p.number())
                .filter(|p| *p >= 1.0)
                .map(|p| p as u32),
            join_url: first.and_then(|r| text(&r, "joinUrl").ok()),
        };
    }
    let Some(error) = body.and_then(|b| b.get("error")) else {
        return Outcome::Refused {
            problem: Problem::Status(status),
            fields: Vec::new(),
        };
    };
    // The widget sends one attendee: its errors are named `attendees[0].<control>`.
    let prefix = attendee_field(0, "");
    let fields = error
        .get("fields")
        .and_then(|f| f.items())
        .unwrap_or_default()
        .iter()
        .filter_map(|f| {
            let field = text(f, "field").ok()?;
            Some(FieldError {
                field: field.strip_prefix(&prefix).unwrap_or(&field).to_string(),
                message: text(f, "message").ok()?,
            })
        })
        .collect();
    Outcome::Refused {
        problem: match text(&error, "message") {
            Ok(message) => Problem::Said(message),
            Err(_) => Problem::Status(status),
        },
        fields,
    }
}

#[cfg(test)]
impl Json for serde_json::Value {
    fn get(&self, key: &str) -> Option<Self> {
        serde_json::Value::get(self, key).cloned()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_events_api_reads_become_the_form() {
        let info = event(&json!({
            "readableEventId": "e1", "eventName": "Edge Day",
            "startDate": "2027-03-04T09:00", "endDate": "2027-03-04T18:00",
            "timeZone": "Europe/Paris", "eventFormat": "webinar", "customFields": {}
        }))
        .expect("read");
        assert_eq!(info.name, "Edge Day");
        assert_eq!(info.format, EventFormat::Webinar);
        assert_eq!(event(&json!({"eventName": "x"})), Err(Unreadable));
        let read = sessions(&json!([{"sessionId": "s1", "name": "Keynote",
            "startTime": "2027-03-04T09:00", "endTime": "2027-03-04T10:00", "customFields": {}}]))
        .expect("read");
        assert_eq!(
            (read[0].id.as_str(), read[0].end.as_str()),
            ("s1", "2027-03-04T10:00")
        );
        assert_eq!(
            passes(&json!([{"passId": "p1", "name": "VIP"}])).expect("read")[0].name,
            "VIP"
        );
        assert_eq!(passes(&json!({"passId": "p1"})), Err(Unreadable));
        let questions = fields(&json!([{"customRegistrationFieldId": "q1", "text": "Meal",
            "type": "single_choice", "isRequired": true, "choices": "Vegan\nFish"}]))
        .expect("read");
        assert_eq!(questions[0].field_type, QuestionType::SingleChoice);
        assert!(questions[0].is_required);
        assert_eq!(
            fields(&json!([{"customRegistrationFieldId": "q1", "text": "Meal", "type": "poll"}])),
            Err(Unreadable)
        );
    }

    #[test]
    fn availability_is_read_and_defaults_to_open() {
        assert_eq!(
            availability(&json!({"count": 3, "availability": "full"})),
            Availability::Full
        );
        assert_eq!(
            availability(&json!({"count": 3, "availability": "closed"})),
            Availability::Closed
        );
        assert_eq!(availability(&json!({"count": 3})), Availability::Open);
    }

    #[test]
    fn the_registration_answers_are_read() {
        let ok = json!({"status": "Success", "errorMessage": null, "registrations": [
            {"email": "a@b.c", "registrationId": "r", "status": "waitlisted", "waitlistPosition": 3}]});
        assert_eq!(
            outcome(201, Some(&ok)),
            Outcome::Registered {
                waitlisted: true,
                place: Some(3),
                join_url: None
            }
        );
        let joined = json!({"registrations": [{"status": "confirmed",
            "joinUrl": "https://event.example/join/1"}]});
        assert_eq!(
            outcome(200, Some(&joined)),
            Outcome::Registered {
                waitlisted: false,
                place: None,
                join_url: Some("https://event.example/join/1".into())
            }
        );
        let refused = json!({"error": {"code": "validation_failed", "message": "Some fields are invalid.",
            "fields": [{"field": "attendees[0].firstName", "message": "is required"}]}});
        assert_eq!(
            outcome(400, Some(&refused)),
            Outcome::Refused {
                problem: Problem::Said("Some fields are invalid.".into()),
                fields: vec![FieldError::new("firstName", "is required")],
            }
        );
        assert_eq!(
            outcome::<serde_json::Value>(502, None),
            Outcome::Refused {
                problem: Problem::Status(502),
                fields: vec![]
            }
        );
        let missing =
            json!({"error": {"code": "not_found", "message": "There is no published event x."}});
        assert_eq!(
            error_message(Some(&missing)).as_deref(),
            Some("There is no published event x.")
        );
        assert_eq!(error_message::<serde_json::Value>(None), None);
    }
}
