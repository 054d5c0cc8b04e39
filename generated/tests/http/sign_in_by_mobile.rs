//! `sign_in_by_mobile` (seeds 000 / 001) for every one of its 30 connections: the exact JSON that
//! arrives, and the tokens back; one-click login (seed 002) through the `yidun` connection.

use authing::generated::authentication::{
    SignInByAlipayPayloadDto as Alipay, SignInByAmazonPayloadDto as Amazon,
    SignInByApplePayloadDto as Apple, SignInByBaiduPayloadDto as Baidu,
    SignInByDingTalkPayloadDto as DingTalk, SignInByDouyinPayloadDto as Douyin,
    SignInByFacebookPayloadDto as Facebook, SignInByGiteePayloadDto as Gitee,
    SignInByGithubPayloadDto as Github, SignInByGitlabPayloadDto as Gitlab,
    SignInByGooglePayloadDto as Google, SignInByHuaweiPayloadDto as Huawei,
    SignInByKuaishouPayloadDto as Kuaishou, SignInByLarkBlockPayloadDto as LarkBlock,
    SignInByLarkInternalPayloadDto as LarkInternal, SignInByLarkPublicPayloadDto as LarkPublic,
    SignInByLinePayloadDto as Line, SignInByLinkedInPayloadDto as LinkedIn,
    SignInByMobileOptionsDto, SignInByOppoPayloadDto as Oppo, SignInByQqPayloadDto as Qq,
    SignInBySlackPayloadDto as Slack,
    SignInByWechatMiniProgramCodeAndPhonePayloadDto as MiniProgramCodeAndPhone,
    SignInByWechatMiniProgramCodePayloadDto as MiniProgramCode,
    SignInByWechatMiniProgramPhoneInfoPayloadDto as PhoneInfo,
    SignInByWechatMiniProgramPhonePayloadDto as MiniProgramPhone,
    SignInByWechatPayloadDto as Wechat, SignInByWechatworkAgencyPayloadDto as WechatworkAgency,
    SignInByWechatworkDto as Wechatwork, SignInByWeiboPayloadDto as Weibo,
    SignInByXiaomiPayloadDto as Xiaomi, SignInByYidunPayloadDto as Yidun, SigninByMobileDto,
    SigninByMobileDtoConnection as C,
};
use authing::{AuthenticationClient, TokenEndpointAuthMethod};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

use crate::support::{
    APP_ID, APP_SECRET, Seen, authentication_client, envelope, header, only_request, received_on,
};

const PATH: &str = "/api/v3/signin-by-mobile";

/// A server answering sign-ins with the tokens of the docs' example.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    let tokens = json!({
        "scope": "openid profile",
        "access_token": "eyJhbGciOiJSxxxxx",
        "id_token": "eyJhbGxxxx",
        "refresh_token": "WPsGJbvpBjqXz6IJIr1UHKyrdVF",
        "token_type": "bearer",
        "expire_in": 7200
    });
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(envelope(tokens))
        .mount(&server)
        .await;
    server
}

fn s(text: &str) -> String {
    text.to_owned()
}

/// Signs in through `connection` with `client_secret_post` and checks that exactly `wire` (the
/// connection value and its payload) arrives with the common fields, and the tokens come back.
async fn check(server: &MockServer, client: &AuthenticationClient, connection: C, wire: Value) {
    // The constructor takes the required fields; the runtime fills the client credentials.
    let body = SigninByMobileDto::new("idp-conn-1", connection);
    let tokens = client.sign_in_by_mobile(&body).await.expect("tokens");
    assert_eq!(tokens.access_token.as_deref(), Some("eyJhbGciOiJSxxxxx"));
    assert_eq!(
        (tokens.token_type.as_str(), tokens.expire_in),
        ("bearer", 7200.0)
    );
    let mut expected = json!({"extIdpConnidentifier": "idp-conn-1", "client_id": APP_ID, "client_secret": APP_SECRET});
    expected
        .as_object_mut()
        .unwrap()
        .extend(wire.as_object().unwrap().clone());
    let requests = received_on(server, PATH).await;
    let request = requests.last().expect("a request");
    assert_eq!(Seen::of(request), Seen::post(PATH, expected));
}

