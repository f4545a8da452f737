//! Route parsing: pure functions from a request path to what it addresses.

/// The ON24 base path every simulated API call lives under.
pub const API_PREFIX: &str = "/v2";
/// The test-only control API (no auth).
pub const CONTROL_PREFIX: &str = "/__control";
/// Where the simulated join links (`registrantUrl`) point.
pub const JOIN_PREFIX: &str = "/wcc/r";
/// Where a created webinar's `audienceUrl`, `previewUrl` and `reportsUrl` point.
pub const AUDIENCE_PREFIX: &str = "/wcc/e";
pub const PREVIEW_PREFIX: &str = "/wcc/p";
pub const REPORTS_PREFIX: &str = "/wcc/reports";

/// An ON24 API call, under `/v2/client/{clientId}/...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiTarget {
    /// Percent-decoded `{clientId}` path segment.
    pub client_id: String,
    pub endpoint: Endpoint,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `/client/{clientId}/event`: list events (GET, what Convene's Check calls) or create a
    /// webinar (POST).
    Events,
    /// `/client/{clientId}/event/{eventId}/registrant`: create (POST) or update (PATCH).
    Registrant { event_id: u64 },
    /// `/client/{clientId}/event/{eventId}/attendee`: attendance report.
    Attendees { event_id: u64 },
    /// `/client/{clientId}/forget`: erasure of one email's registrants in every event (POST).
    Forget,
}

impl Endpoint {
    /// Methods this endpoint answers; anything else is a 405.
    pub fn allowed_methods(self) -> &'static [&'static str] {
        match self {
            Endpoint::Events => &["GET", "POST"],
            Endpoint::Attendees { .. } => &["GET"],
            Endpoint::Registrant { .. } => &["POST", "PATCH"],
            Endpoint::Forget => &["POST"],
        }
    }
}

/// A test-only control route, under `/__control/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Credentials,
    Mode,
    Attendance,
    Received,
    Registrants,
    Reset,
}

impl Control {
    pub fn allowed_methods(self) -> &'static [&'static str] {
        match self {
            Control::Credentials => &["POST", "DELETE"],
            Control::Mode | Control::Attendance | Control::Reset => &["POST"],
            Control::Received | Control::Registrants => &["GET"],
        }
    }
}

/// Splits a request target (`/path?query`) into path and query (without the `?`).
pub fn split_target(target: &str) -> (&str, &str) {
    target.split_once('?').unwrap_or((target, ""))
}

/// Path segments after `prefix` (one trailing slash tolerated), or `None` when the path is not
/// under `prefix`.
fn segments_under<'a>(path: &'a str, prefix: &str) -> Option<Vec<&'a str>> {
    let rest = path.strip_prefix(prefix)?.strip_prefix('/')?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    Some(rest.split('/').collect())
}

/// Parses a `/v2/...` path. `None`: no such ON24 route (a 404).
pub fn parse_api(path: &str) -> Option<ApiTarget> {
    let segments = segments_under(path, API_PREFIX)?;
    let (client, endpoint) = match segments.as_slice() {
        ["client", client, "event"] => (*client, Endpoint::Events),
        ["client", client, "forget"] => (*client, Endpoint::Forget),
        ["client", client, "event", event, "registrant"] => (
            *client,
            Endpoint::Registrant {
                event_id: parse_id(event)?,
            },
        ),
        ["client", client, "event", event, "attendee"] => (
            *client,
            Endpoint::Attendees {
                event_id: parse_id(event)?,
            },
        ),
        _ => return None,
    };
    let client_id = percent_decode(client)?;
    if client_id.trim().is_empty() {
        return None;
    }
    Some(ApiTarget {
        client_id,
        endpoint,
    })
}

/// Parses a `/__control/...` path.
pub fn parse_control(path: &str) -> Option<Control> {
    match segments_under(path, CONTROL_PREFIX)?.as_slice() {
        ["credentials"] => Some(Control::Credentials),
        ["mode"] => Some(Control::Mode),
        ["attendance"] => Some(Control::Attendance),
        ["received"] => Some(Control::Received),
        ["registrants"] => Some(Control::Registrants),
        ["reset"] => Some(Control::Reset),
        _ => None,
    }
}

/// Parses a `/wcc/r/{eventId}/{eventuserid}` join link.
pub fn parse_join(path: &str) -> Option<(u64, u64)> {
    match segments_under(path, JOIN_PREFIX)?.as_slice() {
        [event, user] => Some((parse_id(event)?, parse_id(user)?)),
        _ => None,
    }
}

/// Parses a created webinar's page (`/wcc/e|p|reports/{eventId}`): which page, which event.
pub fn parse_event_page(path: &str) -> Option<(&'static str, u64)> {
    [
        (AUDIENCE_PREFIX, "Audience"),
        (PREVIEW_PREFIX, "Preview"),
        (REPORTS_PREFIX, "Reports"),
    ]
    .into_iter()
    .find_map(
        |(prefix, page)| match segments_under(path, prefix)?.as_slice() {
            [event] => Some((page, parse_id(event)?)),
            _ => None,
        },
    )
}

