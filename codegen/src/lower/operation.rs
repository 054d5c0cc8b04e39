//! Lowering of operations into client methods.
//!
//! A method takes, in order: path parameters, required query, header and cookie parameters
//! (positional, in the spec's order), then `params: &OpParams` when the operation has optional
//! ones (a generated struct deriving `Default`, so a call reads
//! `client.list_users(&ListUsersParams { page: Some(2), ..Default::default() })`), then `body`.
//! How each parameter is written (`style`, `explode`) is `parameter.rs`.
//!
//! The success type is the first 2xx response's JSON schema. For Authing clients, a response
//! schema that is the V3 envelope (`statusCode` + `message` [+ `data`]) yields the type of `data`
//! (`()` without one); any other schema, and every `x-legacy` or `x-protocol` operation, yields
//! the whole body and is marked `unwrapped`. An `x-protocol` operation without a 2xx response (a
//! browser endpoint answering `302`) yields no method: it is a URL, not a call.

use indexmap::IndexMap;
use openapiv3::{
    Components, MediaType, Operation as SpecOperation, Parameter, ReferenceOr, RequestBody,
    Response, StatusCode,
};

use super::{Hint, Lowerer, SchemaRef};
use crate::Flavour;
use crate::diagnostic::{Diagnostic, child};
use crate::ir::{
    Body, BodyEncoding, Doc, Example, Operation, Param, ParamLocation, ResponseFormat, Ty, TypeKind,
};
use crate::names::{Namespace, pascal, snake};

/// Inherent methods the runtime defines on the clients (`generated/src/runtime/`, public or not)
/// and on the generic `Client`: operations never take these names (a colliding operation gets a
/// `_2` suffix). Keep in sync with the runtime; the `authing` crate's build catches a miss.
const RESERVED_METHODS: &[&str] = &[
    "app_host",
    "app_id",
    "base_url",
    "brand",
    "builder",
    "clear_access_token",
    "exchange_mini_program_ticket",
    "execute",
    "host",
    "inner",
    "into_inner",
    "management_token",
    "new",
    "send",
    "set_access_token",
    "with_access_token",
];

