//! `cargo xtask bench`: the release build, then `bench/run.mjs` (Convene against a baseline
//! worker under wrk, and the download sizes).

use std::process::Command;

use crate::build::{build, worker_build};
use crate::{Result, root, sh, step, tools};

pub fn bench() -> Result {
    // Chromium measures the SPA's first load (bench/first-load.mjs).
    let tools = tools::ensure(true)?;
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
