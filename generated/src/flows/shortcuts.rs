//! The node SDK's sign-in and sign-up shortcuts, one call each: thin methods over the generated
//! [`sign_in_by_credentials`](AuthenticationClient::sign_in_by_credentials) (`POST
//! /api/v3/signin`) and [`sign_up`](AuthenticationClient::sign_up) (`POST /api/v3/signup`) that
//! build the body the node SDK builds (`signInByEmailPassword`, ..., `signUpByPhoneCode`).
//!
//! Where the node shortcuts copy `client_id` / `client_secret` into the body for
//! `client_secret_post`, these leave it to the client, which authenticates the app on every
//! token endpoint with its [`TokenEndpointAuthMethod`](crate::TokenEndpointAuthMethod); the
//! bodies on the wire are the same (`tests/wire` checks them against the node SDK).

use crate::generated::authentication::{
    LoginTokenResponseDataDto, SignInByAdPayloadDto, SignInByLdapPayloadDto,
    SignInByPassCodePayloadDto, SignInByPasswordPayloadDto, SignInOptionsDto, SignUpByPassCodeDto,
    SignUpByPasswordDto, SignUpDto, SignUpDtoConnection, SignUpOptionsDto, SignUpProfileDto,
    SigninByCredentialsDto, SigninByCredentialsDtoConnection, UserDto,
};
use crate::runtime::Secret;
use crate::{AuthenticationClient, Error};

