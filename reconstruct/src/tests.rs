//! End-to-end reconstruction over small corpora written here (never copies of upstream pages):
//! each case builds a few pages, runs the whole pipeline in memory and checks facts of the
//! output by JSON pointer.

use std::time::Instant;

use serde_json::{Value, json};

use crate::corpus::Corpus;
use crate::{AUTHENTICATION, MANAGEMENT, Outcome, RECONCILIATION, read, reconstruct};

const NOTE: &str = "<!-- https://github.com/Authing/authing-docs-factory -->\n\n> 此文档根据 https://github.com/authing/authing-docs-factory 基于 V3 API 自动生成。\n";
const OLD: &str = "<!-- https://github.com/Authing/authing-docs-factory -->\n";
const HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | <div style=\"width:60px\">默认值</div> | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\">示例值</div> |\n| ---- | ---- | ---- | ---- | ---- | ---- |";
const STRUCT: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\">示例值</div> |\n| ---- |  ---- | ---- | ---- | ---- |";
const ENVELOPE: &str = "| 名称 | 类型 | 描述 |\n| ---- | ---- | ---- |\n| statusCode | number | 状态码 |\n| message | string | 描述 |";

/// A generated reference page.
fn page(
    marker: &str,
    title: &str,
    method: &str,
    rows: &str,
    response: &str,
    data: &str,
    structures: &str,
) -> String {
    format!(
        "# {title}\n\n{marker}\n{title}的说明。\n\n## 方法名称\n\n`{method}`\n\n## 请求参数\n\n{HEADER}\n{rows}\n\n## 请求响应\n\n类型： `{response}`\n\n{ENVELOPE}\n| data | {data} | 数据 |\n\n## 数据结构\n\n{structures}\n"
    )
}

fn structure(name: &str, rows: &str) -> String {
    format!("### <a id=\"{name}\"></a> {name}\n\n{STRUCT}\n{rows}\n\n")
}

fn run(files: &[(&str, String)], overrides: Option<&str>) -> Outcome {
    let mut corpus = Corpus::default();
    for (path, text) in files {
        corpus.push("docs".into(), path.to_string(), text.clone());
    }
    reconstruct(
        &corpus,
        overrides.map(|o| (o, "spec/overrides.toml")),
        Instant::now(),
    )
}

fn spec(o: &Outcome, name: &str) -> Value {
    serde_json::from_str(&o.files[name]).expect("the spec is JSON")
}

/// Checks `pointer -> value` facts of a spec.
fn check(doc: &Value, facts: &[(&str, Value)]) {
    for (pointer, expected) in facts {
        let got = doc.pointer(pointer).unwrap_or(&Value::Null);
        assert_eq!(got, expected, "at {pointer}");
    }
}

fn user_page(marker: &str, lang: &str, method: &str, extra: &str) -> (String, String) {
    (
        format!("{lang}/management/管理用户/get-user.md"),
        page(
            marker,
            "获取用户",
            method,
            &format!(" | userId | string  | 是 | - | 用户 ID  | `u1` |\n{extra}"),
            "UserSingleRespDto",
            "<a href=\"#UserDto\">UserDto</a>",
            &structure(
                "UserDto",
                "| userId | string | 是 | 用户 ID | `u1` |\n| tags | array | 否 | 标签 | `[\"a\"]` |",
            ),
        ),
    )
}

#[test]
fn a_get_operation_with_query_parameters_and_an_envelope() {
    let (path, text) = user_page(NOTE, "node", "ManagementClient.getUser", "");
    let o = run(&[(&path, text)], None);
    assert_eq!(o.errors, 0, "{:?}", o.diagnostics);
    let m = spec(&o, MANAGEMENT);
    check(
        &m,
        &[
            (
                "/paths/~1api~1v3~1get-user/get/operationId",
                json!("getUser"),
            ),
            ("/paths/~1api~1v3~1get-user/get/tags/0", json!("管理用户")),
            (
                "/paths/~1api~1v3~1get-user/get/parameters/0/in",
                json!("query"),
            ),
            (
                "/paths/~1api~1v3~1get-user/get/parameters/0/required",
                json!(true),
            ),
            (
                "/paths/~1api~1v3~1get-user/get/responses/200/content/application~1json/schema/$ref",
                json!("#/components/schemas/UserSingleRespDto"),
            ),
            (
                "/components/schemas/UserSingleRespDto/properties/data/allOf/0/$ref",
                json!("#/components/schemas/UserDto"),
            ),
            ("/components/schemas/UserDto/required", json!(["userId"])),
            (
                "/components/schemas/UserDto/properties/tags/items/type",
                json!("string"),
            ),
            (
                "/components/schemas/UserDto/x-source/0",
                json!("docs/node/management/管理用户/get-user.md:32"),
            ),
            ("/security/0/managementToken", json!([])),
        ],
    );
    // Nothing for the other client but an empty, valid document.
    let a = spec(&o, AUTHENTICATION);
    assert_eq!(a["paths"], json!({}));
}

