//! Reading a CSV file an organiser saved from a spreadsheet, shared by the roster and the
//! programme: each record with the line it starts on, and a quote left open named where it
//! opens rather than where its consequences show.

use std::fmt;

/// A quoted cell whose closing quote is missing: the CSV reader, as CSV requires, takes the
/// line breaks that follow for part of the cell, so one record swallows the lines after it and
/// is then short of columns somewhere the organiser would never look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclosedQuote {
    /// The line where the quote opens.
    pub opened: usize,
    /// The cell it opens, counted from 0 on the record: a column that may hold several lines
    /// can have a quoted cell over several lines on purpose.
    pub cell: usize,
    /// The line where a later quote happens to close it, if any before the end of the file.
    pub closed: Option<usize>,
    /// The last line the record takes.
    pub last_line: usize,
}

impl fmt::Display for UnclosedQuote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.closed {
            None => f.write_str("a quote opens here and is never closed")?,
            Some(line) => write!(f, "a quote opens here and is closed only on line {line}")?,
        }
        // A quote left open on the last line swallows no line, only the line's end.
        let first = self.opened + 1;
        match self.last_line {
            last if last < first => Ok(()),
            last if last == first => write!(f, " (it swallows line {last})"),
            last => write!(f, " (it swallows lines {first}–{last})"),
        }
    }
}

/// Drops the byte-order mark spreadsheets put before "CSV UTF-8".
pub(crate) fn strip_bom(data: &[u8]) -> &[u8] {
    data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)
}

/// Spreadsheets set to French save "CSV" with semicolons: pick whichever of `,` `;` tab is
/// most frequent on the first line.
pub(crate) fn sniff_delimiter(data: &[u8]) -> u8 {
    let first = data.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |d: u8| first.iter().filter(|&&b| b == d).count();
    [b';', b'\t']
        .into_iter()
        .filter(|&d| count(d) > count(b','))
        .max_by_key(|&d| count(d))
        .unwrap_or(b',')
}

/// One record of the file.
pub(crate) struct Record {
    /// 1-based line where the record starts.
    pub line: usize,
    /// Its cells, untrimmed, as bytes (the caller says what is not UTF-8).
    pub cells: csv::ByteRecord,
    /// Byte offsets of the record in the file, from its first byte to past its end.
    span: (usize, usize),
}

/// A whole CSV file in memory, read record by record. Files are a few thousand lines at most;
/// having them whole lets us count lines ourselves and look back at a record's bytes.
pub(crate) struct CsvFile<'a> {
    data: &'a [u8],
    delimiter: u8,
    reader: csv::Reader<&'a [u8]>,
    lines: LineCounter<'a>,
}

impl<'a> CsvFile<'a> {
    /// Reads `data` (without a byte-order mark) with this delimiter, every record kept, however
    /// many cells it has: the caller names what is missing or extra.
    pub(crate) fn new(data: &'a [u8], delimiter: u8) -> CsvFile<'a> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(data);
        CsvFile {
            data,
            delimiter,
            reader,
            lines: LineCounter::new(data),
        }
    }

    /// The next record, `Ok(None)` at the end of the file; an error comes with the line after
    /// the last record read.
    pub(crate) fn next_record(&mut self) -> Result<Option<Record>, (usize, csv::Error)> {
        let mut cells = csv::ByteRecord::new();
        match self.reader.read_byte_record(&mut cells) {
            Ok(true) => {
                let (line, start) = self.lines.start_of(&cells);
                let end = usize::try_from(self.reader.position().byte())
                    .unwrap_or(self.data.len())
                    .clamp(start, self.data.len());
                Ok(Some(Record {
                    line,
                    cells,
                    span: (start, end),
                }))
            }
            Ok(false) => Ok(None),
            Err(e) => Err((self.lines.line_after_last(), e)),
        }
    }

