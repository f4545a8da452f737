//! `cargo xtask test`: every check and test (rustfmt, clippy native and wasm32, native
//! tests, the HTTP and browser suites, schemathesis), ending with `N passed, N failed`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::build::{WORKER_SCRIPTS, build};
use crate::report::{count_before, tap_failures, tap_totals};
use crate::{Result, root, schemathesis, sh, step, tools};

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

pub fn test() -> Result {
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
            "convene-worker",
            "--",
            "-D",
            "warnings",
        ])),
    );
    // The widget alone, as `build` compiles it: its graph has no std (with the others', it
    // would, and its panic handler would clash with std's).
    step("clippy (wasm32, the registration widget)");
    tally.check(
        "clippy wasm32 widget",
        sh(Command::new("cargo").args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "convene-widget",
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
    let (passed, failed) = tap_totals(&report);
    if !status.success() && failed == 0 {
        return Err(format!("node --test {dir} failed ({status})"));
    }
    Ok(NodeResult {
        passed,
        failed,
        details: tap_failures(&report),
    })
}
