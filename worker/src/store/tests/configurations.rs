//! Webinar configurations: a known provider, unique names, credentials only ever sealed,
//! checks recorded only for the credentials they checked, no deleting what events use.

use convene_types::configuration::{ConfigurationInput, ServiceStatus};
use convene_types::integration::OffReason;
use convene_types::provider::on24;
use serde_json::json;

use super::*;
use crate::store::events;
use crate::store::providers;
use crate::store::records::support::{
    activated, conflict, event, field_errors, input, not_found, provider, run, sealed,
};

fn body(name: &str, provider_id: &str) -> ConfigurationInput {
    input(json!({ "name": name, "providerId": provider_id }))
}

async fn create_on24(records: &Records, id: &str, sealed: Option<Sealed>) -> WebinarConfiguration {
    create(records, id.into(), body(id, on24::ID), sealed)
        .await
        .expect("created")
}

#[test]
fn a_configuration_shows_its_provider_and_whether_credentials_are_set() {
    let records = Records::in_memory();
    run(async {
        let without = create_on24(&records, "plain", None).await;
        assert_eq!(without.provider_name, on24::NAME);
        assert_eq!(without.terms_of_service_url, on24::TERMS_OF_SERVICE_URL);
        assert!(!without.active, "inactive until its terms are accepted");
        assert!(!without.credentials_set);
        assert_eq!(without.service_status, ServiceStatus::NotConfigured);

        let with = create_on24(&records, "sealed", Some(sealed("a"))).await;
        assert!(with.credentials_set);
        assert_eq!(with.service_status, ServiceStatus::NotChecked);
        assert_eq!(get(&records, "sealed").await.expect("get"), with);
        assert_eq!(list(&records).await.expect("list"), [without, with]);
    });
}

#[test]
fn plaintext_credentials_in_the_body_are_never_stored() {
    let records = Records::in_memory();
    run(async {
        let body = input(json!({
            "name": "Leaky",
            "providerId": on24::ID,
            "credentials": {
                "clientId": "client-plain",
                "accessTokenKey": "key-plain",
                "accessTokenSecret": "secret-plain",
            },
        }));
        let created = create(&records, "leaky".into(), body, None)
            .await
            .expect("created");
        assert!(!created.credentials_set);
        let stored: serde_json::Value = records
            .get(&key("leaky"))
            .await
            .expect("get")
            .expect("stored");
        assert!(!stored.to_string().contains("plain"), "{stored}");

        // Not even read: the worker checked and sealed them before the command.
        let unchecked = input(json!({
            "name": "Unchecked",
            "providerId": on24::ID,
            "credentials": { "clientId": "" },
        }));
        create(&records, "unchecked".into(), unchecked, Some(sealed("a")))
            .await
            .expect("created");
    });
}

#[test]
fn the_provider_must_exist_and_the_name_be_unique() {
    let records = Records::in_memory();
    run(async {
        let errors = field_errors(create(&records, "c".into(), body("C", "acme"), None).await);
        assert_eq!(
            errors,
            [(
                "providerId".to_string(),
                "is not a known webinar provider".to_string()
            )]
        );
        create_on24(&records, "Main", None).await;
        let errors = field_errors(create(&records, "c".into(), body("MAIN", on24::ID), None).await);
        assert_eq!(errors[0].0, "name");
        assert_eq!(all_configurations(&records).await.expect("list").len(), 1);

        let other = create_on24(&records, "Other", None).await;
        let errors = field_errors(
            update(
                &records,
                &other.id,
                body("main", on24::ID),
                CredentialsChange::Keep,
            )
            .await,
        );
        assert_eq!(errors[0].0, "name");
        update(
            &records,
            &other.id,
            body("OTHER", on24::ID),
            CredentialsChange::Keep,
        )
        .await
        .expect("its own name, recased");
    });
}

#[test]
fn an_id_is_created_once() {
    let records = Records::in_memory();
    run(async {
        create_on24(&records, "same", None).await;
        let message =
            conflict(create(&records, "same".into(), body("Another", on24::ID), None).await);
        assert_eq!(message, "A webinar configuration with id same exists.");
        assert_eq!(get(&records, "same").await.expect("get").name, "same");
    });
}

