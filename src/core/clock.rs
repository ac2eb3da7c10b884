//! Hybrid logical clocks: edits from phones whose wall clocks disagree still
//! get a total order that respects causality (an edit made after seeing
//! another always sorts after it).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A hybrid logical clock reading: milliseconds since the Unix epoch (the
/// largest wall time seen) and a counter for events within that millisecond.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Hlc {
    #[serde(rename = "t")]
    pub ms: i64,
    #[serde(rename = "c")]
    pub count: u32,
}

impl Hlc {
    /// The clock for a local event at wall time `now_ms`, after `self`.
    pub fn tick(self, now_ms: i64) -> Hlc {
        if now_ms > self.ms {
            Hlc { ms: now_ms, count: 0 }
        } else {
            Hlc { ms: self.ms, count: self.count.saturating_add(1) }
        }
    }

    /// The clock after receiving `remote` at wall time `now_ms`: later than
    /// both, so the next local edit sorts after everything seen.
    pub fn observe(self, remote: Hlc, now_ms: i64) -> Hlc {
        let top = self.max(remote);
        if now_ms > top.ms {
            Hlc { ms: now_ms, count: 0 }
        } else {
            top
        }
    }
}

/// Who changed something, and when: the order of edits is (clock, device).
/// Stored inside each version (see `book::Version`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub hlc: Hlc,
    /// The device that made the change.
    pub device: String,
    /// The device's own wall clock at the change, shown to people.
    pub wall_ms: i64,
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.hlc, &self.device, self.wall_ms).cmp(&(other.hlc, &other.device, other.wall_ms))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The outside world a screen (or a report) needs: the time, today's date, and the
/// phone's time zone (minutes east of UTC), all passed in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Env {
    pub now_ms: i64,
    pub today: NaiveDate,
    pub tz_offset_min: i32,
}

impl Env {
    /// "dd/mm/yyyy hh:mm" on this phone's clock.
    pub fn time(&self, ms: i64) -> String {
        super::text::time(ms, self.tz_offset_min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_follows_wall_time_and_never_goes_back() {
        let c = Hlc::default().tick(1000);
        assert_eq!(c, Hlc { ms: 1000, count: 0 });
        let d = c.tick(900); // the wall clock was set back
        assert_eq!(d, Hlc { ms: 1000, count: 1 });
        assert!(d > c);
        assert_eq!(d.tick(2000), Hlc { ms: 2000, count: 0 });
    }

    #[test]
    fn a_phone_behind_in_time_still_orders_its_edit_after_what_it_received() {
        // Phone A's clock is a day fast; phone B receives A's edit and edits after it.
        let a = Hlc::default().tick(86_400_000 + 5_000);
        let b = Hlc::default().tick(5_000).observe(a, 6_000);
        let b_edit = b.tick(7_000);
        assert!(b_edit > a);
    }

    #[test]
    fn stamps_order_by_clock_then_device() {
        let s = |ms, d: &str| Stamp { hlc: Hlc { ms, count: 0 }, device: d.into(), wall_ms: ms };
        assert!(s(1, "b") < s(2, "a"));
        assert!(s(1, "a") < s(1, "b"));
    }
}
