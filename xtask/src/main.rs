//! Convene's task runner. `cargo xtask <command>`:
//!
//! - `run`   build everything and start Convene locally (SPA + API on 127.0.0.1:8787)
//! - `test`  every check and test, ending with `N passed, N failed`
//! - `build` build the SPA into `dist/` and the worker's two scripts into `worker/build/`
//!   (release)
//!
//! Each command first installs what is missing (wasm32 target, wasm-bindgen-cli at the
//! lock file's version, worker-build, npm packages, Debian chromium for tests) and skips
//! what is already there. Only the standard library is used, so this builds in seconds.

mod schemathesis;
mod tools;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use tools::Tools;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("build") => tools::ensure(false).and_then(|t| build(&t)),
        Some("bench") => bench(),
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

fn step(name: &str) {
    println!("\n==> {name}");
}

// ---------------------------------------------------------------------------------------
// build

fn build(tools: &Tools) -> Result {
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
    web_module(tools, "convene_widget", &dist.join("widget"), "widget")?;
    copy_file(&root.join("app/index.html"), &dist.join("index.html"))?;
    copy_file(
        &root.join("widget/convene-registration.js"),
        &dist.join("widget/convene-registration.js"),
    )?;
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
const WORKER_SCRIPTS: [&str; 2] = ["api", "objects"];

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
fn worker_build(tools: &Tools, dir: &Path, out_dir: &str) -> Command {
    let mut cmd = Command::new(&tools.worker_build);
    cmd.args(["--release", "--out-dir", out_dir])
        .current_dir(dir)
        .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
        .env("WASM_OPT_BIN", &tools.wasm_opt)
        .env("ESBUILD_BIN", &tools.esbuild);
    cmd
}

/// What a build step's output was made from: the input's size and a hash of its bytes, and a
/// variant of the step. By content, not time: the worker's two scripts share cargo's output
/// path, so cargo relinks each in turn, to the same bytes when nothing changed.
fn source_stamp(input: &Path, variant: &str) -> Option<String> {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(input).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(format!(
        "{} {:016x} {variant}",
        bytes.len(),
        hasher.finish()
    ))
}

/// True when the output recorded by `stamp` was made from `input` as it is now.
fn up_to_date(stamp: &Path, input: &Path, variant: &str) -> bool {
    let recorded = std::fs::read_to_string(stamp).ok();
    recorded.is_some() && recorded == source_stamp(input, variant)
}

fn write_stamp(stamp: &Path, input: &Path, variant: &str) -> Result {
    let text =
        source_stamp(input, variant).ok_or_else(|| format!("{}: no metadata", input.display()))?;
    std::fs::write(stamp, text).map_err(|e| format!("{}: {e}", stamp.display()))
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

// ---------------------------------------------------------------------------------------
// bench

/// Release build, then `bench/run.mjs`: Convene against a baseline worker under wrk.
fn bench() -> Result {
    let tools = tools::ensure(false)?;
    tools::debian_package("wrk", "/usr/bin/wrk")?;
    build(&tools)?;
    step("build the bench's calibration worker (bench/rust-floor)");
    sh(&mut worker_build(
        &tools,
        &root().join("bench/rust-floor"),
        "build",
    ))?;
    step("benchmark (Events API vs baseline)");
    sh(Command::new("node").arg("bench/run.mjs"))
}

// ---------------------------------------------------------------------------------------
// run

/// Port of the local ON24 simulator started by `run`, and the credentials it accepts.
const SIM_PORT: u16 = 8788;
const SIM_CREDENTIALS: [&str; 3] = ["10000", "local-access-key", "local-access-secret"];

fn run() -> Result {
    let tools = tools::ensure(false)?;
    build(&tools)?;
    step("build the ON24 simulator");
    sh(Command::new("cargo").args(["build", "--release", "-p", "on24-sim"]))?;
    let password = dev_vars()?;
    step("start the ON24 simulator and Convene");
    let [client_id, key, secret] = SIM_CREDENTIALS;
    let mut sim = Command::new(root().join("target/release/on24-sim"))
        .args(["--port", &SIM_PORT.to_string()])
        .args(["--client-id", client_id, "--key", key, "--secret", secret])
        .spawn()
        .map_err(|e| format!("on24-sim: {e}"))?;
    println!("Convene: http://127.0.0.1:8787");
    match password {
        Some(p) => println!("Sign in as `admin` with the new password {p} (kept in .dev.vars)."),
        None => println!("Sign in as `admin` with ADMIN_PASSWORD from .dev.vars."),
    }
    println!(
        "ON24 simulator: http://127.0.0.1:{SIM_PORT}/v2 (ON24's empty base URL points here); \
         credentials: client ID {client_id}, access token key {key}, secret {secret}."
    );
    let result = sh(Command::new(&tools.wrangler)
        // The API worker (served) and the objects' script, in one workerd.
        .args(["dev", "-c", "wrangler.toml", "-c", "wrangler.objects.toml"])
        .args(["--ip", "127.0.0.1", "--port", "8787"])
        .args([
            "--var",
            &format!("ON24_BASE_URL:http://127.0.0.1:{SIM_PORT}/v2"),
        ])
        .env("WRANGLER_SEND_METRICS", "false"));
    let _ = sim.kill();
    let _ = sim.wait();
    result
}

/// Adds what is missing to `.dev.vars` (git-ignored): a random administrator password and
/// a credentials keyring with one random key. Returns a new password so it is printed once.
fn dev_vars() -> Result<Option<String>> {
    let path = root().join(".dev.vars");
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        "# Local secrets for `wrangler dev` (git-ignored). Production: `wrangler secret put`.\n"
            .to_string()
    });
    let has = |text: &str, name: &str| text.lines().any(|l| l.starts_with(&format!("{name}=")));
    let mut new_password = None;
    if !has(&text, "ADMIN_PASSWORD") {
        let password = random_token(18)?;
        text.push_str(&format!("ADMIN_PASSWORD=\"{password}\"\n"));
        new_password = Some(password);
    }
    if !has(&text, "CREDENTIALS_KEYRING") {
        let key = hex(&random_bytes(32)?);
        text.push_str(&format!(
            "CREDENTIALS_KEYRING='{{\"current\":\"k1\",\"keys\":{{\"k1\":\"{key}\"}}}}'\n"
        ));
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(new_password)
}

fn random_bytes(n: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("/dev/urandom: {e}"))?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `len` random characters from an unambiguous alphanumeric alphabet (OS CSPRNG).
fn random_token(len: usize) -> Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    // Rejection sampling keeps every character equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for b in random_bytes(len)? {
            if (b as usize) < limit && out.len() < len {
                out.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// test

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, name: &str, result: Result) {
        match result {
            Ok(()) => self.passed += 1,
            Err(e) => {
                self.failed += 1;
                self.failures.push(format!("{name}: {e}"));
            }
        }
    }
}

