//! Synthetic exports for benchmarks and tests: the same headers and value
//! formats as each CRM's real export, from a seed, so a run is repeatable.
//! Every deal is open and closes within a year after 2026-02-01.

use super::mapping::Source;
use crate::core::time::Date;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const STAGES: [&str; 4] = ["Qualification", "Discovery", "Proposal", "Negotiation"];

/// `rows` deals in `source`'s export format.
pub fn export(source: Source, rows: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let first = Date::ymd(2026, 2, 1).expect("a valid date");
    let mut out = String::with_capacity(rows * 120);
    out.push_str(header(source));
    for n in 1..=rows {
        let amount = (5 + rng.below(495)) * 1_000 + rng.below(100) * 10;
        let close = first.add_days(rng.below(365) as i64);
        let stage = STAGES[rng.below(4) as usize];
        let p = 10 + rng.below(9) * 10;
        out.push_str(&line(source, n, amount, close, stage, p));
    }
    out
}

fn header(source: Source) -> &'static str {
    match source {
        Source::Salesforce => {
            "Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%),Opportunity Owner\n"
        }
        Source::Hubspot => "Record ID,Deal Name,Associated Company,Amount,Close Date,Deal Stage,Deal probability\n",
        Source::Pipedrive | Source::Csv => {
            "Deal - ID,Deal - Title,Deal - Organization,Deal - Value,Deal - Currency,Deal - Expected close date,Deal - Stage,Deal - Status,Deal - Probability\n"
        }
    }
}

fn line(source: Source, n: usize, amount: u64, close: Date, stage: &str, p: u64) -> String {
    let (y, m, d) = (close.0.format("%Y"), close.0.format("%-m"), close.0.format("%-d"));
    let grouped = crate::core::money::Money(amount as i64 * 100).format(2);
    match source {
        Source::Salesforce => format!(
            "006G{n:08},\"Renewal {n}, phase 2\",Account {n},\"${grouped}.00\",{m}/{d}/{y},{stage},{p},Lee\n"
        ),
        Source::Hubspot => format!("{n},Deal {n},Account {n},{amount},{close} 00:00,{stage},0.{}\n", p / 10),
        Source::Pipedrive | Source::Csv => {
            format!("{n},Deal {n},Account {n},{amount},USD,{close},{stage},open,{p}\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_file() {
        assert_eq!(export(Source::Salesforce, 50, 7), export(Source::Salesforce, 50, 7));
        assert_ne!(export(Source::Hubspot, 50, 7), export(Source::Hubspot, 50, 8));
        assert_eq!(export(Source::Pipedrive, 10, 1).lines().count(), 11);
    }
}
