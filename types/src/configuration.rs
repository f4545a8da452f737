//! Webinar configurations: one per account an organisation holds with a webinar provider.
//!
//! Credentials are write-only: they come in through [`CredentialsInput`] and never go out;
//! a configuration as the API returns it only says whether they are set.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::integration::{Integration, TermsUrls};
use crate::list::{self, ListQuery};
use crate::provider::WebinarProvider;
use crate::sync::SyncCounts;
use crate::validate::{name_key, required_name, single_line};

pub const NAME_MAX: usize = 100;
/// Longest credential value accepted (ON24 ids and tokens are far shorter).
pub const CREDENTIAL_MAX: usize = 512;

/// State of the provider's service and of Convene's connection to it.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    /// Never checked since the credentials last changed.
    #[default]
    NotChecked,
    Ok,
    InvalidCredentials,
    Unreachable,
    QuotaExceeded,
    /// The provider answered with an error of its own (5xx, unexpected answer).
    ProviderError,
    /// No credentials: the webinar integration is off for this configuration.
    NotConfigured,
}

impl ServiceStatus {
    pub fn label(self) -> &'static str {
        match self {
            ServiceStatus::NotChecked => "Not checked",
            ServiceStatus::Ok => "OK",
            ServiceStatus::InvalidCredentials => "Invalid credentials",
            ServiceStatus::Unreachable => "Provider unreachable",
            ServiceStatus::QuotaExceeded => "Quota exceeded",
            ServiceStatus::ProviderError => "Provider error",
            ServiceStatus::NotConfigured => "Not configured",
        }
    }
}

/// A webinar configuration as the API returns it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebinarConfiguration {
    pub id: String,
    pub name: String,
    pub provider_id: String,
    /// Read-only, from the provider record.
    pub provider_name: String,
    pub terms_of_service_url: String,
    pub privacy_policy_url: String,
    pub active: bool,
    /// Whether credentials are stored; the values themselves are never returned.
    pub credentials_set: bool,
    /// When the provider last returned usage statistics.
    pub last_metrics_update: Option<String>,
    pub service_status: ServiceStatus,
    /// Free text from the provider (or Convene) with the status.
    pub status_message: String,
    pub last_checked_at: Option<String>,
    /// When an administrator last accepted the provider's terms (none yet: `None`).
    #[serde(default)]
    pub terms_accepted_at: Option<String>,
    #[serde(default)]
    pub terms_accepted_by: Option<String>,
    /// The two URLs accepted then.
    #[serde(default)]
    pub terms_accepted_urls: Option<TermsUrls>,
    /// Whether the acceptance covers the provider's URLs as they are now.
    #[serde(default)]
    pub terms_current: bool,
    /// Whether anything may be sent to the provider, and why not.
    #[serde(default)]
    pub integration: Integration,
    /// The integration's health over the configuration's events: given on a read of one
    /// configuration, absent from lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_counts: Option<SyncCounts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_error_at: Option<String>,
    /// When the provider last accepted a registrant, cancellation or erasure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sent_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Client ID, access token key and secret, as typed. Never stored or returned as such.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct CredentialsInput {
    #[serde(default)]
    pub client_id: String,
    #[serde(default)]
    pub access_token_key: String,
    #[serde(default)]
    pub access_token_secret: String,
}

/// Debug output never shows the values.
impl core::fmt::Debug for CredentialsInput {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("CredentialsInput { .. }")
    }
}

impl CredentialsInput {
    /// Each value required, trimmed, at most [`CREDENTIAL_MAX`] characters, on one line
    /// ([`single_line`]). Field names are prefixed `credentials.`.
    pub fn validate(&self) -> Result<CredentialsInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: &str, value: &str| {
            let v = value.trim();
            let problem = if v.is_empty() {
                Some("is required".to_string())
            } else if v.chars().count() > CREDENTIAL_MAX {
                Some(format!("must be at most {CREDENTIAL_MAX} characters"))
            } else {
                single_line(v).err()
            };
            if let Some(message) = problem {
                errors.push(FieldError::new(format!("credentials.{field}"), message));
            }
            v.to_string()
        };
        let clean = CredentialsInput {
            client_id: check("clientId", &self.client_id),
            access_token_key: check("accessTokenKey", &self.access_token_key),
            access_token_secret: check("accessTokenSecret", &self.access_token_secret),
        };
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(errors)
        }
    }
}

