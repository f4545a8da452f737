//! The event and session rules, natively.

use super::*;
use serde_json::json;

fn facts(id: &str, active: bool, max: u32) -> ConfigurationFacts {
    ConfigurationFacts {
        id: id.into(),
        name: format!("Config {id}"),
        active,
        provider_name: "ON24".into(),
        max_duration_minutes: max,
    }
}

fn input() -> EventInput {
    EventInput {
        name: "Spring Summit".into(),
        start: "2026-03-14T09:00".into(),
        end: "2026-03-14T18:00".into(),
        time_zone: "Europe/Paris".into(),
        format: EventFormat::Webinar,
        webinar_configuration_id: Some("c1".into()),
        capacity: json!(100),
        ..Default::default()
    }
}

fn event(format: EventFormat) -> Event {
    Event {
        id: "e1".into(),
        readable_id: "spring-summit".into(),
        name: "Spring Summit".into(),
        description: String::new(),
        start: "2026-03-14T09:00".into(),
        end: "2026-03-14T18:00".into(),
        time_zone: "Europe/Paris".into(),
        format,
        webinar_configuration_id: Some("c1".into()),
        capacity: None,
        waitlist_allowed: false,
        published: false,
        registration_closed: false,
        custom_fields: CustomValues::new(),
        provider_event_id: None,
        audience_url: None,
        preview_url: None,
        provider_copy: None,
        created_at: "t".into(),
        updated_at: "t".into(),
    }
}

