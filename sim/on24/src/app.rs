//! Request handling, independent of the HTTP library: a [`SimRequest`] in, a [`SimResponse`]
//! out. The server module only converts to and from `tiny_http`.

use std::sync::{Mutex, MutexGuard, PoisonError};

use serde_json::{Map, Value, json};

use crate::attendance;
use crate::auth::{self, Credential};
use crate::create_event;
use crate::form;
use crate::message::{HTML, SimRequest, SimResponse};
use crate::routes::{self, ApiTarget, Control, Endpoint};
use crate::state::{Mode, RegistrantWrite, State};

/// The simulator: state plus the base URL join links point at.
pub struct App {
    state: Mutex<State>,
    base_url: String,
}

impl App {
    pub fn new(base_url: String, credentials: Vec<Credential>) -> App {
        App {
            state: Mutex::new(State::new(credentials)),
            base_url,
        }
    }

    /// The state (a handler that panicked cannot leave it half-written in a way that matters
    /// to a test double, so a poisoned lock is used as is).
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers one request. Blocks for the `slow` delay when that mode is on.
    pub fn handle(&self, request: &SimRequest) -> SimResponse {
        let path = request.path.as_str();
        if under(path, routes::API_PREFIX) {
            self.handle_api(request)
        } else if under(path, routes::CONTROL_PREFIX) {
            self.handle_control(request)
        } else if let Some((event_id, eventuserid)) = routes::parse_join(path)
            && request.method == "GET"
        {
            join_page(event_id, eventuserid)
        } else if let Some((page, event_id)) = routes::parse_event_page(path)
            && request.method == "GET"
        {
            event_page(page, event_id)
        } else {
            SimResponse::not_found(path)
        }
    }

    fn handle_api(&self, request: &SimRequest) -> SimResponse {
        let mode = {
            let mut state = self.state();
            state.received.push(request.log_entry());
            state.mode
        };
        match mode {
            // Sleep without holding the lock, so other requests (and the control API) go on.
            Mode::Slow(delay) => std::thread::sleep(delay),
            Mode::Fail => return SimResponse::error(500, "Internal server error"),
            Mode::Normal | Mode::Quota | Mode::Reject => {}
        }
        let Some(target) = routes::parse_api(&request.path) else {
            return SimResponse::not_found(&request.path);
        };
        let allowed = target.endpoint.allowed_methods();
        if !allowed.contains(&request.method.as_str()) {
            return SimResponse::method_not_allowed(&request.method, allowed);
        }
        let mut state = self.state();
        if let Err(message) = auth::check(
            &state.credentials,
            &target.client_id,
            request.header(auth::KEY_HEADER),
            request.header(auth::SECRET_HEADER),
        ) {
            return SimResponse::error(401, &message);
        }
        if mode == Mode::Quota {
            return SimResponse::error(
                403,
                "Quota exceeded: your API request limit has been reached",
            );
        }
        match target.endpoint {
            Endpoint::Events if request.method == "POST" => {
                self.create_event(&mut state, &target, request)
            }
            Endpoint::Events => list_events(&mut state, &target),
            Endpoint::Registrant { .. } if mode == Mode::Reject => {
                SimResponse::error(400, "Registrant rejected: the simulator is in reject mode")
            }
            Endpoint::Registrant { event_id } => {
                self.write_registrant(&mut state, &target, event_id, request)
            }
            Endpoint::Attendees { event_id } => list_attendees(&mut state, &target, event_id),
            Endpoint::Forget => forget(&mut state, &target, request),
        }
    }

