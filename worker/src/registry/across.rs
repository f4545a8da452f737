//! Registry work that spans instances (`placement.rs`): the contacts list, a contact's
//! registrations and erasure, retention, and the figures over several events (a
//! registration is `register.rs`). Calls to several instances go out at once. In the single layout every call reaches the one registry, grouped into one call
//! where the command takes several events.

use convene_types::contact::Contact;
use convene_types::list::Page;
use convene_types::registration::Registration;
use convene_types::sync::SyncHealth;
use futures_util::future::join_all;
use serde::de::DeserializeOwned;
use worker::Env;

use super::placement::{Layout, Place};
use super::{Expired, FoundContact, Registry, RegistryCommand, RetryScope, SeatCounts};
use crate::error::{ApiError, ApiResult};
use crate::store::Subscription;

/// `event_ids` grouped by the instance that holds them, in their order.
fn by_instance(layout: Layout, event_ids: &[String]) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for id in event_ids {
        let instance = layout.instance(Place::Event(id));
        match groups.iter_mut().find(|(name, _)| *name == instance) {
            Some((_, ids)) => ids.push(id.clone()),
            None => groups.push((instance, vec![id.clone()])),
        }
    }
    groups
}

/// Sends each command to its instance, all at once; the answers' JSON texts in order.
/// Every fan-out goes through this one step, and each decodes its answers after it (as
/// the size rules in ARCHITECTURE.md ask: async steps stay non-generic).
pub(super) async fn send_all(
    env: &Env,
    calls: &[(String, RegistryCommand)],
) -> ApiResult<Vec<String>> {
    send_each(env, calls).await.into_iter().collect()
}

/// [`send_all`], each call's outcome on its own (all are waited for).
pub(super) async fn send_each(
    env: &Env,
    calls: &[(String, RegistryCommand)],
) -> Vec<ApiResult<String>> {
    join_all(calls.iter().map(|(instance, command)| async move {
        Registry::named(env, instance)?.text(command).await
    }))
    .await
}

/// [`send_all`], each answer decoded.
async fn ask_all<T: DeserializeOwned>(
    env: &Env,
    calls: &[(String, RegistryCommand)],
) -> ApiResult<Vec<T>> {
    send_all(env, calls)
        .await?
        .iter()
        .map(|text| Ok(serde_json::from_str(text)?))
        .collect()
}

/// One command per instance of `event_ids` (`command` builds it for that instance's
/// events), sent at once; the answers in the groups' order, each with its events.
async fn each_instance<T: DeserializeOwned>(
    env: &Env,
    event_ids: &[String],
    command: impl Fn(Vec<String>) -> RegistryCommand,
) -> ApiResult<Vec<(Vec<String>, T)>> {
    let groups = by_instance(Layout::of(env), event_ids);
    let calls: Vec<(String, RegistryCommand)> = groups
        .iter()
        .map(|(instance, ids)| (instance.clone(), command(ids.clone())))
        .collect();
    let answers: Vec<T> = ask_all(env, &calls).await?;
    Ok(groups
        .into_iter()
        .map(|(_, ids)| ids)
        .zip(answers)
        .collect())
}

/// The same command to every directory shard.
async fn each_shard<T: DeserializeOwned>(env: &Env, command: RegistryCommand) -> ApiResult<Vec<T>> {
    let calls: Vec<(String, RegistryCommand)> = directory(env)
        .into_iter()
        .map(|instance| (instance, command.clone()))
        .collect();
    ask_all(env, &calls).await
}

/// The directory's shards, each by its instance name.
pub(super) fn directory(env: &Env) -> Vec<String> {
    let layout = Layout::of(env);
    layout
        .directory()
        .into_iter()
        .map(|n| layout.instance(Place::Directory(n)))
        .collect()
}

/// A page of the contacts matching `q`: each shard's first `page × page_size`, merged.
/// Costs one call per shard, each reading up to that many contacts.
pub async fn list_contacts(
    env: &Env,
    q: &str,
    page: usize,
    page_size: usize,
) -> ApiResult<Page<Contact>> {
    let (page, page_size) = (page.max(1), page_size.clamp(1, 100));
    // A page far past the end asks every contact (and gets none), never a wrapped limit.
    let limit = page.saturating_mul(page_size);
    let command = RegistryCommand::ContactWindow {
        q: q.to_string(),
        limit,
    };
    let windows: Vec<Page<Contact>> = each_shard(env, command).await?;
    Ok(merge_contacts(windows, page, page_size))
}

