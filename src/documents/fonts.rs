//! The fonts every drawing is made with, built into the binary from `assets/fonts/` (Noto,
//! under the SIL Open Font License): a server may have no fonts at all, or none that draws
//! Arabic, and a chart must look the same wherever it is made.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// The family for Arabic text: shaped into joined letters by usvg's text layout.
pub const ARABIC: &str = "Noto Sans Arabic";
/// The family for Latin text and Western digits.
pub const LATIN: &str = "Noto Sans";

const FILES: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf"),
];

/// The font database, read once: parsing the four faces takes a few milliseconds that a
/// digest of many charts should not pay again for each.
pub fn database() -> Arc<fontdb::Database> {
    static DATABASE: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for data in FILES {
                db.load_font_data(data.to_vec());
            }
            // A family named nowhere (or `sans-serif`) falls back to these, never to the
            // machine's.
            db.set_sans_serif_family(LATIN);
            Arc::new(db)
        })
        .clone()
}

/// The `font-family` list of a drawing: the script of its language first, the other as the
/// fallback for the characters it lacks (a Latin name in an Arabic chart, digits).
pub fn families(right_to_left: bool) -> String {
    match right_to_left {
        true => format!("{ARABIC}, {LATIN}"),
        false => format!("{LATIN}, {ARABIC}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_families_in_both_weights_are_built_in() {
        let db = database();
        for family in [ARABIC, LATIN] {
            for weight in [fontdb::Weight::NORMAL, fontdb::Weight::BOLD] {
                let query = fontdb::Query {
                    families: &[fontdb::Family::Name(family)],
                    weight,
                    ..fontdb::Query::default()
                };
                assert!(db.query(&query).is_some(), "{family} {weight:?}");
            }
        }
    }
}
