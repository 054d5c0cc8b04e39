//! Pagination: a generated `*_pages` method walks a list operation page by page against a
//! loopback server that pages a list of `total` items, and stops where the list (or the bound)
//! ends.

use authing::Error;
use authing::management::{ListUsersRequestDto, ListWebhooksParams};
use authing::runtime::{PaginationError, TryStreamExt};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::support::{envelope, management_client, received_on};

const LIST_USERS: &str = "/api/v3/list-users";

fn user(n: u64) -> Value {
    json!({
        "userId": format!("user-{n}"), "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-01T00:00:00Z", "status": "Activated", "workStatus": "Active",
        "gender": "U", "emailVerified": false, "phoneVerified": false, "userSourceType": "register",
    })
}

/// How the fake server pages its list of users.
#[derive(Clone, Copy)]
struct Server {
    /// Items in the list.
    items: u64,
    /// Page size when the request has none.
    default_limit: u64,
    /// The `totalCount` it reports (`items` when `None`).
    reported_total: Option<u64>,
    /// Answers every page number with the first page.
    ignores_page: bool,
    /// Answers this page number with an API error.
    fails_on: Option<u64>,
}

const SERVER: Server = Server {
    items: 5,
    default_limit: 10,
    reported_total: None,
    ignores_page: false,
    fails_on: None,
};

impl Server {
    fn answer(&self, page: u64, limit: Option<u64>) -> ResponseTemplate {
        if self.fails_on == Some(page) {
            return ResponseTemplate::new(200).set_body_json(json!({
                "statusCode": 500, "apiCode": 500_001, "message": "busy", "requestId": "req-busy",
            }));
        }
        let page = if self.ignores_page { 1 } else { page };
        let limit = limit.unwrap_or(self.default_limit);
        let start = (page - 1) * limit;
        let list: Vec<Value> = (start..(start + limit).min(self.items))
            .map(|index| user(index + 1))
            .collect();
        let total = self.reported_total.unwrap_or(self.items);
        envelope(json!({"totalCount": total, "list": list}))
    }

    /// A server answering `listUsers`, reading the page from `options.pagination`.
    async fn list_users(self) -> MockServer {
        let server = MockServer::start().await;
        crate::support::mount_management_token(&server).await;
        Mock::given(method("POST"))
            .and(path(LIST_USERS))
            .respond_with(move |request: &Request| {
                let body: Value = serde_json::from_slice(&request.body).unwrap();
                let pagination = &body["options"]["pagination"];
                let page = pagination["page"].as_f64().expect("a page number") as u64;
                self.answer(page, pagination["limit"].as_f64().map(|l| l as u64))
            })
            .mount(&server)
            .await;
        server
    }
}

/// A `listUsers` request with `keywords` and, when given, a page size.
fn request(limit: Option<i64>) -> ListUsersRequestDto {
    let mut request: ListUsersRequestDto =
        serde_json::from_value(json!({"keywords": "ann"})).unwrap();
    if let Some(limit) = limit {
        request = serde_json::from_value(json!({
            "keywords": "ann", "options": {"pagination": {"limit": limit}},
        }))
        .unwrap();
    }
    request
}

/// The page numbers the server was asked for, checking that the rest of the body was kept.
async fn pages_asked(server: &MockServer) -> Vec<u64> {
    received_on(server, LIST_USERS)
        .await
        .iter()
        .map(|request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            assert_eq!(body["keywords"], "ann");
            body["options"]["pagination"]["page"].as_f64().unwrap() as u64
        })
        .collect()
}

/// Walks every item of `listUsers` with `request`; the user ids and the error that ended it.
async fn walk(
    server: &MockServer,
    request: &ListUsersRequestDto,
    max_pages: Option<u64>,
) -> (Vec<String>, Option<Error>) {
    let client = management_client(server);
    let mut pager = client.list_users_pages(request);
    if let Some(max) = max_pages {
        pager = pager.max_pages(max);
    }
    let mut items = pager.items();
    let mut ids = Vec::new();
    loop {
        match items.try_next().await {
            Ok(Some(user)) => ids.push(user.user_id),
            Ok(None) => return (ids, None),
            Err(error) => {
                // The stream ends after its error.
                assert!(items.try_next().await.unwrap().is_none());
                return (ids, Some(error));
            }
        }
    }
}

fn ids(range: std::ops::RangeInclusive<u64>) -> Vec<String> {
    range.map(|n| format!("user-{n}")).collect()
}

#[tokio::test]
async fn a_short_page_ends_the_list() {
    // totalCount says more, but the third page is shorter than the page size.
    let server = Server {
        reported_total: Some(100),
        ..SERVER
    }
    .list_users()
    .await;
    let (seen, error) = walk(&server, &request(Some(2)), None).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(seen, ids(1..=5));
    assert_eq!(pages_asked(&server).await, [1, 2, 3]);
}

#[tokio::test]
async fn the_total_count_ends_the_list() {
    // Two full pages hold all four items: no third request.
    let server = Server { items: 4, ..SERVER }.list_users().await;
    let (seen, error) = walk(&server, &request(Some(2)), None).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(seen, ids(1..=4));
    assert_eq!(pages_asked(&server).await, [1, 2]);
}

#[tokio::test]
async fn an_empty_page_ends_the_list() {
    // No page size asked for, totalCount too high: the empty page 3 ends it.
    let server = Server {
        items: 4,
        default_limit: 2,
        reported_total: Some(100),
        ..SERVER
    }
    .list_users()
    .await;
    let (seen, error) = walk(&server, &request(None), None).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(seen, ids(1..=4));
    assert_eq!(pages_asked(&server).await, [1, 2, 3]);
}

