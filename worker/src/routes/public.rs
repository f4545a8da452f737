//! The public Events API, `/api/v1/`: for event websites, authenticated by an application
//! token, origin-checked, rate limited, with CORS answers that reflect exactly the
//! application's origin (never `*`).

use convene_types::event::Event;
use convene_types::public::{
    ATTENDEES_MAX, PublicRegistrationOutcome, PublicRegistrationRequest,
    PublicRegistrationResponse, RegistrationCount, attendee_field,
};
use convene_types::registration::{Availability, Capacity, Registration, RegistrationStatus};
use convene_types::webapp::token_from;
use worker::{Env, Headers, Method, Response, Url};

use crate::error::{ApiError, ApiResult};
use crate::http::{self, client_address, json_body};
use crate::registry::{NewRegistration, Registry, RegistryCommand, SeatCounts};
use crate::routes::public_cache::{
    cached, cached_answer, kept_answer, public, register_unless_sold_out,
};
use crate::routes::registrations::prepare;
use crate::routes::webapps::token_hash;
use crate::runtime::{RawRequest, RawResponse, bindings};
use crate::store::{Command, Credential, Part, PublicRead, RegistrationContext, Store};

/// The OpenAPI document of this API, served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("../../../openapi/events-v1.json");

/// Rate limits (Workers Rate Limiting bindings, see wrangler.toml): per application token
/// and per client address.
pub const TOKEN_LIMITER: &str = "TOKEN_RATE_LIMITER";
pub const CLIENT_LIMITER: &str = "CLIENT_RATE_LIMITER";
/// Both limiters count over this many seconds (the binding's `period`).
pub const LIMIT_PERIOD_SECS: u64 = 10;

const ALLOW_METHODS: &str = "GET, POST, OPTIONS";
const ALLOW_HEADERS: &str = "authorization, content-type, idempotency-key";

/// Handles `/api/v1/<rest>`; every answer, error or not, goes through here so the CORS
/// headers are right. The request is the runtime's: only a registration, which reads its
/// body, makes a workers-rs `Request` of it.
pub async fn handle(
    req: RawRequest,
    method: Method,
    env: &Env,
    url: &Url,
    rest: &[&str],
    request_id: &str,
) -> RawResponse {
    let headers = req.headers();
    let origin = headers.get("origin").ok().flatten();
    let incoming = Incoming {
        req,
        headers,
        method,
    };
    let (result, allowed_origin) = route(incoming, env, url, rest, origin.as_deref()).await;
    let response = result.unwrap_or_else(|e| e.into_response(request_id).into());
    let headers = response.headers();
    let _ = headers.set("vary", "Origin");
    if let Some(origin) = allowed_origin {
        let _ = headers.set("access-control-allow-origin", &origin);
        let _ = headers.set("access-control-expose-headers", "x-request-id, retry-after");
    }
    response
}

/// A request to the Events API: the runtime's, its headers and its method.
struct Incoming {
    req: RawRequest,
    headers: Headers,
    method: Method,
}

/// The result, and the origin to reflect (only once it is known to be allowed).
async fn route(
    req: Incoming,
    env: &Env,
    url: &Url,
    rest: &[&str],
    origin: Option<&str>,
) -> (ApiResult<RawResponse>, Option<String>) {
    if rest == ["openapi.json"] {
        return (openapi(&req.method).map(Into::into), None);
    }
    let credential = credential(&req.headers, url, origin);
    // Every request counts against its address first, refused ones and preflights too.
    if let Err(e) = limit(env, CLIENT_LIMITER, client_address(&req.headers)).await {
        // Still reflect an allowed origin, so the page's script can read the 429.
        let reflect = match &credential {
            Ok(c) if req.method != Method::Options => allowed(env, c, origin).await,
            _ => None,
        };
        return (Err(e), reflect);
    }
    if req.method == Method::Options {
        let (result, reflect) = preflight(env, url, origin).await;
        return (result.map(Into::into), reflect);
    }
    let credential = match credential {
        Ok(credential) => credential,
        Err(e) => return (Err(e), None),
    };
    if let Err(e) = limit(env, TOKEN_LIMITER, credential.token_hash.clone()).await {
        return (Err(e), allowed(env, &credential, origin).await);
    }
    // An unknown route or method is answered only to an accepted credential: 400, 401 and
    // 403 come first, as for every other request.
    let result = match Endpoint::parse(rest, &req.method) {
        Ok(endpoint) => endpoint.run(req, env, credential, rest).await,
        Err(e) => public::<()>(env, credential, PublicRead::Authorize)
            .await
            .and(Err(e)),
    };
    let reflect = match &result {
        Err(ApiError::Unauthorized(_) | ApiError::Forbidden(_)) => None,
        _ => origin.map(str::to_string),
    };
    (result, reflect)
}