#[test]
fn the_newest_generation_decides_and_the_conflict_is_reported() {
    let (p1, new) = user_page(
        NOTE,
        "node",
        "ManagementClient.getUser",
        " | withIdentities | boolean  | 否 | - | 是否获取  | `true` |",
    );
    let (p2, old) = user_page(OLD, "php", "ManagementClient.getUser", "");
    let o = run(&[(&p1, new), (&p2, old)], None);
    let m = spec(&o, MANAGEMENT);
    check(
        &m,
        &[(
            "/paths/~1api~1v3~1get-user/get/parameters/1/name",
            json!("withIdentities"),
        )],
    );
    let report = &o.files[RECONCILIATION];
    assert!(
        report.contains("### management `getUser`: request: fields"),
        "{report}"
    );
}

#[test]
fn a_stale_management_copy_joins_the_authentication_operation() {
    let auth = page(
        NOTE,
        "获取资料",
        "AuthenticationClient.getProfile",
        " | withCustomData | boolean  | 否 | - | 自定义数据  |  |",
        "UserSingleRespDto",
        "object",
        "",
    );
    let copy = page(
        OLD,
        "获取资料",
        "ManagementClient.getProfile",
        " | withCustomData | boolean  | 否 | - | 自定义数据  |  |",
        "UserSingleRespDto",
        "object",
        "",
    );
    let o = run(
        &[
            ("node/authentication/用户资料/get-profile.md", auth),
            ("node/management/用户资料/get-profile.md", copy),
        ],
        None,
    );
    assert!(
        spec(&o, AUTHENTICATION)
            .pointer("/paths/~1api~1v3~1get-profile/get")
            .is_some()
    );
    assert!(
        spec(&o, MANAGEMENT)
            .pointer("/paths/~1api~1v3~1get-profile")
            .is_none()
    );
    let report = &o.files[RECONCILIATION];
    assert!(report.contains("### `get-profile`: client\n\n- winner: `AuthenticationClient` (rule `stale-management-copy`)"), "{report}");
}

#[test]
fn an_older_family_is_superseded_by_a_renamed_newer_one() {
    let old = page(
        OLD,
        "获取邮件服务配置",
        "ManagementClient.getEmailProvider",
        "",
        "EmailProviderDto",
        "object",
        "",
    );
    let new = page(
        NOTE,
        "获取邮件服务配置",
        "ManagementClient.getEmailProvider",
        "",
        "EmailProviderDto",
        "object",
        "",
    );
    let o = run(
        &[
            ("node/management/消息/get-email-provier.md", old),
            ("node/management/消息/get-email-provider.md", new),
        ],
        None,
    );
    let m = spec(&o, MANAGEMENT);
    assert!(
        m.pointer("/paths/~1api~1v3~1get-email-provider/get")
            .is_some()
    );
    assert!(m.pointer("/paths/~1api~1v3~1get-email-provier").is_none());
    assert!(
        o.files[RECONCILIATION].contains("superseded: earlier rendering of `get-email-provider`")
    );
}

#[test]
fn sdk_wrappers_and_protocol_guides_yield_no_operation() {
    let wrapper = format!(
        "# 账号密码登录\n\n{OLD}\n## 请求参数\n\n{HEADER}\n| account | String | 是 | - | 账号 | `a` |\n"
    );
    let guide = "# OIDC\n\n## 请求参数\n\n| 名称 | 类型 |\n| ---- | ---- |\n| code | string |\n"
        .to_string();
    let o = run(
        &[
            (
                "node/authentication/登录/signin-by-account-password.md",
                wrapper,
            ),
            ("node/authentication/oidc.md", guide),
        ],
        None,
    );
    assert_eq!(spec(&o, AUTHENTICATION)["paths"], json!({}));
    let report = &o.files[RECONCILIATION];
    assert!(report.contains("- sdk-wrapper-page (1):"), "{report}");
    assert!(report.contains("- hand-written-page (1):"), "{report}");
}

