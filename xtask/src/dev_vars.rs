//! The local secrets file `.dev.vars` (git-ignored) that `wrangler dev` reads.

use crate::{Result, root};

/// Adds what is missing to `.dev.vars` (git-ignored): a random administrator password and
/// a credentials keyring with one random key. Returns a new password so it is printed once.
pub fn ensure() -> Result<Option<String>> {
    let path = root().join(".dev.vars");
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        "# Local secrets for `wrangler dev` (git-ignored). Production: `wrangler secret put`.\n"
            .to_string()
    });
    let has = |text: &str, name: &str| text.lines().any(|l| l.starts_with(&format!("{name}=")));
    let mut new_password = None;
    if !has(&text, "ADMIN_PASSWORD") {
        let password = random_token(18)?;
        text.push_str(&format!("ADMIN_PASSWORD=\"{password}\"\n"));
        new_password = Some(password);
    }
    if !has(&text, "CREDENTIALS_KEYRING") {
        let key = hex(&random_bytes(32)?);
        text.push_str(&format!(
            "CREDENTIALS_KEYRING='{{\"current\":\"k1\",\"keys\":{{\"k1\":\"{key}\"}}}}'\n"
        ));
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(new_password)
}

fn random_bytes(n: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("/dev/urandom: {e}"))?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `len` random characters from an unambiguous alphanumeric alphabet (OS CSPRNG).
fn random_token(len: usize) -> Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    // Rejection sampling keeps every character equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for b in random_bytes(len)? {
            if (b as usize) < limit && out.len() < len {
                out.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens_use_the_alphabet() {
        let token = random_token(32).expect("urandom");
        assert_eq!(token.len(), 32);
        assert!(token.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(token, random_token(32).expect("urandom"));
    }
}
