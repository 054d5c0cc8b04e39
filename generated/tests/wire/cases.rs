//! The cases, one line each: the node SDK method and its arguments, and the Rust client's
//! generated method called with the same arguments deserialized into its types.
//!
//! The node SDK fills defaults of its own for some optional query parameters (`page = 1`,
//! `withCustomData = false`, ...) and sends them; the Rust client sends only what it is given.
//! The cases pass those parameters explicitly, so that both send the same query.

use authing::TokenEndpointAuthMethod::{ClientSecretBasic, ClientSecretPost, None as NoAuth};
use serde_json::json;

use authing::runtime::Secret;

use crate::case::{Case, auth, mgmt};

/// The fake credentials both sides are configured with.
pub mod credentials {
    pub const APP_ID: &str = "wire-app-id";
    pub const APP_SECRET: &str = "wire-app-secret";
    pub const USER_TOKEN: &str = "wire-user-token";
    pub const ACCESS_KEY_ID: &str = "wire-access-key-id";
    pub const ACCESS_KEY_SECRET: &str = "wire-access-key-secret";
}
use credentials::{APP_ID, APP_SECRET};

pub fn all() -> Vec<Case> {
    let mut cases = sign_ins();
    cases.extend(shortcuts());
    cases.extend(authentication());
    cases.extend(management());
    cases
}

/// The sign-in DTO of the node shortcut `signInByEmailPassword({email, password})`.
fn email_password() -> serde_json::Value {
    json!([{"connection": "PASSWORD", "passwordPayload": {"email": "a@example.com", "password": "pw"}}])
}

/// Token endpoints, with each client authentication method. With `client_secret_post` a node
/// user puts `client_id` / `client_secret` in the body of the generated methods (the SDK's
/// sign-in shortcuts do it for them); the Rust client adds them itself, so the Rust arguments
/// leave them out.
fn sign_ins() -> Vec<Case> {
    let wechat = json!({"extIdpConnidentifier": "wechat-mobile", "connection": "wechat", "wechatPayload": {"code": "c0de"}});
    let mut wechat_post = wechat.clone();
    wechat_post["client_id"] = json!(APP_ID);
    wechat_post["client_secret"] = json!(APP_SECRET);
    let passcode = json!({"connection": "PASSCODE", "passCodePayload": {"phone": "13800000000", "passCode": "1234", "phoneCountryCode": "+86"}, "options": {"scope": "openid profile", "autoRegister": true}});
    let mut passcode_post = passcode.clone();
    passcode_post["client_id"] = json!(APP_ID);
    passcode_post["client_secret"] = json!(APP_SECRET);
    let ticket = json!({"ticket": "qr-ticket"});
    let ticket_post =
        json!({"ticket": "qr-ticket", "client_id": APP_ID, "client_secret": APP_SECRET});
    let sign_in = || {
        auth!(SignIn, "signInByCredentials", [], |c, a| c
            .sign_in_by_credentials(&a.de()?))
    };
    let mobile = || {
        auth!(SignIn, "signInByMobile", [], |c, a| c
            .sign_in_by_mobile(&a.de()?))
    };
    let exchange = || {
        auth!(SignIn, "exchangeTokenSetWithQrCodeTicket", [], |c, a| c
            .exchange_token_set_with_qr_code_ticket(&a.de()?))
    };
    let with = |mut case: Case, args: serde_json::Value| {
        case.args = args;
        case
    };
    vec![
        with(sign_in(), email_password()).with_auth(NoAuth),
        with(sign_in(), email_password()).with_auth(ClientSecretBasic),
        with(sign_in(), json!([passcode])).with_auth(NoAuth),
        with(sign_in(), json!([passcode])).with_auth(ClientSecretBasic),
        with(sign_in(), json!([passcode_post]))
            .with_auth(ClientSecretPost)
            .rust_args(json!([passcode])),
        with(mobile(), json!([wechat])).with_auth(NoAuth),
        with(mobile(), json!([wechat])).with_auth(ClientSecretBasic),
        with(mobile(), json!([wechat_post]))
            .with_auth(ClientSecretPost)
            .rust_args(json!([wechat])),
        with(exchange(), json!([ticket])).with_auth(NoAuth),
        with(exchange(), json!([ticket])).with_auth(ClientSecretBasic),
        with(exchange(), json!([ticket_post]))
            .with_auth(ClientSecretPost)
            .rust_args(json!([ticket])),
    ]
}

