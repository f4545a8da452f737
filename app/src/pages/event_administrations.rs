//! Settings › Event management › Event administration: the active record (at most one) and,
//! at `?view=inactive`, the deactivated ones.

use convene_types::event_admin::EventAdministration;
use convene_types::i18n::Lang;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiResult};
use crate::components::list::{ListState, SearchBox, SortButton};
use crate::components::pager::Pager;
use crate::components::row_actions::{RowActions, report_refusals};
use crate::components::tabs::{ActiveInactiveTabs, use_inactive_view};
use crate::i18n::admin::{common, event_administration, shell};
use crate::i18n::{self, t};

pub const LIST: &str = "/settings/event-administration";

#[component]
pub fn EventAdministrations() -> impl IntoView {
    let inactive = use_inactive_view();
    let list = ListState::new("name");
    let message = RwSignal::new(None::<String>);

    let toggle = Action::new_local(move |(id, active): &(String, bool)| {
        let (id, active) = (id.clone(), *active);
        async move { api::set_event_administration_active(&id, active).await }
    });
    let remove = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::delete_event_administration(&id).await }
    });
    let records = LocalResource::new(move || {
        let view = if inactive.get() { "inactive" } else { "active" };
        let query = list.query();
        toggle.version().get();
        remove.version().get();
        async move { api::event_administrations(&query, view).await }
    });
    // "New" only while no record is active, whatever the view and search.
    let none_active = LocalResource::new(move || {
        toggle.version().get();
        remove.version().get();
        async move {
            api::event_administrations("?pageSize=1", "active")
                .await
                .map(|p| p.total == 0)
        }
    });
    // A refusal (such as activating while another record is active) stays on screen.
    report_refusals(toggle, message);
    report_refusals(remove, message);

    view! {
        // Busy until it is known whether "New" applies.
        <div class="page-header" aria-busy=move || none_active.get().is_none().to_string()>
            <h1>
                {move || {
                    let word = if inactive.get() {
                        event_administration::INACTIVE_EVENT_ADMINISTRATION
                    } else {
                        shell::EVENT_ADMINISTRATION
                    };
                    word.get(i18n::lang())
                }}
            </h1>
            {move || matches!(none_active.get(), Some(Ok(true))).then(|| view! {
                <A href=format!("{LIST}/new") attr:class="button primary">{t(common::NEW)}</A>
            })}
        </div>
        <p class="banner info">{t(event_administration::LIST_INFO)}</p>
        <ActiveInactiveTabs
            base=LIST
            inactive=inactive
            active_label=shell::EVENT_ADMINISTRATION
            inactive_label=event_administration::INACTIVE_EVENT_ADMINISTRATION
        />
        <div class="toolbar">
            <SearchBox list=list label=event_administration::SEARCH />
        </div>
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="action-error">{m}</p>
        })}
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || records.get().map(|result| match result {
                Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <p class="muted">{t(event_administration::NO_RECORDS)}</p>
                }.into_any(),
                Ok(page) => {
                    let pages = page.page_count();
                    // The delete questions follow a language switch.
                    let lang = i18n::lang();
                    view! {
                        <div class="table-scroll"><table class="grid">
                            <thead>
                                <tr>
                                    <th><SortButton list=list key="name" label=common::NAME /></th>
                                    <th>{t(event_administration::MATCH_CONTACT_BASED_ON)}</th>
                                    <th>{t(event_administration::DEMO_PAYMENT_CONFIRMATION)}</th>
                                    <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.items.into_iter().map(|r| view! {
                                    <Row record=r lang=lang toggle=toggle remove=remove message=message />
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=page.total current=page.page pages=pages page=list.page noun=event_administration::RECORDS_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(
    record: EventAdministration,
    /// The language of the delete question.
    lang: Lang,
    toggle: Action<(String, bool), ApiResult<EventAdministration>>,
    remove: Action<String, ApiResult<()>>,
    /// Cleared when an action starts.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let href = format!("{LIST}/{}", record.id);
    let id = record.id.clone();
    let delete_id = record.id.clone();
    let question = event_administration::delete_question(lang, &record.name);
    let active = record.active;
    view! {
        <tr>
            <td><A href=href.clone()>{record.name}</A></td>
            <td>{t(event_administration::match_strategy(record.match_strategy))}</td>
            <td>{t(if record.demo_payment_confirmation { common::YES } else { common::NO })}</td>
            <RowActions
                href=href
                active=active
                toggle=Callback::new(move |_| {
                    message.set(None);
                    toggle.dispatch((id.clone(), !active));
                })
                question=question
                delete=Callback::new(move |_| {
                    message.set(None);
                    remove.dispatch(delete_id.clone());
                })
            />
        </tr>
    }
}
