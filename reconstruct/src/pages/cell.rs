//! What a table cell means: type expressions, required flags, defaults, examples, and the facts
//! the generator folded into descriptions (nested type links, array-length limits, enum bullets).

use serde_json::Value;

/// A type as a page states it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeExpr {
    /// `string`.
    String,
    /// `number`.
    Number,
    /// `integer` / `int` (SDK-language pages only; the generator says `number`).
    Integer,
    /// `boolean` / `bool`.
    Boolean,
    /// `object`: free-form.
    Object,
    /// No usable type (`<a href="#"></a>`, or an empty cell without a nested type).
    Any,
    /// `array` without an item type.
    ArrayOfUnknown,
    /// `T[]`, or `array` with a nested type.
    Array(Box<TypeExpr>),
    /// A link to a structure on the page.
    Ref(String),
    /// A bare type name that is neither a primitive nor a link (`ValueType`, `TreeStructs`).
    Named(String),
    /// `enum` (the type cell of hand-written enum tables).
    EnumMarker,
}

impl TypeExpr {
    /// Short rendering for reports: `string`, `Foo`, `Foo[]`, `array`, `any`.
    pub fn render(&self) -> String {
        match self {
            TypeExpr::String => "string".into(),
            TypeExpr::Number => "number".into(),
            TypeExpr::Integer => "integer".into(),
            TypeExpr::Boolean => "boolean".into(),
            TypeExpr::Object => "object".into(),
            TypeExpr::Any => "any".into(),
            TypeExpr::ArrayOfUnknown => "array".into(),
            TypeExpr::Array(t) => format!("{}[]", t.render()),
            TypeExpr::Ref(n) => format!("#{n}"),
            TypeExpr::Named(n) => n.clone(),
            TypeExpr::EnumMarker => "enum".into(),
        }
    }

    /// The structure names this type mentions.
    pub fn refs(&self) -> Vec<&str> {
        match self {
            TypeExpr::Ref(n) | TypeExpr::Named(n) => vec![n.as_str()],
            TypeExpr::Array(t) => t.refs(),
            _ => vec![],
        }
    }
}

/// The parts of a description cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Description {
    /// The prose, `<br>` turned into newlines, generator suffixes removed.
    pub text: String,
    /// `嵌套类型：<a href="#X">X</a>` / `Nested Type: ...`: the item or field type.
    pub nested: Option<String>,
    /// A single link to a structure without the nested-type marker (older pages).
    pub linked: Option<String>,
    /// `数组长度限制：N`.
    pub max_items: Option<u64>,
    /// ``- `value`: label`` bullets, in order, spaces inside the backticks trimmed.
    pub bullets: Vec<(String, String)>,
    /// A bullet value had stray spaces inside its backticks.
    pub trimmed_bullet: bool,
}

/// Parses a type cell. `description` supplies the nested type the generator puts there for
/// `array` and empty type cells.
pub fn parse_type(cell: &str, description: &Description) -> (TypeExpr, Option<String>) {
    let cell = cell.trim();
    let mut note = None;
    let ty = if let Some((target, text)) = link(cell) {
        if target.is_empty() {
            note = Some("empty type link `<a href=\"#\"></a>`".to_string());
            TypeExpr::Any
        } else if text.trim().ends_with("[]") {
            TypeExpr::Array(Box::new(TypeExpr::Ref(target)))
        } else {
            TypeExpr::Ref(target)
        }
    } else if let Some(target) = link_fragment(cell) {
        note = Some(format!(
            "type cell holds a damaged link; recovered `{target}`"
        ));
        TypeExpr::Ref(target)
    } else if cell.is_empty() {
        match description.nested.as_ref().or(description.linked.as_ref()) {
            Some(n) => TypeExpr::Ref(n.clone()),
            None => TypeExpr::Any,
        }
    } else if let Some(item) = cell.strip_suffix("[]") {
        let (item, n) = parse_type(item, &Description::default());
        note = n;
        TypeExpr::Array(Box::new(item))
    } else {
        match primitive(cell) {
            Some(TypeExpr::ArrayOfUnknown) => {
                match description.nested.as_ref().or(description.linked.as_ref()) {
                    Some(n) => TypeExpr::Array(Box::new(TypeExpr::Ref(n.clone()))),
                    None => TypeExpr::ArrayOfUnknown,
                }
            }
            Some(t) => t,
            None if is_identifier(cell) => match description.nested.as_ref() {
                Some(n) if n == cell => TypeExpr::Ref(n.clone()),
                _ => TypeExpr::Named(cell.to_string()),
            },
            None => {
                note = Some(format!("unrecognised type `{cell}`"));
                TypeExpr::Any
            }
        }
    };
    (ty, note)
}

