//! What the widget borrows from the browser instead of carrying it in its WASM: JSON
//! (`JSON.parse`, `JSON.stringify`, read through `Reflect`), date reading (`Date.parse`)
//! and date formatting for the reader's language (`Intl.DateTimeFormat`).

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use convene_types::i18n::Lang;
use convene_types::public::PublicAttendee;
use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::read::Json;

impl Json for JsValue {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        Reflect::get(self, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn items(&self) -> Option<Vec<Self>> {
        Array::is_array(self).then(|| Array::from(self).iter().collect())
    }
}

/// `text` parsed as JSON, if it is JSON.
fn parse(text: &str) -> Option<JsValue> {
    JSON::parse(text).ok()
}

/// A plain object with `entries`.
pub(super) fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        // Setting a property of a plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn strings(items: &[String]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

/// The registration request for one attendee, as the Events API reads it.
pub(super) fn request_body(attendee: &PublicAttendee, idempotency_key: &str) -> String {
    let responses: Array = attendee
        .responses
        .iter()
        .map(|a| {
            let mut entries = vec![
                ("id", a.id.as_str().into()),
                ("value", a.value.as_str().into()),
            ];
            if let Some(choices) = &a.choices {
                entries.push(("choices", strings(choices)));
            }
            object(&entries)
        })
        .collect();
    let mut person = vec![
        ("email", attendee.email.as_str().into()),
        ("firstName", attendee.first_name.as_str().into()),
        ("lastName", attendee.last_name.as_str().into()),
        ("company", attendee.company.as_str().into()),
        ("sessionIds", strings(&attendee.session_ids)),
        ("responses", responses.into()),
    ];
    if let Some(pass) = &attendee.pass_id {
        person.push(("passId", pass.as_str().into()));
    }
    let body = object(&[
        ("attendees", Array::of1(&object(&person)).into()),
        ("idempotencyKey", idempotency_key.into()),
    ]);
    JSON::stringify(&body)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, catch, js_name = formatRange)]
    fn format_range(this: &DateTimeFormat, start: f64, end: f64) -> Result<String, JsValue>;
}

/// How long a time range is written.
#[derive(Clone, Copy)]
pub(super) enum Span {
    /// The event: the full date.
    Event,
    /// A session: short.
    Session,
}

/// Milliseconds since the epoch of a local wall-clock time (`YYYY-MM-DDTHH:MM`, as the
/// API stores it after `convene_types::event::parse_local` accepted it) read as if it were
/// UTC: with the formatter set to UTC, it shows that wall-clock time unchanged (an event's
/// times are shown as the event's time zone has them). The host reads it: `time` would
/// add 0.9 KB to the widget (docs/benchmarks.md).
fn wall_clock_ms(local: &str) -> Option<f64> {
    let ms = js_sys::Date::parse(&[local.trim(), "Z"].concat());
    (!ms.is_nan()).then_some(ms)
}

/// `start`–`end` (local wall-clock times) in `lang`, as the event's time zone has them; an
/// unreadable time gives `None`.
pub(super) fn when(lang: Lang, span: Span, start: &str, end: &str) -> Option<String> {
    // UTC: the wall-clock times are shown as they are (`wall_clock_ms`).
    let options = match span {
        Span::Event => r#"{"dateStyle":"full","timeStyle":"short","timeZone":"UTC"}"#,
        Span::Session => {
            r#"{"weekday":"short","day":"numeric","month":"short","hour":"numeric","minute":"2-digit","timeZone":"UTC"}"#
        }
    };
    let format = DateTimeFormat::new(lang.tag(), &parse(options)?).ok()?;
    format
        .format_range(wall_clock_ms(start)?, wall_clock_ms(end)?)
        .ok()
}
