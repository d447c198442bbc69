//! Alias merging: one entity per real-world thing.
//!
//! Mentions are taken in text order; each joins the first existing entity it is an alias of,
//! or starts a new one. A mention is an alias of an entity when (after [`key`] folds case,
//! diacritics, a leading "the" and a possessive: "Russia's", "Stensønes’"):
//! * it has the same key as one of the entity's forms, or the same canonical name in the
//!   gazetteers ("U.S." = "US" = "United States" = "the United States", "Putin" = "Vladimir
//!   Putin");
//! * for people, it is the surname (or the first and last names) of a fuller name already seen
//!   ("Stensønes", "Nils Andreas Stensones" -> "Nils Stensønes"), or a fuller name of a name seen
//!   before;
//! * it is an acronym of the entity's name, or the entity is an acronym of it
//!   ("NIS" <-> "Norwegian Intelligence Service");
//! * for works, it is the entity's title with or without a year ("Focus" <-> "Focus 2024").
//!
//! A description ("Norway’s military intelligence service", proposed by the recogniser only
//! when the document names the organisation) joins the organisation named after the country's
//! nationality whose words it holds ("Norwegian Intelligence Service"), in either order; the
//! entity is named by its proper name, never by a description.
//!
//! The entity's label is its mentions' most common label (the first one on a tie), and every
//! mention carries it; its name is its canonical gazetteer name if it has one, else its longest
//! form.
//!
//! Every test is a hash lookup (surnames, first-and-last names, initials and titles are indexed
//! as forms are added), so grouping is linear in the number of mentions.

use crate::recognise::entities::canonical;
use crate::resolve::fast_hash::{KeyBytes, KeyTable, Map as HashMap};
use crate::{Entity, Label, Span};

/// Groups labelled mentions (in text order) into entities, in order of first mention.
pub fn group(text: &str, mentions: &[(Span, Label)]) -> Vec<Entity> {
    let mut index = Index::default();
    // The key of each distinct form, worked out once: most mentions repeat a form. A cache of
    // at most KEYS forms, emptied when full: text of distinct names (a form or two per entity)
    // would otherwise keep one for every mention. The keys stand end to end in one buffer (the
    // map gives where and how long), not in a heap block each.
    let mut keys: HashMap<&str, (u32, u32)> = HashMap::default();
    let mut key_bytes = String::with_capacity(256);
    // What `key_into` folds in, reused from key to key.
    let mut scratch = String::new();
    // The group of each mention (4 bytes a mention): the groups keep no list of their
    // mentions, which are handed to their entities at the end.
    let mut owner: Vec<u32> = Vec::with_capacity(mentions.len());
    for &(span, label) in mentions {
        let form = clean_form(span.of(text));
        if keys.len() >= KEYS && !keys.contains_key(form) {
            keys.clear();
            key_bytes.clear();
        }
        let (at, len) = *keys.entry(form).or_insert_with(|| {
            let at = key_bytes.len();
            key_into(form, &mut scratch, &mut key_bytes);
            // Keys are folded pieces of a text of at most MAX_INPUT_BYTES: inside `u32`.
            (at as u32, (key_bytes.len() - at) as u32)
        });
        let k = &key_bytes[at as usize..(at + len) as usize];
        // A key seen before (most mentions repeat a form) names its group: looked up once here,
        // not again by `find` and `add`.
        let known = index.by_key.entry(&index.keys, k).map(|&(at, _, g)| (at, g as usize));
        let g = match known.map(|(_, g)| g).or_else(|| index.find(form, k, label)) {
            Some(g) => g,
            None => {
                // A quarter more at a time: text of distinct names starts a group every 26
                // bytes, and doubling would leave up to half of them unused.
                crate::grow::push(&mut index.groups, Group::default(), 16);
                index.groups.len() - 1
            }
        };
        index.add(g, text, form, k, known.map(|(at, _)| at), label);
        // Group indexes are below the number of mentions, far inside `u32`.
        owner.push(g as u32);
    }
    // The indexes are done with: give them back before the entities are made beside the
    // groups (an entity is 88 bytes, a group 40).
    let mut groups = std::mem::take(&mut index.groups);
    let counts = std::mem::take(&mut index.counts);
    drop((index, keys, key_bytes, scratch));
    // Made from the last group back, the list of groups given back an eighth at a time as they
    // are made, so that the groups are not all held beside their entities.
    let n = groups.len();
    let mut entities: Vec<Entity> = Vec::with_capacity(n);
    entities.resize_with(n, || Entity { label: Label::Org, name: String::new(), aliases: Vec::new(), salience: 0.0, mentions: Vec::new() });
    let step = (n / 8).max(1024);
    while let Some(g) = groups.pop() {
        entities[groups.len()] = g.into_entity(text, &counts);
        if groups.capacity() - groups.len() >= step {
            groups.shrink_to_fit();
        }
    }
    // Each entity's list was sized to its number of mentions; they come in text order.
    for (&(span, _), &g) in mentions.iter().zip(&owner) {
        entities[g as usize].mentions.push(span);
    }
    entities
}

