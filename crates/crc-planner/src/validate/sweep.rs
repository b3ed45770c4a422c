//! The sweep over interval endpoints behind the slot checks: O(n log n) in the intervals.

use crate::scenario::Minute;

/// A stretch of time in which more intervals overlap than the capacity allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Excess {
    /// From this minute …
    pub(super) start: Minute,
    /// … to this one (exclusive); `Minute::MAX` for "from then on".
    pub(super) end: Minute,
    /// The most intervals overlapping at once in it.
    pub(super) peak: u64,
}

/// Where the half-open intervals `[start, end)` overlap more than `capacity` at once. Empty
/// and reversed intervals count for nothing.
pub(super) fn excesses(intervals: &[(Minute, Minute)], capacity: u64) -> Vec<Excess> {
    let mut events: Vec<(Minute, i64)> = intervals
        .iter()
        .filter(|(s, e)| s < e)
        .flat_map(|&(s, e)| [(s, 1), (e, -1)])
        .collect();
    events.sort_unstable();
    let mut found = Vec::new();
    let mut open: Option<Excess> = None;
    let mut count: i64 = 0;
    let mut i = 0;
    while i < events.len() {
        let t = events[i].0;
        // Every interval ending at t has left before those starting at t arrive.
        while i < events.len() && events[i].0 == t {
            count += events[i].1;
            i += 1;
        }
        let now = u64::try_from(count).unwrap_or(0);
        match open.as_mut() {
            Some(e) if now > capacity => e.peak = e.peak.max(now),
            Some(e) => {
                e.end = t;
                found.extend(open.take());
            }
            None if now > capacity => {
                open = Some(Excess {
                    start: t,
                    end: Minute::MAX,
                    peak: now,
                })
            }
            None => {}
        }
    }
    found.extend(open);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(v: &[Excess]) -> Vec<(Minute, Minute, u64)> {
        v.iter().map(|e| (e.start, e.end, e.peak)).collect()
    }

    #[test]
    fn touching_intervals_do_not_overlap() {
        assert!(excesses(&[(0, 10), (10, 20), (20, 30)], 1).is_empty());
    }

    #[test]
    fn overlaps_beyond_capacity_are_found_with_their_peak() {
        let e = excesses(&[(0, 10), (5, 15), (6, 8), (20, 30), (25, 26)], 1);
        assert_eq!(spans(&e), [(5, 10, 3), (25, 26, 2)]);
        assert_eq!(
            spans(&excesses(&[(0, 10), (5, 15), (6, 8)], 2)),
            [(6, 8, 3)]
        );
    }

    #[test]
    fn empty_intervals_and_zero_capacity() {
        assert!(excesses(&[(5, 5), (7, 3)], 0).is_empty());
        assert_eq!(spans(&excesses(&[(1, 2)], 0)), [(1, 2, 1)]);
        assert_eq!(
            spans(&excesses(&[(1, Minute::MAX), (Minute::MIN, 3)], 1)),
            [(1, 3, 2)]
        );
    }

    #[test]
    fn an_excess_that_never_ends() {
        assert_eq!(
            spans(&excesses(&[(0, Minute::MAX), (4, Minute::MAX)], 1)),
            [(4, Minute::MAX, 2)]
        );
    }
}
