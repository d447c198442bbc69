//! The story view: the loaded documents compared (the engine's story, made by the worker):
//! who is in which article, which figures the sources share or disagree on, spellings worth a
//! second look, and the same quotation in several sources with its wording differences.

use std::rc::Rc;

use dossier_engine::contract::StoryFigureReport;
use dossier_engine::story::{word_diff, DiffPart};
use yew::prelude::*;

use crate::model::{label_class, label_title, Doc};
use crate::state::Story;

/// Story view inputs.
#[derive(Properties, Clone)]
pub struct StoryViewProps {
    /// The documents, in the order the story indexes them.
    pub docs: Vec<Rc<Doc>>,
    /// The story, once made.
    pub story: Option<Rc<Story>>,
    /// Show a document's entity: (document id, entity index).
    pub on_entity: Callback<(u32, usize)>,
    /// Show a document's quotation: (document id, quote index).
    pub on_quote: Callback<(u32, usize)>,
    /// Export: "story-json", "story-entities" or "story-figures".
    pub on_export: Callback<&'static str>,
}

impl PartialEq for StoryViewProps {
    fn eq(&self, o: &Self) -> bool {
        self.docs.len() == o.docs.len()
            && self.docs.iter().zip(&o.docs).all(|(a, b)| Rc::ptr_eq(a, b))
            && match (&self.story, &o.story) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// Which entity rows show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Only {
    Every,
    InAll,
    InOne,
}

/// Rows shown per table: the rest are counted (a long document can name thousands of things).
const MAX_ROWS: usize = 150;

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

/// A short name for a document in a column head.
fn short(name: &str) -> String {
    clip(name.rsplit_once('.').map_or(name, |(s, _)| s), 24)
}

/// The story view.
#[function_component(StoryView)]
pub fn story_view(p: &StoryViewProps) -> Html {
    let only = use_state(|| Only::Every);
    let Some(story) = &p.story else {
        return html! {
            <section class="story" aria-label="The story across the documents" aria-busy="true">
                <h2>{"The story across the documents"}</h2>
                <p class="none">{"Comparing the documents…"}</p>
            </section>
        };
    };
    let r = &story.report;
    let docs = &p.docs;
    let n_docs = docs.len();

    // (a) Entities across sources.
    let filter = |o: Only, text: &'static str| {
        let pressed = (*only == o).to_string();
        let only = only.clone();
        let onclick = Callback::from(move |_: MouseEvent| only.set(o));
        html! { <button type="button" class="filter" aria-pressed={pressed} data-filter={text} {onclick}>{ text }</button> }
    };
    let rows: Vec<_> = r
        .entities
        .iter()
        .filter(|e| {
            let mut ds: Vec<usize> = e.documents.iter().map(|d| d.doc).collect();
            ds.sort_unstable();
            ds.dedup();
            match *only {
                Only::Every => true,
                Only::InAll => ds.len() == n_docs,
                Only::InOne => ds.len() == 1,
            }
        })
        .collect();
    let rows_more = rows.len().saturating_sub(MAX_ROWS);
    let rows = rows.into_iter().take(MAX_ROWS).map(|e| {
        let cells = docs.iter().enumerate().map(|(di, d)| {
            let refs: Vec<_> = e.documents.iter().filter(|x| x.doc == di).collect();
            let mentions: usize = refs.iter().map(|x| x.mentions).sum();
            // The document's entity with the most mentions is the one to show.
            let target = refs.iter().max_by_key(|x| x.mentions).and_then(|x| d.entities.iter().position(|en| en.id == x.entity));
            match target {
                Some(entity) if mentions > 0 => {
                    let id = d.id;
                    let onclick = p.on_entity.reform(move |_| (id, entity));
                    html! { <td><button type="button" class="count-link" {onclick}
                        aria-label={format!("{} mentions in {}: show them", mentions, d.name)}
                        title={format!("Show its mentions in {}", d.name)}>{ mentions }</button></td> }
                }
                _ => html! { <td class="absent" aria-label={format!("not in {}", d.name)}>{"–"}</td> },
            }
        });
        html! {
            <tr data-entity={e.name.clone()}>
                <th scope="row">
                    <span class={classes!("tag", format!("l-{}", label_class(&e.label)))}>{ label_title(&e.label) }</span>{" "}
                    <span class="name">{ e.name.clone() }</span>
                    if !e.aliases.is_empty() {
                        <span class="aliases">{ format!("also: {}", e.aliases.join(", ")) }</span>
                    }
                </th>
                { for cells }
            </tr>
        }
    });

    // (b) Figures across sources.
    let figure_row = |f: &StoryFigureReport| {
        let what = match (&f.subject, &f.about) {
            (Some(s), Some(a)) => format!("{s} · {a}"),
            (Some(s), None) => s.clone(),
            (None, Some(a)) => a.clone(),
            (None, None) => "measure not named".to_owned(),
        };
        let verdict = match f.agreement.as_str() {
            "same" => "Same value",
            "differs" => "Values differ",
            _ => "One source only",
        };
        let reports = f.reports.iter().filter_map(|x| {
            let d = docs.get(x.doc)?;
            let fig = d.figures.get(x.figure)?;
            Some(html! {
                <div class="report">
                    <div class="src">{ d.name.clone() }</div>
                    <div class="fig"><strong>{ fig.text.clone() }</strong>{" = "}<span class="value">{ fig.value.clone() }</span></div>
                    <div class="sentence">{ clip(d.sentence(fig.sentence).unwrap_or(""), 280) }</div>
                </div>
            })
        });
        html! {
            <li class={classes!("measure", f.agreement.clone())} data-agreement={f.agreement.clone()}>
                <div class="head"><span class="what">{ what }</span><span class="verdict">{ verdict }</span></div>
                <div class="reports">{ for reports }</div>
            </li>
        }
    };
    let shared: Vec<_> = r.figures.iter().filter(|f| f.agreement != "single").collect();
    let singles: Vec<_> = r.figures.iter().filter(|f| f.agreement == "single").collect();

