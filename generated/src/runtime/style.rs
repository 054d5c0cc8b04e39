//! OpenAPI 3.0 parameter serialization: `style` and `explode` for path, query, header and
//! cookie parameters, as the spec's "Style Values" and "Style Examples" tables write them.
//!
//! A value is first reduced to what the styles know: nothing (`null`), one primitive, a list
//! (an array), or name/value pairs (an object). Items are percent-encoded before the style's
//! delimiters are put between them, so a `,` inside an item never reads as a delimiter. What
//! the tables leave undefined (an array inside an array, an object inside an object) is written
//! as its JSON text.

use serde_json::Value;

use super::encode::{component, form};

/// How a parameter value is written (OpenAPI `style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamStyle {
    /// `simple`: `3,4,5` (path and header parameters).
    Simple,
    /// `label`: `.3,4,5` or `.3.4.5` (path parameters).
    Label,
    /// `matrix`: `;id=3,4,5` or `;id=3;id=4;id=5` (path parameters).
    Matrix,
    /// `form`: `id=3,4,5` or `id=3&id=4&id=5` (query and cookie parameters).
    Form,
    /// `spaceDelimited`: `id=3%204%205` (query arrays and objects).
    SpaceDelimited,
    /// `pipeDelimited`: `id=3|4|5` (query arrays and objects).
    PipeDelimited,
    /// `deepObject`: `id[role]=admin&id[firstName]=Alex` (query objects).
    DeepObject,
}

impl ParamStyle {
    fn name(self) -> &'static str {
        match self {
            Self::Simple => "simple",
            Self::Label => "label",
            Self::Matrix => "matrix",
            Self::Form => "form",
            Self::SpaceDelimited => "spaceDelimited",
            Self::PipeDelimited => "pipeDelimited",
            Self::DeepObject => "deepObject",
        }
    }
}

/// A parameter value as the styles see it.
enum Shape {
    Absent,
    Primitive(String),
    List(Vec<String>),
    Pairs(Vec<(String, String)>),
}

/// Strings as they are, `null` as nothing, everything else as its JSON text.
fn text(value: Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text),
        other => Some(other.to_string()),
    }
}

fn shape(value: Value) -> Shape {
    match value {
        Value::Null => Shape::Absent,
        Value::Array(items) => Shape::List(items.into_iter().filter_map(text).collect()),
        Value::Object(fields) => Shape::Pairs(
            fields
                .into_iter()
                .filter_map(|(name, value)| Some((name, text(value)?)))
                .collect(),
        ),
        other => Shape::Primitive(text(other).unwrap_or_default()),
    }
}

/// `k,v,k,v` (`explode: false`) or `k=v,k=v` with `separator` between the pairs.
fn pairs(
    pairs: &[(String, String)],
    explode: bool,
    separator: &str,
    encode: fn(&str) -> String,
) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|(k, v)| match explode {
            true => format!("{}={}", encode(k), encode(v)),
            false => format!("{},{}", encode(k), encode(v)),
        })
        .collect();
    items.join(if explode { separator } else { "," })
}

fn list(items: &[String], separator: &str, encode: fn(&str) -> String) -> String {
    items
        .iter()
        .map(|i| encode(i))
        .collect::<Vec<_>>()
        .join(separator)
}

/// The path segment text (percent-encoded) for `{name}`.
pub(crate) fn path(
    name: &str,
    value: Value,
    style: ParamStyle,
    explode: bool,
) -> Result<String, String> {
    let e = component;
    let shape = shape(value);
    Ok(match (style, shape) {
        (_, Shape::Absent) => String::new(),
        (ParamStyle::Simple, Shape::Primitive(p)) => e(&p),
        (ParamStyle::Simple, Shape::List(items)) => list(&items, ",", e),
        (ParamStyle::Simple, Shape::Pairs(kv)) => pairs(&kv, explode, ",", e),
        (ParamStyle::Label, Shape::Primitive(p)) => format!(".{}", e(&p)),
        (ParamStyle::Label, Shape::List(items)) => {
            format!(".{}", list(&items, if explode { "." } else { "," }, e))
        }
        (ParamStyle::Label, Shape::Pairs(kv)) => format!(".{}", pairs(&kv, explode, ".", e)),
        (ParamStyle::Matrix, Shape::Primitive(p)) => format!(";{}={}", e(name), e(&p)),
        (ParamStyle::Matrix, Shape::List(items)) if explode => items
            .iter()
            .map(|i| format!(";{}={}", e(name), e(i)))
            .collect(),
        (ParamStyle::Matrix, Shape::List(items)) => {
            format!(";{}={}", e(name), list(&items, ",", e))
        }
        (ParamStyle::Matrix, Shape::Pairs(kv)) if explode => kv
            .iter()
            .map(|(k, v)| format!(";{}={}", e(k), e(v)))
            .collect(),
        (ParamStyle::Matrix, Shape::Pairs(kv)) => {
            format!(";{}={}", e(name), pairs(&kv, false, ",", e))
        }
        (other, _) => {
            return Err(format!(
                "path parameter `{name}`: style `{}` is not a path style",
                other.name()
            ));
        }
    })
}

