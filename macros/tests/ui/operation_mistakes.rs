use authing::generated::prelude::*;

#[client]
pub struct Client;

#[operations]
impl Client {
    #[operation(FETCH "/users")]
    pub async fn unknown_method(&self) -> Result<(), ::authing::Error>;

    #[operation(GET "/users/{id}")]
    pub async fn unmarked_argument(&self, id: &str) -> Result<(), ::authing::Error>;

    #[operation(GET "/users/{id}")]
    pub async fn wrong_placeholder(&self, #[path("userId")] id: &str) -> Result<(), ::authing::Error>;

    #[operation(POST "/users", id = "createUser", retries = 3)]
    pub async fn unknown_option(&self) -> Result<(), ::authing::Error>;

    pub async fn no_operation(&self) -> Result<(), ::authing::Error>;

    #[operation(GET "/users/{id}")]
    pub async fn wrong_style(&self, #[path("id", style = "form")] id: &str) -> Result<(), ::authing::Error>;
}

fn main() {}
