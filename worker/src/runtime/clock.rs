//! The runtime's clock. In a Worker it advances only across I/O (a Spectre mitigation), which
//! is all Convene needs: expiry times, sign-in windows and timestamps of stored records.

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    worker::js_sys::Date::now()
}

/// How many minutes `time_zone` (IANA) is ahead of UTC at `at_ms`, from the runtime's
/// `Intl` (Workers have no time zone database of their own). `None` for a zone the runtime
/// does not know.
pub fn utc_offset_minutes(time_zone: &str, at_ms: f64) -> Option<i32> {
    use worker::js_sys::{Array, Date, Function, Object, Reflect};
    use worker::wasm_bindgen::{JsCast, JsValue};

    let intl = Reflect::get(&worker::js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    Reflect::set(&options, &"timeZone".into(), &time_zone.into()).ok()?;
    Reflect::set(&options, &"timeZoneName".into(), &"longOffset".into()).ok()?;
    let args = Array::of2(&JsValue::from_str("en-US"), &options);
    // A zone it does not know is a RangeError here, not a trap.
    let format = Reflect::construct(&constructor, &args).ok()?;
    let parts: Function = Reflect::get(&format, &"formatToParts".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let parts: Array = parts
        .call1(&format, &Date::new(&at_ms.into()))
        .ok()?
        .dyn_into()
        .ok()?;
    parts.iter().find_map(|part| {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        (kind == "timeZoneName")
            .then(|| Reflect::get(&part, &"value".into()).ok()?.as_string())
            .flatten()
            .and_then(|name| convene_types::sync::gmt_offset_minutes(&name))
    })
}
