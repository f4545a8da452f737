//! The outbox's delivery (see `crate::outbox`): the API worker consumes the outbox Queue,
//! sends each record to its event's provider (webhooks: `crate::webhooks`) and reports
//! every outcome to the registry.
//! It runs here, not in the registry, because only this script holds the credentials
//! keyring.

use convene_types::configuration::{ServiceStatus, WebinarConfiguration};
use convene_types::event::Event;
use convene_types::sync::retry_delay_ms;
use worker::Env;

use crate::error::ApiResult;
use crate::ids;
use crate::on24::registrant;
use crate::outbox::{Batch, Delivery, Outcome, Report};
use crate::registry::placement::HUB;
use crate::registry::{Registry, RegistryCommand, across};
use crate::routes::{open_credentials, provider_base};
use crate::store::{Command, Store, SyncTarget};
use crate::webhooks;

/// Delivers one Queue message: the records one alarm of the registry handed out.
pub async fn deliver(env: &Env, message: &str) -> ApiResult<()> {
    match serde_json::from_str(message)? {
        Batch::Webinar { origin, records } => deliver_webinars(env, &origin, records).await,
        Batch::Unnamed(records) => deliver_webinars(env, HUB, records).await,
        Batch::Webhooks { origin, webhooks } => webhooks::deliver(env, &origin, webhooks).await,
    }
}

/// Sends `due` and reports to `origin`, the registry instance that handed them out.
async fn deliver_webinars(env: &Env, origin: &str, due: Vec<Delivery>) -> ApiResult<()> {
    // One group per webinar: the event's, or one of its sessions'.
    let mut webinars: Vec<(&str, Option<&str>)> = Vec::new();
    for d in &due {
        let webinar = (d.event_id.as_str(), d.session_id.as_deref());
        if !webinars.contains(&webinar) {
            webinars.push(webinar);
        }
    }
    let mut reports = Vec::with_capacity(due.len());
    for webinar in webinars {
        let group: Vec<&Delivery> = due
            .iter()
            .filter(|d| (d.event_id.as_str(), d.session_id.as_deref()) == webinar)
            .collect();
        reports.extend(deliver_webinar(env, webinar.0, webinar.1, &group).await);
    }
    let now = ids::now_iso();
    Registry::named(env, origin)?
        .call::<()>(&RegistryCommand::Delivered { reports, now })
        .await
}

/// Makes every event's waiting records due now: an administrator changed what may have
/// stopped them. A failure only delays them (they are looked at again later).
pub async fn wake(env: &Env) {
    let woken = match all_event_ids(env).await {
        Ok(event_ids) => across::wake(env, &event_ids).await,
        Err(e) => Err(e),
    };
    if let Err(e) = woken {
        worker::console_error!("outbox wake: {e:?}");
    }
}

/// Every event's id (the registry instances that may hold registrations).
pub async fn all_event_ids(env: &Env) -> ApiResult<Vec<String>> {
    let events: Vec<Event> = Store::config(env)?.call(&Command::ListEvents).await?;
    Ok(events.into_iter().map(|e| e.id).collect())
}

/// A random number in `0.0..1.0` for the retries' jitter.
pub fn jitter() -> f64 {
    ids::random_bytes::<4>().map_or(0.5, |b| f64::from(u32::from_le_bytes(b)) / 4_294_967_296.0)
}

fn all(group: &[&Delivery], outcome: impl Fn(&Delivery) -> Outcome) -> Vec<Report> {
    group
        .iter()
        .map(|d| Report {
            seq: d.seq,
            outcome: outcome(d),
        })
        .collect()
}

/// Sends one webinar's records in order. The first that is not sent because of the
/// provider (down, over quota, credentials refused) stops the rest: they get the same
/// outcome without a call, so an outage is not hammered once per registration.
async fn deliver_webinar(
    env: &Env,
    event_id: &str,
    session_id: Option<&str>,
    group: &[&Delivery],
) -> Vec<Report> {
    let store = match Store::config(env) {
        Ok(store) => store,
        Err(e) => return all(group, |d| retry_later(d, format!("{e:?}"))),
    };
    let target = store
        .call::<SyncTarget>(&Command::SyncTarget {
            event_id: event_id.into(),
            session_id: session_id.map(str::to_string),
        })
        .await;
    let (provider_event_id, configuration_id, service_status, provider, sealed) = match target {
        Ok(SyncTarget::Ready {
            provider_event_id,
            configuration_id,
            service_status,
            provider,
            credentials,
        }) => (
            provider_event_id,
            configuration_id,
            service_status,
            provider,
            credentials,
        ),
        Ok(SyncTarget::Waiting { reason }) => {
            return all(group, |_| Outcome::Wait {
                message: reason.clone(),
            });
        }
        Err(e) => {
            let message = format!(
                "Convene could not read the event: {}",
                e.body().error.message
            );
            return all(group, |d| retry_later(d, message.clone()));
        }
    };
    let credentials = match open_credentials(env, &configuration_id, &sealed) {
        Ok(credentials) => credentials,
        Err(e) => {
            let message = format!(
                "Waiting: the credentials cannot be opened ({}).",
                e.body().error.message
            );
            return all(group, |_| Outcome::Wait {
                message: message.clone(),
            });
        }
    };
    let base = provider_base(env, &provider);
    let mut reports = Vec::with_capacity(group.len());
    let mut stopped: Option<Outcome> = None;
    let mut service: Option<(ServiceStatus, String)> = None;
    for d in group {
        let outcome = match &stopped {
            Some(outcome) => outcome.clone(),
            None => {
                let (outcome, said) =
                    registrant::deliver(&base, &credentials, &provider_event_id, d, jitter()).await;
                if matches!(
                    outcome,
                    Outcome::Retry { .. } | Outcome::Wait { .. } | Outcome::Paused { .. }
                ) {
                    stopped = Some(outcome.clone());
                }
                service = said.or(service);
                outcome
            }
        };
        reports.push(Report {
            seq: d.seq,
            outcome,
        });
    }
    if let Some((status, message)) = service
        && status != service_status
    {
        let command = Command::RecordCheck {
            id: configuration_id,
            wrapped_key: sealed.wrapped_key.clone(),
            status,
            message,
        };
        if let Err(e) = store.call::<WebinarConfiguration>(&command).await {
            worker::console_error!("outbox: the configuration's status was not recorded: {e:?}");
        }
    }
    reports
}

fn retry_later(d: &Delivery, message: String) -> Outcome {
    Outcome::Retry {
        delay_ms: retry_delay_ms(d.attempts + 1, None, jitter()),
        message,
    }
}
