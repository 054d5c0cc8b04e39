//! The package readers on small in-memory packages: each case is a source file and the one-line
//! renderings of what the reader finds in it.

use super::{Package, Type};
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostics;
use crate::model::ParamIn;

/// Renders a type compactly: `string`, `Dto`, `string[]`, `enum(A|B)`, `{a?: string}`.
fn ty(t: &Type) -> String {
    match t {
        Type::String => "string".into(),
        Type::Number => "number".into(),
        Type::Integer => "integer".into(),
        Type::Boolean => "boolean".into(),
        Type::Any => "any".into(),
        Type::Null => "null".into(),
        Type::Array(i) => format!("{}[]", ty(i)),
        Type::Ref(n) => n.clone(),
        Type::Enum { name, values } => {
            let v: Vec<String> = values
                .iter()
                .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
                .collect();
            match name {
                Some(n) => format!("{n}=enum({})", v.join("|")),
                None => format!("enum({})", v.join("|")),
            }
        }
        Type::Object(fs) => {
            let f: Vec<String> = fs
                .iter()
                .map(|f| {
                    format!(
                        "{}{}: {}",
                        f.name,
                        if f.optional { "?" } else { "" },
                        ty(&f.ty)
                    )
                })
                .collect();
            format!("{{{}}}", f.join(", "))
        }
        Type::Map(v) => format!("map<{}>", ty(v)),
        Type::Union(ts) => ts.iter().map(ty).collect::<Vec<_>>().join(" | "),
    }
}

/// One line per operation, helper and model field.
fn render(corpus: &Corpus, pkg: &Package) -> Vec<String> {
    let mut out = Vec::new();
    for op in &pkg.operations {
        let mut line = format!(
            "op {} {} {} {}",
            op.client.name(),
            op.name,
            op.method.name(),
            op.url
        );
        for p in &op.params {
            let at = match p.location {
                ParamIn::Query => "q",
                ParamIn::Path => "p",
            };
            line.push_str(&format!(
                " {at}:{}{}:{}",
                p.name,
                if p.optional { "?" } else { "" },
                ty(&p.ty)
            ));
            if let Some(d) = &p.default {
                line.push_str(&format!("={d}"));
            }
            if let Some(d) = &p.description {
                line.push_str(&format!("({d})"));
            }
        }
        if let Some(b) = &op.body {
            let what = b
                .model
                .clone()
                .unwrap_or_else(|| ty(&Type::Object(b.fields.clone())));
            line.push_str(&format!(" {}={what}", if b.form { "form" } else { "body" }));
        }
        if let Some(r) = &op.response {
            line.push_str(&format!(" -> {r}"));
        }
        if let Some(s) = &op.summary {
            line.push_str(&format!(" summary={s:?}"));
        }
        if let Some(s) = &op.description {
            line.push_str(&format!(" description={s:?}"));
        }
        if op.deprecated {
            line.push_str(" deprecated");
        }
        line.push_str(&format!(" @{}", corpus.at(op.loc)));
        out.push(line);
    }
    for h in &pkg.helpers {
        out.push(format!(
            "helper {} ({}) @{}",
            h.name,
            h.reason,
            corpus.at(h.loc)
        ));
    }
    for m in pkg.models.values() {
        out.push(format!("model {} @{}", m.name, corpus.at(m.loc)));
        if let Some(d) = &m.description {
            out.push(format!("  doc {d:?}"));
        }
        for f in &m.fields {
            let doc = f
                .description
                .as_ref()
                .map_or(String::new(), |d| format!(" ({d:?})"));
            out.push(format!(
                "  {}{}: {}{doc} @{}",
                f.name,
                if f.optional { "?" } else { "" },
                ty(&f.ty),
                corpus
                    .at(f.loc)
                    .to_string()
                    .rsplit(':')
                    .next()
                    .unwrap_or("")
            ));
        }
    }
    out
}

