//! The node package reader over the real package in `../shared/sdks` (authing-node-sdk 4.0.1):
//! it parses without diagnostics, finds every generated method, sets the hand-written helpers
//! aside, and facts checked by hand against the sources hold.
//!
//! Without `../shared` these tests print a skip, except under CI (`CI=true`), where they fail.

use std::sync::OnceLock;

use authing_reconstruct::corpus::Corpus;
use authing_reconstruct::diagnostic::Diagnostics;
use authing_reconstruct::model::{Client, ParamIn};
use authing_reconstruct::sdks::{self, Package, Type};
use xtask::workspace;

fn package() -> Option<&'static (Corpus, Package, Vec<String>)> {
    static PACKAGE: OnceLock<Option<(Corpus, Package, Vec<String>)>> = OnceLock::new();
    PACKAGE
        .get_or_init(|| {
            let roots = workspace::shared_dirs_or_skip(
                &["sdks/authing-node-sdk-4.0.1"],
                "node package tests",
            )?;
            let mut corpus = Corpus::default();
            authing_reconstruct::read::sdks(&mut corpus, &roots).expect("package loads");
            let mut diags = Diagnostics::default();
            let mut pkgs = sdks::read(&corpus, &mut diags);
            assert_eq!(pkgs.len(), 1);
            let rendered = diags
                .sorted()
                .into_iter()
                .map(|d| Diagnostics::render(&corpus, d))
                .collect();
            let pkg = pkgs.remove(0);
            Some((corpus, pkg, rendered))
        })
        .as_ref()
}

fn op<'a>(pkg: &'a Package, client: Client, name: &str) -> &'a sdks::Operation {
    pkg.operations
        .iter()
        .find(|o| o.client == client && o.name == name)
        .unwrap_or_else(|| panic!("{name} not found"))
}

#[test]
fn the_package_reads_without_diagnostics() {
    let Some((_, pkg, diags)) = package() else {
        return;
    };
    assert!(diags.is_empty(), "{diags:#?}");
    let count = |c: Client| pkg.operations.iter().filter(|o| o.client == c).count();
    // Every literal `url: "..."` of the client files is a generated method's, except the CAS
    // ticket helpers' and `pub`'s (123 - 2 in AuthenticationClient.ts, 497 - 1 in
    // ManagementClient.ts).
    assert_eq!(
        (count(Client::Authentication), count(Client::Management)),
        (121, 496)
    );
    assert!(pkg.models.len() > 1400, "{}", pkg.models.len());
}

#[test]
fn hand_written_helpers_are_set_aside() {
    let Some((_, pkg, _)) = package() else { return };
    let names: Vec<&str> = pkg.helpers.iter().map(|h| h.name.as_str()).collect();
    for helper in [
        "getAccessTokenByCode",
        "buildAuthorizeUrl",
        "signInByEmailPassword",
        "signUpByEmailCode",
        "sub",
        "pub",
        "makeRequest",
    ] {
        assert!(names.contains(&helper), "{helper} not set aside: {names:?}");
    }
    for generated in ["signInByCredentials", "signUp", "listModel"] {
        assert!(!names.contains(&generated), "{generated} set aside");
    }
}

#[test]
fn literal_urls_methods_and_parameters() {
    let Some((corpus, pkg, _)) = package() else {
        return;
    };
    let list = op(pkg, Client::Management, "listModel");
    assert_eq!(
        (list.method.name(), list.url.as_str()),
        ("GET", "/api/v3/metadata/list-model")
    );
    let auth = op(pkg, Client::Management, "deleteAuth");
    assert_eq!(
        (auth.method.name(), auth.url.as_str()),
        ("DELETE", "/api/v3/batch-applications-auth")
    );
    assert_eq!(auth.params.len(), 1);
    assert_eq!(auth.params[0].location, ParamIn::Query);
    assert_eq!(auth.params[0].ty, Type::Array(Box::new(Type::String)));
    let batch = op(pkg, Client::Management, "getRowBatch");
    assert_eq!(batch.url, "/get-row-batch");
    assert_eq!(
        batch.body.as_ref().and_then(|b| b.model.as_deref()),
        Some("GetRowBatchDto")
    );
    let device = op(pkg, Client::Management, "deleteDevice");
    assert_eq!(device.url, "/api/v3/delete-device-by-user");
    let link = op(pkg, Client::Authentication, "generateLinkExtIdpUrl");
    let names: Vec<&str> = link.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names[..3],
        ["ext_idp_conn_identifier", "app_id", "id_token"]
    );
    assert!(!link.params[0].optional && link.params[3].optional);
    let cred = op(pkg, Client::Authentication, "signInByCredentials");
    assert_eq!(
        cred.body.as_ref().and_then(|b| b.model.as_deref()),
        Some("SigninByCredentialsDto")
    );
    assert_eq!(cred.response.as_deref(), Some("LoginTokenRespDto"));
    assert_eq!(
        corpus.at(cred.loc).to_string(),
        "authing-node-sdk-4.0.1/src/AuthenticationClient.ts:1821"
    );
    let post = op(pkg, Client::Management, "postList");
    let page = post.params.iter().find(|p| p.name == "page").expect("page");
    assert_eq!(page.default, Some(serde_json::json!(1)));
    assert_eq!(page.description.as_deref(), Some("当前页数，从 1 开始"));
    let passkey = op(pkg, Client::Authentication, "deleteWebAuthnAdminCredential");
    let path: Vec<&str> = passkey
        .params
        .iter()
        .filter(|p| p.location == ParamIn::Path)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(path, ["credentialId", "userId", "appId"]);
}

#[test]
fn models_carry_enums_and_optional_markers() {
    let Some((_, pkg, _)) = package() else { return };
    let user = &pkg.models["UserDto"];
    let status = user
        .fields
        .iter()
        .find(|f| f.name == "status")
        .expect("status");
    assert!(!status.optional);
    let Type::Enum { name, values } = &status.ty else {
        panic!("{:?}", status.ty)
    };
    assert_eq!(name.as_deref(), Some("UserDto.status"));
    assert_eq!(values.len(), 5);
    let email = user
        .fields
        .iter()
        .find(|f| f.name == "email")
        .expect("email");
    assert!(email.optional && email.ty == Type::String);
}
