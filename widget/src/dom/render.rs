//! The form: attendee fields, sessions, pass, the event's questions, a submit button; or,
//! when the event takes no registration, why.

use std::rc::Rc;

use convene_types::custom::{InputKind, NO, YES};
use convene_types::i18n::{Lang, Text};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Element, HtmlButtonElement, HtmlFormElement, ShadowRoot};

use super::controls::{add, boxes, el, el_text, input, select, text};
use super::fetch::Api;
use super::host::{Span, when};
use super::submit::submit;
use crate::form::{Event, control};

/// The event's name and when it takes place, in its time zone.
pub(super) fn heading(
    doc: &Document,
    parent: &Element,
    event: &Event,
    title: &str,
    lang: Lang,
) -> Result<(), JsValue> {
    let heading = text(doc, "h2", title)?;
    heading.set_id("cv-title");
    parent.append_child(&heading)?;
    let info = &event.info;
    if let Some(range) = when(lang, Span::Event, &info.start, &info.end) {
        let line = [range.as_str(), " (", &info.time_zone, ")"].concat();
        add(parent, &el_text(doc, "p", "when", &line)?)?;
    }
    Ok(())
}

pub(super) fn form(
    doc: &Document,
    root: &ShadowRoot,
    event: Rc<Event>,
    api: Rc<Api>,
    lang: Lang,
) -> Result<(), JsValue> {
    let title = [Text::RegisterFor.get(lang), &event.info.name].concat();
    if let Some((notice, open)) = event.notice()
        && !open
    {
        // Full without a waitlist, or closed: said before anyone types, and no form.
        let panel = el(doc, "div", &[("class", "panel"), ("lang", lang.tag())])?;
        heading(doc, &panel, &event, &event.info.name, lang)?;
        let said = el(doc, "p", &[("role", "status"), ("class", "notice")])?;
        said.set_text_content(Some(notice.get(lang)));
        panel.append_child(&said)?;
        return root.append_child(&panel).map(drop);
    }
    let form: HtmlFormElement = el(
        doc,
        "form",
        &[
            ("novalidate", ""),
            ("aria-labelledby", "cv-title"),
            ("lang", lang.tag()),
        ],
    )?
    .dyn_into()?;
    heading(doc, &form, &event, &title, lang)?;
    if let Some((notice, _)) = event.notice() {
        add(&form, &el_text(doc, "p", "notice", notice.get(lang))?)?;
    }
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
    fields(doc, &form, &event, lang)?;
    let button: HtmlButtonElement = el(doc, "button", &[("type", "submit")])?.dyn_into()?;
    button.set_text_content(Some(Text::Register.get(lang)));
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
            if let Err(e) = submit(&root, &form, &button, &event, &api, &key, lang).await {
                web_sys::console::error_2(&"convene-registration:".into(), &e);
            }
        });
    });
    form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref())?;
    // The form lives as long as the page (or until the element is rendered again).
    on_submit.forget();
    Ok(())
}

/// What a choice of a question shows: Yes/No in the reader's language, others as written.
fn shown(option: &str, lang: Lang) -> String {
    match option {
        YES => Text::Yes.get(lang).to_string(),
        NO => Text::No.get(lang).to_string(),
        other => other.to_string(),
    }
}

fn fields(doc: &Document, form: &Element, event: &Event, lang: Lang) -> Result<(), JsValue> {
    let label = |name: &str| event.label(name, lang);
    input(
        doc,
        form,
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
        input(doc, form, name, &label(name), "text", autocomplete, false)?;
    }
    if !event.sessions.is_empty() {
        let choices: Vec<(String, String)> = event
            .sessions
            .iter()
            .map(|s| {
                let shown = match when(lang, Span::Session, &s.start, &s.end) {
                    Some(range) => [s.name.as_str(), " — ", &range].concat(),
                    None => s.name.clone(),
                };
                (s.id.clone(), shown)
            })
            .collect();
        let name = control::SESSIONS;
        boxes(doc, form, "checkbox", name, &label(name), &choices, false)?;
    }
    if !event.passes.is_empty() {
        let mut choices = vec![(String::new(), Text::NoPass.get(lang).to_string())];
        choices.extend(event.passes.iter().map(|p| (p.id.clone(), p.name.clone())));
        select(
            doc,
            form,
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
            .map(|o| (o.clone(), shown(o, lang)))
            .collect();
        match asked.kind {
            InputKind::Text => input(doc, form, name, text, "text", "off", required)?,
            InputKind::Select => {
                let mut listed = vec![(String::new(), Text::NoChoice.get(lang).to_string())];
                listed.extend(options);
                select(doc, form, name, text, &listed, required)?
            }
            InputKind::Radios => boxes(doc, form, "radio", name, text, &options, required)?,
            InputKind::Checkboxes => boxes(doc, form, "checkbox", name, text, &options, required)?,
        }
    }
    Ok(())
}
