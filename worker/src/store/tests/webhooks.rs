//! Webhook endpoints: their secret kept sealed and never in the endpoint, rotated and
//! re-wrapped only if unchanged, and their subscriptions as the registry copies them.

use serde_json::json;

use super::*;
use crate::store::records::support::{not_found, run, sealed};

fn valid(url: &str, events: &[EventType], active: bool) -> ValidWebhook {
    ValidWebhook {
        url: url.into(),
        description: String::new(),
        events: events.to_vec(),
        active,
    }
}

async fn made(records: &Records, id: &str, url: &str) -> WebhookEndpoint {
    let command = WebhookCommand::Create {
        id: id.into(),
        webhook: valid(url, &[EventType::RegistrationCreated], true),
        secret: sealed(id),
    };
    serde_json::from_value(run_command(records, command).await.expect("created")).expect("endpoint")
}

async fn run_command(records: &Records, command: WebhookCommand) -> ApiResult<serde_json::Value> {
    Ok(serde_json::from_str(&super::run(records, command).await?)?)
}

#[test]
fn an_endpoint_keeps_its_secret_sealed_and_never_shows_it() {
    let records = Records::in_memory();
    run(async {
        let endpoint = made(&records, "w1", "http://127.0.0.1:9000/hooks").await;
        assert_eq!(endpoint.events, [EventType::RegistrationCreated]);
        assert!(endpoint.active);
        let shown = serde_json::to_string(&endpoint).expect("json");
        assert!(!shown.contains("secret\""), "{shown}");
        let stored = stored(&records, "w1").await.expect("stored");
        assert_eq!(stored.secret, sealed("w1"));
        let listed = run_command(&records, WebhookCommand::List)
            .await
            .expect("list");
        assert_eq!(listed, json!([endpoint]));
        not_found(run_command(&records, WebhookCommand::Get { id: "nope".into() }).await);
    });
}

#[test]
fn subscriptions_follow_changes_and_rotation_replaces_the_secret() {
    let records = Records::in_memory();
    run(async {
        made(&records, "w1", "http://127.0.0.1:9000/a").await;
        let command = WebhookCommand::Update {
            id: "w1".into(),
            webhook: valid(
                "http://127.0.0.1:9000/a",
                &[EventType::ContactErased],
                false,
            ),
        };
        run_command(&records, command).await.expect("updated");
        assert_eq!(
            subscriptions(&records).await.expect("subscriptions"),
            [Subscription {
                id: "w1".into(),
                events: vec![EventType::ContactErased],
                active: false,
            }]
        );
        let rotate = WebhookCommand::RotateSecret {
            id: "w1".into(),
            secret: sealed("rotated"),
        };
        run_command(&records, rotate).await.expect("rotated");
        assert_eq!(
            stored(&records, "w1").await.expect("get").secret,
            sealed("rotated")
        );
        // A key rotation's compare and set.
        assert_eq!(
            list_sealed(&records).await.expect("sealed"),
            [("w1".to_string(), sealed("rotated"))]
        );
        let stale = replace_sealed(&records, "w1", &sealed("w1"), sealed("x")).await;
        assert_eq!(stale.expect("answered"), Some(false));
        let fresh = replace_sealed(&records, "w1", &sealed("rotated"), sealed("x")).await;
        assert_eq!(fresh.expect("answered"), Some(true));
        let other = replace_sealed(&records, "config-1", &sealed("x"), sealed("y")).await;
        assert_eq!(other.expect("answered"), None);

        run_command(&records, WebhookCommand::Delete { id: "w1".into() })
            .await
            .expect("deleted");
        assert!(subscriptions(&records).await.expect("none").is_empty());
    });
}
