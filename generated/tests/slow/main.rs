//! Slow suites (feature `slow-tests`): the client against real third-party parts on loopback,
//! run by `.ci/run` after `npm ci` in each harness folder.
//!
//! - `node_signature`: management request signing cross-checked byte for byte with the node
//!   SDK's own `buildSignature.ts` (`tests/node-signature/`);
//! - `oidc`: the OpenID Connect / OAuth 2.0 layer against a real OpenID provider
//!   (`oidc-provider` from npm, `tests/oidc-provider/`).

mod harness;
mod node_signature;
mod oidc;