fn openapi(method: &Method) -> ApiResult<Response> {
    if *method != Method::Get {
        return Err(ApiError::MethodNotAllowed {
            allow: vec!["GET".into()],
        });
    }
    let headers = Headers::new();
    headers.set("content-type", "application/json; charset=utf-8")?;
    headers.set("access-control-allow-origin", "*")?;
    Ok(Response::builder()
        .with_headers(headers)
        .fixed(OPENAPI.as_bytes().to_vec()))
}

fn query_token(url: &Url) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == "emApplicationtoken")
        .map(|(_, v)| v.into_owned())
}

/// The request's credential; a missing token is 400. Whether it is accepted (401 for an
/// unknown, rotated or deactivated token; 403 for an origin the application does not list)
/// is decided by the store, in the same step as the read.
fn credential(headers: &Headers, url: &Url, origin: Option<&str>) -> ApiResult<Credential> {
    let authorization = headers.get("authorization")?;
    let token = token_from(query_token(url).as_deref(), authorization.as_deref()).ok_or_else(|| {
        ApiError::BadRequest(
            "An application token is required: add ?emApplicationtoken=<token> or an Authorization: Bearer header."
                .into(),
        )
    })?;
    Ok(Credential {
        token_hash: token_hash(&token),
        origin: origin.map(str::to_string),
    })
}

/// The origin to reflect on an answer refused for its rate: only an accepted one.
async fn allowed(env: &Env, credential: &Credential, origin: Option<&str>) -> Option<String> {
    public::<()>(env, credential.clone(), PublicRead::Authorize)
        .await
        .ok()
        .and(origin.map(str::to_string))
}

async fn preflight(
    env: &Env,
    url: &Url,
    origin: Option<&str>,
) -> (ApiResult<Response>, Option<String>) {
    let Some(origin) = origin else {
        return (
            Err(ApiError::BadRequest(
                "A CORS preflight needs an Origin header.".into(),
            )),
            None,
        );
    };
    let allowed = match query_token(url) {
        Some(token) => {
            let credential = Credential {
                token_hash: token_hash(&token),
                origin: Some(origin.to_string()),
            };
            match public::<()>(env, credential, PublicRead::Authorize).await {
                Ok(()) => Ok(true),
                Err(ApiError::Unauthorized(_) | ApiError::Forbidden(_)) => Ok(false),
                Err(e) => Err(e),
            }
        }
        None => match Store::config(env) {
            Ok(store) => {
                store
                    .call::<bool>(&Command::OriginAllowed {
                        origin: origin.into(),
                    })
                    .await
            }
            Err(e) => Err(e),
        },
    };
    match allowed {
        Ok(true) => {
            let mut response = Response::builder().with_status(204).empty();
            let headers = response.headers_mut();
            let _ = headers.set("access-control-allow-methods", ALLOW_METHODS);
            let _ = headers.set("access-control-allow-headers", ALLOW_HEADERS);
            let _ = headers.set("access-control-max-age", "600");
            (Ok(response), Some(origin.to_string()))
        }
        Ok(false) => (
            Err(ApiError::Forbidden(format!(
                "The origin {origin} is not allowed."
            ))),
            None,
        ),
        Err(e) => (Err(e), None),
    }
}

async fn limit(env: &Env, binding: &str, key: String) -> ApiResult<()> {
    if bindings::within_limit(env, binding, &key).await? {
        Ok(())
    } else {
        Err(ApiError::RateLimited {
            retry_after_secs: LIMIT_PERIOD_SECS,
        })
    }
}

