//! Alias merging: one entity per real-world thing.
//!
//! Mentions are taken in text order; each joins the first existing entity it is an alias of,
//! or starts a new one. A mention is an alias of an entity when (after [`key`] folds case,
//! diacritics, a leading "the" and a possessive):
//! * it has the same key as one of the entity's forms, or the same canonical name in the
//!   gazetteers ("U.S." = "US" = "United States");
//! * for people, it is the surname (or the first and last names) of a fuller name already seen
//!   ("Stensønes", "Nils Andreas Stensones" -> "Nils Stensønes"), or a fuller name of a name seen
//!   before;
//! * it is an acronym of the entity's name, or the entity is an acronym of it
//!   ("NIS" <-> "Norwegian Intelligence Service").
//!
//! The entity's label is its mentions' most common label (the first one on a tie); its name is
//! its canonical gazetteer name if it has one, else its longest form.

use std::collections::HashMap;

use crate::recognise::entities::canonical;
use crate::{Entity, Label, Span};

/// Groups labelled mentions (in text order) into entities, in order of first mention.
pub fn group(text: &str, mentions: &[(Span, Label)]) -> Vec<Entity> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for &(span, label) in mentions {
        let form = clean_form(span.of(text));
        let k = key(form);
        let found = by_key.get(&k).copied().or_else(|| groups.iter().position(|g| g.accepts(form, &k, label)));
        let g = match found {
            Some(g) => g,
            None => {
                groups.push(Group::default());
                groups.len() - 1
            }
        };
        groups[g].add(form, &k, span, label);
        by_key.insert(k, g);
    }
    groups.into_iter().map(Group::into_entity).collect()
}

/// A mention's text without a possessive ending.
fn clean_form(form: &str) -> &str {
    let f = form.trim();
    for suffix in ["'s", "’s", "’", "'"] {
        if let Some(stem) = f.strip_suffix(suffix) {
            if stem.chars().count() > 1 {
                return stem;
            }
        }
    }
    f
}

/// The comparison key of a form: canonical name if known, else lower case without
/// diacritics, leading "the", periods and possessive.
pub fn key(form: &str) -> String {
    if let Some(c) = canonical(form) {
        return fold(c);
    }
    let f = clean_form(form);
    let f = f.strip_prefix("the ").or_else(|| f.strip_prefix("The ")).unwrap_or(f);
    let folded = fold(f);
    if let Some(c) = canonical(&folded) {
        return fold(c);
    }
    folded
}

/// Lower case, without diacritics, periods or repeated spaces.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '.' => {}
            '’' | '‘' => out.push('\''),
            '-' | '‐' | '–' if false => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => push_folded(&mut out, c),
        }
    }
    out.trim_end().to_owned()
}

/// Pushes `c` lower-cased and without its diacritic.
fn push_folded(out: &mut String, c: char) {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ğ' | 'ğ' => "g",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' => "i",
        'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' => "s",
        'ß' => "ss",
        'Ť' | 'ť' | 'Ţ' | 'ţ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        'Þ' | 'þ' => "th",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(base);
}

#[derive(Default)]
struct Group {
    /// Forms as written, in order of first use, with their keys.
    forms: Vec<(String, String)>,
    mentions: Vec<Span>,
    labels: Vec<Label>,
}

impl Group {
    fn add(&mut self, form: &str, key: &str, span: Span, label: Label) {
        if !self.forms.iter().any(|(f, _)| f == form) {
            self.forms.push((form.to_owned(), key.to_owned()));
        }
        self.mentions.push(span);
        self.labels.push(label);
    }

    fn label(&self) -> Label {
        let mut best = self.labels[0];
        let mut best_n = 0;
        for &l in &self.labels {
            let n = self.labels.iter().filter(|&&m| m == l).count();
            if n > best_n {
                best = l;
                best_n = n;
            }
        }
        best
    }

    /// Whether a mention with this form, key and label refers to this group's entity.
    fn accepts(&self, form: &str, key: &str, label: Label) -> bool {
        let mine = self.label();
        let words: Vec<&str> = key.split(' ').collect();
        for (f, k) in &self.forms {
            let theirs: Vec<&str> = k.split(' ').collect();
            // People: surname alone, first + last names, or a fuller name.
            if mine == Label::Person && matches!(label, Label::Person | Label::Org | Label::Place) {
                let shorter_is_part = |short: &[&str], long: &[&str]| {
                    long.len() > short.len()
                        && ((short.len() == 1 && long.last() == short.last())
                            || (short.len() >= 2 && long.first() == short.first() && long.last() == short.last()))
                };
                if shorter_is_part(&words, &theirs) || (label == Label::Person && shorter_is_part(&theirs, &words)) {
                    return true;
                }
            }
            // Acronyms, either way round.
            if is_acronym_of(form, f) || is_acronym_of(f, form) {
                return true;
            }
        }
        false
    }

    fn into_entity(self) -> Entity {
        let label = self.label();
        let canonical_name = self.forms.iter().find_map(|(f, _)| canonical(f)).map(str::to_owned);
        let longest = self
            .forms
            .iter()
            .map(|(f, _)| f.clone())
            .max_by(|a, b| a.split(' ').count().cmp(&b.split(' ').count()).then(a.len().cmp(&b.len())).then(b.cmp(a)))
            .unwrap_or_default();
        let name = canonical_name.unwrap_or(longest);
        let aliases = self.forms.into_iter().map(|(f, _)| f).filter(|f| *f != name).collect();
        Entity { label, name, aliases, salience: 0.0, mentions: self.mentions }
    }
}

/// Whether `short` is the acronym of `long`: "NIS" of "Norwegian Intelligence Service",
/// "ISW" of "Institute for the Study of War" (small words may be skipped).
pub fn is_acronym_of(short: &str, long: &str) -> bool {
    let letters: String = short.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    if !(2..=8).contains(&n) || !letters.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let words: Vec<&str> = long.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() < 2 {
        return false;
    }
    let initials = |skip_small: bool| -> String {
        words
            .iter()
            .filter(|w| !(skip_small && matches!(w.to_ascii_lowercase().as_str(), "of" | "the" | "for" | "and" | "on" | "in" | "&" | "de" | "des" | "du" | "la")))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    initials(true) == letters || initials(false) == letters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, spans: &[(&str, Label)]) -> Vec<(String, Vec<String>)> {
        let mut mentions = Vec::new();
        let mut from = 0;
        for (s, l) in spans {
            let at = text[from..].find(s).unwrap() + from;
            mentions.push((Span::new(at, at + s.len()), *l));
            from = at + s.len();
        }
        group(text, &mentions).into_iter().map(|e| (e.name, e.aliases)).collect()
    }

    #[test]
    fn merges_people_and_acronyms() {
        let text = "Nils Stensønes, director of the Norwegian Intelligence Service (NIS), spoke. Stensønes’ comments. Nils Andreas Stensones said NIS";
        let got = names(
            text,
            &[
                ("Nils Stensønes", Label::Person),
                ("Norwegian Intelligence Service", Label::Org),
                ("NIS", Label::Org),
                ("Stensønes’", Label::Person),
                ("Nils Andreas Stensones", Label::Person),
                ("NIS", Label::Org),
            ],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "Nils Andreas Stensones");
        assert_eq!(got[1].0, "Norwegian Intelligence Service");
        assert!(is_acronym_of("ISW", "Institute for the Study of War"));
        assert_eq!(fold("Stensønes"), "stensones");
    }
}
