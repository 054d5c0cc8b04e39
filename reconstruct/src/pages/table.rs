//! Markdown tables as the reference pages write them, including their damaged forms.
//!
//! The reader knows the column vocabulary of every page generation (Chinese headers, the older
//! header whose last cell is the malformed `<div style="width:200px"></div>示例值</div>`, the
//! English headers of the GenAuth pages) and repairs, recording a [`Repair`] on the row:
//!
//! * rows merged into one line (`| a | b | | c | d |`): split back on the empty boundary cells;
//! * a row spliced into another by a bad copy (`| x | <a ...>A</a> | ... .ref="#B">B</a> | no | ... |`):
//!   the name is kept with the *last* cells of the line, the earlier fragment is dropped;
//! * a row one cell short where the header has a default column (hand-written rows copied from a
//!   structure table): the default cell is the missing one;
//! * a row cut off at the end of a truncated page: the missing cells are absent.
//!
//! Header cells are matched against one vocabulary ([`COLUMN_WORDS`]) after normalising case,
//! spacing and trailing punctuation (`Is it required?`, `是否必填：`).
//!
//! Whether a row is a query parameter is a property of the generator's row template: query rows
//! are indented (` | userId | string  | ...`) and, in the older generation, only carry a double
//! space after the type. Cell spacing is not part of that signal once a table has been padded
//! so that its columns line up (as Markdown formatters leave tables): the indentation of a row
//! is still read, the spaces inside its cells are not. A padded table without indented rows may
//! have lost the template ([`Table::template_lost`]): its rows read as body rows.

use super::markdown::{Line, strip_tags};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// Field / parameter name.
    Name,
    /// Type cell.
    Type,
    /// Required flag (是/否, yes/no...).
    Required,
    /// Default value.
    Default,
    /// Description.
    Description,
    /// Example value.
    Example,
    /// Anything else (kept, unused).
    Other,
}

/// The header wordings of every rendering, normalised (lower case, single spaces, no trailing
/// `?`, `？`, `:`, `：`, `*`): Chinese, and the English of the GenAuth pages and of the
/// translated renderings.
pub const COLUMN_WORDS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "名称",
            "参数",
            "参数名",
            "参数名称",
            "字段",
            "字段名",
            "name",
            "field",
            "field name",
            "parameter",
            "parameter name",
            "param",
            "property",
        ],
    ),
    (
        Column::Type,
        &[
            "类型",
            "参数类型",
            "type",
            "data type",
            "field type",
            "parameter type",
        ],
    ),
    (
        Column::Required,
        &[
            "是否必填",
            "是否必含",
            "是否必须",
            "必填",
            "必选",
            "is it required",
            "is this field required",
            "is this parameter required",
            "is required",
            "required",
            "whether required",
            "whether it is required",
            "required or not",
            "mandatory",
            "is it mandatory",
        ],
    ),
    (
        Column::Default,
        &["默认值", "default value", "default", "defaults"],
    ),
    (
        Column::Description,
        &[
            "描述",
            "说明",
            "description",
            "descriptions",
            "desc",
            "explanation",
            "remarks",
            "meaning",
        ],
    ),
    (
        Column::Example,
        &[
            "示例值",
            "示例",
            "sample value",
            "sample values",
            "sample",
            "example value",
            "example values",
            "example",
            "examples",
        ],
    ),
];

impl Column {
    /// Classifies a header cell (HTML already stripped) by [`COLUMN_WORDS`].
    pub fn classify(cell: &str) -> Column {
        let words: Vec<&str> = cell.split_whitespace().collect();
        let joined = words.join(" ").to_lowercase();
        let c = joined.trim_end_matches(['?', '？', ':', '：', '*']).trim();
        COLUMN_WORDS
            .iter()
            .find(|(_, wordings)| wordings.contains(&c))
            .map_or(Column::Other, |(col, _)| *col)
    }
}

/// A table header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Column kinds, in order.
    pub columns: Vec<Column>,
    /// Line of the header row.
    pub line: u32,
}

impl Header {
    /// Index of a column kind.
    pub fn index(&self, col: Column) -> Option<usize> {
        self.columns.iter().position(|&c| c == col)
    }
}

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
        // is recognised by its siblings.
        cells.insert(d, None);
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
mod tests {
    use super::*;

    fn parse(input: &str) -> Vec<Table> {
        let lines: Vec<Line<'_>> = input
            .split('\n')
            .enumerate()
            .map(|(i, t)| Line {
                text: t,
                line: i as u32 + 1,
            })
            .collect();
        tables(&lines)
    }

