//! The Durable Object behind [`super::Store`]. Each command runs to completion before the
//! next starts (storage calls keep the object's input gate closed), so read-check-write
//! sequences here are atomic.
//!
//! Answers to the hot read commands (public views, registration context) are kept in
//! memory, by command text. Every other command may write, so it empties the cache: this
//! object is the only writer of what those answers are made of, so a cached answer is
//! never stale, and a change shows on the very next request.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use convene_types::auth::SessionUser;
use worker::State;

use super::audit_log::AuditLog;
use super::records::Records;
use super::{
    Command, Kind, PublicRead, audit, catalog, configurations, custom, event_admin, events,
    providers, public, retention, sessions, users, webapps, webhooks, webinars,
};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::objects::{Encoded, Reply, decode, encode, reply};
use crate::runtime::clock;

/// The configuration store's state and logic (the class the runtime instantiates is
/// `runtime::classes::ConfigStore`, which calls [`StoreObject::handle`]).
pub struct StoreObject {
    state: State,
    /// Encoded replies of cacheable commands, by the command's JSON text.
    cache: RefCell<HashMap<String, Rc<Encoded>>>,
    /// Whether the audit log's table was made in this object's life.
    audit_ready: Cell<bool>,
}

impl StoreObject {
    pub fn new(state: State) -> Self {
        Self {
            state,
            cache: RefCell::new(HashMap::new()),
            audit_ready: Cell::new(false),
        }
    }

    /// Answers one command, given as its JSON text: from the cache when it is a cacheable
    /// read already answered since the last other command. `actor`: the user of the admin
    /// request that changes data, whose changes the audit log records (in the same step).
    pub async fn handle(&self, text: String, actor: Option<SessionUser>) -> Rc<Encoded> {
        if let Some(cached) = self.cache.borrow().get(&text) {
            return Rc::clone(cached);
        }
        let (reply, cacheable, keeps_cache) = match decode::<Command>(&text) {
            Ok(command) => {
                let (cacheable, keeps_cache) = (command.is_cacheable_read(), command.keeps_cache());
                (self.audited(command, actor).await, cacheable, keeps_cache)
            }
            Err(e) => (Err(e), false, false),
        };
        let encoded = Rc::new(encode(reply));
        if cacheable && !encoded.error {
            self.cache.borrow_mut().insert(text, Rc::clone(&encoded));
        } else if !cacheable && !keeps_cache {
            self.cache.borrow_mut().clear();
        }
        encoded
    }

    fn audit_log(&self) -> ApiResult<AuditLog> {
        let log = AuditLog::open(self.state.storage().sql(), self.audit_ready.get())?;
        self.audit_ready.set(true);
        Ok(log)
    }

    /// Runs `command`; with an `actor`, journals its writes and records them in the audit
    /// log, whatever the command answered (a refusal may come after a write).
    async fn audited(&self, command: Command, actor: Option<SessionUser>) -> Reply {
        let records = Records::new(self.state.storage());
        let Some(actor) = actor else {
            return self.run(command, &records, None).await;
        };
        let records = records.journaled();
        let reply = self.run(command, &records, Some(&actor)).await;
        let log = self.audit_log()?;
        for change in audit::changes(&records.take_journal()) {
            log.append(change.by(&actor, ids::now_iso()))?;
        }
        reply
    }

