//! What one file may hold (spec/format.md, "Limits"). The reader refuses a file
//! past any of these, naming the place; the editor holds to the same numbers.
//!
//! Each is far above what a real document needs (the seed: 6 projects of ≤ 9
//! rows, paragraphs under 400 characters; a large unit: about 150 projects of
//! up to 40 rows) and low enough that the worst file they let through still
//! reads, validates, prints and saves in about a tenth of a second each and
//! under 120 MB natively (figures in format.md). Characters are Unicode
//! scalar values; a browser's `maxlength` counts UTF-16 units, never fewer,
//! so text typed under a `maxlength` of the same number always passes.

/// Bytes per file: a real document of 150 projects × 40 rows is about 1.7 MB
/// of JSON; 5 MB is what 导入 has always accepted.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Projects per document: 3× the largest real units (~150); each project is a
/// step in the editor and a page in the printout.
pub const MAX_PROJECTS: usize = 500;

/// Indicator rows per project: 2.5× the longest real tables (40 rows).
pub const MAX_INDICATORS: usize = 100;

/// Indicator rows in the whole document: 3× a large unit's (150 × 40 =
/// 6 000). Validation, printing and the written size grow with the rows, not
/// with the projects' limit times the rows' (50 000 empty rows are 0.15 MB in
/// a file and 8 MB written back, past the file limit).
pub const MAX_DOCUMENT_INDICATORS: usize = 20_000;

/// Goals (绩效目标) per project: real tables have 1–10.
pub const MAX_GOALS: usize = 50;

/// Paragraphs per department list (总体/分项绩效目标, 工作保障措施): real ones
/// have 1–20.
pub const MAX_PARAGRAPHS: usize = 200;

/// Characters of a short field: codes, names, year, amounts, spending plan,
/// and the indicator cells 一级/二级/三级指标, 指标值, 指标值确定依据. The
/// longest real ones are under 200 (a 依据 citing two documents); messages
/// quote these fields, so they must stay short.
pub const MAX_SHORT_CHARS: usize = 500;

/// Characters of a long field: department paragraphs, 绩效目标, 资金用途,
/// 绩效指标描述. Real paragraphs stay under 1 000; rules scan these on every
/// keystroke in the project.
pub const MAX_LONG_CHARS: usize = 5_000;

/// Bytes of unknown keys and their values in one object of ours (a project, a
/// row, `unit`, …), as they stand in the file: room for a tool's notes, not
/// for a second document. The top level is exempt: the `review` block of
/// review.md lives there and holds a snapshot of the document per round.
pub const MAX_UNKNOWN_BYTES: usize = 64 * 1024;

/// Nesting levels of one unknown value: review.md's block needs 8
/// (review → rounds → round → reviewed → projects → project → indicators → row).
pub const MAX_UNKNOWN_DEPTH: usize = 16;

/// JSON values in all unknown data of one file: each costs about 100 bytes in
/// memory however small it is in the file (`[0,0,0,…]` would grow 50×). Real
/// text averages 30–40 bytes a value, so 5 MB of genuine review data is about
/// 150 000 values.
pub const MAX_UNKNOWN_VALUES: usize = 250_000;
