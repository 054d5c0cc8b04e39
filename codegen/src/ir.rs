//! The intermediate representation: what will be generated, as plain data.
//!
//! No `syn` types: the IR is built by [`crate::lower`], read by [`crate::emit`], and can be
//! inspected and counted on its own. Every item keeps the name the API gives it (`api_name`) and
//! the Rust name chosen for it (`rust_name`). Types live in an arena ([`Api::types`]) and refer
//! to each other by [`TypeId`], so recursive schemas are plain data. Order is deterministic: the
//! arena and the operations follow the spec's document order; emission sorts by Rust name.

use serde_json::Value;

/// A lowered API: the types and the client operations of one spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// All named types, indexed by [`TypeId`].
    pub types: Vec<TypeDef>,
    /// The client the operations are methods of.
    pub client: Client,
    /// Every example the spec carries for a generated type, for round-trip tests.
    pub examples: Vec<Example>,
}

/// An example value of a generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// JSON pointer of the example.
    pub pointer: String,
    /// The type it is an example of.
    pub ty: Ty,
    /// The example.
    pub value: Value,
}

impl Api {
    /// The type behind `id`.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

/// Index of a type in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Doc text from the spec, unsanitised: the original (`description`, `summary`, ...) and, when
/// the spec has one, its English version (`x-description-en`, `x-summary-en`). Rendered English
/// first, the original below it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The English text.
    pub en: Option<String>,
    /// The original text.
    pub original: Option<String>,
}

impl Doc {
    /// A doc with only an original text.
    pub fn original(text: impl Into<String>) -> Doc {
        Doc {
            en: None,
            original: Some(text.into()),
        }
    }

    /// Whether neither text has content.
    pub fn is_empty(&self) -> bool {
        [&self.en, &self.original]
            .into_iter()
            .all(|t| t.as_deref().is_none_or(|t| t.trim().is_empty()))
    }
}

/// A named type: a struct, an enum, an alias, ...
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The schema's name in the spec (`components/schemas` key), or a path-like name for inline
    /// schemas (`SigninByMobileDto.connection`).
    pub api_name: String,
    /// The Rust type name.
    pub rust_name: String,
    /// JSON pointer of the schema.
    pub pointer: String,
    /// Doc text (the schema's description).
    pub doc: Doc,
    /// What the type is.
    pub kind: TypeKind,
}

/// The shape of a [`TypeDef`].
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object schema.
    Struct(Struct),
    /// A string enum, open: unknown values are kept in a fallback variant.
    Enum(OpenEnum),
    /// A discriminator value paired with its payload field (`x-connection-payloads`).
    Connection(Connection),
    /// `oneOf` / `anyOf`: an untagged enum tried in order, or an enum chosen by a
    /// `discriminator` property.
    Union(Union),
    /// Any other schema: a type alias.
    Alias(Ty),
    /// A schema that is a container of itself (`A: {items: {$ref: A}}`), or the far end of a
    /// long chain of aliases: a transparent one-field struct, since a type alias cannot
    /// name itself and rustc's trait solver gives up on deep `Vec<Vec<...>>` nests.
    Newtype(Ty),
    /// The optional query, header and cookie parameters of one operation.
    QueryParams(Vec<Param>),
    /// A `multipart/form-data` request body: one part per property, in the spec's order.
    Multipart(Vec<PartField>),
}

/// One part of a [`TypeKind::Multipart`] body.
#[derive(Debug, Clone, PartialEq)]
pub struct PartField {
    /// The part name on the wire (the property name).
    pub api_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Doc text.
    pub doc: Doc,
    /// What the part holds.
    pub kind: PartKind,
    /// Whether the spec lists the property in `required` (else the field is an `Option`).
    pub required: bool,
    /// Whether the field holds a secret (`format: password`, or a secret's name).
    pub secret: bool,
    /// The part's `Content-Type` from the media type's `encoding`, when the spec gives one.
    pub content_type: Option<String>,
}

/// What a [`PartField`] holds.
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// A value: text for strings, numbers and booleans, JSON for the rest.
    Value(Ty),
    /// A file (`type: string, format: binary`): `authing::runtime::FilePart`.
    File,
    /// An array of files: a part each.
    Files,
}

/// An object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Fields in the spec's order.
    pub fields: Vec<Field>,
    /// Whether `Default` can be derived (every field's type has a default).
    pub default: bool,
}

/// One field of a [`Struct`].
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The property name on the wire.
    pub api_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Doc text.
    pub doc: Doc,
    /// The field's type (without the `Option` for optional fields).
    pub ty: Ty,
    /// Whether the spec lists the property in `required`.
    pub required: bool,
    /// Whether the schema is `nullable`.
    pub nullable: bool,
    /// Whether the field is boxed, to break a cycle of structs.
    pub boxed: bool,
    /// Whether the field is serialized inline (`#[serde(flatten)]`): connection enums and
    /// `additionalProperties` maps.
    pub flatten: bool,
    /// Whether the field holds a secret (`format: password`, or a secret's name): its `Debug`
    /// prints `"***"` (`#[secret]`).
    pub secret: bool,
    /// The property schema's `example`.
    pub example: Option<Value>,
}

