//! Last year's table in: the seed as a real .docx reads back to seed.json and
//! shows every §Seed mistake; clipboard tables from Word and Excel (HTML as the
//! browser would hand it over, and tab-separated text) read with merged cells
//! filled; files that are not a .docx are refused with a message; no byte
//! input panics.
#![cfg(not(target_arch = "wasm32"))]

use perf_goals::core::findings::{Finding, Location, ProjectField as Field};
use perf_goals::core::format::read_document;
use perf_goals::core::import::docx::{self, DocumentRead, DocxError};
use perf_goals::core::import::grid::{collapse_html_whitespace, Cell, Grid, Matrix};
use perf_goals::core::import::table::{self, TableKind};
use perf_goals::core::import::tsv;
use perf_goals::core::model::{Checkpoint, Document, IndicatorField, Project};
use perf_goals::core::rules::validate;
use proptest::prelude::*;

const SEED: &str = include_str!("fixtures/seed.json");
const SEED_DOCX: &[u8] = include_bytes!("fixtures/seed.docx");
const WORD_INDICATORS: &str = include_str!("fixtures/clipboard/word-indicators.html");
const WORD_PROJECT: &str = include_str!("fixtures/clipboard/word-project.html");
const EXCEL_INDICATORS_HTML: &str = include_str!("fixtures/clipboard/excel-indicators.html");
const EXCEL_INDICATORS_TSV: &str = include_str!("fixtures/clipboard/excel-indicators.tsv");
const EXCEL_PROJECT_TSV: &str = include_str!("fixtures/clipboard/excel-project.tsv");

fn seed() -> Document {
    read_document(SEED).expect("the seed fixture reads")
}

fn imported() -> DocumentRead {
    docx::read_named("seed.docx", SEED_DOCX).expect("the seed .docx reads")
}

/// The seed as the importer should give it: everything in seed.json except
/// `saved_at`, which says when our app wrote a file; a Word document has none,
/// so an import leaves it empty (the app sets it on the first save).
fn expected() -> Document {
    Document {
        saved_at: String::new(),
        ..seed()
    }
}

#[test]
fn the_seed_docx_reads_to_seed_json_in_every_field() {
    let got = imported().document;
    let want = expected();
    // Field by field first, so a failure names the field.
    assert_eq!(got.year, want.year, "year from the title line");
    assert_eq!(got.unit, want.unit, "unit from the tables' first row");
    assert_eq!(got.money_unit, want.money_unit);
    assert_eq!(got.department.overall_goals, want.department.overall_goals);
    assert_eq!(got.department.sub_goals, want.department.sub_goals);
    assert_eq!(got.department.safeguards, want.department.safeguards);
    assert_eq!(got.projects.len(), want.projects.len());
    for (i, (g, w)) in got.projects.iter().zip(&want.projects).enumerate() {
        assert_eq!(g.code, w.code, "project {i} code");
        assert_eq!(g.name, w.name, "project {i} name");
        assert_eq!(g.budget, w.budget, "project {i} budget");
        assert_eq!(g.use_of_funds, w.use_of_funds, "project {i} use of funds");
        assert_eq!(
            g.spending_plan, w.spending_plan,
            "project {i} spending plan"
        );
        assert_eq!(g.goals, w.goals, "project {i} goals");
        assert_eq!(g.indicators.len(), w.indicators.len(), "project {i} rows");
        for (r, (gi, wi)) in g.indicators.iter().zip(&w.indicators).enumerate() {
            assert_eq!(gi, wi, "project {i} row {r}");
        }
    }
    assert_eq!(got, want);
}

#[test]
fn the_seed_docx_notes_say_what_was_found() {
    let read = imported();
    assert!(read.notes.contains(
        &"部门整体绩效目标：总体绩效目标 3 段，分项绩效目标 1 段，工作保障措施 6 段。".to_string()
    ));
    assert!(read
        .notes
        .contains(&"项目支出绩效目标表 6 个。".to_string()));
    assert!(
        !read.notes.iter().any(|n| n.contains("没有")),
        "nothing missing: {:?}",
        read.notes
    );
    assert_eq!(read.project_notes.len(), 6);
    for notes in &read.project_notes {
        assert!(notes.contains(
            &"识别的列：一级指标、二级指标、三级指标、绩效指标描述、指标值、指标值确定依据。"
                .to_string()
        ));
        assert!(notes
            .iter()
            .any(|n| n.starts_with("识别的项目信息：项目编码、项目名称")));
    }
}

