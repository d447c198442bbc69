//! The page's one state and the actions that change it. Nothing here touches the browser, and
//! nothing here runs the analysis: documents arrive analysed, filters and selections only change
//! what is shown.

use std::rc::Rc;

use dossier_engine::contract::StoryReport;
use yew::Reducible;

use crate::model::{Doc, LabelFilter, Target};

/// The story across the loaded documents, as the worker made it.
#[derive(Debug, PartialEq)]
pub struct Story {
    /// Which documents it compares ([`State::story_key`] when it was asked for).
    pub key: String,
    /// The comparison (its `doc` fields index [`State::docs`]), its figure lists cut to what the
    /// view shows.
    pub report: StoryReport,
    /// How many figures a single source reports, in all (the report lists the first few).
    pub singles: usize,
}

/// Light or dark; `System` follows the operating system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// How a message is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Something went as asked.
    Info,
    /// Something could not be done.
    Error,
}

/// A message to the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// For dismissing.
    pub id: u32,
    /// Info or error.
    pub severity: Severity,
    /// What happened.
    pub text: String,
}

/// The highlighted entity or figure and which of its mentions is current.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// What is selected.
    pub target: Target,
    /// Index into the target's mentions.
    pub cursor: usize,
}

/// A document waiting for the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Its id.
    pub id: u32,
    /// Its name.
    pub name: String,
}

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct State {
    /// Analysed documents, in the order they arrived.
    pub docs: Vec<Rc<Doc>>,
    /// The shown document.
    pub active: Option<u32>,
    /// Documents being analysed.
    pub pending: Vec<Pending>,
    /// The legend.
    pub filter: LabelFilter,
    /// The highlighted entity or figure.
    pub selection: Option<Selection>,
    /// The search box's text.
    pub search: String,
    /// The current search hit.
    pub hit: usize,
    /// Light, dark or system.
    pub theme: Theme,
    /// Messages, oldest first.
    pub messages: Vec<Message>,
    /// Whether the shortcut help is open.
    pub help: bool,
    /// Whether the analysis worker has started.
    pub worker_ready: bool,
    /// Bumped whenever the set of documents changes (the storage effect watches it).
    pub revision: u64,
    /// The story across the documents, once the worker has made it (it may lag behind a change
    /// of documents: [`State::story`] gives it only while it matches them).
    pub story_made: Option<Rc<Story>>,
    /// Whether the story view is shown instead of a document.
    pub story_open: bool,
    /// The story the worker could not make for lack of some documents' analyses (it restarted):
    /// the page asks again with the texts.
    pub story_retry: Option<String>,
    /// Saved documents the worker is reading back (ids, in their saved order).
    pub restoring: Vec<u32>,
    /// Whether every saved document is back (or could not be).
    pub restored: bool,
    /// How many saved documents are back: they come first, in their saved order.
    restored_count: usize,
    next_message: u32,
}

impl Default for State {
    fn default() -> State {
        State {
            docs: Vec::new(),
            active: None,
            pending: Vec::new(),
            filter: LabelFilter::default(),
            selection: None,
            search: String::new(),
            hit: 0,
            theme: Theme::System,
            messages: Vec::new(),
            help: false,
            worker_ready: false,
            revision: 0,
            story_made: None,
            story_open: false,
            story_retry: None,
            restoring: Vec::new(),
            restored: false,
            restored_count: 0,
            next_message: 1,
        }
    }
}

impl State {
    /// An empty page in this theme.
    pub fn with_theme(theme: Theme) -> State {
        State { theme, ..State::default() }
    }

    /// The shown document.
    pub fn active_doc(&self) -> Option<&Rc<Doc>> {
        self.active.and_then(|id| self.docs.iter().find(|d| d.id == id))
    }

    /// Which documents a story compares: their ids in order.
    pub fn story_key(&self) -> String {
        self.docs.iter().map(|d| d.id.to_string()).collect::<Vec<_>>().join(",")
    }

    /// The story of the loaded documents, when there are two or more and it has been made.
    pub fn story(&self) -> Option<&Rc<Story>> {
        let s = self.story_made.as_ref()?;
        (self.docs.len() >= 2 && s.key == self.story_key()).then_some(s)
    }

