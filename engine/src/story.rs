//! The story across documents: who is in which article, which figures the sources share or
//! disagree on, spellings worth a second look, and the same quotation in several sources.
//!
//! [`story`] takes the analyses of several documents (each made on its own, so nothing leaks
//! between them) and compares them:
//!
//! * **Entities** are merged across documents by the rules that merge aliases within one
//!   ([`crate::resolve::aliases`]): the same [`key`] (case, diacritics, periods, a leading
//!   "the", a possessive, the gazetteer's canonical name), a person's surname or first and last
//!   names of a fuller name, an acronym of a name. Each document's entity joins the first story
//!   entity it matches, documents in order and entities by salience. The story entity's name is
//!   the first document's name for it, unless that is a single word and a fuller one exists;
//!   its label is the most common among its mentions. Rows are ordered by the number of
//!   documents naming them, then by mentions.
//! * **Figures** (money, percentages, quantities; dates are left out) of two documents are one
//!   measure when they have the same kind and unit and
//!   - the figure recogniser reads the same subject for both (same head noun: "defense budget"
//!     = "budget"), with no contradicting `about` entity or `period`, and the values agree or
//!     their sentences share two content words or entities; or
//!   - without a subject for both: their sentences share two content words or entities and the
//!     value is the same, or three (a third of the smaller sentence's) and the same counted
//!     noun or the same word just before the figure ("budget of").
//!
//!   Such figures form one row: `same` when every value agrees, `differs` when not; a figure no
//!   other document matches is `single`. The row's `subject` and `about` are the recogniser's
//!   (about: else, for a shared row, an entity every report's sentence names).
//! * **Variants**: words of one entity's forms that fold to the same key but are written
//!   differently ("Stensønes" / "Stensones": `spelling`), forms of one entity one or two edits
//!   apart ("Olso" / "Oslo", `spelling` too), and names of *different* entities one
//!   edit apart ("Shahed-13" / "Shahed-136": `similar`). Plurals, demonyms
//!   ("Russia" / "Russian") and a changed digit ("F-15" / "F-16") are not flagged.
//! * **Quotes**: quotations of different documents with the same speaker whose content words
//!   overlap (at least three shared, half of the shorter quote's), or whatever the speakers if
//!   they overlap by four fifths.
//!
//! [`entities_csv`] and [`figures_csv`] export the contract's story as CSV (the entity x
//! document matrix, the figure comparison); [`word_diff`] shows how two sources word a quote.
//!
//! Comparisons are pairwise over entities, figures and quotes (never over tokens), bucketed by
//! length, kind and unit, and capped, so a huge document cannot make the story quadratic in its
//! text.

use std::collections::{BTreeSet, HashMap};

use crate::resolve::aliases::{fold, is_acronym_of, key};
use crate::{Analysis, FigureKind, Label, Referent};

/// The comparison of several documents on one story.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    /// One row per real-world entity, most widely reported first.
    pub entities: Vec<StoryEntity>,
    /// Figures grouped by what they measure: shared rows first.
    pub figures: Vec<StoryFigure>,
    /// Forms worth a second look.
    pub variants: Vec<Variant>,
    /// Quotations reported by more than one document.
    pub quotes: Vec<StoryQuote>,
}

/// An entity across documents.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryEntity {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// The other forms used in any document, in order of first use.
    pub aliases: Vec<String>,
    /// The documents' entities it gathers.
    pub documents: Vec<EntityRef>,
}

/// One document's entity within a story entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// Index of the document.
    pub doc: usize,
    /// Index into that document's entities.
    pub entity: usize,
    /// How many times that document mentions it.
    pub mentions: usize,
}

/// Whether the documents reporting a measure agree on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// Two or more documents give the same value.
    Same,
    /// Two or more documents give different values.
    Differs,
    /// Only one document reports it.
    Single,
}

impl Agreement {
    /// The contract name: `same`, `differs`, `single`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Agreement::Same => "same",
            Agreement::Differs => "differs",
            Agreement::Single => "single",
        }
    }
}

/// A measure and the figures that report it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryFigure {
    /// What is measured ("troops", "budget"), when it can be told.
    pub subject: Option<String>,
    /// Whom or what it is about (an entity's name), when it can be told.
    pub about: Option<String>,
    /// Whether the documents agree.
    pub agreement: Agreement,
    /// The figures, by document then position.
    pub reports: Vec<FigureRef>,
}

/// One document's figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureRef {
    /// Index of the document.
    pub doc: usize,
    /// Index into that document's figures.
    pub figure: usize,
}

/// Why forms are worth a second look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VariantKind {
    /// The same name spelt differently (diacritics, case): "Stensønes" / "Stensones".
    Spelling,
    /// Names of different entities one edit apart: "Shahed-13" / "Shahed-136".
    Similar,
}

