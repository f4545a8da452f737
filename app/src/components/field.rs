//! Labelled form fields with their inline errors and, for URLs, a globe button.
//!
//! `name` is the JSON field name and the key of its error; it is also the element id unless
//! `id` is given (two forms on one page, such as an event and its session, need distinct ids).

use convene_types::FieldError;
use convene_types::i18n::{Word, admin_message};
use leptos::prelude::*;

use super::globe::GlobeIcon;
use crate::i18n::admin::common;
use crate::i18n::{self, t};

/// The message for `field` among `errors`, if any, in the language (the rules and the API
/// write it in English; tracked, so it follows a switch).
pub fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| admin_message(&e.message, i18n::lang()))
}

/// The line under a field that shows its error (empty and hidden when there is none).
#[component]
pub fn InlineError(
    /// The element's id (`{field id}-error`), for `aria-describedby`.
    #[prop(into)]
    id: String,
    name: &'static str,
    /// A form's errors, or errors derived from an answer (a list's filters).
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=id role="alert">{move || errors.with(|e| error_for(e, name))}</p>
    }
}

#[component]
pub fn TextField(
    /// JSON field name; also the input's id (unless `id` is given) and the key of its error.
    name: &'static str,
    label: Word,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] help: Option<Word>,
    #[prop(optional)] required: bool,
    /// Show a globe button opening the value in a new tab.
    #[prop(optional)]
    globe: bool,
    /// The input's id when it differs from `name`.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let id = id.unwrap_or(name);
    let error = move || errors.with(|e| error_for(e, name));
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id>{t(label)}{required.then_some(" *")}</label>
            <div class="input-row">
                <input
                    id=id
                    name=name
                    type=input_type
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error().is_some().to_string()
                    aria-describedby=described
                />
                {globe.then(|| view! {
                    <a
                        class="globe"
                        href=move || value.get()
                        target="_blank"
                        rel="noopener noreferrer"
                        title=move || common::open_in_new_tab(i18n::lang(), label.get(i18n::lang()))
                        aria-label=move || common::open_in_new_tab(i18n::lang(), label.get(i18n::lang()))
                        class:disabled=move || !value.get().trim().starts_with("https://")
                    >
                        <GlobeIcon />
                    </a>
                })}
            </div>
            {help.map(|h| view! { <p class="help">{t(h)}</p> })}
            <InlineError id=error_id name=name errors=errors />
        </div>
    }
}

/// A multi-line text field.
#[component]
pub fn TextAreaField(
    name: &'static str,
    label: Word,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional)] help: Option<Word>,
    #[prop(default = 4)] rows: u32,
    /// The textarea's id when it differs from `name`.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let id = id.unwrap_or(name);
    let error = move || errors.with(|e| error_for(e, name));
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id>{t(label)}</label>
            <textarea
                id=id
                name=name
                rows=rows
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=described
            ></textarea>
            {help.map(|h| view! { <p class="help">{t(h)}</p> })}
            <InlineError id=error_id name=name errors=errors />
        </div>
    }
}

/// A checkbox with its label after it.
#[component]
pub fn CheckboxField(
    name: &'static str,
    label: Word,
    value: RwSignal<bool>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional)] help: Option<Word>,
    /// The checkbox's id when it differs from `name`.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let id = id.unwrap_or(name);
    let error_id = format!("{id}-error");
    view! {
        <div class="field check" class:invalid=move || errors.with(|e| error_for(e, name).is_some())>
            <label>
                <input
                    type="checkbox"
                    id=id
                    name=name
                    prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev))
                />
                " "{t(label)}
            </label>
            {help.map(|h| view! { <p class="help">{t(h)}</p> })}
            <InlineError id=error_id name=name errors=errors />
        </div>
    }
}
