//! The legend (which is also the filter), the selection bar and the sidebar: summary, quotes,
//! entities by label, figures with their values, search and export.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{label_class, label_title, Doc, LabelFilter, Target};
use crate::state::Selection;

/// Legend inputs.
#[derive(Properties, Clone)]
pub struct LegendProps {
    /// The document.
    pub doc: Rc<Doc>,
    /// Which labels show.
    pub filter: LabelFilter,
    /// A label was toggled.
    pub on_toggle: Callback<&'static str>,
}

impl PartialEq for LegendProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &o.doc) && self.filter == o.filter && self.on_toggle == o.on_toggle
    }
}

/// The legend: one toggle per label present, with its count.
#[function_component(Legend)]
pub fn legend(p: &LegendProps) -> Html {
    let chips = p.doc.label_counts().into_iter().filter(|(_, n)| *n > 0).map(|(label, n)| {
        let shown = p.filter.shows(label);
        let onclick = p.on_toggle.reform(move |_| label);
        html! {
            <button type="button" class={classes!("chip", format!("l-{}", label_class(label)), (!shown).then_some("off"))}
                    aria-pressed={shown.to_string()} data-label={label}
                    title={format!("{} {}: click to {} their highlights", n, label_title(label), if shown { "hide" } else { "show" })}
                    {onclick}>
                <span class="swatch" aria-hidden="true"></span>{ label_title(label) }<span class="count">{ n }</span>
            </button>
        }
    });
    html! {
        <div class="legend" role="group" aria-label="Labels shown (click to hide or show)">{ for chips }</div>
    }
}

/// Selection bar inputs.
#[derive(Properties, Clone)]
pub struct SelectionBarProps {
    /// The document.
    pub doc: Rc<Doc>,
    /// The selection.
    pub selection: Selection,
    /// Step by +1 / -1.
    pub on_step: Callback<i32>,
    /// Clear the selection.
    pub on_clear: Callback<()>,
}

impl PartialEq for SelectionBarProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &o.doc) && self.selection == o.selection
    }
}

/// Which mention of the selection is current, with previous/next buttons.
#[function_component(SelectionBar)]
pub fn selection_bar(p: &SelectionBarProps) -> Html {
    let n = p.doc.marks_of(p.selection.target).len();
    let label = label_title(p.doc.label(p.selection.target));
    let name = p.doc.name_of(p.selection.target).to_owned();
    let prev = p.on_step.reform(|_| -1);
    let next = p.on_step.reform(|_| 1);
    let clear = p.on_clear.reform(|_| ());
    html! {
        <div class="selbar" role="status">
            <span class="what"><span class="tag">{ label }</span>{" "}<strong>{ name }</strong>
                { format!(" · mention {} of {}", p.selection.cursor + 1, n) }</span>
            <span class="buttons">
                <button type="button" onclick={prev} aria-keyshortcuts="p" title="Previous mention (p)">{"◀ Previous"}</button>
                <button type="button" onclick={next} aria-keyshortcuts="n" title="Next mention (n)">{"Next ▶"}</button>
                <button type="button" onclick={clear} aria-keyshortcuts="Escape" title="Clear (Esc)">{"Clear"}</button>
            </span>
        </div>
    }
}

/// Sidebar inputs.
#[derive(Properties, Clone)]
pub struct SidebarProps {
    /// The document.
    pub doc: Rc<Doc>,
    /// Which labels show.
    pub filter: LabelFilter,
    /// The selection.
    pub selection: Option<Selection>,
    /// The search box text.
    pub search: AttrValue,
    /// Select an entity or figure.
    pub on_select: Callback<Target>,
    /// The search box changed.
    pub on_search: Callback<String>,
    /// Step through search hits.
    pub on_step: Callback<i32>,
    /// Export: "json", "csv" or "html".
    pub on_export: Callback<&'static str>,
    /// Show a quotation (index into the document's quotes).
    #[prop_or_default]
    pub on_quote: Callback<usize>,
}

impl PartialEq for SidebarProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &o.doc)
            && self.filter == o.filter
            && self.selection == o.selection
            && self.search == o.search
    }
}

