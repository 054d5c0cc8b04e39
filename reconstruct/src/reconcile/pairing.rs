//! [`Rule::ConnectionPairing`]: which payload field goes with which value of a discriminator
//! property, read from the sentences the descriptions carry ("当 `connection` 为 `wechat` 的时候必填",
//! "required when `connection` is `wechat`"), recorded as `x-connection-payloads`.
//!
//! The pairing is taken from the value the sentence names. The provider label that opens a
//! description is not evidence: upstream swapped it between `wechatPayload` and `applePayload`.

use crate::conflict::Conflict;
use crate::corpus::Loc;
use crate::diagnostic::Diagnostics;
use crate::model::{ConnectionPayloads, Schema, SchemaType};
use crate::pages::catalog::normalize_name;
use crate::rules::Rule;

/// What a "required when ... is `X`" sentence names: the discriminator when written as a
/// backticked property name (`` 当 `connection` 为 `wechat` 的时候必填 ``), and the value. Sentences
/// naming the discriminator by its label (`当认证方式为 `PASSWORD` 时此参数必填`) give only the
/// value; sentences without "required" (`当 `type` 为 `X` 时，可以...`) are not pairings.
pub fn named_value(description: &str) -> Option<(Option<String>, String)> {
    for sentence in description.split(['。', '\n']).flat_map(|s| s.split(". ")) {
        let required =
            sentence.contains("必填") || sentence.to_lowercase().contains("required when");
        if !required {
            continue;
        }
        // zh: 当 <discriminator> 为 `X` ... 必填 ; en: required when <discriminator> is `X`
        let (head, tail) = if let Some(i) = sentence.find('当') {
            let rest = &sentence[i + '当'.len_utf8()..];
            let Some(j) = rest.find('为') else { continue };
            (&rest[..j], &rest[j + '为'.len_utf8()..])
        } else if let Some(i) = sentence.to_lowercase().find("when ") {
            let rest = &sentence[i + 5..];
            let Some(j) = rest.find(" is ") else { continue };
            (&rest[..j], &rest[j + 4..])
        } else {
            continue;
        };
        let value = tail
            .trim_start()
            .strip_prefix('`')
            .and_then(|v| v.split('`').next())
            .map(str::trim);
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            continue;
        };
        let head = head.trim();
        let discriminator = head
            .strip_prefix('`')
            .and_then(|h| h.strip_suffix('`'))
            .filter(|h| !h.is_empty() && !h.contains(' '))
            .map(str::to_string);
        return Some((discriminator, value.to_string()));
    }
    None
}