/// Reads `files` (path below the package root, text) as the package `pkg` and compares what is
/// found, line by line, with `expected`; also returns the diagnostics.
fn check(files: &[(&str, &str)], expected: &[&str]) -> Vec<String> {
    let mut corpus = Corpus::default();
    for (path, text) in files {
        corpus.push_sdk("pkg".into(), path.to_string(), text.to_string());
    }
    let mut diags = Diagnostics::default();
    let pkgs = super::read(&corpus, &mut diags);
    assert_eq!(pkgs.len(), 1, "one package");
    let got = render(&corpus, &pkgs[0]);
    let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    assert_eq!(got, expected, "\ngot:\n{}\n", got.join("\n"));
    diags
        .sorted()
        .into_iter()
        .map(|d| Diagnostics::render(&corpus, d))
        .collect()
}

fn client(methods: &str) -> String {
    format!(
        "import type {{ A }} from './models/A';\nexport class ManagementClient {{\n{methods}\n}}\n"
    )
}

#[test]
fn generated_methods_are_operations() {
    let query = client(
        r#"  /**
   * @summary 岗位列表
   * @description 第一行
   * 第二行
   * @returns PostPaginatedRespDto
   */
  public async postList({
    keywords,
    page = 1,
    flat = false,
  }: {
    /** 搜索岗位 code **/
    keywords?: string;
    /** 当前页数 **/
    page?: number;
    flat?: boolean;
  }): Promise<PostPaginatedRespDto> {
    return await this.httpClient.request({
      method: "GET",
      url: "/api/v3/list-post",
      params: {
        keywords: keywords,
        page: page,
        flat_it: flat,
      },
    });
  }"#,
    );
    check(
        &[("src/ManagementClient.ts", &query)],
        &[
            "op management postList GET /api/v3/list-post q:keywords?:string(搜索岗位 code) q:page?:number=1(当前页数) q:flat_it?:boolean=false -> PostPaginatedRespDto summary=\"岗位列表\" description=\"第一行\\n第二行\" @pkg/src/ManagementClient.ts:9",
        ],
    );
    let body = client(
        r#"  /**
   * @deprecated
   * @summary 删除
   */
  public async removeRow(
    requestBody: RemoveRowDto
  ): Promise<CommonResponseDto> {
    return await this.httpClient.request({
      method: "POST",
      url: "/api/v3/metadata/remove-row",
      data: requestBody,
    });
  }
  public async deleteAuth(authIds: Array<string>): Promise<IsSuccessRespDto> {
    return await this.httpClient.request({
      method: "DELETE",
      url: "/api/v3/batch-applications-auth",
      params: { authIds: authIds },
    });
  }
  public async removeCredential(credentialId: string, requestBody: WebAuthnRemoveCredentialDto): Promise<any> {
    const result = await this.httpClient.request({
      method: "POST",
      url: "/api/v3/webauthn/remove-credential/{credentialID}",
      data: requestBody,
    });
    return result;
  }
  public async deleteX(a: string, b: string): Promise<any> {
    return await this.httpClient.request({ method: "DELETE", url: "/x/{first}/{b}" });
  }
  public async verify(formData: TokenParams): Promise<TokenResp> {
    return await this.httpClient.request({ method: "POST", url: "/mfa/token/introspection" });
  }"#,
    );
    check(
        &[("src/ManagementClient.ts", &body)],
        &[
            "op management removeRow POST /api/v3/metadata/remove-row body=RemoveRowDto -> CommonResponseDto summary=\"删除\" deprecated @pkg/src/ManagementClient.ts:7",
            "op management deleteAuth DELETE /api/v3/batch-applications-auth q:authIds:string[] -> IsSuccessRespDto @pkg/src/ManagementClient.ts:16",
            "op management removeCredential POST /api/v3/webauthn/remove-credential/{credentialID} p:credentialID:string body=WebAuthnRemoveCredentialDto @pkg/src/ManagementClient.ts:23",
            "op management deleteX DELETE /x/{first}/{b} p:first:string p:b:string @pkg/src/ManagementClient.ts:31",
            "op management verify POST /mfa/token/introspection form=TokenParams -> TokenResp @pkg/src/ManagementClient.ts:34",
        ],
    );
}

