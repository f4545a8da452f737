//! The integration health part of a webinar configuration's page: its events'
//! registrations by where they stand with the provider, the last successful send, the last
//! error and the last metrics update; "Retry failed" and "Update metrics now".

use convene_types::configuration::{ServiceStatus, WebinarConfiguration};
use leptos::prelude::*;

use convene_types::sync::SyncCounts;

use crate::api::{self, ApiResult};
use crate::display::timestamp;
use crate::reactive::{action, effect};

/// `new`, with the health figures of `previous` (the same record) when `new` has none:
/// only a read of one configuration carries them, not the answers of its changes.
pub fn with_health(
    previous: Option<&WebinarConfiguration>,
    mut new: WebinarConfiguration,
) -> WebinarConfiguration {
    if let Some(previous) = previous.filter(|p| p.id == new.id && new.sync_counts.is_none()) {
        new.sync_counts = previous.sync_counts;
        new.last_sync_error = previous.last_sync_error.clone();
        new.last_sync_error_at = previous.last_sync_error_at.clone();
        new.last_sent_at = previous.last_sent_at.clone();
    }
    new
}

/// "3 registrations queued again".
fn queued(n: u32) -> String {
    match n {
        0 => "No failed registrations to send again.".into(),
        1 => "1 registration queued again.".into(),
        n => format!("{n} registrations queued again."),
    }
}

/// A time as the page shows it, or `none`.
fn when(time: Option<&String>, none: &'static str) -> String {
    time.map_or_else(|| none.to_string(), |t| timestamp(t))
}

#[component]
pub fn IntegrationHealth(record: RwSignal<Option<WebinarConfiguration>>) -> impl IntoView {
    // What the last action gave: `Ok` a success to show, `Err` a failure.
    let notice = RwSignal::new(None::<Result<String, String>>);
    let id = move || record.with_untracked(|r| r.as_ref().map(|r| r.id.clone()));

    let retry = action(move |id: &String| {
        let id = id.clone();
        Box::pin(async move {
            let retried = api::retry_configuration_sync(&id).await;
            // The counts changed: read them again.
            let refreshed = match retried {
                Ok(_) => api::configuration(&id).await.ok(),
                Err(_) => None,
            };
            (retried, refreshed)
        })
    });
    effect(move || {
        if let Some((retried, refreshed)) = retry.value().get() {
            notice.set(Some(retried.map(queued).map_err(|e| e.message())));
            if let Some(c) = refreshed {
                record.set(Some(c));
            }
        }
    });

    let metrics = action(move |id: &String| {
        let id = id.clone();
        Box::pin(async move { api::update_metrics(&id).await })
    });
    effect(move || {
        let Some(answer): Option<ApiResult<WebinarConfiguration>> = metrics.value().get() else {
            return;
        };
        match answer {
            Ok(c) => {
                // The provider's failure comes back as the configuration's status.
                notice.set(Some(if c.service_status == ServiceStatus::Ok {
                    Ok(c.status_message.clone())
                } else {
                    Err(format!(
                        "{}: {}",
                        c.service_status.label(),
                        c.status_message
                    ))
                }));
                record.update(|r| *r = Some(with_health(r.as_ref(), c)));
            }
            Err(e) => notice.set(Some(Err(e.message()))),
        }
    });

    let busy = move || retry.pending().get() || metrics.pending().get();
    let on_retry = move |_| {
        if let Some(id) = id() {
            notice.set(None);
            retry.dispatch(id);
        }
    };
    let on_metrics = move |_| {
        if let Some(id) = id() {
            notice.set(None);
            metrics.dispatch(id);
        }
    };

    let result = move || {
        notice.get().map(|n| match n {
            Ok(text) => view! {
                <p class="banner success" role="status" data-testid="health-result">{text}</p>
            }
            .into_any(),
            Err(text) => view! {
                <p class="banner error" role="alert" data-testid="health-result">{text}</p>
            }
            .into_any(),
        })
    };
    move || {
        record.get().map(|r| {
            let counts = r.sync_counts;
            let count = move |f: fn(&SyncCounts) -> u32| {
                counts.as_ref().map_or_else(|| "—".to_string(), |c| f(c).to_string())
            };
            let failed = counts.map_or(0, |c| c.failed);
            let last_error = match (&r.last_sync_error, &r.last_sync_error_at) {
                (Some(e), at) => format!("{e} ({})", when(at.as_ref(), "time unknown")),
                (None, _) => "None".into(),
            };
            view! {
                <fieldset class="readonly-group health">
                    <legend>"Integration health"</legend>
                    <dl class="details" data-testid="integration-health">
                        <dt>"Pending"</dt><dd data-testid="sync-pending">{count(|c| c.pending)}</dd>
                        <dt>"Synced"</dt><dd data-testid="sync-synced">{count(|c| c.synced)}</dd>
                        <dt>"Failed"</dt><dd data-testid="sync-failed">{count(|c| c.failed)}</dd>
                        <dt>"Last successful send"</dt>
                        <dd data-testid="last-sent">{when(r.last_sent_at.as_ref(), "Never")}</dd>
                        <dt>"Last error"</dt><dd data-testid="last-sync-error">{last_error}</dd>
                        <dt>"Last metrics update"</dt>
                        <dd data-testid="last-metrics-update">{when(r.last_metrics_update.as_ref(), "Never")}</dd>
                    </dl>
                    <div class="actions">
                        <button class="button" type="button" on:click=on_retry
                            disabled=move || failed == 0 || busy()>"Retry failed"</button>
                        <button class="button" type="button" on:click=on_metrics
                            disabled=busy>"Update metrics now"</button>
                    </div>
                    {result}
                </fieldset>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configuration(id: &str) -> WebinarConfiguration {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": "Webinars", "providerId": "on24", "providerName": "ON24",
            "termsOfServiceUrl": "", "privacyPolicyUrl": "", "active": true,
            "credentialsSet": true, "lastMetricsUpdate": null, "serviceStatus": "ok",
            "statusMessage": "", "lastCheckedAt": null,
            "createdAt": "2026-01-01T09:00:00.000Z", "updatedAt": "2026-01-01T09:00:00.000Z"
        }))
        .unwrap_or_else(|e| panic!("a configuration: {e}"))
    }

    #[test]
    fn answers_without_health_keep_the_figures_of_the_same_record() {
        let mut read = configuration("a");
        read.sync_counts = Some(SyncCounts {
            pending: 1,
            synced: 2,
            failed: 3,
        });
        read.last_sent_at = Some("2026-01-02T10:00:00.000Z".into());
        let saved = with_health(Some(&read), configuration("a"));
        assert_eq!(saved.sync_counts, read.sync_counts);
        assert_eq!(saved.last_sent_at, read.last_sent_at);
        // Another record's figures are never carried over.
        assert_eq!(
            with_health(Some(&read), configuration("b")).sync_counts,
            None
        );
        // An answer with figures keeps its own.
        let mut fresh = configuration("a");
        fresh.sync_counts = Some(SyncCounts::default());
        assert_eq!(
            with_health(Some(&read), fresh).sync_counts,
            Some(SyncCounts::default())
        );
    }

    #[test]
    fn the_retry_answer_says_how_many() {
        assert_eq!(queued(1), "1 registration queued again.");
        assert_eq!(queued(4), "4 registrations queued again.");
    }
}
