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
#[cfg(feature = "objects")]
mod object;
mod providers;
mod public;
mod records;
mod webapps;

pub use catalog::Kind;
pub use configurations::{CheckTarget, CredentialsChange};
pub use events::RegistrationContext;
#[cfg(feature = "objects")]
pub use object::ConfigStore;
pub use public::Part;
pub use webapps::Credential;

use convene_types::configuration::{ConfigurationInput, ServiceStatus};
use serde::{Deserialize, Serialize};
use worker::Env;

use crate::error::ApiResult;
use crate::objects::ObjectClient;

/// Name of the Durable Object binding in `wrangler.toml`.
pub const BINDING: &str = "CONFIG_STORE";
/// All configuration lives in one instance of the object.
const INSTANCE: &str = "config";

/// An admin request's JSON body, passed on as text: the store decodes it
/// ([`crate::http::parse_json`], which names the field of a type error) and validates it, so
/// each input type is decoded in one place only.
pub type JsonText = String;

/// Whether this deployment is marked production (some rules are stricter there).
pub type Production = bool;

/// What the worker asks of the store. One variant per operation.
///
/// Fields are positional, in the order event id, id, input, then the rest; a variant names
/// its fields only where two have the same type and could be swapped unseen. (serde_json
/// compiles a named variant's field matching once per variant: 7 KB gzip for this enum.)
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum Command {
    /// Records a sign-in attempt from a client address whose credentials the worker checked
    /// (true when they matched): refused while the address has too many recent failures,
    /// a failure counted, a success clearing the count.
    SignIn(String, bool),
    ListProviders,
    GetProvider(String),
    CreateProvider(JsonText),
    UpdateProvider(String, JsonText),
    DeleteProvider(String),
    ListConfigurations,
    GetConfiguration(String),
    /// What a provider check needs: base URL and the sealed credentials (never plaintext).
    GetCheckTarget(String),
    /// `input.credentials` is ignored: credentials arrive sealed, encrypted by the worker.
    CreateConfiguration(String, ConfigurationInput, Option<crate::vault::Sealed>),
    UpdateConfiguration(String, ConfigurationInput, CredentialsChange),
    SetConfigurationActive(String, bool),
    DeleteConfiguration(String),
    /// Deletes the credentials: the webinar integration is off for the configuration.
    RemoveCredentials(String),
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
    GetEventAdministration(String),
    /// Created active.
    CreateEventAdministration(JsonText, Production),
    UpdateEventAdministration(String, JsonText, Production),
    SetEventAdministrationActive(String, bool),
    DeleteEventAdministration(String),
    MatchStrategy,
    ListEvents,
    GetEvent(String),
    CreateEvent(JsonText),
    UpdateEvent(String, JsonText),
    DeleteEvent(String),
    ListSessions(String),
    CreateSession(String, JsonText),
    UpdateSession(String, String, JsonText),
    DeleteSession(String, String),
    /// The event, its session ids and the matching strategy, for a registration.
    RegistrationContext(String),
    ListCustomFields,
    CreateCustomField(JsonText),
    UpdateCustomField(String, JsonText),
    DeleteCustomField(String),
    ListTables,
    GetTable(String),
    SaveTable(Option<String>, JsonText),
    DeleteTable(String),
    ListCatalog(Kind, String),
    /// Creates (no id) or updates a speaker, pass or registration question of an event.
    SaveCatalog(Kind, String, Option<String>, JsonText),
    DeleteCatalog(Kind, String, String),
    ListWebApps,
    GetWebApp(String),
    /// The worker generated the token and passes only its hash.
    CreateWebApp {
        input: JsonText,
        token_hash: String,
        token_hint: String,
    },
    UpdateWebApp(String, JsonText),
    RotateWebApp {
        id: String,
        token_hash: String,
        token_hint: String,
    },
    SetWebAppActive(String, bool),
    DeleteWebApp(String),
    OriginAllowed(String),
    /// An Events API read: the application's credential is checked in the same step, so a
    /// rotated or deactivated token is refused from the next request on.
    Public(Credential, PublicRead),
}

/// What an event website may read once its credential is accepted.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub enum PublicRead {
    /// Nothing more than the check itself (CORS preflight, answers refused for their rate).
    Authorize,
    Published,
    Part(String, Part),
    /// The id of a published event, by readable id (404 otherwise).
    ResolvePublished(String),
    /// [`Command::RegistrationContext`] of a published event, by readable id.
    RegistrationContext(String),
}

impl Command {
    /// Reads whose answers only change when another command runs (see the object's cache).
    /// Errors are never cached, so the cache holds at most a few entries per event.
    pub fn is_cacheable_read(&self) -> bool {
        matches!(self, Command::Public(..) | Command::RegistrationContext(..))
    }
}

pub type Store = ObjectClient<Command>;

impl Store {
    pub fn config(env: &Env) -> ApiResult<Self> {
        ObjectClient::open(env, BINDING, INSTANCE)
    }
}
