//! What a change does to code written against the previous client: the classifier.
//!
//! A change is **breaking** when code that compiled against the old client stops compiling or
//! changes meaning, **additive** when such code keeps compiling and means the same, **docs** when
//! only documentation moves. The rules follow from how codegen emits (see `macros/src/dto.rs`,
//! `open_enum.rs`, `connection.rs`, `query_params.rs`):
//!
//! - structs have public fields and no `#[non_exhaustive]`, so users build request structs with
//!   struct literals; a struct derives `Default` exactly when every field's type has one
//!   (`Struct::default` in the IR), and then the documented form is `..Default::default()`;
//! - optional fields are `Option<T>`, required ones `T` (nullable ones `Option<T>` either way);
//! - open enums and connection enums are exhaustive Rust enums (no `#[non_exhaustive]`); an open
//!   enum keeps unknown values in `Unknown(String)`;
//! - path parameters, required query parameters and required headers are positional method
//!   arguments; optional query parameters are fields of an `XxxParams` struct (always
//!   `Default`), passed as one more argument when there is at least one.

/// The effect of a change on code written against the old client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effect {
    /// Old code stops compiling or changes meaning.
    Breaking,
    /// Old code keeps compiling and means the same; there is more to use.
    Additive,
    /// Only documentation changes.
    Docs,
}

impl Effect {
    /// `breaking`, `additive`, `docs`.
    pub fn id(self) -> &'static str {
        match self {
            Effect::Breaking => "breaking",
            Effect::Additive => "additive",
            Effect::Docs => "docs",
        }
    }
}

/// Where a type is used, from the operations of both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Usage {
    /// Reached from a parameter or a request body: users build values of it.
    pub request: bool,
    /// Reached from a response: users read values of it.
    pub response: bool,
}

/// One kind of change, with the facts its classification depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A new operation.
    OperationAdded,
    /// An operation is gone.
    OperationRemoved,
    /// The same `METHOD path` under another operationId: the method has a new name.
    OperationRenamed,
    /// The HTTP method changed.
    MethodChanged,
    /// The path template changed.
    PathChanged,
    /// How the request is sent or its response read changed: operation server, body encoding,
    /// token-endpoint client authentication, V3 envelope or bare body.
    RequestChanged,
    /// A positional argument (path, required query, required header) is new.
    ArgumentAdded,
    /// A positional argument is gone.
    ArgumentRemoved,
    /// A positional argument's type changed.
    ArgumentTypeChanged,
    /// The positional arguments come in another order.
    ArgumentsReordered,
    /// The operation had no optional query parameter and now has one: a new `params` argument.
    ParamsArgumentAdded,
    /// The last optional query parameter is gone, and the `params` argument with it.
    ParamsArgumentRemoved,
    /// A new optional query parameter, a field of the existing `XxxParams` struct.
    OptionalParameterAdded,
    /// An optional query parameter is gone.
    OptionalParameterRemoved,
    /// An optional query parameter's type changed.
    OptionalParameterTypeChanged,
    /// A parameter moved between positional (required) and the params struct (optional).
    ParameterRequiredChanged,
    /// The request body appeared, disappeared or changed type.
    BodyChanged,
    /// The method's return type changed.
    ResponseChanged,
    /// The operation became deprecated (or stopped being).
    DeprecationChanged,
    /// A new named type.
    TypeAdded,
    /// A named type is gone.
    TypeRemoved,
    /// A schema's Rust type name changed.
    TypeRenamed,
    /// A schema became another kind of type (struct, enum, alias, ...).
    TypeKindChanged,
    /// A new struct field.
    FieldAdded {
        /// The field's Rust type is not `Option<T>`.
        required: bool,
        /// The struct derives `Default` (in the new client).
        default: bool,
        /// Where the struct is used.
        usage: Usage,
    },
    /// A struct field is gone.
    FieldRemoved,
    /// A struct field's Rust type changed (optional <-> required included).
    FieldTypeChanged,
    /// A field's Rust name changed (same wire name).
    FieldRenamed,
    /// A field's `required` flag changed while its Rust type stayed (`Option<T>`: nullable).
    FieldRequiredChanged {
        /// Required now.
        required: bool,
        /// Where the struct is used.
        usage: Usage,
    },
    /// The struct no longer derives `Default`.
    DefaultRemoved,
    /// The struct now derives `Default`.
    DefaultAdded,
    /// A new enum value.
    EnumValueAdded,
    /// An enum value is gone.
    EnumValueRemoved,
    /// An enum value's Rust variant name changed.
    EnumValueRenamed,
    /// A new `x-connection-payloads` variant.
    ConnectionVariantAdded,
    /// A connection variant is gone.
    ConnectionVariantRemoved,
    /// A connection variant's payload (field or type) changed.
    ConnectionPayloadChanged,
    /// The alternatives of a `oneOf` / `anyOf` changed.
    UnionChanged,
    /// A type alias (or a newtype struct) wraps another type.
    AliasChanged,
}