/// The node SDK's sign-in and sign-up shortcuts against the Rust client's
/// (`flows/shortcuts.rs`), called with the same values; the sign-ins under each client
/// authentication method.
fn shortcuts() -> Vec<Case> {
    let email_password = auth!(SignIn, "signInByEmailPassword", [{"email": "a@example.com", "password": "pw"}], |c, a| c.sign_in_by_email_password(&a.s("email")?, &Secret::new(a.s("password")?), None));
    let mut cases = vec![
        email_password.with_auth(NoAuth),
        auth!(SignIn, "signInByEmailPassword", [{"email": "a@example.com", "password": "pw"}], |c, a| c.sign_in_by_email_password(&a.s("email")?, &Secret::new(a.s("password")?), None)).with_auth(ClientSecretPost),
        auth!(SignIn, "signInByEmailPassword", [{"email": "a@example.com", "password": "pw", "options": {"clientIp": "10.0.0.1"}}], |c, a| c.sign_in_by_email_password(&a.s("email")?, &Secret::new(a.s("password")?), a.field("options")?)).with_auth(ClientSecretBasic),
        auth!(SignIn, "signInByPhonePassword", [{"phone": "13800000000", "password": "pw"}], |c, a| c.sign_in_by_phone_password(&a.s("phone")?, &Secret::new(a.s("password")?), None)).with_auth(ClientSecretPost),
        auth!(SignIn, "signInByUsernamePassword", [{"username": "alice", "password": "pw"}], |c, a| c.sign_in_by_username_password(&a.s("username")?, &Secret::new(a.s("password")?), None)).with_auth(ClientSecretPost),
        auth!(SignIn, "signInByAccountPassword", [{"account": "alice", "password": "pw"}], |c, a| c.sign_in_by_account_password(&a.s("account")?, &Secret::new(a.s("password")?), None)).with_auth(NoAuth),
        auth!(SignIn, "signInByEmailPassCode", [{"email": "a@example.com", "passCode": "1234"}], |c, a| c.sign_in_by_email_pass_code(&a.s("email")?, &Secret::new(a.s("passCode")?), None)).with_auth(ClientSecretBasic),
        auth!(SignIn, "signInByPhonePassCode", [{"phone": "13800000000", "passCode": "1234", "phoneCountryCode": "+86"}], |c, a| c.sign_in_by_phone_pass_code(&a.s("phone")?, a.field::<Option<String>>("phoneCountryCode")?.as_deref(), &Secret::new(a.s("passCode")?), None)).with_auth(ClientSecretPost),
        auth!(SignIn, "signInByPhonePassCode", [{"phone": "13800000000", "passCode": "1234"}], |c, a| c.sign_in_by_phone_pass_code(&a.s("phone")?, None, &Secret::new(a.s("passCode")?), None)).with_auth(NoAuth),
        auth!(SignIn, "signInByAD", [{"sAMAccountName": "alice", "password": "pw"}], |c, a| c.sign_in_by_ad(&a.s("sAMAccountName")?, &Secret::new(a.s("password")?), None)).with_auth(ClientSecretPost),
        auth!(SignIn, "signInByLDAP", [{"sAMAccountName": "alice", "password": "pw"}], |c, a| c.sign_in_by_ldap(&a.s("sAMAccountName")?, &Secret::new(a.s("password")?), None)).with_auth(ClientSecretBasic),
    ];
    cases.extend([
        auth!(Json, "signUpByEmailPassword", [{"email": "a@example.com", "password": "pw"}], |c, a| c.sign_up_by_email_password(&a.s("email")?, &Secret::new(a.s("password")?), None, None)),
        auth!(Json, "signUpByUsernamePassword", [{"username": "alice", "password": "pw", "profile": {"nickname": "Al"}}], |c, a| c.sign_up_by_username_password(&a.s("username")?, &Secret::new(a.s("password")?), a.field("profile")?, None)),
        auth!(Json, "signUpByEmailCode", [{"email": "a@example.com", "passCode": "1234"}], |c, a| c.sign_up_by_email_code(&a.s("email")?, &Secret::new(a.s("passCode")?), None, None)),
        auth!(Json, "signUpByPhoneCode", [{"phone": "13800000000", "passCode": "1234", "phoneCountryCode": "+86", "options": {"clientIp": "10.0.0.1", "context": {"k": "v"}}}], |c, a| c.sign_up_by_phone_code(&a.s("phone")?, a.field::<Option<String>>("phoneCountryCode")?.as_deref(), &Secret::new(a.s("passCode")?), None, a.field("options")?)),
    ]);
    cases
}

