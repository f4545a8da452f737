//! Events and sessions: readable ids unique, references to active configurations, custom
//! values checked, sessions inside their event and within the provider's maximum, and the
//! registration context.

use convene_types::contact::MatchStrategy;
use convene_types::provider::on24;
use serde_json::{Value, json};

use super::*;
use crate::store::records::support::{
    configuration, event, event_body, field_errors, input, merged, not_found, provider, run,
    text_field,
};
use crate::store::{catalog, configurations, event_admin};

fn session_body(name: &str, start: &str, end: &str, changes: Value) -> SessionInput {
    let body = json!({
        "name": name,
        "start": format!("2026-03-14T{start}"),
        "end": format!("2026-03-14T{end}"),
    });
    input(merged(body, changes))
}

#[test]
fn readable_ids_come_from_the_name_and_stay_unique() {
    let records = Records::in_memory();
    run(async {
        let first = event(&records, json!({ "name": "Spring Summit" })).await;
        let second = event(&records, json!({ "name": "Spring  Summit!" })).await;
        assert_eq!(first.readable_id, "spring-summit");
        assert_eq!(second.readable_id, "spring-summit-2");
        assert_eq!(by_id(&records, &second.id).await.expect("get"), second);
        assert_eq!(all(&records).await.expect("list").len(), 2);

        let taken = input(event_body(json!({ "readableId": "spring-summit" })));
        let errors = field_errors(create(&records, taken).await);
        assert_eq!(
            errors,
            [(
                "readableId".to_string(),
                "is already used by another event".to_string()
            )]
        );
        let bad = input(event_body(json!({ "readableId": "Spring Summit" })));
        assert_eq!(field_errors(create(&records, bad).await)[0].0, "readableId");
        assert_eq!(
            all(&records).await.expect("list").len(),
            2,
            "nothing stored"
        );
    });
}

#[test]
fn an_update_keeps_the_readable_id_unless_another_is_chosen() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({ "name": "Summit" })).await;
        let other = event(&records, json!({ "name": "Other" })).await;
        let renamed = update(
            &records,
            &summit.id,
            input(event_body(json!({ "name": "Renamed" }))),
        )
        .await
        .expect("updated");
        assert_eq!(renamed.readable_id, "summit", "websites link to it");
        assert_eq!(renamed.name, "Renamed");
        assert_eq!(
            (renamed.id.as_str(), renamed.created_at.as_str()),
            (summit.id.as_str(), summit.created_at.as_str())
        );
        assert!(renamed.updated_at > summit.updated_at);

        let taken = input(event_body(json!({ "readableId": "other" })));
        assert_eq!(
            field_errors(update(&records, &summit.id, taken).await)[0].0,
            "readableId"
        );
        let own = input(event_body(
            json!({ "readableId": "other", "name": "Other 2" }),
        ));
        update(&records, &other.id, own)
            .await
            .expect("its own readable id");
        not_found(update(&records, "nope", input(event_body(json!({})))).await);
    });
}

#[test]
fn a_webinar_event_needs_a_known_active_configuration() {
    let records = Records::in_memory();
    run(async {
        let webinar = |id: &str| {
            input::<EventInput>(event_body(
                json!({ "format": "webinar", "webinarConfigurationId": id }),
            ))
        };
        let errors = field_errors(create(&records, webinar("nope")).await);
        assert_eq!(
            errors,
            [(
                "webinarConfigurationId".to_string(),
                "is not a known webinar configuration".to_string()
            )]
        );
        let main = configuration(&records, "Main", on24::ID).await;
        configurations::set_active(&records, &main.id, false)
            .await
            .expect("off");
        let errors = field_errors(create(&records, webinar(&main.id)).await);
        assert!(errors[0].1.contains("“Main” is inactive"), "{errors:?}");
        assert!(all(&records).await.expect("list").is_empty());

        configurations::set_active(&records, &main.id, true)
            .await
            .expect("on");
        let created = create(&records, webinar(&main.id)).await.expect("created");
        assert_eq!(created.webinar_configuration_id, Some(main.id));
    });
}

