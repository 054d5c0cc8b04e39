//! Path templates: `{name}` placeholders filled with percent-encoded segments, and no filled
//! path that a URL parser would rewrite.
//!
//! A segment `.` or `..` is removed by every URL parser and normaliser (`/users/../keys` is
//! `/keys`), and percent-encoding does not help: RFC 3986 makes `%2E` the same character as
//! `.`, and the WHATWG URL parser (the `url` crate under reqwest) resolves `%2E%2E` like `..`.
//! So a parameter that would make such a segment is refused before anything is sent.

/// Substitutes every `{name}` of `template` with its (already percent-encoded) value; refuses
/// a missing or empty value and a result with a dot segment that the template does not have.
pub(crate) fn fill_path(
    template: &str,
    params: &[(&'static str, String)],
) -> Result<String, String> {
    let mut path = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|offset| open + offset)
            .ok_or_else(|| format!("path template `{template}` has an unclosed `{{`"))?;
        let name = &rest[open + 1..close];
        let (_, value) = params
            .iter()
            .find(|(have, _)| *have == name)
            .ok_or_else(|| format!("path parameter `{name}` is missing"))?;
        if value.is_empty() {
            return Err(format!("path parameter `{name}` is empty"));
        }
        if is_dot_segment(value) {
            return Err(format!(
                "path parameter `{name}` is a dot segment (`.` or `..`), which would change the \
                 path instead of naming a resource"
            ));
        }
        path.push_str(&rest[..open]);
        path.push_str(value);
        rest = &rest[close + 1..];
    }
    if path.is_empty() {
        // No placeholder: the template is the path.
        return Ok(template.to_owned());
    }
    path.push_str(rest);
    let dots = |path: &str| path.split('/').filter(|s| is_dot_segment(s)).count();
    if dots(&path) > dots(template) {
        return Err(format!(
            "the path parameters of `{template}` form a dot segment (`.` or `..`)"
        ));
    }
    Ok(path)
}

/// Whether `segment` is one a URL parser resolves away: `.`, `..`, or either written with
/// `%2e` (in either case).
pub(crate) fn is_dot_segment(segment: &str) -> bool {
    [".", "..", "%2e", ".%2e", "%2e.", "%2e%2e"]
        .iter()
        .any(|dot| segment.eq_ignore_ascii_case(dot))
}

#[cfg(test)]
mod tests {
    use super::fill_path;

    #[track_caller]
    fn check(template: &str, params: &[(&'static str, &str)], expected: Result<&str, &str>) {
        let params: Vec<_> = params.iter().map(|(n, v)| (*n, (*v).to_owned())).collect();
        let actual = fill_path(template, &params);
        match (&actual, expected) {
            (Ok(path), Ok(expected)) => assert_eq!(path, expected),
            (Err(error), Err(expected)) => {
                assert!(
                    error.contains(expected),
                    "{error:?} should contain {expected:?}"
                )
            }
            _ => panic!("{template} {params:?}: got {actual:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn placeholders_are_filled() {
        check("/a", &[], Ok("/a"));
        check("/users/{id}/keys", &[("id", "u1")], Ok("/users/u1/keys"));
        check("/f/{n}.json", &[("n", "..")], Err("`n` is a dot segment"));
        check("/f/{n}.json", &[("n", "x")], Ok("/f/x.json"));
        check("/v/{a}{b}", &[("a", "x"), ("b", "y")], Ok("/v/xy"));
        check("/v/...", &[], Ok("/v/..."));
        check("/v/{a}", &[("a", "...")], Ok("/v/..."));
        check("/v/{a}", &[("a", "%252E")], Ok("/v/%252E"));
    }

    #[test]
    fn dot_segments_are_refused() {
        check(
            "/users/{id}/keys",
            &[("id", "..")],
            Err("`id` is a dot segment"),
        );
        check(
            "/users/{id}/keys",
            &[("id", ".")],
            Err("`id` is a dot segment"),
        );
        check(
            "/users/{id}",
            &[("id", "%2E%2e")],
            Err("`id` is a dot segment"),
        );
        check(
            "/users/{id}",
            &[("id", ".%2E")],
            Err("`id` is a dot segment"),
        );
        check(
            "/users/{id}",
            &[("id", "%2e.")],
            Err("`id` is a dot segment"),
        );
        check("/v/.{b}", &[("b", "x")], Ok("/v/.x"));
        check("/v/{a}.", &[("a", "x")], Ok("/v/x."));
        check("/v/{a}/..", &[("a", "x")], Ok("/v/x/.."));
        check("/v/{a}.", &[("a", "%2e")], Err("`a` is a dot segment"));
        check("/v/{a}%2e", &[("a", "e")], Ok("/v/e%2e"));
        // No value is a dot segment, but the filled path has one more than the template.
        check("/v/%2{a}", &[("a", "e")], Err("form a dot segment"));
    }
}
