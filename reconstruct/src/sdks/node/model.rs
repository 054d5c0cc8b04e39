//! The node package's models: `export type X = { ... }` (one model per file) and the
//! `export namespace X { export enum field { ... } }` that holds its fields' enums; and the
//! lowering of TypeScript type expressions into [`Type`].

use std::collections::BTreeMap;

use oxc_ast::ast::{
    Declaration, Expression, Program, Statement, TSEnumMemberName, TSLiteral,
    TSModuleDeclarationBody, TSModuleDeclarationName, TSSignature, TSType, TSTypeName,
};
use serde_json::Value;

use super::Source;
use crate::diagnostic::Diagnostics;
use crate::sdks::{Field, Model, Package, Type};

/// Enums declared in a file's namespaces: `Ns.member` -> member values.
pub(super) type Enums = BTreeMap<String, Vec<Value>>;

/// Reads one model file into `pkg.models`.
pub(super) fn read(
    src: &Source<'_>,
    program: &Program<'_>,
    pkg: &mut Package,
    diags: &mut Diagnostics,
) {
    let enums = enums(program);
    for stmt in &program.body {
        let Statement::ExportNamedDeclaration(export) = stmt else {
            continue;
        };
        let Some(Declaration::TSTypeAliasDeclaration(alias)) = &export.declaration else {
            continue;
        };
        let name = alias.id.name.to_string();
        let loc = src.loc(alias.span.start);
        let fields = match &alias.type_annotation {
            TSType::TSTypeLiteral(lit) => fields(src, &lit.members, &enums),
            other => {
                diags.warn(
                    loc,
                    format!(
                        "model `{name}` is not an object type (`{}`); kept without fields",
                        src.slice(span_of(other).0, span_of(other).1)
                    ),
                );
                Vec::new()
            }
        };
        let description = src.doc_text(stmt_start(export.span.start, alias.span.start, src));
        pkg.models.insert(
            name.clone(),
            Model {
                name,
                description,
                fields,
                loc,
            },
        );
    }
}

/// The JSDoc of an exported declaration sits in front of `export`.
fn stmt_start(export: u32, decl: u32, src: &Source<'_>) -> u32 {
    if src.leading.contains_key(&export) {
        export
    } else {
        decl
    }
}

/// Every `export namespace Ns { export enum m { A = 'A', ... } }` of a file.
fn enums(program: &Program<'_>) -> Enums {
    let mut out = Enums::new();
    for stmt in &program.body {
        let Statement::ExportNamedDeclaration(export) = stmt else {
            continue;
        };
        let Some(Declaration::TSModuleDeclaration(ns)) = &export.declaration else {
            continue;
        };
        let TSModuleDeclarationName::Identifier(ns_name) = &ns.id else {
            continue;
        };
        let Some(TSModuleDeclarationBody::TSModuleBlock(block)) = &ns.body else {
            continue;
        };
        for inner in &block.body {
            let decl = match inner {
                Statement::ExportNamedDeclaration(e) => e.declaration.as_ref(),
                _ => None,
            };
            let Some(Declaration::TSEnumDeclaration(en)) = decl else {
                continue;
            };
            let mut values = Vec::new();
            let mut next = 0.0;
            for m in &en.body.members {
                let value = match &m.initializer {
                    Some(Expression::StringLiteral(s)) => Value::String(s.value.to_string()),
                    Some(Expression::NumericLiteral(n)) => {
                        next = n.value + 1.0;
                        number(n.value)
                    }
                    // `'_-1' = -1`: the value is the number, not the member's name.
                    Some(e) if negative(e).is_some() => {
                        let v = negative(e).unwrap_or_default();
                        next = v + 1.0;
                        number(v)
                    }
                    // An uninitialised member numbers on from the previous one.
                    None => {
                        next += 1.0;
                        number(next - 1.0)
                    }
                    Some(_) => match &m.id {
                        TSEnumMemberName::Identifier(i) => Value::String(i.name.to_string()),
                        TSEnumMemberName::String(s) => Value::String(s.value.to_string()),
                        _ => continue,
                    },
                };
                values.push(value);
            }
            out.insert(format!("{}.{}", ns_name.name, en.id.name), values);
        }
    }
    out
}

/// A negated numeric literal (`-1`) as its value.
fn negative(e: &Expression<'_>) -> Option<f64> {
    match e {
        Expression::UnaryExpression(u) if u.operator.as_str() == "-" => match &u.argument {
            Expression::NumericLiteral(n) => Some(-n.value),
            _ => None,
        },
        _ => None,
    }
}

fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

/// The property signatures of a type literal, as fields (index and method signatures carry no
/// field).
pub(super) fn fields(src: &Source<'_>, members: &[TSSignature<'_>], enums: &Enums) -> Vec<Field> {
    members
        .iter()
        .filter_map(|m| {
            let TSSignature::TSPropertySignature(p) = m else {
                return None;
            };
            let name = p.key.static_name()?.to_string();
            let ty = p
                .type_annotation
                .as_ref()
                .map_or(Type::Any, |a| lower(src, &a.type_annotation, enums));
            Some(Field {
                name,
                ty,
                optional: p.optional,
                description: src.doc_text(p.span.start),
                loc: src.loc(p.span.start),
            })
        })
        .collect()
}

/// A TypeScript type expression as a [`Type`]: keywords, arrays (`T[]`, `Array<T>`), maps
/// (`Record<string, T>`), references to models, `Ns.member` enums, unions of literals (an enum),
/// `T | null` (`T`), inline object types.
pub(super) fn lower(src: &Source<'_>, ty: &TSType<'_>, enums: &Enums) -> Type {
    match ty {
        TSType::TSStringKeyword(_) => Type::String,
        TSType::TSNumberKeyword(_) | TSType::TSBigIntKeyword(_) => Type::Number,
        TSType::TSBooleanKeyword(_) => Type::Boolean,
        TSType::TSNullKeyword(_) | TSType::TSUndefinedKeyword(_) | TSType::TSVoidKeyword(_) => {
            Type::Null
        }
        TSType::TSArrayType(a) => Type::Array(Box::new(lower(src, &a.element_type, enums))),
        TSType::TSParenthesizedType(p) => lower(src, &p.type_annotation, enums),
        TSType::TSTypeLiteral(lit) => Type::Object(fields(src, &lit.members, enums)),
        TSType::TSLiteralType(l) => match literal(&l.literal) {
            Some(v) => Type::Enum {
                name: None,
                values: vec![v],
            },
            None => Type::Any,
        },
        TSType::TSUnionType(u) => {
            let members: Vec<Type> = u
                .types
                .iter()
                .map(|t| lower(src, t, enums))
                .filter(|t| *t != Type::Null)
                .collect();
            let literals: Option<Vec<Value>> = members
                .iter()
                .map(|t| match t {
                    Type::Enum { name: None, values } => Some(values.clone()),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()
                .map(|v| v.into_iter().flatten().collect());
            match (literals, members.len()) {
                (_, 0) => Type::Null,
                (Some(values), _) => Type::Enum { name: None, values },
                (None, 1) => members.into_iter().next().unwrap_or(Type::Any),
                (None, _) => Type::Union(members),
            }
        }
        TSType::TSTypeReference(r) => {
            let args: Vec<&TSType<'_>> = r
                .type_arguments
                .as_ref()
                .map(|a| a.params.iter().collect())
                .unwrap_or_default();
            match &r.type_name {
                TSTypeName::IdentifierReference(id) => match (id.name.as_str(), args.as_slice()) {
                    ("Array", [item]) => Type::Array(Box::new(lower(src, item, enums))),
                    ("Record", [_, value]) => Type::Map(Box::new(lower(src, value, enums))),
                    ("Date", []) => Type::String,
                    ("Promise", [inner]) => lower(src, inner, enums),
                    (name, _) => Type::Ref(name.to_string()),
                },
                TSTypeName::QualifiedName(q) => {
                    let name = src.slice(q.span.start, q.span.end).to_string();
                    match enums.get(&name) {
                        Some(values) => Type::Enum {
                            name: Some(name),
                            values: values.clone(),
                        },
                        None => Type::Any,
                    }
                }
                TSTypeName::ThisExpression(_) => Type::Any,
            }
        }
        _ => Type::Any,
    }
}

fn literal(l: &TSLiteral<'_>) -> Option<Value> {
    match l {
        TSLiteral::StringLiteral(s) => Some(Value::String(s.value.to_string())),
        TSLiteral::NumericLiteral(n) => Some(number(n.value)),
        TSLiteral::BooleanLiteral(b) => Some(Value::Bool(b.value)),
        _ => None,
    }
}

fn span_of(ty: &TSType<'_>) -> (u32, u32) {
    use oxc_span::GetSpan;
    let s = ty.span();
    (s.start, s.end)
}