impl<'a> Lowerer<'a> {
    pub(crate) fn lower_operations(&mut self) -> Vec<Operation> {
        let mut methods = Namespace::with_reserved(RESERVED_METHODS.iter().copied());
        let mut operations = Vec::new();
        let spec = self.spec;
        for (path, item) in &spec.paths.paths {
            let path_pointer = child("/paths", path);
            let ReferenceOr::Item(item) = item else {
                self.diagnostics.push(Diagnostic::warning(
                    &path_pointer,
                    "a `$ref` path item is not supported; its operations are skipped",
                ));
                continue;
            };
            for (method, operation) in item.iter() {
                let pointer = format!("{path_pointer}/{method}");
                if let Some(op) = self.operation(
                    path,
                    method,
                    operation,
                    &item.parameters,
                    &pointer,
                    &mut methods,
                ) {
                    operations.push(op);
                }
            }
        }
        operations
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        op: &'a SpecOperation,
        shared: &'a [ReferenceOr<Parameter>],
        pointer: &str,
        methods: &mut Namespace,
    ) -> Option<Operation> {
        let protocol = op
            .extensions
            .get("x-protocol")
            .is_some_and(|v| v.is_string());
        if protocol && !has_success(op) {
            // A browser endpoint (authorize, end session, CAS login / logout): its `302` is for
            // a browser to follow, so it is a URL to build, not a call to make.
            return None;
        }
        let api_name = op
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
        let rust_name = methods.claim(&snake(&api_name, "operation"));
        let type_base = pascal(&api_name, "Operation");
        let hint = Hint {
            api_name: api_name.clone(),
            wanted: type_base.clone(),
        };

        let body = match &op.request_body {
            None => None,
            Some(body) => match self.body(
                body,
                &format!("{pointer}/requestBody"),
                &hint.child("body", "Body"),
            ) {
                Ok(body) => body,
                Err(message) => {
                    self.diagnostics.push(Diagnostic::warning(
                        format!("{pointer}/requestBody"),
                        format!("{message}; the operation is skipped"),
                    ));
                    return None;
                }
            },
        };

        // Operation parameters override path-item parameters with the same name and location.
        let mut parameters: Vec<(&'a Parameter, String)> = Vec::new();
        let all = shared.iter().enumerate().map(|(i, p)| {
            (
                p,
                format!(
                    "{}/parameters/{i}",
                    pointer.rsplit_once('/').map_or("", |(p, _)| p)
                ),
            )
        });
        let own = op
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{pointer}/parameters/{i}")));
        for (parameter, at) in all.chain(own) {
            let Some(parameter) = self.parameter(parameter, &at) else {
                continue;
            };
            let key = |p: &Parameter| {
                (
                    std::mem::discriminant(p),
                    p.parameter_data_ref().name.clone(),
                )
            };
            parameters.retain(|(existing, _)| key(existing) != key(parameter));
            parameters.push((parameter, at));
        }

        let mut names = Namespace::with_reserved(["self"]);
        let mut params = Vec::new();
        let mut optional_query = Vec::new();
        let mut query_names = Namespace::default();
        for (parameter, at) in &parameters {
            let Some((mut param, required)) = self.lower_parameter(parameter, at, path, &hint)
            else {
                continue;
            };
            if required {
                param.rust_name = names.claim(&param.rust_name);
                params.push(param);
            } else {
                param.rust_name = query_names.claim(&param.rust_name);
                optional_query.push(param);
            }
        }
        for segment in path_template_params(path) {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.api_name == segment)
            {
                self.diagnostics.push(Diagnostic::error(pointer, format!("the path has `{{{segment}}}` but no path parameter `{segment}`; taken as a string")));
                params.push(Param {
                    api_name: segment.to_owned(),
                    rust_name: names.claim(&snake(segment, "param")),
                    location: ParamLocation::Path,
                    ty: Ty::String,
                    doc: Doc::default(),
                    style: None,
                });
            }
        }
        // Path parameters first, in path order; then the others in spec order.
        let order = path_template_params(path);
        params.sort_by_key(|p| match p.location {
            ParamLocation::Path => (
                0,
                order
                    .iter()
                    .position(|s| *s == p.api_name)
                    .unwrap_or(usize::MAX),
            ),
            _ => (1, 0),
        });

        let query_params = (!optional_query.is_empty()).then(|| {
            let id = self.new_type(&hint.child("params", "Params"), pointer, None);
            self.types[id.0].doc =
                Doc::original(format!("Optional query parameters of `{api_name}`."));
            self.types[id.0].kind = TypeKind::QueryParams(optional_query);
            (names.claim("params"), id)
        });
        let body = body.map(|(ty, encoding, media_type)| Body {
            rust_name: names.claim("body"),
            ty,
            encoding,
            media_type,
        });

        let legacy = protocol
            || op
                .extensions
                .get("x-legacy")
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
        let (response, unwrapped, response_format) = self.response(op, pointer, &hint, legacy);
        let server = match op.servers.first() {
            Some(server) if server.url.contains('{') => {
                self.diagnostics.push(Diagnostic::warning(
                    format!("{pointer}/servers/0"),
                    "server URLs with variables are not supported; the client's base URL is used",
                ));
                None
            }
            Some(server) => Some(server.url.clone()),
            None => None,
        };
        Some(Operation {
            api_name,
            rust_name,
            pointer: pointer.to_owned(),
            method: method.to_uppercase(),
            path: path.to_owned(),
            summary: Doc {
                en: super::extension_text(&op.extensions, "x-summary-en"),
                original: op.summary.clone(),
            },
            description: Doc {
                en: super::extension_text(&op.extensions, "x-description-en"),
                original: op.description.clone(),
            },
            tags: op.tags.clone(),
            deprecated: op.deprecated,
            params,
            query_params,
            body,
            response,
            response_format,
            token_endpoint: op
                .extensions
                .get("x-token-endpoint")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            unwrapped,
            server,
            pagination: None,
        })
    }

