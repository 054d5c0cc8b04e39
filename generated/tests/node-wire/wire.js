// Drives the official node SDK (authing-node-sdk, pinned by package-lock.json) for the wire
// cross-check in generated/tests/wire/: reads a plan as JSON on stdin, calls one SDK method per
// case against the recorder's base URL, and prints one JSON line per case on stdout.
//
// Plan: {baseUrl, appId, appSecret, userToken, accessKeyId, accessKeySecret,
//        cases: [{id, client: "authentication" | "management", authMethod?, method, args: []}]}
// Before each case it sends `GET /__wire/case/<id>` (plain fetch, not the SDK) so that the
// recorder can attribute the requests that follow to the case.
"use strict";

const axios = require("axios");
const { AuthenticationClient, ManagementClient } = require("authing-node-sdk");

// The recorder is on loopback: an HTTP(S)_PROXY in the environment must not capture the calls.
axios.defaults.proxy = false;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function client(plan, c) {
  if (c.client === "management") {
    return new ManagementClient({
      accessKeyId: plan.accessKeyId,
      accessKeySecret: plan.accessKeySecret,
      host: plan.baseUrl,
      timeout: 5000,
    });
  }
  return new AuthenticationClient({
    appId: plan.appId,
    appSecret: plan.appSecret,
    appHost: plan.baseUrl,
    tokenEndPointAuthMethod: c.authMethod || "client_secret_post",
    accessToken: c.authMethod ? undefined : plan.userToken,
    timeout: 5000,
  });
}

async function main() {
  const plan = await readStdin();
  for (const c of plan.cases) {
    await fetch(`${plan.baseUrl}/__wire/case/${c.id}`);
    const line = { id: c.id };
    try {
      const sdk = client(plan, c);
      if (typeof sdk[c.method] !== "function") {
        throw new Error(`the node SDK has no method ${c.method}`);
      }
      await sdk[c.method](...c.args);
    } catch (error) {
      line.error = String((error && error.message) || error);
    }
    process.stdout.write(JSON.stringify(line) + "\n");
  }
}

main().catch((error) => {
  process.stderr.write(`wire.js: ${(error && error.stack) || error}\n`);
  process.exit(1);
});
