//! A certificate of attendance: one A4 landscape page drawn from plain, already translated
//! lines, laid out from the right in Arabic (the [`Svg`] writer mirrors and isolates).
//! [`render::pdf`](super::render::pdf) makes it a PDF whose text stays text.

use super::document::wrap;
use super::svg::{Anchor, Direction, Font, Svg};

/// A4 landscape, in points.
pub const WIDTH: f32 = 842.0;
pub const HEIGHT: f32 = 595.0;

const GREEN: &str = "#1b5e20";
const GREY: &str = "#616161";
const MARGIN: f32 = 28.0;

/// What a certificate says, every line in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateText {
    /// Who issues it: the Region and its council.
    pub issuer: String,
    /// The programme it belongs to.
    pub programme: String,
    /// "Certificate of attendance".
    pub heading: String,
    /// "… certifies that".
    pub certifies: String,
    /// The person's full name.
    pub name: String,
    /// Their role and body, as the Region writes them.
    pub title: String,
    /// "attended the training workshop".
    pub attended: String,
    /// The workshop's title.
    pub workshop: String,
    /// Its date, place and duration, one line each.
    pub details: Vec<String>,
    /// "Verification code: TKW-…".
    pub code: String,
    /// How to have the code checked.
    pub verify: String,
    /// "Issued on …".
    pub issued: String,
}

/// The certificate as one SVG page.
pub fn svg(text: &CertificateText, direction: Direction) -> String {
    let mut page = Svg::new(WIDTH, HEIGHT, direction);
    // A double frame.
    frame(&mut page, MARGIN, 3.0, GREEN);
    frame(&mut page, MARGIN + 8.0, 1.0, GREEN);
    let centre = WIDTH / 2.0;
    let mut y = 92.0;
    let line = |page: &mut Svg, y: &mut f32, font: Font, text: &str, after: f32| {
        page.text(centre, *y, Anchor::Middle, font, text);
        *y += after;
    };
    line(
        &mut page,
        &mut y,
        Font::bold(15.0).colour(GREEN),
        &text.issuer,
        22.0,
    );
    line(
        &mut page,
        &mut y,
        Font::regular(12.0).colour(GREY),
        &text.programme,
        58.0,
    );
    line(
        &mut page,
        &mut y,
        Font::bold(30.0).colour(GREEN),
        &text.heading,
        44.0,
    );
    line(
        &mut page,
        &mut y,
        Font::regular(14.0),
        &text.certifies,
        40.0,
    );
    line(&mut page, &mut y, Font::bold(26.0), &text.name, 26.0);
    line(
        &mut page,
        &mut y,
        Font::regular(14.0).colour(GREY),
        &text.title,
        36.0,
    );
    line(&mut page, &mut y, Font::regular(14.0), &text.attended, 32.0);
    // A long title on two or three lines rather than off the page.
    for part in wrap(&text.workshop, 60).iter().take(3) {
        line(&mut page, &mut y, Font::bold(19.0), part, 26.0);
    }
    y += 8.0;
    let details = text.details.join("   ·   ");
    for part in wrap(&details, 110).iter().take(2) {
        line(&mut page, &mut y, Font::regular(12.5), part, 20.0);
    }
    // The foot: the code where reading starts, the day of issue where it ends.
    let foot = HEIGHT - MARGIN - 40.0;
    page.line(
        (MARGIN + 40.0, foot - 22.0),
        (WIDTH - MARGIN - 40.0, foot - 22.0),
        GREEN,
        0.5,
    );
    let inside = MARGIN + 40.0;
    page.text(inside, foot, Anchor::Start, Font::bold(12.0), &text.code);
    page.text(
        inside,
        foot + 16.0,
        Anchor::Start,
        Font::regular(9.5).colour(GREY),
        &text.verify,
    );
    page.text(
        WIDTH - inside,
        foot,
        Anchor::Start,
        Font::regular(11.0),
        &text.issued,
    );
    page.finish()
}

