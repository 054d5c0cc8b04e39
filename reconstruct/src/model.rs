//! The reconciled API: plain data between reconciliation and emission. One [`Api`] per client.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::corpus::Loc;

/// The two V3 clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Client {
    /// `AuthenticationClient`: end-user calls.
    Authentication,
    /// `ManagementClient`: administrator calls.
    Management,
}

impl Client {
    /// `authentication` / `management`.
    pub fn name(self) -> &'static str {
        match self {
            Client::Authentication => "authentication",
            Client::Management => "management",
        }
    }

    /// `AuthenticationClient` / `authentication` (and the management spellings) -> the client.
    pub fn from_prefix(s: &str) -> Option<Client> {
        match s {
            "AuthenticationClient" | "authentication" => Some(Client::Authentication),
            "ManagementClient" | "management" => Some(Client::Management),
            _ => None,
        }
    }
}

/// One client's API.
#[derive(Clone, Debug)]
pub struct Api {
    /// Which client.
    pub client: Client,
    /// Operations, sorted by path then method.
    pub operations: Vec<Operation>,
    /// Named schemas (`components.schemas`).
    pub schemas: BTreeMap<String, NamedSchema>,
}

/// HTTP methods the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
    /// PATCH.
    Patch,
}

impl HttpMethod {
    /// Upper-case name.
    pub fn name(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
        }
    }

    /// The method of an upper-case name (`GET`, ...).
    pub fn from_name(name: &str) -> Option<HttpMethod> {
        Some(match name {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "DELETE" => HttpMethod::Delete,
            "PATCH" => HttpMethod::Patch,
            _ => return None,
        })
    }
}

/// One operation.
#[derive(Clone, Debug)]
pub struct Operation {
    /// Unique within the client.
    pub operation_id: String,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template (`{name}` for path parameters).
    pub path: String,
    /// Tag (the page's folder, a Chinese tag name).
    pub tag: Option<String>,
    /// Page title.
    pub summary: Option<String>,
    /// Page description.
    pub description: Option<String>,
    /// The summary in English (`x-summary-en`), from the Python package's docstring.
    pub summary_en: Option<String>,
    /// The description in English (`x-description-en`), from the Python package's docstring.
    pub description_en: Option<String>,
    /// Query and path parameters.
    pub parameters: Vec<Parameter>,
    /// JSON request body.
    pub body: Option<Body>,
    /// The 200 response body schema.
    pub response: Option<Schema>,
    /// Description of the 200 response.
    pub response_description: String,
    /// Needs the end user's access token.
    pub requires_login: bool,
    /// Token endpoint: client authentication applies.
    pub token_endpoint: bool,
    /// Deprecated.
    pub deprecated: bool,
    /// A pre-V3 endpoint with its own hosts.
    pub legacy_servers: Option<Vec<String>>,
    /// A protocol endpoint (`x-protocol`): no envelope, its standard's answers.
    pub protocol: Option<&'static crate::protocol::Endpoint>,
    /// Where it was recovered from.
    pub sources: Vec<Loc>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIn {
    /// Query string.
    Query,
    /// Path segment.
    Path,
}

/// A query or path parameter.
#[derive(Clone, Debug)]
pub struct Parameter {
    /// API name.
    pub name: String,
    /// Where.
    pub location: ParamIn,
    /// Required.
    pub required: bool,
    /// Its schema (carries the description).
    pub schema: Schema,
}

/// A request body.
#[derive(Clone, Debug)]
pub struct Body {
    /// A `Ref` to a named schema, or an inline object.
    pub schema: Schema,
    /// Sent as `application/x-www-form-urlencoded` (else JSON).
    pub form: bool,
}

/// A schema.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    /// What it is.
    pub ty: SchemaType,
    /// Description.
    pub description: Option<String>,
    /// The description in English (`x-description-en`; parameters and properties carry it on
    /// their schema, as they do the description).
    pub description_en: Option<String>,
    /// Default value.
    pub default: Option<Value>,
    /// Example value.
    pub example: Option<Value>,
    /// Enum values with their labels (empty when not an enum).
    pub enumeration: Vec<(Value, String)>,
    /// `maxItems`.
    pub max_items: Option<u64>,
}

/// The shape of a schema.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SchemaType {
    /// `string`.
    String,
    /// `number`.
    Number,
    /// `integer`.
    Integer,
    /// `boolean`.
    Boolean,
    /// `object` without properties (free-form).
    FreeObject,
    /// Any value (no type).
    #[default]
    Any,
    /// `array`.
    Array(Box<Schema>),
    /// `$ref` to a named schema.
    Ref(String),
    /// `object` with properties.
    Object(Object),
}

/// An object with properties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    /// Properties, in the docs' order.
    pub properties: Vec<Property>,
    /// Discriminator value -> payload field pairing (`x-connection-payloads`).
    pub connection: Option<ConnectionPayloads>,
}

/// One property.
#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    /// API name.
    pub name: String,
    /// Its schema.
    pub schema: Schema,
    /// Required.
    pub required: bool,
}

/// `x-connection-payloads`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConnectionPayloads {
    /// The discriminator property (`connection`).
    pub property: String,
    /// Value -> payload field, in the discriminator's enum order.
    pub payloads: Vec<(String, String)>,
}

/// A schema in `components.schemas`.
#[derive(Clone, Debug)]
pub struct NamedSchema {
    /// The schema.
    pub schema: Schema,
    /// Where it was recovered from.
    pub sources: Vec<Loc>,
}

impl Schema {
    /// A schema of a type, nothing else set.
    pub fn of(ty: SchemaType) -> Schema {
        Schema {
            ty,
            ..Schema::default()
        }
    }

    /// Names of the schemas it refers to, directly or nested.
    pub fn refs(&self, out: &mut Vec<String>) {
        match &self.ty {
            SchemaType::Ref(n) => out.push(n.clone()),
            SchemaType::Array(item) => item.refs(out),
            SchemaType::Object(o) => o.properties.iter().for_each(|p| p.schema.refs(out)),
            _ => {}
        }
    }

    /// Visits the schema and all schemas nested in it.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Schema)) {
        f(self);
        match &mut self.ty {
            SchemaType::Array(item) => item.walk_mut(f),
            SchemaType::Object(o) => o.properties.iter_mut().for_each(|p| p.schema.walk_mut(f)),
            _ => {}
        }
    }

    /// A compact signature of the type (without descriptions/examples), for voting.
    pub fn signature(&self) -> String {
        let base = match &self.ty {
            SchemaType::String => "string".to_string(),
            SchemaType::Number => "number".to_string(),
            SchemaType::Integer => "integer".to_string(),
            SchemaType::Boolean => "boolean".to_string(),
            SchemaType::FreeObject => "object".to_string(),
            SchemaType::Any => "any".to_string(),
            SchemaType::Array(item) => format!("{}[]", item.signature()),
            SchemaType::Ref(n) => n.clone(),
            SchemaType::Object(o) => {
                let props: Vec<String> = o
                    .properties
                    .iter()
                    .map(|p| {
                        format!(
                            "{}{}: {}",
                            p.name,
                            if p.required { "" } else { "?" },
                            p.schema.signature()
                        )
                    })
                    .collect();
                format!("{{{}}}", props.join(", "))
            }
        };
        if self.enumeration.is_empty() {
            base
        } else {
            let values: Vec<String> = self
                .enumeration
                .iter()
                .map(|(v, _)| v.to_string())
                .collect();
            format!("{base} enum({})", values.join("|"))
        }
    }
}
