//! The column vocabulary of the reference pages' tables: what a header cell means, in every
//! page generation (Chinese headers, the older header whose last cell is the malformed
//! `<div style="width:200px"></div>示例值</div>`, the English headers of the GenAuth pages).
//!
//! Header cells are matched against one vocabulary ([`COLUMN_WORDS`]) after normalising case,
//! spacing and trailing punctuation (`Is it required?`, `是否必填：`).

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