#[test]
fn updates_keep_replace_or_remove_credentials() {
    let records = Records::in_memory();
    run(async {
        create_on24(&records, "c", Some(sealed("a"))).await;
        let kept = update(&records, "c", body("c", on24::ID), CredentialsChange::Keep)
            .await
            .expect("kept");
        assert!(kept.credentials_set);
        let stored = stored(&records, "c").await.expect("stored");
        assert_eq!(stored.credentials, Some(sealed("a")));

        record_check(&records, "c", "wrapped-a", ServiceStatus::Ok, "fine".into())
            .await
            .expect("recorded");
        let replaced = update(
            &records,
            "c",
            body("c", on24::ID),
            CredentialsChange::Replace(sealed("b")),
        )
        .await
        .expect("replaced");
        assert_eq!(replaced.service_status, ServiceStatus::NotChecked);
        assert_eq!(replaced.last_checked_at, None, "the old check is forgotten");
        let stored = self::stored(&records, "c").await.expect("stored");
        assert_eq!(stored.credentials, Some(sealed("b")));

        let removed = update(
            &records,
            "c",
            body("c", on24::ID),
            CredentialsChange::Remove,
        )
        .await
        .expect("removed");
        assert!(!removed.credentials_set);
        assert_eq!(removed.service_status, ServiceStatus::NotConfigured);
    });
}

#[test]
fn changing_the_provider_drops_the_credentials() {
    let records = Records::in_memory();
    run(async {
        let acme = provider(&records, "Acme", 60).await;
        create_on24(&records, "c", Some(sealed("a"))).await;
        let moved = update(&records, "c", body("c", &acme.id), CredentialsChange::Keep)
            .await
            .expect("moved");
        assert_eq!(moved.provider_name, "Acme");
        assert!(!moved.credentials_set);
        assert_eq!(
            stored(&records, "c").await.expect("stored").credentials,
            None
        );
        assert!(list_sealed(&records).await.expect("sealed").is_empty());
    });
}

#[test]
fn a_check_is_recorded_only_for_the_credentials_it_checked() {
    let records = Records::in_memory();
    run(async {
        create_on24(&records, "c", Some(sealed("a"))).await;
        let stale = record_check(&records, "c", "wrapped-old", ServiceStatus::Ok, "ok".into())
            .await
            .expect("answered");
        assert_eq!(stale.service_status, ServiceStatus::NotChecked);
        assert_eq!(stale.last_checked_at, None);

        let checked = record_check(
            &records,
            "c",
            "wrapped-a",
            ServiceStatus::InvalidCredentials,
            "refused".into(),
        )
        .await
        .expect("answered");
        assert_eq!(checked.service_status, ServiceStatus::InvalidCredentials);
        assert_eq!(checked.status_message, "refused");
        assert!(checked.last_checked_at.is_some());
    });
}

#[test]
fn sealed_credentials_are_replaced_only_if_unchanged() {
    let records = Records::in_memory();
    run(async {
        create_on24(&records, "a", Some(sealed("a"))).await;
        create_on24(&records, "none", None).await;
        assert_eq!(
            list_sealed(&records).await.expect("sealed"),
            [("a".to_string(), sealed("a"))]
        );
        let replaced = replace_sealed(&records, "a", &sealed("other"), sealed("new"))
            .await
            .expect("answered");
        assert!(!replaced);
        assert_eq!(
            stored(&records, "a").await.expect("get").credentials,
            Some(sealed("a"))
        );
        let replaced = replace_sealed(&records, "a", &sealed("a"), sealed("new"))
            .await
            .expect("answered");
        assert!(replaced);
        assert_eq!(
            stored(&records, "a").await.expect("get").credentials,
            Some(sealed("new"))
        );
    });
}

#[test]
fn check_target_active_flag_and_removing_credentials() {
    let records = Records::in_memory();
    run(async {
        create_on24(&records, "c", Some(sealed("a"))).await;
        let target = check_target(&records, "c").await.expect("target");
        assert_eq!(target.provider.id, on24::ID);
        assert_eq!(target.credentials, Some(sealed("a")));
        not_found(check_target(&records, "nope").await);

        assert!(
            !set_active(&records, "c", false)
                .await
                .expect("inactive")
                .active
        );
        assert!(!get(&records, "c").await.expect("get").active);
        let removed = remove_credentials(&records, "c").await.expect("removed");
        assert!(!removed.credentials_set);
        assert_eq!(
            check_target(&records, "c")
                .await
                .expect("target")
                .credentials,
            None
        );
    });
}

