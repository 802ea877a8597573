//! A document of plain blocks — headings, paragraphs, key figures, tables, charts — laid out
//! as A4 pages (SVG, then PDF through [`super::render::pdf`]) or as one HTML page. The
//! programme report and anything like it are written once as blocks, already in the reader's
//! language, and come out alike in both formats, right to left in Arabic.

use std::fmt::Write as _;

use super::chart::Chart;
use super::svg::{Anchor, Direction, Font, Svg, escape, shorten};

/// An A4 page in points.
pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 48.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// The lowest a block may reach; below it, the page number.
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN - 14.0;

const BODY: Font = Font::regular(10.0);
const LINE: f32 = 15.0;
const ROW: f32 = 17.0;
const GREY: &str = "#616161";

/// One part of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The first page: a title, lines under it; the rest begins on the next page.
    Cover { title: String, lines: Vec<String> },
    /// A section's heading; it never stands alone at the bottom of a page.
    Heading(String),
    /// Running text, wrapped to the page.
    Paragraph(String),
    /// Key figures: a large value over its label, three to a line.
    Figures(Vec<(String, String)>),
    /// A table; on a page break its header is written again.
    Table(Table),
    /// A chart, drawn across the page.
    Chart(Chart),
}

/// A table: its columns and rows of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// A column: its title, its share of the width, and whether it holds figures (aligned on
/// their end, so units line up with units).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub figures: bool,
}

impl Column {
    pub fn text(title: impl Into<String>, width: f32) -> Column {
        Column {
            title: title.into(),
            width,
            figures: false,
        }
    }

    pub fn figures(title: impl Into<String>, width: f32) -> Column {
        Column {
            title: title.into(),
            width,
            figures: true,
        }
    }
}

/// A whole document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// The language's code, for HTML's `lang`.
    pub language: String,
    pub direction: Direction,
    /// The page number's words, `{page}` and `{pages}` replaced: «Page {page} of {pages}».
    pub page_label: String,
    pub blocks: Vec<Block>,
}

/// Characters of body text that fit in `width` points: a mean advance of half the font's
/// size holds for Noto Sans and Noto Sans Arabic alike, and a line a little short is better
/// than one that runs off the page.
fn fits(width: f32, font: Font) -> usize {
    (width / (font.size * 0.52)).floor().max(1.0) as usize
}

/// Breaks text into lines of at most `max` characters, at spaces; a word longer than a line
/// is cut.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let needed =
                line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
            if needed > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            while line.chars().count() > max {
                let head: String = line.chars().take(max).collect();
                line = line.chars().skip(max).collect();
                lines.push(head);
            }
        }
        lines.push(line);
    }
    lines
}

/// The pages being written.
///
/// Each finished page goes to `sink` at once, numbered «page n of `total`», so that a long
/// report is never held whole: laid out once to count its pages, then again to write them.
struct Pages<'a, S: FnMut(String)> {
    document: &'a Document,
    /// How many pages there are, once counted.
    total: usize,
    done: usize,
    sink: S,
    page: Svg,
    /// Where the next block begins.
    y: f32,
}