/// An in-person event named `name` from `start` to `end` (local times).
pub(super) fn event_named(name: &str, start: &str, end: &str) -> Event {
    Event {
        name: name.into(),
        start: start.into(),
        end: end.into(),
        ..event(EventFormat::InPerson)
    }
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn local_times_parse_and_format_back() {
    for (text, back) in [
        ("2026-03-14T09:30", "2026-03-14T09:30"),
        (" 2024-02-29T23:59 ", "2024-02-29T23:59"),
        ("2026-03-14T09:30:45", "2026-03-14T09:30"),
        ("0001-01-01T00:00", "0001-01-01T00:00"),
    ] {
        let parsed = parse_local(text).unwrap_or_else(|| panic!("{text} parses"));
        assert_eq!(format_local(parsed), back);
    }
    for bad in [
        "",
        "2026-02-29T09:30",
        "2026-13-01T09:30",
        "2026-00-10T09:30",
        "2026-04-31T09:30",
        "2026-03-14T24:00",
        "2026-03-14T09:60",
        "2026-03-14 09:30",
        "2026-3-14T09:30",
        "2026-03-14T9:30",
        "+026-03-14T09:30",
        "2026-03-14T09:3a",
        "2026-03-14T09:30:4",
        "2026-03-14T09:30Z",
        "2026-03-14T09:30:45Z",
        "2026-03-\u{e9}T09:30",
        "2026-03-1\u{e9}T09:3",
    ] {
        assert_eq!(parse_local(bad), None, "{bad}");
    }
}

#[test]
fn slugs_are_url_safe_and_unique() {
    assert_eq!(
        slugify("Élodie's Spring  Summit 2026!"),
        "elodie-s-spring-summit-2026"
    );
    assert_eq!(slugify("¿¡!"), "event");
    assert_eq!(unique_slug("summit", &["summit", "summit-2"]), "summit-3");
    assert_eq!(unique_slug("summit", &["other"]), "summit");
    assert!(valid_readable_id("spring-summit-2026"));
    for bad in ["", "Spring", "a--b", "-a", "a-", "a_b", "é"] {
        assert!(!valid_readable_id(bad), "{bad}");
    }
    assert!(slugify(&"long name ".repeat(40)).len() <= READABLE_ID_MAX);
}

#[test]
fn a_valid_event_is_normalized() {
    let draft = input()
        .validate(&[facts("c1", true, 240)], true)
        .expect("valid");
    assert_eq!(draft.capacity, Some(100));
    assert_eq!(draft.webinar_configuration_id.as_deref(), Some("c1"));
    let draft = draft
        .settle_readable_id(&[("e9".into(), "spring-summit".into())], None)
        .expect("ok");
    assert_eq!(draft.readable_id, "spring-summit-2");
}

#[test]
fn webinar_events_need_an_active_configuration() {
    let none = EventInput {
        webinar_configuration_id: None,
        ..input()
    };
    assert_eq!(
        fields(&none.validate(&[], true).expect_err("missing")),
        ["webinarConfigurationId"]
    );
    let inactive = input()
        .validate(&[facts("c1", false, 240)], true)
        .expect_err("inactive");
    assert!(inactive[0].message.contains("inactive"));
    let unknown = input()
        .validate(&[facts("c2", true, 240)], true)
        .expect_err("unknown");
    assert_eq!(fields(&unknown), ["webinarConfigurationId"]);
    let in_person = EventInput {
        format: EventFormat::InPerson,
        webinar_configuration_id: None,
        ..input()
    };
    assert_eq!(
        in_person
            .validate(&[], true)
            .expect("valid")
            .webinar_configuration_id,
        None
    );
}

#[test]
fn times_zone_capacity_and_ids_are_checked() {
    let bad = EventInput {
        readable_id: "Not Valid".into(),
        start: "14/03/2026".into(),
        end: "".into(),
        time_zone: "Paris".into(),
        capacity: json!(0),
        ..input()
    };
    assert_eq!(
        fields(
            &bad.validate(&[facts("c1", true, 240)], true)
                .expect_err("bad")
        ),
        ["readableId", "start", "end", "timeZone", "capacity"]
    );
    let backwards = EventInput {
        end: "2026-03-14T08:00".into(),
        ..input()
    };
    assert_eq!(
        fields(
            &backwards
                .validate(&[facts("c1", true, 240)], true)
                .expect_err("backwards")
        ),
        ["end"]
    );
    let unlimited = EventInput {
        capacity: Value::Null,
        ..input()
    };
    assert_eq!(
        unlimited
            .validate(&[facts("c1", true, 240)], true)
            .expect("ok")
            .capacity,
        None
    );
    let taken = input()
        .validate(&[facts("c1", true, 240)], true)
        .map(|d| EventDraft {
            readable_id: "x".into(),
            ..d
        })
        .expect("ok")
        .settle_readable_id(&[("e2".into(), "x".into())], Some("e1"));
    assert_eq!(fields(&taken.expect_err("taken")), ["readableId"]);
    assert!(plausible_time_zone("America/Argentina/Buenos_Aires"));
    assert!(plausible_time_zone("UTC"));
    assert!(!plausible_time_zone("europe/paris"));
}

#[test]
fn sessions_stay_inside_the_event() {
    let session = SessionInput {
        name: "Keynote".into(),
        start: "2026-03-14T08:30".into(),
        end: "2026-03-14T18:30".into(),
        webinar_configuration_id: None,
        custom_fields: CustomValues::new(),
    };
    let errors = session
        .validate(&event(EventFormat::InPerson), &[])
        .expect_err("outside");
    assert_eq!(fields(&errors), ["start", "end"]);
}

#[test]
fn a_webinar_session_longer_than_the_provider_allows_is_refused() {
    let configs = [facts("c1", true, 240)];
    let ok = SessionInput {
        name: "Morning".into(),
        start: "2026-03-14T09:00".into(),
        end: "2026-03-14T13:00".into(),
        webinar_configuration_id: Some("c1".into()),
        custom_fields: CustomValues::new(),
    };
    assert!(
        ok.validate(&event(EventFormat::Webinar), &configs).is_ok(),
        "exactly 240 minutes"
    );
    let long = SessionInput {
        end: "2026-03-14T13:01".into(),
        ..ok.clone()
    };
    let errors = long
        .validate(&event(EventFormat::Hybrid), &configs)
        .expect_err("too long");
    assert_eq!(fields(&errors), ["end"]);
    assert!(
        errors[0].message.contains("split it into several sessions"),
        "{}",
        errors[0].message
    );
    assert!(errors[0].message.contains("241 minutes"));
    let missing = SessionInput {
        webinar_configuration_id: None,
        ..ok
    };
    assert_eq!(
        fields(
            &missing
                .validate(&event(EventFormat::Webinar), &configs)
                .expect_err("none")
        ),
        ["webinarConfigurationId"]
    );
}

#[test]
fn names_are_one_line_and_descriptions_refuse_controls_but_line_breaks() {
    use crate::validate::{MULTI_LINE, SINGLE_LINE};
    let configs = [facts("c1", true, 240)];
    for bad in ["Spring\0Summit", "Spring\rSummit", "Spring\nSummit"] {
        let named = EventInput {
            name: bad.into(),
            ..input()
        };
        let errors = named.validate(&configs, true).expect_err("refused");
        assert_eq!(fields(&errors), ["name"], "{bad:?}");
        assert_eq!(errors[0].message, SINGLE_LINE);
        let session = SessionInput {
            name: bad.into(),
            start: "2026-03-14T09:00".into(),
            end: "2026-03-14T10:00".into(),
            ..Default::default()
        };
        let errors = session
            .validate(&event(EventFormat::InPerson), &[])
            .expect_err("refused");
        assert_eq!(fields(&errors), ["name"], "{bad:?}");
    }
    let described = |description: &str| EventInput {
        description: description.into(),
        ..input()
    };
    let kept = described("Day one.\r\nDay two.\n\tThe end.")
        .validate(&configs, true)
        .expect("line breaks and tabs are kept");
    assert_eq!(kept.description, "Day one.\r\nDay two.\n\tThe end.");
    for bad in ["a\0b", "a\u{1b}[2J", "a\u{7f}"] {
        let errors = described(bad)
            .validate(&configs, true)
            .expect_err("refused");
        assert_eq!(fields(&errors), ["description"], "{bad:?}");
        assert_eq!(errors[0].message, MULTI_LINE);
    }
}

#[test]
fn events_sort_by_start() {
    let mk = |name: &str, start: &str| Event {
        name: name.into(),
        start: start.into(),
        ..event(EventFormat::InPerson)
    };
    let all = vec![mk("b", "2026-05-01T09:00"), mk("a", "2026-04-01T09:00")];
    let names: Vec<_> = list(all, &ListQuery::default())
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["a", "b"]);
}
