//! The small closed vocabularies of the ledger. Each is spelled in kebab-case
//! on the command line and in JSON, and lists its accepted words in errors.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares a keyword enum with `parse`, `as_str`, `ALL` and `Display`.
macro_rules! keywords {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $word)] $variant),+ }

        impl Default for $name {
            /// The first word listed.
            fn default() -> $name {
                Self::ALL[0]
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Parses one of the accepted words; the error lists them.
            pub fn parse(s: &str) -> Result<$name, String> {
                let t = s.trim().to_ascii_lowercase();
                Self::ALL.iter().copied().find(|v| v.as_str() == t).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    format!("'{s}' is not accepted; expected one of: {}", words.join(", "))
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keywords!(
    /// How often the CEO and the sales leader meet.
    Cadence { Weekly = "weekly", Biweekly = "biweekly" }
);
keywords!(
    /// An answer to one of the meeting's three questions.
    Answer { Yes = "yes", Partly = "partly", No = "no" }
);
keywords!(
    /// Whether an indicator should be at least or at most its target.
    Direction { AtLeast = "at-least", AtMost = "at-most" }
);
keywords!(
    /// Decisions whose rights are agreed between CEO and sales leader.
    DecisionArea {
        HireFire = "hire-fire",
        Compensation = "compensation",
        Restructuring = "restructuring",
        Pricing = "pricing",
        NewMarkets = "new-markets",
    }
);
keywords!(
    /// Who decides, from most to least autonomy for the sales leader.
    DecisionRight {
        LeaderDecides = "leader-decides",
        LeaderInforms = "leader-decides-and-informs",
        ConsultCeo = "consult-ceo-first",
        CeoDecides = "ceo-decides",
    }
);
keywords!(
    /// A panelist's overall recommendation on a candidate.
    Recommendation {
        StrongNo = "strong-no",
        No = "no",
        NoDecision = "no-decision",
        Yes = "yes",
        StrongYes = "strong-yes",
    }
);
keywords!(
    /// The level of an item in the sales plan.
    PlanItemKind { Goal = "goal", Initiative = "initiative", Activity = "activity" }
);
keywords!(
    /// The outcome of a hiring decision.
    HireDecision { Hire = "hire", NoHire = "no-hire" }
);
keywords!(
    /// What a competency measures: outcomes, or how they were reached.
    CompetencyKind { Results = "results", How = "how" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_parse_and_list_alternatives() {
        assert_eq!(Answer::parse("Partly").unwrap(), Answer::Partly);
        let err = Cadence::parse("daily").unwrap_err();
        assert!(err.contains("weekly, biweekly"), "{err}");
        assert_eq!(DecisionRight::ConsultCeo.to_string(), "consult-ceo-first");
    }
}