/// The authentication API with the user's access token.
fn authentication() -> Vec<Case> {
    vec![
        auth!(Query, "getProfile", [{"withCustomData": true, "withIdentities": false, "withDepartmentIds": true}], |c, a| c.get_profile(&a.de()?)),
        auth!(Query, "getLoginHistory", [{"appId": "app1", "clientIp": "10.0.0.1", "success": true, "start": 1700000000000u64, "end": 1700000900000u64, "page": 2, "limit": 20}], |c, a| c.get_login_history(&a.de()?)),
        auth!(Query, "getDepartmentList", [{"page": 1, "limit": 10, "withCustomData": false, "sortBy": "DepartmentName", "orderBy": "Asc"}], |c, a| c.get_department_list(&a.de()?)),
        auth!(Query, "getRoleList", [{"namespace": "default"}], |c, a| c.get_role_list(&a.de()?)),
        auth!(Query, "getAuthorizedResources", [{"namespace": "default", "resourceType": "API"}], |c, a| c.get_authorized_resources(&a.de()?)),
        auth!(Query, "listPublicAccountsForSwitchLoggedIn", [{"withOriginUser": true}], |c, a| c.list_public_accounts_for_switch_logged_in(&a.de()?)),
        auth!(Query, "getFactor", [{"factorId": "factor-1"}], |c, a| c.get_factor(&a.s("factorId")?)),
        auth!(Query, "checkQrCodeStatus", [{"qrcodeId": "qr 1/2"}], |c, a| c.check_qr_code_status(&a.s("qrcodeId")?)),
        auth!(Query, "getAlipayAuthInfo", [{"extIdpConnidentifier": "alipay"}], |c, a| c.get_alipay_auth_info(&a.s("extIdpConnidentifier")?)),
        auth!(NoArgs, "getIdentities", [], |c, _a| c.get_identities()),
        auth!(NoArgs, "getSystemInfo", [], |c, _a| c.get_system_info()),
        auth!(NoArgs, "getCountryList", [], |c, _a| c.get_country_list()),
        auth!(NoArgs, "getLoggedInApps", [], |c, _a| c
            .get_logged_in_apps()),
        auth!(Json, "updateProfile", [{"nickname": "Al", "gender": "M", "customData": {"level": 3, "tags": ["a", "b"]}}], |c, a| c.update_profile(&a.de()?)),
        auth!(Json, "sendSms", [{"channel": "CHANNEL_LOGIN", "phoneNumber": "13800000000", "phoneCountryCode": "+86"}], |c, a| c.send_sms(&a.de()?)),
        auth!(Json, "sendEmail", [{"channel": "CHANNEL_RESET_PASSWORD", "email": "a@example.com"}], |c, a| c.send_email(&a.de()?)),
        auth!(Json, "bindEmail", [{"passCode": "1234", "email": "a@example.com"}], |c, a| c.bind_email(&a.de()?)),
        auth!(Json, "updatePassword", [{"newPassword": "n3w", "oldPassword": "0ld"}], |c, a| c.update_password(&a.de()?)),
        auth!(Json, "checkPermissionByStringResource", [{"resources": ["book:1", "book:2"], "action": "read"}], |c, a| c.check_permission_by_string_resource(&a.de()?)),
        auth!(Json, "geneQrCode", [{"type": "MOBILE_APP", "autoMergeQrCode": false, "customData": {"k": "v"}}], |c, a| c.gene_qr_code(&a.de()?)),
        auth!(Nested, "list", [{"page": 1, "limit": 10}], |c, a| c.list(&a.de()?)),
        auth!(Nested, "unbind", [{"deviceId": "d1"}], |c, a| c.unbind(&a.de()?)),
        auth!(Nested, "revoke", [{"deviceId": "d1"}], |c, a| c.revoke(&a.de()?)),
        auth!(Nested, "initAuthenticationOptions", [], |c, _a| c
            .init_authentication_options()),
        auth!(Nested, "initRegisterOptions", [], |c, _a| c
            .init_register_options()),
    ]
}

