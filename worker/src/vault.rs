//! Envelope encryption for provider credentials, in the role a key vault plays.
//!
//! Each record's plaintext is encrypted with its own random 256-bit data key (AES-256-GCM,
//! random 96-bit nonce, the record id and format version as associated data). The data key
//! is wrapped (AES-256-GCM again) by a key-encryption key from the [`Keyring`], a Worker
//! secret; the wrap binds the record id and the key id. Rotating the key-encryption key
//! re-wraps data keys only ([`rewrap`]); ciphertexts never change.
//!
//! Plain Rust (no `worker::` types), so every property is tested natively below.

use std::collections::BTreeMap;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use serde::{Deserialize, Serialize};

/// Version of the sealed format and of the associated data layout.
pub const FORMAT_VERSION: u32 = 1;
/// Name of the Worker secret that holds the keyring.
pub const KEYRING_SECRET: &str = "CREDENTIALS_KEYRING";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// The keyring secret is not set.
    KeyringMissing,
    /// The keyring secret is set but unreadable; the text says why (never a key).
    KeyringInvalid(String),
    /// The record was wrapped with a key that is no longer in the keyring.
    UnknownKey(String),
    /// Authentication failed: wrong key, or the record was altered.
    Undecryptable,
    /// The platform's random generator failed.
    Random(String),
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VaultError::KeyringMissing => {
                write!(f, "the {KEYRING_SECRET} secret is not set")
            }
            VaultError::KeyringInvalid(why) => {
                write!(f, "the {KEYRING_SECRET} secret is invalid: {why}")
            }
            VaultError::UnknownKey(id) => write!(
                f,
                "the credentials are wrapped with key '{id}', which is not in {KEYRING_SECRET}"
            ),
            VaultError::Undecryptable => write!(
                f,
                "the credentials cannot be decrypted with the configured keys (wrong key or altered record)"
            ),
            VaultError::Random(why) => write!(f, "random generator failed: {why}"),
        }
    }
}

/// Key-encryption keys by id, and which one wraps new data keys.
///
/// Secret format (JSON): `{"current": "k2", "keys": {"k1": "<64 hex>", "k2": "<64 hex>"}}`.
pub struct Keyring {
    current: String,
    keys: BTreeMap<String, [u8; 32]>,
}

#[derive(Deserialize)]
struct KeyringText {
    current: String,
    keys: BTreeMap<String, String>,
}

impl Keyring {
    pub fn parse(text: &str) -> Result<Self, VaultError> {
        let parsed: KeyringText = serde_json::from_str(text).map_err(|e| {
            // serde's message may quote input; keep only its category.
            VaultError::KeyringInvalid(format!("not the expected JSON ({:?})", e.classify()))
        })?;
        let mut keys = BTreeMap::new();
        for (id, hex_key) in parsed.keys {
            let bytes = hex::decode(hex_key.trim())
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| {
                    VaultError::KeyringInvalid(format!("key '{id}' is not 64 hex characters"))
                })?;
            keys.insert(id, bytes);
        }
        if !keys.contains_key(&parsed.current) {
            return Err(VaultError::KeyringInvalid(format!(
                "current key '{}' is not among the keys",
                parsed.current
            )));
        }
        Ok(Keyring {
            current: parsed.current,
            keys,
        })
    }

    pub fn current_id(&self) -> &str {
        &self.current
    }

    fn key(&self, id: &str) -> Result<&[u8; 32], VaultError> {
        self.keys
            .get(id)
            .ok_or_else(|| VaultError::UnknownKey(id.to_string()))
    }
}

/// A sealed value as stored: hex strings, no plaintext, nothing usable without the keyring.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Sealed {
    pub version: u32,
    /// Id of the key-encryption key that wrapped the data key.
    pub kek_id: String,
    /// Nonce (12 bytes) followed by the wrapped data key and its tag.
    pub wrapped_key: String,
    pub nonce: String,
    /// Ciphertext and tag.
    pub ciphertext: String,
}

fn data_aad(record_id: &str) -> String {
    format!("convene:credentials:v{FORMAT_VERSION}:{record_id}")
}

fn wrap_aad(record_id: &str, kek_id: &str) -> String {
    format!("convene:data-key:v{FORMAT_VERSION}:{record_id}:{kek_id}")
}

fn random<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| VaultError::Random(e.to_string()))?;
    Ok(bytes)
}

fn encrypt(
    key: &[u8; 32],
    nonce: &[u8; 12],
    plaintext: &[u8],
    aad: &str,
) -> Result<Vec<u8>, VaultError> {
    let cipher = Aes256Gcm::new(key.into());
    cipher
        .encrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: plaintext,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| VaultError::Undecryptable)
}

fn decrypt(
    key: &[u8; 32],
    nonce: &[u8],
    ciphertext: &[u8],
    aad: &str,
) -> Result<Vec<u8>, VaultError> {
    if nonce.len() != 12 {
        return Err(VaultError::Undecryptable);
    }
    let cipher = Aes256Gcm::new(key.into());
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| VaultError::Undecryptable)
}

