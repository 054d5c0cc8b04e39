use authing::generated::prelude::*;

#[dto]
pub struct WechatPayload {
    pub code: String,
}

#[connection(tag = "connection")]
pub enum Connection {
    #[value("wechat", payload = "wechatPayload")]
    Wechat,
    #[value("apple")]
    Apple(WechatPayload),
}

fn main() {}
