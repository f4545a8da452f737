//! Convene's ON24 client: only the calls Convene makes (REST API v2).
//!
//! URL building, form building and response interpretation are plain functions, tested
//! natively; [`send`] is the one function that touches the network ([`check`],
//! [`create_webinar`] and the registrant calls of [`registrant`] go through it).
//!
//! Check uses `GET /v2/client/{clientId}/event` ("list events"): the cheapest authenticated
//! read ON24 documents; it changes nothing and proves the client id, key and secret belong
//! together.

use std::time::Duration;

use convene_types::configuration::{CredentialsInput, ServiceStatus};
use convene_types::webinar::WebinarCopy;
use worker::{Method, Url};

use crate::error::ApiError;

pub mod attendance;
pub mod registrant;

/// ON24's production API (the ON24 record's empty base service URL means this).
pub const PRODUCTION_BASE_URL: &str = "https://api.on24.com/v2";
/// Worker var that replaces [`PRODUCTION_BASE_URL`] (dev and tests point it at on24-sim).
pub const BASE_URL_VAR: &str = "ON24_BASE_URL";
/// A check waits at most this long for the provider's whole answer.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(5);
/// Creating a webinar waits at most this long.
pub const CREATE_TIMEOUT: Duration = Duration::from_secs(10);
/// What Convene asks ON24 for: a webcast, in English (ON24's `eventType` / `languageCd`).
pub const EVENT_TYPE: &str = "Webcast";
pub const LANGUAGE: &str = "en";
/// Longest provider message kept.
const MESSAGE_MAX: usize = 300;

/// The base URL calls go to: the provider record's, else the override, else production.
pub fn base_url(provider_base: &str, override_base: Option<String>) -> String {
    if !provider_base.trim().is_empty() {
        provider_base.trim().to_string()
    } else {
        override_base
            .filter(|b| !b.trim().is_empty())
            .unwrap_or_else(|| PRODUCTION_BASE_URL.to_string())
    }
}

/// `{base}/client/{clientId}/event`, with the client id as one encoded path segment.
pub fn check_url(base: &str, client_id: &str) -> Result<Url, String> {
    client_url(base, client_id, &["event"])
}

/// `{base}/client/{clientId}/{rest…}`, each segment encoded as one.
pub fn client_url(base: &str, client_id: &str, rest: &[&str]) -> Result<Url, String> {
    let mut url = Url::parse(base).map_err(|e| format!("invalid base URL {base}: {e}"))?;
    url.path_segments_mut()
        .map_err(|_| format!("invalid base URL {base}"))?
        .pop_if_empty()
        .extend(["client", client_id])
        .extend(rest);
    Ok(url)
}

/// What an answer to the check call means.
pub fn interpret(status: u16, body: &str) -> (ServiceStatus, String) {
    let said = provider_message(body);
    let with = |fallback: &str| said.clone().unwrap_or_else(|| fallback.to_string());
    match status {
        200..=299 => (
            ServiceStatus::Ok,
            "Connected: the provider accepted the credentials.".into(),
        ),
        401 => (
            ServiceStatus::InvalidCredentials,
            with("The provider refused the credentials."),
        ),
        403 if said.as_deref().is_some_and(mentions_quota) => {
            (ServiceStatus::QuotaExceeded, with("Quota exceeded."))
        }
        403 => (
            ServiceStatus::InvalidCredentials,
            with("The provider refused access with these credentials."),
        ),
        429 => (ServiceStatus::QuotaExceeded, with("Too many requests.")),
        404 => (
            ServiceStatus::InvalidCredentials,
            with("The provider does not know this client ID."),
        ),
        _ => (
            ServiceStatus::ProviderError,
            with(&format!("The provider answered HTTP {status}.")),
        ),
    }
}

fn mentions_quota(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("quota") || m.contains("limit")
}

/// The provider's own words: a JSON `message` (or `error`), else short plain text.
pub fn provider_message(body: &str) -> Option<String> {
    let text = match serde_json::from_str::<serde_json::Value>(body) {
        Ok(json) => ["message", "error", "errorMessage"]
            .iter()
            .find_map(|k| json.get(k).and_then(|v| v.as_str()).map(str::to_string))?,
        Err(_) if body.trim_start().starts_with('<') => return None, // an HTML error page
        Err(_) => body.trim().to_string(),
    };
    let text: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(MESSAGE_MAX)
        .collect();
    (!text.trim().is_empty()).then_some(text)
}

