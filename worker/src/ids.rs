//! Random identifiers and the clock, from the runtime.

use crate::error::{ApiError, ApiResult};

/// `n` bytes from the platform's CSPRNG (WebCrypto inside workerd).
pub fn random_bytes<const N: usize>() -> ApiResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::internal(format!("getrandom: {e}")))?;
    Ok(bytes)
}

/// A random (version 4) UUID, the id of every record.
#[cfg(not(test))]
pub fn new_id() -> ApiResult<String> {
    Ok(uuid::Builder::from_random_bytes(random_bytes::<16>()?)
        .into_uuid()
        .to_string())
}

/// In native tests, ids are UUID-shaped and count up in each test thread, so records list
/// in the order they were created and a test fails the same way every time.
#[cfg(test)]
pub fn new_id() -> ApiResult<String> {
    thread_local!(static ISSUED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) });
    let n = ISSUED.with(|issued| issued.replace(issued.get() + 1));
    Ok(format!("00000000-0000-4000-8000-{n:012x}"))
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
#[cfg(not(test))]
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Native tests have no JavaScript clock: this one starts at 2026-01-01T00:00:00.000Z in each
/// test thread and advances a second per reading, so tests see distinct, ordered times.
#[cfg(test)]
pub fn now_iso() -> String {
    thread_local!(static READINGS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = READINGS.with(|r| r.replace(r.get() + 1));
    format!(
        "2026-01-01T{:02}:{:02}:{:02}.000Z",
        n / 3600 % 24,
        n / 60 % 60,
        n % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_is_lowercase_and_padded() {
        assert_eq!(super::hex(&[0, 15, 255]), "000fff");
    }

    #[test]
    fn test_ids_count_up_in_key_order() {
        let (a, b) = (super::new_id(), super::new_id());
        let (a, b) = (a.expect("id"), b.expect("id"));
        assert!(a < b, "{a} then {b}");
        assert!(uuid::Uuid::parse_str(&a).is_ok(), "{a}");
    }

    #[test]
    fn the_test_clock_advances_in_order() {
        let (a, b) = (super::now_iso(), super::now_iso());
        assert!(a < b, "{a} then {b}");
        assert_eq!(a.len(), "2026-01-01T00:00:00.000Z".len());
    }
}