#[tokio::test]
async fn every_connection_sends_its_payload_under_its_own_field() {
    let server = server().await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let c = |code: &str| Some(s(code));
    #[rustfmt::skip]
    let cases = [
        (C::Apple(Apple { code: c("a1") }), json!({"connection": "apple", "applePayload": {"code": "a1"}})),
        (C::Wechat(Wechat { code: c("w1") }), json!({"connection": "wechat", "wechatPayload": {"code": "w1"}})),
        (C::Alipay(Alipay { code: c("al") }), json!({"connection": "alipay", "alipayPayload": {"code": "al"}})),
        (C::Wechatwork(Wechatwork { code: c("ww") }), json!({"connection": "wechatwork", "wechatworkPayload": {"code": "ww"}})),
        (C::WechatworkAgency(WechatworkAgency { code: c("wa") }), json!({"connection": "wechatwork_agency", "wechatworkAgencyPayload": {"code": "wa"}})),
        (C::LarkInternal(LarkInternal { code: c("li") }), json!({"connection": "lark_internal", "larkInternalPayload": {"code": "li"}})),
        (C::LarkPublic(LarkPublic { code: c("lp") }), json!({"connection": "lark_public", "larkPublicPayload": {"code": "lp"}})),
        (C::LarkBlock(LarkBlock { code: None }), json!({"connection": "lark_block", "larkBlockPayload": {}})),
        (C::Yidun(Yidun { token: c("t"), access_token: c("at") }), json!({"connection": "yidun", "yidunPayload": {"token": "t", "accessToken": "at"}})),
        (C::WechatMiniProgramCode(MiniProgramCode { code: s("mc"), encrypted_data: None, iv: c("iv") }), json!({"connection": "wechat_mini_program_code", "wechatMiniProgramCodePayload": {"code": "mc", "iv": "iv"}})),
        (C::WechatMiniProgramPhone(MiniProgramPhone { code: s("mp"), encrypted_data: s("ed"), iv: s("iv") }), json!({"connection": "wechat_mini_program_phone", "wechatMiniProgramPhonePayload": {"code": "mp", "encryptedData": "ed", "iv": "iv"}})),
        (C::WechatMiniProgramCodeAndPhone(MiniProgramCodeAndPhone { wx_login_info: MiniProgramCode { code: s("l"), encrypted_data: c("e"), iv: None }, wx_phone_info: PhoneInfo { code: s("p") } }), json!({"connection": "wechat_mini_program_code_and_phone", "wechatMiniProgramCodeAndPhonePayload": {"wxLoginInfo": {"code": "l", "encryptedData": "e"}, "wxPhoneInfo": {"code": "p"}}})),
        (C::Google(Google { code: s("g") }), json!({"connection": "google", "googlePayload": {"code": "g"}})),
        (C::Facebook(Facebook { access_token: s("fb") }), json!({"connection": "facebook", "facebookPayload": {"access_token": "fb"}})),
        (C::Qq(Qq { access_token: s("qq") }), json!({"connection": "qq", "qqPayload": {"access_token": "qq"}})),
        (C::Weibo(Weibo { access_token: s("wb") }), json!({"connection": "weibo", "weiboPayload": {"access_token": "wb"}})),
        (C::Baidu(Baidu { code: c("bd"), access_token: None }), json!({"connection": "baidu", "baiduPayload": {"code": "bd"}})),
        (C::Linkedin(LinkedIn { code: s("in") }), json!({"connection": "linkedin", "linkedInPayload": {"code": "in"}})),
        (C::Dingtalk(DingTalk { code: s("dt"), is_sns_code: Some(true) }), json!({"connection": "dingtalk", "dingTalkPayload": {"code": "dt", "isSnsCode": true}})),
        (C::Github(Github { code: s("gh") }), json!({"connection": "github", "githubPayload": {"code": "gh"}})),
        (C::Gitee(Gitee { code: s("ge") }), json!({"connection": "gitee", "giteePayload": {"code": "ge"}})),
        (C::Gitlab(Gitlab { code: s("gl") }), json!({"connection": "gitlab", "gitlabPayload": {"code": "gl"}})),
        (C::Douyin(Douyin { code: s("dy") }), json!({"connection": "douyin", "douyinPayload": {"code": "dy"}})),
        (C::Kuaishou(Kuaishou { code: s("ks") }), json!({"connection": "kuaishou", "kuaishouPayload": {"code": "ks"}})),
        (C::Xiaomi(Xiaomi { code: s("mi") }), json!({"connection": "xiaomi", "xiaomiPayload": {"code": "mi"}})),
        (C::Line(Line { access_token: s("ln"), id_token: c("id") }), json!({"connection": "line", "linePayload": {"access_token": "ln", "id_token": "id"}})),
        (C::Slack(Slack { code: s("sl") }), json!({"connection": "slack", "slackPayload": {"code": "sl"}})),
        (C::Oppo(Oppo { code: s("op") }), json!({"connection": "oppo", "oppoPayload": {"code": "op"}})),
        (C::Huawei(Huawei { code: s("hw") }), json!({"connection": "huawei", "huaweiPayload": {"code": "hw"}})),
        (C::Amazon(Amazon { access_token: s("am") }), json!({"connection": "amazon", "amazonPayload": {"access_token": "am"}})),
    ];
    let connections: std::collections::BTreeSet<_> = cases
        .iter()
        .map(|(_, wire)| wire["connection"].to_string())
        .collect();
    assert_eq!(connections.len(), 30, "every connection once");
    for (connection, wire) in cases {
        check(&server, &client, connection, wire).await;
    }
}

