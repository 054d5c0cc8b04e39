//! The reconciliation rules, written down once: this table is the only place a rule is stated.
//! Every decision the reconstruction makes between candidates cites one of these, and
//! `spec/RECONCILIATION.md` lists them, in this order, with these statements.

/// Declares [`Rule`] from one table: variant, report id, statement (which is also its doc).
macro_rules! rules {
    ($($variant:ident = $id:literal: $text:literal,)*) => {
        /// A rule that decides between candidates (or classifies a page).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(#[doc = $text] $variant,)*
        }

        impl Rule {
            /// Every rule, in report order.
            pub const ALL: &[Rule] = &[$(Rule::$variant),*];

            /// Short identifier used in reports.
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// The rule's statement, for the report.
            pub fn text(self) -> &'static str {
                match self {
                    $(Rule::$variant => $text,)*
                }
            }
        }
    };
}

rules! {
    StaleManagementCopy = "stale-management-copy":
        "A `management/` page whose slug also exists under `authentication/` is a stale copy of the authentication page: the authentication client wins; the copy only fills gaps as older evidence.",
    SdkWrapperPage = "sdk-wrapper-page":
        "A page without a method-name section whose request table uses SDK-language types (`String`, `JSONObject`, `int`) documents an SDK helper over another operation, not an HTTP operation.",
    HandWrittenPage = "hand-written-page":
        "A page without the generator marker yields an operation only when it has a method name and a V3 envelope response (`statusCode` row); otherwise it is a protocol guide.",
    NewestGeneration = "newest-generation":
        "The newest rendering decides (generator note > older generated > hand-written); older renderings only fill gaps.",
    Superseded = "superseded":
        "An older-generation family sharing a method name or exact title with a newest-generation family of the same client is an earlier rendering of it (renamed path or method) and is dropped.",
    Majority = "majority":
        "Among candidates of one generation the most common value wins; ties go to node, go, java, python, php, csharp, then loose pages.",
    PathFromSlug = "path-from-slug":
        "The generator names pages after their path below `/api/v3/`: path = `/api/v3/<slug>`, slug taken literally.",
    MethodFromRowTemplate = "method-from-row-template":
        "Query rows (indented; or a double space after the type, in a table not padded to line up) or no parameters: `GET`; any body row: `POST`. A table padded to line up keeps only the indentation as a signal: without indented rows its rows are body rows (the padded generated pages are body tables), with a warning.",
    OperationIdFromMethodName = "operation-id-from-method-name":
        "operationId = node method name (else Go/C# lower-first, else Python camel-cased, else slug camel-cased); on a clash the family whose slug camel-cases to the name keeps it, the other takes its camel-cased slug.",
    BodySchemaFromSample = "body-schema-from-sample":
        "Body schema name = the class the Java/Go/C# samples pass (or the request section's `类型：`); otherwise an inline schema, never an invented name.",
    ResponseArrayItem = "response-array-item":
        "`data | array` without item type: items = the first structure on the page not referred to by the request or another structure.",
    ArrayItemFromExample = "array-item-from-example":
        "`array` without item type: item type read from the example (`[\"a\"]` -> string), else free-form.",
    BareTypeName = "bare-type-name":
        "A bare type name refers to the structure of that name on the page, else it is a string enum of the backticked values the row shows.",
    EnumFromBullets = "enum-from-bullets":
        "``- `value`: label`` description bullets become `enum` (backticks trimmed) and `x-enum-descriptions`.",
    ConnectionPairing = "connection-pairing":
        "\"当 `connection` 为 `X` 的时候必填\" / \"required when `connection` is `X`\" pairs value X with the field (`x-connection-payloads`), from the named value, never from the provider label opening the description.",
    SecurityFromDescription = "security-from-description":
        "\"requires the user's login / access_token\" (or a sample setting one) -> `userAccessToken`; documenting client_secret_post and client_secret_basic -> `x-token-endpoint`.",
    DeprecatedFromDescription = "deprecated-from-description":
        "A description calling the operation `废弃` marks it `deprecated`.",
    LegacyGuide = "legacy-guide":
        "`<ApiMethodSpec>` (or its plain-text rendering) in a guide yields a legacy operation: method, host, path, `:name` path parameters, body and response from its slots.",
    ProtocolEndpoint = "protocol-endpoint":
        "An OpenID Connect, OAuth 2.0 or CAS endpoint (authorize, token, revocation, introspection, userinfo, end session, discovery, JWKS under `/oidc` and `/oauth`; CAS login, validate, serviceValidate, logout) is an operation when a line of a guide or package spells its path; its parameters, form body and answer are those of its standard, its witnesses every such line, and it is marked `x-protocol` (`oidc`, `oauth2`, `cas`): no V3 envelope, RFC 6749 errors. It replaces an operation recovered at the same method and path.",
    StructureShape = "structure-shape":
        "Structures that differ between pages: field list of the best candidate (newest generation, most common field list, language order), each field attribute voted within that generation.",
    EnvelopeRequired = "envelope-required":
        "Envelope rows (no required column): `statusCode`, `message`, `data` and the rest are required, except rows said to be returned only on failure (`apiCode`, `requestId`).",
    ExampleMatchesSchema = "example-matches-schema":
        "An example its schema cannot hold (wrong JSON type, a key the structure does not list) is dropped with a warning: every example in the spec is an instance of its schema.",
    SameOperation = "same-operation":
        "A package method and a page family are one operation when the method's URL, `/api/v3/` dropped and every `/` turned into `-`, is the family's slug (several methods on one URL: the one with the family's HTTP method, else the one named like it); failing that, when the method's name is the family's operationId and no other method claims the family.",
    LiteralPath = "literal-path":
        "A package's literal URL and HTTP method beat the path derived from a page slug and the method derived from the row template; packages that disagree with each other are different operations.",
    QueryFromLiteral = "query-from-literal":
        "A package's split between query (`params`) and body (`data`) beats the row template: what it sends in the query is a query parameter, and an operation it sends without a body has none.",
    BodyNameFromPackage = "body-name-from-package":
        "The model a package method takes names the request body schema, beating the samples' class and an inline body; the model it returns names the response schema where the pages name none.",
    Presence = "presence":
        "An operation, parameter, field or enum member that any witness has is kept, its witnesses in `x-source`; absence from one witness is not evidence of removal.",
    PagesDecideAttributes = "pages-decide-attributes":
        "Where the pages and a package both state a required flag, a type, a description or a structure reference, the pages (rendered last) decide and the disagreement is reported; packages fill what the pages leave out (between packages: node, then python).",
    IntegerFromPython = "integer-from-python":
        "A parameter or field the Python docstring types `(int)` is `type: integer` where the other witnesses say `number` (or give no type); where they say another type, `pages-decide-attributes` decides and the contradiction is reported.",
    EnglishFromPython = "english-from-python":
        "The Python package's English docstring texts go beside the Chinese ones, never over them: its summary line as `x-summary-en` and its description as `x-description-en` on the operation it is merged into, each argument's text as `x-description-en` on the parameter or body field of the same wire name. Where two methods give one shared schema's field different texts, the first in path order keeps it.",
    WireNameFromLiterals = "wire-name-from-literals":
        "A Python argument whose wire key differs from another witness's name only in case and underscores (`ext_idp_conn_identifier` / `extIdpConnIdentifier`) is the same argument: the node package's literal (else the pages') stays, the Python key is reported.",
    EnumFromPackage = "enum-from-package":
        "A package's enum (TypeScript `enum`, a union of literals) types the field: a plain `string` of the pages becomes that enum, and its members (their values: `'_-1' = -1` is `-1`) join those the pages list; an enum mixing strings and numbers has no `type`.",
    ModelSchema = "model-schema":
        "Every model a package names for a request body or a response is a named schema (with the models it refers to): built from the model where the pages have no structure of that name, merged into it (presence) where they have.",
    PackageHelper = "package-helper":
        "A package method that is not one generated request (its body is not a single `httpClient.request` with a literal method and URL, or it lies outside the package's marked generated region) is a hand-written helper: set aside and listed.",
    Override = "override":
        "A hand-written override from `spec/overrides.toml`, with its reason.",
}
