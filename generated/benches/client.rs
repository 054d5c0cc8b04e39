//! `cargo xtask bench client`: the cost of a request through the SDK against a hand-written
//! `reqwest` call plus `serde_json` decode of the same envelope into the same generated types.
//!
//! An in-process hyper server on loopback (its own thread and runtime) answers the Authing
//! envelope `{statusCode:200, message:"", apiCode:0, requestId:"r", data}`: a full user for
//! `GET /api/v3/get-user` (`ManagementClient::get_user`; its token endpoint is served too, one
//! cached fetch per run) and a token set for `POST /api/v3/signin-by-mobile`
//! (`AuthenticationClient::sign_in_by_mobile`). The clients run on the main thread, on a
//! current-thread runtime, so the CPU time of that thread (`/proc/thread-self/schedstat`) is the
//! clients' alone. Each scenario runs sequentially and 64-way concurrent, alternating the two
//! sides over a few rounds; it prints requests/s, p50/p99 latency, CPU µs per request and the
//! ratios ours / hand-written.
//!
//! `CLIENT_BENCH_REQUESTS` (default 2000) sets the requests per side, scenario and round.
//! `CLIENT_BENCH_ONLY=ours|hand` and `CLIENT_BENCH_SCENARIO=get-seq|get-64|post-seq|post-64` run one
//! side and scenario, for instruction counts under `valgrind --tool=callgrind`.
//!
//! Instruction counts (load-independent) under `valgrind --tool=callgrind`, 1000 requests, per
//! request after subtracting a 1-request run; the server's share is in both sides, so the
//! client-only ratio is somewhat higher:
//!
//! | scenario | hand-written | first run | one-pass decode | base URL parsed once, no copies |
//! |----------|--------------|-----------|-----------------|---------------------------------|
//! | get-seq  | 143.1k       | 1.54x     | 1.12x           | 150.1k, **1.05x**               |
//! | get-64   | 146.3k       |           |                 | 150.9k, **1.03x**               |
//! | post-seq | 99.1k        | 1.35x     | 1.21x           | 103.8k, **1.05x**               |
//! | post-64  | 100.6k       |           |                 | 105.8k, **1.05x**               |
//!
//! The last step: the client's base URL is parsed when it is built, not per request (a request's
//! URL is the base with its path and query set); a request that cannot be sent again (no retry
//! or redirect possible, as for a `POST`) is handed to reqwest without copying its URL, headers
//! and body; the JSON body's whole numbers are rewritten in place and written with
//! `serde_json::to_vec`; path templates without placeholders and query values that need no
//! escaping are not copied again.
//!
//! CPU per request ours / hand-written from the bench itself varies with the load of the machine
//! (2 cores shared with builds: ±0.1x between runs); at the last step, under a load average of
//! 4.5: get-seq 1.14x, get-64 1.12x, post-seq 1.03x, post-64 1.04x; p50 1.05x, 1.11x, 1.05x,
//! 0.97x. Instruction counts are the figure to compare.
//!
//! The profile (`perf record -g`, `CLIENT_BENCH_ONLY=ours CLIENT_BENCH_SCENARIO=get-seq`, and
//! callgrind's per-function differences between the two sides) put `serde_path_to_error`'s
//! wrappers on every field of the success decode, URL parsing, and header map and body copies;
//! the per-request span costs nothing without a subscriber. What is left is spread thin: moves
//! of the request's future and one header map copy for a `GET` (kept for its retries).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use authing::authentication::{
    LoginTokenResponseDataDto, SignInByWechatPayloadDto, SigninByMobileDto,
    SigninByMobileDtoConnection,
};
use authing::management::{GetUserParams, UserDto};
use authing::runtime::RetryPolicy;
use authing::{AuthenticationClient, ManagementClient, TokenEndpointAuthMethod};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde::Deserialize;

const USER: &str = include_str!("user.json");
const TOKENS: &str = r#"{"scope":"openid profile","access_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI2MjI5ZmZhIn0.c2lnbmF0dXJl","id_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI2MjI5ZmZhIiwibmFtZSI6IuW8oOS4iSJ9.c2lnbmF0dXJl","refresh_token":"cmVmcmVzaC10b2tlbi12YWx1ZQ","token_type":"Bearer","expire_in":7200}"#;
const MANAGEMENT_TOKEN: &str = r#"{"access_token":"management-token-value","expires_in":7200}"#;
const CONCURRENCY: usize = 64;

