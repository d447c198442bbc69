//! The bridge to the analysis web worker (`src/bin/dossier-worker.rs`), and what the worker does
//! with one message.
//!
//! Messages to the worker: `{id, name, bytes: Uint8Array}` (a document to analyse) or
//! `{id, restore: true, text, report}` (one from browser storage, analysed before). Replies:
//! `{ready: true}` once, then `{id, doc, report}` (`doc`: the document as the page shows it, in
//! [`crate::model::Doc::encode`]'s compact form, in a transferred buffer, so that the page's main
//! thread reads no JSON; `report`: the engine's version-1 JSON for this one document, a string the
//! page keeps unread, as UTF-8 bytes, for storage and the JSON export; absent for a restored
//! document) or
//! `{id, error}`. The story: `{story: key, ids, keep, texts?}` (the analysed documents' job ids,
//! in order; the ids whose analyses the worker keeps; the decoded texts, sent only when the worker
//! said it lacks some, after a restart) gets `{story: key, json, singles}` (the contract's `story`
//! JSON with its figure lists cut to what the view shows, and the count of single-source figures)
//! or `{story: key, json: null, missing}`. An export: `{export: kind, file, mime, ids, texts,
//! reports}` gets `{export, file, mime, content}` or `{export, file, mime, error}`. Jobs keep their input
//! until answered, so that a worker that dies (a trap, out of memory) is replaced and the jobs
//! behind the failed one are sent again.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// Where trunk puts the worker's loader (relative, so any public URL works).
pub const WORKER_URL: &str = "./worker.js";

/// What the page hears from the worker.
#[derive(Debug)]
pub enum Event {
    /// The worker has started.
    Ready,
    /// A job is done: its id, the document's compact form and (for a new document) its report
    /// JSON as a JS string.
    Done {
        /// Job id.
        id: u32,
        /// File name.
        name: String,
        /// [`crate::model::Doc::encode`]'s form of the document.
        doc: Vec<u8>,
        /// The report JSON (absent for a restored document).
        report: Option<JsValue>,
    },
    /// An export is made: its file name, type, and content (a JS string) or why it failed.
    Exported {
        /// File name.
        file: String,
        /// MIME type.
        mime: String,
        /// The file's content, or why it could not be made.
        content: Result<JsValue, String>,
    },
    /// The story across documents: the key it was asked with and the contract's `story` JSON
    /// (`None` when it could not be made).
    Story {
        /// The key sent with the request.
        key: String,
        /// The story JSON (figure lists cut to what the view shows).
        json: Option<String>,
        /// How many figures a single source reports, in all.
        singles: usize,
        /// The worker lacks some documents' analyses (it restarted): ask again with the texts.
        missing: bool,
    },
    /// The worker failed again and again and is left stopped (with the last error).
    Stopped(String),
    /// A job failed.
    Failed {
        /// Job id.
        id: u32,
        /// File name.
        name: String,
        /// Why.
        reason: String,
    },
}

/// What a job carries to the worker.
pub enum Input {
    /// A file's bytes, to analyse.
    Bytes(Uint8Array),
    /// A saved document's text and report JSON (JS strings), to show again.
    Saved(JsValue, JsValue),
}

struct Job {
    id: u32,
    name: String,
    input: Input,
}

struct Inner {
    worker: Option<Worker>,
    jobs: VecDeque<Job>,
    on_event: Rc<dyn Fn(Event)>,
    on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    on_error: Option<Closure<dyn FnMut(ErrorEvent)>>,
    /// Failures since the last reply: after [`MAX_CRASHES`] the worker is not restarted until the
    /// reader brings another document.
    crashes: u32,
    /// Whether the worker has said it is ready: messages sent before would be lost (it listens
    /// only once its wasm has loaded), so jobs wait in `jobs` until then.
    ready: bool,
}

/// Failures in a row after which the worker is left stopped.
const MAX_CRASHES: u32 = 3;