#[test]
fn a_post_body_is_named_after_the_class_the_samples_pass() {
    let mut text = page(
        NOTE,
        "创建用户",
        "ManagementClient.CreateUser",
        "| email | string | 否 | - | 邮箱 | `a@b.c` |",
        "UserSingleRespDto",
        "object",
        "",
    );
    text.push_str("\n## 示例代码\n\n```go\nreqDto := &dto.CreateUserReqDto{\n}\nrespDto := client.CreateUser(reqDto)\n```\n");
    let inline = page(
        NOTE,
        "创建角色",
        "ManagementClient.createRole",
        "| code | string | 是 | - | 角色 code | `r` |",
        "RoleSingleRespDto",
        "object",
        "",
    );
    let o = run(
        &[
            ("go/management/管理用户/create-user.md", text),
            ("node/management/管理角色/create-role.md", inline),
        ],
        None,
    );
    let m = spec(&o, MANAGEMENT);
    check(
        &m,
        &[
            (
                "/paths/~1api~1v3~1create-user/post/operationId",
                json!("createUser"),
            ),
            (
                "/paths/~1api~1v3~1create-user/post/requestBody/content/application~1json/schema/$ref",
                json!("#/components/schemas/CreateUserReqDto"),
            ),
            (
                "/components/schemas/CreateUserReqDto/properties/email/example",
                json!("a@b.c"),
            ),
            (
                "/paths/~1api~1v3~1create-role/post/requestBody/content/application~1json/schema/required",
                json!(["code"]),
            ),
        ],
    );
}

#[test]
fn connections_pair_with_payloads_by_the_named_value() {
    let rows = "| connection | string | 是 | - | 类型：<br>- `apple`: Apple<br>- `wechat`: 微信<br>- `linkedin`: LinkedIn<br>  | `wechat` |\n\
                | wechatPayload | <a href=\"#W\">W</a> | 否 | - | 苹果数据，当 `connection` 为 `wechat` 的时候必填。  |  |\n\
                | applePayload | <a href=\"#A\">A</a> | 否 | - | 微信数据，当 `connection` 为 `apple` 的时候必填。  |  |\n\
                | linkedInPayload | <a href=\"#L\">L</a> | 否 | - | LinkedIn 数据，当 `connection` 为 `linkedin` 的时候必填。  |  |\n\
                | passwordPayload | <a href=\"#W\">W</a> | 否 | - | 当认证方式为 `PASSWORD` 时此参数必填。  |  |";
    let structures = [
        structure("W", "| code | string | 否 | code |  |"),
        structure("A", "| code | string | 否 | code |  |"),
        structure("L", "| code | string | 是 | code |  |"),
    ]
    .concat();
    let mut text = page(
        NOTE,
        "移动端登录",
        "AuthenticationClient.signInByMobile",
        rows,
        "LoginTokenRespDto",
        "object",
        &structures,
    );
    text.push_str("\n## 示例代码\n\n```csharp\nawait authenticationClient.SignInByMobile(new SigninByMobileDto()\n{ });\n```\n");
    let o = run(
        &[("csharp/authentication/登录/signin-by-mobile.md", text)],
        None,
    );
    let a = spec(&o, AUTHENTICATION);
    check(
        &a,
        &[
            (
                "/components/schemas/SigninByMobileDto/x-connection-payloads/property",
                json!("connection"),
            ),
            (
                "/components/schemas/SigninByMobileDto/x-connection-payloads/payloads",
                json!({"apple": "applePayload", "wechat": "wechatPayload", "linkedin": "linkedInPayload"}),
            ),
            (
                "/components/schemas/SigninByMobileDto/properties/connection/enum",
                json!(["apple", "wechat", "linkedin"]),
            ),
            (
                "/components/schemas/SigninByMobileDto/properties/connection/x-enum-descriptions/wechat",
                json!("微信"),
            ),
        ],
    );
}

