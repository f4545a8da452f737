//! The runtime's clock. In a Worker it advances only across I/O (a Spectre mitigation), which
//! is all Convene needs: expiry times, sign-in windows and timestamps of stored records.

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    worker::js_sys::Date::now()
}
