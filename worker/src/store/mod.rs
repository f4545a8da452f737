//! The configuration store: one Durable Object that owns every admin record.
//!
//! Architecture invariant: configuration writes (and the checks that must see every other
//! record: unique names, "still in use", seed once, sign-in attempt counting) run inside this
//! single, strongly consistent object. KV is eventually consistent and is never asked to hold
//! them. Handlers in the worker talk to it only through [`Store::call`] with a [`Command`].

mod catalog;
mod configurations;
mod custom;
mod event_admin;
mod events;
mod object;
mod providers;
mod public;
mod records;
mod webapps;

pub use catalog::Kind;
pub use configurations::{CheckTarget, CredentialsChange};
pub use events::RegistrationContext;
pub use object::ConfigStore;
pub use public::Part;
pub use webapps::Credential;

use convene_types::catalog::{PassInput, SpeakerInput};
use convene_types::configuration::{ConfigurationInput, ServiceStatus};
use convene_types::custom::{
    CustomFieldInput, RegistrationQuestionInput, WebsiteTableConfigurationInput,
};
use convene_types::event::{EventInput, SessionInput};
use convene_types::event_admin::EventAdministrationInput;
use convene_types::provider::ProviderInput;
use convene_types::webapp::WebApplicationInput;
use serde::{Deserialize, Serialize};
use worker::Env;

use crate::error::ApiResult;
use crate::objects::ObjectClient;

/// Name of the Durable Object binding in `wrangler.toml`.
pub const BINDING: &str = "CONFIG_STORE";
/// All configuration lives in one instance of the object.
const INSTANCE: &str = "config";

/// What the worker asks of the store. One variant per operation.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum Command {
    /// Verifies the administrator's password, counting failures per client address.
    SignIn {
        client: String,
        username: String,
        password: String,
    },
    ListProviders,
    GetProvider {
        id: String,
    },
    CreateProvider {
        input: ProviderInput,
    },
    UpdateProvider {
        id: String,
        input: ProviderInput,
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
        sealed: Option<crate::vault::Sealed>,
    },
    UpdateConfiguration {
        id: String,
        input: ConfigurationInput,
        credentials: CredentialsChange,
    },
    SetConfigurationActive {
        id: String,
        active: bool,
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
        previous: crate::vault::Sealed,
        sealed: crate::vault::Sealed,
    },
    ListEventAdministrations,
    GetEventAdministration {
        id: String,
    },
    /// Validated by the worker (the production rule included); created active.
    CreateEventAdministration {
        input: EventAdministrationInput,
    },
    UpdateEventAdministration {
        id: String,
        input: EventAdministrationInput,
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
        input: EventInput,
    },
    UpdateEvent {
        id: String,
        input: EventInput,
    },
    DeleteEvent {
        id: String,
    },
    ListSessions {
        event_id: String,
    },
    CreateSession {
        event_id: String,
        input: SessionInput,
    },
    UpdateSession {
        event_id: String,
        id: String,
        input: SessionInput,
    },
    DeleteSession {
        event_id: String,
        id: String,
    },
    /// The event, its session ids and the matching strategy, for a registration.
    RegistrationContext {
        event_id: String,
    },
    ListCustomFields,
    CreateCustomField {
        input: CustomFieldInput,
    },
    UpdateCustomField {
        id: String,
        input: CustomFieldInput,
    },
    DeleteCustomField {
        id: String,
    },
    ListTables,
    GetTable {
        id: String,
    },
    SaveTable {
        id: Option<String>,
        input: WebsiteTableConfigurationInput,
    },
    DeleteTable {
        id: String,
    },
    ListCatalog {
        kind: Kind,
        event_id: String,
    },
    SaveSpeaker {
        event_id: String,
        id: Option<String>,
        input: SpeakerInput,
    },
    SavePass {
        event_id: String,
        id: Option<String>,
        input: PassInput,
    },
    SaveQuestion {
        event_id: String,
        id: Option<String>,
        input: RegistrationQuestionInput,
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
    /// Validated by the worker, which generated the token and passes only its hash.
    CreateWebApp {
        input: WebApplicationInput,
        token_hash: String,
        token_hint: String,
    },
    UpdateWebApp {
        id: String,
        input: WebApplicationInput,
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
    /// An Events API read: the application's credential is checked in the same step, so a
    /// rotated or deactivated token is refused from the next request on.
    Public {
        credential: Credential,
        read: PublicRead,
    },
}

/// What an event website may read once its credential is accepted.
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
    /// The id of a published event, by readable id (404 otherwise).
    ResolvePublished {
        readable_id: String,
    },
    /// [`Command::RegistrationContext`] of a published event, by readable id.
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
}

pub type Store = ObjectClient<Command>;

impl Store {
    pub fn config(env: &Env) -> ApiResult<Self> {
        ObjectClient::open(env, BINDING, INSTANCE)
    }
}