#[test]
fn a_legacy_endpoint_from_both_renderings_of_a_guide() {
    let component = "# Guide\n\n<ApiMethodSpec method=\"post\" host=\"https://core.example.ai\" path=\"oauth/x/auth/:poolId\" summary=\"exchange\">\n<template slot=\"pathParams\">\n<ApiMethodParam name=\"poolId\" type=\"string\" required description=\"Pool ID\" />\n</template>\n<template slot=\"bodyParams\">\n<ApiMethodParam name=\"secret\" type=\"string\" description=\"Key\" />\n<ApiMethodParam name=\"tickett\" type=\"string\" required description=\"Ticket\" />\n</template>\n<template slot=\"response\">\n<ApiMethodResponse description=\"a user\">\n\n```js\n{\n  username: 'jack',\n  loginsCount: 2,\n}\n```\n\n</ApiMethodResponse>\n</template>\n</ApiMethodSpec>\n".to_string();
    let plain = "Menu\n\nPOST\nhttps://core.example.cnoauth/x/auth/:poolId\n\nexchange\n\nPath Paramter\npoolId\nREQUIRED\nstring\n\nPool id\n\nBody Paramter\ntickett\nREQUIRED\nstring\n\nTicket\n\n200: OK\n\na user\n\n{\n  username: 'jack'\n}\n".to_string();
    let overrides = "[[override]]\noperation = \"oauthXAuth\"\nfield = \"tickett\"\nset = \"name\"\nfrom = \"tickett\"\nto = \"ticket\"\nreason = \"typo\"\n";
    let o = run(
        &[("003_guide.txt", component), ("004_guide.txt", plain)],
        Some(overrides),
    );
    assert_eq!(o.errors, 0, "{:?}", o.diagnostics);
    let a = spec(&o, AUTHENTICATION);
    let op = "/paths/~1oauth~1x~1auth~1{poolId}/post";
    check(
        &a,
        &[
            (&format!("{op}/operationId"), json!("oauthXAuth")),
            (&format!("{op}/x-legacy"), json!(true)),
            (
                &format!("{op}/servers/0/url"),
                json!("https://core.example.ai"),
            ),
            (
                &format!("{op}/servers/1/url"),
                json!("https://core.example.cn"),
            ),
            (&format!("{op}/parameters/0/in"), json!("path")),
            (
                &format!("{op}/requestBody/content/application~1json/schema/required"),
                json!(["ticket"]),
            ),
            (
                &format!(
                    "{op}/responses/200/content/application~1json/schema/properties/loginsCount/type"
                ),
                json!("number"),
            ),
            (&format!("{op}/security"), json!([])),
        ],
    );
}

#[test]
fn overrides_that_match_nothing_are_reported_and_bad_ones_are_errors() {
    let (path, text) = user_page(NOTE, "node", "ManagementClient.getUser", "");
    let stale = "[[override]]\nschema = \"UserDto\"\nfield = \"nope\"\nset = \"name\"\nfrom = \"nope\"\nto = \"yes\"\nreason = \"r\"\n";
    let o = run(&[(&path, text.clone())], Some(stale));
    assert_eq!(o.errors, 0);
    assert!(o.diagnostics.iter().any(|d| d.starts_with("spec/overrides.toml:1: warning: override of schema `UserDto` field `nope` matches nothing")), "{:?}", o.diagnostics);
    assert!(o.files[RECONCILIATION].contains("MATCHES NOTHING: no field `nope`"));
    let broken = "# comment\n[[override]]\nschema = \"UserDto\"\nunknown = 1\n";
    let o = run(&[(&path, text)], Some(broken));
    assert_eq!(o.errors, 1);
    assert!(
        o.diagnostics[0].starts_with("spec/overrides.toml:4: error:"),
        "{:?}",
        o.diagnostics
    );
}

#[test]
fn two_runs_give_the_same_bytes() {
    let (p1, a) = user_page(NOTE, "node", "ManagementClient.getUser", "");
    let (p2, b) = user_page(
        NOTE,
        "java",
        "ManagementClient.getUser",
        " | extra | string  | 否 | - | 多的  |  |",
    );
    let first = run(&[(&p1, a.clone()), (&p2, b.clone())], None);
    let second = run(&[(&p1, a), (&p2, b)], None);
    assert_eq!(first.files, second.files);
}

#[test]
fn a_page_without_a_method_name_is_named_after_its_slug() {
    let text = format!(
        "# 创建租户\n\n{OLD}\n## 请求参数\n\n{HEADER}\n| name | string | 是 | - | 租户名  |  |\n\n## 请求响应\n\n类型： `TenantRespDto`\n\n{ENVELOPE}\n"
    );
    let o = run(
        &[("node/management/管理多租户/create-tenant.md", text)],
        None,
    );
    check(
        &spec(&o, MANAGEMENT),
        &[(
            "/paths/~1api~1v3~1create-tenant/post/operationId",
            json!("createTenant"),
        )],
    );
}

