//! `cargo xtask run`: builds everything, then starts the local ON24 simulator and Convene
//! (the SPA and the API on 127.0.0.1:8787) under `wrangler dev`, until Ctrl-C.

use std::process::Command;

use crate::build::build;
use crate::{Result, dev_vars, root, sh, step, tools};

/// Where Convene is served.
const PORT: u16 = 8787;
/// Port of the local ON24 simulator, and the credentials it accepts.
const SIM_PORT: u16 = 8788;
const SIM_CREDENTIALS: [&str; 3] = ["10000", "local-access-key", "local-access-secret"];

pub fn run() -> Result {
    let tools = tools::ensure(false)?;
    build(&tools)?;
    step("build the ON24 simulator");
    sh(Command::new("cargo").args(["build", "--release", "-p", "on24-sim"]))?;
    let password = dev_vars::ensure()?;
    step("start the ON24 simulator and Convene");
    let [client_id, key, secret] = SIM_CREDENTIALS;
    let mut sim = Command::new(root().join("target/release/on24-sim"))
        .args(["--port", &SIM_PORT.to_string()])
        .args(["--client-id", client_id, "--key", key, "--secret", secret])
        .spawn()
        .map_err(|e| format!("on24-sim: {e}"))?;
    println!("Convene: http://127.0.0.1:{PORT}");
    match password {
        Some(p) => println!("Sign in as `admin` with the new password {p} (kept in .dev.vars)."),
        None => println!("Sign in as `admin` with ADMIN_PASSWORD from .dev.vars."),
    }
    println!(
        "ON24 simulator: http://127.0.0.1:{SIM_PORT}/v2 (ON24's empty base URL points here); \
         credentials: client ID {client_id}, access token key {key}, secret {secret}."
    );
    let result = sh(Command::new(&tools.wrangler)
        .args(wrangler_args())
        .env("WRANGLER_SEND_METRICS", "false"));
    let _ = sim.kill();
    let _ = sim.wait();
    result
}

/// `wrangler dev`'s arguments: the API worker (served) and the objects' script in one
/// workerd; the vars go to the API worker (`--var` reaches only the first script).
fn wrangler_args() -> Vec<String> {
    let mut args: Vec<String> = ["dev", "-c", "wrangler.toml", "-c", "wrangler.objects.toml"]
        .map(String::from)
        .to_vec();
    args.extend(["--ip".into(), "127.0.0.1".into()]);
    args.extend(["--port".into(), PORT.to_string()]);
    // A development deployment, as in the tests: demo payment can be tried locally
    // (wrangler.toml says production, for deployments).
    let vars = [
        "DEPLOYMENT:development".to_string(),
        format!("ON24_BASE_URL:http://127.0.0.1:{SIM_PORT}/v2"),
    ];
    for var in vars {
        args.extend(["--var".into(), var]);
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of each `--var NAME:VALUE` pair named `name`.
    fn var<'a>(args: &'a [String], name: &str) -> Vec<&'a str> {
        args.windows(2)
            .filter(|pair| pair[0] == "--var")
            .filter_map(|pair| pair[1].strip_prefix(name)?.strip_prefix(':'))
            .collect()
    }

    #[test]
    fn a_local_run_is_a_development_deployment() {
        // wrangler.toml says production, so that a deployment refuses demo payment unless
        // told otherwise; a local run must be able to try it.
        assert_eq!(var(&wrangler_args(), "DEPLOYMENT"), ["development"]);
    }

    #[test]
    fn a_local_run_points_on24_at_the_simulator() {
        assert_eq!(
            var(&wrangler_args(), "ON24_BASE_URL"),
            [format!("http://127.0.0.1:{SIM_PORT}/v2")]
        );
    }
}
