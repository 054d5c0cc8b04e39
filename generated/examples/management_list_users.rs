//! Lists a page of a user pool's users with the management API (`listUsers`).
//!
//! ```text
//! AUTHING_ACCESS_KEY_ID=... AUTHING_ACCESS_KEY_SECRET=... \
//!     cargo run --example management_list_users -- [page] [limit]
//! ```
//!
//! `AUTHING_API_HOST` points it at another deployment (a private one, or `http://localhost:3000`);
//! `AUTHING_BRAND=genauth` switches the header prefix and the default host to GenAuth's. Prints
//! the page of users as JSON, or the typed error.

mod common;

use std::process::ExitCode;

use authing::generated::management::{
    ListUsersOptionsDto, ListUsersRequestDto, PaginationDto, UserPagingDto,
};
use authing::{Error, ManagementClient};

const USAGE: &str = "management_list_users [page] [limit]";

#[tokio::main]
async fn main() -> ExitCode {
    let mut numbers = std::env::args()
        .skip(1)
        .map(|arg| arg.parse::<u32>().map_err(|_| arg));
    let (page, limit) = match (
        numbers.next().unwrap_or(Ok(1)),
        numbers.next().unwrap_or(Ok(10)),
    ) {
        (Ok(page), Ok(limit)) => (page, limit),
        (Err(arg), _) | (_, Err(arg)) => {
            return common::usage(USAGE, &format!("{arg:?} is not a number"));
        }
    };
    common::finish(list_users(page, limit).await)
}

async fn list_users(page: u32, limit: u32) -> Result<UserPagingDto, Error> {
    let mut builder = ManagementClient::builder()
        .brand(common::brand())
        .access_key_id(common::env("AUTHING_ACCESS_KEY_ID"))
        .access_key_secret(common::env("AUTHING_ACCESS_KEY_SECRET"));
    if let Some(host) = common::env_opt("AUTHING_API_HOST") {
        builder = builder.host(host);
    }
    let pagination = PaginationDto {
        page: Some(page.into()),
        limit: Some(limit.into()),
    };
    let options = ListUsersOptionsDto {
        pagination: Some(pagination),
        ..Default::default()
    };
    let request = ListUsersRequestDto {
        options: Some(options),
        ..Default::default()
    };
    builder.build()?.list_users(&request).await
}
