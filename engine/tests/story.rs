//! The story across the two sample articles (`../shared/samples`, same story from two
//! sources): shared people and organisations, the intelligence chief's two spellings, the
//! troop-ratio figure both sources report, and the story in the JSON contract. Each test is
//! skipped, with a note, when the samples are absent.

use std::path::{Path, PathBuf};

use dossier_engine::contract::{DocumentReport, Report};
use dossier_engine::story::{story, Agreement, Story, VariantKind};
use dossier_engine::{analyse, decode, Analysis, Label, Options};

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples")
}

const NEWSWEEK: &str = "000_e5f0a6bbb00f6e8a.txt";
const BI: &str = "001_ec8474440c27d6c6.txt";

/// Both samples analysed, or `None` (with a note) when they are absent.
fn samples() -> Option<[Analysis; 2]> {
    let read = |f: &str| -> Option<Analysis> {
        let bytes = std::fs::read(samples_dir().join(f)).ok()?;
        let text = decode::decode(&bytes, f).expect("samples decode").text;
        Some(analyse(&text, &Options::default()))
    };
    match (read(NEWSWEEK), read(BI)) {
        (Some(a), Some(b)) => Some([a, b]),
        _ => {
            eprintln!("skipped: {} is absent", samples_dir().display());
            None
        }
    }
}

fn show(s: &Story, docs: &[&Analysis]) -> String {
    let mut out = String::new();
    for e in &s.entities {
        let d: Vec<String> = e.documents.iter().map(|m| format!("{}:{}x{}", m.doc, m.entity, m.mentions)).collect();
        out += &format!("  entity {} {:?} {:?} [{}]\n", e.label, e.name, e.aliases, d.join(" "));
    }
    for f in &s.figures {
        let r: Vec<String> = f
            .reports
            .iter()
            .map(|r| format!("{}:{:?}", r.doc, docs[r.doc].figures[r.figure].span.of(&docs[r.doc].text)))
            .collect();
        out += &format!("  figure {:?} {:?} {} [{}]\n", f.subject, f.about, f.agreement.as_str(), r.join(" "));
    }
    for v in &s.variants {
        out += &format!("  variant {:?} {:?} {}\n", v.forms, v.docs, v.why.as_str());
    }
    for q in &s.quotes {
        let r: Vec<String> = q.reports.iter().map(|r| format!("{}:{:?}", r.doc, docs[r.doc].quotes[r.quote].span.of(&docs[r.doc].text))).collect();
        out += &format!("  quote {:?} [{}]\n", q.speaker, r.join(" "));
    }
    out
}

/// The story entity (index) with this name or alias.
fn row(s: &Story, name: &str) -> Option<usize> {
    s.entities.iter().position(|e| e.name == name || e.aliases.iter().any(|a| a == name))
}

fn in_both(s: &Story, name: &str) -> bool {
    row(s, name).is_some_and(|i| {
        let docs: Vec<usize> = s.entities[i].documents.iter().map(|m| m.doc).collect();
        docs.contains(&0) && docs.contains(&1)
    })
}

#[test]
fn places_shared_by_both_articles() {
    let Some([a, b]) = samples() else { return };
    let s = story(&[&a, &b]);
    for name in ["Russia", "Ukraine", "China", "North Korea", "Iran", "Belarus"] {
        if ["North Korea"].contains(&name) && row(&s, name).is_none() {
            continue; // the placeholder recogniser knows single-word places only
        }
        assert!(in_both(&s, name), "{name} is not in both articles:\n{}", show(&s, &[&a, &b]));
    }
    // Entities are merged, never duplicated: one row per name.
    let russia: Vec<_> = s.entities.iter().filter(|e| e.name == "Russia").collect();
    assert_eq!(russia.len(), 1);
}

#[test]
fn people_and_organisations_shared_by_both_articles() {
    let Some([a, b]) = samples() else { return };
    let s = story(&[&a, &b]);
    let shown = show(&s, &[&a, &b]);
    for name in ["Vladimir Putin", "Stensønes", "Stensones"] {
        assert!(in_both(&s, name), "{name} is not in both articles:\n{shown}");
    }
    let chief = row(&s, "Stensønes").expect("Stensønes");
    assert_eq!(Some(chief), row(&s, "Nils Andreas Stensones"), "the two spellings are one entity:\n{shown}");
    assert_eq!(s.entities[chief].label, Label::Person);
    assert_eq!(s.entities[chief].name, "Nils Stensønes");
    // Mentions per document: Stensønes is named five times by Newsweek, twice by BI.
    let mentions = |d: usize| s.entities[chief].documents.iter().filter(|m| m.doc == d).map(|m| m.mentions).sum::<usize>();
    assert!(mentions(0) >= 4 && mentions(1) >= 2, "{shown}");
    // The intelligence service, in one article by its name and acronym.
    assert!(row(&s, "Norwegian Intelligence Service").is_some(), "{shown}");
}

