//! JSON records in the Durable Object's storage, one key each.

use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::{ListOptions, Storage};

use crate::error::{ApiError, ApiResult};

pub struct Records(pub Storage);

impl Records {
    pub async fn get<T: DeserializeOwned>(&self, key: &str) -> ApiResult<Option<T>> {
        match self.0.get::<String>(key).await? {
            Some(text) => Ok(Some(serde_json::from_str(&text)?)),
            None => Ok(None),
        }
    }

    pub async fn put<T: Serialize>(&self, key: &str, value: &T) -> ApiResult<()> {
        Ok(self.0.put(key, serde_json::to_string(value)?).await?)
    }

    pub async fn delete(&self, key: &str) -> ApiResult<bool> {
        Ok(self.0.delete(key).await?)
    }

    pub async fn list<T: DeserializeOwned>(&self, prefix: &str) -> ApiResult<Vec<T>> {
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