#[test]
fn duplicate_pages_under_a_renamed_tag_are_one_operation_with_the_newer_tag() {
    let new = page(
        NOTE,
        "获取国家列表",
        "AuthenticationClient.getCountryList",
        "",
        "CountryRespDto",
        "object",
        "",
    );
    let old = page(
        OLD,
        "获取国家列表",
        "AuthenticationClient.getCountryList",
        "",
        "CountryRespDto",
        "object",
        "",
    );
    let o = run(
        &[
            ("node/authentication/公开信息端点/get-country-list.md", new),
            ("node/authentication/其他/get-country-list.md", old),
        ],
        None,
    );
    check(
        &spec(&o, AUTHENTICATION),
        &[(
            "/paths/~1api~1v3~1get-country-list/get/tags",
            json!(["公开信息端点"]),
        )],
    );
}

#[test]
fn bad_inputs_are_errors_that_name_the_place() {
    let dir = std::env::temp_dir().join(format!("xtask-spec-{}", std::process::id()));
    let missing = dir.join("missing");
    let err = read::docs(std::slice::from_ref(&missing)).expect_err("a missing root is an error");
    assert!(
        err.contains(&missing.display().to_string()) && err.contains("not a directory"),
        "{err}"
    );
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.md"), [0xff, 0xfe, b'#']).unwrap();
    let err = read::docs(std::slice::from_ref(&dir)).expect_err("a non-UTF-8 page is an error");
    assert!(err.contains("bad.md"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_operations_claiming_one_name_are_told_apart_by_their_slugs() {
    let a = page(
        NOTE,
        "删除设备",
        "ManagementClient.deleteDevice",
        "| id | string | 是 | - | 设备 ID |  |",
        "CommonResponseDto",
        "object",
        "",
    );
    let b = page(
        NOTE,
        "删除用户设备",
        "ManagementClient.deleteDevice",
        "| id | string | 是 | - | 设备 ID |  |\n| userId | string | 是 | - | 用户 ID |  |",
        "CommonResponseDto",
        "object",
        "",
    );
    let o = run(
        &[
            ("node/management/终端/delete-device.md", a),
            ("node/management/终端/delete-device-by-user.md", b),
        ],
        None,
    );
    check(
        &spec(&o, MANAGEMENT),
        &[
            (
                "/paths/~1api~1v3~1delete-device/post/operationId",
                json!("deleteDevice"),
            ),
            (
                "/paths/~1api~1v3~1delete-device-by-user/post/operationId",
                json!("deleteDeviceByUser"),
            ),
        ],
    );
    assert!(o.files[RECONCILIATION].contains("operationId `deleteDevice` claimed by 2"));
}

#[test]
fn envelope_rows_said_to_come_only_on_failure_are_optional_everywhere() {
    let envelope_with = |api_code: &str| {
        format!(
            "# T\n\n{NOTE}\n## 方法名称\n\n`ManagementClient.x`\n\n## 请求参数\n\n{HEADER}\n\n## 请求响应\n\n类型： `XRespDto`\n\n{ENVELOPE}\n| apiCode | number | {api_code} |\n| data | boolean | 数据 |\n"
        )
    };
    let new = envelope_with("细分错误码（成功请求不返回）。");
    let old_only = format!(
        "# U\n\n{OLD}\n## 方法名称\n\n`ManagementClient.u`\n\n## 请求参数\n\n{HEADER}\n\n## 请求响应\n\n类型： `URespDto`\n\n{ENVELOPE}\n| apiCode | number | 细分错误码。 |\n"
    );
    let o = run(
        &[
            ("node/management/t/x.md", new),
            ("node/management/t/u.md", old_only),
        ],
        None,
    );
    let m = spec(&o, MANAGEMENT);
    check(
        &m,
        &[
            (
                "/components/schemas/XRespDto/required",
                json!(["statusCode", "message", "data"]),
            ),
            (
                "/components/schemas/URespDto/required",
                json!(["statusCode", "message"]),
            ),
        ],
    );
}

#[test]
fn examples_their_schema_cannot_hold_are_dropped() {
    let structures = [
        structure("SortDto", "| field | string | 是 | 字段 | `createdAt` |"),
        structure(
            "OptionsDto",
            "| sort | <a href=\"#SortDto\">SortDto[]</a> | 否 | 排序 | `[{\"field\":\"createdAt\",\"direction\":\"desc\"}]` |\n| ids | <a href=\"#SortDto\">SortDto[]</a> | 否 | ids | `[\"a\"]` |\n| page | number | 否 | 页码 | `1` |",
        ),
    ]
    .concat();
    let text = page(
        NOTE,
        "列表",
        "ManagementClient.listX",
        "| options | <a href=\"#OptionsDto\">OptionsDto</a> | 否 | - | 选项 |  |",
        "XRespDto",
        "object",
        &structures,
    );
    let o = run(&[("node/management/t/list-x.md", text)], None);
    let m = spec(&o, MANAGEMENT);
    let options = &m["components"]["schemas"]["OptionsDto"]["properties"];
    assert!(
        options["sort"].get("example").is_none(),
        "a key SortDto does not list"
    );
    assert!(
        options["ids"].get("example").is_none(),
        "strings where objects are declared"
    );
    assert_eq!(options["page"]["example"], json!(1));
    assert!(
        o.diagnostics.iter().any(|d| d
            .contains("example dropped (example-matches-schema): `direction`")
            || d.contains("key `direction` is not a field")),
        "{:?}",
        o.diagnostics
    );
}

#[test]
fn the_python_package_adds_english_texts_whole_numbers_and_what_it_alone_sends() {
    let (path, text) = user_page(
        NOTE,
        "node",
        "ManagementClient.getUser",
        " | page | number  | 否 | - | 页码  | `1` |\n | userIdType | string  | 否 | - | 类型  | `user_id` |",
    );
    let python = "class ManagementClient(object):\n    def get_user(self, user_id, page=None, user_id_type=None, with_x=None):\n        \"\"\"Get User\n\n        Get a user by ID.\n\n        Attributes:\n            userId (str): User ID\n            page (int): Page number\n            user_id_type (bool): Wrong type\n            with_x (bool): Not in the spec\n        \"\"\"\n        return self.http_client.request(\n            method='GET',\n            url='/api/v3/get-user',\n            params={\n                'userId': user_id,\n                'page': page,\n                'user_id_type': user_id_type,\n                'withX': with_x,\n            },\n        )\n";
    let mut corpus = Corpus::default();
    corpus.push("docs".into(), path, text);
    corpus.push_sdk(
        "py".into(),
        "genauth/ManagementClient.py".into(),
        python.into(),
    );
    let o = reconstruct(&corpus, None, Instant::now());
    let m = spec(&o, MANAGEMENT);
    let op = "/paths/~1api~1v3~1get-user/get";
    check(
        &m,
        &[
            (&format!("{op}/summary"), json!("获取用户")),
            (&format!("{op}/x-summary-en"), json!("Get User")),
            (
                &format!("{op}/x-description-en"),
                json!("Get a user by ID."),
            ),
            (
                &format!("{op}/x-source/1"),
                json!("py/genauth/ManagementClient.py:2"),
            ),
            (&format!("{op}/parameters/0/description"), json!("用户 ID")),
            (
                &format!("{op}/parameters/0/x-description-en"),
                json!("User ID"),
            ),
            (&format!("{op}/parameters/1/schema/type"), json!("integer")),
            (
                &format!("{op}/parameters/1/x-description-en"),
                json!("Page number"),
            ),
            // a contradicting type and a snake_case key: the spec stays, both are reported
            (&format!("{op}/parameters/2/name"), json!("userIdType")),
            (&format!("{op}/parameters/2/schema/type"), json!("string")),
            // an argument only the package sends is kept (presence)
            (&format!("{op}/parameters/3/name"), json!("withX")),
            (&format!("{op}/parameters/3/schema/type"), json!("boolean")),
            (
                &format!("{op}/parameters/3/x-description-en"),
                json!("Not in the spec"),
            ),
        ],
    );
    let report = &o.files[RECONCILIATION];
    for expected in [
        "### management `getUser`: parameter `userIdType`: type\n\n- winner: `string` (rule `pages-decide-attributes`)",
        "### management `getUser`: parameter `userIdType`: wire name\n\n- winner: `userIdType` (rule `wire-name-from-literals`)",
        "English texts (rule `english-from-python`): 1 `x-summary-en` and 1 `x-description-en` on operations, 4 on parameters",
        "Made `integer` (rule `integer-from-python`): 1 parameters and fields.",
    ] {
        assert!(report.contains(expected), "{expected}\n---\n{report}");
    }
}
