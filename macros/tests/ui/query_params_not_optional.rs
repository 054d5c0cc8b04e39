use authing::generated::prelude::*;

#[query_params]
pub struct ListParams {
    #[query("page")]
    pub page: i64,
    pub limit: Option<i64>,
}

fn main() {}
