//! The registry Durable Object: its storage, and one command at a time. Every command is
//! synchronous SQL (no `await` between reading and writing), so each one is atomic. The
//! class the runtime instantiates is `runtime::objects::Registry`, which calls
//! [`RegistryObject::handle`].

use std::cell::Cell;

use worker::State;

use super::schema::Db;
use super::{RegistryCommand, decide, queries, retire};
use crate::error::ApiResult;
use crate::objects::{Encoded, Reply, decode, encode, reply};

pub struct RegistryObject {
    state: State,
    migrated: Cell<bool>,
}

impl RegistryObject {
    pub fn new(state: State) -> Self {
        Self {
            state,
            migrated: Cell::new(false),
        }
    }

    /// Answers one command, given as its JSON text.
    pub fn handle(&self, command: &str) -> Encoded {
        encode(decode::<RegistryCommand>(command).and_then(|c| self.run(c)))
    }

    fn db(&self) -> ApiResult<Db> {
        let sql = self.state.storage().sql();
        if self.migrated.get() {
            return Ok(Db::ready(sql));
        }
        let db = Db::migrated(sql)?;
        self.migrated.set(true);
        Ok(db)
    }

    fn run(&self, command: RegistryCommand) -> Reply {
        let db = &self.db()?;
        match command {
            RegistryCommand::Register { group } => reply(decide::register_group(db, group)),
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
            )),
            RegistryCommand::CountActive { event_id } => reply(db.count(
                "SELECT COUNT(*) AS n FROM registrations WHERE event_id = ? AND status != 'cancelled'",
                vec![event_id.into()],
            )),
            RegistryCommand::ListRegistrations {
                event_id,
                q,
                status,
                page,
                page_size,
            } => reply(queries::list_registrations(
                db, &event_id, &q, status, page, page_size,
            )),
            RegistryCommand::AllRegistrations { event_id } => reply(
                super::rows::registrations(db, "r.event_id = ? ORDER BY r.seq", vec![event_id.into()]),
            ),
            RegistryCommand::Retire { event_id, target } => {
                reply(retire::retire(db, &event_id, &target))
            }
            RegistryCommand::Restore { event_id, target } => {
                reply(retire::restore(db, &event_id, &target))
            }
            RegistryCommand::ListContacts { q, page, page_size } => {
                reply(queries::list_contacts(db, &q, page, page_size))
            }
            RegistryCommand::GetContact { contact_id } => reply(queries::contact(db, &contact_id)),
            RegistryCommand::ContactRegistrations { contact_id } => {
                reply(queries::contact_registrations(db, &contact_id))
            }
        }
    }
}
