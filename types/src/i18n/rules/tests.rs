//! Every message the rules and the API can show reads in French: the rules are driven with
//! bad input and each message they produce must have its French; the API's own messages
//! are listed as the worker writes them. The SPA's [`admin_message`] reads them all; the
//! widget's [`rule_message`] reads every message of a refused registration, as the SPA
//! does.

use serde::Deserialize;
use serde_json::json;

use super::*;
use crate::FieldError;
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
use crate::webapp::WebApplicationInput;
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

fn facts(id: &str, active: bool) -> ConfigurationFacts {
    ConfigurationFacts {
        id: id.into(),
        name: format!("Config {id}"),
        active,
        provider_name: "ON24".into(),
        max_duration_minutes: 60,
    }
}

fn webinar_event() -> Event {
    Event {
        id: "e1".into(),
        readable_id: "summit".into(),
        name: "Summit".into(),
        description: String::new(),
        start: "2026-03-14T09:00".into(),
        end: "2026-03-14T11:00".into(),
        time_zone: "Europe/Paris".into(),
        format: EventFormat::Webinar,
        webinar_configuration_id: Some("c1".into()),
        capacity: None,
        waitlist_allowed: false,
        published: false,
        registration_closed: false,
        custom_fields: Default::default(),
        provider_event_id: None,
        audience_url: None,
        preview_url: None,
        provider_copy: None,
        created_at: "t".into(),
        updated_at: "t".into(),
    }
}

#[test]
fn every_message_of_an_event_a_session_or_their_webinar_reads_in_french() {
    let configurations = [facts("c1", true), facts("c2", false)];
    let good = EventInput {
        name: "Summit".into(),
        start: "2026-03-14T09:00".into(),
        end: "2026-03-14T18:00".into(),
        time_zone: "Europe/Paris".into(),
        ..Default::default()
    };
    let mut messages = Vec::new();
    let events = [
        EventInput::default(),
        EventInput {
            readable_id: "Not OK".into(),
            name: long(201),
            description: "x\u{0}".into(),
            start: "14/03/2026".into(),
            time_zone: "Paris".into(),
            format: EventFormat::Webinar,
            capacity: json!(0),
            ..good.clone()
        },
        EventInput {
            name: "a\nb".into(),
            description: long(5001),
            end: "2026-03-14T08:00".into(),
            format: EventFormat::Hybrid,
            webinar_configuration_id: Some("c9".into()),
            capacity: json!(1.5),
            ..good.clone()
        },
        EventInput {
            format: EventFormat::Webinar,
            webinar_configuration_id: Some("c2".into()),
            capacity: json!("ten"),
            ..good.clone()
        },
    ];
    for input in &events {
        messages.extend(refused(input.validate(&[], false)));
        messages.extend(refused(input.validate(&configurations, true)));
    }
    let taken = EventInput {
        readable_id: "summit".into(),
        ..good
    };
    let others = [("e2".to_string(), "summit".to_string())];
    messages.extend(refused(
        taken
            .validate(&[], false)
            .and_then(|d| d.settle_readable_id(&others, None)),
    ));
    let event = webinar_event();
    let sessions = [
        SessionInput::default(),
        SessionInput {
            name: long(201),
            start: "2026-03-14T08:00".into(),
            end: "2026-03-14T19:00".into(),
            webinar_configuration_id: Some("c1".into()),
            ..Default::default()
        },
        SessionInput {
            name: "Keynote".into(),
            start: "2026-03-14T10:00".into(),
            end: "2026-03-14T09:00".into(),
            webinar_configuration_id: Some("c9".into()),
            ..Default::default()
        },
        SessionInput {
            name: "Keynote".into(),
            start: "tomorrow".into(),
            end: "2026-03-14T11:00".into(),
            webinar_configuration_id: Some("c2".into()),
            ..Default::default()
        },
    ];
    for input in &sessions {
        messages.extend(refused(input.validate(&event, &configurations)));
    }
    let webinars = [
        Event {
            name: long(251),
            end: "2026-03-14T09:17".into(),
            ..webinar_event()
        },
        Event {
            start: "soon".into(),
            ..webinar_event()
        },
    ];
    for event in &webinars {
        messages.extend(refused(WebinarCopy::of_event(event)));
    }
    for id in ["", "abc"] {
        let request = WebinarRequest {
            provider_event_id: Some(id.into()),
        };
        messages.extend(refused(request.link()));
    }
    let sent = WebinarCopy::of_event(&webinar_event()).ok();
    let renamed = Event {
        name: "Summit 2026".into(),
        provider_copy: sent,
        ..webinar_event()
    };
    messages.push(crate::webinar::copy_state(&renamed).message);
    assert!(messages.len() > 40, "{messages:?}");
    assert_french(&messages);
}

