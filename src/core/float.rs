//! Exact f64 <-> JSON number conversion that matches serde_json 1.0.154 (and `str::parse::<f64>`)
//! without linking core's float parsing (dec2flt) or float formatting (flt2dec).
//!
//! Both directions share a tiny unsigned bignum. Parsing uses one correctly rounded IEEE
//! operation when that is exact (Clinger's fast path) and otherwise bisects over the f64 bit
//! patterns, comparing the literal exactly against the midpoints between neighbouring doubles.
//! Printing uses the exact Steele & White / Burger & Dybvig "free-format" digit generation: it
//! stops at the first digit position where a decimal inside x's rounding interval exists, which
//! gives the shortest digit string that reads back to x, and picks the nearer of the two
//! candidates (ties to the even digit).

use std::cmp::Ordering;

/// Unsigned big integer, little-endian base-2^32 limbs (high zero limbs are allowed).
type Big = Vec<u32>;

/// v = v * f + a.
fn mul_add(v: &mut Big, f: u32, a: u32) {
    let mut carry = a as u64;
    for limb in v.iter_mut() {
        let t = *limb as u64 * f as u64 + carry;
        *limb = t as u32;
        carry = t >> 32;
    }
    if carry > 0 {
        v.push(carry as u32);
    }
}

/// v = v * base^n (base >= 2), in chunks whose factor still fits a u32.
fn mul_pow(v: &mut Big, base: u32, mut n: i64) {
    while n > 0 {
        let mut f = 1u32;
        while n > 0 && f <= u32::MAX / base {
            f *= base;
            n -= 1;
        }
        mul_add(v, f, 0);
    }
}

/// v = v * 2^t.
fn shl(v: &mut Big, t: i64) {
    (0..t / 32).for_each(|_| v.insert(0, 0));
    mul_add(v, 1 << (t % 32), 0);
}

fn big(x: u64) -> Big {
    vec![x as u32, (x >> 32) as u32]
}

fn limb(v: &Big, i: usize) -> u64 {
    *v.get(i).unwrap_or(&0) as u64
}

