//! Proc-macros of the Authing / GenAuth V3 SDK.
//!
//! Two kinds:
//!
//! - `generate_api!` (feature `generate`): expands an OpenAPI 3.0 spec file into a client at
//!   compile time, through `authing-codegen`;
//! - the **carrier macros** the generated source is written in, so that a generated module reads
//!   as a declarative listing of the API: [`dto`], [`open_enum`], [`connection`],
//!   [`query_params`], [`tagged_union`], [`client`], [`operations`]. They are re-exported by
//!   `authing::generated::prelude` and expand to code that reaches its support by absolute paths
//!   (`::authing::runtime::...`, `::authing::generated::__private::...`), so the expansion works
//!   in the `authing` crate and in any crate depending on it, without a direct `serde` dependency.
//!
//! Every macro reports misuse as `compile_error!` at the offending tokens, all errors at once.

mod client;
mod connection;
mod dto;
#[cfg(feature = "generate")]
mod generate;
mod multipart;
mod open_enum;
mod operations;
mod pages;
mod query_params;
mod support;
mod tagged_union;

use proc_macro::TokenStream;

/// A data structure of the API: derives `Debug`, `Clone`, `PartialEq`, serde's `Serialize` and
/// `Deserialize` (and `Default` with `#[dto(default)]`).
///
/// On a struct, every `Option<_>` field is optional on the wire: `#[serde(default,
/// skip_serializing_if = "Option::is_none")]` is added, unless the field is marked `#[nullable]`
/// (the API wants it even when null: serialized as `null`). `#[serde(..)]` attributes pass
/// through. On an enum (`oneOf` / `anyOf`), only the derives are added.
///
/// A field that holds a secret prints as `"***"` in `Debug` (`Some("***")` or `None` when
/// optional): one marked `#[secret]`, or one whose name is secret by
/// [`authing_secret_names::is_secret_name`] (`password`, `app_secret`, `access_token`...) unless
/// its type is a boolean or a number.
///
/// ```
/// # use authing_macros::dto;
/// #[dto(default)]
/// pub struct SignInByMobileOptionsDto {
///     /// 需要请求的权限
///     pub scope: Option<String>,
///     #[serde(rename = "tenantId")]
///     pub tenant_id: Option<String>,
/// }
/// let json = serde_json::to_string(&SignInByMobileOptionsDto { tenant_id: Some("t".into()), ..Default::default() });
/// assert_eq!(json.unwrap(), r#"{"tenantId":"t"}"#);
/// ```
#[proc_macro_attribute]
pub fn dto(args: TokenStream, item: TokenStream) -> TokenStream {
    support::expand(dto::expand(args.into(), item.into()))
}

/// An open string enum: a variant per known value (`#[value("wire")]`) and one fallback variant
/// `Name(String)` that keeps any other value, so a value added by the server later never fails a
/// response.
///
/// Generates `as_str()`, `Display`, `FromStr` (infallible), `From<&str>`, `From<String>` and serde
/// impls (as a string), and derives `Debug`, `Clone`, `PartialEq`, `Eq`, `Hash`.
///
/// ```
/// # use authing_macros::open_enum;
/// #[open_enum]
/// pub enum Gender {
///     /// 男性
///     #[value("M")]
///     Male,
///     Unknown(String),
/// }
/// assert_eq!(serde_json::from_str::<Gender>(r#""M""#).unwrap(), Gender::Male);
/// assert_eq!(serde_json::from_str::<Gender>(r#""X""#).unwrap(), Gender::Unknown("X".into()));
/// ```
#[proc_macro_attribute]
pub fn open_enum(args: TokenStream, item: TokenStream) -> TokenStream {
    support::expand(open_enum::expand(args.into(), item.into()))
}

