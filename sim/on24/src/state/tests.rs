//! The state on its own: registrant upserts, events, modes, reset.

use super::*;

fn write(email: &str, fields: &[(&str, &str)]) -> RegistrantWrite {
    RegistrantWrite {
        email: email.to_string(),
        fields: fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .chain([("email".to_string(), email.to_string())])
            .collect(),
        deleted: None,
        create: true,
    }
}

#[test]
fn every_client_starts_with_the_seeded_event() {
    let mut state = State::new(Vec::new());
    let events = state.events("1");
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].eventid, events[0].title.as_str()),
        (SEED_EVENT_ID, SEED_EVENT_TITLE)
    );
}

#[test]
fn repeat_registration_by_email_updates_instead_of_duplicating() {
    let mut state = State::new(Vec::new());
    let first = state
        .write_registrant("1", 55, write("Ada@Example.com", &[("firstname", "Ada")]))
        .expect("created");
    assert!(first.created);
    assert_eq!(first.registrant.eventuserid, FIRST_EVENTUSERID);

    let again = state
        .write_registrant(
            "1",
            55,
            write(" ada@example.COM ", &[("lastname", "Lovelace")]),
        )
        .expect("updated");
    assert!(!again.created);
    assert_eq!(again.registrant.eventuserid, FIRST_EVENTUSERID);
    assert_eq!(again.registrant.email, "ada@example.COM");
    assert_eq!(again.registrant.fields["firstname"], "Ada");
    assert_eq!(again.registrant.fields["lastname"], "Lovelace");
    assert_eq!(state.registrants("1", 55).len(), 1);

    // Another email is another registrant; the same email in another event or client too.
    let other = state
        .write_registrant("1", 55, write("bob@example.com", &[]))
        .expect("created");
    assert_eq!(other.registrant.eventuserid, FIRST_EVENTUSERID + 1);
    let elsewhere = state
        .write_registrant("2", 55, write("ada@example.com", &[]))
        .expect("created");
    assert!(elsewhere.created);
    assert_eq!(state.registrants("1", 55).len(), 2);
    assert_eq!(state.registrants("2", 55).len(), 1);
}

#[test]
fn created_webinars_get_their_own_ids_and_are_listed() {
    let mut state = State::new(Vec::new());
    let answer = state.create_event("1", "Launch".into(), |id| serde_json::json!({ "id": id }));
    assert_eq!(answer["id"], FIRST_CREATED_EVENT_ID);
    state.create_event("1", "Second".into(), |id| serde_json::json!({ "id": id }));
    let titles: Vec<&str> = state.events("1").iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, [SEED_EVENT_TITLE, "Launch", "Second"]);
    assert_eq!(
        state.events("2").len(),
        1,
        "another client's events are its own"
    );
    state.reset();
    let again = state.create_event(
        "1",
        "After reset".into(),
        |id| serde_json::json!({ "id": id }),
    );
    assert_eq!(again["id"], FIRST_CREATED_EVENT_ID);
}

#[test]
fn events_are_created_on_first_registrant() {
    let mut state = State::new(Vec::new());
    state
        .write_registrant("1", 77, write("a@b.c", &[]))
        .expect("created");
    let ids: Vec<u64> = state.events("1").iter().map(|e| e.eventid).collect();
    assert_eq!(ids, [77, SEED_EVENT_ID]);
    assert_eq!(state.events("2").len(), 1);
}

#[test]
fn patch_and_delete_need_an_existing_registrant() {
    let mut state = State::new(Vec::new());
    let patch = RegistrantWrite {
        create: false,
        ..write("a@b.c", &[])
    };
    assert!(state.write_registrant("1", 9, patch.clone()).is_none());
    let delete = RegistrantWrite {
        deleted: Some(true),
        ..write("a@b.c", &[])
    };
    assert!(state.write_registrant("1", 9, delete.clone()).is_none());
    // Neither created the event.
    assert_eq!(state.events("1").len(), 1);

    state
        .write_registrant("1", 9, write("a@b.c", &[]))
        .expect("created");
    assert!(state.write_registrant("1", 9, patch).is_some());
    let deleted = state.write_registrant("1", 9, delete).expect("deleted");
    assert!(deleted.registrant.deleted);
    assert!(state.registrants("1", 9).is_empty());
}

