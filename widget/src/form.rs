//! What the widget does, without the page: the event as the Events API describes it, what
//! the attendee typed, the checks (the API's own rules, from `convene-types`) and the
//! wording of every answer, in English or French (`convene_types::i18n`). Plain Rust, so
//! `cargo test` covers it natively.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use convene_types::FieldError;
use convene_types::contact::MatchStrategy;
use convene_types::custom::{RegistrationQuestion, response_field};
use convene_types::event::EventFormat;
use convene_types::i18n::{Lang, Text, rule_message};
use convene_types::public::{PublicAttendee, PublicRegistrationField};
use convene_types::registration::{Availability, RegistrationInput};

/// The event itself, as the form shows it. Times are the event's local wall-clock times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventInfo {
    pub name: String,
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub format: EventFormat,
}

/// A session or a pass the attendee may choose; a pass has no times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub name: String,
    pub start: String,
    pub end: String,
}

/// An event and what its registration form offers, read from the Events API.
#[derive(Clone, Debug)]
pub struct Event {
    pub info: EventInfo,
    pub sessions: Vec<Choice>,
    pub passes: Vec<Choice>,
    pub fields: Vec<PublicRegistrationField>,
    pub availability: Availability,
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

    /// Why the form is not offered (full without a waitlist, or closed), or what it should
    /// say first (new registrations join the waitlist).
    pub fn notice(&self) -> Option<(Text, bool)> {
        match self.availability {
            Availability::Open => None,
            Availability::Waitlist => Some((Text::WaitlistOnly, true)),
            Availability::Full => Some((Text::Full, false)),
            Availability::Closed => Some((Text::Closed, false)),
        }
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

    /// The attendee to send for `entry`, or the errors the API would answer, each named by
    /// its form control. The contact matching strategy is not public: the widget checks
    /// with the default (email), and a name the strategy requires comes back from the API.
    pub fn check(&self, entry: &Entry) -> Result<PublicAttendee, Vec<FieldError>> {
        let attendee = self.attendee(entry);
        let ids =
            |choices: &[Choice]| -> Vec<String> { choices.iter().map(|c| c.id.clone()).collect() };
        let input: RegistrationInput = attendee.clone().into_input(None, 0);
        input.validate(
            MatchStrategy::Email,
            &ids(&self.sessions),
            &ids(&self.passes),
            &self.questions(),
        )?;
        Ok(attendee)
    }

    /// What a field is called on the form, for messages ("Email is required").
    pub fn label(&self, control: &str, lang: Lang) -> String {
        let text = match control {
            control::EMAIL => Text::Email,
            control::FIRST_NAME => Text::FirstName,
            control::LAST_NAME => Text::LastName,
            control::COMPANY => Text::Company,
            control::SESSIONS => Text::Sessions,
            control::PASS => Text::Pass,
            other => {
                return self
                    .fields
                    .iter()
                    .find(|f| response_field(&f.custom_registration_field_id) == other)
                    .map_or_else(|| other.to_string(), |f| f.text.clone());
            }
        };
        text.get(lang).to_string()
    }

    /// The sentence shown for `error`: its field's label, then the message. A required
    /// question's message names the question already ("is required: Meal"): not twice.
    pub fn sentence(&self, error: &FieldError, lang: Lang) -> String {
        let label = self.label(&error.field, lang);
        let message = rule_message(&error.message, lang);
        let message = message
            .strip_suffix(&label)
            .and_then(|m| m.strip_suffix(" : ").or_else(|| m.strip_suffix(": ")))
            .unwrap_or(&message);
        lang.field_sentence(&label, message)
    }

    /// Whether the event is run on a webinar provider (its attendees get a join link).
    pub fn is_webinar(&self) -> bool {
        self.info.format.needs_webinar()
    }
}

/// What the whole form says when a registration is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The API's message.
    Said(String),
    /// An error answer without a message: its HTTP status.
    Status(u16),
    /// The widget's own words.
    Own(Text),
}

impl Problem {
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Problem::Said(message) => rule_message(message, lang),
            Problem::Status(status) => [
                Text::SendFailed.get(lang),
                itoa::Buffer::new().format(*status),
            ]
            .join(" "),
            Problem::Own(text) => text.get(lang).to_string(),
        }
    }
}

/// What the API answered to a registration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Registered, with a seat or on the waitlist; for a webinar, the join link once the
    /// provider has given it.
    Registered {
        waitlisted: bool,
        /// A waitlisted registration's place on the waitlist (1: the next to move up, pass
        /// capacities permitting).
        place: Option<u32>,
        join_url: Option<String>,
    },
    /// Refused: a message for the whole form, and errors named by form control.
    Refused {
        problem: Problem,
        fields: Vec<FieldError>,
    },
}

/// The confirmation shown in place of the form: what happened, and nothing more (no
/// email or other message is sent by Convene, so none is promised); on the waitlist, the
/// place when the API gives it.
pub fn confirmation(waitlisted: bool, place: Option<u32>, lang: Lang) -> String {
    match (waitlisted, place) {
        (false, _) => Text::Registered.get(lang).to_string(),
        (true, None) => Text::Waitlisted.get(lang).to_string(),
        (true, Some(place)) => [
            Text::Waitlisted.get(lang),
            " ",
            Text::WaitlistPlace.get(lang),
            " ",
            itoa::Buffer::new().format(place),
            ".",
        ]
        .concat(),
    }
}

#[cfg(test)]
mod tests;
