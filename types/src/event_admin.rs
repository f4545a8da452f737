//! Event administration: defaults for events. At most one record is active at a time.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::contact::MatchStrategy;
use crate::validate::required_name;

pub const NAME_MAX: usize = 100;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EventAdministration {
    pub id: String,
    pub name: String,
    pub match_strategy: MatchStrategy,
    /// Simulates payments on event websites for demos. Never in production.
    pub demo_payment_confirmation: bool,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct EventAdministrationInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub match_strategy: MatchStrategy,
    #[serde(default)]
    pub demo_payment_confirmation: bool,
}

/// Why demo payment confirmation cannot be enabled in production, shown by API and UI.
pub const DEMO_PAYMENT_IN_PRODUCTION: &str =
    "cannot be enabled in a production deployment: it lets anyone confirm a payment without paying";

impl EventAdministrationInput {
    /// `production`: the deployment is marked production (then demo payment is refused).
    pub fn validate(&self, production: bool) -> Result<EventAdministrationInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, NAME_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        if production && self.demo_payment_confirmation {
            errors.push(FieldError::new(
                "demoPaymentConfirmation",
                DEMO_PAYMENT_IN_PRODUCTION,
            ));
        }
        if errors.is_empty() {
            Ok(EventAdministrationInput {
                name,
                ..self.clone()
            })
        } else {
            Err(errors)
        }
    }
}

/// Why `candidate` cannot become active, if another record already is.
pub fn activation_blocker(records: &[EventAdministration], candidate_id: &str) -> Option<String> {
    records
        .iter()
        .find(|r| r.active && r.id != candidate_id)
        .map(|active| {
            format!(
                "“{}” is the active event administration record. Deactivate it first: only one can be active.",
                active.name
            )
        })
}

/// The strategy registrations use: the active record's, or email only when none is active.
pub fn current_strategy(records: &[EventAdministration]) -> MatchStrategy {
    records
        .iter()
        .find(|r| r.active)
        .map(|r| r.match_strategy)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, active: bool, strategy: MatchStrategy) -> EventAdministration {
        EventAdministration {
            id: id.into(),
            name: format!("Admin {id}"),
            match_strategy: strategy,
            demo_payment_confirmation: false,
            active,
            created_at: "t".into(),
            updated_at: "t".into(),
        }
    }

    #[test]
    fn only_one_record_may_be_active() {
        let records = [
            record("a", true, MatchStrategy::Email),
            record("b", false, MatchStrategy::Email),
        ];
        let blocker = activation_blocker(&records, "b").expect("a is active");
        assert!(blocker.contains("Admin a"));
        assert_eq!(
            activation_blocker(&records, "a"),
            None,
            "re-activating itself is fine"
        );
        assert_eq!(activation_blocker(&records[1..], "b"), None);
    }

    #[test]
    fn strategy_falls_back_to_email() {
        assert_eq!(current_strategy(&[]), MatchStrategy::Email);
        let records = [
            record("a", false, MatchStrategy::FirstAndLastName),
            record("b", true, MatchStrategy::EmailFirstAndLastName),
        ];
        assert_eq!(
            current_strategy(&records),
            MatchStrategy::EmailFirstAndLastName
        );
        assert_eq!(current_strategy(&records[..1]), MatchStrategy::Email);
    }

    #[test]
    fn production_refuses_demo_payment() {
        let input = EventAdministrationInput {
            name: " Defaults ".into(),
            match_strategy: MatchStrategy::Email,
            demo_payment_confirmation: true,
        };
        assert_eq!(input.validate(false).expect("allowed").name, "Defaults");
        let errors = input.validate(true).expect_err("refused");
        assert_eq!(errors[0].field, "demoPaymentConfirmation");
        let off = EventAdministrationInput {
            demo_payment_confirmation: false,
            ..input
        };
        assert!(off.validate(true).is_ok());
    }

    #[test]
    fn names_are_one_line() {
        for bad in ["Defaults\0", "De\rfaults", "De\nfaults"] {
            let input = EventAdministrationInput {
                name: bad.into(),
                ..Default::default()
            };
            let errors = input.validate(false).expect_err("refused");
            assert_eq!(errors[0].field, "name", "{bad:?}");
            assert_eq!(errors[0].message, crate::validate::SINGLE_LINE);
        }
    }

    #[test]
    fn strategies_serialize_as_snake_case() {
        let json = serde_json::to_string(&MatchStrategy::EmailFirstAndLastName).expect("json");
        assert_eq!(json, "\"email_first_and_last_name\"");
        let input: EventAdministrationInput =
            serde_json::from_str(r#"{"name":"x","matchStrategy":"first_and_last_name"}"#)
                .expect("parses");
        assert_eq!(input.match_strategy, MatchStrategy::FirstAndLastName);
    }
}
