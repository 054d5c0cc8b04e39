//! The generic snapshots of `authing-codegen` (`codegen/tests/snapshots/generic_*.rs`) compiled
//! through the carrier macros, and the behaviour of what they expand to: the JSON on the wire
//! and the HTTP requests the methods send (to a real server on loopback).

#[rustfmt::skip]
#[path = "../../codegen/tests/snapshots/generic_petstore.rs"]
#[allow(dead_code)]
mod petstore;

#[rustfmt::skip]
#[path = "../../codegen/tests/snapshots/generic_petstore_examples.rs"]
mod petstore_examples;

#[rustfmt::skip]
#[path = "../../codegen/tests/snapshots/generic_invalid.rs"]
#[allow(dead_code)]
mod invalid;

use authing::generated::__private::{assert_secrets_hidden, hides_secrets, round_trip};

/// The generated examples tests' check; no fixture example contradicts its schema.
fn assert_round_trips(module: &str, results: &[(&str, Result<(), String>)]) {
    authing::generated::__private::assert_round_trips(module, results);
}
use petstore::*;
use serde_json::{Value, json};

/// Serializes `value`, checks the JSON is `expected`, and that it deserializes back to `value`.
fn check<T>(value: T, expected: Value)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_value(&value).unwrap();
    assert_eq!(json, expected, "wire JSON of {value:?}");
    let back: T = serde_json::from_value(json).unwrap();
    assert_eq!(back, value, "round trip of {expected}");
}

#[test]
fn structs_skip_absent_optionals_and_use_api_names() {
    check(
        NewPet {
            name: "Rex".into(),
            ..Default::default()
        },
        json!({"name": "Rex"}),
    );
    check(
        Owner {
            name: "Ann".into(),
            self_: Some("me".into()),
            self_2: Some("Me".into()),
            ..Default::default()
        },
        json!({"name": "Ann", "self": "me", "Self": "Me"}),
    );
}

#[test]
fn additional_properties_are_kept() {
    let owner: Owner = serde_json::from_value(json!({"name": "Ann", "age": 3})).unwrap();
    assert_eq!(owner.additional_properties.get("age"), Some(&json!(3)));
    check(owner, json!({"name": "Ann", "age": 3}));
}

#[test]
fn open_enums_keep_unknown_values() {
    check(PetKind::SeaLion, json!("sea-lion"));
    check(PetKind::Empty, json!(""));
    check(PetKind::Value6, json!("狗狗"));
    check(PetKind::Unknown, json!("unknown"));
    check(PetKind::UnknownValue("hamster".into()), json!("hamster"));
    assert_eq!("cat".parse::<PetKind>(), Ok(PetKind::Cat));
    assert_eq!(PetKind::from("sea-lion").to_string(), "sea-lion");
}

#[test]
fn connection_enums_carry_their_payload() {
    let query = Query {
        field: "name".into(),
        connection: QueryConnection::Text(QueryTextQuery { text: "rex".into() }),
    };
    check(
        query,
        json!({"field": "name", "connection": "text", "textQuery": {"text": "rex"}}),
    );
    check(
        Query {
            field: "age".into(),
            connection: QueryConnection::All,
        },
        json!({"field": "age", "connection": "all"}),
    );
    assert_eq!(
        QueryConnection::Range(QueryRangeQuery::default()).as_str(),
        "range"
    );
    // A value without its payload is rejected, not silently accepted.
    let missing = serde_json::from_value::<Query>(json!({"field": "f", "connection": "text"}));
    assert!(missing.is_err(), "{missing:?}");
    // A value the spec does not know is sent and read back with the fields beside it.
    let fields = json!({"fuzzyQuery": {"text": "re", "distance": 2}});
    let other = QueryConnection::Other {
        value: "fuzzy".into(),
        fields: fields.as_object().cloned().unwrap_or_default(),
    };
    assert_eq!(other.as_str(), "fuzzy");
    check(
        Query {
            field: "name".into(),
            connection: other,
        },
        json!({"field": "name", "connection": "fuzzy", "fuzzyQuery": {"text": "re", "distance": 2}}),
    );
    // ... but a known value keeps its typed variant, and a missing discriminator is an error.
    let known = serde_json::from_value::<Query>(json!({"field": "f", "connection": "all"}));
    assert_eq!(known.map(|q| q.connection).ok(), Some(QueryConnection::All));
    let untagged = serde_json::from_value::<Query>(json!({"field": "f"}));
    assert!(untagged.is_err(), "{untagged:?}");
}

#[test]
fn unions_and_recursive_types() {
    check(SearchResult::String("x".into()), json!("x"));
    check(SearchResult::Array(vec![1, 2]), json!([1, 2]));
    let node = Node {
        value: "a".into(),
        next: Some(Box::new(Node {
            value: "b".into(),
            ..Default::default()
        })),
        alternatives: Some(Box::new(NodeAlternatives::Boolean(true))),
    };
    check(
        node,
        json!({"value": "a", "next": {"value": "b"}, "alternatives": true}),
    );
}

mod http {
    //! The generated methods against a real HTTP server on loopback.

    use wiremock::matchers::{body_json, header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;

    async fn client(server: &MockServer) -> Client {
        Client::new(authing::runtime::Client::new(&server.uri()).unwrap())
    }

    #[tokio::test]
    async fn path_query_and_header_parameters() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/pets"))
            .and(query_param("limit", "2"))
            .and(query_param("kind", "sea-lion"))
            .and(header("X-Request-Id", "r1"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!([{"id": 7, "name": "Rex"}])),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/pets/7"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"id": 7, "name": "Rex", "kind": "hamster"})),
            )
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server).await;
        let params = ListPetsParams {
            limit: Some(2),
            kind: Some(PetKind::SeaLion),
            ..Default::default()
        };
        let pets = client.list_pets("r1", &params).await.unwrap();
        assert_eq!(
            pets,
            vec![Pet {
                id: 7,
                name: "Rex".into(),
                ..Default::default()
            }]
        );
        let pet = client.get_pet(7).await.unwrap();
        assert_eq!(pet.kind, Some(PetKind::UnknownValue("hamster".into())));
    }

    #[tokio::test]
    async fn json_bodies_and_empty_responses() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/search"))
            .and(body_json(
                json!([{"field": "name", "connection": "text", "textQuery": {"text": "rex"}}]),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!("nothing")))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("DELETE"))
            .and(path("/pets/3"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server).await;
        let query = Query {
            field: "name".into(),
            connection: QueryConnection::Text(QueryTextQuery { text: "rex".into() }),
        };
        assert_eq!(
            client.search(&[query]).await.unwrap(),
            SearchResult::String("nothing".into())
        );
        client.delete_pets_pet_id(3).await.unwrap();
    }
}
