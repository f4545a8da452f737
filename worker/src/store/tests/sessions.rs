//! Signing in and sessions: the first administrator made once, failures limited per address
//! and per user name, and a session that ends the moment its user is disabled or changes
//! password.

use convene_types::audit::{AuditAction, RecordType};
use convene_types::user::Role;

use super::*;
use crate::error::ApiError;
use crate::store::records::support::{refusal, run};
use crate::store::users::tests::{hash, user};

const NOW: f64 = 1_800_000_000_000.0;

async fn sign_in_at(
    records: &Records,
    log: &AuditLog,
    client: &str,
    username: &str,
    outcome: SignInOutcome,
    session: &str,
    now: f64,
) -> ApiResult<SessionUser> {
    let attempt = Attempt {
        client,
        username,
        session,
        now,
    };
    sign_in(records, log, attempt, outcome).await
}

fn matched(id: &str) -> SignInOutcome {
    SignInOutcome::Matched {
        user_id: id.into(),
        rehash: None,
    }
}

fn unauthorized<T: std::fmt::Debug>(result: ApiResult<T>) -> String {
    match refusal(result) {
        ApiError::Unauthorized(message) => message,
        other => panic!("expected 401, got {other:?}"),
    }
}

#[test]
fn the_bootstrap_password_makes_the_first_administrator_once() {
    let records = Records::in_memory();
    let log = AuditLog::in_memory();
    run(async {
        let start = sign_in_start(&records, "ip", "admin", NOW)
            .await
            .expect("start");
        assert!(start.bootstrap && start.user.is_none());
        let outcome = SignInOutcome::Bootstrap {
            password: hash("boot"),
        };
        let admin = sign_in_at(&records, &log, "ip", "admin", outcome, "s1", NOW)
            .await
            .expect("in");
        assert_eq!(
            (admin.username.as_str(), admin.role),
            ("admin", Role::Administrator)
        );
        let start = sign_in_start(&records, "ip", "Admin", NOW)
            .await
            .expect("start");
        assert!(!start.bootstrap);
        assert_eq!(
            start.user.expect("the administrator").password,
            hash("boot")
        );
        // Once a user exists, the bootstrap path makes no one.
        let other = sign_in_start(&records, "ip", "root", NOW)
            .await
            .expect("start");
        assert!(!other.bootstrap && other.user.is_none());
        let again = SignInOutcome::Bootstrap {
            password: hash("x"),
        };
        let refused = sign_in_at(&records, &log, "ip", "root", again, "s2", NOW).await;
        assert_eq!(
            unauthorized(refused),
            "The user name or password is not correct."
        );
        assert_eq!(users::all(&records).await.expect("all").len(), 1);
    });
}

#[test]
fn failures_are_limited_per_address_and_per_user_name() {
    let records = Records::in_memory();
    let log = AuditLog::in_memory();
    run(async {
        let ana = user(&records, "ana", "viewer").await;
        for i in 0..signin::MAX_FAILURES {
            let client = format!("ip{i}");
            let wrong = sign_in_at(
                &records,
                &log,
                &client,
                "ana",
                SignInOutcome::Wrong,
                "s",
                NOW,
            )
            .await;
            unauthorized(wrong);
        }
        // Five addresses failed once each for "ana": her name is now limited, from anywhere.
        let limited = sign_in_start(&records, "elsewhere", "ANA", NOW + 1.0).await;
        assert!(matches!(refusal(limited), ApiError::RateLimited { .. }));
        // Another user from those addresses is not.
        assert!(
            sign_in_start(&records, "ip0", "bob", NOW + 1.0)
                .await
                .is_ok()
        );
        // After the window, a success clears both counts.
        let later = NOW + signin::WINDOW_MS;
        sign_in_start(&records, "ip0", "ana", later)
            .await
            .expect("allowed again");
        sign_in_at(&records, &log, "ip0", "ana", matched(&ana.id), "s", later)
            .await
            .expect("in");
        let keys = records.keys();
        assert!(
            !keys.contains(&"signin-failures:ip0".to_string()),
            "{keys:?}"
        );
        assert!(
            !keys.iter().any(|k| k.starts_with("signin-user-failures:")),
            "{keys:?}"
        );
        assert!(
            keys.contains(&"signin-failures:ip1".to_string()),
            "other addresses keep theirs"
        );
    });
}

