//! JavaScript object literals as the guides write response examples (unquoted keys,
//! single-quoted strings, trailing commas), keeping the key order.

use serde_json::Value;

/// A JavaScript literal value, objects keeping their key order (the example's field order is the
/// order the inferred schema lists its properties in).
#[derive(Clone, Debug, PartialEq)]
pub enum Js {
    /// A scalar, array or nested value as JSON.
    Json(Value),
    /// An object, keys in source order.
    Object(Vec<(String, Js)>),
}

impl Js {
    /// As JSON.
    pub fn to_json(&self) -> Value {
        match self {
            Js::Json(v) => v.clone(),
            Js::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Parses a JavaScript object literal (unquoted keys, single-quoted strings, trailing commas).
pub fn js_literal(src: &str) -> Option<Js> {
    let mut p = JsParser {
        s: src.as_bytes(),
        i: 0,
    };
    let v = p.value()?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

struct JsParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl JsParser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Option<Js> {
        self.ws();
        match *self.s.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut m: Vec<(String, Js)> = Vec::new();
                loop {
                    self.ws();
                    if self.s.get(self.i) == Some(&b'}') {
                        self.i += 1;
                        return Some(Js::Object(m));
                    }
                    let key = match self.s.get(self.i)? {
                        b'\'' | b'"' => self.string()?,
                        _ => {
                            let start = self.i;
                            while self.i < self.s.len()
                                && (self.s[self.i].is_ascii_alphanumeric()
                                    || b"_$".contains(&self.s[self.i]))
                            {
                                self.i += 1;
                            }
                            std::str::from_utf8(&self.s[start..self.i])
                                .ok()?
                                .to_string()
                        }
                    };
                    self.ws();
                    if self.s.get(self.i) != Some(&b':') {
                        return None;
                    }
                    self.i += 1;
                    let v = self.value()?;
                    m.retain(|(k, _)| *k != key);
                    m.push((key, v));
                    self.ws();
                    if self.s.get(self.i) == Some(&b',') {
                        self.i += 1;
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut a = Vec::new();
                loop {
                    self.ws();
                    if self.s.get(self.i) == Some(&b']') {
                        self.i += 1;
                        return Some(Js::Json(Value::Array(a)));
                    }
                    a.push(self.value()?.to_json());
                    self.ws();
                    if self.s.get(self.i) == Some(&b',') {
                        self.i += 1;
                    }
                }
            }
            b'\'' | b'"' => self.string().map(|s| Js::Json(Value::String(s))),
            _ => {
                let start = self.i;
                while self.i < self.s.len() && !b",}] \n\t\r".contains(&self.s[self.i]) {
                    self.i += 1;
                }
                let word = std::str::from_utf8(&self.s[start..self.i]).ok()?;
                let v = match word {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" | "undefined" => Value::Null,
                    _ => serde_json::from_str::<Value>(word)
                        .ok()
                        .filter(Value::is_number)?,
                };
                Some(Js::Json(v))
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        let quote = self.s[self.i];
        self.i += 1;
        let mut out = Vec::new();
        while let Some(&c) = self.s.get(self.i) {
            self.i += 1;
            if c == quote {
                return String::from_utf8(out).ok();
            }
            if c == b'\\' {
                let e = *self.s.get(self.i)?;
                self.i += 1;
                out.push(match e {
                    b'n' => b'\n',
                    b't' => b'\t',
                    other => other,
                });
            } else {
                out.push(c);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn js_literals() {
        let parsed = js_literal(
            "{\n  z: false,\n  'b': 'x',\n  _id: \"5e\",\n  n: 2,\n  o: '{\"k\":1}',\n}",
        )
        .unwrap();
        assert_eq!(
            parsed.to_json(),
            json!({"z": false, "b": "x", "_id": "5e", "n": 2, "o": "{\"k\":1}"})
        );
        let Js::Object(fields) = &parsed else {
            panic!("an object")
        };
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["z", "b", "_id", "n", "o"], "source order is kept");
        assert_eq!(
            js_literal("{ a: [1, 'two'] }").map(|j| j.to_json()),
            Some(json!({"a": [1, "two"]}))
        );
        assert_eq!(js_literal("{ a: }"), None);
        assert_eq!(js_literal("{ a: 1 "), None);
    }
}
