//! Settings › Integrations › Webhooks: the addresses Convene sends signed messages to, what
//! each subscribes to and whether it is active. An organisation has a handful: the API
//! returns them all and this page lists them all, by address.

use convene_types::list;
use convene_types::text;
use convene_types::webhook::WebhookEndpoint;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::i18n::admin::{common, settings, webhooks as words};
use crate::i18n::t;

pub const LIST: &str = "/settings/webhooks";

/// A webhook's state as a pill.
pub fn state_badge(active: bool) -> impl IntoView {
    view! {
        <span class=if active { "status active" } else { "status inactive" } data-testid="webhook-state">
            {t(if active { common::ACTIVE } else { common::INACTIVE })}
        </span>
    }
}

#[component]
pub fn Webhooks() -> impl IntoView {
    let endpoints = LocalResource::new(api::webhooks);

    view! {
        <div class="page-header">
            <h1>{t(words::WEBHOOKS)}</h1>
            <A href=format!("{LIST}/new") attr:class="button primary">{t(words::NEW_WEBHOOK)}</A>
        </div>
        <p class="banner info">{t(words::WEBHOOKS_INTRO)}</p>
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || endpoints.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(mut all) => {
                    if all.is_empty() {
                        return view! { <p class="muted">{t(words::NO_WEBHOOKS)}</p> }.into_any();
                    }
                    list::sort_by_key(&mut all, |w| text::lowercase(&w.url));
                    view! {
                        <div class="table-scroll"><table class="grid" data-testid="webhooks-table">
                            <thead>
                                <tr>
                                    <th>{t(words::URL)}</th>
                                    <th>{t(words::DESCRIPTION)}</th>
                                    <th>{t(words::EVENT_TYPES)}</th>
                                    <th>{t(settings::STATE)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {all.into_iter().map(|endpoint| view! { <Row endpoint=endpoint /> }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(endpoint: WebhookEndpoint) -> impl IntoView {
    view! {
        <tr data-testid="webhook-row">
            <td><A href=format!("{LIST}/{}", endpoint.id)><code>{endpoint.url}</code></A></td>
            <td>{endpoint.description}</td>
            <td>
                <ul class="plain-list">
                    {endpoint.events.into_iter().map(|e| view! { <li>{t(words::event_type(e))}</li> }).collect_view()}
                </ul>
            </td>
            <td>{state_badge(endpoint.active)}</td>
        </tr>
    }
}