#[test]
fn a_session_lasts_its_time_and_names_the_current_role() {
    let records = Records::in_memory();
    let log = AuditLog::in_memory();
    run(async {
        let ana = user(&records, "ana", "viewer").await;
        sign_in_at(&records, &log, "ip", "ana", matched(&ana.id), "s1", NOW)
            .await
            .expect("in");
        assert_eq!(
            session(&records, "s1", NOW).await.expect("session").role,
            Role::Viewer
        );
        users::update(
            &records,
            &ana.id,
            serde_json::from_value(serde_json::json!({"username": "ana", "role": "event_planner"}))
                .expect("input"),
            None,
        )
        .await
        .expect("promoted");
        assert_eq!(
            session(&records, "s1", NOW).await.expect("session").role,
            Role::EventPlanner
        );
        unauthorized(session(&records, "nope", NOW).await);
        unauthorized(session(&records, "s1", NOW + TTL_MS).await);
        assert!(
            !records.keys().contains(&"user-session:s1".to_string()),
            "an expired session is removed"
        );
        sign_in_at(&records, &log, "ip", "ana", matched(&ana.id), "s2", NOW)
            .await
            .expect("in");
        end(&records, "s2").await.expect("out");
        unauthorized(session(&records, "s2", NOW).await);
    });
}

#[test]
fn disabling_a_user_or_changing_a_password_ends_sessions_at_once() {
    let records = Records::in_memory();
    let log = AuditLog::in_memory();
    run(async {
        // An event's session is another record entirely: ending sign-in sessions leaves it.
        let keynote = serde_json::json!({"name": "Keynote"});
        records.put("session:e1:s1", &keynote).await.expect("put");
        let root = user(&records, "root", "administrator").await;
        let ana = user(&records, "ana", "event_planner").await;
        for s in ["a1", "a2"] {
            sign_in_at(&records, &log, "ip", "ana", matched(&ana.id), s, NOW)
                .await
                .expect("in");
        }
        sign_in_at(&records, &log, "ip", "root", matched(&root.id), "r1", NOW)
            .await
            .expect("in");
        users::set_own_password(&records, &ana.id, hash("new"), "a1")
            .await
            .expect("changed");
        assert!(
            session(&records, "a1", NOW).await.is_ok(),
            "the session that changed it stays"
        );
        unauthorized(session(&records, "a2", NOW).await);
        users::set_active(&records, &ana.id, false, &root.id)
            .await
            .expect("disabled");
        unauthorized(session(&records, "a1", NOW).await);
        assert!(session(&records, "r1", NOW).await.is_ok());
        let refused = sign_in_at(&records, &log, "ip", "ana", matched(&ana.id), "a3", NOW).await;
        assert_eq!(
            unauthorized(refused),
            "This user is disabled. Ask an administrator."
        );
        assert!(records.keys().contains(&"session:e1:s1".to_string()));
        let logged: Vec<_> = log
            .entries()
            .into_iter()
            .map(|e| (e.username, e.action, e.record_type))
            .collect();
        let entry = |name: &str, action| (name.to_string(), action, RecordType::SignIn);
        assert_eq!(
            logged,
            [
                entry("ana", AuditAction::SignedIn),
                entry("ana", AuditAction::SignedIn),
                entry("root", AuditAction::SignedIn),
                entry("ana", AuditAction::SignInFailed),
            ]
        );
    });
}

#[test]
fn a_sign_in_with_an_outdated_hash_replaces_it() {
    let records = Records::in_memory();
    let log = AuditLog::in_memory();
    run(async {
        let ana = user(&records, "ana", "viewer").await;
        let outcome = SignInOutcome::Matched {
            user_id: ana.id.clone(),
            rehash: Some(hash("stronger")),
        };
        sign_in_at(&records, &log, "ip", "ana", outcome, "s", NOW)
            .await
            .expect("in");
        let stored = users::stored(&records, &ana.id).await.expect("stored");
        assert_eq!(stored.password, hash("stronger"));
    });
}
