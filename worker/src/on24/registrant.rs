//! Telling ON24 about registrations: add a registrant (`POST …/event/{eventId}/registrant`,
//! which updates the registrant with the same email if there is one, so a second send
//! never makes a second registrant), remove one (the same call with `isDeleted=Y`) and
//! erase an address (`POST …/forget`). Each answer becomes an outbox [`Outcome`].

use convene_types::validate::web_link;
use std::time::Duration;

use convene_types::configuration::{CredentialsInput, ServiceStatus};
use convene_types::sync::retry_delay_ms;
use worker::{Method, Url};

use super::{Answer, Failure, client_url, interpret, provider_message, send};
use crate::outbox::{Action, Delivery, Outcome};

/// A registrant call waits at most this long; without an answer by then it is retried
/// (and the provider's email match absorbs it if the first call did arrive).
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The URL a delivery goes to.
pub fn url(
    base: &str,
    client_id: &str,
    provider_event_id: &str,
    action: Action,
) -> Result<Url, String> {
    match action {
        Action::Register | Action::Cancel => {
            client_url(base, client_id, &["event", provider_event_id, "registrant"])
        }
        Action::Forget => client_url(base, client_id, &["forget"]),
    }
}

/// The form a delivery sends (`application/x-www-form-urlencoded`).
pub fn form(delivery: &Delivery) -> String {
    let mut url = Url::parse("http://form.invalid/").expect("a constant URL parses");
    {
        let mut pairs = url.query_pairs_mut();
        pairs.append_pair("email", &delivery.email);
        match delivery.action {
            Action::Register => {
                pairs
                    .append_pair("firstname", &delivery.first_name)
                    .append_pair("lastname", &delivery.last_name)
                    .append_pair("company", &delivery.company);
            }
            Action::Cancel => {
                pairs.append_pair("isDeleted", "Y");
            }
            Action::Forget => {}
        }
    }
    url.query().unwrap_or_default().to_string()
}

/// What the provider's answer to `delivery` means, and the configuration's new service
/// status when the answer says something about the credentials or the provider itself.
/// `jitter` (0 to 1) spreads retries.
pub fn interpret_answer(
    delivery: &Delivery,
    answer: Result<Answer, Failure>,
    jitter: f64,
) -> (Outcome, Option<(ServiceStatus, String)>) {
    let retry = |retry_after: Option<u64>, message: String| Outcome::Retry {
        delay_ms: retry_delay_ms(delivery.attempts + 1, retry_after, jitter),
        message,
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err((status, message)) => return (retry(None, message.clone()), Some((status, message))),
    };
    match answer.status {
        200..=299 => {
            let sent = match delivery.action {
                Action::Register => registrant_of(&answer.body),
                Action::Cancel | Action::Forget => Outcome::Sent {
                    registrant_id: None,
                    join_url: None,
                },
            };
            (sent, Some((ServiceStatus::Ok, CONNECTED.into())))
        }
        // Nothing there to remove: what a cancellation wants is true already.
        404 if delivery.action != Action::Register => (
            Outcome::Sent {
                registrant_id: None,
                join_url: None,
            },
            None,
        ),
        400 => {
            let message = provider_message(&answer.body)
                .unwrap_or_else(|| "The provider refused this registrant.".into());
            (Outcome::Failed { message }, None)
        }
        status => {
            let (service, message) = interpret(status, &answer.body);
            let outcome = match service {
                ServiceStatus::InvalidCredentials => Outcome::Paused {
                    message: format!(
                        "The provider refused the credentials ({message}): sending is paused until they are replaced."
                    ),
                },
                _ => retry(answer.retry_after_ms, message.clone()),
            };
            (outcome, Some((service, message)))
        }
    }
}

/// What a configuration says once the provider has accepted a call.
pub const CONNECTED: &str = "Connected: the provider accepted the last call.";