/// The primitive vocabulary of the generator, plus SDK-language spellings seen on hand-written
/// pages and the English renderings' words; in any letter case (`String`, `BOOLEAN`).
pub fn primitive(cell: &str) -> Option<TypeExpr> {
    Some(match cell.to_ascii_lowercase().as_str() {
        "string" | "str" | "time" | "text" => TypeExpr::String,
        "number" | "float" | "double" | "decimal" => TypeExpr::Number,
        "integer" | "int" | "long" | "int32" | "int64" | "uint64" => TypeExpr::Integer,
        "boolean" | "bool" => TypeExpr::Boolean,
        "object" | "jsonobject" | "map" | "dict" => TypeExpr::Object,
        "array" | "jsonarray" | "list" => TypeExpr::ArrayOfUnknown,
        "enum" => TypeExpr::EnumMarker,
        _ => return None,
    })
}

/// SDK-language type spellings: a table using them was written by hand for an SDK helper. An
/// English rendering capitalises the generator's words (`String`, `Boolean`, `Integer`), so
/// there only the spellings no English word explains count.
pub fn is_sdk_language_type(cell: &str, english: bool) -> bool {
    match cell.trim() {
        "JSONObject" | "int" | "Long" => true,
        "String" | "Integer" | "Boolean" => !english,
        _ => false,
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `<a href="#X">text</a>` -> `(X, text)`.
pub fn link(s: &str) -> Option<(String, String)> {
    let start = s.find("<a href=\"#")?;
    let rest = &s[start + "<a href=\"#".len()..];
    let q = rest.find('"')?;
    let target = rest[..q].to_string();
    let after = &rest[q..];
    let gt = after.find('>')?;
    let text_end = after.find("</a>")?;
    let text = if gt < text_end {
        after[gt + 1..text_end].to_string()
    } else {
        String::new()
    };
    Some((target, text))
}

/// All `<a href="#X">` targets in a text, in order.
fn links(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some((target, _)) = link(rest) {
        out.push(target);
        let Some(end) = rest.find("</a>") else { break };
        rest = &rest[end + 4..];
    }
    out
}

/// A link cut in half by a bad copy: `...ref="#X">X</a>`.
fn link_fragment(s: &str) -> Option<String> {
    let start = s.find("ref=\"#")?;
    let rest = &s[start + "ref=\"#".len()..];
    let q = rest.find('"')?;
    let target = &rest[..q];
    is_identifier(target).then(|| target.to_string())
}

/// Parses a description cell.
pub fn parse_description(cell: &str) -> Description {
    let mut d = Description::default();
    let mut text = cell
        .replace("<br/>", "\n")
        .replace("<br />", "\n")
        .replace("<br>", "\n");
    // The nested-type marker, in its spellings: `嵌套类型：<a..>X</a>。`, `,嵌套类型：`,
    // `嵌套类型，`, `Nested Type: <a..>X</a>.`
    for marker in ["嵌套类型", "Nested Type", "Nested type", "nested type"] {
        if let Some(pos) = text.find(marker) {
            let after = &text[pos + marker.len()..];
            if let Some((target, _)) = link(after) {
                let end = after.find("</a>").map(|e| e + 4).unwrap_or(after.len());
                let gap = &after[..after.find("<a").unwrap_or(0)];
                if gap
                    .trim_matches(|c: char| c.is_whitespace() || "：:，,".contains(c))
                    .is_empty()
                {
                    let mut tail = &after[end..];
                    tail = tail
                        .strip_prefix('。')
                        .or_else(|| tail.strip_prefix('.'))
                        .unwrap_or(tail);
                    let mut head = text[..pos].trim_end().to_string();
                    while head.ends_with(',') || head.ends_with('，') {
                        head.pop();
                    }
                    d.nested = Some(target);
                    text = format!(
                        "{head}{}{tail}",
                        if tail.trim().is_empty() || head.is_empty() {
                            ""
                        } else {
                            " "
                        }
                    );
                    break;
                }
            }
        }
    }
    if d.nested.is_none() {
        let targets = links(&text);
        if let [only] = targets.as_slice()
            && !only.is_empty()
        {
            d.linked = Some(only.clone());
        }
    }
    if let Some(pos) = text.find("数组长度限制：") {
        let digits: String = text[pos + "数组长度限制：".len()..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if let Ok(n) = digits.parse() {
            d.max_items = Some(n);
            let end = pos + "数组长度限制：".len() + digits.len();
            text = format!("{}{}", text[..pos].trim_end(), &text[end..]);
        }
    }
    for line in text.split('\n') {
        if let Some((value, label, trimmed)) = bullet(line) {
            d.trimmed_bullet |= trimmed;
            if !d.bullets.iter().any(|(v, _)| *v == value) {
                d.bullets.push((value, label));
            }
        }
    }
    d.text = text
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string();
    d
}

/// ``- `value`: label`` -> `(value, label, had_stray_spaces)`.
fn bullet(line: &str) -> Option<(String, String, bool)> {
    let rest = line.trim_start().strip_prefix('-')?.trim_start();
    let rest = rest.strip_prefix('`')?;
    let close = rest.find('`')?;
    let raw = &rest[..close];
    let after = rest[close + 1..].trim_start();
    let label = after
        .strip_prefix(':')
        .or_else(|| after.strip_prefix('：'))?;
    let value = raw.trim();
    if value.is_empty() {
        return None;
    }
    Some((
        value.to_string(),
        label.trim().to_string(),
        value.len() != raw.len(),
    ))
}

/// `是` / `yes` / `is` (machine-translated 是) -> true; `否` / `no` -> false; in any letter
/// case, trailing punctuation and emphasis ignored (`**Yes**`, `No.`).
pub fn parse_required(cell: &str) -> Option<bool> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let joined = words.join(" ").to_lowercase();
    let flag = joined
        .trim_matches(['*', '_', '`'])
        .trim_end_matches(['.', '。', '!', '！'])
        .trim();
    match flag {
        "是" | "必填" | "必须" | "yes" | "y" | "is" | "true" | "required" | "mandatory" => {
            Some(true)
        }
        "否" | "选填" | "非必填" | "no" | "n" | "not" | "false" | "optional" | "not required" => {
            Some(false)
        }
        _ => None,
    }
}

/// The text of a default or example cell: backticks removed; `-` and empty mean none.
pub fn literal(cell: &str) -> Option<String> {
    let c = cell.trim();
    let c = c
        .strip_prefix('`')
        .and_then(|s| s.strip_suffix('`'))
        .unwrap_or(c)
        .trim();
    (!c.is_empty() && c != "-").then(|| c.to_string())
}

/// A literal as a JSON value of the given type; `None` when it does not fit the type.
pub fn typed_literal(raw: &str, ty: &TypeExpr) -> Option<Value> {
    match ty {
        // `"abc"` (a JSON string in the backticks) is the string abc.
        TypeExpr::String => Some(match serde_json::from_str::<Value>(raw) {
            Ok(Value::String(s)) => Value::String(s),
            _ => Value::String(raw.to_string()),
        }),
        TypeExpr::Number | TypeExpr::Integer => {
            let v: Value = serde_json::from_str(raw).ok()?;
            v.is_number().then_some(v)
        }
        TypeExpr::Boolean => match raw {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        TypeExpr::Array(_) | TypeExpr::ArrayOfUnknown => {
            let v: Value = serde_json::from_str(raw).ok()?;
            v.is_array().then_some(v)
        }
        TypeExpr::Object | TypeExpr::Ref(_) | TypeExpr::Named(_) => {
            let v: Value = serde_json::from_str(raw).ok()?;
            v.is_object().then_some(v)
        }
        TypeExpr::Any => serde_json::from_str(raw)
            .ok()
            .or_else(|| Some(Value::String(raw.to_string()))),
        TypeExpr::EnumMarker => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(cell: &str, description: &str) -> String {
        let (t, note) = parse_type(cell, &parse_description(description));
        match note {
            Some(n) => format!("{} ({n})", t.render()),
            None => t.render(),
        }
    }

    #[test]
    fn type_cells() {
        let cases = [
            ("string", "", "string"),
            ("number", "", "number"),
            ("boolean", "", "boolean"),
            ("bool", "", "boolean"),
            ("object", "", "object"),
            ("string[]", "", "string[]"),
            ("number[]", "", "number[]"),
            ("array", "", "array"),
            (
                "array",
                "外部身份源 嵌套类型：<a href=\"#IdentityDto\">IdentityDto</a>。",
                "#IdentityDto[]",
            ),
            (
                "",
                "信赖方信息 嵌套类型：<a href=\"#RpDto\">RpDto</a>。",
                "#RpDto",
            ),
            ("", "no type at all", "any"),
            ("<a href=\"#UserDto\">UserDto</a>", "", "#UserDto"),
            ("<a href=\"#Option\">Option[]</a>", "", "#Option[]"),
            (
                "<a href=\"#\"></a>",
                "",
                "any (empty type link `<a href=\"#\"></a>`)",
            ),
            (
                "TreeStructs",
                "子节点,嵌套类型：<a href=\"#TreeStructs\">TreeStructs</a>。",
                "#TreeStructs",
            ),
            ("ValueType", "", "ValueType"),
            ("TreeStructs[]", "", "TreeStructs[]"),
            ("enum", "", "enum"),
            (
                "WeChat data, required when `connection` is `apple`.ref=\"#SignInByAlipayPayloadDto\">SignInByAlipayPayloadDto</a>",
                "",
                "#SignInByAlipayPayloadDto (type cell holds a damaged link; recovered `SignInByAlipayPayloadDto`)",
            ),
            ("a b", "", "any (unrecognised type `a b`)"),
            // English type words in every case
            ("String", "", "string"),
            ("STRING", "", "string"),
            ("Number", "", "number"),
            ("NUMBER", "", "number"),
            ("Float", "", "number"),
            ("Integer", "", "integer"),
            ("INT", "", "integer"),
            ("Long", "", "integer"),
            ("Boolean", "", "boolean"),
            ("BOOLEAN", "", "boolean"),
            ("Bool", "", "boolean"),
            ("Object", "", "object"),
            ("OBJECT", "", "object"),
            ("Array", "", "array"),
            ("ARRAY", "", "array"),
            ("String[]", "", "string[]"),
            ("NUMBER[]", "", "number[]"),
            ("Enum", "", "enum"),
            (
                "Array",
                "list Nested Type: <a href=\"#IdentityDto\">IdentityDto</a>.",
                "#IdentityDto[]",
            ),
        ];
        for (cell, desc, expected) in cases {
            assert_eq!(ty(cell, desc), expected, "cell {cell:?}");
        }
    }

    fn desc(cell: &str) -> String {
        let d = parse_description(cell);
        let mut out = format!("{:?}", d.text);
        if let Some(n) = d.nested {
            out.push_str(&format!(" nested={n}"));
        }
        if let Some(n) = d.linked {
            out.push_str(&format!(" linked={n}"));
        }
        if let Some(n) = d.max_items {
            out.push_str(&format!(" max={n}"));
        }
        for (v, l) in d.bullets {
            out.push_str(&format!(" [{v}={l}]"));
        }
        if d.trimmed_bullet {
            out.push_str(" trimmed");
        }
        out
    }

    #[test]
    fn descriptions() {
        let cases = [
            ("plain  ", "\"plain\""),
            (
                "外部身份源 嵌套类型：<a href=\"#IdentityDto\">IdentityDto</a>。  ",
                "\"外部身份源\" nested=IdentityDto",
            ),
            (
                "子节点数据,嵌套类型：<a href=\"#T\">T</a>。",
                "\"子节点数据\" nested=T",
            ),
            (
                "类型，嵌套类型，<a href=\"#R\">R</a>。目前支持",
                "\"类型 目前支持\" nested=R",
            ),
            (
                "required Nested Type: <a href=\"#X\">X</a>.",
                "\"required\" nested=X",
            ),
            (
                "MFA 配置类型：<a href=\"#ApplicationMfaDto\">ApplicationMfaDto</a>。",
                "\"MFA 配置类型：<a href=\\\"#ApplicationMfaDto\\\">ApplicationMfaDto</a>。\" linked=ApplicationMfaDto",
            ),
            ("用户 ID 数组 数组长度限制：50  ", "\"用户 ID 数组\" max=50"),
            (
                "类型：<br>- `apple`: Apple<br>- `wechat_mini_program_phone `: 手机号<br>  ",
                "\"类型：\\n- `apple`: Apple\\n- `wechat_mini_program_phone `: 手机号\" [apple=Apple] [wechat_mini_program_phone=手机号] trimmed",
            ),
            ("- `a`：全角冒号", "\"- `a`：全角冒号\" [a=全角冒号]"),
            ("- **not** a value", "\"- **not** a value\""),
        ];
        for (cell, expected) in cases {
            assert_eq!(desc(cell), expected, "cell {cell:?}");
        }
    }

    #[test]
    fn required_flags() {
        for (cell, expected) in [
            ("是", Some(true)),
            ("否", Some(false)),
            ("yes", Some(true)),
            ("Yes", Some(true)),
            ("No", Some(false)),
            ("no", Some(false)),
            ("is", Some(true)),
            (" 是 ", Some(true)),
            ("YES", Some(true)),
            ("yEs", Some(true)),
            ("NO", Some(false)),
            ("nO", Some(false)),
            ("Is", Some(true)),
            ("IS", Some(true)),
            ("Not", Some(false)),
            ("NOT", Some(false)),
            ("True", Some(true)),
            ("FALSE", Some(false)),
            ("Y", Some(true)),
            ("N", Some(false)),
            ("Required", Some(true)),
            ("OPTIONAL", Some(false)),
            ("Not required", Some(false)),
            ("**Yes**", Some(true)),
            ("No.", Some(false)),
            ("非必填", Some(false)),
            ("maybe", None),
            ("", None),
        ] {
            assert_eq!(parse_required(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn literals() {
        assert_eq!(literal(" `wechat` "), Some("wechat".into()));
        assert_eq!(literal("-"), None);
        assert_eq!(literal(""), None);
        assert_eq!(literal("oidc"), Some("oidc".into()));
        assert_eq!(
            typed_literal("7200", &TypeExpr::Number),
            Some(serde_json::json!(7200))
        );
        assert_eq!(
            typed_literal("\"quoted\"", &TypeExpr::String),
            Some(serde_json::json!("quoted"))
        );
        assert_eq!(
            typed_literal("[\"a\"]", &TypeExpr::String),
            Some(serde_json::json!("[\"a\"]"))
        );
        assert_eq!(typed_literal("abc", &TypeExpr::Number), None);
        assert_eq!(
            typed_literal("true", &TypeExpr::Boolean),
            Some(serde_json::json!(true))
        );
        assert_eq!(
            typed_literal("[\"a\",\"b\"]", &TypeExpr::ArrayOfUnknown),
            Some(serde_json::json!(["a", "b"]))
        );
        assert_eq!(
            typed_literal("{\"source\":\"utm\"}", &TypeExpr::Object),
            Some(serde_json::json!({"source": "utm"}))
        );
    }
}
