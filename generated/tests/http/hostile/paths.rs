//! Path parameters that would change the path (`.`, `..`) never reach the server.

use authing::Error;
use authing::runtime::{ApiClient, Client, Method, Request, RetryPolicy};
use serde_json::Value;

use super::bounded;
use super::server::{Reply, Server};

/// What the server sees of `GET /users/{id}/keys` with `id`: the request target, or `None`
/// when the client refused to send it (and the error message then).
async fn check(id: &str, expected: Result<&str, &str>) {
    let server = Server::start(|_| Reply::json("{}")).await;
    let client = Client::builder(&server.url)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let request = Request::new(Method::GET, "/users/{id}/keys").path_param("id", id);
    let result = bounded(client.execute::<Value>(request)).await;
    let targets: Vec<String> = server
        .received()
        .iter()
        .map(|r| r.target().to_owned())
        .collect();
    match (result, expected) {
        (Ok(_), Ok(expected)) => assert_eq!(targets, [expected], "{id:?}"),
        (Err(error @ Error::InvalidRequest { .. }), Err(expected)) => {
            assert!(error.to_string().contains(expected), "{id:?}: {error}");
            assert_eq!(server.connections(), 0, "{id:?}: nothing is sent");
        }
        (result, expected) => panic!("{id:?}: got {result:?}, expected {expected:?}"),
    }
}

#[tokio::test]
async fn dot_segments_in_path_parameters_are_refused_before_sending() {
    check("u1", Ok("/users/u1/keys")).await;
    check("..", Err("path parameter `id` is a dot segment")).await;
    check(".", Err("path parameter `id` is a dot segment")).await;
    check("...", Ok("/users/.../keys")).await;
    check("%2E%2E", Ok("/users/%252E%252E/keys")).await;
    check("../admin", Ok("/users/..%2Fadmin/keys")).await;
    check(".hidden", Ok("/users/.hidden/keys")).await;
}
