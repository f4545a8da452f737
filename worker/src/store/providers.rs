//! Webinar provider commands.

use convene_types::configuration::users_of;
use convene_types::provider::{self, ProviderInput, WebinarProvider};

use super::configurations::all_configurations;
use super::records::Records;
use crate::error::{ApiError, ApiResult};
use crate::ids;

const PREFIX: &str = "provider:";
const SEEDED_ON24: &str = "seeded:on24";

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// Creates the ON24 record the first time any provider is read; never again, even if a
/// later version allows deleting it.
async fn seed(records: &Records) -> ApiResult<()> {
    if records.get::<bool>(SEEDED_ON24).await?.is_none() {
        let on24 = WebinarProvider::on24_seed(&ids::now_iso());
        records.put(&key(&on24.id), &on24).await?;
        records.put(SEEDED_ON24, &true).await?;
    }
    Ok(())
}

pub async fn all(records: &Records) -> ApiResult<Vec<WebinarProvider>> {
    seed(records).await?;
    records.list(PREFIX).await
}

pub async fn by_id(records: &Records, id: &str) -> ApiResult<WebinarProvider> {
    seed(records).await?;
    records
        .get(&key(id))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no webinar provider with id {id}.")))
}

pub async fn create(records: &Records, input: ProviderInput) -> ApiResult<WebinarProvider> {
    let existing = all(records).await?;
    let draft = input
        .validate_against(&existing, None)
        .map_err(ApiError::Validation)?;
    let created = WebinarProvider::create(ids::new_id()?, draft, &ids::now_iso());
    records.put(&key(&created.id), &created).await?;
    Ok(created)
}

pub async fn update(
    records: &Records,
    id: &str,
    input: ProviderInput,
) -> ApiResult<WebinarProvider> {
    let current = by_id(records, id).await?;
    let existing = all(records).await?;
    let draft = input
        .validate_against(&existing, Some(id))
        .map_err(ApiError::Validation)?;
    let updated = current.updated(draft, &ids::now_iso());
    records.put(&key(id), &updated).await?;
    Ok(updated)
}

pub async fn delete(records: &Records, id: &str) -> ApiResult<()> {
    let current = by_id(records, id).await?;
    if let Some(reason) = provider::deletion_blocker(&current) {
        return Err(ApiError::Conflict(reason));
    }
    let configurations = all_configurations(records).await?;
    let users = users_of(
        id,
        configurations
            .iter()
            .map(|c| (c.provider_id.as_str(), c.name.as_str())),
    );
    if !users.is_empty() {
        return Err(ApiError::Conflict(format!(
            "{} is used by webinar configurations: {}. Change or delete them first.",
            current.name,
            users.join(", ")
        )));
    }
    records.delete(&key(id)).await?;
    Ok(())
}

#[cfg(test)]
#[path = "tests/providers.rs"]
mod tests;