impl Field {
    /// Whether the Rust type is `Option<..>`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A string enum with a fallback variant.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenEnum {
    /// Known values, in the spec's order.
    pub variants: Vec<Variant>,
    /// Name of the variant that keeps unknown values (`Unknown`).
    pub fallback: String,
}

/// One value of an [`OpenEnum`] or a [`Connection`].
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The value on the wire.
    pub api_name: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// Doc text (from `x-enum-descriptions`, and the English one from the ``- `value`: label``
    /// bullets of the `x-description-en` beside it).
    pub doc: Doc,
}

/// A discriminator property whose value decides which payload field is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// The discriminator property on the wire (`connection`).
    pub tag: String,
    /// One variant per discriminator value.
    pub variants: Vec<ConnectionVariant>,
    /// Name of the variant that keeps a value the spec does not know, with the fields sent
    /// beside it (`Other`).
    pub fallback: String,
}

/// One discriminator value of a [`Connection`].
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionVariant {
    /// The value and its Rust name.
    pub variant: Variant,
    /// The payload sent with this value: its property name on the wire and its type.
    pub payload: Option<(String, Ty)>,
    /// Whether the payload is boxed, to break a cycle.
    pub boxed: bool,
}

/// `oneOf` / `anyOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// Alternatives: tried in order when deserializing, unless the union is tagged.
    pub variants: Vec<UnionVariant>,
    /// The `discriminator`, when every alternative can be told by it.
    pub tag: Option<UnionTag>,
}

/// How a tagged [`Union`] is told apart: the value of one property.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionTag {
    /// `discriminator.propertyName`.
    pub property: String,
    /// The variant keeping the whole object when the value is none of the known ones.
    pub fallback: String,
}

/// One alternative of a [`Union`].
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The variant's payload.
    pub ty: Ty,
    /// Whether the payload is boxed, to break a cycle.
    pub boxed: bool,
    /// The discriminator value that selects this variant (tagged unions only).
    pub value: Option<String>,
}

/// A type expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `()`: no content.
    Unit,
    /// `bool`.
    Bool,
    /// `i32` (`format: int32`).
    I32,
    /// `i64` (integers without a format, `int64`).
    I64,
    /// `f32` (`format: float`).
    F32,
    /// `f64` (numbers).
    F64,
    /// `String` (also `date-time`, `date`, `byte`, ...: kept as the wire text).
    String,
    /// `serde_json::Value`: anything, and the fallback for what codegen cannot model.
    Value,
    /// `bytes::Bytes`: a binary request body or response.
    Bytes,
    /// `::authing::runtime::Scopes`: a `scope` string that is a space-separated list
    /// (see `lower::scopes`).
    Scopes,
    /// `serde_json::Map<String, Value>`: a free-form object.
    Object,
    /// `Vec<T>`.
    Array(Box<Ty>),
    /// `BTreeMap<String, T>` (`additionalProperties`).
    Map(Box<Ty>),
    /// `Option<T>` inside arrays and maps (`nullable` items).
    Option(Box<Ty>),
    /// A named type.
    Named(TypeId),
}

/// The client the operations belong to.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    /// Which client type.
    pub kind: ClientKind,
    /// Operations in the spec's order.
    pub operations: Vec<Operation>,
    /// The spec's `tags` (name and description), in order: the methods are grouped by them.
    pub tags: Vec<(String, Doc)>,
}

/// Which client type the methods are generated on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientKind {
    /// `::authing::AuthenticationClient` (V3 envelope).
    Authentication,
    /// `::authing::ManagementClient` (V3 envelope).
    Management,
    /// A `Client` type generated next to the operations, wrapping `::authing::runtime::Client`.
    Generic,
}

