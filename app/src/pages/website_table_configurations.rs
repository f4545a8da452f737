//! Settings › Event management › Website table configurations: per table, which optional
//! standard fields and custom fields the Events API returns. The API returns every
//! configuration; this page searches, sorts and pages them.

use convene_types::custom::WebsiteTableConfiguration;
use convene_types::i18n::Lang;
use convene_types::list::{self, ListQuery, Page};
use convene_types::validate::name_key;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiResult};
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::components::row_actions::report_refusals;
use crate::i18n::admin::{common, settings, shell};
use crate::i18n::{self, t};

pub const LIST: &str = "/settings/website-table-configurations";

/// The page of `tables` that `query` asks for: searched by name, field and table (as `lang`
/// names it); sorted by name (`name`) or by table then name (`entity`).
fn page_of(
    tables: Vec<WebsiteTableConfiguration>,
    query: &ListQuery,
    lang: Lang,
) -> Page<WebsiteTableConfiguration> {
    let mut found: Vec<WebsiteTableConfiguration> = tables
        .into_iter()
        .filter(|t| {
            let table = settings::entity(t.entity).get(lang);
            query.matches(&[&t.name, &t.fields.join(" "), table])
        })
        .collect();
    match query.sort.as_str() {
        "entity" => list::sort_by_key(&mut found, |t| (t.entity, name_key(&t.name))),
        _ => list::sort_by_key(&mut found, |t| name_key(&t.name)),
    }
    if query.desc {
        found.reverse();
    }
    Page::of(found, query)
}

#[component]
pub fn WebsiteTableConfigurations() -> impl IntoView {
    let list = ListState::new("name");
    let message = RwSignal::new(None::<String>);

    let remove = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::delete_website_table_configuration(&id).await }
    });
    let tables = LocalResource::new(move || {
        remove.version().get();
        async move { api::website_table_configurations().await }
    });
    report_refusals(remove, message);

    view! {
        <div class="page-header">
            <h1>{t(shell::WEBSITE_TABLE_CONFIGURATIONS)}</h1>
            <A href=format!("{LIST}/new") attr:class="button primary">{t(common::NEW)}</A>
        </div>
        <p class="banner info">
            {t(settings::TABLES_INTRO)}
            {t(settings::EXPOSURE_NOTE)}
            {t(settings::CUSTOM_FIELDS_DEFINED_UNDER)}
            <A href="/settings/custom-fields">{t(common::CUSTOM_FIELDS)}</A>"."
        </p>
        <div class="toolbar">
            <SearchBox list=list label=settings::SEARCH_TABLE_CONFIGURATIONS />
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || tables.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(all) => {
                    let found = page_of(all, &list.list_query(), i18n::lang());
                    if found.items.is_empty() {
                        return view! { <p class="muted">{t(settings::NO_TABLE_CONFIGURATIONS)}</p> }.into_any();
                    }
                    let pages = found.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="name" label=common::NAME /></th>
                                    <th><SortButton list=list key="entity" label=settings::TABLE /></th>
                                    <th>{t(settings::FIELDS)}</th>
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {found.items.into_iter().map(|t| view! {
                                    <Row table=t remove=remove message=message />
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=found.total current=found.page pages=pages page=list.page noun=settings::CONFIGURATIONS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(
    table: WebsiteTableConfiguration,
    remove: Action<String, ApiResult<()>>,
    /// Cleared when an action starts.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let href = format!("{LIST}/{}", table.id);
    let id = table.id.clone();
    let name = table.name.clone();
    let fields = if table.fields.is_empty() {
        view! { <span class="muted">{t(settings::NOTHING_LISTED)}</span> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {table.fields.into_iter().map(|f| view! { <li><code>{f}</code></li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <tr>
            <td><A href=href.clone()>{table.name}</A></td>
            <td>{t(settings::entity(table.entity))}</td>
            <td>{fields}</td>
            <td class="row-actions">
                <A href=href attr:class="button subtle">{t(common::OPEN)}</A>
                <button class="button subtle danger" on:click=move |_| {
                    let question = settings::delete_table_configuration(i18n::current(), &name);
                    if window().confirm_with_message(&question).unwrap_or(false) {
                        message.set(None);
                        remove.dispatch(id.clone());
                    }
                }>{t(common::DELETE)}</button>
            </td>
        </tr>
    }
}
