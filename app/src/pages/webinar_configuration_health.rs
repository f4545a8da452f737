//! The integration health part of a webinar configuration's page: its events'
//! registrations by where they stand with the provider, the last successful send, the last
//! error and the last metrics update; "Retry failed" and "Update metrics now".

use convene_types::configuration::{ServiceStatus, WebinarConfiguration};
use convene_types::i18n::{Lang, Word, admin_message};
use convene_types::sync::SyncCounts;
use leptos::prelude::*;

use crate::api::{self, ApiResult};
use crate::display::{count, timestamp};
use crate::i18n::admin::{common, webinars};
use crate::i18n::{self, t};

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

/// A time as the page shows it, or `none`.
fn when(lang: Lang, time: Option<&String>, none: Word) -> String {
    time.map_or_else(|| none.get(lang).to_string(), |t| timestamp(lang, t))
}

#[component]
pub fn IntegrationHealth(record: RwSignal<Option<WebinarConfiguration>>) -> impl IntoView {
    // What the last action gave: `Ok` a success to show, `Err` a failure.
    let notice = RwSignal::new(None::<Result<String, String>>);
    let id = move || record.with_untracked(|r| r.as_ref().map(|r| r.id.clone()));

    let retry = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            let retried = api::retry_configuration_sync(&id).await;
            // The counts changed: read them again.
            let refreshed = match retried {
                Ok(_) => api::configuration(&id).await.ok(),
                Err(_) => None,
            };
            (retried, refreshed)
        }
    });
    Effect::new(move |_| {
        if let Some((retried, refreshed)) = retry.value().get() {
            let queued = |n| webinars::queued_again(i18n::current(), n);
            notice.set(Some(retried.map(queued).map_err(|e| e.message())));
            if let Some(c) = refreshed {
                record.set(Some(c));
            }
        }
    });

    let metrics = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::update_metrics(&id).await }
    });
    Effect::new(move |_| {
        let Some(answer): Option<ApiResult<WebinarConfiguration>> = metrics.value().get() else {
            return;
        };
        match answer {
            Ok(c) => {
                // The provider's failure comes back as the configuration's status.
                let lang = i18n::current();
                let status_message = admin_message(&c.status_message, lang);
                notice.set(Some(if c.service_status == ServiceStatus::Ok {
                    Ok(status_message)
                } else {
                    Err(webinars::status_with_message(
                        lang,
                        c.service_status,
                        &status_message,
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
            let lang = i18n::lang();
            let counts = r.sync_counts;
            let figure = move |f: fn(&SyncCounts) -> u32| {
                counts.as_ref().map_or_else(|| "—".to_string(), |c| count(lang, f(c)))
            };
            let failed = counts.map_or(0, |c| c.failed);
            let last_error = match (&r.last_sync_error, &r.last_sync_error_at) {
                (Some(e), at) => format!(
                    "{} ({})",
                    admin_message(e, lang),
                    when(lang, at.as_ref(), webinars::TIME_UNKNOWN)
                ),
                (None, _) => webinars::NO_ERROR.get(lang).into(),
            };
            view! {
                <fieldset class="readonly-group health">
                    <legend>{t(webinars::INTEGRATION_HEALTH)}</legend>
                    <dl class="details" data-testid="integration-health">
                        <dt>{t(webinars::SYNC_PENDING)}</dt><dd data-testid="sync-pending">{figure(|c| c.pending)}</dd>
                        <dt>{t(webinars::SYNC_SYNCED)}</dt><dd data-testid="sync-synced">{figure(|c| c.synced)}</dd>
                        <dt>{t(webinars::SYNC_FAILED)}</dt><dd data-testid="sync-failed">{figure(|c| c.failed)}</dd>
                        <dt>{t(webinars::LAST_SUCCESSFUL_SEND)}</dt>
                        <dd data-testid="last-sent">{when(lang, r.last_sent_at.as_ref(), common::NEVER)}</dd>
                        <dt>{t(webinars::LAST_ERROR)}</dt><dd data-testid="last-sync-error">{last_error}</dd>
                        <dt>{t(webinars::LAST_METRICS_UPDATE)}</dt>
                        <dd data-testid="last-metrics-update">{when(lang, r.last_metrics_update.as_ref(), common::NEVER)}</dd>
                    </dl>
                    <div class="actions">
                        <button class="button" type="button" on:click=on_retry
                            disabled=move || failed == 0 || busy()>{t(webinars::RETRY_FAILED)}</button>
                        <button class="button" type="button" on:click=on_metrics
                            disabled=busy>{t(webinars::UPDATE_METRICS_NOW)}</button>
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
        use webinars::queued_again;
        assert_eq!(queued_again(Lang::En, 1), "1 registration queued again.");
        assert_eq!(queued_again(Lang::En, 4), "4 registrations queued again.");
        assert_eq!(
            queued_again(Lang::Fr, 1),
            "1 inscription remise en file d’attente."
        );
        assert_eq!(
            queued_again(Lang::Fr, 4),
            "4 inscriptions remises en file d’attente."
        );
    }

    #[test]
    fn times_read_in_the_language_or_say_none() {
        let at = "2026-01-02T10:00:00.000Z".to_string();
        assert_eq!(
            when(Lang::En, Some(&at), common::NEVER),
            "2026-01-02 10:00 UTC"
        );
        assert_eq!(
            when(Lang::Fr, Some(&at), common::NEVER),
            "02/01/2026 10:00 UTC"
        );
        assert_eq!(when(Lang::Fr, None, common::NEVER), "Jamais");
    }
}
