//! Lowering of one operation parameter: where it goes, its type, and how it is written.
//!
//! | `in` | default | the runtime writes it with |
//! | --- | --- | --- |
//! | `path` | `simple` | `path_param` (a scalar's `Display`), or `path_param_styled` for `label`, `matrix`, arrays and objects |
//! | `query` | `form`, `explode: true` | `query` (scalars, arrays as repeated keys), or `query_styled` for `explode: false`, `spaceDelimited`, `pipeDelimited`, `deepObject` and objects |
//! | `header` | `simple` | `header_styled` (scalars as text, arrays `a,b`, objects `k,v` / `k=v`) |
//! | `cookie` | `form`, `explode: true` | `cookie`, all in one `Cookie` header |
//!
//! A combination the OpenAPI table leaves undefined (`deepObject` of a non-object,
//! `spaceDelimited` / `pipeDelimited` exploded objects) is written as an exploded `form`, with a
//! warning; `allowReserved` is reported (reserved characters are percent-encoded, which a server
//! that decodes the query reads the same).

use openapiv3::{Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle};

use super::{Hint, Lowerer};
use crate::diagnostic::Diagnostic;
use crate::ir::{Doc, Param, ParamLocation, Style, Ty, TypeKind};
use crate::names::{pascal, snake};

/// What a parameter's value is, for the styles.
#[derive(PartialEq)]
enum Kind {
    Scalar,
    Array,
    Object,
    Other,
}

impl<'a> Lowerer<'a> {
    /// The parameter (its `rust_name` not yet claimed), and whether it is required
    /// (positional); `None` (with an error) when it cannot be sent at all.
    pub(crate) fn lower_parameter(
        &mut self,
        parameter: &'a Parameter,
        at: &str,
        path: &str,
        hint: &Hint,
    ) -> Option<(Param, bool)> {
        let data = parameter.parameter_data_ref();
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => self.ty(
                schema.into(),
                &format!("{at}/schema"),
                &hint.child(&data.name, &pascal(&data.name, "Param")),
            ),
            ParameterSchemaOrContent::Content(_) => {
                self.diagnostics.push(Diagnostic::warning(
                    at,
                    "a parameter with `content` is not supported; typed as serde_json::Value and written as its JSON text",
                ));
                Ty::Value
            }
        };
        let kind = self.kind(&ty, 0);
        let explode = data.explode;
        let (location, style) = match parameter {
            Parameter::Path { style, .. } => {
                if !path.contains(&format!("{{{}}}", data.name)) {
                    self.diagnostics.push(Diagnostic::error(
                        at,
                        format!(
                            "path parameter `{}` is not in the path `{path}`; parameter skipped",
                            data.name
                        ),
                    ));
                    return None;
                }
                let style = match style {
                    PathStyle::Simple => Style::Simple,
                    PathStyle::Label => Style::Label,
                    PathStyle::Matrix => Style::Matrix,
                };
                let explode = explode.unwrap_or(false);
                let plain = style == Style::Simple && kind == Kind::Scalar;
                (ParamLocation::Path, (!plain).then_some((style, explode)))
            }
            Parameter::Query {
                style,
                allow_reserved,
                ..
            } => {
                if *allow_reserved {
                    self.diagnostics.push(Diagnostic::warning(
                        at,
                        "`allowReserved` is not supported; reserved characters are percent-encoded (a server that decodes the query reads the same value)",
                    ));
                }
                let style = match style {
                    QueryStyle::Form => Style::Form,
                    QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                    QueryStyle::PipeDelimited => Style::PipeDelimited,
                    QueryStyle::DeepObject => Style::DeepObject,
                };
                let mut explode = explode.unwrap_or(style == Style::Form);
                let undefined = match style {
                    Style::DeepObject => kind != Kind::Object,
                    Style::SpaceDelimited | Style::PipeDelimited => explode && kind == Kind::Object,
                    _ => false,
                };
                let style = if undefined {
                    self.diagnostics.push(Diagnostic::warning(
                        at,
                        format!(
                            "`style: {}`{} is undefined for this schema; written as an exploded `form` (`name=value` per item or property)",
                            style.api_name(),
                            if explode { " with `explode: true`" } else { "" }
                        ),
                    ));
                    explode = true;
                    Style::Form
                } else {
                    style
                };
                let plain = style == Style::Form && explode && kind != Kind::Object;
                (ParamLocation::Query, (!plain).then_some((style, explode)))
            }
            Parameter::Header { .. } => {
                let explode = explode.unwrap_or(false);
                (
                    ParamLocation::Header,
                    explode.then_some((Style::Simple, true)),
                )
            }
            Parameter::Cookie { .. } => {
                let explode = explode.unwrap_or(true);
                (
                    ParamLocation::Cookie,
                    (!explode).then_some((Style::Form, false)),
                )
            }
        };
        let required = data.required || location == ParamLocation::Path;
        let param = Param {
            api_name: data.name.clone(),
            rust_name: snake(&data.name, "param"),
            location,
            ty,
            doc: Doc {
                en: super::extension_text(&data.extensions, "x-description-en"),
                original: data.description.clone(),
            },
            style,
        };
        Some((param, required))
    }

    /// Scalar, array, object or neither, through aliases (bounded: alias cycles are not
    /// broken yet).
    fn kind(&self, ty: &Ty, depth: usize) -> Kind {
        match ty {
            _ if depth > 16 => Kind::Other,
            Ty::String | Ty::Scopes | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 => {
                Kind::Scalar
            }
            Ty::Array(_) => Kind::Array,
            Ty::Object | Ty::Map(_) => Kind::Object,
            Ty::Option(inner) => self.kind(inner, depth + 1),
            Ty::Named(id) => match &self.types[id.0].kind {
                TypeKind::Enum(_) => Kind::Scalar,
                TypeKind::Struct(_) => Kind::Object,
                TypeKind::Alias(target) | TypeKind::Newtype(target) => self.kind(target, depth + 1),
                _ => Kind::Other,
            },
            Ty::Unit | Ty::Value | Ty::Bytes => Kind::Other,
        }
    }
}
