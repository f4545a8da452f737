//! Event administration: at most one active record, whose strategy registrations use; demo
//! payment refused in production.

use convene_types::contact::MatchStrategy;
use convene_types::event_admin::DEMO_PAYMENT_IN_PRODUCTION;
use serde_json::json;

use super::*;
use crate::store::records::support::{conflict, field_errors, input, not_found, run};

fn body(name: &str, strategy: &str) -> EventAdministrationInput {
    input(json!({ "name": name, "matchStrategy": strategy }))
}

#[test]
fn a_created_record_is_active_and_a_second_one_is_refused_while_it_is() {
    let records = Records::in_memory();
    run(async {
        let first = create(&records, body(" Main ", "email"), false)
            .await
            .expect("created");
        assert!(first.active);
        assert_eq!(first.name, "Main");
        assert_eq!(by_id(&records, &first.id).await.expect("get"), first);

        let message = conflict(create(&records, body("Second", "email"), false).await);
        assert!(message.contains("“Main” is the active"), "{message}");
        assert_eq!(all(&records).await.expect("list"), [first]);
    });
}

#[test]
fn only_one_record_can_be_activated_at_a_time() {
    let records = Records::in_memory();
    run(async {
        let first = create(&records, body("First", "email"), false)
            .await
            .expect("created");
        set_active(&records, &first.id, false).await.expect("off");
        let second = create(&records, body("Second", "email"), false)
            .await
            .expect("created while none is active");

        conflict(set_active(&records, &first.id, true).await);
        assert!(!by_id(&records, &first.id).await.expect("get").active);
        set_active(&records, &second.id, true)
            .await
            .expect("the active one may be activated again");

        set_active(&records, &second.id, false).await.expect("off");
        let on = set_active(&records, &first.id, true).await.expect("on");
        assert!(on.active);
        assert!(on.updated_at > first.updated_at);
    });
}

#[test]
fn registrations_match_by_the_active_records_strategy_or_by_email() {
    let records = Records::in_memory();
    run(async {
        assert_eq!(
            strategy(&records).await.expect("none"),
            MatchStrategy::Email
        );
        let names = create(&records, body("Names", "first_and_last_name"), false)
            .await
            .expect("created");
        assert_eq!(
            strategy(&records).await.expect("active"),
            MatchStrategy::FirstAndLastName
        );
        set_active(&records, &names.id, false).await.expect("off");
        assert_eq!(
            strategy(&records).await.expect("inactive"),
            MatchStrategy::Email
        );
    });
}

#[test]
fn demo_payment_is_refused_in_production_only() {
    let records = Records::in_memory();
    run(async {
        let demo = || input(json!({ "name": "Demo", "demoPaymentConfirmation": true }));
        let errors = field_errors(create(&records, demo(), true).await);
        assert_eq!(
            errors,
            [(
                "demoPaymentConfirmation".to_string(),
                DEMO_PAYMENT_IN_PRODUCTION.to_string()
            )]
        );
        assert!(all(&records).await.expect("list").is_empty());

        let created = create(&records, demo(), false).await.expect("development");
        assert!(created.demo_payment_confirmation);
        field_errors(update(&records, &created.id, demo(), true).await);
        let plain = update(&records, &created.id, body("Demo", "email"), true)
            .await
            .expect("turned off in production");
        assert!(!plain.demo_payment_confirmation);
    });
}

#[test]
fn an_update_keeps_identity_and_activity_and_delete_removes() {
    let records = Records::in_memory();
    run(async {
        let created = create(&records, body("Main", "email"), false)
            .await
            .expect("created");
        let updated = update(
            &records,
            &created.id,
            body("Renamed", "email_first_and_last_name"),
            false,
        )
        .await
        .expect("updated");
        assert_eq!(
            (
                updated.id.as_str(),
                updated.created_at.as_str(),
                updated.active
            ),
            (created.id.as_str(), created.created_at.as_str(), true)
        );
        assert_eq!(updated.match_strategy, MatchStrategy::EmailFirstAndLastName);
        field_errors(update(&records, &created.id, body(" ", "email"), false).await);

        delete(&records, &created.id).await.expect("deleted");
        let message = not_found(delete(&records, &created.id).await);
        assert!(message.contains(&created.id), "{message}");
        not_found(update(&records, &created.id, body("Again", "email"), false).await);
        assert!(records.keys().is_empty());
    });
}