/// ON24 ids (eventId, eventuserid) are positive integers written in decimal.
pub fn parse_id(segment: &str) -> Option<u64> {
    if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok().filter(|id| *id > 0)
}

/// Decodes `%XX` escapes in one path segment (`+` stays a plus: this is a path, not a form).
/// `None` when an escape is malformed or the result is not UTF-8.
pub fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(client: &str, endpoint: Endpoint) -> Option<ApiTarget> {
        Some(ApiTarget {
            client_id: client.to_string(),
            endpoint,
        })
    }

    #[test]
    fn api_routes_parse() {
        assert_eq!(
            parse_api("/v2/client/12345/event"),
            api("12345", Endpoint::Events)
        );
        assert_eq!(
            parse_api("/v2/client/12345/event/"),
            api("12345", Endpoint::Events)
        );
        assert_eq!(
            parse_api("/v2/client/12345/event/1000001/registrant"),
            api("12345", Endpoint::Registrant { event_id: 1000001 })
        );
        assert_eq!(
            parse_api("/v2/client/7/event/42/attendee"),
            api("7", Endpoint::Attendees { event_id: 42 })
        );
        assert_eq!(parse_api("/v2/client/7/forget"), api("7", Endpoint::Forget));
        // The client id is one encoded path segment (that is how Convene builds the URL).
        assert_eq!(
            parse_api("/v2/client/12%203%2F4/event"),
            api("12 3/4", Endpoint::Events)
        );
    }

    #[test]
    fn unknown_or_malformed_api_routes_are_none() {
        for path in [
            "/v2",
            "/v2/",
            "/v2/client",
            "/v2/client//event",
            "/v2/client/%20/event",
            "/v2/client/1/events",
            "/v2/client/1/event/abc/registrant",
            "/v2/client/1/event/0/registrant",
            "/v2/client/1/event/-5/attendee",
            "/v2/client/1/event/5/registrants",
            "/v2/client/1/event/5/attendee/extra",
            "/v2/client/1/forgetall",
            "/v2/client/1/forget/x",
            "/v2/client/1/event/5/forgetall",
            "/v2/client//forget",
            "/v2/client/%zz/event",
            "/v3/client/1/event",
            "/v2x/client/1/event",
            "/client/1/event",
        ] {
            assert_eq!(parse_api(path), None, "{path}");
        }
    }

    #[test]
    fn methods_per_endpoint() {
        assert_eq!(Endpoint::Events.allowed_methods(), ["GET", "POST"]);
        assert_eq!(
            Endpoint::Registrant { event_id: 1 }.allowed_methods(),
            ["POST", "PATCH"]
        );
        assert_eq!(
            Endpoint::Attendees { event_id: 1 }.allowed_methods(),
            ["GET"]
        );
        assert_eq!(Control::Credentials.allowed_methods(), ["POST", "DELETE"]);
        assert_eq!(Endpoint::Forget.allowed_methods(), ["POST"]);
        assert_eq!(Control::Received.allowed_methods(), ["GET"]);
        assert_eq!(Control::Registrants.allowed_methods(), ["GET"]);
    }

    #[test]
    fn control_and_join_routes_parse() {
        assert_eq!(
            parse_control("/__control/credentials"),
            Some(Control::Credentials)
        );
        assert_eq!(parse_control("/__control/mode/"), Some(Control::Mode));
        assert_eq!(
            parse_control("/__control/attendance"),
            Some(Control::Attendance)
        );
        assert_eq!(
            parse_control("/__control/received"),
            Some(Control::Received)
        );
        assert_eq!(parse_control("/__control/reset"), Some(Control::Reset));
        assert_eq!(
            parse_control("/__control/registrants"),
            Some(Control::Registrants)
        );
        assert_eq!(parse_control("/__control/nope"), None);
        assert_eq!(parse_control("/__controlx/reset"), None);
        assert_eq!(
            parse_join("/wcc/r/1000001/300000001"),
            Some((1000001, 300000001))
        );
        assert_eq!(parse_join("/wcc/r/1000001"), None);
        assert_eq!(
            parse_event_page("/wcc/e/2000001"),
            Some(("Audience", 2000001))
        );
        assert_eq!(parse_event_page("/wcc/p/7"), Some(("Preview", 7)));
        assert_eq!(parse_event_page("/wcc/e/x"), None);
    }

    #[test]
    fn targets_split_and_segments_decode() {
        assert_eq!(split_target("/a/b?x=1&y=2"), ("/a/b", "x=1&y=2"));
        assert_eq!(split_target("/a/b"), ("/a/b", ""));
        assert_eq!(percent_decode("a%2Fb+c").as_deref(), Some("a/b+c"));
        assert_eq!(percent_decode("%C3%A9").as_deref(), Some("é"));
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
