//! Charts as SVG, from plain data whose labels are already in the reader's language: one row
//! per province, commune, workshop, question or month, each a bar cut into coloured parts
//! (yes / no / no answer; paid in full / in part / nothing …) with a figure beside it.
//!
//! Horizontal bars because the labels are names: they stay readable at any length on a
//! phone, where columns would tilt them. In Arabic the whole chart is mirrored: labels on the
//! right, bars growing to the left, legend read from the right.

use super::svg::{Anchor, Direction, Font, Svg, shorten};

/// The width of every chart, in pixels: Telegram shows a photo up to 1,280 pixels wide, and
/// 1,000 keeps the labels sharp on a phone without a heavy file.
pub const WIDTH: f32 = 1000.0;
/// The margin around everything.
pub const MARGIN: f32 = 28.0;
/// The column of row labels, from the reader's starting side.
pub const LABEL_WIDTH: f32 = 260.0;
/// The column of figures after each bar.
pub const FIGURE_WIDTH: f32 = 150.0;
/// The gap between columns.
pub const GAP: f32 = 14.0;
/// Where the bars begin, from the reader's starting side.
pub const BAR_START: f32 = MARGIN + LABEL_WIDTH + GAP;
/// How long a full bar is.
pub const BAR_LENGTH: f32 = WIDTH - BAR_START - GAP - FIGURE_WIDTH - MARGIN;
/// The height of a row, and of a bar in it.
pub const ROW_HEIGHT: f32 = 36.0;
pub const BAR_HEIGHT: f32 = 24.0;
/// Where the first row begins: below the title, the subtitle and the legend.
pub const ROWS_TOP: f32 = 150.0;

/// The colours of the parts, chosen to be told apart by the colour-blind too (dark green,
/// orange, grey and blue differ in lightness, not only in hue).
pub mod colours {
    pub const YES: &str = "#1b7837";
    pub const NO: &str = "#e08214";
    pub const NONE: &str = "#bdbdbd";
    pub const PRESENT: &str = "#2166ac";
    pub const PARTLY: &str = "#fdb863";
    pub const BACKGROUND: &str = "#f0f0f0";
}

/// What a bar's length is measured against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Each row's parts share its whole bar: a distribution (answers, funding states).
    Share,
    /// Every bar against the same largest value (the figures of months, counts): `None` takes
    /// the largest row.
    Count(Option<u64>),
}

/// One part of every row: its name in the legend and its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub colour: &'static str,
}

/// One row: its label, the value of each series in order, and the figure written after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub values: Vec<u64>,
    pub figure: String,
}

/// A chart, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// A second line under the title: the period, the province, what the figure says.
    pub subtitle: String,
    pub direction: Direction,
    pub scale: Scale,
    pub series: Vec<Series>,
    pub rows: Vec<Row>,
}

impl Chart {
    /// The height of the drawing: it grows with the rows.
    pub fn height(&self) -> f32 {
        ROWS_TOP + ROW_HEIGHT * self.rows.len().max(1) as f32 + MARGIN
    }

    /// The top of row `index`'s bar.
    pub fn bar_top(index: usize) -> f32 {
        ROWS_TOP + ROW_HEIGHT * index as f32 + (ROW_HEIGHT - BAR_HEIGHT) / 2.0
    }

    /// Where a reader finds the point `share` of the way along row `index`'s bar (0 at the
    /// bar's start, 1 at its end), in the drawing's pixels: mirrored in Arabic.
    pub fn point(&self, index: usize, share: f32) -> (f32, f32) {
        let from_start = BAR_START + BAR_LENGTH * share;
        let x = match self.direction {
            Direction::LeftToRight => from_start,
            Direction::RightToLeft => WIDTH - from_start,
        };
        (x, Chart::bar_top(index) + BAR_HEIGHT / 2.0)
    }

    /// The chart as an SVG document.
    pub fn to_svg(&self) -> String {
        let mut svg = Svg::new(WIDTH, self.height(), self.direction);
        svg.text(MARGIN, 48.0, Anchor::Start, Font::bold(26.0), &self.title);
        svg.text(
            MARGIN,
            80.0,
            Anchor::Start,
            Font::regular(17.0).colour("#616161"),
            &self.subtitle,
        );
        self.legend(&mut svg);
        let largest = match self.scale {
            Scale::Share => 0,
            Scale::Count(Some(max)) => max,
            Scale::Count(None) => self
                .rows
                .iter()
                .map(|r| r.values.iter().sum::<u64>())
                .max()
                .unwrap_or(0),
        };
        for (index, row) in self.rows.iter().enumerate() {
            let top = Chart::bar_top(index);
            let baseline = top + BAR_HEIGHT / 2.0 + 6.0;
            svg.text(
                MARGIN,
                baseline,
                Anchor::Start,
                Font::regular(17.0),
                &shorten(&row.label, 28),
            );
            svg.span(
                BAR_START,
                BAR_START + BAR_LENGTH,
                top,
                BAR_HEIGHT,
                colours::BACKGROUND,
            );
            let whole = match self.scale {
                Scale::Share => row.values.iter().sum::<u64>(),
                Scale::Count(_) => largest,
            };
            let mut from = 0u64;
            for (value, series) in row.values.iter().zip(&self.series) {
                let (a, b) = (lengths(from, whole), lengths(from + value, whole));
                svg.span(BAR_START + a, BAR_START + b, top, BAR_HEIGHT, series.colour);
                from += value;
            }
            svg.text(
                BAR_START + BAR_LENGTH + GAP,
                baseline,
                Anchor::Start,
                Font::bold(17.0),
                &row.figure,
            );
        }
        svg.finish()
    }

