//! Webinar providers and webinar configurations: records, Check, terms, and the
//! integration's actions (retry what failed, pull attendance).

use convene_types::configuration::{
    CheckRequest, CheckResult, ConfigurationInput, CredentialsInput, WebinarConfiguration,
};
use convene_types::list::{MAX_PAGE_SIZE, Page};
use convene_types::provider::{ProviderInput, WebinarProvider};
use gloo_net::http::Request;
use serde::Deserialize;

use super::{ApiResult, empty, encode, read, send, send_json};

const PROVIDERS: &str = "/api/admin/webinar-providers";

pub async fn providers(query: &str) -> ApiResult<Page<WebinarProvider>> {
    read(send(Request::get(&format!("{PROVIDERS}{query}"))).await?)
}

pub async fn provider(id: &str) -> ApiResult<WebinarProvider> {
    read(send(Request::get(&format!("{PROVIDERS}/{}", encode(id)))).await?)
}

pub async fn create_provider(input: &ProviderInput) -> ApiResult<WebinarProvider> {
    read(send_json(Request::post(PROVIDERS), input).await?)
}

pub async fn update_provider(id: &str, input: &ProviderInput) -> ApiResult<WebinarProvider> {
    let url = format!("{PROVIDERS}/{}", encode(id));
    read(send_json(Request::put(&url), input).await?)
}

pub async fn delete_provider(id: &str) -> ApiResult<()> {
    let url = format!("{PROVIDERS}/{}", encode(id));
    empty(send(Request::delete(&url)).await?)
}

const CONFIGURATIONS: &str = "/api/admin/webinar-configurations";

pub async fn configurations(query: &str, view: &str) -> ApiResult<Page<WebinarConfiguration>> {
    let url = format!("{CONFIGURATIONS}{query}&view={view}");
    read(send(Request::get(&url)).await?)
}

pub async fn configuration(id: &str) -> ApiResult<WebinarConfiguration> {
    read(send(Request::get(&format!("{CONFIGURATIONS}/{}", encode(id)))).await?)
}

pub async fn create_configuration(input: &ConfigurationInput) -> ApiResult<WebinarConfiguration> {
    read(send_json(Request::post(CONFIGURATIONS), input).await?)
}

pub async fn update_configuration(
    id: &str,
    input: &ConfigurationInput,
) -> ApiResult<WebinarConfiguration> {
    let url = format!("{CONFIGURATIONS}/{}", encode(id));
    read(send_json(Request::put(&url), input).await?)
}

pub async fn delete_configuration(id: &str) -> ApiResult<()> {
    let url = format!("{CONFIGURATIONS}/{}", encode(id));
    empty(send(Request::delete(&url)).await?)
}

pub async fn set_configuration_active(id: &str, active: bool) -> ApiResult<WebinarConfiguration> {
    let action = if active { "activate" } else { "deactivate" };
    let url = format!("{CONFIGURATIONS}/{}/{action}", encode(id));
    read(send(Request::post(&url)).await?)
}

/// The signed-in administrator accepts the provider's current terms and privacy policy.
pub async fn accept_terms(id: &str) -> ApiResult<WebinarConfiguration> {
    let url = format!("{CONFIGURATIONS}/{}/accept-terms", encode(id));
    read(send(Request::post(&url)).await?)
}

pub async fn remove_credentials(id: &str) -> ApiResult<WebinarConfiguration> {
    let url = format!("{CONFIGURATIONS}/{}/credentials", encode(id));
    read(send(Request::delete(&url)).await?)
}

/// Check: typed credentials if given, else the stored ones (`id`), else for a new record.
pub async fn check(
    id: Option<&str>,
    provider_id: &str,
    credentials: Option<CredentialsInput>,
) -> ApiResult<CheckResult> {
    let body = CheckRequest {
        provider_id: provider_id.to_string(),
        credentials,
    };
    match id {
        Some(id) => {
            let url = format!("{CONFIGURATIONS}/{}/check", encode(id));
            if body.credentials.is_some() {
                read(send_json(Request::post(&url), &body).await?)
            } else {
                read(send(Request::post(&url)).await?)
            }
        }
        None => read(send_json(Request::post(&format!("{CONFIGURATIONS}/check")), &body).await?),
    }
}

/// The active configurations, for a picker (events and sessions may only choose these).
pub async fn active_configurations() -> ApiResult<Vec<WebinarConfiguration>> {
    let query = format!("?sort=name&pageSize={MAX_PAGE_SIZE}");
    configurations(&query, "active").await.map(|p| p.items)
}

#[derive(Deserialize)]
struct Retried {
    retried: u32,
}

/// Sends every failed registration of the configuration's events again; answers how many.
pub async fn retry_configuration_sync(id: &str) -> ApiResult<u32> {
    let url = format!("{CONFIGURATIONS}/{}/retry-sync", encode(id));
    let answer: Retried = read(send(Request::post(&url)).await?)?;
    Ok(answer.retried)
}

/// Pulls attendance from the provider now; answers the configuration with its new
/// `lastMetricsUpdate` and service status.
pub async fn update_metrics(id: &str) -> ApiResult<WebinarConfiguration> {
    let url = format!("{CONFIGURATIONS}/{}/update-metrics", encode(id));
    read(send(Request::post(&url)).await?)
}