#[test]
fn hand_written_methods_are_set_aside() {
    let src = r#"export class AuthenticationClient {
  private secret() { return 1; }
  public async makeRequest(params: AxiosRequestConfig) {
    return await this.httpClient.request(params);
  }
  public async signInByEmailPassword(requestBody: { email: string }) {
    return await this.signInByCredentials({ connection: "PASSWORD" });
  }
  // ==== AUTO GENERATED AUTHENTICATION METHODS BEGIN ====
  public async signUp(requestBody: SignUpDto): Promise<UserSingleRespDto> {
    const result = await this.httpClient.request({ method: "POST", url: "/api/v3/signup", data: requestBody });
    return result;
  }
  public async getToken(code: string) {
    return await this.httpClient.request({ method: "POST", url: api, data: code });
  }
  // ==== AUTO GENERATED AUTHENTICATION METHODS END ====
  public async pub(eventName: string, data: string) {
    return await this.httpClient.request({ method: "POST", url: "/api/v3/pub-userEvent", data: { eventType: eventName } });
  }
  public async late(): Promise<X> {
    return await this.httpClient.request({ method: "GET", url: "/api/v3/late" });
  }
}
"#;
    check(
        &[("src/AuthenticationClient.ts", src)],
        &[
            "op authentication signUp POST /api/v3/signup body=SignUpDto -> UserSingleRespDto @pkg/src/AuthenticationClient.ts:10",
            "helper makeRequest (hand-written helper: outside the package's generated region) @pkg/src/AuthenticationClient.ts:3",
            "helper signInByEmailPassword (hand-written helper: outside the package's generated region) @pkg/src/AuthenticationClient.ts:6",
            "helper getToken (hand-written helper: its request sets `url` to something other than a generated method would) @pkg/src/AuthenticationClient.ts:14",
            "helper pub (hand-written helper: outside the package's generated region) @pkg/src/AuthenticationClient.ts:18",
            "helper late (hand-written helper: outside the package's generated region) @pkg/src/AuthenticationClient.ts:21",
        ],
    );
    // Without region markers, the shape alone decides.
    let src = r#"export class ManagementClient {
  public async makeRequest(params: AxiosRequestConfig) {
    return await this.httpClient.request(params);
  }
  public sub(eventName: string, callback: Function) {
    this.eventBus[eventName] = [callback];
  }
  public async pub(eventName: string, data: string) {
    if (!data) { throw new Error("x"); }
    return await this.httpClient.request({ method: "POST", url: "/api/v3/pub-event", data: { eventType: eventName } });
  }
}
"#;
    check(
        &[("src/ManagementClient.ts", src)],
        &[
            "helper makeRequest (hand-written helper: its body is not a single request) @pkg/src/ManagementClient.ts:2",
            "helper sub (hand-written helper: its body is not a single request) @pkg/src/ManagementClient.ts:5",
            "helper pub (hand-written helper: its body is not a single request) @pkg/src/ManagementClient.ts:8",
        ],
    );
}

