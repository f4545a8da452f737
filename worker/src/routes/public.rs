//! The public Events API, `/api/v1/`: for event websites, authenticated by an application
//! token, origin-checked, rate limited, with CORS answers that reflect exactly the
//! application's origin (never `*`).

use convene_types::contact::AttendeeInput;
use convene_types::public::{
    ATTENDEES_MAX, PublicRegistrationOutcome, PublicRegistrationRequest,
    PublicRegistrationResponse, RegistrationCount,
};
use convene_types::registration::RegistrationInput;
use convene_types::webapp::token_from;
use worker::{Env, Headers, Method, Request, Response, Url};

use crate::error::{ApiError, ApiResult};
use crate::http::{self, client_address, json_body};
use crate::registry::{Registry, RegistryCommand};
use crate::routes::registrations::register;
use crate::routes::webapps::token_hash;
use crate::session::KV_BINDING;
use crate::store::{Command, Part, RegistrationContext, Store, TokenGrant, grant_key};

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
/// headers are right.
pub async fn handle(
    req: Request,
    env: &Env,
    url: &Url,
    rest: &[&str],
    request_id: &str,
) -> Response {
    let origin = req.headers().get("origin").ok().flatten();
    let (result, allowed_origin) = route(req, env, url, rest, origin.as_deref()).await;
    let mut response = result.unwrap_or_else(|e| e.into_response(request_id));
    let headers = response.headers_mut();
    let _ = headers.set("vary", "Origin");
    if let Some(origin) = allowed_origin {
        let _ = headers.set("access-control-allow-origin", &origin);
        let _ = headers.set("access-control-expose-headers", "x-request-id, retry-after");
    }
    response
}

/// The result, and the origin to reflect (only once it is known to be allowed).
async fn route(
    req: Request,
    env: &Env,
    url: &Url,
    rest: &[&str],
    origin: Option<&str>,
) -> (ApiResult<Response>, Option<String>) {
    if rest == ["openapi.json"] {
        return (openapi(&req), None);
    }
    // Every request counts against its address first, refused ones and preflights too.
    if let Err(e) = limit(env, CLIENT_LIMITER, client_address(&req)).await {
        // Still reflect an allowed origin, so the page's script can read the 429.
        let reflect = match authorize(&req, env, url, origin).await {
            Ok(_) if req.method() != Method::Options => origin.map(str::to_string),
            _ => None,
        };
        return (Err(e), reflect);
    }
    if req.method() == Method::Options {
        return preflight(env, url, origin).await;
    }
    let grant = match authorize(&req, env, url, origin).await {
        Ok(grant) => grant,
        Err(e) => return (Err(e), None),
    };
    let allowed = origin.map(str::to_string);
    if let Err(e) = limit(env, TOKEN_LIMITER, grant.application_id.clone()).await {
        return (Err(e), allowed);
    }
    (endpoint(req, env, rest).await, allowed)
}

