//! The widget on the page: renders [`crate::form`] into the element's shadow root, reads
//! the Events API and sends the registration. Thin: every rule and wording is in `form`
//! and `convene_types::i18n`.

use std::rc::Rc;

use convene_types::i18n::{Lang, Text};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::form::Event;
use crate::read;

mod controls;
mod fetch;
mod host;
mod render;
mod submit;

use controls::el;
use fetch::{Api, send};

const STYLE: &str = include_str!("../widget.css");

/// Renders the registration form of the published event `event` into `host`, reading it
/// from the Events API at `api` with the application token `token`, in the language of
/// the BCP 47 tag `lang` (English unless French).
#[wasm_bindgen]
pub fn mount(host: HtmlElement, api: String, event: String, token: String, lang: String) {
    spawn_local(async move {
        let lang = Lang::from_tag(&lang);
        if let Err(e) = start(&host, &api, &event, &token, lang).await {
            web_sys::console::error_2(&"convene-registration:".into(), &e);
        }
    });
}

async fn start(
    host: &HtmlElement,
    api: &str,
    event: &str,
    token: &str,
    lang: Lang,
) -> Result<(), JsValue> {
    let doc = host.owner_document().ok_or("no document")?;
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    root.set_inner_html("");
    // A constructed style sheet, not a <style> element: a page whose Content-Security-Policy
    // forbids inline styles still styles the form.
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(STYLE)?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let panel = el(&doc, "div", &[("class", "panel"), ("lang", lang.tag())])?;
    let status = el(&doc, "p", &[("role", "status")])?;
    panel.append_child(&status)?;
    root.append_child(&panel)?;
    if event.is_empty() || token.is_empty() {
        return show_problem(&status, Text::NeedsAttributes.get(lang));
    }
    status.set_text_content(Some(Text::Loading.get(lang)));
    let api = Rc::new(Api::new(api, event, token));
    // The five reads run together.
    let [event, sessions, passes, fields, count] = [
        "",
        "/sessions",
        "/passes",
        "/custom-registration-fields",
        "/registrations/count",
    ]
    .map(|suffix| send(&api.url(suffix), None));
    let loaded = async {
        Ok::<_, String>(Event {
            info: fetch::read(event, read::event, lang).await?,
            sessions: fetch::read(sessions, read::sessions, lang).await?,
            passes: fetch::read(passes, read::passes, lang).await?,
            fields: fetch::read(fields, read::fields, lang).await?,
            availability: fetch::read(count, |c| Ok(read::availability(c)), lang).await?,
        })
    }
    .await;
    match loaded {
        Ok(event) => {
            root.remove_child(&panel)?;
            render::form(&doc, &root, Rc::new(event), api, lang)
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
