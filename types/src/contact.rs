//! Contacts and how a registration finds its contact (the matching strategy).

use crate::prelude::*;
use const_format::formatcp;
use serde::{Deserialize, Serialize};

use crate::validate::single_line;
use crate::{FieldError, plain_search, text};

pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
pub const COMPANY_MAX: usize = 200;

/// Which fields must be equal (after normalization) for a registration to join a contact.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum MatchStrategy {
    /// Used when no event administration record is active.
    #[default]
    Email,
    FirstAndLastName,
    EmailFirstAndLastName,
}

impl MatchStrategy {
    pub const ALL: [MatchStrategy; 3] = [
        MatchStrategy::Email,
        MatchStrategy::FirstAndLastName,
        MatchStrategy::EmailFirstAndLastName,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MatchStrategy::Email => "Email only",
            MatchStrategy::FirstAndLastName => "First and last name",
            MatchStrategy::EmailFirstAndLastName => "Email, first and last name",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            MatchStrategy::Email => "email",
            MatchStrategy::FirstAndLastName => "first_and_last_name",
            MatchStrategy::EmailFirstAndLastName => "email_first_and_last_name",
        }
    }

    pub fn uses_email(self) -> bool {
        self != MatchStrategy::FirstAndLastName
    }

    pub fn uses_names(self) -> bool {
        self != MatchStrategy::Email
    }
}

/// Email as compared: trimmed, lower-cased.
pub fn normalize_email(email: &str) -> String {
    text::lowercase(email.trim())
}

/// A name as compared: Unicode NFC, trimmed, inner whitespace collapsed, case-folded
/// ("  ÉLODIE " and "élodie" are equal; so are "Straße" and "STRASSE").
pub fn normalize_name(name: &str) -> String {
    let composed = text::nfc(name);
    let collapsed = composed.split_whitespace().collect::<Vec<_>>().join(" ");
    text::nfc(&text::fold_case(&collapsed))
}

/// The person a registration is for, as submitted.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct AttendeeInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub company: String,
}

/// What matching compares: normalized keys, absent when the strategy ignores the field.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MatchKeys {
    pub email: Option<String>,
    /// First and last name, normalized, joined by U+001F.
    pub name: Option<String>,
}

impl AttendeeInput {
    /// Checks the attendee for `strategy` and returns it trimmed. Email is always required
    /// and must look like an address (registrations need somewhere to send confirmations);
    /// a name-based strategy also requires first and last name. Names and company are one
    /// line each ([`single_line`]).
    pub fn validate(&self, strategy: MatchStrategy) -> Result<AttendeeInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = self.email.trim().to_string();
        if email.is_empty() {
            errors.push(FieldError::new("email", "is required"));
        } else if !plausible_email(&email) {
            errors.push(FieldError::new("email", "must be an email address"));
        }
        let name_rule = |value: &str, field: &str, errors: &mut Vec<FieldError>| {
            // Checked before inner whitespace is collapsed, which would turn a line break
            // into a space instead of refusing it.
            if let Err(message) = single_line(value.trim()) {
                errors.push(FieldError::new(field, message));
                return String::new();
            }
            let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if v.is_empty() && strategy.uses_names() {
                errors.push(FieldError::new(
                    field,
                    [
                        "is required: contacts are matched by ",
                        &strategy.label().to_ascii_lowercase(),
                    ]
                    .concat(),
                ));
            } else if v.chars().count() > NAME_MAX {
                errors.push(FieldError::new(
                    field,
                    formatcp!("must be at most {NAME_MAX} characters"),
                ));
            }
            v
        };
        let first_name = name_rule(&self.first_name, "firstName", &mut errors);
        let last_name = name_rule(&self.last_name, "lastName", &mut errors);
        let company = self.company.trim().to_string();
        if let Err(message) = single_line(&company) {
            errors.push(FieldError::new("company", message));
        } else if company.chars().count() > COMPANY_MAX {
            errors.push(FieldError::new(
                "company",
                formatcp!("must be at most {COMPANY_MAX} characters"),
            ));
        }
        if errors.is_empty() {
            Ok(AttendeeInput {
                email,
                first_name,
                last_name,
                company,
            })
        } else {
            Err(errors)
        }
    }

    /// The keys `strategy` compares.
    pub fn match_keys(&self, strategy: MatchStrategy) -> MatchKeys {
        MatchKeys {
            email: strategy.uses_email().then(|| normalize_email(&self.email)),
            name: strategy.uses_names().then(|| self.name_key()),
        }
    }

    /// Normalized first and last name, stored with each contact for name matching.
    pub fn name_key(&self) -> String {
        format!(
            "{}\u{1f}{}",
            normalize_name(&self.first_name),
            normalize_name(&self.last_name)
        )
    }
}

