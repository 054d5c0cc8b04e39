//! The diff over small in-memory specs: one `check` helper, one line per case (an edit of the
//! base spec, and the changes expected as `effect kind item`).

use serde_json::{Value, json};

use super::side::{Side, Spec};
use super::{Bump, diff, next_version};

fn base() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1"},
        "paths": {
            "/pets/{id}": {"get": {
                "operationId": "getPet",
                "summary": "Get a pet",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "fields", "in": "query", "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "ok", "content": {"application/json":
                    {"schema": {"$ref": "#/components/schemas/Pet"}}}}}
            }},
            "/pets": {"post": {
                "operationId": "createPet",
                "requestBody": {"required": true, "content": {"application/json":
                    {"schema": {"$ref": "#/components/schemas/NewPet"}}}},
                "responses": {"200": {"description": "ok", "content": {"application/json":
                    {"schema": {"$ref": "#/components/schemas/Pet"}}}}}
            }},
            "/login": {"post": {
                "operationId": "login",
                "requestBody": {"required": true, "content": {"application/json":
                    {"schema": {"$ref": "#/components/schemas/Login"}}}},
                "responses": {"200": {"description": "ok"}}
            }}
        },
        "components": {"schemas": {
            "Pet": {"type": "object", "required": ["id"], "properties": {
                "id": {"type": "string"},
                "status": {"$ref": "#/components/schemas/Status"},
                "nickname": {"type": "string", "nullable": true}
            }},
            "NewPet": {"type": "object", "properties": {
                "name": {"type": "string", "description": "The name"},
                "kind": {"$ref": "#/components/schemas/Status"}
            }},
            "Status": {"type": "string", "enum": ["available", "sold"]},
            "Login": {
                "type": "object",
                "required": ["connection"],
                "properties": {
                    "connection": {"type": "string", "enum": ["PASSWORD", "PASSCODE"]},
                    "passwordPayload": {"$ref": "#/components/schemas/Password"},
                    "passCodePayload": {"$ref": "#/components/schemas/PassCode"},
                    "strict": {"type": "object", "required": ["level"], "properties": {
                        "level": {"$ref": "#/components/schemas/Status"}}}
                },
                "x-connection-payloads": {"property": "connection", "payloads":
                    {"PASSWORD": "passwordPayload", "PASSCODE": "passCodePayload"}}
            },
            "Password": {"type": "object", "properties": {"password": {"type": "string"}}},
            "PassCode": {"type": "object", "properties": {"code": {"type": "string"}}}
        }}
    })
}

fn side(spec: &Value) -> Side {
    Side {
        label: "side".into(),
        specs: vec![Spec {
            client: "pets".into(),
            origin: "pets.json".into(),
            text: spec.to_string(),
        }],
    }
}

/// `edit` applied to the base spec gives exactly the changes `expected` (`effect kind item`,
/// in report order) and `descriptions` changed descriptions.
fn check(edit: fn(&mut Value), expected: &[&str], descriptions: usize) {
    check_pair(|_| {}, edit, expected, descriptions);
}

/// [`check`] with the base spec edited on the old side too.
fn check_pair(
    old_edit: fn(&mut Value),
    edit: fn(&mut Value),
    expected: &[&str],
    descriptions: usize,
) {
    let mut old = base();
    old_edit(&mut old);
    let mut new = base();
    old_edit(&mut new);
    edit(&mut new);
    let report = diff(&side(&old), &side(&new)).expect("both sides lower");
    let client = &report.clients[0];
    let got: Vec<String> = client
        .changes
        .iter()
        .map(|c| format!("{} {} {}", c.effect.id(), c.kind.id(), c.item))
        .collect();
    assert_eq!(got, expected, "{:#?}", client.changes);
    assert_eq!(client.descriptions, descriptions, "descriptions");
}

fn at<'a>(spec: &'a mut Value, pointer: &str) -> &'a mut Value {
    spec.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}"))
}