    /// `POST` (create, or update when the email is known) and `PATCH` (update only).
    fn write_registrant(
        &self,
        state: &mut State,
        target: &ApiTarget,
        event_id: u64,
        request: &SimRequest,
    ) -> SimResponse {
        if let Some(refused) = not_a_form(request) {
            return refused;
        }
        let query = form::parse(request.query.as_bytes());
        let flags = ["honorrequired", "honorvalidation"].map(|name| {
            form::yes_no(name, form::last_ignore_case(&query, name)).map(|v| v.unwrap_or(false))
        });
        let [honor_required, honor_validation] = match flags {
            [Ok(required), Ok(validation)] => [required, validation],
            [Err(message), _] | [_, Err(message)] => return SimResponse::error(400, &message),
        };
        let mut fields = form::parse(&request.body);
        let deleted = match form::yes_no("isDeleted", form::last_ignore_case(&fields, "isDeleted"))
        {
            Ok(deleted) => deleted,
            Err(message) => return SimResponse::error(400, &message),
        };
        fields.retain(|(name, _)| !name.eq_ignore_ascii_case("isDeleted"));
        let email = form::last(&fields, "email")
            .unwrap_or("")
            .trim()
            .to_string();
        if email.is_empty() {
            return SimResponse::error(400, "Missing required field: email");
        }
        if honor_validation && !form::plausible_email(&email) {
            return SimResponse::error(400, &format!("Invalid email address: {email}"));
        }
        if honor_required {
            let missing: Vec<&str> = ["firstname", "lastname"]
                .into_iter()
                .filter(|name| form::last(&fields, name).is_none_or(|v| v.trim().is_empty()))
                .collect();
            if !missing.is_empty() {
                return SimResponse::error(
                    400,
                    &format!("Missing required fields: {}", missing.join(", ")),
                );
            }
        }
        let write = RegistrantWrite {
            email: email.clone(),
            fields,
            deleted,
            create: request.method == "POST",
        };
        let Some(written) = state.write_registrant(&target.client_id, event_id, write) else {
            return SimResponse::error(
                404,
                &format!("No registrant with email {email} in event {event_id}"),
            );
        };
        let registrant = &written.registrant;
        // UNCONFIRMED: the name of the join link field in ON24's answer. REFERENCE.md does not
        // list the response fields of the registrant call; `registrantUrl` is this simulator's
        // choice. The link points at the simulator (`/wcc/r/{eventId}/{eventuserid}`, shaped
        // like ON24's `event.on24.com/wcc/r/...` links), which serves a small page.
        SimResponse::json(
            200,
            &json!({
                "eventid": event_id,
                "eventuserid": registrant.eventuserid,
                "email": registrant.email,
                "registrantUrl": format!(
                    "{}{}/{event_id}/{}",
                    self.base_url,
                    routes::JOIN_PREFIX,
                    registrant.eventuserid
                ),
                "isdeleted": if registrant.deleted { "Y" } else { "N" },
                "created": written.created,
            }),
        )
    }

    /// "Create a webinar": form-urlencoded, checked by [`create_event::parse`].
    fn create_event(
        &self,
        state: &mut State,
        target: &ApiTarget,
        request: &SimRequest,
    ) -> SimResponse {
        if let Some(refused) = not_a_form(request) {
            return refused;
        }
        let fields = form::parse(&request.body);
        let event = match create_event::parse(&fields) {
            Ok(event) => event,
            Err(message) => return SimResponse::error(400, &message),
        };
        let client_id = client_id_value(&target.client_id);
        let answer = state.create_event(&target.client_id, event.title.clone(), |id| {
            create_event::answer(&event, id, client_id, &self.base_url)
        });
        SimResponse::json(200, &answer)
    }

