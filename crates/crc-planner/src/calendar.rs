//! Resource calendars the scheduler books: a crossing passes one column at a time, an airfield
//! has a number of working and parking slots, a railhead has its daily paths.

use std::collections::BTreeSet;

use crate::scenario::Minute;

/// A capacity over time as a step function: `pts[i].1` is the usage from `pts[i].0` until the
/// next point; before the first point and after the last the usage is 0.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cumulative {
    pts: Vec<(Minute, u32)>,
}

impl Cumulative {
    fn usage_index(&self, t: Minute) -> Option<usize> {
        match self.pts.binary_search_by(|p| p.0.cmp(&t)) {
            Ok(i) => Some(i),
            Err(0) => None,
            Err(i) => Some(i - 1),
        }
    }

    /// The earliest start `s ≥ t` such that `[s, s + d)` stays below `cap` throughout.
    pub fn earliest(&self, t: Minute, d: Minute, cap: u32) -> Minute {
        if cap == 0 {
            return Minute::MAX / 4;
        }
        let d = d.max(1);
        let mut s = t;
        loop {
            let mut k = self.usage_index(s).unwrap_or(0);
            let mut moved = false;
            while k < self.pts.len() && self.pts[k].0 < s + d {
                let end = self.pts.get(k + 1).map_or(Minute::MAX / 4, |p| p.0);
                if end > s && self.pts[k].1 >= cap {
                    s = end;
                    moved = true;
                    break;
                }
                k += 1;
            }
            if !moved {
                return s;
            }
        }
    }

    /// Whether `[s, e)` fits below `cap`.
    pub fn fits(&self, s: Minute, e: Minute, cap: u32) -> bool {
        self.earliest(s, e - s, cap) == s
    }

    fn split(&mut self, t: Minute) -> usize {
        match self.pts.binary_search_by(|p| p.0.cmp(&t)) {
            Ok(i) => i,
            Err(i) => {
                let u = if i == 0 { 0 } else { self.pts[i - 1].1 };
                self.pts.insert(i, (t, u));
                i
            }
        }
    }

    /// Books `[s, e)`.
    pub fn add(&mut self, s: Minute, e: Minute) {
        if e <= s {
            return;
        }
        let i = self.split(s);
        let j = self.split(e);
        for p in &mut self.pts[i..j] {
            p.1 += 1;
        }
    }
}

/// One column at a time: booked passages, sorted and disjoint.
#[derive(Debug, Clone, Default)]
pub(crate) struct Disjunctive {
    busy: Vec<(Minute, Minute)>,
}

impl Disjunctive {
    /// The earliest start `s ≥ t` of a free window of `d` minutes.
    pub fn earliest(&self, t: Minute, d: Minute) -> Minute {
        let mut s = t;
        let first = self.busy.partition_point(|b| b.1 <= t);
        for b in &self.busy[first..] {
            if b.0 >= s + d {
                break;
            }
            s = s.max(b.1);
        }
        s
    }

    /// Books `[s, e)`.
    pub fn add(&mut self, s: Minute, e: Minute) {
        let i = self.busy.partition_point(|b| b.0 < s);
        self.busy.insert(i, (s, e));
    }
}

/// A railhead's daily paths, evenly spaced from midnight of C-day.
#[derive(Debug, Clone, Default)]
pub(crate) struct Paths {
    pub per_day: u32,
    used: BTreeSet<Minute>,
}

impl Paths {
    pub fn new(per_day: u32) -> Self {
        Paths {
            per_day,
            used: BTreeSet::new(),
        }
    }

    /// The path times at or after `t`, in order (unbounded).
    pub fn times_from(per_day: u32, t: Minute) -> impl Iterator<Item = Minute> {
        let p = i64::from(per_day.max(1));
        let t = t.max(0);
        let day = t / 1440;
        (day..)
            .flat_map(move |d| (0..p).map(move |k| d * 1440 + k * 1440 / p))
            .filter(move |&x| x >= t)
    }

    /// The earliest free path at or after `t`.
    pub fn earliest(&self, t: Minute) -> Minute {
        Paths::times_from(self.per_day, t)
            .find(|x| !self.used.contains(x))
            .expect("path times are unbounded")
    }

    /// Takes a path.
    pub fn take(&mut self, t: Minute) {
        self.used.insert(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cumulative_finds_the_first_gap_below_capacity() {
        let mut c = Cumulative::default();
        c.add(10, 20);
        c.add(15, 30);
        assert_eq!(c.earliest(0, 10, 1), 0);
        assert_eq!(c.earliest(5, 10, 1), 30);
        assert_eq!(c.earliest(5, 5, 2), 5);
        assert_eq!(c.earliest(12, 5, 2), 20);
        assert!(c.fits(30, 40, 1));
    }

    #[test]
    fn disjunctive_slots_a_column_into_a_gap() {
        let mut d = Disjunctive::default();
        d.add(10, 20);
        d.add(40, 50);
        assert_eq!(d.earliest(0, 10), 0);
        assert_eq!(d.earliest(0, 15), 20);
        assert_eq!(d.earliest(25, 20), 50);
    }

    #[test]
    fn paths_are_evenly_spaced_and_taken_once() {
        let mut p = Paths::new(3);
        assert_eq!(p.earliest(1), 480);
        p.take(480);
        assert_eq!(p.earliest(1), 960);
        assert_eq!(p.earliest(1441), 1440 + 480);
    }
}
