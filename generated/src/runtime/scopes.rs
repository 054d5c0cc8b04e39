//! [`Scopes`]: an OAuth 2.0 scope list, written on the wire as one string of space-separated
//! scope tokens (`"openid profile offline_access"`, RFC 6749 §3.3).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A list of scopes, in order, each scope once; serialized as the space-separated string
/// (`"openid profile"`), deserialized from one (any run of whitespace separates).
///
/// ```
/// use authing::runtime::Scopes;
/// let scopes: Scopes = ["openid", "profile", "offline_access"].into_iter().collect();
/// assert_eq!(scopes.to_string(), "openid profile offline_access");
/// assert!(scopes.contains("profile"));
/// let parsed: Scopes = serde_json::from_str(r#""openid  email""#).unwrap();
/// assert_eq!(parsed, Scopes::from("openid email"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Scopes(Vec<String>);

impl Scopes {
    /// No scope.
    pub fn new() -> Self {
        Scopes::default()
    }

    /// Adds `scope` at the end, unless it is there already or is empty. A `scope` holding
    /// whitespace adds each of its tokens.
    pub fn insert(&mut self, scope: impl AsRef<str>) {
        for token in scope.as_ref().split_whitespace() {
            if !self.contains(token) {
                self.0.push(token.to_owned());
            }
        }
    }

    /// `self` with `scope` added ([`Scopes::insert`]).
    pub fn with(mut self, scope: impl AsRef<str>) -> Self {
        self.insert(scope);
        self
    }

    /// Whether `scope` is one of the scopes.
    pub fn contains(&self, scope: &str) -> bool {
        self.0.iter().any(|s| s == scope)
    }

    /// Removes `scope`; whether it was there.
    pub fn remove(&mut self, scope: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|s| s != scope);
        self.0.len() != before
    }

    /// The scopes, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// How many scopes there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no scope.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" "))
    }
}

impl FromStr for Scopes {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Scopes::from(s))
    }
}

impl From<&str> for Scopes {
    fn from(s: &str) -> Self {
        Scopes::new().with(s)
    }
}

impl From<String> for Scopes {
    fn from(s: String) -> Self {
        Scopes::from(s.as_str())
    }
}

impl<S: AsRef<str>> FromIterator<S> for Scopes {
    fn from_iter<I: IntoIterator<Item = S>>(scopes: I) -> Self {
        let mut all = Scopes::new();
        scopes.into_iter().for_each(|scope| all.insert(scope));
        all
    }
}

impl<S: AsRef<str>> Extend<S> for Scopes {
    fn extend<I: IntoIterator<Item = S>>(&mut self, scopes: I) {
        scopes.into_iter().for_each(|scope| self.insert(scope));
    }
}

impl IntoIterator for Scopes {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Scopes {
    type Item = &'a str;
    type IntoIter = std::iter::Map<std::slice::Iter<'a, String>, fn(&String) -> &str>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(String::as_str)
    }
}

impl Serialize for Scopes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Scopes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Borrowed when the input allows, owned otherwise (an escaped JSON string).
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Scopes::from(&*text))
    }
}

#[cfg(test)]
mod tests {
    use super::Scopes;

    /// `wire` decodes to `scopes` and `scopes` encodes to `encoded`.
    fn check(wire: &str, scopes: &[&str], encoded: &str) {
        let decoded: Scopes = serde_json::from_str(wire).unwrap();
        assert_eq!(decoded.iter().collect::<Vec<_>>(), scopes, "{wire}");
        assert_eq!(serde_json::to_string(&decoded).unwrap(), encoded, "{wire}");
    }

    #[test]
    fn scopes_are_one_space_separated_string_on_the_wire() {
        check(
            r#""openid profile""#,
            &["openid", "profile"],
            r#""openid profile""#,
        );
        check(r#""openid""#, &["openid"], r#""openid""#);
        check(r#""""#, &[], r#""""#);
        // Any whitespace separates; a repeated scope counts once.
        check(
            r#"" openid\tprofile  openid ""#,
            &["openid", "profile"],
            r#""openid profile""#,
        );
        // An escaped string (not borrowable) decodes too.
        check(
            r#""openid\u0020email""#,
            &["openid", "email"],
            r#""openid email""#,
        );
        assert!(serde_json::from_str::<Scopes>(r#"["openid"]"#).is_err());
    }

    #[test]
    fn scopes_are_built_queried_and_edited() {
        let mut scopes: Scopes = ["openid", "profile"].into_iter().collect();
        assert!(scopes.contains("openid") && !scopes.contains("email"));
        scopes.insert("email offline_access");
        assert_eq!(scopes.to_string(), "openid profile email offline_access");
        assert!(scopes.remove("profile") && !scopes.remove("profile"));
        assert_eq!(scopes.len(), 3);
        assert_eq!(
            "a b".parse::<Scopes>().unwrap(),
            Scopes::new().with("a").with("b")
        );
        assert!(Scopes::from("  ").is_empty());
    }
}