/// The Events API's routes.
enum Endpoint<'a> {
    Published,
    Part(&'a str, Part),
    Register(&'a str),
    Count(&'a str),
}

impl<'a> Endpoint<'a> {
    /// 404 for an unknown route, 405 for a known one with another method.
    fn parse(rest: &[&'a str], method: &Method) -> ApiResult<Self> {
        let only = |allowed: Method, endpoint: Self| {
            if *method == allowed {
                Ok(endpoint)
            } else {
                Err(ApiError::MethodNotAllowed {
                    allow: vec![allowed.to_string()],
                })
            }
        };
        match *rest {
            ["events", "published"] => only(Method::Get, Self::Published),
            ["events", id] => only(Method::Get, Self::Part(id, Part::Event)),
            ["events", id, "registrations"] => only(Method::Post, Self::Register(id)),
            ["events", id, collection] => {
                let part = match collection {
                    "sessions" => Part::Sessions,
                    "speakers" => Part::Speakers,
                    "passes" => Part::Passes,
                    "custom-registration-fields" => Part::RegistrationFields,
                    _ => return Err(not_found()),
                };
                only(Method::Get, Self::Part(id, part))
            }
            ["events", id, "registrations", "count"] => only(Method::Get, Self::Count(id)),
            _ => Err(not_found()),
        }
    }

    async fn run(
        self,
        req: Incoming,
        env: &Env,
        credential: Credential,
        route: &[&str],
    ) -> ApiResult<RawResponse> {
        match self {
            Self::Published => cached_answer(env, credential, PublicRead::Published, route).await,
            Self::Part(id, part) => {
                let read = PublicRead::Part {
                    readable_id: id.into(),
                    part,
                };
                cached_answer(env, credential, read, route).await
            }
            Self::Register(id) => registrations(req.req.into_request(), env, credential, id, route)
                .await
                .map(Into::into),
            Self::Count(id) => {
                let answer = count(env, credential.clone(), id);
                kept_answer(env, &credential, route, answer).await
            }
        }
    }
}

/// The count and availability of published event `readable_id`, as JSON.
async fn count(env: &Env, credential: Credential, readable_id: &str) -> ApiResult<String> {
    let read = PublicRead::PublishedEvent {
        readable_id: readable_id.into(),
    };
    let event: Event = public(env, credential, read).await?;
    let counts: SeatCounts = Registry::event(env, &event.id)?
        .call(&RegistryCommand::CountSeats { event_id: event.id })
        .await?;
    let capacity = Capacity {
        limit: event.capacity,
        waitlist_allowed: event.waitlist_allowed,
    };
    let answer = RegistrationCount {
        count: counts.active,
        availability: Availability::of(capacity, counts.confirmed, event.registration_closed),
    };
    Ok(serde_json::to_string(&answer)?)
}

fn not_found() -> ApiError {
    ApiError::NotFound("There is no such Events API route.".into())
}

/// Registers the attendees through the same code as admin registrations, all or none:
/// every attendee is checked first (all field errors are returned together), then one
/// registry call decides and stores the whole group. With an idempotency key (body or
/// `Idempotency-Key` header), attendee `i` uses `<key>:<i>`. The event is looked up (with
/// the credential) before the body is read: 401, 403 and 404 come before 400.
async fn registrations(
    mut req: worker::Request,
    env: &Env,
    credential: Credential,
    readable_id: &str,
    route: &[&str],
) -> ApiResult<Response> {
    let read = PublicRead::RegistrationContext {
        readable_id: readable_id.into(),
    };
    let context: RegistrationContext = cached(env, credential, read, route).await?;
    let header_key = req.headers().get("idempotency-key")?;
    let body: PublicRegistrationRequest = json_body(&mut req).await?;
    if body.attendees.is_empty() || body.attendees.len() > ATTENDEES_MAX {
        return Err(ApiError::Validation(vec![convene_types::FieldError::new(
            "attendees",
            format!("must list 1 to {ATTENDEES_MAX} attendees"),
        )]));
    }
    let key = body.idempotency_key.or(header_key);
    let mut group = Vec::with_capacity(body.attendees.len());
    let mut errors = Vec::new();
    for (i, attendee) in body.attendees.into_iter().enumerate() {
        let input = attendee.into_input(key.as_deref(), i);
        match prepare(&context, input).map_err(|e| prefix_fields(e, i)) {
            // Closed: refused in the registry's step, unless it replays an earlier one.
            Ok(prepared) => group.push(NewRegistration {
                closed: context.event.registration_closed,
                ..prepared
            }),
            Err(ApiError::Validation(mut fields)) => errors.append(&mut fields),
            Err(other) => return Err(other),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let capacity = Capacity {
        limit: context.event.capacity,
        waitlist_allowed: context.event.waitlist_allowed,
    };
    let closed = context.event.registration_closed;
    let registrations =
        register_unless_sold_out(env, capacity, closed, key.as_deref(), group).await?;
    let replayed = registrations.iter().all(|r| r.replayed);
    let places = waitlist_places(env, &context.event.id, &registrations).await?;
    let response = PublicRegistrationResponse {
        status: "Success".into(),
        error_message: None,
        registrations: registrations
            .into_iter()
            .zip(places)
            .map(|(r, waitlist_position)| PublicRegistrationOutcome {
                email: r.email,
                registration_id: r.id,
                status: r.status,
                join_url: r.join_url,
                waitlist_position,
            })
            .collect(),
    };
    http::json(&response, if replayed { 200 } else { 201 })
}

/// The waitlist places of `registrations` (one registry call, made only when one of them
/// is waitlisted).
async fn waitlist_places(
    env: &Env,
    event_id: &str,
    registrations: &[Registration],
) -> ApiResult<Vec<Option<u32>>> {
    if registrations
        .iter()
        .all(|r| r.status != RegistrationStatus::Waitlisted)
    {
        return Ok(vec![None; registrations.len()]);
    }
    let command = RegistryCommand::WaitlistPlaces {
        event_id: event_id.into(),
        registration_ids: registrations.iter().map(|r| r.id.clone()).collect(),
    };
    Registry::event(env, event_id)?.call(&command).await
}

/// Field errors of attendee `i` are named `attendees[i].<field>`.
fn prefix_fields(error: ApiError, i: usize) -> ApiError {
    match error {
        ApiError::Validation(fields) => ApiError::Validation(
            fields
                .into_iter()
                .map(|f| convene_types::FieldError::new(attendee_field(i, &f.field), f.message))
                .collect(),
        ),
        other => other,
    }
}
