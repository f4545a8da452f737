//! Webinar providers: outside companies that host webinars (ON24 first).

use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::FieldError;
use crate::list::{self, ListQuery};
use crate::validate::{https_url, integer_in_range, name_key, optional_service_url, required_name};

pub const NAME_MAX: usize = 100;
pub const MAX_DURATION_MIN: i64 = 1;
pub const MAX_DURATION_MAX: i64 = 1440;

/// The built-in ON24 record, created once at first start.
pub mod on24 {
    /// Fixed id, so seeding is idempotent by construction.
    pub const ID: &str = "on24";
    pub const NAME: &str = "ON24";
    pub const TERMS_OF_SERVICE_URL: &str = "https://www.on24.com/legal/terms-of-service/";
    pub const PRIVACY_POLICY_URL: &str = "https://www.on24.com/legal/privacy-policy/";
    /// Convene's default for one ON24 session: 4 hours. Longer webinars are split into
    /// several sessions; administrators can change it on the record.
    pub const DEFAULT_MAX_DURATION_MINUTES: u32 = 240;
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebinarProvider {
    pub id: String,
    pub name: String,
    /// Empty means the provider's own production URL (ON24).
    pub base_service_url: String,
    pub max_duration_minutes: u32,
    pub terms_of_service_url: String,
    pub privacy_policy_url: String,
    /// The preconfigured ON24 record: editable, never deletable.
    pub built_in: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl WebinarProvider {
    /// The ON24 record as first seeded.
    pub fn on24_seed(now: &str) -> Self {
        WebinarProvider {
            id: on24::ID.into(),
            name: on24::NAME.into(),
            base_service_url: String::new(),
            max_duration_minutes: on24::DEFAULT_MAX_DURATION_MINUTES,
            terms_of_service_url: on24::TERMS_OF_SERVICE_URL.into(),
            privacy_policy_url: on24::PRIVACY_POLICY_URL.into(),
            built_in: true,
            created_at: now.into(),
            updated_at: now.into(),
        }
    }

    /// The record with `draft`'s values, keeping identity and creation time.
    pub fn updated(&self, draft: ProviderDraft, now: &str) -> Self {
        WebinarProvider {
            name: draft.name,
            base_service_url: draft.base_service_url,
            max_duration_minutes: draft.max_duration_minutes,
            terms_of_service_url: draft.terms_of_service_url,
            privacy_policy_url: draft.privacy_policy_url,
            updated_at: now.into(),
            ..self.clone()
        }
    }

    pub fn create(id: String, draft: ProviderDraft, now: &str) -> Self {
        WebinarProvider {
            id,
            name: draft.name,
            base_service_url: draft.base_service_url,
            max_duration_minutes: draft.max_duration_minutes,
            terms_of_service_url: draft.terms_of_service_url,
            privacy_policy_url: draft.privacy_policy_url,
            built_in: false,
            created_at: now.into(),
            updated_at: now.into(),
        }
    }

    pub fn to_input(&self) -> ProviderInput {
        ProviderInput {
            name: self.name.clone(),
            base_service_url: self.base_service_url.clone(),
            max_duration_minutes: Value::from(self.max_duration_minutes),
            terms_of_service_url: self.terms_of_service_url.clone(),
            privacy_policy_url: self.privacy_policy_url.clone(),
        }
    }
}

/// A provider as submitted (API body or form), before validation.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub base_service_url: String,
    /// Raw JSON so that "60.5", "sixty" or a missing value get their own message.
    #[serde(default)]
    pub max_duration_minutes: Value,
    #[serde(default)]
    pub terms_of_service_url: String,
    #[serde(default)]
    pub privacy_policy_url: String,
}

/// A provider's values after validation: trimmed and within every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderDraft {
    pub name: String,
    pub base_service_url: String,
    pub max_duration_minutes: u32,
    pub terms_of_service_url: String,
    pub privacy_policy_url: String,
}