fn openapi(req: &Request) -> ApiResult<Response> {
    if req.method() != Method::Get {
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

async fn grant(env: &Env, token: &str) -> ApiResult<Option<TokenGrant>> {
    let text = env
        .kv(KV_BINDING)?
        .get(&grant_key(&token_hash(token)))
        .text()
        .await?;
    Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
}

/// Missing token: 400. Unknown, rotated or deactivated token: 401. A browser `Origin`
/// not listed for the application: 403.
async fn authorize(
    req: &Request,
    env: &Env,
    url: &Url,
    origin: Option<&str>,
) -> ApiResult<TokenGrant> {
    let authorization = req.headers().get("authorization")?;
    let token = token_from(query_token(url).as_deref(), authorization.as_deref()).ok_or_else(|| {
        ApiError::BadRequest(
            "An application token is required: add ?emApplicationtoken=<token> or an Authorization: Bearer header."
                .into(),
        )
    })?;
    let grant = grant(env, &token)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("The application token is not valid.".into()))?;
    if let Some(origin) = origin
        && !grant.allowed_origins.iter().any(|o| o == origin)
    {
        return Err(ApiError::Forbidden(format!(
            "The origin {origin} is not allowed for this application."
        )));
    }
    Ok(grant)
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
        Some(token) => grant(env, &token)
            .await
            .map(|g| g.is_some_and(|g| g.allowed_origins.iter().any(|o| o == origin))),
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
    if env.rate_limiter(binding)?.limit(key).await?.success {
        Ok(())
    } else {
        Err(ApiError::RateLimited {
            retry_after_secs: LIMIT_PERIOD_SECS,
        })
    }
}

async fn part(env: &Env, readable_id: &str, part: Part) -> ApiResult<Response> {
    let command = Command::PublicPart {
        readable_id: readable_id.into(),
        part,
    };
    http::raw_json(Store::config(env)?.call_raw(&command).await?, 200)
}

async fn resolve(env: &Env, readable_id: &str) -> ApiResult<String> {
    Store::config(env)?
        .call(&Command::ResolvePublished {
            readable_id: readable_id.into(),
        })
        .await
}

async fn endpoint(req: Request, env: &Env, rest: &[&str]) -> ApiResult<Response> {
    let method = req.method();
    let get = |allowed: bool| {
        if allowed {
            Ok(())
        } else {
            Err(ApiError::MethodNotAllowed {
                allow: vec!["GET".into()],
            })
        }
    };
    match rest {
        ["events", "published"] => {
            get(method == Method::Get)?;
            http::raw_json(
                Store::config(env)?.call_raw(&Command::Published).await?,
                200,
            )
        }
        ["events", id] => {
            get(method == Method::Get)?;
            part(env, id, Part::Event).await
        }
        ["events", id, "registrations"] => match method {
            Method::Post => registrations(req, env, id).await,
            _ => Err(ApiError::MethodNotAllowed {
                allow: vec!["POST".into()],
            }),
        },
        ["events", id, collection] => {
            get(method == Method::Get)?;
            let p = match *collection {
                "sessions" => Part::Sessions,
                "speakers" => Part::Speakers,
                "passes" => Part::Passes,
                "custom-registration-fields" => Part::RegistrationFields,
                _ => return Err(not_found()),
            };
            part(env, id, p).await
        }
        ["events", id, "registrations", "count"] => {
            get(method == Method::Get)?;
            let event_id = resolve(env, id).await?;
            let count: u32 = Registry::registry(env)?
                .call(&RegistryCommand::CountActive { event_id })
                .await?;
            http::json(&RegistrationCount { count }, 200)
        }
        _ => Err(not_found()),
    }
}

fn not_found() -> ApiError {
    ApiError::NotFound("There is no such Events API route.".into())
}

/// Registers each attendee through the same code as admin registrations. With an
/// idempotency key (body or `Idempotency-Key` header), attendee `i` uses `<key>:<i>`.
async fn registrations(mut req: Request, env: &Env, readable_id: &str) -> ApiResult<Response> {
    let header_key = req.headers().get("idempotency-key")?;
    let body: PublicRegistrationRequest = json_body(&mut req).await?;
    if body.attendees.is_empty() || body.attendees.len() > ATTENDEES_MAX {
        return Err(ApiError::Validation(vec![convene_types::FieldError::new(
            "attendees",
            format!("must list 1 to {ATTENDEES_MAX} attendees"),
        )]));
    }
    let context: RegistrationContext = Store::config(env)?
        .call(&Command::PublishedRegistrationContext {
            readable_id: readable_id.into(),
        })
        .await?;
    let key = body.idempotency_key.or(header_key);
    let mut outcomes = Vec::new();
    let mut replayed = true;
    for (i, attendee) in body.attendees.into_iter().enumerate() {
        let input = RegistrationInput {
            attendee: AttendeeInput {
                email: attendee.email,
                first_name: attendee.first_name,
                last_name: attendee.last_name,
                company: attendee.company,
            },
            session_ids: attendee.session_ids,
            idempotency_key: key.as_ref().map(|k| format!("{}:{i}", k.trim())),
            pass_id: attendee.pass_id,
            responses: attendee.responses,
        };
        let registration = register(env, &context, input)
            .await
            .map_err(|e| prefix_fields(e, i))?;
        replayed &= registration.replayed;
        outcomes.push(PublicRegistrationOutcome {
            email: registration.email,
            registration_id: registration.id,
            status: registration.status.key().to_string(),
        });
    }
    let response = PublicRegistrationResponse {
        status: "Success".into(),
        error_message: None,
        registrations: outcomes,
    };
    http::json(&response, if replayed { 200 } else { 201 })
}

/// Field errors of attendee `i` are named `attendees[i].<field>`.
fn prefix_fields(error: ApiError, i: usize) -> ApiError {
    match error {
        ApiError::Validation(fields) => ApiError::Validation(
            fields
                .into_iter()
                .map(|f| {
                    convene_types::FieldError::new(format!("attendees[{i}].{}", f.field), f.message)
                })
                .collect(),
        ),
        other => other,
    }
}
