//! The downstream program's steps, writing what happens to `out`; its exit code says how it
//! ended (0: done, 1: the API refused a step, 3: the server could not be used, 4: a bad
//! configuration).

use std::io::Write;

use authing::authentication::{
    SignInByPasswordPayloadDto, SignInByWechatPayloadDto, SigninByCredentialsDto,
    SigninByCredentialsDtoConnection, SigninByMobileDto, SigninByMobileDtoConnection,
};
use authing::management::{CreateUserReqDto, ListUsersRequestDto};
use authing::runtime::TryStreamExt;
use authing::{AuthenticationClient, Brand, Error, ManagementClient};

/// Where the program connects and with which credentials.
pub struct Config {
    /// Authing or GenAuth.
    pub brand: Brand,
    /// The app's id.
    pub app_id: String,
    /// The app's secret (none for a public app).
    pub app_secret: Option<String>,
    /// The app's host (`https://example.authing.cn`).
    pub app_host: String,
    /// The management API's host, when not the brand's.
    pub api_host: Option<String>,
    /// The user pool's access key id.
    pub access_key_id: String,
    /// The user pool's access key secret.
    pub access_key_secret: String,
}

/// What the steps use.
pub struct Steps {
    /// The mobile identity source's identifier in the console.
    pub ext_idp_connidentifier: String,
    /// The code the WeChat mobile SDK returned.
    pub wechat_code: String,
    /// The account (username, email or phone) to sign in with a password.
    pub account: String,
    /// Its password.
    pub password: String,
    /// The username of the user to create.
    pub new_username: String,
}

/// Runs every step; the exit code.
pub async fn run(config: &Config, steps: &Steps, out: &mut impl Write) -> u8 {
    match steps_of(config, steps, out).await {
        Ok(()) => 0,
        Err(error) => report(&error, out),
    }
}

async fn steps_of(config: &Config, steps: &Steps, out: &mut impl Write) -> Result<(), Error> {
    let mut app = AuthenticationClient::builder()
        .brand(config.brand)
        .app_id(&config.app_id)
        .app_host(&config.app_host);
    if let Some(secret) = &config.app_secret {
        app = app.app_secret(secret.as_str());
    } else {
        app = app.token_endpoint_auth_method(authing::TokenEndpointAuthMethod::None);
    }
    let app = app.build()?;

    // Required fields go to `new`; the optional ones start empty.
    let wechat = SignInByWechatPayloadDto {
        code: Some(steps.wechat_code.clone()),
    };
    let mobile = SigninByMobileDto::new(
        &steps.ext_idp_connidentifier,
        SigninByMobileDtoConnection::Wechat(wechat),
    );
    let tokens = app.sign_in_by_mobile(&mobile).await?;
    line(
        out,
        format_args!("signed in by mobile: {} token", tokens.token_type),
    );

    let mut password = SignInByPasswordPayloadDto::new(steps.password.as_str());
    password.account = Some(steps.account.clone());
    let credentials =
        SigninByCredentialsDto::new(SigninByCredentialsDtoConnection::Password(password));
    match app.sign_in_by_credentials(&credentials).await {
        Ok(tokens) => line(
            out,
            format_args!("signed in by password: {} token", tokens.token_type),
        ),
        // The API refusing the password (wrong, expired, locked) is an answer, not a failure
        // of the program: say why and go on. Any other error ends the run.
        Err(Error::Api(api)) => line(
            out,
            format_args!(
                "password refused for {}: {} (apiCode {})",
                steps.account,
                api.message,
                api_code(&api)
            ),
        ),
        Err(error) => return Err(error),
    }

    let mut admin = ManagementClient::builder()
        .brand(config.brand)
        .access_key_id(&config.access_key_id)
        .access_key_secret(config.access_key_secret.as_str());
    if let Some(host) = &config.api_host {
        admin = admin.host(host);
    }
    let admin = admin.build()?;

    // Every user, page after page, until the list ends.
    let request = ListUsersRequestDto::default();
    let mut users = admin.list_users_pages(&request).items();
    let mut count: u64 = 0;
    while let Some(user) = users.try_next().await? {
        count += 1;
        let name = user.username.as_deref().unwrap_or("-");
        line(out, format_args!("user {count}: {} ({name})", user.user_id));
    }
    line(out, format_args!("{count} users"));

    let new_user = CreateUserReqDto {
        username: Some(steps.new_username.clone()),
        ..Default::default()
    };
    let created = admin.create_user(&new_user).await?;
    line(out, format_args!("created user {}", created.user_id));
    Ok(())
}

/// Says what went wrong, by kind; the exit code.
fn report(error: &Error, out: &mut impl Write) -> u8 {
    match error {
        Error::Api(api) => {
            let request = api.request_id.as_deref().unwrap_or("-");
            line(
                out,
                format_args!(
                    "refused: {} (apiCode {}, requestId {request})",
                    api.message,
                    api_code(api)
                ),
            );
            1
        }
        Error::Config(error) => {
            line(out, format_args!("configuration: {error}"));
            4
        }
        Error::Timeout { .. } | Error::Connect { .. } => {
            line(out, format_args!("server unreachable: {error}"));
            3
        }
        other => {
            line(out, format_args!("failed: {other}"));
            3
        }
    }
}

fn api_code(api: &authing::runtime::ApiError) -> String {
    api.api_code.map_or("-".to_owned(), |code| code.to_string())
}

fn line(out: &mut impl Write, text: std::fmt::Arguments<'_>) {
    // A closed stdout only loses the report.
    let _ = writeln!(out, "{text}");
}
