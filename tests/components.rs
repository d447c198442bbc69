//! Component tests in headless Chromium (wasm-bindgen-test; run by scripts/test-app):
//! the article view, the legend, the sidebar and browser storage, each on a real analysis.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use dossier_app::article::{Article, ArticleProps};
use dossier_app::model::{Doc, LabelFilter, Target};
use dossier_app::sidebar::{Legend, LegendProps, Sidebar, SidebarProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const NEWS: &str = "Russia's defense budget of $118.5 billion for 2024 is unprecedented, Nils Stensønes said \
on Monday in Oslo. Stensønes added that Russia would spend 6% of its economy on defense.";

/// A document as the worker makes it (with the engine's report, for the exports).
fn full_doc(name: &str, text: &str) -> Rc<Doc> {
    let (text, report) = dossier_app::work::analyse(name, text.as_bytes()).expect("analysed");
    Rc::new(Doc::new(1, text, report).expect("a document"))
}

/// A document as the page holds it: read back from the worker's compact form.
fn doc(name: &str, text: &str) -> Rc<Doc> {
    Rc::new(Doc::decode(1, &full_doc(name, text).encode()).expect("a document"))
}

fn root() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn article_props(doc: Rc<Doc>, on_select: Callback<Target>) -> ArticleProps {
    yew::props!(ArticleProps { doc, selection: None, search: AttrValue::from(""), hit: 0usize, on_select })
}

#[wasm_bindgen_test]
async fn article_highlights_every_mention_with_a_label_chip() {
    let d = doc("a.txt", NEWS);
    let el = root();
    yew::Renderer::<Article>::with_root_and_props(el.clone(), article_props(d.clone(), Callback::noop())).render();
    settle().await;
    let marks = el.query_selector_all("mark.m").unwrap();
    assert_eq!(marks.length() as usize, d.marks.len());
    assert!(d.marks.len() >= 3, "money, people and places are found");
    // The text reads exactly as written: chips are generated content, not text.
    assert_eq!(el.text_content().unwrap(), d.text);
    let money = el.query_selector("mark.l-money").unwrap().expect("a money highlight");
    assert_eq!(money.text_content().unwrap(), "$118.5 billion");
    assert_eq!(money.get_attribute("data-chip").as_deref(), Some("Money"));
    assert!(money.get_attribute("title").unwrap().contains("118,500,000,000 USD"));
}

#[wasm_bindgen_test]
async fn a_long_article_shows_all_its_text_and_highlights_the_current_mention_far_down() {
    let d = doc("long.txt", &format!("{NEWS}\n\n").repeat(500));
    assert!(d.chunks.len() > 10, "{} chunks", d.chunks.len());
    let el = root();
    let last = *d.marks_of(Target::Entity(0)).last().unwrap();
    let props = yew::props!(ArticleProps {
        doc: d.clone(),
        selection: Some(dossier_app::state::Selection { target: Target::Entity(0), cursor: d.marks_of(Target::Entity(0)).len() - 1 }),
        search: AttrValue::from(""),
        hit: 0usize,
        on_select: Callback::noop(),
    });
    yew::Renderer::<Article>::with_root_and_props(el.clone(), props).render();
    for _ in 0..100 {
        settle().await;
        if el.query_selector("article[aria-busy=false]").unwrap().is_some() {
            break;
        }
    }
    assert!(el.query_selector("article.text.long[aria-busy=false]").unwrap().is_some());
    // Every chunk is there, and reads as the text; the current mention far down is highlighted.
    assert_eq!(el.text_content().unwrap(), d.text);
    let current = el.query_selector("mark.m.cur").unwrap().expect("the current mention");
    assert_eq!(current.id(), format!("m{last}"));
    // Chunks away from the view and the current mention are plain text, not highlighted yet.
    let marks = el.query_selector_all("mark.m").unwrap().length() as usize;
    assert!(marks < d.marks.len(), "{marks} of {} marks rendered", d.marks.len());
}

#[wasm_bindgen_test]
async fn clicking_a_highlight_selects_its_entity() {
    let d = doc("a.txt", NEWS);
    let el = root();
    let picked = Rc::new(RefCell::new(None));
    let p = picked.clone();
    let cb = Callback::from(move |t: Target| *p.borrow_mut() = Some(t));
    yew::Renderer::<Article>::with_root_and_props(el.clone(), article_props(d.clone(), cb)).render();
    settle().await;
    let mark: web_sys::HtmlElement = el.query_selector("mark.l-person").unwrap().expect("a person").unchecked_into();
    mark.click();
    let t = picked.borrow().expect("a selection");
    assert_eq!(d.label(t), "PERSON");
}

#[wasm_bindgen_test]
async fn markup_in_a_document_is_text() {
    let hostile = "<img src=x onerror=\"window.pwned=1\"> <script>window.pwned=2</script> Paris is calm.";
    let d = doc("markup.txt", hostile);
    let el = root();
    yew::Renderer::<Article>::with_root_and_props(el.clone(), article_props(d, Callback::noop())).render();
    settle().await;
    assert!(el.query_selector("img, script").unwrap().is_none());
    assert!(el.text_content().unwrap().contains("<img src=x onerror="));
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
async fn the_legend_lists_labels_and_toggles_them() {
    let d = doc("a.txt", NEWS);
    let el = root();
    let toggled = Rc::new(RefCell::new(Vec::new()));
    let t = toggled.clone();
    let props = yew::props!(LegendProps {
        doc: d,
        filter: LabelFilter::default(),
        on_toggle: Callback::from(move |l: &'static str| t.borrow_mut().push(l)),
    });
    yew::Renderer::<Legend>::with_root_and_props(el.clone(), props).render();
    settle().await;
    let chip: web_sys::HtmlElement =
        el.query_selector("button.chip[data-label=MONEY]").unwrap().expect("a money chip").unchecked_into();
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(chip.text_content().unwrap().contains("Money"), "labels are written, not only coloured");
    chip.click();
    assert_eq!(*toggled.borrow(), vec!["MONEY"]);
}

#[wasm_bindgen_test]
async fn the_sidebar_groups_entities_and_hides_filtered_labels() {
    let d = doc("a.txt", NEWS);
    let el = root();
    let mut filter = LabelFilter::default();
    filter.toggle("PLACE");
    let props = yew::props!(SidebarProps {
        doc: d,
        filter,
        selection: None,
        search: AttrValue::from(""),
        on_select: Callback::noop(),
        on_search: Callback::noop(),
        on_step: Callback::noop(),
        on_export: Callback::noop(),
    });
    yew::Renderer::<Sidebar>::with_root_and_props(el.clone(), props).render();
    settle().await;
    assert!(el.query_selector("section.group[data-label=PERSON]").unwrap().is_some());
    assert!(el.query_selector("section.group[data-label=PLACE]").unwrap().is_none());
    let figures = el.query_selector(".figures").unwrap().unwrap().text_content().unwrap();
    assert!(figures.contains("118,500,000,000 USD"), "{figures}");
}

#[wasm_bindgen_test]
fn storage_round_trip_and_older_formats_are_set_aside() {
    use dossier_app::io;
    let store = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    store.clear().unwrap();
    let d = full_doc("a.txt", NEWS);
    let json = d.full.as_ref().unwrap().json.clone();
    io::keep_report(d.id, wasm_bindgen::JsValue::from_str(&json));
    io::save_documents(std::slice::from_ref(&d)).unwrap();
    let back = io::load_documents();
    assert!(back.notice.is_none());
    let back: Vec<_> = back.documents.iter().map(|(t, r)| (t.as_string().unwrap(), r.as_string().unwrap())).collect();
    assert_eq!(back, vec![(d.text.clone(), json)]);

    store.set_item(io::STORAGE_KEY, r#"{"format":0,"docs":[]}"#).unwrap();
    let old = io::load_documents();
    assert!(old.documents.is_empty());
    assert!(old.notice.unwrap().contains("set aside"));
    assert_eq!(store.get_item(io::SET_ASIDE_KEY).unwrap().as_deref(), Some(r#"{"format":0,"docs":[]}"#));
    assert!(store.get_item(io::STORAGE_KEY).unwrap().is_none());
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn exports_are_safe() {
    let d = full_doc("a.txt", "=HYPERLINK(\"http://evil\") said Paris officials. <script>x()</script> cost $5 million.");
    let csv = dossier_app::export::csv(&d).unwrap();
    assert!(!csv.lines().skip(1).any(|l| l.starts_with('=') || l.contains(",=")), "{csv}");
    let html = dossier_app::export::html(&d);
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    assert!(html.contains(dossier_app::export::EXPORT_CSP));
}