    fn handle_control(&self, request: &SimRequest) -> SimResponse {
        let Some(route) = routes::parse_control(&request.path) else {
            return SimResponse::not_found(&request.path);
        };
        let allowed = route.allowed_methods();
        if !allowed.contains(&request.method.as_str()) {
            return SimResponse::method_not_allowed(&request.method, allowed);
        }
        let ok = |extra: Value| {
            let mut body = json!({"ok": true});
            if let (Value::Object(body), Value::Object(extra)) = (&mut body, extra) {
                body.extend(extra);
            }
            SimResponse::json(200, &body)
        };
        match (route, request.method.as_str()) {
            (Control::Received, _) => {
                SimResponse::json(200, &Value::Array(self.state().received.clone()))
            }
            (Control::Registrants, _) => held_registrants(&self.state()),
            (Control::Reset, _) => {
                self.state().reset();
                ok(json!({}))
            }
            (Control::Credentials, "DELETE") => {
                self.state().credentials.clear();
                ok(json!({}))
            }
            (Control::Credentials, _) => match json_object(&request.body).and_then(|body| {
                Ok(Credential {
                    client_id: id_field(&body, "clientId")?,
                    key: string_field(&body, "accessTokenKey")?,
                    secret: string_field(&body, "accessTokenSecret")?,
                })
            }) {
                Ok(credential) => {
                    let mut state = self.state();
                    state.add_credential(credential);
                    ok(json!({"credentials": state.credentials.len()}))
                }
                Err(message) => SimResponse::error(400, &message),
            },
            (Control::Mode, _) => match json_object(&request.body).and_then(|body| {
                let delay_ms = match body.get("delayMs") {
                    None | Some(Value::Null) => None,
                    Some(v) => Some(v.as_u64().ok_or("delayMs must be a non-negative integer")?),
                };
                Mode::parse(&string_field(&body, "mode")?, delay_ms)
            }) {
                Ok(mode) => {
                    self.state().mode = mode;
                    let delay_ms = match mode {
                        Mode::Slow(delay) => json!(delay.as_millis() as u64),
                        _ => Value::Null,
                    };
                    ok(json!({"mode": mode.name(), "delayMs": delay_ms}))
                }
                Err(message) => SimResponse::error(400, &message),
            },
            (Control::Attendance, _) => self.set_attendance(&request.body),
        }
    }

    /// `{"eventId", "email", "clientId"?, ...values}`: merges values into the attendance of the
    /// registrant(s) with that email in that event (of every client, unless `clientId` is given).
    fn set_attendance(&self, body: &[u8]) -> SimResponse {
        let parsed = json_object(body).and_then(|mut body| {
            let event_id = id_field(&body, "eventId")?;
            let event_id =
                routes::parse_id(&event_id).ok_or("eventId must be a positive integer")?;
            let email = string_field(&body, "email")?;
            let client_id = match body.get("clientId") {
                None | Some(Value::Null) => None,
                Some(_) => Some(id_field(&body, "clientId")?),
            };
            if body.contains_key("eventuserid") {
                return Err("eventuserid cannot be changed".to_string());
            }
            for key in ["eventId", "email", "clientId"] {
                body.remove(key);
            }
            Ok((event_id, email, client_id, body))
        });
        let (event_id, email, client_id, values) = match parsed {
            Ok(parsed) => parsed,
            Err(message) => return SimResponse::error(400, &message),
        };
        let matched = self
            .state()
            .set_attendance(client_id.as_deref(), event_id, &email, &values);
        if matched == 0 {
            return SimResponse::error(
                404,
                &format!("No registrant with email {email} in event {event_id}"),
            );
        }
        SimResponse::json(200, &json!({"ok": true, "updated": matched}))
    }
}

fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// ON24's client ids are numbers; emit one when the path segment is one.
fn client_id_value(client_id: &str) -> Value {
    client_id
        .parse::<u64>()
        .map_or_else(|_| json!(client_id), |id| json!(id))
}

fn list_events(state: &mut State, target: &ApiTarget) -> SimResponse {
    let client_id = client_id_value(&target.client_id);
    let events: Vec<Value> = state
        .events(&target.client_id)
        .into_iter()
        .map(|event| {
            // UNCONFIRMED: the event fields. `title` per the brief; `description` carries the
            // same text because some ON24 client libraries read the title from there.
            json!({
                "eventid": event.eventid,
                "clientid": client_id,
                "title": event.title,
                "description": event.title,
                "isactive": true,
                "regrequired": true,
            })
        })
        .collect();
    SimResponse::json(
        200,
        &json!({
            "currentpage": 0,
            "pagecount": 1,
            "totalevents": events.len(),
            "events": events,
        }),
    )
}

