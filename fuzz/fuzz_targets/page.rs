//! reconstruct's page reading on any text, as an SDK reference page (`node/management/x.md`)
//! next to one `common/` fragment: evidence and diagnostics, never a panic or a hang.
#![no_main]

use authing_reconstruct::corpus::Corpus;
use authing_reconstruct::diagnostic::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut corpus = Corpus::default();
    corpus.push(
        "docs".into(),
        "common/token_table.md".into(),
        "| 名称 | 类型 | 是否必填 | 描述 |\n| ---- | ---- | ---- | ---- |\n| a | string | 是 | b |\n".into(),
    );
    corpus.push("docs".into(), "node/management/fuzzed.md".into(), text);
    let mut diags = Diagnostics::default();
    let _ = authing_reconstruct::pages::read(&corpus, &mut diags);
});
