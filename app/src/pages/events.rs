//! Events: how full the upcoming ones are (a chart), then the list, soonest first by
//! default.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::charts::UpcomingFill;
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::display::{local_time, yes_no};
use crate::{api, use_auth};

#[component]
pub fn Events() -> impl IntoView {
    let auth = use_auth();
    let list = ListState::new("start");

    let events = auth.resource(move || {
        let query = list.query();
        Box::pin(async move { api::events(&query).await })
    });

    let upcoming = auth.resource(|| Box::pin(async { api::upcoming_events().await }));

    view! {
        <div class="page-header">
            <h1>"Events"</h1>
            <A href="/events/new" attr:class="button primary">"New"</A>
        </div>
        <Transition fallback=|| ()>
            {move || upcoming.get().map(|result| match result {
                Ok(events) if events.is_empty() => ().into_any(),
                Ok(events) => view! { <UpcomingFill events=events /> }.into_any(),
                Err(e) => view! {
                    <p class="banner error" role="alert">"Upcoming events: "{e.message()}</p>
                }.into_any(),
            })}
        </Transition>
        <div class="toolbar">
            <SearchBox list=list label="Search events" />
        </div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || events.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <p class="muted">"No events."</p>
                }.into_any(),
                Ok(page) => {
                    let pages = page.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid" data-testid="events-table">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="name" label="Name" /></th>
                                    <th>"Readable id"</th>
                                    <th><SortButton list=list key="start" label="Start" /></th>
                                    <th>"Format"</th>
                                    <th>"Published"</th>
                                    <th>"Capacity"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.items.into_iter().map(|e| {
                                    let href = format!("/events/{}", e.id);
                                    view! {
                                        <tr>
                                            <td><A href=href>{e.name}</A></td>
                                            <td><code>{e.readable_id}</code></td>
                                            <td>
                                                {local_time(&e.start)}
                                                " "<span class="muted">{e.time_zone}</span>
                                            </td>
                                            <td>{e.format.label()}</td>
                                            <td>{yes_no(e.published)}</td>
                                            <td class="num">
                                                {e.capacity.map_or_else(|| "Unlimited".to_string(), |c| c.to_string())}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=page.total current=page.page pages=pages page=list.page noun="events" />
                    }.into_any()
                }
            })}
        </Transition>
    }
}
