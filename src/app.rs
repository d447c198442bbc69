//! The page: wiring of state, worker, storage and global keys; the header, intake, document tabs,
//! messages and shortcut help.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::analyser::{Analyser, Event as WorkerEvent, Input};
use crate::article::Article;
use crate::io::{self, Intake, Listener};
use crate::model::Doc;
use crate::sidebar::{Legend, SelectionBar, Sidebar};
use crate::state::{Action, Message, Pending, Severity, State, Theme};
use crate::story::StoryView;

/// The built-in example: Voice of America news briefs (public domain).
pub const EXAMPLE_TEXT: &str = include_str!("../assets/example-voa.txt");
/// Its name in the document list.
pub const EXAMPLE_NAME: &str = "voa-news-briefs.txt";

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// A fresh document id.
pub fn next_id() -> u32 {
    NEXT_ID.with(|c| {
        let id = c.get();
        c.set(id + 1);
        id
    })
}

fn worker_event(ev: WorkerEvent, dispatch: &UseReducerDispatcher<State>) {
    match ev {
        WorkerEvent::Ready => {
            io::mark_body("data-worker", "ready");
            dispatch.dispatch(Action::WorkerReady);
        }
        WorkerEvent::Done { id, name, doc, report } => {
            // The report stays a JS string, unread (for storage and the JSON export); the page reads
            // the worker's compact form of the document instead. Receiving, reading and rendering
            // each take a task of their own, so that a long document does not hold the page.
            if let Some(report) = report {
                io::keep_report(id, report);
            }
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                yew::platform::time::sleep(std::time::Duration::ZERO).await;
                let doc = Doc::decode(id, &doc);
                yew::platform::time::sleep(std::time::Duration::ZERO).await;
                match doc {
                    Ok(doc) => dispatch.dispatch(Action::Analysed(Rc::new(doc))),
                    Err(reason) => dispatch.dispatch(Action::Failed { id: Some(id), name, reason }),
                }
            });
        }
        WorkerEvent::Story { key, json, singles, missing } => dispatch.dispatch(Action::StoryMade { key, json, singles, missing }),
        WorkerEvent::Exported { file, mime, content } => {
            if let Err(e) = content.and_then(|c| io::download(&file, &mime, &[c])) {
                dispatch.dispatch(Action::Notify(Severity::Error, format!("The export failed: {e}")));
            }
        }
        WorkerEvent::Failed { id, name, reason } => dispatch.dispatch(Action::Failed { id: Some(id), name, reason }),
        WorkerEvent::Stopped(error) => {
            io::mark_body("data-worker", "failed");
            dispatch.dispatch(Action::Notify(
                Severity::Error,
                format!("The analysis cannot run in this browser right now ({error}). Documents already here still work; reload the page to try again."),
            ));
        }
    }
}

/// Reads the files the reader dropped or picked and sends the good ones to the worker.
fn take_files(files: web_sys::FileList, analyser: Analyser, dispatch: UseReducerDispatcher<State>) {
    for item in io::intake(&files) {
        match item {
            Intake::Refuse(name, reason) => dispatch.dispatch(Action::Failed { id: None, name, reason }),
            Intake::Accept(file) => {
                let id = next_id();
                let name = file.name();
                dispatch.dispatch(Action::Queued(Pending { id, name: name.clone() }));
                let analyser = analyser.clone();
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match io::read_file(&file).await {
                        Ok(buf) => analyser.submit(id, name, Input::Bytes(js_sys::Uint8Array::new(&buf))),
                        Err(reason) => dispatch.dispatch(Action::Failed { id: Some(id), name, reason }),
                    }
                });
            }
        }
    }
}

fn submit_text(name: String, text: &str, analyser: &Analyser, dispatch: &UseReducerDispatcher<State>) {
    let id = next_id();
    dispatch.dispatch(Action::Queued(Pending { id, name: name.clone() }));
    analyser.submit(id, name, Input::Bytes(js_sys::Uint8Array::from(text.as_bytes())));
}

