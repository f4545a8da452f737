//! Settings › Event management › Webinar configurations: active and inactive views.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::components::pager::Pager;
use crate::{api, use_auth};

#[component]
pub fn WebinarConfigurations() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let inactive = move || query.with(|q| q.get("view").as_deref() == Some("inactive"));
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(1usize);
    let message = RwSignal::new(None::<String>);

    let toggle = Action::new_local(move |(id, active): &(String, bool)| {
        let (id, active) = (id.clone(), *active);
        async move { api::set_configuration_active(&id, active).await }
    });
    let remove = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::delete_configuration(&id).await }
    });
    let configurations = LocalResource::new(move || {
        let view = if inactive() { "inactive" } else { "active" };
        let list_query = api::list_query(&search.get(), "name", false, page.get());
        toggle.version().get();
        remove.version().get();
        async move {
            let result = api::configurations(&list_query, view).await;
            if matches!(&result, Err(e) if e.is_unauthorized()) {
                auth.signed_out();
            }
            result
        }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = toggle.value().get() {
            message.set(Some(e.message()));
        }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = remove.value().get() {
            message.set(Some(e.message()));
        }
    });

    view! {
        <div class="page-header">
            <h1>
                {move || if inactive() { "Inactive webinar configurations" } else { "Webinar configurations" }}
            </h1>
            <A href="/settings/webinar-configurations/new" attr:class="button primary">"New"</A>
        </div>
        <nav class="tabs" aria-label="Views">
            <A href="/settings/webinar-configurations" attr:class=move || tab_class(!inactive())>
                "Active webinar configurations"
            </A>
            <A href="/settings/webinar-configurations?view=inactive" attr:class=move || tab_class(inactive())>
                "Inactive webinar configurations"
            </A>
        </nav>
        <div class="toolbar">
            <input
                type="search"
                placeholder="Search configurations"
                aria-label="Search configurations"
                prop:value=move || search.get()
                on:input=move |ev| {
                    search.set(event_target_value(&ev));
                    page.set(1);
                }
            />
        </div>
        {move || message.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || configurations.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(list) if list.items.is_empty() => view! {
                    <p class="muted">"No webinar configurations in this view."</p>
                }.into_any(),
                Ok(list) => {
                    let (current, pages) = (list.page, list.page_count());
                    view! {
                        <table class="grid">
                            <thead>
                                <tr>
                                    <th>"Name"</th>
                                    <th>"Webinar provider"</th>
                                    <th>"Credentials"</th>
                                    <th>"Provider service status"</th>
                                    <th><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.items.into_iter().map(|c| {
                                    let href = format!("/settings/webinar-configurations/{}", c.id);
                                    let id = c.id.clone();
                                    let delete_id = c.id.clone();
                                    let question = format!(
                                        "Delete the webinar configuration “{}”? This cannot be undone.",
                                        c.name
                                    );
                                    let active = c.active;
                                    view! {
                                        <tr>
                                            <td><A href=href>{c.name}</A></td>
                                            <td>{c.provider_name}</td>
                                            <td>{if c.credentials_set { "Set" } else { "Not set" }}</td>
                                            <td><span class="status">{c.service_status.label()}</span></td>
                                            <td class="row-actions">
                                                <button class="button subtle" on:click=move |_| {
                                                    toggle.dispatch((id.clone(), !active));
                                                }>
                                                    {if active { "Deactivate" } else { "Activate" }}
                                                </button>
                                                <button class="button subtle danger" on:click=move |_| {
                                                    if window().confirm_with_message(&question).unwrap_or(false) {
                                                        remove.dispatch(delete_id.clone());
                                                    }
                                                }>"Delete"</button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <Pager total=list.total current=current pages=pages page=page noun="configurations" />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

fn tab_class(selected: bool) -> &'static str {
    if selected { "tab selected" } else { "tab" }
}