#[tokio::test]
async fn a_connection_the_spec_does_not_know_is_sent_with_its_fields() {
    // The node SDK already has `douyin_mini_program_code`; the spec does not.
    let server = server().await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let wire = json!({
        "connection": "douyin_mini_program_code",
        "douyinMiniProgramCodePayload": {"code": "dm", "anonymousCode": "an"}
    });
    let mut fields = wire.as_object().unwrap().clone();
    fields.remove("connection");
    let connection = C::Other {
        value: s("douyin_mini_program_code"),
        fields,
    };
    assert_eq!(connection.as_str(), "douyin_mini_program_code");
    check(&server, &client, connection, wire).await;
}

#[tokio::test]
async fn client_credentials_the_caller_set_are_kept_and_options_are_sent() {
    let server = server().await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let mut options: SignInByMobileOptionsDto =
        serde_json::from_value(json!({"tenantId": "t-1", "context": {"source": "utm"}})).unwrap();
    // A scope list, not one scope: sent as the space-separated string.
    let scopes = ["openid", "profile", "offline_access"];
    options.scope = Some(scopes.into_iter().collect::<authing::runtime::Scopes>());
    let body = SigninByMobileDto {
        ext_idp_connidentifier: s("wechat-conn"),
        connection: C::Wechat(Wechat { code: Some(s("c")) }),
        options: Some(options),
        client_id: Some(s("other-app")),
        client_secret: Some(s("other-secret")),
    };
    client.sign_in_by_mobile(&body).await.expect("tokens");
    let expected = json!({
        "extIdpConnidentifier": "wechat-conn",
        "connection": "wechat",
        "wechatPayload": {"code": "c"},
        "options": {
            "scope": "openid profile offline_access",
            "tenantId": "t-1",
            "context": {"source": "utm"}
        },
        "client_id": "other-app",
        "client_secret": "other-secret"
    });
    let requests = received_on(&server, PATH).await;
    assert_eq!(Seen::of(&requests[0]).body, expected);
}

#[tokio::test]
async fn one_click_login_signs_in_through_yidun() {
    let server = server().await;
    let client = authentication_client(&server, TokenEndpointAuthMethod::ClientSecretBasic);
    let tokens = client
        .sign_in_by_one_auth("yidun-conn", "1660291866076", "op-code-1", None)
        .await
        .expect("tokens");
    assert_eq!(
        tokens.refresh_token.as_deref(),
        Some("WPsGJbvpBjqXz6IJIr1UHKyrdVF")
    );
    let request = &only_request(&server, PATH).await;
    let body = json!({
        "extIdpConnidentifier": "yidun-conn",
        "connection": "yidun",
        "yidunPayload": {"token": "1660291866076", "accessToken": "op-code-1"}
    });
    assert_eq!(Seen::of(request), Seen::post(PATH, body));
    assert_eq!(
        header(request, "authorization"),
        Some("Basic YXBwLWlkLTE6YXBwLXNlY3JldC1zaGg=")
    );
}
