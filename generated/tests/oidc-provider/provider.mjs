// A real, certified OpenID provider (`oidc-provider`) on loopback for the Rust client's
// protocol tests (`tests/slow/oidc/`). Prints one JSON line, `{"issuer": "..."}`, once it
// listens; runs until its stdin closes (the test process ends).
//
// Clients, one per token endpoint auth method and id token algorithm:
//   app-post  client_secret_post   RS256
//   app-basic client_secret_basic  ES256
//   app-none  none (public, PKCE)  RS256
//   app-hs    client_secret_post   HS256 (the client secret)
//   app-loopback client_secret_basic RS256, a native app: its loopback redirect URI may use
//             any port (RFC 8252), for the `oidc_login` example's server on a free port
// Login and consent are the provider's own interaction forms (`prompt=login`, any account;
// `prompt=consent`), which the tests post over HTTP.
// `POST /__test/rotate` replaces the signing keys by new ones with new `kid`s (a key rotation):
// the provider is rebuilt on the same port, the old keys are no longer published.
import http from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

// stdout carries the one line the test reads (then it stops reading); the provider's
// development-mode notices are dropped, errors still reach stderr.
const stdout = process.stdout.write.bind(process.stdout);
console.log = console.info = console.warn = () => {};

const REDIRECT = 'http://127.0.0.1/callback';
const LOGOUT = 'http://127.0.0.1/logged-out';

function keys(generation) {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `rsa-${generation}-${randomUUID()}`, alg: 'RS256', use: 'sig' },
    { ...ec, kid: `ec-${generation}-${randomUUID()}`, alg: 'ES256', use: 'sig' },
  ];
}

const client = (client_id, token_endpoint_auth_method, id_token_signed_response_alg) => ({
  client_id,
  ...(token_endpoint_auth_method === 'none' ? {} : { client_secret: `${client_id}-secret-0123456789abcdef0123456789abcdef` }),
  token_endpoint_auth_method,
  id_token_signed_response_alg,
  redirect_uris: [REDIRECT],
  post_logout_redirect_uris: [LOGOUT],
  grant_types: ['authorization_code', 'refresh_token', ...(token_endpoint_auth_method === 'none' ? [] : ['client_credentials'])],
  response_types: ['code'],
  scope: 'openid profile email offline_access api:read',
});

function provider(issuer, generation) {
  const oidc = new Provider(issuer, {
    clients: [
      client('app-post', 'client_secret_post', 'RS256'),
      client('app-basic', 'client_secret_basic', 'ES256'),
      client('app-none', 'none', 'RS256'),
      client('app-hs', 'client_secret_post', 'HS256'),
      { ...client('app-loopback', 'client_secret_basic', 'RS256'), application_type: 'native' },
    ],
    jwks: { keys: keys(generation) },
    scopes: ['openid', 'profile', 'email', 'offline_access', 'api:read'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, name: `User ${sub}`, email: `${sub}@example.com`, email_verified: true };
        },
      };
    },
    features: {
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256', 'ES256', 'HS256'] },
    issueRefreshToken: async () => true,
    rotateRefreshToken: () => true,
    ttl: { IdToken: 3600, AccessToken: 3600, ClientCredentials: 600 },
    cookies: { keys: ['test-cookie-key-0123456789'] },
  });
  oidc.proxy = false;
  return oidc;
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  let generation = 1;
  let handler = provider(issuer, generation).callback();
  server.on('request', (req, res) => {
    if (req.method === 'POST' && req.url === '/__test/rotate') {
      generation += 1;
      handler = provider(issuer, generation).callback();
      res.writeHead(204).end();
      return;
    }
    handler(req, res);
  });
  stdout(`${JSON.stringify({ issuer })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
