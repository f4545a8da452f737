//! Sending the registration: the API's rules first, then the Events API; then the errors
//! beside their fields, or the confirmation (with a webinar's join link once known).

use convene_types::FieldError;
use convene_types::custom::response_field;
use convene_types::i18n::{Lang, Text};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, FormData, HtmlButtonElement, HtmlElement, HtmlFormElement, ShadowRoot};

use super::controls::{add, control_id, el};
use super::fetch::{Api, answer, send};
use super::host::request_body;
use super::render::heading;
use crate::form::{Entry, Event, Outcome, Problem, confirmation, control, safe_link};
use crate::read;

/// Checks the entry with the API's rules, then sends it; shows the errors or the
/// confirmation.
pub(super) async fn submit(
    root: &ShadowRoot,
    form: &HtmlFormElement,
    button: &HtmlButtonElement,
    event: &Event,
    api: &Api,
    key: &str,
    lang: Lang,
) -> Result<(), JsValue> {
    let data = FormData::new_with_form(form)?;
    let mut entry = Entry::default();
    for name in controls(event) {
        for value in data.get_all(&name).iter() {
            entry
                .values
                .push((name.clone(), value.as_string().unwrap_or_default()));
        }
    }
    let attendee = match event.check(&entry) {
        Ok(attendee) => attendee,
        Err(errors) => {
            let problem = Problem::Own(Text::CorrectFields);
            return show_errors(root, event, &problem, &errors, lang);
        }
    };
    let body = request_body(&attendee, key);
    button.set_disabled(true);
    button.set_text_content(Some(Text::Sending.get(lang)));
    let outcome = register(api, &body).await;
    button.set_disabled(false);
    button.set_text_content(Some(Text::Register.get(lang)));
    match outcome {
        Outcome::Registered {
            waitlisted,
            join_url,
        } => {
            let doc = form.owner_document().ok_or("no document")?;
            let done = el(&doc, "div", &[("class", "panel"), ("lang", lang.tag())])?;
            heading(&doc, &done, event, &event.info.name, lang)?;
            let message = el(
                &doc,
                "p",
                &[("role", "status"), ("tabindex", "-1"), ("id", "cv-done")],
            )?;
            message.set_text_content(Some(confirmation(waitlisted).get(lang)));
            done.append_child(&message)?;
            root.replace_child(&done, form)?;
            message.unchecked_ref::<HtmlElement>().focus()?;
            if event.is_webinar() && !waitlisted {
                join_link(&done, api, &body, join_url, lang).await?;
            }
            Ok(())
        }
        Outcome::Refused { problem, fields } => show_errors(root, event, &problem, &fields, lang),
    }
}

/// Sends the registration `body` (a replay with the same idempotency key answers with
/// the same registration).
async fn register(api: &Api, body: &str) -> Outcome {
    match answer(send(&api.url("/registrations"), Some(body))).await {
        Ok((status, body)) => read::outcome(status, body.as_ref()),
        Err(_) => Outcome::Refused {
            problem: Problem::Own(Text::ConnectionLost),
            fields: Vec::new(),
        },
    }
}

/// Waits between asking again for the join link, in milliseconds: about half a minute
/// in all, the time the provider usually takes; after that the organizer sends it.
const JOIN_LINK_WAITS: [i32; 5] = [2_000, 3_000, 5_000, 8_000, 12_000];

/// Shows the webinar's join link: `known` now, or once a replay of the registration
/// carries it; meanwhile (and if it never comes) says that the organizer will send it.
async fn join_link(
    panel: &Element,
    api: &Api,
    body: &str,
    known: Option<String>,
    lang: Lang,
) -> Result<(), JsValue> {
    let doc = panel.owner_document().ok_or("no document")?;
    let line = el(&doc, "p", &[("class", "join")])?;
    panel.append_child(&line)?;
    let mut link = known;
    let mut waits = JOIN_LINK_WAITS.iter();
    loop {
        if let Some(url) = link.as_deref().and_then(safe_link) {
            let anchor = el(
                &doc,
                "a",
                &[("href", url), ("target", "_blank"), ("rel", "noopener")],
            )?;
            anchor.set_text_content(Some(Text::JoinWebinar.get(lang)));
            line.set_text_content(None);
            return add(&line, &anchor);
        }
        line.set_text_content(Some(Text::JoinLinkLater.get(lang)));
        let Some(wait) = waits.next() else {
            return Ok(());
        };
        sleep(*wait).await?;
        if let Outcome::Registered { join_url, .. } = register(api, body).await {
            link = join_url;
        }
    }
}

async fn sleep(ms: i32) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    JsFuture::from(wait).await.map(drop)
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

/// Shows `problem` above the form and each error under its control (an error with no
/// control of its own joins the problem); focuses the first field in error.
fn show_errors(
    root: &ShadowRoot,
    event: &Event,
    problem: &Problem,
    errors: &[FieldError],
    lang: Lang,
) -> Result<(), JsValue> {
    for name in controls(event) {
        let id = control_id(&name);
        if let Some(control) = root.get_element_by_id(&id) {
            control.remove_attribute("aria-invalid")?;
        }
        if let Some(line) = root.get_element_by_id(&[id.as_str(), "-error"].concat()) {
            line.set_text_content(None);
        }
    }
    let mut summary_text = problem.show(lang);
    let mut first: Option<Element> = None;
    for error in errors {
        let id = control_id(&error.field);
        let sentence = event.sentence(error, lang);
        match (
            root.get_element_by_id(&id),
            root.get_element_by_id(&[id.as_str(), "-error"].concat()),
        ) {
            (Some(control), Some(line)) => {
                control.set_attribute("aria-invalid", "true")?;
                line.set_text_content(Some(&sentence));
                first.get_or_insert(control);
            }
            _ => {
                summary_text.push(' ');
                summary_text.push_str(&sentence);
                summary_text.push('.');
            }
        }
    }
    let summary = root.get_element_by_id("cv-summary").ok_or("no summary")?;
    summary.set_text_content(Some(&summary_text));
    if let Some(first) = first {
        let target = match first.query_selector("input")? {
            Some(inner) => inner,
            None => first,
        };
        target.unchecked_ref::<HtmlElement>().focus()?;
    }
    Ok(())
}
