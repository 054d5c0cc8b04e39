//! Wire cross-check (feature `slow-tests`): for every case of `cases.rs` the official node SDK
//! (`authing-node-sdk`, installed by `npm ci --prefix generated/tests/node-wire`) and the Rust
//! client's generated method send their request to a loopback recorder; method, path, query and
//! JSON body must be the same. The report (`cargo test ... -- --nocapture`) lists every case,
//! the known wire-style differences and the counts per client and kind.

mod case;
mod cases;
mod compare;
mod node;
mod recorder;

use std::collections::BTreeMap;
use std::time::Instant;

use authing::{AuthenticationClient, ManagementClient, TokenEndpointAuthMethod};

use case::{Call, CallError, Case, Expect};
use cases::credentials::*;
use compare::Verdict;
use recorder::{Recorder, TOKEN_PATH, Wire};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rust_and_node_send_the_same_requests() {
    if node::available_or_skip().is_none() {
        return;
    }
    let cases = cases::all();
    let started = Instant::now();
    let node = node_side(&cases).await;
    let node_time = started.elapsed();
    let rust = rust_side(&cases).await;
    let rust_time = started.elapsed() - node_time;

    let mut unexpected = Vec::new();
    let mut report = String::new();
    let mut counts: BTreeMap<(&str, String), (usize, usize)> = BTreeMap::new();
    for (id, case) in cases.iter().enumerate() {
        let (node_requests, node_error) = &node[id];
        let (rust_requests, rust_error) = &rust[id];
        let user_token =
            (case.client() == "authentication" && case.auth.is_none()).then_some(USER_TOKEN);
        let verdict = compare::compare(
            node_requests,
            rust_requests,
            case.auth.is_some(),
            user_token,
        );
        let kind = match case.auth {
            Some(method) => format!("{:?} {method}", case.kind),
            None => format!("{:?}", case.kind),
        };
        let count = counts.entry((case.client(), kind.clone())).or_default();
        count.0 += 1;
        count.1 += usize::from(verdict.agrees());
        let line = describe(id, case, &kind, &verdict, node_error, rust_error);
        report.push_str(&line);
        match (case.expect, verdict.agrees()) {
            (Expect::Agree, false) => unexpected.push(line),
            (Expect::Differ(_), true) => unexpected.push(format!(
                "{line}    (expected to differ, but agrees: drop the expectation)\n"
            )),
            _ => {}
        }
    }
    let agree = cases.len() - count_differing(&counts);
    println!("{report}");
    println!("cases per client and kind (agreeing / all):");
    for ((client, kind), (all, agreeing)) in &counts {
        println!("  {client:<15} {kind:<32} {agreeing:>3} / {all}");
    }
    println!(
        "wire cross-check: {agree} of {} cases agree, {} unexpected; node side {:.2} s, rust side {:.2} s",
        cases.len(),
        unexpected.len(),
        node_time.as_secs_f64(),
        rust_time.as_secs_f64()
    );
    assert!(
        unexpected.is_empty(),
        "{} case(s) not as expected:\n{}",
        unexpected.len(),
        unexpected.concat()
    );
}

fn count_differing(counts: &BTreeMap<(&str, String), (usize, usize)>) -> usize {
    counts.values().map(|(all, agreeing)| all - agreeing).sum()
}

/// One report line (plus indented details) for a case.
fn describe(
    id: usize,
    case: &Case,
    kind: &str,
    verdict: &Verdict,
    node_error: &Option<String>,
    rust_error: &Option<String>,
) -> String {
    let status = match (verdict.agrees(), case.expect) {
        (true, _) => "agree",
        (false, Expect::Differ(_)) => "DIFFER (expected)",
        (false, Expect::Agree) => "DIFFER",
    };
    let mut line = format!(
        "#{id:<3} {:<14} {:<28} {:<22} {status}\n",
        case.client(),
        case.node,
        kind
    );
    if let Expect::Differ(reason) = case.expect {
        line.push_str(&format!("      expected: {reason}\n"));
    }
    for difference in &verdict.differences {
        line.push_str(&format!("      {difference}\n"));
    }
    for note in &verdict.notes {
        line.push_str(&format!("      note: {note}\n"));
    }
    if !verdict.agrees() {
        if let Some(error) = node_error {
            line.push_str(&format!("      node threw: {error}\n"));
        }
        if let Some(error) = rust_error {
            line.push_str(&format!("      rust: {error}\n"));
        }
    }
    line
}

type Side = Vec<(Vec<Wire>, Option<String>)>;

/// Runs every case through the node SDK; the requests between two markers are a case's.
async fn node_side(cases: &[Case]) -> Side {
    let recorder = Recorder::start().await;
    let plan = cases
        .iter()
        .enumerate()
        .map(|(id, case)| case.plan(id))
        .collect();
    let plan = node::plan(&recorder.uri(), plan);
    let outcomes = tokio::task::spawn_blocking(move || node::run(&plan))
        .await
        .expect("node harness");
    let mut side: Side = vec![(Vec::new(), None); cases.len()];
    let mut current = None;
    for wire in recorder.requests().await {
        match wire.marker() {
            Some(id) => current = Some(id),
            None => {
                let id = current.expect("the node harness marks each case first");
                side[id].0.push(wire);
            }
        }
    }
    for outcome in outcomes {
        side[outcome.id].1 = outcome.error;
    }
    side
}

/// Runs every case through the Rust client's generated method; the requests that arrive during
/// a call are the case's (the management token exchange excepted). One client per
/// configuration, as an application would keep it.
async fn rust_side(cases: &[Case]) -> Side {
    let recorder = Recorder::start().await;
    let authentication = |method| {
        AuthenticationClient::builder()
            .app_id(APP_ID)
            .app_secret(APP_SECRET)
            .app_host(recorder.uri())
            .token_endpoint_auth_method(method)
            .build()
            .expect("valid configuration")
    };
    let signed_in =
        authentication(TokenEndpointAuthMethod::ClientSecretPost).with_access_token(USER_TOKEN);
    let by_method: Vec<_> = [
        TokenEndpointAuthMethod::None,
        TokenEndpointAuthMethod::ClientSecretPost,
        TokenEndpointAuthMethod::ClientSecretBasic,
    ]
    .into_iter()
    .map(|method| (method, authentication(method)))
    .collect();
    let management = ManagementClient::builder()
        .access_key_id(ACCESS_KEY_ID)
        .access_key_secret(ACCESS_KEY_SECRET)
        .host(recorder.uri())
        .build()
        .expect("valid configuration");
    let mut side = Vec::with_capacity(cases.len());
    for case in cases {
        let before = recorder.requests().await.len();
        let args = case.rust_arguments();
        let result = match case.call {
            Call::Authentication(call) => {
                let client = match case.auth {
                    Some(method) => by_method
                        .iter()
                        .find(|(have, _)| *have == method)
                        .map(|(_, client)| client.clone())
                        .expect("a client per method"),
                    None => signed_in.clone(),
                };
                call(client, args).await
            }
            Call::Management(call) => call(management.clone(), args).await,
        };
        let requests: Vec<Wire> = recorder.requests().await[before..]
            .iter()
            .filter(|wire| wire.path != TOKEN_PATH)
            .cloned()
            .collect();
        let error = match result {
            Ok(()) => None,
            Err(CallError::Arguments(reason)) => Some(format!("arguments: {reason}")),
            Err(CallError::Client(error)) => Some(error.to_string()),
        };
        side.push((requests, error));
    }
    side
}
