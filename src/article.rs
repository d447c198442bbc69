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

/// Renders the article.
#[function_component(Article)]
pub fn article(props: &ArticleProps) -> Html {
    let doc = &props.doc;
    let selected: &[usize] = props.selection.map_or(&[], |s| doc.marks_of(s.target));
    let current = props.selection.and_then(|s| selected.get(s.cursor).copied());
    let hits = doc.find(&props.search, MAX_HITS);

    // Bring the current mention (or search hit) into view when it changes.
    {
        let target = current.map(mark_id).or_else(|| (!hits.is_empty()).then(|| hit_id(props.hit.min(hits.len() - 1))));
        use_effect_with(target, |t| {
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

    let mut out: Vec<Html> = Vec::with_capacity(doc.marks.len() * 2 + 1);
    let mut hits_at = 0usize;
    let mut at = 0usize;
    for (i, m) in doc.marks.iter().enumerate() {
        text_with_hits(&mut out, &doc.text, at..m.range.start, &hits, &mut hits_at, props.hit);
        let mut inner = Vec::new();
        text_with_hits(&mut inner, &doc.text, m.range.clone(), &hits, &mut hits_at, props.hit);
        let label = doc.label(m.target);
        let class = classes!(
            "m",
            format!("l-{}", label_class(label)),
            selected.contains(&i).then_some("sel"),
            (current == Some(i)).then_some("cur")
        );
        out.push(html! {
            <mark id={mark_id(i)} class={class} data-i={i.to_string()} data-chip={label_title(label)}
                  title={doc.describe(m.target)} tabindex="-1">{ for inner }</mark>
        });
        at = m.range.end;
    }
    text_with_hits(&mut out, &doc.text, at..doc.text.len(), &hits, &mut hits_at, props.hit);

    html! {
        <article class="text" aria-label={format!("Text of {}", doc.name)} {onclick}>{ for out }</article>
    }
}

/// Pushes `text[range]`, wrapping the parts that fall inside search hits.
fn text_with_hits(
    out: &mut Vec<Html>,
    text: &str,
    range: Range<usize>,
    hits: &[Range<usize>],
    next: &mut usize,
    current: usize,
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
        let id = (h.start >= range.start).then(|| hit_id(k));
        let class = classes!("hit", (k == current).then_some("cur"));
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
