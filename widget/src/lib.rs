//! Convene's registration widget: the form an event website embeds with one tag,
//! `<convene-registration event="…" token="…">`, after the module script
//! `widget/convene-registration.js` (which defines the element and loads this WASM).
//!
//! `form` is the widget without the page (the event, the attendee's entry, the API's own
//! checks from `convene-types`, the wording of answers), tested natively; `dom` renders it
//! into the element's shadow root and talks to the Events API.

pub mod form;

#[cfg(target_arch = "wasm32")]
mod dom;
