//! Text folding shared by the lenient parsers (roles, languages, body names).

/// Folds `s` so that spellings people consider the same compare equal: trims, lower-cases,
/// drops French accents and Arabic diacritics, unifies the Arabic letters people write
/// interchangeably (أ إ آ ا, ى ي, ة ه), turns `-`, `_`, `.`, apostrophes into spaces and
/// collapses runs of whitespace.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            // Harakat, superscript alef and tatweel: decoration, not spelling.
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            '-' | '_' | '.' | '\'' | '’' | '‐' | '–' | '—' => out.push(' '),
            c => out.push(c),
        }
    }
    collapse_whitespace(&out)
}

/// Trims `s` and replaces every run of whitespace (including no-break spaces) by one space.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `s` contains at least one Arabic letter.
pub(crate) fn has_arabic(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_accents_and_separators() {
        assert_eq!(fold("  Vice-Président  "), "vice president");
        assert_eq!(fold("SECRÉTAIRE_général"), "secretaire general");
        assert_eq!(fold("Conseillère\u{a0}communale"), "conseillere communale");
    }

    #[test]
    fn fold_unifies_arabic_spellings() {
        assert_eq!(fold("المجلس الإقليمي"), fold("المجلس الاقليمي"));
        assert_eq!(fold("رئيس الجماعة"), fold("رئيس الجماعه"));
        assert_eq!(fold("رَئِيس"), "رئيس");
    }

    #[test]
    fn arabic_detection() {
        assert!(has_arabic("أكوراي"));
        assert!(!has_arabic("Agourai"));
    }
}