/// Pairs payload fields with discriminator values on an object schema (in place).
pub fn pair(
    schema: &mut Schema,
    subject: &str,
    conflicts: &mut Vec<Conflict>,
    diags: &mut Diagnostics,
    loc: Option<Loc>,
) {
    let SchemaType::Object(obj) = &mut schema.ty else {
        return;
    };
    let mut found: Vec<(String, String, String)> = Vec::new(); // discriminator, value, field
    for p in &obj.properties {
        let Some((named, v)) = p.schema.description.as_deref().and_then(named_value) else {
            continue;
        };
        // The discriminator: the property the sentence names, else the one enum listing the value.
        let d = match named {
            Some(d) => Some(d),
            None => {
                let listing: Vec<&str> = obj
                    .properties
                    .iter()
                    .filter(|q| {
                        q.schema
                            .enumeration
                            .iter()
                            .any(|(e, _)| e.as_str() == Some(v.as_str()))
                    })
                    .map(|q| q.name.as_str())
                    .collect();
                (listing.len() == 1).then(|| listing[0].to_string())
            }
        };
        if let Some(d) = d
            && d != p.name
            && obj.properties.iter().any(|q| q.name == d)
        {
            found.push((d, v, p.name.clone()));
        }
    }
    let Some(discriminator) = found.first().map(|(d, _, _)| d.clone()) else {
        return;
    };
    let enum_order: Vec<String> = obj
        .properties
        .iter()
        .find(|p| p.name == discriminator)
        .map(|p| {
            p.schema
                .enumeration
                .iter()
                .filter_map(|(v, _)| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut payloads: Vec<(String, String)> = Vec::new();
    for (d, value, field) in found {
        if d != discriminator {
            continue;
        }
        if !enum_order.is_empty()
            && !enum_order.contains(&value)
            && let Some(loc) = loc
        {
            diags.warn(
                loc,
                format!("{subject}: `{field}` is paired with `{value}`, which `{d}` does not list"),
            );
        }
        if let Some((_, other)) = payloads.iter().find(|(v, _)| *v == value) {
            conflicts.push(Conflict {
                subject: format!("{subject}: payload of `{d}` = `{value}`"),
                candidates: vec![(other.clone(), vec![]), (field.clone(), vec![])],
                winner: other.clone(),
                rule: Rule::ConnectionPairing,
            });
            continue;
        }
        // The field name normally spells the value (`linkedin` -> `linkedInPayload`); a mismatch
        // is worth a look but the sentence decides.
        let stem = normalize_name(field.strip_suffix("Payload").unwrap_or(&field));
        if stem != normalize_name(&value)
            && let Some(loc) = loc
        {
            diags.warn(
                loc,
                format!(
                    "{subject}: `{field}` is paired with `{value}` although its name says `{stem}`"
                ),
            );
        }
        payloads.push((value, field));
    }
    payloads.sort_by_key(|(v, _)| enum_order.iter().position(|e| e == v).unwrap_or(usize::MAX));
    obj.connection = Some(ConnectionPayloads {
        property: discriminator,
        payloads,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Object, Property};
    use serde_json::json;

    #[test]
    fn sentences() {
        let cases = [
            (
                "苹果移动端社会化登录数据，当 `connection` 为 `wechat` 的时候必填。",
                Some((Some("connection"), "wechat")),
            ),
            (
                "Apple mobile social login data, required when `connection` is `wechat`.",
                Some((Some("connection"), "wechat")),
            ),
            (
                "Social login data. Required when `connection` is `lark_public`.",
                Some((Some("connection"), "lark_public")),
            ),
            (
                "当 `connection` 为 `wechat_mini_program_phone ` 的时候必填",
                Some((Some("connection"), "wechat_mini_program_phone")),
            ),
            (
                "当认证方式为 `PASSWORD` 时此参数必填。",
                Some((None, "PASSWORD")),
            ),
            (
                "当 `type` 为 `MOBILE_APP` 时，可以传递用户的自定义数据。",
                None,
            ),
            ("可选参数", None),
        ];
        for (text, expected) in cases {
            let got = named_value(text);
            assert_eq!(
                got.as_ref().map(|(a, b)| (a.as_deref(), b.as_str())),
                expected,
                "{text}"
            );
        }
    }

    fn prop(name: &str, description: &str) -> Property {
        Property {
            name: name.into(),
            schema: Schema {
                description: Some(description.into()),
                ..Schema::of(SchemaType::Ref("P".into()))
            },
            required: false,
        }
    }

    #[test]
    fn pairs_follow_the_named_value_not_the_label() {
        let mut connection = Schema::of(SchemaType::String);
        connection.enumeration = vec![
            (json!("apple"), "Apple".into()),
            (json!("wechat"), "微信".into()),
        ];
        let mut s = Schema::of(SchemaType::Object(Object {
            properties: vec![
                Property {
                    name: "connection".into(),
                    schema: connection,
                    required: true,
                },
                // descriptions swapped upstream: the label lies, the named value does not
                prop(
                    "wechatPayload",
                    "苹果移动端社会化登录数据，当 `connection` 为 `wechat` 的时候必填。",
                ),
                prop(
                    "applePayload",
                    "微信移动端社会化登录数据，当 `connection` 为 `apple` 的时候必填。",
                ),
                prop("options", "可选参数"),
            ],
            connection: None,
        }));
        let mut diags = Diagnostics::default();
        pair(&mut s, "T", &mut Vec::new(), &mut diags, None);
        let SchemaType::Object(o) = &s.ty else {
            unreachable!()
        };
        let c = o.connection.as_ref().expect("paired");
        assert_eq!(c.property, "connection");
        assert_eq!(
            c.payloads,
            vec![
                ("apple".to_string(), "applePayload".to_string()),
                ("wechat".to_string(), "wechatPayload".to_string())
            ]
        );
    }
}
