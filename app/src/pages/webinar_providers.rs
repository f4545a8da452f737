//! Settings › Event management › Webinar providers: the list.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::globe::GlobeIcon;
use crate::components::pager::Pager;
use crate::{api, use_auth};

#[component]
pub fn WebinarProviders() -> impl IntoView {
    let auth = use_auth();
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new("name".to_string());
    let desc = RwSignal::new(false);
    let page = RwSignal::new(1usize);

    let providers = LocalResource::new(move || {
        let query = api::list_query(&search.get(), &sort.get(), desc.get(), page.get());
        async move {
            let result = api::providers(&query).await;
            if matches!(&result, Err(e) if e.is_unauthorized()) {
                auth.signed_out();
            }
            result
        }
    });

    let sort_by = move |key: &'static str| {
        move |_| {
            if sort.get_untracked() == key {
                desc.update(|d| *d = !*d);
            } else {
                sort.set(key.to_string());
                desc.set(false);
            }
        }
    };
    let arrow = move |key: &'static str| {
        move || match (sort.get() == key, desc.get()) {
            (true, false) => " ▲",
            (true, true) => " ▼",
            _ => "",
        }
    };

    view! {
        <div class="page-header">
            <h1>"Webinar providers"</h1>
            <A href="/settings/webinar-providers/new" attr:class="button primary">"New"</A>
        </div>
        <p class="banner info">
            "Webinar provider records rarely need changing: ON24 is preconfigured. "
            "Add one only for another provider your organisation has a contract with."
        </p>
        <div class="toolbar">
            <input
                type="search"
                placeholder="Search providers"
                aria-label="Search providers"
                prop:value=move || search.get()
                on:input=move |ev| {
                    search.set(event_target_value(&ev));
                    page.set(1);
                }
            />
        </div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || providers.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(list) => {
                    let pages = list.page_count();
                    let current = list.page;
                    view! {
                        <table class="grid">
                            <thead>
                                <tr>
                                    <th><button class="sort" on:click=sort_by("name")>"Name"{arrow("name")}</button></th>
                                    <th>
                                        <button class="sort" on:click=sort_by("maxDurationMinutes")>
                                            "Maximum duration (minutes)"{arrow("maxDurationMinutes")}
                                        </button>
                                    </th>
                                    <th>"Terms of service"</th>
                                    <th>"Privacy policy"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.items.into_iter().map(|p| {
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
                        </table>
                        <Pager total=list.total current=current pages=pages page=page noun="providers" />
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
