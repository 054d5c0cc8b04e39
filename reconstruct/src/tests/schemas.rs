//! What the schemas get: body names, connection pairs, envelope rows, examples, and the Python package's texts and numbers.

use super::*;

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

#[test]
fn a_package_enum_mixing_strings_and_numbers_keeps_its_members_untyped() {
    let client = "export class ManagementClient {\n  public async review(requestBody: ReviewDto): Promise<IsSuccessRespDto> {\n    return await this.httpClient.request({\n      method: \"POST\",\n      url: \"/api/v3/review\",\n      data: requestBody,\n    });\n  }\n}\n";
    let model = "export type ReviewDto = {\n    status: ReviewDto.status;\n};\n\nexport namespace ReviewDto {\n    export enum status {\n        PASS = 'pass',\n        '_-1' = -1,\n    }\n}\n";
    let mut corpus = Corpus::default();
    for (path, text) in [
        ("src/ManagementClient.ts", client),
        ("src/models/ReviewDto.ts", model),
        ("src/models/index.ts", "export * from './ReviewDto';"),
    ] {
        corpus.push_sdk("node".into(), path.into(), text.into());
    }
    let o = reconstruct(&corpus, None, Instant::now());
    let m = spec(&o, MANAGEMENT);
    // `-1` is the wire value, not the member's name `_-1`; no one type holds both members
    let status = "/components/schemas/ReviewDto/properties/status";
    check(
        &m,
        &[
            (&format!("{status}/enum"), json!(["pass", -1])),
            (&format!("{status}/type"), Value::Null),
        ],
    );
}