    /// `item`, or the component its local `$ref` names in the `section` of `#/components`
    /// (`parameters`, `requestBodies`, `responses`); `Err` with the diagnostic's text when the
    /// reference dangles.
    fn component<T>(
        &self,
        item: &'a ReferenceOr<T>,
        section: &str,
        map: impl Fn(&'a Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Result<&'a T, String> {
        match item {
            ReferenceOr::Item(item) => Ok(item),
            ReferenceOr::Reference { reference } => reference
                .strip_prefix(&format!("#/components/{section}/"))
                .and_then(|name| map(self.spec.components.as_ref()?).get(&super::unescape(name)))
                .and_then(ReferenceOr::as_item)
                .ok_or_else(|| {
                    format!(
                        "`$ref: {reference}` does not point to an entry of #/components/{section}"
                    )
                }),
        }
    }

    /// Resolves a parameter; an error diagnostic and `None` when its `$ref` dangles.
    fn parameter(
        &mut self,
        parameter: &'a ReferenceOr<Parameter>,
        at: &str,
    ) -> Option<&'a Parameter> {
        self.component(parameter, "parameters", |c| &c.parameters)
            .map_err(|e| {
                self.diagnostics
                    .push(Diagnostic::error(at, format!("{e}; parameter skipped")))
            })
            .ok()
    }

    /// The body type and encoding; `Err` when the body cannot be sent by the runtime.
    fn body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        pointer: &str,
        hint: &Hint,
    ) -> Result<Option<(Ty, BodyEncoding, String)>, String> {
        let body = self.component(body, "requestBodies", |c| &c.request_bodies)?;
        if body.content.is_empty() {
            return Ok(None);
        }
        let json = body.content.iter().find(|(mime, _)| is_json(mime));
        let form = body
            .content
            .iter()
            .find(|(mime, _)| mime.starts_with("application/x-www-form-urlencoded"));
        let binary = body
            .content
            .iter()
            .find(|(mime, _)| !mime.starts_with("multipart/"));
        let multipart = body
            .content
            .iter()
            .find(|(mime, _)| media_essence(mime) == "multipart/form-data");
        if let (None, None, Some((mime, media))) = (json, form, multipart) {
            let at = format!("{}/schema", child(&format!("{pointer}/content"), mime));
            match self.multipart(media, &at, hint) {
                Ok(ty) => {
                    let media_type = "multipart/form-data".to_owned();
                    return Ok(Some((ty, BodyEncoding::Multipart, media_type)));
                }
                Err(reason) if binary.is_none() => return Err(reason),
                Err(reason) => self.diagnostics.push(Diagnostic::warning(
                    at,
                    format!("{reason}; the body is sent as raw bytes of another media type"),
                )),
            }
        }
        let (mime, media, encoding) = match (json, form, binary) {
            (Some((mime, media)), _, _) => (mime, media, BodyEncoding::Json),
            (None, Some((mime, media)), _) => (mime, media, BodyEncoding::Form),
            (None, None, Some((mime, _))) => {
                return Ok(Some((Ty::Bytes, BodyEncoding::Binary, concrete(mime))));
            }
            (None, None, None) => {
                let kinds: Vec<&str> = body.content.keys().map(String::as_str).collect();
                return Err(format!(
                    "request bodies of type {} are not supported (JSON, form, multipart/form-data and raw bytes only)",
                    kinds.join(", ")
                ));
            }
        };
        let pointer = format!("{}/schema", child(&format!("{pointer}/content"), mime));
        let ty = match &media.schema {
            Some(schema) => self.ty(schema.into(), &pointer, hint),
            None => Ty::Value,
        };
        self.media_examples(media, pointer.trim_end_matches("/schema"), &ty);
        Ok(Some((ty, encoding, media_essence(mime).to_owned())))
    }

    /// The success type, whether the response is not the V3 envelope, and its format.
    fn response(
        &mut self,
        op: &'a SpecOperation,
        pointer: &str,
        hint: &Hint,
        legacy: bool,
    ) -> (Ty, bool, ResponseFormat) {
        match self.json_response(op, pointer, hint, legacy) {
            Ok((ty, unwrapped)) => (ty, unwrapped, ResponseFormat::Json),
            Err(ResponseFormat::Text) => (Ty::String, true, ResponseFormat::Text),
            Err(_) => (Ty::Bytes, true, ResponseFormat::Binary),
        }
    }

