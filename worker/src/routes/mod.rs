//! The route table. Every request under `/api/` comes here; each arm names its handler.

mod access;
mod admin_openapi;
mod audit;
mod auth;
mod configurations;
mod custom;
mod event_admin;
mod events;
mod providers;
mod public;
mod public_cache;
mod registrations;
mod retention;
mod sync;
mod users;
mod webapps;
mod webhooks;
mod webinar;

pub use configurations::{keyring, open_credentials, provider_base};

use convene_types::auth::SessionUser;
use worker::{Env, Method, Request, Response, Url};

use crate::error::{ApiError, ApiResult};
use crate::http::{self, is_state_changing};
use crate::runtime::{RawRequest, RawResponse};
use crate::session;
use crate::store::{Change, Command, Store};

/// The answer to any request, errors included. The request and response stay the
/// runtime's (see `fetch`) where the public Events API handles them; every other route
/// works with workers-rs's.
pub async fn handle(req: RawRequest, env: &Env, request_id: &str) -> RawResponse {
    let url = match Url::parse(&req.url()) {
        Ok(url) => url,
        Err(e) => {
            let error = ApiError::BadRequest(format!("The request URL is not valid: {e}."));
            return error.into_response(request_id).into();
        }
    };
    let method = req.method();
    let path = url.path().trim_end_matches('/').to_string();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    // Registry work waits while the one registry's data moves to the per-event layout.
    if path != "/api/health"
        && let Err(e) = crate::registry::migration::ensure(env).await
    {
        return e.into_response(request_id).into();
    }
    // The public Events API is cross-origin by design: its own origin rules, no CSRF check.
    if let ["api", "v1", rest @ ..] = segments.as_slice() {
        return public::handle(req, method, env, &url, rest, request_id).await;
    }
    let answer = route(req.into_request(), method, env, &url, &segments).await;
    answer
        .unwrap_or_else(|e| e.into_response(request_id))
        .into()
}

async fn route(
    req: Request,
    method: Method,
    env: &Env,
    url: &Url,
    segments: &[&str],
) -> ApiResult<Response> {
    if is_state_changing(&method) {
        same_origin(&req, url)?;
    }
    match segments {
        ["api", "health"] => match method {
            Method::Get => http::json(&serde_json::json!({"status": "ok"}), 200),
            _ => Err(allow(&["GET"])),
        },
        ["api", "auth", "sign-in"] => match method {
            Method::Post => auth::sign_in(req, env, url).await,
            _ => Err(allow(&["POST"])),
        },
        ["api", "auth", "sign-out"] => match method {
            Method::Post => auth::sign_out(req, env, url).await,
            _ => Err(allow(&["POST"])),
        },
        ["api", "auth", "session"] => match method {
            Method::Get => auth::current(req, env).await,
            _ => Err(allow(&["GET"])),
        },
        ["api", "auth", "password"] => match method {
            Method::Post => auth::change_password(req, env).await,
            _ => Err(allow(&["POST"])),
        },
        ["api", "admin", rest @ ..] => {
            // Nothing under /api/admin/ answers, not even "unknown route", without a session
            // whose role may call it.
            let user = session::require(env, &req).await?;
            access::check(&user, rest, &method)?;
            admin(rest, method, req, env, url, &user).await
        }
        _ => Err(ApiError::NotFound(format!(
            "There is no API route {}.",
            url.path()
        ))),
    }
}

/// An admin request's `Env` and its signed-in user. Its store client records the user's
/// changes in the audit log when the request changes data.
pub struct Admin<'a> {
    env: &'a Env,
    pub user: &'a SessionUser,
    changes_data: bool,
}

impl std::ops::Deref for Admin<'_> {
    type Target = Env;

    fn deref(&self) -> &Env {
        self.env
    }
}

impl Admin<'_> {
    /// The configuration store, as this request's user.
    pub fn store(&self) -> ApiResult<Store> {
        let store = Store::config(self.env)?;
        match self.changes_data {
            true => store.acting(self.user),
            false => Ok(store),
        }
    }

    /// Records a change the registry made for this request in the audit log (the store
    /// records its own). It is written after the registry's answer: should that write
    /// fail, the request answers 500 and the change stands unrecorded.
    pub async fn record(&self, change: Change) -> ApiResult<()> {
        let command = Command::RecordAudit {
            changes: vec![change],
            system: None,
        };
        self.store()?.call::<()>(&command).await
    }
}