/// ON24's erasure, `POST /client/{clientId}/forget` with a form-urlencoded `email`: see
/// [`State::forget`] for what changes.
fn forget(state: &mut State, target: &ApiTarget, request: &SimRequest) -> SimResponse {
    if let Some(refused) = not_a_form(request) {
        return refused;
    }
    let fields = form::parse(&request.body);
    let email = form::last(&fields, "email").unwrap_or("").trim();
    if email.is_empty() {
        return SimResponse::error(400, "Missing required field: email");
    }
    // UNCONFIRMED: the answer's shape (REFERENCE.md gives none), the 415 for a body that is
    // not a form (as on the registrant call), and an unknown email answering 200 with 0
    // rather than 404 (so a retried erasure succeeds).
    let forgotten = state.forget(&target.client_id, email);
    SimResponse::json(200, &json!({"forgotten": forgotten}))
}

/// `GET /__control/registrants`: every registrant held, soft-deleted ones included, in
/// creation order. `clientId` is the path segment as given (a string).
fn held_registrants(state: &State) -> SimResponse {
    let all: Vec<Value> = state
        .all_registrants()
        .into_iter()
        .map(|held| {
            json!({
                "clientId": held.client_id,
                "eventId": held.event_id,
                "eventuserid": held.registrant.eventuserid,
                "email": held.registrant.email,
                "fields": held.registrant.fields,
                "deleted": held.registrant.deleted,
            })
        })
        .collect();
    SimResponse::json(200, &Value::Array(all))
}

fn list_attendees(state: &mut State, target: &ApiTarget, event_id: u64) -> SimResponse {
    let attendees: Vec<Value> = state
        .registrants(&target.client_id, event_id)
        .into_iter()
        .map(attendance::attendee)
        .collect();
    SimResponse::json(
        200,
        &json!({"totalattendees": attendees.len(), "attendees": attendees}),
    )
}

fn event_page(page: &str, event_id: u64) -> SimResponse {
    let html = format!(
        "<!doctype html><meta charset=\"utf-8\"><title>Simulated webinar</title>\
         <h1>ON24 simulator</h1><p>{page} page of event {event_id}.</p>"
    );
    SimResponse {
        status: 200,
        content_type: HTML,
        body: html.into_bytes(),
        allow: None,
    }
}

fn join_page(event_id: u64, eventuserid: u64) -> SimResponse {
    let html = format!(
        "<!doctype html><meta charset=\"utf-8\"><title>Simulated webinar</title>\
         <h1>ON24 simulator</h1><p>Registrant {eventuserid} joined event {event_id}.</p>"
    );
    SimResponse {
        status: 200,
        content_type: HTML,
        body: html.into_bytes(),
        allow: None,
    }
}

fn json_object(body: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("body must be a JSON object".to_string()),
        Err(e) => Err(format!("body is not valid JSON: {e}")),
    }
}

fn string_field(body: &Map<String, Value>, name: &str) -> Result<String, String> {
    match body.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        _ => Err(format!("{name} must be a non-empty string")),
    }
}

/// A string, or a number written as one (ids may come either way).
fn id_field(body: &Map<String, Value>, name: &str) -> Result<String, String> {
    match body.get(name) {
        Some(Value::Number(n)) => Ok(n.to_string()),
        _ => string_field(body, name).map_err(|_| format!("{name} must be a string or a number")),
    }
}

#[cfg(test)]
mod tests;

/// The 415 of a call whose body must be form-urlencoded, when it is not.
fn not_a_form(request: &SimRequest) -> Option<SimResponse> {
    (!form::is_form(request.header("content-type"))).then(|| {
        SimResponse::error(
            415,
            &format!("Content-Type must be {}", form::FORM_CONTENT_TYPE),
        )
    })
}