/// A rectangle's outline `inset` from the page's edges.
fn frame(page: &mut Svg, inset: f32, width: f32, colour: &str) {
    let (left, right) = (inset, WIDTH - inset);
    let (top, bottom) = (inset, HEIGHT - inset);
    page.line((left, top), (right, top), colour, width);
    page.line((right, top), (right, bottom), colour, width);
    page.line((right, bottom), (left, bottom), colour, width);
    page.line((left, bottom), (left, top), colour, width);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::render;
    use resvg::usvg;

    fn sample(arabic: bool) -> CertificateText {
        let (name, heading) = if arabic {
            ("فاطمة الزهراء بناني", "شهادة حضور")
        } else {
            ("Fatima Zahra Bennani", "Attestation de présence")
        };
        CertificateText {
            issuer: "Région Fès-Meknès".into(),
            programme: "Formation continue des élus".into(),
            heading: heading.into(),
            certifies: "certifie que".into(),
            name: name.into(),
            title: "Président de la commune, Agourai".into(),
            attended: "a suivi l'atelier".into(),
            workshop: "Programmation du budget communal".into(),
            details: vec!["20/01/2026".into(), "Siège de la province".into()],
            code: "TKW-7K3M-Q9PD".into(),
            verify: "takwin certificate verify".into(),
            issued: "Délivré le 20/01/2026".into(),
        }
    }

    /// Each text of the page laid out by usvg: its characters and its box (left, right).
    fn texts(svg: &str) -> Vec<(String, f32, f32)> {
        let tree = render::tree(svg).unwrap();
        let mut out = Vec::new();
        for node in tree.root().children() {
            if let usvg::Node::Text(text) = node {
                let chars: String = text.chunks().iter().map(|c| c.text()).collect();
                let chars: String = chars
                    .chars()
                    .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
                    .collect();
                let bbox = text.bounding_box();
                out.push((chars.trim().to_owned(), bbox.left(), bbox.right()));
            }
        }
        out
    }

    #[test]
    fn the_page_names_the_person_and_holds_the_code() {
        let svg = svg(&sample(false), Direction::LeftToRight);
        let texts = texts(&svg);
        assert!(
            texts.iter().any(|t| t.0 == "Fatima Zahra Bennani"),
            "{texts:?}"
        );
        let code = texts.iter().find(|t| t.0 == "TKW-7K3M-Q9PD").unwrap();
        assert!(
            code.1 < WIDTH / 4.0,
            "the code stands on the left: {code:?}"
        );
        let pdf = render::pdf("Attestation", &[svg]).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn in_arabic_the_page_reads_from_the_right() {
        let svg = svg(&sample(true), Direction::RightToLeft);
        assert!(
            svg.contains("\u{2067}") || svg.contains("\u{2068}"),
            "texts are isolated"
        );
        let texts = texts(&svg);
        // The code, where reading starts, stands on the right; the day of issue on the left.
        let code = texts.iter().find(|t| t.0 == "TKW-7K3M-Q9PD").unwrap();
        assert!(code.2 > WIDTH * 3.0 / 4.0, "{code:?}");
        let issued = texts.iter().find(|t| t.0.starts_with("Délivré")).unwrap();
        assert!(issued.1 < WIDTH / 4.0, "{issued:?}");
        // The Arabic name is drawn, its letters right to left.
        let tree = render::tree(&svg).unwrap();
        let mut xs = Vec::new();
        for node in tree.root().children() {
            if let usvg::Node::Text(text) = node {
                for span in text.layouted() {
                    for g in &span.positioned_glyphs {
                        if "فاطمة".contains(g.text.as_str()) && !g.text.trim().is_empty() {
                            xs.push((g.text.clone(), g.transform().tx));
                        }
                    }
                }
            }
        }
        let fa = xs.iter().find(|g| g.0 == "ف").unwrap().1;
        let ta = xs.iter().find(|g| g.0 == "ط").unwrap().1;
        assert!(fa > ta, "ف is right of ط: {xs:?}");
    }
}
