//! Building the form's elements: labelled controls with their error lines.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Appends `child` to `parent`.
pub(super) fn add(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_child(child).map(drop)
}

pub(super) fn el(
    doc: &Document,
    tag: &str,
    attributes: &[(&str, &str)],
) -> Result<Element, JsValue> {
    let element = doc.create_element(tag)?;
    for (name, value) in attributes {
        element.set_attribute(name, value)?;
    }
    Ok(element)
}

pub(super) fn text(doc: &Document, tag: &str, content: &str) -> Result<Element, JsValue> {
    let element = doc.create_element(tag)?;
    element.set_text_content(Some(content));
    Ok(element)
}

/// A control's element id; its error's is `<id>-error`.
pub(super) fn control_id(name: &str) -> String {
    format!("cv-{name}")
}

pub(super) fn el_text(
    doc: &Document,
    tag: &str,
    class: &str,
    content: &str,
) -> Result<Element, JsValue> {
    let element = text(doc, tag, content)?;
    element.set_attribute("class", class)?;
    Ok(element)
}

/// The line under control `id` where its error shows.
pub(super) fn error_line(doc: &Document, id: &str) -> Result<Element, JsValue> {
    el(
        doc,
        "p",
        &[("class", "error"), ("id", &format!("{id}-error"))],
    )
}

/// A control's caption: its label, starred when an answer is required.
pub(super) fn caption(label: &str, required: bool) -> String {
    if required {
        format!("{label} *")
    } else {
        label.to_string()
    }
}

/// A labelled control with its error line.
pub(super) fn field(
    doc: &Document,
    form: &Element,
    name: &str,
    label: &str,
    required: bool,
    control: &Element,
) -> Result<(), JsValue> {
    let id = control_id(name);
    let wrapper = el(doc, "div", &[("class", "field")])?;
    let title = el(doc, "label", &[("for", &id)])?;
    title.set_text_content(Some(&caption(label, required)));
    control.set_id(&id);
    control.set_attribute("name", name)?;
    control.set_attribute("aria-describedby", &format!("{id}-error"))?;
    if required {
        control.set_attribute("aria-required", "true")?;
    }
    wrapper.append_child(&title)?;
    wrapper.append_child(control)?;
    add(&wrapper, &error_line(doc, &id)?)?;
    form.append_child(&wrapper)?;
    Ok(())
}

pub(super) fn input(
    doc: &Document,
    form: &Element,
    name: &str,
    label: &str,
    kind: &str,
    autocomplete: &str,
    required: bool,
) -> Result<(), JsValue> {
    let control = el(
        doc,
        "input",
        &[("type", kind), ("autocomplete", autocomplete)],
    )?;
    field(doc, form, name, label, required, &control)
}

pub(super) fn select(
    doc: &Document,
    form: &Element,
    name: &str,
    label: &str,
    options: &[(String, String)],
    required: bool,
) -> Result<(), JsValue> {
    let control = doc.create_element("select")?;
    for (value, shown) in options {
        let option = el(doc, "option", &[("value", value)])?;
        option.set_text_content(Some(shown));
        control.append_child(&option)?;
    }
    field(doc, form, name, label, required, &control)
}

/// A group of boxes of `kind` (`checkbox` or `radio`), one per choice, under a legend.
pub(super) fn boxes(
    doc: &Document,
    form: &Element,
    kind: &str,
    name: &str,
    label: &str,
    choices: &[(String, String)],
    required: bool,
) -> Result<(), JsValue> {
    let id = control_id(name);
    let group = el(
        doc,
        "fieldset",
        &[("id", &id), ("aria-describedby", &format!("{id}-error"))],
    )?;
    // ARIA allows `aria-required` on a radio group, not on a group of check boxes (there
    // the legend's star says it).
    if kind == "radio" {
        group.set_attribute("role", "radiogroup")?;
        if required {
            group.set_attribute("aria-required", "true")?;
        }
    }
    add(&group, &text(doc, "legend", &caption(label, required))?)?;
    for (value, shown) in choices {
        let choice = el(doc, "label", &[("class", "choice")])?;
        add(
            &choice,
            &el(
                doc,
                "input",
                &[("type", kind), ("name", name), ("value", value)],
            )?,
        )?;
        choice.append_child(&doc.create_text_node(shown))?;
        group.append_child(&choice)?;
    }
    add(&group, &error_line(doc, &id)?)?;
    form.append_child(&group)?;
    Ok(())
}
