//! Cleanup of pasted text: line breaks, odd spaces, invisible characters,
//! decomposed Vietnamese letters and Word's symbol-font bullets.

use super::nfc_table::LETTERS;

/// What one pasted character becomes.
enum Class {
    Keep,
    Drop,
    Space,
    Newline,
    Bullet,
}

fn class(c: char) -> Class {
    match c {
        // Zero-width spaces and joiners, word joiner, BOM, soft hyphen,
        // direction marks, Mongolian vowel separator.
        '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{180e}' => Class::Drop,
        // Word's manual line break (vertical tab), form feed, NEL, line and paragraph separators.
        '\n' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        // Bullets of Word's Symbol and Wingdings fonts ( ...), in the private use area.
        '\u{f000}'..='\u{f0ff}' => Class::Bullet,
        c if c.is_whitespace() => Class::Space,
        _ => Class::Keep,
    }
}

/// Cleans pasted text for recognition and for the editor's own fields:
/// CRLF and CR become LF; no-break and other Unicode spaces become spaces;
/// zero-width characters, BOM and soft hyphens go; decomposed Vietnamese
/// letters are composed (NFC); Word's private-use bullets become "•"; each
/// line is trimmed at both ends and runs of spaces inside it become one.
pub fn normalise(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut cleaned = String::with_capacity(unified.len());
    for c in unified.chars() {
        match class(c) {
            Class::Keep => cleaned.push(c),
            Class::Drop => {}
            Class::Space => cleaned.push(' '),
            Class::Newline => cleaned.push('\n'),
            Class::Bullet => cleaned.push('•'),
        }
    }
    let composed = compose(&cleaned);
    let lines: Vec<String> = composed.split('\n').map(collapse_spaces).collect();
    lines.join("\n")
}

/// One line, trimmed, with single spaces between words.
fn collapse_spaces(line: &str) -> String {
    line.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The mark a combining character stands for, if it is one that Vietnamese
/// letters carry (the deprecated U+0340/U+0341 read as grave and acute).
fn mark(c: char) -> Option<char> {
    match c {
        '\u{340}' => Some('\u{300}'),
        '\u{341}' => Some('\u{301}'),
        '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' | '\u{302}' | '\u{306}' | '\u{31b}' => Some(c),
        _ => None,
    }
}

fn is_vowel_mark(m: char) -> bool {
    matches!(m, '\u{302}' | '\u{306}' | '\u{31b}')
}

/// Composes every letter followed by Vietnamese combining marks, whatever
/// their order and whether the letter already carries some of them ("ê"
/// followed by a dot below is "ệ"). Sequences that make no Vietnamese letter
/// are kept as they are.
fn compose(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let mut marks = Vec::new();
        while let Some(&m) = chars.peek() {
            let Some(known) = mark(m) else { break };
            marks.push((m, known));
            chars.next();
        }
        match compose_letter(c, marks.iter().map(|m| m.1)) {
            Some(letter) if !marks.is_empty() => out.push(letter),
            _ => {
                out.push(c);
                out.extend(marks.iter().map(|m| m.0));
            }
        }
    }
    out
}

/// The precomposed letter for `c` with `marks` added, if Vietnamese has one.
fn compose_letter(c: char, marks: impl Iterator<Item = char>) -> Option<char> {
    let (base, mut vowel, mut tone) =
        LETTERS.iter().find(|row| row.0 == c).map(|row| (row.1, row.2, row.3)).unwrap_or((c, '\0', '\0'));
    for m in marks {
        let slot = if is_vowel_mark(m) { &mut vowel } else { &mut tone };
        if *slot != '\0' {
            return None;
        }
        *slot = m;
    }
    if vowel == '\0' && tone == '\0' {
        return Some(base);
    }
    LETTERS.iter().find(|row| (row.1, row.2, row.3) == (base, vowel, tone)).map(|row| row.0)
}