/// A discriminator whose value decides which payload field is sent with it
/// (`x-connection-payloads` in the spec). Each variant carries its payload, so a request with a
/// missing or mismatched payload cannot be written.
///
/// Used as a `#[serde(flatten)]` field of its struct, `Wechat(payload)` serializes to
/// `{"connection": "wechat", "wechatPayload": {..}, ..the struct's other fields}`.
///
/// ```
/// # use authing_macros::{connection, dto};
/// # #[dto] pub struct SignInByWechatPayloadDto { pub code: Option<String> }
/// #[connection(tag = "connection")]
/// pub enum SigninByMobileDtoConnection {
///     #[value("wechat", payload = "wechatPayload")]
///     Wechat(SignInByWechatPayloadDto),
///     #[value("yidun")]
///     Yidun,
/// }
/// let wechat = SigninByMobileDtoConnection::Wechat(SignInByWechatPayloadDto { code: Some("c".into()) });
/// assert_eq!(
///     serde_json::to_string(&wechat).unwrap(),
///     r#"{"connection":"wechat","wechatPayload":{"code":"c"}}"#,
/// );
/// ```
#[proc_macro_attribute]
pub fn connection(args: TokenStream, item: TokenStream) -> TokenStream {
    support::expand(connection::expand(args.into(), item.into()))
}

/// A `oneOf` told apart by a `discriminator` property: each variant has its tag value
/// (`#[value("dog")]`), the one variant without a value keeps, whole, an object whose tag is
/// unknown. The payload keeps the tag property: decoding hands the whole object to the
/// variant's type, encoding writes the variant's value into it.
///
/// ```
/// # use authing_macros::{dto, tagged_union};
/// # use serde_json::Value;
/// # #[dto] pub struct Dog { #[serde(rename = "petType")] pub pet_type: String, pub bark: bool }
/// #[tagged_union(tag = "petType")]
/// pub enum Pet {
///     #[value("dog")]
///     Dog(Dog),
///     Unknown(Value),
/// }
/// let pet: Pet = serde_json::from_str(r#"{"petType":"dog","bark":true}"#).unwrap();
/// assert_eq!(pet, Pet::Dog(Dog { pet_type: "dog".into(), bark: true }));
/// let cat: Pet = serde_json::from_str(r#"{"petType":"cat"}"#).unwrap();
/// assert_eq!(cat.tag(), Some("cat"));
/// ```
#[proc_macro_attribute]
pub fn tagged_union(args: TokenStream, item: TokenStream) -> TokenStream {
    support::expand(tagged_union::expand(args.into(), item.into()))
}

/// The optional parameters of one operation: a struct of `Option` fields, each with where it
/// goes and its wire name (`#[query("userIdType")]`, `#[header("Idempotency-Key")]`,
/// `#[cookie("session")]`, with `style` / `explode` as in [`operations`]). Derives `Debug`, `Clone`, `Default`, `PartialEq`, and
/// serde's `Serialize` / `Deserialize` under the wire names (so parameters can be read from JSON or
/// a config file); `None` fields are not sent.
///
/// ```
/// # use authing_macros::query_params;
/// #[query_params]
/// pub struct ListUsersParams {
///     #[query("page")]
///     pub page: Option<i64>,
/// }
/// let params = ListUsersParams { page: Some(2), ..Default::default() };
/// // client.list_users(&params)
/// # let _ = params;
/// ```
#[proc_macro_attribute]
pub fn query_params(args: TokenStream, item: TokenStream) -> TokenStream {
    support::expand(query_params::expand(args.into(), item.into()))
}

/// A `multipart/form-data` request body: a struct whose fields are its parts, each marked
/// with its part name: `#[part("name")]` (a value: text for strings, numbers and booleans, one
/// part per item of an array of them, JSON otherwise), `#[file("name")]` (an
/// `authing::runtime::FilePart`), `#[files("name")]` (a `Vec<FilePart>`, a part each); any of
/// them may add `content_type = "media/type"` (the spec's `encoding`). `Option` fields send no
/// part when `None`. Derives `Debug` (secrets as `"***"`, file contents never), `Clone`,
/// `PartialEq` (and `Default` with `#[multipart(default)]`), and implements `authing::runtime::MultipartBody` for an [`operations`]
/// argument marked `#[multipart]`.
#[proc_macro_attribute]
pub fn multipart(args: TokenStream, item: TokenStream) -> TokenStream {
    support::expand(multipart::expand(args.into(), item.into()))
}

