//! `/api/admin/webinar-configurations`: CRUD, activation, credentials, Check, key rotation.

use convene_types::configuration::{
    self, CheckRequest, CheckResult, ConfigurationInput, CredentialsInput, ServiceStatus, View,
    WebinarConfiguration,
};
use convene_types::list::Page;
use convene_types::provider::WebinarProvider;
use serde::Serialize;
use worker::{Env, Request, Response, Url};

use super::Admin;
use crate::error::{ApiError, ApiResult};
use crate::http::{self, json_body};
use crate::store::{CheckTarget, Command, CredentialsChange};
use crate::vault::{self, Keyring, Sealed};
use crate::{deliver, ids, on24};

pub async fn list(env: &Admin<'_>, url: &Url) -> ApiResult<Response> {
    let (query, pairs) = http::list_query(url);
    let view = pairs
        .iter()
        .find(|(k, _)| k == "view")
        .map_or(View::Active, |(_, v)| View::parse(v));
    let all: Vec<WebinarConfiguration> = env.store()?.call(&Command::ListConfigurations).await?;
    let items = configuration::list(all, view, &query);
    http::json(&Page::of(items, &query), 200)
}

/// One configuration, with the integration's health over its events.
pub async fn get(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let mut found: WebinarConfiguration = env
        .store()?
        .call(&Command::GetConfiguration { id: id.into() })
        .await?;
    let health = super::sync::health(env, id).await?;
    found.sync_counts = Some(health.counts);
    found.last_sync_error = health.last_error;
    found.last_sync_error_at = health.last_error_at;
    found.last_sent_at = health.last_sent_at;
    http::json(&found, 200)
}

pub fn keyring(env: &Env) -> ApiResult<Keyring> {
    let text = env
        .secret(vault::KEYRING_SECRET)
        .map_err(|_| vault::VaultError::KeyringMissing)?
        .to_string();
    Ok(Keyring::parse(&text)?)
}

/// Configuration `id`'s credentials, opened for one provider call.
pub fn open_credentials(env: &Env, id: &str, sealed: &Sealed) -> ApiResult<CredentialsInput> {
    let plaintext = vault::open(&keyring(env)?, id, sealed)?;
    Ok(serde_json::from_slice(&plaintext)?)
}

fn seal(env: &Env, id: &str, credentials: &CredentialsInput) -> ApiResult<Sealed> {
    let plaintext = serde_json::to_vec(credentials)?;
    Ok(vault::seal(&keyring(env)?, id, &plaintext)?)
}

pub async fn create(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let input: ConfigurationInput = json_body(&mut req).await?;
    let draft = input.validate().map_err(ApiError::Validation)?;
    let id = ids::new_id()?;
    let sealed = match &draft.credentials {
        Some(credentials) => Some(seal(env, &id, credentials)?),
        None => None,
    };
    let command = Command::CreateConfiguration {
        id,
        input: ConfigurationInput {
            credentials: None,
            ..input
        },
        sealed,
    };
    let created: WebinarConfiguration = env.store()?.call(&command).await?;
    http::json(&created, 201)
}

pub async fn update(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let input: ConfigurationInput = json_body(&mut req).await?;
    let draft = input.validate().map_err(ApiError::Validation)?;
    let credentials = match &draft.credentials {
        Some(credentials) => CredentialsChange::Replace(seal(env, id, credentials)?),
        None => CredentialsChange::Keep,
    };
    let command = Command::UpdateConfiguration {
        id: id.into(),
        input: ConfigurationInput {
            credentials: None,
            ..input
        },
        credentials,
    };
    let replaced = matches!(
        command,
        Command::UpdateConfiguration {
            credentials: CredentialsChange::Replace(_),
            ..
        }
    );
    let updated: WebinarConfiguration = env.store()?.call(&command).await?;
    if replaced {
        deliver::wake(env).await;
    }
    http::json(&updated, 200)
}

pub async fn set_active(env: &Admin<'_>, id: &str, active: bool) -> ApiResult<Response> {
    let command = Command::SetConfigurationActive {
        id: id.into(),
        active,
    };
    let updated: WebinarConfiguration = env.store()?.call(&command).await?;
    if active {
        deliver::wake(env).await;
    }
    http::json(&updated, 200)
}

/// `POST /webinar-configurations/{id}/accept-terms`: the signed-in administrator accepts
/// the provider's terms of service and privacy policy as they are now.
pub async fn accept_terms(env: &Admin<'_>, id: &str, user: &str) -> ApiResult<Response> {
    let command = Command::AcceptTerms {
        id: id.into(),
        accepted_by: user.into(),
    };
    let updated: WebinarConfiguration = env.store()?.call(&command).await?;
    deliver::wake(env).await;
    http::json(&updated, 200)
}

