//! Random identifiers and the clock, from the runtime.

use crate::error::{ApiError, ApiResult};

/// `n` bytes from the platform's CSPRNG (WebCrypto inside workerd).
pub fn random_bytes<const N: usize>() -> ApiResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::internal(format!("getrandom: {e}")))?;
    Ok(bytes)
}

/// A random (version 4) UUID, the id of every record.
pub fn new_id() -> ApiResult<String> {
    Ok(uuid::Builder::from_random_bytes(random_bytes::<16>()?)
        .into_uuid()
        .to_string())
}

/// A 256-bit random token as lowercase hex (session ids, application tokens).
pub fn new_token() -> ApiResult<String> {
    Ok(hex(&random_bytes::<32>()?))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The current time as an RFC 3339 string (UTC, milliseconds).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_is_lowercase_and_padded() {
        assert_eq!(super::hex(&[0, 15, 255]), "000fff");
    }
}