    /// Whether the story view shows (two or more documents, and the reader asked for it).
    pub fn showing_story(&self) -> bool {
        self.story_open && self.docs.len() >= 2
    }

    fn notify(&mut self, severity: Severity, text: String) {
        self.messages.push(Message { id: self.next_message, severity, text });
        self.next_message += 1;
        // Keep the list short: the oldest go first.
        if self.messages.len() > 8 {
            self.messages.remove(0);
        }
    }
}

/// Everything that changes the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// A file or text went to the worker.
    Queued(Pending),
    /// The worker finished one (`Doc` built by the caller).
    Analysed(Rc<Doc>),
    /// A document could not be analysed or read: its name and why.
    Failed {
        /// The pending id, if it was queued.
        id: Option<u32>,
        /// The file name.
        name: String,
        /// Why.
        reason: String,
    },
    /// Saved documents went to the worker to be read back (their ids, in their saved order).
    Restoring(Vec<u32>),
    /// Show this document.
    Activate(u32),
    /// Remove this document.
    Remove(u32),
    /// Remove every document.
    ClearAll,
    /// Toggle a label in the legend.
    ToggleLabel(&'static str),
    /// Highlight an entity or figure, at its first mention.
    Select(Target),
    /// Move to the next (+1) or previous (-1) mention of the selection, or search hit.
    Step(i32),
    /// Drop the selection.
    ClearSelection,
    /// The search box changed.
    Search(String),
    /// Choose a theme.
    SetTheme(Theme),
    /// Tell the reader something.
    Notify(Severity, String),
    /// Dismiss a message.
    Dismiss(u32),
    /// Open or close the shortcut help.
    Help(bool),
    /// Open the shortcut help if closed, close it if open.
    ToggleHelp,
    /// The worker is up.
    WorkerReady,
    /// The worker made the story of the documents `key` names (`None`: it could not).
    StoryMade {
        /// [`State::story_key`] when it was asked for.
        key: String,
        /// The contract's `story` JSON (figure lists cut to what the view shows).
        json: Option<String>,
        /// How many figures a single source reports, in all.
        singles: usize,
        /// It lacked some documents' analyses.
        missing: bool,
    },
    /// Show the story view (true) or the active document (false).
    ShowStory(bool),
    /// Show a document with one of its entities selected (from the story view).
    ShowEntity {
        /// The document's id.
        doc: u32,
        /// Index into its entities.
        entity: usize,
    },
    /// Show a document at one of its quotations (from the story view or the sidebar): the
    /// quotation's first words go to the search, whose current hit is the quotation.
    ShowQuote {
        /// The document's id.
        doc: u32,
        /// Index into its quotes.
        quote: usize,
    },
}

