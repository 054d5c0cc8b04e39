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

use authing::generated::__private::{
    assert_round_trips, assert_secrets_hidden, hides_secrets, round_trip,
};

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

mod parameters {
    use super::*;

    fn color(r: i64, g: i64, b: i64) -> Color {
        Color {
            r: Some(r),
            g: Some(g),
            b: Some(b),
        }
    }

    fn header<'r>(request: &'r Request, name: &str) -> Vec<&'r str> {
        request
            .headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect()
    }

    #[tokio::test]
    async fn every_style_on_the_wire() {
        let (server, client) = recorder(ResponseTemplate::new(204)).await;
        let params = StylesParams {
            pipes: Some(vec!["a".into(), "b|c".into()]),
            spaces: Some(vec!["x".into(), "y z".into()]),
            filter: Some(color(1, 2, 3)),
            color: Some(Color {
                r: Some(9),
                ..Default::default()
            }),
            tags: Some(vec!["t1".into(), "t,2".into()]),
            sort: Some(vec!["name".into()]),
            idempotency_key: Some("key-1".into()),
            x_color: Some(color(4, 5, 6)),
            prefs: Some(vec!["dark".into(), "wide mode".into()]),
        };
        client
            .styles(
                &["a b".into(), "c,d".into()],
                &[3, 4],
                &color(100, 200, 150),
                &[7, 8],
                &[1, 2],
                "s=1",
                &params,
            )
            .await
            .unwrap();
        let request = only_request(&server).await;
        // Path: simple (items encoded, commas between), label exploded, matrix object.
        assert_eq!(
            request.url.path(),
            "/styles/a%20b,c%2Cd/.3.4/;matrix=B,150,G,200,R,100"
        );
        // Query: form not exploded, pipes, spaces, deepObject, exploded form object, plain
        // repeated keys, and deepObject of an array written as exploded form (with a warning).
        assert_eq!(
            request.url.query().unwrap(),
            "ids=7,8&pipes=a|b%7Cc&spaces=x%20y+z&filter[B]=3&filter[G]=2&filter[R]=1\
             &R=9&tags=t1&tags=t%2C2&sort=name"
        );
        assert_eq!(header(&request, "X-Trace"), ["1,2"]);
        assert_eq!(header(&request, "Idempotency-Key"), ["key-1"]);
        assert_eq!(header(&request, "X-Color"), ["B=6,G=5,R=4"]);
        assert_eq!(
            header(&request, "cookie"),
            ["session=s%3D1; prefs=dark,wide%20mode"]
        );
    }

    #[tokio::test]
    async fn unset_optional_parameters_send_nothing() {
        let (server, client) = recorder(ResponseTemplate::new(204)).await;
        client
            .styles(
                &["a".into()],
                &[1],
                &Color::default(),
                &[],
                &[],
                "s",
                &Default::default(),
            )
            .await
            .unwrap();
        let request = only_request(&server).await;
        assert_eq!(request.url.path(), "/styles/a/.1/;matrix=");
        assert_eq!(request.url.query(), Some("ids="));
        assert!(header(&request, "Idempotency-Key").is_empty());
        assert!(header(&request, "X-Color").is_empty());
        assert_eq!(header(&request, "X-Trace"), [""]);
        assert_eq!(header(&request, "cookie"), ["session=s"]);
    }
}

mod bodies {
    use super::*;

    #[tokio::test]
    async fn raw_bytes_up_and_text_back() {
        let (server, client) =
            recorder(ResponseTemplate::new(200).set_body_raw("stored 4 bytes", "text/plain")).await;
        let receipt = client
            .upload_file("a.png", &[0x89, b'P', b'N', b'G'])
            .await
            .unwrap();
        assert_eq!(receipt, "stored 4 bytes");
        let request = only_request(&server).await;
        assert_eq!(request.url.path(), "/files/a.png");
        // `image/*` is a range: the body goes as `application/octet-stream`.
        assert_eq!(
            request.headers.get("content-type").unwrap(),
            "application/octet-stream"
        );
        assert_eq!(request.body, [0x89, b'P', b'N', b'G']);
    }

