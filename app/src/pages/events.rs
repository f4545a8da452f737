//! Events: how full the upcoming ones are (a chart), then the list, soonest first by
//! default.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::charts::UpcomingFill;
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::display::local_time;
use crate::i18n::admin::{common, events as words};
use crate::i18n::{self, t};
use crate::{api, use_auth};

#[component]
pub fn Events() -> impl IntoView {
    let list = ListState::new("start");
    let writable = use_auth().can_write_events();

    let events = LocalResource::new(move || {
        let query = list.query();
        async move { api::events(&query).await }
    });

    let upcoming = LocalResource::new(|| async { api::upcoming_events().await });

    view! {
        <div class="page-header">
            <h1>{t(common::EVENTS)}</h1>
            {writable.then(|| view! {
                <A href="/events/new" attr:class="button primary">{t(common::NEW)}</A>
            })}
        </div>
        <Transition fallback=|| ()>
            {move || upcoming.get().map(|result| match result {
                Ok(events) if events.is_empty() => ().into_any(),
                Ok(events) => view! { <UpcomingFill events=events /> }.into_any(),
                Err(e) => view! {
                    <p class="banner error" role="alert">
                        {move || words::upcoming_events_failed(i18n::lang(), &e.message())}
                    </p>
                }.into_any(),
            })}
        </Transition>
        <div class="toolbar">
            <SearchBox list=list label=words::SEARCH_EVENTS />
        </div>
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || events.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <p class="muted">{t(words::NO_EVENTS)}</p>
                }.into_any(),
                Ok(page) => {
                    let pages = page.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid" data-testid="events-table">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="name" label=common::NAME /></th>
                                    <th>{t(words::READABLE_ID)}</th>
                                    <th><SortButton list=list key="start" label=common::START /></th>
                                    <th>{t(words::FORMAT)}</th>
                                    <th>{t(common::PUBLISHED)}</th>
                                    <th>{t(common::CAPACITY)}</th>
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
                                                {move || local_time(i18n::lang(), &e.start)}
                                                " "<span class="muted">{e.time_zone}</span>
                                            </td>
                                            <td>{t(words::format_name(e.format))}</td>
                                            <td>{t(words::yes_no(e.published))}</td>
                                            <td class="num">
                                                {move || e.capacity.map_or_else(
                                                    || common::UNLIMITED.get(i18n::lang()).to_string(),
                                                    |c| c.to_string(),
                                                )}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=page.total current=page.page pages=pages page=list.page noun=words::EVENTS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}
