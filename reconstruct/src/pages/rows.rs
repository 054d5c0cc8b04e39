//! The tables of a section, row by row, into fields: request parameters, the response envelope
//! (rule `envelope-required`), structure fields and hand-written enum tables.

use super::cell;
use super::column::{Column, Header};
use super::markdown::Line;
use super::page::{Field, Generation, Page};
use super::parse::{Reader, Section};
use super::table::{self, Repair, Row};
use crate::corpus::{DocId, Loc};
use crate::diagnostic::Diagnostics;

impl Reader<'_> {
    /// Reads the tables in `lines` (of document `doc`) into the current unit: request rows,
    /// envelope rows, or the fields (or enum rows) of the open structure.
    pub(super) fn read_tables(&mut self, lines: &[Line<'_>], doc: DocId) {
        if lines.is_empty() {
            return;
        }
        let Reader {
            page,
            section,
            structure,
            response,
            diags,
        } = self;
        let diags = &mut **diags;
        for t in table::tables(lines) {
            for (line, damage) in &t.damage {
                diags.warn(Loc { doc, line: *line }, damage.clone());
            }
            match *section {
                Section::Params => {
                    if t.template_lost()
                        && page.generation != Generation::HandWritten
                        && !t.rows.is_empty()
                    {
                        diags.warn(
                            Loc {
                                doc,
                                line: t.header.line,
                            },
                            "request table padded to line up, without indented rows: the rows are read as body rows (rule `method-from-row-template`); a query row whose indentation the padding removed is misread".to_string(),
                        );
                    }
                    let params = page.params.get_or_insert_with(Vec::new);
                    for row in &t.rows {
                        if let Some(ty) = row.get(&t.header, Column::Type)
                            && cell::is_sdk_language_type(ty, page.english)
                        {
                            page.sdk_language_types = true;
                        }
                        if let Some(f) = field(&t.header, row, doc, diags) {
                            params.push(f);
                        }
                    }
                }
                Section::Response => {
                    let envelope = t.header.index(Column::Required).is_none()
                        && t.rows
                            .iter()
                            .any(|r| r.get(&t.header, Column::Name) == Some("statusCode"));
                    for row in &t.rows {
                        if let Some(mut f) = field(&t.header, row, doc, diags) {
                            if envelope {
                                // [`crate::rules::Rule::EnvelopeRequired`]
                                let d = &f.description.text;
                                let on_failure_only = d.contains("成功请求不返回")
                                    || d.contains("请求失败时会返回")
                                    || d.contains("not returned for successful")
                                    || d.contains("returned when the request fails");
                                f.required = Some(!on_failure_only);
                            }
                            response.fields.push(f);
                        }
                    }
                }
                Section::Structures => {
                    let Some(s) = structure.as_mut() else {
                        continue;
                    };
                    s.has_table = true;
                    let is_enum_table = !t.rows.is_empty()
                        && t.rows.iter().all(|r| {
                            r.get(&t.header, Column::Type)
                                .is_some_and(|ty| ty.trim().eq_ignore_ascii_case("enum"))
                        });
                    for row in &t.rows {
                        if is_enum_table {
                            let value = row
                                .get(&t.header, Column::Name)
                                .unwrap_or("")
                                .trim()
                                .to_string();
                            let label = row
                                .get(&t.header, Column::Description)
                                .unwrap_or("")
                                .trim()
                                .to_string();
                            s.enum_values.push((value, label));
                        } else if let Some(f) = field(&t.header, row, doc, diags) {
                            s.fields.push(f);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Interprets a row as a field; `None` (with a warning) when the name cell is not a name.
fn field(header: &Header, row: &Row, doc: DocId, diags: &mut Diagnostics) -> Option<Field> {
    let loc = Loc {
        doc,
        line: row.line,
    };
    let raw_name = row
        .get(header, Column::Name)
        .unwrap_or("")
        .trim()
        .trim_matches('`')
        .trim();
    let name_ok = !raw_name.is_empty()
        && raw_name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_$-.@[]".contains(&b));
    if !name_ok {
        diags.warn(
            loc,
            format!("row without a usable field name: `{raw_name}`"),
        );
        return None;
    }
    let description = cell::parse_description(row.get(header, Column::Description).unwrap_or(""));
    let type_cell = row.get(header, Column::Type).unwrap_or("");
    let (ty, note) = cell::parse_type(type_cell, &description);
    if let Some(note) = note {
        diags.warn(loc, format!("field `{raw_name}`: {note}"));
    }
    if description.trimmed_bullet {
        diags.warn(
            loc,
            format!("field `{raw_name}`: stray spaces inside an enum value's backticks (trimmed)"),
        );
    }
    let required = match row.get(header, Column::Required) {
        Some(c) => {
            let r = cell::parse_required(c);
            if r.is_none() && !c.trim().is_empty() {
                diags.warn(
                    loc,
                    format!(
                        "field `{raw_name}`: unrecognised required flag `{}`",
                        c.trim()
                    ),
                );
            }
            r
        }
        None => None,
    };
    for repair in &row.repairs {
        match repair {
            Repair::Spliced(dropped) => diags.warn(
                loc,
                format!("field `{raw_name}`: row spliced with another row; kept the trailing cells, dropped `{dropped}`"),
            ),
            Repair::Truncated => diags.warn(loc, format!("field `{raw_name}`: row cut off")),
            Repair::MissingDefault | Repair::MergedLine | Repair::PipeInDescription => {}
        }
    }
    Some(Field {
        name: raw_name.to_string(),
        ty,
        required,
        default: row.get(header, Column::Default).and_then(cell::literal),
        description,
        example: row.get(header, Column::Example).and_then(cell::literal),
        loc,
        query: row.query_style,
        repairs: row.repairs.clone(),
    })
}

/// [`crate::rules::Rule::EnvelopeRequired`] across pages: an envelope row that some page says is
/// returned only on failure is optional in every envelope (older renderings dropped the phrase
/// from `apiCode`'s description, not the behaviour).
pub fn share_envelope_optionality(pages: &mut [Page]) {
    let optional: std::collections::BTreeSet<String> = pages
        .iter()
        .filter_map(|p| p.response.as_ref())
        .flat_map(|r| r.fields.iter())
        .filter(|f| f.required == Some(false))
        .map(|f| f.name.clone())
        .collect();
    for p in pages.iter_mut() {
        let Some(r) = p.response.as_mut() else {
            continue;
        };
        if !r.fields.iter().any(|f| f.name == "statusCode") {
            continue;
        }
        for f in r.fields.iter_mut() {
            if optional.contains(&f.name) {
                f.required = Some(false);
            }
        }
    }
}
