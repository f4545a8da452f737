//! Web applications: the token is kept only as its hash, and every public request's
//! credential is checked against the current state (rotated, deactivated, deleted, origin).

use serde_json::json;

use super::*;
use crate::store::records::support::{field_errors, input, not_found, refusal, run};

const SITE: &str = "https://events.example.com";

fn body(name: &str, origins: &[&str]) -> WebApplicationInput {
    input(json!({ "name": name, "allowedOrigins": origins }))
}

fn credential(token_hash: &str, origin: Option<&str>) -> Credential {
    Credential {
        token_hash: token_hash.into(),
        origin: origin.map(Into::into),
    }
}

async fn site(records: &Records) -> WebApplication {
    create(
        records,
        body("Site", &[SITE]),
        "hash-1".into(),
        "…aaaa".into(),
    )
    .await
    .expect("created")
}

#[test]
fn an_application_is_created_active_and_its_token_is_kept_only_as_a_hash() {
    let records = Records::in_memory();
    run(async {
        let app = create(
            &records,
            body("Site", &[" HTTPS://Events.Example.com "]),
            "hash-1".into(),
            "…aaaa".into(),
        )
        .await
        .expect("created");
        assert!(app.active);
        assert_eq!(app.allowed_origins, [SITE]);
        assert_eq!(app.token_hint, "…aaaa");
        assert_eq!(get(&records, &app.id).await.expect("get"), app);
        assert_eq!(
            all(&records).await.expect("list"),
            std::slice::from_ref(&app)
        );
        let stored = stored(&records, &app.id).await.expect("stored");
        assert_eq!(stored.token_hash, "hash-1");
        let view = serde_json::to_string(&app).expect("json");
        assert!(!view.contains("hash-1"), "{view}");
    });
}

#[test]
fn origins_must_be_origins() {
    let records = Records::in_memory();
    run(async {
        let errors = field_errors(
            create(
                &records,
                body("Site", &["https://x.example/path", SITE, SITE]),
                "h".into(),
                "h".into(),
            )
            .await,
        );
        let named: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(named, ["allowedOrigins[0]", "allowedOrigins[2]"]);
        let errors =
            field_errors(create(&records, body("Site", &[]), "h".into(), "h".into()).await);
        assert_eq!(
            errors,
            [(
                "allowedOrigins".to_string(),
                "needs at least one origin".to_string()
            )]
        );
        assert!(records.keys().is_empty());
    });
}

#[test]
fn a_request_needs_an_active_applications_token_and_one_of_its_origins() {
    let records = Records::in_memory();
    run(async {
        site(&records).await;
        authorize(&records, &credential("hash-1", Some(SITE)))
            .await
            .expect("its origin");
        authorize(&records, &credential("hash-1", None))
            .await
            .expect("no browser origin");
        let wrong = refusal(authorize(&records, &credential("hash-2", Some(SITE))).await);
        assert_eq!(
            wrong,
            ApiError::Unauthorized("The application token is not valid.".into())
        );
        let elsewhere = refusal(
            authorize(
                &records,
                &credential("hash-1", Some("https://other.example")),
            )
            .await,
        );
        assert_eq!(
            elsewhere,
            ApiError::Forbidden(
                "The origin https://other.example is not allowed for this application.".into()
            )
        );
    });
}

#[test]
fn rotating_refuses_the_old_token_from_the_next_request() {
    let records = Records::in_memory();
    run(async {
        let app = site(&records).await;
        let rotated = rotate(&records, &app.id, "hash-2".into(), "…bbbb".into())
            .await
            .expect("rotated");
        assert_eq!(rotated.token_hint, "…bbbb");
        assert!(rotated.token_issued_at > app.token_issued_at);
        assert_eq!(rotated.updated_at, rotated.token_issued_at);
        assert_eq!(rotated.created_at, app.created_at);
        assert!(matches!(
            authorize(&records, &credential("hash-1", None)).await,
            Err(ApiError::Unauthorized(_))
        ));
        authorize(&records, &credential("hash-2", Some(SITE)))
            .await
            .expect("new token");
        not_found(rotate(&records, "nope", "h".into(), "h".into()).await);
    });
}

#[test]
fn a_deactivated_application_is_refused_until_reactivated() {
    let records = Records::in_memory();
    run(async {
        let app = site(&records).await;
        assert!(
            !set_active(&records, &app.id, false)
                .await
                .expect("off")
                .active
        );
        assert!(matches!(
            authorize(&records, &credential("hash-1", Some(SITE))).await,
            Err(ApiError::Unauthorized(_))
        ));
        assert!(!origin_allowed(&records, SITE).await.expect("answer"));
        set_active(&records, &app.id, true).await.expect("on");
        authorize(&records, &credential("hash-1", Some(SITE)))
            .await
            .expect("accepted again");
        assert!(origin_allowed(&records, SITE).await.expect("answer"));
    });
}

#[test]
fn an_update_changes_name_and_origins_but_not_the_token() {
    let records = Records::in_memory();
    run(async {
        let app = site(&records).await;
        let moved = update(&records, &app.id, body("Moved", &["http://localhost:8080"]))
            .await
            .expect("updated");
        assert_eq!(moved.name, "Moved");
        assert_eq!(moved.token_issued_at, app.token_issued_at);
        authorize(
            &records,
            &credential("hash-1", Some("http://localhost:8080")),
        )
        .await
        .expect("same token, new origin");
        assert!(matches!(
            authorize(&records, &credential("hash-1", Some(SITE))).await,
            Err(ApiError::Forbidden(_))
        ));
        field_errors(update(&records, &app.id, body("Moved", &["http://example.com"])).await);
        not_found(update(&records, "nope", body("X", &[SITE])).await);
    });
}

#[test]
fn origins_are_allowed_by_active_applications_only_and_deleting_refuses_the_token() {
    let records = Records::in_memory();
    run(async {
        let app = site(&records).await;
        let other = create(
            &records,
            body("Other", &["https://other.example"]),
            "hash-o".into(),
            "o".into(),
        )
        .await
        .expect("created");
        set_active(&records, &other.id, false).await.expect("off");
        assert!(origin_allowed(&records, SITE).await.expect("answer"));
        assert!(
            !origin_allowed(&records, "https://other.example")
                .await
                .expect("answer")
        );
        assert!(
            !origin_allowed(&records, "https://unknown.example")
                .await
                .expect("answer")
        );

        delete(&records, &app.id).await.expect("deleted");
        not_found(get(&records, &app.id).await);
        not_found(delete(&records, &app.id).await);
        assert!(matches!(
            authorize(&records, &credential("hash-1", None)).await,
            Err(ApiError::Unauthorized(_))
        ));
        assert!(!origin_allowed(&records, SITE).await.expect("answer"));
    });
}
