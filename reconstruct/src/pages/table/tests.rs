//! The table reader on damaged and well-formed tables.

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

#[test]
fn a_cut_off_row_before_a_last_default_column() {
    // Found by the `page` fuzz target: the default column is the last one, and a cut-off row
    // of a table whose siblings lack it ends before it (it once panicked inserting past the end).
    check(
        "| 名称 | 类型 | 默认值 |\n| ---- | ---- | ---- |\n| a | string |\n| b",
        "table@1\n3:a/string/∅ nodefault\n4:b/∅/∅ nodefault truncated",
    );
}