/// Search hits are capped so that a one-letter-like query cannot flood the page.
pub const MAX_HITS: usize = 2000;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Queued(p) => s.pending.push(p),
            Action::Analysed(doc) if s.restoring.contains(&doc.id) => {
                // A saved document is back: before anything brought since, in its saved order.
                s.restoring.retain(|&id| id != doc.id);
                s.restored = s.restoring.is_empty();
                if s.active.is_none() {
                    s.active = Some(doc.id);
                }
                let at = s.restored_count.min(s.docs.len());
                s.docs.insert(at, doc);
                s.restored_count += 1;
            }
            // A document removed ("clear all") while the worker was still on it stays out.
            Action::Analysed(doc) if !s.pending.iter().any(|p| p.id == doc.id) => return self,
            Action::Analysed(doc) => {
                s.pending.retain(|p| p.id != doc.id);
                s.active = Some(doc.id);
                s.selection = None;
                s.hit = 0;
                s.docs.push(doc);
                s.story_open = false;
                s.revision += 1;
            }
            Action::Failed { id, name, reason } => {
                if let Some(id) = id {
                    s.pending.retain(|p| p.id != id);
                    if s.restoring.contains(&id) {
                        s.restoring.retain(|&r| r != id);
                        s.restored = s.restoring.is_empty();
                    }
                }
                s.notify(Severity::Error, format!("{name}: {reason}"));
            }
            Action::Restoring(ids) => {
                s.restored = ids.is_empty();
                s.restoring = ids;
            }
            Action::Activate(id) => {
                if s.docs.iter().any(|d| d.id == id) {
                    s.story_open = false;
                }
                if s.docs.iter().any(|d| d.id == id) && s.active != Some(id) {
                    s.active = Some(id);
                    s.selection = None;
                    s.hit = 0;
                }
            }
            Action::Remove(id) => {
                if let Some(i) = s.docs.iter().position(|d| d.id == id) {
                    let doc = s.docs.remove(i);
                    if s.active == Some(id) {
                        s.active = s.docs.get(i.min(s.docs.len().saturating_sub(1))).map(|d| d.id);
                        s.selection = None;
                        s.hit = 0;
                    }
                    s.revision += 1;
                    s.notify(Severity::Info, format!("Removed {}.", doc.name));
                }
            }
            Action::ClearAll => {
                // Documents on their way (new, or saved ones being read back) go too.
                s.pending.clear();
                s.restoring.clear();
                s.restored = true;
                s.docs.clear();
                s.active = None;
                s.selection = None;
                s.hit = 0;
                s.revision += 1;
                s.notify(Severity::Info, "Removed every document from this page and from browser storage.".into());
            }
            Action::ToggleLabel(l) => {
                s.filter.toggle(l);
                if let (Some(sel), Some(doc)) = (s.selection, s.active_doc()) {
                    if !s.filter.shows(doc.label(sel.target)) {
                        s.selection = None;
                    }
                }
            }
            Action::Select(target) => {
                if s.active_doc().is_some_and(|d| !d.marks_of(target).is_empty()) {
                    s.selection = Some(Selection { target, cursor: 0 });
                }
            }
            Action::Step(delta) => {
                let Some(doc) = s.active_doc().cloned() else { return self };
                if let Some(sel) = s.selection.as_mut() {
                    let n = doc.marks_of(sel.target).len();
                    if n > 0 {
                        sel.cursor = (sel.cursor as i64 + delta as i64).rem_euclid(n as i64) as usize;
                    }
                } else {
                    let n = doc.find(&s.search, MAX_HITS).len();
                    if n == 0 {
                        return self;
                    }
                    s.hit = (s.hit as i64 + delta as i64).rem_euclid(n as i64) as usize;
                }
            }
            Action::ClearSelection => {
                if s.selection.is_none() {
                    return self;
                }
                s.selection = None;
            }
            Action::Search(q) => {
                s.search = q;
                s.hit = 0;
            }
            Action::SetTheme(t) => s.theme = t,
            Action::Notify(sev, text) => s.notify(sev, text),
            Action::Dismiss(id) => s.messages.retain(|m| m.id != id),
            Action::Help(open) => {
                if s.help == open {
                    return self;
                }
                s.help = open;
            }
            Action::ToggleHelp => s.help = !s.help,
            Action::WorkerReady => s.worker_ready = true,
            Action::StoryMade { key, json, singles, missing } => match json {
                Some(json) => match serde_json::from_str::<StoryReport>(&json) {
                    Ok(report) => s.story_made = Some(Rc::new(Story { key, report, singles })),
                    Err(e) => {
                        s.story_made = None;
                        s.notify(Severity::Error, format!("The story across the documents could not be read ({e})."));
                    }
                },
                None => {
                    s.story_made = None;
                    if missing && s.story_retry.as_deref() != Some(key.as_str()) {
                        s.story_retry = Some(key);
                    }
                }
            },
            Action::ShowStory(open) => {
                if s.story_open == open {
                    return self;
                }
                s.story_open = open;
            }
            Action::ShowEntity { doc, entity } => {
                let Some(d) = s.docs.iter().find(|d| d.id == doc).cloned() else { return self };
                s.active = Some(doc);
                s.story_open = false;
                s.hit = 0;
                let target = Target::Entity(entity);
                s.selection = (!d.marks_of(target).is_empty()).then_some(Selection { target, cursor: 0 });
                if s.selection.is_some() && !s.filter.shows(d.label(target)) {
                    s.filter.toggle(d.label(target));
                }
            }
            Action::ShowQuote { doc, quote } => {
                let Some(d) = s.docs.iter().find(|d| d.id == doc).cloned() else { return self };
                let Some((probe, hit)) = d.quote_probe(quote) else { return self };
                s.active = Some(doc);
                s.story_open = false;
                s.selection = None;
                s.search = probe;
                s.hit = hit;
            }
        }
        Rc::new(s)
    }
}