fn envelope(data: &str) -> Bytes {
    format!(r#"{{"statusCode":200,"message":"","apiCode":0,"requestId":"r","data":{data}}}"#).into()
}

/// Serves the three endpoints on a loopback port, on a thread of its own.
fn serve() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let bodies = Arc::new((envelope(USER), envelope(TOKENS), envelope(MANAGEMENT_TOKEN)));
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                stream.set_nodelay(true).unwrap();
                let bodies = bodies.clone();
                tokio::spawn(async move {
                    let service =
                        service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                            let bodies = bodies.clone();
                            async move {
                                let path = request.uri().path().to_owned();
                                // Read the request body, as a real server does.
                                let _ = request.into_body().collect().await;
                                let body = match path.as_str() {
                                    "/api/v3/get-user" => bodies.0.clone(),
                                    "/api/v3/signin-by-mobile" => bodies.1.clone(),
                                    _ => bodies.2.clone(),
                                };
                                let response = hyper::Response::builder()
                                    .header("content-type", "application/json; charset=utf-8")
                                    .body(Full::new(body))
                                    .unwrap();
                                Ok::<_, Infallible>(response)
                            }
                        });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    addr
}

/// The envelope as a hand-written client decodes it.
#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(rename = "statusCode")]
    status_code: i64,
    data: Option<T>,
}

fn hand_decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> T {
    let envelope: Envelope<T> = serde_json::from_slice(body).expect("envelope");
    assert_eq!(envelope.status_code, 200);
    envelope.data.expect("data")
}

/// The four ways of sending one request.
#[derive(Clone)]
enum Side {
    OursGet(ManagementClient),
    OursPost(AuthenticationClient, Arc<SigninByMobileDto>),
    HandGet(reqwest::Client, Arc<str>),
    HandPost(reqwest::Client, Arc<str>, Arc<SigninByMobileDto>),
}

impl Side {
    async fn once(&self) {
        match self {
            Side::OursGet(client) => {
                let user = client
                    .get_user("6229ffaxxxxxxxxcade3e3d9", &GetUserParams::default())
                    .await
                    .expect("get_user");
                std::hint::black_box(user);
            }
            Side::OursPost(client, body) => {
                let tokens = client.sign_in_by_mobile(body).await.expect("sign in");
                std::hint::black_box(tokens);
            }
            Side::HandGet(http, base) => {
                let body = http
                    .get(format!("{base}/api/v3/get-user"))
                    .query(&[("userId", "6229ffaxxxxxxxxcade3e3d9")])
                    .header("x-authing-userpool-id", "pool-1")
                    .header("x-authing-request-from", "sdk-rust")
                    .header("authorization", "Bearer management-token-value")
                    .send()
                    .await
                    .expect("send")
                    .bytes()
                    .await
                    .expect("body");
                std::hint::black_box(hand_decode::<UserDto>(&body));
            }
            Side::HandPost(http, base, dto) => {
                let body = http
                    .post(format!("{base}/api/v3/signin-by-mobile"))
                    .header("x-authing-app-id", "app-1")
                    .header("x-authing-request-from", "sdk-rust")
                    .json(&**dto)
                    .send()
                    .await
                    .expect("send")
                    .bytes()
                    .await
                    .expect("body");
                std::hint::black_box(hand_decode::<LoginTokenResponseDataDto>(&body));
            }
        }
    }
}

/// What one run of one side measured.
#[derive(Default)]
struct Figures {
    requests: usize,
    wall: Duration,
    cpu: Duration,
    latencies: Vec<Duration>,
}

impl Figures {
    fn rps(&self) -> f64 {
        self.requests as f64 / self.wall.as_secs_f64()
    }
    fn cpu_us(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.requests as f64
    }
    fn percentile(&mut self, p: f64) -> f64 {
        self.latencies.sort_unstable();
        let i = ((self.latencies.len() as f64 * p) as usize).min(self.latencies.len() - 1);
        self.latencies[i].as_secs_f64() * 1e6
    }
}

/// CPU time (user + system) of the calling thread: the first field of
/// `/proc/thread-self/schedstat`, in nanoseconds (Linux).
fn thread_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").expect("Linux schedstat");
    let ns = stat.split_whitespace().next().and_then(|n| n.parse().ok());
    Duration::from_nanos(ns.expect("schedstat run time"))
}

