//! Text folding shared by the lenient parsers (roles, languages, body names). What text is
//! accepted at all (controls, direction overrides, length) is `domain::text`'s rule.

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

/// Whether a person fits what an organiser typed to find them: three or more digits are
/// looked for in the phone number; otherwise every word typed must appear in the name,
/// folded (`ahmed alaoui` finds « Ahmed El Alaoui », `علوي` finds « أحمد العلوي »).
pub fn person_matches(query: &str, full_name: &str, phone: &str) -> bool {
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 3 {
        // A national number's leading 0 is not in the stored E.164 form (+212 6…).
        return phone.contains(digits.trim_start_matches('0'));
    }
    let name = fold(full_name);
    let words = fold(query);
    !words.is_empty() && words.split(' ').all(|word| name.contains(word))
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
    fn people_are_found_by_part_of_their_name_or_phone() {
        assert!(person_matches(
            "ahmed alaoui",
            "Ahmed El Alaoui",
            "+212600000001"
        ));
        assert!(person_matches("ALAOUI", "Ahmed El Alaoui", "+212600000001"));
        assert!(person_matches("علوي", "أحمد العلوي", "+212600000001"));
        assert!(person_matches("06 00 00 00 01", "x", "+212600000001"));
        assert!(!person_matches(
            "ahmed bennani",
            "Ahmed El Alaoui",
            "+212600000001"
        ));
        assert!(!person_matches("  ", "Ahmed El Alaoui", "+212600000001"));
        assert!(!person_matches("0611", "Ahmed El Alaoui", "+212600000001"));
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