impl VariantKind {
    /// The contract name: `spelling`, `similar`.
    pub const fn as_str(self) -> &'static str {
        match self {
            VariantKind::Spelling => "spelling",
            VariantKind::Similar => "similar",
        }
    }
}

/// Forms worth a second look.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// The forms, as written, in order of first use.
    pub forms: Vec<String>,
    /// The documents using any of them.
    pub docs: Vec<usize>,
    /// Why.
    pub why: VariantKind,
}

/// A quotation reported by several documents.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryQuote {
    /// The speaker's story name, when the documents agree on one.
    pub speaker: Option<String>,
    /// The quotes, by document.
    pub reports: Vec<QuoteRef>,
}

/// One document's quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteRef {
    /// Index of the document.
    pub doc: usize,
    /// Index into that document's quotes.
    pub quote: usize,
}

/// Most story entities one index key (a surname, an acronym) leads to.
const MAX_CANDIDATES: usize = 64;
/// Most words of a sentence or quote compared.
const MAX_WORDS: usize = 400;
/// Most variants of each kind reported.
const MAX_VARIANTS: usize = 500;
/// Most figures or quotes of one bucket compared pairwise.
const MAX_BUCKET: usize = 400;

/// Compares the documents.
pub fn story(docs: &[&Analysis]) -> Story {
    let (entities, of_entity) = merge_entities(docs);
    let figures = compare_figures(docs, &entities, &of_entity);
    let mut variants = spelling_variants(docs, &entities);
    variants.extend(similar_names(&entities, docs));
    let quotes = compare_quotes(docs, &entities, &of_entity);
    Story { entities, figures, variants, quotes }
}

/// The forms of a document's entity: its name, then its aliases.
fn forms_of(a: &Analysis, e: usize) -> impl Iterator<Item = &str> {
    let ent = &a.entities[e];
    std::iter::once(ent.name.as_str()).chain(ent.aliases.iter().map(String::as_str))
}

#[derive(Default)]
struct Merging {
    /// (form, key) of every member's forms.
    forms: Vec<(String, String)>,
    /// Mentions per label (in the order of [`Label::ALL`]).
    weights: [usize; 7],
    /// Labels in the order first seen.
    seen: Vec<Label>,
    members: Vec<EntityRef>,
}

impl Merging {
    fn add_label(&mut self, label: Label, mentions: usize) {
        if !self.seen.contains(&label) {
            self.seen.push(label);
        }
        self.weights[slot(label)] += mentions;
    }

    /// The label with the most mentions, the first seen on a tie.
    fn label(&self) -> Label {
        let mut best = self.seen.first().copied().unwrap_or(Label::Org);
        let mut best_n = 0;
        for &l in &self.seen {
            if self.weights[slot(l)] > best_n {
                best = l;
                best_n = self.weights[slot(l)];
            }
        }
        best
    }

    fn accepts(&self, forms: &[(String, String)], label: Label) -> bool {
        let people = label == Label::Person && self.label() == Label::Person;
        for (f, k) in &self.forms {
            for (g, j) in forms {
                if people && (name_part(j, k) || name_part(k, j)) {
                    return true;
                }
                if is_acronym_of(f, g) || is_acronym_of(g, f) {
                    return true;
                }
            }
        }
        false
    }
}

/// The index of a label in [`Label::ALL`].
fn slot(label: Label) -> usize {
    Label::ALL.iter().position(|&l| l == label).unwrap_or(0)
}

/// Whether the key `short` is the surname, or the first and last names, of the key `long`
/// (keys are words joined by single spaces).
fn name_part(short: &str, long: &str) -> bool {
    let (ns, nl) = (short.split(' ').count(), long.split(' ').count());
    fn last(s: &str) -> &str {
        s.rsplit(' ').next().unwrap_or("")
    }
    fn first(s: &str) -> &str {
        s.split(' ').next().unwrap_or("")
    }
    nl > ns
        && ((ns == 1 && short.chars().count() > 2 && last(long) == short)
            || (ns >= 2 && first(long) == first(short) && last(long) == last(short)))
}

/// The index keys under which a form may meet a form it is an alias of: its last word (a
/// surname), and its acronym letters or its initials (with and without small words).
fn hints(form: &str, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(last) = key.rsplit(' ').next() {
        out.push(format!("s:{last}"));
    }
    let letters: String = form.chars().filter(|c| *c != '.').collect();
    if (2..=8).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase) {
        out.push(format!("a:{letters}"));
    }
    let words: Vec<&str> = form.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() >= 2 {
        for skip_small in [false, true] {
            let initials: String = words
                .iter()
                .filter(|w| !(skip_small && matches!(w.to_lowercase().as_str(), "of" | "the" | "for" | "and" | "on" | "in" | "&" | "de" | "des" | "du" | "la")))
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            out.push(format!("a:{initials}"));
        }
    }
    out
}