    /// Renders rows as `line:name/type/required/default/description/example[flags]`.
    fn render(input: &str) -> String {
        let mut out = Vec::new();
        for t in parse(input) {
            out.push(format!(
                "table@{}{}{}",
                t.header.line,
                if t.padded { " padded" } else { "" },
                if t.template_lost() {
                    " template-lost"
                } else {
                    ""
                }
            ));
            for r in &t.rows {
                let cells: Vec<String> = r
                    .cells
                    .iter()
                    .map(|c| c.clone().unwrap_or_else(|| "∅".into()))
                    .collect();
                let mut flags = String::new();
                if r.query_style {
                    flags.push_str(" q");
                }
                for rep in &r.repairs {
                    flags.push_str(match rep {
                        Repair::MergedLine => " merged",
                        Repair::Spliced(_) => " spliced",
                        Repair::MissingDefault => " nodefault",
                        Repair::Truncated => " truncated",
                        Repair::PipeInDescription => " pipe",
                    });
                }
                out.push(format!("{}:{}{}", r.line, cells.join("/"), flags));
            }
            for (line, d) in &t.damage {
                out.push(format!("{line}! {d}"));
            }
        }
        out.join("\n")
    }

    fn check(input: &str, expected: &str) {
        assert_eq!(render(input), expected, "input:\n{input}");
    }

    const ZH_HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | <div style=\"width:60px\">默认值</div> | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\">示例值</div> |\n| ---- | ---- | ---- | ---- | ---- | ---- |";
    const OLD_HEADER: &str = "| 名称 | 类型 | <div style=\"width:80px\">是否必填</div> | 默认值 | <div style=\"width:300px\">描述</div> | <div style=\"width:200px\"></div>示例值</div> |\n| ---- | ---- | ---- | ---- | ---- | ---- |";

    #[test]
    fn body_and_query_rows() {
        check(
            &format!("{ZH_HEADER}\n| a | string | 是 | - | d | `x` |"),
            "table@1\n3:a/string/是/-/d/`x`",
        );
        check(
            &format!("{ZH_HEADER}\n | a | string  | 是 | - | d | `x` |"),
            "table@1\n3:a/string/是/-/d/`x` q",
        );
        // the older generation marks query rows only by the double space after the type
        check(
            &format!("{OLD_HEADER}\n| a | string  | 否 | - | d |  |"),
            "table@1\n3:a/string/否/-/d/ q",
        );
    }

    #[test]
    fn the_malformed_old_header_is_understood() {
        let t = &parse(OLD_HEADER)[0];
        assert_eq!(
            t.header.columns,
            [
                Column::Name,
                Column::Type,
                Column::Required,
                Column::Default,
                Column::Description,
                Column::Example
            ]
        );
    }

    /// Renders a header row's columns as letters: N T R D S(description) E, `-` for other.
    fn columns(header: &str) -> String {
        parse(header)[0]
            .header
            .columns
            .iter()
            .map(|c| match c {
                Column::Name => 'N',
                Column::Type => 'T',
                Column::Required => 'R',
                Column::Default => 'D',
                Column::Description => 'S',
                Column::Example => 'E',
                Column::Other => '-',
            })
            .collect()
    }

    #[test]
    fn header_wordings() {
        for (header, expected) in [
            (
                "| 名称 | 类型 | 是否必填 | 默认值 | 描述 | 示例值 |",
                "NTRDSE",
            ),
            ("| 名称 | 类型 | 是否必填？ | 描述 |", "NTRS"),
            (
                "| Name | Type | <div style=\"width:80px\">Is it required</div> | Default value | <div style=\"width:300px\">Description</div> | <div style=\"width:200px\"></div>Sample value</div> |",
                "NTRDSE",
            ),
            (
                "| Name | Type | Is it required? | Description | Example Value |",
                "NTRSE",
            ),
            (
                "| Name | Type | Is this field required? | Default Value | Description | Example |",
                "NTRDSE",
            ),
            (
                "| Field name | Data type | Required? | Default | Desc | Examples |",
                "NTRDSE",
            ),
            (
                "| Parameter | Type | Is this parameter required | Description | Sample |",
                "NTRSE",
            ),
            (
                "| NAME | TYPE | IS IT REQUIRED? | DEFAULT VALUE | DESCRIPTION | SAMPLE VALUE |",
                "NTRDSE",
            ),
            (
                "| Name  | Type  |  Is  it  required ? | Description: |",
                "NTRS",
            ),
            (
                "| Name | Type | Mandatory | Whether it is required | Remarks |",
                "NTRRS",
            ),
            ("| Name | Type | Notes |", "NT-"),
        ] {
            assert_eq!(columns(header), expected, "{header}");
        }
    }