/// Most forms [`group`] keeps the key of (news text has a few thousand distinct forms): 7/8
/// of 8,192, the most a table of 8,192 buckets holds before it grows.
const KEYS: usize = 7168;

/// A map of strings (in the [`Index`]'s [`KeyBytes`]) to the first group indexed under them.
type Table = KeyTable<u32>;

/// The group `table` indexes `key` under.
fn first_group(table: &Table, keys: &KeyBytes, key: &str) -> Option<usize> {
    table.get(keys, key).map(|&g| g as usize)
}

/// The indexes of the groups formed so far. The string-keyed ones are [`Table`]s of 12-byte
/// entries into one buffer of their keys ([`KeyBytes`]): text of distinct names indexes two
/// strings per entity, and a map of boxed `str`s (24-byte entries, a heap block per key) held
/// over twice as much.
#[derive(Default)]
struct Index {
    keys: KeyBytes,
    groups: Vec<Group>,
    /// How many mentions have each label (in [`Label::ALL`] order), for the groups whose
    /// mentions have more than one label ([`Group::many`]).
    counts: Vec<[u32; 7]>,
    /// Key of every form -> its first group.
    by_key: Table,
    /// Last word of multi-word forms -> first group (surnames).
    by_last: Table,
    /// First and last words of forms of three words or more -> first group.
    by_first_last: Table,
    /// Initials of multi-word forms (with and without small words) -> first group.
    by_initials: Table,
    /// Acronym forms, as their capital letters -> first group.
    by_acronym: Table,
    /// Works: the key without a trailing year -> first group.
    by_title: Table,
    /// Organisations named after a nationality, by (country, last word): their groups and
    /// lower-case words after the nationality ("Norwegian Intelligence Service").
    by_nationality: HashMap<(String, String), Signed>,
    /// Descriptions by (country, last word): their groups and words ("Norway’s military
    /// intelligence service").
    by_description: HashMap<(String, String), Signed>,
}

/// Groups with the lower-case words of one of their forms.
type Signed = Vec<(usize, Vec<String>)>;

/// "Norwegian Intelligence Service" -> (Norway, [intelligence, service]).
fn nationality_signature(form: &str) -> Option<(String, Vec<String>)> {
    let mut words = form.split(' ');
    let country = crate::recognise::entities::gazetteer::demonym_country(words.next()?)?;
    let rest: Vec<String> = words.map(str::to_lowercase).collect();
    (!rest.is_empty() && rest.len() <= 6).then(|| (country.to_owned(), rest))
}

/// "Norway’s military intelligence service" -> (Norway, [military, intelligence, service]).
fn description_signature(form: &str) -> Option<(String, Vec<String>)> {
    let (country, rest) = description_parts(form)?;
    Some((country.to_owned(), rest.split(' ').map(str::to_owned).collect()))
}

