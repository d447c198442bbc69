//! Browser I/O: reading dropped and picked files, browser storage, downloads, event listeners
//! and the theme attribute. The rest of the app stays free of `web-sys` calls where it can.

use serde::{Deserialize, Serialize};
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

#[derive(Serialize, Deserialize)]
struct Saved {
    format: u32,
    documents: Vec<SavedDoc>,
}

#[derive(Serialize, Deserialize)]
struct SavedDoc {
    text: String,
    /// The report JSON exactly as the engine wrote it.
    report: String,
}

/// What storage held at start-up.
pub struct Restored {
    /// Text and report JSON of each saved document.
    pub documents: Vec<(String, String)>,
    /// What the reader should know (a set-aside older format, unreadable storage).
    pub notice: Option<String>,
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
    let Ok(Some(raw)) = store.get_item(STORAGE_KEY) else {
        return Restored { documents: Vec::new(), notice: None };
    };
    match serde_json::from_str::<Saved>(&raw) {
        Ok(saved) if saved.format == STORAGE_FORMAT => Restored {
            documents: saved.documents.into_iter().map(|d| (d.text, d.report)).collect(),
            notice: None,
        },
        other => {
            let what = match other {
                Ok(saved) => format!("format {}", saved.format),
                Err(_) => "a format this version cannot read".into(),
            };
            let kept = store.set_item(SET_ASIDE_KEY, &raw).is_ok();
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
/// out. Fails with a message the reader can act on when storage is full.
pub fn save_documents(docs: &[std::rc::Rc<Doc>]) -> Result<Vec<String>, String> {
    let store = storage().ok_or("browser storage is not available")?;
    let mut left_out = Vec::new();
    let mut used = 0;
    let mut documents = Vec::new();
    for d in docs {
        let size = d.text.len() + d.report_json.len() + d.report_json.len() / 8;
        if used + size > STORAGE_BUDGET {
            left_out.push(d.name.clone());
            continue;
        }
        used += size;
        documents.push(SavedDoc { text: d.text.clone(), report: d.report_json.clone() });
    }
    if documents.is_empty() {
        store.remove_item(STORAGE_KEY).map_err(|e| js_error(&e))?;
        return Ok(left_out);
    }
    let json = serde_json::to_string(&Saved { format: STORAGE_FORMAT, documents }).map_err(|e| e.to_string())?;
    store.set_item(STORAGE_KEY, &json).map_err(|e| {
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

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
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
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
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
