//! What the examples share: reading the environment, and printing a result or a typed error.

use std::process::ExitCode;

use authing::Error;
use serde::Serialize;

/// The environment variable `name`, empty when unset (the client builder then says what is
/// missing).
pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// The environment variable `name`, when set and not empty.
pub fn env_opt(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

/// Whether `AUTHING_BRAND` asks for GenAuth.
pub fn brand() -> authing::Brand {
    match env_opt("AUTHING_BRAND") {
        Some(brand) if brand.eq_ignore_ascii_case("genauth") => authing::Brand::GenAuth,
        _ => authing::Brand::Authing,
    }
}

/// Prints `usage` and the problem with the command line; exit code 2.
pub fn usage(usage: &str, problem: &str) -> ExitCode {
    eprintln!("{problem}\nusage: {usage}");
    ExitCode::from(2)
}

/// Prints the value as JSON (exit code 0), or the error with what the API said (exit code 1).
pub fn finish<T: Serialize>(result: Result<T, Error>) -> ExitCode {
    match result {
        Ok(value) => {
            match serde_json::to_string_pretty(&value) {
                Ok(json) => println!("{json}"),
                Err(error) => eprintln!("cannot print the result: {error}"),
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            match &error {
                Error::Api(api) => {
                    eprintln!("  statusCode: {}", api.status_code);
                    eprintln!(
                        "  apiCode:    {}",
                        api.api_code.map_or("-".to_owned(), |code| code.to_string())
                    );
                    eprintln!("  message:    {}", api.message);
                    eprintln!("  requestId:  {}", api.request_id.as_deref().unwrap_or("-"));
                }
                other => {
                    if let Some(body) = other.raw_body() {
                        eprintln!("  body: {body}");
                    }
                }
            }
            ExitCode::FAILURE
        }
    }
}