#[test]
fn every_message_of_a_speaker_or_a_pass_reads_in_french() {
    let mut messages = Vec::new();
    for input in [
        SpeakerInput::default(),
        SpeakerInput {
            name: "a\tb".into(),
            title: "a\tb".into(),
            biography: "x\u{0}".into(),
            ..Default::default()
        },
        SpeakerInput {
            name: long(201),
            title: long(201),
            biography: long(5001),
            ..Default::default()
        },
    ] {
        messages.extend(refused(input.validate()));
    }
    for (name, capacity) in [
        (String::new(), json!(0)),
        ("a\nb".to_string(), json!(2.5)),
        (long(201), json!("ten")),
    ] {
        let input = PassInput {
            name,
            capacity,
            ..Default::default()
        };
        messages.extend(refused(input.validate()));
    }
    assert!(messages.len() > 12, "{messages:?}");
    assert_french(&messages);
}

fn field(entity: Entity, name: &str, field_type: FieldType) -> CustomField {
    CustomField {
        id: format!("f-{name}"),
        entity,
        name: name.into(),
        label: name.into(),
        field_type,
        choices: vec!["Gold".into(), "Silver".into()],
        created_at: "t".into(),
    }
}

#[test]
fn every_message_of_custom_fields_questions_and_website_tables_reads_in_french() {
    let mut messages = Vec::new();
    let many: Vec<String> = (0..51).map(|i| format!("c{i}")).collect();
    for entity in Entity::ALL {
        let existing = [field(entity, "room", FieldType::Text)];
        let inputs = [
            CustomFieldInput {
                entity,
                name: "1x".into(),
                field_type: FieldType::SingleChoice,
                ..Default::default()
            },
            CustomFieldInput {
                entity,
                name: "Room".into(),
                label: long(101),
                field_type: FieldType::SingleChoice,
                choices: many.clone(),
            },
            CustomFieldInput {
                entity,
                name: entity.optional_standard_fields()[0].into(),
                label: "a\u{0}".into(),
                field_type: FieldType::SingleChoice,
                choices: vec!["a".into(), " a ".into()],
            },
            CustomFieldInput {
                entity,
                name: "tier".into(),
                label: "Tier".into(),
                field_type: FieldType::SingleChoice,
                choices: vec!["a\tb".into()],
            },
        ];
        for input in inputs {
            messages.extend(refused(input.validate(&existing, None)));
        }
        let values = serde_json::from_value(json!({"gone": 1})).unwrap_or_default();
        messages.extend(refused(custom::validate_values(&[], entity, &values)));
        let table = WebsiteTableConfigurationInput {
            name: String::new(),
            entity,
            fields: vec!["nope".into()],
        };
        messages.extend(refused(table.validate(&existing)));
    }
    let bad_values = [
        (FieldType::Text, json!(long(2001))),
        (FieldType::Text, json!(5)),
        (FieldType::Text, json!("a\nb")),
        (FieldType::Number, json!("x")),
        (FieldType::Boolean, json!("yes")),
        (FieldType::SingleChoice, json!("Bronze")),
        (FieldType::Date, json!("01/03/2026")),
    ];
    for (field_type, value) in bad_values {
        let custom_field = field(Entity::Event, "f", field_type);
        messages.extend(custom::value(&custom_field, &value).err());
    }
    for input in [
        RegistrationQuestionInput {
            question_type: QuestionType::MultipleChoice,
            ..Default::default()
        },
        RegistrationQuestionInput {
            text: long(501),
            question_type: QuestionType::SingleChoice,
            choices: vec!["a".into(), "a".into()],
            ..Default::default()
        },
        RegistrationQuestionInput {
            text: "Where?\u{7}".into(),
            question_type: QuestionType::SingleChoice,
            choices: many.clone(),
            ..Default::default()
        },
    ] {
        messages.extend(refused(input.validate()));
    }
    assert!(messages.len() > 35, "{messages:?}");
    assert_french(&messages);
}

