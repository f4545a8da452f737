//! The webinar configuration picker of events and sessions: active configurations only.

use convene_types::FieldError;
use convene_types::configuration::WebinarConfiguration;
use leptos::prelude::*;

use super::field::{InlineError, error_for};
use crate::api::ApiResult;
use crate::i18n::admin::{common, events as words};
use crate::i18n::t;

/// The active configurations, as `api::active_configurations` returns them.
pub type Configurations = LocalResource<ApiResult<Vec<WebinarConfiguration>>>;

/// The name of configuration `id`, if it is among the loaded ones.
pub fn configuration_name(configurations: Configurations, id: &str) -> Option<String> {
    configurations.with(|c| {
        c.as_ref()
            .and_then(|r| r.as_ref().ok())
            .and_then(|list| list.iter().find(|c| c.id == id))
            .map(|c| c.name.clone())
    })
}

#[component]
pub fn ConfigurationSelect(
    /// JSON field name, the key of its error.
    name: &'static str,
    /// The select's id (distinct when two forms share a page).
    id: &'static str,
    /// The chosen configuration id; empty for none.
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    configurations: Configurations,
) -> impl IntoView {
    let error = move || errors.with(|e| error_for(e, name));
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let options = move || {
        let chosen = value.get();
        match configurations.get() {
            None => view! { <option value="">{t(common::LOADING)}</option> }.into_any(),
            Some(Err(e)) => view! { <option value="">{e.message()}</option> }.into_any(),
            Some(Ok(list)) => {
                // A record may name a configuration that has since been deactivated.
                let missing =
                    (!chosen.is_empty() && !list.iter().any(|c| c.id == chosen)).then(|| {
                        view! {
                            <option value=chosen.clone() selected=true>
                                {t(words::INACTIVE_OR_UNKNOWN_CONFIGURATION)}
                            </option>
                        }
                    });
                let listed = list
                    .into_iter()
                    .map(|c| {
                        let selected = c.id == chosen;
                        view! {
                            <option value=c.id selected=selected>
                                {format!("{} ({})", c.name, c.provider_name)}
                            </option>
                        }
                    })
                    .collect_view();
                view! {
                    <option value="" selected=chosen.is_empty()>{t(words::CHOOSE_CONFIGURATION)}</option>
                    {missing}
                    {listed}
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id>{t(words::WEBINAR_CONFIGURATION)}" *"</label>
            <select
                id=id
                name=name
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=described
            >
                {options}
            </select>
            <p class="help">{t(words::CONFIGURATION_HELP)}</p>
            <InlineError id=error_id name=name errors=errors />
        </div>
    }
}
