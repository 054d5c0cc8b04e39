//! Reading the CAS server's answers: CAS 1.0 text (`yes\n<user>\n` / `no\n`) and the CAS 2.0 /
//! 3.0 `serviceResponse`, in XML (the protocol's format, parsed with `roxmltree`) or in the JSON
//! rendering Authing offers (`format=JSON`).

use roxmltree::{Document, Node, ParsingOptions};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{CasError, CasFailure, CasFailureCode, CasUser};
use crate::runtime::redact::raw_body;

/// The namespace of the CAS 2.0 / 3.0 XML elements.
pub const CAS_NAMESPACE: &str = "http://www.yale.edu/tp/cas";

/// The deepest nesting of attributes read (Authing nests one level, `address`); deeper answers
/// are refused rather than walked.
const MAX_ATTRIBUTE_DEPTH: usize = 8;

/// The most XML nodes a `serviceResponse` may have (a user with hundreds of attributes fits).
const MAX_NODES: u32 = 10_000;

/// A CAS 1.0 `validate` answer: `yes` and the user on the next line, or `no`.
pub(crate) fn v1(body: &str) -> Result<String, CasError> {
    let mut lines = body.split('\n').map(|line| line.trim_end_matches('\r'));
    match lines.next().map(str::trim) {
        Some("yes") => match lines.next().map(str::trim) {
            Some(user) if !user.is_empty() => Ok(user.to_owned()),
            _ => Err(malformed("`yes` without a user on the second line", body)),
        },
        Some("no") => Err(CasError::Rejected(CasFailure {
            code: CasFailureCode::InvalidTicket,
            description: "the CAS 1.0 answer is `no`".to_owned(),
        })),
        _ => Err(malformed("neither `yes` nor `no` on the first line", body)),
    }
}

/// A CAS 2.0 `serviceValidate` answer, XML or JSON (whichever the server sent).
pub(crate) fn v2(body: &str) -> Result<CasUser, CasError> {
    match body.trim_start().as_bytes().first() {
        Some(b'<') => v2_xml(body),
        Some(b'{') => v2_json(body),
        _ => Err(malformed("neither XML nor JSON", body)),
    }
}

fn v2_xml(body: &str) -> Result<CasUser, CasError> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(body, options)
        .map_err(|error| malformed(&format!("not XML: {error}"), body))?;
    let root = document.root_element();
    if !is_cas(root, "serviceResponse") {
        return Err(malformed(
            "the root element is not cas:serviceResponse",
            body,
        ));
    }
    let Some(answer) = root.children().find(Node::is_element) else {
        return Err(malformed("cas:serviceResponse is empty", body));
    };
    if is_cas(answer, "authenticationFailure") {
        return Err(CasError::Rejected(CasFailure {
            code: CasFailureCode::parse(answer.attribute("code").unwrap_or_default()),
            description: text(answer),
        }));
    }
    if !is_cas(answer, "authenticationSuccess") {
        return Err(malformed(
            "cas:serviceResponse holds neither cas:authenticationSuccess nor cas:authenticationFailure",
            body,
        ));
    }
    let user = child(answer, "user")
        .map(text)
        .filter(|user| !user.is_empty())
        .ok_or_else(|| malformed("cas:authenticationSuccess has no cas:user", body))?;
    let attributes = match child(answer, "attributes") {
        Some(node) => elements(node, 0).ok_or_else(|| {
            malformed(
                &format!("attributes nested deeper than {MAX_ATTRIBUTE_DEPTH} levels"),
                body,
            )
        })?,
        None => Map::new(),
    };
    Ok(CasUser { user, attributes })
}

/// Whether `node` is the CAS element `name`.
fn is_cas(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(CAS_NAMESPACE)
}

/// The first CAS child element `name` of `node`.
fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|child| is_cas(*child, name))
}