impl Kind {
    /// A stable snake_case name, for JSON.
    pub fn id(&self) -> &'static str {
        use Kind::*;
        match self {
            OperationAdded => "operation_added",
            OperationRemoved => "operation_removed",
            OperationRenamed => "operation_renamed",
            MethodChanged => "method_changed",
            PathChanged => "path_changed",
            RequestChanged => "request_changed",
            ArgumentAdded => "argument_added",
            ArgumentRemoved => "argument_removed",
            ArgumentTypeChanged => "argument_type_changed",
            ArgumentsReordered => "arguments_reordered",
            ParamsArgumentAdded => "params_argument_added",
            ParamsArgumentRemoved => "params_argument_removed",
            OptionalParameterAdded => "optional_parameter_added",
            OptionalParameterRemoved => "optional_parameter_removed",
            OptionalParameterTypeChanged => "optional_parameter_type_changed",
            ParameterRequiredChanged => "parameter_required_changed",
            BodyChanged => "body_changed",
            ResponseChanged => "response_changed",
            DeprecationChanged => "deprecation_changed",
            TypeAdded => "type_added",
            TypeRemoved => "type_removed",
            TypeRenamed => "type_renamed",
            TypeKindChanged => "type_kind_changed",
            FieldAdded { .. } => "field_added",
            FieldRemoved => "field_removed",
            FieldTypeChanged => "field_type_changed",
            FieldRenamed => "field_renamed",
            FieldRequiredChanged { .. } => "field_required_changed",
            DefaultRemoved => "default_removed",
            DefaultAdded => "default_added",
            EnumValueAdded => "enum_value_added",
            EnumValueRemoved => "enum_value_removed",
            EnumValueRenamed => "enum_value_renamed",
            ConnectionVariantAdded => "connection_variant_added",
            ConnectionVariantRemoved => "connection_variant_removed",
            ConnectionPayloadChanged => "connection_payload_changed",
            UnionChanged => "union_changed",
            AliasChanged => "alias_changed",
        }
    }

    /// A short heading for the report.
    pub fn title(&self) -> &'static str {
        use Kind::*;
        match self {
            OperationAdded => "operations added",
            OperationRemoved => "operations removed",
            OperationRenamed => "operations renamed",
            MethodChanged => "HTTP method changed",
            PathChanged => "path changed",
            RequestChanged => "request sent differently",
            ArgumentAdded => "arguments added",
            ArgumentRemoved => "arguments removed",
            ArgumentTypeChanged => "argument types changed",
            ArgumentsReordered => "arguments reordered",
            ParamsArgumentAdded => "`params` argument added",
            ParamsArgumentRemoved => "`params` argument removed",
            OptionalParameterAdded => "optional query parameters added",
            OptionalParameterRemoved => "optional query parameters removed",
            OptionalParameterTypeChanged => "optional query parameter types changed",
            ParameterRequiredChanged => "parameters made required or optional",
            BodyChanged => "request body changed",
            ResponseChanged => "return type changed",
            DeprecationChanged => "deprecation changed",
            TypeAdded => "types added",
            TypeRemoved => "types removed",
            TypeRenamed => "types renamed",
            TypeKindChanged => "types of another kind",
            FieldAdded { required: true, .. } => "required fields added",
            FieldAdded { .. } => "optional fields added",
            FieldRemoved => "fields removed",
            FieldTypeChanged => "field types changed",
            FieldRenamed => "fields renamed",
            FieldRequiredChanged { .. } => "required flag changed (type unchanged)",
            DefaultRemoved => "`Default` no longer derived",
            DefaultAdded => "`Default` now derived",
            EnumValueAdded => "enum values added",
            EnumValueRemoved => "enum values removed",
            EnumValueRenamed => "enum variants renamed",
            ConnectionVariantAdded => "connection variants added",
            ConnectionVariantRemoved => "connection variants removed",
            ConnectionPayloadChanged => "connection payloads changed",
            UnionChanged => "oneOf/anyOf alternatives changed",
            AliasChanged => "aliases and newtypes changed",
        }
    }
}

