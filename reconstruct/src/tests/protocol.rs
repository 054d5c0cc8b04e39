//! Rule `protocol-endpoint` end to end: endpoints a guide or a helper spells become `x-protocol`
//! operations with those lines as witnesses; the others stay out.

use serde_json::json;

use super::{check, run, spec};
use crate::{AUTHENTICATION, RECONCILIATION};

#[test]
fn spelled_protocol_endpoints_become_x_protocol_operations() {
    let guide = "# OIDC\n\n登录地址：\n\nhttps://a.example.cn/oidc/auth?client_id=1&scope=openid\n"
        .to_string();
    let helper = "function token() {\n  api = `/oidc/token`;\n}\nconst cas = `/cas-idp/${appId}/validate`;\n"
        .to_string();
    let o = run(
        &[
            ("node/authentication/oidc.md", guide),
            ("helpers.txt", helper),
        ],
        None,
    );
    assert_eq!(o.errors, 0, "{:?}", o.diagnostics);
    let a = spec(&o, AUTHENTICATION);
    let auth = "/paths/~1oidc~1auth/get";
    let token = "/paths/~1oidc~1token/post";
    let cas = "/paths/~1cas-idp~1{appId}~1validate/get";
    check(
        &a,
        &[
            (&format!("{auth}/x-protocol"), json!("oidc")),
            (
                &format!("{auth}/x-source"),
                json!(["docs/node/authentication/oidc.md:5"]),
            ),
            (
                &format!("{auth}/responses/302/description"),
                json!("A redirect (`Location`) for the browser."),
            ),
            (&format!("{token}/x-protocol"), json!("oidc")),
            (&format!("{token}/x-token-endpoint"), json!(true)),
            (&format!("{token}/x-source"), json!(["docs/helpers.txt:2"])),
            (
                &format!(
                    "{token}/requestBody/content/application~1x-www-form-urlencoded/schema/required"
                ),
                json!(["grant_type"]),
            ),
            (
                &format!("{token}/responses/200/content/application~1json/schema/required"),
                json!(["access_token", "token_type"]),
            ),
            (&format!("{token}/security"), json!([])),
            (&format!("{cas}/x-protocol"), json!("cas")),
            (&format!("{cas}/parameters/0/in"), json!("path")),
            (
                &format!("{cas}/responses/200/content/text~1plain/schema/type"),
                json!("string"),
            ),
            // No line spells them: not in the spec.
            ("/paths/~1oidc~1token~1revocation", json!(null)),
            ("/paths/~1oauth~1token", json!(null)),
        ],
    );
    assert!(o.files[RECONCILIATION].contains("- `protocol-endpoint`: "));
}
