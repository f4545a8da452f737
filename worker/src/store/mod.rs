//! The configuration store: one Durable Object that owns every admin record.
//!
//! Architecture invariant: configuration writes (and the checks that must see every other
//! record: unique names, "still in use", seed once, sign-in attempt counting) run inside this
//! single, strongly consistent object. KV is eventually consistent and is never asked to hold
//! them. Handlers in the worker talk to it only through [`Store::call`] with a [`Command`].

mod audit;
mod audit_log;
mod catalog;
mod configurations;
mod custom;
mod event_admin;
mod events;
#[cfg(feature = "objects")]
mod object;
mod providers;
mod public;
mod records;
mod retention;
mod sessions;
mod users;
mod webapps;
mod webhooks;
mod webinars;

pub use audit::Change;
pub use catalog::Kind;
pub use configurations::{CheckTarget, CredentialsChange};
pub use events::RegistrationContext;
#[cfg(feature = "objects")]
pub use object::StoreObject;
pub use public::Part;
pub use sessions::{SignInCandidate, SignInOutcome};
pub use webapps::Credential;
pub use webhooks::{StoredWebhook, Subscription, WebhookCommand};
pub use webinars::{MetricsTarget, ProviderWebinar, SyncTarget, WebinarTarget};

use convene_types::audit::AuditQuery;
use convene_types::configuration::{ConfigurationInput, ServiceStatus};
use convene_types::user::UserInput;
use convene_types::webinar::EventWebinar;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use worker::Env;

use crate::error::ApiResult;
use crate::http;
use crate::objects::ObjectClient;
use crate::password::PasswordHash;
use crate::vault::Sealed;

/// Name of the Durable Object binding in `wrangler.toml`.
pub const BINDING: &str = "CONFIG_STORE";
/// All configuration lives in one instance of the object.
const INSTANCE: &str = "config";

/// An admin request's JSON body, passed on as text: the store decodes it
/// ([`Body::decode`], which names the field of a type error) and validates it, so each
/// input type is decoded in one place only.
#[derive(Serialize, Deserialize, Debug)]
#[serde(transparent)]
pub struct Body(pub String);

impl Body {
    /// The request's JSON body, checked for type, size and encoding ([`http::json_text`]).
    pub async fn read(req: &mut worker::Request) -> ApiResult<Self> {
        Ok(Body(http::json_text(req).await?))
    }

    pub fn decode<T: DeserializeOwned>(&self) -> ApiResult<T> {
        http::parse_json(&self.0)
    }
}

/// Whether this deployment is marked production (`DEPLOYMENT` in wrangler.toml): some
/// rules are stricter there.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Deployment {
    Production,
    Development,
}

impl Deployment {
    /// This deployment's kind: production only when `DEPLOYMENT = "production"`
    /// (wrangler.toml).
    pub fn of(env: &Env) -> Self {
        match env.var("DEPLOYMENT") {
            Ok(v) if v.to_string() == "production" => Deployment::Production,
            _ => Deployment::Development,
        }
    }

    pub fn is_production(self) -> bool {
        self == Deployment::Production
    }
}

