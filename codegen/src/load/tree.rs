//! Reading: spec text (JSON or YAML) -> one document tree, in a single parse.
//!
//! The tree is a `serde_yaml_ng::Value` (its mappings keep document order, which the generated
//! code follows). While reading, every key is tracked so that what goes wrong is reported at its
//! JSON pointer:
//!
//! - a key given twice in one object is an error (the document is ambiguous; the last value is
//!   kept, as most JSON readers do);
//! - nesting deeper than [`MAX_DEPTH`] stops the read (no input can exhaust the stack of a later
//!   recursive stage);
//! - integers beyond 64 bits are read as floats (the repair stage deals with them), keys of any
//!   scalar type as strings.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_yaml_ng::{Mapping, Value};

use crate::diagnostic::{Diagnostic, escape_token};

/// How many objects and arrays may nest. Real specs stay under 40; every later stage recurses
/// at most once per level.
pub const MAX_DEPTH: usize = 96;

/// The document tree of `text` (JSON when it starts with `{`, YAML otherwise), with the
/// duplicate-key errors met on the way; `Err` when the text cannot be read.
pub fn parse(text: &str) -> Result<(Value, Vec<Diagnostic>), Vec<Diagnostic>> {
    let state = RefCell::new(State::default());
    let json = text.trim_start().starts_with('{');
    let result = if json {
        let mut de = serde_json::Deserializer::from_str(text);
        Seed::root(&state)
            .deserialize(&mut de)
            .and_then(|value| de.end().map(|()| value))
            .map_err(|e| e.to_string())
    } else {
        Seed::root(&state)
            .deserialize(serde_yaml_ng::Deserializer::from_str(text))
            .map_err(|e| e.to_string())
    };
    let state = state.into_inner();
    match result {
        Ok(value) => Ok((value, state.duplicates)),
        Err(message) => {
            let format = if json { "JSON" } else { "YAML" };
            let pointer = state.pointer();
            let mut errors = state.duplicates;
            errors.push(Diagnostic::error(
                pointer,
                format!("cannot read the spec as {format}: {message}"),
            ));
            Err(errors)
        }
    }
}

/// What the read has seen so far.
#[derive(Default)]
struct State {
    /// Keys and indices from the root to the node being read.
    path: Vec<String>,
    duplicates: Vec<Diagnostic>,
}

impl State {
    fn pointer(&self) -> String {
        self.path
            .iter()
            .map(|t| format!("/{}", escape_token(t)))
            .collect()
    }
}

/// Reads one node at `depth`.
struct Seed<'s> {
    state: &'s RefCell<State>,
    depth: usize,
}

impl<'s> Seed<'s> {
    fn root(state: &'s RefCell<State>) -> Self {
        Seed { state, depth: 0 }
    }

    fn child(&self) -> Seed<'s> {
        Seed {
            state: self.state,
            depth: self.depth + 1,
        }
    }

    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!(
                "objects and arrays nest deeper than {MAX_DEPTH} levels"
            )));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| Value::Number((v as f64).into()), |v| v.into()))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| Value::Number((v as f64).into()), |v| v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            self.state.borrow_mut().path.push(items.len().to_string());
            let Some(item) = seq.next_element_seed(self.child())? else {
                self.state.borrow_mut().path.pop();
                break;
            };
            self.state.borrow_mut().path.pop();
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut object = Mapping::new();
        while let Some(Key(key)) = map.next_key()? {
            self.state.borrow_mut().path.push(key.clone());
            let value = map.next_value_seed(self.child())?;
            let mut state = self.state.borrow_mut();
            if object.insert(Value::String(key.clone()), value).is_some() {
                let pointer = state.pointer();
                state.duplicates.push(Diagnostic::error(
                    pointer,
                    format!(
                        "the key `{key}` is given twice in this object; the last value is kept"
                    ),
                ));
            }
            state.path.pop();
        }
        Ok(Value::Mapping(object))
    }
}

/// An object key: any scalar, as a string.
struct Key(String);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeyVisitor).map(Key)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean key")
    }

    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i128<E>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u128<E>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_unit<E>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }
}