#[test]
fn every_message_of_settings_and_webinar_records_reads_in_french() {
    let mut messages = Vec::new();
    for input in [
        WebApplicationInput::default(),
        WebApplicationInput {
            name: long(101),
            allowed_origins: vec![
                "http://example.com".into(),
                "https://a.example/path".into(),
                "https://a.example".into(),
                "https://A.example".into(),
            ],
        },
        WebApplicationInput {
            name: "a\u{7}".into(),
            allowed_origins: (0..21).map(|i| format!("https://a{i}.example")).collect(),
        },
    ] {
        messages.extend(refused(input.validate()));
    }
    let on24 = WebinarProvider::on24_seed("t");
    for input in [
        ProviderInput::default(),
        ProviderInput {
            name: long(101),
            base_service_url: "https://bücher.example".into(),
            max_duration_minutes: json!(0),
            terms_of_service_url: "http://x.example".into(),
            privacy_policy_url: "https://user:pw@x.example".into(),
        },
        ProviderInput {
            name: "on24".into(),
            base_service_url: "ftp://x.example".into(),
            max_duration_minutes: json!(1.5),
            terms_of_service_url: format!("https://x.example/{}", long(2048)),
            privacy_policy_url: "https://x.example".into(),
        },
        ProviderInput {
            name: "a\tb".into(),
            max_duration_minutes: json!("sixty"),
            ..on24.to_input()
        },
        ProviderInput {
            name: "on24".into(),
            ..on24.to_input()
        },
    ] {
        messages.extend(refused(
            input.validate_against(std::slice::from_ref(&on24), None),
        ));
    }
    messages.extend(crate::provider::deletion_blocker(&on24));
    let credentials = CredentialsInput {
        client_id: String::new(),
        access_token_key: long(513),
        access_token_secret: "a\tb".into(),
    };
    let configurations = [
        ConfigurationInput {
            credentials: Some(credentials),
            ..Default::default()
        },
        ConfigurationInput {
            name: "Main".into(),
            provider_id: "p9".into(),
            credentials: None,
        },
    ];
    for input in &configurations {
        let others = [("c2".to_string(), "main".to_string())];
        messages.extend(refused(input.validate_against(&[], &others, None)));
    }
    let urls = TermsUrls {
        terms_of_service: "https://x.example/terms".into(),
        privacy_policy: "https://x.example/privacy".into(),
    };
    let accepted = TermsAcceptance {
        accepted_at: "t".into(),
        accepted_by: "admin".into(),
        urls: TermsUrls {
            terms_of_service: "https://x.example/old".into(),
            ..urls.clone()
        },
    };
    messages.extend(crate::integration::activation_blocker("Main", None, &urls));
    messages.extend(crate::integration::activation_blocker(
        "Main",
        Some(&accepted),
        &urls,
    ));
    for reason in [
        OffReason::TermsNotAccepted,
        OffReason::TermsChanged,
        OffReason::NoCredentials,
        OffReason::Inactive,
    ] {
        messages.push(reason.message().into());
    }
    let demo = EventAdministrationInput {
        demo_payment_confirmation: true,
        ..Default::default()
    };
    messages.extend(refused(demo.validate(true)));
    let record = |id: &str, active| EventAdministration {
        id: id.into(),
        name: format!("Defaults {id}"),
        match_strategy: MatchStrategy::Email,
        demo_payment_confirmation: false,
        active,
        created_at: "t".into(),
        updated_at: "t".into(),
    };
    let records = [record("a1", true), record("a2", false)];
    messages.extend(crate::event_admin::activation_blocker(&records, "a2"));
    messages.extend(refused(SignInRequest::default().validate()));
    assert!(messages.len() > 40, "{messages:?}");
    assert_french(&messages);
}