/// The page's handle on the worker.
#[derive(Clone)]
pub struct Analyser {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for Analyser {
    fn eq(&self, other: &Analyser) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Analyser {
    /// Starts the worker; `on_event` hears every reply.
    pub fn start(on_event: impl Fn(Event) + 'static) -> Analyser {
        let inner = Rc::new(RefCell::new(Inner {
            worker: None,
            jobs: VecDeque::new(),
            on_event: Rc::new(on_event),
            on_message: None,
            on_error: None,
            crashes: 0,
            ready: false,
        }));
        let a = Analyser { inner };
        a.spawn();
        a
    }

    fn spawn(&self) {
        let weak = Rc::downgrade(&self.inner);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(inner) = weak.upgrade() {
                Analyser { inner }.reply(e.data());
            }
        });
        let weak = Rc::downgrade(&self.inner);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            e.prevent_default();
            if let Some(inner) = weak.upgrade() {
                Analyser { inner }.crashed(e.message());
            }
        });
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Classic);
        let worker = match Worker::new_with_options(WORKER_URL, &options) {
            Ok(w) => w,
            Err(e) => {
                let on_event = self.inner.borrow().on_event.clone();
                let jobs: Vec<Job> = self.inner.borrow_mut().jobs.drain(..).collect();
                for j in jobs {
                    on_event(Event::Failed {
                        id: j.id,
                        name: j.name,
                        reason: format!("the analysis worker could not start ({})", crate::io::js_error(&e)),
                    });
                }
                return;
            }
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        // The queued jobs go when it says it is ready.
        inner.ready = false;
        inner.worker = Some(worker);
        inner.on_message = Some(on_message);
        inner.on_error = Some(on_error);
    }

    /// Sends a document to the worker.
    pub fn submit(&self, id: u32, name: String, input: Input) {
        let job = Job { id, name, input };
        let stopped = {
            let mut inner = self.inner.borrow_mut();
            if let (Some(w), true) = (&inner.worker, inner.ready) {
                let _ = w.post_message(&message(&job));
            }
            inner.jobs.push_back(job);
            inner.worker.is_none()
        };
        if stopped {
            // It had stopped after failing again and again: give it another chance.
            self.inner.borrow_mut().crashes = 0;
            self.spawn();
        }
    }

    /// Asks the worker for the story across these documents (job ids, in order, with their
    /// decoded texts where the worker said it lacks them); `keep` lists the ids whose analyses it
    /// should keep holding. Not queued: a worker that restarts is asked again when the documents
    /// next change.
    pub fn story(&self, key: &str, docs: &[(u32, Option<&str>)], keep: &[u32]) {
        let inner = self.inner.borrow();
        let (Some(w), true) = (&inner.worker, inner.ready) else { return };
        let ids = js_sys::Array::new();
        let texts = js_sys::Array::new();
        for (id, text) in docs {
            ids.push(&JsValue::from(*id));
            texts.push(&JsValue::from_str(text.unwrap_or("")));
        }
        let keep: js_sys::Array = keep.iter().map(|&k| JsValue::from(k)).collect();
        let m = Object::new();
        let _ = Reflect::set(&m, &"story".into(), &JsValue::from_str(key));
        let _ = Reflect::set(&m, &"ids".into(), &ids);
        let _ = Reflect::set(&m, &"texts".into(), &texts);
        let _ = Reflect::set(&m, &"keep".into(), &keep);
        let _ = w.post_message(&m);
    }

    /// Asks the worker for an export (see [`crate::work::export`]): each document as its id, text
    /// and report JSON (for the story's exports the worker makes the story of the ids again). Not queued: a
    /// worker that is down answers nothing, and the reader can ask again.
    pub fn export(&self, kind: &str, file: &str, mime: &str, docs: &[(u32, JsValue, JsValue)]) -> bool {
        let inner = self.inner.borrow();
        let (Some(w), true) = (&inner.worker, inner.ready) else { return false };
        let ids: js_sys::Array = docs.iter().map(|(id, _, _)| JsValue::from(*id)).collect();
        let texts: js_sys::Array = docs.iter().map(|(_, t, _)| t.clone()).collect();
        let reports: js_sys::Array = docs.iter().map(|(_, _, r)| r.clone()).collect();
        let m = Object::new();
        let _ = Reflect::set(&m, &"export".into(), &JsValue::from_str(kind));
        let _ = Reflect::set(&m, &"file".into(), &JsValue::from_str(file));
        let _ = Reflect::set(&m, &"mime".into(), &JsValue::from_str(mime));
        let _ = Reflect::set(&m, &"texts".into(), &texts);
        let _ = Reflect::set(&m, &"reports".into(), &reports);
        let _ = Reflect::set(&m, &"ids".into(), &ids);
        w.post_message(&m).is_ok()
    }

    fn reply(&self, data: JsValue) {
        let get = |k: &str| Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let on_event = self.inner.borrow().on_event.clone();
        self.inner.borrow_mut().crashes = 0;
        if get("ready").is_truthy() {
            {
                let mut inner = self.inner.borrow_mut();
                inner.ready = true;
                if let Some(w) = &inner.worker {
                    for job in &inner.jobs {
                        let _ = w.post_message(&message(job));
                    }
                }
            }
            on_event(Event::Ready);
            return;
        }
        if let Some(key) = get("story").as_string() {
            let singles = get("singles").as_f64().map_or(0, |n| n as usize);
            on_event(Event::Story { key, json: get("json").as_string(), singles, missing: get("missing").is_truthy() });
            return;
        }
        if get("export").is_string() {
            let content = match get("error").as_string() {
                Some(e) => Err(e),
                None => Ok(get("content")),
            };
            let (file, mime) = (get("file").as_string().unwrap_or_default(), get("mime").as_string().unwrap_or_default());
            on_event(Event::Exported { file, mime, content });
            return;
        }
        let Some(id) = get("id").as_f64().map(|n| n as u32) else { return };
        let job = {
            let mut inner = self.inner.borrow_mut();
            let i = inner.jobs.iter().position(|j| j.id == id);
            i.and_then(|i| inner.jobs.remove(i))
        };
        let name = job.map(|j| j.name).unwrap_or_default();
        let doc = get("doc").dyn_into::<Uint8Array>().ok().map(|b| b.to_vec());
        let report = Some(get("report")).filter(|r| r.is_instance_of::<Uint8Array>());
        match (doc, get("error").as_string()) {
            (Some(doc), _) => on_event(Event::Done { id, name, doc, report }),
            (_, Some(reason)) => on_event(Event::Failed { id, name, reason }),
            _ => on_event(Event::Failed { id, name, reason: "the analysis worker sent an unreadable reply".into() }),
        }
    }

    /// The worker died: the job it was on fails, a new worker takes the rest.
    fn crashed(&self, message: String) {
        let (failed, on_event, give_up) = {
            let mut inner = self.inner.borrow_mut();
            if let Some(w) = inner.worker.take() {
                w.terminate();
            }
            inner.crashes += 1;
            let give_up = inner.crashes >= MAX_CRASHES;
            let failed: Vec<Job> = if give_up { inner.jobs.drain(..).collect() } else { inner.jobs.pop_front().into_iter().collect() };
            (failed, inner.on_event.clone(), give_up)
        };
        for job in failed {
            let reason = if give_up {
                format!("the analysis could not run: its web worker keeps failing ({message}). Reload the page to try again")
            } else {
                format!("the analysis failed ({message}); the other documents are unaffected")
            };
            on_event(Event::Failed { id: job.id, name: job.name, reason });
        }
        if give_up {
            on_event(Event::Stopped(message));
        } else {
            self.spawn();
        }
    }
}

fn message(job: &Job) -> JsValue {
    let m = Object::new();
    let _ = Reflect::set(&m, &"id".into(), &JsValue::from(job.id));
    let _ = Reflect::set(&m, &"name".into(), &JsValue::from_str(&job.name));
    match &job.input {
        Input::Bytes(bytes) => {
            let _ = Reflect::set(&m, &"bytes".into(), bytes);
        }
        Input::Saved(text, report) => {
            let _ = Reflect::set(&m, &"restore".into(), &JsValue::TRUE);
            let _ = Reflect::set(&m, &"text".into(), text);
            let _ = Reflect::set(&m, &"report".into(), report);
        }
    }
    m.into()
}