impl<'a, S: FnMut(String)> Pages<'a, S> {
    fn new(document: &'a Document, total: usize, sink: S) -> Pages<'a, S> {
        Pages {
            document,
            total,
            done: 0,
            sink,
            page: Svg::new(PAGE_WIDTH, PAGE_HEIGHT, document.direction),
            y: MARGIN,
        }
    }

    fn next_page(&mut self) {
        let mut page = std::mem::replace(
            &mut self.page,
            Svg::new(PAGE_WIDTH, PAGE_HEIGHT, self.document.direction),
        );
        self.done += 1;
        let label = self
            .document
            .page_label
            .replace("{page}", &self.done.to_string())
            .replace("{pages}", &self.total.to_string());
        page.text(
            PAGE_WIDTH / 2.0,
            PAGE_HEIGHT - MARGIN + 8.0,
            Anchor::Middle,
            Font::regular(8.0).colour(GREY),
            &label,
        );
        (self.sink)(page.finish());
        self.y = MARGIN;
    }

    /// Makes room for `height` points, on a new page if this one is too full.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN {
            self.next_page();
        }
    }

    fn text(&mut self, from_start: f32, anchor: Anchor, font: Font, text: &str) {
        self.page
            .text(MARGIN + from_start, self.y, anchor, font, text);
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Cover { title, lines } => {
                self.y = 300.0;
                self.page.rect(0.0, 0.0, PAGE_WIDTH, 12.0, "#1b7837");
                for line in wrap(title, fits(CONTENT_WIDTH, Font::bold(24.0))) {
                    self.text(0.0, Anchor::Start, Font::bold(24.0), &line);
                    self.y += 34.0;
                }
                self.y += 10.0;
                for line in lines {
                    self.text(0.0, Anchor::Start, Font::regular(13.0).colour(GREY), line);
                    self.y += 22.0;
                }
                self.next_page();
            }
            Block::Heading(text) => {
                // A heading keeps at least two lines of what follows with it.
                self.room(34.0 + 2.0 * ROW);
                self.y += 20.0;
                self.text(0.0, Anchor::Start, Font::bold(15.0), text);
                self.page.line(
                    (MARGIN, self.y + 6.0),
                    (PAGE_WIDTH - MARGIN, self.y + 6.0),
                    "#1b7837",
                    1.0,
                );
                self.y += 22.0;
            }
            Block::Paragraph(text) => {
                for line in wrap(text, fits(CONTENT_WIDTH, BODY)) {
                    self.room(LINE);
                    self.y += LINE;
                    self.text(0.0, Anchor::Start, BODY, &line);
                }
                self.y += 6.0;
            }
            Block::Figures(figures) => {
                let width = CONTENT_WIDTH / 3.0;
                let label_font = Font::regular(8.5).colour(GREY);
                for three in figures.chunks(3) {
                    self.room(70.0);
                    let top = self.y;
                    for (i, (value, label)) in three.iter().enumerate() {
                        let from = width * i as f32;
                        let (a, b) = (
                            self.page.x(MARGIN + from),
                            self.page.x(MARGIN + from + width - 8.0),
                        );
                        self.page
                            .rect(a.min(b), top + 4.0, width - 8.0, 62.0, "#f3f7f3");
                        self.y = top + 30.0;
                        self.text(from + 8.0, Anchor::Start, Font::bold(18.0), value);
                        // The label on two lines at most: a long one is cut, not spilled.
                        let lines = wrap(label, fits(width - 16.0, label_font));
                        for (n, line) in lines.iter().take(2).enumerate() {
                            self.y = top + 46.0 + 11.0 * n as f32;
                            let line = match (n, lines.len() > 2) {
                                (1, true) => {
                                    shorten(&format!("{line} …"), fits(width - 16.0, label_font))
                                }
                                _ => line.clone(),
                            };
                            self.text(from + 8.0, Anchor::Start, label_font, &line);
                        }
                    }
                    self.y = top + 74.0;
                }
            }
            Block::Table(table) => self.table(table),
            Block::Chart(chart) => {
                let scale = CONTENT_WIDTH / super::chart::WIDTH;
                let height = chart.height() * scale;
                self.room(height + 8.0);
                let x = MARGIN;
                self.page.embed(x, self.y + 4.0, scale, &chart.to_svg());
                self.y += height + 8.0;
            }
        }
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.columns.iter().map(|c| c.width).sum::<f32>().max(1.0);
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| CONTENT_WIDTH * c.width / total)
            .collect();
        let header = |pages: &mut Self| {
            pages.y += 4.0;
            pages
                .page
                .rect(MARGIN, pages.y, CONTENT_WIDTH, ROW, "#1b7837");
            pages.y += ROW - 5.0;
            pages.row(
                &table.columns,
                &widths,
                table.columns.iter().map(|c| c.title.as_str()),
                Font::bold(8.5).colour("#ffffff"),
            );
            pages.y += 5.0;
        };
        self.room(2.0 * ROW + 4.0);
        header(self);
        for (n, cells) in table.rows.iter().enumerate() {
            if self.y + ROW > BOTTOM {
                self.next_page();
                header(self);
            }
            if n % 2 == 1 {
                self.page
                    .rect(MARGIN, self.y, CONTENT_WIDTH, ROW, "#f5f5f5");
            }
            self.y += ROW - 5.0;
            self.row(
                &table.columns,
                &widths,
                cells.iter().map(String::as_str),
                Font::regular(8.5),
            );
            self.y += 5.0;
        }
        self.y += 8.0;
    }

    fn row<'c>(
        &mut self,
        columns: &[Column],
        widths: &[f32],
        cells: impl Iterator<Item = &'c str>,
        font: Font,
    ) {
        let mut from = 0.0;
        for ((column, width), cell) in columns.iter().zip(widths).zip(cells) {
            let text = shorten(cell, fits(width - 8.0, font));
            match column.figures {
                true => self.text(from + width - 4.0, Anchor::End, font, &text),
                false => self.text(from + 4.0, Anchor::Start, font, &text),
            }
            from += width;
        }
    }

    /// Ends the last page.
    fn finish(mut self) {
        self.next_page();
    }
}

