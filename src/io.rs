//! Browser I/O: reading dropped and picked files, browser storage, downloads, event listeners
//! and the theme attribute. The rest of the app stays free of `web-sys` calls where it can.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventTarget};

use crate::model::Doc;
use crate::state::Theme;

/// Largest file the page accepts (bytes). Bigger ones are refused with a message: browser storage
/// holds about 5 MB in all, and the article view is meant for articles.
pub const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Where the documents are kept.
pub const STORAGE_KEY: &str = "dossier.documents";
/// Where documents in a format this version cannot read are set aside, never deleted.
pub const SET_ASIDE_KEY: &str = "dossier.documents.set-aside";
/// Where the chosen theme is kept.
pub const THEME_KEY: &str = "dossier.theme";
/// The storage format this version writes.
pub const STORAGE_FORMAT: u32 = 1;

/// A file the reader brought, checked before it is read.
pub enum Intake {
    /// Worth analysing.
    Accept(web_sys::File),
    /// Refused: the file's name and why.
    Refuse(String, String),
}

/// Checks a file's kind and size by its name and length (the engine then refuses binary content
/// in a file that only claims to be text).
pub fn check_file(name: &str, size: f64) -> Result<(), String> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let kind = match ext.as_str() {
        "txt" | "text" | "md" | "markdown" | "html" | "htm" | "xhtml" | "" => None,
        "pdf" => Some("PDF files are not read: copy the article's text and paste it, or save it as .txt"),
        "doc" | "docx" | "odt" | "rtf" | "pages" => {
            Some("word-processor documents are not read: save the article as .txt or .html")
        }
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "bmp" | "tif" | "tiff" | "svg" | "heic" | "avif" | "ico" => {
            Some("images are not read (Dossier analyses text, it does not recognise text in pictures)")
        }
        _ => Some("only .txt, .md, .html and .htm files are analysed"),
    };
    if let Some(why) = kind {
        return Err(why.to_owned());
    }
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {:.1} MB, over the {} MB limit",
            size / 1024.0 / 1024.0,
            MAX_FILE_BYTES / 1024.0 / 1024.0
        ));
    }
    Ok(())
}

/// Sorts a list of files into those to read and those refused.
pub fn intake(files: &web_sys::FileList) -> Vec<Intake> {
    (0..files.length())
        .filter_map(|i| files.get(i))
        .map(|f| match check_file(&f.name(), f.size()) {
            Ok(()) => Intake::Accept(f),
            Err(why) => Intake::Refuse(f.name(), why),
        })
        .collect()
}

/// Reads a file's bytes (as a JS array buffer, which goes to the worker without a copy into
/// this module's memory).
pub async fn read_file(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, String> {
    let promise = file.array_buffer();
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|v| v.unchecked_into())
        .map_err(|e| format!("the file could not be read ({})", js_error(&e)))
}

