//! One registry command against an instance's storage: what each [`RegistryCommand`]
//! runs. Synchronous SQL only, so a command is atomic in its object, and callable without
//! the runtime: the native tests run interleavings of several instances' commands through
//! it (`schedules.rs`).

use convene_types::registration::Registration;

use super::schema::Db;
use super::{
    FoundContact, RegistryCommand, RetryScope, attendance, decide, directory, erase, moving,
    outbox, queries, retire, webhooks,
};
use crate::error::{ApiError, ApiResult};
use crate::objects::{Reply, reply};

/// Runs `command` here; `now_ms`: the time it arrived.
pub fn execute(db: &Db, command: RegistryCommand, now_ms: f64) -> Reply {
    match command {
        RegistryCommand::Register { group } => reply(decide::register_group(db, group, now_ms)),
        RegistryCommand::Cancel {
            event_id,
            registration_id,
            seats,
            pass_limits,
            now,
        } => reply(decide::cancel(
            db,
            &event_id,
            &registration_id,
            seats,
            &pass_limits,
            &now,
            now_ms,
        )),
        RegistryCommand::CountSeats { event_id } => reply(db.seat_counts(&event_id)),
        RegistryCommand::CountSeatsOf { event_ids } => reply(
            event_ids
                .iter()
                .map(|id| db.seat_counts(id))
                .collect::<ApiResult<Vec<_>>>(),
        ),
        RegistryCommand::DailyCounts { event_id } => reply(queries::daily_counts(db, &event_id)),
        RegistryCommand::WaitlistPlaces {
            event_id,
            registration_ids,
        } => reply(queries::waitlist_places(db, &event_id, &registration_ids)),
        RegistryCommand::ListRegistrations {
            event_id,
            q,
            status,
            page,
            page_size,
        } => reply(queries::list_registrations(
            db, &event_id, &q, status, page, page_size,
        )),
        RegistryCommand::AllRegistrations { event_id } => reply(super::rows::registrations(
            db,
            "r.event_id = ? ORDER BY r.seq",
            vec![event_id.into()],
        )),
        RegistryCommand::Retire { event_id, target } => {
            reply(retire::retire(db, &event_id, &target))
        }
        RegistryCommand::Restore { event_id, target } => {
            reply(retire::restore(db, &event_id, &target))
        }
        RegistryCommand::ResolveContacts { people } => {
            reply(directory::resolve(db, &people, now_ms))
        }
        RegistryCommand::PlaceDirectory { by_email, hold } => {
            reply(directory::place(db, by_email, hold))
        }
        RegistryCommand::UnsettledLinks { before_ms, limit } => {
            reply(directory::unsettled(db, before_ms, limit))
        }
        RegistryCommand::SettleLinks { kept, released } => {
            reply(directory::settle(db, &kept, &released))
        }
        RegistryCommand::MissingRegistrations { registration_ids } => {
            reply(queries::missing(db, &registration_ids))
        }
        RegistryCommand::ReleaseContacts { registration_ids } => {
            reply(directory::release(db, &registration_ids))
        }
        RegistryCommand::ContactWindow { q, limit } => reply(directory::window(db, &q, limit)),
        RegistryCommand::FindContact { contact_id } => reply(
            directory::find(db, &contact_id)
                .map(|found| found.map(|(contact, event_ids)| FoundContact { contact, event_ids })),
        ),
        RegistryCommand::ContactRegistrations {
            contact_id,
            event_ids,
        } => reply(queries::contact_registrations(db, &contact_id, &event_ids)),
        RegistryCommand::Delivered { reports, now } => {
            reply(outbox::record(db, &reports, now_ms, &now))
        }
        RegistryCommand::Wake => reply(outbox::wake(db, now_ms)),
        RegistryCommand::RetrySync { scope } => match scope {
            RetryScope::Registration {
                event_id,
                registration_id,
            } => reply(retry_one(db, &event_id, &registration_id, now_ms)),
            RetryScope::Events(event_ids) => {
                let (marks, ids) = queries::ids_in(&event_ids);
                reply(outbox::retry(
                    db,
                    &format!("r.event_id IN ({marks})"),
                    ids,
                    now_ms,
                ))
            }
        },
        RegistryCommand::SyncHealth { event_ids } => reply(outbox::sync_health(db, &event_ids)),
        RegistryCommand::EraseContactHere {
            contact_id,
            event_ids,
            now,
        } => reply(erase::erase_here(db, &contact_id, &event_ids, &now, now_ms)),
        RegistryCommand::EraseContact { contact_id, now } => {
            reply(directory::erase(db, &contact_id, &now, now_ms))
        }
        RegistryCommand::EraseExpired { event_ids, now } => {
            reply(erase::erase_events(db, &event_ids, &now, now_ms))
        }
        RegistryCommand::ExpireContacts { event_ids, now } => {
            reply(directory::expire(db, &event_ids, &now, now_ms))
        }
        RegistryCommand::SetWebhookEndpoints { endpoints } => {
            reply(webhooks::set_endpoints(db, &endpoints))
        }
        RegistryCommand::WebhooksDelivered { reports } => {
            reply(webhooks::settle(db, &reports, now_ms))
        }
        RegistryCommand::LogWebhookAttempts { attempts, now } => {
            reply(webhooks::log(db, &attempts, &now))
        }
        RegistryCommand::TestWebhook { endpoint_id, now } => {
            reply(webhooks::test(db, &endpoint_id, &now, now_ms))
        }
        RegistryCommand::ResendWebhook {
            endpoint_id,
            delivery_id,
        } => reply(webhooks::resend(db, &endpoint_id, &delivery_id, now_ms)),
        RegistryCommand::WebhookDeliveries {
            endpoint_id,
            page,
            page_size,
        } => reply(webhooks::deliveries(db, &endpoint_id, page, page_size)),
        RegistryCommand::MoveNext { holder } => reply(moving::next(db, &holder, now_ms)),
        RegistryCommand::MoveDone { event_id } => reply(moving::moved(db, &event_id)),
        RegistryCommand::ImportEvent { rows, lease_until } => reply(
            moving::within_lease(Some(lease_until), now_ms)
                .and_then(|()| moving::import_event(db, &rows)),
        ),
        RegistryCommand::ImportDirectory { rows, lease_until } => reply(
            moving::within_lease(lease_until, now_ms)
                .and_then(|()| moving::import_directory(db, &rows)),
        ),
        RegistryCommand::ContactStrays { strategy } => reply(moving::strays(db, strategy)),
        RegistryCommand::DirectoryKey { by_email } => reply(moving::directory_key(db, by_email)),
        RegistryCommand::DropContacts { contact_ids } => {
            reply(moving::drop_contacts(db, &contact_ids))
        }
        RegistryCommand::RecordAttendance {
            event_id,
            session_id,
            attendees,
        } => reply(attendance::record(
            db,
            &event_id,
            session_id.as_deref(),
            &attendees,
        )),
    }
}

/// Retries one registration; refused unless it is failed or pending.
fn retry_one(db: &Db, event_id: &str, id: &str, now_ms: f64) -> ApiResult<Registration> {
    let bindings = || vec![id.into(), event_id.into()];
    let retried = outbox::retry(db, "r.id = ? AND r.event_id = ?", bindings(), now_ms)?;
    let registration = super::rows::registration(db, "r.id = ? AND r.event_id = ?", bindings())?
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "There is no registration with id {id} for this event."
            ))
        })?;
    if retried == 0 {
        return Err(ApiError::Conflict(format!(
            "This registration has nothing to send to the webinar provider (its sync state is {}).",
            registration.sync_state.key()
        )));
    }
    Ok(registration)
}
