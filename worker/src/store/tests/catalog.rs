//! Speakers, passes and registration questions: only for an existing event, updated in
//! place with their identity kept, custom values checked against their own table.

use serde_json::json;

use super::*;
use crate::store::records::support::{event, field_errors, input, not_found, run};

fn speaker(name: &str) -> SpeakerInput {
    input(json!({ "name": name, "title": " CTO ", "biography": "Builds things." }))
}

#[test]
fn catalog_records_need_an_existing_event() {
    let records = Records::in_memory();
    run(async {
        let message = not_found(save_speaker(&records, "nope", None, speaker("Ada")).await);
        assert_eq!(message, "There is no event with id nope.");
        not_found(save_pass(&records, "nope", None, input(json!({ "name": "Day" }))).await);
        let question = input(json!({ "text": "Diet?" }));
        not_found(save_question(&records, "nope", None, question).await);
        assert!(records.keys().is_empty());
    });
}

#[test]
fn a_speaker_is_created_then_updated_in_place() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({})).await;
        let ada = save_speaker(&records, &summit.id, None, speaker(" Ada "))
            .await
            .expect("created");
        assert_eq!((ada.name.as_str(), ada.title.as_str()), ("Ada", "CTO"));
        assert_eq!(ada.event_id, summit.id);

        let updated = save_speaker(&records, &summit.id, Some(&ada.id), speaker("Ada Lovelace"))
            .await
            .expect("updated");
        assert_eq!(
            (updated.id.as_str(), updated.created_at.as_str()),
            (ada.id.as_str(), ada.created_at.as_str())
        );
        assert!(updated.updated_at > ada.updated_at);
        let listed: Vec<Speaker> = list(&records, Kind::Speaker, &summit.id)
            .await
            .expect("list");
        assert_eq!(listed, [updated]);

        let message =
            not_found(save_speaker(&records, &summit.id, Some("nope"), speaker("X")).await);
        assert_eq!(message, "There is no speaker with id nope in this event.");
        assert_eq!(
            field_errors(save_speaker(&records, &summit.id, None, speaker(" ")).await)[0].0,
            "name"
        );
    });
}

#[test]
fn a_record_of_one_event_is_not_found_through_another() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({})).await;
        let other = event(&records, json!({ "name": "Other" })).await;
        let ada = save_speaker(&records, &summit.id, None, speaker("Ada"))
            .await
            .expect("created");
        not_found(save_speaker(&records, &other.id, Some(&ada.id), speaker("Ada")).await);
        not_found(delete(&records, Kind::Speaker, &other.id, &ada.id).await);
        let others: Vec<Speaker> = list(&records, Kind::Speaker, &other.id)
            .await
            .expect("list");
        assert!(others.is_empty());
    });
}

#[test]
fn custom_values_are_checked_against_the_records_own_table() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({})).await;
        let field = json!({ "entity": "pass", "name": "colour", "label": "Colour", "fieldType": "single_choice", "choices": ["Red", "Blue"] });
        crate::store::custom::create_field(&records, input(field))
            .await
            .expect("field");
        let on_speaker = input(json!({ "name": "Ada", "customFields": { "colour": "Red" } }));
        let errors = field_errors(save_speaker(&records, &summit.id, None, on_speaker).await);
        assert_eq!(
            errors,
            [(
                "customFields.colour".to_string(),
                "is not a custom speaker field".to_string()
            )]
        );
        let wrong = input(json!({ "name": "Day", "customFields": { "colour": "Green" } }));
        let errors = field_errors(save_pass(&records, &summit.id, None, wrong).await);
        assert_eq!(
            errors[0],
            (
                "customFields.colour".to_string(),
                "must be one of: \"Red\", \"Blue\"".to_string()
            )
        );
        let right = input(json!({ "name": "Day", "customFields": { "colour": "Blue" } }));
        let pass = save_pass(&records, &summit.id, None, right)
            .await
            .expect("pass");
        assert_eq!(pass.custom_fields.get("colour"), Some(&json!("Blue")));
    });
}

#[test]
fn a_pass_without_capacity_is_unlimited_and_capacity_is_checked() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({})).await;
        let day = save_pass(
            &records,
            &summit.id,
            None,
            input(json!({ "name": "Day", "capacity": "" })),
        )
        .await
        .expect("created");
        assert_eq!(day.capacity, None);
        let errors = field_errors(
            save_pass(
                &records,
                &summit.id,
                Some(&day.id),
                input(json!({ "name": "Day", "capacity": 0 })),
            )
            .await,
        );
        assert_eq!(errors[0].0, "capacity");
        let limited = save_pass(
            &records,
            &summit.id,
            Some(&day.id),
            input(json!({ "name": "Day", "capacity": 50 })),
        )
        .await
        .expect("updated");
        assert_eq!(limited.capacity, Some(50));
        assert_eq!((limited.id, limited.created_at), (day.id, day.created_at));
    });
}

#[test]
fn a_question_keeps_its_identity_and_choice_questions_need_choices() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({})).await;
        let choice = json!({ "text": "Size?", "questionType": "single_choice", "choices": [" S ", "", "M"] });
        let size = save_question(&records, &summit.id, None, input(choice))
            .await
            .expect("created");
        assert_eq!(size.choices, ["S", "M"]);
        let none =
            input(json!({ "text": "Size?", "questionType": "multiple_choice", "choices": [] }));
        let errors = field_errors(save_question(&records, &summit.id, Some(&size.id), none).await);
        assert_eq!(
            errors,
            [(
                "choices".to_string(),
                "needs at least one choice".to_string()
            )]
        );

        let text = input(json!({ "text": "Anything else?", "required": true }));
        let updated = save_question(&records, &summit.id, Some(&size.id), text)
            .await
            .expect("updated");
        assert_eq!(
            (updated.id.as_str(), updated.created_at.as_str()),
            (size.id.as_str(), size.created_at.as_str())
        );
        assert!(updated.required && updated.choices.is_empty());
        let message = not_found(delete(&records, Kind::Question, &summit.id, "nope").await);
        assert_eq!(
            message,
            "There is no custom registration field with id nope in this event."
        );
    });
}

#[test]
fn each_kind_lists_and_deletes_only_its_own_records() {
    let records = Records::in_memory();
    run(async {
        let summit = event(&records, json!({})).await;
        let ada = save_speaker(&records, &summit.id, None, speaker("Ada"))
            .await
            .expect("speaker");
        let day = save_pass(&records, &summit.id, None, input(json!({ "name": "Day" })))
            .await
            .expect("pass");
        not_found(delete(&records, Kind::Pass, &summit.id, &ada.id).await);
        let passes: Vec<Pass> = list(&records, Kind::Pass, &summit.id).await.expect("list");
        assert_eq!(passes, std::slice::from_ref(&day));

        delete(&records, Kind::Pass, &summit.id, &day.id)
            .await
            .expect("deleted");
        let passes: Vec<Pass> = list(&records, Kind::Pass, &summit.id).await.expect("list");
        assert!(passes.is_empty());
        let speakers: Vec<Speaker> = list(&records, Kind::Speaker, &summit.id)
            .await
            .expect("list");
        assert_eq!(speakers, [ada]);
    });
}
