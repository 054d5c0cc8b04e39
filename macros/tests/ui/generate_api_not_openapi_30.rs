authing::generated::generate_api!("openapi-3.1.json");

fn main() {}