/// Story entities, and for each document the story entity of each of its entities.
fn merge_entities(docs: &[&Analysis]) -> (Vec<StoryEntity>, Vec<Vec<usize>>) {
    let mut groups: Vec<Merging> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_hint: HashMap<String, Vec<usize>> = HashMap::new();
    let mut of_entity: Vec<Vec<usize>> = Vec::with_capacity(docs.len());
    for (d, a) in docs.iter().enumerate() {
        let mut mine = Vec::with_capacity(a.entities.len());
        for (i, e) in a.entities.iter().enumerate() {
            let forms: Vec<(String, String)> = forms_of(a, i).map(|f| (f.to_owned(), key(f))).collect();
            let found = forms.iter().find_map(|(_, k)| by_key.get(k).copied()).or_else(|| {
                // Only groups sharing a surname or an acronym can match: look those up.
                let mut candidates: Vec<usize> =
                    forms.iter().flat_map(|(f, k)| hints(f, k)).filter_map(|h| by_hint.get(&h)).flatten().copied().collect();
                candidates.sort_unstable();
                candidates.dedup();
                candidates.into_iter().find(|&g| groups[g].accepts(&forms, e.label))
            });
            let g = found.unwrap_or_else(|| {
                groups.push(Merging::default());
                groups.len() - 1
            });
            for (f, k) in &forms {
                if !groups[g].forms.iter().any(|(x, _)| x == f) {
                    groups[g].forms.push((f.clone(), k.clone()));
                }
                by_key.entry(k.clone()).or_insert(g);
                for h in hints(f, k) {
                    let slot = by_hint.entry(h).or_default();
                    if slot.last() != Some(&g) && slot.len() < MAX_CANDIDATES {
                        slot.push(g);
                    }
                }
            }
            groups[g].add_label(e.label, e.mentions.len());
            groups[g].members.push(EntityRef { doc: d, entity: i, mentions: e.mentions.len() });
            mine.push(g);
        }
        of_entity.push(mine);
    }
    let mut out: Vec<(usize, StoryEntity)> = groups
        .into_iter()
        .enumerate()
        .map(|(gi, g)| {
            let label = g.label();
            let first = &docs[g.members[0].doc].entities[g.members[0].entity].name;
            let name = if first.split(' ').count() == 1 {
                g.members
                    .iter()
                    .map(|m| &docs[m.doc].entities[m.entity].name)
                    .find(|n| n.split(' ').count() > 1)
                    .unwrap_or(first)
                    .clone()
            } else {
                first.clone()
            };
            let aliases = g.forms.iter().map(|(f, _)| f.clone()).filter(|f| *f != name).collect();
            (gi, StoryEntity { name, label, aliases, documents: g.members })
        })
        .collect();
    out.sort_by(|(ia, a), (ib, b)| {
        let docs_of = |e: &StoryEntity| e.documents.iter().map(|m| m.doc).collect::<BTreeSet<_>>().len();
        let mentions = |e: &StoryEntity| e.documents.iter().map(|m| m.mentions).sum::<usize>();
        docs_of(b).cmp(&docs_of(a)).then(mentions(b).cmp(&mentions(a))).then(ia.cmp(ib))
    });
    let mut rank = vec![0; out.len()];
    for (new, (old, _)) in out.iter().enumerate() {
        rank[*old] = new;
    }
    for m in &mut of_entity {
        for g in m.iter_mut() {
            *g = rank[*g];
        }
    }
    (out.into_iter().map(|(_, e)| e).collect(), of_entity)
}

/// Words that say nothing about what a sentence measures.
const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "by", "with", "at", "from", "as", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "it", "its", "that", "this", "than", "more", "about", "some", "which",
    "who", "their", "they", "he", "she", "his", "her", "will", "would", "could", "can", "may", "also", "said", "says",
    "according", "since", "but", "not", "no", "if", "into", "over", "up", "out", "so", "such", "there", "these",
    "those", "many", "much", "times", "time", "year", "years", "per", "cent", "percent", "billion", "million",
    "thousand", "trillion", "while", "after", "before", "during", "all", "only", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten",
];

/// Words that say nothing about what a quotation says.
const QUOTE_STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "by", "with", "at", "from", "as", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "it", "its", "that", "this", "than", "which", "who", "will", "would",
    "could", "can", "may", "also", "but", "so", "such", "there", "into", "we", "our", "they", "their",
];

/// The content words of `s` (without `stop` words), folded and lightly stemmed.
fn content_words(s: &str, stop: &[&str]) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .filter(|w| w.chars().count() > 1 && !w.chars().all(|c| c.is_numeric()))
        .map(|w| stem(&fold(w)))
        .filter(|w| !stop.contains(&w.as_str()))
        .take(200)
        .collect()
}

/// Strips a plural or verb ending: "troops" -> "troop", "gaining" -> "gain".
fn stem(w: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.chars().count() >= 4 {
                return s.to_owned();
            }
        }
    }
    w.to_owned()
}

/// Union-find root.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (root(parent, a), root(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

