//! Validation of free text and identifiers typed by people. Each check returns
//! a message that says what is accepted; the caller adds the field name.

use std::collections::BTreeMap;
use std::ops::Bound;

/// Longest note, reason or description accepted.
pub const MAX_TEXT: usize = 2_000;
/// Longest name (company, person, account, title).
pub const MAX_NAME: usize = 200;
/// Longest identifier.
pub const MAX_ID: usize = 64;

/// Free text: trimmed, non-empty, at most `max` characters, no control
/// characters other than newline and tab.
pub fn text(value: &str, max: usize) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err("must not be empty".into());
    }
    let len = v.chars().count();
    if len > max {
        return Err(format!("is {len} characters long; at most {max} are accepted"));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err("contains control characters; plain text is accepted".into());
    }
    Ok(v.to_string())
}

/// A name: text of at most `MAX_NAME` characters on one line.
pub fn name(value: &str) -> Result<String, String> {
    let v = text(value, MAX_NAME)?;
    if v.contains('\n') {
        return Err("must be on one line".into());
    }
    Ok(v)
}

/// A person's name: a `name`, in Unicode NFC, with no bidirectional
/// controls or zero-width characters (they make two names look alike or
/// one name look like another).
pub fn person_name(value: &str) -> Result<String, String> {
    use unicode_normalization::UnicodeNormalization;
    let v: String = name(value)?.nfc().collect();
    if let Some(c) = v.chars().find(|c| is_invisible(*c)) {
        return Err(format!(
            "contains the invisible character U+{:04X} (a bidirectional control or zero-width character); type the name plainly",
            u32::from(c)
        ));
    }
    Ok(v)
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{180E}' | '\u{00AD}' | '\u{034F}')
}

/// What a name looks like: case-folded, then mapped through Unicode's
/// confusables (TR39 skeleton), so `Dana`, `DANA` and `Dаna` (Cyrillic а)
/// are the same person to a reader.
pub fn skeleton(name: &str) -> String {
    use unicode_security::confusable_detection::skeleton;
    let folded: String = name.to_lowercase();
    let once: String = skeleton(&folded).collect();
    // The skeleton may bring back capitals (e.g. some letters map to 'I').
    once.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An identifier: 1–64 of letters, digits, `-`, `_`, `.`.
pub fn id(value: &str) -> Result<String, String> {
    let v = value.trim();
    let ok = !v.is_empty()
        && v.len() <= MAX_ID
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if ok {
        Ok(v.to_string())
    } else {
        Err(format!("'{value}' is not an id; expected 1–{MAX_ID} letters, digits, '-', '_' or '.'"))
    }
}

/// A taken id equal to `id` but for case. People read `c-1` and `C-1` as
/// one id, so two records may not be told apart by case alone. Walks the
/// sorted keys letter by letter (both cases of each), so it costs a few
/// range lookups however many ids are taken.
pub fn case_clash<'a, V>(id: &str, taken: &'a BTreeMap<String, V>) -> Option<&'a str> {
    fn walk<'a, V>(id: &str, prefix: &mut String, taken: &'a BTreeMap<String, V>) -> Option<&'a str> {
        let Some(c) = id[prefix.len()..].chars().next() else {
            return taken.get_key_value(prefix.as_str()).map(|(k, _)| k.as_str()).filter(|k| *k != id);
        };
        let (lower, upper) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
        let variants = [lower, upper];
        // Only a letter branches, so only there is it worth pruning with a lookup.
        let branches = lower != upper;
        for &v in &variants[..if branches { 2 } else { 1 }] {
            prefix.push(if branches { v } else { c });
            let reachable = !branches
                || taken
                    .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
                    .next()
                    .is_some_and(|(k, _)| k.starts_with(prefix.as_str()));
            if reachable {
                if let Some(found) = walk(id, prefix, taken) {
                    return Some(found);
                }
            }
            prefix.pop();
        }
        None
    }
    walk(id, &mut String::with_capacity(id.len()), taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert_eq!(text("  ok ", 10).unwrap(), "ok");
        assert!(text("   ", 10).unwrap_err().contains("empty"));
        assert!(text("abcdefghijk", 10).unwrap_err().contains("at most 10"));
        assert!(text("a\u{7}b", 10).unwrap_err().contains("control"));
        assert!(name("a\nb").is_err());
        assert_eq!(id("D-1.2_x").unwrap(), "D-1.2_x");
        assert!(id("has space").is_err());
        assert!(id(&"x".repeat(65)).is_err());
    }

    #[test]
    fn ids_clash_by_case_only() {
        let taken: BTreeMap<String, ()> =
            ["c-1", "D-2", "c-10", "Ab-x"].iter().map(|k| (k.to_string(), ())).collect();
        assert_eq!(case_clash("C-1", &taken), Some("c-1"));
        assert_eq!(case_clash("c-1", &taken), None, "an exact match is the caller's own message");
        assert_eq!(case_clash("d-3", &taken), None);
        assert_eq!(case_clash("d-2", &taken), Some("D-2"));
        assert_eq!(case_clash("aB-X", &taken), Some("Ab-x"));
        assert_eq!(case_clash("C-10", &taken), Some("c-10"));
        assert_eq!(case_clash("C-", &taken), None);
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn person_names_are_nfc_and_visible() {
        assert_eq!(person_name("Jose\u{301}").unwrap(), "Jos\u{e9}");
        assert!(person_name("Dana\u{200B}").unwrap_err().contains("U+200B"));
        assert!(person_name("\u{202E}anaD").unwrap_err().contains("U+202E"));
    }

    #[test]
    fn confusable_names_share_a_skeleton() {
        assert_eq!(skeleton("Dana"), skeleton("DANA"));
        assert_eq!(skeleton("Dana"), skeleton("D\u{430}na"), "Cyrillic a");
        assert_eq!(skeleton("Lee"), skeleton("L\u{435}e"));
        assert_ne!(skeleton("Dana"), skeleton("Dina"));
    }
}