/// A JS error's message.
pub fn js_error(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

thread_local! {
    /// Each document's report JSON, as the worker wrote it, by document id: UTF-8 bytes (or, for a
    /// restored document, the JS string storage held) that the page keeps without reading them
    /// (the main thread never parses a report), for browser storage and the JSON export.
    static REPORTS: std::cell::RefCell<std::collections::HashMap<u32, JsValue>> = Default::default();
}

/// Keeps document `id`'s report JSON (UTF-8 bytes or a JS string).
pub fn keep_report(id: u32, report: JsValue) {
    REPORTS.with(|r| r.borrow_mut().insert(id, report));
}

/// Document `id`'s report JSON (UTF-8 bytes or a JS string), if kept.
pub fn report(id: u32) -> Option<JsValue> {
    REPORTS.with(|r| r.borrow().get(&id).cloned())
}

/// Forgets the reports of documents no longer on the page.
pub fn forget_reports_but(ids: &[u32]) {
    REPORTS.with(|r| r.borrow_mut().retain(|id, _| ids.contains(id)));
}

/// What storage held at start-up.
pub struct Restored {
    /// Text and report JSON (JS strings) of each saved document.
    pub documents: Vec<(JsValue, JsValue)>,
    /// What the reader should know (a set-aside older format, unreadable storage).
    pub notice: Option<String>,
}

/// Calls `storage.method(args..)`, keeping strings on the JS side (a few megabytes of saved
/// documents never cross into this module's memory).
fn call(store: &web_sys::Storage, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(store, &JsValue::from_str(method))?.dyn_into()?;
    match args {
        [a] => f.call1(store, a),
        [a, b] => f.call2(store, a, b),
        _ => f.call0(store),
    }
}

/// The saved documents in `raw` (storage's JSON), if it is in this version's format.
fn read_saved(raw: &JsValue) -> Result<Vec<(JsValue, JsValue)>, String> {
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    // `JSON.parse` on the JS string itself (js_sys's takes a Rust string: a copy each way).
    let json = get(&js_sys::global(), "JSON");
    let parse: js_sys::Function = get(&json, "parse").dyn_into().map_err(|_| "no JSON parser".to_owned())?;
    let saved = parse.call1(&json, raw).map_err(|_| "a format this version cannot read".to_owned())?;
    let format = get(&saved, "format").as_f64();
    if format != Some(STORAGE_FORMAT as f64) {
        return Err(format.map_or("a format this version cannot read".into(), |f| format!("format {f}")));
    }
    let documents = get(&saved, "documents");
    if !js_sys::Array::is_array(&documents) {
        return Err("a format this version cannot read".into());
    }
    js_sys::Array::from(&documents)
        .iter()
        .map(|d| match (get(&d, "text"), get(&d, "report")) {
            (t, r) if t.is_string() && r.is_string() => Ok((t, r)),
            _ => Err("a format this version cannot read".to_owned()),
        })
        .collect()
}

/// A report as a JS string: one from storage is one already; one from the worker is UTF-8 bytes,
/// decoded by the browser (`TextDecoder`).
fn utf16(report: &JsValue) -> Result<JsValue, String> {
    if report.is_string() {
        return Ok(report.clone());
    }
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).map_err(|e| js_error(&e));
    let class: js_sys::Function = get(&js_sys::global(), "TextDecoder")?.dyn_into().map_err(|_| "no TextDecoder".to_owned())?;
    let decoder = js_sys::Reflect::construct(&class, &js_sys::Array::new()).map_err(|e| js_error(&e))?;
    let decode: js_sys::Function = get(&decoder, "decode")?.dyn_into().map_err(|_| "no TextDecoder".to_owned())?;
    decode.call1(&decoder, report).map_err(|e| js_error(&e))
}

/// Reads the saved documents. Data in another format is moved to [`SET_ASIDE_KEY`] (kept, not
/// deleted) and reported.
pub fn load_documents() -> Restored {
    let Some(store) = storage() else {
        return Restored {
            documents: Vec::new(),
            notice: Some("Browser storage is not available: documents will not survive a reload.".into()),
        };
    };
    let raw = call(&store, "getItem", &[&JsValue::from_str(STORAGE_KEY)]).unwrap_or(JsValue::NULL);
    if !raw.is_string() {
        return Restored { documents: Vec::new(), notice: None };
    }
    match read_saved(&raw) {
        Ok(documents) => Restored { documents, notice: None },
        Err(what) => {
            let kept = call(&store, "setItem", &[&JsValue::from_str(SET_ASIDE_KEY), &raw]).is_ok();
            if kept {
                let _ = store.remove_item(STORAGE_KEY);
            }
            Restored {
                documents: Vec::new(),
                notice: Some(if kept {
                    format!(
                        "Saved documents in {what} were set aside, not loaded. They are kept in this browser's storage under \u{201c}{SET_ASIDE_KEY}\u{201d}."
                    )
                } else {
                    format!("Saved documents in {what} could not be loaded; they are left untouched in browser storage.")
                }),
            }
        }
    }
}

/// What browser storage is asked to hold at most (characters of text and reports); Chromium and
/// Firefox allow about 5 million per site.
pub const STORAGE_BUDGET: usize = 4_500_000;