/// A deliberately loose check: one `@`, something before it, a dot-containing domain after,
/// no spaces, at most [`EMAIL_MAX`] characters. Deliverability is the mail system's call.
/// The widget runs this: it searches as `plain_search` says why.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    email.len() <= EMAIL_MAX
        && !local.is_empty()
        && !plain_search::has_byte(local, b'@')
        && plain_search::has_byte(domain, b'.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A contact as the API returns it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub created_at: String,
    /// When its personal data was erased (then its names read "Erased").
    #[serde(default)]
    pub erased_at: Option<String>,
    /// Registrations linked to this contact.
    pub registration_count: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attendee(email: &str, first: &str, last: &str) -> AttendeeInput {
        AttendeeInput {
            email: email.into(),
            first_name: first.into(),
            last_name: last.into(),
            company: String::new(),
        }
    }

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            normalize_email("  Élodie.Martin@Example.COM "),
            "élodie.martin@example.com"
        );
    }

    #[test]
    fn names_normalize_case_spacing_and_composition() {
        assert_eq!(normalize_name("  ÉLODIE  "), normalize_name("élodie"));
        assert_eq!(normalize_name("Jean   Luc"), normalize_name("jean luc"));
        assert_eq!(normalize_name("Straße"), normalize_name("STRASSE"));
        // "É" precomposed and as "E" + combining acute accent.
        assert_eq!(
            normalize_name("\u{c9}lodie"),
            normalize_name("E\u{301}lodie")
        );
        assert_ne!(normalize_name("Elodie"), normalize_name("Élodie"));
        assert_ne!(normalize_name("Jean-Luc"), normalize_name("Jean Luc"));
    }

    #[test]
    fn each_strategy_compares_its_fields() {
        let a = attendee("ELODIE@example.com", "Élodie", "Martin");
        let b = attendee(" elodie@example.com", " élodie ", "MARTIN");
        let other_name = attendee("elodie@example.com", "Elodie", "Martin");
        let other_email = attendee("e.martin@example.com", "Élodie", "Martin");
        for s in MatchStrategy::ALL {
            assert_eq!(a.match_keys(s), b.match_keys(s), "{s:?}");
        }
        let email = MatchStrategy::Email;
        assert_eq!(a.match_keys(email), other_name.match_keys(email));
        assert_ne!(a.match_keys(email), other_email.match_keys(email));
        let names = MatchStrategy::FirstAndLastName;
        assert_eq!(a.match_keys(names), other_email.match_keys(names));
        assert_ne!(a.match_keys(names), other_name.match_keys(names));
        let both = MatchStrategy::EmailFirstAndLastName;
        assert_ne!(a.match_keys(both), other_email.match_keys(both));
        assert_ne!(a.match_keys(both), other_name.match_keys(both));
        assert_eq!(a.match_keys(email).name, None);
        assert_eq!(a.match_keys(names).email, None);
    }

    #[test]
    fn name_strategies_require_names() {
        let no_names = attendee("a@example.com", " ", "");
        assert!(no_names.validate(MatchStrategy::Email).is_ok());
        for s in [
            MatchStrategy::FirstAndLastName,
            MatchStrategy::EmailFirstAndLastName,
        ] {
            let errors = no_names.validate(s).expect_err("names required");
            let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["firstName", "lastName"]);
            assert!(errors[0].message.contains("is required"));
        }
    }

    #[test]
    fn names_and_company_are_one_line() {
        use crate::validate::SINGLE_LINE;
        for bad in ["Ada\0", "Ada\rLovelace", "Ada\nLovelace", "Ada\tLovelace"] {
            let mut a = attendee("a@example.com", bad, bad);
            a.company = bad.into();
            for s in MatchStrategy::ALL {
                let errors = a.validate(s).expect_err("refused");
                let named: Vec<_> = errors
                    .iter()
                    .map(|e| (e.field.as_str(), e.message.as_str()))
                    .collect();
                assert_eq!(
                    named,
                    [
                        ("firstName", SINGLE_LINE),
                        ("lastName", SINGLE_LINE),
                        ("company", SINGLE_LINE)
                    ],
                    "{bad:?}"
                );
            }
        }
        let mut ok = attendee("a@example.com", " Ada  Byron ", "King\n");
        ok.company = " Analytical Engines Ltd. ".into();
        let clean = ok.validate(MatchStrategy::Email).expect("valid");
        assert_eq!(
            (clean.first_name.as_str(), clean.last_name.as_str()),
            ("Ada Byron", "King")
        );
        assert_eq!(clean.company, "Analytical Engines Ltd.");
    }

    #[test]
    fn emails_must_be_plausible() {
        for ok in [
            "a@example.com",
            "first.last+tag@sub.example.org",
            "élodie@exemple.fr",
        ] {
            assert!(plausible_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "@example.com",
            "a@.com",
            "a@example.",
            "a b@example.com",
            "a@@example.com",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
        let errors = attendee("not-an-email", "A", "B")
            .validate(MatchStrategy::Email)
            .expect_err("bad email");
        assert_eq!(errors[0].field, "email");
    }
}
