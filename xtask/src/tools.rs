//! Installs what the build and the tests need, once, and finds it afterwards.
//!
//! Nothing is downloaded from outside the package registries: cargo tools come from
//! crates.io, JavaScript tools (wrangler with workerd and esbuild, binaryen's wasm-opt,
//! playwright-core, axe-core) from npm, Chromium from Debian.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, root, sh, step};

/// worker-build's version; its output format must match the `worker` crate (0.8.x).
const WORKER_BUILD_VERSION: &str = "0.8.7";

/// wasm_split_cli_support's version: the splitter of Leptos's `#[lazy]` functions, paired
/// with the `wasm_split_helpers` runtime that Leptos 0.8 depends on.
const WASM_SPLIT_VERSION: &str = "0.2.4";

pub struct Tools {
    pub wasm_bindgen: PathBuf,
    pub worker_build: PathBuf,
    pub wasm_split: PathBuf,
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
    pub wrangler: PathBuf,
}

/// Makes sure every tool is installed; `browser` adds Debian's chromium for the tests.
pub fn ensure(browser: bool) -> Result<Tools> {
    let cargo_bin = cargo_home().join("bin");
    wasm_target()?;
    let bindgen_version = lock_version("wasm-bindgen")?;
    let wasm_bindgen = cargo_bin.join("wasm-bindgen");
    if version_of(&wasm_bindgen).as_deref() != Some(bindgen_version.as_str()) {
        step(&format!(
            "install wasm-bindgen-cli {bindgen_version} (once, ~5 min)"
        ));
        // Not --locked: one of its locked dependencies is no longer in the index.
        sh(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &bindgen_version,
        ]))?;
    }
    let worker_build = cargo_bin.join("worker-build");
    if version_of(&worker_build).as_deref() != Some(WORKER_BUILD_VERSION) {
        step(&format!(
            "install worker-build {WORKER_BUILD_VERSION} (once, ~7 min)"
        ));
        sh(Command::new("cargo").args([
            "install",
            "worker-build",
            "--version",
            WORKER_BUILD_VERSION,
            "--locked",
        ]))?;
    }
    let wasm_split = cargo_bin.join("wasm-split-cli");
    if installed_version("wasm_split_cli_support").as_deref() != Some(WASM_SPLIT_VERSION) {
        step(&format!(
            "install wasm_split_cli_support {WASM_SPLIT_VERSION} (once, ~1 min)"
        ));
        sh(Command::new("cargo").args([
            "install",
            "wasm_split_cli_support",
            "--version",
            WASM_SPLIT_VERSION,
            "--features",
            "build-binary",
            "--locked",
        ]))?;
    }
    npm_packages()?;
    if browser {
        chromium()?;
    }
    let bin = root().join("node_modules/.bin");
    Ok(Tools {
        wasm_bindgen,
        worker_build,
        wasm_split,
        wasm_opt: bin.join("wasm-opt"),
        esbuild: bin.join("esbuild"),
        wrangler: bin.join("wrangler"),
    })
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

fn wasm_target() -> Result {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("install the wasm32-unknown-unknown target");
    sh(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The version of `package` that Cargo.lock pins (wasm-bindgen's CLI must equal it).
pub fn lock_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let header = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == header
            && let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
        {
            return Ok(version.to_string());
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

/// The version a tool prints for `--version` ("wasm-bindgen 0.2.130" -> "0.2.130").
fn version_of(tool: &Path) -> Option<String> {
    let output = Command::new(tool).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.split_whitespace().last().map(str::to_string)
}

/// The version of the crate `name` that `cargo install` put in place, if any (for a tool
/// without `--version`).
fn installed_version(name: &str) -> Option<String> {
    let output = Command::new("cargo")
        .args(["install", "--list"])
        .output()
        .ok()?;
    let prefix = format!("{name} v");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| {
            line.strip_prefix(&prefix)?
                .strip_suffix(':')
                .map(str::to_string)
        })
}

fn npm_packages() -> Result {
    let root = root();
    let installed = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let fresh = matches!((modified(&installed), modified(&lock)), (Some(i), Some(l)) if i >= l);
    if fresh && root.join("node_modules/.bin/wrangler").exists() {
        return Ok(());
    }
    step("install npm packages (wrangler, binaryen, playwright-core, axe-core)");
    sh(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn chromium() -> Result {
    debian_package("chromium", "/usr/bin/chromium")
}

/// Installs Debian package `name` unless `installed` exists.
pub fn debian_package(name: &str, installed: &str) -> Result {
    if Path::new(installed).exists() {
        return Ok(());
    }
    step(&format!("install Debian {name}"));
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut cmd = if root_user {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        sh(&mut cmd)
    };
    apt(&["update"])?;
    apt(&["install", "-y", "--no-install-recommends", name])
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_lock_file_pins_wasm_bindgen() {
        let version = super::lock_version("wasm-bindgen").expect("in Cargo.lock");
        assert!(version.starts_with("0.2."), "{version}");
        assert!(super::lock_version("no-such-package").is_err());
    }
}