fn wrap(
    keyring: &Keyring,
    record_id: &str,
    data_key: &[u8; 32],
) -> Result<(String, String), VaultError> {
    let kek_id = keyring.current_id().to_string();
    let nonce = random::<12>()?;
    let wrapped = encrypt(
        keyring.key(&kek_id)?,
        &nonce,
        data_key,
        &wrap_aad(record_id, &kek_id),
    )?;
    Ok((kek_id, hex::encode([nonce.as_slice(), &wrapped].concat())))
}

fn unwrap(keyring: &Keyring, record_id: &str, sealed: &Sealed) -> Result<[u8; 32], VaultError> {
    let kek = keyring.key(&sealed.kek_id)?;
    let bytes = hex::decode(&sealed.wrapped_key).map_err(|_| VaultError::Undecryptable)?;
    if bytes.len() < 12 {
        return Err(VaultError::Undecryptable);
    }
    let (nonce, wrapped) = bytes.split_at(12);
    let key = decrypt(kek, nonce, wrapped, &wrap_aad(record_id, &sealed.kek_id))?;
    <[u8; 32]>::try_from(key).map_err(|_| VaultError::Undecryptable)
}

/// Encrypts `plaintext` for the record `record_id` under a fresh data key.
pub fn seal(keyring: &Keyring, record_id: &str, plaintext: &[u8]) -> Result<Sealed, VaultError> {
    let data_key = random::<32>()?;
    let nonce = random::<12>()?;
    let ciphertext = encrypt(&data_key, &nonce, plaintext, &data_aad(record_id))?;
    let (kek_id, wrapped_key) = wrap(keyring, record_id, &data_key)?;
    Ok(Sealed {
        version: FORMAT_VERSION,
        kek_id,
        wrapped_key,
        nonce: hex::encode(nonce),
        ciphertext: hex::encode(ciphertext),
    })
}

/// Decrypts a sealed value of the record `record_id`. Any alteration, a wrong key or a
/// value sealed for another record fails; it never yields an empty or garbled plaintext.
pub fn open(keyring: &Keyring, record_id: &str, sealed: &Sealed) -> Result<Vec<u8>, VaultError> {
    if sealed.version != FORMAT_VERSION {
        return Err(VaultError::Undecryptable);
    }
    let data_key = unwrap(keyring, record_id, sealed)?;
    let nonce = hex::decode(&sealed.nonce).map_err(|_| VaultError::Undecryptable)?;
    let ciphertext = hex::decode(&sealed.ciphertext).map_err(|_| VaultError::Undecryptable)?;
    decrypt(&data_key, &nonce, &ciphertext, &data_aad(record_id))
}

