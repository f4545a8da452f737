//! Webinar configuration commands. Credentials arrive and leave sealed only.

use convene_types::configuration::{ConfigurationInput, ServiceStatus, WebinarConfiguration};
use convene_types::integration::{self, Facts, TermsAcceptance, TermsUrls};
use convene_types::provider::WebinarProvider;
use serde::{Deserialize, Serialize};

use super::providers;
use super::records::Records;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::vault::Sealed;

const PREFIX: &str = "configuration:";

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// A configuration as stored: the API view's own fields plus sealed credentials.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct StoredConfiguration {
    pub id: String,
    pub name: String,
    pub provider_id: String,
    pub active: bool,
    pub credentials: Option<Sealed>,
    pub last_metrics_update: Option<String>,
    pub service_status: ServiceStatus,
    pub status_message: String,
    pub last_checked_at: Option<String>,
    /// Absent in records written before terms acceptance existed: not accepted.
    #[serde(default)]
    pub terms_acceptance: Option<TermsAcceptance>,
    pub created_at: String,
    pub updated_at: String,
}

/// The provider's terms and privacy URLs now (empty if the provider is unknown).
fn provider_urls(provider: Option<&WebinarProvider>) -> TermsUrls {
    TermsUrls {
        terms_of_service: provider
            .map(|p| p.terms_of_service_url.clone())
            .unwrap_or_default(),
        privacy_policy: provider
            .map(|p| p.privacy_policy_url.clone())
            .unwrap_or_default(),
    }
}

impl StoredConfiguration {
    /// The API view: provider details filled in, credentials reduced to "set or not".
    pub fn view(&self, providers: &[WebinarProvider]) -> WebinarConfiguration {
        let provider = providers.iter().find(|p| p.id == self.provider_id);
        let urls = provider_urls(provider);
        let acceptance = self.terms_acceptance.as_ref();
        WebinarConfiguration {
            id: self.id.clone(),
            name: self.name.clone(),
            provider_id: self.provider_id.clone(),
            provider_name: provider.map(|p| p.name.clone()).unwrap_or_default(),
            terms_of_service_url: provider
                .map(|p| p.terms_of_service_url.clone())
                .unwrap_or_default(),
            privacy_policy_url: provider
                .map(|p| p.privacy_policy_url.clone())
                .unwrap_or_default(),
            active: self.active,
            credentials_set: self.credentials.is_some(),
            last_metrics_update: self.last_metrics_update.clone(),
            service_status: self.service_status,
            status_message: self.status_message.clone(),
            last_checked_at: self.last_checked_at.clone(),
            terms_accepted_at: acceptance.map(|a| a.accepted_at.clone()),
            terms_accepted_by: acceptance.map(|a| a.accepted_by.clone()),
            terms_accepted_urls: acceptance.map(|a| a.urls.clone()),
            terms_current: integration::terms_problem(acceptance, &urls).is_none(),
            integration: integration::integration(Facts {
                active: self.active,
                credentials_set: self.credentials.is_some(),
                acceptance,
                provider_urls: &urls,
            }),
            sync_counts: None,
            last_sync_error: None,
            last_sync_error_at: None,
            last_sent_at: None,
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
        }
    }

    fn set_credentials(&mut self, sealed: Option<Sealed>) {
        let (status, message) = match &sealed {
            Some(_) => (ServiceStatus::NotChecked, String::new()),
            None => (
                ServiceStatus::NotConfigured,
                "No credentials: the webinar integration is off for this configuration.".into(),
            ),
        };
        self.credentials = sealed;
        self.service_status = status;
        self.status_message = message;
        self.last_checked_at = None;
    }
}

/// What an update does to stored credentials.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(tag = "action", content = "sealed", rename_all = "camelCase")]
pub enum CredentialsChange {
    Keep,
    Replace(Sealed),
    Remove,
}

/// What a provider check needs.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct CheckTarget {
    pub id: String,
    pub provider: WebinarProvider,
    pub credentials: Option<Sealed>,
}

