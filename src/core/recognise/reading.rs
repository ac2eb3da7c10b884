//! What an indicator's words measure: who fills the item in, when, and the
//! figure to reach (see [`readings`]).
//!
//! An indicator is read sentence by sentence, clause by clause (";"). A
//! clause gives grades if it speaks of "xếp loại", else one reading per
//! percentage, else per amount of money, else per count, else "không còn …"
//! (none left). What a clause names and the next one leaves out carries over
//! within the sentence: the horizon ("Hàng năm, …; …"), the actor ("Ủy ban
//! MTTQ xã tổ chức …; …") and "mỗi khu dân cư".

use super::horizon::{horizon_in, Horizon};
use super::phrases::{head_noun, lead_end, noun_phrase, noun_phrase_to, rate_phrase, short_label, verb_phrase};
use super::quantity::{quantities, Quantity, Unit};
use super::units::{grade_label, per_unit, unit_at_start, units_in, AREAS, BOTH, COMMUNE};
use super::words::{capitalise, find_word, has_word, lower, starts_with_word, uncapitalise, words};
use crate::core::programme::{Cmp, Term, Who};

/// What a reading measures.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Measure {
    /// A share of units did it; with a count, each had at least that many of the thing named.
    Share { percent: f64, min_count: Option<(u64, String)> },
    /// n of N added up across units.
    Ratio { percent: f64, numerator: String, denominator: String },
    /// Đồng added up over the period.
    Amount(i64),
    /// Things added up over the period.
    Count(i64, String),
    /// A share of graded units at or above a grade.
    Grade { percent: f64, min_grade: &'static str, none_failing: bool },
    /// No figure: ticked when done, with a note.
    Tick,
}

/// One target read from the words.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Reading {
    pub phrase: String,
    pub label: String,
    pub who: Vec<Who>,
    pub measure: Measure,
    pub cmp: Cmp,
    pub horizon: Horizon,
}

/// Which grade a text asks for: "xuất sắc", "hoàn thành tốt", "hoàn thành nhiệm vụ".
fn grade_in(low: &str) -> Option<&'static str> {
    if low.contains("xuất sắc") {
        Some("xuat-sac")
    } else if low.contains("hoàn thành tốt") {
        Some("tot")
    } else {
        let mut from = 0;
        while let Some(at) = find_word(low, "hoàn thành nhiệm vụ", from) {
            if !low[..at].trim_end().ends_with("không") {
                return Some("hoan-thanh");
            }
            from = at + 1;
        }
        None
    }
}

fn is_grade_clause(low: &str) -> bool {
    has_word(low, "xếp loại") || (grade_in(low).is_some() && (low.contains("trở lên") || has_word(low, "đánh giá")))
}

/// What one sentence carries from clause to clause ("Hàng năm, mỗi khu dân cư
/// có ít nhất 01 công trình …; có ít nhất 01 mô hình …").
#[derive(Default)]
struct Carried {
    horizon: Option<Horizon>,
    actor: Option<Vec<Who>>,
    per_unit: Option<Vec<Who>>,
    /// The units of the last reading, for "…, trong đó 20 % xuất sắc".
    last_who: Option<Vec<Who>>,
}

/// A clause being read: its text and lower-case copy (same offsets).
struct Clause<'a> {
    text: &'a str,
    low: String,
    term: Term,
    none_failing: bool,
}

/// Everything measurable in an indicator's text; a single tick when nothing is.
pub(super) fn readings(text: &str, term: Term) -> Vec<Reading> {
    let low_all = lower(text);
    let none_failing =
        low_all.contains("không có đơn vị không hoàn thành") || low_all.contains("không có đơn vị nào không hoàn thành");
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let mut carried = Carried::default();
        for clause in sentence.split(';').map(str::trim).filter(|c| !c.is_empty()) {
            let clause = Clause { text: clause, low: lower(clause), term, none_failing };
            clause.read(&mut carried, &mut out);
        }
    }
    if out.is_empty() {
        out.push(tick(text, &low_all, term));
    }
    out
}

/// Sentences: paragraphs, split after ". " when a capital follows.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut start = 0;
        let cs: Vec<(usize, char)> = para.char_indices().collect();
        for k in 0..cs.len().saturating_sub(2) {
            if cs[k].1 == '.' && cs[k + 1].1 == ' ' && cs[k + 2].1.is_uppercase() {
                out.push(&para[start..cs[k].0]);
                start = cs[k + 2].0;
            }
        }
        out.push(&para[start..]);
    }
    out.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// The tick for an indicator with no figure: the commune (or the units it