fn key(f: &Finding) -> (String, Location, String) {
    (f.code.to_string(), f.location, f.message.clone())
}

#[test]
fn every_seed_mistake_is_reported_on_the_imported_document() {
    let got: Vec<_> = validate(&imported().document).iter().map(key).collect();
    let want: Vec<_> = validate(&expected()).iter().map(key).collect();
    assert_eq!(got, want, "the same findings as seed.json");
    // rules.md §Seed, each at its place (as tests/seed.rs checks on seed.json).
    let value = |row| Field::Indicator(row, Some(IndicatorField::Value));
    let mut expectations = vec![
        ("C2", 0, value(3)),
        ("C3", 0, value(3)),
        ("B9", 0, value(3)),
        ("C5", 1, Field::Indicator(1, Some(IndicatorField::Level2))),
        ("A6", 1, Field::Indicator(7, Some(IndicatorField::Name))),
        ("B6", 5, value(3)),
        ("B3", 1, value(5)),
        ("B3", 5, value(5)),
        ("B3", 2, value(0)),
        ("C10", 2, value(2)),
        ("B7", 2, value(7)),
    ];
    // B4 is one finding of the table (rules 1.1 messages); B5 is on each row.
    expectations.push(("B4", 4, Field::Indicators));
    for row in 0..9 {
        expectations.push(("B5", 4, value(row)));
    }
    for c in [Checkpoint::Mar, Checkpoint::Jun, Checkpoint::Dec] {
        expectations.push(("E1", 0, Field::SpendingPlan(Some(c))));
    }
    for project in 1..6 {
        for c in [Checkpoint::Mar, Checkpoint::Jun, Checkpoint::Oct] {
            expectations.push(("E1", project, Field::SpendingPlan(Some(c))));
        }
    }
    for project in 0..6 {
        expectations.push(("A11", project, Field::Goals(Some(0))));
    }
    for (code, project, field) in expectations {
        let at = Location::Project(project, field);
        assert!(
            got.iter().any(|(c, l, _)| c == code && *l == at),
            "{code} at project {project} {field:?}"
        );
    }
}

/// The grid a browser gives for the first table of clipboard HTML: what the
/// other half of the importer gets from DOMParser — cells with rowspan and
/// colspan, text as textContent with whitespace collapsed as displayed,
/// `<br>` and paragraph ends as line breaks. Comments (Word's conditional
/// blocks, StartFragment) are not content.
fn browser_grid(html: &str) -> Grid {
    // Drop comments, including `<!--[if gte mso 9]>…<![endif]-->`.
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        text.push_str(&rest[..i]);
        rest = rest[i..].find("-->").map_or("", |j| &rest[i + j + 3..]);
    }
    text.push_str(rest);
    let body = &text[text.find("<table").expect("a table")..];
    let body = &body[..body.find("</table>").expect("table end")];
    const BREAK: char = '\u{1}';
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cell: Option<(String, usize, usize)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        if let Some((raw, _, _)) = cell.as_mut() {
            raw.push_str(&rest[..lt]);
        }
        let gt = rest[lt..].find('>').expect("tag end") + lt;
        let tag = &rest[lt + 1..gt];
        let name: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        let attr = |a: &str| {
            tag.split_whitespace()
                .find_map(|t| t.strip_prefix(a)?.strip_prefix('='))
                .and_then(|v| v.trim_matches(['"', '\'']).parse().ok())
                .unwrap_or(1)
        };
        match name.as_str() {
            "tr" => rows.push(Vec::new()),
            "td" | "th" => cell = Some((String::new(), attr("rowspan"), attr("colspan"))),
            "/td" | "/th" => {
                if let Some((raw, rs, cs)) = cell.take() {
                    let mut lines: Vec<String> = raw
                        .split(BREAK)
                        .map(|l| decode(&collapse_html_whitespace(l)))
                        .collect();
                    // The whitespace after the last paragraph is no line.
                    while lines.last().is_some_and(String::is_empty) {
                        lines.pop();
                    }
                    rows.last_mut()
                        .expect("a row")
                        .push(Cell::spanning(lines.join("\n"), rs, cs));
                }
            }
            "br" | "/p" => {
                if let Some((raw, _, _)) = cell.as_mut() {
                    raw.push(BREAK);
                }
            }
            _ => {}
        }
        rest = &rest[gt + 1..];
    }
    Grid { rows }
}

