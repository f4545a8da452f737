//! A change of the key the active matching strategy compares people by (emails, or
//! names): each contact moves to the shard of its key under the new strategy, so it is
//! still found there.
//!
//! Architecture invariant: no registration is matched while contacts move, and none is
//! matched in a shard by a key the directory is not placed by. A change of the event
//! administration records first holds every shard (registrations wait:
//! `ApiError::DirectoryHeld`, which `register.rs` waits out), then changes the records,
//! moves the contacts that now belong elsewhere, records the key in force in every shard
//! (a registration that read the strategy before the change is then refused, not matched
//! by the old key in a shard that no longer holds its person) and releases them. A hold
//! a stopped request left ends by itself after [`HOLD_MS`].

use convene_types::contact::MatchStrategy;
use serde::{Deserialize, Serialize};
use worker::Env;

use super::across::{directory, send_all};
use super::migration::{EventRows, contact_id, import_contacts};
use super::placement::{Layout, Place};
use super::{Registry, RegistryCommand};
use crate::error::ApiResult;
use crate::runtime::clock;
use crate::store::{Command, Store};

/// How long a hold lasts when the change that set it does not release it.
pub const HOLD_MS: f64 = 30_000.0;

/// What a [`RegistryCommand::PlaceDirectory`] does to the shards' hold on registrations.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "camelCase")]
pub enum Hold {
    Keep,
    Until(f64),
    Release,
}

/// Runs `change`, a change of the event administration records, with the directory held;
/// then the shards follow the strategy it leaves in force and are released (whether or
/// not the change was made).
pub async fn changing_strategy<T>(
    env: &Env,
    change: impl Future<Output = ApiResult<T>>,
) -> ApiResult<T> {
    if Layout::of(env) == Layout::Single {
        // One registry matches every person in one table, by the strategy's columns.
        return change.await;
    }
    place_all(env, None, Hold::Until(clock::now_ms() + HOLD_MS)).await?;
    let answer = change.await;
    let strategy: MatchStrategy = Store::config(env)?.call(&Command::MatchStrategy).await?;
    follow_strategy(env, strategy, Hold::Release).await?;
    answer
}

/// The Cron Trigger: the shards follow the strategy in force (which finishes a move a
/// stopped request left); a hold under way is kept.
pub async fn follow_current_strategy(env: &Env) -> ApiResult<()> {
    if Layout::of(env) == Layout::Single {
        return Ok(());
    }
    let strategy: MatchStrategy = Store::config(env)?.call(&Command::MatchStrategy).await?;
    follow_strategy(env, strategy, Hold::Keep).await
}

/// Moves contacts to their shards under `strategy` when the directory is placed by the
/// other key (the hub records which: emails until recorded otherwise), then records the
/// key in the hub and in every shard, with `hold`. A move the Cron Trigger finishes
/// (`Hold::Keep`) holds the shards itself.
async fn follow_strategy(env: &Env, strategy: MatchStrategy, mut hold: Hold) -> ApiResult<()> {
    let hub = Registry::hub(env)?;
    let placed: Option<bool> = hub
        .call(&RegistryCommand::DirectoryKey { by_email: None })
        .await?;
    let by_email = strategy.uses_email();
    if placed.unwrap_or(true) != by_email {
        if hold == Hold::Keep {
            place_all(env, None, Hold::Until(clock::now_ms() + HOLD_MS)).await?;
            hold = Hold::Release;
        }
        rehome(env, strategy).await?;
        hub.call::<Option<bool>>(&RegistryCommand::DirectoryKey {
            by_email: Some(by_email),
        })
        .await?;
    }
    place_all(env, Some(by_email), hold).await
}

/// Each contact that belongs in another shard under `strategy` goes there: one call per
/// shard and one per shard a contact goes to.
async fn rehome(env: &Env, strategy: MatchStrategy) -> ApiResult<()> {
    for shard in Layout::of(env).directory() {
        let from = Registry::at(env, Place::Directory(shard))?;
        let strays: EventRows = from
            .call(&RegistryCommand::ContactStrays { strategy })
            .await?;
        if strays.contacts.is_empty() {
            continue;
        }
        import_contacts(env, strategy, &strays, None).await?;
        let contact_ids = strays.contacts.iter().filter_map(contact_id).collect();
        from.call::<()>(&RegistryCommand::DropContacts { contact_ids })
            .await?;
    }
    Ok(())
}

/// Every shard records `by_email` (if given) and `hold`, at once.
async fn place_all(env: &Env, by_email: Option<bool>, hold: Hold) -> ApiResult<()> {
    let command = RegistryCommand::PlaceDirectory { by_email, hold };
    let calls: Vec<(String, RegistryCommand)> = directory(env)
        .into_iter()
        .map(|shard| (shard, command.clone()))
        .collect();
    send_all(env, &calls).await.map(drop)
}
