//! Validation of free text and identifiers typed by people. Each check returns
//! a message that says what is accepted; the caller adds the field name.

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
/// one id, so two records may not be told apart by case alone.
pub fn case_clash<'a>(id: &str, taken: impl IntoIterator<Item = &'a String>) -> Option<&'a str> {
    taken.into_iter().map(String::as_str).find(|t| *t != id && t.eq_ignore_ascii_case(id))
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
        let taken = vec!["c-1".to_string(), "D-2".to_string()];
        assert_eq!(case_clash("C-1", &taken), Some("c-1"));
        assert_eq!(case_clash("c-1", &taken), None, "an exact match is the caller's own message");
        assert_eq!(case_clash("d-3", &taken), None);
    }
}
