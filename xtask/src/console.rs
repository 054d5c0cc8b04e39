//! Printing that never panics: `print!` panics when stdout is a closed pipe
//! (`cargo xtask codegen | head`). Here a closed stream just stops the output; the command
//! still finishes its work and its exit code still tells how that went.

use std::io::Write;

/// Writes `text` to stdout; a failed write (closed pipe) is dropped.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Writes `text` and a newline to stdout.
pub fn outln(text: &str) {
    out(&format!("{text}\n"));
}

/// Writes `text` to stderr; a failed write is dropped.
pub fn err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes `text` and a newline to stderr.
pub fn errln(text: &str) {
    err(&format!("{text}\n"));
}