    #[tokio::test]
    async fn multipart_parts_on_the_wire() {
        use authing::runtime::FilePart;
        let (server, client) = recorder(ResponseTemplate::new(204)).await;
        let mut body = CreateUploadBody::new(
            FilePart::new("notes.txt", "hello\r\n--not a boundary").with_content_type("text/plain"),
            CreateUploadPurpose::Batch,
        );
        body.preview = Some(FilePart::new("p.png", &[0x89, b'P'][..]));
        body.attachments = Some(vec![
            FilePart::new("a.bin", "A"),
            FilePart::new("b.bin", "B"),
        ]);
        body.labels = Some(vec!["x".into(), "y".into()]);
        body.size = Some(3);
        body.meta = Some(CreateUploadMeta {
            k: Some("v".into()),
        });
        client.create_upload(&body).await.unwrap();
        let request = only_request(&server).await;
        let content_type = request
            .headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_else(|| panic!("content-type {content_type}"));
        let part = |disposition: &str, content_type: &str, value: &str| {
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\nContent-Type: {content_type}\r\n\r\n{value}\r\n"
            )
        };
        let expected = [
            part(
                "name=\"file\"; filename=\"notes.txt\"",
                "text/plain",
                "hello\r\n--not a boundary",
            ),
            part("name=\"purpose\"", "text/plain", "batch"),
            // `encoding` says `image/png, image/jpeg`: the first one.
            part(
                "name=\"preview\"; filename=\"p.png\"",
                "image/png",
                "\u{89}P",
            ),
            part(
                "name=\"attachments\"; filename=\"a.bin\"",
                "application/octet-stream",
                "A",
            ),
            part(
                "name=\"attachments\"; filename=\"b.bin\"",
                "application/octet-stream",
                "B",
            ),
            part("name=\"labels\"", "text/plain", "x"),
            part("name=\"labels\"", "text/plain", "y"),
            part("name=\"size\"", "text/plain", "3"),
            part("name=\"meta\"", "application/json", "{\"k\":\"v\"}"),
            format!("--{boundary}--\r\n"),
        ]
        .concat();
        // The preview's first byte is 0x89, not UTF-8: compare bytes.
        let expected = expected.replace('\u{89}', "\u{0}").into_bytes();
        let mut actual = request.body.clone();
        let at = actual.windows(2).position(|w| w == [0x89, b'P']).unwrap();
        actual[at] = 0;
        assert_eq!(
            String::from_utf8_lossy(&actual),
            String::from_utf8_lossy(&expected)
        );
        // The absent `api_key` sent nothing; the boundary does not occur in any part.
        assert_eq!(
            String::from_utf8_lossy(&request.body)
                .matches(boundary)
                .count(),
            10
        );
    }

    #[test]
    fn multipart_debug_hides_secrets_and_file_contents() {
        let mut body = CreateUploadBody::new(
            authing::runtime::FilePart::new("f.txt", "file-content-marker"),
            CreateUploadPurpose::Assistants,
        );
        body.api_key = Some("secret-marker".into());
        let debug = format!("{body:?}");
        assert!(
            !debug.contains("secret-marker") && !debug.contains("file-content-marker"),
            "{debug}"
        );
        assert!(
            debug.contains("f.txt") && debug.contains("api_key: Some(\"***\")"),
            "{debug}"
        );
    }

    #[tokio::test]
    async fn binary_responses_are_bytes() {
        let bytes: Vec<u8> = (0..=255).collect();
        let (_server, client) = recorder(
            ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"),
        )
        .await;
        assert_eq!(client.download_file("a.bin").await.unwrap(), bytes);
    }

    #[tokio::test]
    async fn text_that_is_not_utf8_is_an_error() {
        let (_server, client) =
            recorder(ResponseTemplate::new(200).set_body_raw(vec![0xff, 0xfe], "text/plain")).await;
        let error = client.upload_file("a", b"x").await.unwrap_err();
        assert!(
            error.to_string().contains("text body is not UTF-8"),
            "{error}"
        );
    }
}

/// Hand-written DTOs: secret fields by name or `#[secret]` print as `"***"` in `Debug`.
mod secrets {
    use authing_macros::dto;

    #[dto]
    pub struct SignIn {
        pub account: String,
        pub password: String,
        #[serde(rename = "clientSecret")]
        pub client_secret: Option<String>,
        pub refresh_token: Option<String>,
        #[secret]
        pub recovery_phrase: String,
        pub keep_password: bool,
        pub code_length: u32,
    }

    #[track_caller]
    fn check(value: &SignIn, expected: &str) {
        assert_eq!(format!("{value:?}"), expected);
    }

    #[test]
    fn secret_fields_print_as_stars() {
        let value: SignIn = serde_json::from_value(serde_json::json!({
            "account": "ann", "password": "pw-shh", "clientSecret": "cs-shh",
            "recovery_phrase": "rp-shh", "keep_password": true, "code_length": 6
        }))
        .unwrap();
        check(
            &value,
            r#"SignIn { account: "ann", password: "***", client_secret: Some("***"), refresh_token: None, recovery_phrase: "***", keep_password: true, code_length: 6 }"#,
        );
    }
}