/// names) marks it done, each year unless it says otherwise.
fn tick(text: &str, low: &str, term: Term) -> Reading {
    let first = text.split(['\n', ';']).next().unwrap_or(text);
    Reading {
        phrase: first.trim().to_string(),
        label: short_label(first),
        who: units_in(low).unwrap_or_else(|| COMMUNE.to_vec()),
        measure: Measure::Tick,
        cmp: Cmp::AtLeast,
        horizon: horizon_in(low, term).unwrap_or(Horizon::EachYear),
    }
}

impl Clause<'_> {
    fn read(&self, carried: &mut Carried, out: &mut Vec<Reading>) {
        let low = self.low.as_str();
        let qs = quantities(low);
        if let Some(h) = horizon_in(low, self.term) {
            carried.horizon = Some(h);
        }
        let head = &low[..qs.first().map_or(low.len(), |q| q.start)];
        if let Some(who) = units_in(head) {
            carried.actor = Some(who);
        }
        if let Some(who) = per_unit(low) {
            carried.per_unit = Some(who);
        }
        let of = |u: Unit| qs.iter().filter(|q| q.unit == u).cloned().collect::<Vec<_>>();
        let (percents, money, counts) = (of(Unit::Percent), of(Unit::Money), of(Unit::Count));
        let before = out.len();
        if is_grade_clause(low) {
            self.grades(&percents, carried, out);
        } else if !percents.is_empty() {
            self.percents(&percents, &counts, carried, out);
        } else if !money.is_empty() {
            money.iter().for_each(|q| out.push(self.amount(q, carried)));
        } else if !counts.is_empty() {
            counts.iter().for_each(|q| out.push(self.count(q, carried)));
        } else if let Some(at) = find_word(low, "không còn", 0) {
            out.push(self.none_left(at, carried));
        }
        if let Some(last) = out[before..].last() {
            carried.last_who = Some(last.who.clone());
        }
    }

    fn reading(&self, phrase: &str, label: String, who: Vec<Who>, measure: Measure, cmp: Cmp, horizon: Horizon) -> Reading {
        let phrase = phrase.trim().trim_end_matches([',', ' ']);
        let phrase = phrase.strip_suffix(" và").unwrap_or(phrase).trim_end_matches([',', ' ']);
        Reading { phrase: phrase.to_string(), label, who, measure, cmp, horizon }
    }

    /// The text of the i-th percentage, up to the next one.
    fn segment(&self, qs: &[Quantity], i: usize) -> (usize, usize) {
        (qs[i].start, qs.get(i + 1).map_or(self.low.len(), |n| n.start))
    }

    /// "ít nhất 95% các tổ chức thành viên … và 90% Ban công tác Mặt trận …
    /// xếp loại hoàn thành tốt nhiệm vụ trở lên"; "Ủy ban MTTQ xã được đánh
    /// giá xếp loại từ hoàn thành tốt nhiệm vụ trở lên" (the whole unit).
    fn grades(&self, percents: &[Quantity], carried: &Carried, out: &mut Vec<Reading>) {
        let low = self.low.as_str();
        let shared = grade_in(&low[percents.last().map_or(0, |q| q.end)..]);
        if percents.is_empty() {
            let who = units_in(low).or(carried.actor.clone()).unwrap_or_else(|| COMMUNE.to_vec());
            let min_grade = shared.unwrap_or("hoan-thanh");
            let measure = Measure::Grade { percent: 100.0, min_grade, none_failing: self.none_failing };
            out.push(self.reading(self.text, grade_label(&who), who, measure, Cmp::AtLeast, Horizon::EachYear));
            return;
        }
        let mut last_who = carried.last_who.clone();
        for (i, q) in percents.iter().enumerate() {
            let cmp = q.cmp.unwrap_or(Cmp::AtLeast);
            let (start, end) = self.segment(percents, i);
            if cmp.upper() || q.value > 100.0 {
                continue;
            }
            let who = unit_at_start(low[q.end..end].trim_start())
                .map(|u| u.0)
                .or(last_who.clone())
                .or(carried.actor.clone())
                .unwrap_or_else(|| COMMUNE.to_vec());
            let min_grade = grade_in(&low[q.end..end]).or(shared).unwrap_or("hoan-thanh");
            let measure = Measure::Grade { percent: q.value, min_grade, none_failing: self.none_failing };
            out.push(self.reading(&self.text[start..end], grade_label(&who), who.clone(), measure, cmp, Horizon::EachYear));
            last_who = Some(who);
        }
    }

    /// Percentages of units (a share) or of people and things (a ratio).
    fn percents(&self, percents: &[Quantity], counts: &[Quantity], carried: &Carried, out: &mut Vec<Reading>) {
        let low = self.low.as_str();
        let last_end = percents.last().map_or(0, |q| q.end);
        for (i, q) in percents.iter().enumerate() {
            let (start, end) = self.segment(percents, i);
            let cmp = q.cmp.unwrap_or(Cmp::AtLeast);
            let phrase = &self.text[start..end];
            let horizon = self.share_horizon(carried);
            if q.value > 100.0 {
                continue;
            }
            if let Some(at) = low[..q.start].rfind("tỷ lệ") {
                if has_word(&low[..q.start], "giảm") && !cmp.upper() {
                    continue;
                }
                let np = rate_phrase(self.text, &self.low, at + "tỷ lệ".len());
                let (numerator, denominator) = (format!("Số {np}"), format!("Tổng số {}", head_noun(&np)));
                let measure = Measure::Ratio { percent: q.value, numerator, denominator };
                out.push(self.reading(self.text, format!("Tỷ lệ {np}"), units_for(&np, low, carried), measure, cmp, horizon));
                continue;
            }
            let window = q.end + (low[q.end..end].len() - low[q.end..end].trim_start().len());
            match unit_at_start(&low[window..end]) {
                Some((who, name_end)) => {
                    let own = (window + name_end, end);
                    let predicate =
                        if words(&low[own.0..own.1]).iter().all(|(_, w)| *w == "và") { (last_end, low.len()) } else { own };
                    out.push(self.share(q, phrase, who, predicate, counts, horizon));
                }
                None => out.push(self.ratio(q, phrase, window, end, carried, horizon)),
            }
        }
    }

    /// The horizon of a percentage: as said, else the term for "ít nhất 01
    /// lần" (once at least), else each year.
    fn share_horizon(&self, carried: &Carried) -> Horizon {
        let once = find_word(&self.low, "ít nhất", 0).is_some_and(|at| self.low[at..].contains("lần"));
        carried.horizon.unwrap_or(if once { Horizon::Term } else { Horizon::EachYear })
    }

    /// "100% khu dân cư tổ chức …": a share of units; "… có ít nhất 01 …": of units with that many.
    fn share(
        &self,
        q: &Quantity,
        phrase: &str,
        who: Vec<Who>,
        predicate: (usize, usize),
        counts: &[Quantity],
        horizon: Horizon,
    ) -> Reading {
        let cmp = q.cmp.unwrap_or(Cmp::AtLeast);
        let done_once = ONCE.iter().any(|v| starts_with_word(self.low[predicate.0..predicate.1].trim_start(), v));
        let horizon = if done_once && horizon_in(&self.low, self.term).is_none() { Horizon::Term } else { horizon };
        let label = short_label(&self.text[predicate.0..predicate.1]);
        if cmp.upper() {
            let unit = Who::noun(&who);
            let measure = Measure::Ratio {
                percent: q.value,
                numerator: format!("Số {unit} {}", uncapitalise(&label)),
                denominator: format!("Tổng số {unit}"),
            };
            return self.reading(phrase, label, COMMUNE.to_vec(), measure, cmp, horizon);
        }
        let counted = counts.iter().find(|c| c.number >= predicate.0 && c.number < predicate.1);
        let min_count = counted
            .map(|c| (c.value as u64, noun_phrase(self.text, &self.low, c.unit_end)))
            .filter(|(n, noun)| !(noun == "lần" && *n <= 1));
        self.reading(phrase, label, who, Measure::Share { percent: q.value, min_count }, cmp, horizon)
    }

    /// "trên 95% hộ gia đình ký cam kết …": n of N households.
    fn ratio(&self, q: &Quantity, phrase: &str, window: usize, end: usize, carried: &Carried, horizon: Horizon) -> Reading {
        let (np, np_end) = noun_phrase_to(self.text, &self.low, window);
        let rest = self.low[np_end.min(end)..end].trim_start();
        let np_end = match unit_at_start(rest) {
            Some((_, unit_end)) => end - rest.len() + unit_end,
            None => np_end.min(end),
        };
        let vp = verb_phrase(&self.text[np_end..end], &self.low[np_end..end]);
        let said = if vp.is_empty() { np.clone() } else { format!("{np} {vp}") };
        let who = units_for(&np, &self.low[window..end], carried);
        let measure =
            Measure::Ratio { percent: q.value, numerator: format!("Số {said}"), denominator: format!("Tổng số {np}") };
        self.reading(phrase, short_label(&said), who, measure, q.cmp.unwrap_or(Cmp::AtLeast), horizon)
    }

    /// "… đạt hơn 20 triệu đồng", "ít nhất 200 triệu đồng/năm".
    fn amount(&self, q: &Quantity, carried: &Carried) -> Reading {
        let horizon = if q.per_year { Horizon::EachYear } else { carried.horizon.unwrap_or(Horizon::Term) };
        let label = self.activity(q.start).unwrap_or_else(|| "Số tiền vận động".to_string());
        let who = carried.actor.clone().unwrap_or_else(|| BOTH.to_vec());
        let measure = Measure::Amount(q.value.round() as i64);
        self.reading(self.text, label, who, measure, q.cmp.unwrap_or(Cmp::AtLeast), horizon)
    }

    /// "ít nhất 01 nội dung giám sát", "15 - 20 nhà"; "mỗi khu dân cư có ít
    /// nhất 01 công trình" is a share of the areas.
    fn count(&self, q: &Quantity, carried: &Carried) -> Reading {
        let noun = noun_phrase(self.text, &self.low, q.unit_end);
        let cmp = q.cmp.unwrap_or(Cmp::AtLeast);
        let verb = self.verb_before(q.start);
        let label = if MEASURE_WORDS.contains(&lower(&noun).as_str()) {
            self.activity(q.start).unwrap_or_else(|| "Số lần thực hiện".to_string())
        } else if verb.is_empty() && !noun.contains(' ') {
            self.activity(q.start).unwrap_or_else(|| capitalise(&noun))
        } else {
            capitalise(&format!("{verb}{noun}"))
        };
        if let (Some(who), false) = (carried.per_unit.clone(), cmp.upper()) {
            let horizon = carried.horizon.unwrap_or(Horizon::EachYear);
            let measure = Measure::Share { percent: 100.0, min_count: Some((q.value as u64, noun)) };
            return self.reading(self.text, label, who, measure, Cmp::AtLeast, horizon);
        }
        let horizon = if q.per_year { Horizon::EachYear } else { carried.horizon.unwrap_or(Horizon::Term) };
        let who = carried.actor.clone().unwrap_or_else(|| COMMUNE.to_vec());
        let measure = Measure::Count(q.value.round() as i64, noun);
        self.reading(self.text, label, who, measure, cmp, horizon)
    }

    /// "không còn hộ nghèo": a ratio to keep at 0.
    fn none_left(&self, at: usize, carried: &Carried) -> Reading {
        let np = noun_phrase(self.text, &self.low, at + "không còn".len());
        let (numerator, denominator) = (format!("Số {np}"), format!("Tổng số {}", head_noun(&np)));
        let measure = Measure::Ratio { percent: 0.0, numerator, denominator };
        let who = units_for(&np, &self.low, carried);
        let horizon = carried.horizon.unwrap_or(Horizon::EachYear);
        self.reading(self.text, format!("Tỷ lệ {np}"), who, measure, Cmp::AtMost, horizon)
    }

    /// What is done, from the words before a figure, without the horizon,
    /// the units and "phấn đấu" ("Vận động Quỹ Vì người nghèo các cấp").
    fn activity(&self, before: usize) -> Option<String> {
        let mut at = lead_end(&self.low[..before]);
        if let Some((_, end)) = unit_at_start(&self.low[at..before]) {
            at += end;
            at += lead_end(&self.low[at..before]);
        }
        let mut text = self.text[at..before].trim();
        for tail in ["đạt được", "đạt", "được", "là"] {
            let low = lower(text);
            if low.ends_with(tail) && low[..low.len() - tail.len()].ends_with(' ') {
                text = text[..text.len() - tail.len()].trim_end();
            }
        }
        let label = short_label(text);
        (!label.is_empty()).then_some(label)
    }

    /// A verb right before a count that names the item ("xây dựng 1 ngôi nhà").
    fn verb_before(&self, at: usize) -> String {
        let before = self.low[..at].trim_end();
        COUNT_VERBS.iter().find(|v| before.ends_with(*v)).map(|v| format!("{v} ")).unwrap_or_default()
    }
}

/// What units do once and keep ("xây dựng trang cộng đồng"): measured over
/// the term when the words name no horizon.
const ONCE: [&str; 4] = ["xây dựng", "thành lập", "có", "ra mắt"];

/// Counted things that name no item by themselves: the label is what is done.
const MEASURE_WORDS: [&str; 4] = ["lần", "đợt", "lượt", "buổi"];

const COUNT_VERBS: [&str; 11] = [
    "xây dựng",
    "phản biện",
    "vận động",
    "hỗ trợ",
    "thành lập",
    "sửa chữa",
    "trao tặng",
    "giới thiệu",
    "kết nạp",
    "nhân rộng",
    "phát triển",
];

/// Units for a ratio over `np`: households are counted by the areas; else
/// the units the words name, the sentence's actor, or the commune.
fn units_for(np: &str, low: &str, carried: &Carried) -> Vec<Who> {
    let np_low = lower(np);
    let households = ["hộ", "gia đình", "nhân khẩu", "người dân", "dân cư"].iter().any(|w| starts_with_word(&np_low, w));
    if households {
        return AREAS.to_vec();
    }
    units_in(low).or(carried.actor.clone()).unwrap_or_else(|| COMMUNE.to_vec())
}
