//! The widget on the page. The page script (`widget/convene-registration.js`) builds the
//! elements, talks to the Events API and listens to the form; it asks this [`Widget`] what
//! to show and what to send. Every rule, reading and wording stays here, in Rust: the
//! script only turns the trees of [`view`] into elements (text as text) and passes the
//! answers back.
//!
//! Why the split: rendering and fetching from Rust (web-sys calls, futures, closures) were
//! most of the widget's weight; the script does them in a few lines. Measured (gzip -9,
//! KiB, before minifying the scripts): wasm 46.7 → 38.4, glue 5.5 → 4.6, page script
//! 0.9 → 2.7; 53.1 → 45.7 in all (docs/benchmarks.md). Strings and arrays pass as
//! `JsValue`: wasm-bindgen then adds no copying code (1.1 KiB less).
//!
//! An answer of the Events API, as the script passes it: `[status, body]`, the body parsed
//! JSON (or `undefined`); `null` when there was none (network down, or a refusal the
//! browser hides: CORS).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use convene_types::FieldError;
use convene_types::custom::response_field;
use convene_types::i18n::{Lang, Text, rule_message};
use convene_types::validate::web_link;
use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::form::{Entry, Event, Outcome, Problem, confirmation, control};
use crate::read::{self, Json, Unreadable, error_message};

mod host;
mod view;

use host::{object, request_body};
use view::{Node, control_id};

/// One rendering of the widget: the Events API's address for the event and token, the
/// reader's language and, once read, the event.
#[wasm_bindgen]
pub struct Widget {
    lang: Lang,
    /// The event's address, without the query.
    event_url: String,
    /// The query carrying the token; empty when the event or the token is missing.
    query: String,
    event: Option<Event>,
}

#[wasm_bindgen]
impl Widget {
    /// The widget for the published event `event` of the Events API at `api`, read with
    /// the application token `token`, in the language of the BCP 47 tag `lang` (English
    /// unless French).
    #[wasm_bindgen(constructor)]
    pub fn new(api: &str, event: &str, token: &str, lang: &str) -> Widget {
        let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
        let complete = !event.is_empty() && !token.is_empty();
        Widget {
            lang: Lang::from_tag(lang),
            event_url: [api.trim_end_matches('/'), "/api/v1/events/", &encode(event)].concat(),
            query: if complete {
                ["?emApplicationtoken=", &encode(token)].concat()
            } else {
                String::new()
            },
            event: None,
        }
    }

    /// What shows while the event loads; or why it cannot (no event or no token).
    pub fn loading(&self) -> JsValue {
        if self.query.is_empty() {
            return view::problem(Text::NeedsAttributes.get(self.lang), self.lang).into();
        }
        let panel = view::panel(self.lang);
        panel.add(Node::new("p", &[("role", "status")]).text(Text::Loading.get(self.lang)));
        panel.into()
    }

    /// The five reads the form needs (run together), in the order [`Widget::load`] takes
    /// their answers; none without an event and a token.
    pub fn reads(&self) -> Array {
        if self.query.is_empty() {
            return Array::new();
        }
        [
            "",
            "/sessions",
            "/passes",
            "/custom-registration-fields",
            "/registrations/count",
        ]
        .iter()
        .map(|suffix| JsValue::from(self.url(suffix)))
        .collect()
    }

    /// Where the registration is sent (a JSON POST).
    pub fn registration(&self) -> JsValue {
        self.url("/registrations").into()
    }

    /// The form, from the answers to [`Widget::reads`]; or what went wrong.
    pub fn load(&mut self, answers: &JsValue) -> JsValue {
        match self.event(&answers.items().unwrap_or_default()) {
            Ok(event) => {
                let form = view::form(&event, self.lang);
                self.event = Some(event);
                form.into()
            }
            Err(message) => view::problem(&message, self.lang).into(),
        }
    }

    /// The submit button's words, while sending or not.
    pub fn button(&self, sending: bool) -> JsValue {
        let text = if sending {
            Text::Sending
        } else {
            Text::Register
        };
        text.get(self.lang).into()
    }

    /// The body to send for the form's `entries` (`[name, value]` pairs, as `FormData`
    /// lists them) with the idempotency `key` of the form's registration, checked with the
    /// API's own rules; or the errors to show (see [`Widget::outcome`]).
    pub fn check(&self, entries: &JsValue, key: &str) -> JsValue {
        let Some(event) = &self.event else {
            return JsValue::UNDEFINED;
        };
        let entry = Entry {
            values: entries
                .items()
                .unwrap_or_default()
                .iter()
                .filter_map(|pair| {
                    let pair = pair.items()?;
                    Some((pair.first()?.string()?, pair.get(1)?.string()?))
                })
                .collect(),
        };
        match event.check(&entry) {
            Ok(attendee) => request_body(&attendee, key).into(),
            Err(errors) => self.errors(event, &Problem::Own(Text::CorrectFields), &errors),
        }
    }

