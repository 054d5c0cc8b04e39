//! The proc-macro path (`generate_api!` on a spec) and the checked-in path (the file
//! `cargo xtask codegen` writes for the same spec, here codegen's snapshot) give the same API:
//! the same code using either module compiles and behaves the same.
//!
//! (`authing-codegen`'s snapshot test also checks that both paths produce the same tokens.)

// The petstore's warnings (`not`, ...) surface as `deprecated` warnings at the macro call
// (`tests/ui/generate_api_warnings.rs` shows them); here they are expected.
#[allow(dead_code, deprecated)]
mod via_macro {
    authing::generated::generate_api!("../../codegen/tests/fixtures/petstore.openapi.yaml");
}

#[rustfmt::skip]
#[path = "../../codegen/tests/snapshots/generic_petstore.rs"]
#[allow(dead_code)]
mod checked_in;

use serde_json::{Value, json};

/// Uses the API of module `$m`: builds values of its types and calls every method against a
/// loopback server, returning what went over the wire.
macro_rules! exercise {
    ($m:ident) => {{
        use $m::*;
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "Rex"})))
            .mount(&server)
            .await;
        let client = Client::new(authing::runtime::Client::new(&server.uri()).unwrap());
        let query = Query { field: "f".into(), connection: QueryConnection::Range(QueryRangeQuery { min: Some(1.0), max: None }) };
        let pet = NewPet { name: "Rex".into(), tag: None, kind: Some(PetKind::Dog), weight: Some(1.5) };
        let mut wire: Vec<Value> = vec![
            serde_json::to_value(&query).unwrap(),
            serde_json::to_value(&pet).unwrap(),
            serde_json::to_value(PetKind::from("sea-lion")).unwrap(),
            serde_json::to_value(Owner { name: "A".into(), ..Default::default() }).unwrap(),
            serde_json::to_value(SearchResult::Array(vec![1])).unwrap(),
            serde_json::to_value(Node { value: "n".into(), next: None, alternatives: None }).unwrap(),
            serde_json::to_value(ResultValue { ok: Some(true) }).unwrap(),
        ];
        let _: Unsupported = Value::Null;
        let created: Pet = client.create_pet(&pet).await.unwrap();
        let fetched: Pet = client.get_pet(1).await.unwrap();
        let listed = client.list_pets("id", &ListPetsParams { limit: Some(1), ..Default::default() }).await;
        let searched = client.search(&[query]).await;
        wire.push(serde_json::to_value(&created).unwrap());
        wire.push(serde_json::to_value(&fetched).unwrap());
        wire.push(json!(listed.is_err()));
        wire.push(json!(searched.is_ok()));
        let requests = server.received_requests().await.unwrap();
        wire.extend(requests.iter().map(|r| json!([r.method.as_str(), r.url.path(), r.url.query(), String::from_utf8_lossy(&r.body)])));
        wire
    }};
}

#[tokio::test]
async fn macro_and_checked_in_modules_are_the_same_api() {
    let via_macro = exercise!(via_macro);
    let checked_in = exercise!(checked_in);
    assert_eq!(via_macro, checked_in);
    assert_eq!(
        via_macro[0],
        json!({"field": "f", "connection": "range", "rangeQuery": {"min": 1.0}})
    );
}
