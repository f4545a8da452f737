//! Webinar providers: ON24 seeded once, unique names, no deleting what is built in or used.

use convene_types::provider::{ProviderInput, on24};
use serde_json::json;

use super::*;
use crate::store::records::support::{
    configuration, conflict, field_errors, input, not_found, provider, run,
};

fn body(name: &str) -> ProviderInput {
    input(json!({
        "name": name,
        "maxDurationMinutes": 60,
        "termsOfServiceUrl": "https://acme.example/terms",
        "privacyPolicyUrl": "https://acme.example/privacy",
    }))
}

#[test]
fn on24_is_seeded_by_the_first_read_and_never_again() {
    let records = Records::in_memory();
    run(async {
        let seeded = by_id(&records, on24::ID).await.expect("seeded on read");
        assert!(seeded.built_in);
        assert_eq!(seeded.name, on24::NAME);
        assert_eq!(
            seeded.max_duration_minutes,
            on24::DEFAULT_MAX_DURATION_MINUTES
        );
        assert_eq!(
            records.get::<bool>(SEEDED_ON24).await.expect("get"),
            Some(true)
        );

        // Even if the record goes, later reads do not bring it back.
        records.delete(&key(on24::ID)).await.expect("delete");
        assert!(all(&records).await.expect("list").is_empty());
        not_found(by_id(&records, on24::ID).await);
    });
}

#[test]
fn a_created_provider_reads_back_and_is_listed_with_on24() {
    let records = Records::in_memory();
    run(async {
        let created = create(&records, body(" Acme Webinars "))
            .await
            .expect("created");
        assert_eq!(created.name, "Acme Webinars");
        assert!(!created.built_in);
        assert_eq!(by_id(&records, &created.id).await.expect("get"), created);
        let listed = all(&records).await.expect("list");
        assert_eq!(listed.len(), 2);
        assert!(listed.contains(&created));
        assert!(listed.iter().any(|p| p.id == on24::ID));
    });
}

#[test]
fn names_are_unique_whatever_their_case() {
    let records = Records::in_memory();
    run(async {
        let errors = field_errors(create(&records, body("on24")).await);
        assert_eq!(
            errors,
            [(
                "name".to_string(),
                "is already used by another webinar provider".to_string()
            )]
        );
        assert_eq!(
            all(&records).await.expect("list").len(),
            1,
            "nothing stored"
        );
    });
}

#[test]
fn an_update_keeps_identity_and_may_keep_its_own_name() {
    let records = Records::in_memory();
    run(async {
        let acme = provider(&records, "Acme", 60).await;
        let mut changed = body("ACME");
        changed.max_duration_minutes = json!(120);
        let updated = update(&records, &acme.id, changed).await.expect("updated");
        assert_eq!(
            (updated.id.as_str(), updated.created_at.as_str()),
            (acme.id.as_str(), acme.created_at.as_str())
        );
        assert_eq!(updated.max_duration_minutes, 120);
        assert!(updated.updated_at > acme.updated_at);
        assert_eq!(by_id(&records, &acme.id).await.expect("get"), updated);

        let taken = field_errors(update(&records, &acme.id, body("On24")).await);
        assert_eq!(taken[0].0, "name");
        assert_eq!(by_id(&records, &acme.id).await.expect("get").name, "ACME");
    });
}

#[test]
fn bad_fields_are_named_and_unknown_ids_are_not_found() {
    let records = Records::in_memory();
    run(async {
        let mut bad = body("Acme");
        bad.max_duration_minutes = json!(0);
        let errors = field_errors(create(&records, bad).await);
        assert_eq!(errors[0].0, "maxDurationMinutes");
        let message = not_found(update(&records, "nope", body("Acme")).await);
        assert_eq!(message, "There is no webinar provider with id nope.");
        not_found(delete(&records, "nope").await);
    });
}

#[test]
fn the_built_in_provider_cannot_be_deleted() {
    let records = Records::in_memory();
    run(async {
        let message = conflict(delete(&records, on24::ID).await);
        assert!(message.contains("built-in"), "{message}");
        by_id(&records, on24::ID).await.expect("still there");
    });
}

#[test]
fn a_provider_in_use_by_a_configuration_cannot_be_deleted() {
    let records = Records::in_memory();
    run(async {
        let acme = provider(&records, "Acme", 60).await;
        let used = configuration(&records, "Acme account", &acme.id).await;
        let message = conflict(delete(&records, &acme.id).await);
        assert!(message.contains("Acme account"), "{message}");
        by_id(&records, &acme.id).await.expect("still there");

        crate::store::configurations::delete(&records, &used.id)
            .await
            .expect("configuration deleted");
        delete(&records, &acme.id)
            .await
            .expect("deleted once unused");
        not_found(by_id(&records, &acme.id).await);
    });
}
