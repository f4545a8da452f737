//! The terms and integration part of a webinar configuration's page: who accepted the
//! provider's terms of service and privacy policy, when and which URLs; the provider's
//! current URLs with "Accept terms"; and whether the integration is on, and why not.

use convene_types::configuration::WebinarConfiguration;
use leptos::prelude::*;

use crate::components::globe::GlobeIcon;

/// A URL as a link opening in a new tab, marked with the globe.
fn globe_link(url: String, label: &'static str) -> impl IntoView {
    view! {
        <span class="input-row">
            <span class="readonly">{url.clone()}</span>
            <a class="globe" target="_blank" rel="noopener noreferrer" href=url
                aria-label=format!("Open {label} in a new tab")>
                <GlobeIcon />
            </a>
        </span>
    }
}

#[component]
pub fn TermsAndIntegration(
    record: RwSignal<Option<WebinarConfiguration>>,
    /// Accepts the provider's current terms (after the administrator confirms).
    accept: Callback<()>,
    accepting: Signal<bool>,
) -> impl IntoView {
    let on_accept = move |_| {
        let question = "Accept the provider's terms of service and privacy policy shown here, \
                        in the name of your organisation?";
        if window().confirm_with_message(question).unwrap_or(false) {
            accept.run(());
        }
    };
    move || {
        record.get().map(|r| {
            let integration = r.integration.clone();
            let state = if integration.on { "On" } else { "Off" };
            let accepted = match (&r.terms_accepted_at, &r.terms_accepted_by, &r.terms_accepted_urls) {
                (Some(at), Some(by), Some(urls)) => view! {
                    <div data-testid="terms-acceptance">
                        <p>"Accepted by "<strong>{by.clone()}</strong>" on "{at.clone()}
                            {(!r.terms_current).then_some(" (no longer current: the provider's URLs changed)")}</p>
                        <div class="field">
                            <span class="label">"Accepted terms of service"</span>
                            {globe_link(urls.terms_of_service.clone(), "the accepted terms of service")}
                        </div>
                        <div class="field">
                            <span class="label">"Accepted privacy policy"</span>
                            {globe_link(urls.privacy_policy.clone(), "the accepted privacy policy")}
                        </div>
                    </div>
                }
                .into_any(),
                _ => view! { <p data-testid="terms-acceptance">"Not accepted yet."</p> }.into_any(),
            };
            let to_accept = (!r.terms_current).then(|| view! {
                <div class="terms-to-accept">
                    <p class="help">"Read the provider's current terms of service and privacy \
                        policy (the globe opens each in a new tab), then accept them: until then \
                        the configuration cannot be activated and nothing is sent to the provider."</p>
                    <div class="field">
                        <span class="label">"Terms of service"</span>
                        {globe_link(r.terms_of_service_url.clone(), "the terms of service")}
                    </div>
                    <div class="field">
                        <span class="label">"Privacy policy"</span>
                        {globe_link(r.privacy_policy_url.clone(), "the privacy policy")}
                    </div>
                    <button class="button" type="button" on:click=on_accept
                        disabled=move || accepting.get()>"Accept terms"</button>
                </div>
            });
            view! {
                <fieldset class="readonly-group">
                    <legend>"Terms and webinar integration"</legend>
                    <div class="field">
                        <span class="label">"Webinar integration"</span>
                        <span class="readonly" data-testid="integration">
                            <strong>{state}</strong>
                            {(!integration.on).then(|| format!(": {}", integration.message))}
                        </span>
                    </div>
                    {accepted}
                    {to_accept}
                </fieldset>
            }
        })
    }
}