/// What the worker asks of the store. One variant per operation.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum Command {
    /// The password hash a sign-in is checked against; refused while the client address
    /// or the user name has too many recent failures.
    SignInStart {
        client: String,
        username: String,
    },
    /// Records a sign-in's outcome: a failure counted, or the session (its id's SHA-256)
    /// started.
    SignIn {
        client: String,
        username: String,
        outcome: SignInOutcome,
        session: String,
    },
    /// The signed-in user of a session (its id's SHA-256), on every admin request.
    Session {
        session: String,
    },
    EndSession {
        session: String,
    },
    /// A page of the audit log, newest first.
    AuditLog {
        query: AuditQuery,
    },
    /// The audit log's entries for a CSV export.
    AuditExport {
        query: AuditQuery,
    },
    /// Records changes made elsewhere (the registry): by the request's user, or else by
    /// the scheduled job `system` names.
    RecordAudit {
        changes: Vec<Change>,
        system: Option<String>,
    },
    GetRetention,
    SetRetention {
        body: Body,
    },
    ListUsers,
    GetUser {
        id: String,
    },
    /// A user's password hash, to check their current password before a change.
    UserPassword {
        id: String,
    },
    /// `input.password` is empty: the worker sends its hash.
    CreateUser {
        input: UserInput,
        password: PasswordHash,
    },
    UpdateUser {
        id: String,
        input: UserInput,
        password: Option<PasswordHash>,
    },
    /// `actor`: the signed-in user's id (who cannot disable themselves).
    SetUserActive {
        id: String,
        active: bool,
        actor: String,
    },
    /// The signed-in user's own new password; their sessions but `keep` end.
    SetOwnPassword {
        id: String,
        password: PasswordHash,
        keep: String,
    },
    ListProviders,
    GetProvider {
        id: String,
    },
    CreateProvider {
        body: Body,
    },
    UpdateProvider {
        id: String,
        body: Body,
    },
    DeleteProvider {
        id: String,
    },
    ListConfigurations,
    GetConfiguration {
        id: String,
    },
    /// What a provider check needs: base URL and the sealed credentials (never plaintext).
    GetCheckTarget {
        id: String,
    },
    /// `input.credentials` is ignored: credentials arrive sealed, encrypted by the worker.
    CreateConfiguration {
        id: String,
        input: ConfigurationInput,
        sealed: Option<Sealed>,
    },
    UpdateConfiguration {
        id: String,
        input: ConfigurationInput,
        credentials: CredentialsChange,
    },
    /// Activation is refused (409) until the provider's current terms are accepted.
    SetConfigurationActive {
        id: String,
        active: bool,
    },
    /// Records that the signed-in administrator `accepted_by` accepts the provider's terms
    /// of service and privacy policy as they are now.
    AcceptTerms {
        id: String,
        accepted_by: String,
    },
    DeleteConfiguration {
        id: String,
    },
    /// Deletes the credentials: the webinar integration is off for the configuration.
    RemoveCredentials {
        id: String,
    },
    /// Records a check's outcome, unless the credentials changed meanwhile.
    RecordCheck {
        id: String,
        wrapped_key: String,
        status: ServiceStatus,
        message: String,
    },
    /// Every configuration's sealed credentials, for key rotation.
    ListSealed,
    /// Replaces sealed credentials if they are still `previous` (compare and set).
    ReplaceSealed {
        id: String,
        previous: Sealed,
        sealed: Sealed,
    },
    ListEventAdministrations,
    GetEventAdministration {
        id: String,
    },
    /// Created active.
    CreateEventAdministration {
        body: Body,
        deployment: Deployment,
    },
    UpdateEventAdministration {
        id: String,
        body: Body,
        deployment: Deployment,
    },
    SetEventAdministrationActive {
        id: String,
        active: bool,
    },
    DeleteEventAdministration {
        id: String,
    },
    MatchStrategy,
    ListEvents,
    GetEvent {
        id: String,
    },
    CreateEvent {
        body: Body,
    },
    UpdateEvent {
        id: String,
        body: Body,
    },
    DeleteEvent {
        id: String,
    },
    ListSessions {
        event_id: String,
    },
    CreateSession {
        event_id: String,
        body: Body,
    },
    UpdateSession {
        event_id: String,
        id: String,
        body: Body,
    },
    DeleteSession {
        event_id: String,
        id: String,
    },
    /// What creating an event's webinar needs (refused when the event is in person, has
    /// no configuration, or has its webinar already).
    WebinarTarget {
        event_id: String,
        /// The session whose webinar it is; `None`: the event's.
        session_id: Option<String>,
        /// Claims the creation at this time (`webinars::CLAIM_MS`); `None` to link.
        claim_now_ms: Option<f64>,
    },
    /// Ends the claim of a creation that failed.
    ReleaseWebinarClaim {
        event_id: String,
        session_id: Option<String>,
    },
    /// Where the registrants of the event's (or its session's) webinar are sent, or why
    /// nothing can be sent yet.
    SyncTarget {
        event_id: String,
        session_id: Option<String>,
    },
    /// The ids of the events that use a webinar configuration (404 if it does not exist).
    ConfigurationEvents {
        id: String,
    },
    /// A configuration's webinars at the provider, with what calling it needs.
    MetricsTarget {
        id: String,
    },
    /// The outcome of pulling a configuration's attendance (see `configurations::record_metrics`).
    RecordMetrics {
        id: String,
        wrapped_key: String,
        status: ServiceStatus,
        message: String,
        pulled: bool,
    },
    /// Records the webinar created or linked at the provider on the event (or its
    /// session: the answer is then the session), once.
    RecordWebinar {
        event_id: String,
        session_id: Option<String>,
        webinar: EventWebinar,
    },
    /// The event, its session ids and the matching strategy, for a registration.
    RegistrationContext {
        event_id: String,
    },
    ListCustomFields,
    CreateCustomField {
        body: Body,
    },
    UpdateCustomField {
        id: String,
        body: Body,
    },
    DeleteCustomField {
        id: String,
    },
    ListTables,
    GetTable {
        id: String,
    },
    /// Creates (no id) or updates a website table configuration.
    SaveTable {
        id: Option<String>,
        body: Body,
    },
    DeleteTable {
        id: String,
    },
    ListCatalog {
        kind: Kind,
        event_id: String,
    },
    /// Creates (no id) or updates a speaker, pass or registration question of an event.
    SaveCatalog {
        kind: Kind,
        event_id: String,
        id: Option<String>,
        body: Body,
    },
    DeleteCatalog {
        kind: Kind,
        event_id: String,
        id: String,
    },
    ListWebApps,
    GetWebApp {
        id: String,
    },
    /// The worker generated the token and passes only its hash.
    CreateWebApp {
        body: Body,
        token_hash: String,
        token_hint: String,
    },
    UpdateWebApp {
        id: String,
        body: Body,
    },
    RotateWebApp {
        id: String,
        token_hash: String,
        token_hint: String,
    },
    SetWebAppActive {
        id: String,
        active: bool,
    },
    DeleteWebApp {
        id: String,
    },
    OriginAllowed {
        origin: String,
    },
    /// Webhook endpoints (`webhooks.rs`).
    Webhook(WebhookCommand),
    /// An Events API read: the application's credential is checked in the same step, so a
    /// rotated or deactivated token is refused from the next request on.
    Public {
        credential: Credential,
        read: PublicRead,
    },
}

