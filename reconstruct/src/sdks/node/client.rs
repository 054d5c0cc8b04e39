//! The node package's client classes: each method either is a generated operation or is set
//! aside as a hand-written helper.
//!
//! A generated method has one shape: its body is `return await this.httpClient.request({...})`
//! (or the same call bound to `result`, then `return result`), the request object holds only a
//! literal `method`, a literal `url`, `params` (query key -> argument) and `data` (the body
//! argument). When the file marks its generated region (`==== AUTO GENERATED ... METHODS BEGIN
//! ====` / `END`), only methods inside it count. Everything else (OIDC / OAuth / CAS helpers,
//! sign-in and sign-up shortcuts over another method, event subscription, `makeRequest`) is a
//! [`Helper`] with the reason. Private methods are internals of those helpers and not listed.

use std::collections::BTreeMap;

use oxc_ast::ast::{
    BindingPatternKind, ClassElement, Declaration, Expression, FormalParameters, MethodDefinition,
    MethodDefinitionKind, ObjectExpression, ObjectPropertyKind, Program, Statement,
    TSAccessibility, TSType,
};
use serde_json::Value;

use super::Source;
use super::model::{Enums, fields, lower};
use crate::diagnostic::Diagnostics;
use crate::model::{Client, HttpMethod, ParamIn};
use crate::sdks::{Body, Field, Helper, Operation, Package, Param, Type};

/// Reads the client class of one file into `pkg`.
pub(super) fn read(
    src: &Source<'_>,
    program: &Program<'_>,
    client: Client,
    pkg: &mut Package,
    diags: &mut Diagnostics,
) {
    let region = generated_region(src, program);
    let class_name = match client {
        Client::Authentication => "AuthenticationClient",
        Client::Management => "ManagementClient",
    };
    let mut found = false;
    for stmt in &program.body {
        let class = match stmt {
            Statement::ExportNamedDeclaration(e) => match &e.declaration {
                Some(Declaration::ClassDeclaration(c)) => c,
                _ => continue,
            },
            Statement::ClassDeclaration(c) => c,
            _ => continue,
        };
        if class.id.as_ref().map(|i| i.name.as_str()) != Some(class_name) {
            continue;
        }
        found = true;
        for element in &class.body.body {
            let ClassElement::MethodDefinition(m) = element else {
                continue;
            };
            if m.kind != MethodDefinitionKind::Method
                || matches!(
                    m.accessibility,
                    Some(TSAccessibility::Private | TSAccessibility::Protected)
                )
            {
                continue;
            }
            let Some(name) = m.key.static_name().map(|n| n.to_string()) else {
                continue;
            };
            let loc = src.loc(m.span.start);
            let outside = region.is_some_and(|(s, e)| m.span.start < s || m.span.start > e);
            let result = if outside {
                Err("hand-written helper: outside the package's generated region".to_string())
            } else {
                operation(src, m, client, &name)
            };
            match result {
                Ok(op) => pkg.operations.push(op),
                Err(reason) => pkg.helpers.push(Helper {
                    client,
                    name,
                    reason,
                    loc,
                }),
            }
        }
    }
    if !found {
        diags.warn(
            src.loc(0),
            format!("no `{class_name}` class in the file: no operations read from it"),
        );
    }
}

/// The span between the `AUTO GENERATED ... METHODS BEGIN` and `END` marker comments.
fn generated_region(src: &Source<'_>, program: &Program<'_>) -> Option<(u32, u32)> {
    let mut begin = None;
    let mut end = None;
    for c in program.comments.iter() {
        let text = src.slice(c.span.start, c.span.end);
        if text.contains("AUTO GENERATED") && text.contains("METHODS") {
            if text.contains("BEGIN") {
                begin = Some(c.span.end);
            } else if text.contains("END") {
                end = Some(c.span.start);
            }
        }
    }
    Some((begin?, end?))
}

/// What the method's arguments declare: name -> (type, optional, default, doc, offset).
struct Arg {
    ty: Type,
    optional: bool,
    default: Option<Value>,
    description: Option<String>,
    offset: u32,
    /// A positional argument (not destructured from the options object).
    positional: bool,
}

