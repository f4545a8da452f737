//! What the widget shows, as trees the page script turns into elements (`build` in
//! `convene-registration.js`): a node is `[tag, [name, value, …], child…]`, a child is a
//! node or a string, which the script inserts as text, never as markup.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use convene_types::custom::{InputKind, NO, YES};
use convene_types::i18n::{Lang, Text};
use js_sys::Array;
use wasm_bindgen::JsValue;

use super::host::{Span, when};
use crate::form::{Event, control};

/// An element to build: its tag, its attributes in order, its children.
pub(super) struct Node {
    node: Array,
    attributes: Array,
}

impl Node {
    pub(super) fn new(tag: &str, attributes: &[(&str, &str)]) -> Node {
        let node = Node {
            node: Array::new(),
            attributes: Array::new(),
        };
        node.node.push(&tag.into());
        node.node.push(&node.attributes);
        for (name, value) in attributes {
            node.set(name, value);
        }
        node
    }

    pub(super) fn set(&self, name: &str, value: &str) {
        self.attributes.push(&name.into());
        self.attributes.push(&value.into());
    }

    /// Appends `child`.
    pub(super) fn add(&self, child: Node) {
        self.node.push(&child.node);
    }

    /// Appends `text`, as text.
    pub(super) fn say(&self, text: &str) {
        self.node.push(&text.into());
    }

    /// This node with `text` appended.
    pub(super) fn text(self, text: &str) -> Node {
        self.say(text);
        self
    }
}

impl From<Node> for JsValue {
    fn from(node: Node) -> JsValue {
        node.node.into()
    }
}

/// A panel (no form) in `lang`.
pub(super) fn panel(lang: Lang) -> Node {
    Node::new("div", &[("class", "panel"), ("lang", lang.tag())])
}

/// A panel saying what keeps the form from showing.
pub(super) fn problem(message: &str, lang: Lang) -> Node {
    let panel = panel(lang);
    panel.add(Node::new("p", &[("role", "alert"), ("class", "summary")]).text(message));
    panel
}

/// The event's name and when it takes place, in its time zone.
pub(super) fn heading(parent: &Node, event: &Event, title: &str, lang: Lang) {
    parent.add(Node::new("h2", &[("id", "cv-title")]).text(title));
    let info = &event.info;
    if let Some(range) = when(lang, Span::Event, &info.start, &info.end) {
        let line = [range.as_str(), " (", &info.time_zone, ")"].concat();
        parent.add(Node::new("p", &[("class", "when")]).text(&line));
    }
}

/// The form: attendee fields, sessions, pass, the event's questions, a submit button; or,
/// when the event takes no registration, a panel saying why.
pub(super) fn form(event: &Event, lang: Lang) -> Node {
    if let Some((notice, open)) = event.notice()
        && !open
    {
        // Full without a waitlist, or closed: said before anyone types, and no form.
        let panel = panel(lang);
        heading(&panel, event, &event.info.name, lang);
        let said = Node::new("p", &[("role", "status"), ("class", "notice")]);
        panel.add(said.text(notice.get(lang)));
        return panel;
    }
    let form = Node::new(
        "form",
        &[
            ("novalidate", ""),
            ("aria-labelledby", "cv-title"),
            ("lang", lang.tag()),
        ],
    );
    let title = [Text::RegisterFor.get(lang), &event.info.name].concat();
    heading(&form, event, &title, lang);
    if let Some((notice, _)) = event.notice() {
        form.add(Node::new("p", &[("class", "notice")]).text(notice.get(lang)));
    }
    form.add(Node::new(
        "p",
        &[
            ("class", "summary"),
            ("role", "alert"),
            ("id", "cv-summary"),
        ],
    ));
    fields(&form, event, lang);
    form.add(Node::new("button", &[("type", "submit")]).text(Text::Register.get(lang)));
    form
}

/// What a choice of a question shows: Yes/No in the reader's language, others as written.
fn shown(option: &str, lang: Lang) -> String {
    match option {
        YES => Text::Yes.get(lang).to_string(),
        NO => Text::No.get(lang).to_string(),
        other => other.to_string(),
    }
}

