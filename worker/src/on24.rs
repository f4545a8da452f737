//! Convene's ON24 client: only the calls Convene makes (REST API v2).
//!
//! URL building and response interpretation are plain functions, tested natively; [`check`]
//! is the one function that touches the network.
//!
//! Check uses `GET /v2/client/{clientId}/event` ("list events"): the cheapest authenticated
//! read ON24 documents; it changes nothing and proves the client id, key and secret belong
//! together.

use std::time::Duration;

use convene_types::configuration::{CredentialsInput, ServiceStatus};
use worker::Url;

/// ON24's production API (the ON24 record's empty base service URL means this).
pub const PRODUCTION_BASE_URL: &str = "https://api.on24.com/v2";
/// Worker var that replaces [`PRODUCTION_BASE_URL`] (dev and tests point it at on24-sim).
pub const BASE_URL_VAR: &str = "ON24_BASE_URL";
/// A check waits at most this long for the provider's whole answer.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(5);
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
    let mut url = Url::parse(base).map_err(|e| format!("invalid base URL {base}: {e}"))?;
    url.path_segments_mut()
        .map_err(|_| format!("invalid base URL {base}"))?
        .pop_if_empty()
        .extend(["client", client_id, "event"]);
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
fn provider_message(body: &str) -> Option<String> {
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

/// Calls the provider with `credentials`; never fails: every outcome is a status.
pub async fn check(base: &str, credentials: &CredentialsInput) -> (ServiceStatus, String) {
    use futures_util::future::{Either, select};
    use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

    let url = match check_url(base, &credentials.client_id) {
        Ok(url) => url,
        Err(e) => return (ServiceStatus::ProviderError, e),
    };
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
        init.with_method(Method::Get).with_headers(headers);
        let request = Request::new_with_init(url.as_str(), &init)?;
        let controller = AbortController::default();
        let mut response = Fetch::Request(request)
            .send_with_signal(&controller.signal())
            .await?;
        let status = response.status_code();
        let body = response.text().await.unwrap_or_default();
        Ok::<_, worker::Error>((status, body))
    };
    let timeout = Delay::from(CHECK_TIMEOUT);
    match select(std::pin::pin!(call), std::pin::pin!(timeout)).await {
        Either::Left((Ok((status, body)), _)) => interpret(status, &body),
        Either::Left((Err(e), _)) => (
            ServiceStatus::Unreachable,
            format!("Could not reach {host}: {e}"),
        ),
        Either::Right(_) => (
            ServiceStatus::Unreachable,
            format!(
                "{host} did not answer within {} seconds.",
                CHECK_TIMEOUT.as_secs()
            ),
        ),
    }
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