/// What an event website may read once its credential is accepted; events by readable id.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum PublicRead {
    /// Nothing more than the check itself (CORS preflight, answers refused for their rate).
    Authorize,
    Published,
    Part {
        readable_id: String,
        part: Part,
    },
    /// A published event (404 otherwise).
    PublishedEvent {
        readable_id: String,
    },
    /// [`Command::RegistrationContext`] of a published event.
    RegistrationContext {
        readable_id: String,
    },
}

impl Command {
    /// Reads whose answers only change when another command runs (see the object's cache).
    /// Errors are never cached, so the cache holds at most a few entries per event.
    pub fn is_cacheable_read(&self) -> bool {
        matches!(
            self,
            Command::Public { .. } | Command::RegistrationContext { .. }
        )
    }

    /// A read that leaves the cached public answers as they are: it changes nothing they
    /// are made of. The session check runs on every admin request.
    pub fn keeps_cache(&self) -> bool {
        matches!(
            self,
            Command::Session { .. }
                | Command::SignInStart { .. }
                | Command::Webhook(WebhookCommand::Targets { .. } | WebhookCommand::Subscriptions)
        )
    }
}

pub type Store = ObjectClient<Command>;

impl Store {
    pub fn config(env: &Env) -> ApiResult<Self> {
        ObjectClient::open(env, BINDING, INSTANCE)
    }
}