/// Page `page` of the shards' windows merged in the directory's order.
fn merge_contacts(windows: Vec<Page<Contact>>, page: usize, page_size: usize) -> Page<Contact> {
    let total = windows.iter().map(|w| w.total).sum();
    let mut all: Vec<Contact> = windows.into_iter().flat_map(|w| w.items).collect();
    convene_types::list::sort_by(&mut all, |a, b| order_key(a).cmp(&order_key(b)));
    let items = all
        .into_iter()
        .skip((page - 1).saturating_mul(page_size))
        .take(page_size)
        .collect();
    Page {
        items,
        total,
        page,
        page_size,
    }
}

/// The directory's order (`directory::window`): names ignoring ASCII case, as SQLite's
/// `NOCASE` compares, then creation time and id.
fn order_key(c: &Contact) -> (String, String, &str, &str) {
    (
        c.last_name.to_ascii_lowercase(),
        c.first_name.to_ascii_lowercase(),
        &c.created_at,
        &c.id,
    )
}

/// Contact `id` and its events (404 if no shard has it). Asks every shard: an id does not
/// say its shard.
pub async fn find_contact(env: &Env, id: &str) -> ApiResult<(String, FoundContact)> {
    let command = RegistryCommand::FindContact {
        contact_id: id.to_string(),
    };
    let answers: Vec<Option<FoundContact>> = each_shard(env, command).await?;
    directory(env)
        .into_iter()
        .zip(answers)
        .find_map(|(instance, found)| Some((instance, found?)))
        .ok_or_else(|| ApiError::NotFound(format!("There is no contact with id {id}.")))
}

/// A contact's registrations across events, oldest first.
pub async fn contact_registrations(env: &Env, id: &str) -> ApiResult<Vec<Registration>> {
    let (_, found) = find_contact(env, id).await?;
    let parts: Vec<(Vec<String>, Vec<Registration>)> =
        each_instance(env, &found.event_ids, |event_ids| {
            RegistryCommand::ContactRegistrations {
                contact_id: id.to_string(),
                event_ids,
            }
        })
        .await?;
    let mut all: Vec<Registration> = parts.into_iter().flat_map(|(_, r)| r).collect();
    convene_types::list::sort_by(&mut all, |a, b| a.created_at.cmp(&b.created_at));
    Ok(all)
}

/// Erases a contact: its registrations in each of its events' instances (and the
/// provider told through their outboxes), then the directory's record, whose keys then
/// match nobody, then once more each of its events' instances, for a registration stored
/// meanwhile (resolved before the keys changed). Each step is idempotent, so an erasure
/// interrupted part way is finished by asking again.
pub async fn erase_contact(env: &Env, id: &str, now: &str) -> ApiResult<Contact> {
    let (shard, found) = find_contact(env, id).await?;
    erase_in_events(env, id, &found.event_ids, now).await?;
    let directory = Registry::named(env, &shard)?;
    let erased: Option<Contact> = directory
        .call(&RegistryCommand::EraseContact {
            contact_id: id.to_string(),
            now: now.to_string(),
        })
        .await?;
    let now_found: Option<FoundContact> = directory
        .call(&RegistryCommand::FindContact {
            contact_id: id.to_string(),
        })
        .await?;
    if let Some(found) = now_found {
        erase_in_events(env, id, &found.event_ids, now).await?;
    }
    erased.ok_or_else(|| ApiError::NotFound(format!("There is no contact with id {id}.")))
}

async fn erase_in_events(env: &Env, id: &str, event_ids: &[String], now: &str) -> ApiResult<()> {
    each_instance::<()>(env, event_ids, |event_ids| {
        RegistryCommand::EraseContactHere {
            contact_id: id.to_string(),
            event_ids,
            now: now.to_string(),
        }
    })
    .await?;
    Ok(())
}

/// Retention: the registrations of `event_ids` erased in their instances, then the
/// contacts with no other registration erased whole by the directory.
pub async fn erase_expired(env: &Env, event_ids: &[String], now: &str) -> ApiResult<Expired> {
    let parts: Vec<(Vec<String>, Expired)> =
        each_instance(env, event_ids, |event_ids| RegistryCommand::EraseExpired {
            event_ids,
            now: now.to_string(),
        })
        .await?;
    let command = RegistryCommand::ExpireContacts {
        event_ids: event_ids.to_vec(),
        now: now.to_string(),
    };
    let contacts: Vec<u32> = each_shard(env, command).await?;
    Ok(Expired {
        registrations: parts.iter().map(|(_, e)| e.registrations).sum(),
        contacts: contacts.into_iter().sum(),
    })
}

