//! The registry Durable Object: its storage, and one command at a time. Every command is
//! synchronous SQL (no `await` between reading and writing), so each one is atomic; the
//! only `await` comes after it, to set the outbox's alarm. The class the runtime
//! instantiates is `runtime::classes::Registry`, which calls [`RegistryObject::handle`] and
//! [`RegistryObject::alarm`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use convene_types::registration::{Registration, SyncState};
use worker::{Queue, ScheduledTime, State};

use super::schema::Db;
use super::{
    FoundContact, RegistryCommand, RetryScope, attendance, decide, directory, erase, moving,
    outbox, queries, retire, webhooks,
};
use crate::error::{ApiError, ApiResult};
use crate::objects::{Encoded, Reply, decode, encode, reply};
use crate::outbox::Batch;
use crate::runtime::clock;

/// After a failed hand-off to the Queue, the alarm tries again this much later.
const HAND_OFF_RETRY_MS: f64 = 5_000.0;

pub struct RegistryObject {
    state: State,
    /// The outbox Queue (`crate::outbox`); `None` when the script has no such binding.
    queue: Option<Queue>,
    migrated: Cell<bool>,
    /// This instance's name (`placement.rs`), from its first request or its storage.
    name: RefCell<Option<Rc<str>>>,
    /// The alarm this object has set and not yet seen run: a command that adds an outbox
    /// record due later than it sets none (most registrations call no storage API).
    alarm_at: Cell<Option<f64>>,
    /// Whether an active webhook endpoint exists (then every registration queues a
    /// message); `None` until read.
    webhooks_on: Cell<Option<bool>>,
}

impl RegistryObject {
    pub fn new(state: State, queue: Option<Queue>) -> Self {
        Self {
            state,
            queue,
            migrated: Cell::new(false),
            name: RefCell::new(None),
            alarm_at: Cell::new(None),
            webhooks_on: Cell::new(None),
        }
    }

    /// Answers one command, given as its JSON text, then sets the alarm for what it added
    /// to the outbox (in the same turn, so the alarm is stored with the command's writes).
    /// `instance`: this object's name, as the request's URL gives it.
    pub async fn handle(&self, command: &str, instance: &str) -> Encoded {
        if self.name.borrow().is_none() {
            *self.name.borrow_mut() = Some(Rc::from(instance));
        }
        let now_ms = clock::now_ms();
        let command = match decode::<RegistryCommand>(command) {
            Ok(command) => command,
            Err(e) => return encode(Err(e)),
        };
        let outbox_change = if self.migrated.get() {
            OutboxChange::of(&command, || self.webhooks_on())
        } else {
            // The object's first command since it started: leases end (`db`), so what was
            // handed out before is due again.
            OutboxChange::Rescheduled
        };
        let answer = self.run(command, now_ms);
        match outbox_change {
            OutboxChange::None => {}
            OutboxChange::DueNow => self.schedule_at(now_ms).await,
            OutboxChange::Rescheduled => self.schedule().await,
        }
        encode(answer)
    }

    /// The alarm: hands the due outbox records and webhook messages to the Queue, then sets
    /// the next alarm.
    pub async fn alarm(&self) {
        self.alarm_at.set(None);
        let now_ms = clock::now_ms();
        let claimed = self.db().and_then(|db| {
            let records = outbox::claim(&db, now_ms)?;
            let messages = webhooks::claim(&db, now_ms)?;
            Ok((db.name().to_string(), records, messages))
        });
        let handed = match claimed {
            Ok((origin, records, messages)) => {
                let mut handed = Ok(());
                if !records.is_empty() {
                    let batch = Batch::Webinar {
                        origin: origin.clone(),
                        records,
                    };
                    handed = self.hand_off(&batch).await;
                }
                if !messages.is_empty() && handed.is_ok() {
                    let batch = Batch::Webhooks {
                        origin,
                        webhooks: messages,
                    };
                    handed = self.hand_off(&batch).await;
                }
                handed
            }
            Err(e) => Err(e),
        };
        if let Err(e) = handed {
            worker::console_error!("outbox: {e:?}; trying again shortly");
            self.set_alarm(now_ms + HAND_OFF_RETRY_MS).await;
            return;
        }
        self.schedule().await;
    }

    async fn hand_off(&self, due: &Batch) -> ApiResult<()> {
        let queue = self
            .queue
            .as_ref()
            .ok_or_else(|| ApiError::internal("the objects' script has no OUTBOX queue"))?;
        let text = serde_json::to_string(due)?;
        let message = worker::RawMessageBuilder::new(text.into())
            .build_with_content_type(worker::QueueContentType::Text);
        queue.send_raw(message).await?;
        Ok(())
    }

