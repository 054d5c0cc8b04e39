//! What a case is: one call, made once through the node SDK and once through the Rust client's
//! generated typed method, with the same arguments.

use std::future::Future;
use std::pin::Pin;

use authing::{AuthenticationClient, ManagementClient, TokenEndpointAuthMethod};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The shape of call a case exercises (the report counts cases per client and kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A token endpoint (sign-in), with the case's client authentication method.
    SignIn,
    /// A GET whose arguments all go in the query.
    Query,
    /// A GET with an array in the query.
    ArrayQuery,
    /// A call without arguments.
    NoArgs,
    /// A JSON body.
    Json,
    /// A path of more than one segment below `/api/v3` (`/api/v3/metadata/list-model`).
    Nested,
}

/// Whether the two clients are expected to agree on a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Agree,
    /// A known difference, with its reason (kept in the report; a case that starts agreeing
    /// fails the test so that the reason does not outlive the difference).
    #[allow(
        dead_code,
        reason = "every case agrees today; kept for the next known difference"
    )]
    Differ(&'static str),
}

/// A failure on the Rust side before or while sending.
#[derive(Debug)]
pub enum CallError {
    /// The case's arguments do not deserialize into the method's types.
    Arguments(String),
    /// The client reported an error (a response that does not decode into the method's type
    /// is expected: the recorder answers `data: null`).
    Client(authing::Error),
}

pub type Pending = Pin<Box<dyn Future<Output = Result<(), CallError>> + Send>>;

/// The Rust side of a case: a generated method called on a client.
pub enum Call {
    Authentication(fn(AuthenticationClient, Args) -> Pending),
    Management(fn(ManagementClient, Args) -> Pending),
}

pub struct Case {
    pub kind: Kind,
    /// The client authentication method of a sign-in case (`None` elsewhere: the client then
    /// carries the user's access token).
    pub auth: Option<TokenEndpointAuthMethod>,
    /// The node SDK method.
    pub node: &'static str,
    /// The node method's arguments (a list: most methods take one object).
    pub args: Value,
    /// The Rust method's arguments where they differ from the node ones (a node helper that
    /// builds the request body itself, as the sign-in shortcuts do); otherwise `args`.
    pub rust_args: Option<Value>,
    pub call: Call,
    pub expect: Expect,
}

impl Case {
    pub fn client(&self) -> &'static str {
        match self.call {
            Call::Authentication(_) => "authentication",
            Call::Management(_) => "management",
        }
    }

    /// The case as the node harness reads it.
    pub fn plan(&self, id: usize) -> Value {
        json!({
            "id": id,
            "client": self.client(),
            "authMethod": self.auth.map(|method| method.as_str()),
            "method": self.node,
            "args": self.args,
        })
    }

    pub fn with_auth(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.auth = Some(method);
        self
    }

    pub fn rust_args(mut self, args: Value) -> Self {
        self.rust_args = Some(args);
        self
    }

    #[allow(
        dead_code,
        reason = "every case agrees today; kept for the next known difference"
    )]
    pub fn differ(mut self, reason: &'static str) -> Self {
        self.expect = Expect::Differ(reason);
        self
    }

    pub fn rust_arguments(&self) -> Args {
        Args(self.rust_args.clone().unwrap_or_else(|| self.args.clone()))
    }
}

/// The arguments of a case on the Rust side, deserialized into what the method takes.
pub struct Args(pub Value);

impl Args {
    /// The first argument as a whole: a body DTO or a `...Params` struct (serde ignores the
    /// fields that are positional arguments of the Rust method).
    pub fn de<T: DeserializeOwned>(&self) -> Result<T, CallError> {
        self.at(0)
    }

    /// Argument `index` of the node call (a path parameter of a node method, a body after it).
    pub fn at<T: DeserializeOwned>(&self, index: usize) -> Result<T, CallError> {
        let value = self.0.get(index).cloned().unwrap_or(Value::Null);
        serde_json::from_value(value)
            .map_err(|error| CallError::Arguments(format!("argument {index}: {error}")))
    }

    /// Field `name` of the first argument (a required query parameter).
    pub fn field<T: DeserializeOwned>(&self, name: &str) -> Result<T, CallError> {
        let value = self.0[0].get(name).cloned().unwrap_or(Value::Null);
        serde_json::from_value(value)
            .map_err(|error| CallError::Arguments(format!("`{name}`: {error}")))
    }

    /// Field `name` of the first argument, as a string.
    pub fn s(&self, name: &str) -> Result<String, CallError> {
        self.field(name)
    }
}

/// The outcome of a generated method: only whether the request went out matters.
pub fn sent<T>(result: Result<T, authing::Error>) -> Result<(), CallError> {
    result.map(drop).map_err(CallError::Client)
}

/// `auth!(Kind, "nodeMethod", [node args...], |client, args| client.method(...))`: a case on
/// the authentication client; `mgmt!` the same on the management client. The call expression
/// may use `?` on the `Args` helpers.
macro_rules! auth {
    ($kind:ident, $node:literal, $args:tt, |$c:ident, $a:ident| $call:expr) => {
        $crate::case::Case {
            kind: $crate::case::Kind::$kind,
            auth: None,
            node: $node,
            args: serde_json::json!($args),
            rust_args: None,
            call: $crate::case::Call::Authentication(|$c, $a| {
                Box::pin(async move { $crate::case::sent($call.await) })
            }),
            expect: $crate::case::Expect::Agree,
        }
    };
}

macro_rules! mgmt {
    ($kind:ident, $node:literal, $args:tt, |$c:ident, $a:ident| $call:expr) => {
        $crate::case::Case {
            kind: $crate::case::Kind::$kind,
            auth: None,
            node: $node,
            args: serde_json::json!($args),
            rust_args: None,
            call: $crate::case::Call::Management(|$c, $a| {
                Box::pin(async move { $crate::case::sent($call.await) })
            }),
            expect: $crate::case::Expect::Agree,
        }
    };
}

pub(crate) use {auth, mgmt};