    /// The JSON success type and whether it is not the V3 envelope; `Err` with the format of a
    /// success response that has no JSON media type.
    fn json_response(
        &mut self,
        op: &'a SpecOperation,
        pointer: &str,
        hint: &Hint,
        legacy: bool,
    ) -> Result<(Ty, bool), ResponseFormat> {
        let authing = self.flavour != Flavour::Generic;
        let success = op
            .responses
            .responses
            .iter()
            .filter(|(status, _)| is_success(status))
            .map(|(status, response)| (status.to_string(), response))
            .next()
            .or_else(|| {
                op.responses
                    .default
                    .as_ref()
                    .map(|r| ("default".to_owned(), r))
            });
        let Some((status, response)) = success else {
            return Ok((Ty::Unit, authing && legacy));
        };
        let at = format!("{pointer}/responses/{status}");
        let Some(response) = self.response_item(response, &at) else {
            return Ok((Ty::Value, authing && legacy));
        };
        if response.content.is_empty() {
            return Ok((Ty::Unit, authing && legacy));
        }
        let Some((mime, media)) = response.content.iter().find(|(mime, _)| is_json(mime)) else {
            let text = response
                .content
                .keys()
                .any(|mime| media_essence(mime).starts_with("text/"));
            return Err(if text {
                ResponseFormat::Text
            } else {
                ResponseFormat::Binary
            });
        };
        let Some(schema) = &media.schema else {
            return Ok((Ty::Value, authing && legacy));
        };
        let schema_pointer = format!("{}/schema", child(&format!("{at}/content"), mime));
        let ty = self.ty(
            SchemaRef::from(schema),
            &schema_pointer,
            &hint.child("response", "Response"),
        );
        self.media_examples(media, schema_pointer.trim_end_matches("/schema"), &ty);
        if !authing {
            return Ok((ty, false));
        }
        if !legacy {
            if let Some(data) = self.envelope_data(&ty) {
                return Ok((data, false));
            }
        }
        Ok((ty, true))
    }

    /// Records the `example` and inline `examples` of a media type as examples of `ty`.
    fn media_examples(&mut self, media: &MediaType, pointer: &str, ty: &Ty) {
        if let Some(example) = &media.example {
            self.examples.push(Example {
                pointer: format!("{pointer}/example"),
                ty: ty.clone(),
                value: example.clone(),
            });
        }
        for (name, example) in &media.examples {
            if let Some(value) = example.as_item().and_then(|e| e.value.clone()) {
                let pointer = format!("{}/value", child(&format!("{pointer}/examples"), name));
                self.examples.push(Example {
                    pointer,
                    ty: ty.clone(),
                    value,
                });
            }
        }
    }

    /// Resolves a response; an error diagnostic and `None` when its `$ref` dangles.
    fn response_item(
        &mut self,
        response: &'a ReferenceOr<Response>,
        at: &str,
    ) -> Option<&'a Response> {
        self.component(response, "responses", |c| &c.responses)
            .map_err(|e| {
                self.diagnostics.push(Diagnostic::error(
                    at,
                    format!("{e}; typed as serde_json::Value"),
                ))
            })
            .ok()
    }

    /// The type of `data` when `ty` is the V3 envelope `{statusCode, message, data?}`.
    fn envelope_data(&self, ty: &Ty) -> Option<Ty> {
        let mut ty = ty;
        for _ in 0..16 {
            let Ty::Named(id) = ty else { return None };
            match &self.types[id.0].kind {
                TypeKind::Alias(target) => ty = target,
                TypeKind::Struct(s) => {
                    // `{statusCode, message}` without `data` (`CommonResponseDto`) is an envelope
                    // too: its success value is `()`, and a failure still becomes a typed error.
                    let has =
                        |name: &str| s.fields.iter().any(|f| f.api_name == name && !f.flatten);
                    if !has("statusCode") || !has("message") {
                        return None;
                    }
                    let data = s.fields.iter().find(|f| f.api_name == "data" && !f.flatten);
                    return Some(data.map_or(Ty::Unit, |data| data.ty.clone()));
                }
                _ => return None,
            }
        }
        None
    }
}

fn is_json(mime: &str) -> bool {
    let mime = mime.split(';').next().unwrap_or_default().trim();
    mime == "application/json"
        || mime.ends_with("+json")
        || mime == "*/*"
        || mime == "application/*"
}

/// The media type without parameters (`text/plain; charset=utf-8` -> `text/plain`).
fn media_essence(mime: &str) -> &str {
    mime.split(';').next().unwrap_or_default().trim()
}

/// The media type to send for a body listed as `mime`: a range (`image/*`) sends
/// `application/octet-stream`.
fn concrete(mime: &str) -> String {
    match media_essence(mime) {
        essence if essence.contains('*') => "application/octet-stream".to_owned(),
        essence => essence.to_owned(),
    }
}

/// The `{name}` segments of a path template, in order.
fn path_template_params(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// A 2xx status.
fn is_success(status: &StatusCode) -> bool {
    match status {
        StatusCode::Code(code) => (200..300).contains(code),
        StatusCode::Range(range) => *range == 2,
    }
}

/// Whether the operation has a 2xx or a `default` response.
fn has_success(op: &SpecOperation) -> bool {
    op.responses.default.is_some() || op.responses.responses.keys().any(is_success)
}