fn operation(
    src: &Source<'_>,
    m: &MethodDefinition<'_>,
    client: Client,
    name: &str,
) -> Result<Operation, String> {
    let request = request_object(m)?;
    let mut method = None;
    let mut url = None;
    let mut params_obj = None;
    let mut data = None;
    for prop in &request.properties {
        let ObjectPropertyKind::ObjectProperty(p) = prop else {
            return Err("hand-written helper: spreads into its request".to_string());
        };
        let key = p
            .key
            .static_name()
            .map(|k| k.to_string())
            .unwrap_or_default();
        match (key.as_str(), &p.value) {
            ("method", Expression::StringLiteral(s)) => method = Some(s.value.to_string()),
            ("url", Expression::StringLiteral(s)) => url = Some(s.value.to_string()),
            ("params", Expression::ObjectExpression(o)) => params_obj = Some(&**o),
            ("data", Expression::Identifier(i)) => data = Some(i.name.to_string()),
            _ => {
                return Err(format!(
                    "hand-written helper: its request sets `{key}` to something other than a generated method would"
                ));
            }
        }
    }
    let method = method.ok_or("hand-written helper: no literal HTTP method")?;
    let method =
        HttpMethod::from_name(&method).ok_or_else(|| format!("unknown HTTP method `{method}`"))?;
    let url = url.ok_or("hand-written helper: no literal URL")?;

    let enums = Enums::new();
    let args = arguments(src, &m.value.params, &enums);
    let mut params = Vec::new();
    let mut used: Vec<String> = Vec::new();
    if let Some(obj) = params_obj {
        for prop in &obj.properties {
            let ObjectPropertyKind::ObjectProperty(p) = prop else {
                continue;
            };
            let Some(wire) = p.key.static_name().map(|k| k.to_string()) else {
                continue;
            };
            let arg_name = match &p.value {
                Expression::Identifier(i) => i.name.to_string(),
                _ => wire.clone(),
            };
            used.push(arg_name.clone());
            params.push(param(
                src,
                wire,
                ParamIn::Query,
                args.get(&arg_name),
                p.span.start,
            ));
        }
    }
    if let Some(d) = &data {
        used.push(d.clone());
    }
    // `{name}` placeholders: the positional argument of that name (any case), else the next
    // positional argument not sent otherwise.
    for placeholder in placeholders(&url) {
        let lower = placeholder.to_lowercase();
        let by_name = args
            .iter()
            .find(|(n, a)| a.positional && n.to_lowercase() == lower)
            .map(|(n, _)| n.clone());
        let chosen = by_name.or_else(|| {
            args.iter()
                .filter(|(n, a)| a.positional && !used.contains(n))
                .min_by_key(|(_, a)| a.offset)
                .map(|(n, _)| n.clone())
        });
        let arg = chosen.as_ref().and_then(|n| args.get(n));
        if let Some(n) = chosen {
            used.push(n);
        }
        let mut p = param(src, placeholder, ParamIn::Path, arg, m.span.start);
        p.optional = false;
        params.push(p);
    }
    let body = match &data {
        Some(d) => Some(body(src, args.get(d), false, m.span.start)),
        // A form argument the method declares (even when it does not send it).
        None => args
            .get("formData")
            .map(|a| body(src, Some(a), true, m.span.start)),
    };
    let response = m
        .value
        .return_type
        .as_ref()
        .map(|r| lower(src, &r.type_annotation, &enums))
        .and_then(|t| match t {
            Type::Ref(n) => Some(n),
            _ => None,
        });
    let doc = src.jsdoc(m.span.start).unwrap_or_default();
    Ok(Operation {
        client,
        name: name.to_string(),
        method,
        url,
        params,
        body,
        response,
        summary: tag(&doc, "summary"),
        description: tag(&doc, "description"),
        deprecated: doc.iter().any(|l| l.starts_with("@deprecated")),
        loc: src.loc(m.span.start),
    })
}

/// The object passed to `this.httpClient.request(...)`, when the body is that call alone.
fn request_object<'b, 'a>(m: &'b MethodDefinition<'a>) -> Result<&'b ObjectExpression<'a>, String> {
    let not_generated = || "hand-written helper: its body is not a single request".to_string();
    let body = m.value.body.as_ref().ok_or_else(not_generated)?;
    let call = match body.statements.as_slice() {
        [Statement::ReturnStatement(r)] => r.argument.as_ref(),
        [
            Statement::VariableDeclaration(v),
            Statement::ReturnStatement(r),
        ] => {
            let [decl] = v.declarations.as_slice() else {
                return Err(not_generated());
            };
            let bound = match &decl.id.kind {
                BindingPatternKind::BindingIdentifier(b) => b.name.as_str(),
                _ => return Err(not_generated()),
            };
            match &r.argument {
                Some(Expression::Identifier(i)) if i.name == bound => decl.init.as_ref(),
                _ => return Err(not_generated()),
            }
        }
        _ => return Err(not_generated()),
    };
    let mut e = call.ok_or_else(not_generated)?;
    if let Expression::AwaitExpression(a) = e {
        e = &a.argument;
    }
    let Expression::CallExpression(c) = e else {
        return Err(not_generated());
    };
    let Expression::StaticMemberExpression(callee) = &c.callee else {
        return Err(not_generated());
    };
    let on_http_client = matches!(&callee.object, Expression::StaticMemberExpression(o)
        if o.property.name == "httpClient" && matches!(o.object, Expression::ThisExpression(_)));
    if callee.property.name != "request" || !on_http_client {
        return Err(not_generated());
    }
    match c.arguments.as_slice() {
        [arg] => match arg.as_expression() {
            Some(Expression::ObjectExpression(o)) => Ok(o),
            _ => Err(not_generated()),
        },
        _ => Err(not_generated()),
    }
}

