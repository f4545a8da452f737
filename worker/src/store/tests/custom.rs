//! Custom fields and website table configurations: names unique per table, a field's
//! table, name and type fixed, no deleting a field a configuration lists.

use convene_types::custom::FieldType;
use serde_json::json;

use super::*;
use crate::store::records::support::{conflict, field_errors, input, not_found, run};

fn field(entity: &str, name: &str, field_type: &str) -> CustomFieldInput {
    input(json!({
        "entity": entity,
        "name": name,
        "label": format!("{name} label"),
        "fieldType": field_type,
        "choices": ["Red", "Blue"],
    }))
}

fn table(name: &str, entity: &str, fields: &[&str]) -> WebsiteTableConfigurationInput {
    input(json!({ "name": name, "entity": entity, "fields": fields }))
}

#[test]
fn field_names_are_unique_per_table_and_not_standard_names() {
    let records = Records::in_memory();
    run(async {
        let track = create_field(&records, field("event", "track", "text"))
            .await
            .expect("created");
        assert!(
            track.choices.is_empty(),
            "only single choice fields keep choices"
        );
        let errors = field_errors(create_field(&records, field("event", "TRACK", "number")).await);
        assert_eq!(
            errors,
            [("name".to_string(), "is already a event field".to_string())]
        );
        create_field(&records, field("session", "track", "text"))
            .await
            .expect("the same name on another table");
        let errors =
            field_errors(create_field(&records, field("event", "description", "text")).await);
        assert_eq!(
            errors,
            [("name".to_string(), "is a standard field name".to_string())]
        );
        assert_eq!(fields(&records).await.expect("list").len(), 2);
    });
}

#[test]
fn fields_list_by_table_then_name() {
    let records = Records::in_memory();
    run(async {
        for (entity, name) in [("pass", "b"), ("event", "z"), ("pass", "a"), ("event", "y")] {
            create_field(&records, field(entity, name, "text"))
                .await
                .expect("created");
        }
        let order: Vec<(Entity, String)> = fields(&records)
            .await
            .expect("list")
            .into_iter()
            .map(|f| (f.entity, f.name))
            .collect();
        assert_eq!(
            order,
            [
                (Entity::Event, "y".to_string()),
                (Entity::Event, "z".to_string()),
                (Entity::Pass, "a".to_string()),
                (Entity::Pass, "b".to_string()),
            ]
        );
    });
}

#[test]
fn only_a_fields_label_and_choices_change() {
    let records = Records::in_memory();
    run(async {
        let colour = create_field(&records, field("pass", "colour", "single_choice"))
            .await
            .expect("created");
        let mut relabelled = field("pass", "colour", "single_choice");
        relabelled.label = "Colour".into();
        relabelled.choices = vec!["Red".into(), "Blue".into(), "Green".into()];
        let updated = update_field(&records, &colour.id, relabelled)
            .await
            .expect("updated");
        assert_eq!(updated.label, "Colour");
        assert_eq!(updated.choices, ["Red", "Blue", "Green"]);
        assert_eq!(
            (updated.id.as_str(), updated.created_at.as_str()),
            (colour.id.as_str(), colour.created_at.as_str())
        );

        for changed in [
            field("event", "colour", "single_choice"),
            field("pass", "color", "single_choice"),
            field("pass", "colour", "text"),
        ] {
            let message = conflict(update_field(&records, &colour.id, changed).await);
            assert!(message.contains("cannot change"), "{message}");
        }
        let stored = fields(&records).await.expect("list");
        assert_eq!(stored, [updated]);
        assert_eq!(stored[0].field_type, FieldType::SingleChoice);
        not_found(update_field(&records, "nope", field("pass", "x", "text")).await);
    });
}

#[test]
fn a_field_listed_by_a_table_configuration_cannot_be_deleted() {
    let records = Records::in_memory();
    run(async {
        let track = create_field(&records, field("event", "track", "text"))
            .await
            .expect("created");
        let listing = save_table(&records, None, table("Agenda", "event", &["track"]))
            .await
            .expect("table");
        let message = conflict(delete_field(&records, &track.id).await);
        assert!(message.contains("Agenda"), "{message}");
        assert_eq!(
            fields(&records).await.expect("list"),
            std::slice::from_ref(&track)
        );

        delete_table(&records, &listing.id)
            .await
            .expect("table deleted");
        delete_field(&records, &track.id)
            .await
            .expect("field deleted");
        assert!(fields(&records).await.expect("list").is_empty());
        not_found(delete_field(&records, &track.id).await);
    });
}

#[test]
fn a_table_lists_known_fields_of_its_own_table_once() {
    let records = Records::in_memory();
    run(async {
        create_field(&records, field("session", "room", "text"))
            .await
            .expect("created");
        let errors = field_errors(save_table(&records, None, table("T", "event", &["room"])).await);
        assert_eq!(
            errors,
            [(
                "fields[0]".to_string(),
                "room is not a event field".to_string()
            )]
        );
        assert!(tables(&records).await.expect("list").is_empty());

        let saved = save_table(
            &records,
            None,
            table("T", "session", &["room", " webinar ", "room"]),
        )
        .await
        .expect("saved");
        assert_eq!(saved.fields, ["room", "webinar"]);
        assert_eq!(get_table(&records, &saved.id).await.expect("get"), saved);
    });
}

#[test]
fn a_table_is_updated_in_place_and_unknown_tables_are_not_found() {
    let records = Records::in_memory();
    run(async {
        let saved = save_table(&records, None, table("Agenda", "event", &["description"]))
            .await
            .expect("saved");
        let updated = save_table(&records, Some(&saved.id), table("Agenda 2", "event", &[]))
            .await
            .expect("updated");
        assert_eq!(
            (updated.id.as_str(), updated.created_at.as_str()),
            (saved.id.as_str(), saved.created_at.as_str())
        );
        assert!(updated.fields.is_empty());
        assert!(updated.updated_at > saved.updated_at);
        assert_eq!(tables(&records).await.expect("list"), [updated]);

        let message = not_found(save_table(&records, Some("nope"), table("X", "event", &[])).await);
        assert_eq!(
            message,
            "There is no website table configuration with id nope."
        );
        not_found(get_table(&records, "nope").await);
        not_found(delete_table(&records, "nope").await);
        assert_eq!(
            tables(&records).await.expect("list").len(),
            1,
            "nothing created"
        );
    });
}
