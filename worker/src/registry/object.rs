//! The registry Durable Object: its storage, and one command at a time. Every command is
//! synchronous SQL (no `await` between reading and writing), so each one is atomic; the
//! only `await` comes after it, to set the outbox's alarm. What each command runs is in
//! `commands.rs`. The class the runtime instantiates is `runtime::classes::Registry`, which
//! calls [`RegistryObject::handle`] and [`RegistryObject::alarm`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use convene_types::registration::SyncState;
use worker::{Queue, ScheduledTime, State};

use super::schema::Db;
use super::{RegistryCommand, commands, outbox, webhooks};
use crate::error::{ApiError, ApiResult};
use crate::objects::{Encoded, Reply, decode, encode};
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
        if let RegistryCommand::SetWebhookEndpoints { .. } = command {
            self.webhooks_on.set(None);
        }
        commands::execute(&self.db()?, command, now_ms)
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