/// A configuration as submitted. `credentials` absent means "keep what is stored".
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct ConfigurationInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub provider_id: String,
    #[serde(default)]
    pub credentials: Option<CredentialsInput>,
}

/// Validated values of a [`ConfigurationInput`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigurationDraft {
    pub name: String,
    pub provider_id: String,
    pub credentials: Option<CredentialsInput>,
}

impl ConfigurationInput {
    /// Field rules the SPA can check alone.
    pub fn validate(&self) -> Result<ConfigurationDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, NAME_MAX).unwrap_or_else(|message| {
            errors.push(FieldError::new("name", message));
            String::new()
        });
        let provider_id = self.provider_id.trim().to_string();
        if provider_id.is_empty() {
            errors.push(FieldError::new("providerId", "is required"));
        }
        let credentials = match &self.credentials {
            None => None,
            Some(c) => match c.validate() {
                Ok(clean) => Some(clean),
                Err(mut e) => {
                    errors.append(&mut e);
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(ConfigurationDraft {
                name,
                provider_id,
                credentials,
            })
        } else {
            Err(errors)
        }
    }

    /// Field rules plus the ones that need the other records: the provider exists and the
    /// name is unique (case-insensitive) among configurations other than `self_id`.
    pub fn validate_against(
        &self,
        providers: &[WebinarProvider],
        configurations: &[(String, String)],
        self_id: Option<&str>,
    ) -> Result<ConfigurationDraft, Vec<FieldError>> {
        let draft = self.validate()?;
        let mut errors = Vec::new();
        if !providers.iter().any(|p| p.id == draft.provider_id) {
            errors.push(FieldError::new(
                "providerId",
                "is not a known webinar provider",
            ));
        }
        let key = name_key(&draft.name);
        if configurations
            .iter()
            .any(|(id, name)| Some(id.as_str()) != self_id && name_key(name) == key)
        {
            errors.push(FieldError::new(
                "name",
                "is already used by another webinar configuration",
            ));
        }
        if errors.is_empty() {
            Ok(draft)
        } else {
            Err(errors)
        }
    }
}

/// The outcome of pressing Check.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    pub status: ServiceStatus,
    /// The provider's own words where it gave any, else Convene's.
    pub message: String,
    pub checked_at: String,
    /// Whether the outcome was recorded on the configuration (stored credentials were used).
    pub recorded: bool,
}

/// Body of a Check: credentials just typed (else the stored ones are used).
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub struct CheckRequest {
    #[serde(default)]
    pub provider_id: String,
    #[serde(default)]
    pub credentials: Option<CredentialsInput>,
}

/// Which configurations a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Active,
    Inactive,
    All,
}

impl View {
    pub fn parse(text: &str) -> View {
        match text {
            "inactive" => View::Inactive,
            "all" => View::All,
            _ => View::Active,
        }
    }
}

/// Filters and sorts configurations for a list. Sort keys: `name` (default), `provider`,
/// `status`, `updatedAt`.
pub fn list(
    mut items: Vec<WebinarConfiguration>,
    view: View,
    query: &ListQuery,
) -> Vec<WebinarConfiguration> {
    items.retain(|c| match view {
        View::Active => c.active,
        View::Inactive => !c.active,
        View::All => true,
    });
    items.retain(|c| query.matches(&[&c.name, &c.provider_name, &c.status_message]));
    match query.sort.as_str() {
        "provider" => list::sort_by_key(&mut items, |c| {
            (name_key(&c.provider_name), name_key(&c.name))
        }),
        "status" => list::sort_by_key(&mut items, |c| {
            (c.service_status.label(), name_key(&c.name))
        }),
        "updatedAt" => list::sort_by(&mut items, |a, b| a.updated_at.cmp(&b.updated_at)),
        _ => list::sort_by_key(&mut items, |c| name_key(&c.name)),
    }
    if query.desc {
        items.reverse();
    }
    items
}