pub async fn all_configurations(records: &Records) -> ApiResult<Vec<StoredConfiguration>> {
    records.list(PREFIX).await
}

pub(super) async fn stored(records: &Records, id: &str) -> ApiResult<StoredConfiguration> {
    records.get(&key(id)).await?.ok_or_else(|| {
        ApiError::NotFound(format!("There is no webinar configuration with id {id}."))
    })
}

pub async fn list(records: &Records) -> ApiResult<Vec<WebinarConfiguration>> {
    let providers = providers::all(records).await?;
    let configurations = all_configurations(records).await?;
    Ok(configurations.iter().map(|c| c.view(&providers)).collect())
}

pub async fn get(records: &Records, id: &str) -> ApiResult<WebinarConfiguration> {
    let providers = providers::all(records).await?;
    Ok(stored(records, id).await?.view(&providers))
}

pub async fn check_target(records: &Records, id: &str) -> ApiResult<CheckTarget> {
    let configuration = stored(records, id).await?;
    let provider = providers::by_id(records, &configuration.provider_id).await?;
    Ok(CheckTarget {
        id: configuration.id,
        provider,
        credentials: configuration.credentials,
    })
}

/// Names of all configurations by id, for uniqueness checks.
async fn names(records: &Records) -> ApiResult<Vec<(String, String)>> {
    Ok(all_configurations(records)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

pub async fn create(
    records: &Records,
    id: String,
    input: ConfigurationInput,
    sealed: Option<Sealed>,
) -> ApiResult<WebinarConfiguration> {
    let providers = providers::all(records).await?;
    let input = ConfigurationInput {
        credentials: None,
        ..input
    };
    let draft = input
        .validate_against(&providers, &names(records).await?, None)
        .map_err(ApiError::Validation)?;
    if records
        .get::<StoredConfiguration>(&key(&id))
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict(format!(
            "A webinar configuration with id {id} exists."
        )));
    }
    let now = ids::now_iso();
    let mut created = StoredConfiguration {
        id,
        name: draft.name,
        provider_id: draft.provider_id,
        // Never active before its provider's terms are accepted.
        active: false,
        credentials: None,
        last_metrics_update: None,
        service_status: ServiceStatus::NotConfigured,
        status_message: String::new(),
        last_checked_at: None,
        terms_acceptance: None,
        created_at: now.clone(),
        updated_at: now,
    };
    created.set_credentials(sealed);
    records.put(&key(&created.id), &created).await?;
    Ok(created.view(&providers))
}

pub async fn update(
    records: &Records,
    id: &str,
    input: ConfigurationInput,
    credentials: CredentialsChange,
) -> ApiResult<WebinarConfiguration> {
    let mut current = stored(records, id).await?;
    let providers = providers::all(records).await?;
    let input = ConfigurationInput {
        credentials: None,
        ..input
    };
    let draft = input
        .validate_against(&providers, &names(records).await?, Some(id))
        .map_err(ApiError::Validation)?;
    if draft.provider_id != current.provider_id {
        // Credentials and accepted terms belong to an account with one provider.
        current.set_credentials(None);
        current.terms_acceptance = None;
    }
    current.name = draft.name;
    current.provider_id = draft.provider_id;
    match credentials {
        CredentialsChange::Keep => {}
        CredentialsChange::Replace(sealed) => current.set_credentials(Some(sealed)),
        CredentialsChange::Remove => current.set_credentials(None),
    }
    current.updated_at = ids::now_iso();
    records.put(&key(id), &current).await?;
    Ok(current.view(&providers))
}

pub async fn set_active(
    records: &Records,
    id: &str,
    active: bool,
) -> ApiResult<WebinarConfiguration> {
    let mut current = stored(records, id).await?;
    if active {
        let provider = providers::all(records).await?;
        let provider = provider.iter().find(|p| p.id == current.provider_id);
        let urls = provider_urls(provider);
        let blocker = integration::activation_blocker(
            &current.name,
            current.terms_acceptance.as_ref(),
            &urls,
        );
        if let Some(message) = blocker {
            return Err(ApiError::Conflict(message));
        }
    }
    current.active = active;
    current.updated_at = ids::now_iso();
    records.put(&key(id), &current).await?;
    get(records, id).await
}