/// The client of a non-Authing API: `#[client] pub struct Client;` becomes a wrapper of
/// `authing::runtime::Client` (`Client::new(inner)`, `From`, `inner()`), implementing
/// `ApiClient`, ready for an [`operations`] listing.
#[proc_macro_attribute]
pub fn client(args: TokenStream, item: TokenStream) -> TokenStream {
    support::expand(client::expand(args.into(), item.into()))
}

/// A listing of operations: an `impl` block of body-less `async fn`s, each with
/// `#[operation(METHOD "/path", id = "operationId", [token_endpoint], [unwrapped], [server = "url"])]`
/// and every argument marked with where it goes: `#[path("name")]`, `#[query("name")]`,
/// `#[header("name")]`, `#[cookie("name")]`, `#[query]` (a [`query_params`] struct), `#[json]`,
/// `#[form]`, `#[multipart]` (a [`multipart`] struct) or `#[binary("media/type")]` (the body). A parameter attribute may add how the value is written, as OpenAPI says
/// it: `#[query("ids", style = "pipeDelimited", explode = false)]` (path: `simple`, `label`,
/// `matrix`; query: `form`, `spaceDelimited`, `pipeDelimited`, `deepObject`; header: `simple`;
/// cookie: `form`).
/// Each method gets the body that builds the `authing::runtime::Request` and sends it through
/// `authing::runtime::ApiClient::execute`. A paged operation also has
/// `#[pages(Item, page = params.page?, limit = params.limit?, items = list, total = total_count)]`
/// (where the page number and size are in the request, `?` on an `Option` field; the response's
/// items and total count): it gets a `<name>_pages` method returning an
/// `authing::runtime::Pager` of `Item`s.
///
/// ```text
/// // inside the `authing` crate (inherent methods of its clients)
/// #[operations]
/// impl ::authing::AuthenticationClient {
///     /// 使用移动端社会化登录
///     #[operation(POST "/api/v3/signin-by-mobile", id = "signInByMobile", token_endpoint)]
///     pub async fn sign_in_by_mobile(&self, #[json] body: &SigninByMobileDto)
///         -> Result<LoginTokenResponseDataDto, ::authing::Error>;
/// }
/// ```
#[proc_macro_attribute]
pub fn operations(args: TokenStream, item: TokenStream) -> TokenStream {
    support::expand(operations::expand(args.into(), item.into()))
}

/// Expands an OpenAPI 3.0 spec (JSON or YAML) into a client, at compile time.
///
/// ```text
/// mod petstore {
///     authing::generated::generate_api!("../specs/petstore.yaml");
/// }
/// let client = petstore::Client::new(authing::runtime::Client::new("https://petstore.example")?);
/// ```
///
/// The path is relative to the directory of the file holding the invocation, as for
/// `include_str!`. Arguments:
/// `generate_api!("path")` or `generate_api!(spec = "path", client = generic | authentication |
/// management)`. `generic` (the default) generates a `Client` type; the other two generate
/// methods on the `authing` clients and are meant for the `authing` crate itself.
///
/// Expand it in a module of its own (it imports `authing::generated::prelude::*`). The crate is
/// rebuilt when the spec changes. A spec that cannot be read, or that has errors (dangling
/// `$ref`, ...), is a compile error at the path literal listing every problem with its JSON
/// pointer; warnings (constructs generated as `serde_json::Value`) are accepted.
#[cfg(feature = "generate")]
#[proc_macro]
pub fn generate_api(input: TokenStream) -> TokenStream {
    support::expand(generate::expand(input.into()))
}