#[test]
fn custom_values_are_checked_against_the_events_fields() {
    let records = Records::in_memory();
    run(async {
        text_field(&records, "session", "room").await;
        let unknown = input(event_body(json!({ "customFields": { "room": "A" } })));
        let errors = field_errors(create(&records, unknown).await);
        assert_eq!(
            errors,
            [(
                "customFields.room".to_string(),
                "is not a custom event field".to_string()
            )]
        );
        // Field rules are reported before references are read.
        let both = input(event_body(
            json!({ "start": "soon", "customFields": { "room": "A" } }),
        ));
        assert_eq!(field_errors(create(&records, both).await)[0].0, "start");

        text_field(&records, "event", "track").await;
        let body = json!({ "customFields": { "track": "  Rust  ", "dropped": null } });
        let errors = field_errors(create(&records, input(event_body(body))).await);
        assert_eq!(errors[0].0, "customFields.dropped");
        let created = event(&records, json!({ "customFields": { "track": "  Rust  " } })).await;
        assert_eq!(created.custom_fields.get("track"), Some(&json!("Rust")));
        let cleared = event(&records, json!({ "customFields": { "track": null } })).await;
        assert!(
            cleared.custom_fields.is_empty(),
            "{:?}",
            cleared.custom_fields
        );
    });
}

#[test]
fn deleting_an_event_deletes_its_sessions_only() {
    let records = Records::in_memory();
    run(async {
        let gone = event(&records, json!({ "name": "Gone" })).await;
        let kept = event(&records, json!({ "name": "Kept" })).await;
        for id in [&gone.id, &kept.id] {
            create_session(
                &records,
                id,
                session_body("Talk", "10:00", "11:00", json!({})),
            )
            .await
            .expect("session");
        }
        delete(&records, &gone.id).await.expect("deleted");
        not_found(by_id(&records, &gone.id).await);
        assert!(sessions(&records, &gone.id).await.expect("list").is_empty());
        assert_eq!(sessions(&records, &kept.id).await.expect("list").len(), 1);
        assert!(
            records.keys().iter().all(|k| !k.contains(&gone.id)),
            "{:?}",
            records.keys()
        );
        not_found(delete(&records, &gone.id).await);
    });
}

#[test]
fn sessions_stay_inside_their_event_and_list_by_start_then_name() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({})).await;
        let other = event(&records, json!({ "name": "Other" })).await;
        let early = session_body("Early", "08:00", "10:00", json!({}));
        let errors = field_errors(create_session(&records, &summit.id, early).await);
        assert_eq!(errors[0].0, "start");
        assert!(
            errors[0].1.contains("before the event starts"),
            "{errors:?}"
        );
        let message = not_found(
            create_session(
                &records,
                "nope",
                session_body("X", "10:00", "11:00", json!({})),
            )
            .await,
        );
        assert_eq!(message, "There is no event with id nope.");
        let unknown = json!({ "customFields": { "track": "Rust" } });
        let unknown = session_body("Talk", "10:00", "11:00", unknown);
        let errors = field_errors(create_session(&records, &summit.id, unknown).await);
        assert_eq!(
            errors,
            [(
                "customFields.track".to_string(),
                "is not a custom session field".to_string()
            )]
        );

        for (name, start, end) in [
            ("B", "10:00", "11:00"),
            ("Late", "14:00", "15:00"),
            ("A", "10:00", "12:00"),
        ] {
            create_session(
                &records,
                &summit.id,
                session_body(name, start, end, json!({})),
            )
            .await
            .expect("session");
        }
        create_session(
            &records,
            &other.id,
            session_body("Elsewhere", "09:00", "10:00", json!({})),
        )
        .await
        .expect("session");
        let names: Vec<String> = sessions(&records, &summit.id)
            .await
            .expect("list")
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["A", "B", "Late"]);
    });
}

