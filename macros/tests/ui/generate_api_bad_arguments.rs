authing::generated::generate_api!(spec = "../../../codegen/tests/fixtures/petstore.openapi.yaml", client = graphql);

fn main() {}