/// `requests` calls of `side`, `concurrency` at a time, on the current-thread runtime.
async fn run(side: &Side, requests: usize, concurrency: usize, figures: &mut Figures) {
    let cpu = thread_cpu();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..concurrency {
        let side = side.clone();
        let n = requests / concurrency + usize::from(worker < requests % concurrency);
        tasks.spawn(async move {
            let mut latencies = Vec::with_capacity(n);
            for _ in 0..n {
                let t = Instant::now();
                side.once().await;
                latencies.push(t.elapsed());
            }
            latencies
        });
    }
    while let Some(latencies) = tasks.join_next().await {
        figures.latencies.extend(latencies.expect("worker"));
    }
    figures.wall += started.elapsed();
    figures.cpu += thread_cpu() - cpu;
    figures.requests += requests;
}

fn main() {
    let requests: usize = std::env::var("CLIENT_BENCH_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let only = std::env::var("CLIENT_BENCH_ONLY").ok();
    let scenario = std::env::var("CLIENT_BENCH_SCENARIO").ok();
    let rounds = if only.is_some() { 1 } else { 3 };
    let base = format!("http://{}", serve());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let management = ManagementClient::builder()
            .access_key_id("ak")
            .access_key_secret("sk")
            .user_pool_id("pool-1")
            .host(&base)
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let authentication = AuthenticationClient::builder()
            .app_id("app-1")
            .app_host(&base)
            .core_host(&base)
            .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let dto = Arc::new(SigninByMobileDto {
            ext_idp_connidentifier: "wechat-mobile".into(),
            connection: SigninByMobileDtoConnection::Wechat(SignInByWechatPayloadDto {
                code: Some("061Ab2000B3xJh1G4p2001aXvA1Ab20x".into()),
            }),
            options: None,
            client_id: None,
            client_secret: None,
        });
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let base: Arc<str> = base.into();
        println!(
            "{requests} requests per side, scenario and round, {rounds} round(s); CPU = the client thread's run time"
        );
        println!(
            "{:<9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>7}",
            "scenario", "ours r/s", "hand r/s", "ours p50", "hand p50", "ours p99", "hand p99",
            "ours cpu", "hand cpu", "r/s", "p50", "cpu",
        );
        let get = (
            Side::OursGet(management),
            Side::HandGet(http.clone(), base.clone()),
        );
        let post = (
            Side::OursPost(authentication, dto.clone()),
            Side::HandPost(http, base, dto),
        );
        for (name, (ours, hand), concurrency) in [
            ("get-seq", &get, 1),
            ("get-64", &get, CONCURRENCY),
            ("post-seq", &post, 1),
            ("post-64", &post, CONCURRENCY),
        ] {
            if scenario.as_deref().is_some_and(|s| s != name) {
                continue;
            }
            let (mut o, mut h) = (Figures::default(), Figures::default());
            for side in [ours, hand] {
                // Warm-up: connections opened, the management token fetched.
                run(side, CONCURRENCY * 2, CONCURRENCY, &mut Figures::default()).await;
            }
            for _ in 0..rounds {
                if only.as_deref() != Some("hand") {
                    run(ours, requests, concurrency, &mut o).await;
                }
                if only.as_deref() != Some("ours") {
                    run(hand, requests, concurrency, &mut h).await;
                }
            }
            if only.is_some() {
                let f = if o.requests > 0 { &mut o } else { &mut h };
                println!(
                    "{name:<9} {:>9.0} r/s, p50 {:.0} µs, p99 {:.0} µs, cpu {:.1} µs",
                    f.rps(),
                    f.percentile(0.5),
                    f.percentile(0.99),
                    f.cpu_us()
                );
                continue;
            }
            let (op50, hp50) = (o.percentile(0.5), h.percentile(0.5));
            let (op99, hp99) = (o.percentile(0.99), h.percentile(0.99));
            println!(
                "{name:<9} {:>9.0} {:>9.0} {:>6.0}µs {:>6.0}µs {:>6.0}µs {:>6.0}µs {:>6.1}µs {:>6.1}µs {:>6.2}x {:>6.2}x {:>6.2}x",
                o.rps(),
                h.rps(),
                op50,
                hp50,
                op99,
                hp99,
                o.cpu_us(),
                h.cpu_us(),
                o.rps() / h.rps(),
                op50 / hp50,
                o.cpu_us() / h.cpu_us(),
            );
        }
    });
}
