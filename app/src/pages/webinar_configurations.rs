//! Settings › Event management › Webinar configurations: active and inactive views.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::list::{ListState, SearchBox};
use crate::components::pager::Pager;
use crate::components::row_actions::{RowActions, report_refusals};
use crate::components::tabs::{ActiveInactiveTabs, use_inactive_view};
use crate::i18n::admin::{common, shell, webinars};
use crate::i18n::{self, t};

#[component]
pub fn WebinarConfigurations() -> impl IntoView {
    let inactive = use_inactive_view();
    let list = ListState::new("name");
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
        let view = if inactive.get() { "inactive" } else { "active" };
        let list_query = list.query();
        toggle.version().get();
        remove.version().get();
        async move { api::configurations(&list_query, view).await }
    });
    // A refusal (such as activating while another record is active) stays on screen.
    report_refusals(toggle, message);
    report_refusals(remove, message);

    view! {
        <div class="page-header">
            <h1>
                {move || {
                    let word = if inactive.get() {
                        webinars::INACTIVE_CONFIGURATIONS
                    } else {
                        shell::WEBINAR_CONFIGURATIONS
                    };
                    word.get(i18n::lang())
                }}
            </h1>
            <A href="/settings/webinar-configurations/new" attr:class="button primary">{t(common::NEW)}</A>
        </div>
        <ActiveInactiveTabs
            base="/settings/webinar-configurations"
            inactive=inactive
            active_label=webinars::ACTIVE_CONFIGURATIONS
            inactive_label=webinars::INACTIVE_CONFIGURATIONS
        />
        <div class="toolbar">
            <SearchBox list=list label=webinars::SEARCH_CONFIGURATIONS />
        </div>
        {move || message.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || configurations.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(found) if found.items.is_empty() => view! {
                    <p class="muted">{t(webinars::NO_CONFIGURATIONS)}</p>
                }.into_any(),
                Ok(found) => {
                    let (current, pages) = (found.page, found.page_count());
                    // The delete questions follow a language switch.
                    let lang = i18n::lang();
                    view! {
                        <div class="table-scroll"><table class="grid">
                            <thead>
                                <tr>
                                    <th>{t(common::NAME)}</th>
                                    <th>{t(webinars::WEBINAR_PROVIDER)}</th>
                                    <th>{t(webinars::CREDENTIALS)}</th>
                                    <th>{t(webinars::PROVIDER_SERVICE_STATUS)}</th>
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {found.items.into_iter().map(|c| {
                                    let href = format!("/settings/webinar-configurations/{}", c.id);
                                    let id = c.id.clone();
                                    let delete_id = c.id.clone();
                                    let question = webinars::delete_configuration_question(lang, &c.name);
                                    let active = c.active;
                                    view! {
                                        <tr>
                                            <td><A href=href>{c.name}</A></td>
                                            <td>{c.provider_name}</td>
                                            <td>{t(if c.credentials_set {
                                                webinars::CREDENTIALS_STORED
                                            } else {
                                                webinars::CREDENTIALS_NOT_STORED
                                            })}</td>
                                            <td><span class="status">{t(webinars::service_status(c.service_status))}</span></td>
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
                        <Pager total=found.total current=current pages=pages page=list.page noun=webinars::CONFIGURATIONS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}