fn test() -> Result {
    let started = Instant::now();
    let tools = tools::ensure(true)?;
    let mut tally = Tally::default();

    step("rustfmt");
    tally.check(
        "rustfmt",
        sh(Command::new("cargo").args(["fmt", "--all", "--check"])),
    );

    step("clippy (native)");
    tally.check(
        "clippy native",
        sh(Command::new("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])),
    );

    step("clippy (wasm32)");
    tally.check(
        "clippy wasm32",
        sh(Command::new("cargo").args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "convene-types",
            "-p",
            "convene-app",
            "-p",
            "convene-widget",
            "-p",
            "convene-worker",
            "--",
            "-D",
            "warnings",
        ])),
    );
    // Each script of the worker alone, as `build` compiles it: code only the other script
    // uses is allowed to be dead there, nothing else.
    for script in WORKER_SCRIPTS {
        step(&format!("clippy (wasm32, the worker's {script} script)"));
        tally.check(
            &format!("clippy wasm32 {script}"),
            sh(Command::new("cargo").args([
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "convene-worker",
                "--no-default-features",
                "--features",
                script,
                "--",
                "-D",
                "warnings",
            ])),
        );
    }

    step("native tests");
    match cargo_tests() {
        Ok((passed, failed)) => {
            tally.passed += passed;
            tally.failed += failed;
            if failed > 0 {
                tally.failures.push(format!("{failed} native tests failed"));
            }
        }
        Err(e) => tally.check("native tests", Err(e)),
    }

    let built = build(&tools).and_then(|()| {
        step("build the ON24 simulator");
        sh(Command::new("cargo").args(["build", "-p", "on24-sim"]))
    });
    match built {
        Err(e) => tally.check("build", Err(e)),
        Ok(()) => {
            for (suite, dir) in [
                ("HTTP integration tests (workerd)", "tests/http"),
                ("browser tests (headless Chromium)", "tests/browser"),
            ] {
                step(suite);
                match node_tests(dir) {
                    Ok(NodeResult {
                        passed,
                        failed,
                        details,
                    }) => {
                        tally.passed += passed;
                        tally.failed += failed;
                        if failed > 0 {
                            tally.failures.push(format!("{failed} failed in {dir}"));
                            tally.failures.extend(details);
                        }
                    }
                    Err(e) => tally.check(dir, Err(e)),
                }
            }
            tally.check("schemathesis", schemathesis::run());
        }
    }

    println!();
    for failure in &tally.failures {
        println!("FAILED: {failure}");
    }
    println!("test command took {:.0} s", started.elapsed().as_secs_f64());
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 {
        Ok(())
    } else {
        Err("some checks failed".into())
    }
}