pub async fn remove_credentials(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let updated: WebinarConfiguration = env
        .store()?
        .call(&Command::RemoveCredentials { id: id.into() })
        .await?;
    http::json(&updated, 200)
}

pub async fn delete(env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    env.store()?
        .call::<()>(&Command::DeleteConfiguration { id: id.into() })
        .await?;
    http::no_content()
}

pub fn provider_base(env: &Env, provider: &WebinarProvider) -> String {
    let override_base = env.var(on24::BASE_URL_VAR).ok().map(|v| v.to_string());
    on24::base_url(&provider.base_service_url, override_base)
}

fn typed_credentials(request: &CheckRequest) -> ApiResult<Option<CredentialsInput>> {
    request
        .credentials
        .as_ref()
        .map(|c| c.validate().map_err(ApiError::Validation))
        .transpose()
}

fn result(status: ServiceStatus, message: String, recorded: bool) -> CheckResult {
    CheckResult {
        status,
        message,
        checked_at: ids::now_iso(),
        recorded,
    }
}

/// `POST /webinar-configurations/{id}/check`: with typed credentials, checks them (and
/// records nothing); without, checks the stored ones and records the outcome.
pub async fn check(mut req: Request, env: &Admin<'_>, id: &str) -> ApiResult<Response> {
    let request = http::optional_json_body::<CheckRequest>(&mut req).await?;
    let typed = typed_credentials(&request)?;
    let store = env.store()?;
    let target: CheckTarget = store
        .call(&Command::GetCheckTarget { id: id.into() })
        .await?;
    let base = provider_base(env, &target.provider);
    if let Some(credentials) = typed {
        let (status, message) = on24::check(&base, &credentials).await;
        return http::json(&result(status, message, false), 200);
    }
    let Some(sealed) = target.credentials else {
        let message = "No credentials are stored: the webinar integration is off.".to_string();
        return http::json(&result(ServiceStatus::NotConfigured, message, false), 200);
    };
    let credentials = open_credentials(env, id, &sealed)?;
    let (status, message) = on24::check(&base, &credentials).await;
    let command = Command::RecordCheck {
        id: id.into(),
        wrapped_key: sealed.wrapped_key,
        status,
        message: message.clone(),
    };
    store.call::<WebinarConfiguration>(&command).await?;
    http::json(&result(status, message, true), 200)
}

/// `POST /webinar-configurations/check`: checks typed credentials for a provider before
/// the configuration exists.
pub async fn check_new(mut req: Request, env: &Admin<'_>) -> ApiResult<Response> {
    let request: CheckRequest = json_body(&mut req).await?;
    let Some(credentials) = typed_credentials(&request)? else {
        return Err(ApiError::Validation(vec![convene_types::FieldError::new(
            "credentials",
            "is required",
        )]));
    };
    let provider: WebinarProvider = env
        .store()?
        .call(&Command::GetProvider {
            id: request.provider_id.clone(),
        })
        .await
        .map_err(|e| match e {
            ApiError::NotFound(_) => ApiError::Validation(vec![convene_types::FieldError::new(
                "providerId",
                "is not a known webinar provider",
            )]),
            other => other,
        })?;
    let (status, message) = on24::check(&provider_base(env, &provider), &credentials).await;
    http::json(&result(status, message, false), 200)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RewrapReport {
    current_key: String,
    rewrapped: usize,
    already_current: usize,
    changed_meanwhile: usize,
}

/// `POST /api/admin/credentials/rewrap`: wraps every data key with the current key, so an
/// old key can be removed from the keyring. Safe to repeat; reads work throughout.
pub async fn rewrap(env: &Admin<'_>) -> ApiResult<Response> {
    let keyring = keyring(env)?;
    let store = env.store()?;
    let sealed: Vec<(String, Sealed)> = store.call(&Command::ListSealed).await?;
    let mut report = RewrapReport {
        current_key: keyring.current_id().to_string(),
        rewrapped: 0,
        already_current: 0,
        changed_meanwhile: 0,
    };
    for (id, previous) in sealed {
        match vault::rewrap(&keyring, &id, &previous)? {
            None => report.already_current += 1,
            Some(next) => {
                let command = Command::ReplaceSealed {
                    id,
                    previous,
                    sealed: next,
                };
                if store.call::<bool>(&command).await? {
                    report.rewrapped += 1;
                } else {
                    report.changed_meanwhile += 1;
                }
            }
        }
    }
    http::json(&report, 200)
}
