//! Erasure (`POST /v2/client/{clientId}/forget`) and the control route that lists every
//! registrant held (`GET /__control/registrants`), which shows what erasure left.

use super::*;

const FORGET: &str = "/v2/client/42/forget";

/// Registers `form` in `event` of `client` and returns the answer's `eventuserid`.
fn register(app: &App, client: &str, event: u64, form: &str) -> u64 {
    let answer = app.handle(&authed(
        "POST",
        &format!("/v2/client/{client}/event/{event}/registrant"),
        form,
    ));
    assert_eq!(answer.status, 200, "{:?}", body(&answer));
    body(&answer)["eventuserid"].as_u64().expect("eventuserid")
}

fn held(app: &App) -> Vec<Value> {
    let response = app.handle(&request("GET", "/__control/registrants", &[], ""));
    assert_eq!(response.status, 200);
    body(&response).as_array().expect("array").clone()
}

fn held_by_id(app: &App, eventuserid: u64) -> Value {
    held(app)
        .into_iter()
        .find(|r| r["eventuserid"] == eventuserid)
        .expect("held")
}

/// Client 7 accepts the same key and secret as client 42.
fn second_client(app: &App) {
    let add = request(
        "POST",
        "/__control/credentials",
        &[],
        r#"{"clientId": 7, "accessTokenKey": "key", "accessTokenSecret": "secret"}"#,
    );
    assert_eq!(app.handle(&add).status, 200);
}

#[test]
fn forget_erases_the_email_in_every_event_of_the_client_only() {
    let app = app();
    second_client(&app);
    let ada = "email=ada%40example.com&firstname=Ada&lastname=Lovelace&company=AE&std1=x";
    let in_555 = register(&app, "42", 555, ada);
    let in_seed = register(&app, "42", 1000001, "email=ADA%40Example.com&firstname=A");
    let deleted = register(&app, "42", 777, "email=ada%40example.com");
    register(&app, "42", 777, "email=ada%40example.com&isDeleted=Y");
    let bob = register(&app, "42", 555, "email=bob%40example.com&firstname=Bob");
    let elsewhere = register(&app, "7", 555, ada);

    let response = app.handle(&authed("POST", FORGET, "email=+Ada%40EXAMPLE.com+"));
    assert_eq!(response.status, 200);
    assert_eq!(body(&response), json!({"forgotten": 3}));

    let erased = held_by_id(&app, in_555);
    assert_eq!(erased["email"], format!("{in_555}-deleted"));
    assert_eq!(
        erased["fields"],
        json!({
            "email": format!("{in_555}-deleted"),
            "firstname": "deleted",
            "lastname": "deleted",
            "company": "deleted",
            "std1": "deleted",
        })
    );
    assert_eq!(erased["deleted"], false);
    // Names are replaced even where none were given; soft-deleted registrants are erased too.
    assert_eq!(
        held_by_id(&app, in_seed)["fields"],
        json!({"email": format!("{in_seed}-deleted"), "firstname": "deleted", "lastname": "deleted"})
    );
    let gone = held_by_id(&app, deleted);
    assert_eq!(gone["email"], format!("{deleted}-deleted"));
    assert_eq!(gone["deleted"], true);
    // Another email, and the same email at another client, are untouched.
    let bob = held_by_id(&app, bob);
    assert_eq!(bob["email"], "bob@example.com");
    assert_eq!(bob["fields"]["firstname"], "Bob");
    let other = held_by_id(&app, elsewhere);
    assert_eq!(other["email"], "ada@example.com");
    assert_eq!(other["fields"]["company"], "AE");

    // The attendee report shows the replaced values.
    let report = body(&app.handle(&authed("GET", "/v2/client/42/event/555/attendee", "")));
    let row = &report["attendees"][0];
    assert_eq!(row["eventuserid"], in_555);
    assert_eq!(row["email"], format!("{in_555}-deleted"));
    assert_eq!(
        (&row["firstname"], &row["lastname"]),
        (&json!("deleted"), &json!("deleted"))
    );
    assert_eq!(report["attendees"][1]["email"], "bob@example.com");
}

#[test]
fn forget_is_idempotent_and_logged() {
    let app = app();
    register(&app, "42", 555, "email=ada%40example.com&firstname=Ada");
    let forget = |form: &str| body(&app.handle(&authed("POST", FORGET, form)));
    assert_eq!(forget("email=ada%40example.com"), json!({"forgotten": 1}));
    // A retry (the email now matches nobody) and an unknown email both succeed with 0.
    assert_eq!(forget("email=ada%40example.com"), json!({"forgotten": 0}));
    assert_eq!(
        forget("email=nobody%40example.com"),
        json!({"forgotten": 0})
    );
    // A client never seen before has nothing to forget, and is not created by trying.
    second_client(&app);
    let unseen = app.handle(&authed("POST", "/v2/client/7/forget/", "email=a%40b.c"));
    assert_eq!(body(&unseen), json!({"forgotten": 0}));
    assert_eq!(held(&app).len(), 1);
    // Registering the email again makes a new registrant; the erased one stays erased.
    let again = register(&app, "42", 555, "email=ada%40example.com&firstname=Ada");
    assert_eq!(again, crate::state::FIRST_EVENTUSERID + 1);
    assert_eq!(
        held_by_id(&app, crate::state::FIRST_EVENTUSERID)["fields"]["firstname"],
        "deleted"
    );

    let received = body(&app.handle(&request("GET", "/__control/received", &[], "")));
    let forgets: Vec<&Value> = received
        .as_array()
        .expect("log")
        .iter()
        .filter(|r| r["path"] == FORGET)
        .collect();
    assert_eq!(forgets.len(), 3, "every forget call is in the received log");
    assert_eq!(forgets[0]["method"], "POST");
    assert_eq!(forgets[0]["body"], "email=ada%40example.com");
}

