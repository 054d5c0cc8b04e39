//! The Python package (`../shared/sdks/genauth-python-5.1.0`) read by the Python witness: every
//! generated method found, the hand-written helpers set aside, facts checked by hand.
//!
//! Without `../shared` these tests print a skip, except under CI (`CI=true`), where they fail.

use std::sync::OnceLock;

use authing_reconstruct::corpus::Corpus;
use authing_reconstruct::diagnostic::Diagnostics;
use authing_reconstruct::model::{Client, ParamIn};
use authing_reconstruct::sdks::{self, Operation, Package, Type, Witness};
use xtask::workspace;

fn package() -> Option<&'static (Package, Vec<String>)> {
    static PACKAGE: OnceLock<Option<(Package, Vec<String>)>> = OnceLock::new();
    PACKAGE
        .get_or_init(|| {
            let roots = workspace::shared_dirs_or_skip(
                &["sdks/genauth-python-5.1.0"],
                "Python package tests",
            )?;
            let mut corpus = Corpus::default();
            authing_reconstruct::read::sdks(&mut corpus, &roots).expect("package loads");
            let mut diags = Diagnostics::default();
            let mut pkgs = sdks::read(&corpus, &mut diags);
            assert_eq!(pkgs.len(), 1);
            assert_eq!(pkgs[0].witness, Witness::Python);
            let rendered = diags
                .sorted()
                .into_iter()
                .map(|d| Diagnostics::render(&corpus, d))
                .collect();
            Some((pkgs.remove(0), rendered))
        })
        .as_ref()
}

fn op<'a>(pkg: &'a Package, client: Client, name: &str) -> &'a Operation {
    pkg.operations
        .iter()
        .find(|o| o.client == client && o.name == name)
        .unwrap_or_else(|| panic!("{name} not read"))
}

fn ty(t: &Type) -> &'static str {
    match t {
        Type::String => "str",
        Type::Integer => "int",
        Type::Number => "float",
        Type::Boolean => "bool",
        Type::Array(_) => "list",
        _ => "-",
    }
}

/// `METHOD url | name:in:type[?], ...` of an operation (`in` is path, query, body or form).
fn render(o: &Operation) -> String {
    let mut args: Vec<String> = o
        .params
        .iter()
        .map(|p| {
            let at = match p.location {
                ParamIn::Path => "path",
                ParamIn::Query => "query",
            };
            format!(
                "{}:{at}:{}{}",
                p.name,
                ty(&p.ty),
                if p.optional { "?" } else { "" }
            )
        })
        .collect();
    if let Some(b) = &o.body {
        let at = if b.form { "form" } else { "body" };
        args.extend(b.fields.iter().map(|f| {
            format!(
                "{}:{at}:{}{}",
                f.name,
                ty(&f.ty),
                if f.optional { "?" } else { "" }
            )
        }));
    }
    format!("{} {} | {}", o.method.name(), o.url, args.join(", "))
}

#[test]
fn every_generated_method_is_read_and_the_helpers_are_set_aside() {
    let Some((pkg, _)) = package() else { return };
    let count = |c: Client| pkg.operations.iter().filter(|m| m.client == c).count();
    assert_eq!(count(Client::Authentication), 85);
    assert_eq!(count(Client::Management), 350);
    let helpers = |c: Client| -> Vec<&str> {
        pkg.helpers
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
    let Some((_, diagnostics)) = package() else {
        return;
    };
    assert_eq!(
        *diagnostics,
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
    let Some((pkg, _)) = package() else { return };
    for (client, name, expected) in [
        (
            Client::Management,
            "get_row",
            "GET /api/v3/metadata/get-row | modelId:query:str, rowId:query:str, showFieldId:query:str",
        ),
        (
            Client::Management,
            "get_row_batch",
            "POST /get-row-batch | rowIds:body:list, modelId:body:str",
        ),
        (
            Client::Management,
            "delete_by_id",
            "DELETE /api/v3/ip-list/{id} | id:path:str",
        ),
        (
            Client::Management,
            "get_webhook_logs",
            "POST /api/v3/get-webhook-logs | webhookId:body:str, page:body:int?, limit:body:int?",
        ),
        (
            Client::Authentication,
            "generate_link_ext_idp_url",
            "GET /api/v3/generate-link-extidp-url | ext_idp_conn_identifier:query:str, app_id:query:str, id_token:query:str",
        ),
        (
            Client::Authentication,
            "remove_credential",
            "POST /api/v3/webauthn/remove-credential/{credentialID} | credentialID:path:-",
        ),
    ] {
        assert_eq!(render(op(pkg, client, name)), expected, "{name}");
    }
    let o = op(pkg, Client::Management, "list_row");
    assert_eq!(
        o.summary.as_deref(),
        Some("Advanced Search for Data Objects")
    );
    let body = o.body.as_ref().expect("a JSON body");
    let conjunction = body
        .fields
        .iter()
        .find(|f| f.name == "conjunction")
        .unwrap();
    assert_eq!(
        conjunction.description.as_deref(),
        Some("The relationship between multiple search conditions:\n- and: and\n- or: or")
    );
}

#[test]
fn english_texts_and_whole_numbers() {
    let Some((pkg, _)) = package() else { return };
    let mut args: Vec<(&Type, &Option<String>)> = Vec::new();
    for o in &pkg.operations {
        args.extend(o.params.iter().map(|p| (&p.ty, &p.description)));
        if let Some(b) = &o.body {
            args.extend(b.fields.iter().map(|f| (&f.ty, &f.description)));
        }
    }
    assert_eq!(args.len(), 1503);
    assert_eq!(
        args.iter().filter(|(t, _)| **t == Type::Integer).count(),
        130
    );
    assert_eq!(args.iter().filter(|(_, d)| d.is_some()).count(), 1491);
    let ops = &pkg.operations;
    assert_eq!(ops.iter().filter(|o| o.summary.is_some()).count(), 435);
    assert_eq!(ops.iter().filter(|o| o.description.is_some()).count(), 431);
}