fn cmp(a: &Big, b: &Big) -> Ordering {
    let n = a.len().max(b.len());
    (0..n)
        .rev()
        .map(|i| limb(a, i).cmp(&limb(b, i)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// a + b.
fn add(a: &Big, b: &Big) -> Big {
    let mut carry = 0;
    let mut out: Big = (0..a.len().max(b.len()))
        .map(|i| {
            let t = limb(a, i) + limb(b, i) + carry;
            carry = t >> 32;
            t as u32
        })
        .collect();
    out.push(carry as u32);
    out
}

/// a = a - b; requires a >= b.
fn sub(a: &mut Big, b: &Big) {
    let mut borrow = 0;
    for (i, x) in a.iter_mut().enumerate() {
        let t = *x as i64 - limb(b, i) as i64 - borrow;
        *x = t as u32; // two's complement truncation = value mod 2^32
        borrow = (t < 0) as i64;
    }
}

/// v * x.
fn mul_u64(v: &Big, x: u64) -> Big {
    let (mut lo, mut hi) = (v.clone(), v.clone());
    mul_add(&mut lo, x as u32, 0);
    mul_add(&mut hi, (x >> 32) as u32, 0);
    hi.insert(0, 0);
    add(&lo, &hi)
}

/// Splits the bits of a non-negative double into (m, e) with value m * 2^e. Also works for the
/// bit pattern of +inf, which then reads as 2^1024 (the "next double" after f64::MAX).
fn decode(bits: u64) -> (u64, i64) {
    let (exp, frac) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    }
}

const INF_BITS: u64 = 0x7FF0_0000_0000_0000;

/// 10^0..=10^22, all exactly representable.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The f64 nearest to a JSON number literal (RFC 8259 grammar, already validated by the caller:
/// optional '-', int part, optional fraction, optional exponent), ties to even, as
/// `str::parse::<f64>` gives it. None if it overflows to infinity (serde_json calls that out of range).
/// Underflow gives 0.0 / -0.0 as parse does.
pub fn parse_f64(lit: &str) -> Option<f64> {
    let s = lit.as_bytes();
    let neg = s.first() == Some(&b'-');
    // The value is digits * 10^e10, digits without leading or trailing zeros.
    let (mut digits, mut e10, mut frac, mut i) = (Vec::new(), 0i64, false, neg as usize);
    while i < s.len() && !matches!(s[i], b'e' | b'E') {
        if s[i] == b'.' {
            frac = true;
        } else {
            if !digits.is_empty() || s[i] != b'0' {
                digits.push(s[i] - b'0');
            }
            e10 -= frac as i64;
        }
        i += 1;
    }
    if i < s.len() {
        // Saturate absurd exponents; the range checks below turn them into 0 or None.
        let exp = s[i + 1..]
            .iter()
            .filter(|c| c.is_ascii_digit())
            .fold(0i64, |x, c| (x * 10 + (c - b'0') as i64).min(1 << 40));
        e10 += if s.get(i + 1) == Some(&b'-') {
            -exp
        } else {
            exp
        };
    }
    while digits.last() == Some(&0) {
        digits.pop();
        e10 += 1;
    }
    let sign = if neg { -1.0 } else { 1.0 };
    let nd = digits.len() as i64;
    // The value lies in [10^(nd+e10-1), 10^(nd+e10)): below 10^-330 it is under half the smallest
    // subnormal (~2.47e-324) and rounds to zero; from 10^310 on it is above f64::MAX.
    if nd == 0 || nd + e10 < -330 {
        return Some(sign * 0.0);
    }
    if nd + e10 > 310 {
        return None;
    }
    // Clinger's fast path: w and 10^|e10| are exact doubles, so one IEEE operation rounds correctly.
    let w = digits
        .iter()
        .fold(0u64, |w, &d| w.wrapping_mul(10).wrapping_add(d as u64));
    if nd <= 16 && w <= 1 << 53 && e10.abs() <= 22 {
        let p = POW10[e10.unsigned_abs() as usize];
        return Some(sign * if e10 < 0 { w as f64 / p } else { w as f64 * p });
    }
    // Exact path. With D = digits, compare D * 10^e10 = D * 5^e10 * 2^e10 against the midpoint
    // (2m+1) * 2^(e-1) above the double m * 2^e, moving the 5s and 2s so both sides are integers.
    let (mut lhs, mut r5) = (Big::new(), vec![1]);
    for &d in &digits {
        mul_add(&mut lhs, 10, d as u32);
    }
    if e10 >= 0 {
        mul_pow(&mut lhs, 5, e10);
    } else {
        mul_pow(&mut r5, 5, -e10);
    }
    // Whether the literal rounds to the double with these bits or to a smaller one.
    let rounds_at_or_below = |bits: u64| {
        let (m, e) = decode(bits);
        let (mut l, mut r) = (lhs.clone(), mul_u64(&r5, 2 * m + 1));
        let t = e10 - (e - 1);
        if t >= 0 {
            shl(&mut l, t);
        } else {
            shl(&mut r, -t);
        }
        // Exactly on the midpoint: ties go to the even mantissa.
        match cmp(&l, &r) {
            Ordering::Less => true,
            Ordering::Equal => bits & 1 == 0,
            Ordering::Greater => false,
        }
    };
    // The predicate is monotone in the bits, so bisect for the first bit pattern where it holds.
    let (mut lo, mut hi) = (0, INF_BITS);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if rounds_at_or_below(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    (lo < INF_BITS).then(|| sign * f64::from_bits(lo))
}

/// Appends `x` exactly as `serde_json::to_string(&x)` (1.0.154) writes it; NaN and infinities -> "null".
pub fn write_f64(out: &mut String, x: f64) {
    if !x.is_finite() {
        return out.push_str("null");
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x == 0.0 {
        return out.push_str("0.0");
    }
    let bits = x.to_bits() & !(1 << 63);
    let (m, e) = decode(bits);
    // A decimal exactly on a rounding boundary reads back to x iff x's mantissa is even.
    let even = m & 1 == 0;
    // Burger & Dybvig: x = r/s; the rounding interval is (x - mm/s, x + mp/s), mm and mp being
    // half the gaps to the neighbouring doubles (everything doubled to stay integral).
    let (mut r, mut s, mut mp) = (big(2 * m), vec![2], vec![1]);
    if e >= 0 {
        shl(&mut r, e);
        shl(&mut mp, e);
    } else {
        shl(&mut s, -e);
    }
    let mut mm = mp.clone();
    if bits & ((1 << 52) - 1) == 0 && bits >> 52 > 1 {
        // x is a power of two above the subnormal range: the gap below is half the gap above.
        shl(&mut r, 1);
        shl(&mut s, 1);
        shl(&mut mp, 1);
    }
    // Whether the upper end of the interval reaches s (digits from here on would carry).
    let high = |r: &Big, mp: &Big, s: &Big| {
        let o = cmp(&add(r, mp), s);
        o.is_gt() || (even && o.is_eq())
    };
    // x is in [2^(l-1), 2^l). Start from k <= log10(x) (78913 / 2^18 is just below log10(2);
    // the -1 covers the rounding of negative products), then scale so that x = 0.ddd * 10^k with
    // k the smallest exponent whose interval stays below 10^k.
    let l = 64 - m.leading_zeros() as i64 + e;
    let mut k = (((l - 1) * 78913) >> 18) - 1;
    if k >= 0 {
        mul_pow(&mut s, 10, k);
    } else {
        for v in [&mut r, &mut mp, &mut mm] {
            mul_pow(v, 10, -k);
        }
    }
    while high(&r, &mp, &s) {
        mul_add(&mut s, 10, 0);
        k += 1;
    }
    let mut digits = Vec::new();
    loop {
        for v in [&mut r, &mut mp, &mut mm] {
            mul_add(v, 10, 0);
        }
        let mut d = 0;
        while cmp(&r, &s).is_ge() {
            sub(&mut r, &s);
            d += 1;
        }
        // Stop as soon as the truncated digits (low) or them plus one unit (high) read back to x.
        let o = cmp(&r, &mm);
        let (lo_ok, hi_ok) = (o.is_lt() || (even && o.is_eq()), high(&r, &mp, &s));
        if lo_ok || hi_ok {
            // Both read back: take the nearer one, an exact tie going to the even digit.
            let half = cmp(&add(&r, &r), &s);
            d += (!lo_ok || (hi_ok && (half.is_gt() || (half.is_eq() && d % 2 == 1)))) as u8;
        }
        digits.push(b'0' + d);
        if lo_ok || hi_ok {
            break;
        }
    }
    // serde_json (zmij) layout, with x = 0.digits * 10^k.
    let n = digits.len() as i64;
    let put = |out: &mut String, d: &[u8]| out.extend(d.iter().map(|&c| c as char));
    if n <= k && k <= 16 {
        put(out, &digits);
        (n..k).for_each(|_| out.push('0'));
        out.push_str(".0");
    } else if 0 < k && k <= 16 {
        let (int, frac) = digits.split_at(k as usize);
        put(out, int);
        out.push('.');
        put(out, frac);
    } else if -5 < k && k <= 0 {
        out.push_str("0.");
        (k..0).for_each(|_| out.push('0'));
        put(out, &digits);
    } else {
        let (first, rest) = digits.split_at(1);
        put(out, first);
        if n > 1 {
            out.push('.');
            put(out, rest);
        }
        out.push_str(if k > 0 { "e+" } else { "e" });
        out.push_str(&(k - 1).to_string()); // integer formatting only
    }
}

#[cfg(test)]
// Some literals have more digits than a double holds, on purpose (hard cases of rounding).
#[allow(
    clippy::excessive_precision,
    clippy::needless_range_loop,
    clippy::int_plus_one
)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Property-test case count: env FLOAT_CASES, else 20 000 in release and 500 in debug builds.
    fn cases() -> u32 {
        let default = if cfg!(debug_assertions) { 500 } else { 20_000 };
        std::env::var("FLOAT_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    fn ours(x: f64) -> String {
        let mut s = String::new();
        write_f64(&mut s, x);
        s
    }

    /// write_f64 equals serde_json, and (for finite x) parse_f64 reads it back bit-identically.
    fn check_write(x: f64) {
        let got = ours(x);
        assert_eq!(
            got,
            serde_json::to_string(&x).unwrap(),
            "write bits {:#018x}",
            x.to_bits()
        );
        if x.is_finite() {
            assert_eq!(
                parse_f64(&got).map(f64::to_bits),
                Some(x.to_bits()),
                "round trip {got}"
            );
        }
    }

    /// parse_f64 equals str::parse::<f64> bit for bit; None exactly when parse gives infinity.
    fn check_parse(lit: &str) {
        let want: f64 = lit.parse().unwrap();
        let got = parse_f64(lit);
        if want.is_infinite() {
            assert_eq!(got, None, "parse {lit}");
        } else {
            assert_eq!(
                got.map(f64::to_bits),
                Some(want.to_bits()),
                "parse {lit} want {want:e}"
            );
        }
    }

    fn check_parse_formats(x: f64) {
        for lit in [
            serde_json::to_string(&x).unwrap(),
            format!("{x:e}"),
            format!("{x:?}"),
            format!("{x:E}"),
        ] {
            check_parse(&lit);
        }
        for n in [0, 1, 2, 5, 10, 15, 16, 17, 18, 20, 25, 40] {
            check_parse(&format!("{x:.n$}"));
            check_parse(&format!("{x:.n$e}"));
        }
    }

    /// Decimal string of a bignum (test helper; repeated division by 10^9).
    fn to_dec(mut v: Big) -> String {
        let mut chunks = Vec::new();
        while v.iter().any(|&l| l != 0) {
            let mut rem = 0u64;
            for l in v.iter_mut().rev() {
                let cur = (rem << 32) | *l as u64;
                *l = (cur / 1_000_000_000) as u32;
                rem = cur % 1_000_000_000;
            }
            chunks.push(rem);
        }
        let mut s = chunks.pop().map_or("0".to_string(), |c| c.to_string());
        for c in chunks.iter().rev() {
            s += &format!("{c:09}");
        }
        s
    }

    /// Exact decimal literals of the midpoint between the positive double `bits` and the next
    /// one up, plus literals just above and just below it.
    fn midpoint_literals(bits: u64) -> Vec<String> {
        let (m, e) = decode(bits);
        let mut v = big(2 * m + 1); // midpoint = v * 2^(e-1)
        let e10 = if e - 1 >= 0 {
            shl(&mut v, e - 1);
            0
        } else {
            mul_pow(&mut v, 5, 1 - e); // v * 2^(e-1) = v * 5^(1-e) / 10^(1-e)
            e - 1
        };
        let d = to_dec(v);
        let (ld, lp) = (d.len() as i64, e10 + d.len() as i64 - 1);
        let mut below = d.clone().into_bytes();
        let mut i = below.len() - 1;
        while below[i] == b'0' {
            below[i] = b'9';
            i -= 1;
        }
        below[i] -= 1;
        let below = String::from_utf8(below).unwrap();
        vec![
            format!("{d}e{e10}"),
            format!("{d}1e{}", e10 - 1),
            format!("{below}9e{}", e10 - 1),
            // Full positional form when it is not absurdly long.
            if e10 < 0 && -e10 < 1200 {
                if ld > -e10 {
                    format!(
                        "{}.{}",
                        &d[..(ld + e10) as usize],
                        &d[(ld + e10) as usize..]
                    )
                } else {
                    format!("0.{}{}", "0".repeat((-e10 - ld) as usize), d)
                }
            } else {
                format!("{}.{}e{lp}", &d[..1], &d[1..])
            },
        ]
    }

    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn parse_hard_cases() {
        let lits = [
            "0", "-0", "0.0", "-0.0", "0e10", "-0e-10", "0.000", "1", "-1", "80", "100", "95.5", "1.5", "33.3",
            "0.1", "0.3", "1e0", "1E+2", "1e-2", "123.456e7",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
            "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.470328229206232720882e-324", "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "-1.7976931348623159e308",
            "179769313486231580793728971405301e276", "179769313486231580793728971405300e276",
            "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
            "9007199254740993.0000000001", "9007199254740992.9999999999", "1e23", "-1e23", "1e22", "8.988465674311579e307",
            "8.98846567431158e307", "1e308", "1e309", "1e-324", "1e-400", "1e400", "-1e400", "1e99999999999999",
            "1e-99999999999999", "0.1e-99999999999999", "123456789012345678901234567890", "0.30000000000000004",
            "33.333333333333336", "999999999999997.25", "7.2057594037927933e16", "5e-324", "-5e-324",
            "4.4501477170144023e-308", "2.2250738585072011e-308", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
            "18446744073709551615", "18446744073709551616e-10", "0.000000000000000000000000000000000000000000001e45",
        ];
        for lit in lits {
            check_parse(lit);
        }
        // Long literals: hundreds of zeros, hundreds of digits.
        for z in [0, 1, 10, 100, 300, 320, 322, 323, 324, 330, 400, 800] {
            for tail in [
                "1",
                "5",
                "25",
                "4940656458412465441765687928682213723651",
                "2470328229206232720882538",
                "9",
            ] {
                check_parse(&format!("0.{}{tail}", "0".repeat(z)));
                check_parse(&format!("-0.{}{tail}e-3", "0".repeat(z)));
                check_parse(&format!("{tail}{}", "0".repeat(z)));
                check_parse(&format!("{tail}{}.000", "0".repeat(z)));
            }
        }
        check_parse(&"9".repeat(800));
        check_parse(&format!("0.{}", "9".repeat(800)));
        check_parse(&format!("{}e-1100", "3".repeat(800)));
        check_parse(&format!("1{}1e-1200", "0".repeat(900)));
        // Halfway cases at special places.
        for bits in [
            0,
            1,
            2,
            3,
            0x000F_FFFF_FFFF_FFFF,
            0x0010_0000_0000_0000,
            0x3FF0_0000_0000_0000,
            0x4340_0000_0000_0000,
            0x7FEF_FFFF_FFFF_FFFE,
            0x7FEF_FFFF_FFFF_FFFF,
        ] {
            for lit in midpoint_literals(bits) {
                check_parse(&lit);
                check_parse(&format!("-{lit}"));
            }
        }
    }

    #[test]
    fn write_hand_picked() {
        let xs = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            80.0,
            95.5,
            100.0,
            1.5,
            33.3,
            0.1,
            0.3,
            0.1 + 0.2,
            1.0 / 3.0,
            2.0 / 3.0,
            33.333333333333336,
            1e15,
            1e16,
            1e17,
            9.999999999999998e15,
            1234567890123456.0,
            12345678901234567.0,
            123456789012345680.0,
            1e-5,
            1e-4,
            1e-7,
            1.5e-5,
            0.00012345,
            1e21,
            1e22,
            1e23,
            1.5e300,
            5e-324,
            1e-323,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            9007199254740992.0,
            9007199254740994.0,
            999999999999997.25,
            999999999999998.75,
            0.5,
            0.25,
            2.5,
            1e100,
            4.35,
            2.675,
            1.005,
        ];
        for x in xs {
            check_write(x);
            check_write(-x);
        }
        for x in [f64::NAN, -f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(ours(x), "null");
            assert_eq!(serde_json::to_string(&x).unwrap(), "null");
        }
        assert_eq!(ours(80.0), "80.0");
        assert_eq!(ours(1e16), "1e+16");
        assert_eq!(ours(-0.0), "-0.0");
        assert_eq!(ours(1e-7), "1e-7");
    }

    /// Every power of two (and both neighbours) and pseudo-random bit patterns vs serde_json.
    #[test]
    fn write_sweep() {
        for p in -1074i64..=1023 {
            let bits = if p >= -1022 {
                ((p + 1023) as u64) << 52
            } else {
                1 << (p + 1074)
            };
            for b in [bits - 1, bits, bits + 1] {
                check_write(f64::from_bits(b));
                check_write(-f64::from_bits(b));
            }
        }
        let n = 200_000;
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..n {
            check_write(f64::from_bits(xorshift(&mut state)));
        }
    }

    /// All "human" decimals i / 10^k for i < 10^4 written by serde_json, read and written back.
    #[test]
    fn human_sweep() {
        for k in 0..=6 {
            for i in 0..10_000u32 {
                let x = i as f64 / POW10[k];
                check_write(x);
                check_parse(&serde_json::to_string(&x).unwrap());
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        #[test]
        fn prop_write_any(x in any::<f64>()) {
            check_write(x);
        }

        #[test]
        fn prop_write_bits(b in any::<u64>()) {
            check_write(f64::from_bits(b));
        }

        #[test]
        fn prop_write_human(i in 0u32..1_000_000, k in 0usize..=6, neg in any::<bool>()) {
            let x = i as f64 / POW10[k];
            check_write(if neg { -x } else { x });
        }

        #[test]
        fn prop_parse_formatted(b in any::<u64>()) {
            let x = f64::from_bits(b);
            if x.is_finite() {
                check_parse_formats(x);
            }
        }

        #[test]
        fn prop_parse_human(i in 0u32..1_000_000, k in 0usize..=6) {
            let x = i as f64 / POW10[k];
            check_parse_formats(x);
            check_parse_formats(-x);
        }

        #[test]
        fn prop_parse_random_literal(
            lit in "-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,40})?([eE][+-]?[0-9]{1,3})?"
        ) {
            check_parse(&lit);
        }

        #[test]
        fn prop_parse_random_exponent(int in "[1-9][0-9]{0,39}", frac in "[0-9]{0,40}", e in -400i32..400) {
            check_parse(&format!("{int}e{e}"));
            check_parse(&format!("{int}.{frac}e{e}"));
            check_parse(&format!("0.{frac}{int}E{e}"));
        }

        #[test]
        fn prop_parse_many_zeros(z in 0usize..700, digits in "[0-9]{1,30}", e in -50i32..50) {
            check_parse(&format!("0.{}{digits}", "0".repeat(z)));
            check_parse(&format!("-{digits}{}e{e}", "0".repeat(z)));
            check_parse(&format!("{digits}.{}1e{e}", "0".repeat(z)));
        }

        #[test]
        fn prop_parse_halfway(b in 0u64..0x7FEF_FFFF_FFFF_FFFF, neg in any::<bool>()) {
            for lit in midpoint_literals(b) {
                check_parse(&if neg { format!("-{lit}") } else { lit });
            }
        }

        #[test]
        fn prop_parse_near_ties(m in 0u64..(1 << 54), e in -60i32..60) {
            // m / 2 scaled: odd m near 2^54 are exact halfway points between doubles.
            check_parse(&format!("{m}e{e}"));
            check_parse(&format!("{}5e{}", m, e - 1));
        }
    }
}