fn decode(text: &str) -> String {
    text.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn the_browser_grid_of_word_html_has_the_merged_level1_cells() {
    let grid = browser_grid(WORD_INDICATORS);
    assert_eq!(grid.rows.len(), 10);
    assert_eq!(grid.rows[1][0], Cell::spanning("产出指标", 4, 1));
    // Rows under a merged cell have one cell less.
    assert_eq!(grid.rows[2].len(), 5);
    assert_eq!(grid.rows[0][5].text, "指标值\n确定依据");
    // The source line wrapped inside Chinese text does not leave a space.
    assert_eq!(grid.rows[9][2].text, "法院办案人员及案件当事人满意度");
    let m = Matrix::new(&grid);
    assert_eq!(m.text(4, 0), "产出指标", "filled down");
    assert_eq!(m.text(5, 0), "效益指标");
}

fn indicators_of(project: usize) -> Vec<perf_goals::core::model::Indicator> {
    seed().projects[project].indicators.clone()
}

#[test]
fn word_html_indicator_table_reads_with_merged_level1_filled() {
    let read = table::read(&browser_grid(WORD_INDICATORS)).expect("reads");
    assert_eq!(read.kind, TableKind::Indicators);
    assert_eq!(read.project.indicators, indicators_of(0));
    // The header broken by a line break is still recognised.
    assert!(
        read.notes.contains(
            &"识别的列：一级指标、二级指标、三级指标、绩效指标描述、指标值、指标值确定依据。"
                .to_string()
        ),
        "{:?}",
        read.notes
    );
}

fn seed_project(i: usize) -> Project {
    seed().projects[i].clone()
}

#[test]
fn word_html_whole_project_table_reads_to_the_seed_project() {
    let read = table::read(&browser_grid(WORD_PROJECT)).expect("reads");
    assert_eq!(read.kind, TableKind::Project);
    assert_eq!(read.project, seed_project(2));
    assert_eq!(read.unit_code, "120001");
    assert_eq!(read.unit_name, "承德高新区行政审批局本级");
}

#[test]
fn excel_html_and_tsv_read_alike() {
    let mut want = indicators_of(1);
    // The fixture's first 依据 has a second line (Alt+Enter in Excel).
    want[0].basis.push_str("\n（2023年修订）");
    let html = table::read(&browser_grid(EXCEL_INDICATORS_HTML)).expect("html reads");
    assert_eq!(html.project.indicators, want);
    let tsv = table::read(&tsv::read(EXCEL_INDICATORS_TSV)).expect("tsv reads");
    assert_eq!(tsv.project.indicators, want);
    // Tab-separated text has no merges: the blank 一级 cells are filled and it is said.
    assert!(
        tsv.notes
            .iter()
            .any(|n| n.starts_with("有 6 行的一级指标为空")),
        "{:?}",
        tsv.notes
    );
}

#[test]
fn excel_tsv_whole_project_table_reads_to_the_seed_project() {
    let read = table::read(&tsv::read(EXCEL_PROJECT_TSV)).expect("reads");
    assert_eq!(read.kind, TableKind::Project);
    assert_eq!(read.project, seed_project(0));
    assert_eq!(read.unit_name, "承德高新区行政审批局本级");
}

#[test]
fn tsv_quotes_newlines_and_doubled_quotes() {
    let grid =
        tsv::read("一级指标\t指标值\r\n产出指标\t\"≥95%\n（以上）\"\r\n\t\"称\"\"达标\"\"\"\r\n");
    assert_eq!(
        Matrix::new(&grid).to_texts(),
        [
            ["一级指标", "指标值"],
            ["产出指标", "≥95%\n（以上）"],
            ["", "称\"达标\""]
        ]
    );
}

// ---- refusals ----

/// A zip with one deflated entry whose directory states `declared` as its size.
fn deflated_zip(name: &str, data: &[u8], declared: u32) -> Vec<u8> {
    let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
    zip_of(name, &packed, crc32(data), declared)
}

/// A zip with one entry of already deflated bytes.
fn zip_of(name: &str, packed: &[u8], crc: u32, declared: u32) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(0x0403_4b50u32.to_le_bytes());
    out.extend([20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    out.extend(crc.to_le_bytes());
    out.extend((packed.len() as u32).to_le_bytes());
    out.extend(declared.to_le_bytes());
    out.extend((name.len() as u16).to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(name.as_bytes());
    out.extend(packed);
    let dir_at = out.len() as u32;
    let mut dir = Vec::new();
    dir.extend(0x0201_4b50u32.to_le_bytes());
    dir.extend([20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    dir.extend(crc.to_le_bytes());
    dir.extend((packed.len() as u32).to_le_bytes());
    dir.extend(declared.to_le_bytes());
    dir.extend((name.len() as u16).to_le_bytes());
    dir.extend([0; 12]);
    dir.extend(0u32.to_le_bytes());
    dir.extend(name.as_bytes());
    let dir_len = dir.len() as u32;
    out.extend(dir);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend(dir_len.to_le_bytes());
    out.extend(dir_at.to_le_bytes());
    out.extend([0, 0]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_deflated_zip_made_here_reads() {
    // The helper itself is sound, so the bomb tests below test the limits.
    let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>总体绩效目标</w:t></w:r></w:p><w:p><w:r><w:t>目标一</w:t></w:r></w:p></w:body></w:document>"#;
    let zip = deflated_zip("word/document.xml", xml.as_bytes(), xml.len() as u32);
    let read = docx::read(&zip).expect("reads");
    assert_eq!(read.document.department.overall_goals, ["目标一"]);
}

/// A deflate stream of `1 + 258 * matches` zeros: one literal, then matches of
/// the longest length at distance 1, in one fixed-Huffman block — 13 bits per
/// 258 bytes, the shape of a real zip bomb, made without compressing anything.
fn zeros_deflated(matches: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u64, 0u32);
    let mut put = |value: u32, len: u32, out: &mut Vec<u8>| {
        acc |= u64::from(value) << bits;
        bits += len;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    };
    // Huffman codes go most significant bit first.
    let code = |c: u32, len: u32| c.reverse_bits() >> (32 - len);
    put(1, 1, &mut out); // last block
    put(1, 2, &mut out); // fixed Huffman
    put(code(0x30, 8), 8, &mut out); // literal 0
    for _ in 0..matches {
        put(code(0xC5, 8), 8, &mut out); // length 258
        put(0, 5, &mut out); // distance 1
    }
    put(0, 7, &mut out); // end of block
    put(0, 7, &mut out); // flush
    out
}

#[test]
fn a_zip_bomb_is_refused() {
    // About 60 MiB of zeros in under 400 KiB.
    let matches = 243_855;
    let size = (1 + 258 * matches) as u32;
    let packed = zeros_deflated(matches);
    assert!(packed.len() < 400 * 1024);
    // The stream is real: its first megabyte inflates to zeros.
    let head = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, 1 << 20);
    assert!(head.is_err_and(|e| e.output.len() == 1 << 20 && e.output.iter().all(|&b| b == 0)));
    let honest = zip_of("word/document.xml", &packed, 0, size);
    assert_eq!(docx::read(&honest).unwrap_err(), DocxError::TooLarge);
    assert!(docx::read(&honest)
        .unwrap_err()
        .to_string()
        .contains("50 MB"));
    // A directory that understates the size: inflation stops at the stated size.
    let lying = zip_of("word/document.xml", &packed, 0, 1000);
    assert_eq!(docx::read(&lying).unwrap_err(), DocxError::Corrupt);
}

#[test]
fn millions_of_empty_cells_are_refused_before_they_fill_the_memory() {
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tr>{}</w:tr></w:tbl></w:body></w:document>"#,
        "<w:tc/>".repeat(docx::MAX_CELLS + 1)
    );
    let zip = deflated_zip("word/document.xml", xml.as_bytes(), xml.len() as u32);
    assert_eq!(docx::read(&zip).unwrap_err(), DocxError::TooLarge);
}

#[test]
fn a_doc_file_gets_the_save_as_docx_message() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend([0u8; 504]);
    let err = docx::read_named("2023年绩效目标.doc", &doc).unwrap_err();
    assert_eq!(
        err.to_string(),
        ".doc 为旧版 Word 格式，请在 Word 或 WPS 中另存为 .docx 后再导入"
    );
    assert!(docx::read_named("表.wps", &doc)
        .unwrap_err()
        .to_string()
        .starts_with(".wps 为 WPS 文字格式"));
    assert!(docx::read_named("表.et", &doc)
        .unwrap_err()
        .to_string()
        .starts_with(".et 为 WPS 表格格式"));
}

#[test]
fn not_a_zip_and_truncated_and_damaged_are_refused() {
    assert_eq!(
        docx::read("这不是文档".as_bytes()).unwrap_err(),
        DocxError::NotZip
    );
    let half = &SEED_DOCX[..SEED_DOCX.len() / 2];
    assert_eq!(docx::read(half).unwrap_err(), DocxError::Truncated);
    assert!(docx::read(half).unwrap_err().to_string().contains("不完整"));
    // A byte changed inside the deflated document.xml.
    let mut damaged = SEED_DOCX.to_vec();
    let name = b"word/document.xml";
    let at = damaged
        .windows(name.len())
        .position(|w| w == name)
        .expect("the local header names it");
    damaged[at + name.len() + 500] ^= 0x55;
    assert_eq!(docx::read(&damaged).unwrap_err(), DocxError::Corrupt);
}

// ---- nothing panics ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_bytes_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = docx::read(&bytes);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend(&bytes);
        let _ = docx::read(&zipped);
    }

    #[test]
    fn no_damage_to_the_seed_docx_panics(
        cuts in proptest::collection::vec((0usize..SEED_DOCX.len(), any::<u8>()), 1..8),
        keep in 0usize..=SEED_DOCX.len(),
    ) {
        let mut bytes = SEED_DOCX.to_vec();
        for (at, b) in cuts {
            bytes[at] = b;
        }
        let _ = docx::read(&bytes);
        let _ = docx::read(&SEED_DOCX[..keep]);
    }

    #[test]
    fn no_text_panics_as_tsv_or_table(text in "[\t\r\n\"一级指标二三值依据产出项目编码名称绩效目标3月底a-z0-9 ]{0,200}") {
        let grid = tsv::read(&text);
        let _ = table::read(&grid);
        let _ = table::read_indicators(&grid);
    }

    #[test]
    fn no_spans_panic(rows in proptest::collection::vec(
        proptest::collection::vec(("[一级指标项目名称x]{0,4}", 0usize..5, 0usize..5), 0..8), 0..8)) {
        let grid = Grid {
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(|(t, rs, cs)| Cell::spanning(t, rs, cs)).collect())
                .collect(),
        };
        let _ = table::read(&grid);
    }
}

#[test]
fn a_word_xml_body_of_any_text_does_not_panic() {
    // XML fragments cut at every position inside a real document body.
    let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999999"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>一级指标&amp;&#x110000;&#99999999;</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
    for end in (0..=xml.len()).filter(|&i| xml.is_char_boundary(i)) {
        let zip = deflated_zip("word/document.xml", &xml.as_bytes()[..end], end as u32);
        let _ = docx::read(&zip);
    }
}