/// The text of `node` and its descendants, trimmed.
fn text(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|text| text.text())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The child elements of `node` as a map by local name: an empty element is `null`, one with
/// child elements an object, any other its text; a name repeated (a multi-valued attribute,
/// CAS 3.0) collects its values in an array, in document order. `None` past the depth limit.
fn elements(node: Node, depth: usize) -> Option<Map<String, Value>> {
    if depth >= MAX_ATTRIBUTE_DEPTH {
        return None;
    }
    let mut map = Map::new();
    for element in node.children().filter(Node::is_element) {
        let value = if element.children().any(|child| child.is_element()) {
            Value::Object(elements(element, depth + 1)?)
        } else {
            match text(element) {
                text if text.is_empty() => Value::Null,
                text => Value::String(text),
            }
        };
        let name = element.tag_name().name().to_owned();
        match map.get_mut(&name) {
            None => {
                map.insert(name, value);
            }
            // Only a repeated name makes an array: a value itself never is one.
            Some(Value::Array(values)) => values.push(value),
            Some(first) => *first = Value::Array(vec![first.take(), value]),
        }
    }
    Some(map)
}

/// The JSON rendering: `{"serviceResponse": {"authenticationSuccess": ...}}`, or a failure
/// under `serviceResponse` or (as the node SDK's types have it) at the top.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonAnswer {
    service_response: Option<JsonServiceResponse>,
    authentication_failure: Option<JsonFailure>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonServiceResponse {
    authentication_success: Option<JsonSuccess>,
    authentication_failure: Option<JsonFailure>,
}

