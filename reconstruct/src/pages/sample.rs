//! Evidence in the sample code of the six SDK languages: which client methods a page calls, and
//! the request class the typed languages (Java, Go, C#) pass to it — the only place where the
//! body schema's name shows.

/// What one code block shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sample {
    /// Methods called on a client (`managementClient.getUser(` -> `getUser`), in order, deduplicated.
    pub calls: Vec<String>,
    /// For each call, the class of its first argument when the sample reveals it
    /// (`new CreateUserReqDto()`, `&dto.SigninByMobileDto{`, a variable declared with that type).
    pub arg_classes: Vec<(String, String)>,
    /// The sample sets a user access token on the client before calling (`setAccessToken`).
    pub sets_access_token: bool,
}

/// Methods that configure a client rather than call the API.
const NOT_API_CALLS: &[&str] = &[
    "setAccessToken",
    "set_access_token",
    "SetAccessToken",
    "setLang",
    "then",
    "catch",
];

/// Scans one code block.
pub fn scan(code: &str) -> Sample {
    let mut sample = Sample::default();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A receiver: an identifier ending in `client` / `Client` (any case), e.g. `managementClient`,
        // `client`, `$authenticationClient`, `management_client`.
        if !is_ident_byte(bytes[i]) || (i > 0 && is_ident_byte(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_ident_byte(bytes[i]) {
            i += 1;
        }
        let ident = &code[start..i];
        if !ident.to_ascii_lowercase().ends_with("client") {
            continue;
        }
        let rest = &code[i..];
        let after_op = if let Some(r) = rest.strip_prefix('.') {
            r
        } else if let Some(r) = rest.strip_prefix("->") {
            r
        } else {
            continue;
        };
        let name_len = after_op.bytes().take_while(|&b| is_ident_byte(b)).count();
        let name = &after_op[..name_len];
        let after_name = &after_op[name_len..];
        if name.is_empty() || !after_name.trim_start().starts_with('(') {
            continue;
        }
        if matches!(
            name,
            "setAccessToken" | "set_access_token" | "SetAccessToken"
        ) {
            sample.sets_access_token = true;
        }
        if NOT_API_CALLS.contains(&name) {
            continue;
        }
        if !sample.calls.iter().any(|c| c == name) {
            sample.calls.push(name.to_string());
        }
        let open = after_name.find('(').expect("checked above");
        if let Some(class) = first_arg_class(code, &after_name[open + 1..])
            && !sample.arg_classes.iter().any(|(c, _)| c == name)
        {
            sample.arg_classes.push((name.to_string(), class));
        }
    }
    sample
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The class of the first argument of a call whose argument list starts at `args`.
fn first_arg_class(code: &str, args: &str) -> Option<String> {
    let arg = args.trim_start();
    if let Some(class) = constructed_class(arg) {
        return Some(class);
    }
    // A variable: find its declaration elsewhere in the block.
    let var_len = arg.bytes().take_while(|&b| is_ident_byte(b)).count();
    let var = &arg[..var_len];
    if var.is_empty()
        || !arg[var_len..].trim_start().starts_with(')')
            && !arg[var_len..].trim_start().starts_with(',')
    {
        return None;
    }
    declared_class(code, var)
}

/// `new Foo(`, `&dto.Foo{`, `dto.Foo{`, `new Foo {` at the start of `s` -> `Foo`.
fn constructed_class(s: &str) -> Option<String> {
    let s = s.trim_start();
    let rest = match s.strip_prefix("new ") {
        Some(r) => r.trim_start(),
        None => s.strip_prefix("&dto.").or_else(|| s.strip_prefix("dto."))?,
    };
    let len = rest
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_')
        .count();
    let class = &rest[..len];
    let next = rest[len..].trim_start();
    (is_class_name(class) && (next.starts_with('(') || next.starts_with('{')))
        .then(|| class.to_string())
}

/// `Foo var = ...` (Java, C#), `var := &dto.Foo{` (Go), `var = new Foo(` (C# `var`) -> `Foo`.
fn declared_class(code: &str, var: &str) -> Option<String> {
    for line in code.lines() {
        let t = line.trim();
        // Go: `reqDto := &dto.Foo{`
        if let Some(rest) = t
            .strip_prefix(var)
            .and_then(|r| r.trim_start().strip_prefix(":="))
            && let Some(c) = constructed_class(rest)
        {
            return Some(c);
        }
        // Java / C#: `Foo var = new Foo();` or `var var = new Foo();`
        let words: Vec<&str> = t.split_whitespace().collect();
        if words.len() >= 3 && words[1] == var && words[2].starts_with('=') {
            if is_class_name(words[0]) && words[0] != "var" {
                return Some(words[0].to_string());
            }
            let rhs = t.split_once('=').map(|(_, r)| r).unwrap_or("");
            if let Some(c) = constructed_class(rhs) {
                return Some(c);
            }
        }
    }
    None
}

fn is_class_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: &str, calls: &[&str], classes: &[(&str, &str)], token: bool) {
        let s = scan(code);
        assert_eq!(s.calls, calls, "calls of:\n{code}");
        let got: Vec<(&str, &str)> = s
            .arg_classes
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(got, classes, "classes of:\n{code}");
        assert_eq!(s.sets_access_token, token, "setAccessToken in:\n{code}");
    }

    #[test]
    fn calls_and_classes_in_each_language() {
        check(
            "const result = await managementClient.getUser({ userId: 'x' });",
            &["getUser"],
            &[],
            false,
        );
        check(
            "reqDto := &dto.SigninByMobileDto{\n Connection: \"apple\",\n}\nrespDto := client.SignInByMobile(reqDto)",
            &["SignInByMobile"],
            &[("SignInByMobile", "SigninByMobileDto")],
            false,
        );
        check(
            "CreateDenfDto createDenfDto = new CreateDenfDto();\nIsSuccessRespDto res = client.createDnef(createDenfDto);",
            &["createDnef"],
            &[("createDnef", "CreateDenfDto")],
            false,
        );
        check(
            "var res = await authenticationClient.SignInByMobile(new SigninByMobileDto()\n{ });",
            &["SignInByMobile"],
            &[("SignInByMobile", "SigninByMobileDto")],
            false,
        );
        check(
            "$data = $authenticationClient->signInByMobile(array(...));",
            &["signInByMobile"],
            &[],
            false,
        );
        check(
            "data = management_client.get_user(user_id=\"x\")",
            &["get_user"],
            &[],
            false,
        );
        check(
            "authenticationClient.setAccessToken('t');\nconst r = await authenticationClient.getProfile({});",
            &["getProfile"],
            &[],
            true,
        );
        check(
            "ManagementClient client = new ManagementClient(options);",
            &[],
            &[],
            false,
        );
        check(
            "respDto := client.RevokeToken(\"token\")",
            &["RevokeToken"],
            &[],
            false,
        );
    }
}
