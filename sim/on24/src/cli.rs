//! Command line: `on24-sim [--port N] [--client-id ID --key KEY --secret SECRET]`.

use crate::auth::Credential;

pub const USAGE: &str = "usage: on24-sim [--port N] [--client-id ID --key KEY --secret SECRET]

  --port N        port on 127.0.0.1 (0 or absent: any free port)
  --client-id ID  with --key and --secret: a credential set accepted from the start
  --key KEY       its accessTokenKey
  --secret SECRET its accessTokenSecret

Prints `on24-sim listening on http://127.0.0.1:PORT` once ready. See sim/on24/README.md.";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Run {
        port: u16,
        credentials: Vec<Credential>,
    },
    Help,
}

/// Parses the arguments (without the program name). Accepts `--flag value` and `--flag=value`.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut port = 0;
    let (mut client_id, mut key, mut secret) = (None, None, None);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg, None),
        };
        let slot = match flag.as_str() {
            "--port" | "--client-id" | "--key" | "--secret" => flag.as_str(),
            other => return Err(format!("unknown argument {other:?}")),
        };
        let value = match inline.or_else(|| args.next()) {
            Some(value) => value,
            None => return Err(format!("{slot} needs a value")),
        };
        match slot {
            "--port" => {
                port = value.parse().map_err(|_| {
                    format!("--port must be a number from 0 to 65535, not {value:?}")
                })?;
            }
            "--client-id" => client_id = Some(value),
            "--key" => key = Some(value),
            _ => secret = Some(value),
        }
    }
    let credentials = match (client_id, key, secret) {
        (None, None, None) => Vec::new(),
        (Some(client_id), Some(key), Some(secret))
            if !client_id.is_empty() && !key.is_empty() && !secret.is_empty() =>
        {
            vec![Credential {
                client_id,
                key,
                secret,
            }]
        }
        _ => {
            return Err(
                "--client-id, --key and --secret go together, each with a non-empty value"
                    .to_string(),
            );
        }
    };
    Ok(Command::Run { port, credentials })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn defaults_to_any_port_and_no_credentials() {
        assert_eq!(
            parse_str(&[]),
            Ok(Command::Run {
                port: 0,
                credentials: Vec::new()
            })
        );
    }

    #[test]
    fn port_and_credentials() {
        assert_eq!(
            parse_str(&[
                "--port",
                "8080",
                "--client-id=42",
                "--key",
                "k",
                "--secret",
                "s"
            ]),
            Ok(Command::Run {
                port: 8080,
                credentials: vec![Credential {
                    client_id: "42".into(),
                    key: "k".into(),
                    secret: "s".into(),
                }]
            })
        );
        assert_eq!(parse_str(&["--help"]), Ok(Command::Help));
    }

    #[test]
    fn bad_arguments_are_refused() {
        for args in [
            &["--port"][..],
            &["--port", "x"],
            &["--port", "70000"],
            &["--client-id", "1", "--key", "k"],
            &["--client-id", "", "--key", "k", "--secret", "s"],
            &["--verbose"],
            &["8080"],
        ] {
            assert!(parse_str(args).is_err(), "{args:?}");
        }
    }
}
