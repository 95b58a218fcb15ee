//! Dates as CRMs export them: ISO `2026-03-31` (with an optional time, as
//! in `2026-03-31 00:00` or `2026-03-31T00:00:00Z`), US `3/31/2026`, and
//! day-first `31/03/2026` or `31.03.2026` (Salesforce's European locales).
//! A slash date whose first two parts are both 12 or less is ambiguous; the
//! file settles it when another of its dates cannot be read the other way,
//! else `--date-format` must.

use crate::core::time::Date;

/// Which part of a slash date is the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    MonthFirst,
    DayFirst,
}

pub const ACCEPTED: &str = "expected a date such as 2026-03-31, 2026-03-31 00:00, 3/31/2026 or 31.03.2026";

impl Order {
    pub fn parse(s: &str) -> Result<Order, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mdy" | "us" | "m/d/y" => Ok(Order::MonthFirst),
            "dmy" | "eu" | "d/m/y" => Ok(Order::DayFirst),
            _ => Err(format!("'{s}' is not a date order; expected mdy (3/31/2026) or dmy (31/03/2026)")),
        }
    }
}

/// The order a slash date forces (a part over 12 can only be a day), if any.
pub fn forced_order(text: &str) -> Option<Order> {
    let (a, b, _) = slash_parts(text)?;
    match (a > 12, b > 12) {
        (true, false) => Some(Order::DayFirst),
        (false, true) => Some(Order::MonthFirst),
        _ => None,
    }
}

pub fn parse(text: &str, order: Option<Order>) -> Result<Date, String> {
    let bad = |why: &str| format!("'{text}' {why}; {ACCEPTED}");
    let t = text.trim();
    let day = t.split([' ', 'T']).next().unwrap_or("");
    if day.contains('-') {
        return Date::parse(day).map_err(|_| bad("is not a date"));
    }
    if let Some((d, m, y)) = dotted(day) {
        return ymd(y, m, d).ok_or_else(|| bad("is not a date"));
    }
    let (a, b, y) = slash_parts(day).ok_or_else(|| bad("is not a date"))?;
    let order = match (order, a > 12, b > 12) {
        (Some(o), _, _) => o,
        (None, true, false) => Order::DayFirst,
        (None, false, true) => Order::MonthFirst,
        (None, false, false) if a == b => Order::MonthFirst,
        _ => {
            return Err(bad(
                "is ambiguous: day and month could be either way (give --date-format mdy or dmy)",
            ))
        }
    };
    let (m, d) = if order == Order::MonthFirst { (a, b) } else { (b, a) };
    ymd(y, m, d).ok_or_else(|| bad("is not a date"))
}

/// Prints a date the way `parse` reads it back (ISO).
pub fn print(date: Date) -> String {
    date.to_string()
}

fn ymd(y: u32, m: u32, d: u32) -> Option<Date> {
    Date::ymd(i32::try_from(y).ok()?, m, d)
}

fn numbers(s: &str, sep: char) -> Option<(u32, u32, u32)> {
    let mut parts = s.split(sep);
    let mut next = |max: usize| {
        parts.next().filter(|p| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let a = next(2)?.parse().ok()?;
    let b = next(2)?.parse().ok()?;
    let y = next(4).filter(|y| y.len() == 4)?.parse().ok()?;
    parts.next().is_none().then_some((a, b, y))
}

fn slash_parts(s: &str) -> Option<(u32, u32, u32)> {
    numbers(s.trim().split(' ').next()?, '/')
}

fn dotted(s: &str) -> Option<(u32, u32, u32)> {
    numbers(s, '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str, o: Option<Order>) -> String {
        parse(t, o).map(|d| d.to_string()).unwrap_or_else(|e| e)
    }

    #[test]
    fn formats() {
        assert_eq!(p("2026-03-31", None), "2026-03-31");
        assert_eq!(p("2026-03-31 00:00", None), "2026-03-31");
        assert_eq!(p("2026-03-31T00:00:00Z", None), "2026-03-31");
        assert_eq!(p("3/31/2026", None), "2026-03-31");
        assert_eq!(p("3/31/2026 12:00 AM", None), "2026-03-31");
        assert_eq!(p("31/03/2026", None), "2026-03-31");
        assert_eq!(p("31.03.2026", None), "2026-03-31");
        assert_eq!(p("03/04/2026", Some(Order::DayFirst)), "2026-04-03");
        assert_eq!(p("04/04/2026", None), "2026-04-04");
        assert!(p("03/04/2026", None).contains("ambiguous"));
        for bad in ["", "2026-02-30", "13/13/2026", "31/3/26", "tomorrow", "2026/03/31"] {
            assert!(parse(bad, None).is_err(), "{bad}");
        }
    }
}
