//! Pulling attendance back from the webinar provider: "Update metrics now" on a
//! configuration, and the scheduled job (a Cron Trigger) for every configuration whose
//! integration is on. Only webinars that have started are asked for.

use convene_types::configuration::{ServiceStatus, WebinarConfiguration};
use convene_types::sync::has_started;
use worker::Env;

use crate::error::{ApiError, ApiResult};
use crate::on24::attendance;
use crate::registry::{AttendeeReport, Registry, RegistryCommand};
use crate::routes::{open_credentials, provider_base};
use crate::runtime::clock;
use crate::store::{Command, MetricsTarget, ProviderWebinar, Store};

/// Pulls the attendance of configuration `id`'s started webinars, records it on their
/// registrations, and returns the configuration with its "Last metrics update", status
/// and message. A provider failure stops the pull and is told by that status and message.
pub async fn update(env: &Env, id: &str) -> ApiResult<WebinarConfiguration> {
    let store = Store::config(env)?;
    let target: MetricsTarget = store
        .call(&Command::MetricsTarget { id: id.into() })
        .await?;
    let configuration = &target.configuration;
    if !configuration.integration.on {
        return Err(ApiError::Conflict(format!(
            "The webinar integration of “{}” is off, so nothing is asked of {}: {}",
            configuration.name, configuration.provider_name, configuration.integration.message
        )));
    }
    let sealed = target
        .credentials
        .as_ref()
        .ok_or_else(|| ApiError::internal("integration on without credentials"))?;
    let credentials = open_credentials(env, id, sealed)?;
    let base = provider_base(env, &target.provider);
    let now_ms = clock::now_ms();
    let mut pulled = 0;
    let mut failure = None;
    for webinar in target.webinars.iter().filter(|w| started(w, now_ms)) {
        match attendance::pull(&base, &credentials, &webinar.provider_event_id).await {
            Ok(attendees) => {
                let command = RegistryCommand::RecordAttendance {
                    event_id: webinar.event_id.clone(),
                    session_id: webinar.session_id.clone(),
                    attendees: attendees
                        .into_iter()
                        .map(|a| AttendeeReport {
                            registrant_id: a.registrant_id,
                            email: a.email,
                            attendance: a.attendance,
                        })
                        .collect(),
                };
                Registry::event(env, &webinar.event_id)?
                    .call::<u32>(&command)
                    .await?;
                pulled += 1;
            }
            Err(f) => {
                failure = Some(f);
                break;
            }
        }
    }
    let (status, message, pulled) = match failure {
        Some((status, message)) => (status, format!("Attendance not updated: {message}"), false),
        None => (
            ServiceStatus::Ok,
            format!("Attendance updated for {pulled} started webinar(s)."),
            true,
        ),
    };
    store
        .call(&Command::RecordMetrics {
            id: id.into(),
            wrapped_key: sealed.wrapped_key.clone(),
            status,
            message,
            pulled,
        })
        .await
}

/// The scheduled job: every configuration whose integration is on.
pub async fn update_all(env: &Env) -> ApiResult<()> {
    let all: Vec<WebinarConfiguration> = Store::config(env)?
        .call(&Command::ListConfigurations)
        .await?;
    for configuration in all.iter().filter(|c| c.integration.on) {
        if let Err(e) = update(env, &configuration.id).await {
            worker::console_error!("metrics of {}: {e:?}", configuration.id);
        }
    }
    Ok(())
}

/// Whether the webinar has started, in its own time zone (unknown zone: UTC).
fn started(webinar: &ProviderWebinar, now_ms: f64) -> bool {
    let offset = clock::utc_offset_minutes(&webinar.time_zone, now_ms).unwrap_or(0);
    has_started(&webinar.start, offset, now_ms)
}
