//! A small downstream program, as a new user writes one: signs a user in by mobile (a WeChat
//! code) and by password, walks every user of the pool page by page, and creates a user.
//!
//! ```text
//! AUTHING_APP_ID=... AUTHING_APP_SECRET=... AUTHING_APP_HOST=https://example.authing.cn \
//! AUTHING_ACCESS_KEY_ID=... AUTHING_ACCESS_KEY_SECRET=... \
//!     cargo run --example downstream -- <extIdpConnidentifier> <wechat code> <account> <new username>
//! ```
//!
//! The password is read from `AUTHING_PASSWORD`, never from the command line. `AUTHING_API_HOST`
//! points the management client at another deployment (`http://localhost:3000`); the program
//! itself is in `program.rs`, which the `http` tests run against a loopback server.

mod program;

use std::process::ExitCode;

use program::{Config, Steps};

const USAGE: &str = "downstream <extIdpConnidentifier> <wechat code> <account> <new username>";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

fn env_opt(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ext_idp_connidentifier, wechat_code, account, new_username] = &args[..] else {
        eprintln!("expected four arguments\nusage: {USAGE}");
        return ExitCode::from(2);
    };
    let config = Config {
        brand: match env_opt("AUTHING_BRAND") {
            Some(brand) if brand.eq_ignore_ascii_case("genauth") => authing::Brand::GenAuth,
            _ => authing::Brand::Authing,
        },
        app_id: env("AUTHING_APP_ID"),
        app_secret: env_opt("AUTHING_APP_SECRET"),
        app_host: env("AUTHING_APP_HOST"),
        api_host: env_opt("AUTHING_API_HOST"),
        access_key_id: env("AUTHING_ACCESS_KEY_ID"),
        access_key_secret: env("AUTHING_ACCESS_KEY_SECRET"),
    };
    let steps = Steps {
        ext_idp_connidentifier: ext_idp_connidentifier.clone(),
        wechat_code: wechat_code.clone(),
        account: account.clone(),
        password: env("AUTHING_PASSWORD"),
        new_username: new_username.clone(),
    };
    let mut out = std::io::stdout().lock();
    ExitCode::from(program::run(&config, &steps, &mut out).await)
}
