use convene_types::custom::{Answer, QuestionType};

use super::*;

fn event() -> Event {
    Event {
        info: EventInfo {
            name: "Edge Day".into(),
            start: "2027-03-04T09:00".into(),
            end: "2027-03-04T18:00".into(),
            time_zone: "Europe/Paris".into(),
            format: EventFormat::InPerson,
        },
        sessions: vec![Choice {
            id: "s1".into(),
            name: "Keynote".into(),
            start: "2027-03-04T09:00".into(),
            end: "2027-03-04T10:00".into(),
        }],
        passes: vec![Choice {
            id: "p1".into(),
            name: "VIP".into(),
            start: String::new(),
            end: String::new(),
        }],
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
        availability: Availability::Open,
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
fn an_empty_form_is_refused_with_the_apis_rules_in_either_language() {
    let errors = event().check(&Entry::default()).expect_err("refused");
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["email", "responses.q1"]);
    assert_eq!(event().sentence(&errors[0], Lang::En), "Email is required");
    assert_eq!(
        event().sentence(&errors[1], Lang::En),
        "Workshops is required"
    );
    assert_eq!(
        event().sentence(&errors[0], Lang::Fr),
        "E-mail : est obligatoire"
    );
    assert_eq!(
        event().sentence(&errors[1], Lang::Fr),
        "Workshops : est obligatoire"
    );
    let named = FieldError::new(
        "firstName",
        "is required: contacts are matched by first and last name",
    );
    assert_eq!(
        event().sentence(&named, Lang::En),
        "First name is required: contacts are matched by first and last name"
    );
    assert_eq!(
        event().sentence(&named, Lang::Fr),
        "Prénom : est obligatoire : les contacts sont rapprochés par prénom et nom"
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
    let a = event().check(&form).unwrap_or_else(|e| panic!("{e:?}"));
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
    let attendee = cities.check(&form).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        attendee.responses,
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
    let errors = event().check(&form).expect_err("refused");
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["passId", "sessionIds"]);
}

#[test]
fn a_full_or_closed_event_is_said_before_anyone_types() {
    let mut e = event();
    assert_eq!(e.notice(), None);
    e.availability = Availability::Waitlist;
    assert_eq!(e.notice(), Some((Text::WaitlistOnly, true)));
    e.availability = Availability::Full;
    assert_eq!(e.notice(), Some((Text::Full, false)));
    e.availability = Availability::Closed;
    assert_eq!(e.notice(), Some((Text::Closed, false)));
    assert_eq!(
        Text::Closed.get(Lang::Fr),
        "Les inscriptions à cet événement sont closes."
    );
}

#[test]
fn problems_and_the_confirmation_say_only_what_happened() {
    assert_eq!(
        Problem::Status(502).show(Lang::En),
        "The registration could not be sent. HTTP status: 502"
    );
    assert_eq!(
        Problem::Said("This event is full and has no waitlist.".into()).show(Lang::Fr),
        "Cet événement est complet et n’a pas de liste d’attente."
    );
    assert_eq!(confirmation(false, None, Lang::En), "You are registered.");
    assert_eq!(
        confirmation(true, None, Lang::En),
        "You are on the waitlist."
    );
    assert_eq!(
        confirmation(true, Some(2), Lang::En),
        "You are on the waitlist. Your place on the waitlist: 2."
    );
    assert_eq!(
        confirmation(true, Some(2), Lang::Fr),
        "Vous êtes sur la liste d’attente. Votre place sur la liste d’attente : 2."
    );
}