#[test]
fn models_keep_fields_optional_markers_types_and_enums() {
    let model = r#"/* istanbul ignore file */
import type { IdentityDto } from './IdentityDto';

/**
 * 用户
 */
export type UserDto = {
    /**
     * 用户 ID
     */
    userId: string;
    /**
     * 账户当前状态：
     * - Activated: 正常状态
     */
    status: UserDto.status;
    loginsCount?: number;
    identities?: Array<IdentityDto>;
    tags?: string[];
    factors?: Array<'OTP' | 'SMS'>;
    value?: (TreeStructs | string | Array<string>);
    note?: string | null;
    extra?: Record<string, any>;
    inline?: { a: boolean; b?: number };
    review?: UserDto.review;
};

export namespace UserDto {
    /**
     * 账户当前状态
     */
    export enum status {
        ACTIVATED = 'Activated',
        SUSPENDED = 'Suspended',
    }
    export enum review {
        PASS = 'pass',
        '_-1' = -1,
        NEXT,
    }
}
"#;
    check(
        &[
            ("src/models/UserDto.ts", model),
            ("src/models/index.ts", "export * from './UserDto';"),
        ],
        &[
            "model UserDto @pkg/src/models/UserDto.ts:7",
            "  doc \"用户\"",
            "  userId: string (\"用户 ID\") @11",
            "  status: UserDto.status=enum(Activated|Suspended) (\"账户当前状态：\\n- Activated: 正常状态\") @16",
            "  loginsCount?: number @17",
            "  identities?: IdentityDto[] @18",
            "  tags?: string[] @19",
            "  factors?: enum(OTP|SMS)[] @20",
            "  value?: TreeStructs | string | string[] @21",
            "  note?: string @22",
            "  extra?: map<any> @23",
            "  inline?: {a: boolean, b?: number} @24",
            "  review?: UserDto.review=enum(pass|-1|0) @25",
        ],
    );
}

#[test]
fn invalid_source_is_an_error_at_its_place() {
    let diags = check(
        &[(
            "src/models/Broken.ts",
            "export type Broken = {\n  a: string;\n  b: ;\n};\n",
        )],
        &[],
    );
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("pkg/src/models/Broken.ts:3: error: not valid TypeScript")),
        "{diags:?}"
    );
}

// The Python reader.

const PY_HEAD: &str = "class ManagementClient(object):\n    def __init__(self, host=None):\n        self.host = host\n\n";

fn py(methods: &str) -> String {
    format!("{PY_HEAD}{methods}")
}

#[test]
fn python_generated_methods_are_operations() {
    let diags = check(
        &[(
            "genauth/ManagementClient.py",
            &py(
                "    def get_row(self, model_id, row_id, show_field_id=None):\n        \"\"\"Get Row\n\n        Get a row.\n\n        Attributes:\n            modelId (str): Function id\n            row_id (int): Row id\n            limit (int): Not sent\n        \"\"\"\n        return self.http_client.request(\n            method='GET',\n            url='/api/v3/metadata/get-row',\n            params={\n                'modelId': model_id,\n                'row_id': row_id,\n                'showFieldId': show_field_id,\n            },\n        )\n\n    def update(self, id, kind, tags=None, ratio=None):\n        \"\"\"Update\n\n        Attributes:\n            id (str): The id\n            kind (str): Kind:\n    - `a`: A\n    - `b`: B\n\n            tags (list): Tags\n            ratio (float): Ratio\n        \"\"\"\n        return self.http_client.request(\n            method='post',\n            url='/api/v3/things/{id}',\n            json={\n                'kind': kind,\n                'tags': tags,\n                'ratio': ratio,\n            },\n        )\n\n    def login(self, code, extra=None):\n        \"\"\"Login\"\"\"\n        return self.http_client.request(method='POST', url='/oidc/token', data={'code': code, 'extra': extra})\n\n    def remove(self):\n        return self.http_client.request(method='DELETE', url='/x/{credentialID}')\n",
            ),
        )],
        &[
            "op management get_row GET /api/v3/metadata/get-row q:modelId:string(Function id) q:row_id:integer(Row id) q:showFieldId?:any summary=\"Get Row\" description=\"Get a row.\" @pkg/genauth/ManagementClient.py:5",
            "op management update POST /api/v3/things/{id} p:id:string(The id) body={kind: string, tags?: any[], ratio?: number} summary=\"Update\" @pkg/genauth/ManagementClient.py:25",
            "op management login POST /oidc/token form={code: any, extra?: any} summary=\"Login\" @pkg/genauth/ManagementClient.py:47",
            "op management remove DELETE /x/{credentialID} p:credentialID:any @pkg/genauth/ManagementClient.py:51",
            "helper __init__ (private or special method) @pkg/genauth/ManagementClient.py:2",
        ],
    );
    assert_eq!(
        diags,
        [
            "pkg/genauth/ManagementClient.py:13: warning: Python method `get_row`: docstring documents `limit`, which the request does not send",
            "pkg/genauth/ManagementClient.py:51: warning: Python method `remove`: no docstring; no English text or argument types",
            "pkg/genauth/ManagementClient.py:52: warning: Python method `remove`: the URL names `{credentialID}`, which no parameter fills (the package sends it literally)",
        ]
    );
}

