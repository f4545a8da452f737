//! Every message the rules and the API can show reads in French: the rules are driven with
//! bad input and each message they produce must have its French; the API's own messages
//! are listed as the worker writes them. The SPA's [`admin_message`] reads them all; the
//! widget's [`rule_message`] reads every message of a refused registration, as the SPA
//! does.

use serde::Deserialize;
use serde_json::json;

use super::*;
use crate::FieldError;
use crate::audit::AuditQuery;
use crate::auth::SignInRequest;
use crate::catalog::{PassInput, SpeakerInput};
use crate::configuration::{ConfigurationInput, CredentialsInput};
use crate::contact::{AttendeeInput, MatchStrategy};
use crate::custom::{
    self, Answer, CustomField, CustomFieldInput, Entity, FieldType, QuestionType,
    RegistrationQuestion, RegistrationQuestionInput, WebsiteTableConfigurationInput,
};
use crate::event::{ConfigurationFacts, Event, EventFormat, EventInput, SessionInput};
use crate::event_admin::{EventAdministration, EventAdministrationInput};
use crate::integration::{OffReason, TermsAcceptance, TermsUrls};
use crate::provider::{ProviderInput, WebinarProvider};
use crate::registration::RegistrationInput;
use crate::retention::RetentionSetting;
use crate::user::{PasswordChange, Role, UserInput};
use crate::webapp::WebApplicationInput;
use crate::webhook::{Destinations, WebhookInput};
use crate::webinar::{WebinarCopy, WebinarRequest};

/// Asserts that `translate` gives each message its French, and that English leaves it as
/// it is.
fn assert_french_by(translate: fn(&str, Lang) -> String, messages: &[String]) {
    for message in messages {
        let french = translate(message, Lang::Fr);
        assert_ne!(&french, message, "no French for {message:?}");
        assert!(!french.contains("{}"), "{message:?} reads {french:?}");
        assert_eq!(&translate(message, Lang::En), message);
    }
}

/// [`assert_french_by`] the SPA's [`admin_message`].
fn assert_french(messages: &[String]) {
    assert_french_by(admin_message, messages);
}

/// The messages of a refused input (none when it is accepted).
fn refused<T>(result: Result<T, Vec<FieldError>>) -> Vec<String> {
    result
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.message)
        .collect()
}

fn long(n: usize) -> String {
    "x".repeat(n)
}

#[test]
fn every_entry_reads_in_french_with_its_varying_parts() {
    for (english, french) in entries(EVERY) {
        let parts = english.matches("{}").count();
        assert_eq!(french.matches("{}").count(), parts, "{english:?}");
        assert!(english.len() > 2 * parts, "{english:?} has no fixed text");
        assert_ne!(english, french);
        assert!(!french.contains('\''), "{french:?}: write ’");
        let prose = french
            .replace("https://", "")
            .replace("Content-Type:", "")
            .replace("Authorization:", "");
        for (at, _) in prose.match_indices(':') {
            let time = prose[..at].ends_with(|c: char| c.is_ascii_digit());
            assert!(
                time || prose[..at].ends_with(' '),
                "{french:?}: a space before “:”"
            );
        }
    }
}

#[test]
fn each_message_is_in_one_table_and_no_earlier_entry_takes_it() {
    assert_eq!(
        entries(EVERY).count(),
        REGISTRATION_MESSAGES.len() + ADMIN_MESSAGES.len()
    );
    for (english, _) in REGISTRATION_MESSAGES {
        assert!(
            ADMIN_MESSAGES.iter().all(|(en, _)| en != english),
            "{english:?} is in both tables"
        );
    }
    // In the order each lookup searches: the widget's table alone, and the registration
    // table then the admin table for the SPA.
    for tables in [REGISTRATION, EVERY] {
        for (i, (english, _)) in entries(tables).enumerate() {
            let sample = english.replace("{}", "X7");
            let first =
                entries(tables).position(|(en, fr)| fill(tables, en, fr, &sample).is_some());
            assert_eq!(
                first,
                Some(i),
                "{english:?} comes after a more general entry"
            );
        }
    }
    // A registration message whose varying part reads as an admin message (a question's
    // text or choices are anyone's) is still read as that registration message, as in the
    // one table the two were cut from: the SPA searches the registration table first.
    for (english, _) in REGISTRATION_MESSAGES {
        for (other, _) in ADMIN_MESSAGES {
            let message = english.replace("{}", &other.replace("{}", "X7"));
            let first = entries(EVERY).find(|(en, fr)| fill(EVERY, en, fr, &message).is_some());
            assert_eq!(first.map(|(en, _)| en), Some(english), "{message:?}");
        }
    }
}

