//! Which field names hold secrets: one rule, shared by the code generator (which marks DTO
//! fields `#[secret]`), the `#[dto]` macro (which prints them as `"***"` in `Debug`) and the
//! runtime (which redacts them in the bodies errors keep).
//!
//! A name is split into words on case changes, digits-to-letters, `_` and `-`
//! (`encodingAESKey` → `encoding aes key`). It is secret when its *last* word (the head noun,
//! singular or plural) is one of [`SECRET_WORDS`], unless the word before it makes it an
//! identifier ([`IDENTIFIER_QUALIFIERS`]: `statusCode`, `countryCode`, `roleCode`, `parentKey`).
//!
//! The head-noun rule keeps names *about* a secret visible: `tokenExpiresIn`, `passwordEncryptType`,
//! `verifyCodeLength`, `accessKeyId`, `keyword` (one word). Over the spec's 1,149 distinct field
//! and parameter names, 149 contain a secret word anywhere and 52 are secret by this rule (e.g.
//! `appSecret`, `client_secret`, `passCode`, `privateKey`, `refresh_token`); the cost is a few
//! booleans redacted for nothing (`keepPassword`, `isSnsCode`). When in doubt the rule redacts:
//! an unknown qualifier (`newCode`) counts as secret.

/// The head nouns of a secret's name (a trailing `s` is also accepted: `codes`, `keys`).
pub const SECRET_WORDS: &[&str] = &[
    "password", "secret", "token", "code", "ticket", "key", "verifier",
];

/// For a head noun, the words before it that make the name an identifier rather than a
/// credential: the API calls many identifiers `...Code` (`roleCode`, `apiCode`) and a few
/// `...Key` (`parentKey`, `showFieldKey`).
pub const IDENTIFIER_QUALIFIERS: &[(&str, &[&str])] = &[
    (
        "code",
        &[
            "api",
            "continent",
            "country",
            "department",
            "ent",
            "error",
            "group",
            "model",
            "namespace",
            "node",
            "organization",
            "policies",
            "post",
            "postal",
            "principal",
            "provider",
            "region",
            "resource",
            "role",
            "scene",
            "source",
            "status",
        ],
    ),
    (
        "key",
        &[
            "field", "operate", "parent", "pub", "public", "show", "target",
        ],
    ),
];

/// Whether a field or parameter named `name` holds a secret (see the crate documentation).
pub fn is_secret_name(name: &str) -> bool {
    let words = words(name);
    let Some(last) = words.last() else {
        return false;
    };
    let Some(head) = SECRET_WORDS
        .iter()
        .find(|word| *last == **word || last.strip_suffix('s') == Some(**word))
    else {
        return false;
    };
    let qualifier = words.len().checked_sub(2).map(|at| words[at].as_str());
    !IDENTIFIER_QUALIFIERS.iter().any(|(noun, qualifiers)| {
        noun == head && qualifier.is_some_and(|q| qualifiers.contains(&q))
    })
}

/// `name` in lowercase words: split on `_`, `-`, a lower-to-upper change (`appSecret`), the
/// last capital of an acronym before a word (`AESKey`) and a digit-to-letter change.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (at, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            words.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            continue;
        }
        let previous = at.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(at + 1);
        let boundary = previous.is_some_and(|p| {
            (c.is_uppercase() && (p.is_lowercase() || p.is_ascii_digit()))
                || (c.is_uppercase() && p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
                || (c.is_alphabetic() && p.is_ascii_digit())
        });
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

#[cfg(test)]
mod tests {
    use super::{is_secret_name, words};

    #[track_caller]
    fn check(name: &str, secret: bool) {
        assert_eq!(is_secret_name(name), secret, "{name}: {:?}", words(name));
    }

    #[test]
    fn secrets_are_named_by_their_head_noun() {
        check("password", true);
        check("newPassword", true);
        check("appSecret", true);
        check("client_secret", true);
        check("code_verifier", true);
        check("accessKeySecret", true);
        check("access_token", true);
        check("refreshToken", true);
        check("id_token", true);
        check("passCode", true);
        check("code", true);
        check("recoveryCodes", true);
        check("ticket", true);
        check("privateKey", true);
        check("encodingAESKey", true);
        check("aes_key", true);
        check("X-Api-Key", true);
        check("SECRET", true);
    }

    #[test]
    fn names_about_secrets_and_identifiers_are_not() {
        check("", false);
        check("keyword", false);
        check("codeLength", false);
        check("verifyCodeLength", false);
        check("tokenExpiresIn", false);
        check("token_type", false);
        check("passwordEncryptType", false);
        check("accessKeyId", false);
        check("apiCode", false);
        check("statusCode", false);
        check("phoneCountryCode", false);
        check("roleCode", false);
        check("namespaceCodes", false);
        check("parentKey", false);
        check("publicKey", false);
        check("tokens2fa", false);
    }
}