    /// The quote left open in `record`, if a quoted cell of it runs over a line break. Whether
    /// that is a mistake is the caller's to say: a quoted cell on several lines is valid CSV,
    /// and right where a column may hold several lines.
    pub(crate) fn unclosed_quote(&self, record: &Record) -> Option<UnclosedQuote> {
        let (start, end) = record.span;
        find_unclosed_quote(&self.data[start..end], self.delimiter, record.line)
    }
}

/// Where the reader is inside a record, as the `csv` crate reads it (RFC 4180, with its
/// leniency: a quote opens a cell only as its first character, and after a closing quote the
/// rest of the cell is read as it comes).
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartCell,
    InCell,
    InQuotes,
    /// A quote inside quotes: closing, or the first of a doubled `""`.
    QuoteInQuotes,
}

/// Scans a record's bytes for a quoted cell that runs over a line break: the one still open
/// at the end of the record if there is one (it is surely a mistake), else the first (a cell
/// on several lines whose quote a later quote happened to close).
fn find_unclosed_quote(bytes: &[u8], delimiter: u8, first_line: usize) -> Option<UnclosedQuote> {
    let mut state = State::StartCell;
    let mut line = first_line;
    let mut last_line = first_line;
    let mut cell = 0;
    // The quote open now: its line and cell, and whether a line break came since.
    let mut open: Option<(usize, usize, bool)> = None;
    // The first quote that ran over a line break and closed: its line and cell, and the line
    // where it closed.
    let mut first_closed: Option<(usize, usize, usize)> = None;
    for &b in bytes {
        if b != b'\n' && b != b'\r' {
            last_line = line;
        }
        let outside = match state {
            State::InQuotes => {
                match b {
                    b'"' => state = State::QuoteInQuotes,
                    b'\n' => {
                        line += 1;
                        open = open.map(|(opened, cell, _)| (opened, cell, true));
                    }
                    _ => {}
                }
                continue;
            }
            State::QuoteInQuotes if b == b'"' => {
                state = State::InQuotes;
                continue;
            }
            State::QuoteInQuotes => {
                // The quote before this byte closed the cell.
                if let Some((opened, cell, true)) = open.take() {
                    first_closed = first_closed.or(Some((opened, cell, line)));
                }
                State::InCell
            }
            other => other,
        };
        state = match b {
            b'\n' | b'\r' => break,
            _ if b == delimiter => {
                cell += 1;
                State::StartCell
            }
            b'"' if outside == State::StartCell => {
                open = Some((line, cell, false));
                State::InQuotes
            }
            _ => State::InCell,
        };
    }
    let (opened, cell, closed) = match (state, open) {
        (State::InQuotes, Some((opened, cell, true))) => (opened, cell, None),
        // The file ends on the closing quote.
        (State::QuoteInQuotes, Some((opened, cell, true))) if first_closed.is_none() => {
            (opened, cell, Some(line))
        }
        _ => {
            let (opened, cell, closed) = first_closed?;
            (opened, cell, Some(closed))
        }
    };
    Some(UnclosedQuote {
        opened,
        cell,
        closed,
        last_line,
    })
}

