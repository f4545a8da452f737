//! The terms and integration part of a webinar configuration's page: who accepted the
//! provider's terms of service and privacy policy, when and which URLs; the provider's
//! current URLs with "Accept terms"; and whether the integration is on, and why not.

use convene_types::configuration::WebinarConfiguration;
use convene_types::i18n::{Lang, Word, admin_message};
use leptos::prelude::*;

use crate::components::globe::GlobeIcon;
use crate::display;
use crate::i18n::admin::{common, webinars};
use crate::i18n::{self, t};

/// A URL as a link opening in a new tab, marked with the globe; `target` names what it
/// opens ("the terms of service").
fn globe_link(lang: Lang, url: String, target: Word) -> impl IntoView {
    view! {
        <span class="input-row">
            <span class="readonly">{url.clone()}</span>
            <a class="globe" target="_blank" rel="noopener noreferrer" href=url
                aria-label=common::open_in_new_tab(lang, target.get(lang))>
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
        let question = webinars::ACCEPT_TERMS_QUESTION.get(i18n::current());
        if window().confirm_with_message(question).unwrap_or(false) {
            accept.run(());
        }
    };
    move || {
        record.get().map(|r| {
            let lang = i18n::lang();
            let integration = r.integration.clone();
            let state = if integration.on { webinars::INTEGRATION_ON } else { webinars::INTEGRATION_OFF };
            // Why it is off, in the language when the reason is known.
            let off = (!integration.on).then(|| match integration.reason {
                Some(reason) => webinars::off_reason(reason).get(lang).to_string(),
                None => admin_message(&integration.message, lang),
            });
            let accepted = match (&r.terms_accepted_at, &r.terms_accepted_by, &r.terms_accepted_urls) {
                (Some(at), Some(by), Some(urls)) => view! {
                    <div data-testid="terms-acceptance">
                        <p>{t(webinars::ACCEPTED_BY)}<strong>{by.clone()}</strong>{t(webinars::ACCEPTED_ON)}{display::timestamp(lang, at)}
                            {(!r.terms_current).then(|| t(webinars::NO_LONGER_CURRENT))}</p>
                        <div class="field">
                            <span class="label">{t(webinars::ACCEPTED_TERMS_OF_SERVICE)}</span>
                            {globe_link(lang, urls.terms_of_service.clone(), webinars::THE_ACCEPTED_TERMS_OF_SERVICE)}
                        </div>
                        <div class="field">
                            <span class="label">{t(webinars::ACCEPTED_PRIVACY_POLICY)}</span>
                            {globe_link(lang, urls.privacy_policy.clone(), webinars::THE_ACCEPTED_PRIVACY_POLICY)}
                        </div>
                    </div>
                }
                .into_any(),
                _ => view! { <p data-testid="terms-acceptance">{t(webinars::NOT_ACCEPTED_YET)}</p> }.into_any(),
            };
            let to_accept = (!r.terms_current).then(|| view! {
                <div class="terms-to-accept">
                    <p class="help">{t(webinars::TERMS_TO_ACCEPT_HELP)}</p>
                    <div class="field">
                        <span class="label">{t(webinars::TERMS_OF_SERVICE)}</span>
                        {globe_link(lang, r.terms_of_service_url.clone(), webinars::THE_TERMS_OF_SERVICE)}
                    </div>
                    <div class="field">
                        <span class="label">{t(webinars::PRIVACY_POLICY)}</span>
                        {globe_link(lang, r.privacy_policy_url.clone(), webinars::THE_PRIVACY_POLICY)}
                    </div>
                    <button class="button" type="button" on:click=on_accept
                        disabled=move || accepting.get()>{t(webinars::ACCEPT_TERMS)}</button>
                </div>
            });
            view! {
                <fieldset class="readonly-group">
                    <legend>{t(webinars::TERMS_AND_INTEGRATION)}</legend>
                    <div class="field">
                        <span class="label">{t(webinars::WEBINAR_INTEGRATION)}</span>
                        <span class="readonly" data-testid="integration">
                            <strong>{t(state)}</strong>
                            {off.map(|off| view! { {t(webinars::COLON)}{off} })}
                        </span>
                    </div>
                    {accepted}
                    {to_accept}
                </fieldset>
            }
        })
    }
}
