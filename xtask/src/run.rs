//! `cargo xtask run`: builds everything, then starts the local ON24 simulator and Convene
//! (the SPA and the API on 127.0.0.1:8787) under `wrangler dev`, until Ctrl-C.

use std::path::Path;
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
    let result = sh(&mut wrangler_dev(&tools.wrangler));
    let _ = sim.kill();
    let _ = sim.wait();
    result
}

/// `wrangler dev` serving the API worker with the objects' script beside it, in one workerd;
/// the vars go to the API worker (`--var` reaches only the first script).
fn wrangler_dev(wrangler: &Path) -> Command {
    let mut cmd = Command::new(wrangler);
    cmd.args(["dev", "-c", "wrangler.toml", "-c", "wrangler.objects.toml"])
        .args(["--ip", "127.0.0.1", "--port", &PORT.to_string()])
        .env("WRANGLER_SEND_METRICS", "false")
        // Miniflare would fetch the `Request.cf` object from workers.cloudflare.com at start
        // (offline: two error stacks, then its placeholder anyway); Convene reads nothing
        // from it, so the placeholder is used from the start.
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false");
    // A development deployment, as in the tests: demo payment can be tried locally
    // (wrangler.toml says production, for deployments).
    let vars = [
        "DEPLOYMENT:development".to_string(),
        format!("ON24_BASE_URL:http://127.0.0.1:{SIM_PORT}/v2"),
    ];
    for var in vars {
        cmd.arg("--var").arg(var);
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of each `--var NAME:VALUE` pair named `name` that `run` passes to wrangler.
    fn var(name: &str) -> Vec<String> {
        let cmd = wrangler_dev(Path::new("wrangler"));
        let args: Vec<String> = cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        args.windows(2)
            .filter(|pair| pair[0] == "--var")
            .filter_map(|pair| Some(pair[1].strip_prefix(name)?.strip_prefix(':')?.to_string()))
            .collect()
    }

    /// The environment variable `name` that `run` sets for wrangler.
    fn env(name: &str) -> Option<String> {
        wrangler_dev(Path::new("wrangler"))
            .get_envs()
            .find(|(key, _)| *key == name)
            .and_then(|(_, value)| value)
            .map(|v| v.to_string_lossy().into_owned())
    }

    #[test]
    fn a_local_run_is_a_development_deployment() {
        // wrangler.toml says production, so that a deployment refuses demo payment unless
        // told otherwise; a local run must be able to try it.
        assert_eq!(var("DEPLOYMENT"), ["development"]);
    }

    #[test]
    fn a_local_run_points_on24_at_the_simulator() {
        assert_eq!(
            var("ON24_BASE_URL"),
            [format!("http://127.0.0.1:{SIM_PORT}/v2")]
        );
    }

    #[test]
    fn a_local_run_does_not_fetch_request_cf() {
        // Offline, wrangler's fetch of the `Request.cf` object prints two error stacks.
        assert_eq!(env("CLOUDFLARE_CF_FETCH_ENABLED").as_deref(), Some("false"));
        assert_eq!(env("WRANGLER_SEND_METRICS").as_deref(), Some("false"));
    }
}