/// A callback that dispatches the action `f` makes of its input.
fn to_cb<I: 'static>(d: &UseReducerDispatcher<State>, f: impl Fn(I) -> Action + 'static) -> Callback<I> {
    let d = d.clone();
    Callback::from(move |i| d.dispatch(f(i)))
}

fn is_typing(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::with_theme(io::load_theme()));
    let dispatch = state.dispatcher();
    let analyser = {
        let dispatch = dispatch.clone();
        use_memo((), move |_| Analyser::start(move |ev| worker_event(ev, &dispatch)))
    };
    let analyser: Analyser = (*analyser).clone();

    // Restore saved documents once: the worker reads each saved report and sends the document's
    // compact form back, as for a new one (the page's main thread parses no report).
    {
        let (dispatch, analyser) = (dispatch.clone(), analyser.clone());
        use_effect_with((), move |_| {
            let restored = io::load_documents();
            let mut ids = Vec::new();
            for (text, report) in restored.documents {
                let id = next_id();
                io::keep_report(id, report.clone());
                analyser.submit(id, "A saved document could not be restored".into(), Input::Saved(text, report));
                ids.push(id);
            }
            dispatch.dispatch(Action::Restoring(ids));
            if let Some(n) = restored.notice {
                dispatch.dispatch(Action::Notify(Severity::Error, n));
            }
        });
    }
    use_effect_with(state.restored, |restored| {
        if *restored {
            io::mark_body("data-restored", "yes");
        }
    });
    // Interactive: the worker is up and saved documents are back (the intake works from the
    // first render). The time since navigation goes on <body> for the end-to-end tests (issue #8).
    use_effect_with(state.restored && state.worker_ready, |&interactive| {
        if interactive {
            io::mark_body("data-interactive", &format!("{:.0}", io::since_navigation()));
        }
    });

    // Save whenever the set of documents changes.
    {
        let docs = state.docs.clone();
        let waiting: Vec<u32> = state.pending.iter().map(|p| p.id).chain(state.restoring.iter().copied()).collect();
        let dispatch = dispatch.clone();
        use_effect_with(state.revision, move |rev| {
            if *rev > 0 {
                // In a task of its own, after the page has shown the change.
                wasm_bindgen_futures::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::ZERO).await;
                    // Reports of documents still on their way are kept too.
                    let ids: Vec<u32> = docs.iter().map(|d| d.id).chain(waiting).collect();
                    io::forget_reports_but(&ids);
                    match io::save_documents(&docs) {
                        Ok(left_out) if !left_out.is_empty() => dispatch.dispatch(Action::Notify(
                            Severity::Error,
                            format!(
                                "Too large to keep in browser storage, so not there after a reload: {}.",
                                left_out.join(", ")
                            ),
                        )),
                        Ok(_) => {}
                        Err(e) => dispatch.dispatch(Action::Notify(Severity::Error, e)),
                    }
                });
            }
        });
    }

    use_effect_with(state.theme, |t| io::apply_theme(*t));

    // Ask the worker for the story whenever the set of documents changes (two or more).
    {
        let (analyser, docs) = (analyser.clone(), state.docs.clone());
        let keep: Vec<u32> = state.pending.iter().map(|p| p.id).collect();
        use_effect_with(state.story_key(), move |key| {
            if docs.len() >= 2 {
                // The worker holds the analyses: ids are enough.
                let list: Vec<(u32, Option<&str>)> = docs.iter().map(|d| (d.id, None)).collect();
                analyser.story(key, &list, &keep);
            }
        });
    }
    // ... unless it restarted since: then it gets the texts too, once per set of documents.
    {
        let (analyser, docs) = (analyser.clone(), state.docs.clone());
        let keep: Vec<u32> = state.pending.iter().map(|p| p.id).collect();
        let current = state.story_key();
        use_effect_with(state.story_retry.clone(), move |retry| {
            if retry.as_deref() == Some(current.as_str()) && docs.len() >= 2 {
                let list: Vec<(u32, Option<&str>)> = docs.iter().map(|d| (d.id, Some(d.text.as_str()))).collect();
                analyser.story(&current, &list, &keep);
            }
        });
    }

    // Page-wide drop target and keyboard shortcuts.
    {
        let dispatch = dispatch.clone();
        let analyser = analyser.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a window");
            let target: &web_sys::EventTarget = window.as_ref();
            let body = window.document().and_then(|d| d.body());
            let b1 = body.clone();
            let b2 = body.clone();
            let b3 = body;
            let mut listeners = vec![
                Listener::new(target, "dragover", move |e| {
                    e.prevent_default();
                    if let Some(b) = &b1 {
                        let _ = b.class_list().add_1("dragging");
                    }
                }),
                Listener::new(target, "dragleave", move |e| {
                    let e: web_sys::DragEvent = e.unchecked_into();
                    if e.related_target().is_none() {
                        if let Some(b) = &b2 {
                            let _ = b.class_list().remove_1("dragging");
                        }
                    }
                }),
            ];
            {
                let dispatch = dispatch.clone();
                listeners.push(Listener::new(target, "drop", move |e| {
                    e.prevent_default();
                    if let Some(b) = &b3 {
                        let _ = b.class_list().remove_1("dragging");
                    }
                    let e: web_sys::DragEvent = e.unchecked_into();
                    if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                        take_files(files, analyser.clone(), dispatch.clone());
                    }
                }));
            }
            listeners.push(Listener::new(target, "keydown", move |e| {
                let e: web_sys::KeyboardEvent = e.unchecked_into();
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                if e.key() == "Escape" {
                    dispatch.dispatch(Action::Help(false));
                    dispatch.dispatch(Action::ClearSelection);
                    return;
                }
                if is_typing(&e) {
                    return;
                }
                match e.key().as_str() {
                    "?" => dispatch.dispatch(Action::ToggleHelp),
                    "n" | "j" => dispatch.dispatch(Action::Step(1)),
                    "p" | "k" => dispatch.dispatch(Action::Step(-1)),
                    "/" => {
                        e.prevent_default();
                        if let Some(el) = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.get_element_by_id("search"))
                            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                        {
                            let _ = el.focus();
                        }
                    }
                    _ => {}
                }
            }));
            move || drop(listeners)
        });
    }

    let on_pick = {
        let (analyser, dispatch) = (analyser.clone(), dispatch.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                take_files(files, analyser.clone(), dispatch.clone());
            }
            input.set_value("");
        })
    };
    let on_example = {
        let (analyser, dispatch) = (analyser.clone(), dispatch.clone());
        Callback::from(move |_| submit_text(EXAMPLE_NAME.into(), EXAMPLE_TEXT, &analyser, &dispatch))
    };
    let paste_ref = use_node_ref();
    let on_paste_submit = {
        let (analyser, dispatch, paste_ref) = (analyser.clone(), dispatch.clone(), paste_ref.clone());
        let count = state.docs.len() + state.pending.len() + 1;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(area) = paste_ref.cast::<web_sys::HtmlTextAreaElement>() else { return };
            let text = area.value();
            if text.trim().is_empty() {
                dispatch.dispatch(Action::Notify(Severity::Error, "Paste some text first.".into()));
                return;
            }
            submit_text(format!("pasted-text-{count}.txt"), &text, &analyser, &dispatch);
            area.set_value("");
        })
    };
    let theme_next = match state.theme {
        Theme::System => {
            if io::system_prefers_dark() {
                Theme::Light
            } else {
                Theme::Dark
            }
        }
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::Light,
    };
    let on_theme = to_cb(&dispatch, move |_: MouseEvent| Action::SetTheme(theme_next));
    let on_help = to_cb(&dispatch, |_: MouseEvent| Action::Help(true));
    // Storage is emptied at once, not in the save task that follows the change: a reload right
    // after the click must not bring the documents back.
    let on_clear_all = to_cb(&dispatch, |_: MouseEvent| {
        let _ = io::save_documents(&[]);
        Action::ClearAll
    });

    let active = state.active_doc().cloned();
    // The JSON export is the kept report itself; the others are made by the worker (from the
    // text and report), off the main thread, and downloaded when it answers.
    let on_export = {
        let (dispatch, doc, analyser) = (dispatch.clone(), active.clone(), analyser.clone());
        Callback::from(move |kind: &'static str| {
            let Some(doc) = &doc else { return };
            let file = crate::export::file_name(doc, kind);
            let result = match (kind, io::report(doc.id)) {
                (_, None) => Err("the analysis is not at hand".to_owned()),
                ("json", Some(report)) => io::download(&file, "application/json", &[report, "\n".into()]),
                (_, Some(report)) => {
                    let mime = if kind == "csv" { "text/csv;charset=utf-8" } else { "text/html;charset=utf-8" };
                    let docs = [(doc.id, wasm_bindgen::JsValue::from_str(&doc.text), report)];
                    if analyser.export(kind, &file, mime, &docs) { Ok(()) } else { Err("the analysis worker is not running".into()) }
                }
            };
            if let Err(e) = result {
                dispatch.dispatch(Action::Notify(Severity::Error, format!("The export failed: {e}")));
            }
        })
    };

    let on_story_export = {
        let (dispatch, docs, story, analyser) = (dispatch.clone(), state.docs.clone(), state.story().cloned(), analyser.clone());
        Callback::from(move |kind: &'static str| {
            if story.is_none() {
                return;
            }
            let (file, mime) = match kind {
                "story-json" => ("story.dossier.json", "application/json"),
                "story-entities" => ("story-names.dossier.csv", "text/csv;charset=utf-8"),
                _ => ("story-figures.dossier.csv", "text/csv;charset=utf-8"),
            };
            let all: Option<Vec<_>> = docs.iter().map(|d| io::report(d.id).map(|r| (d.id, wasm_bindgen::JsValue::from_str(&d.text), r))).collect();
            let sent = all.is_some_and(|all| analyser.export(kind, file, mime, &all));
            if !sent {
                dispatch.dispatch(Action::Notify(Severity::Error, "The export failed: the analysis worker is not running".into()));
            }
        })
    };

    let workspace = match &active {
        Some(_) if state.showing_story() => html! {
            <StoryView docs={state.docs.clone()} story={state.story().cloned()}
                       on_entity={to_cb(&dispatch, |(doc, entity)| Action::ShowEntity { doc, entity })}
                       on_quote={to_cb(&dispatch, |(doc, quote)| Action::ShowQuote { doc, quote })}
                       on_export={on_story_export} />
        },
        Some(doc) => {
            let doc_id = doc.id;
            let hidden: Vec<String> = state.filter.hidden().map(|l| format!("hide-{}", crate::model::label_class(l))).collect();
            html! {
                <div class="workspace">
                    <section class="reader" aria-label="Article">
                        <h2 class="doc-title">{ doc.name.clone() }</h2>
                        <Legend doc={doc.clone()} filter={state.filter.clone()} on_toggle={to_cb(&dispatch, Action::ToggleLabel)} />
                        if let Some(sel) = state.selection {
                            <SelectionBar doc={doc.clone()} selection={sel} on_step={to_cb(&dispatch, Action::Step)}
                                          on_clear={to_cb(&dispatch, |_| Action::ClearSelection)} />
                        }
                        <div class={classes!("text-wrap", hidden)}>
                            <Article doc={doc.clone()} selection={state.selection} search={AttrValue::from(state.search.clone())}
                                     hit={state.hit} on_select={to_cb(&dispatch, Action::Select)} />
                        </div>
                    </section>
                    <Sidebar doc={doc.clone()} filter={state.filter.clone()} selection={state.selection}
                             search={AttrValue::from(state.search.clone())} on_select={to_cb(&dispatch, Action::Select)}
                             on_search={to_cb(&dispatch, Action::Search)} on_step={to_cb(&dispatch, Action::Step)} {on_export}
                             on_quote={to_cb(&dispatch, move |quote| Action::ShowQuote { doc: doc_id, quote })} />
                </div>
            }
        }
        None => html! {
            if state.pending.is_empty() {
                <section class="empty" aria-label="Getting started">
                    <p class="big">{"Drop news articles anywhere on this page"}</p>
                    <p>{"Plain text, Markdown or HTML files (.txt, .md, .html). Or pick files, paste text, or load the example. \
                        Dossier highlights the people, organisations, places, money, percentages, quantities and dates, \
                        and sums each article up."}</p>
                </section>
            }
        },
    };

    html! {
        <>
        <a class="skip" href="#main">{"Skip to the article"}</a>
        <header class="top">
            <div class="brand">
                <h1>{"Dossier"}</h1>
                <p class="tagline">{"Names and figures in news articles, analysed in your browser. Nothing is uploaded: after loading, this page makes no network request."}</p>
            </div>
            <div class="actions">
                <input id="pick" class="visually-hidden" type="file" multiple=true accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onchange={on_pick} />
                <label class="button primary" for="pick">{"Open files…"}</label>
                <button type="button" onclick={on_example} data-action="example">{"Load example"}</button>
                <button type="button" onclick={on_theme} aria-label={format!("Switch to the {} theme", if theme_next == Theme::Dark { "dark" } else { "light" })}>
                    { if theme_next == Theme::Dark { "Dark theme" } else { "Light theme" } }
                </button>
                <button type="button" onclick={on_help} aria-keyshortcuts="?">{"Shortcuts (?)"}</button>
            </div>
        </header>
        <details class="paste">
            <summary>{"Paste text"}</summary>
            <form onsubmit={on_paste_submit}>
                <label for="paste-text" class="visually-hidden">{"Article text"}</label>
                <textarea id="paste-text" ref={paste_ref} rows="6" placeholder="Paste an article here"></textarea>
                <button type="submit">{"Analyse"}</button>
            </form>
        </details>
        <Messages messages={state.messages.clone()} on_dismiss={to_cb(&dispatch, Action::Dismiss)} />
        <DocTabs docs={state.docs.iter().map(|d| (d.id, d.name.clone())).collect::<Vec<_>>()} active={state.active}
                 pending={state.pending.clone()} on_activate={to_cb(&dispatch, Action::Activate)}
                 story={state.showing_story()} on_story={to_cb(&dispatch, |_| Action::ShowStory(true))}
                 on_remove={to_cb(&dispatch, Action::Remove)} on_clear_all={on_clear_all} />
        <main id="main">{ workspace }</main>
        <footer class="credits">
            <p>{"The example is made of Voice of America news briefs (public domain, a work of the U.S. government), as collected in the Groningen Meaning Bank corpus. "}
               {"Dossier is open source (MIT). Press ? for keyboard shortcuts."}</p>
        </footer>
        if state.help {
            <Help on_close={to_cb(&dispatch, |_| Action::Help(false))} />
        }
        </>
    }
}

