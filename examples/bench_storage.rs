//! Storage sizing, printed by `scripts/bench storage`: what a large commune
//! at the end of its term keeps in localStorage, against the browser's limit.
//! Prints figures and asserts nothing.
//!
//! The commune is `fixtures::end_of_term_commune`: 60 residential areas (the
//! most a commune has had since the 2025 mergers; 15-35 is typical) and five
//! member organisations, six years (2024-2029) of records with their history.
//!
//! localStorage holds the state (`sotay.state`) alone; its copies (five
//! backups, the undo copy of the last import) live in IndexedDB, compressed
//! (see src/storage.rs). The layouts compared: that; what the app did before
//! (state, five backups and the undo copy in localStorage, each a full copy of
//! the stored text); and backups and undo copy gzip-compressed and kept as
//! base64 text beside the state.
//!
//! # The limit, measured
//!
//! Chromium 156 (Debian's, headless, fresh profile; `scripts/localstorage-limit.html`,
//! which `scripts/bench storage` runs when Chromium is installed and passes in as
//! SOTAY_LS_LIMIT_UNITS) allows per origin **5,242,880 UTF-16 code units
//! (5 Mi, i.e. 10 MiB at two bytes a unit) for all keys and values together**:
//! - one item under a 1-character key takes a value of at most 5,242,879
//!   characters, whether ASCII ('a'), Latin-1 ('é') or Vietnamese ('ệ'): the
//!   script does not matter, there is no one-byte saving for ASCII or Latin-1;
//! - a 1000-character key leaves 5,241,880 for the value: keys count alike;
//! - an emoji (a surrogate pair) counts two;
//! - with a 4 Mi-character item stored, another key takes 1,048,572 more:
//!   the limit is the sum over all items;
//! - past it, setItem throws `QuotaExceededError`.
//!
//! So "5 MB" means 5 Mi characters; base64 text costs as much per character
//! as Vietnamese text.

#[path = "common/fixtures.rs"]
mod fixtures;

use flate2::write::GzEncoder;
use flate2::Compression;
use sotay::core::state::State;
use sotay::core::stored;
use std::io::Write;
use std::time::Instant;

/// Chromium's limit in UTF-16 code units (keys + values, per origin), as measured above.
const MEASURED_LIMIT: usize = 5 * 1024 * 1024;
/// The share of the limit the data may fill and still leave 30 % headroom.
const HEADROOM: f64 = 0.30;

const STATE_KEY: &str = "sotay.state";
const BACKUP_KEYS: [&str; 5] = ["sotay.backup.0", "sotay.backup.1", "sotay.backup.2", "sotay.backup.3", "sotay.backup.4"];
const UNDO_KEY: &str = "sotay.undo";

fn gzip(text: &str) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    e.write_all(text.as_bytes()).unwrap();
    e.finish().unwrap()
}