#[test]
fn attendance_overrides_merge_and_reset_keeps_credentials() {
    let credential = Credential {
        client_id: "1".into(),
        key: "k".into(),
        secret: "s".into(),
    };
    let mut state = State::new(vec![credential.clone()]);
    state
        .write_registrant("1", 9, write("a@b.c", &[]))
        .expect("created");
    let values: Map<String, Value> = serde_json::from_str(r#"{"liveminutes": 42}"#).expect("json");
    assert_eq!(state.set_attendance(None, 9, "A@B.C", &values), 1);
    assert_eq!(state.set_attendance(Some("2"), 9, "a@b.c", &values), 0);
    assert_eq!(state.set_attendance(None, 10, "a@b.c", &values), 0);
    assert_eq!(state.registrants("1", 9)[0].attendance["liveminutes"], 42);

    state.mode = Mode::Fail;
    state.add_credential(credential.clone());
    assert_eq!(state.credentials.len(), 1);
    state.reset();
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.credentials, [credential]);
    assert!(state.registrants("1", 9).is_empty());
    let again = state
        .write_registrant("1", 9, write("x@y.z", &[]))
        .expect("created");
    assert_eq!(again.registrant.eventuserid, FIRST_EVENTUSERID);
}

#[test]
fn modes_parse() {
    assert_eq!(Mode::parse("normal", None), Ok(Mode::Normal));
    assert_eq!(Mode::parse("fail", Some(5)), Ok(Mode::Fail));
    assert_eq!(Mode::parse("quota", None), Ok(Mode::Quota));
    assert_eq!(
        Mode::parse("slow", None),
        Ok(Mode::Slow(Duration::from_millis(DEFAULT_SLOW_MS)))
    );
    assert_eq!(
        Mode::parse("slow", Some(250)),
        Ok(Mode::Slow(Duration::from_millis(250)))
    );
    assert!(Mode::parse("slow", Some(MAX_SLOW_MS + 1)).is_err());
    assert!(Mode::parse("Slow", None).is_err());
}

#[test]
fn forget_replaces_personal_fields_within_one_client() {
    let mut state = State::new(Vec::new());
    let ada = [("firstname", "Ada"), ("company", "AE")];
    state
        .write_registrant("1", 9, write("ada@example.com", &ada))
        .expect("created");
    state
        .write_registrant("1", 10, write("ADA@example.com", &[]))
        .expect("created");
    state
        .write_registrant("2", 9, write("ada@example.com", &ada))
        .expect("created");
    let values: Map<String, Value> =
        serde_json::from_str(r#"{"email": "ada@example.com", "liveminutes": 3}"#).expect("json");
    state.set_attendance(Some("1"), 9, "ada@example.com", &values);

    assert_eq!(state.forget("1", " Ada@Example.com "), 2);
    let erased = state.registrants("1", 9)[0].clone();
    let id = FIRST_EVENTUSERID;
    assert_eq!(erased.email, format!("{id}-deleted"));
    let fields: Vec<(&str, &str)> = erased
        .fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let email = format!("{id}-deleted");
    assert_eq!(
        fields,
        [
            ("company", ERASED),
            ("email", email.as_str()),
            ("firstname", ERASED),
            ("lastname", ERASED),
        ]
    );
    // Attendance figures stay; an override carrying the old email does not.
    assert_eq!(erased.attendance.get("liveminutes"), Some(&Value::from(3)));
    assert_eq!(erased.attendance.get("email"), None);
    assert_eq!(
        state.registrants("1", 10)[0].email,
        format!("{}-deleted", id + 1)
    );
    assert_eq!(state.registrants("2", 9)[0].email, "ada@example.com");

    // Idempotent; an unknown client is not created by a forget.
    assert_eq!(state.forget("1", "ada@example.com"), 0);
    assert_eq!(state.forget("3", "ada@example.com"), 0);
    assert!(state.all_registrants().iter().all(|h| h.client_id != "3"));
}

#[test]
fn all_registrants_are_listed_in_creation_order_deleted_ones_too() {
    let mut state = State::new(Vec::new());
    assert!(state.all_registrants().is_empty());
    state
        .write_registrant("2", 9, write("b@x.y", &[]))
        .expect("created");
    state
        .write_registrant("1", 10, write("a@x.y", &[]))
        .expect("created");
    state
        .write_registrant("1", 9, write("c@x.y", &[]))
        .expect("created");
    let delete = RegistrantWrite {
        deleted: Some(true),
        ..write("b@x.y", &[])
    };
    state.write_registrant("2", 9, delete).expect("deleted");
    let listed: Vec<(&str, u64, u64, bool)> = state
        .all_registrants()
        .iter()
        .map(|h| {
            (
                h.client_id,
                h.event_id,
                h.registrant.eventuserid,
                h.registrant.deleted,
            )
        })
        .collect();
    let id = FIRST_EVENTUSERID;
    assert_eq!(
        listed,
        [
            ("2", 9, id, true),
            ("1", 10, id + 1, false),
            ("1", 9, id + 2, false)
        ]
    );
}