/// Finds the line a record starts on. The CSV reader's own line numbers are those of the
/// end of the previous record (before skipped empty lines, and before the `\n` of a
/// `\r\n`), so they are recounted from byte offsets.
struct LineCounter<'a> {
    data: &'a [u8],
    /// Byte offset up to which newlines have been counted.
    counted_to: usize,
    /// 1-based line number at `counted_to`.
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(data: &'a [u8]) -> Self {
        LineCounter {
            data,
            counted_to: 0,
            line: 1,
        }
    }

    /// The line and byte offset where `record` starts.
    fn start_of(&mut self, record: &csv::ByteRecord) -> (usize, usize) {
        let from = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.counted_to)
            .clamp(self.counted_to, self.data.len());
        // The record starts after the line ends (and empty lines) the reader skipped.
        let skipped = self.data[from..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        self.advance_to(from + skipped);
        (self.line, from + skipped)
    }

    fn line_after_last(&self) -> usize {
        self.line + 1
    }

    fn advance_to(&mut self, to: usize) {
        let newlines = self.data[self.counted_to..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines;
        self.counted_to = to;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record as (line, cells, unclosed quote).
    fn read(text: &str) -> Vec<(usize, usize, Option<UnclosedQuote>)> {
        let mut file = CsvFile::new(text.as_bytes(), b',');
        let mut out = Vec::new();
        while let Some(record) = file.next_record().unwrap() {
            out.push((
                record.line,
                record.cells.len(),
                file.unclosed_quote(&record),
            ));
        }
        out
    }

    #[test]
    fn records_start_on_their_own_line() {
        let found = read("a,b\n\n\"c\nd\",e\r\nf,g\r\n\r\nh,i\n");
        let lines: Vec<_> = found.iter().map(|(line, ..)| *line).collect();
        assert_eq!(lines, [1, 3, 5, 7]);
    }

    #[test]
    fn a_quote_never_closed_is_named_where_it_opens() {
        let found = read("a,b,c\nx,\"y,z\nd,e,f\ng,h,i\n");
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[1],
            (
                2,
                2,
                Some(UnclosedQuote {
                    opened: 2,
                    cell: 1,
                    closed: None,
                    last_line: 4
                })
            )
        );
        assert_eq!(
            found[1].2.as_ref().unwrap().to_string(),
            "a quote opens here and is never closed (it swallows lines 3–4)"
        );
    }

    #[test]
    fn a_quote_left_open_on_the_last_line_swallows_nothing() {
        let quote = read("a,b,c\nx,\"y,z\n")[1].2.clone().unwrap();
        assert_eq!(
            quote,
            UnclosedQuote {
                opened: 2,
                cell: 1,
                closed: None,
                last_line: 2
            }
        );
        assert_eq!(quote.to_string(), "a quote opens here and is never closed");
    }

    #[test]
    fn a_quote_closed_by_a_later_one_names_both_lines() {
        let quote = read("x,\"y,z\nd,e,f\ng,\"h\",i\nj,k,l\n")[0]
            .2
            .clone()
            .unwrap();
        assert_eq!(
            quote,
            UnclosedQuote {
                opened: 1,
                cell: 1,
                closed: Some(3),
                last_line: 3
            }
        );
        assert_eq!(
            quote.to_string(),
            "a quote opens here and is closed only on line 3 (it swallows lines 2–3)"
        );
        let one = read("x,\"y,z\nd,e\"")[0].2.clone().unwrap();
        assert_eq!(
            one.to_string(),
            "a quote opens here and is closed only on line 2 (it swallows line 2)"
        );
    }

    #[test]
    fn quotes_that_close_on_their_line_are_not_suspect() {
        for text in [
            "a,\"b, c\",\"d \"\"e\"\"\",f\n",
            "a,b\"c,d\n",
            "a;\"b,c\";d\n",
        ] {
            assert!(read(text).iter().all(|(.., q)| q.is_none()), "{text:?}");
        }
        // A quote inside a cell that did not start with one is a character, not quoting.
        assert_eq!(read("a,b\"c\nd,e\n").len(), 2);
    }

    #[test]
    fn the_quote_that_runs_over_is_found_after_a_good_one_and_later_on_its_line() {
        // A cell on two lines, closed, then a quote never closed: the latter is the mistake.
        let quote = read("\"a\nb\",c,\"d\ne,f\n")[0].2.clone().unwrap();
        assert_eq!(
            quote,
            UnclosedQuote {
                opened: 2,
                cell: 2,
                closed: None,
                last_line: 3
            }
        );
        let quote = read("a,\"b\",c,\"d\ne\nf")[0].2.clone().unwrap();
        assert_eq!(
            quote,
            UnclosedQuote {
                opened: 1,
                cell: 3,
                closed: None,
                last_line: 3
            }
        );
    }

    #[test]
    fn delimiters_are_sniffed_from_the_first_line() {
        assert_eq!(sniff_delimiter(b"a;b;c,d\n1,2,3,4,5"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a,b\n"), b',');
        assert_eq!(strip_bom(b"\xEF\xBB\xBFa"), b"a");
    }
}
