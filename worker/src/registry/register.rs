//! A registration across instances: the directory matches each attendee to a contact (in
//! the shard of their key, so one person is one contact), then the event's instance
//! decides and stores the group all or none. What the registry refused or replayed is
//! released from the directory before the answer, so a refused registration leaves no
//! contact behind (a request stopped before that leaves a link `sweep.rs` settles).

use std::time::Duration;

use convene_types::registration::Registration;
use worker::{Delay, Env};

use super::across::{send_all, send_each};
use super::placement::{Layout, Place, shard_of};
use super::{ContactCopy, NewRegistration, Registry, RegistryCommand};
use crate::error::{ApiError, ApiResult};

/// While a change of the matching strategy holds the directory (`rehoming.rs`), a
/// registration asks again this often, this many times (5 s) before answering the hold.
const HELD_RETRY: Duration = Duration::from_millis(250);
const HELD_PATIENCE: u32 = 20;

/// Each directory shard a group reaches, with its attendees (their places in the group).
type Shards = Vec<(String, Vec<usize>)>;

/// Registers prepared attendees of one event.
pub async fn register(env: &Env, mut group: Vec<NewRegistration>) -> ApiResult<Vec<Registration>> {
    let layout = Layout::of(env);
    let Some(event_id) = group.first().map(|r| r.event_id.clone()) else {
        return Ok(Vec::new());
    };
    let mut shards: Shards = Vec::new();
    for (i, r) in group.iter().enumerate() {
        let instance = layout.instance(Place::Directory(shard_of(r.strategy, &r.attendee)));
        match shards.iter_mut().find(|(name, _)| *name == instance) {
            Some((_, members)) => members.push(i),
            None => shards.push((instance, vec![i])),
        }
    }
    let mut waited = 0;
    let resolved = loop {
        match resolve(env, &shards, &group).await {
            Err(ApiError::DirectoryHeld) if waited < HELD_PATIENCE => {
                waited += 1;
                Delay::from(HELD_RETRY).await;
            }
            resolved => break resolved?,
        }
    };
    for ((_, members), copies) in shards.iter().zip(resolved) {
        for (&i, copy) in members.iter().zip(copies) {
            group[i].contact = Some(copy);
        }
    }
    let prepared: Vec<String> = group.iter().map(|r| r.registration_id.clone()).collect();
    let answer = Registry::event(env, &event_id)?
        .call::<Vec<Registration>>(&RegistryCommand::Register { group })
        .await;
    let unused: Vec<&String> = match &answer {
        Ok(stored) => prepared
            .iter()
            .filter(|id| !stored.iter().any(|r| &r.id == *id))
            .collect(),
        // Decided refusals; after any other error the registration may have been stored
        // (the sweep settles it).
        Err(
            ApiError::Conflict(_)
            | ApiError::NotFound(_)
            | ApiError::BadRequest(_)
            | ApiError::Validation(_),
        ) => prepared.iter().collect(),
        Err(_) => Vec::new(),
    };
    if !unused.is_empty() {
        let releases: Vec<(String, RegistryCommand)> = shards
            .iter()
            .filter_map(|(instance, members)| {
                let registration_ids: Vec<String> = members
                    .iter()
                    .map(|&i| prepared[i].clone())
                    .filter(|id| unused.contains(&id))
                    .collect();
                (!registration_ids.is_empty()).then(|| {
                    let command = RegistryCommand::ReleaseContacts { registration_ids };
                    (instance.clone(), command)
                })
            })
            .collect();
        if let Err(e) = send_all(env, &releases).await {
            worker::console_error!("contacts of refused registrations not released: {e:?}");
        }
    }
    answer
}

/// The directory's step: each shard matches its attendees to contacts. When a shard
/// fails or refuses, what the others recorded is released (the failed one's too: it may
/// have written before failing), and its error answered.
async fn resolve(
    env: &Env,
    shards: &Shards,
    group: &[NewRegistration],
) -> ApiResult<Vec<Vec<ContactCopy>>> {
    let calls: Vec<(String, RegistryCommand)> = shards
        .iter()
        .map(|(instance, members)| {
            let people = members.iter().map(|&i| group[i].person()).collect();
            (
                instance.clone(),
                RegistryCommand::ResolveContacts { people },
            )
        })
        .collect();
    let answers = send_each(env, &calls).await;
    if let Some(failed) = answers.iter().position(Result::is_err) {
        let resolved: Vec<(String, RegistryCommand)> = shards
            .iter()
            .map(|(instance, members)| {
                let registration_ids = members
                    .iter()
                    .map(|&i| group[i].registration_id.clone())
                    .collect();
                let command = RegistryCommand::ReleaseContacts { registration_ids };
                (instance.clone(), command)
            })
            .collect();
        if let Err(e) = send_all(env, &resolved).await {
            worker::console_error!("contacts of a failed registration not released: {e:?}");
        }
        return Err(answers
            .into_iter()
            .nth(failed)
            .and_then(Result::err)
            .unwrap_or_else(|| ApiError::internal("a directory shard failed")));
    }
    answers
        .into_iter()
        .flatten()
        .map(|answer| Ok(serde_json::from_str(&answer)?))
        .collect()
}