/// Sets the member at `pointer`, creating it (its parent must exist).
fn set(spec: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match at(spec, parent) {
        Value::Object(map) => {
            map.insert(key.replace("~1", "/").replace("~0", "~"), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}"),
    }
}

fn remove(spec: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match at(spec, parent) {
        Value::Object(map) => {
            map.remove(&key.replace("~1", "/").replace("~0", "~"));
        }
        Value::Array(items) => {
            items.remove(key.parse().unwrap());
        }
        _ => panic!("{pointer}"),
    }
}

fn push(spec: &mut Value, pointer: &str, value: Value) {
    at(spec, pointer).as_array_mut().unwrap().push(value);
}

const PET: &str = "/components/schemas/Pet";
const NEW_PET: &str = "/components/schemas/NewPet";
const GET: &str = "/paths/~1pets~1{id}/get";
const CREATE: &str = "/paths/~1pets/post";

#[test]
fn no_change() {
    check(|_| {}, &[], 0);
}

#[rustfmt::skip]
#[test]
fn operations() {
    check(|s| remove(s, "/paths/~1login"), &["breaking operation_removed login"], 0);
    check(|s| set(s, "/paths/~1pets~1{id}/delete", json!({"operationId": "deletePet", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"204": {"description": "gone"}}})), &["additive operation_added delete_pet"], 0);
    check(|s| set(s, &format!("{GET}/operationId"), json!("fetchPet")), &["breaking operation_renamed fetch_pet"], 0);
    check(|s| { let op = s.pointer("/paths/~1login/post").unwrap().clone(); remove(s, "/paths/~1login"); set(s, "/paths/~1signin", json!({"post": op})); }, &["breaking path_changed login"], 0);
    check(|s| { let op = s.pointer(GET).unwrap().clone(); remove(s, GET); set(s, "/paths/~1pets~1{id}/post", op); }, &["breaking method_changed get_pet"], 0);
    check(|s| set(s, &format!("{GET}/servers"), json!([{"url": "https://legacy.example.com"}])), &["breaking request_changed get_pet"], 0);
    check(|s| set(s, &format!("{GET}/deprecated"), json!(true)), &["docs deprecation_changed get_pet"], 0);
    check(|s| set(s, &format!("{GET}/summary"), json!("Fetch a pet")), &[], 1);
    check(|s| set(s, &format!("{GET}/responses/200/content/application~1json/schema"), json!({"$ref": "#/components/schemas/NewPet"})), &["breaking response_changed get_pet"], 0);
    check(|s| remove(s, &format!("{CREATE}/requestBody")), &["breaking body_changed create_pet"], 0);
}