/// The country and the words after it of a description ("Norway’s military intelligence
/// service" -> ("Norway", "military intelligence service")): what [`description_signature`]
/// reads, without a copy.
fn description_parts(form: &str) -> Option<(&'static str, &str)> {
    let (place, rest) = possessive_split(form)?;
    // The words, all lower case (checked first: it is the cheaper test).
    if !rest.split(' ').all(|w| w.chars().all(char::is_lowercase)) {
        return None;
    }
    Some((crate::recognise::entities::gazetteer::country_of(place)?, rest))
}

/// Whether `form` is a description rather than a proper name ([`description_signature`]).
fn is_description(form: &str) -> bool {
    description_parts(form).is_some()
}

/// `form` around its first "’s ", else around its first "'s " (as
/// `split_once("’s ").or_else(|| split_once("'s "))` splits it, without setting up a
/// substring search for each: most forms hold no "s ").
fn possessive_split(form: &str) -> Option<(&str, &str)> {
    let b = form.as_bytes();
    let mut straight = None;
    for i in 1..b.len().saturating_sub(1) {
        if b[i] != b's' || b[i + 1] != b' ' {
            continue;
        }
        // The bytes of ’ (U+2019) are E2 80 99.
        if i >= 3 && b[i - 3..i] == [0xE2, 0x80, 0x99] {
            return Some((&form[..i - 3], &form[i + 2..]));
        }
        if b[i - 1] == b'\'' && straight.is_none() {
            straight = Some((&form[..i - 1], &form[i + 2..]));
        }
    }
    straight
}

impl Index {
    /// The first group the mention is an alias of, its key being new to [`Index::by_key`] (the
    /// group of a key in it is that key's first group).
    fn find(&self, form: &str, key: &str, label: Label) -> Option<usize> {
        let keys = &self.keys;
        let mut best: Option<usize> = None;
        let mut consider = |g: Option<usize>| {
            if let Some(g) = g {
                best = Some(best.map_or(g, |b: usize| b.min(g)));
            }
        };
        let (first, last, n_words) = first_last(key);
        let is_person = |g: &usize| self.groups.get(*g).is_some_and(|x| x.label(&self.counts) == Label::Person);
        // The surname or the first and last names of a fuller name seen before.
        if matches!(label, Label::Person | Label::Org | Label::Place) {
            if n_words == 1 {
                consider(first_group(&self.by_last, keys, key).filter(is_person));
            } else {
                consider(first_group(&self.by_first_last, keys, &joined(first, last)).filter(is_person));
            }
        }
        // A fuller name of a name seen before.
        if label == Label::Person && n_words >= 2 {
            consider(first_group(&self.by_key, keys, last).filter(is_person));
            if n_words >= 3 {
                consider(first_group(&self.by_key, keys, &joined(first, last)).filter(is_person));
            }
        }
        // Acronyms, either way round.
        if let Some(letters) = acronym_letters(form) {
            consider(first_group(&self.by_initials, keys, &letters));
        }
        // (No acronym seen yet: no need to work out the initials.)
        if !self.by_acronym.is_empty() {
            each_initials(form, |i| consider(first_group(&self.by_acronym, keys, i)));
        }
        // A description of an organisation named after a nationality, either way round.
        if label == Label::Org {
            if let Some((country, words)) = description_signature(form) {
                if let Some(v) = words.last().and_then(|l| self.by_nationality.get(&(country.clone(), l.clone()))) {
                    consider(v.iter().find(|(_, org)| org.iter().all(|w| words.contains(w))).map(|&(g, _)| g));
                }
            }
            if let Some((country, words)) = nationality_signature(form) {
                if let Some(v) = words.last().and_then(|l| self.by_description.get(&(country.clone(), l.clone()))) {
                    consider(v.iter().find(|(_, desc)| words.iter().all(|w| desc.contains(w))).map(|&(g, _)| g));
                }
            }
        }
        // Works with and without their year.
        if label == Label::Work {
            let title = strip_year(key);
            let is_work = |g: &usize| self.groups.get(*g).is_some_and(|x| x.label(&self.counts) == Label::Work);
            consider(first_group(&self.by_title, keys, title).filter(is_work));
        }
        best.filter(|g| self.groups[*g].accepts_label(label, &self.counts))
    }