    /// The legend under the subtitle: a swatch and a name per series, in reading order.
    fn legend(&self, svg: &mut Svg) {
        let mut at = MARGIN;
        for series in &self.series {
            svg.span(at, at + 18.0, 102.0, 18.0, series.colour);
            svg.text(
                at + 26.0,
                117.0,
                Anchor::Start,
                Font::regular(16.0),
                &series.label,
            );
            // A rough advance: 9 pixels a character at this size, in either script.
            at += 26.0 + 9.0 * series.label.chars().count() as f32 + 28.0;
        }
    }
}

/// The length of `value` out of `whole` on a full bar; nothing of nothing.
fn lengths(value: u64, whole: u64) -> f32 {
    if whole == 0 {
        return 0.0;
    }
    BAR_LENGTH * (value.min(whole) as f32 / whole as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::render;

    /// A decoded PNG: its size and its RGBA pixels.
    struct Image {
        width: u32,
        height: u32,
        rgba: Vec<u8>,
    }

    impl Image {
        fn decode(bytes: &[u8]) -> Image {
            let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
            decoder.set_transformations(png::Transformations::EXPAND);
            let mut reader = decoder.read_info().unwrap();
            let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
            let info = reader.next_frame(&mut rgba).unwrap();
            assert_eq!(info.color_type, png::ColorType::Rgba);
            Image {
                width: info.width,
                height: info.height,
                rgba,
            }
        }

        /// The colour at a point, as `#rrggbb`.
        fn at(&self, x: f32, y: f32) -> String {
            let i = ((y as u32 * self.width + x as u32) * 4) as usize;
            let p = &self.rgba[i..i + 3];
            format!("#{:02x}{:02x}{:02x}", p[0], p[1], p[2])
        }
    }

    fn answers(direction: Direction) -> Chart {
        Chart {
            title: "Answers".into(),
            subtitle: "El Hajeb, January 2026".into(),
            direction,
            scale: Scale::Share,
            series: vec![
                Series {
                    label: "yes".into(),
                    colour: colours::YES,
                },
                Series {
                    label: "no".into(),
                    colour: colours::NO,
                },
                Series {
                    label: "no answer".into(),
                    colour: colours::NONE,
                },
            ],
            rows: vec![
                Row {
                    label: "Budget".into(),
                    values: vec![1, 1, 2],
                    figure: "4".into(),
                },
                Row {
                    label: "Urbanisme".into(),
                    values: vec![3, 0, 1],
                    figure: "4".into(),
                },
            ],
        }
    }

    /// The colour a quarter of the way along a row's bar, and so on, from the reading start.
    fn along(image: &Image, direction: Direction, row: usize, share: f32) -> String {
        let (x, y) = answers(direction).point(row, share);
        image.at(x, y)
    }

    #[test]
    fn bars_stand_where_the_data_puts_them() {
        let chart = answers(Direction::LeftToRight);
        let image = Image::decode(&render::png(&chart.to_svg(), 1.0).unwrap());
        assert_eq!((image.width, image.height), (1000, chart.height() as u32));
        // Budget: a quarter yes, a quarter no, half without an answer.
        assert_eq!(along(&image, Direction::LeftToRight, 0, 0.12), colours::YES);
        assert_eq!(along(&image, Direction::LeftToRight, 0, 0.37), colours::NO);
        assert_eq!(along(&image, Direction::LeftToRight, 0, 0.8), colours::NONE);
        // Urbanisme: three quarters yes, no "no", a quarter without.
        assert_eq!(along(&image, Direction::LeftToRight, 1, 0.7), colours::YES);
        assert_eq!(along(&image, Direction::LeftToRight, 1, 0.9), colours::NONE);
        // Outside the bars, the page is white.
        assert_eq!(image.at(WIDTH - 5.0, chart.height() - 5.0), "#ffffff");
    }

    #[test]
    fn in_arabic_the_bars_grow_from_the_right() {
        let chart = answers(Direction::RightToLeft);
        let image = Image::decode(&render::png(&chart.to_svg(), 1.0).unwrap());
        assert_eq!(along(&image, Direction::RightToLeft, 0, 0.12), colours::YES);
        assert_eq!(along(&image, Direction::RightToLeft, 0, 0.8), colours::NONE);
        // The same place measured from the left is the end of the bar: no answer.
        assert_eq!(
            along(&image, Direction::LeftToRight, 0, 0.12),
            colours::NONE
        );
    }

    #[test]
    fn counts_share_one_scale_and_an_empty_row_is_only_background() {
        let chart = Chart {
            scale: Scale::Count(None),
            series: vec![Series {
                label: "present".into(),
                colour: colours::PRESENT,
            }],
            rows: vec![
                Row {
                    label: "January".into(),
                    values: vec![40],
                    figure: "40".into(),
                },
                Row {
                    label: "February".into(),
                    values: vec![10],
                    figure: "10".into(),
                },
                Row {
                    label: "March".into(),
                    values: vec![0],
                    figure: "0".into(),
                },
            ],
            ..answers(Direction::LeftToRight)
        };
        let image = Image::decode(&render::png(&chart.to_svg(), 1.0).unwrap());
        let d = Direction::LeftToRight;
        assert_eq!(along(&image, d, 0, 0.95), colours::PRESENT);
        assert_eq!(along(&image, d, 1, 0.2), colours::PRESENT);
        assert_eq!(along(&image, d, 1, 0.3), colours::BACKGROUND);
        assert_eq!(along(&image, d, 2, 0.01), colours::BACKGROUND);
    }

    #[test]
    fn a_label_from_people_cannot_break_the_drawing() {
        let mut chart = answers(Direction::LeftToRight);
        chart.rows[0].label = "</text><script>alert(1)</script> & Co".into();
        assert!(render::png(&chart.to_svg(), 1.0).is_ok());
        assert!(chart.to_svg().contains("&lt;/text&gt;"));
    }
}
