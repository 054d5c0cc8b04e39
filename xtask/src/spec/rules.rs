//! The reconciliation rules, written down once. Every decision the reconstruction makes between
//! candidates cites one of these, and `spec/RECONCILIATION.md` lists them with these texts.

/// A rule that decides between candidates (or classifies a page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A page's client is the folder it sits in. A `management/` page whose slug also exists under
    /// `authentication/` is a stale copy of the authentication page (its method line says
    /// `ManagementClient.`, but it was not regenerated when the operation moved): the
    /// authentication client wins, and the copy only fills gaps as older evidence.
    StaleManagementCopy,
    /// A page without a method-name section whose request table uses SDK-language types (`String`,
    /// `JSONObject`, `int`) documents an SDK helper method that wraps another operation (e.g.
    /// `signInByAccountPassword` over `signin`): it is not an HTTP operation.
    SdkWrapperPage,
    /// A page without the generator marker was written by hand. It describes a V3 operation only
    /// when it has a method name and a V3 envelope response (a `statusCode` row); otherwise it is a
    /// protocol guide (OIDC, OAuth, SAML, CAS, events, token helpers) and yields no operation.
    HandWrittenPage,
    /// Within one operation or structure, the newest rendering decides: pages carrying the
    /// generator's "generated from the V3 API" note beat older generated pages, which beat
    /// hand-written ones. Older renderings only fill what the newest ones do not state.
    NewestGeneration,
    /// An older-generation page family that shares a method name (method line or sample call, any
    /// language) or its exact title with a newest-generation family of the same client is an
    /// earlier rendering of that operation under a since-renamed path or method: it is dropped.
    Superseded,
    /// Among candidates of the same generation the value most pages give wins; a tie goes to the
    /// language order node, go, java, python, php, csharp, then loose pages (node is the
    /// reference SDK and its pages are the most complete).
    Majority,
    /// The generator names each page after its path below `/api/v3/` (pages that cite another
    /// endpoint cite `/api/v3/<its slug>`), so the path is `/api/v3/<slug>`. Whether a `-` in a
    /// slug stood for a `/` cannot be known from the pages; the slug is taken literally.
    PathFromSlug,
    /// The generator writes query parameters with another row template (leading space, double
    /// space after the type) than body fields. An operation is `GET` when all its parameters are
    /// query rows or it has none, `POST` when any row is a body field.
    MethodFromRowTemplate,
    /// The operationId is the method name in node's camelCase: the node method line, else the Go
    /// or C# name with its first letter lowered, else the Python name camel-cased, else the slug
    /// camel-cased. Names are compared ignoring case and `_`. When two operations claim one name,
    /// the one whose slug camel-cases to it keeps it and the other takes its camel-cased slug.
    OperationIdFromMethodName,
    /// The request body schema is named after the class the Java, Go and C# samples pass to the
    /// method (or the `类型：` line of a hand-written request section). When no page reveals a
    /// name, the body stays an inline schema rather than an invented name.
    BodySchemaFromSample,
    /// `data | array` without an item type: the items are the first structure on the page that
    /// neither the request nor another structure refers to (the generator lists structures in
    /// the order it reaches them from the response).
    ResponseArrayItem,
    /// `array` without an item type elsewhere: the item type is read from the example value
    /// (`["a","b"]` -> string); without an example the items are left free-form.
    ArrayItemFromExample,
    /// A bare type name (`ValueType`, `TreeStructs`) refers to the structure of that name when the
    /// page lists one, else it is a string enum of the values the row shows in backticks.
    BareTypeName,
    /// Enum values that exist only as description bullets ``- `value`: label`` become the field's
    /// `enum` (spaces inside the backticks trimmed), labels go to `x-enum-descriptions`.
    EnumFromBullets,
    /// "当 `connection` 为 `X` 的时候必填" / "required when `connection` is `X`" in a field's
    /// description pairs discriminator value `X` with that field (`x-connection-payloads`). The
    /// pairing comes from the value named in the sentence, never from the provider label that
    /// starts the description (those were swapped between wechat and apple upstream).
    ConnectionPairing,
    /// A description that says the call needs the end user's login / `access_token` (or a sample
    /// that sets one first) requires the `userAccessToken` scheme; a description documenting
    /// `client_secret_post` and `client_secret_basic` marks a token endpoint.
    SecurityFromDescription,
    /// A description that calls the operation `废弃` (deprecated) marks it `deprecated`.
    DeprecatedFromDescription,
    /// A guide documenting a pre-V3 endpoint with `<ApiMethodSpec>` (or its plain-text
    /// rendering) yields a legacy operation: method, host and path from the component, `:name`
    /// path segments as path parameters, body and response from its slots.
    LegacyGuide,
    /// A structure that differs between pages: the field list of the best candidate (newest
    /// generation, then the most common field list, then language order) is kept, and each
    /// attribute of each field is voted among the candidates of that generation.
    StructureShape,
    /// The response envelope's table has no required column. Every V3 response carries
    /// `statusCode`, `message` and `data`: they are required; a row whose description says it
    /// is only returned on failure (`apiCode` "成功请求不返回", `requestId` "当请求失败时会返回")
    /// is optional.
    EnvelopeRequired,
    /// An example the schema cannot hold (a list where an object is declared, a key the
    /// referenced structure does not list, a string where a number is declared) was written for an
    /// older shape of the schema: it is dropped, with a warning, so that every example the spec
    /// carries is an instance of its schema.
    ExampleMatchesSchema,
    /// A hand-written override from `spec/overrides.toml`, with its stated reason.
    Override,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: &[Rule] = &[
        Rule::StaleManagementCopy,
        Rule::SdkWrapperPage,
        Rule::HandWrittenPage,
        Rule::NewestGeneration,
        Rule::Superseded,
        Rule::Majority,
        Rule::PathFromSlug,
        Rule::MethodFromRowTemplate,
        Rule::OperationIdFromMethodName,
        Rule::BodySchemaFromSample,
        Rule::ResponseArrayItem,
        Rule::ArrayItemFromExample,
        Rule::BareTypeName,
        Rule::EnumFromBullets,
        Rule::ConnectionPairing,
        Rule::SecurityFromDescription,
        Rule::DeprecatedFromDescription,
        Rule::LegacyGuide,
        Rule::StructureShape,
        Rule::EnvelopeRequired,
        Rule::ExampleMatchesSchema,
        Rule::Override,
    ];

    /// Short identifier used in reports.
    pub fn id(self) -> &'static str {
        match self {
            Rule::StaleManagementCopy => "stale-management-copy",
            Rule::SdkWrapperPage => "sdk-wrapper-page",
            Rule::HandWrittenPage => "hand-written-page",
            Rule::NewestGeneration => "newest-generation",
            Rule::Superseded => "superseded",
            Rule::Majority => "majority",
            Rule::PathFromSlug => "path-from-slug",
            Rule::MethodFromRowTemplate => "method-from-row-template",
            Rule::OperationIdFromMethodName => "operation-id-from-method-name",
            Rule::BodySchemaFromSample => "body-schema-from-sample",
            Rule::ResponseArrayItem => "response-array-item",
            Rule::ArrayItemFromExample => "array-item-from-example",
            Rule::BareTypeName => "bare-type-name",
            Rule::EnumFromBullets => "enum-from-bullets",
            Rule::ConnectionPairing => "connection-pairing",
            Rule::SecurityFromDescription => "security-from-description",
            Rule::DeprecatedFromDescription => "deprecated-from-description",
            Rule::LegacyGuide => "legacy-guide",
            Rule::StructureShape => "structure-shape",
            Rule::EnvelopeRequired => "envelope-required",
            Rule::ExampleMatchesSchema => "example-matches-schema",
            Rule::Override => "override",
        }
    }

    /// The rule's statement, for the report.
    pub fn text(self) -> &'static str {
        match self {
            Rule::StaleManagementCopy => {
                "A `management/` page whose slug also exists under `authentication/` is a stale copy of the authentication page: the authentication client wins; the copy only fills gaps as older evidence."
            }
            Rule::SdkWrapperPage => {
                "A page without a method-name section whose request table uses SDK-language types (`String`, `JSONObject`, `int`) documents an SDK helper over another operation, not an HTTP operation."
            }
            Rule::HandWrittenPage => {
                "A page without the generator marker yields an operation only when it has a method name and a V3 envelope response (`statusCode` row); otherwise it is a protocol guide."
            }
            Rule::NewestGeneration => {
                "The newest rendering decides (generator note > older generated > hand-written); older renderings only fill gaps."
            }
            Rule::Superseded => {
                "An older-generation family sharing a method name or exact title with a newest-generation family of the same client is an earlier rendering of it (renamed path or method) and is dropped."
            }
            Rule::Majority => {
                "Among candidates of one generation the most common value wins; ties go to node, go, java, python, php, csharp, then loose pages."
            }
            Rule::PathFromSlug => {
                "The generator names pages after their path below `/api/v3/`: path = `/api/v3/<slug>`, slug taken literally."
            }
            Rule::MethodFromRowTemplate => {
                "Query rows (leading space / double space after the type) or no parameters: `GET`; any body row: `POST`."
            }
            Rule::OperationIdFromMethodName => {
                "operationId = node method name (else Go/C# lower-first, else Python camel-cased, else slug camel-cased); on a clash the family whose slug camel-cases to the name keeps it, the other takes its camel-cased slug."
            }
            Rule::BodySchemaFromSample => {
                "Body schema name = the class the Java/Go/C# samples pass (or the request section's `类型：`); otherwise an inline schema, never an invented name."
            }
            Rule::ResponseArrayItem => {
                "`data | array` without item type: items = the first structure on the page not referred to by the request or another structure."
            }
            Rule::ArrayItemFromExample => {
                "`array` without item type: item type read from the example (`[\"a\"]` -> string), else free-form."
            }
            Rule::BareTypeName => {
                "A bare type name refers to the structure of that name on the page, else it is a string enum of the backticked values the row shows."
            }
            Rule::EnumFromBullets => {
                "``- `value`: label`` description bullets become `enum` (backticks trimmed) and `x-enum-descriptions`."
            }
            Rule::ConnectionPairing => {
                "\"当 `connection` 为 `X` 的时候必填\" / \"required when `connection` is `X`\" pairs value X with the field (`x-connection-payloads`), from the named value, never from the provider label opening the description."
            }
            Rule::SecurityFromDescription => {
                "\"requires the user's login / access_token\" (or a sample setting one) -> `userAccessToken`; documenting client_secret_post and client_secret_basic -> `x-token-endpoint`."
            }
            Rule::DeprecatedFromDescription => {
                "A description calling the operation `废弃` marks it `deprecated`."
            }
            Rule::LegacyGuide => {
                "`<ApiMethodSpec>` (or its plain-text rendering) in a guide yields a legacy operation: method, host, path, `:name` path parameters, body and response from its slots."
            }
            Rule::StructureShape => {
                "Structures that differ between pages: field list of the best candidate (newest generation, most common field list, language order), each field attribute voted within that generation."
            }
            Rule::EnvelopeRequired => {
                "Envelope rows (no required column): `statusCode`, `message`, `data` and the rest are required, except rows said to be returned only on failure (`apiCode`, `requestId`)."
            }
            Rule::ExampleMatchesSchema => {
                "An example its schema cannot hold (wrong JSON type, a key the structure does not list) is dropped with a warning: every example in the spec is an instance of its schema."
            }
            Rule::Override => {
                "A hand-written override from `spec/overrides.toml`, with its reason."
            }
        }
    }
}
