//! Sign-in request and the signed-in administrator as the API exchanges them.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct SignInRequest {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
}

impl SignInRequest {
    /// Shape check only; the password itself is verified by the worker in constant time.
    pub fn validate(&self) -> Result<(), Vec<crate::FieldError>> {
        let mut errors = Vec::new();
        if self.username.trim().is_empty() {
            errors.push(crate::FieldError::new("username", "is required"));
        }
        if self.password.is_empty() {
            errors.push(crate::FieldError::new("password", "is required"));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The signed-in user, as `/api/auth/session` and sign-in answer.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SessionUser {
    pub id: String,
    pub username: String,
    pub role: crate::user::Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_fields_are_required() {
        let errors = SignInRequest::default().validate().expect_err("empty");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["username", "password"]);
        let blank = SignInRequest {
            username: "  ".into(),
            password: "x".into(),
        };
        assert_eq!(blank.validate().expect_err("blank").len(), 1);
        let ok = SignInRequest {
            username: "admin".into(),
            password: " ".into(),
        };
        assert!(ok.validate().is_ok(), "a password of spaces is a password");
    }
}
