//! The worker's own messages, as it writes them.

use super::*;

/// The error messages of the worker's API (`worker/src`), as it writes them, with example
/// values where they vary. A message added there must be added here and to the table.
#[test]
fn every_error_message_of_the_api_reads_in_french() {
    let messages = [
        // error.rs: ApiError::body, and the vault's errors (vault.rs, VaultError)
        "Some fields are invalid.",
        "This route accepts GET, POST.",
        "The request body must be JSON (Content-Type: application/json).",
        "The request body must be at most 65536 bytes.",
        "Too many attempts. Try again in 1 seconds.",
        "Too many attempts. Try again in 42 seconds.",
        "Something went wrong on our side. Quote the request id when reporting it.",
        "Credentials unavailable: the CREDENTIALS_KEYRING secret is not set.",
        "Credentials unavailable: the CREDENTIALS_KEYRING secret is invalid: not the expected \
         JSON (Syntax).",
        "Credentials unavailable: the CREDENTIALS_KEYRING secret is invalid: key 'k1' is not 64 \
         hex characters.",
        "Credentials unavailable: the CREDENTIALS_KEYRING secret is invalid: current key 'k2' is \
         not among the keys.",
        "Credentials unavailable: the credentials are wrapped with key 'k0', which is not in \
         CREDENTIALS_KEYRING.",
        "Credentials unavailable: the credentials cannot be decrypted with the configured keys \
         (wrong key or altered record).",
        // http.rs: json_text, parse_json
        "The request body is not valid JSON: it is not UTF-8.",
        "The request body must be a JSON object.",
        "The request body is not valid JSON: EOF while parsing an object.",
        // routes/mod.rs, session.rs, routes/auth.rs, store/object.rs, runtime/bindings.rs
        "The request URL is not valid: relative URL without a base.",
        "There is no API route /api/nothing.",
        "Requests that change data must come from https://convene.example, not https://evil.example.",
        "Requests that change data must carry an Origin header.",
        "Sign in to continue.",
        "Sign-in is not configured: set the ADMIN_PASSWORD secret.",
        "The user name or password is not correct.",
        "The binding CONFIG is missing: declare it in wrangler.toml.",
        // routes/access.rs, routes/auth.rs, store/users.rs, store/sessions.rs
        "This needs the role administrator; you are an event planner.",
        "This needs the role event planner or administrator; you are a viewer.",
        "This user is disabled. Ask an administrator.",
        "is not your current password",
        "is already taken by another user",
        "At least one active administrator must remain.",
        "You cannot disable your own user.",
        "There is no user with id u1.",
        // routes/webhooks.rs, registry/webhooks.rs
        "There is no webhook with id w1.",
        "There is no delivery with id 7 for this webhook.",
        "The receiver answered 503.",
        "The receiver did not answer within 15 seconds.",
        "Could not reach the receiver: connection refused",
        "The address http://10.0.0.1/ is refused in production.",
        "The webhook was deleted.",
        "The webhook is inactive.",
        // routes/registrations.rs, routes/configurations.rs, routes/public.rs
        "status must be confirmed, waitlisted, cancelled or all.",
        "is required",
        "is not a known webinar provider",
        "must list 1 to 10 attendees",
        "An application token is required: add ?emApplicationtoken=<token> or an \
         Authorization: Bearer header.",
        "A CORS preflight needs an Origin header.",
        "The origin https://evil.example is not allowed.",
        "There is no such Events API route.",
        // store/*.rs, registry/*.rs: not found
        "There is no event with id ev1.",
        "There is no session with id s1 in this event.",
        "There is no speaker with id sp1 in this event.",
        "There is no pass with id p1 in this event.",
        "There is no custom registration field with id q1 in this event.",
        "There is no registration with id r1 for this event.",
        "There is no contact with id c1.",
        "There is no webinar configuration with id wc1.",
        "There is no webinar provider with id on25.",
        "There is no custom field with id f1.",
        "There is no website table configuration with id t1.",
        "There is no event administration record with id a1.",
        "There is no web application with id w1.",
        "There is no published event spring-summit.",
        // store/*.rs, registry/*.rs, metrics.rs, routes/webinar.rs: conflicts
        "A webinar configuration with id wc1 exists.",
        "“Main” is used by: Summit, Keynote. Choose another webinar configuration there first.",
        "ON24 is used by webinar configurations: Main, Backup. Change or delete them first.",
        "A custom field's table, name and type cannot change; create a new field instead.",
        "room is listed by website table configurations: Site, Blog. Remove it there first.",
        "“Summit” already has its webinar at the provider (event 4711).",
        "“Summit” is an in-person event: only webinar and hybrid events have a webinar.",
        "“Summit” has no webinar configuration: choose one first.",
        "The webinar of “Summit” is being created right now; try again in a moment.",
        "The webinar integration of “Main” is off, so nothing is sent to ON24: The configuration \
         is inactive: activate it to turn the integration on.",
        "The webinar integration of “Main” is off, so nothing is asked of ON24: No credentials \
         are stored: enter the provider account's credentials to turn the integration on.",
        "This registration has nothing to send to the webinar provider (its sync state is synced).",
        "The pass p1 has just been deleted from this event; reload the event and try again.",
        "The session s1 has just been deleted from this event; reload the event and try again.",
        "The question q1 has just been deleted from this event; reload the event and try again.",
        "This event has 1 registration and cannot be deleted. Unpublish it instead.",
        "This event has 3 registrations and cannot be deleted. Unpublish it instead.",
        "This pass is held by 1 registration and cannot be deleted.",
        "This pass is held by 2 registrations and cannot be deleted.",
        "This session is chosen by 1 registration and cannot be deleted.",
        "This session is chosen by 2 registrations and cannot be deleted.",
        "This question is answered by 1 registration and cannot be deleted.",
        "This question is answered by 2 registrations and cannot be deleted.",
        "attendees[0]: Registration for this event is closed.",
        "This event is full and has no waitlist.",
        // store/webapps.rs: the public API's credential
        "The application token is not valid.",
        "The origin https://evil.example is not allowed for this application.",
        // on24/mod.rs: create_failure, interpret, interpret_created, send, client_url
        "The webinar was not created: the provider refused the credentials (Invalid \
         accessTokenKey). Check the webinar configuration.",
        "The webinar was not created: api.on24.com did not answer within 10 seconds. Try again \
         later.",
        "The webinar was not created: The provider refused the webinar.",
        "The webinar was not created: The provider's answer did not describe the created webinar.",
        "The webinar was not created: invalid base URL nope: relative URL without a base",
        "Connected: the provider accepted the credentials.",
        "The provider refused the credentials.",
        "Quota exceeded.",
        "The provider refused access with these credentials.",
        "Too many requests.",
        "The provider does not know this client ID.",
        "The provider answered HTTP 500.",
        "Could not reach api.on24.com: network error",
        "invalid base URL data:x",
        // store/configurations.rs, routes/configurations.rs: a check's or a status's message
        "No credentials: the webinar integration is off for this configuration.",
        "No credentials are stored: the webinar integration is off.",
        // on24/registrant.rs, on24/attendance.rs, deliver.rs, store/webinars.rs, metrics.rs:
        // a registration's sync error, a configuration's status message
        "Connected: the provider accepted the last call.",
        "The provider refused this registrant.",
        "The provider refused the credentials (Invalid accessTokenKey): sending is paused until \
         they are replaced.",
        "Convene could not read the event: There is no event with id ev1.",
        "Waiting: the credentials cannot be opened (Credentials unavailable: the \
         CREDENTIALS_KEYRING secret is not set.).",
        "Waiting: “Summit” has no webinar configuration.",
        "Waiting: the webinar of “Summit” is not created at the provider yet.",
        "Waiting: the webinar integration is off (The configuration is inactive: activate it to \
         turn the integration on.)",
        "Waiting: the configuration has no credentials.",
        "Attendance not updated: The provider's attendance report is not JSON.",
        "Attendance not updated: The provider's attendance report lists no attendees.",
        "Attendance updated for 2 started webinar(s).",
    ]
    .map(String::from);
    assert_french(&messages);
    // A message of a message is in French too.
    for message in &messages {
        let french = admin_message(message, Lang::Fr);
        for english in [
            "The provider",
            "Credentials unavailable",
            "There is no",
            "This event",
        ] {
            assert!(!french.contains(english), "{french:?}");
        }
    }
}
