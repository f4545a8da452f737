//! The people who administer a deployment: users, their roles, and what each role may do.
//!
//! The worker enforces [`Role::allows`] on every admin route; the SPA asks the same function
//! to hide what a role cannot do, so the two never disagree.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

use crate::FieldError;

pub const USERNAME_MAX: usize = 64;
/// Shortest password a user may choose (the bootstrap administrator's is the deployment's
/// `ADMIN_PASSWORD` secret, whatever its length).
pub const PASSWORD_MIN: usize = 12;
/// Longest password accepted: enough for any passphrase, bounded so hashing stays cheap.
pub const PASSWORD_MAX: usize = 256;

/// What a user may do.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, Settings and credentials included.
    Administrator,
    /// Events, sessions, registrations and contacts; no settings, no credentials.
    EventPlanner,
    /// Reads what an event planner may change.
    Viewer,
}

/// The parts of the admin API, as roles see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Events and everything inside them (sessions, speakers, passes, registration fields,
    /// registrations, webinars), and contacts.
    Events,
    /// The settings an event's pages choose from (webinar configurations, custom fields,
    /// the matching strategy, the deployment): read by every role, changed in Settings.
    Lookups,
    /// Settings › Event management, credentials, users, the audit log, webhooks.
    Settings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Administrator, Role::EventPlanner, Role::Viewer];

    /// Whether this role may have `access` to `area`.
    pub fn allows(self, area: Area, access: Access) -> bool {
        matches!(
            (self, area, access),
            (Role::Administrator, _, _)
                | (Role::EventPlanner, Area::Events, _)
                | (
                    Role::EventPlanner | Role::Viewer,
                    Area::Lookups,
                    Access::Read
                )
                | (Role::Viewer, Area::Events, Access::Read)
        )
    }

    /// The roles that may have `access` to `area`, strongest last.
    pub fn allowed(area: Area, access: Access) -> Vec<Role> {
        let mut roles: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|role| role.allows(area, access))
            .collect();
        roles.reverse();
        roles
    }

    /// The role's name as the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::EventPlanner => "event_planner",
            Role::Viewer => "viewer",
        }
    }

    /// The role as a sentence names it ("an event planner").
    pub fn in_words(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::EventPlanner => "event planner",
            Role::Viewer => "viewer",
        }
    }
}

/// A user as the API shows it; the password is never shown, only written.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub username: String,
    pub role: Role,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// A new user, or a change to one. On a change an empty password keeps the current one.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct UserInput {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub password: String,
}

/// A user's change of their own password.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct PasswordChange {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub new_password: String,
}

/// A user name: 1 to [`USERNAME_MAX`] letters, digits or `. _ @ -` (an email address fits).
/// Returned trimmed; two names that differ only in case are the same user ([`username_key`]).
pub fn username(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("is required".into());
    }
    if name.chars().count() > USERNAME_MAX {
        return Err(format!("must be at most {USERNAME_MAX} characters"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-'))
    {
        return Err("may contain only letters, digits and . _ @ -".into());
    }
    Ok(name.to_string())
}

/// The key user names are compared and looked up by.
pub fn username_key(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// A password a user chooses: [`PASSWORD_MIN`] to [`PASSWORD_MAX`] characters.
pub fn password(raw: &str) -> Result<(), String> {
    let length = raw.chars().count();
    if length < PASSWORD_MIN {
        Err(format!("must be at least {PASSWORD_MIN} characters"))
    } else if length > PASSWORD_MAX {
        Err(format!("must be at most {PASSWORD_MAX} characters"))
    } else {
        Ok(())
    }
}

impl UserInput {
    /// The input with its user name trimmed. `creating`: a new user needs a password; a
    /// change may leave it empty to keep the current one.
    pub fn validate(&self, creating: bool) -> Result<UserInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = username(&self.username).unwrap_or_else(|m| {
            errors.push(FieldError::new("username", m));
            String::new()
        });
        if self.role.is_none() {
            errors.push(FieldError::new(
                "role",
                "must be administrator, event_planner or viewer",
            ));
        }
        if (creating || !self.password.is_empty())
            && let Err(m) = password(&self.password)
        {
            errors.push(FieldError::new("password", m));
        }
        if errors.is_empty() {
            Ok(UserInput {
                username: name,
                ..self.clone()
            })
        } else {
            Err(errors)
        }
    }
}

impl PasswordChange {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.current_password.is_empty() {
            errors.push(FieldError::new("currentPassword", "is required"));
        }
        if let Err(m) = password(&self.new_password) {
            errors.push(FieldError::new("newPassword", m));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_reaches_exactly_its_areas() {
        use Access::{Read, Write};
        use Area::{Events, Lookups, Settings};
        let table = [
            (Role::Administrator, [true; 6]),
            (Role::EventPlanner, [true, true, true, false, false, false]),
            (Role::Viewer, [true, false, true, false, false, false]),
        ];
        for (role, expected) in table {
            let got = [
                role.allows(Events, Read),
                role.allows(Events, Write),
                role.allows(Lookups, Read),
                role.allows(Lookups, Write),
                role.allows(Settings, Read),
                role.allows(Settings, Write),
            ];
            assert_eq!(got, expected, "{role:?}");
        }
        assert_eq!(Role::allowed(Settings, Read), [Role::Administrator]);
        assert_eq!(
            Role::allowed(Events, Write),
            [Role::EventPlanner, Role::Administrator]
        );
    }

    #[test]
    fn roles_are_written_as_the_api_names_them() {
        for role in Role::ALL {
            let json = serde_json::to_string(&role).expect("role");
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert!(serde_json::from_str::<Role>("\"owner\"").is_err());
    }

    #[test]
    fn user_names_are_one_word_of_a_small_alphabet_compared_without_case() {
        assert_eq!(
            username("  Ana.Lee@example.com "),
            Ok("Ana.Lee@example.com".into())
        );
        assert!(username("").is_err());
        assert!(username("ana lee").is_err());
        assert!(username("<b>ana</b>").is_err());
        assert!(username(&"a".repeat(USERNAME_MAX + 1)).is_err());
        assert_eq!(username_key(" Ana.Lee "), "ana.lee");
    }

    #[test]
    fn a_new_user_needs_a_role_and_a_long_enough_password_a_change_may_keep_it() {
        let fields = |input: &UserInput, creating| -> Vec<String> {
            input
                .validate(creating)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(
            fields(&UserInput::default(), true),
            ["username", "role", "password"]
        );
        let keep = UserInput {
            username: "ana".into(),
            role: Some(Role::Viewer),
            password: String::new(),
        };
        assert!(fields(&keep, false).is_empty());
        assert_eq!(fields(&keep, true), ["password"]);
        let short = UserInput {
            password: "short".into(),
            ..keep.clone()
        };
        assert_eq!(fields(&short, false), ["password"]);
        let long = UserInput {
            password: "x".repeat(PASSWORD_MAX + 1),
            ..keep
        };
        assert_eq!(fields(&long, true), ["password"]);
    }

    #[test]
    fn a_password_change_needs_the_current_one_and_a_good_new_one() {
        let errors = PasswordChange::default().validate().expect_err("empty");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["currentPassword", "newPassword"]);
        let good = PasswordChange {
            current_password: "old".into(),
            new_password: "correct horse battery".into(),
        };
        assert!(good.validate().is_ok());
    }
}
