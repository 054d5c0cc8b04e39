// The spec's warnings surface at the spec literal (here denied, to show them).
#![deny(deprecated)]
authing::generated::generate_api!("../../../codegen/tests/fixtures/petstore.openapi.yaml");
fn main() {}