/// The registrant's id and join link from ON24's answer (`eventuserid`, and the link
/// this simulator and Convene call `registrantUrl`; see `sim/on24`). An answer without
/// them still means the provider has the registrant.
fn registrant_of(body: &str) -> Outcome {
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let registrant_id = match json.get("eventuserid") {
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let join_url = json
        .get("registrantUrl")
        .and_then(|v| v.as_str())
        .and_then(web_link)
        .map(str::to_string);
    Outcome::Sent {
        registrant_id,
        join_url,
    }
}

/// Sends one delivery.
pub async fn deliver(
    base: &str,
    credentials: &CredentialsInput,
    provider_event_id: &str,
    delivery: &Delivery,
    jitter: f64,
) -> (Outcome, Option<(ServiceStatus, String)>) {
    let url = match url(
        base,
        &credentials.client_id,
        provider_event_id,
        delivery.action,
    ) {
        Ok(url) => url,
        Err(message) => return (Outcome::Wait { message }, None),
    };
    let answer = send(
        Method::Post,
        &url,
        credentials,
        Some(&form(delivery)),
        TIMEOUT,
    )
    .await;
    interpret_answer(delivery, answer, jitter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(action: Action) -> Delivery {
        Delivery {
            seq: 1,
            registration_id: "r1".into(),
            event_id: "e1".into(),
            session_id: None,
            action,
            attempts: 2,
            email: "ana+x@example.com".into(),
            first_name: "Ana".into(),
            last_name: "Lima & Co".into(),
            company: "ACME".into(),
        }
    }

    fn answer(status: u16, body: &str, retry_after_ms: Option<u64>) -> Result<Answer, Failure> {
        Ok(Answer {
            status,
            body: body.into(),
            retry_after_ms,
        })
    }

    #[test]
    fn urls_and_forms_follow_the_reference() {
        let u = url("https://api.on24.com/v2", "12", "900", Action::Register).expect("url");
        assert_eq!(
            u.as_str(),
            "https://api.on24.com/v2/client/12/event/900/registrant"
        );
        let u = url("https://api.on24.com/v2", "12", "900", Action::Forget).expect("url");
        assert_eq!(u.as_str(), "https://api.on24.com/v2/client/12/forget");
        assert_eq!(
            form(&delivery(Action::Register)),
            "email=ana%2Bx%40example.com&firstname=Ana&lastname=Lima+%26+Co&company=ACME"
        );
        assert_eq!(
            form(&delivery(Action::Cancel)),
            "email=ana%2Bx%40example.com&isDeleted=Y"
        );
        assert_eq!(
            form(&delivery(Action::Forget)),
            "email=ana%2Bx%40example.com"
        );
    }

    #[test]
    fn a_registrant_answer_gives_its_id_and_join_link() {
        let body = r#"{"eventid":900,"eventuserid":300000001,"registrantUrl":"https://event.on24.com/wcc/r/900/300000001"}"#;
        let (outcome, service) =
            interpret_answer(&delivery(Action::Register), answer(200, body, None), 0.5);
        assert_eq!(
            outcome,
            Outcome::Sent {
                registrant_id: Some("300000001".into()),
                join_url: Some("https://event.on24.com/wcc/r/900/300000001".into()),
            }
        );
        assert_eq!(service.map(|s| s.0), Some(ServiceStatus::Ok));
        // A link that is not http(s) is not kept.
        let odd = r#"{"eventuserid":"7","registrantUrl":"javascript:alert(1)"}"#;
        let (outcome, _) =
            interpret_answer(&delivery(Action::Register), answer(200, odd, None), 0.5);
        assert_eq!(
            outcome,
            Outcome::Sent {
                registrant_id: Some("7".into()),
                join_url: None,
            }
        );
    }

    #[test]
    fn outages_and_quotas_retry_later_with_retry_after_as_a_floor() {
        let d = delivery(Action::Register);
        let (outcome, service) = interpret_answer(&d, answer(500, "", None), 0.0);
        assert_eq!(
            outcome,
            Outcome::Retry {
                delay_ms: retry_delay_ms(3, None, 0.0),
                message: "The provider answered HTTP 500.".into(),
            }
        );
        assert_eq!(service.map(|s| s.0), Some(ServiceStatus::ProviderError));
        let quota = r#"{"message":"Quota exceeded: your API request limit has been reached"}"#;
        let (outcome, service) = interpret_answer(&d, answer(403, quota, Some(90_000)), 0.0);
        assert!(
            matches!(
                outcome,
                Outcome::Retry {
                    delay_ms: 90_000,
                    ..
                }
            ),
            "{outcome:?}"
        );
        assert_eq!(service.map(|s| s.0), Some(ServiceStatus::QuotaExceeded));
        let (outcome, _) = interpret_answer(&d, answer(429, "", Some(1_000)), 0.0);
        assert!(
            matches!(
                outcome,
                Outcome::Retry {
                    delay_ms: 2_000,
                    ..
                }
            ),
            "{outcome:?}"
        );
        let lost = Err((
            ServiceStatus::Unreachable,
            "x did not answer within 10 seconds.".into(),
        ));
        let (outcome, _) = interpret_answer(&d, lost, 0.0);
        assert!(matches!(outcome, Outcome::Retry { .. }), "{outcome:?}");
    }

    #[test]
    fn refused_credentials_pause_and_refused_data_fails() {
        let d = delivery(Action::Register);
        let (outcome, service) = interpret_answer(
            &d,
            answer(401, r#"{"message":"Invalid accessTokenKey"}"#, None),
            0.0,
        );
        assert!(
            matches!(&outcome, Outcome::Paused { message } if message.contains("Invalid accessTokenKey")),
            "{outcome:?}"
        );
        assert_eq!(
            service.map(|s| s.0),
            Some(ServiceStatus::InvalidCredentials)
        );
        let (outcome, service) = interpret_answer(
            &d,
            answer(400, r#"{"message":"Invalid email address: x"}"#, None),
            0.0,
        );
        assert_eq!(
            outcome,
            Outcome::Failed {
                message: "Invalid email address: x".into()
            }
        );
        assert_eq!(service, None);
    }

    #[test]
    fn removing_what_is_not_there_is_done() {
        for action in [Action::Cancel, Action::Forget] {
            let (outcome, _) = interpret_answer(&delivery(action), answer(404, "", None), 0.0);
            assert!(matches!(outcome, Outcome::Sent { .. }), "{action:?}");
        }
        let (outcome, _) =
            interpret_answer(&delivery(Action::Register), answer(404, "", None), 0.0);
        assert!(matches!(outcome, Outcome::Paused { .. }), "{outcome:?}");
    }
}
