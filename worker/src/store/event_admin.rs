//! Event administration commands. The one-active-record rule holds here: this object runs
//! one command at a time, so check-then-activate cannot interleave.

use convene_types::contact::MatchStrategy;
use convene_types::event_admin::{self, EventAdministration, EventAdministrationInput};

use super::records::Records;
use crate::error::{ApiError, ApiResult};
use crate::ids;

const PREFIX: &str = "event-admin:";

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

pub async fn all(records: &Records) -> ApiResult<Vec<EventAdministration>> {
    records.list(PREFIX).await
}

pub async fn by_id(records: &Records, id: &str) -> ApiResult<EventAdministration> {
    records.get(&key(id)).await?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no event administration record with id {id}."
        ))
    })
}

/// The strategy registrations use now (email only when no record is active).
pub async fn strategy(records: &Records) -> ApiResult<MatchStrategy> {
    Ok(event_admin::current_strategy(&all(records).await?))
}

/// `production`: whether this deployment is marked production (a stricter rule applies).
pub async fn create(
    records: &Records,
    input: EventAdministrationInput,
    production: bool,
) -> ApiResult<EventAdministration> {
    let input = input.validate(production).map_err(ApiError::Validation)?;
    let existing = all(records).await?;
    if let Some(reason) = event_admin::activation_blocker(&existing, "") {
        return Err(ApiError::Conflict(reason));
    }
    let now = ids::now_iso();
    let created = EventAdministration {
        id: ids::new_id()?,
        name: input.name,
        match_strategy: input.match_strategy,
        demo_payment_confirmation: input.demo_payment_confirmation,
        active: true,
        created_at: now.clone(),
        updated_at: now,
    };
    records.put(&key(&created.id), &created).await?;
    Ok(created)
}

pub async fn update(
    records: &Records,
    id: &str,
    input: EventAdministrationInput,
    production: bool,
) -> ApiResult<EventAdministration> {
    let input = input.validate(production).map_err(ApiError::Validation)?;
    let current = by_id(records, id).await?;
    let updated = EventAdministration {
        name: input.name,
        match_strategy: input.match_strategy,
        demo_payment_confirmation: input.demo_payment_confirmation,
        updated_at: ids::now_iso(),
        ..current
    };
    records.put(&key(id), &updated).await?;
    Ok(updated)
}

pub async fn set_active(
    records: &Records,
    id: &str,
    active: bool,
) -> ApiResult<EventAdministration> {
    let current = by_id(records, id).await?;
    if active && let Some(reason) = event_admin::activation_blocker(&all(records).await?, id) {
        return Err(ApiError::Conflict(reason));
    }
    let updated = EventAdministration {
        active,
        updated_at: ids::now_iso(),
        ..current
    };
    records.put(&key(id), &updated).await?;
    Ok(updated)
}

pub async fn delete(records: &Records, id: &str) -> ApiResult<()> {
    by_id(records, id).await?;
    records.delete(&key(id)).await?;
    Ok(())
}

#[cfg(test)]
#[path = "tests/event_admin.rs"]
mod tests;