/// Saves the documents that fit in browser storage, oldest first; returns the names of those left
/// out. Fails with a message the reader can act on when storage is full. The JSON is made by the
/// browser (`JSON.stringify`) from the kept report strings.
pub fn save_documents(docs: &[std::rc::Rc<Doc>]) -> Result<Vec<String>, String> {
    let store = storage().ok_or("browser storage is not available")?;
    let mut left_out = Vec::new();
    let mut used = 0;
    let documents = js_sys::Array::new();
    for d in docs {
        let Some(report) = report(d.id) else {
            left_out.push(d.name.clone());
            continue;
        };
        let report_len = match report.dyn_ref::<js_sys::Uint8Array>() {
            Some(bytes) => bytes.length() as usize,
            None => report.dyn_ref::<js_sys::JsString>().map_or(0, |s| s.length() as usize),
        };
        let size = d.text.len() + report_len + report_len / 8;
        if used + size > STORAGE_BUDGET {
            left_out.push(d.name.clone());
            continue;
        }
        used += size;
        let saved = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&saved, &"text".into(), &JsValue::from_str(&d.text));
        let _ = js_sys::Reflect::set(&saved, &"report".into(), &utf16(&report)?);
        documents.push(&saved);
    }
    if documents.length() == 0 {
        store.remove_item(STORAGE_KEY).map_err(|e| js_error(&e))?;
        return Ok(left_out);
    }
    let saved = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&saved, &"format".into(), &JsValue::from(STORAGE_FORMAT));
    let _ = js_sys::Reflect::set(&saved, &"documents".into(), &documents);
    let json = js_sys::JSON::stringify(&saved).map_err(|e| js_error(&e))?;
    call(&store, "setItem", &[&JsValue::from_str(STORAGE_KEY), &json]).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        if name == "QuotaExceededError" || js_error(&e).to_ascii_lowercase().contains("quota") {
            "Browser storage is full: the documents are not saved and will not be here after a reload. \
             Remove some documents, or free space used by other pages of this site."
                .to_owned()
        } else {
            format!("Documents could not be saved ({})", js_error(&e))
        }
    })?;
    Ok(left_out)
}

/// The theme chosen earlier, if any.
pub fn load_theme() -> Theme {
    match storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten()).as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

/// Applies and remembers the theme (`data-theme` on `<html>`; the CSS does the rest).
pub fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
        return;
    };
    let value = match theme {
        Theme::System => None,
        Theme::Light => Some("light"),
        Theme::Dark => Some("dark"),
    };
    match value {
        Some(v) => {
            let _ = root.set_attribute("data-theme", v);
        }
        None => {
            let _ = root.remove_attribute("data-theme");
        }
    }
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(THEME_KEY, v),
            None => s.remove_item(THEME_KEY),
        };
    }
}

/// Whether the system asks for a dark theme.
pub fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Offers `content` (JS strings, one after the other) as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &[JsValue]) -> Result<(), String> {
    let parts: js_sys::Array = content.iter().collect();
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).map_err(|e| js_error(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_error(&e))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|e| js_error(&e))?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke on the next turn of the event loop: the click has started the download by then.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    }
    Ok(())
}

/// An event listener that is removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Listens for `kind` events on `target`.
    pub fn new(target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) -> Listener {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Listener { target: target.clone(), kind, callback }
    }

    /// Listens for `kind` events on `target` and inside it, while they are capturing (for events
    /// that do not bubble).
    pub fn capturing(target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) -> Listener {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        let _ = target.add_event_listener_with_callback_and_bool(kind, callback.as_ref().unchecked_ref(), true);
        Listener { target: target.clone(), kind, callback }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let f = self.callback.as_ref().unchecked_ref();
        let _ = self.target.remove_event_listener_with_callback(self.kind, f);
        let _ = self.target.remove_event_listener_with_callback_and_bool(self.kind, f, true);
    }
}

/// Scrolls the element with this id to the middle of the view and focuses it.
pub fn reveal(id: &str) {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_behavior(web_sys::ScrollBehavior::Auto);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Sets a `data-*` attribute on `<body>` (the end-to-end tests wait on these).
pub fn mark_body(name: &str, value: &str) {
    if let Some(b) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = b.set_attribute(name, value);
    }
}

/// Milliseconds since the page's navigation started (`performance.now()`).
pub fn since_navigation() -> f64 {
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let perf = get(&js_sys::global(), "performance");
    get(&perf, "now").dyn_into::<js_sys::Function>().ok().and_then(|now| now.call0(&perf).ok()).and_then(|t| t.as_f64()).unwrap_or(0.0)
}