#[test]
fn a_webinar_session_is_bounded_by_its_providers_maximum_duration() {
    let records = Records::in_memory();
    run(async {
        let short = provider(&records, "Short", 60).await;
        let config = configuration(&records, "Short account", &short.id).await;
        let webinar = event(
            &records,
            json!({ "format": "webinar", "webinarConfigurationId": config.id }),
        )
        .await;
        let with_config = json!({ "webinarConfigurationId": config.id });
        let long = session_body("Long", "09:00", "10:30", with_config.clone());
        let errors = field_errors(create_session(&records, &webinar.id, long).await);
        assert_eq!(errors[0].0, "end");
        assert!(
            errors[0]
                .1
                .contains("90 minutes long, more than Short's maximum of 60"),
            "{errors:?}"
        );

        let missing = session_body("No config", "09:00", "10:00", json!({}));
        assert_eq!(
            field_errors(create_session(&records, &webinar.id, missing).await)[0].0,
            "webinarConfigurationId"
        );
        let hour = session_body("Hour", "09:00", "10:00", with_config);
        let created = create_session(&records, &webinar.id, hour)
            .await
            .expect("fits");
        assert_eq!(created.webinar_configuration_id, Some(config.id));
    });
}

#[test]
fn a_session_update_keeps_identity_and_unknown_sessions_are_not_found() {
    let records = Records::in_memory();
    run(async {
        text_field(&records, "session", "room").await;
        let summit = event(&records, json!({})).await;
        let talk = create_session(
            &records,
            &summit.id,
            session_body("Talk", "10:00", "11:00", json!({})),
        )
        .await
        .expect("session");
        let moved = session_body(
            "Talk",
            "11:00",
            "12:00",
            json!({ "customFields": { "room": "B" } }),
        );
        let updated = update_session(&records, &summit.id, &talk.id, moved)
            .await
            .expect("updated");
        assert_eq!(
            (
                updated.id.as_str(),
                updated.event_id.as_str(),
                updated.created_at.as_str()
            ),
            (
                talk.id.as_str(),
                summit.id.as_str(),
                talk.created_at.as_str()
            )
        );
        assert_eq!(updated.start, "2026-03-14T11:00");
        assert_eq!(updated.custom_fields.get("room"), Some(&json!("B")));
        assert_eq!(
            sessions(&records, &summit.id).await.expect("list"),
            [updated]
        );

        let again = || session_body("Talk", "10:00", "11:00", json!({}));
        let message = not_found(update_session(&records, &summit.id, "nope", again()).await);
        assert_eq!(message, "There is no session with id nope in this event.");
        let other = event(&records, json!({ "name": "Other" })).await;
        not_found(update_session(&records, &other.id, &talk.id, again()).await);
        not_found(delete_session(&records, &other.id, &talk.id).await);
        delete_session(&records, &summit.id, &talk.id)
            .await
            .expect("deleted");
        not_found(delete_session(&records, &summit.id, &talk.id).await);
    });
}

#[test]
fn the_registration_context_holds_the_event_its_sessions_questions_passes_and_strategy() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({})).await;
        let other = event(&records, json!({ "name": "Other" })).await;
        let late = create_session(
            &records,
            &summit.id,
            session_body("Late", "15:00", "16:00", json!({})),
        )
        .await
        .expect("session");
        let early = create_session(
            &records,
            &summit.id,
            session_body("Early", "09:00", "10:00", json!({})),
        )
        .await
        .expect("session");
        let question = input(json!({ "text": "Diet?", "questionType": "simple_text" }));
        let asked = catalog::save_question(&records, &summit.id, None, question)
            .await
            .expect("question");
        let pass = catalog::save_pass(&records, &summit.id, None, input(json!({ "name": "Day" })))
            .await
            .expect("pass");
        catalog::save_pass(
            &records,
            &other.id,
            None,
            input(json!({ "name": "Elsewhere" })),
        )
        .await
        .expect("pass of another event");
        event_admin::create(
            &records,
            input(json!({ "name": "Main", "matchStrategy": "first_and_last_name" })),
            false,
        )
        .await
        .expect("administration");

        let context = registration_context(&records, &summit.id)
            .await
            .expect("context");
        assert_eq!(context.event, summit);
        assert_eq!(context.session_ids, [early.id, late.id]);
        assert_eq!(context.questions, [asked]);
        assert_eq!(context.passes, [pass]);
        assert_eq!(context.strategy, MatchStrategy::FirstAndLastName);
        not_found(registration_context(&records, "nope").await);
    });
}
