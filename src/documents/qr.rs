//! The QR image of the check-in link that organisers show in the room.
//!
//! `qrcode` (without its `image` feature) computes the modules and `png` writes the file:
//! that is lighter than the `image` crate, which would bring its own pixel machinery for what
//! is a grid of black and white squares.

use anyhow::Context as _;
use qrcode::{Color, EcLevel, QrCode};

/// The side of the image we aim for: big enough to stay sharp on a projector, small enough
/// to send quickly. The real side is the largest whole multiple of the code's width below it.
const TARGET_SIDE_PX: usize = 600;

/// The white margin around the code, in modules: the 4 that the QR standard asks for, so a
/// phone finds the code's edges even against a dark slide or a screen border.
const QUIET_ZONE_MODULES: usize = 4;

const BLACK: u8 = 0;
const WHITE: u8 = 255;

/// Renders `text` as a QR code PNG: black on white, with a quiet zone, about 600 px square.
///
/// The error correction is level Q (25 % of the code can be lost): a projected image has
/// glare, keystone and low contrast, and the deep links are short enough that Q still gives
/// large modules. Every module is a whole number of pixels, so the edges stay crisp when the
/// image is scaled up on a screen.
pub fn qr_png(text: &str) -> anyhow::Result<Vec<u8>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::Q)
        .with_context(|| format!("cannot make a QR code of {} bytes", text.len()))?;
    let modules = code.width();
    let span = modules + 2 * QUIET_ZONE_MODULES;
    let scale = (TARGET_SIDE_PX / span).max(1);
    let side = span * scale;
    let margin = QUIET_ZONE_MODULES * scale;

    // One grey byte per pixel: 8-bit greyscale is read by every viewer (some mishandle 1-bit
    // images), and the long runs of equal bytes compress to a few kilobytes anyway.
    let mut pixels = vec![WHITE; side * side];
    let colors = code.to_colors();
    for (y, row) in colors.chunks(modules).enumerate() {
        let mut line = vec![WHITE; side];
        for (x, color) in row.iter().enumerate() {
            if *color == Color::Dark {
                let left = margin + x * scale;
                line[left..left + scale].fill(BLACK);
            }
        }
        let top = margin + y * scale;
        for pixel_row in pixels[top * side..(top + scale) * side].chunks_mut(side) {
            pixel_row.copy_from_slice(&line);
        }
    }

    let side = u32::try_from(side).context("QR image too large")?;
    let mut png_bytes = Vec::with_capacity(16 * 1024);
    let mut encoder = png::Encoder::new(&mut png_bytes, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().context("writing the PNG header")?;
    writer
        .write_image_data(&pixels)
        .context("writing the PNG pixels")?;
    writer.finish().context("finishing the PNG")?;
    Ok(png_bytes)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    const DEEP_LINK: &str = "https://t.me/takwin_bot?start=checkin-ABC123";

    struct Decoded {
        side: usize,
        pixels: Vec<u8>,
    }

    /// Decodes with the same `png` crate, checking the format on the way.
    fn decode(bytes: &[u8]) -> Decoded {
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG signature");
        let mut reader = png::Decoder::new(Cursor::new(bytes))
            .read_info()
            .expect("a readable PNG");
        let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
        let info = reader.next_frame(&mut pixels).expect("one frame");
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        assert_eq!(info.width, info.height, "square");
        pixels.truncate(info.buffer_size());
        Decoded {
            side: info.width as usize,
            pixels,
        }
    }

    /// Reads the QR code back with an independent decoder (`rqrr`).
    fn read_back(image: &Decoded) -> String {
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(image.side, image.side, |x, y| {
                image.pixels[y * image.side + x]
            });
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1, "exactly one QR code in the image");
        let (_, content) = grids[0].decode().expect("a decodable QR code");
        content
    }

    #[test]
    fn deep_link_renders_as_a_black_and_white_png_of_about_600_px() {
        let image = decode(&qr_png(DEEP_LINK).unwrap());
        assert!(
            (540..=600).contains(&image.side),
            "side of {} px",
            image.side
        );
        assert!(
            image.pixels.iter().all(|&p| p == BLACK || p == WHITE),
            "only black and white pixels"
        );
        let black = image.pixels.iter().filter(|&&p| p == BLACK).count();
        assert!(
            black > image.pixels.len() / 5,
            "a real code, not a blank page"
        );
    }

    #[test]
    fn quiet_zone_is_white_on_every_side() {
        let image = decode(&qr_png(DEEP_LINK).unwrap());
        let side = image.side;
        let modules = QrCode::with_error_correction_level(DEEP_LINK, EcLevel::Q)
            .unwrap()
            .width();
        let scale = side / (modules + 2 * QUIET_ZONE_MODULES);
        assert_eq!(side % scale, 0, "whole pixels per module");
        assert!(scale >= 10, "modules of {scale} px");
        let margin = scale * QUIET_ZONE_MODULES;
        for y in 0..side {
            for x in 0..side {
                let inside =
                    (margin..side - margin).contains(&x) && (margin..side - margin).contains(&y);
                if !inside {
                    assert_eq!(image.pixels[y * side + x], WHITE, "({x}, {y})");
                }
            }
        }
        // The finder pattern's corner starts right after the margin.
        assert_eq!(image.pixels[margin * side + margin], BLACK);
    }

    #[test]
    fn the_code_reads_back_as_the_link() {
        let image = decode(&qr_png(DEEP_LINK).unwrap());
        assert_eq!(read_back(&image), DEEP_LINK);
    }

    #[test]
    fn short_and_long_texts_both_read_back() {
        let long = format!("https://t.me/takwin_bot?start={}", "x".repeat(200));
        for text in ["ABC123", "رمز الحضور 4821", long.as_str()] {
            let image = decode(&qr_png(text).unwrap());
            assert!((500..=600).contains(&image.side), "{text}: {}", image.side);
            assert_eq!(read_back(&image), text);
        }
    }

    #[test]
    fn text_too_long_for_a_qr_code_is_an_error() {
        let error = qr_png(&"x".repeat(5_000)).unwrap_err();
        assert!(error.to_string().contains("5000 bytes"), "{error}");
    }
}