    /// Sets the alarm for the outbox's next due record or webhook message.
    async fn schedule(&self) {
        let next = self.db().and_then(|db| {
            let times = [outbox::next_due(&db)?, webhooks::next_due(&db)?];
            Ok(times.into_iter().flatten().reduce(f64::min))
        });
        match next {
            Ok(Some(at)) => self.schedule_at(at).await,
            Ok(None) => {}
            Err(e) => worker::console_error!("outbox: {e:?}"),
        }
    }

    /// Sets the alarm for `at`, unless one at or before it is set already.
    async fn schedule_at(&self, at: f64) {
        if self.alarm_at.get().is_none_or(|set| set > at) {
            self.set_alarm(at).await;
        }
    }

    async fn set_alarm(&self, at: f64) {
        self.alarm_at.set(Some(at));
        // An absolute time: workers-rs reads a bare number as an offset from now.
        let time = ScheduledTime::new(worker::js_sys::Date::new(&at.into()));
        if let Err(e) = self.state.storage().set_alarm(time).await {
            self.alarm_at.set(None);
            worker::console_error!("outbox alarm: {e:?}");
        }
    }

    /// The storage; on the object's first use, migrated, with every outbox lease ended
    /// (nothing handed out before a restart is waited for).
    fn db(&self) -> ApiResult<Db> {
        let sql = self.state.storage().sql();
        if self.migrated.get()
            && let Some(name) = self.name.borrow().as_ref()
        {
            return Ok(Db::ready(sql, name.clone()));
        }
        let db = Db::migrated(sql, self.name.borrow().clone())?;
        *self.name.borrow_mut() = Some(db.name().clone());
        outbox::release_leases(&db)?;
        webhooks::release_leases(&db)?;
        self.migrated.set(true);
        Ok(db)
    }

    /// Whether an active webhook endpoint exists (read once, then kept up to date).
    fn webhooks_on(&self) -> bool {
        if let Some(on) = self.webhooks_on.get() {
            return on;
        }
        let on = self.db().and_then(|db| webhooks::any_active(&db));
        // Unreadable: assume so; the alarm then finds nothing to send at worst.
        let on = on.unwrap_or(true);
        self.webhooks_on.set(Some(on));
        on
    }

    fn run(&self, command: RegistryCommand, now_ms: f64) -> Reply {
        let db = &self.db()?;
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
            RegistryCommand::DailyCounts { event_id } => {
                reply(queries::daily_counts(db, &event_id))
            }
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
            RegistryCommand::ResolveContacts { people } => reply(directory::resolve(db, &people)),
            RegistryCommand::ReleaseContacts { registration_ids } => {
                reply(directory::release(db, &registration_ids))
            }
            RegistryCommand::ContactWindow { q, limit } => reply(directory::window(db, &q, limit)),
            RegistryCommand::FindContact { contact_id } => {
                reply(directory::find(db, &contact_id).map(|found| {
                    found.map(|(contact, event_ids)| FoundContact { contact, event_ids })
                }))
            }
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
                self.webhooks_on.set(None);
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
            RegistryCommand::DirectoryKey { by_email } => {
                reply(moving::directory_key(db, by_email))
            }
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
}

/// What a command may do to the outbox, so that the alarm follows.
enum OutboxChange {
    None,
    /// Records added or made due now.
    DueNow,
    /// Records' due times changed (delivery reports).
    Rescheduled,
}

impl OutboxChange {
    /// `webhooks_on`: whether registrations queue webhook messages (asked only for them).
    fn of(command: &RegistryCommand, webhooks_on: impl FnOnce() -> bool) -> Self {
        match command {
            RegistryCommand::Register { group } => {
                if group.iter().any(|r| r.sync_state == SyncState::Pending) || webhooks_on() {
                    OutboxChange::DueNow
                } else {
                    OutboxChange::None
                }
            }
            RegistryCommand::Cancel { .. }
            | RegistryCommand::EraseContact { .. }
            | RegistryCommand::EraseContactHere { .. }
            | RegistryCommand::EraseExpired { .. }
            | RegistryCommand::ExpireContacts { .. }
            | RegistryCommand::Wake
            | RegistryCommand::RetrySync { .. }
            | RegistryCommand::TestWebhook { .. }
            | RegistryCommand::ResendWebhook { .. } => OutboxChange::DueNow,
            RegistryCommand::Delivered { .. }
            | RegistryCommand::WebhooksDelivered { .. }
            | RegistryCommand::SetWebhookEndpoints { .. }
            | RegistryCommand::ImportEvent { .. } => OutboxChange::Rescheduled,
            _ => OutboxChange::None,
        }
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