/// The form of "Create a webinar" (`application/x-www-form-urlencoded`) for `copy`.
pub fn create_webinar_form(copy: &WebinarCopy) -> String {
    let mut url = Url::parse("http://form.invalid/").expect("a constant URL parses");
    url.query_pairs_mut()
        .append_pair("title", &copy.title)
        .append_pair("liveStart", &copy.live_start())
        .append_pair("liveDuration", &copy.live_duration.to_string())
        .append_pair("timeZone", &copy.time_zone)
        .append_pair("eventType", EVENT_TYPE)
        .append_pair("languageCd", LANGUAGE);
    url.query().unwrap_or_default().to_string()
}

/// What Convene keeps of a created webinar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatedWebinar {
    pub event_id: String,
    pub audience_url: String,
    pub preview_url: String,
}

/// Why a call did not succeed: the provider's state and its (or Convene's) words.
pub type Failure = (ServiceStatus, String);

/// What an answer to "Create a webinar" means: the new event, or why not.
pub fn interpret_created(status: u16, body: &str) -> Result<CreatedWebinar, Failure> {
    if !(200..=299).contains(&status) {
        return Err(match status {
            400 => (
                ServiceStatus::Ok,
                provider_message(body)
                    .unwrap_or_else(|| "The provider refused the webinar.".into()),
            ),
            _ => interpret(status, body),
        });
    }
    let unexpected = || {
        (
            ServiceStatus::ProviderError,
            "The provider's answer did not describe the created webinar.".to_string(),
        )
    };
    let json: serde_json::Value = serde_json::from_str(body).map_err(|_| unexpected())?;
    let event = json.get("wccevent").ok_or_else(unexpected)?;
    let event_id = match event.get("eventId") {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => return Err(unexpected()),
    };
    let url = |name: &str| {
        event
            .get(name)
            .and_then(|v| v.as_str())
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .unwrap_or_default()
            .to_string()
    };
    Ok(CreatedWebinar {
        event_id,
        audience_url: url("audienceUrl"),
        preview_url: url("previewUrl"),
    })
}

/// The API error for a failed "Create a webinar": the provider's refusal or failure is a
/// 502 in its words; unreachable or over quota, a 503 (try again later).
pub fn create_failure(failure: Failure) -> ApiError {
    let (status, message) = failure;
    match status {
        ServiceStatus::Unreachable | ServiceStatus::QuotaExceeded => ApiError::ProviderUnavailable(
            format!("The webinar was not created: {message} Try again later."),
        ),
        ServiceStatus::InvalidCredentials => ApiError::ProviderFailed(format!(
            "The webinar was not created: the provider refused the credentials ({message}). Check the webinar configuration."
        )),
        _ => ApiError::ProviderFailed(format!("The webinar was not created: {message}")),
    }
}

/// The provider's answer to one call.
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// The `Retry-After` header, in milliseconds, when it gives a number of seconds.
    pub retry_after_ms: Option<u64>,
}

/// A `Retry-After` value in milliseconds. Only the delay-seconds form is read; an HTTP
/// date (rare from APIs) is ignored and the backoff decides.
pub fn retry_after_ms(value: &str) -> Option<u64> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .map(|s| s.saturating_mul(1000))
}

