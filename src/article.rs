//! The article as written, with its highlights. All text goes into text nodes (yew escapes it),
//! so markup in a document is shown, never run.

use std::ops::Range;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::{label_class, label_title, Doc, Target};
use crate::state::{Selection, MAX_HITS};

/// The article view's inputs.
#[derive(Properties, Clone)]
pub struct ArticleProps {
    /// The document.
    pub doc: Rc<Doc>,
    /// The highlighted entity or figure.
    pub selection: Option<Selection>,
    /// The search text (hits are marked when it has two characters or more).
    pub search: AttrValue,
    /// The current search hit.
    pub hit: usize,
    /// A highlight was clicked.
    pub on_select: Callback<Target>,
}

impl PartialEq for ArticleProps {
    fn eq(&self, other: &Self) -> bool {
        // Documents are immutable once analysed: the same Rc means the same document.
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.selection == other.selection
            && self.search == other.search
            && self.hit == other.hit
    }
}

/// The id of the `i`th highlight's element.
pub fn mark_id(i: usize) -> String {
    format!("m{i}")
}

/// The id of the `k`th search hit's element.
pub fn hit_id(k: usize) -> String {
    format!("h{k}")
}

/// Chunks rendered at once when a document opens; the rest follow a few at a time, each batch in
/// its own task, so that a long document never blocks the page.
const FIRST_CHUNKS: usize = 1;
/// Chunks added per task after the first.
const STEP_CHUNKS: usize = 4;
/// From this many chunks on, an article is long: the browser skips laying out and painting the
/// chunks out of view (`content-visibility: auto`, see style.css), and a chunk gets its highlights
/// only when it comes near the view (or holds the current mention or search hit); until then it
/// is its plain text, one text node. So a long article costs about what its visible part costs.
const LONG_CHUNKS: usize = 8;

/// The event Chromium sends a `content-visibility: auto` element when it starts or stops being
/// skipped (near the view or not); it does not bubble, so the article hears it while capturing.
const VISIBILITY_EVENT: &str = "contentvisibilityautostatechange";

/// Renders the article.
#[function_component(Article)]
pub fn article(props: &ArticleProps) -> Html {
    let doc = &props.doc;
    let selected: &[usize] = props.selection.map_or(&[], |s| doc.marks_of(s.target));
    let current = props.selection.and_then(|s| selected.get(s.cursor).copied());
    let hits = Rc::new(doc.find(&props.search, MAX_HITS));
    let hit = (!hits.is_empty()).then(|| props.hit.min(hits.len() - 1));

    // How many chunks are rendered: grows in steps until the whole text is there.
    let progress = use_state(|| (doc.id, FIRST_CHUNKS));
    let n = doc.chunks.len();
    let mut shown = if progress.0 == doc.id { progress.1 } else { FIRST_CHUNKS };
    if let Some(c) = current {
        shown = shown.max(doc.chunk_of_mark(c) + 1);
    }
    if let Some(h) = hit {
        shown = shown.max(doc.chunk_of_byte(hits[h].start) + 1);
    }
    let shown = shown.min(n);
    let long = n >= LONG_CHUNKS;

    // The chunks of a long article that have come near the view (they keep their highlights).
    let near = use_mut_ref(|| (doc.id, std::collections::BTreeSet::<usize>::new()));
    if near.borrow().0 != doc.id {
        *near.borrow_mut() = (doc.id, Default::default());
    }
    let redraw = use_force_update();
    let article_ref = use_node_ref();
    {
        let (near, article_ref) = (near.clone(), article_ref.clone());
        use_effect_with(doc.id, move |&id| {
            let listener = article_ref.cast::<web_sys::Element>().map(|target| {
                crate::io::Listener::capturing(target.as_ref(), VISIBILITY_EVENT, move |e| {
                    let skipped = js_sys::Reflect::get(&e, &"skipped".into()).ok().and_then(|v| v.as_bool());
                    let chunk = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|el| el.get_attribute("data-c"))
                        .and_then(|c| c.parse::<usize>().ok());
                    if let (Some(false), Some(k)) = (skipped, chunk) {
                        let mut near = near.borrow_mut();
                        if near.0 == id && near.1.insert(k) {
                            redraw.force_update();
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    let current_chunk = current.map(|c| doc.chunk_of_mark(c));
    let hit_chunk = hit.map(|h| doc.chunk_of_byte(hits[h].start));
    let full = |k: usize| !long || k < FIRST_CHUNKS || current_chunk == Some(k) || hit_chunk == Some(k) || near.borrow().1.contains(&k);
    {
        let progress = progress.clone();
        use_effect_with((doc.id, shown, n), move |&(id, shown, n)| {
            if shown < n {
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::ZERO).await;
                    progress.set((id, shown + STEP_CHUNKS));
                });
            } else {
                crate::io::mark_body("data-rendered", &id.to_string());
            }
        });
    }

    // Bring the current mention (or search hit) into view when it changes.
    {
        let target = current.map(mark_id).or_else(|| hit.map(hit_id));
        // The document and the search too: a quotation found from the sidebar may be hit 0 again.
        use_effect_with((target, doc.id, props.search.clone()), |(t, _, _)| {
            if let Some(id) = t {
                crate::io::reveal(id);
            }
        });
    }

    let onclick = {
        let on_select = props.on_select.clone();
        let doc = doc.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
            let Ok(Some(mark)) = el.closest("mark[data-i]") else { return };
            let Some(i) = mark.get_attribute("data-i").and_then(|v| v.parse::<usize>().ok()) else { return };
            if let Some(m) = doc.marks.get(i) {
                on_select.emit(m.target);
            }
        })
    };

    let mut hit_at = 0usize;
    let chunks = doc.chunks[..shown].iter().enumerate().map(|(k, c)| {
        let lo = selected.partition_point(|&i| i < c.marks.start);
        let hi = selected.partition_point(|&i| i < c.marks.end);
        let first_hit = hit_at;
        while hit_at < hits.len() && hits[hit_at].start < c.text.end {
            hit_at += 1;
        }
        let last_hit = hit_at;
        // A hit may run on from the previous chunk: let both chunks see it.
        let first_hit = if first_hit > 0 && hits[first_hit - 1].end > c.text.start { first_hit - 1 } else { first_hit };
        if !full(k) {
            return html! { <PlainChunk key={k} doc={doc.clone()} index={k} /> };
        }
        html! {
            <ArticleChunk key={k} doc={doc.clone()} index={k} selected={Rc::<[usize]>::from(&selected[lo..hi])}
                current={current.filter(|i| c.marks.contains(i))}
                hits={first_hit..last_hit} all_hits={hits.clone()} hit={hit.filter(|h| (first_hit..last_hit).contains(h))} />
        }
    });

    html! {
        <article ref={article_ref} class={classes!("text", long.then_some("long"))} aria-label={format!("Text of {}", doc.name)} aria-busy={(shown < n).to_string()} {onclick}>
            { for chunks }
        </article>
    }
}

/// One chunk's inputs.
#[derive(Properties, Clone)]
struct ChunkProps {
    doc: Rc<Doc>,
    index: usize,
    /// Selected marks inside this chunk.
    selected: Rc<[usize]>,
    current: Option<usize>,
    /// Indices into `all_hits` that touch this chunk.
    hits: Range<usize>,
    all_hits: Rc<Vec<Range<usize>>>,
    hit: Option<usize>,
}

impl PartialEq for ChunkProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &o.doc)
            && self.index == o.index
            && self.selected == o.selected
            && self.current == o.current
            && self.hit == o.hit
            && self.all_hits[self.hits.clone()] == o.all_hits[o.hits.clone()]
    }
}

