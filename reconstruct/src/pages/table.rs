//! Markdown tables as the reference pages write them, including their damaged forms.
//!
//! The reader classifies header cells by the column vocabulary ([`super::column`]) and repairs,
//! recording a [`Repair`] on the row:
//!
//! * rows merged into one line (`| a | b | | c | d |`): split back on the empty boundary cells;
//! * a row spliced into another by a bad copy (`| x | <a ...>A</a> | ... .ref="#B">B</a> | no | ... |`):
//!   the name is kept with the *last* cells of the line, the earlier fragment is dropped;
//! * a row one cell short where the header has a default column (hand-written rows copied from a
//!   structure table): the default cell is the missing one;
//! * a row cut off at the end of a truncated page: the missing cells are absent.
//!
//! Whether a row is a query parameter is a property of the generator's row template: query rows
//! are indented (` | userId | string  | ...`) and, in the older generation, only carry a double
//! space after the type. Cell spacing is not part of that signal once a table has been padded
//! so that its columns line up (as Markdown formatters leave tables): the indentation of a row
//! is still read, the spaces inside its cells are not. A padded table without indented rows may
//! have lost the template ([`Table::template_lost`]): its rows read as body rows.

use super::column::{Column, Header};
use super::markdown::{Line, strip_tags};

/// A repair applied to a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    /// The row shared its line with other rows (or a header / separator).
    MergedLine,
    /// The line held the start of one row and the end of another; this fragment was dropped.
    Spliced(String),
    /// The default cell was missing; the row had one cell fewer than the header.
    MissingDefault,
    /// The description held a `|`; its pieces were joined back.
    PipeInDescription,
    /// The row was cut off (no closing `|`, or fewer cells than columns).
    Truncated,
}

/// One data row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Line number.
    pub line: u32,
    /// One entry per header column; `None` where the row was cut off.
    pub cells: Vec<Option<String>>,
    /// The generator's query-parameter row template (see module docs).
    pub query_style: bool,
    /// Repairs applied.
    pub repairs: Vec<Repair>,
    /// The spacing the row was written with, read once the whole table is known.
    spacing: Spacing,
}

/// The spacing signals of one row (see module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Spacing {
    /// The line starts with whitespace before its first `|`.
    indented: bool,
    /// The older generation's query template: one space around the name, two after the type.
    double_space_after_type: bool,
    /// A cell the generator writes with one space on each side (name, required flag, default)
    /// has more: the table was padded to line up.
    padded: bool,
}

impl Row {
    /// The cell of a column kind, trimmed; `None` when the column is absent or the cell missing.
    pub fn get<'r>(&'r self, header: &Header, col: Column) -> Option<&'r str> {
        header
            .index(col)
            .and_then(|i| self.cells.get(i))
            .and_then(|c| c.as_deref())
    }
}

/// A table: header and rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The header.
    pub header: Header,
    /// Data rows, in order.
    pub rows: Vec<Row>,
    /// Padded so that its columns line up (as Markdown formatters leave tables), rather than
    /// written with the generator's one space around each cell.
    pub padded: bool,
    /// Notes about damage that could not be repaired (line, message).
    pub damage: Vec<(u32, String)>,
}

