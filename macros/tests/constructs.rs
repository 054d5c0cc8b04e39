//! The constructs snapshot of `authing-codegen` (`codegen/tests/snapshots/generic_constructs.rs`)
//! compiled through the carrier macros, and what goes on the wire: a loopback recorder (wiremock
//! on 127.0.0.1) keeps every request, and each test compares its bytes (raw query string,
//! headers, body) or decodes the server's answer.

#[rustfmt::skip]
#[path = "../../codegen/tests/snapshots/generic_constructs.rs"]
#[allow(dead_code)]
mod constructs;

#[rustfmt::skip]
#[path = "../../codegen/tests/snapshots/generic_constructs_examples.rs"]
mod constructs_examples;

use authing::generated::__private::{assert_round_trips, round_trip};

use constructs::*;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A loopback server answering every request with `response`, and the client talking to it.
async fn recorder(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::new(authing::runtime::Client::new(&server.uri()).unwrap());
    (server, client)
}

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}

fn json_response(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

mod tagged_unions {
    use super::*;

    #[tokio::test]
    async fn the_tag_decides_not_the_shape() {
        // Track and Episode have the same required fields: untagged, an episode decodes as a track.
        let (_server, client) = recorder(json_response(
            json!({"type": "episode", "name": "Pilot", "show": "S"}),
        ))
        .await;
        assert_eq!(
            client.get_media("e1").await.unwrap(),
            Media::Episode(Episode {
                r#type: "episode".into(),
                name: "Pilot".into(),
                show: Some("S".into()),
            })
        );
    }

    #[tokio::test]
    async fn implicit_values_mapped_schemas_and_unknown_tags() {
        let (_server, client) = recorder(json_response(json!([
            {"petType": "Dog", "bark": true},
            {"petType": "Cat", "lives": 9},
            {"petType": "fish", "fins": 2},
            {"petType": "parrot", "words": 12},
        ])))
        .await;
        let pets = client.list_pets().await.unwrap();
        assert_eq!(
            pets,
            [
                Pet::Dog(Dog {
                    pet_type: "Dog".into(),
                    bark: Some(true)
                }),
                Pet::Cat(Cat {
                    pet_type: "Cat".into(),
                    lives: Some(9)
                }),
                Pet::Fish(Fish {
                    pet_type: Some("fish".into()),
                    fins: Some(2)
                }),
                Pet::Unknown(json!({"petType": "parrot", "words": 12})),
            ]
        );
        assert_eq!(
            pets.iter().map(Pet::tag).collect::<Vec<_>>(),
            [Some("Dog"), Some("Cat"), Some("fish"), Some("parrot")]
        );
    }

    #[tokio::test]
    async fn a_missing_or_malformed_tag_is_an_error() {
        for (body, expected) in [
            (json!([{"bark": true}]), "missing field `petType`"),
            (
                json!([{"petType": 3}]),
                "the discriminator `petType` is not a string: 3",
            ),
            (
                json!([{"petType": "Cat", "lives": "nine"}]),
                "`petType: \"Cat\"`: invalid type",
            ),
        ] {
            let (_server, client) = recorder(json_response(body)).await;
            let error = client.list_pets().await.unwrap_err().to_string();
            assert!(error.contains(expected), "{error}");
        }
    }

    #[tokio::test]
    async fn the_variant_writes_its_tag() {
        let (server, client) = recorder(ResponseTemplate::new(204)).await;
        // The payload's own tag field is overwritten by the variant's value.
        let fish = Pet::Fish(Fish {
            pet_type: None,
            fins: Some(4),
        });
        client.create_pet(&fish).await.unwrap();
        let request = only_request(&server).await;
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body, json!({"petType": "fish", "fins": 4}));
    }
}