impl ProviderInput {
    /// Field rules only (what the SPA can check before submitting).
    pub fn validate(&self) -> Result<ProviderDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: &str, result: Result<String, String>| match result {
            Ok(v) => v,
            Err(message) => {
                errors.push(FieldError::new(field, message));
                String::new()
            }
        };
        let name = check("name", required_name(&self.name, NAME_MAX));
        let base_service_url = check(
            "baseServiceUrl",
            optional_service_url(&self.base_service_url),
        );
        let duration = check(
            "maxDurationMinutes",
            integer_in_range(
                &self.max_duration_minutes,
                MAX_DURATION_MIN,
                MAX_DURATION_MAX,
            )
            .map(|n| n.to_string()),
        );
        let terms_of_service_url =
            check("termsOfServiceUrl", https_url(&self.terms_of_service_url));
        let privacy_policy_url = check("privacyPolicyUrl", https_url(&self.privacy_policy_url));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProviderDraft {
            name,
            base_service_url,
            max_duration_minutes: duration.parse().unwrap_or_default(),
            terms_of_service_url,
            privacy_policy_url,
        })
    }

    /// Field rules plus name uniqueness among `existing` (ignoring the record `self_id`).
    pub fn validate_against(
        &self,
        existing: &[WebinarProvider],
        self_id: Option<&str>,
    ) -> Result<ProviderDraft, Vec<FieldError>> {
        let draft = self.validate()?;
        let key = name_key(&draft.name);
        let taken = existing
            .iter()
            .any(|p| Some(p.id.as_str()) != self_id && name_key(&p.name) == key);
        if taken {
            return Err(vec![FieldError::new(
                "name",
                "is already used by another webinar provider",
            )]);
        }
        Ok(draft)
    }
}

/// Why a provider cannot be deleted, if it cannot.
pub fn deletion_blocker(provider: &WebinarProvider) -> Option<String> {
    provider.built_in.then(|| {
        format!(
            "{} is the built-in webinar provider and cannot be deleted; you can edit it instead.",
            provider.name
        )
    })
}

