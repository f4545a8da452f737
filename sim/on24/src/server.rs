//! The HTTP side: a `tiny_http` listener on 127.0.0.1 and one thread per request (so a request
//! held back by `slow` mode does not hold back the others), converting to and from
//! [`SimRequest`]/[`SimResponse`].

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::{self, JoinHandle};

use tiny_http::{Header, Request, Response, Server};

use crate::app::App;
use crate::auth::Credential;
use crate::message::{SimRequest, SimResponse};
use crate::routes;

/// Largest request body read (1 MiB); the rest is ignored.
const MAX_BODY: u64 = 1 << 20;

/// Listens on `127.0.0.1:port` (0: any free port) and serves on a background thread.
/// Returns the bound address and the thread, which runs as long as the process.
pub fn start(
    port: u16,
    credentials: Vec<Credential>,
) -> Result<(SocketAddr, JoinHandle<()>), String> {
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| "the listener has no IP address".to_string())?;
    let app = Arc::new(App::new(format!("http://{addr}"), credentials));
    let handle = thread::Builder::new()
        .name("on24-sim-accept".into())
        .spawn(move || accept(&server, &app))
        .map_err(|e| format!("cannot start the server thread: {e}"))?;
    Ok((addr, handle))
}

fn accept(server: &Server, app: &Arc<App>) {
    for request in server.incoming_requests() {
        let app = Arc::clone(app);
        let spawned = thread::Builder::new()
            .name("on24-sim-request".into())
            .spawn(move || serve(&app, request));
        // On failure the request is dropped, which closes its connection.
        if let Err(e) = spawned {
            eprintln!("on24-sim: cannot start a request thread: {e}");
        }
    }
}

fn serve(app: &App, mut request: Request) {
    let (path, query) = routes::split_target(request.url());
    let (path, query) = (path.to_string(), query.to_string());
    let mut body = Vec::new();
    let response = match request.as_reader().take(MAX_BODY).read_to_end(&mut body) {
        Ok(_) => app.handle(&SimRequest {
            method: request.method().as_str().to_ascii_uppercase(),
            path,
            query,
            headers: request
                .headers()
                .iter()
                .map(|h| {
                    (
                        h.field.as_str().as_str().to_ascii_lowercase(),
                        h.value.as_str().to_string(),
                    )
                })
                .collect(),
            body,
        }),
        Err(e) => SimResponse::error(400, &format!("Could not read the request body: {e}")),
    };
    if let Err(e) = request.respond(to_tiny(response)) {
        eprintln!("on24-sim: could not send a response: {e}");
    }
}

fn to_tiny(response: SimResponse) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut tiny = Response::from_data(response.body).with_status_code(response.status);
    let headers = [
        Some(("Content-Type", response.content_type.to_string())),
        response.allow.map(|allow| ("Allow", allow)),
    ];
    for (name, value) in headers.into_iter().flatten() {
        // Both values are ASCII built here, so this cannot fail in practice.
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            tiny.add_header(header);
        }
    }
    tiny
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::net::TcpStream;
    use std::time::Duration;

    use super::*;

    /// Sends one raw HTTP/1.1 request and returns the status code and body.
    fn exchange(
        addr: SocketAddr,
        method: &str,
        path: &str,
        headers: &[&str],
        body: &str,
    ) -> (u16, String) {
        let mut stream = TcpStream::connect(addr).expect("connect to the simulator");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("set a read timeout");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for header in headers {
            head.push_str(header);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        stream
            .write_all(format!("{head}{body}").as_bytes())
            .expect("send the request");
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .expect("read the response");
        let status = answer
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .expect("a status line");
        let body = answer
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_string())
            .unwrap_or_default();
        (status, body)
    }

    #[test]
    fn real_http_requests_get_401_then_200() {
        let credential = Credential {
            client_id: "42".into(),
            key: "key".into(),
            secret: "secret".into(),
        };
        let (addr, _thread) = start(0, vec![credential]).expect("start the simulator");
        assert!(addr.ip().is_loopback());
        assert_ne!(addr.port(), 0);

        let (status, body) = exchange(addr, "GET", "/v2/client/42/event", &[], "");
        assert_eq!(status, 401);
        assert!(body.contains("\"code\":401"), "{body}");

        let auth = ["accessTokenKey: key", "ACCESSTOKENSECRET: secret"];
        let (status, body) = exchange(addr, "GET", "/v2/client/42/event", &auth, "");
        assert_eq!(status, 200);
        assert!(body.contains("Simulated webinar"), "{body}");

        let form = [
            auth[0],
            auth[1],
            "Content-Type: application/x-www-form-urlencoded",
        ];
        let (status, body) = exchange(
            addr,
            "POST",
            "/v2/client/42/event/1000001/registrant?honorrequired=N",
            &form,
            "email=ada%40example.com&firstname=Ada",
        );
        assert_eq!(status, 200);
        assert!(
            body.contains(&format!("http://{addr}/wcc/r/1000001/")),
            "{body}"
        );

        let (status, body) = exchange(addr, "GET", "/__control/received", &[], "");
        assert_eq!(status, 200);
        assert!(body.contains("\"accesstokensecret\":\"secret\""), "{body}");
    }

    #[test]
    fn a_slow_request_does_not_block_others() {
        let (addr, _thread) = start(0, Vec::new()).expect("start the simulator");
        let (status, _) = exchange(
            addr,
            "POST",
            "/__control/mode",
            &[],
            r#"{"mode":"slow","delayMs":3000}"#,
        );
        assert_eq!(status, 200);
        let slow = thread::spawn(move || exchange(addr, "GET", "/v2/client/1/event", &[], ""));
        thread::sleep(Duration::from_millis(200));
        let (status, _) = exchange(addr, "GET", "/__control/received", &[], "");
        assert_eq!(status, 200);
        // Ordering, not timing: the control answer came while the slow one still waits.
        assert!(
            !slow.is_finished(),
            "the control call waited for the slow call"
        );
        let (status, _) = slow.join().expect("the slow request thread");
        // Slow answers normally after the delay: here, a 401 (no credentials).
        assert_eq!(status, 401);
    }
}
