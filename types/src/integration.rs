//! Whether a webinar configuration's integration is on: the one rule that decides whether
//! anything may be sent to its provider, and why not.
//!
//! The integration is on only when the configuration is active, has credentials, and an
//! administrator has accepted the provider's terms of service and privacy policy **as they
//! are now**: when the provider record's URLs change, the earlier acceptance no longer
//! counts and must be given again.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

/// The two documents an administrator accepts, by URL.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct TermsUrls {
    pub terms_of_service: String,
    pub privacy_policy: String,
}

/// Who accepted which terms, and when.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TermsAcceptance {
    pub accepted_at: String,
    /// The signed-in administrator's user name.
    pub accepted_by: String,
    pub urls: TermsUrls,
}

/// Why the integration is off. Listed in the order an administrator fixes them.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OffReason {
    TermsNotAccepted,
    /// Accepted once, but the provider's URLs have changed since.
    TermsChanged,
    NoCredentials,
    Inactive,
}

impl OffReason {
    pub fn message(self) -> &'static str {
        match self {
            OffReason::TermsNotAccepted => {
                "The provider's terms of service and privacy policy have not been accepted: accept them to turn the integration on."
            }
            OffReason::TermsChanged => {
                "The provider's terms of service or privacy policy changed since they were accepted: accept them again to turn the integration on."
            }
            OffReason::NoCredentials => {
                "No credentials are stored: enter the provider account's credentials to turn the integration on."
            }
            OffReason::Inactive => {
                "The configuration is inactive: activate it to turn the integration on."
            }
        }
    }
}

/// The integration's state as the configuration answer shows it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Integration {
    pub on: bool,
    /// Why it is off (`None` when on).
    pub reason: Option<OffReason>,
    /// The reason in words, empty when on.
    pub message: String,
}

impl Default for Integration {
    fn default() -> Self {
        Integration::from_reason(Some(OffReason::TermsNotAccepted))
    }
}

impl Integration {
    fn from_reason(reason: Option<OffReason>) -> Self {
        Integration {
            on: reason.is_none(),
            reason,
            message: reason.map(|r| r.message().to_string()).unwrap_or_default(),
        }
    }
}

/// The facts the rule looks at.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub active: bool,
    pub credentials_set: bool,
    pub acceptance: Option<&'a TermsAcceptance>,
    /// The provider record's URLs now.
    pub provider_urls: &'a TermsUrls,
}

/// Why terms acceptance does not count now, if it does not.
pub fn terms_problem(acceptance: Option<&TermsAcceptance>, now: &TermsUrls) -> Option<OffReason> {
    match acceptance {
        None => Some(OffReason::TermsNotAccepted),
        Some(a) if &a.urls != now => Some(OffReason::TermsChanged),
        Some(_) => None,
    }
}

/// Whether the integration is on and, if not, the first reason.
pub fn integration(facts: Facts<'_>) -> Integration {
    let reason = terms_problem(facts.acceptance, facts.provider_urls)
        .or((!facts.credentials_set).then_some(OffReason::NoCredentials))
        .or((!facts.active).then_some(OffReason::Inactive));
    Integration::from_reason(reason)
}

/// Why a configuration cannot be activated now (its terms must be accepted as they are).
pub fn activation_blocker(
    name: &str,
    acceptance: Option<&TermsAcceptance>,
    now: &TermsUrls,
) -> Option<String> {
    let verb = match terms_problem(acceptance, now)? {
        OffReason::TermsChanged => "accept the provider's changed",
        _ => "accept the provider's",
    };
    Some(format!(
        "“{name}” cannot be activated yet: {verb} terms of service and privacy policy first (Accept terms)."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(tag: &str) -> TermsUrls {
        TermsUrls {
            terms_of_service: format!("https://p.example/terms{tag}"),
            privacy_policy: format!("https://p.example/privacy{tag}"),
        }
    }

    fn accepted(tag: &str) -> TermsAcceptance {
        TermsAcceptance {
            accepted_at: "2026-12-01T10:00:00Z".into(),
            accepted_by: "admin".into(),
            urls: urls(tag),
        }
    }

    fn state(active: bool, credentials: bool, acceptance: Option<&TermsAcceptance>) -> Integration {
        integration(Facts {
            active,
            credentials_set: credentials,
            acceptance,
            provider_urls: &urls(""),
        })
    }

    #[test]
    fn on_only_when_active_with_credentials_and_current_terms() {
        let a = accepted("");
        let on = state(true, true, Some(&a));
        assert!(on.on);
        assert_eq!((on.reason, on.message.as_str()), (None, ""));
        assert_eq!(
            state(false, true, Some(&a)).reason,
            Some(OffReason::Inactive)
        );
        assert_eq!(
            state(true, false, Some(&a)).reason,
            Some(OffReason::NoCredentials)
        );
        assert_eq!(
            state(true, true, None).reason,
            Some(OffReason::TermsNotAccepted)
        );
    }

    #[test]
    fn changed_provider_urls_undo_the_acceptance() {
        let old = accepted("-v1");
        let off = state(true, true, Some(&old));
        assert!(!off.on);
        assert_eq!(off.reason, Some(OffReason::TermsChanged));
        assert!(off.message.contains("accept them again"), "{}", off.message);
        // Only one URL changing is enough.
        let half = TermsAcceptance {
            urls: TermsUrls {
                privacy_policy: "https://p.example/privacy-old".into(),
                ..urls("")
            },
            ..accepted("")
        };
        assert_eq!(
            state(true, true, Some(&half)).reason,
            Some(OffReason::TermsChanged)
        );
    }

    #[test]
    fn terms_come_first_then_credentials_then_activity() {
        assert_eq!(
            state(false, false, None).reason,
            Some(OffReason::TermsNotAccepted)
        );
        let a = accepted("");
        assert_eq!(
            state(false, false, Some(&a)).reason,
            Some(OffReason::NoCredentials)
        );
        assert!(!Integration::default().on);
    }

    #[test]
    fn activation_needs_current_terms_and_says_what_to_do() {
        let now = urls("");
        let never = activation_blocker("Main", None, &now).expect("blocked");
        assert!(
            never.contains("“Main”") && never.contains("Accept terms"),
            "{never}"
        );
        let changed = activation_blocker("Main", Some(&accepted("-v1")), &now).expect("blocked");
        assert!(changed.contains("changed"), "{changed}");
        assert_eq!(activation_blocker("Main", Some(&accepted("")), &now), None);
    }

    #[test]
    fn the_reason_is_written_in_snake_case() {
        let text = serde_json::to_string(&state(true, true, None)).expect("json");
        assert!(text.contains(r#""reason":"terms_not_accepted""#), "{text}");
        assert!(text.contains(r#""on":false"#), "{text}");
    }
}