#[test]
fn forget_refuses_bad_requests() {
    let app = app();
    register(&app, "42", 555, "email=ada%40example.com&firstname=Ada");
    for form in ["", "firstname=Ada", "email=", "email=+++"] {
        let response = app.handle(&authed("POST", FORGET, form));
        assert_eq!(response.status, 400, "{form:?}");
        assert_eq!(
            body(&response),
            json!({"code": 400, "message": "Missing required field: email"})
        );
    }
    let json_body = request(
        "POST",
        FORGET,
        &[AUTH[0], AUTH[1], ("Content-Type", "application/json")],
        r#"{"email":"ada@example.com"}"#,
    );
    assert_eq!(app.handle(&json_body).status, 415);
    let no_type = request("POST", FORGET, &AUTH, "email=ada%40example.com");
    assert_eq!(app.handle(&no_type).status, 415);
    let unauthenticated = request(
        "POST",
        FORGET,
        &[("Content-Type", form::FORM_CONTENT_TYPE)],
        "email=ada%40example.com",
    );
    let response = app.handle(&unauthenticated);
    assert_eq!(response.status, 401);
    assert_eq!(body(&response)["code"], 401);
    let wrong_client = app.handle(&authed("POST", "/v2/client/43/forget", "email=a%40b.c"));
    assert_eq!(wrong_client.status, 401);
    let get = app.handle(&authed("GET", FORGET, ""));
    assert_eq!(get.status, 405);
    assert_eq!(get.allow.as_deref(), Some("POST"));
    assert_eq!(
        app.handle(&authed("POST", "/v2/client/42/forgetall", ""))
            .status,
        404,
        "forgetall is not simulated"
    );
    // Nothing refused erased anything.
    assert_eq!(held(&app)[0]["email"], "ada@example.com");
}

#[test]
fn forget_follows_the_fault_modes() {
    let app = app();
    register(&app, "42", 555, "email=ada%40example.com&firstname=Ada");
    let set_mode = |mode: &str| {
        let set = request("POST", "/__control/mode", &[], mode);
        assert_eq!(app.handle(&set).status, 200);
    };
    let forget = || app.handle(&authed("POST", FORGET, "email=ada%40example.com"));
    set_mode(r#"{"mode":"fail"}"#);
    let failed = forget();
    assert_eq!(
        (failed.status, body(&failed)),
        (
            500,
            json!({"code": 500, "message": "Internal server error"})
        )
    );
    set_mode(r#"{"mode":"quota"}"#);
    assert_eq!(forget().status, 403);
    assert_eq!(held(&app)[0]["email"], "ada@example.com", "nothing erased");
    set_mode(r#"{"mode":"slow","delayMs":20}"#);
    let started = std::time::Instant::now();
    assert_eq!(body(&forget()), json!({"forgotten": 1}));
    assert!(started.elapsed() >= std::time::Duration::from_millis(20));
}

#[test]
fn control_lists_every_registrant_in_creation_order() {
    let app = app();
    assert_eq!(held(&app), Vec::<Value>::new());
    second_client(&app);
    // Client 7 (sorting after "42" as a name) registers first; then events out of id order.
    let first = register(&app, "7", 9, "email=z%40example.com&company=Z");
    let second = register(&app, "42", 555, "email=a%40example.com&firstname=A");
    let third = register(&app, "42", 1000001, "email=b%40example.com");
    // An update keeps its place; a soft-deleted registrant is still listed.
    register(&app, "42", 555, "email=A%40example.com&lastname=L");
    register(&app, "7", 9, "email=z%40example.com&isDeleted=Y");

    let all = held(&app);
    assert_eq!(
        all,
        [
            json!({
                "clientId": "7", "eventId": 9, "eventuserid": first,
                "email": "z@example.com",
                "fields": {"email": "z@example.com", "company": "Z"},
                "deleted": true,
            }),
            json!({
                "clientId": "42", "eventId": 555, "eventuserid": second,
                "email": "A@example.com",
                "fields": {"email": "A@example.com", "firstname": "A", "lastname": "L"},
                "deleted": false,
            }),
            json!({
                "clientId": "42", "eventId": 1000001, "eventuserid": third,
                "email": "b@example.com",
                "fields": {"email": "b@example.com"},
                "deleted": false,
            }),
        ]
    );
    assert!(first < second && second < third);
    // The attendee report hides the soft-deleted one; the control route does not.
    let report = body(&app.handle(&authed("GET", "/v2/client/7/event/9/attendee", "")));
    assert_eq!(report["totalattendees"], 0);

    // Control only: GET, no auth, not in the received log; reset empties it.
    let post = app.handle(&request("POST", "/__control/registrants", &[], ""));
    assert_eq!(post.status, 405);
    let received = body(&app.handle(&request("GET", "/__control/received", &[], "")));
    assert!(
        received
            .as_array()
            .expect("log")
            .iter()
            .all(|r| r["path"] != "/__control/registrants")
    );
    assert_eq!(
        app.handle(&request("POST", "/__control/reset", &[], ""))
            .status,
        200
    );
    assert_eq!(held(&app), Vec::<Value>::new());
}
