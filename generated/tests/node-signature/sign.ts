// Reads requests as the server saw them (JSON lines on stdin: method, path, query, headers,
// body, accessKeyId, accessKeySecret) and prints, per line, the node SDK's string to sign and
// authorization for them, computed by the SDK's own src/utils/buildSignature.ts.
// Usage: tsx sign.ts <path to authing-node-sdk-4.0.1>
import * as path from "path";
import * as readline from "readline";

const sdk = process.argv[2];
if (!sdk) {
  throw new Error("usage: tsx sign.ts <path to authing-node-sdk-4.0.1>");
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { buildStringToSign, buildAuthorization } = require(path.resolve(
  sdk,
  "src/utils/buildSignature.ts"
));

// What the SDK signs besides the headers: a GET's params, any other method's data, as the
// server rebuilds them from the wire (a repeated query name is an array).
function params(method: string, query: string, body: string | null) {
  if (method !== "GET") {
    return body ? JSON.parse(body) : {};
  }
  const out: { [k: string]: any } = {};
  for (const [key, value] of new URLSearchParams(query)) {
    if (key in out) {
      out[key] = ([] as string[]).concat(out[key], value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (!line.trim()) return;
  const r = JSON.parse(line);
  const text = buildStringToSign(
    r.method,
    r.path,
    r.headers,
    params(r.method, r.query ?? "", r.body)
  );
  const authorization = buildAuthorization(
    r.accessKeyId,
    r.accessKeySecret,
    text
  );
  console.log(JSON.stringify({ stringToSign: text, authorization }));
});