#[derive(Deserialize)]
struct JsonSuccess {
    user: String,
    #[serde(default)]
    attributes: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
struct JsonFailure {
    #[serde(default)]
    code: String,
    #[serde(default)]
    description: Option<String>,
}

fn v2_json(body: &str) -> Result<CasUser, CasError> {
    let answer: JsonAnswer = serde_json::from_str(body)
        .map_err(|error| malformed(&format!("not a CAS JSON answer: {error}"), body))?;
    let (success, failure) = match answer.service_response {
        Some(response) => (
            response.authentication_success,
            response.authentication_failure,
        ),
        None => (None, answer.authentication_failure),
    };
    if let Some(failure) = failure {
        return Err(CasError::Rejected(CasFailure {
            code: CasFailureCode::parse(&failure.code),
            description: failure.description.unwrap_or_default().trim().to_owned(),
        }));
    }
    match success {
        Some(success) if !success.user.trim().is_empty() => Ok(CasUser {
            user: success.user.trim().to_owned(),
            attributes: success.attributes.unwrap_or_default(),
        }),
        Some(_) => Err(malformed("authenticationSuccess has an empty user", body)),
        None => Err(malformed(
            "neither authenticationSuccess nor authenticationFailure",
            body,
        )),
    }
}

fn malformed(reason: &str, body: &str) -> CasError {
    CasError::Malformed {
        reason: reason.to_owned(),
        body: raw_body(body.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{v1, v2};
    use crate::cas::{CasError, CasFailure, CasFailureCode};

    /// The outcome of a parse, comparable: `Ok(user, attributes)`, a rejection's code and
    /// description, or `Malformed` with the start of its reason.
    #[derive(Debug, PartialEq)]
    enum Outcome {
        User(String, serde_json::Value),
        Rejected(CasFailureCode, String),
        Malformed(String),
    }

    fn outcome<T>(result: Result<T, CasError>, ok: impl FnOnce(T) -> Outcome) -> Outcome {
        match result {
            Ok(value) => ok(value),
            Err(CasError::Rejected(CasFailure { code, description })) => {
                Outcome::Rejected(code, description)
            }
            Err(CasError::Malformed { reason, .. }) => Outcome::Malformed(reason),
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    #[track_caller]
    fn check_v1(body: &str, expected: Outcome) {
        let actual = outcome(v1(body), |user| Outcome::User(user, json!({})));
        assert_eq!(actual, expected, "{body:?}");
    }

    #[track_caller]
    fn check_v2(body: &str, expected: Outcome) {
        let actual = outcome(v2(body), |user| {
            Outcome::User(user.user, serde_json::Value::Object(user.attributes))
        });
        match (&actual, &expected) {
            (Outcome::Malformed(actual), Outcome::Malformed(start)) => {
                assert!(actual.starts_with(start.as_str()), "{body:?}: {actual}")
            }
            _ => assert_eq!(actual, expected, "{body:?}"),
        }
    }

    fn user(name: &str, attributes: serde_json::Value) -> Outcome {
        Outcome::User(name.to_owned(), attributes)
    }

    fn malformed(reason: &str) -> Outcome {
        Outcome::Malformed(reason.to_owned())
    }

    const NS: &str = r#"xmlns:cas="http://www.yale.edu/tp/cas""#;

    #[test]
    fn v1_answers() {
        check_v1("yes\nalice\n", user("alice", json!({})));
        check_v1("yes\r\nalice\r\n", user("alice", json!({})));
        check_v1("yes\nalice", user("alice", json!({})));
        let no = "the CAS 1.0 answer is `no`".to_owned();
        check_v1(
            "no\n\n",
            Outcome::Rejected(CasFailureCode::InvalidTicket, no),
        );
        check_v1(
            "yes\n\n",
            malformed("`yes` without a user on the second line"),
        );
        check_v1("yes", malformed("`yes` without a user on the second line"));
        check_v1("", malformed("neither `yes` nor `no` on the first line"));
        check_v1(
            "<html>",
            malformed("neither `yes` nor `no` on the first line"),
        );
    }

    #[test]
    fn v2_xml_successes() {
        // The reference pages' sample answer, trimmed.
        let sample = format!(
            "<cas:serviceResponse {NS}>\n  <cas:authenticationSuccess>\n    <cas:user>test1@123.com</cas:user>\n    <cas:attributes>\n      <cas:updated_at/>\n      <cas:address>\n        <cas:locality/>\n        <cas:street_address>1 Road</cas:street_address>\n      </cas:address>\n      <cas:email_verified>false</cas:email_verified>\n      <cas:sub>6063fcd01d0d2e39d4596904</cas:sub>\n    </cas:attributes>\n  </cas:authenticationSuccess>\n</cas:serviceResponse>"
        );
        let attributes = json!({"updated_at": null, "address": {"locality": null, "street_address": "1 Road"}, "email_verified": "false", "sub": "6063fcd01d0d2e39d4596904"});
        check_v2(&sample, user("test1@123.com", attributes));
        let bare = "<?xml version=\"1.0\"?><c:serviceResponse xmlns:c=\"http://www.yale.edu/tp/cas\"><c:authenticationSuccess><c:user> bob </c:user></c:authenticationSuccess></c:serviceResponse>";
        check_v2(bare, user("bob", json!({})));
        let multi = format!(
            "<cas:serviceResponse {NS}><cas:authenticationSuccess><cas:user>u</cas:user><cas:attributes><cas:role>a</cas:role><cas:mail>m</cas:mail><cas:role>b</cas:role><cas:role>c</cas:role></cas:attributes><cas:proxyGrantingTicket>PGTIOU-1</cas:proxyGrantingTicket></cas:authenticationSuccess></cas:serviceResponse>"
        );
        check_v2(
            &multi,
            user("u", json!({"role": ["a", "b", "c"], "mail": "m"})),
        );
        let escaped = format!(
            "<cas:serviceResponse {NS}><cas:authenticationSuccess><cas:user>a&amp;b<![CDATA[<c>]]></cas:user></cas:authenticationSuccess></cas:serviceResponse>"
        );
        check_v2(&escaped, user("a&b<c>", json!({})));
    }

    #[test]
    fn v2_xml_failures() {
        let failure = format!(
            "<cas:serviceResponse {NS}>\n    <cas:authenticationFailure code=\"INVALID_TICKET\">\n        Ticket 不合法\n    </cas:authenticationFailure>\n</cas:serviceResponse>"
        );
        let rejected = |code, text: &str| Outcome::Rejected(code, text.to_owned());
        check_v2(
            &failure,
            rejected(CasFailureCode::InvalidTicket, "Ticket 不合法"),
        );
        for (code, parsed) in [
            ("INVALID_REQUEST", CasFailureCode::InvalidRequest),
            ("INVALID_TICKET_SPEC", CasFailureCode::InvalidTicketSpec),
            (
                "UNAUTHORIZED_SERVICE_PROXY",
                CasFailureCode::UnauthorizedServiceProxy,
            ),
            (
                "INVALID_PROXY_CALLBACK",
                CasFailureCode::InvalidProxyCallback,
            ),
            ("INVALID_SERVICE", CasFailureCode::InvalidService),
            ("INTERNAL_ERROR", CasFailureCode::InternalError),
            (
                "TICKET_EXPIRED",
                CasFailureCode::Other("TICKET_EXPIRED".into()),
            ),
        ] {
            let body = format!(
                "<cas:serviceResponse {NS}><cas:authenticationFailure code='{code}'>why</cas:authenticationFailure></cas:serviceResponse>"
            );
            check_v2(&body, rejected(parsed, "why"));
        }
    }

    #[test]
    fn v2_xml_malformed() {
        check_v2("<cas:serviceResponse", malformed("not XML"));
        check_v2(
            "<serviceResponse><authenticationSuccess><user>u</user></authenticationSuccess></serviceResponse>",
            malformed("the root element is not cas:serviceResponse"),
        );
        let empty = format!("<cas:serviceResponse {NS}> </cas:serviceResponse>");
        check_v2(&empty, malformed("cas:serviceResponse is empty"));
        let other = format!("<cas:serviceResponse {NS}><cas:proxySuccess/></cas:serviceResponse>");
        check_v2(&other, malformed("cas:serviceResponse holds neither"));
        let no_user = format!(
            "<cas:serviceResponse {NS}><cas:authenticationSuccess><cas:user> </cas:user></cas:authenticationSuccess></cas:serviceResponse>"
        );
        check_v2(
            &no_user,
            malformed("cas:authenticationSuccess has no cas:user"),
        );
        let deep = format!(
            "<cas:serviceResponse {NS}><cas:authenticationSuccess><cas:user>u</cas:user><cas:attributes>{}x{}</cas:attributes></cas:authenticationSuccess></cas:serviceResponse>",
            "<cas:a>".repeat(9),
            "</cas:a>".repeat(9)
        );
        check_v2(&deep, malformed("attributes nested deeper than 8 levels"));
        // Entities from a DTD are refused, not expanded.
        let dtd = format!(
            "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><cas:serviceResponse {NS}><cas:authenticationSuccess><cas:user>&b;</cas:user></cas:authenticationSuccess></cas:serviceResponse>"
        );
        check_v2(&dtd, malformed("not XML"));
        check_v2("", malformed("neither XML nor JSON"));
        check_v2("yes\nalice\n", malformed("neither XML nor JSON"));
    }

    #[test]
    fn v2_json_answers() {
        let success = json!({"serviceResponse": {"authenticationSuccess": {"user": "test1@123.com", "attributes": {"email_verified": true, "address": {"country": null}}}}});
        let attributes = json!({"email_verified": true, "address": {"country": null}});
        check_v2(&success.to_string(), user("test1@123.com", attributes));
        let failure = json!({"serviceResponse": {"authenticationFailure": {"code": "INVALID_TICKET", "description": "Ticket 不合法"}}});
        let rejected = Outcome::Rejected(CasFailureCode::InvalidTicket, "Ticket 不合法".into());
        check_v2(&failure.to_string(), rejected);
        let top = json!({"authenticationFailure": {"code": "INVALID_SERVICE", "description": "d"}});
        let rejected = Outcome::Rejected(CasFailureCode::InvalidService, "d".into());
        check_v2(&top.to_string(), rejected);
        check_v2(
            &json!({"serviceResponse": {}}).to_string(),
            malformed("neither authenticationSuccess"),
        );
        check_v2(
            &json!({"serviceResponse": {"authenticationSuccess": {"user": ""}}}).to_string(),
            malformed("authenticationSuccess has an empty user"),
        );
        check_v2(
            "{\"serviceResponse\": 3}",
            malformed("not a CAS JSON answer"),
        );
    }
}
