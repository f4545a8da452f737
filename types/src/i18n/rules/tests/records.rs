//! The admin records' rules, driven with bad input: each message they produce reads in
//! French.

use super::*;

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
            input.validate_against(core::slice::from_ref(&on24), None),
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
    for (input, creating) in [
        (UserInput::default(), true),
        (
            UserInput {
                username: "ana lee".into(),
                role: Some(Role::Viewer),
                password: "short".into(),
            },
            false,
        ),
        (
            UserInput {
                username: long(65),
                role: Some(Role::Viewer),
                password: long(257),
            },
            false,
        ),
    ] {
        messages.extend(refused(input.validate(creating)));
    }
    messages.extend(refused(PasswordChange::default().validate()));
    messages.extend(refused(AuditQuery::from_pairs([
        ("recordType", "x"),
        ("from", "x"),
    ])));
    messages.extend(refused(RetentionSetting { months: Some(0) }.validate()));
    for (url, events) in [
        (
            "nope",
            vec!["registration.created", "registration.created", "x"],
        ),
        ("ftp://example.com", vec![]),
        ("https://u:p@example.com", vec!["contact.erased"]),
        ("http://example.com", vec!["contact.erased"]),
        ("https://10.0.0.1", vec!["contact.erased"]),
    ] {
        let input = WebhookInput {
            url: url.into(),
            description: long(201),
            events: events.into_iter().map(String::from).collect(),
            active: true,
        };
        messages.extend(refused(input.validate(Destinations::Public)));
    }
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
