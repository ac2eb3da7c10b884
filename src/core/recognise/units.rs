//! Who fills an item in: the units an indicator names ("khu dân cư", "tổ
//! chức thành viên", "Ủy ban MTTQ xã", "MTTQ xã, thôn" for both).

use super::words::{after_word, find_word, has_word, starts_with_word, words};
use crate::core::programme::Who;

pub(super) const AREAS: &[Who] = &[Who::Areas];
const ORGS: &[Who] = &[Who::Organisations];
pub(super) const COMMUNE: &[Who] = &[Who::Commune];
pub(super) const BOTH: &[Who] = &[Who::Areas, Who::Commune];

/// Names of the units, longest first where one begins another.
const UNITS: [(&str, &[Who]); 22] = [
    ("ban công tác mặt trận", AREAS),
    ("ban công tác mttq", AREAS),
    ("bctmt", AREAS),
    ("khu dân cư", AREAS),
    ("kdc", AREAS),
    ("thôn", AREAS),
    ("tổ dân phố", AREAS),
    ("khu phố", AREAS),
    ("xóm", AREAS),
    ("tổ chức thành viên", ORGS),
    ("các đoàn thể", ORGS),
    ("đoàn thể chính trị", ORGS),
    ("ủy ban mttq", COMMUNE),
    ("uỷ ban mttq", COMMUNE),
    ("ủy ban mặt trận", COMMUNE),
    ("uỷ ban mặt trận", COMMUNE),
    ("ubmttq", COMMUNE),
    ("ban thường trực", COMMUNE),
    ("mặt trận tổ quốc việt nam", COMMUNE),
    ("mặt trận tổ quốc", COMMUNE),
    ("mttq", COMMUNE),
    ("mặt trận", COMMUNE),
];

/// Words saying both the commune and its residential areas.
const BOTH_MARKS: [&str; 7] =
    ["xã, thôn", "xã và thôn", "xã, khu dân cư", "xã và khu dân cư", "xã, tổ dân phố", "các cấp", "xã đến thôn"];

/// "xã, thôn" without a unit's name: still both.
const COMMUNE_AND_VILLAGES: [&str; 2] = ["xã, thôn", "xã và thôn"];

/// Words that may follow a unit's name and still belong to it
/// ("Mặt trận Tổ quốc Việt Nam các cấp trong xã", "Ban công tác Mặt trận các khu dân cư").
const UNIT_TAIL: [&str; 17] =
    ["các", "trong", "ở", "tại", "trên", "địa", "bàn", "toàn", "xã", "thôn", "cấp", "khu", "dân", "cư", "phố", "và", "mttq"];

/// The units named at the start of `low` (after "các", "những"), and where
/// their name ends.
pub(super) fn unit_at_start(low: &str) -> Option<(Vec<Who>, usize)> {
    let named = |s: &str| UNITS.iter().find(|(n, _)| starts_with_word(s, n));
    let skipped = ["các", "những", "số"]
        .iter()
        .find_map(|w| after_word(low, w))
        .filter(|s| named(low).is_none() && named(s).is_some())
        .unwrap_or(low);
    let offset = low.len() - skipped.len();
    let (name, who) = named(skipped)?;
    let base = offset + name.len();
    let mut end = base;
    for (at, w) in words(&low[base..]) {
        let gap = &low[end..base + at];
        if !gap.chars().all(|c| c == ' ' || c == ',') || !UNIT_TAIL.contains(&w) {
            break;
        }
        end = base + at + w.len();
    }
    let phrase = &low[..end];
    let who = if BOTH_MARKS.iter().any(|m| phrase.contains(m)) { BOTH.to_vec() } else { who.to_vec() };
    Some((who, end))
}

/// The first units named anywhere in `low`, with the words that follow
/// their name ("MTTQ xã, thôn" is both the commune and its areas).
pub(super) fn units_in(low: &str) -> Option<Vec<Who>> {
    let first = UNITS.iter().filter_map(|(n, _)| find_word(low, n, 0)).min();
    match first {
        Some(at) => unit_at_start(&low[at..]).map(|u| u.0),
        None => COMMUNE_AND_VILLAGES.iter().any(|m| has_word(low, m)).then(|| BOTH.to_vec()),
    }
}

/// "mỗi khu dân cư", "mỗi tổ chức thành viên": each of these units.
pub(super) fn per_unit(low: &str) -> Option<Vec<Who>> {
    let mut from = 0;
    while let Some(at) = find_word(low, "mỗi", from) {
        if let Some((who, _)) = unit_at_start(low[at + "mỗi".len()..].trim_start()) {
            return Some(who);
        }
        from = at + "mỗi".len();
    }
    None
}

/// "Xếp loại tổ chức thành viên", "Xếp loại Ban công tác Mặt trận", "Xếp loại Ủy ban MTTQ xã".
pub(super) fn grade_label(who: &[Who]) -> String {
    let whom = match who {
        [Who::Areas] => "Ban công tác Mặt trận",
        [Who::Organisations] => "tổ chức thành viên",
        [Who::Commune] => "Ủy ban MTTQ xã",
        _ => "các đơn vị",
    };
    format!("Xếp loại {whom}")
}

