//! ON24's header authentication: `accessTokenKey` and `accessTokenSecret`, both required, checked
//! against the credential sets accepted for the `{clientId}` in the path.

/// One accepted credential set (a client id and its token key and secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    pub client_id: String,
    pub key: String,
    pub secret: String,
}

pub const KEY_HEADER: &str = "accessTokenKey";
pub const SECRET_HEADER: &str = "accessTokenSecret";
pub const INVALID_MESSAGE: &str = "Invalid accessTokenKey or accessTokenSecret";

/// `Ok` when `key` and `secret` match a credential set accepted for `client_id`; otherwise the
/// message of the 401. Empty header values count as missing.
pub fn check(
    accepted: &[Credential],
    client_id: &str,
    key: Option<&str>,
    secret: Option<&str>,
) -> Result<(), String> {
    let key = key.filter(|k| !k.is_empty());
    let secret = secret.filter(|s| !s.is_empty());
    let (key, secret) = match (key, secret) {
        (Some(key), Some(secret)) => (key, secret),
        (None, None) => {
            return Err(format!("Missing {KEY_HEADER} and {SECRET_HEADER} headers"));
        }
        (None, Some(_)) => return Err(format!("Missing {KEY_HEADER} header")),
        (Some(_), None) => return Err(format!("Missing {SECRET_HEADER} header")),
    };
    let matches = accepted
        .iter()
        .any(|c| c.client_id == client_id && c.key == key && c.secret == secret);
    if matches {
        Ok(())
    } else {
        Err(INVALID_MESSAGE.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cred(client: &str, key: &str, secret: &str) -> Credential {
        Credential {
            client_id: client.into(),
            key: key.into(),
            secret: secret.into(),
        }
    }

    #[test]
    fn matching_credentials_pass() {
        let accepted = [cred("1", "k1", "s1"), cred("2", "k2", "s2")];
        assert_eq!(check(&accepted, "1", Some("k1"), Some("s1")), Ok(()));
        assert_eq!(check(&accepted, "2", Some("k2"), Some("s2")), Ok(()));
    }

    #[test]
    fn credentials_belong_to_their_client() {
        let accepted = [cred("1", "k1", "s1"), cred("2", "k2", "s2")];
        // Another client's valid pair, a mixed pair, and a client with no credentials at all.
        for (client, key, secret) in [
            ("1", "k2", "s2"),
            ("1", "k1", "s2"),
            ("1", "K1", "s1"),
            ("3", "k1", "s1"),
        ] {
            assert_eq!(
                check(&accepted, client, Some(key), Some(secret)),
                Err(INVALID_MESSAGE.to_string()),
                "{client} {key} {secret}"
            );
        }
        assert!(check(&[], "1", Some("k1"), Some("s1")).is_err());
    }

    #[test]
    fn missing_headers_are_named() {
        let accepted = [cred("1", "k", "s")];
        let missing = |key, secret| check(&accepted, "1", key, secret).expect_err("refused");
        assert_eq!(missing(None, Some("s")), "Missing accessTokenKey header");
        assert_eq!(missing(Some("k"), None), "Missing accessTokenSecret header");
        assert_eq!(
            missing(Some("k"), Some("")),
            "Missing accessTokenSecret header"
        );
        assert_eq!(
            missing(None, None),
            "Missing accessTokenKey and accessTokenSecret headers"
        );
    }
}
