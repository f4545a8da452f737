//! The move from one registry to the per-event layout (`placement.rs`), on the first
//! request an isolate serves: until the one registry (the hub) has handed out every
//! event's rows, registry work waits. The hub's side is `moving.rs`.
//!
//! One worker moves at a time (the hub's lease); the others wait for it. Each event moves
//! in three steps (its instance, its contacts' shards, then the hub deletes it), each
//! safe to repeat, so a move cut short is finished by the next request.

use std::cell::Cell;
use std::time::Duration;

use convene_types::contact::MatchStrategy;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use worker::{Delay, Env};

use super::placement::{Layout, Place, shard_of_keys};
use super::{Registry, RegistryCommand};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::store::{Command, Store};

/// A row as its columns' values.
pub type Row = Map<String, Value>;

/// How long a mover's lease lasts without a step (another takes over after it).
pub const LEASE_MS: f64 = 30_000.0;

/// How long a worker waits before asking again while another moves.
const WAIT: Duration = Duration::from_millis(250);

/// What the hub answers a mover.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    /// Nothing is left to move.
    Done,
    /// Nothing is left to move, as of this answer: the move ended now.
    Finished,
    /// Another worker is moving; ask again shortly.
    Busy,
    /// One event's rows, to import before `lease_until` (ms since the epoch): an import
    /// that arrives later is refused, since another worker may have moved the event since.
    Event {
        rows: Box<EventRows>,
        lease_until: f64,
    },
}

/// One event's rows as the hub has them.
#[derive(Serialize, Deserialize, Debug, Default, Clone)]
#[serde(rename_all = "camelCase")]
pub struct EventRows {
    pub event_id: String,
    pub registrations: Vec<Row>,
    pub outbox: Vec<Row>,
    pub retired: Vec<Row>,
    pub sync_health: Vec<Row>,
    /// The contacts its registrations refer to: copies for the event's instance, and
    /// each shard's own.
    pub contacts: Vec<Row>,
    /// Which registration refers to which contact (`contact_registrations`).
    pub links: Vec<Row>,
    pub erasures: Vec<Row>,
}

thread_local! {
    /// Whether this isolate has seen the move done.
    static SETTLED: Cell<bool> = const { Cell::new(false) };
}

/// Returns once nothing is left in the one registry to move: at once in the single
/// layout, or once this isolate has seen the move done.
pub async fn ensure(env: &Env) -> ApiResult<()> {
    if SETTLED.get() || Layout::of(env) == Layout::Single {
        return Ok(());
    }
    let holder = ids::new_id()?;
    let hub = Registry::hub(env)?;
    let mut strategy = None;
    loop {
        let step: Step = hub
            .call(&RegistryCommand::MoveNext {
                holder: holder.clone(),
            })
            .await?;
        match step {
            Step::Done => break,
            Step::Finished => {
                // The new instances learn who subscribes to their webhook messages (the
                // Cron Trigger does it again, should this fail).
                if let Err(e) = crate::webhooks::share_subscriptions(env).await {
                    worker::console_error!("webhook subscriptions after the move: {e:?}");
                }
                break;
            }
            Step::Busy => Delay::from(WAIT).await,
            Step::Event { rows, lease_until } => {
                // An import refused for a lease that ended: ask again (the lease is
                // renewed, or another worker moves).
                let strategy = match strategy {
                    Some(s) => s,
                    None => *strategy.insert(
                        Store::config(env)?
                            .call::<MatchStrategy>(&Command::MatchStrategy)
                            .await?,
                    ),
                };
                match move_event(env, strategy, *rows, lease_until).await {
                    Ok(()) | Err(ApiError::Conflict(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    SETTLED.set(true);
    Ok(())
}

pub(super) fn contact_id(row: &Row) -> Option<String> {
    row.get("id").and_then(Value::as_str).map(String::from)
}

/// Each of `rows.contacts` into its shard under `strategy`, with its records (before
/// `lease_until`, for a move).
pub(super) async fn import_contacts(
    env: &Env,
    strategy: MatchStrategy,
    rows: &EventRows,
    lease_until: Option<f64>,
) -> ApiResult<()> {
    for shard in Layout::of(env).directory() {
        let contacts: Vec<Row> = rows
            .contacts
            .iter()
            .filter(|c| {
                let key = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or_default();
                shard_of_keys(strategy, key("email_key"), key("name_key")) == shard
            })
            .cloned()
            .collect();
        if contacts.is_empty() {
            continue;
        }
        let part = EventRows {
            contacts,
            links: rows.links.clone(),
            erasures: rows.erasures.clone(),
            ..EventRows::default()
        };
        Registry::at(env, Place::Directory(shard))?
            .call::<()>(&RegistryCommand::ImportDirectory {
                rows: part,
                lease_until,
            })
            .await?;
    }
    Ok(())
}

async fn move_event(
    env: &Env,
    strategy: MatchStrategy,
    rows: EventRows,
    lease_until: f64,
) -> ApiResult<()> {
    let event_id = rows.event_id.clone();
    Registry::event(env, &event_id)?
        .call::<()>(&RegistryCommand::ImportEvent {
            rows: rows.clone(),
            lease_until,
        })
        .await?;
    import_contacts(env, strategy, &rows, Some(lease_until)).await?;
    Registry::hub(env)?
        .call::<()>(&RegistryCommand::MoveDone { event_id })
        .await
}
