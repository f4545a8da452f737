//! # on24-sim: a local stand-in for ON24's REST API v2
//!
//! Convene's tests and local runs point Convene's ON24 base URL at this process instead of
//! `https://api.on24.com/v2`. It follows the contract written down in `REFERENCE.md` ("ON24
//! REST API v2", itself gathered from a public mirror of ON24's OpenAPI file and a client
//! library's README, not from ON24's own site), and adds a test-only control API.
//!
//! ## What is simulated
//! - Base path `/v2`, every call under `/v2/client/{clientId}/...`.
//! - Auth: headers `accessTokenKey` and `accessTokenSecret` (names case-insensitive), both
//!   required, matched against the credential sets accepted for that `{clientId}`; otherwise
//!   401 `{"code":401,"message":...}` (a missing header is named in the message).
//! - `GET /v2/client/{clientId}/event`: list events (see "Check" below). Every client has the
//!   seeded event 1000001 "Simulated webinar"; other events appear on their first registrant.
//! - `POST /v2/client/{clientId}/event`: "Create a webinar" (REFERENCE.md). Form-urlencoded
//!   (415 otherwise); required `eventType`, `languageCd`, `liveDuration` (15-480 minutes,
//!   15-minute steps up to 120, then 30-minute steps), `liveStart` (`MM/DD/YYYY hh:mm a`,
//!   `YYYY-MM-DDThh:mm:ss`, or that with a `±zz:zz` offset), `timeZone`, `title` (under 251
//!   characters); 400 `{"code","message"}` naming the field otherwise. Answers 200
//!   `{"wccevent": {eventId, title, liveStart, liveDuration, liveEnd, archiveStart,
//!   archiveEnd, clientId, timeZone, eventType, languageCd, audienceUrl, reportsUrl,
//!   previewUrl, ...optional fields given}}`. Created ids count from 2000001; the event is
//!   then listed and takes registrants; its URLs serve a small page from the simulator.
//! - `POST /v2/client/{clientId}/event/{eventId}/registrant`: form-urlencoded body with
//!   `email` (required), `firstname`, `lastname`, `company` and any other fields (kept as
//!   given); query `honorrequired` / `honorvalidation` (Y/N). A repeat for the same email
//!   (case-insensitive) in the same event updates that registrant, keeping its `eventuserid`.
//!   `PATCH` on the same path updates a registrant matched by email (404 if there is none), and
//!   `isDeleted=Y` soft-deletes one (REFERENCE.md).
//! - `GET /v2/client/{clientId}/event/{eventId}/attendee`: every (not deleted) registrant with
//!   REFERENCE.md's attendance fields, derived deterministically from the `eventuserid` or set
//!   through the control API (see the `attendance` module).
//! - `POST /v2/client/{clientId}/forget`: erasure (REFERENCE.md: "personal fields replaced,
//!   e.g. email becomes `{eventuserid}-deleted`, names `deleted`"). Form-urlencoded (415
//!   otherwise) with `email` (required, else 400 "Missing required field: email"). In every
//!   event of that client, every registrant with that email (case-insensitive, soft-deleted ones
//!   too) gets email `{eventuserid}-deleted` and `deleted` in `firstname`, `lastname` and every
//!   other form field it holds. Answers 200 `{"forgotten": N}` (registrants changed; 0 when the
//!   email matches nobody, so a retry succeeds). Other clients' registrants are untouched.
//! - Unknown `/v2` routes: 404 JSON; known routes with another method: 405 JSON with `Allow`.
//! - Failure modes set through the control API: `fail` (500), `slow` (delayed answers),
//!   `quota` (403 on authenticated calls).
//!
//! Not simulated: the other erasure calls (`/forgetall`, `/event/{eventId}/forgetall`), paging
//! parameters, copying an event (`eventsource`), time zone conversion (`liveStart` is kept as
//! the local time given), event details beyond a title in the event list, the "not after the
//! event starts" rule for deletes, token expiry.
//!
//! ## Which call Convene's "Check" button uses, and why
//! `GET /v2/client/{clientId}/event` ("list events"): the cheapest authenticated read. It
//! changes nothing on the provider, needs no event id to be configured yet, and succeeds only
//! when the client id, key and secret belong together, which is exactly what Check has to
//! prove.
//!
//! ## Unconfirmed (a simulator choice, not known ON24 behaviour)
//! - List events is not in REFERENCE.md's route list: its path and its answer's shape
//!   (`currentpage`, `pagecount`, `totalevents`, `events[].eventid/title/...`) are assumed.
//! - The registrant call's answer: REFERENCE.md gives no response fields. This simulator
//!   answers `eventid`, `eventuserid`, `email`, `registrantUrl` (join link: name unconfirmed),
//!   `isdeleted` and `created`.
//! - A repeated POST for a known email updating (rather than failing or duplicating).
//! - What `honorrequired=Y` requires (here: `firstname` and `lastname`) and what
//!   `honorvalidation=Y` validates (here: a plausible email).
//! - A non-form `Content-Type` on the registrant call answering 415.
//! - The error body shape `{"code", "message"}` and its messages.
//! - An exhausted quota answering 403 rather than 429 (REFERENCE.md says so, unconfirmed).
//! - Attendance value types, `userstatus` values and timestamp format.
//! - Create a webinar: the shapes of `audienceUrl`/`previewUrl`/`reportsUrl`, the archive
//!   window (live end plus one year), the messages, and which `eventType` / `languageCd` /
//!   `timeZone` values are valid (any non-empty value is accepted here).
//! - Erasure: the answer `{"forgotten": N}`, 200 with 0 for an unknown email (rather than 404),
//!   the 415, and exactly which fields are replaced (every form field here; names even when
//!   never given).
//!
//! ## Control API (tests only, no auth, JSON)
//! `POST/DELETE /__control/credentials`, `POST /__control/mode`, `POST /__control/attendance`,
//! `GET /__control/received`, `GET /__control/registrants`, `POST /__control/reset`: see
//! `sim/on24/README.md`.

mod app;
mod attendance;
mod auth;
mod cli;
mod create_event;
mod form;
mod message;
mod routes;
mod server;
mod state;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let (port, credentials) = match cli::parse(std::env::args().skip(1)) {
        Ok(cli::Command::Run { port, credentials }) => (port, credentials),
        Ok(cli::Command::Help) => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("on24-sim: {message}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let (addr, thread) = match server::start(port, credentials) {
        Ok(started) => started,
        Err(message) => {
            eprintln!("on24-sim: {message}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    let ready =
        writeln!(stdout, "on24-sim listening on http://{addr}").and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(e) = ready {
        eprintln!("on24-sim: cannot write to stdout: {e}");
        return ExitCode::FAILURE;
    }
    // The server thread serves until the process is stopped.
    if thread.join().is_err() {
        eprintln!("on24-sim: the server thread panicked");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
