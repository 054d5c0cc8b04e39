//! What the generated code costs its users: `cargo check` / `cargo build` / `cargo doc` of it,
//! measured as CPU time (user + sys of cargo and every rustc it waits for) and peak memory (the
//! largest max RSS among them), with wall time beside them.
//!
//! The machine is shared: CPU time and max RSS are the robust figures, wall time is noisy.
//! Every measured build runs with `CARGO_INCREMENTAL=0` after a first, unmeasured build of the
//! same command, and with the crate's `src/lib.rs` touched: dependencies are built, the crate
//! itself is compiled from scratch.
//!
//! The resource figures come from `/usr/bin/time` (GNU time, `wait4` on cargo, whose usage
//! includes its waited-for children); without it only wall time is printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TIME: &str = "/usr/bin/time";

/// One measured command.
#[derive(Clone, Copy)]
pub struct Measure {
    pub wall: f64,
    /// User + sys seconds, `None` without `/usr/bin/time`.
    pub cpu: Option<f64>,
    /// Largest max RSS of cargo and its children, in KiB.
    pub max_rss_kib: Option<u64>,
}

impl Measure {
    /// `wall 1.23 s  cpu 4.56 s  max RSS 789 MiB`.
    pub fn show(&self) -> String {
        let cpu = self.cpu.map_or("?".into(), |c| format!("{c:.2} s"));
        let rss = self
            .max_rss_kib
            .map_or("?".into(), |k| format!("{} MiB", k / 1024));
        format!("cpu {cpu:>9}  max RSS {rss:>9}  wall {:>7.2} s", self.wall)
    }
}

/// `cargo SUBCOMMAND ARGS` in `dir` with `CARGO_TARGET_DIR=target`, measured; `Err` with the
/// first compiler error on failure.
pub fn cargo(sub: &str, dir: &Path, target: &Path, args: &[&str]) -> Result<Measure, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let report = target.join("bench-time.txt");
    let timed = Path::new(TIME).exists();
    let mut command = if timed {
        let mut c = Command::new(TIME);
        c.arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(&report)
            .arg(&cargo);
        c
    } else {
        Command::new(&cargo)
    };
    command
        .arg(sub)
        .arg("--quiet")
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0");
    let start = Instant::now();
    let output = command.output().map_err(|e| e.to_string())?;
    let wall = start.elapsed().as_secs_f64();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let errors = stderr.lines().filter(|l| l.starts_with("error")).count();
        return Err(format!(
            "{errors} errors; first: {}",
            stderr
                .lines()
                .find(|l| l.starts_with("error"))
                .unwrap_or("?")
        ));
    }
    let mut measure = Measure {
        wall,
        cpu: None,
        max_rss_kib: None,
    };
    let text = if timed {
        std::fs::read_to_string(&report).unwrap_or_default()
    } else {
        String::new()
    };
    {
        // The last line: GNU time may prefix notes such as "Command exited with ...".
        let fields: Vec<&str> = text
            .lines()
            .last()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        if let [user, sys, rss] = fields[..] {
            measure.cpu = user
                .parse::<f64>()
                .ok()
                .zip(sys.parse::<f64>().ok())
                .map(|(u, s)| u + s);
            measure.max_rss_kib = rss.parse().ok();
        }
    }
    Ok(measure)
}

/// Builds once (dependencies), touches `lib`, then measures the same command.
pub fn warm_then_measure(
    sub: &str,
    dir: &Path,
    target: &Path,
    args: &[&str],
    lib: &Path,
) -> Result<Measure, String> {
    cargo(sub, dir, target, args)?;
    touch(lib);
    cargo(sub, dir, target, args)
}

/// Rewrites `path` unchanged, so that cargo sees it as modified.
pub fn touch(path: &Path) {
    if let Ok(text) = std::fs::read(path) {
        let _ = std::fs::write(path, text);
    }
}

/// Bytes and HTML pages under `dir`.
pub fn tree_size(dir: &Path) -> (u64, usize) {
    let mut bytes = 0;
    let mut pages = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(path);
            } else {
                bytes += meta.len();
                pages += usize::from(path.extension().is_some_and(|e| e == "html"));
            }
        }
    }
    (bytes, pages)
}

/// Writes progenitor's crate for `spec` into `dir` with `cargo progenitor` (a stand-alone
/// workspace, so that the enclosing one does not claim it); `Err` when the peer is missing.
pub fn peer_crate(spec: &Path, dir: &Path, name: &str) -> Result<PathBuf, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["progenitor", "--version", "0.1.0", "--name", name])
        .arg("--input")
        .arg(spec)
        .arg("--output")
        .arg(dir)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "cargo progenitor failed (install it: `cargo install cargo-progenitor --version 0.15.1 --locked`): {}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .next()
                .unwrap_or_default()
        ));
    }
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    if !text.lines().any(|l| l.trim() == "[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n")).map_err(|e| e.to_string())?;
    }
    Ok(dir.to_path_buf())
}

/// `ours / peer` of one figure, `?` when either is unknown.
pub fn ratio(ours: Option<f64>, peer: Option<f64>) -> String {
    match (ours, peer) {
        (Some(o), Some(p)) if p > 0.0 => format!("{:.2}x", o / p),
        _ => "?".into(),
    }
}