    #[test]
    fn padding_does_not_make_or_break_query_rows() {
        // padded, indentation lost: the template is gone, no row is a query row
        check(
            "| Name | Type   | Required |\n| ---- | ------ | -------- |\n| a    | string  | yes      |",
            "table@1 padded template-lost\n3:a/string/yes",
        );
        // the widest name of a padded table has one space, the type two: not the old template
        check(
            "| 名称   | 类型    | 是否必填 |\n| ------ | ------- | -------- |\n| userId | string  | 是       |\n| a      | boolean | 否       |",
            "table@1 padded template-lost\n3:userId/string/是\n4:a/boolean/否",
        );
        // padded with the indentation kept: the indented rows are query rows
        check(
            &format!(
                "{ZH_HEADER}\n | userId         | string  | 是   | -    | 用户 ID | `u1`   |\n | withCustomData | boolean | 否   | -    | 是否获取 | `true` |"
            ),
            "table@1 padded\n3:userId/string/是/-/用户 ID/`u1` q\n4:withCustomData/boolean/否/-/是否获取/`true` q",
        );
        // a padded separator alone says nothing about the rows: the generator's spacing is read
        check(
            "| 名称 | 类型 | 是否必填 | 默认值 | 描述 | 示例值 |\n| ------ | ------- | -------- | --- | --- | --- |\n| a | string  | 否 | - | d |  |\n| b | string | 否 | - | d |  |",
            "table@1\n3:a/string/否/-/d/ q\n4:b/string/否/-/d/",
        );
        // padded in the old generation: the double space after the type is padding, not a signal
        check(
            &format!(
                "{OLD_HEADER}\n| a  | string  | 否 | - | d |  |\n| bb | number  | 否 | - | d |  |"
            ),
            "table@1 padded template-lost\n3:a/string/否/-/d/\n4:bb/number/否/-/d/",
        );
    }

    #[test]
    fn rows_merged_into_one_line() {
        check(
            "| Name | Type | Req | | ---- | ---- | ---- | | code | string | Yes |",
            "table@1\n1:code/string/Yes merged",
        );
        check(
            "| Name | Type | Req |\n| ---- | ---- | ---- |\n| a | string | no | | b | number | yes |",
            "table@1\n3:a/string/no merged\n3:b/number/yes merged",
        );
    }

    #[test]
    fn spliced_rows_keep_the_name_and_the_last_cells() {
        check(
            "| Name | Type | Req | Default | Desc | Example |\n| -- | -- | -- | -- | -- | -- |\n| alipayPayload | <a href=\"#A\">A</a> | No | - | about apple.ref=\"#B\">B</a> | No | - | about alipay | |",
            "table@1\n3:alipayPayload/about apple.ref=\"#B\">B</a>/No/-/about alipay/ spliced",
        );
    }

    #[test]
    fn a_pipe_in_a_description_is_not_a_splice() {
        check(
            "| 名称 | 类型 | 是否必填 | 描述 | 示例值 |\n| ---- | ---- | ---- | ---- | ---- |\n| state | string | 是 | 随机字符串 | 用于防范 CSRF | `s` |",
            "table@1\n3:state/string/是/随机字符串 | 用于防范 CSRF/`s` pipe",
        );
    }

    #[test]
    fn a_missing_default_cell_is_put_back() {
        check(
            &format!("{ZH_HEADER}\n| key | string | 是 | 扩展字段 Key   |  `str` |"),
            "table@1\n3:key/string/是/∅/扩展字段 Key/`str` nodefault",
        );
    }

    #[test]
    fn a_cut_off_row_of_a_table_without_default_cells() {
        check(
            &format!(
                "{ZH_HEADER}\n| key | string | 是 | Key |  `str` |\n| config | <a href=\"#C\">C</a> | 否 | 字段配置 |   "
            ),
            "table@1\n3:key/string/是/∅/Key/`str` nodefault\n4:config/<a href=\"#C\">C</a>/否/∅/字段配置/∅ nodefault truncated",
        );
    }

    #[test]
    fn truncated_rows_and_garbled_separators() {
        check(
            &format!("{ZH_HEADER}\n| a | string | 否 | - | cut"),
            "table@1\n3:a/string/否/-/cut/∅ truncated",
        );
        check(
            "| Name | Type |\n| ------------ | ------ ...| `wework` |\n| a | string |",
            "table@1\n3:a/string\n2! garbled separator row, content lost: `------ ...`",
        );
    }

    #[test]
    fn pipes_in_code_and_cells_over_several_lines() {
        check(
            &format!("{ZH_HEADER}\n| q | string | 是 | - | 查询 | `(|(a=b)(c=d))` |"),
            "table@1\n3:q/string/是/-/查询/`(|(a=b)(c=d))`",
        );
        check(
            &format!(
                "{ZH_HEADER}\n| src | string | 是 | - | 源代码 | `function f() {{\n  return 1;\n}}` |\n| b | number | 否 | - | d |  |"
            ),
            "table@1\n3:src/string/是/-/源代码/`function f() {\n  return 1;\n}`\n6:b/number/否/-/d/",
        );
    }

    #[test]
    fn a_blank_line_ends_a_table() {
        check(
            "| 名称 | 类型 |\n| ---- | ---- |\n| a | b |\n\n| c | d |",
            "table@1\n3:a/b",
        );
    }
}