/// Records that `accepted_by` accepts the provider's terms and privacy policy as they are
/// now (read in this same step, so the URLs recorded are the ones the rule compares).
pub async fn accept_terms(
    records: &Records,
    id: &str,
    accepted_by: &str,
) -> ApiResult<WebinarConfiguration> {
    let mut current = stored(records, id).await?;
    let provider = providers::by_id(records, &current.provider_id).await?;
    current.terms_acceptance = Some(TermsAcceptance {
        accepted_at: ids::now_iso(),
        accepted_by: accepted_by.to_string(),
        urls: provider_urls(Some(&provider)),
    });
    current.updated_at = ids::now_iso();
    records.put(&key(id), &current).await?;
    get(records, id).await
}

pub async fn remove_credentials(records: &Records, id: &str) -> ApiResult<WebinarConfiguration> {
    let mut current = stored(records, id).await?;
    current.set_credentials(None);
    current.updated_at = ids::now_iso();
    records.put(&key(id), &current).await?;
    get(records, id).await
}

pub async fn delete(records: &Records, id: &str) -> ApiResult<()> {
    let current = stored(records, id).await?;
    let users = super::events::users_of_configuration(records, id).await?;
    if !users.is_empty() {
        return Err(ApiError::Conflict(format!(
            "“{}” is used by: {}. Choose another webinar configuration there first.",
            current.name,
            users.join(", ")
        )));
    }
    records.delete(&key(id)).await?;
    Ok(())
}

pub async fn record_check(
    records: &Records,
    id: &str,
    wrapped_key: &str,
    status: ServiceStatus,
    message: String,
) -> ApiResult<WebinarConfiguration> {
    let mut current = stored(records, id).await?;
    let same_credentials = current
        .credentials
        .as_ref()
        .is_some_and(|c| c.wrapped_key == wrapped_key);
    if same_credentials {
        current.service_status = status;
        current.status_message = message;
        current.last_checked_at = Some(ids::now_iso());
        records.put(&key(id), &current).await?;
    }
    get(records, id).await
}

/// After a pull of attendance: the status and message it gave, and when it succeeded
/// (`pulled`), the time of the last metrics update. Ignored if the credentials changed
/// meanwhile, like a check.
pub async fn record_metrics(
    records: &Records,
    id: &str,
    wrapped_key: &str,
    status: ServiceStatus,
    message: String,
    pulled: bool,
) -> ApiResult<WebinarConfiguration> {
    let mut current = stored(records, id).await?;
    if current
        .credentials
        .as_ref()
        .is_some_and(|c| c.wrapped_key == wrapped_key)
    {
        let now = ids::now_iso();
        current.service_status = status;
        current.status_message = message;
        current.last_checked_at = Some(now.clone());
        if pulled {
            current.last_metrics_update = Some(now);
        }
        records.put(&key(id), &current).await?;
    }
    get(records, id).await
}

pub async fn list_sealed(records: &Records) -> ApiResult<Vec<(String, Sealed)>> {
    Ok(all_configurations(records)
        .await?
        .into_iter()
        .filter_map(|c| c.credentials.map(|s| (c.id, s)))
        .collect())
}

/// Returns whether the credentials were replaced (false if they changed meanwhile).
pub async fn replace_sealed(
    records: &Records,
    id: &str,
    previous: &Sealed,
    sealed: Sealed,
) -> ApiResult<bool> {
    let mut current = stored(records, id).await?;
    if current.credentials.as_ref() != Some(previous) {
        return Ok(false);
    }
    current.credentials = Some(sealed);
    records.put(&key(id), &current).await?;
    Ok(true)
}

#[cfg(test)]
#[path = "tests/configurations.rs"]
mod tests;