struct FigureInfo {
    doc: usize,
    figure: usize,
    value: Option<f64>,
    words: BTreeSet<String>,
    /// Story entities named in the sentence, in order.
    entities: Vec<usize>,
    /// Content words just before the figure, nearest first.
    before: Vec<String>,
    /// What the figure measures, as written ("defense budget"), from the figure recogniser.
    subject: Option<String>,
    /// The story entity the measure belongs to.
    about: Option<usize>,
    /// The period it applies to (a DATE figure's resolved value, else its text).
    period: Option<String>,
}

/// The head of a subject noun phrase, folded and stemmed: "defense budget" -> "budget".
fn head(subject: &str) -> String {
    stem(&fold(subject.rsplit(' ').next().unwrap_or(subject)))
}

/// Whether two figures are said to measure the same thing: the same head noun, and the same
/// entity and period where both say one. `None` when either has no subject.
fn same_subject(a: &FigureInfo, b: &FigureInfo) -> Option<bool> {
    let (sa, sb) = (a.subject.as_deref()?, b.subject.as_deref()?);
    Some(head(sa) == head(sb) && agree(&a.about, &b.about) && agree(&a.period, &b.period))
}

/// Whether two optional facts do not contradict each other.
fn agree<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
    x.is_none() || y.is_none() || x == y
}

fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn compare_figures(docs: &[&Analysis], entities: &[StoryEntity], of_entity: &[Vec<usize>]) -> Vec<StoryFigure> {
    let mut infos: Vec<FigureInfo> = Vec::new();
    let mut buckets: HashMap<(FigureKind, String), Vec<usize>> = HashMap::new();
    for (d, a) in docs.iter().enumerate() {
        // What each figure measures comes with it (`Figure::subject`, `about`, `period`).
        // Content words by sentence, read once.
        let mut words_of: HashMap<usize, BTreeSet<String>> = HashMap::new();
        for (i, f) in a.figures.iter().enumerate() {
            if f.kind == FigureKind::Date {
                continue;
            }
            let subject = f.subject().map(str::to_owned);
            let about = f.about().and_then(|e| of_entity[d].get(e).copied());
            let period = f.period().map(str::to_owned);
            let sentence = a.sentences.get(f.sentence as usize).copied().unwrap_or(f.span);
            let text = a.text.get(sentence.range()).unwrap_or("");
            let first = a.mentions.partition_point(|m| m.span.start() < sentence.start());
            let mut ents: Vec<usize> = Vec::new();
            for m in a.mentions[first..].iter().take_while(|m| m.span.start() < sentence.end()).take(100) {
                if let Referent::Entity(e) = m.referent {
                    if let Some(&g) = of_entity[d].get(e as usize) {
                        if !ents.contains(&g) {
                            ents.push(g);
                        }
                    }
                }
            }
            let lead = a.text.get(sentence.start().min(f.span.start())..f.span.start()).unwrap_or("");
            let before: Vec<String> = lead
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(8)
                .filter(|w| w.chars().count() > 2 && !w.chars().all(char::is_numeric))
                .map(fold)
                .filter(|w| !STOP.contains(&w.as_str()))
                .take(4)
                .collect();
            let unit = f.unit().map(|u| stem(&fold(u))).unwrap_or_default();
            buckets.entry((f.kind, unit)).or_default().push(infos.len());
            infos.push(FigureInfo {
                doc: d,
                figure: i,
                value: f.value(),
                words: words_of.entry(f.sentence as usize).or_insert_with(|| content_words(text, STOP)).clone(),
                entities: ents,
                before,
                subject,
                about,
                period,
            });
        }
    }
    let mut parent: Vec<usize> = (0..infos.len()).collect();
    let mut keys: Vec<_> = buckets.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let members = &buckets[&k];
        for (x, &i) in members.iter().enumerate().take(MAX_BUCKET) {
            for &j in members[x + 1..].iter().take(MAX_BUCKET) {
                let (a, b) = (&infos[i], &infos[j]);
                if a.doc == b.doc {
                    continue;
                }
                let shared = a.words.intersection(&b.words).count() + a.entities.iter().filter(|e| b.entities.contains(e)).count();
                let smaller = (a.words.len() + a.entities.len()).min(b.words.len() + b.entities.len()).max(1);
                let equal = same_value(a.value, b.value);
                // Different values need the same subject (or, without subjects, the same counted
                // noun or the same word just before) and sentences on the same matter.
                let linked = match same_subject(a, b) {
                    Some(true) => equal || shared >= 2,
                    Some(false) => equal && shared >= 3,
                    None => {
                        let same_measure = (k.0 == FigureKind::Quantity && !k.1.is_empty())
                            || a.before.iter().any(|w| b.before.iter().any(|x| stem(x) == stem(w)));
                        (equal && shared >= 2) || (same_measure && shared >= 3 && shared * 3 >= smaller)
                    }
                };
                if linked {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..infos.len() {
        let r = root(&mut parent, i);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let mut out: Vec<StoryFigure> = groups
        .iter()
        .map(|g| {
            let docs_in: BTreeSet<usize> = g.iter().map(|&i| infos[i].doc).collect();
            let agreement = if docs_in.len() < 2 {
                Agreement::Single
            } else if g.iter().all(|&i| same_value(infos[i].value, infos[g[0]].value)) {
                Agreement::Same
            } else {
                Agreement::Differs
            };
            let first = &infos[g[0]];
            let fig = &docs[first.doc].figures[first.figure];
            let shared_word = |w: &String| g.iter().all(|&i| infos[i].words.contains(&stem(w)));
            let subject = g.iter().find_map(|&i| infos[i].subject.clone()).or_else(|| match fig.kind {
                FigureKind::Quantity if fig.unit().is_some() => fig.unit().map(str::to_owned),
                _ => first.before.iter().find(|w| shared_word(w)).or(first.before.first()).cloned(),
            });
            // The recogniser's `about`; else, for a measure several sources report or one whose
            // subject the recogniser could not read, an entity every report's sentence names.
            let read = g.iter().any(|&i| infos[i].subject.is_some()) && docs_in.len() < 2;
            let about = g
                .iter()
                .find_map(|&i| infos[i].about)
                .or_else(|| {
                    if read {
                        return None;
                    }
                    first
                        .entities
                        .iter()
                        .filter(|e| matches!(entities[**e].label, Label::Place | Label::Org | Label::Person))
                        .find(|e| g.iter().all(|&i| infos[i].entities.contains(e)))
                        .copied()
                })
                .map(|e| entities[e].name.clone());
            let reports = g.iter().map(|&i| FigureRef { doc: infos[i].doc, figure: infos[i].figure }).collect();
            StoryFigure { subject, about, agreement, reports }
        })
        .collect();
    // Shared measures first (disagreements before agreements), then the rest, in order.
    out.sort_by_key(|f| match f.agreement {
        Agreement::Differs => 0,
        Agreement::Same => 1,
        Agreement::Single => 2,
    });
    out
}

/// Ways one word is written, each with the documents writing it so.
type Spellings = Vec<(String, BTreeSet<usize>)>;

/// Words of one entity's forms written differently but folding alike.
fn spelling_variants(docs: &[&Analysis], entities: &[StoryEntity]) -> Vec<Variant> {
    let mut out = Vec::new();
    for e in entities {
        // folded word -> [(form as written, docs)]
        let mut words: Vec<(String, Spellings)> = Vec::new();
        for m in &e.documents {
            for form in forms_of(docs[m.doc], m.entity) {
                for w in form.split(' ').filter(|w| w.chars().count() >= 3) {
                    let w = w.trim_end_matches(['’', '\'']);
                    let k = fold(w);
                    let slot = match words.iter().position(|(x, _)| *x == k) {
                        Some(p) => p,
                        None => {
                            words.push((k, Vec::new()));
                            words.len() - 1
                        }
                    };
                    let spellings = &mut words[slot].1;
                    match spellings.iter_mut().find(|(f, _)| plain(f) == plain(w)) {
                        Some((_, d)) => {
                            d.insert(m.doc);
                        }
                        None => spellings.push((w.to_owned(), BTreeSet::from([m.doc]))),
                    }
                }
            }
        }
        for (_, spellings) in words {
            if spellings.len() >= 2 {
                let docs: BTreeSet<usize> = spellings.iter().flat_map(|(_, d)| d.iter().copied()).collect();
                out.push(Variant { forms: spellings.into_iter().map(|(f, _)| f).collect(), docs: docs.into_iter().collect(), why: VariantKind::Spelling });
            }
        }
        // Forms one or two edits apart: a typo the gazetteer or the alias rules forgave.
        let mut forms: Vec<(String, BTreeSet<usize>)> = Vec::new();
        for m in &e.documents {
            for form in forms_of(docs[m.doc], m.entity) {
                match forms.iter_mut().find(|(f, _)| f == form) {
                    Some((_, d)) => {
                        d.insert(m.doc);
                    }
                    None => forms.push((form.to_owned(), BTreeSet::from([m.doc]))),
                }
            }
        }
        for x in 0..forms.len().min(64) {
            for y in x + 1..forms.len().min(64) {
                let (a, b) = (&forms[x], &forms[y]);
                let (ca, cb): (Vec<char>, Vec<char>) = (plain(&fold(&a.0)).chars().collect(), plain(&fold(&b.0)).chars().collect());
                let shortest = ca.len().min(cb.len());
                let most = if shortest >= 5 { 2 } else { 1 };
                if shortest < 4 || ca == cb || ca.len().abs_diff(cb.len()) > most {
                    continue;
                }
                if edits(&ca, &cb) <= most {
                    let docs: BTreeSet<usize> = a.1.union(&b.1).copied().collect();
                    out.push(Variant { forms: vec![a.0.clone(), b.0.clone()], docs: docs.into_iter().collect(), why: VariantKind::Spelling });
                }
            }
        }
    }
    out
}

/// Lower case letters and digits only: "U.S." and "US" are the same spelling.
fn plain(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The optimal string alignment distance of two short strings (insertions, deletions,
/// substitutions and swaps of neighbours).
fn edits(a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len().min(64), b.len().min(64));
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[n][m]
}

/// Names of different entities one edit apart.
fn similar_names(entities: &[StoryEntity], docs: &[&Analysis]) -> Vec<Variant> {
    // (lower-case chars, owner, form); each form once per owner.
    let mut forms: Vec<(Vec<char>, usize, &str)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        let mut seen: Vec<&str> = Vec::new();
        for f in std::iter::once(&e.name).chain(e.aliases.iter()) {
            let n = f.chars().count();
            if (4..=64).contains(&n) && !seen.contains(&f.as_str()) {
                seen.push(f);
                forms.push((f.chars().flat_map(char::to_lowercase).collect(), i, f));
            }
        }
    }
    // Two strings one insertion, substitution or swap apart share a string with one character
    // deleted (or one is the other with one deleted): index those, lists capped.
    let mut by_deletion: HashMap<String, Vec<usize>> = HashMap::new();
    for (x, (chars, _, _)) in forms.iter().enumerate() {
        for skip in 0..=chars.len() {
            let k: String = chars.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, c)| *c).collect();
            let list = by_deletion.entry(k).or_default();
            if list.len() < 16 {
                list.push(x);
            }
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for list in by_deletion.values() {
        for (i, &x) in list.iter().enumerate() {
            for &y in &list[i + 1..] {
                if forms[x].1 != forms[y].1 {
                    pairs.insert((x.min(y), x.max(y)));
                }
            }
        }
    }
    let mut out: Vec<Variant> = Vec::new();
    let mut seen: BTreeSet<Vec<String>> = BTreeSet::new();
    for (x, y) in pairs {
        let (short, long) = if forms[x].0.len() <= forms[y].0.len() { (x, y) } else { (y, x) };
        let ((a, ea, fa), (b, eb, fb)) = (&forms[short], &forms[long]);
        if !one_edit(a, b) {
            continue;
        }
        let (la, lb) = (entities[*ea].label, entities[*eb].label);
        if la != lb && (la == Label::Group || lb == Label::Group) {
            continue;
        }
        let docs_of = |e: usize, form: &str| -> Vec<usize> {
            entities[e].documents.iter().filter(|m| forms_of(docs[m.doc], m.entity).any(|f| f == form)).map(|m| m.doc).collect()
        };
        let mut d: Vec<usize> = docs_of(*ea, fa);
        d.extend(docs_of(*eb, fb));
        d.sort_unstable();
        d.dedup();
        let pair = if entities[*ea].documents[0].doc <= entities[*eb].documents[0].doc {
            vec![fa.to_string(), fb.to_string()]
        } else {
            vec![fb.to_string(), fa.to_string()]
        };
        if seen.insert(pair.clone()) {
            out.push(Variant { forms: pair, docs: d, why: VariantKind::Similar });
        }
        if out.len() >= MAX_VARIANTS {
            break;
        }
    }
    out
}

/// Whether `a` (not longer than `b`) becomes `b` by one insertion, substitution or swap of
/// neighbours, case aside; a plural or demonym ending, a changed digit and, in words of four
/// letters, a changed letter do not count.
fn one_edit(a: &[char], b: &[char]) -> bool {
    let low = |c: &char| c.to_lowercase().next().unwrap_or(*c);
    let a: Vec<char> = a.iter().map(low).collect();
    let b: Vec<char> = b.iter().map(low).collect();
    if a == b {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if b.len() == a.len() + 1 {
        // Insertion: the rest must match after skipping b[p].
        if a[p..] != b[p + 1..] {
            return false;
        }
        let added = b[p];
        let at_end = p == a.len();
        return !(at_end && matches!(added, 's' | 'n'));
    }
    if a.len() != b.len() {
        return false;
    }
    // Substitution or transposition at p.
    if a[p + 1..] == b[p + 1..] {
        return a.len() > 4 && !(a[p].is_numeric() && b[p].is_numeric());
    }
    p + 1 < a.len() && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..]
}

fn compare_quotes(docs: &[&Analysis], entities: &[StoryEntity], of_entity: &[Vec<usize>]) -> Vec<StoryQuote> {
    // (doc, quote, speaker's story entity, words)
    let mut infos: Vec<(usize, usize, Option<usize>, BTreeSet<String>)> = Vec::new();
    for (d, a) in docs.iter().enumerate() {
        for (i, q) in a.quotes.iter().enumerate().take(MAX_BUCKET) {
            let speaker = q.speaker.and_then(|e| of_entity[d].get(e).copied());
            let text = a.text.get(q.span.range()).unwrap_or("");
            infos.push((d, i, speaker, content_words(text, QUOTE_STOP)));
        }
    }
    // Candidate pairs share a word: an inverted index, each list capped.
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, info) in infos.iter().enumerate() {
        for w in &info.3 {
            let list = postings.entry(w.as_str()).or_default();
            if list.len() < MAX_BUCKET {
                list.push(i);
            }
        }
    }
    let mut parent: Vec<usize> = (0..infos.len()).collect();
    for i in 0..infos.len() {
        let mut others: Vec<usize> = infos[i].3.iter().filter_map(|w| postings.get(w.as_str())).flatten().copied().filter(|&j| j > i).collect();
        others.sort_unstable();
        others.dedup();
        for j in others {
            let (a, b) = (&infos[i], &infos[j]);
            if a.0 == b.0 {
                continue;
            }
            let shared = a.3.intersection(&b.3).count();
            let smaller = a.3.len().min(b.3.len()).max(1);
            let same_speaker = a.2.is_some() && a.2 == b.2;
            if (same_speaker && shared >= 3 && shared * 2 >= smaller) || (shared >= 4 && shared * 5 >= smaller * 4) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..infos.len() {
        let r = root(&mut parent, i);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
        .into_iter()
        .filter(|g| g.iter().any(|&i| infos[i].0 != infos[g[0]].0))
        .map(|g| {
            let speaker = infos[g[0]].2.filter(|s| g.iter().all(|&i| infos[i].2 == Some(*s))).map(|s| entities[s].name.clone());
            StoryQuote { speaker, reports: g.iter().map(|&i| QuoteRef { doc: infos[i].0, quote: infos[i].1 }).collect() }
        })
        .collect()
}

/// A piece of a word-by-word comparison of two quotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffPart {
    /// Words both have.
    Same(String),
    /// Words only the first has.
    Removed(String),
    /// Words only the second has.
    Added(String),
}

/// Most words of each text [`word_diff`] aligns; the rest is reported as removed and added.
const MAX_DIFF_WORDS: usize = 300;

/// The wording differences between two quotations, word by word (a longest common
/// subsequence of words, compared case- and diacritic-blind; runs of one kind joined by
/// spaces), so a reader sees what one source has that the other has not.
pub fn word_diff(a: &str, b: &str) -> Vec<DiffPart> {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    let (na, nb) = (wa.len().min(MAX_DIFF_WORDS), wb.len().min(MAX_DIFF_WORDS));
    let norm = |w: &str| fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
    let (ka, kb): (Vec<String>, Vec<String>) = (wa[..na].iter().map(|w| norm(w)).collect(), wb[..nb].iter().map(|w| norm(w)).collect());
    // lcs[i][j]: the longest common subsequence of ka[i..] and kb[j..].
    let mut lcs = vec![vec![0u16; nb + 1]; na + 1];
    for i in (0..na).rev() {
        for j in (0..nb).rev() {
            lcs[i][j] = if ka[i] == kb[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out: Vec<DiffPart> = Vec::new();
    let mut push = |part: DiffPart| {
        let joined = match (out.last_mut(), &part) {
            (Some(DiffPart::Same(x)), DiffPart::Same(y)) | (Some(DiffPart::Removed(x)), DiffPart::Removed(y)) | (Some(DiffPart::Added(x)), DiffPart::Added(y)) => {
                x.push(' ');
                x.push_str(y);
                true
            }
            _ => false,
        };
        if !joined {
            out.push(part);
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < na || j < nb {
        if i < na && j < nb && ka[i] == kb[j] {
            push(DiffPart::Same(wa[i].to_owned()));
            i += 1;
            j += 1;
        } else if j >= nb || (i < na && lcs[i + 1][j] >= lcs[i][j + 1]) {
            push(DiffPart::Removed(wa[i].to_owned()));
            i += 1;
        } else {
            push(DiffPart::Added(wb[j].to_owned()));
            j += 1;
        }
    }
    for w in &wa[na..] {
        push(DiffPart::Removed((*w).to_owned()));
    }
    for w in &wb[nb..] {
        push(DiffPart::Added((*w).to_owned()));
    }
    out
}

/// The story's entity table as CSV: one row per story entity, one column of mention counts
/// per document (named by the document), after `name`, `label` and `aliases` (joined by `; `).
/// Empty when the report has no story.
pub fn entities_csv(report: &crate::contract::Report) -> String {
    let Some(story) = &report.story else { return String::new() };
    let mut out = String::new();
    let mut header = vec!["name".to_owned(), "label".to_owned(), "aliases".to_owned()];
    header.extend(report.documents.iter().map(|d| d.name.clone()));
    csv_row(&mut out, &header);
    for e in &story.entities {
        let mut row = vec![e.name.clone(), e.label.clone(), e.aliases.join("; ")];
        for d in 0..report.documents.len() {
            let n: usize = e.documents.iter().filter(|m| m.doc == d).map(|m| m.mentions).sum();
            row.push(n.to_string());
        }
        csv_row(&mut out, &row);
    }
    out
}

/// The story's figure comparison as CSV: one row per reported figure, rows of one measure
/// together (`measure` numbers them from 1), with the figure's sentence when `texts[doc]` (the
/// documents' decoded texts, in order) is given. Empty when the report has no story.
pub fn figures_csv(report: &crate::contract::Report, texts: &[&str]) -> String {
    let Some(story) = &report.story else { return String::new() };
    let mut out = String::new();
    let header = ["measure", "subject", "about", "agreement", "document", "figure", "kind", "value", "unit", "sentence"];
    csv_row(&mut out, &header.map(str::to_owned));
    // Byte offsets of each document's chars, built only for documents that are asked for.
    let mut offsets: Vec<Option<Vec<usize>>> = vec![None; report.documents.len()];
    for (m, f) in story.figures.iter().enumerate() {
        for r in &f.reports {
            let Some(doc) = report.documents.get(r.doc) else { continue };
            let Some(fig) = doc.figures.get(r.figure) else { continue };
            let sentence = match (texts.get(r.doc), doc.sentences.get(fig.sentence)) {
                (Some(text), Some(s)) => {
                    let idx = offsets[r.doc].get_or_insert_with(|| text.char_indices().map(|(i, _)| i).chain([text.len()]).collect());
                    match (idx.get(s.start), idx.get(s.end)) {
                        (Some(&a), Some(&b)) if a <= b => text[a..b].to_owned(),
                        _ => String::new(),
                    }
                }
                _ => String::new(),
            };
            let value = fig.value.map(|v| if v.fract() == 0.0 && v.abs() < 9.0e15 { format!("{}", v as i64) } else { v.to_string() });
            csv_row(
                &mut out,
                &[
                    (m + 1).to_string(),
                    f.subject.clone().unwrap_or_default(),
                    f.about.clone().unwrap_or_default(),
                    f.agreement.clone(),
                    doc.name.clone(),
                    fig.text.clone(),
                    fig.kind.clone(),
                    value.unwrap_or_default(),
                    fig.unit.clone().unwrap_or_default(),
                    sentence,
                ],
            );
        }
    }
    out
}

/// Appends one CSV record (RFC 4180: fields with commas, quotes or line breaks are quoted). A
/// field a spreadsheet would run as a formula (`=`, `+`, `@`, or `-` before a non-digit) gets
/// a leading `'`.
fn csv_row(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut chars = f.chars();
        let formula = match chars.next() {
            Some('=' | '+' | '@' | '\t' | '\r') => true,
            Some('-') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        let owned;
        let f = if formula {
            owned = format!("'{f}");
            &owned
        } else {
            f
        };
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn word_diff_shows_the_wording() {
        use DiffPart::*;
        let d = word_diff("three times more troops than Ukraine", "could mobilize about three times as many troops as Ukraine");
        assert_eq!(
            d,
            [
                Added("could mobilize about".into()),
                Same("three times".into()),
                Removed("more".into()),
                Added("as many".into()),
                Same("troops".into()),
                Removed("than".into()),
                Added("as".into()),
                Same("Ukraine".into())
            ]
        );
        assert!(word_diff("", "").is_empty());
        assert_eq!(word_diff("Stensønes said", "Stensones said,"), [Same("Stensønes said".into())]);
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let mut out = String::new();
        csv_row(&mut out, &["a".to_owned(), "b, c".to_owned(), "say \"hi\"".to_owned(), "x\ny".to_owned()]);
        assert_eq!(out, "a,\"b, c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
        let mut out = String::new();
        csv_row(&mut out, &["=SUM(A1)".to_owned(), "-5%".to_owned(), "-x".to_owned()]);
        assert_eq!(out, "'=SUM(A1),-5%,'-x\r\n");
    }

    #[test]
    fn one_edit_flags_typos_not_plurals() {
        assert!(one_edit(&chars("Shahed-13"), &chars("Shahed-136")));
        assert!(one_edit(&chars("Olso"), &chars("Oslo")));
        assert!(!one_edit(&chars("Iran"), &chars("Iraq")));
        assert!(!one_edit(&chars("Russia"), &chars("Russian")));
        assert!(!one_edit(&chars("F-15"), &chars("F-16")));
        assert!(!one_edit(&chars("Korea"), &chars("Koreas")));
    }

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edits(&chars("olso"), &chars("oslo")), 1);
        assert_eq!(edits(&chars("tawain"), &chars("taiwan")), 2);
        assert_eq!(edits(&chars("shahed13"), &chars("shahed136")), 1);
        assert_eq!(plain("U.S."), plain("US"));
    }

    #[test]
    fn content_words_fold_and_stem() {
        let w = content_words("Russia could mobilize about three times as many troops as Ukraine", STOP);
        assert!(w.contains("troop") && w.contains("ukraine") && !w.contains("times"));
    }
}
