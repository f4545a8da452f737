//! Convene's task runner. `cargo xtask <command>`:
//!
//! - `run`   build everything and start Convene locally (SPA + API on 127.0.0.1:8787)
//! - `test`  every check and test, ending with `N passed, N failed`
//! - `build` build the SPA into `dist/` and the worker's two scripts into `worker/build/`
//!   (release)
//! - `bench` the release build against a baseline worker under wrk
//!
//! Each command first installs what is missing (wasm32 target, wasm-bindgen-cli at the
//! lock file's version, worker-build, npm packages, Debian chromium for tests) and skips
//! what is already there. Only the standard library is used, so this builds in seconds.
//!
//! One module per command (`build`, `run`, `test`, `bench`); `tools` installs, `stamp`
//! skips unchanged build steps, `dev_vars` writes the local secrets, `report` reads the
//! test runners' results, `schemathesis` runs the API fuzzer.

mod bench;
mod build;
mod dev_vars;
mod report;
mod run;
mod schemathesis;
mod stamp;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::run(),
        Some("test") => test::test(),
        Some("build") => tools::ensure(false).and_then(|t| build::build(&t)),
        Some("bench") => bench::bench(),
        _ => {
            eprintln!("usage: cargo xtask <run|test|build|bench>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Runs a command in the workspace root, inheriting output; fails on a non-zero exit.
pub fn sh(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir_if_unset()
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

trait CurrentDir {
    fn current_dir_if_unset(&mut self) -> &mut Self;
}

impl CurrentDir for Command {
    fn current_dir_if_unset(&mut self) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(root());
        }
        self
    }
}

pub fn step(name: &str) {
    println!("\n==> {name}");
}