/// The management API.
fn management() -> Vec<Case> {
    vec![
        mgmt!(Query, "getUser", [{"userId": "u1", "userIdType": "user_id", "flatCustomData": false, "withCustomData": true, "withPost": false, "withIdentities": true, "withDepartmentIds": false}], |c, a| c.get_user(&a.s("userId")?, &a.de()?)),
        mgmt!(Query, "getUserRoles", [{"userId": "u1", "userIdType": "phone", "namespace": "default"}], |c, a| c.get_user_roles(&a.s("userId")?, &a.de()?)),
        mgmt!(Query, "listRoles", [{"page": 1, "limit": 10, "keywords": "admin", "namespace": "default"}], |c, a| c.list_roles(&a.de()?)),
        mgmt!(Query, "getApplication", [{"appId": "app-1"}], |c, a| c.get_application(&a.s("appId")?)),
        mgmt!(ArrayQuery, "getUserBatch", [{"userIds": ["u1", "u 2"], "userIdType": "user_id", "withCustomData": false, "flatCustomData": false, "withIdentities": false, "withDepartmentIds": false}], |c, a| c.get_user_batch(&a.field::<Vec<String>>("userIds")?, &a.de()?)),
        mgmt!(ArrayQuery, "getNamespacesBatch", [{"codeList": ["ns1", "ns2", "ns3"]}], |c, a| c.get_namespaces_batch(&a.field::<Vec<String>>("codeList")?)),
        mgmt!(Json, "listUsers", [{"keywords": "al", "options": {"pagination": {"page": 2, "limit": 50}, "withCustomData": true, "fuzzySearchOn": ["email", "phone"]}}], |c, a| c.list_users(&a.de()?)),
        mgmt!(Json, "createRole", [{"code": "editor", "name": "Editor", "namespace": "default", "description": "edits"}], |c, a| c.create_role(&a.de()?)),
        mgmt!(Json, "assignRole", [{"code": "editor", "namespace": "default", "targets": [{"targetType": "USER", "targetIdentifier": "u1"}], "enableTime": 1700000000000u64}], |c, a| c.assign_role(&a.de()?)),
        mgmt!(Json, "addGroupMembers", [{"code": "g1", "userIds": ["u1", "u2"]}], |c, a| c.add_group_members(&a.de()?)),
        mgmt!(Query, "getRole", [{"code": "editor", "namespace": "default"}], |c, a| c.get_role(&a.s("code")?, &a.de()?)),
        mgmt!(Query, "getGroup", [{"code": "g1", "withCustomData": true}], |c, a| c.get_group(&a.s("code")?, &a.de()?)),
        mgmt!(Query, "listGroups", [{"keywords": "eng", "page": 3, "limit": 25, "withMetadata": true, "withCustomData": false, "flatCustomData": false}], |c, a| c.list_groups(&a.de()?)),
        mgmt!(Query, "getUserGroups", [{"userId": "u1", "userIdType": "user_id"}], |c, a| c.get_user_groups(&a.s("userId")?, &a.de()?)),
        mgmt!(Query, "getUserDepartments", [{"userId": "u1", "userIdType": "user_id", "page": 1, "limit": 10, "withCustomData": false, "withDepartmentPaths": true, "sortBy": "JoinDepartmentAt", "orderBy": "Desc"}], |c, a| c.get_user_departments(&a.s("userId")?, &a.de()?)),
        mgmt!(Query, "getUserLoginHistory", [{"userId": "u1", "userIdType": "email", "appId": "app1", "clientIp": "::1", "start": 1700000000000u64, "end": 1700000900000u64, "page": 1, "limit": 10}], |c, a| c.get_user_login_history(&a.s("userId")?, &a.de()?)),
        mgmt!(Query, "getUserAuthorizedResources", [{"userId": "u1", "userIdType": "user_id", "namespace": "default", "resourceType": "MENU"}], |c, a| c.get_user_authorized_resources(&a.s("userId")?, &a.de()?)),
        mgmt!(Query, "getDepartment", [{"organizationCode": "org", "departmentId": "d1", "departmentIdType": "department_id", "withCustomData": false, "flatCustomData": false, "tenantId": "t1"}], |c, a| c.get_department(&a.de()?)),
        mgmt!(Query, "listDepartmentMembers", [{"organizationCode": "org", "departmentId": "root", "sortBy": "Username", "orderBy": "Asc", "departmentIdType": "department_id", "includeChildrenDepartments": true, "page": 1, "limit": 50, "withCustomData": false, "withIdentities": false, "withDepartmentIds": false}], |c, a| c.list_department_members(&a.s("organizationCode")?, &a.s("departmentId")?, &a.de()?)),
        mgmt!(Query, "listChildrenDepartments", [{"organizationCode": "org", "departmentId": "root", "status": true, "departmentIdType": "department_id", "excludeVirtualNode": false, "onlyVirtualNode": false, "withCustomData": false}], |c, a| c.list_children_departments(&a.s("organizationCode")?, &a.s("departmentId")?, &a.de()?)),
        mgmt!(Query, "listApplications", [{"page": 1, "limit": 10, "isIntegrateApp": false, "isSelfBuiltApp": true, "ssoEnabled": false, "keywords": "portal"}], |c, a| c.list_applications(&a.de()?)),
        mgmt!(Query, "listWebhooks", [{"page": 2, "limit": 5}], |c, a| c.list_webhooks(&a.de()?)),
        mgmt!(Query, "getWebhook", [{"webhookId": "w1"}], |c, a| c.get_webhook(&a.s("webhookId")?)),
        mgmt!(Query, "listTenants", [{"keywords": "acme", "withMembersCount": true, "withAppDetail": false, "page": "1", "limit": "10"}], |c, a| c.list_tenants(&a.de()?)),
        mgmt!(Query, "listExtIdp", [{"tenantId": "t1", "appId": "app1"}], |c, a| c.list_ext_idp(&a.de()?)),
        mgmt!(Query, "getCustomFields", [{"targetType": "USER", "tenantId": "t1"}], |c, a| c.get_custom_fields(&a.field("targetType")?, &a.de()?)),
        mgmt!(Query, "listSyncJobLogs", [{"syncJobId": 42, "page": 1, "limit": 10, "success": false, "action": "CreateUser", "objectType": "USER"}], |c, a| c.list_sync_job_logs(a.field("syncJobId")?, &a.de()?)),
        mgmt!(Query, "listNamespaces", [{"page": 1, "limit": 10, "keywords": "default"}], |c, a| c.list_namespaces(&a.de()?)),
        mgmt!(Query, "listResources", [{"namespace": "default", "type": "API", "page": 1, "limit": 10}], |c, a| c.list_resources(&a.de()?)),
        mgmt!(Query, "listDataPolices", [{"page": 1, "limit": 10, "query": "policy"}], |c, a| c.list_data_polices(&a.de()?)),
        mgmt!(ArrayQuery, "getOrganizationsBatch", [{"organizationCodeList": ["org1", "org2"], "withCustomData": false, "withPost": false, "tenantId": "t1"}], |c, a| c.get_organizations_batch(&a.field::<Vec<String>>("organizationCodeList")?, &a.de()?)),
        mgmt!(ArrayQuery, "getPermissionNamespacesBatch", [{"codes": ["a", "b"]}], |c, a| c.get_permission_namespaces_batch(&a.field::<Vec<String>>("codes")?)),
        mgmt!(ArrayQuery, "getResourcesBatch", [{"codeList": ["r1", "r2"], "namespace": "default"}], |c, a| c.get_resources_batch(&a.field::<Vec<String>>("codeList")?, &a.de()?)),
        mgmt!(ArrayQuery, "getPublicAccountBatch", [{"userIds": ["p1", "p2"], "userIdType": "user_id", "withCustomData": false, "withDepartmentIds": false}], |c, a| c.get_public_account_batch(&a.field::<Vec<String>>("userIds")?, &a.de()?)),
        mgmt!(ArrayQuery, "getAuthorizedResources", [{"targetType": "ROLE", "targetIdentifier": "editor", "namespace": "default", "resourceType": "DATA", "resourceList": ["books", "users"], "withDenied": false}], |c, a| c.get_authorized_resources(&a.field("targetType")?, &a.s("targetIdentifier")?, &a.de()?)),
        mgmt!(ArrayQuery, "listSyncRiskOperations", [{"syncTaskId": 7, "page": 1, "limit": 10, "status": ["PENDING", "FAILED"], "objectType": ["USER"]}], |c, a| c.list_sync_risk_operations(a.field("syncTaskId")?, &a.de()?)),
        mgmt!(Json, "createUser", [{"email": "a@example.com", "username": "alice", "gender": "F", "emailVerified": true, "customData": {"level": 1}, "password": "pw"}], |c, a| c.create_user(&a.de()?)),
        mgmt!(Json, "updateUser", [{"userId": "u1", "nickname": "Al", "phone": "13800000000", "phoneCountryCode": "+86"}], |c, a| c.update_user(&a.de()?)),
        mgmt!(Json, "deleteUsersBatch", [{"userIds": ["u1", "u2"], "options": {"userIdType": "user_id"}}], |c, a| c.delete_users_batch(&a.de()?)),
        mgmt!(Json, "createGroup", [{"type": "static", "description": "d", "name": "Eng", "code": "eng"}], |c, a| c.create_group(&a.de()?)),
        mgmt!(Json, "createDepartment", [{"organizationCode": "org", "name": "R&D", "parentDepartmentId": "root", "metadata": {}, "code": "rd", "isVirtualNode": false, "postIdList": ["p1"]}], |c, a| c.create_department(&a.de()?)),
        mgmt!(Json, "setCustomData", [{"targetType": "USER", "targetIdentifier": "u1", "list": [{"key": "school", "value": "x"}]}], |c, a| c.set_custom_data(&a.de()?)),
        mgmt!(Json, "authorizeResources", [{"namespace": "default", "list": [{"targetType": "ROLE", "targetIdentifiers": ["editor"], "resources": [{"code": "books", "actions": ["read"], "resourceType": "DATA"}]}]}], |c, a| c.authorize_resources(&a.de()?)),
        mgmt!(Json, "createNamespace", [{"code": "ns1", "name": "NS 1", "description": "d"}], |c, a| c.create_namespace(&a.de()?)),
        mgmt!(Query, "listTenants", [{"keywords": "acme", "withCreatorDetail": true, "withSourceAppDetail": true, "source": "console", "page": "1", "limit": "10"}], |c, a| c.list_tenants(&a.de()?)),
        mgmt!(Nested, "listField", [{"modelId": "m1", "from": "console"}], |c, a| c.list_field(&a.s("modelId")?, &a.s("from")?)),
        mgmt!(Nested, "getRowBatch", [{"modelId": "m1", "rowIds": ["r1", "r2"]}], |c, a| c.get_row_batch(&a.de()?)),
        mgmt!(Nested, "listModel", [], |c, _a| c.list_model()),
        mgmt!(Nested, "getModel", [{"id": "m1"}], |c, a| c.get_model(&a.s("id")?)),
        mgmt!(Nested, "getRow", [{"modelId": "m1", "rowId": "r1", "showFieldId": "false"}], |c, a| c.get_row(&a.s("modelId")?, &a.s("rowId")?, &a.s("showFieldId")?)),
        mgmt!(Nested, "createRow", [{"modelId": "m1", "data": {"title": "t", "count": 2}}], |c, a| c.create_row(&a.de()?)),
        mgmt!(Nested, "listRow", [{"modelId": "m1", "keywords": "k", "page": 1, "limit": 10, "fetchAll": false}], |c, a| c.list_row(&a.de()?)),
        mgmt!(Nested, "removeRow", [{"modelId": "m1", "rowIdList": ["r1", "r2"], "recursive": true}], |c, a| c.remove_row(&a.de()?)),
        mgmt!(Nested, "listPermissionView", [{"page": 1, "limit": 10, "keyword": "k"}], |c, a| c.list_permission_view(&a.de()?)),
        mgmt!(ArrayQuery, "deleteAuth", [["auth1", "auth2"]], |c, a| c
            .delete_auth(&a.at::<Vec<String>>(0)?)),
    ]
}