/// Filters and sorts providers for a list request. Sort keys: `name` (default),
/// `maxDurationMinutes`, `updatedAt`.
pub fn list(mut providers: Vec<WebinarProvider>, query: &ListQuery) -> Vec<WebinarProvider> {
    providers.retain(|p| query.matches(&[&p.name, &p.base_service_url]));
    match query.sort.as_str() {
        "maxDurationMinutes" => list::sort_by(&mut providers, |a, b| {
            (a.max_duration_minutes, name_key(&a.name))
                .cmp(&(b.max_duration_minutes, name_key(&b.name)))
        }),
        "updatedAt" => list::sort_by(&mut providers, |a, b| a.updated_at.cmp(&b.updated_at)),
        _ => list::sort_by_key(&mut providers, |p| name_key(&p.name)),
    }
    if query.desc {
        providers.reverse();
    }
    providers
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input() -> ProviderInput {
        ProviderInput {
            name: "Acme Webinars".into(),
            base_service_url: "https://api.acme.example/v1".into(),
            max_duration_minutes: json!(90),
            terms_of_service_url: "https://acme.example/terms".into(),
            privacy_policy_url: "https://acme.example/privacy".into(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_valid_provider_is_trimmed() {
        let draft = ProviderInput {
            name: "  Acme Webinars ".into(),
            ..input()
        }
        .validate()
        .expect("valid");
        assert_eq!(draft.name, "Acme Webinars");
        assert_eq!(draft.max_duration_minutes, 90);
    }

    #[test]
    fn names_and_urls_refuse_control_characters() {
        for bad in ["Acme\0", "Ac\rme", "Ac\nme"] {
            let errors = ProviderInput {
                name: bad.into(),
                base_service_url: format!("https://api.{bad}.example"),
                terms_of_service_url: format!("https://acme.example/{bad}"),
                privacy_policy_url: format!("https://acme.example/{bad}"),
                ..input()
            }
            .validate()
            .expect_err("refused");
            assert_eq!(
                fields(&errors),
                [
                    "name",
                    "baseServiceUrl",
                    "termsOfServiceUrl",
                    "privacyPolicyUrl"
                ],
                "{bad:?}"
            );
            assert_eq!(errors[0].message, crate::validate::SINGLE_LINE);
        }
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = ProviderInput {
            name: " ".into(),
            base_service_url: "http://api.acme.example".into(),
            max_duration_minutes: json!(0),
            terms_of_service_url: "javascript:alert(1)".into(),
            privacy_policy_url: String::new(),
        };
        let errors = bad.validate().expect_err("invalid");
        assert_eq!(
            fields(&errors),
            [
                "name",
                "baseServiceUrl",
                "maxDurationMinutes",
                "termsOfServiceUrl",
                "privacyPolicyUrl"
            ]
        );
    }

    #[test]
    fn duration_edges() {
        for (value, ok) in [
            (json!(1), true),
            (json!(1440), true),
            (json!(0), false),
            (json!(1441), false),
            (json!(12.5), false),
            (json!("90"), false),
            (Value::Null, false),
        ] {
            let result = ProviderInput {
                max_duration_minutes: value.clone(),
                ..input()
            }
            .validate();
            assert_eq!(result.is_ok(), ok, "{value}");
        }
    }

    #[test]
    fn name_of_101_characters_is_refused() {
        let errors = ProviderInput {
            name: "x".repeat(101),
            ..input()
        }
        .validate()
        .expect_err("too long");
        assert_eq!(errors[0].message, "must be at most 100 characters");
    }

    #[test]
    fn base_service_url_may_be_empty_but_not_http() {
        let empty = ProviderInput {
            base_service_url: "".into(),
            ..input()
        };
        assert_eq!(empty.validate().expect("valid").base_service_url, "");
        let http = ProviderInput {
            base_service_url: "http://api.on24.com/v2".into(),
            ..input()
        };
        assert_eq!(
            fields(&http.validate().expect_err("http")),
            ["baseServiceUrl"]
        );
    }

    #[test]
    fn names_are_unique_in_any_case() {
        let on24 = WebinarProvider::on24_seed("2026-01-01T00:00:00Z");
        let dup = ProviderInput {
            name: " on24 ".into(),
            ..input()
        };
        let errors = dup
            .validate_against(core::slice::from_ref(&on24), None)
            .expect_err("duplicate");
        assert_eq!(fields(&errors), ["name"]);
        // Saving a record under its own name is not a duplicate.
        assert!(dup.validate_against(&[on24], Some("on24")).is_ok());
    }

    #[test]
    fn only_the_built_in_record_is_protected() {
        let on24 = WebinarProvider::on24_seed("t");
        assert!(deletion_blocker(&on24).is_some_and(|m| m.contains("ON24")));
        let draft = input().validate().expect("valid");
        let custom = WebinarProvider::create("p1".into(), draft, "t");
        assert_eq!(deletion_blocker(&custom), None);
    }

    #[test]
    fn the_seed_passes_its_own_rules() {
        let seed = WebinarProvider::on24_seed("t");
        let draft = seed.to_input().validate().expect("seed is valid");
        assert_eq!(draft.base_service_url, "");
        assert_eq!(
            draft.max_duration_minutes,
            on24::DEFAULT_MAX_DURATION_MINUTES
        );
    }

    #[test]
    fn lists_search_and_sort() {
        let mk = |id: &str, name: &str, minutes: u32| WebinarProvider {
            id: id.into(),
            name: name.into(),
            max_duration_minutes: minutes,
            ..WebinarProvider::on24_seed("t")
        };
        let all = vec![
            mk("a", "zoom", 30),
            mk("b", "Acme", 600),
            mk("c", "ON24", 240),
        ];
        let names = |v: Vec<WebinarProvider>| v.into_iter().map(|p| p.name).collect::<Vec<_>>();
        assert_eq!(
            names(list(all.clone(), &ListQuery::default())),
            ["Acme", "ON24", "zoom"]
        );
        let by_duration = ListQuery {
            sort: "maxDurationMinutes".into(),
            desc: true,
            ..Default::default()
        };
        assert_eq!(
            names(list(all.clone(), &by_duration)),
            ["Acme", "ON24", "zoom"]
        );
        let search = ListQuery {
            q: "o".into(),
            ..Default::default()
        };
        assert_eq!(names(list(all, &search)), ["ON24", "zoom"]);
    }
}
