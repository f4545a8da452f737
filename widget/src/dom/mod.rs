//! The widget on the page: renders [`crate::form`] into the element's shadow root, reads
//! the Events API and sends the registration. Thin: every rule and wording is in `form`.

use std::rc::Rc;

use convene_types::FieldError;
use convene_types::custom::{InputKind, NO_CHOICE, response_field};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{
    Document, Element, FormData, HtmlButtonElement, HtmlElement, HtmlFormElement, ShadowRoot,
    ShadowRootInit, ShadowRootMode,
};

use crate::form::{Entry, Event, Outcome, control};

mod controls;
mod fetch;

use controls::{add, boxes, control_id, el, el_text, input, select, text};
use fetch::{Api, answer, read, send};

const STYLE: &str = include_str!("../widget.css");

/// Renders the registration form of the published event `event` into `host`, reading it
/// from the Events API at `api` with the application token `token`.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, api: String, event: String, token: String) {
    spawn_local(async move {
        if let Err(e) = start(&host, &api, &event, &token).await {
            web_sys::console::error_2(&"convene-registration:".into(), &e);
        }
    });
}

async fn start(host: &HtmlElement, api: &str, event: &str, token: &str) -> Result<(), JsValue> {
    let doc = host.owner_document().ok_or("no document")?;
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    root.set_inner_html("");
    let style = doc.create_element("style")?;
    style.set_text_content(Some(STYLE));
    root.append_child(&style)?;
    let panel = el(&doc, "div", &[("class", "panel")])?;
    let status = el(&doc, "p", &[("role", "status")])?;
    panel.append_child(&status)?;
    root.append_child(&panel)?;
    if event.is_empty() || token.is_empty() {
        return show_problem(
            &status,
            "This registration form needs its event and token attributes.",
        );
    }
    status.set_text_content(Some("Loading the registration form…"));
    let api = Rc::new(Api {
        event_url: format!(
            "{}/api/v1/events/{}",
            api.trim_end_matches('/'),
            js_sys::encode_uri_component(event)
        ),
        query: format!(
            "?emApplicationtoken={}",
            js_sys::encode_uri_component(token)
        ),
    });
    // The four reads run together.
    let reads = ["", "/sessions", "/passes", "/custom-registration-fields"]
        .map(|suffix| send(&api.url(suffix), None));
    let [event, sessions, passes, fields] = reads;
    let loaded = async {
        Ok::<_, String>(Event {
            event: read(event).await?,
            sessions: read(sessions).await?,
            passes: read(passes).await?,
            fields: read(fields).await?,
        })
    }
    .await;
    match loaded {
        Ok(event) => {
            root.remove_child(&panel)?;
            render(&doc, &root, Rc::new(event), api)
        }
        Err(message) => show_problem(&status, &message),
    }
}

fn show_problem(status: &Element, message: &str) -> Result<(), JsValue> {
    status.set_attribute("role", "alert")?;
    status.set_attribute("class", "summary")?;
    status.set_text_content(Some(message));
    Ok(())
}

/// The form: attendee fields, sessions, pass, the event's questions, a submit button.
fn render(
    doc: &Document,
    root: &ShadowRoot,
    event: Rc<Event>,
    api: Rc<Api>,
) -> Result<(), JsValue> {
    let form: HtmlFormElement = el(
        doc,
        "form",
        &[("novalidate", ""), ("aria-labelledby", "cv-title")],
    )?
    .dyn_into()?;
    let title = text(doc, "h2", &format!("Register: {}", event.event.event_name))?;
    title.set_id("cv-title");
    form.append_child(&title)?;
    add(&form, &el_text(doc, "p", "when", &event.when())?)?;
    let summary = el(
        doc,
        "p",
        &[
            ("class", "summary"),
            ("role", "alert"),
            ("id", "cv-summary"),
        ],
    )?;
    form.append_child(&summary)?;

    let label = |name: &str| event.label(name);
    input(
        doc,
        &form,
        control::EMAIL,
        &label(control::EMAIL),
        "email",
        "email",
        true,
    )?;
    for (name, autocomplete) in [
        (control::FIRST_NAME, "given-name"),
        (control::LAST_NAME, "family-name"),
        (control::COMPANY, "organization"),
    ] {
        input(doc, &form, name, &label(name), "text", autocomplete, false)?;
    }
    if !event.sessions.is_empty() {
        let choices: Vec<(String, String)> = event
            .sessions
            .iter()
            .map(|s| (s.session_id.clone(), s.name.clone()))
            .collect();
        let name = control::SESSIONS;
        boxes(doc, &form, "checkbox", name, &label(name), &choices, false)?;
    }
    if !event.passes.is_empty() {
        let mut choices = vec![(String::new(), "No pass".to_string())];
        choices.extend(
            event
                .passes
                .iter()
                .map(|p| (p.pass_id.clone(), p.name.clone())),
        );
        select(
            doc,
            &form,
            control::PASS,
            &label(control::PASS),
            &choices,
            false,
        )?;
    }
    for question in event.questions() {
        let asked = question.input();
        let (name, text, required) = (&asked.name, &question.text, question.required);
        let options: Vec<(String, String)> = asked
            .options
            .iter()
            .map(|o| (o.clone(), o.clone()))
            .collect();
        match asked.kind {
            InputKind::Text => input(doc, &form, name, text, "text", "off", required)?,
            InputKind::Select => {
                let mut listed = vec![(String::new(), NO_CHOICE.to_string())];
                listed.extend(options);
                select(doc, &form, name, text, &listed, required)?
            }
            InputKind::Radios => boxes(doc, &form, "radio", name, text, &options, required)?,
            InputKind::Checkboxes => boxes(doc, &form, "checkbox", name, text, &options, required)?,
        }
    }
    let button: HtmlButtonElement = el(doc, "button", &[("type", "submit")])?.dyn_into()?;
    button.set_text_content(Some("Register"));
    form.append_child(&button)?;
    root.append_child(&form)?;

    let key = web_sys::window()
        .ok_or("no window")?
        .crypto()?
        .random_uuid();
    let (shadow, target) = (root.clone(), form.clone());
    let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let (root, form, button) = (shadow.clone(), target.clone(), button.clone());
        let (event, api, key) = (event.clone(), api.clone(), key.clone());
        spawn_local(async move {
            if let Err(e) = submit(&root, &form, &button, &event, &api, &key).await {
                web_sys::console::error_2(&"convene-registration:".into(), &e);
            }
        });
    });
    form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref())?;
    // The form lives as long as the page (or until the element is rendered again).
    on_submit.forget();
    Ok(())
}

