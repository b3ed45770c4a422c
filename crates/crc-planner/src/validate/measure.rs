//! The helper definitions of `docs/planner.md` (drive, passage, path times, wagons), written
//! again here rather than borrowed from the planner, and the way figures are printed.

use crate::scenario::Minute;

/// Minutes in a day.
const DAY: i64 = 1440;

/// How far above an integer a float may be and still count as that integer: the noise of
/// `km × 60 / kmh` and of sums of tonnes.
const HAIR: f64 = 1e-9;

/// Tolerance on tonnes (R1, R5, R8).
pub(super) const TONNES_EPS: f64 = 1e-6;

/// `x ≤ limit`, false when either is not a number: a figure that cannot be compared does not
/// pass.
pub(super) fn at_most(x: f64, limit: f64) -> bool {
    x <= limit
}

/// `drive(km, kmh) = ceil(km × 60 / kmh)`; `None` when the figures give no time (a speed that is
/// not positive, a length that is negative or not a number).
///
/// The document says "a hair under an integer rounds to it", which plain `ceil` does anyway;
/// what needs a tolerance is a quotient a hair *over* an integer (120 km at 60 km/h computed
/// as 120.000000001), which is read here as that integer.
pub(super) fn drive(km: f64, kmh: f64) -> Option<Minute> {
    if !(km.is_finite() && kmh.is_finite() && km >= 0.0 && kmh > 0.0) {
        return None;
    }
    let minutes = km * 60.0 / kmh;
    if !minutes.is_finite() || minutes > 1e15 {
        return None;
    }
    Some((minutes - HAIR).ceil().max(0.0) as Minute)
}

/// `passage(n, per_hour) = ceil(n × 60 / per_hour)`; `None` for a crossing that passes nothing.
pub(super) fn passage(vehicles: u64, per_hour: u32) -> Option<Minute> {
    if per_hour == 0 {
        return None;
    }
    let minutes = (u128::from(vehicles) * 60).div_ceil(u128::from(per_hour));
    Some(Minute::try_from(minutes).unwrap_or(Minute::MAX))
}

/// `ceil(amount / per)` for wagons of bulk cargo; `None` when `per` cannot hold a positive
/// amount.
pub(super) fn wagons_for(amount: f64, per: f64) -> Option<u64> {
    if amount.is_nan() {
        return None;
    }
    if amount <= TONNES_EPS {
        return Some(0);
    }
    if !(per.is_finite() && per > 0.0) {
        return None;
    }
    let n = amount / per;
    if !n.is_finite() || n > 1e15 {
        return None;
    }
    // Cargo already in tonnes that add up with noise: 20.0000000001 t in 10 t wagons is 2.
    Some((n - TONNES_EPS / per).ceil().max(0.0) as u64)
}

/// `ceil(n / per)` for passenger wagons; `None` when `per` is 0 and there are people.
pub(super) fn ceil_div(n: u64, per: u32) -> Option<u64> {
    if n == 0 {
        return Some(0);
    }
    if per == 0 {
        return None;
    }
    Some(n.div_ceil(u64::from(per)))
}

/// Whether `t` is `d × 1440 + floor(k × 1440 / p)` for some day `d ≥ 0` and `0 ≤ k < p`.
pub(super) fn is_path_time(t: Minute, paths_per_day: u32) -> bool {
    if paths_per_day == 0 || t < 0 {
        return false;
    }
    let p = i64::from(paths_per_day);
    let r = t % DAY;
    // floor(k × 1440 / p) grows with k, so the only candidate is the least k reaching r.
    let k = (r * p + DAY - 1) / DAY;
    k < p && k * DAY / p == r
}

/// Tonnes as people read them: up to three decimals, no trailing zeros.
pub(super) fn tonnes(x: f64) -> String {
    let rounded = (x * 1000.0).round() / 1000.0;
    if rounded == 0.0 {
        "0".into()
    } else {
        format!("{rounded}")
    }
}

/// A list of states in brackets, `[]` when empty.
pub(super) fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drive_rounds_up_but_forgives_float_noise() {
        assert_eq!(drive(120.0, 60.0), Some(120));
        assert_eq!(drive(100.0, 60.0), Some(100));
        assert_eq!(drive(101.0, 60.0), Some(101));
        assert_eq!(drive(100.5, 60.0), Some(101));
        assert_eq!(drive(0.1 + 0.2, 18.0), Some(1));
        assert_eq!(drive(0.0, 60.0), Some(0));
        assert_eq!(drive(10.0, 0.0), None);
        assert_eq!(drive(f64::NAN, 60.0), None);
        assert_eq!(drive(-1.0, 60.0), None);
        assert_eq!(drive(1e300, 1e-300), None);
    }

    #[test]
    fn passage_rounds_up() {
        assert_eq!(passage(10, 60), Some(10));
        assert_eq!(passage(5, 120), Some(3));
        assert_eq!(passage(0, 120), Some(0));
        assert_eq!(
            passage(u64::from(u32::MAX), 1),
            Some(i64::from(u32::MAX) * 60)
        );
        assert_eq!(passage(u64::MAX, 1), Some(i64::MAX));
        assert_eq!(passage(3, 0), None);
    }

    #[test]
    fn path_times() {
        for t in [0, 360, 720, 1080, 1440, 1800, 2880 + 1080] {
            assert!(is_path_time(t, 4), "{t}");
        }
        for t in [-360, 1, 359, 361, 1439, 1441] {
            assert!(!is_path_time(t, 4), "{t}");
        }
        // 7 a day: 0, 205, 411, 617, 822, 1028, 1234.
        for t in [0, 205, 411, 617, 822, 1028, 1234, 1440 + 205] {
            assert!(is_path_time(t, 7), "{t}");
        }
        for t in [206, 410, 1235, 1439] {
            assert!(!is_path_time(t, 7), "{t}");
        }
        assert!(!is_path_time(0, 0));
        assert!(is_path_time(i64::MAX - (i64::MAX % 1440), 1));
        assert!(is_path_time(1439, 3000));
    }

    #[test]
    fn wagons() {
        assert_eq!(wagons_for(8.0, 5.0), Some(2));
        assert_eq!(wagons_for(10.0, 5.0), Some(2));
        assert_eq!(wagons_for(10.000_000_000_1, 5.0), Some(2));
        assert_eq!(wagons_for(0.0, 0.0), Some(0));
        assert_eq!(wagons_for(1.0, 0.0), None);
        assert_eq!(wagons_for(f64::NAN, 5.0), None);
        assert_eq!(ceil_div(60, 30), Some(2));
        assert_eq!(ceil_div(61, 30), Some(3));
        assert_eq!(ceil_div(1, 0), None);
        assert_eq!(ceil_div(0, 0), Some(0));
    }

    #[test]
    fn tonnes_print_short() {
        assert_eq!(tonnes(38.0), "38");
        assert_eq!(tonnes(8.000_000_001), "8");
        assert_eq!(tonnes(41.25), "41.25");
        assert_eq!(tonnes(-0.0), "0");
    }
}
