authing::generated::generate_api!("specs/does-not-exist.json");

fn main() {}
