//! Authing / GenAuth V3 client.

// Generated code reaches the runtime by absolute paths (`::authing::runtime::...`), inside this
// crate as well as in downstream crates that expand a spec with `generate_api!`.
extern crate self as authing;