    /// What the registration's `answer` means: `{done, join, link, later}` (the panel that
    /// replaces the form; whether to show a webinar's join link, the link if known, what
    /// the line says until then) or the errors to show, `{controls, problem, errors}`
    /// (every control's id to clear; the words above the form; `[id, sentence]` pairs,
    /// each for the control of that id or, when the form has none, for the words above).
    pub fn outcome(&self, answer: &JsValue) -> JsValue {
        let (Some(event), lang) = (&self.event, self.lang) else {
            return JsValue::UNDEFINED;
        };
        match registration(answer) {
            Outcome::Registered {
                waitlisted,
                place,
                join_url,
            } => {
                let done = view::panel(lang);
                view::heading(&done, event, &event.info.name, lang);
                let message = Node::new(
                    "p",
                    &[("role", "status"), ("tabindex", "-1"), ("id", "cv-done")],
                );
                done.add(message.text(&confirmation(waitlisted, place, lang)));
                object(&[
                    ("done", done.into()),
                    ("join", (event.is_webinar() && !waitlisted).into()),
                    ("link", self.join_link(join_url)),
                    ("later", Text::JoinLinkLater.get(lang).into()),
                ])
            }
            Outcome::Refused { problem, fields } => self.errors(event, &problem, &fields),
        }
    }

    /// The webinar's join link in a repeated registration's `answer`, if it carries one.
    #[wasm_bindgen(js_name = joinLink)]
    pub fn join_link_in(&self, answer: &JsValue) -> JsValue {
        match registration(answer) {
            Outcome::Registered { join_url, .. } => self.join_link(join_url),
            Outcome::Refused { .. } => JsValue::UNDEFINED,
        }
    }
}

impl Widget {
    fn url(&self, suffix: &str) -> String {
        [self.event_url.as_str(), suffix, &self.query].concat()
    }

    fn event(&self, answers: &[JsValue]) -> Result<Event, String> {
        let lang = self.lang;
        let [event, sessions, passes, fields, count] = answers else {
            return Err(Text::Unreachable.get(lang).to_string());
        };
        Ok(Event {
            info: read(event, read::event, lang)?,
            sessions: read(sessions, read::sessions, lang)?,
            passes: read(passes, read::passes, lang)?,
            fields: read(fields, read::fields, lang)?,
            availability: read(count, |c| Ok(read::availability(c)), lang)?,
        })
    }

    /// A link to join the webinar at `url`, if it is a web address.
    fn join_link(&self, url: Option<String>) -> JsValue {
        let Some(url) = url.as_deref().and_then(web_link) else {
            return JsValue::UNDEFINED;
        };
        Node::new(
            "a",
            &[("href", url), ("target", "_blank"), ("rel", "noopener")],
        )
        .text(Text::JoinWebinar.get(self.lang))
        .into()
    }

    /// `problem` and `errors`, for the page script to show (see [`Widget::outcome`]).
    fn errors(&self, event: &Event, problem: &Problem, errors: &[FieldError]) -> JsValue {
        let ids: Array = controls(event)
            .iter()
            .map(|name| JsValue::from(control_id(name)))
            .collect();
        let errors: Array = errors
            .iter()
            .map(|error| {
                let id = control_id(&error.field);
                let sentence = event.sentence(error, self.lang);
                Array::of2(&id.into(), &sentence.into())
            })
            .collect();
        object(&[
            ("controls", ids.into()),
            ("problem", problem.show(self.lang).into()),
            ("errors", errors.into()),
        ])
    }
}

/// An answer's status and body; `None` when there was no answer.
fn answer(answer: &JsValue) -> Option<(u16, Option<JsValue>)> {
    let parts = answer.items()?;
    let status = parts.first()?.as_f64()? as u16;
    Some((status, parts.get(1).filter(|b| !b.is_undefined()).cloned()))
}

/// A read's body, read by `reader`; or what to tell the reader of the page. A refused
/// token or origin carries no CORS permission, so the browser hides it as it hides a
/// server that is down: [`Text::Unreachable`] names both.
fn read<T>(
    answer: &JsValue,
    reader: fn(&JsValue) -> Result<T, Unreadable>,
    lang: Lang,
) -> Result<T, String> {
    let body = body(answer, lang)?;
    reader(&body).map_err(|_| Text::Unreadable.get(lang).to_string())
}

/// The body of a read's answer, when it is a success with a JSON body.
fn body(read: &JsValue, lang: Lang) -> Result<JsValue, String> {
    let (status, body) = answer(read).ok_or_else(|| Text::Unreachable.get(lang).to_string())?;
    if status != 200 {
        return Err(error_message(body.as_ref()).map_or_else(
            || {
                [
                    Text::LoadFailed.get(lang),
                    itoa::Buffer::new().format(status),
                ]
                .join(" ")
            },
            |message| rule_message(&message, lang),
        ));
    }
    body.ok_or_else(|| Text::Unreadable.get(lang).to_string())
}

/// What the answer to a registration (or to its replay: same idempotency key, same
/// registration) means.
fn registration(sent: &JsValue) -> Outcome {
    match answer(sent) {
        Some((status, body)) => read::outcome(status, body.as_ref()),
        None => Outcome::Refused {
            problem: Problem::Own(Text::ConnectionLost),
            fields: Vec::new(),
        },
    }
}

/// Every control name the form has.
fn controls(event: &Event) -> Vec<String> {
    let mut names: Vec<String> = [
        control::EMAIL,
        control::FIRST_NAME,
        control::LAST_NAME,
        control::COMPANY,
        control::SESSIONS,
        control::PASS,
    ]
    .map(str::to_string)
    .to_vec();
    names.extend(
        event
            .fields
            .iter()
            .map(|f| response_field(&f.custom_registration_field_id)),
    );
    names
}