/// Messages inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct MessagesProps {
    /// The messages.
    pub messages: Vec<Message>,
    /// Dismiss one.
    pub on_dismiss: Callback<u32>,
}

/// The message list (a live region).
#[function_component(Messages)]
pub fn messages(p: &MessagesProps) -> Html {
    html! {
        <ul class="messages" aria-live="polite">
            { for p.messages.iter().map(|m| {
                let id = m.id;
                let onclick = p.on_dismiss.reform(move |_| id);
                let class = classes!("message", if m.severity == Severity::Error { "error" } else { "info" });
                html! { <li {class} role={if m.severity == Severity::Error { "alert" } else { "status" }}>
                    <span>{ m.text.clone() }</span>
                    <button type="button" {onclick} aria-label="Dismiss this message">{"×"}</button>
                </li> }
            }) }
        </ul>
    }
}

/// Document tab inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct DocTabsProps {
    /// Id and name of each document.
    pub docs: Vec<(u32, String)>,
    /// The shown one.
    pub active: Option<u32>,
    /// Being analysed.
    pub pending: Vec<Pending>,
    /// Show a document.
    pub on_activate: Callback<u32>,
    /// Remove a document.
    pub on_remove: Callback<u32>,
    /// Remove all.
    pub on_clear_all: Callback<MouseEvent>,
    /// Whether the story view is shown.
    #[prop_or_default]
    pub story: bool,
    /// Show the story view.
    #[prop_or_default]
    pub on_story: Callback<()>,
}

