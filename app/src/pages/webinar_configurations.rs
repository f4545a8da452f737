//! Settings › Event management › Webinar configurations: active and inactive views.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::list::{ListState, SearchBox};
use crate::components::pager::Pager;
use crate::components::row_actions::{RowActions, report_refusals};
use crate::components::tabs::{ActiveInactiveTabs, use_inactive_view};
use crate::reactive::action;
use crate::{api, use_auth};

#[component]
pub fn WebinarConfigurations() -> impl IntoView {
    let auth = use_auth();
    let inactive = use_inactive_view();
    let list = ListState::new("name");
    let message = RwSignal::new(None::<String>);

    let toggle = action(move |(id, active): &(String, bool)| {
        let (id, active) = (id.clone(), *active);
        Box::pin(async move { api::set_configuration_active(&id, active).await })
    });
    let remove = action(move |id: &String| {
        let id = id.clone();
        Box::pin(async move { api::delete_configuration(&id).await })
    });
    let configurations = auth.resource(move || {
        let view = if inactive.get() { "inactive" } else { "active" };
        let list_query = list.query();
        toggle.version().get();
        remove.version().get();
        Box::pin(async move { api::configurations(&list_query, view).await })
    });
    // A refusal (such as activating while another record is active) stays on screen.
    report_refusals(toggle, message);
    report_refusals(remove, message);

    view! {
        <div class="page-header">
            <h1>
                {move || if inactive.get() { "Inactive webinar configurations" } else { "Webinar configurations" }}
            </h1>
            <A href="/settings/webinar-configurations/new" attr:class="button primary">"New"</A>
        </div>
        <ActiveInactiveTabs
            base="/settings/webinar-configurations"
            inactive=inactive
            active_label="Active webinar configurations"
            inactive_label="Inactive webinar configurations"
        />
        <div class="toolbar">
            <SearchBox list=list label="Search configurations" />
        </div>
        {move || message.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || configurations.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(found) if found.items.is_empty() => view! {
                    <p class="muted">"No webinar configurations in this view."</p>
                }.into_any(),
                Ok(found) => {
                    let (current, pages) = (found.page, found.page_count());
                    view! {
                        <div class="table-scroll"><table class="grid">
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
                                {found.items.into_iter().map(|c| {
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
                                            <RowActions
                                                active=active
                                                toggle=Callback::new(move |_| {
                                                    toggle.dispatch((id.clone(), !active));
                                                })
                                                question=question
                                                delete=Callback::new(move |_| {
                                                    remove.dispatch(delete_id.clone());
                                                })
                                            />
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=found.total current=current pages=pages page=list.page noun="configurations" />
                    }.into_any()
                }
            })}
        </Transition>
    }
}
