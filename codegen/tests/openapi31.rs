//! OpenAPI 3.1 documents are read through the normalising pass: each construct lands on the
//! 3.0 reading (checked in the generated source), and what does not map is a warning at its
//! pointer.

use authing_codegen::{Flavour, generate};

const SPEC: &str = r##"
openapi: 3.1.0
info: {title: t, version: "1"}
webhooks:
  newPet: {post: {responses: {"200": {description: ok}}}}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
components:
  schemas:
    Pet:
      type: object
      required: [name, kind]
      properties:
        name: {type: string, examples: ["Rex"]}
        tag: {type: [string, "null"]}
        kind: {const: dog}
        age: {type: integer, exclusiveMinimum: 0}
        id: {type: [string, integer]}
        owner: {$ref: "#/components/schemas/Owner", description: "the owner"}
        friend: {$ref: "#/components/schemas/Owner", nullable: true, properties: {since: {type: string}}}
        pair: {type: array, prefixItems: [{type: string}, {type: integer}]}
        shape: {type: object, patternProperties: {"^x": {type: string}}}
    Owner:
      type: object
      properties:
        nick: {type: string}
"##;

#[test]
fn constructs_map_onto_the_30_reading() {
    let generated = generate(SPEC, Flavour::Generic).unwrap_or_else(|e| panic!("{e}"));
    let diagnostics: Vec<String> = generated
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        diagnostics,
        [
            "warning: /webhooks: webhooks are not generated (they are requests the API sends, not calls to it)",
            "warning: /components/schemas/Pet/properties/id/type: a list of types is read as `anyOf` of one schema per type; the other keywords apply to the whole",
            "warning: /components/schemas/Pet/properties/pair/prefixItems: `prefixItems` (tuples) is not supported; the positions are typed as the array's `items` (or any value)",
            "warning: /components/schemas/Pet/properties/shape/patternProperties: `patternProperties` is not supported; ignored (values it would reject are accepted)",
        ]
    );
    let source = &generated.source;
    for expected in [
        "pub name: String,",
        "pub tag: Option<String>,",
        "pub kind: PetKind,",
        "#[value(\"dog\")]",
        "pub age: Option<i64>,",
        "pub id: Option<PetId>,",
        "pub owner: Option<Owner>,",
        "pub friend: Option<PetFriend>,",
        "pub pair: Option<Vec<Value>>,",
        "pub async fn list_pets(&self) -> Result<Vec<Pet>, ::authing::Error>;",
    ] {
        assert!(
            source.contains(expected),
            "missing `{expected}` in\n{source}"
        );
    }
    // `examples` became the property's `example`, used by the composed example.
    let examples =
        authing_codegen::examples_test(&generated, "api", authing_codegen::ExamplesAt::Sibling)
            .unwrap();
    assert!(examples.contains(r#""name":"Rex""#), "{examples}");
}
