//! Settings › Event management › Website table configurations: per table, which optional
//! standard fields and custom fields the Events API returns. The API returns every
//! configuration; this page searches, sorts and pages them.

use convene_types::custom::WebsiteTableConfiguration;
use convene_types::list::{self, ListQuery, Page};
use convene_types::validate::name_key;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiResult};
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::components::row_actions::report_refusals;
use crate::reactive::{Act, action};
use crate::use_auth;

pub const LIST: &str = "/settings/website-table-configurations";

/// What the list and the form say about exposure.
pub const EXPOSURE_NOTE: &str = "Nothing custom is exposed unless listed here; changes apply \
                                 to the Events API on the next request.";

/// The page of `tables` that `query` asks for: searched by name and field; sorted by name
/// (`name`) or by table then name (`entity`).
fn page_of(
    tables: Vec<WebsiteTableConfiguration>,
    query: &ListQuery,
) -> Page<WebsiteTableConfiguration> {
    let mut found: Vec<WebsiteTableConfiguration> = tables
        .into_iter()
        .filter(|t| query.matches(&[&t.name, &t.fields.join(" "), t.entity.label()]))
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
    let auth = use_auth();
    let list = ListState::new("name");
    let message = RwSignal::new(None::<String>);

    let remove = action(move |id: &String| {
        let id = id.clone();
        Box::pin(async move { api::delete_website_table_configuration(&id).await })
    });
    let tables = auth.resource(move || {
        remove.version().get();
        Box::pin(async move { api::website_table_configurations().await })
    });
    report_refusals(remove, message);

    view! {
        <div class="page-header">
            <h1>"Website table configurations"</h1>
            <A href=format!("{LIST}/new") attr:class="button primary">"New"</A>
        </div>
        <p class="banner info">
            "Each configuration lists, for one table, the fields the Events API returns. "
            {EXPOSURE_NOTE}" Custom fields are defined under "
            <A href="/settings/custom-fields">"Custom fields"</A>"."
        </p>
        <div class="toolbar">
            <SearchBox list=list label="Search website table configurations" />
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || tables.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(all) => {
                    let found = page_of(all, &list.list_query());
                    if found.items.is_empty() {
                        return view! { <p class="muted">"No website table configurations."</p> }.into_any();
                    }
                    let pages = found.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="name" label="Name" /></th>
                                    <th><SortButton list=list key="entity" label="Table" /></th>
                                    <th>"Fields"</th>
                                    <th><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {found.items.into_iter().map(|t| view! {
                                    <Row table=t remove=remove message=message />
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=found.total current=found.page pages=pages page=list.page noun="configurations" />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(
    table: WebsiteTableConfiguration,
    remove: Act<String, ApiResult<()>>,
    /// Cleared when an action starts.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let href = format!("{LIST}/{}", table.id);
    let id = table.id.clone();
    let question = format!(
        "Delete the website table configuration “{}”? The Events API stops returning the fields \
         it lists (unless another configuration lists them).",
        table.name
    );
    let fields = if table.fields.is_empty() {
        view! { <span class="muted">"Nothing listed"</span> }.into_any()
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
            <td>{table.entity.label()}</td>
            <td>{fields}</td>
            <td class="row-actions">
                <A href=href attr:class="button subtle">"Open"</A>
                <button class="button subtle danger" on:click=move |_| {
                    if window().confirm_with_message(&question).unwrap_or(false) {
                        message.set(None);
                        remove.dispatch(id.clone());
                    }
                }>"Delete"</button>
            </td>
        </tr>
    }
}