/// The seat counts of each of `event_ids`, in their order.
pub async fn count_seats_of(env: &Env, event_ids: &[String]) -> ApiResult<Vec<SeatCounts>> {
    let parts: Vec<(Vec<String>, Vec<SeatCounts>)> = each_instance(env, event_ids, |event_ids| {
        RegistryCommand::CountSeatsOf { event_ids }
    })
    .await?;
    let counted: Vec<(String, SeatCounts)> = parts
        .into_iter()
        .flat_map(|(ids, counts)| ids.into_iter().zip(counts))
        .collect();
    event_ids
        .iter()
        .map(|id| {
            counted
                .iter()
                .find(|(counted, _)| counted == id)
                .map(|(_, c)| *c)
                .ok_or_else(|| ApiError::internal(format!("no seat count for event {id}")))
        })
        .collect()
}

/// The webinar integration's figures over `event_ids`.
pub async fn sync_health(env: &Env, event_ids: &[String]) -> ApiResult<SyncHealth> {
    let parts: Vec<(Vec<String>, SyncHealth)> = each_instance(env, event_ids, |event_ids| {
        RegistryCommand::SyncHealth { event_ids }
    })
    .await?;
    Ok(parts
        .into_iter()
        .map(|(_, h)| h)
        .fold(SyncHealth::default(), SyncHealth::merge))
}

/// Sends again what failed in `event_ids`; answers how many.
pub async fn retry_events(env: &Env, event_ids: &[String]) -> ApiResult<u32> {
    let parts: Vec<(Vec<String>, u32)> =
        each_instance(env, event_ids, |event_ids| RegistryCommand::RetrySync {
            scope: RetryScope::Events(event_ids),
        })
        .await?;
    Ok(parts.into_iter().map(|(_, n)| n).sum())
}

/// Makes every waiting outbox record of `event_ids` due now.
pub async fn wake(env: &Env, event_ids: &[String]) -> ApiResult<()> {
    each_instance::<()>(env, event_ids, |_| RegistryCommand::Wake).await?;
    Ok(())
}

/// Gives every instance (the hub, the directory's shards and `event_ids`') the copy of
/// who subscribes to which webhook messages.
pub async fn share_subscriptions(
    env: &Env,
    endpoints: Vec<Subscription>,
    event_ids: &[String],
) -> ApiResult<()> {
    let layout = Layout::of(env);
    let mut instances = vec![layout.instance(Place::Hub)];
    instances.extend(directory(env));
    instances.extend(by_instance(layout, event_ids).into_iter().map(|(i, _)| i));
    instances.sort();
    instances.dedup();
    let command = RegistryCommand::SetWebhookEndpoints { endpoints };
    let calls: Vec<(String, RegistryCommand)> = instances
        .into_iter()
        .map(|instance| (instance, command.clone()))
        .collect();
    send_all(env, &calls).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: &str, last: &str, created: &str) -> Contact {
        Contact {
            id: id.into(),
            email: format!("{id}@example.org"),
            first_name: "A".into(),
            last_name: last.into(),
            company: String::new(),
            created_at: created.into(),
            erased_at: None,
            registration_count: 1,
        }
    }

    fn window(items: Vec<Contact>, total: usize) -> Page<Contact> {
        Page {
            items,
            total,
            page: 1,
            page_size: 4,
        }
    }

    #[test]
    fn shards_windows_merge_into_one_page_in_name_order() {
        let a = window(
            vec![contact("1", "adams", "t1"), contact("2", "Cole", "t2")],
            5,
        );
        let b = window(
            vec![contact("3", "Baker", "t0"), contact("4", "cole", "t1")],
            3,
        );
        let page = merge_contacts(vec![a, b], 2, 2);
        assert_eq!(page.total, 8);
        let ids: Vec<&str> = page.items.iter().map(|c| c.id.as_str()).collect();
        // adams, Baker | cole (t1), Cole (t2): the second page.
        assert_eq!(ids, ["4", "2"]);
    }

    #[test]
    fn events_are_grouped_by_the_instance_that_holds_them() {
        let ids: Vec<String> = ["e1", "e2", "e1"].map(String::from).to_vec();
        let single = by_instance(Layout::Single, &ids);
        assert_eq!(single, vec![("registry".to_string(), ids.clone())]);
        let per_event = by_instance(Layout::PerEvent, &ids);
        assert_eq!(per_event.len(), 2);
        assert_eq!(per_event[0].1, ["e1", "e1"]);
    }
}