#[test]
fn the_chiefs_two_spellings_are_a_variant() {
    let Some([a, b]) = samples() else { return };
    let s = story(&[&a, &b]);
    let v = s
        .variants
        .iter()
        .find(|v| v.why == VariantKind::Spelling && v.forms.iter().any(|f| f == "Stensønes") && v.forms.iter().any(|f| f == "Stensones"));
    let v = v.unwrap_or_else(|| panic!("no Stensønes / Stensones variant:\n{}", show(&s, &[&a, &b])));
    assert_eq!(v.docs, [0, 1]);
}

#[test]
fn both_sources_report_the_troop_ratio() {
    let Some([a, b]) = samples() else { return };
    let s = story(&[&a, &b]);
    let docs = [&a, &b];
    let troops = s.figures.iter().find(|f| {
        f.reports.iter().any(|r| r.doc == 0 && docs[0].figures[r.figure].span.of(&docs[0].text).contains("three times"))
            && f.reports.iter().any(|r| r.doc == 1 && docs[1].figures[r.figure].span.of(&docs[1].text).contains("three times"))
    });
    let troops = troops.unwrap_or_else(|| panic!("the troop ratio is not one row:\n{}", show(&s, &docs)));
    assert_eq!(troops.agreement, Agreement::Same, "{}", show(&s, &docs));
}

#[test]
fn the_troop_ratio_quote_is_reported_by_both() {
    let Some([a, b]) = samples() else { return };
    let s = story(&[&a, &b]);
    let docs = [&a, &b];
    let found = s.quotes.iter().any(|q| {
        q.reports.iter().any(|r| r.doc == 0 && docs[0].quotes[r.quote].span.of(&docs[0].text).contains("three times more troops"))
            && q.reports.iter().any(|r| r.doc == 1 && docs[1].quotes[r.quote].span.of(&docs[1].text).contains("three times as many troops"))
    });
    assert!(found, "the troop-ratio quote is not matched across sources:\n{}", show(&s, &docs));
}

#[test]
fn the_story_is_in_the_contract_with_two_documents() {
    let Some([a, b]) = samples() else { return };
    let docs = vec![DocumentReport::from_analysis(NEWSWEEK, &a), DocumentReport::from_analysis(BI, &b)];
    let report = Report::with_story(docs.clone(), &[Some(&a), Some(&b)]);
    let json = report.to_json();
    assert!(json.contains("\"story\":{\"entities\":["), "{}", &json[..json.len().min(300)]);
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    // Every reference points into the documents.
    let story = report.story.as_ref().unwrap();
    for e in &story.entities {
        for m in &e.documents {
            assert!(report.documents[m.doc].entities.iter().any(|x| x.id == m.entity && x.mentions.len() == m.mentions));
        }
    }
    for f in &story.figures {
        for r in &f.reports {
            assert!(r.figure < report.documents[r.doc].figures.len());
        }
    }
    for q in &story.quotes {
        for r in &q.reports {
            assert!(r.quote < report.documents[r.doc].quotes.len());
        }
    }
    // One document, or one analysed and one failed: no story, and no `story` key at all.
    let one = Report::with_story(vec![docs[0].clone(), DocumentReport::from_error("x.pdf", "binary")], &[Some(&a), None]);
    assert!(one.story.is_none() && !one.to_json().contains("\"story\""));
    eprintln!("{}", show(&story_of(&a, &b), &[&a, &b]));
}

fn story_of(a: &Analysis, b: &Analysis) -> Story {
    story(&[a, b])
}

#[test]
fn a_story_of_one_or_unrelated_documents_is_harmless() {
    let a = analyse("“We will win,” said Putin in Moscow. Russia spent $5 billion.", &Options::default());
    let b = analyse("", &Options::default());
    let c = analyse("Oslo and Olso. “Shahed-13” and Shahed-136 drones. \"", &Options::default());
    for docs in [vec![&a], vec![&a, &b], vec![&b, &c, &a], vec![&a, &a]] {
        let s = story(&docs);
        for e in &s.entities {
            assert!(!e.documents.is_empty());
        }
    }
    // The same document twice: every entity in both, every figure the same.
    let s = story(&[&a, &a]);
    assert!(s.entities.iter().all(|e| e.documents.len() == 2));
    assert!(s.figures.iter().all(|f| f.agreement == Agreement::Same), "{:?}", s.figures);
}

#[test]
fn near_identical_names_and_typos_are_variants() {
    let a = analyse("Iran has supplied Russia with Shahed-136 drones since 2022, officials in Oslo said.", &Options::default());
    let b = analyse("Russia has relied on Iranian Shahed-13 drones, according to a report from Olso.", &Options::default());
    let s = story(&[&a, &b]);
    let shown = show(&s, &[&a, &b]);
    let has = |x: &str, y: &str, why: VariantKind| {
        s.variants.iter().any(|v| v.why == why && v.forms.iter().any(|f| f == x) && v.forms.iter().any(|f| f == y))
    };
    assert!(has("Shahed-136", "Shahed-13", VariantKind::Similar), "{shown}");
    assert!(has("Oslo", "Olso", VariantKind::Spelling) || has("Oslo", "Olso", VariantKind::Similar), "{shown}");
    // Not variants: a country and its demonym, a country and another one letter apart.
    assert!(!s.variants.iter().any(|v| v.forms.iter().any(|f| f == "Iran") && v.forms.iter().any(|f| f == "Iranian")), "{shown}");
}

