//! `cargo xtask spec` over the real corpus in `../shared` (all languages, all seeds, both SDK
//! packages; and the pages alone, as `--docs-only`): it runs without errors, the checked-in `spec/`
//! is what it produces, the operation and schema counts of each client are pinned, and facts
//! checked by hand hold.
//!
//! Without `../shared` these tests print a skip, except under CI (`CI=true`), where they fail.

use std::sync::OnceLock;

use authing_reconstruct::{
    self as reconstruct, AUTHENTICATION, MANAGEMENT, Outcome, RECONCILIATION,
};
use serde_json::{Value, json};
use xtask::spec;
use xtask::workspace;

fn outcome() -> Option<&'static Outcome> {
    static OUTCOME: OnceLock<Option<Outcome>> = OnceLock::new();
    OUTCOME.get_or_init(|| reconstructed(true)).as_ref()
}

/// `cargo xtask spec` over `../shared` in process: with both SDK packages, or the pages alone
/// (`--docs-only`). `None` (after a skip message) when `../shared` is missing outside CI.
fn reconstructed(with_packages: bool) -> Option<Outcome> {
    let roots =
        workspace::shared_dirs_or_skip(&["docs/authing-v3-zh", "seeds"], "spec corpus tests")?;
    let sdks = if with_packages {
        workspace::shared_dirs_or_skip(
            &["sdks/authing-node-sdk-4.0.1", "sdks/genauth-python-5.1.0"],
            "spec corpus tests",
        )?
    } else {
        Vec::new()
    };
    let overrides =
        std::fs::read_to_string(workspace::root().join("spec").join(reconstruct::OVERRIDES)).ok();
    let mut corpus = reconstruct::read::docs(&roots).expect("corpus loads");
    if !sdks.is_empty() {
        reconstruct::read::sdks(&mut corpus, &sdks).expect("packages load");
    }
    Some(reconstruct::reconstruct(
        &corpus,
        overrides.as_deref().map(|t| (t, "spec/overrides.toml")),
        std::time::Instant::now(),
    ))
}

fn doc(o: &Outcome, name: &str) -> Value {
    serde_json::from_str(&o.files[name]).expect("JSON")
}

fn check(doc: &Value, facts: &[(&str, Value)]) {
    for (pointer, expected) in facts {
        assert_eq!(
            doc.pointer(pointer).unwrap_or(&Value::Null),
            expected,
            "at {pointer}"
        );
    }
}

