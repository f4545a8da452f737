//! `cargo xtask build`: the SPA and the registration widget into `dist/`, the worker's two
//! scripts into `worker/build/<script>/` (release). A step whose input did not change since
//! its last run is skipped (`stamp`).

use std::path::Path;
use std::process::Command;

use crate::stamp::{up_to_date, write_stamp};
use crate::tools::Tools;
use crate::{Result, root, sh, step};

pub fn build(tools: &Tools) -> Result {
    build_spa(tools)?;
    build_worker(tools)
}

const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

fn build_spa(tools: &Tools) -> Result {
    step("build the SPA and the registration widget (release, wasm32)");
    let root = root();
    // One cargo invocation for both: the dependencies they share are compiled once.
    sh(Command::new("cargo").args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "convene-app",
        "-p",
        "convene-widget",
    ]))?;
    let dist = root.join("dist");
    web_module(tools, "convene_app", &dist.join("pkg"), "spa")?;
    let widget = dist.join("widget");
    web_module(tools, "convene_widget", &widget, "widget")?;
    // Other sites download the widget: its two scripts (wasm-bindgen's glue and the page
    // script) are minified, 3.2 KB gzip less (measured, of 7.5 KB).
    let glue = widget.join("convene_widget.js");
    minify(tools, &glue, &glue)?;
    minify(
        tools,
        &root.join("widget/convene-registration.js"),
        &widget.join("convene-registration.js"),
    )?;
    copy_file(&root.join("app/index.html"), &dist.join("index.html"))?;
    // The static assets' headers: the widget is loaded from other origins (CORS).
    copy_file(&root.join("widget/_headers"), &dist.join("_headers"))?;
    copy_dir(&root.join("style"), &dist.join("style"))
}

/// wasm-bindgen (`--target web`) and wasm-opt of cargo's `<name>.wasm` into `out_dir`,
/// unless it is unchanged since the last build.
fn web_module(tools: &Tools, name: &str, out_dir: &Path, stamp_name: &str) -> Result {
    let root = root();
    let wasm = root.join(format!("target/wasm32-unknown-unknown/release/{name}.wasm"));
    let out = out_dir.join(format!("{name}_bg.wasm"));
    let stamp = root.join(format!("target/{stamp_name}-build.stamp"));
    if up_to_date(&stamp, &wasm, "") && out.exists() {
        println!("{name} wasm unchanged; keeping {}", out.display());
        return Ok(());
    }
    sh(Command::new(&tools.wasm_bindgen)
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(out_dir)
        .arg(&wasm))?;
    sh(Command::new(&tools.wasm_opt)
        .args(["-Oz", "--strip-debug", "--strip-producers"])
        .args(WASM_OPT_FEATURES)
        .arg(&out)
        .arg("-o")
        .arg(&out))?;
    write_stamp(&stamp, &wasm, "")
}

/// The worker crate's two scripts (see worker/Cargo.toml): each is built with only its
/// cargo feature, into `worker/build/<feature>/`.
pub const WORKER_SCRIPTS: [&str; 2] = ["api", "objects"];

fn build_worker(tools: &Tools) -> Result {
    WORKER_SCRIPTS
        .iter()
        .try_for_each(|script| build_worker_script(tools, script))
}

fn build_worker_script(tools: &Tools, script: &str) -> Result {
    step(&format!(
        "build the worker's {script} script (release, workers-rs)"
    ));
    let root = root();
    let features = ["--no-default-features", "--features", script];
    // worker-build always re-runs wasm-bindgen and wasm-opt; skip it when cargo's output
    // did not change since this script's last build (cargo relinks the crate whenever the
    // feature changes, to the same bytes: the stamp compares content).
    sh(Command::new("cargo")
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "convene-worker",
        ])
        .args(features))?;
    let wasm = root.join("target/wasm32-unknown-unknown/release/convene_worker.wasm");
    let out_dir = format!("build/{script}");
    let dir = root.join("worker").join(&out_dir);
    let out = dir.join("index_bg.wasm");
    // CONVENE_WASM_NAMES=1 keeps the function names, for `bench/profile.mjs`; the stamp
    // records it, so the next ordinary build replaces that bigger artifact.
    let keep_names = std::env::var_os("CONVENE_WASM_NAMES").is_some();
    let variant = if keep_names { "names" } else { "" };
    let stamp = root.join(format!("target/worker-build-{script}.stamp"));
    if up_to_date(&stamp, &wasm, variant) && out.exists() && dir.join("index.js").exists() {
        println!("{script} wasm unchanged; keeping {}", out.display());
        return Ok(());
    }
    sh(worker_build(tools, &root.join("worker"), &out_dir).args(features))?;
    // Size over speed, without the names section worker-build would keep (see
    // worker/Cargo.toml); exception handling is used by wasm-bindgen's catch wrappers.
    let strip: &[&str] = if keep_names {
        &["--debuginfo"]
    } else {
        &["--strip-debug", "--strip-producers"]
    };
    sh(Command::new(&tools.wasm_opt)
        .arg("-Oz")
        .args(strip)
        .args(WASM_OPT_FEATURES)
        .arg("--enable-exception-handling")
        .arg(&out)
        .arg("-o")
        .arg(&out))?;
    write_stamp(&stamp, &wasm, variant)
}

/// worker-build's release build of the crate in `dir` into `dir/out_dir`, with the tools
/// installed here (it would download them otherwise).
pub fn worker_build(tools: &Tools, dir: &Path, out_dir: &str) -> Command {
    let mut cmd = Command::new(&tools.worker_build);
    cmd.args(["--release", "--out-dir", out_dir])
        .current_dir(dir)
        .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
        .env("WASM_OPT_BIN", &tools.wasm_opt)
        .env("ESBUILD_BIN", &tools.esbuild);
    cmd
}

/// The ES module `from`, minified by esbuild into `to` (which may be `from`).
fn minify(tools: &Tools, from: &Path, to: &Path) -> Result {
    sh(Command::new(&tools.esbuild)
        .args([
            "--minify",
            "--format=esm",
            "--log-level=warning",
            "--allow-overwrite",
        ])
        .arg(from)
        .arg(format!("--outfile={}", to.display())))
}

fn copy_file(from: &Path, to: &Path) -> Result {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {} -> {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            copy_file(&path, &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