    /// Adds a mention of `form` (a piece of `text`) with key `key` to group `g`; `known` is
    /// where the key stands in `keys` when [`Index::by_key`] holds it already.
    fn add(&mut self, g: usize, text: &str, form: &str, key: &str, known: Option<u32>, label: Label) {
        // Where the form stands (`Span::of` and `clean_form` slice it from `text`).
        let at = form.as_ptr() as usize - text.as_ptr() as usize;
        let new_form = self.groups[g].add(text, form, at, label, &mut self.counts);
        let keys = &mut self.keys;
        // Where the key stands in `keys`: its last word and its title are pieces of it.
        let at = known.unwrap_or_else(|| {
            let at = keys.push(key);
            self.by_key.insert_new(keys, key, Some(at), g as u32);
            at
        });
        if !new_form {
            return;
        }
        let (first, last, n_words) = first_last(key);
        if n_words >= 2 {
            self.by_last.insert(keys, last, Some(at + (key.len() - last.len()) as u32), g as u32);
            if n_words >= 3 {
                self.by_first_last.insert(keys, &joined(first, last), None, g as u32);
            }
            let by_initials = &mut self.by_initials;
            each_initials(form, |i| by_initials.insert(keys, i, None, g as u32));
        }
        if let Some(letters) = acronym_letters(form) {
            self.by_acronym.insert(keys, &letters, None, g as u32);
        }
        if label == Label::Work {
            self.by_title.insert(keys, strip_year(key), Some(at), g as u32);
        }
        if label == Label::Org {
            for (sig, map) in [(nationality_signature(form), &mut self.by_nationality), (description_signature(form), &mut self.by_description)] {
                if let Some((country, words)) = sig {
                    if let Some(last) = words.last().cloned() {
                        let v = map.entry((country, last)).or_default();
                        if v.len() < 8 {
                            v.push((g, words));
                        }
                    }
                }
            }
        }
    }
}

/// The first and last words of a key and its number of words (words split at each space).
fn first_last(key: &str) -> (&str, &str, usize) {
    let (mut first, mut last, mut spaces) = (key.len(), 0, 0);
    for (i, &b) in key.as_bytes().iter().enumerate() {
        if b == b' ' {
            first = first.min(i);
            last = i + 1;
            spaces += 1;
        }
    }
    // Spaces are ASCII: both ends are char boundaries.
    (&key[..first], &key[last..], spaces + 1)
}

/// `first` and `last` with a space between.
fn joined(first: &str, last: &str) -> String {
    let mut s = String::with_capacity(first.len() + 1 + last.len());
    s.push_str(first);
    s.push(' ');
    s.push_str(last);
    s
}

