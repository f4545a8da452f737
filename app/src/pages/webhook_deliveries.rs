//! A webhook's delivery log, under its form: every attempt, newest first, paged by the API;
//! "Send test", "Refresh", and "Resend" on each row. A chunk of its own (`delivery_log`):
//! with the form, one chunk was over the page chunk budget.
//!
//! A test or a resend is queued, not sent, by the API: its attempt shows in the log a moment
//! later. So after one is accepted the log is read again every second until that message's
//! new attempt is there and settled (delivered, failed or not sent), for at most
//! `MAX_POLLS` reads; "Refresh" reads it at any time.

use std::time::Duration;

use convene_types::i18n::{Lang, admin_message};
use convene_types::list::Page;
use convene_types::webhook::{Delivery, DeliveryStatus};
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

use crate::api::{self, ApiResult};
use crate::components::pager::Pager;
use crate::display::timestamp;
use crate::i18n::admin::{common, webhooks as words};
use crate::i18n::{self, t};

const POLL_EVERY: Duration = Duration::from_secs(1);
const MAX_POLLS: u32 = 15;

/// A message queued by this page, awaited in the log.
#[derive(Clone, Debug, PartialEq)]
struct Awaited {
    message_id: String,
    /// The log's total when it was queued: the attempts after it are the new ones.
    total_before: usize,
}

/// Whether `page` (the log's first page) shows a new, settled attempt of the awaited message.
/// The log is newest first, so the attempts made since are its first `total - total_before`.
fn arrived(page: &Page<Delivery>, awaited: &Awaited) -> bool {
    page.page == 1
        && page
            .items
            .iter()
            .take(page.total.saturating_sub(awaited.total_before))
            .any(|d| d.message_id == awaited.message_id && d.status != DeliveryStatus::Retrying)
}

/// A delivery's outcome as a pill.
fn status_badge(status: DeliveryStatus) -> impl IntoView {
    view! {
        <span class=format!("status delivery-{}", status.as_str()) data-testid="delivery-status">
            {t(words::delivery_status(status))}
        </span>
    }
}

/// The log of the webhook `endpoint`, fetched while the webhook loads.
#[wasm_split(
    webhook_deliveries,
    fallible,
    preload(preload_delivery_log),
    wasm_split_path = ::leptos::wasm_split
)]
pub fn delivery_log(endpoint: String) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Deliveries endpoint /> }.into_any())
}

