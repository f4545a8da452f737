//! Settings › Event management › Web applications: the websites allowed to call the public
//! Events API. The API returns them all; this page searches, sorts and pages them.

use convene_types::list::{self, ListQuery, Page};
use convene_types::validate::name_key;
use convene_types::webapp::WebApplication;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiResult};
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::components::row_actions::{RowActions, report_refusals};
use crate::i18n::admin::{common, settings, shell};
use crate::i18n::{self, t};

pub const LIST: &str = "/settings/web-applications";

/// A token hint as shown: the last characters after an ellipsis.
pub fn token_hint(hint: &str) -> String {
    format!("…{hint}")
}

/// The page of `apps` that `query` asks for: searched by name and origin, sorted by name
/// (`name`) or state (`active`).
fn page_of(apps: Vec<WebApplication>, query: &ListQuery) -> Page<WebApplication> {
    let mut found: Vec<WebApplication> = apps
        .into_iter()
        .filter(|a| query.matches(&[&a.name, &a.allowed_origins.join(" ")]))
        .collect();
    match query.sort.as_str() {
        "active" => list::sort_by_key(&mut found, |a| (!a.active, name_key(&a.name))),
        _ => list::sort_by_key(&mut found, |a| name_key(&a.name)),
    }
    if query.desc {
        found.reverse();
    }
    Page::of(found, query)
}

#[component]
pub fn WebApplications() -> impl IntoView {
    let list = ListState::new("name");
    let message = RwSignal::new(None::<String>);

    let toggle = Action::new_local(move |(id, active): &(String, bool)| {
        let (id, active) = (id.clone(), *active);
        async move { api::set_web_application_active(&id, active).await }
    });
    let remove = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::delete_web_application(&id).await }
    });
    let apps = LocalResource::new(move || {
        toggle.version().get();
        remove.version().get();
        async move { api::web_applications().await }
    });
    // A refusal (such as activating while another record is active) stays on screen.
    report_refusals(toggle, message);
    report_refusals(remove, message);

    view! {
        <div class="page-header">
            <h1>{t(shell::WEB_APPLICATIONS)}</h1>
            <A href=format!("{LIST}/new") attr:class="button primary">{t(common::NEW)}</A>
        </div>
        <p class="banner info">{t(settings::WEB_APPLICATIONS_INTRO)}</p>
        <div class="toolbar">
            <SearchBox list=list label=settings::SEARCH_WEB_APPLICATIONS />
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || apps.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(all) => {
                    let found = page_of(all, &list.list_query());
                    if found.items.is_empty() {
                        return view! { <p class="muted">{t(settings::NO_WEB_APPLICATIONS)}</p> }.into_any();
                    }
                    let pages = found.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="name" label=common::NAME /></th>
                                    <th>{t(settings::ALLOWED_ORIGINS)}</th>
                                    <th><SortButton list=list key="active" label=settings::STATE /></th>
                                    <th>{t(settings::TOKEN)}</th>
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {found.items.into_iter().map(|app| view! {
                                    <Row app=app toggle=toggle remove=remove message=message />
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=found.total current=found.page pages=pages page=list.page noun=settings::WEB_APPLICATIONS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(
    app: WebApplication,
    toggle: Action<(String, bool), ApiResult<WebApplication>>,
    remove: Action<String, ApiResult<()>>,
    /// Cleared when an action starts.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let href = format!("{LIST}/{}", app.id);
    let open = href.clone();
    let id = app.id.clone();
    let delete_id = app.id.clone();
    let name = app.name.clone();
    let active = app.active;
    let on_toggle = Callback::new(move |_| {
        message.set(None);
        toggle.dispatch((id.clone(), !active));
    });
    let on_delete = Callback::new(move |_| {
        message.set(None);
        remove.dispatch(delete_id.clone());
    });
    view! {
        <tr>
            <td><A href=href.clone()>{app.name}</A></td>
            <td>
                <ul class="plain-list">
                    {app.allowed_origins.into_iter().map(|o| view! { <li><code>{o}</code></li> }).collect_view()}
                </ul>
            </td>
            <td>
                <span class=if active { "status active" } else { "status inactive" }>
                    {t(if active { settings::APPLICATION_ACTIVE } else { settings::APPLICATION_INACTIVE })}
                </span>
            </td>
            <td><code title=t(settings::TOKEN_HINT_TITLE)>{token_hint(&app.token_hint)}</code></td>
            // Again on a switch of language, for the question to follow.
            {move || view! {
                <RowActions
                    href=open.clone()
                    active=active
                    toggle=on_toggle
                    question=settings::delete_web_application(i18n::lang(), &name)
                    delete=on_delete
                />
            }}
        </tr>
    }
}
