//! A labelled form field with its inline error and, for URLs, a globe button.

use convene_types::FieldError;
use leptos::prelude::*;

use super::globe::GlobeIcon;

/// The message for `field` among `errors`, if any.
pub fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

#[component]
pub fn TextField(
    /// JSON field name; also the input's id and the key of its error.
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] help: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// Show a globe button opening the value in a new tab.
    #[prop(optional)]
    globe: bool,
) -> impl IntoView {
    let error = move || errors.with(|e| error_for(e, name));
    let error_id = format!("{name}-error");
    let described = error_id.clone();
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=name>{label}{required.then_some(" *")}</label>
            <div class="input-row">
                <input
                    id=name
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
                        title=format!("Open {label} in a new tab")
                        aria-label=format!("Open {label} in a new tab")
                        class:disabled=move || !value.get().trim().starts_with("https://")
                    >
                        <GlobeIcon />
                    </a>
                })}
            </div>
            {help.map(|h| view! { <p class="help">{h}</p> })}
            <p class="field-error" id=error_id role="alert">{error}</p>
        </div>
    }
}