fn base64_len(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

#[derive(Clone)]
struct Sizes {
    areas: usize,
    records: usize,
    versions: usize,
    chars: usize,
    utf16: usize,
    utf8: usize,
    gzip: usize,
    b64: usize,
    programme_utf16: usize,
}

fn measure(areas: usize, s: &State) -> Sizes {
    let text = stored::encode(s, fixtures::T0);
    let gz = gzip(&text).len();
    let versions = s.book.records.values().map(|r| r.versions.all().len()).sum::<usize>()
        + s.book.units.values().map(|u| u.versions.all().len()).sum::<usize>();
    Sizes {
        areas,
        records: s.book.records.len(),
        versions,
        chars: text.chars().count(),
        utf16: units(&text),
        utf8: text.len(),
        gzip: gz,
        b64: base64_len(gz),
        programme_utf16: units(&serde_json::to_string(&s.book.programme).unwrap()),
    }
}

/// UTF-16 code units of keys and values for: the state alone; state + 5
/// backups + undo raw; the same with backups and undo as base64 of gzip.
fn layouts(z: &Sizes) -> [(&'static str, usize); 3] {
    let fp = 7; // the undo copy starts with the fingerprint and a newline
    let keys_backups: usize = BACKUP_KEYS.iter().map(|k| k.len()).sum();
    let state = STATE_KEY.len() + z.utf16;
    [
        ("state alone: the app now (copies in IndexedDB)", state),
        ("state + 5 backups + undo, raw (before)", state + keys_backups + 5 * z.utf16 + UNDO_KEY.len() + fp + z.utf16),
        ("state raw + 5 backups + undo as gzip+base64", state + keys_backups + 5 * z.b64 + UNDO_KEY.len() + fp + z.b64),
    ]
}

/// The stored text with every version but the current one dropped: what
/// the same data would take without history.
fn without_history(text: &str) -> String {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(serde_json::Value::Array(versions)) = o.get_mut("versions") {
                    let last = versions.pop();
                    versions.clear();
                    versions.extend(last);
                }
                o.values_mut().for_each(walk);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    walk(&mut v);
    v.to_string()
}

/// The stored text with every note replaced by as many characters of
/// Vietnamese syllables drawn at random: the fixture's notes come from a few
/// templates and compress better than people's notes would, so this bounds
/// the gzip size from above.
fn scrambled_notes(text: &str) -> String {
    const SYLLABLES: [&str; 40] = [
        "hộ", "thôn", "dân", "năm", "đã", "và", "các", "của", "được", "trong", "nhà", "quỹ", "họp", "tổ", "xã", "người",
        "đường", "vận", "động", "tham", "gia", "hỗ", "trợ", "kinh", "phí", "nghèo", "giám", "sát", "kiến", "nghị",
        "triển", "khai", "kế", "hoạch", "phối", "hợp", "chi", "hội", "ủng", "tặng",
    ];
    fn next(x: &mut u64) -> u64 {
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        *x
    }
    fn walk(v: &mut serde_json::Value, x: &mut u64) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, v) in o.iter_mut() {
                    match v {
                        serde_json::Value::String(s) if k == "note" => {
                            let n = s.chars().count();
                            let mut out = String::new();
                            while out.chars().count() < n {
                                let r = next(x);
                                out.push_str(SYLLABLES[(r % SYLLABLES.len() as u64) as usize]);
                                out.push(if r.is_multiple_of(11) { ',' } else { ' ' });
                            }
                            *s = out.chars().take(n).collect();
                        }
                        _ => walk(v, x),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|c| walk(c, x)),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    walk(&mut v, &mut 0x2545_F491_4F6C_DD1D);
    v.to_string()
}

fn kb(bytes: usize) -> String {
    format!("{:.0} KB", bytes as f64 / 1024.0)
}

fn row(name: &str, value: &str) {
    println!("{name:<58} {value:>16}");
}

fn main() {
    let (limit, source) = match std::env::var("SOTAY_LS_LIMIT_UNITS").ok().and_then(|v| v.trim().parse::<usize>().ok()) {
        Some(l) => (l, "measured now in Chromium"),
        None => (MEASURED_LIMIT, "as measured in Chromium 156, see the source"),
    };
    println!("localStorage limit: {limit} UTF-16 code units = {} of UTF-16, keys + values ({source})", kb(2 * limit));
    println!("30 % headroom: at most {} units ({}) in use", (limit as f64 * (1.0 - HEADROOM)) as usize, kb((2.0 * limit as f64 * (1.0 - HEADROOM)) as usize));

    let mut all = Vec::new();
    for n in [15usize, 35, 60] {
        let t = Instant::now();
        let s = fixtures::end_of_term_commune(n);
        let built = t.elapsed();
        let z = measure(n, &s);
        if n == 60 {
            println!();
            println!("a commune of 60 areas + 5 member organisations at the end of its term (2024-2029)");
            row("units / records / versions", &format!("{} / {} / {}", s.book.units.len(), z.records, z.versions));
            row("fixture built in (State::apply)", &format!("{:.2} s", built.as_secs_f64()));
            row("stored text (stored::encode): characters", &z.chars.to_string());
            row("  UTF-16 code units", &z.utf16.to_string());
            row("  as localStorage keeps it (UTF-16, 2 bytes a unit)", &kb(2 * z.utf16));
            row("  UTF-8 bytes (a file, or IndexedDB's size estimate)", &kb(z.utf8));
            row("  of which the programme (UTF-16 code units)", &z.programme_utf16.to_string());
            row("  gzip -9 (flate2 best)", &kb(z.gzip));
            row("  gzip as base64 text (characters = UTF-16 units)", &z.b64.to_string());
            row("  gzip ratio (UTF-8 bytes / gzip bytes)", &format!("x{:.1}", z.utf8 as f64 / z.gzip as f64));
            let text = stored::encode(&s, fixtures::T0);
            let timed = |f: &dyn Fn()| {
                let mut ms: Vec<f64> = (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        f();
                        t.elapsed().as_secs_f64() * 1000.0
                    })
                    .collect();
                ms.sort_by(f64::total_cmp);
                format!("{:.1} ms", ms[2])
            };
            row("stored text read back (stored::decode), median of 5", &timed(&|| drop(stored::decode(&text, &sotay::core::default_programme).unwrap())));
            row("  written (stored::encode), median of 5", &timed(&|| drop(stored::encode(&s, fixtures::T0))));
            let bare = without_history(&text);
            row("without history (current versions only): UTF-16 units", &format!("{} ({:.0}%)", units(&bare), 100.0 * units(&bare) as f64 / z.utf16 as f64));
            let scrambled = gzip(&scrambled_notes(&text)).len();
            row("gzip with notes of random syllables (pessimistic)", &format!("{} (base64 {})", kb(scrambled), base64_len(scrambled)));
            let pessimistic_b64 = base64_len(scrambled);
            println!();
            println!("{:<52} {:>12} {:>10} {:>9} {:>14}", "layout in localStorage", "UTF-16 units", "bytes", "of limit", "30 % headroom");
            let mut rows: Vec<(&str, usize)> = layouts(&z).to_vec();
            let mut pessimistic = Sizes { b64: pessimistic_b64, ..z.clone() };
            pessimistic.gzip = 0;
            rows.insert(2, ("state + newest backup (what storage.rs keeps last)", 2 * layouts(&z)[0].1 + BACKUP_KEYS[0].len() - STATE_KEY.len()));
            rows.push(("  the same, notes of random syllables", layouts(&pessimistic)[2].1));
            for (name, u) in rows {
                let share = u as f64 / limit as f64;
                let verdict = if share <= 1.0 - HEADROOM {
                    "yes"
                } else if share <= 1.0 {
                    "fits, < 30 %"
                } else {
                    "DOES NOT FIT"
                };
                println!("{name:<52} {u:>12} {:>10} {:>8.0}% {verdict:>14}", kb(2 * u), 100.0 * share);
            }
        }
        all.push(z);
    }

    println!();
    println!("by size of commune (end of term; UTF-16 code units of the stored text)");
    println!("{:>6} {:>8} {:>9} {:>11} {:>10} {:>10} {:>12} {:>12} {:>12}", "areas", "records", "versions", "state", "gzip B", "base64", "state alone", "today (x7)", "compressed");
    for z in &all {
        let l = layouts(z);
        let pct = |u: usize| format!("{:.0}%", 100.0 * u as f64 / limit as f64);
        println!(
            "{:>6} {:>8} {:>9} {:>11} {:>10} {:>10} {:>12} {:>12} {:>12}",
            z.areas, z.records, z.versions, z.utf16, z.gzip, z.b64, pct(l[0].1), pct(l[1].1), pct(l[2].1)
        );
    }
    // Linear in the number of areas: the most areas each layout holds with 30 % headroom.
    let (a, b) = (&all[0], &all[all.len() - 1]);
    let per_area = |f: &dyn Fn(&Sizes) -> usize| (f(b) as f64 - f(a) as f64) / (b.areas - a.areas) as f64;
    let base = |f: &dyn Fn(&Sizes) -> usize| f(a) as f64 - per_area(f) * a.areas as f64;
    let budget = limit as f64 * (1.0 - HEADROOM);
    println!();
    println!("most areas (end of term) that fit with 30 % headroom, extrapolated linearly");
    for (i, name) in ["state alone", "state + 5 backups + undo, raw", "state raw + backups, undo gzip+base64"].iter().enumerate() {
        let f = |z: &Sizes| layouts(z)[i].1;
        let most = ((budget - base(&f)) / per_area(&f)).floor().max(0.0);
        row(name, &format!("{most:.0} areas"));
    }
}