/// The list of documents.
#[function_component(DocTabs)]
pub fn doc_tabs(p: &DocTabsProps) -> Html {
    if p.docs.is_empty() && p.pending.is_empty() {
        return html! {};
    }
    html! {
        <nav class="docs" aria-label="Documents">
            <ul>
            if p.docs.len() >= 2 {
                <li class={classes!("story-tab", p.story.then_some("current"))}>
                    <button type="button" class="open" aria-current={p.story.then_some("page")} data-view="story"
                            title="Compare the documents: names, figures, spellings and quotes across them"
                            onclick={p.on_story.reform(|_| ())}>{ format!("Story across {}", p.docs.len()) }</button>
                </li>
            }
            { for p.docs.iter().map(|(id, name)| {
                let id = *id;
                let current = p.active == Some(id) && !p.story;
                let activate = p.on_activate.reform(move |_| id);
                let remove = p.on_remove.reform(move |_| id);
                html! {
                    <li class={classes!("doc", current.then_some("current"))}>
                        <button type="button" class="open" aria-current={current.then_some("page")} onclick={activate}>{ name.clone() }</button>
                        <button type="button" class="remove" aria-label={format!("Remove {name}")} title={format!("Remove {name}")} onclick={remove}>{"×"}</button>
                    </li>
                }
            }) }
            { for p.pending.iter().map(|pd| html! {
                <li class="doc pending" aria-busy="true">
                    <span>{ format!("Analysing {}…", pd.name) }</span>
                    <progress aria-label={format!("Analysing {}", pd.name)}></progress>
                </li>
            }) }
            </ul>
            if !p.docs.is_empty() {
                <button type="button" class="clear-all" onclick={p.on_clear_all.clone()}>{"Clear all"}</button>
            }
        </nav>
    }
}

/// Help inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct HelpProps {
    /// Close it.
    pub on_close: Callback<()>,
}

/// The keyboard shortcut help.
#[function_component(Help)]
pub fn help(p: &HelpProps) -> Html {
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let onclick = p.on_close.reform(|_| ());
    let keys = [
        ("?", "Show or hide this help"),
        ("/", "Search the text and the names"),
        ("n", "Next mention of the selected name or figure (or next search match)"),
        ("p", "Previous mention"),
        ("Esc", "Clear the selection, close this help"),
        ("Tab", "Move between buttons: legend, names, figures, exports"),
        ("Enter", "In the search box: next match (Shift+Enter: previous)"),
    ];
    html! {
        <div class="overlay">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
                <h2 id="help-title">{"Keyboard shortcuts"}</h2>
                <dl>{ for keys.iter().map(|(k, what)| html! { <><dt><kbd>{ *k }</kbd></dt><dd>{ *what }</dd></> }) }</dl>
                <p>{"Click a name in the sidebar to highlight all its mentions; click a label in the legend to hide or show it. Drop files anywhere on the page."}</p>
                <button type="button" ref={close_ref} {onclick}>{"Close"}</button>
            </div>
        </div>
    }
}