/// Reads the tables in a run of lines (the text of one section).
pub fn tables(lines: &[Line<'_>]) -> Vec<Table> {
    let joined = join_multiline_cells(lines);
    let mut out: Vec<Table> = Vec::new();
    let mut current: Option<Table> = None;
    for (text, line) in &joined {
        let l = &Line { text, line: *line };
        let trimmed = l.text.trim_start();
        if !trimmed.starts_with('|') {
            if let Some(t) = current.take() {
                out.push(finish(t));
            }
            continue;
        }
        let (tokens, closed) = tokenize(trimmed);
        let mut rest: &[&str] = &tokens;
        // A header starts a new table, possibly with rows merged after it on the same line.
        if is_header(rest) {
            if let Some(t) = current.take() {
                out.push(finish(t));
            }
            let n = header_len(rest);
            let columns = rest[..n]
                .iter()
                .map(|c| Column::classify(&strip_tags(c)))
                .collect();
            current = Some(Table {
                header: Header {
                    columns,
                    line: l.line,
                },
                rows: Vec::new(),
                padded: false,
                damage: Vec::new(),
            });
            rest = &rest[n..];
            if rest.first().is_some_and(|t| t.trim().is_empty()) {
                rest = &rest[1..];
            }
            if rest.is_empty() {
                continue;
            }
        }
        let Some(table) = current.as_mut() else {
            continue;
        };
        let merged = rest.len() != tokens.len() || is_merged(rest, table.header.columns.len());
        let n = table.header.columns.len();
        let chunks: Vec<&[&str]> = if merged && is_merged(rest, n) {
            rest.chunks(n + 1).map(|c| &c[..c.len().min(n)]).collect()
        } else {
            vec![rest]
        };
        let last = chunks.len() - 1;
        for (i, chunk) in chunks.into_iter().enumerate() {
            let chunk_closed = closed || i < last;
            push_chunk(table, l, chunk, chunk_closed, merged);
        }
    }
    if let Some(t) = current {
        out.push(finish(t));
    }
    out
}

impl Table {
    /// Padded, and no row kept an indentation: whether a row was written in the query template
    /// cannot be told (see module docs).
    pub fn template_lost(&self) -> bool {
        self.padded && !self.rows.iter().any(|r| r.spacing.indented)
    }
}

/// Reads the query-row signal once the whole table is known: a padded table shows its padding
/// on some rows only (the widest cell of a column has one space, like the generator's).
fn finish(mut table: Table) -> Table {
    table.padded = table.rows.iter().any(|r| r.spacing.padded);
    for row in &mut table.rows {
        let merged = row.repairs.contains(&Repair::MergedLine);
        row.query_style = !merged
            && (row.spacing.indented || (!table.padded && row.spacing.double_space_after_type));
    }
    table
}

/// Exactly one space on each side of a non-empty cell, as the generator writes it.
fn one_space_each_side(raw: &str) -> bool {
    let t = raw.trim();
    t.is_empty() || raw.strip_prefix(' ').and_then(|r| r.strip_suffix(' ')) == Some(t)
}

/// A cell value written over several lines (a code example in backticks) continues a row on the
/// following lines until its backticks balance; such rows are joined back into one line.
fn join_multiline_cells(lines: &[Line<'_>]) -> Vec<(String, u32)> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let mut text = l.text.to_string();
        i += 1;
        if l.text.trim_start().starts_with('|') {
            while text.matches('`').count() % 2 == 1 && i < lines.len() {
                text.push('\n');
                text.push_str(lines[i].text);
                i += 1;
            }
        }
        out.push((text, l.line));
    }
    out
}

/// Splits a table line on the `|` outside backtick spans (examples may hold `(|(a)(b))`).
/// Returns the cells between the pipes and whether the line was closed by a final `|`; an
/// unclosed line keeps its last (partial) cell.
fn tokenize(line: &str) -> (Vec<&str>, bool) {
    let body = line.trim_end();
    let body = body.strip_prefix('|').unwrap_or(body);
    let closed = body.ends_with('|');
    let body = if closed {
        &body[..body.len() - 1]
    } else {
        body
    };
    if body.matches('`').count() % 2 == 1 {
        return (body.split('|').collect(), closed);
    }
    let mut cells = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    for (i, b) in body.bytes().enumerate() {
        match b {
            b'`' => in_code = !in_code,
            b'|' if !in_code => {
                cells.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(&body[start..]);
    (cells, closed)
}

fn is_header(tokens: &[&str]) -> bool {
    tokens
        .first()
        .is_some_and(|t| Column::classify(&strip_tags(t)) == Column::Name)
        && tokens
            .get(1)
            .is_some_and(|t| Column::classify(&strip_tags(t)) == Column::Type)
}

/// Header cells run up to the first blank cell (the boundary to rows merged on the same line).
fn header_len(tokens: &[&str]) -> usize {
    tokens
        .iter()
        .position(|t| t.trim().is_empty())
        .unwrap_or(tokens.len())
}

/// `n`-cell rows merged into one line: `n` cells, a blank boundary cell, `n` cells, ...
fn is_merged(tokens: &[&str], n: usize) -> bool {
    n > 0
        && tokens.len() > n
        && tokens.len() % (n + 1) == n
        && tokens
            .iter()
            .skip(n)
            .step_by(n + 1)
            .all(|t| t.trim().is_empty())
}

fn is_separator_cell(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':')
}

fn push_chunk(table: &mut Table, l: &Line<'_>, chunk: &[&str], closed: bool, merged: bool) {
    let n = table.header.columns.len();
    if chunk.first().is_some_and(|c| is_separator_cell(c)) {
        // A separator row. Its dashes say nothing about the rows' spacing (renderings pad the
        // separator alone), so only its damage is read.
        if let Some(bad) = chunk
            .iter()
            .find(|c| !c.trim().is_empty() && !is_separator_cell(c))
        {
            table.damage.push((
                l.line,
                format!("garbled separator row, content lost: `{}`", bad.trim()),
            ));
        }
        return;
    }
    if chunk.iter().all(|c| c.trim().is_empty()) {
        return;
    }
    let mut repairs = Vec::new();
    if merged {
        repairs.push(Repair::MergedLine);
    }
    let mut cells: Vec<Option<String>> = chunk.iter().map(|c| Some(c.trim().to_string())).collect();
    if cells.len() > n {
        let extra = cells.len() - n;
        let spliced = chunk[..chunk.len() - (n - 1)]
            .iter()
            .skip(1)
            .any(|c| c.contains("</a>") && !c.contains("<a "))
            || chunk
                .iter()
                .any(|c| c.contains("ref=\"#") && !c.contains("<a href=\"#"));
        match table.header.index(Column::Description) {
            Some(d) if !spliced => {
                // A description that contained `|`: its pieces are put back together.
                let joined: Vec<String> = cells.drain(d..=d + extra).flatten().collect();
                cells.insert(d, Some(joined.join(" | ")));
                repairs.push(Repair::PipeInDescription);
            }
            _ => {
                // The line carries the start of one row and the end of another (a bad copy cut
                // through a link). The later cells are the complete ones; the fragment in between
                // is dropped.
                let tail = cells.split_off(cells.len() - (n - 1));
                let dropped: Vec<String> = cells.drain(1..).flatten().collect();
                repairs.push(Repair::Spliced(dropped.join(" | ")));
                cells.extend(tail);
            }
        }
    } else if let Some(d) = table.header.index(Column::Default)
        && (cells.len() + 1 == n && closed
            || cells.len() + 2 == n
                && table
                    .rows
                    .iter()
                    .any(|r| r.repairs.contains(&Repair::MissingDefault)))
    {
        // Rows copied from a structure table (no default cell). A cut-off row of such a table
        // is recognised by its siblings; one cut off before the default column ends earlier.
        cells.insert(d.min(cells.len()), None);
        repairs.push(Repair::MissingDefault);
    }
    if !closed || cells.len() < n {
        repairs.push(Repair::Truncated);
        cells.resize(n, None);
    }
    let raw_name = chunk.first().copied().unwrap_or("");
    let raw_type = chunk.get(1).copied().unwrap_or("");
    let padded = chunk.len() == n
        && [
            Some(0),
            table.header.index(Column::Required),
            table.header.index(Column::Default),
        ]
        .into_iter()
        .flatten()
        .any(|i| !one_space_each_side(chunk[i]));
    let spacing = Spacing {
        indented: l.text.starts_with([' ', '\t']),
        double_space_after_type: one_space_each_side(raw_name)
            && raw_type.ends_with("  ")
            && !raw_type.ends_with("   "),
        padded: padded && !merged,
    };
    table.rows.push(Row {
        line: l.line,
        cells,
        query_style: false,
        repairs,
        spacing,
    });
}

#[cfg(test)]
mod tests;