/// One operation: a client method.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId` (or `METHOD /path` when the spec has none).
    pub api_name: String,
    /// The method name.
    pub rust_name: String,
    /// JSON pointer of the operation.
    pub pointer: String,
    /// HTTP method, upper case (`GET`).
    pub method: String,
    /// Path template (`/oauth/app2wxapp/auth/{userPoolId}`).
    pub path: String,
    /// `summary` (English: `x-summary-en`).
    pub summary: Doc,
    /// `description` (English: `x-description-en`).
    pub description: Doc,
    /// `tags`: the first one groups the method with the others of its tag.
    pub tags: Vec<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// Positional parameters: path, then required query, header and cookie parameters.
    pub params: Vec<Param>,
    /// The argument name (`params`) and struct of the optional query, header and cookie
    /// parameters, when there are any.
    pub query_params: Option<(String, TypeId)>,
    /// The request body.
    pub body: Option<Body>,
    /// The success type (the envelope's `data` for Authing clients).
    pub response: Ty,
    /// What the success body is.
    pub response_format: ResponseFormat,
    /// `x-token-endpoint`.
    pub token_endpoint: bool,
    /// The response is not the V3 envelope (`x-legacy`, or a non-envelope schema).
    pub unwrapped: bool,
    /// Operation-level `servers[0].url`.
    pub server: Option<String>,
    /// How the results are paged, when they are: the client gets a `*_pages` method.
    pub pagination: Option<Pagination>,
}

/// A paged list operation: a page number (and size) in the request, one list in the response
/// (or the response is the list).
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Where the page number goes.
    pub page: PageField,
    /// Where the page size goes, when the request has one.
    pub limit: Option<PageField>,
    /// The response's field holding the page's items; `None` when the response is the list.
    pub items: Option<PathStep>,
    /// The items' type.
    pub item: Ty,
    /// The response's field with the total number of items, when it has one.
    pub total: Option<PathStep>,
}

/// Where a page number or size is written in a request.
#[derive(Debug, Clone, PartialEq)]
pub enum PageField {
    /// A positional parameter: its index in [`Operation::params`].
    Param(usize),
    /// A field of the optional parameters' struct ([`Operation::query_params`]).
    Query(String),
    /// A field inside the body, reached through these fields from the body down.
    Body(Vec<PathStep>),
}

/// One field on the way to a value.
#[derive(Debug, Clone, PartialEq)]
pub struct PathStep {
    /// The Rust field name.
    pub rust_name: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
    /// The field's type.
    pub ty: Ty,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie (all of them in one `Cookie` header).
    Cookie,
}

/// OpenAPI parameter `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `simple`.
    Simple,
    /// `label`.
    Label,
    /// `matrix`.
    Matrix,
    /// `form`.
    Form,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject`.
    DeepObject,
}

impl Style {
    /// The name in the spec (`pipeDelimited`).
    pub fn api_name(self) -> &'static str {
        match self {
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
            Style::Form => "form",
            Style::SpaceDelimited => "spaceDelimited",
            Style::PipeDelimited => "pipeDelimited",
            Style::DeepObject => "deepObject",
        }
    }
}

/// One operation parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub api_name: String,
    /// The Rust argument (or field) name.
    pub rust_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: Ty,
    /// Doc text.
    pub doc: Doc,
    /// `style` and `explode`, when the runtime's plain writing of the location is not right
    /// for them (a path parameter's `simple` scalar, a query's exploded `form` scalar or array,
    /// a header's `simple` style, a cookie's `form` style with its default `explode` are).
    pub style: Option<(Style, bool)>,
}

/// How the request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// Raw bytes of [`Body::media_type`] (`application/octet-stream`, `image/png`, ...).
    Binary,
    /// `multipart/form-data`: the body is a [`TypeKind::Multipart`] type.
    Multipart,
}

/// What a success response body is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ResponseFormat {
    /// JSON.
    #[default]
    Json,
    /// `text/*`: a `String`.
    Text,
    /// Any other media type: `Bytes`.
    Binary,
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The argument name (`body`).
    pub rust_name: String,
    /// Its type.
    pub ty: Ty,
    /// Its encoding.
    pub encoding: BodyEncoding,
    /// The media type sent as `content-type`.
    pub media_type: String,
}

/// What was generated, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Client methods.
    pub operations: usize,
    /// Structs (object schemas and query-parameter structs).
    pub structs: usize,
    /// Open string enums.
    pub enums: usize,
    /// Connection enums.
    pub connection_enums: usize,
    /// `oneOf` / `anyOf` enums.
    pub unions: usize,
    /// Type aliases.
    pub aliases: usize,
    /// Paged operations (each with a `*_pages` method).
    pub paged: usize,
}

impl Api {
    /// Counts what will be generated.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            operations: self.client.operations.len(),
            paged: self
                .client
                .operations
                .iter()
                .filter(|op| op.pagination.is_some())
                .count(),
            ..Summary::default()
        };
        for ty in &self.types {
            match ty.kind {
                TypeKind::Struct(_) | TypeKind::QueryParams(_) | TypeKind::Multipart(_) => {
                    summary.structs += 1
                }
                TypeKind::Enum(_) => summary.enums += 1,
                TypeKind::Connection(_) => summary.connection_enums += 1,
                TypeKind::Union(_) => summary.unions += 1,
                TypeKind::Alias(_) => summary.aliases += 1,
                TypeKind::Newtype(_) => summary.structs += 1,
            }
        }
        summary
    }
}
