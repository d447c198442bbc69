//! The analysis web worker: decodes and analyses one document per message, off the page's main
//! thread, compares the analysed documents for the story view and makes the exports. Built by
//! trunk as `data-type="worker"`; the protocol is in `src/analyser.rs`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dossier-worker is the web app's analysis worker: build it with trunk (scripts/serve)");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use std::cell::Cell;
    use std::collections::HashMap;
    use std::rc::Rc;

    type Held = HashMap<u32, dossier_engine::Analysis>;
    /// Makes sure the analyses of `ids` are held (a given text, or a restored document's, stands
    /// in for a missing one); whether they all are.
    fn hold(held: &mut Held, restored: &HashMap<u32, String>, ids: &[u32], texts: &[String]) -> bool {
        for (k, id) in ids.iter().enumerate() {
            if !held.contains_key(id) {
                let text = texts.get(k).filter(|t| !t.is_empty()).or_else(|| restored.get(id));
                if let Some(a) = text.and_then(|t| dossier_app::work::reanalyse(t)) {
                    held.insert(*id, a);
                }
            }
        }
        ids.iter().all(|id| held.contains_key(id))
    }

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    // The analyses of the page's documents, by job id, kept for the story across them; and the
    // texts of restored documents, analysed again when a story first needs them.
    let mut held: Held = HashMap::new();
    let mut restored: HashMap<u32, String> = HashMap::new();
    // Set by the first document to analyse: the warm-up (below) stops there.
    let real_work = Rc::new(Cell::new(false));
    let started = real_work.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let get = |k: &str| Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let set = |o: &Object, k: &str, v: &JsValue| {
            let _ = Reflect::set(o, &JsValue::from_str(k), v);
        };
        // Strings, or UTF-8 bytes (the reports the page keeps as the worker sent them).
        let strings = |v: JsValue| -> Vec<String> {
            Array::from(&v)
                .iter()
                .map(|v| match v.dyn_into::<Uint8Array>() {
                    Ok(b) => String::from_utf8(b.to_vec()).unwrap_or_default(),
                    Err(v) => v.as_string().unwrap_or_default(),
                })
                .collect()
        };
        let numbers = |v: JsValue| -> Vec<u32> { Array::from(&v).iter().filter_map(|v| v.as_f64()).map(|v| v as u32).collect() };
        let out = Object::new();
        let story = get("story");
        if !story.is_undefined() && get("export").is_undefined() {
            // {story: key, ids: [..], keep: [..], texts?: [..]}: the story of these documents.
            let ids = numbers(get("ids"));
            let keep = numbers(get("keep"));
            let complete = hold(&mut held, &restored, &ids, &strings(get("texts")));
            held.retain(|id, _| keep.contains(id) || ids.contains(id));
            restored.retain(|id, _| keep.contains(id) || ids.contains(id));
            set(&out, "story", &story);
            let analyses: Vec<&dossier_engine::Analysis> = ids.iter().filter_map(|id| held.get(id)).collect();
            let made = if complete { dossier_app::work::story_view_json(&analyses) } else { None };
            if let Some((json, singles)) = made {
                set(&out, "json", &JsValue::from_str(&json));
                set(&out, "singles", &JsValue::from(singles as u32));
            } else {
                set(&out, "json", &JsValue::NULL);
                set(&out, "missing", &JsValue::from_bool(!complete));
            }
            let _ = reply_to.post_message(&out);
            return;
        }
        let export = get("export");
        if let Some(kind) = export.as_string() {
            // {export: kind, file, mime, ids, texts: [..], reports: [..]}: an export to download.
            let (ids, texts) = (numbers(get("ids")), strings(get("texts")));
            let story = if kind.starts_with("story") && hold(&mut held, &restored, &ids, &texts) {
                let analyses: Vec<&dossier_engine::Analysis> = ids.iter().filter_map(|id| held.get(id)).collect();
                dossier_app::work::story_json(&analyses)
            } else {
                None
            };
            let docs = texts.into_iter().zip(strings(get("reports"))).collect();
            for k in ["export", "file", "mime"] {
                set(&out, k, &get(k));
            }
            match dossier_app::work::export(&kind, docs, story.as_deref()) {
                Ok(content) => set(&out, "content", &JsValue::from_str(&content)),
                Err(error) => set(&out, "error", &JsValue::from_str(&error)),
            }
            let _ = reply_to.post_message(&out);
            return;
        }
        let id = get("id");
        let n = id.as_f64().map_or(0, |n| n as u32);
        set(&out, "id", &id);
        let made = if get("restore").is_truthy() {
            // {id, restore: true, text, report}: a document from browser storage, already analysed.
            let (text, report) = (get("text").as_string().unwrap_or_default(), get("report").as_string().unwrap_or_default());
            restored.insert(n, text.clone());
            dossier_app::model::Doc::new(n, text, report)
        } else {
            // {id, name, bytes}: a document to analyse.
            started.set(true);
            let name = get("name").as_string().unwrap_or_else(|| "untitled.txt".into());
            let bytes = get("bytes").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
            dossier_app::work::analyse_doc(n, &name, &bytes).map(|(analysis, doc)| {
                held.insert(n, analysis);
                doc
            })
        };
        match made {
            Ok(doc) => {
                // The page's compact form and the report JSON (UTF-8, which the page keeps without
                // reading it) in transferred buffers: no copy on the way.
                let compact = Uint8Array::from(doc.encode().as_slice());
                set(&out, "doc", &compact);
                let transfer = Array::of1(&compact.buffer());
                if !get("restore").is_truthy() {
                    if let Some(full) = &doc.full {
                        let report = Uint8Array::from(full.json.as_bytes());
                        set(&out, "report", &report);
                        transfer.push(&report.buffer());
                    }
                }
                let _ = reply_to.post_message_with_transfer(&out, &transfer);
            }
            Err(error) => {
                set(&out, "error", &JsValue::from_str(&error));
                let _ = reply_to.post_message(&out);
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
    // Decode the tagger's model now, while the reader is still choosing files, rather than on
    // the first document (it is range-coded and takes a noticeable moment to unpack).
    let _ = dossier_engine::recognise::tagger::model();
    // Then warm the engine up (see dossier_app::work::WARM_UP_RUNS): a few analyses of the
    // built-in example, each in its own task so that messages from the page go first, the first
    // one 100 ms from now (after the documents the page restores when it hears "ready"); the
    // first document to analyse ends it.
    warm_up(scope, real_work, dossier_app::work::WARM_UP_RUNS, 100);
}

/// Runs one warm-up analysis in a task `after_ms` from now, then schedules the next, `left` in
/// all, unless a document to analyse has come by then.
#[cfg(target_arch = "wasm32")]
fn warm_up(scope: web_sys::DedicatedWorkerGlobalScope, real_work: std::rc::Rc<std::cell::Cell<bool>>, left: u32, after_ms: i32) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    if left == 0 || real_work.get() {
        return;
    }
    let next = scope.clone();
    let run = Closure::once_into_js(move || {
        if !real_work.get() {
            dossier_app::work::warm_up();
            warm_up(next, real_work, left - 1, 0);
        }
    });
    let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), after_ms);
}
