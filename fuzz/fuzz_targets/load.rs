//! `generate` on any bytes (JSON or YAML, 3.0 or 3.1): an error or code, never a panic, a hang
//! or an exhausted stack. Seeded from `codegen/tests/regressions/` (`fuzz/seed.sh`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = authing_codegen::generate(text, authing_codegen::Flavour::Generic);
    }
});