impl Document {
    /// The document as A4 pages of SVG, in order.
    pub fn pages(&self) -> Vec<String> {
        let mut pages = Vec::new();
        self.each_page(|page| pages.push(page));
        pages
    }

    /// The document as a PDF, each page written as soon as it is laid out; `progress` hears
    /// how many pages are done, of how many.
    pub fn pdf(&self, mut progress: impl FnMut(usize, usize)) -> anyhow::Result<Vec<u8>> {
        let total = self.page_count();
        let mut book = super::render::PdfBook::new(&self.title);
        let mut failed = None;
        self.lay_out(total, |page| {
            if failed.is_none() {
                match book.add(&page) {
                    Ok(()) => progress(book.pages(), total),
                    Err(error) => failed = Some(error),
                }
            }
        });
        match failed {
            Some(error) => Err(error),
            None => Ok(book.finish()),
        }
    }

    /// How many pages the document takes.
    pub fn page_count(&self) -> usize {
        let mut count = 0;
        self.lay_out(0, |_| count += 1);
        count
    }

    /// Hands each page to `sink` as soon as it is laid out, in order, numbered: a long
    /// document is never held whole (it is laid out twice: once to count its pages).
    pub fn each_page(&self, sink: impl FnMut(String)) {
        let total = self.page_count();
        self.lay_out(total, sink);
    }

    fn lay_out(&self, total: usize, sink: impl FnMut(String)) {
        let mut pages = Pages::new(self, total, sink);
        for block in &self.blocks {
            pages.block(block);
        }
        pages.finish();
    }