/// The effect of `kind` and why: the one place the reasoning is written.
pub fn classify(kind: &Kind) -> (Effect, &'static str) {
    use Effect::*;
    use Kind::*;
    match *kind {
        // More to call; no existing call changes.
        OperationAdded => (Additive, "a new method; existing calls are unchanged"),
        OperationRemoved => (Breaking, "the method is gone: its callers stop compiling"),
        OperationRenamed => (
            Breaking,
            "the method has a new name (operationId): its callers stop compiling",
        ),
        // The Rust call compiles as before but sends another request: against a deployment that
        // serves the old one, working code stops working.
        MethodChanged | PathChanged | RequestChanged => (
            Breaking,
            "the same call now sends a different request or reads the answer differently (changes meaning)",
        ),
        ArgumentAdded | ArgumentRemoved | ParamsArgumentAdded | ParamsArgumentRemoved => (
            Breaking,
            "the method's argument list changed: its callers stop compiling",
        ),
        ArgumentTypeChanged | OptionalParameterTypeChanged => (
            Breaking,
            "the parameter has another Rust type: callers passing the old one stop compiling",
        ),
        // Same types in another order still compile, and pass each value to another parameter.
        ArgumentsReordered => (
            Breaking,
            "the positional arguments come in another order: calls may compile and send wrong values",
        ),
        // `XxxParams` always derives `Default`, and it is built with `..Default::default()`.
        OptionalParameterAdded => (
            Additive,
            "a new field of the params struct, which derives Default: literals with `..Default::default()` keep compiling",
        ),
        OptionalParameterRemoved => (
            Breaking,
            "a field of the params struct is gone: code setting it stops compiling",
        ),
        ParameterRequiredChanged => (
            Breaking,
            "the parameter moved between a positional argument and the params struct: callers stop compiling",
        ),
        BodyChanged => (
            Breaking,
            "the body argument appeared, disappeared or has another type: callers stop compiling",
        ),
        ResponseChanged => (
            Breaking,
            "the method returns another type: code using the result stops compiling",
        ),
        // `#[deprecated]` is a warning, not an error.
        DeprecationChanged => (
            Docs,
            "a `#[deprecated]` attribute: a warning, code keeps compiling",
        ),
        TypeAdded => (Additive, "a new type; no existing code names it"),
        TypeRemoved => (Breaking, "the type is gone: code naming it stops compiling"),
        TypeRenamed => (
            Breaking,
            "the type has a new Rust name: code naming it stops compiling",
        ),
        TypeKindChanged => (
            Breaking,
            "the type is now another kind of item (struct, enum, alias): code using it stops compiling",
        ),
        // Request structs are built with literals. A required field has to be given: a literal
        // without it stops compiling, and with `..Default::default()` (when the struct derives
        // it) the request carries an empty value the server rejects.
        FieldAdded {
            required: true,
            usage: Usage { request: true, .. },
            ..
        } => (
            Breaking,
            "a request struct gains a field users must give: their struct literals stop compiling",
        ),
        // An optional field of a struct deriving Default: `..Default::default()` (the documented
        // form) keeps compiling. A literal naming every field does not; that is the price of
        // literals, and why the README asks for `..Default::default()`.
        FieldAdded {
            required: false,
            default: true,
            usage: Usage { request: true, .. },
        } => (
            Additive,
            "a new optional field of a struct deriving Default: literals with `..Default::default()` keep compiling",
        ),
        // No `Default` (some field's type has none): every literal names every field.
        FieldAdded {
            required: false,
            default: false,
            usage: Usage { request: true, .. },
        } => (
            Breaking,
            "a new field of a request struct without Default: every struct literal must name it",
        ),
        // Users read response structs; serde builds them.
        FieldAdded { .. } => (
            Additive,
            "a new field of a type users only read (responses): reading code keeps compiling",
        ),
        FieldRemoved => (
            Breaking,
            "the field is gone: code reading or setting it stops compiling",
        ),
        FieldTypeChanged => (
            Breaking,
            "the field has another Rust type (`T` <-> `Option<T>` included): code using it stops compiling",
        ),
        FieldRenamed => (
            Breaking,
            "the field has a new Rust name: code using it stops compiling",
        ),
        // Nullable fields are `Option<T>` either way: code compiles, but a request that leaves
        // it `None` is now refused by the server.
        FieldRequiredChanged {
            required: true,
            usage: Usage { request: true, .. },
        } => (
            Breaking,
            "the server now requires a field requests may leave `None` (type unchanged: nullable)",
        ),
        FieldRequiredChanged { .. } => (
            Additive,
            "the required flag moved, the Rust type (`Option<T>`, nullable) did not: code keeps compiling",
        ),
        DefaultRemoved => (
            Breaking,
            "the struct no longer derives Default: `..Default::default()` and `T::default()` stop compiling",
        ),
        DefaultAdded => (Additive, "the struct now derives Default"),
        // Open enums are exhaustive Rust enums: a `match` naming every variant stops compiling,
        // and a value that arrived as `Unknown("X")` now arrives as the new variant. (With
        // `#[non_exhaustive]` on open enums, which already force handling unknown values, this
        // would be additive.)
        EnumValueAdded => (
            Breaking,
            "a new variant of an exhaustive enum: exhaustive matches stop compiling, and the value no longer comes as `Unknown`",
        ),
        EnumValueRemoved => (
            Breaking,
            "the variant is gone: code naming it stops compiling",
        ),
        EnumValueRenamed => (
            Breaking,
            "the variant has a new Rust name: code naming it stops compiling",
        ),
        ConnectionVariantAdded => (
            Breaking,
            "a new variant of an exhaustive connection enum: exhaustive matches stop compiling",
        ),
        ConnectionVariantRemoved => (
            Breaking,
            "the connection variant is gone: code naming it stops compiling",
        ),
        ConnectionPayloadChanged => (
            Breaking,
            "the variant carries another payload: code building or matching it stops compiling",
        ),
        UnionChanged => (
            Breaking,
            "the alternatives of the enum changed: code building or matching them stops compiling",
        ),
        AliasChanged => (
            Breaking,
            "the alias names another type: code using it stops compiling",
        ),
    }
}
