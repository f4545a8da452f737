//! Users: unique names whatever their case, the password only ever stored as its hash, and
//! always one active administrator left.

use convene_types::user::Role;
use serde_json::json;

use super::*;
use crate::password::{Algorithm, ITERATIONS};
use crate::store::records::support::{conflict, field_errors, input, run};

pub fn hash(tag: &str) -> PasswordHash {
    PasswordHash {
        algorithm: Algorithm::Pbkdf2Sha256,
        iterations: ITERATIONS,
        salt: "00".into(),
        hash: tag.into(),
    }
}

fn body(username: &str, role: &str) -> UserInput {
    input(json!({ "username": username, "role": role }))
}

pub async fn user(records: &Records, username: &str, role: &str) -> User {
    create(records, body(username, role), hash(username.trim()))
        .await
        .expect("created")
}

#[test]
fn a_user_is_created_active_and_shown_without_the_password_hash() {
    let records = Records::in_memory();
    run(async {
        let ana = user(&records, " Ana ", "event_planner").await;
        assert_eq!(ana.username, "Ana");
        assert_eq!(ana.role, Role::EventPlanner);
        assert!(ana.active);
        let shown =
            serde_json::to_string(&get(&records, &ana.id).await.expect("get")).expect("json");
        assert!(
            !shown.contains("password") && !shown.contains("hash"),
            "{shown}"
        );
        assert_eq!(
            stored(&records, &ana.id).await.expect("stored").password,
            hash("Ana")
        );
    });
}

#[test]
fn user_names_are_unique_whatever_their_case_and_listed_in_order() {
    let records = Records::in_memory();
    run(async {
        user(&records, "zoe", "viewer").await;
        let ana = user(&records, "Ana", "viewer").await;
        let taken = create(&records, body("ANA", "viewer"), hash("x")).await;
        assert_eq!(
            field_errors(taken),
            [("username".into(), "is already taken by another user".into())]
        );
        let names: Vec<_> = all(&records)
            .await
            .expect("all")
            .into_iter()
            .map(|u| u.username)
            .collect();
        assert_eq!(names, ["Ana", "zoe"]);
        // Renaming oneself to one's own name in another case is not a clash.
        let renamed = update(&records, &ana.id, body("ana", "viewer"), None)
            .await
            .expect("renamed");
        assert_eq!(renamed.username, "ana");
        assert_eq!(
            by_username(&records, "ANA")
                .await
                .expect("by name")
                .map(|u| u.user.id),
            Some(ana.id)
        );
    });
}

#[test]
fn the_last_active_administrator_can_be_neither_demoted_nor_disabled() {
    let records = Records::in_memory();
    run(async {
        let root = user(&records, "root", "administrator").await;
        let ana = user(&records, "ana", "administrator").await;
        let demoted = update(&records, &ana.id, body("ana", "viewer"), None).await;
        assert_eq!(
            demoted.expect("another administrator remains").role,
            Role::Viewer
        );
        let last = update(&records, &root.id, body("root", "event_planner"), None).await;
        assert_eq!(
            conflict(last),
            "At least one active administrator must remain."
        );
        let alone = set_active(&records, &root.id, false, &ana.id).await;
        assert_eq!(
            conflict(alone),
            "At least one active administrator must remain."
        );
        let own = set_active(&records, &ana.id, false, &ana.id).await;
        assert_eq!(conflict(own), "You cannot disable your own user.");
        let disabled = set_active(&records, &ana.id, false, &root.id)
            .await
            .expect("disabled");
        assert!(!disabled.active);
        let enabled = set_active(&records, &ana.id, true, &root.id)
            .await
            .expect("enabled");
        assert!(enabled.active);
    });
}

#[test]
fn a_new_password_replaces_the_hash_and_a_change_without_one_keeps_it() {
    let records = Records::in_memory();
    run(async {
        let ana = user(&records, "ana", "viewer").await;
        update(&records, &ana.id, body("ana", "event_planner"), None)
            .await
            .expect("kept");
        assert_eq!(
            stored(&records, &ana.id).await.expect("stored").password,
            hash("ana")
        );
        update(&records, &ana.id, body("ana", "viewer"), Some(hash("new")))
            .await
            .expect("set");
        assert_eq!(
            stored(&records, &ana.id).await.expect("stored").password,
            hash("new")
        );
    });
}