#[test]
fn the_corpus_reconstructs_without_errors() {
    let Some(o) = outcome() else { return };
    assert_eq!(
        o.errors,
        0,
        "{:#?}",
        o.diagnostics
            .iter()
            .filter(|d| d.contains(": error: "))
            .collect::<Vec<_>>()
    );
    for name in [AUTHENTICATION, MANAGEMENT] {
        assert_eq!(
            reconstruct::emit::validate(&o.files[name]),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

#[test]
fn the_checked_in_spec_is_fresh() {
    let Some(o) = outcome() else { return };
    let stale = spec::stale(&workspace::root().join("spec"), &o.files).expect("spec/ readable");
    assert!(
        stale.is_empty(),
        "spec/ is stale, run `cargo xtask spec`:\n{}",
        stale.join("\n")
    );
}

#[test]
fn operation_counts() {
    let Some(o) = outcome() else { return };
    let count = |name: &str| {
        doc(o, name)["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|p| p.as_object().unwrap().len())
            .sum::<usize>()
    };
    // Every generated operation of both packages plus those only the pages have (and the
    // legacy mini-program ticket exchange), and the 17 protocol endpoints.
    assert_eq!(count(AUTHENTICATION), 141);
    let protocol = doc(o, AUTHENTICATION)["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|p| p.as_object().unwrap().values())
        .filter(|op| op["x-protocol"].is_string())
        .count();
    assert_eq!(protocol, 17);
    assert_eq!(count(MANAGEMENT), 501);
}

#[test]
fn sign_in_by_mobile() {
    let Some(o) = outcome() else { return };
    let a = doc(o, AUTHENTICATION);
    let op = "/paths/~1api~1v3~1signin-by-mobile/post";
    check(
        &a,
        &[
            (&format!("{op}/operationId"), json!("signInByMobile")),
            (&format!("{op}/x-token-endpoint"), json!(true)),
            (
                &format!("{op}/requestBody/content/application~1json/schema/$ref"),
                json!("#/components/schemas/SigninByMobileDto"),
            ),
            (
                &format!("{op}/responses/200/content/application~1json/schema/$ref"),
                json!("#/components/schemas/LoginTokenRespDto"),
            ),
        ],
    );
    let dto = &a["components"]["schemas"]["SigninByMobileDto"];
    let props = dto["properties"].as_object().unwrap();
    for field in [
        "extIdpConnidentifier",
        "connection",
        "options",
        "client_id",
        "client_secret",
    ] {
        assert!(props.contains_key(field), "SigninByMobileDto.{field}");
    }
    assert_eq!(
        dto["required"],
        json!(["extIdpConnidentifier", "connection"])
    );
    // 30 from the pages, 2 (douyin mini-program) from the node model, each with its payload.
    let connections = dto["properties"]["connection"]["enum"].as_array().unwrap();
    assert_eq!(connections.len(), 32);
    assert!(
        connections.contains(&json!("wechat_mini_program_phone")),
        "stray spaces in backticks trimmed"
    );
    let payloads = dto["x-connection-payloads"]["payloads"]
        .as_object()
        .unwrap();
    assert_eq!(payloads.len(), 32);
    assert_eq!(props.keys().filter(|k| k.ends_with("Payload")).count(), 32);
    for c in connections {
        let field = payloads[c.as_str().unwrap()].as_str().unwrap();
        assert!(
            props.contains_key(field),
            "{c} pairs with an existing field"
        );
    }
    assert_eq!(payloads["linkedin"], json!("linkedInPayload"));
    assert_eq!(payloads["wechat"], json!("wechatPayload"));
    assert_eq!(payloads["apple"], json!("applePayload"));
    // seed 000's alipayPayload row links SignInByApplePayloadDto in its spliced half.
    assert_eq!(
        props["alipayPayload"]["allOf"][0]["$ref"],
        json!("#/components/schemas/SignInByAlipayPayloadDto")
    );
    // the wechat/apple labels are swapped upstream; the override puts them back.
    assert!(
        props["wechatPayload"]["description"]
            .as_str()
            .unwrap()
            .starts_with("微信")
    );
    assert!(
        props["applePayload"]["description"]
            .as_str()
            .unwrap()
            .starts_with("苹果")
    );
    assert_eq!(
        dto["properties"]["connection"]["x-enum-descriptions"]["github"],
        json!("Github 移动端社会化登录")
    );
    // The tokens it returns.
    let data = &a["components"]["schemas"]["LoginTokenResponseDataDto"]["properties"];
    for field in [
        "access_token",
        "id_token",
        "refresh_token",
        "token_type",
        "expire_in",
        "scope",
    ] {
        assert!(
            data.get(field).is_some(),
            "LoginTokenResponseDataDto.{field}"
        );
    }
}

#[test]
fn the_seeds_contribute() {
    let Some(o) = outcome() else { return };
    let a = doc(o, AUTHENTICATION);
    let sources = |schema: &str| -> Vec<String> {
        a["components"]["schemas"][schema]["x-source"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    // Seed 001 merged the Baidu / LinkedIn / DingTalk tables into one line: all three recovered.
    for schema in [
        "SignInByBaiduPayloadDto",
        "SignInByLinkedInPayloadDto",
        "SignInByDingTalkPayloadDto",
    ] {
        assert!(
            sources(schema).iter().any(|s| s.starts_with("seeds/001_")),
            "{schema}: {:?}",
            sources(schema)
        );
    }
    check(
        &a,
        &[
            (
                "/components/schemas/SignInByLinkedInPayloadDto/required",
                json!(["code"]),
            ),
            (
                "/components/schemas/SignInByDingTalkPayloadDto/properties/isSnsCode/type",
                json!("boolean"),
            ),
        ],
    );
    let op_sources = a["paths"]["/api/v3/signin-by-mobile"]["post"]["x-source"].to_string();
    assert!(
        op_sources.contains("seeds/000_") && op_sources.contains("seeds/001_"),
        "{op_sources}"
    );
    // Seed 002 (Android signInByOneAuth) documents an SDK helper, not an operation.
    let report = &o.files[RECONCILIATION];
    assert!(
        report.lines().any(|l| l.contains("seeds/002_")),
        "seed 002 is listed as set aside"
    );
}

#[test]
fn the_legacy_mini_program_ticket_exchange() {
    let Some(o) = outcome() else { return };
    let a = doc(o, AUTHENTICATION);
    let op = &a["paths"]["/oauth/app2wxapp/auth/{userPoolId}"]["post"];
    assert_eq!(op["x-legacy"], json!(true));
    assert_eq!(op["parameters"][0]["name"], json!("userPoolId"));
    assert_eq!(op["parameters"][0]["in"], json!("path"));
    let body = &op["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(
        body["required"],
        json!(["ticket"]),
        "`tickett` fixed by the override"
    );
    assert!(body["properties"]["secret"].is_object());
    let hosts: Vec<&str> = op["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        hosts,
        ["https://core.authing.cn", "https://core.genauth.ai"]
    );
    let user = &op["responses"]["200"]["content"]["application/json"]["schema"]["properties"];
    assert_eq!(user["token"]["type"], json!("string"));
    assert_eq!(user["_id"]["type"], json!("string"));
}

#[test]
fn stale_copies_wrappers_and_superseded_pages_yield_no_operation() {
    let Some(o) = outcome() else { return };
    let (a, m) = (doc(o, AUTHENTICATION), doc(o, MANAGEMENT));
    assert!(a["paths"]["/api/v3/get-profile"]["get"].is_object());
    assert!(
        m["paths"].get("/api/v3/get-profile").is_none(),
        "management copy of an authentication page"
    );
    assert!(
        a["paths"]
            .get("/api/v3/signin-by-account-password")
            .is_none(),
        "SDK wrapper over /signin"
    );
    assert!(
        m["paths"].get("/api/v3/get-email-provier").is_none(),
        "typo path superseded"
    );
    assert!(m["paths"]["/api/v3/get-email-provider"]["get"].is_object());
    assert!(
        m["paths"].get("/api/v3/get-user-mfa-status").is_none(),
        "superseded by get-mfa-status"
    );
    // Both `other` and `公开信息端点` hold get-country-list: one operation, the newer tag.
    assert_eq!(
        a["paths"]["/api/v3/get-country-list"]["get"]["tags"],
        json!(["公开信息端点"])
    );
}

#[test]
fn credentials_sign_in_pairs_by_the_labelled_discriminator() {
    let Some(o) = outcome() else { return };
    let a = doc(o, AUTHENTICATION);
    check(
        &a,
        &[
            (
                "/components/schemas/SigninByCredentialsDto/x-connection-payloads/property",
                json!("connection"),
            ),
            (
                "/components/schemas/SigninByCredentialsDto/x-connection-payloads/payloads",
                json!({"PASSWORD": "passwordPayload", "PASSCODE": "passCodePayload", "LDAP": "ldapPayload", "AD": "adPayload"}),
            ),
        ],
    );
}

#[test]
fn the_python_package_contributes_english_texts_and_whole_numbers() {
    let Some(o) = outcome() else { return };
    let a = doc(o, AUTHENTICATION);
    let op = "/paths/~1api~1v3~1get-my-login-history/get";
    check(
        &a,
        &[
            (&format!("{op}/summary"), json!("获取登录日志")),
            (&format!("{op}/x-summary-en"), json!("Get Login History")),
            (
                &format!("{op}/x-source/13"),
                json!("genauth-python-5.1.0/genauth/AuthenticationClient.py:1585"),
            ),
            (&format!("{op}/parameters/3/name"), json!("start")),
            (&format!("{op}/parameters/3/schema/type"), json!("integer")),
            (
                &format!("{op}/parameters/3/x-description-en"),
                json!("Start time, timestamp in milliseconds"),
            ),
            (&format!("{op}/parameters/5/schema/type"), json!("integer")),
        ],
    );
    assert!(
        o.summary
            .contains("  python:         genauth-python-5.1.0: 435 generated operations"),
        "{}",
        o.summary
    );
}

/// The pages alone (`cargo xtask spec --docs-only`), reconstructed once.
fn docs_only() -> Option<&'static Outcome> {
    static OUTCOME: OnceLock<Option<Outcome>> = OnceLock::new();
    OUTCOME.get_or_init(|| reconstructed(false)).as_ref()
}

/// Operations and named schemas of one client's document.
fn counts(o: &Outcome, name: &str) -> (usize, usize) {
    let d = doc(o, name);
    let ops = d["paths"].as_object().map_or(0, |paths| {
        paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|item| item.keys())
            .filter(|k| ["get", "put", "post", "delete", "patch"].contains(&k.as_str()))
            .count()
    });
    let schemas = d
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map_or(0, serde_json::Map::len);
    (ops, schemas)
}

#[test]
fn the_pages_alone_and_with_the_packages_reconstruct_pinned_counts() {
    let (Some(pages), Some(both)) = (docs_only(), outcome()) else {
        return;
    };
    assert_eq!(pages.errors, 0, "--docs-only has errors");
    for (o, name, expected) in [
        // The pages spell 6 protocol endpoints (both authorize, OIDC token and end session, CAS
        // login and app logout); only the packages the other 11.
        (pages, AUTHENTICATION, (77, 214)),
        (pages, MANAGEMENT, (367, 644)),
        (both, AUTHENTICATION, (141, 312)),
        (both, MANAGEMENT, (501, 950)),
    ] {
        let pinned = if std::ptr::eq(o, pages) {
            "--docs-only"
        } else {
            "default"
        };
        assert_eq!(
            counts(o, name),
            expected,
            "{pinned} {name}: (operations, schemas)"
        );
    }
}