#[test]
fn python_hand_written_methods_are_set_aside() {
    let diags = check(
        &[(
            "genauth/ManagementClient.py",
            &py(
                "    def sign_in_by_email_password(self, email, password):\n        \"\"\"Login using email + password\"\"\"\n        return self.sign_in_by_credentials(connection='PASSWORD', email=email)\n\n    def put_event(self, event_code, data):\n        return self.http_client.request(method='POST', url='/api/v3/pub-event', json={'eventData': json.dumps(data)})\n\n    def sub_event(self, event_code, callback):\n        assert event_code\n        handleMessage(event_code, callback)\n\n    def url_var(self):\n        url = '/x'\n        return self.http_client.request(method='GET', url=url)\n\n    def extra(self, a):\n        return self.http_client.request(method='GET', url='/x', params={'a': a}, headers={})\n\n    def stray(self, a):\n        return self.http_client.request(method='GET', url='/x', params={'b': b})\n\n    def twice(self, a):\n        return self.http_client.request(method='GET', url='/old', params={'a': a})\n\n    def twice(self, a):\n        return self.http_client.request(method='GET', url='/new', params={'a': a})\n",
            ),
        )],
        &[
            "op management twice GET /new q:a:any @pkg/genauth/ManagementClient.py:29",
            "helper __init__ (private or special method) @pkg/genauth/ManagementClient.py:2",
            "helper sign_in_by_email_password (hand-written body (not `return self.http_client.request(...)`)) @pkg/genauth/ManagementClient.py:5",
            "helper put_event (payload entry is not `'key': parameter`) @pkg/genauth/ManagementClient.py:9",
            "helper sub_event (hand-written body (not `return self.http_client.request(...)`)) @pkg/genauth/ManagementClient.py:12",
            "helper url_var (hand-written body (not `return self.http_client.request(...)`)) @pkg/genauth/ManagementClient.py:16",
            "helper extra (request call with arguments beyond method, url, params, json, data) @pkg/genauth/ManagementClient.py:20",
            "helper stray (payload entry names a variable that is not a parameter) @pkg/genauth/ManagementClient.py:23",
            "helper twice (shadowed by a later definition of the same name) @pkg/genauth/ManagementClient.py:26",
        ],
    );
    assert_eq!(
        diags,
        [
            "pkg/genauth/ManagementClient.py:26: warning: Python method `twice` is defined again at line 29; this definition is dead code",
            "pkg/genauth/ManagementClient.py:29: warning: Python method `twice`: no docstring; no English text or argument types",
        ]
    );
}

#[test]
fn python_source_that_does_not_parse_is_an_error() {
    let diags = check(
        &[
            (
                "genauth/ManagementClient.py",
                "class ManagementClient(object):\n    def f(self:\n        pass\n",
            ),
            ("genauth/utils.py", "def f(:\n"),
        ],
        &[],
    );
    assert_eq!(
        diags,
        [
            "pkg/genauth/ManagementClient.py:3: error: Python source does not parse: Expected an expression; the file is not used"
        ]
    );
}
