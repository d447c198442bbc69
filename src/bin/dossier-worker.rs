//! The analysis web worker: decodes and analyses one document per message, off the page's main
//! thread. Built by trunk as `data-type="worker"`; the protocol is in `src/analyser.rs`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dossier-worker is the web app's analysis worker: build it with trunk (scripts/serve)");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Object, Reflect, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let get = |k: &str| Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let id = get("id");
        let name = get("name").as_string().unwrap_or_else(|| "untitled.txt".into());
        let bytes = get("bytes").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        let out = Object::new();
        let _ = Reflect::set(&out, &"id".into(), &id);
        match dossier_app::work::analyse(&name, &bytes) {
            Ok((text, report)) => {
                // UTF-8 bytes in transferred buffers: no copy and no re-encoding on the way to the
                // page, whose main thread then only checks the bytes.
                let text = Uint8Array::from(text.as_bytes());
                let report = Uint8Array::from(report.as_bytes());
                let _ = Reflect::set(&out, &"text".into(), &text);
                let _ = Reflect::set(&out, &"report".into(), &report);
                let transfer = js_sys::Array::of2(&text.buffer(), &report.buffer());
                let _ = reply_to.post_message_with_transfer(&out, &transfer);
                return;
            }
            Err(error) => {
                let _ = Reflect::set(&out, &"error".into(), &JsValue::from_str(&error));
            }
        }
        let _ = reply_to.post_message(&out);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}