async fn admin(
    rest: &[&str],
    method: Method,
    req: Request,
    env: &Env,
    url: &Url,
    user: &SessionUser,
) -> ApiResult<Response> {
    let env = &Admin {
        env,
        user,
        changes_data: is_state_changing(&method),
    };
    match rest {
        ["openapi.json"] => match method {
            Method::Get => admin_openapi::document(),
            _ => Err(allow(&["GET"])),
        },
        ["webinar-providers"] => match method {
            Method::Get => providers::list(env, url).await,
            Method::Post => providers::create(req, env).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["webinar-providers", id] => match method {
            Method::Get => providers::get(env, id).await,
            Method::Put => providers::update(req, env, id).await,
            Method::Delete => providers::delete(env, id).await,
            _ => Err(allow(&["GET", "PUT", "DELETE"])),
        },
        ["webinar-configurations"] => match method {
            Method::Get => configurations::list(env, url).await,
            Method::Post => configurations::create(req, env).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["webinar-configurations", "check"] => match method {
            Method::Post => configurations::check_new(req, env).await,
            _ => Err(allow(&["POST"])),
        },
        ["webinar-configurations", id] => match method {
            Method::Get => configurations::get(env, id).await,
            Method::Put => configurations::update(req, env, id).await,
            Method::Delete => configurations::delete(env, id).await,
            _ => Err(allow(&["GET", "PUT", "DELETE"])),
        },
        ["webinar-configurations", id, "activate"] => match method {
            Method::Post => configurations::set_active(env, id, true).await,
            _ => Err(allow(&["POST"])),
        },
        ["webinar-configurations", id, "deactivate"] => match method {
            Method::Post => configurations::set_active(env, id, false).await,
            _ => Err(allow(&["POST"])),
        },
        ["webinar-configurations", id, "accept-terms"] => match method {
            Method::Post => configurations::accept_terms(env, id, &user.username).await,
            _ => Err(allow(&["POST"])),
        },
        ["webinar-configurations", id, "credentials"] => match method {
            Method::Delete => configurations::remove_credentials(env, id).await,
            _ => Err(allow(&["DELETE"])),
        },
        ["webinar-configurations", id, "update-metrics"] => match method {
            Method::Post => http::json(&crate::metrics::update(env, id).await?, 200),
            _ => Err(allow(&["POST"])),
        },
        ["webinar-configurations", id, "retry-sync"] => match method {
            Method::Post => sync::retry_configuration(env, id).await,
            _ => Err(allow(&["POST"])),
        },
        ["webinar-configurations", id, "check"] => match method {
            Method::Post => configurations::check(req, env, id).await,
            _ => Err(allow(&["POST"])),
        },
        ["deployment"] => match method {
            Method::Get => event_admin::show_deployment(env),
            _ => Err(allow(&["GET"])),
        },
        ["match-strategy"] => match method {
            Method::Get => event_admin::match_strategy(env).await,
            _ => Err(allow(&["GET"])),
        },
        ["event-administrations"] => match method {
            Method::Get => event_admin::list(env, url).await,
            Method::Post => event_admin::create(req, env).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["event-administrations", id] => match method {
            Method::Get => event_admin::get(env, id).await,
            Method::Put => event_admin::update(req, env, id).await,
            Method::Delete => event_admin::delete(env, id).await,
            _ => Err(allow(&["GET", "PUT", "DELETE"])),
        },
        ["event-administrations", id, "activate"] => match method {
            Method::Post => event_admin::set_active(env, id, true).await,
            _ => Err(allow(&["POST"])),
        },
        ["event-administrations", id, "deactivate"] => match method {
            Method::Post => event_admin::set_active(env, id, false).await,
            _ => Err(allow(&["POST"])),
        },
        ["upcoming-events"] => match method {
            Method::Get => events::upcoming(env).await,
            _ => Err(allow(&["GET"])),
        },
        ["events"] => match method {
            Method::Get => events::list(env, url).await,
            Method::Post => events::create(req, env).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["events", id] => match method {
            Method::Get => events::get(env, id).await,
            Method::Put => events::update(req, env, id).await,
            Method::Delete => events::delete(env, id).await,
            _ => Err(allow(&["GET", "PUT", "DELETE"])),
        },
        ["events", id, "sessions"] => match method {
            Method::Get => events::sessions(env, id).await,
            Method::Post => events::create_session(req, env, id).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["events", event_id, "sessions", id] => match method {
            Method::Put => events::update_session(req, env, event_id, id).await,
            Method::Delete => events::delete_session(env, event_id, id).await,
            _ => Err(allow(&["PUT", "DELETE"])),
        },
        ["events", event_id, "sessions", id, "webinar"] => match method {
            Method::Post => webinar::create_or_link(req, env, event_id, Some(id)).await,
            _ => Err(allow(&["POST"])),
        },
        ["events", id, "webinar"] => match method {
            Method::Post => webinar::create_or_link(req, env, id, None).await,
            _ => Err(allow(&["POST"])),
        },
        ["events", id, "registrations"] => match method {
            Method::Get => registrations::list(env, url, id).await,
            Method::Post => registrations::create(req, env, id).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["events", id, "registrations-per-day"] => match method {
            Method::Get => registrations::per_day(env, id).await,
            _ => Err(allow(&["GET"])),
        },
        ["events", id, "registrations.csv"] => match method {
            Method::Get => registrations::csv(env, id).await,
            _ => Err(allow(&["GET"])),
        },
        ["events", event_id, "registrations", id, "cancel"] => match method {
            Method::Post => registrations::cancel(env, event_id, id).await,
            _ => Err(allow(&["POST"])),
        },
        ["events", event_id, "registrations", id, "retry-sync"] => match method {
            Method::Post => sync::retry_registration(env, event_id, id).await,
            _ => Err(allow(&["POST"])),
        },
        ["events", event_id, collection] if custom::kind(collection).is_some() => {
            let kind = custom::kind(collection).ok_or_else(|| ApiError::internal("kind"))?;
            match method {
                Method::Get => custom::list(env, kind, event_id).await,
                Method::Post => custom::save(req, env, kind, event_id, None).await,
                _ => Err(allow(&["GET", "POST"])),
            }
        }
        ["events", event_id, collection, id] if custom::kind(collection).is_some() => {
            let kind = custom::kind(collection).ok_or_else(|| ApiError::internal("kind"))?;
            match method {
                Method::Put => custom::save(req, env, kind, event_id, Some(id)).await,
                Method::Delete => custom::delete(env, kind, event_id, id).await,
                _ => Err(allow(&["PUT", "DELETE"])),
            }
        }
        ["custom-fields"] => match method {
            Method::Get => custom::fields(env).await,
            Method::Post => custom::create_field(req, env).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["custom-fields", id] => match method {
            Method::Put => custom::update_field(req, env, id).await,
            Method::Delete => custom::delete_field(env, id).await,
            _ => Err(allow(&["PUT", "DELETE"])),
        },
        ["website-table-configurations"] => match method {
            Method::Get => custom::tables(env).await,
            Method::Post => custom::save_table(req, env, None).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["website-table-configurations", id] => match method {
            Method::Get => custom::table(env, id).await,
            Method::Put => custom::save_table(req, env, Some(id)).await,
            Method::Delete => custom::delete_table(env, id).await,
            _ => Err(allow(&["GET", "PUT", "DELETE"])),
        },
        ["web-applications"] => match method {
            Method::Get => webapps::list(env).await,
            Method::Post => webapps::create(req, env, url).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["web-applications", id] => match method {
            Method::Get => webapps::get(env, id).await,
            Method::Put => webapps::update(req, env, id).await,
            Method::Delete => webapps::delete(env, id).await,
            _ => Err(allow(&["GET", "PUT", "DELETE"])),
        },
        ["web-applications", id, action] => match (method, *action) {
            (Method::Post, "rotate-token") => webapps::rotate(env, id, url).await,
            (Method::Post, "activate") => webapps::set_active(env, id, true).await,
            (Method::Post, "deactivate") => webapps::set_active(env, id, false).await,
            (_, "rotate-token" | "activate" | "deactivate") => Err(allow(&["POST"])),
            _ => Err(ApiError::NotFound(format!(
                "There is no API route {}.",
                url.path()
            ))),
        },
        ["contacts"] => match method {
            Method::Get => registrations::contacts(env, url).await,
            _ => Err(allow(&["GET"])),
        },
        ["contacts", id] => match method {
            Method::Get => registrations::contact(env, id).await,
            _ => Err(allow(&["GET"])),
        },
        ["contacts", id, "erase"] => match method {
            Method::Post => registrations::erase_contact(env, id).await,
            _ => Err(allow(&["POST"])),
        },
        ["contacts", id, "registrations"] => match method {
            Method::Get => registrations::contact_registrations(env, id).await,
            _ => Err(allow(&["GET"])),
        },
        ["audit-log"] => match method {
            Method::Get => audit::page(env, url).await,
            _ => Err(allow(&["GET"])),
        },
        ["audit-log.csv"] => match method {
            Method::Get => audit::csv(env, url).await,
            _ => Err(allow(&["GET"])),
        },
        ["retention"] => match method {
            Method::Get => retention::get(env).await,
            Method::Put => retention::set(req, env).await,
            _ => Err(allow(&["GET", "PUT"])),
        },
        ["users"] => match method {
            Method::Get => users::list(env).await,
            Method::Post => users::create(req, env).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["users", id] => match method {
            Method::Get => users::get(env, id).await,
            Method::Put => users::update(req, env, id).await,
            _ => Err(allow(&["GET", "PUT"])),
        },
        ["users", id, "disable"] => match method {
            Method::Post => users::set_active(env, id, false, user).await,
            _ => Err(allow(&["POST"])),
        },
        ["users", id, "enable"] => match method {
            Method::Post => users::set_active(env, id, true, user).await,
            _ => Err(allow(&["POST"])),
        },
        ["webhooks"] => match method {
            Method::Get => webhooks::list(env).await,
            Method::Post => webhooks::create(req, env).await,
            _ => Err(allow(&["GET", "POST"])),
        },
        ["webhooks", id] => match method {
            Method::Get => webhooks::get(env, id).await,
            Method::Put => webhooks::update(req, env, id).await,
            Method::Delete => webhooks::delete(env, id).await,
            _ => Err(allow(&["GET", "PUT", "DELETE"])),
        },
        ["webhooks", id, "rotate-secret"] => match method {
            Method::Post => webhooks::rotate_secret(env, id).await,
            _ => Err(allow(&["POST"])),
        },
        ["webhooks", id, "test"] => match method {
            Method::Post => webhooks::test(env, id).await,
            _ => Err(allow(&["POST"])),
        },
        ["webhooks", id, "deliveries"] => match method {
            Method::Get => webhooks::deliveries(env, id, url).await,
            _ => Err(allow(&["GET"])),
        },
        ["webhooks", id, "deliveries", delivery_id, "resend"] => match method {
            Method::Post => webhooks::resend(env, id, delivery_id).await,
            _ => Err(allow(&["POST"])),
        },
        ["credentials", "rewrap"] => match method {
            Method::Post => configurations::rewrap(env).await,
            _ => Err(allow(&["POST"])),
        },
        _ => Err(ApiError::NotFound(format!(
            "There is no API route {}.",
            url.path()
        ))),
    }
}

fn allow(methods: &[&str]) -> ApiError {
    ApiError::MethodNotAllowed {
        allow: methods.iter().map(|m| m.to_string()).collect(),
    }
}

/// CSRF defence: a state-changing request must come from the SPA's own origin, which is
/// the origin this worker is served from.
fn same_origin(req: &Request, url: &Url) -> ApiResult<()> {
    let own = url.origin().ascii_serialization();
    match req.headers().get("origin")? {
        Some(origin) if origin == own => Ok(()),
        Some(origin) => Err(ApiError::Forbidden(format!(
            "Requests that change data must come from {own}, not {origin}."
        ))),
        None => Err(ApiError::Forbidden(
            "Requests that change data must carry an Origin header.".into(),
        )),
    }
}
