//! The Cron Trigger's sweep of the directory's links. A registration's directory step
//! records a link to its contact (`directory::resolve`) before the event's instance stores
//! it; a request stopped in between, or before it released a refused registration's link,
//! leaves a link to a registration that does not exist, and maybe a contact made for it
//! and nothing else. Links older than any request are checked against their events'
//! instances: a stored registration's link stays for good, the others go as a refused
//! registration's do. A link is checked once; the registration's own path pays nothing.

use std::collections::HashSet;

use worker::Env;

use super::across::{directory, each_instance, each_shard, send_all};
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
/// per shard, one per instance of their events, one per shard that had any.
pub async fn settle_links(env: &Env, now_ms: f64) -> ApiResult<Settled> {
    let command = RegistryCommand::UnsettledLinks {
        before_ms: now_ms - SETTLE_AFTER_MS,
        limit: PER_SHARD,
    };
    let links: Vec<Vec<Link>> = each_shard(env, command).await?;
    let mut event_ids: Vec<String> = links.iter().flatten().map(|l| l.event_id.clone()).collect();
    event_ids.sort();
    event_ids.dedup();
    if event_ids.is_empty() {
        return Ok(Settled::default());
    }
    let found: Vec<(Vec<String>, Vec<String>)> =
        each_instance(env, &event_ids, |ids| RegistryCommand::KnownRegistrations {
            registration_ids: links
                .iter()
                .flatten()
                .filter(|l| ids.contains(&l.event_id))
                .map(|l| l.registration_id.clone())
                .collect(),
        })
        .await?;
    let stored: HashSet<String> = found.into_iter().flat_map(|(_, ids)| ids).collect();
    let mut settled = Settled::default();
    let calls: Vec<(String, RegistryCommand)> = directory(env)
        .into_iter()
        .zip(&links)
        .filter(|(_, links)| !links.is_empty())
        .map(|(shard, links)| {
            let (kept, released) = verdict(links, &stored);
            settled.kept += kept.len();
            settled.released += released.len();
            (shard, RegistryCommand::SettleLinks { kept, released })
        })
        .collect();
    send_all(env, &calls).await?;
    Ok(settled)
}

/// One shard's links' registration ids, split: those `stored` (kept) and the others
/// (released).
pub fn verdict(links: &[Link], stored: &HashSet<String>) -> (Vec<String>, Vec<String>) {
    let (kept, released): (Vec<&Link>, Vec<&Link>) = links
        .iter()
        .partition(|l| stored.contains(&l.registration_id));
    let ids = |links: Vec<&Link>| {
        links
            .into_iter()
            .map(|l| l.registration_id.clone())
            .collect()
    };
    (ids(kept), ids(released))
}
