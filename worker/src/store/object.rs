//! The Durable Object behind [`super::Store`]. Each command runs to completion before the
//! next starts (storage calls keep the object's input gate closed), so read-check-write
//! sequences here are atomic.

use convene_types::provider::{self, ProviderInput, WebinarProvider};
use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::{
    DurableObject, Env, ListOptions, Request, Response, Result, State, Storage, durable_object,
};

use super::{Command, Reply};
use crate::error::{ApiError, ApiResult};
use crate::{ids, signin};

const PROVIDER_PREFIX: &str = "provider:";
const SEEDED_ON24: &str = "seeded:on24";
const SIGNIN_FAILURES_PREFIX: &str = "signin-failures:";

#[durable_object(fetch)]
pub struct ConfigStore {
    state: State,
    env: Env,
}

impl DurableObject for ConfigStore {
    fn new(state: State, env: Env) -> Self {
        Self { state, env }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let reply: Reply = match serde_json::from_str::<Command>(&req.text().await?) {
            Ok(command) => self.run(command).await,
            Err(e) => Err(ApiError::internal(format!("unreadable store command: {e}"))),
        };
        Response::from_json(&reply)
    }
}

impl ConfigStore {
    async fn run(&self, command: Command) -> Reply {
        let records = Records(self.state.storage());
        match command {
            Command::SignIn {
                client,
                username,
                password,
            } => to_value(
                self.sign_in(&records, &client, &username, &password)
                    .await?,
            ),
            Command::ListProviders => to_value(providers(&records).await?),
            Command::GetProvider { id } => to_value(provider_by_id(&records, &id).await?),
            Command::CreateProvider { input } => to_value(create_provider(&records, input).await?),
            Command::UpdateProvider { id, input } => {
                to_value(update_provider(&records, &id, input).await?)
            }
            Command::DeleteProvider { id } => to_value(delete_provider(&records, &id).await?),
        }
    }

    async fn sign_in(
        &self,
        records: &Records,
        client: &str,
        username: &str,
        password: &str,
    ) -> ApiResult<String> {
        let expected_password = self.env.secret("ADMIN_PASSWORD").map(|s| s.to_string());
        let Ok(expected_password) = expected_password else {
            return Err(ApiError::NotConfigured(
                "Sign-in is not configured: set the ADMIN_PASSWORD secret.".into(),
            ));
        };
        let expected_username = self
            .env
            .var("ADMIN_USERNAME")
            .map(|v| v.to_string())
            .unwrap_or_else(|_| "admin".into());
        let key = format!("{SIGNIN_FAILURES_PREFIX}{client}");
        let now = js_sys::Date::now();
        let failures: Vec<f64> = records.get(&key).await?.unwrap_or_default();
        let recent = signin::recent(&failures, now);
        if let Err(retry_after_secs) = signin::allowed(&recent, now) {
            return Err(ApiError::RateLimited { retry_after_secs });
        }
        // Both comparisons always run, so timing does not tell which one failed.
        let user_ok = signin::secret_matches(username.trim(), &expected_username);
        let password_ok = signin::secret_matches(password, &expected_password);
        if user_ok && password_ok {
            records.delete(&key).await?;
            Ok(expected_username)
        } else {
            let mut recent = recent;
            recent.push(now);
            records.put(&key, &recent).await?;
            Err(ApiError::Unauthorized(
                "The user name or password is not correct.".into(),
            ))
        }
    }
}

/// JSON records in the object's storage, one key each.
struct Records(Storage);

impl Records {
    async fn get<T: DeserializeOwned>(&self, key: &str) -> ApiResult<Option<T>> {
        match self.0.get::<String>(key).await? {
            Some(text) => Ok(Some(serde_json::from_str(&text)?)),
            None => Ok(None),
        }
    }

    async fn put<T: Serialize>(&self, key: &str, value: &T) -> ApiResult<()> {
        Ok(self.0.put(key, serde_json::to_string(value)?).await?)
    }

    async fn delete(&self, key: &str) -> ApiResult<bool> {
        Ok(self.0.delete(key).await?)
    }

    async fn list<T: DeserializeOwned>(&self, prefix: &str) -> ApiResult<Vec<T>> {
        let map = self
            .0
            .list_with_options(ListOptions::new().prefix(prefix))
            .await?;
        map.values()
            .into_iter()
            .map(|value| {
                let text = value
                    .map_err(|e| ApiError::internal(format!("storage list: {e:?}")))?
                    .as_string()
                    .ok_or_else(|| {
                        ApiError::internal(format!("non-string record under {prefix}"))
                    })?;
                Ok(serde_json::from_str(&text)?)
            })
            .collect()
    }
}

fn to_value<T: Serialize>(value: T) -> Reply {
    Ok(serde_json::to_value(value)?)
}

fn provider_key(id: &str) -> String {
    format!("{PROVIDER_PREFIX}{id}")
}

/// Creates the ON24 record the first time any provider operation runs; never again, even
/// if a later version allows deleting it.
async fn seed(records: &Records) -> ApiResult<()> {
    if records.get::<bool>(SEEDED_ON24).await?.is_none() {
        let on24 = WebinarProvider::on24_seed(&ids::now_iso());
        records.put(&provider_key(&on24.id), &on24).await?;
        records.put(SEEDED_ON24, &true).await?;
    }
    Ok(())
}

async fn providers(records: &Records) -> ApiResult<Vec<WebinarProvider>> {
    seed(records).await?;
    records.list(PROVIDER_PREFIX).await
}

async fn provider_by_id(records: &Records, id: &str) -> ApiResult<WebinarProvider> {
    seed(records).await?;
    records
        .get(&provider_key(id))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no webinar provider with id {id}.")))
}

async fn create_provider(records: &Records, input: ProviderInput) -> ApiResult<WebinarProvider> {
    let existing = providers(records).await?;
    let draft = input
        .validate_against(&existing, None)
        .map_err(ApiError::Validation)?;
    let created = WebinarProvider::create(ids::new_id()?, draft, &ids::now_iso());
    records.put(&provider_key(&created.id), &created).await?;
    Ok(created)
}

async fn update_provider(
    records: &Records,
    id: &str,
    input: ProviderInput,
) -> ApiResult<WebinarProvider> {
    let current = provider_by_id(records, id).await?;
    let existing = providers(records).await?;
    let draft = input
        .validate_against(&existing, Some(id))
        .map_err(ApiError::Validation)?;
    let updated = current.updated(draft, &ids::now_iso());
    records.put(&provider_key(id), &updated).await?;
    Ok(updated)
}

async fn delete_provider(records: &Records, id: &str) -> ApiResult<()> {
    let current = provider_by_id(records, id).await?;
    if let Some(reason) = provider::deletion_blocker(&current) {
        return Err(ApiError::Conflict(reason));
    }
    records.delete(&provider_key(id)).await?;
    Ok(())
}
