//! A small writer of SVG: the charts and pages are a few rectangles, lines and texts, so a
//! string builder with correct escaping says it more plainly than an SVG document crate would.
//! What a text looks like (shaping, right-to-left order) is left to usvg when it is drawn.

use std::fmt::Write as _;

/// Which way a drawing reads: Arabic from the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Direction {
    /// The direction of a language by its code (`ar` reads from the right).
    pub fn of_language(code: &str) -> Direction {
        match code {
            "ar" => Direction::RightToLeft,
            _ => Direction::LeftToRight,
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Direction::RightToLeft
    }
}

/// Where a text stands against its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is where the text begins when read (its left in French, its right in Arabic).
    Start,
    Middle,
    /// `x` is where the text ends when read.
    End,
}

/// How a text is written.
#[derive(Debug, Clone, Copy)]
pub struct Font {
    pub size: f32,
    pub bold: bool,
    pub colour: &'static str,
}

impl Font {
    pub const fn regular(size: f32) -> Font {
        Font {
            size,
            bold: false,
            colour: "#212121",
        }
    }

    pub const fn bold(size: f32) -> Font {
        Font {
            size,
            bold: true,
            colour: "#212121",
        }
    }

    pub const fn colour(self, colour: &'static str) -> Font {
        Font { colour, ..self }
    }
}

/// An SVG drawing being written, `width` × `height` units (pixels in a PNG, points in a PDF).
pub struct Svg {
    width: f32,
    height: f32,
    direction: Direction,
    body: String,
}

impl Svg {
    pub fn new(width: f32, height: f32, direction: Direction) -> Svg {
        Svg {
            width,
            height,
            direction,
            body: String::new(),
        }
    }

    pub fn width(&self) -> f32 {
        self.width
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The `x` of a point `from_start` units from the side a reader starts at: mirrored in
    /// Arabic, so the same layout code draws both.
    pub fn x(&self, from_start: f32) -> f32 {
        match self.direction {
            Direction::LeftToRight => from_start,
            Direction::RightToLeft => self.width - from_start,
        }
    }

    /// A filled rectangle, in absolute coordinates.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, fill: &str) {
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.2}" y="{y:.2}" width="{width:.2}" height="{height:.2}" fill="{fill}"/>"#
        );
    }

    /// A rectangle between two reading positions (`from` and `to` from the start side), so
    /// that a bar grows in the reading direction.
    pub fn span(&mut self, from: f32, to: f32, y: f32, height: f32, fill: &str) {
        let (a, b) = (self.x(from), self.x(to));
        self.rect(a.min(b), y, (b - a).abs(), height, fill);
    }

    /// A line, in absolute coordinates.
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), stroke: &str, width: f32) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{stroke}" stroke-width="{width}"/>"#
        );
    }

    /// Another drawing placed with its top left corner at `(x, y)`, scaled: a chart on a
    /// page. Its own direction and fonts go with it.
    pub fn embed(&mut self, x: f32, y: f32, scale: f32, svg: &str) {
        let _ = writeln!(
            self.body,
            r#"<g transform="translate({x:.2} {y:.2}) scale({scale:.4})">{svg}</g>"#
        );
    }

    /// A text at `from_start` units from the reader's starting side, its baseline at `y`.
    ///
    /// usvg lays each text out as a left-to-right paragraph, which in an Arabic drawing would
    /// put a Latin name or a figure on the wrong side of the Arabic around it: there the
    /// text is isolated (U+2068 … U+2069), so it runs right to left when its first letter is
    /// Arabic, and left to right when it is Latin (a French title, its ellipsis at its end).
    ///
    /// The shaper draws those marks with the font's space glyph, and a PDF maps each glyph
    /// back to one text (the last it was seen with): a space kept after the isolate, last,
    /// makes that glyph copy out as a space, so words stay apart and searchable.
    pub fn text(&mut self, from_start: f32, y: f32, anchor: Anchor, font: Font, text: &str) {
        let x = self.x(from_start);
        let rtl = self.direction.is_rtl();
        let anchor = match (anchor, rtl) {
            (Anchor::Middle, _) => "middle",
            (Anchor::Start, false) | (Anchor::End, true) => "start",
            (Anchor::Start, true) | (Anchor::End, false) => "end",
        };
        let weight = if font.bold { "bold" } else { "normal" };
        let (open, close, space) = match rtl {
            true => ("\u{2068}", "\u{2069} ", r#" xml:space="preserve""#),
            false => ("", "", ""),
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.2}" y="{y:.2}" font-size="{}" font-weight="{weight}" text-anchor="{anchor}" fill="{}"{space}>{open}{}{close}</text>"#,
            font.size,
            font.colour,
            escape(text)
        );
    }

    /// The finished document.
    pub fn finish(self) -> String {
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" "#,
                r#"viewBox="0 0 {w} {h}" font-family="{families}">"#,
                "\n",
                r#"<rect width="{w}" height="{h}" fill="white"/>"#,
                "\n{body}</svg>\n"
            ),
            w = self.width,
            h = self.height,
            families = super::fonts::FAMILY,
            body = self.body
        )
    }
}

/// Escapes text for SVG (XML): names and titles come from people. XML 1.0 refuses most
/// control characters, which carry nothing in a label: they become spaces.
pub fn escape(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect();
    crate::domain::html::escape(&cleaned)
}

/// Shortens a label to `max` characters, marking the cut with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_people_is_escaped() {
        assert_eq!(
            escape("<b>Ait & \"Fils\"</b>\u{7}"),
            "&lt;b&gt;Ait &amp; &quot;Fils&quot;&lt;/b&gt; "
        );
    }

    #[test]
    fn a_long_label_is_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Sidi Addi", 20), "Sidi Addi");
        assert_eq!(shorten("Ait Yaazem Ait Yaazem", 10), "Ait Yaaze…");
        assert_eq!(shorten("Ait Yaazem Ait", 12), "Ait Yaazem…");
    }

    #[test]
    fn positions_are_mirrored_in_arabic() {
        let ltr = Svg::new(100.0, 10.0, Direction::LeftToRight);
        let rtl = Svg::new(100.0, 10.0, Direction::RightToLeft);
        assert_eq!(ltr.x(20.0), 20.0);
        assert_eq!(rtl.x(20.0), 80.0);
    }
}
