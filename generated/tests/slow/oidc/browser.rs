//! A scripted user agent: follows redirects by hand, keeps the provider's cookies (by path),
//! and answers the provider's login and consent forms as a user would, without a browser.

use reqwest::redirect::Policy;
use reqwest::{StatusCode, Url};

use super::provider::REDIRECT_URI;

pub struct Browser {
    http: reqwest::Client,
    /// (path, name, value)
    cookies: Vec<(String, String, String)>,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Browser {
    pub fn new() -> Self {
        Self {
            http: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .expect("client"),
            cookies: Vec::new(),
        }
    }

    /// `GET url`, or `POST url` with `form`; the answer's cookies kept, `Location` made absolute.
    pub async fn go(&mut self, url: &str, form: Option<&[(&str, &str)]>) -> Page {
        let url = Url::parse(url).expect("absolute URL");
        let cookie = self
            .cookies
            .iter()
            .filter(|(path, _, _)| url.path().starts_with(path.as_str()))
            .map(|(_, name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        let request = match form {
            Some(form) => self.http.post(url.clone()).form(form),
            None => self.http.get(url.clone()),
        };
        let response = request
            .header("cookie", cookie)
            .send()
            .await
            .expect("provider answers");
        for set in response.headers().get_all("set-cookie") {
            self.keep(set.to_str().expect("ASCII cookie"));
        }
        let status = response.status();
        let location = response.headers().get("location").map(|l| {
            url.join(l.to_str().expect("ASCII"))
                .expect("URL")
                .to_string()
        });
        let body = response.text().await.expect("body");
        Page {
            status,
            location,
            body,
        }
    }

    fn keep(&mut self, set_cookie: &str) {
        let mut parts = set_cookie.split(';').map(str::trim);
        let (name, value) = parts
            .next()
            .and_then(|pair| pair.split_once('='))
            .expect("name=value");
        let mut path = "/".to_owned();
        let mut expired = value.is_empty();
        for attribute in parts {
            let lower = attribute.to_ascii_lowercase();
            if lower.starts_with("path=") {
                path = attribute["path=".len()..].to_owned();
            }
            if lower.starts_with("expires=") && lower.contains("1970") {
                expired = true;
            }
        }
        self.cookies.retain(|(p, n, _)| !(p == &path && n == name));
        if !expired {
            self.cookies.push((path, name.to_owned(), value.to_owned()));
        }
    }

    /// Follows `authorization_url` as user `account`: the provider's login form, then its
    /// consent form, until it redirects to the app. Returns the callback URL.
    pub async fn sign_in(&mut self, authorization_url: &str, account: &str) -> String {
        self.interact(
            authorization_url,
            |page| {
                let prompt = if page.contains("name=\"login\"") {
                    "login"
                } else {
                    "consent"
                };
                Some(prompt)
            },
            account,
        )
        .await
    }

    /// Opens the app at `url` as user `account`: follows every redirect (the app's to the
    /// provider, the provider's back to the app) and answers the provider's login and consent
    /// forms on the way. Returns the first page that is neither a redirect nor the provider's.
    pub async fn open_app(&mut self, url: &str, account: &str) -> Page {
        let mut url = url.to_owned();
        for _ in 0..12 {
            let page = self.go(&url, None).await;
            if let Some(location) = page.location {
                url = location;
                continue;
            }
            if !url.contains("/interaction/") {
                return page;
            }
            let prompt = if page.body.contains("name=\"login\"") {
                "login"
            } else {
                "consent"
            };
            let form = [("prompt", prompt), ("login", account), ("password", "any")];
            let next = self.go(&url, Some(&form)).await;
            url = next
                .location
                .unwrap_or_else(|| panic!("{url}: {}", next.body));
        }
        panic!("no page of the app after 12 steps from {url}");
    }

    /// Follows `authorization_url` and aborts at the first interaction (the user clicks
    /// "cancel"): the provider redirects to the app with `error=access_denied`.
    pub async fn cancel(&mut self, authorization_url: &str) -> String {
        self.interact(authorization_url, |_| None, "").await
    }

    async fn interact(
        &mut self,
        authorization_url: &str,
        answer: impl Fn(&str) -> Option<&'static str>,
        account: &str,
    ) -> String {
        let mut url = authorization_url.to_owned();
        for _ in 0..10 {
            if url.starts_with(REDIRECT_URI) {
                return url;
            }
            let page = self.go(&url, None).await;
            if let Some(location) = page.location {
                url = location;
                continue;
            }
            assert_eq!(page.status, 200, "{url}: {}", page.body);
            assert!(url.contains("/interaction/"), "unexpected page {url}");
            let next = match answer(&page.body) {
                Some(prompt) => {
                    let form = [("prompt", prompt), ("login", account), ("password", "any")];
                    self.go(&url, Some(&form)).await
                }
                None => self.go(&format!("{url}/abort"), None).await,
            };
            url = next
                .location
                .unwrap_or_else(|| panic!("{url}: {}", next.body));
        }
        panic!("no redirect to the app after 10 steps from {authorization_url}");
    }
}