/// A key without a trailing year: "focus 2024" -> "focus".
fn strip_year(key: &str) -> &str {
    match key.rsplit_once(' ') {
        Some((title, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => title,
        _ => key,
    }
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
    let mut out = String::new();
    key_into(form, &mut String::new(), &mut out);
    out
}

/// Appends the [`key`] of `form` to `out`, folding in `scratch` (whatever it holds).
fn key_into(form: &str, scratch: &mut String, out: &mut String) {
    if let Some(c) = canonical(form) {
        fold_into(scratch, c);
    } else {
        let f = clean_form(form);
        let f = f.strip_prefix("the ").or_else(|| f.strip_prefix("The ")).unwrap_or(f);
        fold_into(scratch, f);
        if let Some(c) = canonical(scratch) {
            fold_into(scratch, c);
        }
    }
    out.push_str(scratch);
}

/// Lower case, without diacritics, periods or repeated spaces.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// [`fold`] into `out`, which is emptied first: one buffer for many keys.
pub(crate) fn fold_into(out: &mut String, s: &str) {
    out.clear();
    for c in s.chars() {
        if c.is_ascii() {
            // The common case, without the tables below.
            match c {
                '.' => {}
                ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' => {
                    if !out.ends_with(' ') && !out.is_empty() {
                        out.push(' ');
                    }
                }
                c => out.push(c.to_ascii_lowercase()),
            }
            continue;
        }
        match c {
            '’' | '‘' => out.push('\''),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => push_folded(out, c),
        }
    }
    // Only a space can end it: no lower-case letter is white space.
    if out.ends_with(' ') {
        out.pop();
    }
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

/// The mentions of one entity so far: 40 bytes, with 8 more per form (text of distinct names
/// starts one every 26 bytes). Where its mentions stand is not kept here: [`group`] hands
/// them to the entity at the end.
#[derive(Default)]
struct Group {
    /// Forms as written, in order of first use: where one of their mentions stands in the text.
    forms: Vec<Span>,
    /// How many mentions it has.
    mentions: u32,
    /// The labels in order of first use: each one's [`slot`] plus one, four bits each from the
    /// lowest (at most the seven of [`Label::ALL`]).
    order: u32,
    /// While its mentions have one label, 0; then one more than the index of its counts per
    /// label in [`Index::counts`].
    many: u32,
}

fn slot(label: Label) -> usize {
    Label::ALL.iter().position(|&l| l == label).unwrap_or(0)
}

impl Group {
    /// The text of a form, from `text`.
    fn form<'t>(text: &'t str, span: &Span) -> &'t str {
        text.get(span.range()).unwrap_or("")
    }

    /// Adds a mention whose form `form` stands at `at` in the text (what `Span::of` reads);
    /// whether its form is new to the group. `counts` are [`Index::counts`].
    fn add(&mut self, text: &str, form: &str, at: usize, label: Label, counts: &mut Vec<[u32; 7]>) -> bool {
        let new_form = !self.forms.iter().any(|f| Group::form(text, f) == form);
        if self.forms.is_empty() {
            // Most groups keep one form: no room for four.
            self.forms.reserve_exact(1);
        }
        if new_form && self.forms.len() < 64 {
            self.forms.push(Span::new(at, at + form.len()));
        }
        let n = self.order().count();
        let known = self.order().any(|l| l == label);
        if !known && n > 0 && self.many == 0 {
            // A second label: every mention so far had the first.
            let mut all = [0u32; 7];
            if let Some(first) = self.order().next() {
                all[slot(first)] = self.mentions;
            }
            counts.push(all);
            self.many = counts.len() as u32;
        }
        if self.many > 0 {
            counts[self.many as usize - 1][slot(label)] += 1;
        }
        self.mentions += 1;
        if !known && n < Label::ALL.len() {
            self.order |= (slot(label) as u32 + 1) << (4 * n);
        }
        new_form
    }

    /// The labels in order of first use.
    fn order(&self) -> impl Iterator<Item = Label> + '_ {
        (0..Label::ALL.len()).map(|i| (self.order >> (4 * i)) & 0xF).take_while(|&x| x != 0).map(|x| Label::ALL[x as usize - 1])
    }

    /// The most common label of the mentions, the first used on a tie.
    fn label(&self, counts: &[[u32; 7]]) -> Label {
        let mut best = self.order().next().unwrap_or(Label::Org);
        let Some(counts) = self.many.checked_sub(1).and_then(|k| counts.get(k as usize)) else { return best };
        for l in self.order() {
            if counts[slot(l)] > counts[slot(best)] {
                best = l;
            }
        }
        best
    }

    /// Whether a mention with this label may join (besides having the same key): a nationality
    /// ("Russian") only joins nationalities, and nothing else joins one.
    fn accepts_label(&self, label: Label, counts: &[[u32; 7]]) -> bool {
        (self.label(counts) == Label::Group) == (label == Label::Group)
    }

    /// The entity of the group, its forms read from `text`, with room for its mentions.
    fn into_entity(self, text: &str, counts: &[[u32; 7]]) -> Entity {
        let label = self.label(counts);
        let forms = || self.forms.iter().map(|f| Group::form(text, f));
        let canonical_name = forms().find_map(canonical).map(str::to_owned);
        // Proper names before descriptions ("Norway’s military intelligence service"). (A
        // single form, as most groups have, is the longest either way.)
        let proper = |f: &str| !is_description(f);
        let any_proper = self.forms.len() > 1 && forms().any(proper);
        let longest = forms()
            .filter(|f| !any_proper || proper(f))
            .max_by(|a, b| a.split(' ').count().cmp(&b.split(' ').count()).then(a.len().cmp(&b.len())).then(b.cmp(a)))
            .map(str::to_owned)
            .unwrap_or_default();
        let name = canonical_name.unwrap_or(longest);
        let mut aliases: Vec<String> = forms().filter(|f| *f != name).map(str::to_owned).collect();
        aliases.shrink_to_fit();
        Entity { label, name, aliases, salience: 0.0, mentions: Vec::with_capacity(self.mentions as usize) }
    }
}

