//! Users' passwords: PBKDF2-HMAC-SHA256 with a random salt, the parameters stored with the
//! hash so that they can be raised later (a hash made with fewer iterations is replaced at
//! the user's next sign-in).
//!
//! The derivation is the runtime's WebCrypto (`runtime::crypto`); the rules around it are
//! plain Rust, tested natively below.

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::error::ApiResult;
use crate::ids;
use crate::runtime::crypto;

/// Iterations for new hashes: the most the Workers runtime's PBKDF2 accepts.
pub const ITERATIONS: u32 = 100_000;
const SALT_BYTES: usize = 16;

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Algorithm {
    Pbkdf2Sha256,
}

/// A stored password: never the password, never shown by the API.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct PasswordHash {
    pub algorithm: Algorithm,
    pub iterations: u32,
    /// Hex.
    pub salt: String,
    /// Hex, 32 bytes.
    pub hash: String,
}

impl PasswordHash {
    fn from_parts(salt: &[u8], iterations: u32, derived: &[u8]) -> Self {
        PasswordHash {
            algorithm: Algorithm::Pbkdf2Sha256,
            iterations,
            salt: ids::hex(salt),
            hash: ids::hex(derived),
        }
    }

    /// Whether `derived` (this hash's derivation of a candidate password) is the stored
    /// hash, in time independent of where they differ.
    fn matches(&self, derived: &[u8]) -> bool {
        bool::from(ids::hex(derived).as_bytes().ct_eq(self.hash.as_bytes()))
    }

    /// Whether the hash was made with weaker parameters than new ones get.
    pub fn is_outdated(&self) -> bool {
        self.iterations < ITERATIONS
    }

    fn salt_bytes(&self) -> Vec<u8> {
        hex::decode(&self.salt).unwrap_or_default()
    }
}

/// A new hash of `password`, with a fresh salt.
pub async fn hash(password: &str) -> ApiResult<PasswordHash> {
    let salt: [u8; SALT_BYTES] = ids::random_bytes()?;
    let derived = crypto::pbkdf2_sha256(password, &salt, ITERATIONS).await?;
    Ok(PasswordHash::from_parts(&salt, ITERATIONS, &derived))
}

/// Whether `password` is the one `stored` was made from.
pub async fn verify(password: &str, stored: &PasswordHash) -> ApiResult<bool> {
    let derived = crypto::pbkdf2_sha256(password, &stored.salt_bytes(), stored.iterations).await?;
    Ok(stored.matches(&derived))
}

/// Spends the time a [`verify`] would, for a user name that has no password, so that the
/// answer's timing does not tell which user names exist.
pub async fn verify_nothing(password: &str) -> ApiResult<()> {
    crypto::pbkdf2_sha256(password, &[0; SALT_BYTES], ITERATIONS).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_keeps_its_parameters_and_matches_only_its_own_derivation() {
        let stored = PasswordHash::from_parts(&[7; SALT_BYTES], ITERATIONS, &[1; 32]);
        assert_eq!(stored.salt_bytes(), vec![7; SALT_BYTES]);
        assert!(stored.matches(&[1; 32]));
        assert!(!stored.matches(&[2; 32]));
        assert!(!stored.matches(&[1; 31]));
        assert!(!stored.is_outdated());
        let weaker = PasswordHash::from_parts(&[7; SALT_BYTES], 10_000, &[1; 32]);
        assert!(weaker.is_outdated());
    }

    #[test]
    fn the_stored_form_names_the_algorithm_and_holds_no_password() {
        let stored = PasswordHash::from_parts(&[0xab; SALT_BYTES], ITERATIONS, &[0xcd; 32]);
        let json = serde_json::to_string(&stored).expect("json");
        assert!(json.contains("\"algorithm\":\"pbkdf2-sha256\""), "{json}");
        assert!(json.contains("\"iterations\":100000"), "{json}");
    }
}