    async fn run(&self, command: Command, records: &Records, actor: Option<&SessionUser>) -> Reply {
        match command {
            Command::AuditLog { query } => reply(self.audit_log()?.page(&query)),
            Command::AuditExport { query } => reply(self.audit_log()?.export(&query)),
            Command::RecordAudit { changes, system } => {
                let log = self.audit_log()?;
                for change in changes {
                    let entry = match (actor, &system) {
                        (Some(actor), _) => change.by(actor, ids::now_iso()),
                        (None, Some(system)) => change.by_system(system, ids::now_iso()),
                        (None, None) => {
                            return Err(ApiError::internal("an audit record by no one"));
                        }
                    };
                    log.append(entry)?;
                }
                reply(Ok(()))
            }
            Command::GetRetention => reply(retention::get(records).await),
            Command::SetRetention { body } => reply(retention::set(records, body.decode()?).await),
            Command::SignInStart { client, username } => {
                reply(sessions::sign_in_start(records, &client, &username, clock::now_ms()).await)
            }
            Command::SignIn {
                client,
                username,
                outcome,
                session,
            } => {
                let now = clock::now_ms();
                let log = self.audit_log()?;
                let attempt = sessions::Attempt {
                    client: &client,
                    username: &username,
                    session: &session,
                    now,
                };
                reply(sessions::sign_in(records, &log, attempt, outcome).await)
            }
            Command::Session { session } => {
                reply(sessions::session(records, &session, clock::now_ms()).await)
            }
            Command::EndSession { session } => reply(sessions::end(records, &session).await),
            Command::ListUsers => reply(users::all(records).await),
            Command::GetUser { id } => reply(users::get(records, &id).await),
            Command::UserPassword { id } => {
                reply(users::stored(records, &id).await.map(|u| u.password))
            }
            Command::CreateUser { input, password } => {
                reply(users::create(records, input, password).await)
            }
            Command::UpdateUser {
                id,
                input,
                password,
            } => reply(users::update(records, &id, input, password).await),
            Command::SetUserActive { id, active, actor } => {
                reply(users::set_active(records, &id, active, &actor).await)
            }
            Command::SetOwnPassword { id, password, keep } => {
                reply(users::set_own_password(records, &id, password, &keep).await)
            }
            Command::ListProviders => reply(providers::all(records).await),
            Command::GetProvider { id } => reply(providers::by_id(records, &id).await),
            Command::CreateProvider { body } => {
                reply(providers::create(records, body.decode()?).await)
            }
            Command::UpdateProvider { id, body } => {
                reply(providers::update(records, &id, body.decode()?).await)
            }
            Command::DeleteProvider { id } => reply(providers::delete(records, &id).await),
            Command::ListConfigurations => reply(configurations::list(records).await),
            Command::GetConfiguration { id } => reply(configurations::get(records, &id).await),
            Command::GetCheckTarget { id } => {
                reply(configurations::check_target(records, &id).await)
            }
            Command::CreateConfiguration { id, input, sealed } => {
                reply(configurations::create(records, id, input, sealed).await)
            }
            Command::UpdateConfiguration {
                id,
                input,
                credentials,
            } => reply(configurations::update(records, &id, input, credentials).await),
            Command::SetConfigurationActive { id, active } => {
                reply(configurations::set_active(records, &id, active).await)
            }
            Command::AcceptTerms { id, accepted_by } => {
                reply(configurations::accept_terms(records, &id, &accepted_by).await)
            }
            Command::RemoveCredentials { id } => {
                reply(configurations::remove_credentials(records, &id).await)
            }
            Command::DeleteConfiguration { id } => {
                reply(configurations::delete(records, &id).await)
            }
            Command::RecordCheck {
                id,
                wrapped_key,
                status,
                message,
            } => reply(
                configurations::record_check(records, &id, &wrapped_key, status, message).await,
            ),
            Command::ListSealed => {
                let mut sealed = configurations::list_sealed(records).await?;
                sealed.extend(webhooks::list_sealed(records).await?);
                reply(Ok(sealed))
            }
            Command::ReplaceSealed {
                id,
                previous,
                sealed,
            } => match webhooks::replace_sealed(records, &id, &previous, sealed.clone()).await? {
                Some(replaced) => reply(Ok(replaced)),
                None => {
                    reply(configurations::replace_sealed(records, &id, &previous, sealed).await)
                }
            },
            Command::ListEventAdministrations => reply(event_admin::all(records).await),
            Command::GetEventAdministration { id } => reply(event_admin::by_id(records, &id).await),
            Command::CreateEventAdministration { body, deployment } => {
                let production = deployment.is_production();
                reply(event_admin::create(records, body.decode()?, production).await)
            }
            Command::UpdateEventAdministration {
                id,
                body,
                deployment,
            } => {
                let production = deployment.is_production();
                reply(event_admin::update(records, &id, body.decode()?, production).await)
            }
            Command::SetEventAdministrationActive { id, active } => {
                reply(event_admin::set_active(records, &id, active).await)
            }
            Command::DeleteEventAdministration { id } => {
                reply(event_admin::delete(records, &id).await)
            }
            Command::MatchStrategy => reply(event_admin::strategy(records).await),
            Command::ListEvents => reply(events::all(records).await),
            Command::GetEvent { id } => reply(events::by_id(records, &id).await),
            Command::CreateEvent { body } => reply(events::create(records, body.decode()?).await),
            Command::UpdateEvent { id, body } => {
                reply(events::update(records, &id, body.decode()?).await)
            }
            Command::DeleteEvent { id } => reply(events::delete(records, &id).await),
            Command::ListSessions { event_id } => reply(events::sessions(records, &event_id).await),
            Command::CreateSession { event_id, body } => {
                reply(events::create_session(records, &event_id, body.decode()?).await)
            }
            Command::UpdateSession { event_id, id, body } => {
                let input = body.decode()?;
                reply(events::update_session(records, &event_id, &id, input).await)
            }
            Command::DeleteSession { event_id, id } => {
                reply(events::delete_session(records, &event_id, &id).await)
            }
            Command::WebinarTarget {
                event_id,
                session_id,
                claim_now_ms,
            } => reply(
                webinars::target(records, &event_id, session_id.as_deref(), claim_now_ms).await,
            ),
            Command::ReleaseWebinarClaim {
                event_id,
                session_id,
            } => reply(webinars::release(records, &event_id, session_id.as_deref()).await),
            Command::SyncTarget {
                event_id,
                session_id,
            } => reply(webinars::sync_target(records, &event_id, session_id.as_deref()).await),
            Command::ConfigurationEvents { id } => {
                reply(webinars::configuration_events(records, &id).await)
            }
            Command::MetricsTarget { id } => reply(webinars::metrics_target(records, &id).await),
            Command::RecordMetrics {
                id,
                wrapped_key,
                status,
                message,
                pulled,
            } => reply(
                configurations::record_metrics(records, &id, &wrapped_key, status, message, pulled)
                    .await,
            ),
            Command::RecordWebinar {
                event_id,
                session_id: None,
                webinar,
            } => reply(webinars::record(records, &event_id, webinar).await),
            Command::RecordWebinar {
                event_id,
                session_id: Some(session_id),
                webinar,
            } => reply(webinars::record_session(records, &event_id, &session_id, webinar).await),
            Command::RegistrationContext { event_id } => {
                reply(events::registration_context(records, &event_id).await)
            }
            Command::ListCustomFields => reply(custom::fields(records).await),
            Command::CreateCustomField { body } => {
                reply(custom::create_field(records, body.decode()?).await)
            }
            Command::UpdateCustomField { id, body } => {
                reply(custom::update_field(records, &id, body.decode()?).await)
            }
            Command::DeleteCustomField { id } => reply(custom::delete_field(records, &id).await),
            Command::ListTables => reply(custom::tables(records).await),
            Command::GetTable { id } => reply(custom::get_table(records, &id).await),
            Command::SaveTable { id, body } => {
                reply(custom::save_table(records, id.as_deref(), body.decode()?).await)
            }
            Command::DeleteTable { id } => reply(custom::delete_table(records, &id).await),
            Command::ListCatalog { kind, event_id } => reply(
                async {
                    events::by_id(records, &event_id).await?;
                    catalog::list::<serde_json::Value>(records, kind, &event_id).await
                }
                .await,
            ),
            Command::SaveCatalog {
                kind,
                event_id,
                id,
                body,
            } => {
                let (event_id, id) = (event_id.as_str(), id.as_deref());
                match kind {
                    Kind::Speaker => {
                        reply(catalog::save_speaker(records, event_id, id, body.decode()?).await)
                    }
                    Kind::Pass => {
                        reply(catalog::save_pass(records, event_id, id, body.decode()?).await)
                    }
                    Kind::Question => {
                        let input = body.decode()?;
                        reply(catalog::save_question(records, event_id, id, input).await)
                    }
                }
            }
            Command::DeleteCatalog { kind, event_id, id } => {
                reply(catalog::delete(records, kind, &event_id, &id).await)
            }
            Command::ListWebApps => reply(webapps::all(records).await),
            Command::GetWebApp { id } => reply(webapps::get(records, &id).await),
            Command::CreateWebApp {
                body,
                token_hash,
                token_hint,
            } => {
                let input = body.decode()?;
                reply(webapps::create(records, input, token_hash, token_hint).await)
            }
            Command::UpdateWebApp { id, body } => {
                reply(webapps::update(records, &id, body.decode()?).await)
            }
            Command::RotateWebApp {
                id,
                token_hash,
                token_hint,
            } => reply(webapps::rotate(records, &id, token_hash, token_hint).await),
            Command::SetWebAppActive { id, active } => {
                reply(webapps::set_active(records, &id, active).await)
            }
            Command::DeleteWebApp { id } => reply(webapps::delete(records, &id).await),
            Command::OriginAllowed { origin } => {
                reply(webapps::origin_allowed(records, &origin).await)
            }
            Command::Webhook(command) => webhooks::run(records, command).await,
            Command::Public { credential, read } => {
                webapps::authorize(records, &credential).await?;
                Self::public(records, read).await
            }
        }
    }

    async fn public(records: &Records, read: PublicRead) -> Reply {
        match read {
            PublicRead::Authorize => reply(Ok(())),
            PublicRead::Published => reply(public::published(records).await),
            PublicRead::Part { readable_id, part } => {
                reply(public::part(records, &readable_id, part).await)
            }
            PublicRead::PublishedEvent { readable_id } => {
                reply(public::published_event(records, &readable_id).await)
            }
            PublicRead::RegistrationContext { readable_id } => reply(
                async {
                    let event = public::published_event(records, &readable_id).await?;
                    events::registration_context(records, &event.id).await
                }
                .await,
            ),
        }
    }
}