/// Entries shown per list; the rest are reached through the search box (a long document can name
/// thousands of things, and the page must not freeze listing them).
const MAX_ITEMS: usize = 60;
/// Entries per list in the first frame of a long document (the rest follow a frame later, so that
/// the article and the sidebar are not laid out in one long task).
const FIRST_ITEMS: usize = 8;
/// A document of this many bytes or more is long.
const LONG_BYTES: usize = 64 * 1024;

fn matches(query: &str, texts: &[&str]) -> bool {
    let q = query.trim();
    if q.chars().count() < 2 {
        return true;
    }
    let q = q.to_lowercase();
    texts.iter().any(|t| t.to_lowercase().contains(&q))
}

fn clip(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// The sidebar.
#[function_component(Sidebar)]
pub fn sidebar(p: &SidebarProps) -> Html {
    let doc = &p.doc;
    let q = p.search.as_str();
    let hits = doc.find(q, crate::state::MAX_HITS).len();
    let oninput = p.on_search.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let onkeydown = {
        let step = p.on_step.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                step.emit(if e.shift_key() { -1 } else { 1 });
            }
        })
    };
    let selected = p.selection.map(|s| s.target);

    let summary = doc.summary.iter().map(|r| html! { <li>{ doc.text[r.clone()].to_owned() }</li> });
    let quotes = &doc.quotes;
    // Who said what: speakers in order of their first quotation, the unattributed last.
    let mut speakers: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    // A long document's lists start short and fill in over the next frames (each list item keyed,
    // so that the items already shown stay as they are).
    let stage = use_state(|| (0u32, 0usize));
    let max_items = if doc.text.len() < LONG_BYTES {
        MAX_ITEMS
    } else if stage.0 == doc.id {
        stage.1
    } else {
        FIRST_ITEMS
    };
    {
        let stage = stage.clone();
        use_effect_with((doc.id, max_items), move |&(id, n)| {
            if n < MAX_ITEMS {
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_millis(40)).await;
                    stage.set((id, (n * 3).min(MAX_ITEMS)));
                });
            }
        });
    }
    for (i, (who, _)) in quotes.iter().enumerate().take(max_items) {
        let who = who.as_deref();
        match speakers.iter_mut().find(|(s, _)| *s == who) {
            Some((_, list)) => list.push(i),
            None => speakers.push((who, vec![i])),
        }
    }
    speakers.sort_by_key(|(s, _)| s.is_none());
    let speakers = speakers.into_iter().map(|(who, list)| {
        let name = who.unwrap_or("Unattributed").to_owned();
        html! {
            <li class="speaker" key={list[0]} data-speaker={name.clone()}>
                <h3>{ name }<span class="count">{ list.len() }</span></h3>
                <ul>{ for list.into_iter().map(|i| {
                    let onclick = p.on_quote.reform(move |_| i);
                    html! { <li key={i}><button type="button" class="quote-link" {onclick} title="Show it in the text">
                        {"\u{201c}"}{ clip(&quotes[i].1, 200) }{"\u{201d}"}</button></li> }
                }) }</ul>
            </li>
        }
    });

    let mut groups = Vec::new();
    for label in crate::model::LABELS.iter().take(7) {
        if !p.filter.shows(label) {
            continue;
        }
        let items: Vec<_> = doc
            .entities
            .iter()
            .enumerate()
            .filter(|(i, e)| e.label == *label && !doc.marks_of(Target::Entity(*i)).is_empty())
            .filter(|(_, e)| {
                let mut texts = vec![e.name.as_str()];
                texts.extend(e.aliases.iter().map(|a| a.as_str()));
                matches(q, &texts)
            })
            .collect::<Vec<_>>();
        let more = items.len().saturating_sub(max_items);
        let items: Vec<Html> = items
            .into_iter()
            .take(max_items)
            .map(|(i, e)| {
                let t = Target::Entity(i);
                let onclick = p.on_select.reform(move |_| t);
                let also = if e.aliases.is_empty() { String::new() } else { format!("also: {}", e.aliases.join(", ")) };
                html! {
                    <li key={i}><button type="button" class={classes!("entity", format!("l-{}", label_class(label)))}
                            aria-pressed={(selected == Some(t)).to_string()} data-entity={e.name.clone()} {onclick}
                            title={if also.is_empty() { format!("Show its {} mentions", e.mentions) } else { also.clone() }}>
                        <span class="name">{ e.name.clone() }</span>
                        <span class="count" aria-label={format!("{} mentions", e.mentions)}>{ e.mentions }</span>
                    </button></li>
                }
            })
            .collect();
        if !items.is_empty() {
            groups.push(html! {
                <section class="group" data-label={*label}>
                    <h3><span class={classes!("tag", format!("l-{}", label_class(label)))}>{ label_title(label) }</span></h3>
                    <ul>{ for items }</ul>
                    if more > 0 { <p class="none">{ format!("and {more} more: search to find them") }</p> }
                </section>
            });
        }
    }

    let figures: Vec<_> = doc
        .figures
        .iter()
        .enumerate()
        .filter(|(_, f)| p.filter.shows(&f.kind) && matches(q, &[f.text.as_str()]))
        .filter(|(i, _)| !doc.marks_of(Target::Figure(*i)).is_empty())
        .collect::<Vec<_>>();
    let figures_more = figures.len().saturating_sub(max_items);
    let figures: Vec<Html> = figures
        .into_iter()
        .take(max_items)
        .map(|(i, f)| {
            let t = Target::Figure(i);
            let onclick = p.on_select.reform(move |_| t);
            html! {
                <li key={i}><button type="button" class={classes!("figure", format!("l-{}", label_class(&f.kind)))}
                        aria-pressed={(selected == Some(t)).to_string()} {onclick}>
                    if let Some(context) = f.context.clone() {
                        <span class="context">{ context }</span>
                    }
                    <span class="fig"><span class="tag">{ label_title(&f.kind) }</span>{" "}<strong>{ f.text.clone() }</strong>
                        {" = "}<span class="value">{ f.value.clone() }</span></span>
                    <span class="sentence">{ clip(doc.sentence(f.sentence).unwrap_or(""), 160) }</span>
                </button></li>
            }
        })
        .collect();

    let export = |kind: &'static str, text: &'static str, title: &'static str| {
        let onclick = p.on_export.reform(move |_| kind);
        html! { <button type="button" data-export={kind} {onclick} {title}>{ text }</button> }
    };

    html! {
        <aside class="sidebar" aria-label="Summary of the document">
            <div class="search">
                <label for="search">{"Search text and names"}</label>
                <input id="search" type="search" value={p.search.clone()} {oninput} {onkeydown}
                       placeholder="e.g. Russia" autocomplete="off" aria-keyshortcuts="/" />
                if q.trim().chars().count() >= 2 {
                    <p class="hits" role="status">{ format!("{} match{} in the text{}", hits, if hits == 1 { "" } else { "es" },
                        if hits > 0 { " · Enter for the next" } else { "" }) }</p>
                }
            </div>
            if !doc.summary.is_empty() {
                <section class="summary"><h2>{"In brief"}</h2><ol>{ for summary }</ol></section>
            }
            if !quotes.is_empty() {
                <section class="quotes"><h2>{"Who said what"}</h2><ul class="speakers">
                    { for speakers }
                </ul>
                if quotes.len() > max_items { <p class="none">{ format!("and {} more quotations", quotes.len() - max_items) }</p> }
                </section>
            }
            <section class="entities"><h2>{"Names"}</h2>
                if groups.is_empty() { <p class="none">{"No names to show."}</p> }
                { for groups }
            </section>
            <section class="figures"><h2>{"Figures"}</h2>
                if figures.is_empty() { <p class="none">{"No figures to show."}</p> } else { <ul>{ for figures }</ul> }
                if figures_more > 0 { <p class="none">{ format!("and {figures_more} more: search to find them") }</p> }
            </section>
            <section class="export"><h2>{"Export"}</h2>
                <div class="buttons">
                    { export("json", "JSON", "The analysis as the command line prints it (version 1)") }
                    { export("csv", "CSV", "One row per mention, for spreadsheets") }
                    { export("html", "HTML", "A standalone highlighted copy of the article") }
                </div>
            </section>
        </aside>
    }
}