#[test]
fn varying_parts_keep_their_order_and_messages_in_them_read_in_french() {
    let cases = [
        (
            "must be at most 200 characters",
            "doit compter au plus 200 caractères",
        ),
        (
            "s9 is not a session of this event",
            "s9 n’est pas une session de cet événement",
        ),
        (
            "must be a whole number from 1 to 1440",
            "doit être un nombre entier de 1 à 1440",
        ),
        (
            "makes the session 300 minutes long, more than ON24's maximum of 240 minutes: split \
             it into several sessions",
            "porte la durée de la session à 300 minutes, au-delà du maximum de ON24 (240 \
             minutes) : divisez-la en plusieurs sessions",
        ),
        (
            "The webinar was not created: Could not reach api.on24.com: timed out Try again later.",
            "Le webinaire n’a pas été créé : Impossible de joindre api.on24.com : timed out \
             Réessayez plus tard.",
        ),
        (
            "Credentials unavailable: the CREDENTIALS_KEYRING secret is invalid: key 'k1' is not \
             64 hex characters.",
            "Identifiants indisponibles : le secret CREDENTIALS_KEYRING n’est pas valide : la \
             clé « k1 » ne compte pas 64 caractères hexadécimaux.",
        ),
        (
            "attendees[1]: This event is full and has no waitlist.",
            "attendees[1] : Cet événement est complet et n’a pas de liste d’attente.",
        ),
        (
            "is already a speaker field",
            "est déjà le nom d’un champ des intervenants",
        ),
        ("Something new.", "Something new."),
    ];
    for (english, french) in cases {
        assert_eq!(admin_message(english, Lang::Fr), french);
        assert_eq!(admin_message(english, Lang::En), english);
    }
}

/// Every message a refused registration can carry, from the rules themselves.
fn refusals() -> Vec<String> {
    let question = |id: &str, question_type, choices: &[&str]| RegistrationQuestion {
        id: id.into(),
        event_id: String::new(),
        text: "Meal".into(),
        question_type,
        required: true,
        choices: choices.iter().map(|c| c.to_string()).collect(),
        created_at: String::new(),
    };
    let questions = [
        question("q1", QuestionType::SingleChoice, &["Vegan", "Fish"]),
        question("q2", QuestionType::Boolean, &[]),
        question("q3", QuestionType::MultipleChoice, &["Rust", "KV"]),
        question("q4", QuestionType::SimpleText, &[]),
        question("q5", QuestionType::SimpleText, &[]),
        question(
            "q6",
            QuestionType::MultipleChoice,
            &["Paris", "France", "Paris, France"],
        ),
    ];
    let inputs = [
        (AttendeeInput::default(), vec![], None),
        (
            AttendeeInput {
                email: "not an address".into(),
                first_name: "a\u{7}".into(),
                last_name: long(5000),
                company: long(5000),
            },
            vec![
                Answer::text("q1", "Meat"),
                Answer::text("q2", "Maybe"),
                Answer::text("q3", "Go"),
                Answer::text("q4", &long(5000)),
                Answer::text("q5", "two\nlines"),
                Answer::text("q6", "Paris, France"),
                Answer::text("q9", "?"),
            ],
            Some(String::new()),
        ),
        (
            AttendeeInput {
                company: "A\tB".into(),
                ..AttendeeInput::default()
            },
            vec![
                Answer::choices("q1", vec!["Vegan".into()]),
                Answer {
                    value: "KV".into(),
                    ..Answer::choices("q3", vec!["Rust".into()])
                },
                Answer::choices("q6", vec!["Lyon".into()]),
            ],
            Some("key\u{0}".into()),
        ),
    ];
    let mut messages = Vec::new();
    for (attendee, responses, idempotency_key) in inputs {
        let input = RegistrationInput {
            attendee,
            session_ids: vec!["s9".into()],
            idempotency_key,
            pass_id: Some("p9".into()),
            responses,
        };
        for strategy in MatchStrategy::ALL {
            messages.extend(refused(input.validate(strategy, &[], &[], &questions)));
        }
    }
    messages.extend([FULL, PASS_FULL, CLOSED, "Some fields are invalid."].map(String::from));
    messages
}

/// The widget's own test: its table alone reads all it can be answered.
#[test]
fn every_message_of_a_refused_registration_reads_in_french() {
    let messages = refusals();
    assert!(messages.len() > 30, "{messages:?}");
    assert_french_by(rule_message, &messages);
    assert_eq!(
        rule_message("must be at most 200 characters", Lang::Fr),
        "doit compter au plus 200 caractères"
    );
    assert_eq!(
        rule_message("s9 is not a session of this event", Lang::Fr),
        "s9 n’est pas une session de cet événement"
    );
    assert_eq!(
        rule_message("There is no published event spring-summit.", Lang::Fr),
        "Il n’y a pas d’événement publié spring-summit."
    );
    assert_eq!(rule_message("Something new.", Lang::Fr), "Something new.");
}

#[test]
fn the_widget_and_the_spa_read_a_registrations_messages_alike() {
    let mut messages = refusals();
    messages.extend(
        REGISTRATION_MESSAGES
            .iter()
            .map(|(english, _)| english.replace("{}", "X7")),
    );
    // A part that is itself a registration message.
    messages.push("is required: must be Yes or No".into());
    for message in &messages {
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(
                rule_message(message, lang),
                admin_message(message, lang),
                "{message:?}"
            );
        }
    }
    // The widget does not carry the admin table: the SPA's messages stay in English there.
    for message in [
        "is not a known webinar provider",
        "The webinar was not created: Quota exceeded.",
    ] {
        assert_eq!(rule_message(message, Lang::Fr), message);
        assert_ne!(admin_message(message, Lang::Fr), message);
    }
}

mod api;
mod records;
