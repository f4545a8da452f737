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
    // The widget first: the dependencies it shares with the SPA are then compiled once.
    sh(Command::new("cargo")
        .args(WASM_RELEASE)
        .args(["-p", "convene-widget"]))?;
    // The SPA's binary keeps its relocations (`--emit-relocs`), which wasm-split needs to
    // cut it at its `#[wasm_split]` functions; `cargo rustc` passes the linker flag to
    // this binary only, so no dependency is rebuilt for it.
    sh(Command::new("cargo")
        .arg("rustc")
        .args(&WASM_RELEASE[1..])
        .args(["-p", "convene-app", "--bin", "convene_app", "--"])
        .args(["-C", "link-arg=--emit-relocs"]))?;
    let dist = root.join("dist");
    let version = spa_module(tools, &dist.join("pkg"))?;
    widget_module(tools, &dist.join("widget"))?;
    let index = std::fs::read_to_string(root.join("app/index.html"))
        .map_err(|e| format!("app/index.html: {e}"))?;
    std::fs::write(
        dist.join("index.html"),
        index.replace("/pkg/", &format!("/pkg/{version}/")),
    )
    .map_err(|e| format!("dist/index.html: {e}"))?;
    // The static assets' headers: the widget is loaded from other origins (CORS).
    copy_file(&root.join("widget/_headers"), &dist.join("_headers"))?;
    copy_dir(&root.join("style"), &dist.join("style"))
}

/// The registration widget into `widget/`: its WASM, and one script, the page script with
/// wasm-bindgen's glue and the minified style sheet bundled in, minified. Other sites
/// download it, so every byte counts: minifying saved 3.2 KB gzip of 7.5, and one file
/// instead of two 0.3 KB more (and a request). wasm-bindgen's output stays in
/// `target/widget/`, where the bundler finds the glue and the style sheet beside a copy of
/// the page script.
fn widget_module(tools: &Tools, widget: &Path) -> Result {
    let root = root();
    let staged = root.join("target/widget");
    web_module(tools, "convene_widget", &staged, "widget")?;
    let wasm = "convene_widget_bg.wasm";
    copy_file(&staged.join(wasm), &widget.join(wasm))?;
    let style = "widget.css";
    sh(Command::new(&tools.esbuild)
        .args(["--minify", "--log-level=warning"])
        .arg(root.join("widget").join(style))
        .arg(format!("--outfile={}", staged.join(style).display())))?;
    let script = "convene-registration.js";
    copy_file(&root.join("widget").join(script), &staged.join(script))?;
    sh(Command::new(&tools.esbuild)
        .args([
            "--bundle",
            "--minify",
            "--format=esm",
            "--log-level=warning",
        ])
        .arg("--loader:.css=text")
        .arg(staged.join(script))
        .arg(format!("--outfile={}", widget.join(script).display())))
}

/// `cargo build --release --target wasm32-unknown-unknown`.
const WASM_RELEASE: [&str; 4] = ["build", "--release", "--target", "wasm32-unknown-unknown"];

/// The SPA into `pkg/<version>/`, cut into its first load and one chunk per lazily loaded
/// page (see ARCHITECTURE.md, Route splitting): wasm-split cuts cargo's `convene_app.wasm`
/// into `convene_app.wasm` and `split_*.wasm`/`chunk_*.wasm` pieces with the
/// `__wasm_split.js` that loads them; wasm-bindgen makes the first piece's glue (keeping the
/// exports the chunks link to); wasm-opt shrinks every piece; esbuild minifies both scripts.
///
/// The pieces of one build only fit each other, so each build has its own folder, named by
/// a hash of cargo's output: an app still open from before a deployment cannot fetch a
/// chunk of the new build (its fetch fails and the page offers to try again) and a cached
/// piece is never mixed with another build's. Returns `<version>`.
fn spa_module(tools: &Tools, pkg: &Path) -> Result<String> {
    let root = root();
    let wasm = root.join("target/wasm32-unknown-unknown/release/convene_app.wasm");
    let version = content_version(&wasm)?;
    let out_dir = &pkg.join(&version);
    let stamp = root.join("target/spa-build.stamp");
    if up_to_date(&stamp, &wasm, "split") && out_dir.join("convene_app_bg.wasm").exists() {
        println!("convene_app wasm unchanged; keeping {}", out_dir.display());
        return Ok(version);
    }
    let split = root.join("target/spa-split");
    for dir in [&split, pkg] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    sh(Command::new(&tools.wasm_split)
        .arg(&wasm)
        .arg(&split)
        .args(["--out-name", "convene_app"]))?;
    sh(Command::new(&tools.wasm_bindgen)
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
        .arg("--out-dir")
        .arg(out_dir)
        .arg(split.join("convene_app.wasm")))?;
    let pieces = files_ending(&split, ".wasm")?
        .into_iter()
        .map(|piece| {
            let name = piece
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .to_string();
            if name == "convene_app.wasm" {
                let bound = out_dir.join("convene_app_bg.wasm");
                (bound.clone(), bound)
            } else {
                (piece, out_dir.join(name))
            }
        })
        .collect::<Vec<_>>();
    // A page's shared chunks are many small files; binaryen's wasm-opt (from npm) takes
    // about 0.7 s to start, so they are shrunk on every core at once.
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let next = std::sync::Mutex::new(pieces.iter());
    std::thread::scope(|scope| {
        let runs = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result {
                    while let Some((from, to)) = next.lock().expect("not poisoned").next() {
                        wasm_opt(tools, from, to)?;
                    }
                    Ok(())
                })
            })
            .collect::<Vec<_>>();
        runs.into_iter().try_for_each(|run| {
            run.join()
                .map_err(|_| "wasm-opt worker panicked".to_string())?
        })
    })?;
    minify(
        tools,
        &split.join("__wasm_split.js"),
        &out_dir.join("__wasm_split.js"),
    )?;
    let glue = out_dir.join("convene_app.js");
    minify(tools, &glue, &glue)?;
    write_stamp(&stamp, &wasm, "split")?;
    Ok(version)
}

/// 16 hex digits that change with the bytes of `file`.
fn content_version(file: &Path) -> Result<String> {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Ok(format!("{:016x}", hasher.finish()))
}

/// The files in `dir` whose names end with `suffix`.
fn files_ending(dir: &Path, suffix: &str) -> Result<Vec<std::path::PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.to_string_lossy().ends_with(suffix) {
            files.push(path);
        }
    }
    Ok(files)
}

fn wasm_opt(tools: &Tools, from: &Path, to: &Path) -> Result {
    sh(Command::new(&tools.wasm_opt)
        .args(["-Oz", "--strip-debug", "--strip-producers"])
        .args(WASM_OPT_FEATURES)
        .arg(from)
        .arg("-o")
        .arg(to))
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
    wasm_opt(tools, &out, &out)?;
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