#[test]
fn a_configuration_used_by_an_event_or_a_session_cannot_be_deleted() {
    let records = Records::in_memory();
    run(async {
        create_on24(&records, "by-event", None).await;
        create_on24(&records, "by-session", None).await;
        let by_event = activated(&records, "by-event").await;
        let by_session = activated(&records, "by-session").await;
        let webinar = event(
            &records,
            json!({ "name": "Webinar", "format": "webinar", "webinarConfigurationId": by_event.id }),
        )
        .await;
        let session_body = input(json!({
            "name": "Morning",
            "start": "2026-03-14T09:00",
            "end": "2026-03-14T10:00",
            "webinarConfigurationId": by_session.id,
        }));
        events::create_session(&records, &webinar.id, session_body)
            .await
            .expect("session");

        let message = conflict(delete(&records, &by_event.id).await);
        assert!(message.contains("used by: Webinar."), "{message}");
        let message = conflict(delete(&records, &by_session.id).await);
        assert!(message.contains("Webinar › Morning"), "{message}");
        assert_eq!(all_configurations(&records).await.expect("list").len(), 2);

        events::delete(&records, &webinar.id)
            .await
            .expect("event deleted");
        delete(&records, &by_session.id).await.expect("now unused");
        not_found(get(&records, &by_session.id).await);
    });
}

#[test]
fn activation_waits_for_the_providers_current_terms() {
    let records = Records::in_memory();
    run(async {
        let created = create_on24(&records, "c", Some(sealed("a"))).await;
        assert_eq!(created.terms_accepted_at, None);
        assert!(!created.terms_current);
        assert_eq!(
            created.integration.reason,
            Some(OffReason::TermsNotAccepted)
        );
        let message = conflict(set_active(&records, "c", true).await);
        assert!(message.contains("Accept terms"), "{message}");
        assert!(!get(&records, "c").await.expect("get").active);

        let accepted = accept_terms(&records, "c", "alice")
            .await
            .expect("accepted");
        assert_eq!(accepted.terms_accepted_by.as_deref(), Some("alice"));
        assert!(accepted.terms_accepted_at.is_some());
        let urls = accepted.terms_accepted_urls.clone().expect("urls");
        assert_eq!(urls.terms_of_service, on24::TERMS_OF_SERVICE_URL);
        assert_eq!(urls.privacy_policy, on24::PRIVACY_POLICY_URL);
        assert!(accepted.terms_current);
        assert_eq!(accepted.integration.reason, Some(OffReason::Inactive));
        let on = set_active(&records, "c", true).await.expect("activated");
        assert!(on.integration.on, "{:?}", on.integration);

        // The provider's URLs change: the acceptance no longer counts.
        let mut changed = providers::by_id(&records, on24::ID)
            .await
            .expect("on24")
            .to_input();
        changed.privacy_policy_url = "https://www.on24.com/legal/privacy-2027/".into();
        providers::update(&records, on24::ID, changed)
            .await
            .expect("updated");
        let stale = get(&records, "c").await.expect("get");
        assert!(stale.active && !stale.terms_current);
        assert_eq!(stale.integration.reason, Some(OffReason::TermsChanged));
        assert_eq!(
            stale.terms_accepted_urls,
            Some(urls),
            "what was accepted stays shown"
        );
        set_active(&records, "c", false).await.expect("deactivated");
        let message = conflict(set_active(&records, "c", true).await);
        assert!(message.contains("changed"), "{message}");
        accept_terms(&records, "c", "bob")
            .await
            .expect("accepted again");
        assert!(
            set_active(&records, "c", true)
                .await
                .expect("on")
                .integration
                .on
        );

        // Removing the credentials turns it off, with that reason.
        let off = remove_credentials(&records, "c").await.expect("removed");
        assert_eq!(off.integration.reason, Some(OffReason::NoCredentials));
        assert!(off.active);
    });
}

#[test]
fn a_record_stored_before_terms_existed_still_reads() {
    let records = Records::in_memory();
    run(async {
        let old = json!({
            "id": "old", "name": "Old", "providerId": on24::ID, "active": true,
            "credentials": null, "lastMetricsUpdate": null, "serviceStatus": "not_configured",
            "statusMessage": "", "lastCheckedAt": null,
            "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
        });
        records.put(&key("old"), &old).await.expect("put");
        let read = get(&records, "old").await.expect("reads");
        assert!(read.active);
        assert_eq!(read.terms_accepted_at, None);
        assert!(!read.integration.on);
        assert_eq!(read.integration.reason, Some(OffReason::TermsNotAccepted));
    });
}

#[test]
fn another_provider_needs_its_own_acceptance() {
    let records = Records::in_memory();
    run(async {
        let acme = provider(&records, "Acme", 60).await;
        create_on24(&records, "c", None).await;
        accept_terms(&records, "c", "alice")
            .await
            .expect("accepted");
        let moved = update(&records, "c", body("c", &acme.id), CredentialsChange::Keep)
            .await
            .expect("moved");
        assert_eq!(moved.terms_accepted_at, None);
        assert_eq!(moved.integration.reason, Some(OffReason::TermsNotAccepted));
    });
}
