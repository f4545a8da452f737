//! An event's webinar: only for webinar and hybrid events with a configuration, recorded
//! once, and kept through later edits of the event.

use convene_types::integration::OffReason;
use convene_types::provider::on24;
use convene_types::webinar::{EventWebinar, WebinarCopy};
use serde_json::json;

use super::*;
use crate::store::records::support::{configuration, conflict, event, input, run, sealed};

fn created(id: &str, sent: Option<WebinarCopy>) -> EventWebinar {
    EventWebinar {
        provider_event_id: id.into(),
        audience_url: format!("https://event.example/e/{id}"),
        preview_url: String::new(),
        sent,
    }
}

#[test]
fn only_webinar_and_hybrid_events_with_a_configuration_have_one() {
    let records = Records::in_memory();
    run(async {
        let in_person = event(&records, json!({})).await;
        let message = conflict(target(&records, &in_person.id, None, None).await);
        assert!(message.contains("in-person"), "{message}");

        let config = configuration(&records, "Main", on24::ID).await;
        let webinar = event(
            &records,
            json!({ "name": "Web", "format": "hybrid", "webinarConfigurationId": config.id }),
        )
        .await;
        let found = target(&records, &webinar.id, None, None)
            .await
            .expect("target");
        assert_eq!(found.provider.id, on24::ID);
        assert_eq!(found.credentials, None);
        assert_eq!(
            found.configuration.integration.reason,
            Some(OffReason::NoCredentials),
            "the worker decides with the integration's state"
        );
    });
}

#[test]
fn a_webinar_is_recorded_once_and_kept_through_edits() {
    let records = Records::in_memory();
    run(async {
        let config = configuration(&records, "Main", on24::ID).await;
        configurations::update(
            &records,
            &config.id,
            input(json!({ "name": "Main", "providerId": on24::ID })),
            configurations::CredentialsChange::Replace(sealed("a")),
        )
        .await
        .expect("credentials");
        let webinar = event(
            &records,
            json!({
                "name": "Web", "format": "webinar", "webinarConfigurationId": config.id,
                "end": "2026-03-14T10:00",
            }),
        )
        .await;
        assert!(
            target(&records, &webinar.id, None, None)
                .await
                .expect("target")
                .configuration
                .integration
                .on
        );
        let sent = Some(WebinarCopy::of_event(&webinar).expect("an hour is a valid webinar"));
        let recorded = record(&records, &webinar.id, created("2000001", sent.clone()))
            .await
            .expect("recorded");
        assert_eq!(recorded.provider_event_id.as_deref(), Some("2000001"));
        assert_eq!(
            recorded.audience_url.as_deref(),
            Some("https://event.example/e/2000001")
        );
        assert_eq!(
            recorded.preview_url, None,
            "an unknown URL is none, not empty"
        );
        assert_eq!(recorded.provider_copy, sent);

        let message = conflict(record(&records, &webinar.id, created("2000002", None)).await);
        assert!(message.contains("2000001"), "{message}");
        let message = conflict(target(&records, &webinar.id, None, None).await);
        assert!(message.contains("already has"), "{message}");

        // Editing the event keeps the webinar and what was sent.
        let body = json!({
            "name": "Web, renamed", "start": "2026-03-14T09:00", "end": "2026-03-14T10:00",
            "timeZone": "Europe/Paris", "format": "webinar", "webinarConfigurationId": config.id,
        });
        let edited = events::update(&records, &webinar.id, input(body))
            .await
            .expect("edited");
        assert_eq!(edited.provider_event_id.as_deref(), Some("2000001"));
        assert_eq!(edited.provider_copy, sent);
        assert_eq!(
            convene_types::webinar::copy_state(&edited).differs,
            ["name"]
        );
    });
}

#[test]
fn one_creation_at_a_time_per_event() {
    let records = Records::in_memory();
    run(async {
        let config = configuration(&records, "Claims", on24::ID).await;
        let webinar = event(
            &records,
            json!({ "name": "Claimed", "format": "webinar", "webinarConfigurationId": config.id }),
        )
        .await;
        target(&records, &webinar.id, None, Some(1_000.0))
            .await
            .expect("the first press claims");
        let message = conflict(target(&records, &webinar.id, None, Some(2_000.0)).await);
        assert!(message.contains("being created"), "{message}");
        // Linking does not claim, and a claim that ran out does not stand in the way.
        target(&records, &webinar.id, None, None)
            .await
            .expect("link");
        target(&records, &webinar.id, None, Some(1_000.0 + CLAIM_MS))
            .await
            .expect("after the claim ran out");
        // A failure releases it; recording the webinar does too.
        release(&records, &webinar.id, None).await.expect("release");
        target(&records, &webinar.id, None, Some(40_000.0))
            .await
            .expect("claimed again");
        record(&records, &webinar.id, created("900", None))
            .await
            .expect("recorded");
        assert!(!records.keys().iter().any(|k| k.starts_with(CLAIM_PREFIX)));
    });
}

#[test]
fn a_session_has_a_webinar_of_its_own() {
    let records = Records::in_memory();
    run(async {
        let by_event = configuration(&records, "Event's", on24::ID).await;
        let by_session = configuration(&records, "Session's", on24::ID).await;
        let webinar = event(
            &records,
            json!({ "name": "Web", "format": "webinar", "webinarConfigurationId": by_event.id }),
        )
        .await;
        let body = json!({
            "name": "Morning", "start": "2026-03-14T09:00", "end": "2026-03-14T10:00",
            "webinarConfigurationId": by_session.id,
        });
        let session = events::create_session(&records, &webinar.id, input(body))
            .await
            .expect("session");
        let found = target(&records, &webinar.id, Some(&session.id), Some(1.0))
            .await
            .expect("the session's target");
        assert_eq!(
            found.session.as_ref().map(|s| s.id.as_str()),
            Some(session.id.as_str())
        );
        assert_eq!(
            found.configuration.id, by_session.id,
            "the session's own configuration"
        );
        let waiting = sync_target(&records, &webinar.id, Some(&session.id))
            .await
            .expect("sync target");
        assert!(
            matches!(&waiting, SyncTarget::Waiting { reason } if reason.contains("Morning")),
            "{waiting:?}"
        );

        let recorded = record_session(&records, &webinar.id, &session.id, created("3000001", None))
            .await
            .expect("recorded");
        assert_eq!(recorded.provider_event_id.as_deref(), Some("3000001"));
        assert_eq!(
            events::sessions(&records, &webinar.id)
                .await
                .expect("sessions")[0],
            recorded
        );
        let message = conflict(target(&records, &webinar.id, Some(&session.id), None).await);
        assert!(message.contains("already has"), "{message}");
        // The event's own webinar is another one.
        target(&records, &webinar.id, None, None)
            .await
            .expect("the event's is not created");
        // Its events count for both configurations; attendance is asked of its webinar.
        for id in [&by_event.id, &by_session.id] {
            assert_eq!(
                configuration_events(&records, id).await.expect("events"),
                vec![webinar.id.as_str()]
            );
        }
        let pulled = metrics_target(&records, &by_session.id)
            .await
            .expect("metrics");
        assert_eq!(pulled.webinars.len(), 1);
        assert_eq!(
            pulled.webinars[0].session_id.as_deref(),
            Some(session.id.as_str())
        );
        assert_eq!(pulled.webinars[0].provider_event_id, "3000001");
        assert!(
            metrics_target(&records, &by_event.id)
                .await
                .expect("metrics")
                .webinars
                .is_empty()
        );
    });
}
