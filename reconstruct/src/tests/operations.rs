//! Which pages become which operations: generations, stale copies, renamed families, wrappers, legacy guides, names.

use super::*;

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
fn a_package_naming_the_method_otherwise_is_reported_even_when_another_agrees() {
    let (path, text) = user_page(NOTE, "node", "ManagementClient.getUser", "");
    let python = "class ManagementClient(object):\n    def get_user(self, user_id):\n        \"\"\"Get User\n\n        Attributes:\n            userId (str): User ID\n        \"\"\"\n        return self.http_client.request(\n            method='GET',\n            url='/api/v3/get-user',\n            params={\n                'userId': user_id,\n            },\n        )\n";
    let node = "export class ManagementClient {\n  public async fetchUser({ userId }: { userId: string }): Promise<UserSingleRespDto> {\n    return await this.httpClient.request({\n      method: \"GET\",\n      url: \"/api/v3/get-user\",\n      params: { userId: userId },\n    });\n  }\n}\n";
    let mut corpus = Corpus::default();
    corpus.push("docs".into(), path, text);
    corpus.push_sdk(
        "py".into(),
        "genauth/ManagementClient.py".into(),
        python.into(),
    );
    corpus.push_sdk("node".into(), "src/ManagementClient.ts".into(), node.into());
    let o = reconstruct(&corpus, None, Instant::now());
    let m = spec(&o, MANAGEMENT);
    check(
        &m,
        &[(
            "/paths/~1api~1v3~1get-user/get/operationId",
            json!("getUser"),
        )],
    );
    let report = &o.files[RECONCILIATION];
    let expected = "### management `getUser`: operationId\n\n- winner: `getUser` (rule `operation-id-from-method-name`)\n- `fetchUser`: node/src/ManagementClient.ts:2\n- `getUser`: docs/node/management/管理用户/get-user.md:";
    assert!(report.contains(expected), "{expected}\n---\n{report}");
}
