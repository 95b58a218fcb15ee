//! Sealed scores (commit–reveal). The commitment is
//!
//! ```text
//! blake3( salt ‖ canonical(ratings, recommendation) )
//! ```
//!
//! where `salt` is 32 random bytes and `canonical` is the compact JSON
//! (serde_json, no whitespace, UTF-8) of the pair
//! `[[{"key":K,"value":N|null,"evidence":TEXT|null}, …], "RECOMMENDATION"]`
//! with the ratings in template order. docs/scorecard.md shows the exact
//! bytes and how to check a reveal by hand.

use super::Rating;
use crate::core::hash::Hash32;
use crate::core::vocab::Recommendation;

/// The bytes the commitment covers, after the salt.
pub fn canonical(ratings: &[Rating], recommend: Recommendation) -> Vec<u8> {
    // Serialising plain strings, integers and nulls cannot fail.
    serde_json::to_vec(&(ratings, recommend)).unwrap_or_default()
}

pub fn commitment(salt: &Hash32, ratings: &[Rating], recommend: Recommendation) -> Hash32 {
    let mut h = blake3::Hasher::new();
    h.update(&salt.0);
    h.update(&canonical(ratings, recommend));
    Hash32(*h.finalize().as_bytes())
}

/// Whether the salt, ratings and recommendation open the commitment.
pub fn opens(commitment_: &Hash32, salt: &Hash32, ratings: &[Rating], recommend: Recommendation) -> bool {
    commitment(salt, ratings, recommend) == *commitment_
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratings() -> Vec<Rating> {
        vec![
            Rating {
                key: "drivers".into(),
                value: Some(5),
                evidence: Some("cut the list to three levers".into()),
            },
            Rating { key: "forecasting".into(), value: None, evidence: Some("not covered".into()) },
            Rating { key: "growth-source".into(), value: Some(3), evidence: None },
        ]
    }

    #[test]
    fn canonical_bytes_are_compact_json_in_order() {
        let bytes = canonical(&ratings(), Recommendation::StrongYes);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"[[{"key":"drivers","value":5,"evidence":"cut the list to three levers"},{"key":"forecasting","value":null,"evidence":"not covered"},{"key":"growth-source","value":3,"evidence":null}],"strong-yes"]"#
        );
    }

    #[test]
    fn opens_only_with_the_same_salt_ratings_and_recommendation() {
        let salt = Hash32([7; 32]);
        let c = commitment(&salt, &ratings(), Recommendation::Yes);
        assert!(opens(&c, &salt, &ratings(), Recommendation::Yes));
        assert!(!opens(&c, &Hash32([8; 32]), &ratings(), Recommendation::Yes));
        assert!(!opens(&c, &salt, &ratings(), Recommendation::StrongYes));
        let mut changed = ratings();
        changed[2].value = Some(4);
        assert!(!opens(&c, &salt, &changed, Recommendation::Yes));
        let mut reworded = ratings();
        reworded[0].evidence = Some("cut the list to 3 levers".into());
        assert!(!opens(&c, &salt, &reworded, Recommendation::Yes));
    }
}
