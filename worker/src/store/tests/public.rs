//! What event websites read: published events only (an unpublished one looks unknown), with
//! the optional and custom fields the website table configurations list, and nothing else.

use serde_json::{Value, json};

use super::*;
use crate::store::records::support::{event, input, not_found, run, text_field};
use crate::store::{catalog, custom};

async fn listing(records: &Records, entity: &str, fields: &[&str]) {
    let body = json!({ "name": format!("{entity} listing"), "entity": entity, "fields": fields });
    custom::save_table(records, None, input(body))
        .await
        .expect("table");
}

#[test]
fn only_published_events_are_listed_by_start_then_name() {
    let records = Records::in_memory();
    run(async {
        event(
            &records,
            json!({ "name": "Draft", "start": "2026-03-14T08:00" }),
        )
        .await;
        for (name, start) in [("Late", "12:00"), ("B", "09:00"), ("A", "09:00")] {
            let start = format!("2026-03-14T{start}");
            event(
                &records,
                json!({ "name": name, "start": start, "published": true }),
            )
            .await;
        }
        let names: Vec<String> = published(&records)
            .await
            .expect("list")
            .into_iter()
            .map(|e| e.event_name)
            .collect();
        assert_eq!(names, ["A", "B", "Late"]);
    });
}

#[test]
fn an_unpublished_event_reads_as_unknown() {
    let records = Records::in_memory();
    run(async {
        let draft = event(&records, json!({ "name": "Draft" })).await;
        let message = not_found(published_event(&records, &draft.readable_id).await);
        assert_eq!(message, "There is no published event draft.");
        assert_eq!(
            not_found(published_event(&records, "nope").await),
            "There is no published event nope."
        );
        for part_asked in [Part::Event, Part::Sessions, Part::RegistrationFields] {
            not_found(part(&records, &draft.readable_id, part_asked).await);
        }
        let live = event(&records, json!({ "name": "Live", "published": true })).await;
        assert_eq!(
            published_event(&records, "live").await.expect("published"),
            live
        );
    });
}

#[test]
fn an_event_shows_only_the_fields_its_table_configurations_list() {
    let records = Records::in_memory();
    run(async {
        text_field(&records, "event", "track").await;
        text_field(&records, "event", "secret").await;
        let body = json!({
            "name": "Live",
            "published": true,
            "description": "All day.",
            "customFields": { "track": "Rust", "secret": "internal" },
        });
        event(&records, body).await;
        let bare = part(&records, "live", Part::Event).await.expect("event");
        assert_eq!(bare.get("description"), None);
        assert_eq!(bare["customFields"], json!({}));

        listing(&records, "event", &["description", "track"]).await;
        let shown = part(&records, "live", Part::Event).await.expect("event");
        assert_eq!(shown["description"], "All day.");
        assert_eq!(shown["customFields"], json!({ "track": "Rust" }));
        assert_eq!(shown.get("maxCapacity"), None);
        let listed = published(&records).await.expect("list");
        assert_eq!(listed[0].custom_fields.get("track"), Some(&json!("Rust")));
        assert!(!listed[0].custom_fields.contains_key("secret"));
    });
}

#[test]
fn sessions_show_whether_they_are_webinars_only_when_listed() {
    let records = Records::in_memory();
    run(async {
        let live = event(&records, json!({ "name": "Live", "published": true })).await;
        let session =
            json!({ "name": "Talk", "start": "2026-03-14T10:00", "end": "2026-03-14T11:00" });
        events::create_session(&records, &live.id, input(session))
            .await
            .expect("session");
        let bare = part(&records, "live", Part::Sessions)
            .await
            .expect("sessions");
        assert_eq!(bare[0]["name"], "Talk");
        assert_eq!(bare[0].get("webinar"), None);
        listing(&records, "session", &["webinar"]).await;
        let shown = part(&records, "live", Part::Sessions)
            .await
            .expect("sessions");
        assert_eq!(shown[0]["webinar"], false);
    });
}

#[test]
fn speakers_and_passes_list_by_name_with_their_listed_fields() {
    let records = Records::in_memory();
    run(async {
        let live = event(&records, json!({ "name": "Live", "published": true })).await;
        for name in ["Grace", "Ada"] {
            let speaker = json!({ "name": name, "title": "Engineer" });
            catalog::save_speaker(&records, &live.id, None, input(speaker))
                .await
                .expect("speaker");
        }
        let pass = json!({ "name": "Day", "capacity": 10 });
        catalog::save_pass(&records, &live.id, None, input(pass))
            .await
            .expect("pass");

        let speakers = part(&records, "live", Part::Speakers)
            .await
            .expect("speakers");
        let names: Vec<&Value> = speakers
            .as_array()
            .expect("array")
            .iter()
            .map(|s| &s["name"])
            .collect();
        assert_eq!(names, [&json!("Ada"), &json!("Grace")]);
        assert_eq!(speakers[0].get("title"), None);
        let passes = part(&records, "live", Part::Passes).await.expect("passes");
        assert_eq!(passes[0].get("capacity"), None);

        listing(&records, "speaker", &["title"]).await;
        listing(&records, "pass", &["capacity"]).await;
        let speakers = part(&records, "live", Part::Speakers)
            .await
            .expect("speakers");
        assert_eq!(speakers[0]["title"], "Engineer");
        assert_eq!(speakers[0].get("biography"), None);
        let passes = part(&records, "live", Part::Passes).await.expect("passes");
        assert_eq!(passes[0]["capacity"], 10);
    });
}

#[test]
fn registration_fields_come_in_the_order_they_were_created() {
    let records = Records::in_memory();
    run(async {
        let live = event(&records, json!({ "name": "Live", "published": true })).await;
        let questions = [
            json!({ "text": "Zebra?", "questionType": "boolean", "required": true }),
            json!({ "text": "Size?", "questionType": "single_choice", "choices": ["S", "M"] }),
            json!({ "text": "Anything?" }),
        ];
        let mut created = Vec::new();
        for question in questions {
            let saved = catalog::save_question(&records, &live.id, None, input(question))
                .await
                .expect("question");
            created.push(saved);
        }
        // Creation times in the opposite order of the ids (which records list by).
        let latest = created[0].created_at.clone();
        created[0].created_at = created[2].created_at.clone();
        created[2].created_at = latest;
        for question in &created {
            let key = format!("question:{}:{}", live.id, question.id);
            records.put(&key, question).await.expect("rewritten");
        }

        let fields = part(&records, "live", Part::RegistrationFields)
            .await
            .expect("fields");
        let texts: Vec<&Value> = fields
            .as_array()
            .expect("array")
            .iter()
            .map(|f| &f["text"])
            .collect();
        assert_eq!(
            texts,
            [&json!("Anything?"), &json!("Size?"), &json!("Zebra?")]
        );
        assert_eq!(fields[2]["isRequired"], true);
        assert_eq!(fields[2]["type"], "boolean");
        assert_eq!(fields[1]["choices"], "S\nM");
        assert_eq!(fields[0]["customRegistrationFieldId"], json!(created[2].id));
    });
}
