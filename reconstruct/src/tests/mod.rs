//! End-to-end reconstruction over small corpora written here (never copies of upstream pages):
//! each case builds a few pages, runs the whole pipeline in memory and checks facts of the
//! output by JSON pointer.

use std::time::Instant;

use serde_json::{Value, json};

use crate::corpus::Corpus;
use crate::{AUTHENTICATION, MANAGEMENT, Outcome, RECONCILIATION, read, reconstruct};

mod operations;
mod protocol;
mod runs;
mod schemas;

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
