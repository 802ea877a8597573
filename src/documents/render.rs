//! Drawings turned into files: PNG for Telegram, PDF for print. usvg lays the text out with
//! the built-in fonts (shaping Arabic into joined letters), resvg paints the pixels, and
//! svg2pdf writes the same tree as PDF with its text kept as text (searchable, and copied
//! out as the letters it shows).

use std::collections::HashMap;

use anyhow::Context as _;
use pdf_writer::{Content, Finish as _, Name, Pdf, Rect, Ref, TextStr};

use resvg::{tiny_skia, usvg};

use super::fonts;

/// Parses an SVG document with the built-in fonts and nothing from the machine: no system
/// font, no file the document might name.
pub fn tree(svg: &str) -> anyhow::Result<usvg::Tree> {
    let options = usvg::Options {
        fontdb: fonts::database(),
        font_family: fonts::FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).context("an SVG drawing did not parse")
}

/// Draws an SVG document as a PNG image, one pixel per unit of the drawing times `scale`.
pub fn png(svg: &str, scale: f32) -> anyhow::Result<Vec<u8>> {
    let tree = tree(svg)?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .context("empty drawing")?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .context("a drawing too large to paint")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().context("cannot encode a PNG")
}

/// Writes SVG pages as one PDF, each page the size of its drawing in points, with `title`
/// in the document's properties.
pub fn pdf(title: &str, pages: &[String]) -> anyhow::Result<Vec<u8>> {
    let mut book = PdfBook::new(title);
    for page in pages {
        book.add(page)?;
    }
    Ok(book.finish())
}

/// A PDF being written a page at a time: each drawing is turned into PDF objects as it
/// comes, and only those are kept, so a long report never holds all its drawings.
pub struct PdfBook {
    pdf: Pdf,
    next: Ref,
    page_tree: Ref,
    kids: Vec<Ref>,
}

impl PdfBook {
    /// An empty PDF with `title` in its properties.
    pub fn new(title: &str) -> PdfBook {
        let mut next = Ref::new(1);
        let catalog = next.bump();
        let page_tree = next.bump();
        let info = next.bump();
        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(page_tree);
        pdf.document_info(info)
            .title(TextStr(title))
            .producer(TextStr("Takwin"));
        PdfBook {
            pdf,
            next,
            page_tree,
            kids: Vec::new(),
        }
    }

    /// Adds an SVG drawing as the next page, the size of the drawing in points.
    pub fn add(&mut self, svg: &str) -> anyhow::Result<()> {
        let tree = tree(svg)?;
        let (width, height) = (tree.size().width(), tree.size().height());
        let (chunk, drawing) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| anyhow::anyhow!("cannot write a page as PDF: {e}"))?;
        // Each page's objects are numbered from 1 by svg2pdf: renumber them after ours.
        let mut numbers = HashMap::new();
        let next = &mut self.next;
        let chunk = chunk.renumber(|old| *numbers.entry(old).or_insert_with(|| next.bump()));
        let drawing = numbers[&drawing];
        let (page_id, content_id) = (self.next.bump(), self.next.bump());
        let mut page = self.pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, width, height));
        page.parent(self.page_tree);
        page.contents(content_id);
        page.resources().x_objects().pair(Name(b"D"), drawing);
        page.finish();
        let mut content = Content::new();
        content
            .transform([width, 0.0, 0.0, height, 0.0, 0.0])
            .x_object(Name(b"D"));
        self.pdf.stream(content_id, &content.finish());
        self.pdf.extend(&chunk);
        self.kids.push(page_id);
        Ok(())
    }

    /// How many pages it has so far.
    pub fn pages(&self) -> usize {
        self.kids.len()
    }

    /// The PDF's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        let count = i32::try_from(self.kids.len()).unwrap_or(i32::MAX);
        self.pdf
            .pages(self.page_tree)
            .kids(self.kids.iter().copied())
            .count(count);
        self.pdf.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::svg::{Anchor, Direction, Font, Svg};

    /// The glyphs of a one-line text drawn in Arabic, in the order of the text's characters,
    /// with where each is drawn from the left.
    fn glyphs(text: &str) -> Vec<(u16, String, f32)> {
        let mut svg = Svg::new(600.0, 100.0, Direction::RightToLeft);
        svg.text(20.0, 60.0, Anchor::Start, Font::bold(32.0), text);
        let tree = tree(&svg.finish()).unwrap();
        let mut out = Vec::new();
        for node in tree.root().children() {
            if let usvg::Node::Text(text) = node {
                for span in text.layouted() {
                    for g in &span.positioned_glyphs {
                        out.push((g.id.0, g.text.clone(), g.transform().tx));
                    }
                }
            }
        }
        // The isolate marks around the text, and the space after it, draw nothing.
        out.retain(|(_, t, _)| !matches!(t.as_str(), "\u{2068}" | "\u{2069}" | " "));
        out.sort_by_key(|(_, t, _)| text.find(t.as_str()).unwrap_or(usize::MAX));
        out
    }

    #[test]
    fn an_arabic_title_is_shaped_into_joined_letters() {
        // Takwin, «تكوين»: every letter is joined to a neighbour, so none may be drawn with
        // the glyph it has standing alone.
        let word = glyphs("تكوين");
        assert_eq!(word.len(), 5, "{word:?}");
        for (id, letter, _) in &word {
            let alone = glyphs(letter);
            assert_eq!(alone.len(), 1);
            assert_ne!(*id, alone[0].0, "{letter} is drawn in its isolated form");
        }
    }

    #[test]
    fn an_arabic_title_runs_right_to_left_with_its_latin_words_in_place() {
        let word = glyphs("تكوين");
        let xs: Vec<f32> = word.iter().map(|g| g.2).collect();
        assert!(
            xs.windows(2).all(|w| w[0] > w[1]),
            "each letter is left of the one before it: {word:?}"
        );
        // A Latin name inside Arabic stands to the left of the Arabic it follows, its own
        // letters still left to right.
        let named = glyphs("إقليم El Hajeb");
        let x = |c: &str| named.iter().find(|g| g.1 == c).unwrap().2;
        assert!(x("E") < x("إ") && x("E") < x("H"), "{named:?}");
        // A figure after Arabic stands to its left, its digits in their Western order.
        let counted = glyphs("الحضور 75");
        let x = |c: &str| counted.iter().find(|g| g.1 == c).unwrap().2;
        assert!(x("7") < x("ر") && x("7") < x("5"), "{counted:?}");
    }

    #[test]
    fn pages_make_one_pdf_with_one_page_each() {
        let page = |title: &str| {
            let mut svg = Svg::new(595.0, 842.0, Direction::LeftToRight);
            svg.text(40.0, 60.0, Anchor::Start, Font::bold(20.0), title);
            svg.finish()
        };
        let pdf = pdf("Programme", &[page("One"), page("Two")]).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, 2);
    }
}