/// One authenticated call. Never panics; a failure to get an answer is `Unreachable`.
pub async fn send(
    method: Method,
    url: &Url,
    credentials: &CredentialsInput,
    form: Option<&str>,
    bound: Duration,
) -> Result<Answer, Failure> {
    use futures_util::future::{Either, select};
    use worker::{AbortController, Delay, Fetch, Headers, Request, RequestInit};

    let host = match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        _ => "the provider".to_string(),
    };
    let call = async {
        let headers = Headers::new();
        headers.set("accessTokenKey", &credentials.access_token_key)?;
        headers.set("accessTokenSecret", &credentials.access_token_secret)?;
        headers.set("accept", "application/json")?;
        let mut init = RequestInit::new();
        if let Some(form) = form {
            headers.set("content-type", "application/x-www-form-urlencoded")?;
            init.with_body(Some(form.into()));
        }
        init.with_method(method).with_headers(headers);
        let request = Request::new_with_init(url.as_str(), &init)?;
        let controller = AbortController::default();
        let mut response = Fetch::Request(request)
            .send_with_signal(&controller.signal())
            .await?;
        let status = response.status_code();
        let retry_after_ms = response
            .headers()
            .get("retry-after")
            .ok()
            .flatten()
            .and_then(|v| retry_after_ms(&v));
        let body = response.text().await.unwrap_or_default();
        Ok::<_, worker::Error>(Answer {
            status,
            body,
            retry_after_ms,
        })
    };
    let timeout = Delay::from(bound);
    match select(std::pin::pin!(call), std::pin::pin!(timeout)).await {
        Either::Left((Ok(answer), _)) => Ok(answer),
        Either::Left((Err(e), _)) => Err((
            ServiceStatus::Unreachable,
            format!("Could not reach {host}: {e}"),
        )),
        Either::Right(_) => Err((
            ServiceStatus::Unreachable,
            format!("{host} did not answer within {} seconds.", bound.as_secs()),
        )),
    }
}

/// Calls the provider with `credentials`; never fails: every outcome is a status.
pub async fn check(base: &str, credentials: &CredentialsInput) -> (ServiceStatus, String) {
    let url = match check_url(base, &credentials.client_id) {
        Ok(url) => url,
        Err(e) => return (ServiceStatus::ProviderError, e),
    };
    match send(Method::Get, &url, credentials, None, CHECK_TIMEOUT).await {
        Ok(answer) => interpret(answer.status, &answer.body),
        Err(failure) => failure,
    }
}

