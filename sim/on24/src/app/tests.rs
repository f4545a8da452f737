//! The simulator's request handling, end to end without a socket.

use super::*;

mod forget;

fn app() -> App {
    App::new(
        "http://127.0.0.1:9".into(),
        vec![Credential {
            client_id: "42".into(),
            key: "key".into(),
            secret: "secret".into(),
        }],
    )
}

fn request(method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> SimRequest {
    let (path, query) = routes::split_target(target);
    SimRequest {
        method: method.into(),
        path: path.into(),
        query: query.into(),
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect(),
        body: body.as_bytes().to_vec(),
    }
}

const AUTH: [(&str, &str); 2] = [("accessTokenKey", "key"), ("AccessTokenSecret", "secret")];

fn authed(method: &str, target: &str, body: &str) -> SimRequest {
    let mut headers = AUTH.to_vec();
    headers.push(("Content-Type", form::FORM_CONTENT_TYPE));
    request(method, target, &headers, body)
}

fn body(response: &SimResponse) -> Value {
    serde_json::from_slice(&response.body).expect("JSON body")
}

#[test]
fn check_call_lists_the_seeded_event() {
    let app = app();
    let response = app.handle(&authed("GET", "/v2/client/42/event", ""));
    assert_eq!(response.status, 200);
    let body = body(&response);
    assert_eq!(body["totalevents"], 1);
    assert_eq!(body["events"][0]["eventid"], 1000001);
    assert_eq!(body["events"][0]["title"], "Simulated webinar");
    assert_eq!(body["events"][0]["clientid"], 42);
}

#[test]
fn auth_failures_are_401_with_a_message() {
    let app = app();
    let cases = [
        (
            vec![],
            "Missing accessTokenKey and accessTokenSecret headers",
        ),
        (
            vec![("accessTokenKey", "key")],
            "Missing accessTokenSecret header",
        ),
        (
            vec![("accesstokenkey", "key"), ("accesstokensecret", "nope")],
            "Invalid accessTokenKey or accessTokenSecret",
        ),
    ];
    for (headers, message) in cases {
        let response = app.handle(&request("GET", "/v2/client/42/event", &headers, ""));
        assert_eq!(response.status, 401);
        assert_eq!(body(&response), json!({"code": 401, "message": message}));
    }
    // A client with no accepted credentials at all.
    let response = app.handle(&authed("GET", "/v2/client/43/event", ""));
    assert_eq!(response.status, 401);
}

#[test]
fn registration_upserts_and_shows_in_attendance() {
    let app = app();
    let target = "/v2/client/42/event/555/registrant?honorrequired=Y&honorvalidation=Y";
    let first = app.handle(&authed(
        "POST",
        target,
        "email=ada%40example.com&firstname=Ada&lastname=Lovelace&company=AE&std1=x",
    ));
    assert_eq!(first.status, 200, "{:?}", body(&first));
    let first = body(&first);
    assert_eq!(first["email"], "ada@example.com");
    assert_eq!(first["eventuserid"], 300000001);
    assert_eq!(
        first["registrantUrl"],
        "http://127.0.0.1:9/wcc/r/555/300000001"
    );

    let again = app.handle(&authed(
        "POST",
        target,
        "email=ADA%40example.com&firstname=Ada&lastname=King",
    ));
    assert_eq!(body(&again)["eventuserid"], 300000001);

    let events = body(&app.handle(&authed("GET", "/v2/client/42/event", "")));
    assert_eq!(events["totalevents"], 2);

    let report = body(&app.handle(&authed("GET", "/v2/client/42/event/555/attendee", "")));
    assert_eq!(report["totalattendees"], 1);
    let row = &report["attendees"][0];
    assert_eq!(row["eventuserid"], 300000001);
    assert_eq!(row["email"], "ADA@example.com");
    assert_eq!(row["lastname"], "King");
    for field in [
        "liveminutes",
        "archiveminutes",
        "cumulativeliveminutes",
        "cumulativearchiveminutes",
        "liveviewed",
        "archiveviewed",
        "engagementscore",
        "askedquestions",
        "answeredpolls",
        "resourcesdownloaded",
        "userstatus",
    ] {
        assert!(row.get(field).is_some(), "{field}");
    }

    let set = app.handle(&request(
        "POST",
        "/__control/attendance",
        &[],
        r#"{"eventId": 555, "email": "ada@example.com", "liveminutes": 12, "userstatus": "X"}"#,
    ));
    assert_eq!(set.status, 200);
    let report = body(&app.handle(&authed("GET", "/v2/client/42/event/555/attendee", "")));
    assert_eq!(report["attendees"][0]["liveminutes"], 12);
    assert_eq!(report["attendees"][0]["userstatus"], "X");
}

#[test]
fn registrant_validation() {
    let app = app();
    let target = "/v2/client/42/event/555/registrant";
    let status = |req: SimRequest| app.handle(&req).status;
    assert_eq!(status(authed("POST", target, "firstname=Ada")), 400);
    assert_eq!(status(authed("POST", target, "email=+")), 400);
    assert_eq!(
        status(authed(
            "POST",
            &format!("{target}?honorvalidation=Y"),
            "email=nope"
        )),
        400
    );
    assert_eq!(
        status(authed(
            "POST",
            &format!("{target}?honorvalidation=N"),
            "email=nope"
        )),
        200
    );
    assert_eq!(
        status(authed(
            "POST",
            &format!("{target}?honorrequired=Y"),
            "email=a%40b.c"
        )),
        400
    );
    assert_eq!(
        status(authed(
            "POST",
            &format!("{target}?honorrequired=maybe"),
            "email=a%40b.c"
        )),
        400
    );
    let json_body = request(
        "POST",
        target,
        &[AUTH[0], AUTH[1], ("content-type", "application/json")],
        r#"{"email":"a@b.c"}"#,
    );
    assert_eq!(status(json_body), 415);
    // PATCH updates only; isDeleted=Y hides the registrant.
    assert_eq!(status(authed("PATCH", target, "email=new%40b.c")), 404);
    assert_eq!(status(authed("POST", target, "email=a%40b.c")), 200);
    assert_eq!(
        status(authed("PATCH", target, "email=a%40b.c&company=C")),
        200
    );
    assert_eq!(
        status(authed("POST", target, "email=a%40b.c&isDeleted=Y")),
        200
    );
    let report = body(&app.handle(&authed("GET", "/v2/client/42/event/555/attendee", "")));
    assert_eq!(report["totalattendees"], 1);
    assert_eq!(report["attendees"][0]["email"], "nope");
}

#[test]
fn unknown_routes_and_wrong_methods() {
    let app = app();
    let response = app.handle(&authed("GET", "/v2/client/42/nothing", ""));
    assert_eq!(response.status, 404);
    assert_eq!(body(&response)["code"], 404);
    let response = app.handle(&authed("DELETE", "/v2/client/42/event", ""));
    assert_eq!(response.status, 405);
    assert_eq!(response.allow.as_deref(), Some("GET, POST"));
    assert_eq!(
        app.handle(&authed("GET", "/v2/client/42/event/1/registrant", ""))
            .status,
        405
    );
    assert_eq!(
        app.handle(&request("GET", "/elsewhere", &[], "")).status,
        404
    );
    assert_eq!(
        app.handle(&request("GET", "/__control/reset", &[], ""))
            .status,
        405
    );
    assert_eq!(
        app.handle(&request("GET", "/__control/zzz", &[], ""))
            .status,
        404
    );
    assert_eq!(
        app.handle(&request("GET", "/wcc/r/1/2", &[], "")).status,
        200
    );
}

#[test]
fn modes_change_every_api_answer() {
    let app = app();
    let set_mode = |body: &str| app.handle(&request("POST", "/__control/mode", &[], body));
    assert_eq!(set_mode(r#"{"mode":"fail"}"#).status, 200);
    let response = app.handle(&request("GET", "/v2/client/42/event", &[], ""));
    assert_eq!(
        (response.status, body(&response)),
        (
            500,
            json!({"code": 500, "message": "Internal server error"})
        )
    );

    assert_eq!(set_mode(r#"{"mode":"quota"}"#).status, 200);
    // Quota applies to authenticated calls; bad credentials are still a 401.
    assert_eq!(
        app.handle(&request("GET", "/v2/client/42/event", &[], ""))
            .status,
        401
    );
    let response = app.handle(&authed("GET", "/v2/client/42/event", ""));
    assert_eq!(response.status, 403);
    assert_eq!(
        body(&response)["message"],
        "Quota exceeded: your API request limit has been reached"
    );

    // Reject refuses registrant writes only.
    assert_eq!(set_mode(r#"{"mode":"reject"}"#).status, 200);
    let write = authed(
        "POST",
        "/v2/client/42/event/555/registrant",
        "email=a%40b.example",
    );
    let response = app.handle(&write);
    assert_eq!(
        (response.status, body(&response)["message"].as_str()),
        (
            400,
            Some("Registrant rejected: the simulator is in reject mode")
        )
    );
    assert_eq!(
        app.handle(&authed("GET", "/v2/client/42/event", "")).status,
        200
    );

    let response = set_mode(r#"{"mode":"slow","delayMs":20}"#);
    assert_eq!(body(&response)["delayMs"], 20);
    let started = std::time::Instant::now();
    assert_eq!(
        app.handle(&authed("GET", "/v2/client/42/event", "")).status,
        200
    );
    assert!(started.elapsed() >= std::time::Duration::from_millis(20));

    assert_eq!(set_mode(r#"{"mode":"sideways"}"#).status, 400);
    assert_eq!(set_mode(r#"{"mode":"slow","delayMs":-1}"#).status, 400);
    assert_eq!(set_mode("not json").status, 400);
    assert_eq!(set_mode(r#"{"mode":"normal"}"#).status, 200);
}

#[test]
fn control_credentials_received_and_reset() {
    let app = app();
    let add = |body: &str| app.handle(&request("POST", "/__control/credentials", &[], body));
    assert_eq!(
        add(r#"{"clientId": 7, "accessTokenKey": "k7"}"#).status,
        400
    );
    assert_eq!(
        add(r#"{"clientId": 7, "accessTokenKey": "k7", "accessTokenSecret": "s7"}"#).status,
        200
    );
    let seven = request(
        "GET",
        "/v2/client/7/event?pageoffset=0",
        &[("accessTokenKey", "k7"), ("accessTokenSecret", "s7")],
        "",
    );
    assert_eq!(app.handle(&seven).status, 200);

    let received = body(&app.handle(&request("GET", "/__control/received", &[], "")));
    assert_eq!(received.as_array().map(Vec::len), Some(1));
    assert_eq!(received[0]["method"], "GET");
    assert_eq!(received[0]["path"], "/v2/client/7/event");
    assert_eq!(received[0]["query"], "pageoffset=0");
    assert_eq!(received[0]["headers"]["accesstokenkey"], "k7");
    assert_eq!(received[0]["body"], "");

    assert_eq!(
        app.handle(&request("POST", "/__control/reset", &[], ""))
            .status,
        200
    );
    let received = body(&app.handle(&request("GET", "/__control/received", &[], "")));
    assert_eq!(received, json!([]));
    // Reset keeps credentials; DELETE clears them.
    assert_eq!(app.handle(&seven).status, 200);
    assert_eq!(
        app.handle(&request("DELETE", "/__control/credentials", &[], ""))
            .status,
        200
    );
    assert_eq!(app.handle(&seven).status, 401);
    assert_eq!(
        app.handle(&authed("GET", "/v2/client/42/event", "")).status,
        401
    );
}

#[test]
fn attendance_control_needs_a_registrant() {
    let app = app();
    let set = |body: &str| app.handle(&request("POST", "/__control/attendance", &[], body));
    assert_eq!(
        set(r#"{"eventId": 1, "email": "a@b.c", "liveminutes": 1}"#).status,
        404
    );
    assert_eq!(set(r#"{"email": "a@b.c"}"#).status, 400);
    assert_eq!(set(r#"{"eventId": "x", "email": "a@b.c"}"#).status, 400);
    app.handle(&authed(
        "POST",
        "/v2/client/42/event/1/registrant",
        "email=a%40b.c",
    ));
    assert_eq!(
        set(r#"{"eventId": "1", "email": "A@b.c", "eventuserid": 5}"#).status,
        400
    );
    assert_eq!(
        set(r#"{"eventId": "1", "email": "A@b.c", "clientId": 42}"#).status,
        200
    );
    assert_eq!(
        set(r#"{"eventId": "1", "email": "a@b.c", "clientId": "9"}"#).status,
        404
    );
}

const WEBINAR: &str = "title=Launch+day&liveStart=06%2F01%2F2026+02%3A30+PM&liveDuration=90\
&timeZone=Europe%2FParis&eventType=Webcast&languageCd=en";

#[test]
fn a_created_webinar_is_listed_and_takes_registrants() {
    let app = app();
    let response = app.handle(&authed("POST", "/v2/client/42/event", WEBINAR));
    assert_eq!(response.status, 200);
    let created = body(&response);
    let w = &created["wccevent"];
    let id = w["eventId"].as_u64().expect("eventId");
    assert_eq!(id, crate::state::FIRST_CREATED_EVENT_ID);
    assert_eq!(w["title"], "Launch day");
    assert_eq!(w["liveStart"], "2026-06-01T14:30:00");
    assert_eq!(w["liveEnd"], "2026-06-01T16:00:00");
    assert_eq!(w["liveDuration"], 90);
    assert_eq!(w["clientId"], 42);
    assert_eq!(w["audienceUrl"], format!("http://127.0.0.1:9/wcc/e/{id}"));
    assert_eq!(w["previewUrl"], format!("http://127.0.0.1:9/wcc/p/{id}"));

    let listed = body(&app.handle(&authed("GET", "/v2/client/42/event", "")));
    let titles: Vec<&str> = listed["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["title"].as_str())
        .collect();
    assert_eq!(titles, ["Simulated webinar", "Launch day"]);
    let registrant = app.handle(&authed(
        "POST",
        &format!("/v2/client/42/event/{id}/registrant"),
        "email=a%40b.example",
    ));
    assert_eq!(registrant.status, 200);
    let report = body(&app.handle(&authed(
        "GET",
        &format!("/v2/client/42/event/{id}/attendee"),
        "",
    )));
    assert_eq!(report["totalattendees"], 1);
    let page = app.handle(&request("GET", &format!("/wcc/e/{id}"), &[], ""));
    assert_eq!(page.status, 200);
}

#[test]
fn a_webinar_form_is_checked_field_by_field() {
    let app = app();
    let with = |change: &str| WEBINAR.replace("liveDuration=90", change);
    for (form, field) in [
        (with("liveDuration=125"), "liveDuration"),
        (with("liveDuration=500"), "liveDuration"),
        (with("liveDuration=90&liveStart=yesterday"), "liveStart"),
        (with("liveDuration=90&title="), "title"),
        (
            with(&format!("liveDuration=90&title={}", "x".repeat(251))),
            "title",
        ),
        (with("liveDuration="), "liveDuration"),
    ] {
        let response = app.handle(&authed("POST", "/v2/client/42/event", &form));
        assert_eq!(response.status, 400, "{field}");
        let message = body(&response)["message"]
            .as_str()
            .expect("message")
            .to_string();
        assert!(message.contains(field), "{field}: {message}");
    }
    let json = request(
        "POST",
        "/v2/client/42/event",
        &[AUTH[0], AUTH[1], ("Content-Type", "application/json")],
        "{}",
    );
    assert_eq!(app.handle(&json).status, 415);
    // Nothing refused was created.
    let listed = body(&app.handle(&authed("GET", "/v2/client/42/event", "")));
    assert_eq!(listed["totalevents"], 1);
}

#[test]
fn fault_modes_apply_to_creating_a_webinar() {
    let app = app();
    let unauthenticated = request(
        "POST",
        "/v2/client/42/event",
        &[("Content-Type", form::FORM_CONTENT_TYPE)],
        WEBINAR,
    );
    assert_eq!(app.handle(&unauthenticated).status, 401);
    for (mode, status) in [("fail", 500), ("quota", 403)] {
        let set = request(
            "POST",
            "/__control/mode",
            &[],
            &format!(r#"{{"mode":"{mode}"}}"#),
        );
        assert_eq!(app.handle(&set).status, 200);
        let response = app.handle(&authed("POST", "/v2/client/42/event", WEBINAR));
        assert_eq!(response.status, status, "{mode}");
    }
    let normal = request("POST", "/__control/mode", &[], r#"{"mode":"normal"}"#);
    app.handle(&normal);
    let listed = body(&app.handle(&authed("GET", "/v2/client/42/event", "")));
    assert_eq!(
        listed["totalevents"], 1,
        "no webinar was created in a fault mode"
    );
    let received = body(&app.handle(&request("GET", "/__control/received", &[], "")));
    let creates = received
        .as_array()
        .expect("log")
        .iter()
        .filter(|r| r["method"] == "POST" && r["path"] == "/v2/client/42/event")
        .count();
    assert_eq!(creates, 3, "every attempt is in the received log");
}
