authing::generated::generate_api!("swagger-2.0.json");

fn main() {}