/// The query pairs, each already encoded (`key`, `value`), for parameter `name`.
pub(crate) fn query(
    name: &str,
    value: Value,
    style: ParamStyle,
    explode: bool,
) -> Result<Vec<(String, String)>, String> {
    let e = form;
    let n = form(name);
    Ok(match (style, shape(value)) {
        (_, Shape::Absent) => Vec::new(),
        (
            ParamStyle::Form | ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited,
            Shape::Primitive(p),
        ) => {
            vec![(n, e(&p))]
        }
        (
            ParamStyle::Form | ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited,
            Shape::List(items),
        ) if explode => items.iter().map(|i| (n.clone(), e(i))).collect(),
        (ParamStyle::Form, Shape::Pairs(kv)) if explode => {
            kv.iter().map(|(k, v)| (e(k), e(v))).collect()
        }
        (ParamStyle::Form, Shape::List(items)) => vec![(n, list(&items, ",", e))],
        (ParamStyle::Form, Shape::Pairs(kv)) => vec![(n, pairs(&kv, false, ",", e))],
        (ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited, Shape::Pairs(_)) if explode => {
            return Err(format!(
                "query parameter `{name}`: style `{}` with `explode: true` is undefined for objects",
                style.name()
            ));
        }
        (ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited, shape) => {
            let separator = if style == ParamStyle::SpaceDelimited {
                "%20"
            } else {
                "|"
            };
            let items: Vec<String> = match shape {
                Shape::List(items) => items,
                Shape::Pairs(kv) => kv.into_iter().flat_map(|(k, v)| [k, v]).collect(),
                _ => unreachable!("primitives and absent values are matched above"),
            };
            vec![(n, list(&items, separator, e))]
        }
        (ParamStyle::DeepObject, Shape::Pairs(kv)) => kv
            .iter()
            .map(|(k, v)| (format!("{n}[{}]", e(k)), e(v)))
            .collect(),
        (ParamStyle::DeepObject, Shape::Primitive(p)) => vec![(n, e(&p))],
        (other, _) => {
            return Err(format!(
                "query parameter `{name}`: style `{}` does not write this value (deepObject is for objects; simple, label and matrix are path styles)",
                other.name()
            ));
        }
    })
}

/// The header value (`simple` style); `None` for a null value.
pub(crate) fn header(value: Value, explode: bool) -> Option<String> {
    let same: fn(&str) -> String = str::to_owned;
    match shape(value) {
        Shape::Absent => None,
        Shape::Primitive(p) => Some(p),
        Shape::List(items) => Some(items.join(",")),
        Shape::Pairs(kv) => Some(pairs(&kv, explode, ",", same)),
    }
}

/// The cookie pairs (`form` style), each already encoded, for parameter `name`.
pub(crate) fn cookie(name: &str, value: Value, explode: bool) -> Vec<(String, String)> {
    let e = component;
    let n = component(name);
    match shape(value) {
        Shape::Absent => Vec::new(),
        Shape::Primitive(p) => vec![(n, e(&p))],
        Shape::List(items) if explode => items.iter().map(|i| (n.clone(), e(i))).collect(),
        Shape::List(items) => vec![(n, list(&items, ",", e))],
        Shape::Pairs(kv) if explode => kv.iter().map(|(k, v)| (e(k), e(v))).collect(),
        Shape::Pairs(kv) => vec![(n, pairs(&kv, false, ",", e))],
    }
}

#[cfg(test)]
mod tests {
    //! The examples of the OpenAPI 3.0.3 "Style Examples" table, one line each.

    use serde_json::{Value, json};

    use super::ParamStyle::{self, *};

