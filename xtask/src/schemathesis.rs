//! Schemathesis against the live Events and admin APIs: installs schemathesis from PyPI into
//! a venv (`target/schemathesis-venv`, once, every package pinned in
//! `tests/schemathesis/requirements.txt`), then runs `tests/schemathesis/run.mjs`, which
//! starts a worker, seeds it and runs schemathesis against each OpenAPI document the worker
//! serves: the Events API's with a valid token and origin, the admin API's with a signed-in
//! session and the site's own origin. Its output, summaries included, goes to the test
//! output; the whole step is one check in the tally.

use std::process::Command;
use std::time::Instant;

use crate::{Result, root, sh, step, tools};

/// The schemathesis release the requirements pin (checked by a test below).
pub const VERSION: &str = "4.32.5";
const REQUIREMENTS: &str = "tests/schemathesis/requirements.txt";
const VENV: &str = "target/schemathesis-venv";
/// Written into the venv after a successful install: the requirements it was made from.
const STAMP: &str = ".convene-requirements";
/// Debian's interpreter, not a pyenv shim, so the venv does not depend on a user's setup.
const PYTHON: &str = "/usr/bin/python3";

/// Installs schemathesis if needed and runs it; fails if it found problems.
pub fn run() -> Result {
    install()?;
    step(&format!(
        "schemathesis {VERSION} against the Events and admin APIs (workerd)"
    ));
    let started = Instant::now();
    let result = sh(Command::new("node").arg("tests/schemathesis/run.mjs"));
    println!(
        "schemathesis step took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    result.map_err(|e| format!("schemathesis found problems or could not run: {e}"))
}

fn install() -> Result {
    let root = root();
    let venv = root.join(VENV);
    let requirements_path = root.join(REQUIREMENTS);
    let requirements = std::fs::read_to_string(&requirements_path)
        .map_err(|e| format!("{}: {e}", requirements_path.display()))?;
    let stamp = venv.join(STAMP);
    let installed = std::fs::read_to_string(&stamp).unwrap_or_default();
    if installed == requirements && venv.join("bin/schemathesis").exists() {
        return Ok(());
    }
    step(&format!(
        "install schemathesis {VERSION} from PyPI into {VENV} (once)"
    ));
    if !venv.join("bin/pip").exists() {
        // Debian's python3 makes venvs only with python3-venv (ensurepip).
        tools::debian_package("python3-venv", "/usr/share/doc/python3-venv")?;
        if venv.exists() {
            std::fs::remove_dir_all(&venv).map_err(|e| format!("{}: {e}", venv.display()))?;
        }
        sh(Command::new(PYTHON).args(["-m", "venv"]).arg(&venv))?;
    }
    sh(Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--require-virtualenv",
            "-r",
        ])
        .arg(&requirements_path))?;
    std::fs::write(&stamp, requirements).map_err(|e| format!("{}: {e}", stamp.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_requirements_pin_this_version_and_every_package() {
        let text = std::fs::read_to_string(root().join(REQUIREMENTS)).expect("requirements");
        let pinned = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("schemathesis=="));
        assert_eq!(pinned, Some(VERSION));
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            assert!(line.contains("=="), "not pinned exactly: {line}");
        }
    }
}