/// The capital letters of an acronym form ("NIS", "U.S." -> "US"), if it is one.
fn acronym_letters(form: &str) -> Option<String> {
    // Checked before the copy: most forms are no acronym.
    let mut n = 0;
    for c in form.chars().filter(|c| *c != '.') {
        if !c.is_uppercase() {
            return None;
        }
        n += 1;
    }
    (2..=8).contains(&n).then(|| form.chars().filter(|c| *c != '.').collect())
}

/// Calls `found` with the initials of a multi-word name without its small words, then, when
/// they differ, with all its words ("Institute for the Study of War" -> "ISW", "IFTSOW").
/// Names of fewer than two or more than twelve words have none.
fn each_initials(long: &str, mut found: impl FnMut(&str)) {
    // The upper-cased first letters of the words, without and with the small words, written
    // on the stack in one pass: at most twelve words of three chars (`to_uppercase` of one
    // char gives at most three) of four bytes.
    let (mut a, mut b) = ([0u8; 144], [0u8; 144]);
    let (mut la, mut lb, mut words) = (0, 0, 0);
    for w in long.split([' ', '-']).filter(|w| !w.is_empty()) {
        words += 1;
        if words > 12 {
            return;
        }
        let small = is_small_word(w);
        for c in w.chars().next().into_iter().flat_map(char::to_uppercase) {
            lb += c.encode_utf8(&mut b[lb..]).len();
            if !small {
                la += c.encode_utf8(&mut a[la..]).len();
            }
        }
    }
    if words < 2 {
        return;
    }
    // Whole chars were written.
    let (a, b) = (std::str::from_utf8(&a[..la]).unwrap_or_default(), std::str::from_utf8(&b[..lb]).unwrap_or_default());
    found(a);
    if a != b {
        found(b);
    }
}

fn is_small_word(w: &str) -> bool {
    // (None is longer than three bytes.)
    w.len() <= 3 && ["of", "the", "for", "and", "on", "in", "&", "de", "des", "du", "la"].iter().any(|s| w.eq_ignore_ascii_case(s))
}