mod common;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, .. proptest::prelude::ProptestConfig::default() })]

    /// Any documents make a story without a panic, with every reference in range.
    #[test]
    fn any_documents_make_a_story(texts in proptest::collection::vec(newsish(), 0..4)) {
        let analyses: Vec<Analysis> = texts.iter().map(|t| analyse(t, &Options::default())).collect();
        for a in &analyses {
            let errors = common::invariants(a);
            proptest::prop_assert!(errors.is_empty(), "{errors:?}");
        }
        let refs: Vec<&Analysis> = analyses.iter().collect();
        let s = story(&refs);
        for e in &s.entities {
            for m in &e.documents {
                proptest::prop_assert!(m.doc < refs.len() && m.entity < refs[m.doc].entities.len());
            }
        }
        for f in &s.figures {
            for r in &f.reports {
                proptest::prop_assert!(r.doc < refs.len() && r.figure < refs[r.doc].figures.len());
            }
        }
        for q in &s.quotes {
            for r in &q.reports {
                proptest::prop_assert!(r.doc < refs.len() && r.quote < refs[r.doc].quotes.len());
            }
        }
        for v in &s.variants {
            proptest::prop_assert!(v.docs.iter().all(|&d| d < refs.len()));
        }
    }
}

/// News-like text with quote marks, names and figures in any order.
fn newsish() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        "Russia", "Nils Stensønes", "Stensones", "NIS", "Norwegian Intelligence Service", "$118.5 billion", "61%",
        "said", "told reporters", "he said", "the report said", "according to", "Focus 2024", "“", "”", "\"", "„",
        "«", "»", " ", "\n\n", ".", ",", "three times more troops", "Shahed-13", "Shahed-136", "Olso", "Oslo",
        "é", "🙂", "He", "added that", "It", "\r\n", "'", "’",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

#[test]
fn the_story_exports_as_csv() {
    let Some([a, b]) = samples() else { return };
    let docs = vec![DocumentReport::from_analysis(NEWSWEEK, &a), DocumentReport::from_analysis(BI, &b)];
    let report = Report::with_story(docs, &[Some(&a), Some(&b)]);
    let entities = dossier_engine::story::entities_csv(&report);
    let mut lines = entities.lines();
    assert_eq!(lines.next(), Some(format!("name,label,aliases,{NEWSWEEK},{BI}").as_str()));
    assert!(entities.lines().any(|l| l.starts_with("Nils Stensønes,PERSON,") && l.ends_with(",5,2")), "{entities}");
    let figures = dossier_engine::story::figures_csv(&report, &[&a.text, &b.text]);
    assert!(figures.starts_with("measure,subject,about,agreement,document,figure,kind,value,unit,sentence\r\n"));
    let troops: Vec<&str> = figures.lines().filter(|l| l.contains("three times") && l.contains(",same,")).collect();
    assert_eq!(troops.len(), 2, "{figures}");
    assert!(troops[1].contains("Nils Andreas Stensones, head of Norway"), "{figures}");
    // Without a story, nothing.
    let one = Report::with_story(vec![DocumentReport::from_analysis(NEWSWEEK, &a)], &[Some(&a)]);
    assert!(dossier_engine::story::entities_csv(&one).is_empty());
}

#[test]
fn sources_that_disagree_on_a_figure_differ() {
    let a = analyse("Russia's defense budget of $118.5 billion for 2024 is unprecedented. The Senate passed a $95 billion aid bill.", &Options::default());
    let b = analyse("Moscow set Russia's defense budget for 2024 at $112 billion, a record. Ukraine has received $122 billion in aid.", &Options::default());
    let s = story(&[&a, &b]);
    let docs = [&a, &b];
    let text = |d: usize, f: usize| docs[d].figures[f].span.of(&docs[d].text).to_owned();
    let budget = s
        .figures
        .iter()
        .find(|f| f.reports.iter().any(|r| text(r.doc, r.figure) == "$118.5 billion"))
        .unwrap_or_else(|| panic!("no budget row:\n{}", show(&s, &docs)));
    let texts: Vec<String> = budget.reports.iter().map(|r| text(r.doc, r.figure)).collect();
    assert_eq!(texts, ["$118.5 billion", "$112 billion"], "{}", show(&s, &docs));
    assert_eq!(budget.agreement, Agreement::Differs);
    assert_eq!(budget.about.as_deref(), Some("Russia"));
    // Aid and a bill are other measures: each reported once.
    for t in ["$95 billion", "$122 billion"] {
        let row = s.figures.iter().find(|f| f.reports.iter().any(|r| text(r.doc, r.figure) == t)).expect(t);
        assert_eq!(row.agreement, Agreement::Single, "{t}:\n{}", show(&s, &docs));
    }
}
