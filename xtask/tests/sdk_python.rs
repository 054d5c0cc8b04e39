//! The Python package (`../shared/sdks/genauth-python-5.1.0`) read by the Python witness: every
//! generated method found, the hand-written helpers set aside, facts checked by hand.
//!
//! Without `../shared` these tests print a skip, except under CI (`CI=true`), where they fail.

use std::sync::OnceLock;

use authing_reconstruct::corpus::Corpus;
use authing_reconstruct::diagnostic::Diagnostics;
use authing_reconstruct::model::Client;
use authing_reconstruct::sdks::python::{self, Method, Package};
use xtask::workspace;

struct Read {
    corpus: Corpus,
    package: Package,
    diagnostics: Vec<String>,
}

fn read() -> Option<&'static Read> {
    static READ: OnceLock<Option<Read>> = OnceLock::new();
    READ.get_or_init(|| {
        let dirs = workspace::shared_dirs_or_skip(
            &["sdks/genauth-python-5.1.0/genauth"],
            "Python package tests",
        )?;
        let mut corpus = Corpus::default();
        let mut diags = Diagnostics::default();
        let mut package = Package::default();
        for file in ["AuthenticationClient.py", "ManagementClient.py"] {
            let text = std::fs::read_to_string(dirs[0].join(file)).expect("readable");
            let id = corpus.push(
                "genauth-python-5.1.0".into(),
                format!("genauth/{file}"),
                text,
            );
            let p = python::read(&corpus, id, &mut diags);
            package.methods.extend(p.methods);
            package.helpers.extend(p.helpers);
        }
        let diagnostics = diags
            .sorted()
            .into_iter()
            .map(|d| Diagnostics::render(&corpus, d))
            .collect();
        Some(Read {
            corpus,
            package,
            diagnostics,
        })
    })
    .as_ref()
}

fn method<'r>(r: &'r Read, client: Client, name: &str) -> &'r Method {
    r.package
        .methods
        .iter()
        .find(|m| m.client == client && m.name == name)
        .unwrap_or_else(|| panic!("{name} not read"))
}

/// `METHOD url | wire:in:type:required, ...` of a method.
fn render(m: &Method) -> String {
    let args: Vec<String> = m
        .args
        .iter()
        .map(|a| {
            format!(
                "{}:{}:{}{}",
                a.wire,
                a.location.name(),
                a.ty.as_ref().map_or("-", |t| t.word()),
                if a.required { ":req" } else { "" }
            )
        })
        .collect();
    format!("{} {} | {}", m.http_method, m.url, args.join(", "))
}

#[test]
fn every_generated_method_is_read_and_the_helpers_are_set_aside() {
    let Some(r) = read() else { return };
    let count = |c: Client| r.package.methods.iter().filter(|m| m.client == c).count();
    assert_eq!(count(Client::Authentication), 85);
    assert_eq!(count(Client::Management), 350);
    let helpers = |c: Client| -> Vec<&str> {
        r.package
            .helpers
            .iter()
            .filter(|h| h.client == c && !h.name.starts_with('_'))
            .map(|h| h.name.as_str())
            .collect()
    };
    assert_eq!(
        helpers(Client::Authentication),
        [
            "set_access_token",
            "get_access_token_by_code",
            "get_access_token_by_client_credentials",
            "get_user_info_by_access_token",
            "build_authorize_url",
            "generate_code_challenge",
            "generate_code_challenge_digest",
            "build_logout_url",
            "get_new_access_token_by_refresh_token",
            "revoke_token",
            "introspect_token",
            "introspect_token_offline",
            "validate_ticket_v1",
            "sign_in_by_email_password",
            "sign_in_by_phone_password",
            "sign_in_by_username_password",
            "sign_in_by_account_password",
            "sign_in_by_email_passcode",
            "sign_in_by_phone_passcode",
            "sign_in_by_ldap",
            "sign_in_by_ad",
            "sign_up_by_email_password",
            "sign_up_by_username_password",
            "sign_up_by_email_passcode",
            "sign_up_by_phone_passcode",
            "sub_event",
            "put_event",
        ]
    );
    // two dead first definitions (their docstrings swallowed the code of other methods)
    assert_eq!(
        helpers(Client::Management),
        [
            "get_user_resource_struct",
            "check_user_same_level_permission",
            "sub_event",
            "put_event"
        ]
    );
}

#[test]
fn the_package_defects_are_reported() {
    let Some(r) = read() else { return };
    assert_eq!(
        r.diagnostics,
        [
            "genauth-python-5.1.0/genauth/AuthenticationClient.py:2593: warning: Python method `remove_credential`: the URL names `{credentialID}`, which no parameter fills (the package sends it literally)",
            "genauth-python-5.1.0/genauth/AuthenticationClient.py:2604: warning: Python method `verify_mfa_token`: docstring documents `token`, which the request does not send",
            "genauth-python-5.1.0/genauth/ManagementClient.py:8095: warning: Python method `get_user_resource_struct` is defined again at line 8150; this definition is dead code",
            "genauth-python-5.1.0/genauth/ManagementClient.py:8418: warning: Python method `check_user_same_level_permission` is defined again at line 8473; this definition is dead code",
        ]
    );
}

#[test]
fn facts_checked_by_hand() {
    let Some(r) = read() else { return };
    for (client, name, expected) in [
        (
            Client::Management,
            "get_row",
            "GET /api/v3/metadata/get-row | modelId:query:str:req, rowId:query:str:req, showFieldId:query:str:req",
        ),
        (
            Client::Management,
            "get_row_batch",
            "POST /get-row-batch | rowIds:body:list:req, modelId:body:str:req",
        ),
        (
            Client::Management,
            "delete_by_id",
            "DELETE /api/v3/ip-list/{id} | id:path:str:req",
        ),
        (
            Client::Management,
            "get_webhook_logs",
            "POST /api/v3/get-webhook-logs | webhookId:body:str:req, page:body:int, limit:body:int",
        ),
        (
            Client::Authentication,
            "generate_link_ext_idp_url",
            "GET /api/v3/generate-link-extidp-url | ext_idp_conn_identifier:query:str:req, app_id:query:str:req, id_token:query:str:req",
        ),
        (
            Client::Authentication,
            "remove_credential",
            "POST /api/v3/webauthn/remove-credential/{credentialID} | credentialID:path:-:req",
        ),
    ] {
        assert_eq!(render(method(r, client, name)), expected, "{name}");
    }
    let m = method(r, Client::Management, "list_row");
    assert_eq!(m.summary, "Advanced Search for Data Objects");
    let conjunction = m.args.iter().find(|a| a.wire == "conjunction").unwrap();
    assert_eq!(
        conjunction.description,
        "The relationship between multiple search conditions:\n- and: and\n- or: or"
    );
    let _ = &r.corpus;
}

#[test]
fn english_texts_and_whole_numbers() {
    let Some(r) = read() else { return };
    let args: Vec<_> = r.package.methods.iter().flat_map(|m| &m.args).collect();
    assert_eq!(args.len(), 1503);
    let count = |f: &dyn Fn(&&python::Arg) -> bool| args.iter().filter(|a| f(a)).count();
    assert_eq!(count(&|a| a.ty.is_some()), 1493);
    assert_eq!(count(&|a| a.ty == Some(python::PyType::Int)), 130);
    assert_eq!(count(&|a| !a.description.is_empty()), 1491);
    let methods = &r.package.methods;
    assert_eq!(
        methods.iter().filter(|m| !m.summary.is_empty()).count(),
        435
    );
    assert_eq!(
        methods.iter().filter(|m| !m.description.is_empty()).count(),
        431
    );
}