/// Re-wraps the data key under the keyring's current key; `None` when it already is.
pub fn rewrap(
    keyring: &Keyring,
    record_id: &str,
    sealed: &Sealed,
) -> Result<Option<Sealed>, VaultError> {
    if sealed.kek_id == keyring.current_id() {
        return Ok(None);
    }
    let data_key = unwrap(keyring, record_id, sealed)?;
    let (kek_id, wrapped_key) = wrap(keyring, record_id, &data_key)?;
    Ok(Some(Sealed {
        kek_id,
        wrapped_key,
        ..sealed.clone()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const K1: &str = "1111111111111111111111111111111111111111111111111111111111111111";
    const K2: &str = "2222222222222222222222222222222222222222222222222222222222222222";
    const SECRET: &[u8] =
        br#"{"clientId":"123","accessTokenKey":"key","accessTokenSecret":"s3cr3t"}"#;

    fn ring(current: &str, keys: &[(&str, &str)]) -> Keyring {
        let keys: BTreeMap<_, _> = keys
            .iter()
            .map(|(id, k)| (id.to_string(), k.to_string()))
            .collect();
        let text = serde_json::json!({"current": current, "keys": keys}).to_string();
        Keyring::parse(&text).expect("valid keyring")
    }

    /// Every variant of `hex_text` with one byte flipped.
    fn flips(hex_text: &str) -> Vec<String> {
        let bytes = hex::decode(hex_text).expect("hex");
        (0..bytes.len())
            .map(|i| {
                let mut b = bytes.clone();
                b[i] ^= 0x01;
                hex::encode(b)
            })
            .collect()
    }

    #[test]
    fn round_trip() {
        let keyring = ring("k1", &[("k1", K1)]);
        let sealed = seal(&keyring, "rec-1", SECRET).expect("seals");
        assert_eq!(open(&keyring, "rec-1", &sealed).expect("opens"), SECRET);
        let stored = serde_json::to_string(&sealed).expect("json");
        assert!(!stored.contains("s3cr3t") && !stored.contains(&hex::encode(b"s3cr3t")));
        // Fresh data key and nonces every time.
        let again = seal(&keyring, "rec-1", SECRET).expect("seals");
        assert_ne!(again.ciphertext, sealed.ciphertext);
        assert_ne!(again.wrapped_key, sealed.wrapped_key);
    }

    #[test]
    fn any_altered_byte_fails() {
        let keyring = ring("k1", &[("k1", K1)]);
        let sealed = seal(&keyring, "rec-1", SECRET).expect("seals");
        for ciphertext in flips(&sealed.ciphertext) {
            let altered = Sealed {
                ciphertext,
                ..sealed.clone()
            };
            assert_eq!(
                open(&keyring, "rec-1", &altered),
                Err(VaultError::Undecryptable)
            );
        }
        for nonce in flips(&sealed.nonce) {
            let altered = Sealed {
                nonce,
                ..sealed.clone()
            };
            assert_eq!(
                open(&keyring, "rec-1", &altered),
                Err(VaultError::Undecryptable)
            );
        }
        for wrapped_key in flips(&sealed.wrapped_key) {
            let altered = Sealed {
                wrapped_key,
                ..sealed.clone()
            };
            assert_eq!(
                open(&keyring, "rec-1", &altered),
                Err(VaultError::Undecryptable)
            );
        }
        let truncated = Sealed {
            ciphertext: sealed.ciphertext[..sealed.ciphertext.len() - 2].to_string(),
            ..sealed.clone()
        };
        assert_eq!(
            open(&keyring, "rec-1", &truncated),
            Err(VaultError::Undecryptable)
        );
    }

    #[test]
    fn associated_data_binds_record_and_key_id() {
        let keyring = ring("k1", &[("k1", K1), ("k1b", K1)]);
        let sealed = seal(&keyring, "rec-1", SECRET).expect("seals");
        // Moved to another record: refused.
        assert_eq!(
            open(&keyring, "rec-2", &sealed),
            Err(VaultError::Undecryptable)
        );
        // Relabelled with another key id holding the same key bytes: refused.
        let relabelled = Sealed {
            kek_id: "k1b".into(),
            ..sealed.clone()
        };
        assert_eq!(
            open(&keyring, "rec-1", &relabelled),
            Err(VaultError::Undecryptable)
        );
        let other_version = Sealed {
            version: 2,
            ..sealed
        };
        assert_eq!(
            open(&keyring, "rec-1", &other_version),
            Err(VaultError::Undecryptable)
        );
    }

    #[test]
    fn wrong_or_missing_key_fails_clearly() {
        let sealed = seal(&ring("k1", &[("k1", K1)]), "rec-1", SECRET).expect("seals");
        let wrong = ring("k1", &[("k1", K2)]);
        assert_eq!(
            open(&wrong, "rec-1", &sealed),
            Err(VaultError::Undecryptable)
        );
        let other = ring("k2", &[("k2", K2)]);
        assert_eq!(
            open(&other, "rec-1", &sealed),
            Err(VaultError::UnknownKey("k1".into()))
        );
    }

    #[test]
    fn rotation_rewraps_and_old_records_still_read() {
        let old = ring("k1", &[("k1", K1)]);
        let sealed = seal(&old, "rec-1", SECRET).expect("seals");
        // Step 1: add k2 as current, keep k1. Old records read.
        let both = ring("k2", &[("k1", K1), ("k2", K2)]);
        assert_eq!(open(&both, "rec-1", &sealed).expect("opens"), SECRET);
        // Step 2: re-wrap. Only the wrapped key changes.
        let rewrapped = rewrap(&both, "rec-1", &sealed)
            .expect("rewraps")
            .expect("changed");
        assert_eq!(rewrapped.kek_id, "k2");
        assert_eq!(rewrapped.ciphertext, sealed.ciphertext);
        assert_eq!(rewrap(&both, "rec-1", &rewrapped).expect("no-op"), None);
        assert_eq!(open(&both, "rec-1", &rewrapped).expect("opens"), SECRET);
        // Step 3: remove k1. Re-wrapped records read; a record missed by step 2 says why.
        let new = ring("k2", &[("k2", K2)]);
        assert_eq!(open(&new, "rec-1", &rewrapped).expect("opens"), SECRET);
        assert_eq!(
            open(&new, "rec-1", &sealed),
            Err(VaultError::UnknownKey("k1".into()))
        );
    }

    #[test]
    fn bad_keyrings_are_refused_without_echoing_keys() {
        for text in [
            "",
            "not json",
            r#"{"current":"k1","keys":{}}"#,
            r#"{"current":"k1","keys":{"k1":"abcd"}}"#,
            r#"{"current":"k1","keys":{"k1":"zz11111111111111111111111111111111111111111111111111111111111111"}}"#,
        ] {
            let Err(VaultError::KeyringInvalid(why)) = Keyring::parse(text) else {
                panic!("{text:?} should be refused");
            };
            assert!(!why.contains("abcd") && !why.contains("zz11"), "{why}");
        }
    }
}