    // (c) Variants.
    let variants = r.variants.iter().take(MAX_ROWS).map(|v| {
        let where_: Vec<String> = v.docs.iter().filter_map(|&d| docs.get(d)).map(|d| d.name.clone()).collect();
        html! {
            <li data-why={v.why.clone()}>
                <span class="forms">{ v.forms.join(" / ") }</span>
                <span class="why">{ if v.why == "spelling" { " · spelt differently" } else { " · different names, nearly the same" } }</span>
                <span class="where">{ format!(" · in {}", where_.join(", ")) }</span>
            </li>
        }
    });

    // (d) Quotes across sources.
    let quotes = r.quotes.iter().take(MAX_ROWS).map(|q| {
        let first = q.reports.first().and_then(|x| docs.get(x.doc)?.quotes.get(x.quote)).map(|(_, words)| words.clone());
        let items = q.reports.iter().enumerate().filter_map(|(k, x)| {
            let d = docs.get(x.doc)?;
            let (_, qt) = d.quotes.get(x.quote)?;
            let (id, quote) = (d.id, x.quote);
            let onclick = p.on_quote.reform(move |_| (id, quote));
            let words = match (&first, k) {
                (Some(a), k) if k > 0 => {
                    let parts = word_diff(a, qt);
                    // Words between the parts, outside them, so a mark covers words only.
                    html! { <>{ for parts.into_iter().enumerate().map(|(i, part)| {
                        let gap = if i > 0 { " " } else { "" };
                        match part {
                            DiffPart::Same(t) => html! { <>{ gap }<span>{ t }</span></> },
                            DiffPart::Removed(t) => html! { <>{ gap }<del title="Only in the first source">{ t }</del></> },
                            DiffPart::Added(t) => html! { <>{ gap }<ins title="Only in this source">{ t }</ins></> },
                        }
                    }) }</> }
                }
                _ => html! { { clip(qt, 400) } },
            };
            Some(html! {
                <li><button type="button" class="quote-link" {onclick} title={format!("Show it in {}", d.name)}>
                    <span class="src">{ d.name.clone() }</span>
                    <span class="words">{"\u{201c}"}{ words }{"\u{201d}"}</span>
                </button></li>
            })
        });
        html! {
            <li class="story-quote">
                <strong>{ q.speaker.clone().unwrap_or_else(|| "Speaker unknown or not agreed".into()) }</strong>
                <ul>{ for items }</ul>
            </li>
        }
    });

    let export = |kind: &'static str, text: &'static str, title: &'static str| {
        let onclick = p.on_export.reform(move |_| kind);
        html! { <button type="button" data-export={kind} {onclick} {title}>{ text }</button> }
    };

    html! {
        <section class="story" aria-label="The story across the documents">
            <h2>{ format!("The story across {} documents", n_docs) }</h2>
            <section class="story-entities">
                <h3>{"Who is in which article"}</h3>
                <div class="filters" role="group" aria-label="Show names">
                    { filter(Only::Every, "All names") }
                    { filter(Only::InAll, "In all") }
                    { filter(Only::InOne, "In only one") }
                </div>
                <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">{"Name"}</th>
                        { for docs.iter().map(|d| html! { <th scope="col" title={d.name.clone()}>{ short(&d.name) }</th> }) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
                if rows_more > 0 { <p class="none">{ format!("and {rows_more} more names (see the CSV export)") }</p> }
            </section>
            <section class="story-figures">
                <h3>{"Figures the sources share or disagree on"}</h3>
                if shared.is_empty() { <p class="none">{"No figure is reported by more than one source."}</p> }
                <ul class="measures">{ for shared.iter().take(MAX_ROWS).map(|f| figure_row(f)) }</ul>
                if !singles.is_empty() {
                    <details>
                        <summary>{ format!("Figures one source only reports ({})", story.singles) }</summary>
                        <ul class="measures">{ for singles.iter().take(MAX_ROWS).map(|f| figure_row(f)) }</ul>
                    </details>
                }
            </section>
            <section class="story-variants">
                <h3>{"Spellings worth a second look"}</h3>
                if r.variants.is_empty() { <p class="none">{"No variant spellings."}</p> } else { <ul>{ for variants }</ul> }
            </section>
            <section class="story-quotes">
                <h3>{"Quotes across sources"}</h3>
                if r.quotes.is_empty() { <p class="none">{"No quotation is reported by more than one source."}</p> } else {
                    <p class="none">{"Compared with the first source: "}<ins>{"underlined"}</ins>{" words only this source has, "}
                        <del>{"struck"}</del>{" words it lacks. Click a quote to read it in its article."}</p>
                    <ul>{ for quotes }</ul>
                }
            </section>
            <section class="export"><h3>{"Export the story"}</h3>
                <div class="buttons">
                    { export("story-json", "JSON", "Every document and the story, as the command line prints them") }
                    { export("story-entities", "Names CSV", "One row per name, one column of mention counts per document") }
                    { export("story-figures", "Figures CSV", "The figure comparison, with each figure's sentence") }
                </div>
            </section>
        </section>
    }
}