fn fields(form: &Node, event: &Event, lang: Lang) {
    let label = |name: &str| event.label(name, lang);
    let email = control::EMAIL;
    input(form, email, &label(email), "email", "email", true);
    for (name, autocomplete) in [
        (control::FIRST_NAME, "given-name"),
        (control::LAST_NAME, "family-name"),
        (control::COMPANY, "organization"),
    ] {
        input(form, name, &label(name), "text", autocomplete, false);
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
        boxes(form, "checkbox", name, &label(name), &choices, false);
    }
    if !event.passes.is_empty() {
        let mut choices = vec![(String::new(), Text::NoPass.get(lang).to_string())];
        choices.extend(event.passes.iter().map(|p| (p.id.clone(), p.name.clone())));
        select(form, control::PASS, &label(control::PASS), &choices, false);
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
            InputKind::Text => input(form, name, text, "text", "off", required),
            InputKind::Select => {
                let mut listed = vec![(String::new(), Text::NoChoice.get(lang).to_string())];
                listed.extend(options);
                select(form, name, text, &listed, required)
            }
            InputKind::Radios => boxes(form, "radio", name, text, &options, required),
            InputKind::Checkboxes => boxes(form, "checkbox", name, text, &options, required),
        }
    }
}

/// A control's element id; its error's is `<id>-error`.
pub(super) fn control_id(name: &str) -> String {
    ["cv-", name].concat()
}

/// The line under control `id` where its error shows.
fn error_line(id: &str) -> Node {
    Node::new("p", &[("class", "error"), ("id", &[id, "-error"].concat())])
}

/// A control's caption: its label, starred when an answer is required.
fn caption(label: &str, required: bool) -> String {
    [label, if required { " *" } else { "" }].concat()
}

/// A labelled control with its error line.
fn field(form: &Node, name: &str, label: &str, required: bool, control: Node) {
    let id = control_id(name);
    let wrapper = Node::new("div", &[("class", "field")]);
    wrapper.add(Node::new("label", &[("for", &id)]).text(&caption(label, required)));
    control.set("id", &id);
    control.set("name", name);
    control.set("aria-describedby", &[id.as_str(), "-error"].concat());
    if required {
        control.set("aria-required", "true");
    }
    wrapper.add(control);
    wrapper.add(error_line(&id));
    form.add(wrapper);
}

fn input(form: &Node, name: &str, label: &str, kind: &str, autocomplete: &str, required: bool) {
    let control = Node::new("input", &[("type", kind), ("autocomplete", autocomplete)]);
    field(form, name, label, required, control);
}

fn select(form: &Node, name: &str, label: &str, options: &[(String, String)], required: bool) {
    let control = Node::new("select", &[]);
    for (value, shown) in options {
        control.add(Node::new("option", &[("value", value)]).text(shown));
    }
    field(form, name, label, required, control);
}

/// A group of boxes of `kind` (`checkbox` or `radio`), one per choice, under a legend.
fn boxes(
    form: &Node,
    kind: &str,
    name: &str,
    label: &str,
    choices: &[(String, String)],
    required: bool,
) {
    let id = control_id(name);
    let error_id = [id.as_str(), "-error"].concat();
    let group = Node::new("fieldset", &[("id", &id), ("aria-describedby", &error_id)]);
    // ARIA allows `aria-required` on a radio group, not on a group of check boxes (there
    // the legend's star says it).
    if kind == "radio" {
        group.set("role", "radiogroup");
        if required {
            group.set("aria-required", "true");
        }
    }
    group.add(Node::new("legend", &[]).text(&caption(label, required)));
    for (value, shown) in choices {
        let choice = Node::new("label", &[("class", "choice")]);
        choice.add(Node::new(
            "input",
            &[("type", kind), ("name", name), ("value", value)],
        ));
        group.add(choice.text(shown));
    }
    group.add(error_line(&id));
    form.add(group);
}
