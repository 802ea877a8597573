//! The font every drawing is made with, built into the binary from `assets/fonts/` (Noto
//! Sans Arabic and Noto Sans merged, under the SIL Open Font License): a server may have no fonts at all, or none that draws
//! Arabic, and a chart must look the same wherever it is made.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// The one family every drawing is written in: Arabic and Latin in one font (see
/// `assets/fonts/README.md` for why not two).
pub const FAMILY: &str = "Takwin Sans";

const FILES: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/TakwinSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/TakwinSans-Bold.ttf"),
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
            db.set_sans_serif_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_family_is_built_in_in_both_weights() {
        let db = database();
        for weight in [fontdb::Weight::NORMAL, fontdb::Weight::BOLD] {
            let query = fontdb::Query {
                families: &[fontdb::Family::Name(FAMILY)],
                weight,
                ..fontdb::Query::default()
            };
            assert!(db.query(&query).is_some(), "{weight:?}");
        }
    }
}