#[rustfmt::skip]
#[test]
fn parameters() {
    check(|s| push(s, &format!("{GET}/parameters"), json!({"name": "x-tenant", "in": "header", "required": true, "schema": {"type": "string"}})), &["breaking argument_added get_pet(x-tenant)"], 0);
    check(|s| push(s, &format!("{GET}/parameters"), json!({"name": "limit", "in": "query", "schema": {"type": "integer"}})), &["additive optional_parameter_added get_pet(limit)"], 0);
    check(|s| set(s, &format!("{GET}/parameters/1/required"), json!(true)), &["breaking params_argument_removed get_pet", "breaking parameter_required_changed get_pet(fields)"], 0);
    check(|s| set(s, &format!("{GET}/parameters/1/schema"), json!({"type": "integer"})), &["breaking optional_parameter_type_changed get_pet(fields)"], 0);
    check(|s| set(s, &format!("{GET}/parameters/0/schema"), json!({"type": "integer"})), &["breaking argument_type_changed get_pet(id)"], 0);
    check(|s| remove(s, &format!("{GET}/parameters/1")), &["breaking params_argument_removed get_pet"], 0);
    check(|s| set(s, &format!("{CREATE}/parameters"), json!([{"name": "dryRun", "in": "query", "schema": {"type": "boolean"}}])), &["breaking params_argument_added create_pet"], 0);
    check(|s| set(s, &format!("{GET}/parameters/0/description"), json!("The id")), &[], 1);
    // Two path parameters of one type swapped: calls still compile, and send each value to the other.
    fn two_path_params(s: &mut Value) { let op = s.pointer(GET).unwrap().clone(); remove(s, "/paths/~1pets~1{id}"); set(s, "/paths/~1pets~1{id}~1{rev}", json!({"get": op})); push(s, "/paths/~1pets~1{id}~1{rev}/get/parameters", json!({"name": "rev", "in": "path", "required": true, "schema": {"type": "string"}})); }
    check_pair(two_path_params, |s| { let op = s.pointer("/paths/~1pets~1{id}~1{rev}").unwrap().clone(); remove(s, "/paths/~1pets~1{id}~1{rev}"); set(s, "/paths/~1pets~1{rev}~1{id}", op); }, &["breaking path_changed get_pet", "breaking arguments_reordered get_pet"], 0);
    check(|s| { let path = s.pointer("/paths/~1pets~1{id}").unwrap().clone(); remove(s, "/paths/~1pets~1{id}"); set(s, "/paths/~1owners~1{owner}~1pets~1{id}", path); push(s, "/paths/~1owners~1{owner}~1pets~1{id}/get/parameters", json!({"name": "owner", "in": "path", "required": true, "schema": {"type": "string"}})); }, &["breaking path_changed get_pet", "breaking argument_added get_pet(owner)"], 0);
}

#[rustfmt::skip]
#[test]
fn fields() {
    // NewPet derives Default and is a request body; Pet is a response; LoginStrict is a request
    // struct without Default (its required enum field has none).
    check(|s| set(s, &format!("{NEW_PET}/properties/age"), json!({"type": "integer"})), &["additive field_added NewPet.age"], 0);
    check(|s| { set(s, &format!("{NEW_PET}/properties/age"), json!({"type": "integer"})); set(s, &format!("{NEW_PET}/required"), json!(["age"])); }, &["breaking field_added NewPet.age"], 0);
    check(|s| set(s, &format!("{NEW_PET}/required"), json!(["name"])), &["breaking field_type_changed NewPet.name"], 0);
    check(|s| set(s, &format!("{NEW_PET}/required"), json!(["kind"])), &["breaking field_type_changed NewPet.kind", "breaking default_removed NewPet"], 0);
    check(|s| set(s, "/components/schemas/Login/properties/strict/properties/note", json!({"type": "string"})), &["breaking field_added LoginStrict.note"], 0);
    check(|s| set(s, &format!("{PET}/properties/age"), json!({"type": "integer"})), &["additive field_added Pet.age"], 0);
    check(|s| { set(s, &format!("{PET}/properties/age"), json!({"type": "integer"})); set(s, &format!("{PET}/required"), json!(["id", "age"])); }, &["additive field_added Pet.age"], 0);
    check(|s| remove(s, &format!("{PET}/properties/nickname")), &["breaking field_removed Pet.nickname"], 0);
    check(|s| set(s, &format!("{PET}/properties/id"), json!({"type": "integer"})), &["breaking field_type_changed Pet.id"], 0);
    check(|s| set(s, &format!("{PET}/required"), json!(["id", "nickname"])), &["additive field_required_changed Pet.nickname"], 0);
    check(|s| set(s, &format!("{NEW_PET}/properties/name/description"), json!("What it answers to")), &[], 1);
}

