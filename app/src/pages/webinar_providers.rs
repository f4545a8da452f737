//! Settings › Event management › Webinar providers: the list.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::globe::GlobeIcon;
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::i18n::admin::{common, shell, webinars};
use crate::i18n::t;

#[component]
pub fn WebinarProviders() -> impl IntoView {
    let list = ListState::new("name");

    let providers = LocalResource::new(move || {
        let query = list.query();
        async move { api::providers(&query).await }
    });

    view! {
        <div class="page-header">
            <h1>{t(shell::WEBINAR_PROVIDERS)}</h1>
            <A href="/settings/webinar-providers/new" attr:class="button primary">{t(common::NEW)}</A>
        </div>
        <p class="banner info">{t(webinars::PROVIDERS_INFO)}</p>
        <div class="toolbar">
            <SearchBox list=list label=webinars::SEARCH_PROVIDERS />
        </div>
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || providers.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(found) => {
                    let pages = found.page_count();
                    let current = found.page;
                    view! {
                        <div class="table-scroll"><table class="grid">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="name" label=common::NAME /></th>
                                    <th>
                                        <SortButton list=list key="maxDurationMinutes"
                                            label=webinars::MAX_DURATION_HEADING />
                                    </th>
                                    <th>{t(webinars::TERMS_OF_SERVICE)}</th>
                                    <th>{t(webinars::PRIVACY_POLICY)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {found.items.into_iter().map(|p| {
                                    let href = format!("/settings/webinar-providers/{}", p.id);
                                    view! {
                                        <tr>
                                            <td><A href=href>{p.name}</A></td>
                                            <td class="num">{p.max_duration_minutes}</td>
                                            <td><ExternalLink url=p.terms_of_service_url /></td>
                                            <td><ExternalLink url=p.privacy_policy_url /></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=found.total current=current pages=pages page=list.page noun=webinars::PROVIDERS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// A link that opens in a new tab, shown with the globe.
#[component]
fn ExternalLink(url: String) -> impl IntoView {
    let label = url.trim_start_matches("https://").to_string();
    view! {
        <a class="external" href=url target="_blank" rel="noopener noreferrer">
            <GlobeIcon />" "{label}
        </a>
    }
}