/// Runs `cargo test` for the workspace, echoing its output, and sums its result lines.
fn cargo_tests() -> Result<(usize, usize)> {
    let mut child = Command::new("cargo")
        .args(["test", "--workspace", "--color", "never"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cargo test: {e}"))?;
    let (mut passed, mut failed) = (0, 0);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::io::Result::ok)
        {
            println!("{line}");
            if let Some(rest) = line.strip_prefix("test result: ") {
                passed += count_before(rest, " passed");
                failed += count_before(rest, " failed");
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() && failed == 0 {
        return Err(format!("cargo test failed ({status})"));
    }
    Ok((passed, failed))
}

/// The number just before `label` in "ok. 12 passed; 0 failed; ...".
fn count_before(text: &str, label: &str) -> usize {
    text.find(label)
        .and_then(|end| text[..end].rsplit([' ', '.']).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

struct NodeResult {
    passed: usize,
    failed: usize,
    /// Each failing test with its assertion, repeated at the end of the run so that the
    /// tail of a CI log says what failed.
    details: Vec<String>,
}

/// Runs the Node test files under `dir` (they start their own servers) and reads the
/// totals from a TAP report written beside the human-readable one.
fn node_tests(dir: &str) -> Result<NodeResult> {
    let root = root();
    let tap = root
        .join("target")
        .join(format!("{}.tap", dir.replace('/', "-")));
    let status = Command::new("node")
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
            "--test-reporter=tap",
        ])
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .arg(dir)
        .current_dir(&root)
        .status()
        .map_err(|e| format!("node --test: {e}"))?;
    let report = std::fs::read_to_string(&tap).map_err(|e| format!("{}: {e}", tap.display()))?;
    let total = |label: &str| {
        report
            .lines()
            .filter_map(|l| l.strip_prefix(label))
            .filter_map(|n| n.trim().parse::<usize>().ok())
            .next_back()
            .unwrap_or(0)
    };
    let (passed, failed) = (total("# pass "), total("# fail "));
    if !status.success() && failed == 0 {
        return Err(format!("node --test {dir} failed ({status})"));
    }
    Ok(NodeResult {
        passed,
        failed,
        details: tap_failures(&report),
    })
}

/// The failing tests of a TAP report (not the suites that fail because of them), each as
/// its `not ok` line and its diagnostics without the stack and timing.
fn tap_failures(report: &str) -> Vec<String> {
    const LEAVE_OUT: [&str; 3] = ["duration_ms:", "stack:", "failureType:"];
    let mut failures = Vec::new();
    let mut lines = report.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with("not ok ") {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let mut text = trimmed.to_string();
        let mut suite = false;
        let mut in_stack = false;
        // The diagnostics block: indented deeper than the `not ok` line, ending with `...`.
        while let Some(next) = lines.next_if(|l| {
            let body = l.trim_start();
            l.len() - body.len() > indent
                && !body.starts_with("not ok ")
                && !body.starts_with("ok ")
        }) {
            let body = next.trim_start();
            if body == "---" || body == "..." {
                continue;
            }
            suite |= body == "failureType: 'subtestsFailed'";
            if LEAVE_OUT.iter().any(|p| body.starts_with(p)) {
                in_stack = body.starts_with("stack:");
                continue;
            }
            // Continuation lines of a multi-line field sit deeper than the field names.
            let field = body.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            if field {
                in_stack = false;
            }
            if !in_stack {
                text.push_str("\n    ");
                text.push_str(body);
            }
        }
        if !suite {
            failures.push(text);
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_result_lines() {
        let line = "ok. 12 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(count_before(line, " passed"), 12);
        assert_eq!(count_before(line, " failed"), 3);
        assert_eq!(count_before("FAILED. 0 passed; 1 failed;", " passed"), 0);
        assert_eq!(count_before("nothing here", " passed"), 0);
    }

    #[test]
    fn tap_failures_keep_the_assertion_and_skip_suites_and_stacks() {
        let report = "\
TAP version 13
# Subtest: grp
    # Subtest: fails
    not ok 1 - fails
      ---
      duration_ms: 0.96
      location: '/tmp/t.test.cjs:2:25'
      failureType: 'testCodeFailure'
      error: 'one is not two'
      expected: 2
      actual: 1
      stack: |-
        TestContext.<anonymous> (/tmp/t.test.cjs:2:52)
        Test.run (node:internal/test_runner/test:796:25)
      ...
    # Subtest: ok
    ok 2 - ok
      ---
      duration_ms: 0.08
      ...
    1..2
not ok 1 - grp
  ---
  duration_ms: 1.9
  type: 'suite'
  failureType: 'subtestsFailed'
  error: '1 subtest failed'
  ...
1..1
# pass 1
# fail 1
";
        assert_eq!(
            tap_failures(report),
            vec![
                "not ok 1 - fails\n    location: '/tmp/t.test.cjs:2:25'\n    \
                 error: 'one is not two'\n    expected: 2\n    actual: 1"
            ]
        );
        assert!(tap_failures("ok 1 - fine\n# pass 1\n").is_empty());
    }

    #[test]
    fn a_stamp_holds_until_the_input_or_the_variant_changes() {
        let dir = std::env::temp_dir().join(format!("xtask-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (input, stamp) = (dir.join("in.wasm"), dir.join("out.stamp"));
        std::fs::write(&input, "one").expect("input");
        assert!(!up_to_date(&stamp, &input, ""), "no stamp yet");
        write_stamp(&stamp, &input, "").expect("stamp");
        assert!(up_to_date(&stamp, &input, ""));
        assert!(!up_to_date(&stamp, &input, "names"), "another variant");
        // Another size (cargo putting back an older artifact changes size or mtime).
        std::fs::write(&input, "other").expect("input");
        assert!(!up_to_date(&stamp, &input, ""));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn random_tokens_use_the_alphabet() {
        let token = random_token(32).expect("urandom");
        assert_eq!(token.len(), 32);
        assert!(token.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(token, random_token(32).expect("urandom"));
    }
}