/// Which account a password goes with.
enum Account<'a> {
    Email(&'a str),
    Phone(&'a str),
    Username(&'a str),
    /// A username, phone number or email, as the user typed it.
    Any(&'a str),
}

impl AuthenticationClient {
    /// Signs in with an email and password (node `signInByEmailPassword`).
    pub async fn sign_in_by_email_password(
        &self,
        email: &str,
        password: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        self.sign_in_with_password(Account::Email(email), password, options)
            .await
    }

    /// Signs in with a phone number and password (node `signInByPhonePassword`).
    pub async fn sign_in_by_phone_password(
        &self,
        phone: &str,
        password: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        self.sign_in_with_password(Account::Phone(phone), password, options)
            .await
    }

    /// Signs in with a username and password (node `signInByUsernamePassword`).
    pub async fn sign_in_by_username_password(
        &self,
        username: &str,
        password: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        self.sign_in_with_password(Account::Username(username), password, options)
            .await
    }

    /// Signs in with an account (username, phone number or email, as typed) and password
    /// (node `signInByAccountPassword`).
    pub async fn sign_in_by_account_password(
        &self,
        account: &str,
        password: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        self.sign_in_with_password(Account::Any(account), password, options)
            .await
    }

    /// Signs in with an email and the one-time code sent to it (node `signInByEmailPassCode`).
    pub async fn sign_in_by_email_pass_code(
        &self,
        email: &str,
        pass_code: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        let payload = SignInByPassCodePayloadDto {
            email: Some(email.to_owned()),
            ..SignInByPassCodePayloadDto::new(pass_code.expose())
        };
        self.sign_in_with(SigninByCredentialsDtoConnection::Passcode(payload), options)
            .await
    }

    /// Signs in with a phone number (and its country code, e.g. `+86`, when not mainland
    /// China) and the one-time code sent to it (node `signInByPhonePassCode`).
    pub async fn sign_in_by_phone_pass_code(
        &self,
        phone: &str,
        phone_country_code: Option<&str>,
        pass_code: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        let payload = SignInByPassCodePayloadDto {
            phone: Some(phone.to_owned()),
            phone_country_code: phone_country_code.map(str::to_owned),
            ..SignInByPassCodePayloadDto::new(pass_code.expose())
        };
        self.sign_in_with(SigninByCredentialsDtoConnection::Passcode(payload), options)
            .await
    }

    /// Signs in with a Windows AD account (`sAMAccountName`) and password (node `signInByAD`).
    pub async fn sign_in_by_ad(
        &self,
        s_am_account_name: &str,
        password: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        let payload = SignInByAdPayloadDto::new(password.expose(), s_am_account_name);
        self.sign_in_with(SigninByCredentialsDtoConnection::Ad(payload), options)
            .await
    }

    /// Signs in with an LDAP account (`sAMAccountName`) and password (node `signInByLDAP`).
    pub async fn sign_in_by_ldap(
        &self,
        s_am_account_name: &str,
        password: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        let payload = SignInByLdapPayloadDto::new(password.expose(), s_am_account_name);
        self.sign_in_with(SigninByCredentialsDtoConnection::Ldap(payload), options)
            .await
    }

    /// Signs up with an email and password (node `signUpByEmailPassword`).
    pub async fn sign_up_by_email_password(
        &self,
        email: &str,
        password: &Secret,
        profile: Option<SignUpProfileDto>,
        options: Option<SignUpOptionsDto>,
    ) -> Result<UserDto, Error> {
        let payload = SignUpByPasswordDto {
            email: Some(email.to_owned()),
            ..SignUpByPasswordDto::new(password.expose())
        };
        self.sign_up_with(SignUpDtoConnection::Password(payload), profile, options)
            .await
    }

    /// Signs up with a username and password (node `signUpByUsernamePassword`).
    pub async fn sign_up_by_username_password(
        &self,
        username: &str,
        password: &Secret,
        profile: Option<SignUpProfileDto>,
        options: Option<SignUpOptionsDto>,
    ) -> Result<UserDto, Error> {
        let payload = SignUpByPasswordDto {
            username: Some(username.to_owned()),
            ..SignUpByPasswordDto::new(password.expose())
        };
        self.sign_up_with(SignUpDtoConnection::Password(payload), profile, options)
            .await
    }

    /// Signs up with an email and the one-time code sent to it (node `signUpByEmailCode`).
    pub async fn sign_up_by_email_code(
        &self,
        email: &str,
        pass_code: &Secret,
        profile: Option<SignUpProfileDto>,
        options: Option<SignUpOptionsDto>,
    ) -> Result<UserDto, Error> {
        let payload = SignUpByPassCodeDto {
            email: Some(email.to_owned()),
            ..SignUpByPassCodeDto::new(pass_code.expose())
        };
        self.sign_up_with(SignUpDtoConnection::Passcode(payload), profile, options)
            .await
    }

    /// Signs up with a phone number (and its country code when not mainland China) and the
    /// one-time code sent to it (node `signUpByPhoneCode`).
    pub async fn sign_up_by_phone_code(
        &self,
        phone: &str,
        phone_country_code: Option<&str>,
        pass_code: &Secret,
        profile: Option<SignUpProfileDto>,
        options: Option<SignUpOptionsDto>,
    ) -> Result<UserDto, Error> {
        let payload = SignUpByPassCodeDto {
            phone: Some(phone.to_owned()),
            phone_country_code: phone_country_code.map(str::to_owned),
            ..SignUpByPassCodeDto::new(pass_code.expose())
        };
        self.sign_up_with(SignUpDtoConnection::Passcode(payload), profile, options)
            .await
    }

    async fn sign_in_with_password(
        &self,
        account: Account<'_>,
        password: &Secret,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        let mut payload = SignInByPasswordPayloadDto::new(password.expose());
        let (slot, value) = match account {
            Account::Email(email) => (&mut payload.email, email),
            Account::Phone(phone) => (&mut payload.phone, phone),
            Account::Username(username) => (&mut payload.username, username),
            Account::Any(account) => (&mut payload.account, account),
        };
        *slot = Some(value.to_owned());
        self.sign_in_with(SigninByCredentialsDtoConnection::Password(payload), options)
            .await
    }

    async fn sign_in_with(
        &self,
        connection: SigninByCredentialsDtoConnection,
        options: Option<SignInOptionsDto>,
    ) -> Result<LoginTokenResponseDataDto, Error> {
        let body = SigninByCredentialsDto {
            options,
            ..SigninByCredentialsDto::new(connection)
        };
        self.sign_in_by_credentials(&body).await
    }

    async fn sign_up_with(
        &self,
        connection: SignUpDtoConnection,
        profile: Option<SignUpProfileDto>,
        options: Option<SignUpOptionsDto>,
    ) -> Result<UserDto, Error> {
        let body = SignUpDto {
            profile,
            options,
            ..SignUpDto::new(connection)
        };
        self.sign_up(&body).await
    }
}