/// Configurations that still use `provider_id`, by name: a provider in use cannot be deleted.
pub fn users_of<'a>(
    provider_id: &str,
    configurations: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    let mut names: Vec<String> = configurations
        .into_iter()
        .filter(|(pid, _)| *pid == provider_id)
        .map(|(_, name)| name.to_string())
        .collect();
    list::sort_by(&mut names, Ord::cmp);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> CredentialsInput {
        CredentialsInput {
            client_id: " 12345 ".into(),
            access_token_key: "key".into(),
            access_token_secret: "secret".into(),
        }
    }

    fn input() -> ConfigurationInput {
        ConfigurationInput {
            name: "Marketing ON24".into(),
            provider_id: "on24".into(),
            credentials: Some(creds()),
        }
    }

    #[test]
    fn credentials_are_trimmed_and_required() {
        assert_eq!(creds().validate().expect("valid").client_id, "12345");
        let errors = CredentialsInput::default().validate().expect_err("empty");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "credentials.clientId",
                "credentials.accessTokenKey",
                "credentials.accessTokenSecret"
            ]
        );
        let long = CredentialsInput {
            access_token_secret: "x".repeat(CREDENTIAL_MAX + 1),
            ..creds()
        };
        assert_eq!(long.validate().expect_err("too long").len(), 1);
    }

    #[test]
    fn names_and_credentials_are_one_line() {
        use crate::validate::SINGLE_LINE;
        for bad in ["x\0y", "x\ry", "x\ny"] {
            let config = ConfigurationInput {
                name: bad.into(),
                credentials: Some(CredentialsInput {
                    client_id: bad.into(),
                    ..creds()
                }),
                ..input()
            };
            let errors = config.validate().expect_err("refused");
            let named: Vec<_> = errors
                .iter()
                .map(|e| (e.field.as_str(), e.message.as_str()))
                .collect();
            assert_eq!(
                named,
                [("name", SINGLE_LINE), ("credentials.clientId", SINGLE_LINE)],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn debug_output_hides_credentials() {
        let shown = format!("{:?}", input());
        assert!(
            !shown.contains("secret") && !shown.contains("12345"),
            "{shown}"
        );
    }

    #[test]
    fn credentials_may_be_left_out() {
        let keep = ConfigurationInput {
            credentials: None,
            ..input()
        };
        assert_eq!(keep.validate().expect("valid").credentials, None);
    }

    #[test]
    fn provider_must_exist_and_names_be_unique() {
        let on24 = WebinarProvider::on24_seed("t");
        let others = vec![("c1".to_string(), "marketing on24".to_string())];
        let errors = input()
            .validate_against(core::slice::from_ref(&on24), &others, None)
            .expect_err("duplicate");
        assert_eq!(errors[0].field, "name");
        assert!(
            input()
                .validate_against(core::slice::from_ref(&on24), &others, Some("c1"))
                .is_ok()
        );
        let unknown = ConfigurationInput {
            provider_id: "zoom".into(),
            ..input()
        };
        let errors = unknown
            .validate_against(&[on24], &[], None)
            .expect_err("unknown provider");
        assert_eq!(errors[0].field, "providerId");
    }

    #[test]
    fn blank_fields_are_named() {
        let errors = ConfigurationInput::default().validate().expect_err("blank");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "providerId"]);
    }

    #[test]
    fn users_of_a_provider_are_listed_by_name() {
        let configs = [("on24", "B"), ("zoom", "C"), ("on24", "A")];
        assert_eq!(users_of("on24", configs), ["A", "B"]);
        assert!(users_of("other", configs).is_empty());
    }

    #[test]
    fn views_split_active_and_inactive() {
        let mk = |name: &str, active: bool| WebinarConfiguration {
            id: name.into(),
            name: name.into(),
            provider_id: "on24".into(),
            provider_name: "ON24".into(),
            terms_of_service_url: String::new(),
            privacy_policy_url: String::new(),
            active,
            credentials_set: false,
            last_metrics_update: None,
            service_status: ServiceStatus::NotChecked,
            status_message: String::new(),
            last_checked_at: None,
            terms_accepted_at: None,
            terms_accepted_by: None,
            terms_accepted_urls: None,
            terms_current: false,
            integration: Integration::default(),
            sync_counts: None,
            last_sync_error: None,
            last_sync_error_at: None,
            last_sent_at: None,
            created_at: "t".into(),
            updated_at: "t".into(),
        };
        let all = vec![mk("b", true), mk("a", true), mk("c", false)];
        let names =
            |v: Vec<WebinarConfiguration>| v.into_iter().map(|c| c.name).collect::<Vec<_>>();
        let q = ListQuery::default();
        assert_eq!(names(list(all.clone(), View::Active, &q)), ["a", "b"]);
        assert_eq!(names(list(all.clone(), View::Inactive, &q)), ["c"]);
        assert_eq!(names(list(all, View::All, &q)).len(), 3);
        assert_eq!(View::parse("inactive"), View::Inactive);
        assert_eq!(View::parse("anything"), View::Active);
    }
}