#[rustfmt::skip]
#[test]
fn enums_and_connections() {
    check(|s| push(s, "/components/schemas/Status/enum", json!("pending")), &["breaking enum_value_added Status::Pending"], 0);
    check(|s| set(s, "/components/schemas/Status/enum", json!(["available"])), &["breaking enum_value_removed Status::Sold"], 0);
    check(|s| { push(s, "/components/schemas/Login/properties/connection/enum", json!("LDAP")); set(s, "/components/schemas/Login/properties/ldapPayload", json!({"$ref": "#/components/schemas/Password"})); set(s, "/components/schemas/Login/x-connection-payloads/payloads/LDAP", json!("ldapPayload")); }, &["breaking connection_variant_added LoginConnection::Ldap"], 0);
    check(|s| set(s, "/components/schemas/Login/x-connection-payloads/payloads/PASSCODE", json!("passwordPayload")), &["breaking field_added Login.pass_code_payload", "breaking connection_payload_changed LoginConnection::Passcode"], 0);
    check(|s| set(s, "/components/schemas/Pet/properties/status", json!({"type": "string"})), &["breaking field_type_changed Pet.status"], 0);
}

#[rustfmt::skip]
#[test]
fn types() {
    check(|s| set(s, "/components/schemas/Owner", json!({"type": "object", "properties": {"name": {"type": "string"}}})), &["additive type_added Owner"], 0);
    check(|s| set(s, "/components/schemas/Password", json!({"type": "string"})), &["breaking type_kind_changed Password"], 0);
    check(|s| set(s, "/components/schemas/Pet/description", json!("A pet")), &[], 1);
}

#[test]
fn clients_on_one_side_only_are_all_added_or_removed() {
    let old = side(&base());
    let mut new = side(&base());
    new.specs.push(Spec {
        client: "stores".into(),
        origin: "stores.json".into(),
        text: base().to_string(),
    });
    let report = diff(&old, &new).unwrap();
    let stores = &report.clients[1];
    assert_eq!(stores.client, "stores");
    assert_eq!(stores.operations, (0, 3));
    assert_eq!(stores.count(super::Effect::Breaking), 0);
    assert_eq!(report.bump(), Bump::Minor);
    assert!(diff(&new, &old).unwrap().bump() == Bump::Major);
}

#[test]
fn a_side_that_is_not_openapi_is_an_error_naming_it() {
    let mut bad = side(&json!({"swagger": "2.0"}));
    bad.specs[0].origin = "old/pets.json".into();
    let error = diff(&bad, &side(&base())).unwrap_err();
    assert!(error.starts_with("old/pets.json: "), "{error}");
}

#[rustfmt::skip]
#[test]
fn versions() {
    for (version, bump, next) in [
        ("0.1.0", Bump::Major, "0.2.0"), ("0.1.3", Bump::Minor, "0.1.4"), ("0.1.3", Bump::Patch, "0.1.4"),
        ("0.0.3", Bump::Major, "0.0.4"), ("1.2.3", Bump::Major, "2.0.0"), ("1.2.3", Bump::Minor, "1.3.0"),
        ("1.2.3", Bump::Patch, "1.2.4"), ("1.2.3", Bump::None, "1.2.3"),
    ] {
        assert_eq!(next_version(version, bump).as_deref(), Some(next), "{version} {bump:?}");
    }
    assert_eq!(next_version("1.2", Bump::Major), None);
    assert_eq!(next_version("1.2.3-rc.1", Bump::Major), None);
}

#[test]
fn a_changelog_section_names_the_bump_the_next_version_and_each_change_with_its_reason() {
    let mut new = base();
    push(
        &mut new,
        "/components/schemas/Status/enum",
        json!("pending"),
    );
    set(&mut new, &format!("{GET}/summary"), json!("Fetch a pet"));
    let report = diff(&side(&base()), &side(&new)).unwrap();
    let section = crate::changelog::section(&report, "Unreleased", "0.1.0");
    assert_eq!(
        section,
        "## Unreleased\n\n\
         Spec side -> side. Implied semver bump: **major** (breaking changes). \
         Next version: 0.2.0 (from 0.1.0).\n\n\
         ### `pets` (3 -> 3 operations)\n\n\
         #### Breaking\n\n\
         enum values added — a new variant of an exhaustive enum: exhaustive matches stop \
         compiling, and the value no longer comes as `Unknown`:\n\n\
         - `Status::Pending`: `pending`\n\n\
         #### Docs\n\n\
         1 description changed.\n"
    );
}