#[component]
fn Deliveries(
    /// The webhook's id.
    endpoint: String,
) -> impl IntoView {
    let endpoint = StoredValue::new(endpoint);
    let page = RwSignal::new(1usize);
    // Bumped to read the log again.
    let refresh = RwSignal::new(0u32);
    let awaited = RwSignal::new(None::<Awaited>);
    let note = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);

    let log = LocalResource::new(move || {
        let (id, page) = (endpoint.get_value(), page.get());
        refresh.get();
        async move { api::webhook_deliveries(&id, page).await }
    });
    let total_now = move || {
        log.with_untracked(|l| match l {
            Some(Ok(p)) => p.total,
            _ => 0,
        })
    };

    // Input: the log's total before; output: the message queued and that total.
    let test = Action::new_local(move |total_before: &usize| {
        let (id, total_before) = (endpoint.get_value(), *total_before);
        async move {
            let message_id = api::test_webhook(&id).await?;
            Ok(Awaited {
                message_id,
                total_before,
            })
        }
    });
    let resend = Action::new_local(move |(delivery_id, total_before): &(String, usize)| {
        let (id, delivery_id, total_before) =
            (endpoint.get_value(), delivery_id.clone(), *total_before);
        async move {
            let message_id = api::resend_webhook_delivery(&id, &delivery_id).await?;
            Ok(Awaited {
                message_id,
                total_before,
            })
        }
    });
    let queued = move |result: Option<ApiResult<Awaited>>, sentence: fn(Lang, &str) -> String| {
        match result {
            Some(Ok(a)) => {
                note.set(Some(sentence(i18n::current(), &a.message_id)));
                page.set(1);
                awaited.set(Some(a));
                refresh.update(|n| *n += 1);
            }
            Some(Err(e)) => message.set(Some(e.message())),
            None => {}
        }
    };
    Effect::new(move |_| queued(test.value().get(), words::test_queued));
    Effect::new(move |_| queued(resend.value().get(), words::resend_queued));

    // The message awaited, and the reads of the log the timer below made for it.
    let (mut watching, mut polls) = (None::<Awaited>, 0u32);
    Effect::new(move |_| {
        let Some(wanted) = awaited.get() else {
            return;
        };
        if watching.as_ref() != Some(&wanted) {
            (watching, polls) = (Some(wanted.clone()), 0);
        }
        let done = log.with(|l| matches!(l, Some(Ok(p)) if arrived(p, &wanted)));
        if done || polls >= MAX_POLLS {
            awaited.set(None);
            return;
        }
        if let Ok(timer) = set_timeout_with_handle(move || refresh.update(|n| *n += 1), POLL_EVERY)
        {
            polls += 1;
            // A new answer or leaving the page cancels the pending read.
            on_cleanup(move || timer.clear());
        }
    });

    let start = move || {
        note.set(None);
        message.set(None);
    };
    let on_test = move |_| {
        start();
        test.dispatch(total_now());
    };
    let on_refresh = move |_| {
        start();
        refresh.update(|n| *n += 1);
    };
    let on_resend = Callback::new(move |delivery_id: String| {
        start();
        resend.dispatch((delivery_id, total_now()));
    });

    view! {
        <section class="section" aria-labelledby="delivery-log-title" data-testid="delivery-log">
            <div class="page-header">
                <h2 id="delivery-log-title">{t(words::DELIVERY_LOG)}</h2>
                <div class="actions">
                    <button class="button" type="button" on:click=on_test
                        disabled=move || test.pending().get()>{t(words::SEND_TEST)}</button>
                    <button class="button subtle" type="button" on:click=on_refresh>{t(words::REFRESH)}</button>
                </div>
            </div>
            <p class="muted">{t(words::DELIVERY_LOG_INTRO)}</p>
            {move || note.get().map(|m| view! {
                <p class="banner success" role="status" data-testid="delivery-note">{m}</p>
            })}
            {move || message.get().map(|m| view! {
                <p class="banner error" role="alert" data-testid="delivery-error">{m}</p>
            })}
            {move || awaited.with(Option::is_some).then(|| view! {
                <p class="muted" role="status">{t(words::WAITING_FOR_DELIVERY)}</p>
            })}
            <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
                {move || log.get().map(|result| match result {
                    Err(e) => view! { <p class="banner error" role="alert">{e.message()}</p> }.into_any(),
                    Ok(found) if found.items.is_empty() => {
                        view! { <p class="muted">{t(words::NO_DELIVERIES)}</p> }.into_any()
                    }
                    Ok(found) => {
                        let pages = found.page_count();
                        view! {
                            <div class="table-scroll"><table class="grid" data-testid="deliveries-table">
                                <thead>
                                    <tr>
                                        <th>{t(words::TIME)}</th>
                                        <th>{t(words::EVENT_TYPE)}</th>
                                        <th>{t(words::MESSAGE_ID)}</th>
                                        <th>{t(words::ATTEMPT)}</th>
                                        <th>{t(common::STATUS)}</th>
                                        <th>{t(words::ANSWER)}</th>
                                        <th>{t(words::ERROR)}</th>
                                        <th><span class="visually-hidden">{t(common::ACTIONS)}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {found.items.into_iter().map(|delivery| view! {
                                        <Row delivery=delivery resend=on_resend pending=resend.pending() />
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                            <Pager total=found.total current=found.page pages=pages page=page noun=words::DELIVERIES_NOUN />
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Row(delivery: Delivery, resend: Callback<String>, pending: Memo<bool>) -> impl IntoView {
    let Delivery {
        id,
        message_id,
        event_type,
        attempt,
        status,
        response_code,
        error,
        at,
    } = delivery;
    let label = {
        let message_id = message_id.clone();
        move || words::resend_label(i18n::lang(), &message_id)
    };
    view! {
        <tr data-testid="delivery-row">
            <td>{move || timestamp(i18n::lang(), &at)}</td>
            <td>{t(words::event_type(event_type))}<br /><code>{event_type.as_str()}</code></td>
            <td><code data-testid="delivery-message-id">{message_id}</code></td>
            <td>{attempt}</td>
            <td>{status_badge(status)}</td>
            <td data-testid="delivery-answer">{response_code.map_or_else(|| "—".to_string(), |c| c.to_string())}</td>
            <td>{error.map(|e| move || admin_message(&e, i18n::lang()))}</td>
            <td class="row-actions">
                <button class="button subtle" type="button" aria-label=label
                    disabled=move || pending.get() on:click=move |_| resend.run(id.clone())>
                    {t(words::RESEND)}
                </button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use convene_types::webhook::EventType;

    fn delivery(message_id: &str, status: DeliveryStatus) -> Delivery {
        Delivery {
            id: "1".into(),
            message_id: message_id.into(),
            event_type: EventType::Test,
            attempt: 1,
            status,
            response_code: None,
            error: None,
            at: "2026-01-01T00:00:00.000Z".into(),
        }
    }

    fn first_page(items: Vec<Delivery>, total: usize) -> Page<Delivery> {
        Page {
            items,
            total,
            page: 1,
            page_size: 25,
        }
    }

    #[test]
    fn an_awaited_message_has_arrived_once_a_new_attempt_of_it_has_settled() {
        let awaited = Awaited {
            message_id: "msg_2".into(),
            total_before: 1,
        };
        let before = first_page(vec![delivery("msg_2", DeliveryStatus::Delivered)], 1);
        assert!(
            !arrived(&before, &awaited),
            "the old attempt is not the new one"
        );
        let retrying = first_page(
            vec![
                delivery("msg_2", DeliveryStatus::Retrying),
                delivery("msg_2", DeliveryStatus::Delivered),
            ],
            2,
        );
        assert!(!arrived(&retrying, &awaited), "still on its way");
        let other = first_page(
            vec![
                delivery("msg_3", DeliveryStatus::Delivered),
                delivery("msg_2", DeliveryStatus::Delivered),
            ],
            2,
        );
        assert!(!arrived(&other, &awaited), "another message's attempt");
        let settled = first_page(
            vec![
                delivery("msg_3", DeliveryStatus::Delivered),
                delivery("msg_2", DeliveryStatus::Failed),
                delivery("msg_2", DeliveryStatus::Delivered),
            ],
            3,
        );
        assert!(arrived(&settled, &awaited));
        let second_page = Page { page: 2, ..settled };
        assert!(!arrived(&second_page, &awaited));
    }
}
