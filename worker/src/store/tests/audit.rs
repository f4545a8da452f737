//! The audit log's reading of writes: one entry per record, fields before and after,
//! bookkeeping left out, secrets named and never shown.

use serde_json::json;

use super::*;

fn write(key: &str, before: Option<Value>, after: Option<Value>) -> Write {
    Write {
        key: key.into(),
        before: before.map(|v| v.to_string()),
        after: after.map(|v| v.to_string()),
    }
}

fn shown(field: &str, before: Option<Value>, after: Option<Value>) -> FieldChange {
    FieldChange {
        field: field.into(),
        before,
        after,
        note: None,
    }
}

fn noted(field: &str, note: &str) -> FieldChange {
    FieldChange {
        field: field.into(),
        before: None,
        after: None,
        note: Some(note.into()),
    }
}

#[test]
fn a_change_lists_the_fields_that_changed_and_several_writes_are_one_change() {
    let v1 = json!({"id": "e1", "name": "Summit", "capacity": 100, "updatedAt": "t1"});
    let v2 = json!({"id": "e1", "name": "Summit", "capacity": 150, "updatedAt": "t2"});
    let v3 = json!({"id": "e1", "name": "Summit 2027", "capacity": 150, "updatedAt": "t3"});
    let journal = [
        write("event:e1", Some(v1), Some(v2.clone())),
        write("signin-failures:ip", None, Some(json!([1]))),
        write("event:e1", Some(v2), Some(v3)),
    ];
    let changes = changes(&journal);
    assert_eq!(
        changes,
        [Change {
            action: AuditAction::Changed,
            record_type: RecordType::Event,
            record_id: "e1".into(),
            record_name: "Summit 2027".into(),
            changes: vec![
                shown("capacity", Some(json!(100)), Some(json!(150))),
                shown("name", Some(json!("Summit")), Some(json!("Summit 2027"))),
            ],
        }]
    );
}

#[test]
fn creations_and_deletions_name_their_record_and_a_write_that_changes_nothing_is_no_change() {
    let speaker = json!({"id": "sp1", "firstName": "Ana", "lastName": "Lee", "bio": null});
    let created = changes(&[write("speaker:e1:sp1", None, Some(speaker.clone()))]);
    assert_eq!(created[0].action, AuditAction::Created);
    assert_eq!(created[0].record_type, RecordType::Speaker);
    assert_eq!(created[0].record_name, "Ana Lee");
    let fields: Vec<_> = created[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["firstName", "lastName"],
        "empty fields of a new record are not listed"
    );
    let deleted = changes(&[write(
        "session:e1:s1",
        Some(json!({"id": "s1", "name": "Keynote"})),
        None,
    )]);
    assert_eq!(
        (
            deleted[0].action,
            deleted[0].record_type,
            deleted[0].record_name.as_str()
        ),
        (AuditAction::Deleted, RecordType::Session, "Keynote")
    );
    let touched = json!({"id": "e1", "name": "Summit", "updatedAt": "t1"});
    let retouched = json!({"id": "e1", "name": "Summit", "updatedAt": "t2"});
    assert!(changes(&[write("event:e1", Some(touched), Some(retouched))]).is_empty());
}

#[test]
fn bookkeeping_records_are_not_changes() {
    let journal = [
        write(
            "user-session:abc",
            None,
            Some(json!({"userId": "u1", "expiresAt": 1})),
        ),
        write("signin-user-failures:ana", None, Some(json!([1]))),
        write("webinar-claim/e1/", None, Some(json!(1))),
        write("seeded:on24", None, Some(json!(true))),
    ];
    assert!(changes(&journal).is_empty());
}

#[test]
fn secrets_are_named_by_what_happened_never_shown() {
    let sealed = |tag: &str| json!({"version": 1, "kekId": "k1", "wrappedKey": tag, "nonce": "n", "ciphertext": tag});
    let config =
        |credentials: Value| json!({"id": "c1", "name": "Main", "credentials": credentials});
    let replaced = changes(&[write(
        "configuration:c1",
        Some(config(sealed("a"))),
        Some(config(sealed("b"))),
    )]);
    assert_eq!(
        replaced[0].changes,
        [noted("credentials", "credentials replaced")]
    );
    let removed = changes(&[write(
        "configuration:c1",
        Some(config(sealed("a"))),
        Some(config(Value::Null)),
    )]);
    assert_eq!(
        removed[0].changes,
        [noted("credentials", "credentials removed")]
    );
    let created = changes(&[write("configuration:c1", None, Some(config(sealed("a"))))]);
    assert!(
        created[0]
            .changes
            .contains(&noted("credentials", "credentials added"))
    );

    let app = |hash: &str, hint: &str| json!({"id": "w1", "name": "Site", "tokenHash": hash, "tokenHint": hint});
    let rotated = changes(&[write(
        "webapp:w1",
        Some(app("h1", "…aaaa")),
        Some(app("h2", "…bbbb")),
    )]);
    assert_eq!(
        rotated[0].changes,
        [
            noted("tokenHash", "token rotated"),
            shown("tokenHint", Some(json!("…aaaa")), Some(json!("…bbbb")))
        ]
    );

    let user = |hash: &str, role: &str| json!({"id": "u1", "username": "ana", "role": role, "password": {"hash": hash}});
    let changed = changes(&[write(
        "user:u1",
        Some(user("x", "viewer")),
        Some(user("y", "event_planner")),
    )]);
    assert_eq!(changed[0].record_name, "ana");
    assert_eq!(
        changed[0].changes,
        [
            noted("password", "password changed"),
            shown("role", Some(json!("viewer")), Some(json!("event_planner")))
        ]
    );
    let made = changes(&[write("user:u1", None, Some(user("x", "viewer")))]);
    assert!(made[0].changes.contains(&noted("password", "password set")));
    // A field that is not known to hold a secret but is named like one is hidden too.
    let odd = changes(&[write(
        "provider:p1",
        Some(json!({"id": "p1", "apiSecret": "s1"})),
        Some(json!({"id": "p1", "apiSecret": "s2"})),
    )]);
    assert_eq!(odd[0].changes, [noted("apiSecret", "apiSecret replaced")]);
    let text = format!("{replaced:?}{rotated:?}{changed:?}{odd:?}");
    for secret in ["h1", "h2", "\"x\"", "\"y\"", "s1", "s2", "ciphertext"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}
