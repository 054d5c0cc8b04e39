//! Which operations are recognised as paged, by shape: each case is one operation (its
//! parameters, body and response, as JSON schemas) and how it is paged, or `None`.

use authing_codegen::ir::{PageField, Pagination, PathStep};
use authing_codegen::{Flavour, generate};
use serde_json::{Value, json};

/// A list response: `{list: [Item], totalCount}`.
fn listing() -> Value {
    json!({"type": "object", "required": ["list", "totalCount"], "properties": {
        "list": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        "totalCount": {"type": "integer"}}})
}

/// A query parameter `name` of `ty`, optional unless `required`.
fn query(name: &str, ty: &str, required: bool) -> Value {
    json!({"name": name, "in": "query", "required": required, "schema": {"type": ty}})
}

/// Generates `POST /list` (`operationId: list`) with `params`, `body` and `response`, and checks
/// how it is paged (`None`: not paged) and that a `list_pages` method exists exactly then.
fn check(params: Value, body: Option<Value>, response: Value, expected: Option<&str>) {
    let mut op = json!({"operationId": "list", "parameters": params, "responses": {"200": {
        "description": "ok", "content": {"application/json": {"schema": response}}}}});
    if let Some(body) = body {
        op["requestBody"] =
            json!({"required": true, "content": {"application/json": {"schema": body}}});
    }
    let spec = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/list": {"post": op}},
        "components": {"schemas": {
            "Item": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Pagination": {"type": "object", "properties": {
                "page": {"type": "number"}, "limit": {"type": "number"}}},
            "Strict": {"type": "object", "required": ["mode"], "properties": {
                "mode": {"type": "string", "enum": ["a", "b"]},
                "pagination": {"$ref": "#/components/schemas/Pagination"}}}}}});
    let spec = spec.to_string();
    let generated = generate(&spec, Flavour::Generic).unwrap_or_else(|e| panic!("{e}\n{spec}"));
    let pagination = generated.api.client.operations[0].pagination.as_ref();
    let api = &generated.api;
    let actual =
        pagination.map(|p| describe(p, &|i| api.client.operations[0].params[i].rust_name.clone()));
    assert_eq!(actual.as_deref(), expected, "pagination of\n{spec}");
    assert_eq!(
        generated.source.contains("#[pages("),
        expected.is_some(),
        "`list_pages` in\n{}",
        generated.source
    );
}

/// `page <where>, limit <where>, items <field>, total <field>`.
fn describe(p: &Pagination, param: &dyn Fn(usize) -> String) -> String {
    let place = |f: &PageField| match f {
        PageField::Param(i) => format!("argument {}", param(*i)),
        PageField::Query(name) => format!("params.{name}"),
        PageField::Body(path) => format!("body.{}", join(path)),
    };
    let limit = p.limit.as_ref().map_or("-".to_owned(), place);
    let total = p.total.as_ref().map_or("-", |t| t.rust_name.as_str());
    format!(
        "page {}, limit {limit}, items {}, total {total}",
        place(&p.page),
        p.items
            .as_ref()
            .map_or("(response)", |items| items.rust_name.as_str())
    )
}

fn join(path: &[PathStep]) -> String {
    let names: Vec<&str> = path.iter().map(|s| s.rust_name.as_str()).collect();
    names.join(".")
}

fn paging_body(inner: Value) -> Value {
    json!({"type": "object", "properties": {"keywords": {"type": "string"}, "options": inner}})
}

#[test]
fn paged_operations_are_recognised_by_shape() {
    let page_limit = || {
        json!([
            query("page", "integer", false),
            query("limit", "integer", false)
        ])
    };
    check(
        page_limit(),
        None,
        listing(),
        Some("page params.page, limit params.limit, items list, total total_count"),
    );
    check(
        json!([
            query("pageNo", "number", false),
            query("pageSize", "number", false)
        ]),
        None,
        listing(),
        Some("page params.page_no, limit params.page_size, items list, total total_count"),
    );
    // Page numbers typed as strings of digits.
    check(
        json!([query("page", "string", false)]),
        None,
        listing(),
        Some("page params.page, limit -, items list, total total_count"),
    );
    // A required page parameter is the pager's; a required page size stays the caller's.
    check(
        json!([
            query("page", "integer", true),
            query("limit", "integer", true)
        ]),
        None,
        listing(),
        Some("page argument page, limit argument limit, items list, total total_count"),
    );
    // In the body, down to `options.pagination`, through optional structs with a default.
    check(
        json!([]),
        Some(paging_body(json!({"type": "object", "properties": {
            "pagination": {"$ref": "#/components/schemas/Pagination"}}}))),
        listing(),
        Some(
            "page body.options.pagination.page, limit body.options.pagination.limit, items list, total total_count",
        ),
    );
    check(
        json!([]),
        Some(
            json!({"type": "object", "properties": {"page": {"type": "integer"}, "limit": {"type": "integer"}}}),
        ),
        listing(),
        Some("page body.page, limit body.limit, items list, total total_count"),
    );
    // A required struct on the way needs no default (`Strict` has none: a required enum): it is
    // always there.
    check(
        json!([]),
        Some(
            json!({"type": "object", "required": ["strict"], "properties": {
            "strict": {"$ref": "#/components/schemas/Strict"}}}),
        ),
        listing(),
        Some(
            "page body.strict.pagination.page, limit body.strict.pagination.limit, items list, total total_count",
        ),
    );
    // Any single list field; no total count.
    check(
        page_limit(),
        None,
        json!({"type": "object", "properties": {"data": {"type": "array", "items": {"type": "string"}}}}),
        Some("page params.page, limit params.limit, items data, total -"),
    );
    // The response is the list.
    check(
        page_limit(),
        None,
        json!({"type": "array", "items": {"$ref": "#/components/schemas/Item"}}),
        Some("page params.page, limit params.limit, items (response), total -"),
    );
}

#[test]
fn other_operations_are_not_paged() {
    let page_limit = || {
        json!([
            query("page", "integer", false),
            query("limit", "integer", false)
        ])
    };
    // No page number.
    check(
        json!([query("limit", "integer", false)]),
        None,
        listing(),
        None,
    );
    check(
        json!([query("cursor", "string", false)]),
        None,
        listing(),
        None,
    );
    // A page "number" that is not one.
    check(
        json!([query("page", "boolean", false)]),
        None,
        listing(),
        None,
    );
    // The response is not a list, nor an object with one list.
    check(page_limit(), None, json!({"type": "string"}), None);
    check(
        page_limit(),
        None,
        json!({"type": "object", "properties": {"count": {"type": "integer"}}}),
        None,
    );
    check(
        page_limit(),
        None,
        json!({"type": "object", "properties": {
            "a": {"type": "array", "items": {"type": "string"}},
            "b": {"type": "array", "items": {"type": "string"}}}}),
        None,
    );
    // An optional struct without a default on the way to the page: it cannot be created.
    check(
        json!([]),
        Some(
            json!({"type": "object", "properties": {"strict": {"$ref": "#/components/schemas/Strict"}}}),
        ),
        listing(),
        None,
    );
    // Deeper than three fields.
    check(
        json!([]),
        Some(paging_body(
            json!({"type": "object", "properties": {"deeper": {"type": "object",
            "properties": {"pagination": {"$ref": "#/components/schemas/Pagination"}}}}}),
        )),
        listing(),
        None,
    );
}