/// Checks the entry with the API's rules, then sends it; shows the errors or the
/// confirmation.
async fn submit(
    root: &ShadowRoot,
    form: &HtmlFormElement,
    button: &HtmlButtonElement,
    event: &Event,
    api: &Api,
    key: &str,
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
    let request = match event.request(&entry, key) {
        Ok(request) => request,
        Err(errors) => {
            return show_errors(
                root,
                event,
                "Please correct the fields marked below.",
                &errors,
            );
        }
    };
    let body = serde_json::to_string(&request).map_err(|e| e.to_string())?;
    button.set_disabled(true);
    button.set_text_content(Some("Sending…"));
    let sent = answer(send(&api.url("/registrations"), Some(&body))).await;
    button.set_disabled(false);
    button.set_text_content(Some("Register"));
    let outcome = match sent {
        Ok((status, body)) => Outcome::read(status, &body),
        Err(_) => Outcome::Refused {
            message: "The registration could not be sent: check your connection and try again."
                .into(),
            fields: Vec::new(),
        },
    };
    match outcome {
        Outcome::Registered { waitlisted } => {
            let doc = form.owner_document().ok_or("no document")?;
            let done = el(&doc, "div", &[("class", "panel")])?;
            add(&done, &text(&doc, "h2", &event.event.event_name)?)?;
            let message = el(
                &doc,
                "p",
                &[("role", "status"), ("tabindex", "-1"), ("id", "cv-done")],
            )?;
            message.set_text_content(Some(Outcome::confirmation(waitlisted)));
            done.append_child(&message)?;
            root.replace_child(&done, form)?;
            message.unchecked_ref::<HtmlElement>().focus()
        }
        Outcome::Refused { message, fields } => show_errors(root, event, &message, &fields),
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

/// Shows `message` above the form and each error under its control (an error with no
/// control of its own joins the message); focuses the first field in error.
fn show_errors(
    root: &ShadowRoot,
    event: &Event,
    message: &str,
    errors: &[FieldError],
) -> Result<(), JsValue> {
    for name in controls(event) {
        let id = control_id(&name);
        if let Some(control) = root.get_element_by_id(&id) {
            control.remove_attribute("aria-invalid")?;
        }
        if let Some(line) = root.get_element_by_id(&format!("{id}-error")) {
            line.set_text_content(None);
        }
    }
    let mut loose = Vec::new();
    let mut first: Option<Element> = None;
    for error in errors {
        let id = control_id(&error.field);
        let sentence = event.sentence(error);
        match (
            root.get_element_by_id(&id),
            root.get_element_by_id(&format!("{id}-error")),
        ) {
            (Some(control), Some(line)) => {
                control.set_attribute("aria-invalid", "true")?;
                line.set_text_content(Some(&sentence));
                first.get_or_insert(control);
            }
            _ => loose.push(sentence),
        }
    }
    let summary = root.get_element_by_id("cv-summary").ok_or("no summary")?;
    let mut text = message.to_string();
    for sentence in loose {
        text.push(' ');
        text.push_str(&sentence);
        text.push('.');
    }
    summary.set_text_content(Some(&text));
    if let Some(first) = first {
        let target = match first.query_selector("input")? {
            Some(inner) => inner,
            None => first,
        };
        target.unchecked_ref::<HtmlElement>().focus()?;
    }
    Ok(())
}
