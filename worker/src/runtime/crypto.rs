//! The runtime's WebCrypto, for what it does natively and a WASM implementation would do
//! slowly: PBKDF2 with a six-figure iteration count, inside a request's CPU budget.

use worker::js_sys::{Array, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::web_sys::{CryptoKey, Pbkdf2Params, SubtleCrypto, WorkerGlobalScope};

use super::js;
use crate::error::ApiResult;

fn subtle() -> ApiResult<SubtleCrypto> {
    let scope: WorkerGlobalScope = worker::js_sys::global().unchecked_into();
    Ok(scope.crypto().map_err(js)?.subtle())
}

/// PBKDF2-HMAC-SHA256 of `password` with `salt`, 32 bytes.
pub async fn pbkdf2_sha256(password: &str, salt: &[u8], iterations: u32) -> ApiResult<[u8; 32]> {
    let subtle = subtle()?;
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key = subtle
        .import_key_with_str(
            "raw",
            &Uint8Array::from(password.as_bytes()),
            "PBKDF2",
            false,
            &usages,
        )
        .map_err(js)?;
    let key: CryptoKey = JsFuture::from(key).await.map_err(js)?.unchecked_into();
    let params = Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        iterations,
        &Uint8Array::from(salt),
    );
    let bits = subtle
        .derive_bits_with_object(&params, &key, 256)
        .map_err(js)?;
    let bits = JsFuture::from(bits).await.map_err(js)?;
    let mut out = [0u8; 32];
    Uint8Array::new(&bits).copy_to(&mut out);
    Ok(out)
}