/// The method's arguments: the destructured options object (`{ a, b = 1 }: { a: string; b?:
/// number }`) and the positional ones (`id: string`, `requestBody: Dto`).
fn arguments(
    src: &Source<'_>,
    params: &FormalParameters<'_>,
    enums: &Enums,
) -> BTreeMap<String, Arg> {
    let mut out = BTreeMap::new();
    for item in &params.items {
        let pattern = &item.pattern;
        let annotation = pattern.type_annotation.as_ref().map(|a| &a.type_annotation);
        match &pattern.kind {
            BindingPatternKind::ObjectPattern(obj) => {
                let declared: Vec<Field> = match annotation {
                    Some(TSType::TSTypeLiteral(lit)) => fields(src, &lit.members, enums),
                    _ => Vec::new(),
                };
                for prop in &obj.properties {
                    let Some(name) = prop.key.static_name().map(|k| k.to_string()) else {
                        continue;
                    };
                    let default = match &prop.value.kind {
                        BindingPatternKind::AssignmentPattern(a) => literal(&a.right),
                        _ => None,
                    };
                    let field = declared.iter().find(|f| f.name == name);
                    out.insert(
                        name,
                        Arg {
                            ty: field.map_or(Type::Any, |f| f.ty.clone()),
                            optional: field.is_some_and(|f| f.optional) || default.is_some(),
                            default,
                            description: field.and_then(|f| f.description.clone()),
                            offset: prop.span.start,
                            positional: false,
                        },
                    );
                }
            }
            BindingPatternKind::BindingIdentifier(id) => {
                out.insert(
                    id.name.to_string(),
                    Arg {
                        ty: annotation.map_or(Type::Any, |t| lower(src, t, enums)),
                        optional: pattern.optional,
                        default: None,
                        description: None,
                        offset: item.span.start,
                        positional: true,
                    },
                );
            }
            BindingPatternKind::AssignmentPattern(a) => {
                if let BindingPatternKind::BindingIdentifier(id) = &a.left.kind {
                    let ty = a.left.type_annotation.as_ref();
                    out.insert(
                        id.name.to_string(),
                        Arg {
                            ty: ty.map_or(Type::Any, |t| lower(src, &t.type_annotation, enums)),
                            optional: true,
                            default: literal(&a.right),
                            description: None,
                            offset: item.span.start,
                            positional: true,
                        },
                    );
                }
            }
            BindingPatternKind::ArrayPattern(_) => {}
        }
    }
    out
}

fn param(
    src: &Source<'_>,
    name: String,
    location: ParamIn,
    arg: Option<&Arg>,
    fallback: u32,
) -> Param {
    Param {
        name,
        location,
        ty: arg.map_or(Type::Any, |a| a.ty.clone()),
        optional: arg.is_none_or(|a| a.optional),
        default: arg.and_then(|a| a.default.clone()),
        description: arg.and_then(|a| a.description.clone()),
        loc: src.loc(arg.map_or(fallback, |a| a.offset)),
    }
}

fn body(src: &Source<'_>, arg: Option<&Arg>, form: bool, fallback: u32) -> Body {
    let (model, fields) = match arg.map(|a| &a.ty) {
        Some(Type::Ref(n)) => (Some(n.clone()), Vec::new()),
        Some(Type::Object(fs)) => (None, fs.clone()),
        _ => (None, Vec::new()),
    };
    Body {
        model,
        fields,
        form,
        loc: src.loc(arg.map_or(fallback, |a| a.offset)),
    }
}

/// A literal default value (`1`, `"false"`, `true`, `-1`).
fn literal(e: &Expression<'_>) -> Option<Value> {
    match e {
        Expression::StringLiteral(s) => Some(Value::String(s.value.to_string())),
        Expression::NumericLiteral(n) => serde_json::Number::from_f64(n.value).map(|v| {
            if n.value.fract() == 0.0 && n.value.abs() < 1e15 {
                Value::from(n.value as i64)
            } else {
                Value::Number(v)
            }
        }),
        Expression::BooleanLiteral(b) => Some(Value::Bool(b.value)),
        Expression::UnaryExpression(u) if u.operator.as_str() == "-" => {
            literal(&u.argument).and_then(|v| v.as_f64()).map(|f| {
                if f.fract() == 0.0 {
                    Value::from(-(f as i64))
                } else {
                    serde_json::Number::from_f64(-f).map_or(Value::Null, Value::Number)
                }
            })
        }
        _ => None,
    }
}

/// The `{name}` placeholders of a URL, in order.
fn placeholders(url: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    out
}

/// A JSDoc tag's text: from `@tag` to the next tag, lines joined.
fn tag(doc: &[&str], name: &str) -> Option<String> {
    let prefix = format!("@{name}");
    let start = doc.iter().position(|l| {
        l.strip_prefix(&prefix)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    })?;
    let mut lines = vec![doc[start][prefix.len()..].trim()];
    lines.extend(
        doc[start + 1..]
            .iter()
            .take_while(|l| !l.starts_with('@'))
            .copied(),
    );
    super::join_lines(&lines)
}