/// A chunk without its highlights (of a long article, away from the view).
#[derive(Properties, Clone)]
struct PlainProps {
    doc: Rc<Doc>,
    index: usize,
}

impl PartialEq for PlainProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &o.doc) && self.index == o.index
    }
}

#[function_component(PlainChunk)]
fn plain_chunk(p: &PlainProps) -> Html {
    let text = p.doc.chunks.get(p.index).and_then(|c| p.doc.text.get(c.text.clone())).unwrap_or("");
    html! { <span class="chunk" data-c={p.index.to_string()}>{ text.to_owned() }</span> }
}

#[function_component(ArticleChunk)]
fn article_chunk(p: &ChunkProps) -> Html {
    let doc = &p.doc;
    let c = &doc.chunks[p.index];
    let hits = &p.all_hits[p.hits.clone()];
    let current_hit = p.hit.map(|h| h - p.hits.start);
    let mut out: Vec<Html> = Vec::with_capacity(c.marks.len() * 2 + 1);
    let mut next = 0usize;
    let mut at = c.text.start;
    for i in c.marks.clone() {
        let m = &doc.marks[i];
        text_with_hits(&mut out, &doc.text, at..m.range.start, hits, &mut next, current_hit, p.hits.start);
        let mut inner = Vec::new();
        text_with_hits(&mut inner, &doc.text, m.range.clone(), hits, &mut next, current_hit, p.hits.start);
        let label = doc.label(m.target);
        let class = classes!(
            "m",
            format!("l-{}", label_class(label)),
            p.selected.contains(&i).then_some("sel"),
            (p.current == Some(i)).then_some("cur")
        );
        out.push(html! {
            <mark id={mark_id(i)} class={class} data-i={i.to_string()} data-chip={label_title(label)}
                  title={doc.describe(m.target)} tabindex="-1">{ for inner }</mark>
        });
        at = m.range.end;
    }
    text_with_hits(&mut out, &doc.text, at..c.text.end, hits, &mut next, current_hit, p.hits.start);
    html! { <span class="chunk" data-c={p.index.to_string()}>{ for out }</span> }
}

/// Pushes `text[range]`, wrapping the parts that fall inside search hits.
fn text_with_hits(
    out: &mut Vec<Html>,
    text: &str,
    range: Range<usize>,
    hits: &[Range<usize>],
    next: &mut usize,
    current: Option<usize>,
    base: usize,
) {
    let mut at = range.start;
    // Skip hits that end before this piece.
    while *next < hits.len() && hits[*next].end <= at {
        *next += 1;
    }
    let mut k = *next;
    while k < hits.len() && hits[k].start < range.end {
        let h = &hits[k];
        let (s, e) = (h.start.max(at), h.end.min(range.end));
        if s > at {
            out.push(Html::from(text[at..s].to_owned()));
        }
        let id = (h.start >= range.start).then(|| hit_id(base + k));
        let class = classes!("hit", (Some(k) == current).then_some("cur"));
        out.push(html! { <span {id} {class}>{ text[s..e].to_owned() }</span> });
        at = e;
        if h.end <= range.end {
            k += 1;
        } else {
            break;
        }
    }
    *next = k;
    if at < range.end {
        out.push(Html::from(text[at..range.end].to_owned()));
    }
}