#[tokio::test]
async fn a_list_that_never_ends_stops_at_the_bound() {
    let server = Server {
        items: u64::MAX / 2,
        ..SERVER
    }
    .list_users()
    .await;
    let (seen, error) = walk(&server, &request(Some(3)), Some(4)).await;
    assert_eq!(seen, ids(1..=12));
    assert!(
        matches!(
            error,
            Some(Error::Pagination(PaginationError::TooManyPages {
                max_pages: 4
            }))
        ),
        "{error:?}"
    );
    assert_eq!(pages_asked(&server).await, [1, 2, 3, 4]);
}

#[tokio::test]
async fn a_server_that_repeats_a_page_is_an_error() {
    let server = Server {
        items: 100,
        ignores_page: true,
        ..SERVER
    }
    .list_users()
    .await;
    let (seen, error) = walk(&server, &request(Some(2)), None).await;
    assert_eq!(seen, ids(1..=2));
    assert!(
        matches!(
            error,
            Some(Error::Pagination(PaginationError::RepeatedPage { page: 2 }))
        ),
        "{error:?}"
    );
    assert_eq!(pages_asked(&server).await, [1, 2]);
}

#[tokio::test]
async fn an_error_midway_is_the_last_item() {
    let server = Server {
        items: 10,
        fails_on: Some(2),
        ..SERVER
    }
    .list_users()
    .await;
    let (seen, error) = walk(&server, &request(Some(3)), None).await;
    assert_eq!(seen, ids(1..=3));
    let error = error.expect("the failed page's error");
    assert_eq!(error.api_code(), Some(500_001), "{error:?}");
    assert_eq!(pages_asked(&server).await, [1, 2]);
}

#[tokio::test]
async fn pages_start_where_the_request_says() {
    let server = Server { items: 5, ..SERVER }.list_users().await;
    let request: ListUsersRequestDto = serde_json::from_value(json!({
        "keywords": "ann", "options": {"pagination": {"page": 2, "limit": 2}},
    }))
    .unwrap();
    let client = management_client(&server);
    let pages: Vec<_> = client
        .list_users_pages(&request)
        .pages()
        .try_collect()
        .await
        .unwrap();
    let numbers: Vec<(u64, usize, Option<u64>)> = pages
        .iter()
        .map(|page| (page.number, page.items.len(), page.total_count))
        .collect();
    assert_eq!(numbers, [(2, 2, Some(5)), (3, 1, Some(5))]);
    assert_eq!(pages_asked(&server).await, [2, 3]);
}

#[tokio::test]
async fn query_parameters_carry_the_page() {
    let server = MockServer::start().await;
    crate::support::mount_management_token(&server).await;
    Mock::given(method("GET"))
        .and(path("/api/v3/list-webhooks"))
        .respond_with(|request: &Request| {
            let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
            let page = query
                .iter()
                .find(|(k, _)| k == "page")
                .map(|(_, v)| v.clone());
            let count = if page.as_deref() == Some("1") { 2 } else { 1 };
            let webhook = |n: i32| {
                json!({
                    "webhookId": format!("w-{page:?}-{n}"), "createdAt": "c", "updatedAt": "u",
                    "name": "n", "url": "https://example.com", "contentType": "application/json",
                    "enabled": true,
                })
            };
            envelope(json!({"totalCount": 3, "list": (0..count).map(webhook).collect::<Vec<_>>()}))
        })
        .mount(&server)
        .await;
    let client = management_client(&server);
    let params = ListWebhooksParams {
        limit: Some(2),
        ..Default::default()
    };
    let all = client.list_webhooks_pages(&params).collect().await.unwrap();
    assert_eq!(all.len(), 3);
    let queries: Vec<Option<String>> = received_on(&server, "/api/v3/list-webhooks")
        .await
        .iter()
        .map(|request| request.url.query().map(str::to_owned))
        .collect();
    assert_eq!(
        queries,
        [
            Some("page=1&limit=2".to_owned()),
            Some("page=2&limit=2".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_positional_page_number_is_the_pagers_and_the_page_size_the_callers() {
    let server = MockServer::start().await;
    crate::support::mount_management_token(&server).await;
    Mock::given(method("GET"))
        .and(path("/api/v3/list-tenant-applications"))
        .respond_with(|request: &Request| {
            let page = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "page")
                .map(|(_, v)| v.into_owned());
            let count = if page.as_deref() == Some("3") { 1 } else { 2 };
            let app = |n: i32| {
                json!({
                    "userPoolId": "p", "tenantAppId": format!("t-{page:?}-{n}"), "name": "n",
                    "logo": "l", "applicationType": "WEB", "ssoEnabled": false, "appId": "a",
                })
            };
            envelope(json!({"totalCount": 5, "list": (0..count).map(app).collect::<Vec<_>>()}))
        })
        .mount(&server)
        .await;
    let client = management_client(&server);
    let all = client
        .list_tenant_applications_pages("2", "kw", true)
        .collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    let queries: Vec<Option<String>> = received_on(&server, "/api/v3/list-tenant-applications")
        .await
        .iter()
        .map(|request| request.url.query().map(str::to_owned))
        .collect();
    let asked = |page: u64| Some(format!("page={page}&limit=2&keywords=kw&sso_enabled=true"));
    assert_eq!(queries, [asked(1), asked(2), asked(3)]);
}