    /// The document as one HTML page, right to left in Arabic; charts inline as SVG.
    pub fn html(&self) -> String {
        let dir = if self.direction.is_rtl() {
            "rtl"
        } else {
            "ltr"
        };
        let mut out = String::new();
        let _ = write!(
            out,
            concat!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n",
                "<meta charset=\"utf-8\">\n",
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
                "<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
            ),
            lang = escape(&self.language),
            dir = dir,
            title = escape(&self.title),
            style = STYLE,
        );
        for block in &self.blocks {
            match block {
                Block::Cover { title, lines } => {
                    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(title));
                    for line in lines {
                        let _ = writeln!(out, "<p>{}</p>", escape(line));
                    }
                    out.push_str("</header>\n");
                }
                Block::Heading(text) => {
                    let _ = writeln!(out, "<h2>{}</h2>", escape(text));
                }
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(text));
                }
                Block::Figures(figures) => {
                    out.push_str("<div class=\"figures\">\n");
                    for (value, label) in figures {
                        let _ = writeln!(
                            out,
                            "<div><strong>{}</strong><span>{}</span></div>",
                            escape(value),
                            escape(label)
                        );
                    }
                    out.push_str("</div>\n");
                }
                Block::Table(table) => {
                    out.push_str("<table>\n<thead><tr>");
                    for column in &table.columns {
                        let _ = write!(out, "<th>{}</th>", escape(&column.title));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in &table.rows {
                        out.push_str("<tr>");
                        for (column, cell) in table.columns.iter().zip(row) {
                            let class = if column.figures { " class=\"n\"" } else { "" };
                            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Chart(chart) => {
                    let _ = writeln!(out, "<figure>{}</figure>", chart.to_svg());
                }
            }
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// The HTML page's look: the same fonts' names as the PDF (a reader who has them sees the
/// same letters; others get their system's Arabic font, shaped by the browser).
const STYLE: &str = "body { font-family: 'Noto Sans Arabic', 'Noto Sans', sans-serif; \
max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #212121; line-height: 1.5 }
header { border-top: 0.6rem solid #1b7837; padding-top: 1rem; margin-bottom: 2rem }
h2 { border-bottom: 1px solid #1b7837; margin-top: 2rem }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.5rem }
.figures div { background: #f3f7f3; padding: 0.5rem 0.8rem }
.figures strong { display: block; font-size: 1.5rem }
.figures span { color: #616161; font-size: 0.85rem }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem }
th { background: #1b7837; color: white; text-align: start; padding: 0.2rem 0.4rem }
td { padding: 0.2rem 0.4rem; border-bottom: 1px solid #e0e0e0 }
td.n { text-align: end; font-variant-numeric: tabular-nums }
figure { margin: 1rem 0 } figure svg { max-width: 100%; height: auto }
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::render;

    fn document(direction: Direction, rows: usize) -> Document {
        Document {
            title: "Programme".into(),
            language: "fr".into(),
            direction,
            page_label: "Page {page} sur {pages}".into(),
            blocks: vec![
                Block::Cover {
                    title: "Rapport du programme".into(),
                    lines: vec!["Région Fès-Meknès".into()],
                },
                Block::Heading("Chiffres clés".into()),
                Block::Figures(vec![
                    ("12".into(), "ateliers".into()),
                    ("62,5 %".into(), "présence".into()),
                ]),
                Block::Heading("Communes".into()),
                Block::Table(Table {
                    columns: vec![
                        Column::text("Commune", 3.0),
                        Column::figures("Présents", 1.0),
                    ],
                    rows: (0..rows)
                        .map(|i| vec![format!("Commune {i}"), i.to_string()])
                        .collect(),
                }),
                Block::Paragraph("Un commentaire <anonyme> & libre. ".repeat(30)),
            ],
        }
    }

    #[test]
    fn lines_wrap_at_spaces_and_cut_only_words_too_long() {
        assert_eq!(wrap("un deux trois", 8), vec!["un deux", "trois"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn a_long_table_runs_onto_pages_that_each_repeat_its_header() {
        let pages = document(Direction::LeftToRight, 120).pages();
        // The cover, then about 40 rows a page.
        assert!(pages.len() >= 4, "{} pages", pages.len());
        for page in &pages[2..pages.len() - 1] {
            assert!(page.contains(">Commune</text>"), "header on every page");
        }
        assert!(pages[0].contains("Rapport du programme"));
        assert!(
            pages
                .last()
                .unwrap()
                .contains(&format!("Page {n} sur {n}", n = pages.len()))
        );
        // Every row is written once.
        let all = pages.concat();
        for i in [0, 59, 119] {
            assert_eq!(all.matches(&format!(">Commune {i}</text>")).count(), 1);
        }
        let pdf = render::pdf("Programme", &pages).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        let count = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(count, pages.len());
        // Written a page at a time, it has the same pages, its progress told page by page.
        let mut told = Vec::new();
        let streamed = document(Direction::LeftToRight, 120)
            .pdf(|done, total| told.push((done, total)))
            .unwrap();
        let text = String::from_utf8_lossy(&streamed);
        let count = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(count, pages.len());
        assert_eq!(told.len(), pages.len());
        assert_eq!(told.last(), Some(&(pages.len(), pages.len())));
    }

    #[test]
    fn html_reads_right_to_left_in_arabic_and_escapes_what_people_wrote() {
        let mut arabic = document(Direction::RightToLeft, 3);
        arabic.language = "ar".into();
        let html = arabic.html();
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
        assert!(html.contains("&lt;anonyme&gt; &amp; libre"));
        assert!(html.contains(r#"<td class="n">2</td>"#));
    }
}
