//! The analysis web worker: decodes and analyses one document per message, off the page's main
//! thread, and compares the analysed documents for the story view. Built by trunk as
//! `data-type="worker"`; the protocol is in `src/analyser.rs`.

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

    use std::collections::HashMap;

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    // The analyses of the page's documents, by job id, kept for the story across them.
    let mut held: HashMap<u32, dossier_engine::Analysis> = HashMap::new();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let get = |k: &str| Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let story = get("story");
        if !story.is_undefined() {
            // {story: key, ids: [..], texts: [..], keep: [..]}: the story of these documents.
            let ids: Vec<u32> = js_sys::Array::from(&get("ids")).iter().filter_map(|v| v.as_f64()).map(|v| v as u32).collect();
            let texts: Vec<String> = js_sys::Array::from(&get("texts")).iter().map(|v| v.as_string().unwrap_or_default()).collect();
            let keep: Vec<u32> = js_sys::Array::from(&get("keep")).iter().filter_map(|v| v.as_f64()).map(|v| v as u32).collect();
            held.retain(|id, _| keep.contains(id) || ids.contains(id));
            for (id, text) in ids.iter().zip(&texts) {
                if !held.contains_key(id) {
                    if let Some(a) = dossier_app::work::reanalyse(text) {
                        held.insert(*id, a);
                    }
                }
            }
            let analyses: Vec<&dossier_engine::Analysis> = ids.iter().filter_map(|id| held.get(id)).collect();
            let out = Object::new();
            let _ = Reflect::set(&out, &"story".into(), &story);
            let json = if analyses.len() == ids.len() { dossier_app::work::story_json(&analyses) } else { None };
            let _ = Reflect::set(&out, &"json".into(), &json.map_or(JsValue::NULL, |j| JsValue::from_str(&j)));
            let _ = reply_to.post_message(&out);
            return;
        }
        let id = get("id");
        let name = get("name").as_string().unwrap_or_else(|| "untitled.txt".into());
        let bytes = get("bytes").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        let out = Object::new();
        let _ = Reflect::set(&out, &"id".into(), &id);
        match dossier_app::work::analyse_full(&name, &bytes) {
            Ok((analysis, report)) => {
                let text = analysis.text.clone();
                if let Some(n) = id.as_f64() {
                    held.insert(n as u32, analysis);
                }
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