#[test]
fn serdes_words_for_a_value_of_the_wrong_type_read_in_french() {
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        a: u8,
    }
    // What the worker's `http::type_message` keeps of serde's message.
    fn message<T>(result: serde_json::Result<T>) -> String {
        let text = result.err().map(|e| e.to_string()).unwrap_or_default();
        text.split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string()
    }
    let messages = [
        message(serde_json::from_str::<EventInput>(r#"{"name": 5}"#)),
        message(serde_json::from_str::<EventInput>(
            r#"{"format": "online"}"#,
        )),
        message(serde_json::from_str::<EventInput>(
            r#"{"name": "a", "name": "b"}"#,
        )),
        message(serde_json::from_str::<RegistrationInput>(
            r#"{"responses": [{"value": "x"}]}"#,
        )),
        message(serde_json::from_str::<Strict>(r#"{"a": 300}"#)),
        message(serde_json::from_str::<Strict>(r#"{"b": 1}"#)),
        message(serde_json::from_str::<(u8, u8)>("[1]")),
    ];
    for m in &messages {
        assert!(!m.is_empty() && !m.contains(" at line "), "{messages:?}");
    }
    assert_french(&messages);
}

/// The error messages of the worker's API (`worker/src`), as it writes them, with example
/// values where they vary. A message added there must be added here and to the table.
#[test]
fn every_error_message_of_the_api_reads_in_french() {
    let messages = [
        // error.rs: ApiError::body, and the vault's errors (vault.rs, VaultError)
        "Some fields are invalid.",
        "This route accepts GET, POST.",
        "The request body must be JSON (Content-Type: application/json).",
        "The request body must be at most 65536 bytes.",
        "Too many attempts. Try again in 1 seconds.",
        "Too many attempts. Try again in 42 seconds.",
        "Something went wrong on our side. Quote the request id when reporting it.",
        "Credentials unavailable: the CREDENTIALS_KEYRING secret is not set.",
        "Credentials unavailable: the CREDENTIALS_KEYRING secret is invalid: not the expected \
         JSON (Syntax).",
        "Credentials unavailable: the CREDENTIALS_KEYRING secret is invalid: key 'k1' is not 64 \
         hex characters.",
        "Credentials unavailable: the CREDENTIALS_KEYRING secret is invalid: current key 'k2' is \
         not among the keys.",
        "Credentials unavailable: the credentials are wrapped with key 'k0', which is not in \
         CREDENTIALS_KEYRING.",
        "Credentials unavailable: the credentials cannot be decrypted with the configured keys \
         (wrong key or altered record).",
        // http.rs: json_text, parse_json
        "The request body is not valid JSON: it is not UTF-8.",
        "The request body must be a JSON object.",
        "The request body is not valid JSON: EOF while parsing an object.",
        // routes/mod.rs, session.rs, routes/auth.rs, store/object.rs, runtime/bindings.rs
        "The request URL is not valid: relative URL without a base.",
        "There is no API route /api/nothing.",
        "Requests that change data must come from https://convene.example, not https://evil.example.",
        "Requests that change data must carry an Origin header.",
        "Sign in to continue.",
        "Sign-in is not configured: set the ADMIN_PASSWORD secret.",
        "The user name or password is not correct.",
        "The binding CONFIG is missing: declare it in wrangler.toml.",
        // routes/registrations.rs, routes/configurations.rs, routes/public.rs
        "status must be confirmed, waitlisted, cancelled or all.",
        "is required",
        "is not a known webinar provider",
        "must list 1 to 10 attendees",
        "An application token is required: add ?emApplicationtoken=<token> or an \
         Authorization: Bearer header.",
        "A CORS preflight needs an Origin header.",
        "The origin https://evil.example is not allowed.",
        "There is no such Events API route.",
        // store/*.rs, registry/*.rs: not found
        "There is no event with id ev1.",
        "There is no session with id s1 in this event.",
        "There is no speaker with id sp1 in this event.",
        "There is no pass with id p1 in this event.",
        "There is no custom registration field with id q1 in this event.",
        "There is no registration with id r1 for this event.",
        "There is no contact with id c1.",
        "There is no webinar configuration with id wc1.",
        "There is no webinar provider with id on25.",
        "There is no custom field with id f1.",
        "There is no website table configuration with id t1.",
        "There is no event administration record with id a1.",
        "There is no web application with id w1.",
        "There is no published event spring-summit.",
        // store/*.rs, registry/*.rs, metrics.rs, routes/webinar.rs: conflicts
        "A webinar configuration with id wc1 exists.",
        "“Main” is used by: Summit, Keynote. Choose another webinar configuration there first.",
        "ON24 is used by webinar configurations: Main, Backup. Change or delete them first.",
        "A custom field's table, name and type cannot change; create a new field instead.",
        "room is listed by website table configurations: Site, Blog. Remove it there first.",
        "“Summit” already has its webinar at the provider (event 4711).",
        "“Summit” is an in-person event: only webinar and hybrid events have a webinar.",
        "“Summit” has no webinar configuration: choose one first.",
        "The webinar of “Summit” is being created right now; try again in a moment.",
        "The webinar integration of “Main” is off, so nothing is sent to ON24: The configuration \
         is inactive: activate it to turn the integration on.",
        "The webinar integration of “Main” is off, so nothing is asked of ON24: No credentials \
         are stored: enter the provider account's credentials to turn the integration on.",
        "This registration has nothing to send to the webinar provider (its sync state is synced).",
        "The pass p1 has just been deleted from this event; reload the event and try again.",
        "The session s1 has just been deleted from this event; reload the event and try again.",
        "The question q1 has just been deleted from this event; reload the event and try again.",
        "This event has 1 registration and cannot be deleted. Unpublish it instead.",
        "This event has 3 registrations and cannot be deleted. Unpublish it instead.",
        "This pass is held by 1 registration and cannot be deleted.",
        "This pass is held by 2 registrations and cannot be deleted.",
        "This session is chosen by 1 registration and cannot be deleted.",
        "This session is chosen by 2 registrations and cannot be deleted.",
        "This question is answered by 1 registration and cannot be deleted.",
        "This question is answered by 2 registrations and cannot be deleted.",
        "attendees[0]: Registration for this event is closed.",
        "This event is full and has no waitlist.",
        // store/webapps.rs: the public API's credential
        "The application token is not valid.",
        "The origin https://evil.example is not allowed for this application.",
        // on24/mod.rs: create_failure, interpret, interpret_created, send, client_url
        "The webinar was not created: the provider refused the credentials (Invalid \
         accessTokenKey). Check the webinar configuration.",
        "The webinar was not created: api.on24.com did not answer within 10 seconds. Try again \
         later.",
        "The webinar was not created: The provider refused the webinar.",
        "The webinar was not created: The provider's answer did not describe the created webinar.",
        "The webinar was not created: invalid base URL nope: relative URL without a base",
        "Connected: the provider accepted the credentials.",
        "The provider refused the credentials.",
        "Quota exceeded.",
        "The provider refused access with these credentials.",
        "Too many requests.",
        "The provider does not know this client ID.",
        "The provider answered HTTP 500.",
        "Could not reach api.on24.com: network error",
        "invalid base URL data:x",
        // store/configurations.rs, routes/configurations.rs: a check's or a status's message
        "No credentials: the webinar integration is off for this configuration.",
        "No credentials are stored: the webinar integration is off.",
        // on24/registrant.rs, on24/attendance.rs, deliver.rs, store/webinars.rs, metrics.rs:
        // a registration's sync error, a configuration's status message
        "Connected: the provider accepted the last call.",
        "The provider refused this registrant.",
        "The provider refused the credentials (Invalid accessTokenKey): sending is paused until \
         they are replaced.",
        "Convene could not read the event: There is no event with id ev1.",
        "Waiting: the credentials cannot be opened (Credentials unavailable: the \
         CREDENTIALS_KEYRING secret is not set.).",
        "Waiting: “Summit” has no webinar configuration.",
        "Waiting: the webinar of “Summit” is not created at the provider yet.",
        "Waiting: the webinar integration is off (The configuration is inactive: activate it to \
         turn the integration on.)",
        "Waiting: the configuration has no credentials.",
        "Attendance not updated: The provider's attendance report is not JSON.",
        "Attendance not updated: The provider's attendance report lists no attendees.",
        "Attendance updated for 2 started webinar(s).",
    ]
    .map(String::from);
    assert_french(&messages);
    // A message of a message is in French too.
    for message in &messages {
        let french = admin_message(message, Lang::Fr);
        for english in [
            "The provider",
            "Credentials unavailable",
            "There is no",
            "This event",
        ] {
            assert!(!french.contains(english), "{french:?}");
        }
    }
}
