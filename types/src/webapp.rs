//! Web applications: the websites allowed to call the public Events API.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::validate::required_name;

pub const NAME_MAX: usize = 100;
pub const ORIGINS_MAX: usize = 20;
/// Application tokens start with this, so they are recognisable in logs and secret scanners.
pub const TOKEN_PREFIX: &str = "cvt_";

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebApplication {
    pub id: String,
    pub name: String,
    pub allowed_origins: Vec<String>,
    pub active: bool,
    /// The last characters of the current token, to tell tokens apart; never the token.
    pub token_hint: String,
    pub token_issued_at: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct WebApplicationInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

/// A token as issued: shown once, with the endpoint to call.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct IssuedToken {
    pub application: WebApplication,
    pub token: String,
    pub endpoint: String,
}

/// An allowed origin: `https://host[:port]`, or for development `http://localhost:port` /
/// `http://127.0.0.1:port`. No path, query or trailing slash. Returned lower-cased.
pub fn origin(raw: &str) -> Result<String, String> {
    const MESSAGE: &str =
        "must be an origin such as https://events.example.com (no path, no trailing slash)";
    let origin = crate::text::lowercase(raw.trim());
    let (scheme, rest) = origin.split_once("://").ok_or(MESSAGE)?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ', '\\']) {
        return Err(MESSAGE.into());
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || rest.starts_with('[') => (host, Some(port)),
        _ => (rest, None),
    };
    if let Some(port) = port
        && (port.is_empty()
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u16>().map_or(true, |p| p == 0))
    {
        return Err(MESSAGE.into());
    }
    let host_ok = !host.is_empty()
        && host.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    match scheme {
        "https" if host_ok => Ok(origin),
        "http" if matches!(host, "localhost" | "127.0.0.1") && port.is_some() => Ok(origin),
        "http" => Err(
            "must use https (http is allowed only for localhost and 127.0.0.1 with a port)".into(),
        ),
        _ => Err(MESSAGE.into()),
    }
}

impl WebApplicationInput {
    pub fn validate(&self) -> Result<WebApplicationInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_name(&self.name, NAME_MAX).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        let mut origins = Vec::new();
        for (i, raw) in self.allowed_origins.iter().enumerate() {
            match origin(raw) {
                Ok(o) if origins.contains(&o) => errors.push(FieldError::new(
                    format!("allowedOrigins[{i}]"),
                    "is listed twice",
                )),
                Ok(o) => origins.push(o),
                Err(m) => errors.push(FieldError::new(format!("allowedOrigins[{i}]"), m)),
            }
        }
        if self.allowed_origins.is_empty() {
            errors.push(FieldError::new(
                "allowedOrigins",
                "needs at least one origin",
            ));
        } else if self.allowed_origins.len() > ORIGINS_MAX {
            errors.push(FieldError::new(
                "allowedOrigins",
                format!("must list at most {ORIGINS_MAX} origins"),
            ));
        }
        if errors.is_empty() {
            Ok(WebApplicationInput {
                name,
                allowed_origins: origins,
            })
        } else {
            Err(errors)
        }
    }
}

/// Where a public API request may have put its token: `?emApplicationtoken=` (the source
/// system's convention) or `Authorization: Bearer`.
pub fn token_from(query_token: Option<&str>, authorization: Option<&str>) -> Option<String> {
    let bearer = authorization
        .and_then(|a| {
            a.strip_prefix("Bearer ")
                .or_else(|| a.strip_prefix("bearer "))
        })
        .map(str::trim);
    query_token
        .map(str::trim)
        .or(bearer)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_accepted() {
        assert_eq!(
            origin(" https://Events.Example.com ").as_deref(),
            Ok("https://events.example.com")
        );
        for ok in [
            "https://example.com:8443",
            "http://localhost:5173",
            "http://127.0.0.1:8080",
            "https://a-b.example",
        ] {
            assert!(origin(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn origins_refused() {
        for bad in [
            "",
            "example.com",
            "https://example.com/",
            "https://example.com/path",
            "https://example.com?x",
            "http://example.com",
            "http://localhost",
            "ftp://example.com",
            "https://user@example.com",
            "https://exa mple.com",
            "https://example.com:0",
            "https://example.com:99999",
            "https://-x.example",
            "*",
            "null",
        ] {
            assert!(origin(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn inputs_name_each_bad_origin() {
        let input = WebApplicationInput {
            name: "Site".into(),
            allowed_origins: vec![
                "https://ok.example".into(),
                "https://ok.example/".into(),
                "HTTPS://OK.example".into(),
            ],
        };
        let errors = input.validate().expect_err("bad");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["allowedOrigins[1]", "allowedOrigins[2]"]);
        let none = WebApplicationInput {
            name: "Site".into(),
            allowed_origins: vec![],
        };
        assert_eq!(
            none.validate().expect_err("none")[0].field,
            "allowedOrigins"
        );
    }

    #[test]
    fn names_and_origins_refuse_control_characters() {
        for bad in ["Site\0", "Si\rte", "Si\nte"] {
            let input = WebApplicationInput {
                name: bad.into(),
                allowed_origins: vec![format!("https://{bad}.example")],
            };
            let errors = input.validate().expect_err("refused");
            let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["name", "allowedOrigins[0]"], "{bad:?}");
            assert_eq!(errors[0].message, crate::validate::SINGLE_LINE);
        }
    }

    #[test]
    fn tokens_come_from_query_or_bearer() {
        assert_eq!(token_from(Some("abc"), None).as_deref(), Some("abc"));
        assert_eq!(token_from(None, Some("Bearer xyz")).as_deref(), Some("xyz"));
        assert_eq!(token_from(Some(" "), Some("Basic x")), None);
        assert_eq!(token_from(None, None), None);
    }
}