/// Whether `short` is the acronym of `long`: "NIS" of "Norwegian Intelligence Service",
/// "ISW" of "Institute for the Study of War" (small words may be skipped).
pub fn is_acronym_of(short: &str, long: &str) -> bool {
    acronym_letters(short).is_some_and(|letters| {
        let mut any = false;
        each_initials(long, |i| any |= i == letters);
        any
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn groups_stay_small() {
        assert_eq!(std::mem::size_of::<Group>(), 40);
    }

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

    #[test]
    fn merges_variants_possessives_and_works() {
        let text = "the United States and U.S. and US. Russia's army; Russia. Stensønes’ view. Focus 2024 and Focus. Russian troops.";
        let got = names(
            text,
            &[
                ("United States", Label::Place),
                ("U.S.", Label::Place),
                ("US", Label::Place),
                ("Russia's", Label::Place),
                ("Russia", Label::Place),
                ("Stensønes’", Label::Person),
                ("Focus 2024", Label::Work),
                ("Focus", Label::Work),
                ("Russian", Label::Group),
            ],
        );
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(got[0].0, "United States");
        assert_eq!(got[1], ("Russia".to_owned(), vec![]), "{got:?}");
        assert_eq!(got[2].0, "Stensønes");
        assert_eq!(got[3], ("Focus 2024".to_owned(), vec!["Focus".to_owned()]));
        assert_eq!(got[4].0, "Russian");
    }

    #[test]
    fn a_surname_after_a_full_name_is_that_person_with_the_persons_label() {
        let text = "Patrick Bury spoke. Bury said. Bury Town won.";
        let mentions = [
            (Span::new(0, 12), Label::Person),
            (Span::new(20, 24), Label::Place),
            (Span::new(31, 40), Label::Org),
        ];
        let e = group(text, &mentions);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].name, "Patrick Bury");
        assert_eq!(e[0].label, Label::Person);
        assert_eq!(e[0].mentions.len(), 2);
    }

    #[test]
    fn a_nationality_never_joins_an_organisation_by_its_letters() {
        let text = "Norwegian Intelligence Service. NIS. Norway. Norwegian.";
        let got = names(text, &[("Norwegian Intelligence Service", Label::Org), ("NIS", Label::Org), ("Norway", Label::Place), ("Norwegian", Label::Group)]);
        assert_eq!(got.len(), 3, "{got:?}");
    }

    /// The splits and initials read without copies are those of the plain code they replace.
    #[test]
    fn possessives_and_initials_read_as_before() {
        let forms = [
            "", "s ", "'s ", "’s ", "Norway’s military intelligence service", "Norway's army", "US's ’s x", "a's b’s c",
            "Russia", "Institute for the Study of War", "the Ministry-of-Defence", "Xi", "A B C D E F G H I J K L",
            "A B C D E F G H I J K L M", "élan vital ßtraße", "ǆemal Of", "of the", "Stensønes’ s ",
        ];
        for f in forms {
            assert_eq!(possessive_split(f), f.split_once("’s ").or_else(|| f.split_once("'s ")), "{f:?}");
            let words: Vec<&str> = f.split([' ', '-']).filter(|w| !w.is_empty()).collect();
            let make = |skip_small: bool| -> String {
                let kept = words.iter().filter(|w| !(skip_small && is_small_word(w)));
                kept.filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect()
            };
            let plain = match (make(true), make(false)) {
                _ if words.len() < 2 || words.len() > 12 => vec![],
                (a, b) if a == b => vec![a],
                (a, b) => vec![a, b],
            };
            let mut got = Vec::new();
            each_initials(f, |i| got.push(i.to_owned()));
            assert_eq!(got, plain, "{f:?}");
            assert_eq!(first_last(f), (f.split(' ').next().unwrap(), f.rsplit(' ').next().unwrap(), f.split(' ').count()), "{f:?}");
        }
    }

    #[test]
    fn many_distinct_names_group_in_linear_time() {
        let mut text = String::new();
        let mut mentions = Vec::new();
        for i in 0..30_000u32 {
            let name = format!("Xa{i:06} Yb{i:06}");
            let at = text.len();
            text.push_str(&name);
            text.push_str(". ");
            mentions.push((Span::new(at, at + name.len()), Label::Person));
            let at = at + 9; // the surname alone
            mentions.push((Span::new(at, at + 8), Label::Person));
        }
        let t = std::time::Instant::now();
        let e = group(&text, &mentions);
        assert_eq!(e.len(), 30_000);
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }
}