/// Creates the webinar `copy` at the provider.
pub async fn create_webinar(
    base: &str,
    credentials: &CredentialsInput,
    copy: &WebinarCopy,
) -> Result<CreatedWebinar, Failure> {
    // The same path as Check: POST on the events collection creates one.
    let url =
        check_url(base, &credentials.client_id).map_err(|e| (ServiceStatus::ProviderError, e))?;
    let form = create_webinar_form(copy);
    let answer = send(Method::Post, &url, credentials, Some(&form), CREATE_TIMEOUT).await?;
    interpret_created(answer.status, &answer.body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_base_means_production_or_the_override() {
        assert_eq!(base_url("", None), PRODUCTION_BASE_URL);
        assert_eq!(
            base_url(" ", Some("http://127.0.0.1:9/v2".into())),
            "http://127.0.0.1:9/v2"
        );
        assert_eq!(
            base_url("https://api.eu.on24.com/v2", Some("x".into())),
            "https://api.eu.on24.com/v2"
        );
    }

    #[test]
    fn check_url_encodes_the_client_id() {
        let url = check_url("https://api.on24.com/v2/", "12 3/4").expect("url");
        assert_eq!(
            url.as_str(),
            "https://api.on24.com/v2/client/12%203%2F4/event"
        );
        assert!(check_url("not a url", "1").is_err());
    }

    #[test]
    fn answers_become_statuses_with_the_providers_words() {
        assert_eq!(interpret(200, "{}").0, ServiceStatus::Ok);
        let (status, message) =
            interpret(401, r#"{"code":401,"message":"Invalid accessTokenKey"}"#);
        assert_eq!(
            (status, message.as_str()),
            (ServiceStatus::InvalidCredentials, "Invalid accessTokenKey")
        );
        let (status, message) = interpret(403, r#"{"message":"Quota exceeded: limit reached"}"#);
        assert_eq!(status, ServiceStatus::QuotaExceeded);
        assert!(message.contains("Quota exceeded"));
        assert_eq!(
            interpret(403, r#"{"message":"Forbidden"}"#).0,
            ServiceStatus::InvalidCredentials
        );
        assert_eq!(interpret(429, "").0, ServiceStatus::QuotaExceeded);
        let (status, message) = interpret(500, "<html>oops</html>");
        assert_eq!(
            (status, message.as_str()),
            (
                ServiceStatus::ProviderError,
                "The provider answered HTTP 500."
            )
        );
        assert_eq!(interpret(502, "Bad gateway").1, "Bad gateway");
    }

    fn copy() -> WebinarCopy {
        WebinarCopy {
            title: "Launch & learn: Q3".into(),
            start: "2026-06-01T14:30".into(),
            live_duration: 90,
            time_zone: "Europe/Paris".into(),
        }
    }

    #[test]
    fn the_create_form_carries_every_required_field_encoded() {
        let form = create_webinar_form(&copy());
        assert_eq!(
            form,
            "title=Launch+%26+learn%3A+Q3&liveStart=06%2F01%2F2026+02%3A30+PM&liveDuration=90\
             &timeZone=Europe%2FParis&eventType=Webcast&languageCd=en"
        );
    }

    #[test]
    fn a_created_webinar_is_read_from_wccevent() {
        let body = r#"{"wccevent":{"eventId":2000001,"title":"x",
            "audienceUrl":"https://event.on24.com/wcc/e/2000001",
            "previewUrl":"https://event.on24.com/wcc/p/2000001","reportsUrl":"x"}}"#;
        assert_eq!(
            interpret_created(200, body),
            Ok(CreatedWebinar {
                event_id: "2000001".into(),
                audience_url: "https://event.on24.com/wcc/e/2000001".into(),
                preview_url: "https://event.on24.com/wcc/p/2000001".into(),
            })
        );
        // A link that is not http(s) is not kept (it is shown as a link).
        let odd = r#"{"wccevent":{"eventId":"7","audienceUrl":"javascript:alert(1)"}}"#;
        let created = interpret_created(200, odd).expect("created");
        assert_eq!(
            (created.event_id.as_str(), created.audience_url.as_str()),
            ("7", "")
        );
        for bad in ["{}", "not json", r#"{"wccevent":{"title":"x"}}"#] {
            let (status, _) = interpret_created(200, bad).expect_err(bad);
            assert_eq!(status, ServiceStatus::ProviderError);
        }
    }

    #[test]
    fn a_refused_webinar_says_why() {
        let (status, message) =
            interpret_created(400, r#"{"code":400,"message":"Invalid liveDuration: 125"}"#)
                .expect_err("refused");
        assert_eq!(
            (status, message.as_str()),
            (ServiceStatus::Ok, "Invalid liveDuration: 125")
        );
        assert_eq!(
            interpret_created(500, "").expect_err("down").0,
            ServiceStatus::ProviderError
        );
        assert_eq!(
            interpret_created(401, "").expect_err("creds").0,
            ServiceStatus::InvalidCredentials
        );
    }

    #[test]
    fn failures_become_502_or_503_with_the_providers_words() {
        let down =
            create_failure(interpret_created(500, "Internal server error").expect_err("down"));
        assert_eq!(down.status(), 502);
        assert!(down.body().error.message.contains("Internal server error"));
        let quota = create_failure((ServiceStatus::QuotaExceeded, "Quota exceeded.".into()));
        assert_eq!(quota.status(), 503);
        let away = create_failure((ServiceStatus::Unreachable, "x did not answer.".into()));
        assert_eq!(away.status(), 503);
        assert!(away.body().error.message.contains("Try again later"));
        let creds = create_failure((ServiceStatus::InvalidCredentials, "Invalid key".into()));
        assert_eq!(creds.status(), 502);
        assert!(creds.body().error.message.contains("credentials"));
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        assert_eq!(retry_after_ms("120"), Some(120_000));
        assert_eq!(retry_after_ms(" 3 "), Some(3_000));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(retry_after_ms("-1"), None);
    }

    #[test]
    fn provider_messages_are_bounded_and_clean() {
        let long = format!(r#"{{"message":"{}\u0007"}}"#, "x".repeat(1000));
        let (_, message) = interpret(401, &long);
        assert_eq!(message.len(), MESSAGE_MAX);
        assert_eq!(
            interpret(401, "   ").1,
            "The provider refused the credentials."
        );
    }
}
