//! The Cron Trigger's sweep of the directory's links. A registration's directory step
//! records a link to its contact (`directory::resolve`) before the event's instance stores
//! it; a request stopped in between, or before it released a refused registration's link,
//! leaves a link to a registration that does not exist, and maybe a contact made for it
//! and nothing else. Links older than any request are checked against their events'
//! instances: a stored registration's link stays for good, the others go as a refused
//! registration's do. A link is checked once; the registration's own path pays nothing.

use worker::Env;

use super::across::{directory, send_all};
use super::placement::{Layout, Place};
use super::{Link, RegistryCommand};
use crate::error::ApiResult;

/// Older than any request: a link this old whose registration is not stored never will be.
pub const SETTLE_AFTER_MS: f64 = 10.0 * 60_000.0;

/// The links one run looks at per shard, bounding its work; the rest wait for the next.
const PER_SHARD: u32 = 500;

/// What a run decided.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Settled {
    pub kept: usize,
    pub released: usize,
}

/// Settles every shard's unsettled links made before `now_ms - SETTLE_AFTER_MS`: one call
/// per shard, one per instance of their events, one per shard that had any. (Calls go
/// through `send_all` and answers are decoded after it: no generic async step, as the
/// size rules in ARCHITECTURE.md ask.)
pub async fn settle_links(env: &Env, now_ms: f64) -> ApiResult<Settled> {
    let command = RegistryCommand::UnsettledLinks {
        before_ms: now_ms - SETTLE_AFTER_MS,
        limit: PER_SHARD,
    };
    let shards = directory(env);
    let asks: Vec<(String, RegistryCommand)> = shards
        .iter()
        .map(|shard| (shard.clone(), command.clone()))
        .collect();
    let mut links: Vec<(String, Vec<Link>)> = Vec::new();
    for (shard, answer) in shards.into_iter().zip(send_all(env, &asks).await?) {
        let these: Vec<Link> = serde_json::from_str(&answer)?;
        if !these.is_empty() {
            links.push((shard, these));
        }
    }
    if links.is_empty() {
        return Ok(Settled::default());
    }
    let layout = Layout::of(env);
    let mut checks: Vec<(String, Vec<String>)> = Vec::new();
    for link in links.iter().flat_map(|(_, these)| these) {
        let instance = layout.instance(Place::Event(&link.event_id));
        let id = link.registration_id.clone();
        match checks.iter_mut().find(|(name, _)| *name == instance) {
            Some((_, ids)) => ids.push(id),
            None => checks.push((instance, vec![id])),
        }
    }
    let asks: Vec<(String, RegistryCommand)> = checks
        .into_iter()
        .map(|(instance, registration_ids)| {
            (
                instance,
                RegistryCommand::MissingRegistrations { registration_ids },
            )
        })
        .collect();
    let mut missing: Vec<String> = Vec::new();
    for answer in send_all(env, &asks).await? {
        missing.extend(serde_json::from_str::<Vec<String>>(&answer)?);
    }
    let mut settled = Settled::default();
    let settles: Vec<(String, RegistryCommand)> = links
        .into_iter()
        .map(|(shard, these)| {
            let (kept, released) = verdict(&these, &missing);
            settled.kept += kept.len();
            settled.released += released.len();
            (shard, RegistryCommand::SettleLinks { kept, released })
        })
        .collect();
    send_all(env, &settles).await?;
    Ok(settled)
}

/// One shard's links' registration ids, split: those whose registration is not among
/// `missing` (kept) and the others (released). Missing ones are few (requests that
/// stopped), so the lookup stays short.
pub fn verdict(links: &[Link], missing: &[String]) -> (Vec<String>, Vec<String>) {
    let (released, kept): (Vec<&Link>, Vec<&Link>) = links
        .iter()
        .partition(|l| missing.contains(&l.registration_id));
    let ids = |links: Vec<&Link>| {
        links
            .into_iter()
            .map(|l| l.registration_id.clone())
            .collect()
    };
    (ids(kept), ids(released))
}
