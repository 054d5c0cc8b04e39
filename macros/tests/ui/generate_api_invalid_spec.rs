// Dangling `$ref`s and other errors: every one is listed, with its JSON pointer.
authing::generated::generate_api!("../../../codegen/tests/fixtures/invalid.openapi.json");

fn main() {}
