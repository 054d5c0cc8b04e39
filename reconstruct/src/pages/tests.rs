//! Fixture tests of page reading: each case is a small page written for it, read with
//! [`super::parse`], and rendered one fact per line.

use std::collections::BTreeMap;

use super::page::Field;
use super::parse::parse;
use super::path::classify_path;
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostics;
use crate::model::Client;

/// Parses `text` as the page at `path` (with one `common/` fragment available) and renders
/// what was read, one fact per line.
fn render(path: &str, text: &str) -> String {
    let mut corpus = Corpus::default();
    let frag = corpus.push(
        "docs".into(),
        "common/token_table.md".into(),
        "| 名称 | 类型 | 是否必填 | 描述 | 示例值 |\n| ---- | ---- | ---- | ---- | ---- |\n| token_type | string | 是 | token 类型 | `bearer` |\n".into(),
    );
    let id = corpus.push("docs".into(), path.into(), text.into());
    let fragments = BTreeMap::from([("token_table.md".to_string(), frag)]);
    let mut diags = Diagnostics::default();
    let Ok(p) = classify_path(&corpus, id) else {
        return "not a page".into();
    };
    let page = parse(&corpus, id, p, &fragments, &mut diags);
    let mut out = Vec::new();
    out.push(format!(
        "{} {:?} {:?}{}",
        page.lang.name(),
        page.folder.map(Client::name),
        page.generation,
        if page.english { " english" } else { "" }
    ));
    if let Some((t, _)) = &page.title {
        out.push(format!("title: {t}"));
    }
    if !page.description.is_empty() {
        out.push(format!(
            "description: {}",
            page.description.replace('\n', "⏎")
        ));
    }
    if let Some(m) = &page.method {
        out.push(format!("method: {}.{}", m.client.name(), m.name));
    }
    let flags: Vec<&str> = [
        (page.token_endpoint, "token-endpoint"),
        (page.requires_login, "login"),
        (page.deprecated, "deprecated"),
        (page.sdk_language_types, "sdk-types"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, n)| *n)
    .collect();
    if !flags.is_empty() {
        out.push(format!("flags: {}", flags.join(" ")));
    }
    let field = |f: &Field| {
        let mut s = format!("{}:{}", f.name, f.ty.render());
        match f.required {
            Some(true) => s.push_str(":req"),
            Some(false) => {}
            None => s.push_str(":?"),
        }
        if f.query {
            s.push_str(":query");
        }
        if let Some(d) = &f.default {
            s.push_str(&format!(":default={d}"));
        }
        if !f.description.bullets.is_empty() {
            let v: Vec<&str> = f
                .description
                .bullets
                .iter()
                .map(|(v, _)| v.as_str())
                .collect();
            s.push_str(&format!(":enum={}", v.join("|")));
        }
        if let Some(m) = f.description.max_items {
            s.push_str(&format!(":max={m}"));
        }
        s
    };
    if let Some(params) = &page.params {
        out.push(format!(
            "params: {}",
            params.iter().map(field).collect::<Vec<_>>().join(", ")
        ));
    }
    if let Some((t, _)) = &page.body_type {
        out.push(format!("body type: {t}"));
    }
    for (s, _) in &page.samples {
        let classes: Vec<String> = s
            .arg_classes
            .iter()
            .map(|(m, c)| format!("{m}({c})"))
            .collect();
        out.push(format!(
            "sample: {} {}",
            s.calls.join(","),
            classes.join(",")
        ));
    }
    if let Some(r) = &page.response {
        let ty = r.type_name.as_ref().map_or("-", |(t, _)| t.as_str());
        out.push(format!(
            "response {ty}: {}",
            r.fields.iter().map(field).collect::<Vec<_>>().join(", ")
        ));
    }
    for s in &page.structures {
        if s.enum_values.is_empty() {
            out.push(format!(
                "struct {}: {}",
                s.name,
                s.fields.iter().map(field).collect::<Vec<_>>().join(", ")
            ));
        } else {
            let v: Vec<&str> = s.enum_values.iter().map(|(v, _)| v.as_str()).collect();
            out.push(format!("enum {}: {}", s.name, v.join("|")));
        }
    }
    for d in diags.sorted() {
        out.push(format!("! {}", Diagnostics::render(&corpus, d)));
    }
    out.iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn check(path: &str, text: &str, expected: &str) {
    let got = render(path, text);
    assert_eq!(
        got,
        expected.trim(),
        "\n--- page {path} ---\n{text}\n--- got ---\n{got}\n"
    );
}

const NOTE: &str = "<!--\n  警告⚠️：\n  https://github.com/Authing/authing-docs-factory\n-->\n\n<LastUpdated />\n\n> 此文档根据 https://github.com/authing/authing-docs-factory 基于 V3 API 自动生成。\n";
const HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | <div style=\"width:60px\">默认值</div> | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\">示例值</div> |\n| ---- | ---- | ---- | ---- | ---- | ---- |";
const OLD_HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | 默认值 | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\"></div>示例值</div> |\n| ---- | ---- | ---- | ---- | ---- | ---- |";
const STRUCT_HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\">示例值</div> |\n| ---- |  ---- | ---- | ---- | ---- |";

#[test]
fn newest_generation_post_page() {
    check(
        "node/authentication/登录/sign-in.md",
        &format!(
            "# 登录\n\n{NOTE}\n登录接口。\n\n## 方法名称\n\n`AuthenticationClient.signIn`\n\n## 请求参数\n\n{HEADER}\n\
             | account | string | 是 | - | 账号  | `bob` |\n\
             | kind | string | 否 | PASSWORD | 方式：<br>- `PASSWORD`: 密码<br>- `CODE `: 验证码<br>  | `PASSWORD` |\n\
             | payload | <a href=\"#PayloadDto\">PayloadDto</a> | 否 | - | 数据  |  |\n\n\
             ## 示例代码\n\n```go\nreqDto := &dto.SignInDto{{\n}}\nrespDto := client.SignIn(reqDto)\n```\n\n\
             ## 请求响应\n\n类型： `LoginRespDto`\n\n| 名称 | 类型 | 描述 |\n| ---- | ---- | ---- |\n| statusCode | number | 状态码 |\n| data | <a href=\"#TokenDto\">TokenDto</a> | 数据 |\n\n\
             ## 数据结构\n\n### <a id=\"PayloadDto\"></a> PayloadDto\n\n{STRUCT_HEADER}\n| ids | array | 是 | 列表 嵌套类型：<a href=\"#IdDto\">IdDto</a>。 数组长度限制：50  |  |\n"
        ),
        r##"
node Some("authentication") Newest
title: 登录
description: 登录接口。
method: authentication.signIn
params: account:string:req, kind:string:default=PASSWORD:enum=PASSWORD|CODE, payload:#PayloadDto
sample: SignIn SignIn(SignInDto)
response LoginRespDto: statusCode:number:req, data:#TokenDto:req
struct PayloadDto: ids:#IdDto[]:req:max=50
! docs/node/authentication/登录/sign-in.md:23: warning: field `kind`: stray spaces inside an enum value's backticks (trimmed)
"##,
    );
}

#[test]
fn query_rows_of_a_get_page() {
    check(
        "go/management/管理用户/get-user.md",
        &format!(
            "# 获取用户\n\n{NOTE}\n## 方法名称\n\n`ManagementClient.GetUser`\n\n## 请求参数\n\n{HEADER}\n | userId | string  | 是 | - | 用户 ID  | `u1` |\n | withCustomData | boolean  | 否 | - | 是否获取  | `true` |\n"
        ),
        r##"
go Some("management") Newest
title: 获取用户
method: management.GetUser
params: userId:string:req:query, withCustomData:boolean:query
"##,
    );
}

#[test]
fn older_generation_and_its_header() {
    check(
        "php/management/管理用户/get-user.md",
        &format!(
            "# 获取用户\n\n<!-- authing-docs-factory -->\n\n通过 ID 获取用户（已废弃）。\n\n## 方法名称\n\n`ManagementClient.getUser`\n\n## 请求参数\n\n{OLD_HEADER}\n| userId | string  | 是 | - | 用户 ID  | `u1` |\n"
        ),
        r##"
php Some("management") Older
title: 获取用户
description: 通过 ID 获取用户（已废弃）。
method: management.getUser
flags: deprecated
params: userId:string:req:query
"##,
    );
}

#[test]
fn english_page_with_its_headings_and_flags() {
    check(
        "000_seed.txt",
        "# Use mobile social login\n\n<!--\nhttps://github.com/Authing/authing-docs-factory\n-->\n\n> This document is automatically generated based on V3 API.\n\n\
         When the exchange token authentication method is client_secret_post or client_secret_basic, ...\n\n## Method name\n\n`AuthenticationClient.signInByMobile`\n\n## Request parameters\n\n\
         | Name | Type | <div style=\"width:80px\">Is it required</div> | Default value | <div style=\"width:300px\">Description</div> | <div style=\"width:200px\"></div>Sample value</div> |\n\
         | ---- | ---- | ---- | ---- | ---- | ---- |\n| connection | string | yes | - | Type:<br>- `wechat`: WeChat | `wechat` |\n| options | <a href=\"#O\">O</a> | No | - | Options | |\n| code | string | is | - | Code | |\n\n\
         ## Request Response\n\nType： `LoginTokenRespDto`\n",
        r##"
other None Newest english
title: Use mobile social login
description: When the exchange token authentication method is client_secret_post or client_secret_basic, ...
method: authentication.signInByMobile
flags: token-endpoint
params: connection:string:req:enum=wechat, options:#O, code:string:req
response LoginTokenRespDto:
"##,
    );
}

#[test]
fn include_fragments_fill_structures() {
    check(
        "node/authentication/登录/signin-by-x.md",
        "# 登录\n\n## 数据结构\n\n### <a id=\"TokenDto\"></a> TokenDto\n\n!!!include(reference/sdk/common/token_table.md)!!!\n\n### <a id=\"Gone\"></a> Gone\n\n!!!include(reference/sdk/common/missing.md)!!!\n",
        r##"
node Some("authentication") HandWritten
title: 登录
struct TokenDto: token_type:string:req
struct Gone:
! docs/node/authentication/登录/signin-by-x.md:11: warning: include of unknown fragment `missing.md`
"##,
    );
}

#[test]
fn rows_and_headings_merged_into_one_line() {
    check(
        "001_seed.txt",
        "# T\n\n## Data Structure\n\n### <a id=\"A\"></a> A\n\n| Name | Type | Is it required | Description | Example Value |\n| ---- | ------ | ---- | ---- | ---- |\n\
         | code | string | No | a code | |\n\
         | token | string | No | a token | | ### <a id=\"B\"></a> B | Name | Type | Is it required | Description | Example Value | | ---- | ------ | ---- | ---- | ---- | | code | string | Yes | b code | | ### <a id=\"C\"></a> C | Name | Type | Is it required | Description | Example Value | | ---- | ---- | ---- | ---- | ---- |\n\
         | code | string | yes | c code | |\n",
        r##"
other None HandWritten english
title: T
struct A: code:string, token:string
struct B: code:string:req
struct C: code:string:req
"##,
    );
}

#[test]
fn a_truncated_page_keeps_what_it_has() {
    check(
        "002_seed.txt",
        &format!(
            "# T\n\n## 请求参数\n\n{HEADER}\n| a | string | 是 | - | 完整  | `x` |\n| b | <a href=\"#B\">B</a> | 否 | - | 被截断的描"
        ),
        r##"
other None HandWritten
title: T
params: a:string:req, b:#B
! docs/002_seed.txt:8: warning: field `b`: row cut off
"##,
    );
}

#[test]
fn a_row_spliced_into_another_keeps_its_own_type() {
    check(
        "003_seed.txt",
        "# T\n\n## Request parameters\n\n| Name | Type | Is it required | Default value | Description | Sample value |\n| --------- | ------------ ...| `wework` |\n\
         | alipayPayload | <a href=\"#SignInByApplePayloadDto\">SignInByApplePayloadDto</a> | No | - | WeChat data, required when `connection` is `apple`.ref=\"#SignInByAlipayPayloadDto\">SignInByAlipayPayloadDto</a> | No | - | Alipay data, required when `connection` is `alipay`. | |\n",
        r##"
other None HandWritten english
title: T
params: alipayPayload:#SignInByAlipayPayloadDto
! docs/003_seed.txt:6: warning: garbled separator row, content lost: `------------ ...`
! docs/003_seed.txt:7: warning: field `alipayPayload`: row spliced with another row; kept the trailing cells, dropped `<a href="#SignInByApplePayloadDto">SignInByApplePayloadDto</a> | No | -`
! docs/003_seed.txt:7: warning: field `alipayPayload`: type cell holds a damaged link; recovered `SignInByAlipayPayloadDto`
"##,
    );
}

#[test]
fn an_sdk_wrapper_page_without_method_name() {
    check(
        "node/authentication/登录/signin-by-account-password.md",
        &format!(
            "# 账号密码登录\n\n<!-- authing-docs-factory -->\n\n## 请求参数\n\n{OLD_HEADER}\n| account | String | 是 | - | 账号 | `a` |\n\n## 示例代码\n\n```ts\nconst r = await authenticationClient.signInByAccountPassword({{}});\n```\n"
        ),
        r##"
node Some("authentication") Older
title: 账号密码登录
flags: sdk-types
params: account:string:req
sample: signInByAccountPassword 
"##,
    );
}

#[test]
fn a_hand_written_page_with_a_body_class_and_missing_default_cells() {
    check(
        "java/management/管理数据资源与权限/create-dnef.md",
        &format!(
            "# 创建扩展字段\n\n## 方法名称\n\n`ManagementClient.createDnef`\n\n## 请求参数\n类型： `CreateDenfDto`\n\n{HEADER}\n| key | string | 是 | 字段 Key   |  `str` |\n| valueType | ValueType | 是 | 值类型  |  `STRING`（文本）、`SELECT`（单选） |\n| config | <a href=\"#Cfg\">Cfg</a> | 否 | 配置 |   \n\n## 请求响应\n类型： `IsSuccessRespDto`\n\n| 名称 | 类型 | 描述 |\n| ---- | ---- | ---- |\n| statusCode | number | 状态码 |\n"
        ),
        r##"
java Some("management") HandWritten
title: 创建扩展字段
method: management.createDnef
params: key:string:req, valueType:ValueType:req, config:#Cfg
body type: CreateDenfDto
response IsSuccessRespDto: statusCode:number:req
! docs/java/management/管理数据资源与权限/create-dnef.md:14: warning: field `config`: row cut off
"##,
    );
}

#[test]
fn a_hand_written_enum_table() {
    check(
        "node/management/管理数据资源与权限/get-struct.md",
        "# T\n\n## 数据结构\n\n### <a id=\"ResourceType\"></a> ResourceType\n\n| 名称     | 类型   | 描述    |\n|:-------|:-----|-------|\n| STRING | enum | 字符串类型 |\n| TREE   | enum | 树类型   |\n",
        r##"
node Some("management") HandWritten
title: T
enum ResourceType: STRING|TREE
"##,
    );
}

#[test]
fn login_requirement_from_prose_or_sample() {
    check(
        "node/authentication/用户资料/get-profile.md",
        "# 获取用户资料\n\n此端点用户获取用户资料，需要在请求头中带上用户的 `access_token`。\n\n## 方法名称\n\n`AuthenticationClient.getProfile`\n",
        r##"
node Some("authentication") HandWritten
title: 获取用户资料
description: 此端点用户获取用户资料，需要在请求头中带上用户的 `access_token`。
method: authentication.getProfile
flags: login
"##,
    );
}

#[test]
fn paths_that_are_not_reference_pages() {
    check("node/install.md", "# 安装", "not a page");
    check("miniapp/quick.md", "# 小程序", "not a page");
    check("common/fragment.md", "| a |", "not a page");
}

// The same pages, rendered differently (issue 7): padded tables, header and flag wordings of the
// English renderings, damaged structure headings.

const EN_NOTE: &str = "<!--\nhttps://github.com/Authing/authing-docs-factory\n-->\n\n> This document is automatically generated based on V3 API.\n";

#[test]
fn a_padded_request_table_keeps_indented_query_rows() {
    check(
        "node/management/管理用户/get-user.md",
        &format!(
            "# 获取用户\n\n{NOTE}\n## 方法名称\n\n`ManagementClient.getUser`\n\n## 请求参数\n\n\
             | 名称           | 类型    | 是否必填 | 默认值 | 描述     | 示例值 |\n\
             | -------------- | ------- | -------- | ------ | -------- | ------ |\n \
             | userId         | string  | 是       | -      | 用户 ID  | `u1`   |\n \
             | withCustomData | boolean | 否       | -      | 是否获取 | `true` |\n"
        ),
        r##"
node Some("management") Newest
title: 获取用户
method: management.getUser
params: userId:string:req:query, withCustomData:boolean:query
"##,
    );
}

#[test]
fn a_padded_request_table_without_indentation_is_read_as_body_rows_with_a_warning() {
    check(
        "node/management/管理用户/get-user.md",
        &format!(
            "# 获取用户\n\n{NOTE}\n## 方法名称\n\n`ManagementClient.getUser`\n\n## 请求参数\n\n\
             | 名称           | 类型    | 是否必填 | 默认值 | 描述     | 示例值 |\n\
             | -------------- | ------- | -------- | ------ | -------- | ------ |\n\
             | userId         | string  | 是       | -      | 用户 ID  | `u1`   |\n\
             | withCustomData | boolean | 否       | -      | 是否获取 | `true` |\n"
        ),
        r##"
node Some("management") Newest
title: 获取用户
method: management.getUser
params: userId:string:req, withCustomData:boolean
! docs/node/management/管理用户/get-user.md:18: warning: request table padded to line up, without indented rows: the rows are read as body rows (rule `method-from-row-template`); a query row whose indentation the padding removed is misread
"##,
    );
}

#[test]
fn a_padded_hand_written_table_is_read_as_body_rows_without_a_warning() {
    check(
        "node/authentication/管理-token/revoke-token.md",
        "# 撤回 Token\n\n## 请求参数\n\n\
         | 名称  | 类型   | 是否必填 | 默认值 | 描述  | 示例值 |\n\
         | ----- | ------ | -------- | ------ | ----- | ------ |\n\
         | token | string | 是       | -      | Token | `t`    |\n",
        r##"
node Some("authentication") HandWritten
title: 撤回 Token
params: token:string:req
"##,
    );
}

#[test]
fn english_header_wordings_type_words_and_flags_in_every_case() {
    check(
        "004_seed.txt",
        &format!(
            "# Create user\n\n{EN_NOTE}\n## Method Name\n\n`ManagementClient.createUser`\n\n## Request Parameters\n\n\
             | Name | Type | Is this field required? | Default Value | Description | Example Value |\n| ---- | ---- | ---- | ---- | ---- | ---- |\n\
             | status | STRING | NO | Activated | Status | `Activated` |\n\
             | email | String | Yes | - | Email | |\n\
             | age | Number | not | - | Age | `3` |\n\
             | blocked | BOOLEAN | Is | - | Blocked | |\n\
             | tags | Array | **No** | - | Tags Nested Type: <a href=\"#TagDto\">TagDto</a>. | |\n\
             | extra | Object | N | - | Extra | |\n\n\
             ## Data Structure\n\n### <a id=\"TagDto\"></a> TagDto\n\n\
             | Name | Type | Is it required? | Description | Example Value |\n| ---- | ---- | ---- | ---- | ---- |\n\
             | name | string | YES | Name | |\n"
        ),
        r##"
other None Newest english
title: Create user
method: management.createUser
params: status:string:default=Activated, email:string:req, age:number, blocked:boolean:req, tags:#TagDto[], extra:object
struct TagDto: name:string:req
"##,
    );
}

#[test]
fn damaged_structure_headings_in_odd_places() {
    check(
        "node/authentication/登录/sign-in.md",
        &format!(
            "# 登录\n\n{NOTE}\n## 方法名称\n\n`AuthenticationClient.signIn`\n\n## 请求参数\n\n{HEADER}\n\
             | payload | <a href=\"#A\">A</a> | 否 | - | 数据  |  |\n\n\
             ### <a id=\"Early\"></a> Early\n\n{STRUCT_HEADER}\n| e | string | 是 | 早 |  |\n\n\
             ## 数据结构 ### <a id=\"A\"></a> A\n\n{STRUCT_HEADER}\n| a | string | 是 | 一 |  |\n\
             | b | string | 否 | 二 |  | # ... id=\"B\"></a> B {STRUCT_HEADER}\n| c | string | 是 | 三 |  |\n\n\
             ## <a id=\"C\"></a> C\n\n{STRUCT_HEADER}\n| d | number | 否 | 四 |  |\n\n\
             #### <a id=\"D\"></a> D\n\n{STRUCT_HEADER}\n| f | boolean | 是 | 五 |  |\n"
        ),
        r##"
node Some("authentication") Newest
title: 登录
method: authentication.signIn
params: payload:#A
struct Early: e:string:req
struct A: a:string:req, b:string
struct B: c:string:req
struct C: d:number
struct D: f:boolean:req
! docs/node/authentication/登录/sign-in.md:33: warning: damaged structure heading `# ... id="B"></a> B`: read as structure `B`
! docs/node/authentication/登录/sign-in.md:37: warning: damaged structure heading `## <a id="C"></a> C`: read as structure `C`
! docs/node/authentication/登录/sign-in.md:43: warning: damaged structure heading `#### <a id="D"></a> D`: read as structure `D`
"##,
    );
}
