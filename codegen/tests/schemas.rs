//! Schema constructs that once lowered to the wrong type: each case is a `components` section
//! (YAML), the lines the generated source must hold, and the exact diagnostics.

use authing_codegen::{Flavour, generate};

/// Generates a spec made of `components` (YAML, indented under `components:`) and checks that
/// the source holds every `expected` line and the diagnostics are exactly `diagnostics`.
fn check(components: &str, expected: &[&str], diagnostics: &[&str]) {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: \"1\"}}\npaths: {{}}\ncomponents:\n{components}"
    );
    let generated = generate(&spec, Flavour::Generic).unwrap_or_else(|e| panic!("{e}\n{spec}"));
    let actual: Vec<String> = generated
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(actual, diagnostics, "diagnostics of\n{spec}");
    for line in expected {
        assert!(
            generated.source.contains(line),
            "`{line}` not in the source of\n{spec}\n{}",
            generated.source
        );
    }
}

#[test]
fn all_of_wrapping_a_scalar_or_an_array_is_that_type() {
    const ID: &str = "    Id: {type: string}\n    Ids: {type: array, items: {type: integer}}\n";
    check(
        &format!(
            "  schemas:\n{ID}    Ref:\n      allOf: [{{$ref: '#/components/schemas/Id'}}]\n      description: the id\n"
        ),
        &["pub type Ref = Id;"],
        &[],
    );
    check(
        &format!(
            "  schemas:\n{ID}    Ref:\n      allOf: [{{$ref: '#/components/schemas/Id'}}, {{description: the id, example: abc}}]\n"
        ),
        &["pub type Ref = Id;"],
        &[],
    );
    check(
        &format!(
            "  schemas:\n{ID}    List:\n      allOf: [{{description: ids}}, {{$ref: '#/components/schemas/Ids'}}]\n"
        ),
        &["pub type List = Ids;"],
        &[],
    );
    check(
        &format!(
            "  schemas:\n{ID}    Narrow:\n      allOf: [{{$ref: '#/components/schemas/Id'}}, {{type: string, maxLength: 8}}]\n"
        ),
        &["pub type Narrow = Id;"],
        &[],
    );
    check(
        &format!(
            "  schemas:\n{ID}    Holder:\n      type: object\n      properties:\n        id:\n          allOf: [{{$ref: '#/components/schemas/Id'}}, {{description: the id}}]\n"
        ),
        &["pub id: Option<Id>,"],
        &[],
    );
    // Parts of different types stay a merge, reported as before.
    check(
        &format!(
            "  schemas:\n{ID}    Mixed:\n      allOf: [{{$ref: '#/components/schemas/Id'}}, {{$ref: '#/components/schemas/Ids'}}]\n"
        ),
        &["pub struct Mixed {}"],
        &[
            "warning: /components/schemas/Id: an `allOf` part that is not an object is not supported; part ignored",
            "warning: /components/schemas/Ids: an `allOf` part that is not an object is not supported; part ignored",
        ],
    );
}

#[test]
fn a_scope_string_said_or_shown_to_be_space_separated_is_a_scope_list() {
    let scopes = "pub scope: Option<::authing::runtime::Scopes>,";
    let object = |scope: &str| {
        format!(
            "  schemas:\n    Options:\n      type: object\n      properties:\n        scope: {scope}\n"
        )
    };
    check(
        &object("{type: string, description: '多个 scope 请用空格分隔', enum: [openid, profile]}"),
        &[scopes],
        &[],
    );
    check(
        &object("{type: string, x-description-en: 'Space-separated scopes'}"),
        &[scopes],
        &[],
    );
    check(
        &object("{type: string, example: 'openid profile'}"),
        &[scopes],
        &[],
    );
    // No evidence of a list: what the schema says.
    check(
        &object("{type: string, example: openid}"),
        &["pub scope: Option<String>,"],
        &[],
    );
    check(
        &object("{type: string, enum: [openid, profile]}"),
        &["pub scope: Option<OptionsScope>,"],
        &[],
    );
    check(
        "  schemas:\n    Options:\n      type: object\n      properties:\n        scopes: {type: string, example: 'a b'}\n",
        &["pub scopes: Option<String>,"],
        &[],
    );
}
