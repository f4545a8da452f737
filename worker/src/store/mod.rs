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
///
/// Fields are positional, in the order event id, id, input, then the rest; a variant names
/// its fields only where two have the same type and could be swapped unseen. (serde_json
/// compiles a named variant's field matching once per variant: 7 KB gzip for this enum.)
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
    GetProvider(String),
    CreateProvider(ProviderInput),
    UpdateProvider(String, ProviderInput),
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
    /// Validated by the worker (the production rule included); created active.
    CreateEventAdministration(EventAdministrationInput),
    UpdateEventAdministration(String, EventAdministrationInput),
    SetEventAdministrationActive(String, bool),
    DeleteEventAdministration(String),
    MatchStrategy,
    ListEvents,
    GetEvent(String),
    CreateEvent(EventInput),
    UpdateEvent(String, EventInput),
    DeleteEvent(String),
    ListSessions(String),
    CreateSession(String, SessionInput),
    UpdateSession(String, String, SessionInput),
    DeleteSession(String, String),
    /// The event, its session ids and the matching strategy, for a registration.
    RegistrationContext(String),
    ListCustomFields,
    CreateCustomField(CustomFieldInput),
    UpdateCustomField(String, CustomFieldInput),
    DeleteCustomField(String),
    ListTables,
    GetTable(String),
    SaveTable(Option<String>, WebsiteTableConfigurationInput),
    DeleteTable(String),
    ListCatalog(Kind, String),
    SaveSpeaker(String, Option<String>, SpeakerInput),
    SavePass(String, Option<String>, PassInput),
    SaveQuestion(String, Option<String>, RegistrationQuestionInput),
    DeleteCatalog(Kind, String, String),
    ListWebApps,
    GetWebApp(String),
    /// Validated by the worker, which generated the token and passes only its hash.
    CreateWebApp {
        input: WebApplicationInput,
        token_hash: String,
        token_hint: String,
    },
    UpdateWebApp(String, WebApplicationInput),
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