    fn values() -> [(&'static str, Value); 4] {
        [
            ("empty", Value::Null),
            ("string", json!("blue")),
            ("array", json!(["blue", "black", "brown"])),
            ("object", json!({"R": 100, "G": 200, "B": 150})),
        ]
    }

    /// `expected` per value of [`values`]: the path text, `-` for an error.
    #[track_caller]
    fn check_path(style: ParamStyle, explode: bool, expected: [&str; 4]) {
        for ((what, value), expected) in values().into_iter().zip(expected) {
            let actual = super::path("color", value, style, explode).unwrap_or_else(|_| "-".into());
            assert_eq!(actual, expected, "{style:?} explode={explode} {what}");
        }
    }

    /// `expected` per value: the query string (pairs joined by `&`), `-` for an error.
    #[track_caller]
    fn check_query(style: ParamStyle, explode: bool, expected: [&str; 4]) {
        for ((what, value), expected) in values().into_iter().zip(expected) {
            let actual = super::query("color", value, style, explode)
                .map(|pairs| {
                    pairs
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join("&")
                })
                .unwrap_or_else(|_| "-".into());
            assert_eq!(actual, expected, "{style:?} explode={explode} {what}");
        }
    }

    // serde_json's maps are sorted: the table's R, G, B come out as B, G, R.
    #[test]
    fn path_styles() {
        check_path(
            Simple,
            false,
            ["", "blue", "blue,black,brown", "B,150,G,200,R,100"],
        );
        check_path(
            Simple,
            true,
            ["", "blue", "blue,black,brown", "B=150,G=200,R=100"],
        );
        check_path(
            Label,
            false,
            ["", ".blue", ".blue,black,brown", ".B,150,G,200,R,100"],
        );
        check_path(
            Label,
            true,
            ["", ".blue", ".blue.black.brown", ".B=150.G=200.R=100"],
        );
        check_path(
            Matrix,
            false,
            [
                "",
                ";color=blue",
                ";color=blue,black,brown",
                ";color=B,150,G,200,R,100",
            ],
        );
        check_path(
            Matrix,
            true,
            [
                "",
                ";color=blue",
                ";color=blue;color=black;color=brown",
                ";B=150;G=200;R=100",
            ],
        );
        check_path(Form, true, ["", "-", "-", "-"]);
    }

    #[test]
    fn query_styles() {
        check_query(
            Form,
            true,
            [
                "",
                "color=blue",
                "color=blue&color=black&color=brown",
                "B=150&G=200&R=100",
            ],
        );
        check_query(
            Form,
            false,
            [
                "",
                "color=blue",
                "color=blue,black,brown",
                "color=B,150,G,200,R,100",
            ],
        );
        check_query(
            SpaceDelimited,
            false,
            [
                "",
                "color=blue",
                "color=blue%20black%20brown",
                "color=B%20150%20G%20200%20R%20100",
            ],
        );
        check_query(
            PipeDelimited,
            false,
            [
                "",
                "color=blue",
                "color=blue|black|brown",
                "color=B|150|G|200|R|100",
            ],
        );
        check_query(
            PipeDelimited,
            true,
            ["", "color=blue", "color=blue&color=black&color=brown", "-"],
        );
        check_query(
            DeepObject,
            true,
            [
                "",
                "color=blue",
                "-",
                "color[B]=150&color[G]=200&color[R]=100",
            ],
        );
        check_query(Matrix, true, ["", "-", "-", "-"]);
    }

    #[test]
    fn items_are_encoded_before_delimiters() {
        assert_eq!(
            super::query("q", json!(["a,b", "c d"]), Form, false).unwrap(),
            [("q".to_string(), "a%2Cb,c+d".to_string())]
        );
        assert_eq!(
            super::path("p", json!(["a,b", "c/d"]), Simple, false).unwrap(),
            "a%2Cb,c%2Fd"
        );
        assert_eq!(
            super::cookie("c", json!(["a;b", "x"]), false),
            [("c".to_string(), "a%3Bb,x".to_string())]
        );
    }

    #[test]
    fn headers_and_cookies() {
        assert_eq!(
            super::header(json!(["a", "b"]), false).as_deref(),
            Some("a,b")
        );
        assert_eq!(super::header(json!({"k": 1}), true).as_deref(), Some("k=1"));
        assert_eq!(
            super::header(json!({"k": 1}), false).as_deref(),
            Some("k,1")
        );
        assert_eq!(super::header(json!(7), false).as_deref(), Some("7"));
        assert_eq!(super::header(Value::Null, false), None);
        let cookie = |value, explode| super::cookie("id", value, explode);
        assert_eq!(cookie(json!(5), true), [("id".into(), "5".into())]);
        assert_eq!(cookie(json!([3, 4]), false), [("id".into(), "3,4".into())]);
        assert_eq!(
            cookie(json!([3, 4]), true),
            [("id".into(), "3".into()), ("id".into(), "4".into())]
        );
        assert_eq!(
            cookie(json!({"a": "x y"}), true),
            [("a".to_string(), "x%20y".to_string())]
        );
    }
}
