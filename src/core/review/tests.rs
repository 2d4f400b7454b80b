//! The round trip as the two sides live it: a reviewer's file written and read
//! back, bad blocks, comments finding their places after edits, 修改对比, 已核实.

use serde_json::{json, Value};

use super::anchor::{DepartmentPlace, HeadField};
use super::testdoc::{doc, row};
use super::*;
use crate::core::findings::Severity;
use crate::core::format::{read_document, write_document, Status};
use crate::core::model::{Checkpoint, DepartmentList, Document, IndicatorField};
use crate::core::rules;

const SEED: &str = include_str!("../../../tests/fixtures/seed.json");

fn cell(p: usize, r: usize, f: IndicatorField) -> Place {
    Place::Project(p, ProjectPlace::Cell(r, f))
}

fn value(p: usize, r: usize) -> Place {
    cell(p, r, IndicatorField::Value)
}

/// A file whose `review` block has every key of review.md, and keys of some
/// other tool in every object.
fn reviewed_file() -> String {
    let d = doc();
    let mut file: Value = serde_json::from_str(&write_document(&d, Status::Draft)).unwrap();
    let snapshot: Value = {
        let mut v: Value = serde_json::from_str(&write_document(&d, Status::Draft)).unwrap();
        let m = v.as_object_mut().unwrap();
        for k in ["format", "version", "status"] {
            m.shift_remove(k);
        }
        m.insert("tool_note".into(), json!("kept"));
        v
    };
    let review = json!({
        "rounds": [
            {
                "round": 1,
                "reviewer": "承德市财政局绩效管理科",
                "reviewed_at": "2027-03-02T08:00:00Z",
                "decision": "退回修改",
                "summary": "部分项目成本指标未按金额设置，请修改后重新报送。",
                "projects": [
                    { "code": "13081123P00021510001E", "name": "法律顾问费", "decision": "退回修改", "grade": "中", "opinion": "成本指标应为金额上限。", "score": 72 }
                ],
                "comments": [
                    {
                        "id": "1-1",
                        "at": { "project": "13081123P00021510001E", "row": 4, "field": "value", "cell": "c4" },
                        "quote": "≥95%",
                        "code": "C2",
                        "text": "案例办理单价应填写金额上限，如≤5000元/件。",
                        "status": "open",
                        "reply": "",
                        "color": "yellow"
                    },
                    {
                        "id": "1-2",
                        "at": { "field": "overall_goals" },
                        "quote": "",
                        "code": "",
                        "text": "总体目标请写明主要产出。",
                        "status": "answered",
                        "reply": "已补充。"
                    },
                    {
                        "id": "1-3",
                        "at": {},
                        "quote": "",
                        "code": "",
                        "text": "请补充项目申报依据。",
                        "status": "closed",
                        "reply": "见附件。"
                    }
                ],
                "reviewed": snapshot,
                "signature": { "by": "张三" }
            },
            {
                "round": 2,
                "reviewer": "承德市财政局绩效管理科",
                "reviewed_at": "",
                "decision": "",
                "summary": "",
                "projects": [
                    { "code": "13081123P00021510002E", "name": "政务服务大厅运行经费", "decision": "", "grade": "", "opinion": "" }
                ],
                "comments": [
                    {
                        "id": "2-1",
                        "at": { "project": "#2", "row": 1, "field": "goals" },
                        "quote": "保障政务服务大厅全年正常运行。",
                        "code": "C13",
                        "text": "目标未量化。",
                        "status": "open",
                        "reply": ""
                    }
                ]
            }
        ],
        "tool": { "name": "other", "version": 3 }
    });
    let acknowledged = json!([
        { "code": "E5", "at": { "project": "13081123P00021510001E", "field": "spending_plan.mar" }, "reason": "上半年为招标期，确无支出", "by": "李四" }
    ]);
    // Where format.md puts them: after `projects`, before `saved_at`.
    let m = file.as_object_mut().unwrap();
    let saved_at = m.shift_remove("saved_at").unwrap();
    m.insert("acknowledged".into(), acknowledged);
    m.insert("review".into(), review);
    m.insert("saved_at".into(), saved_at);
    let mut text = serde_json::to_string_pretty(&file).unwrap();
    text.push('\n');
    text
}

/// Reads a file as the app does: the document, its review and 已核实.
fn read_all(text: &str) -> (Document, Option<Review>, Vec<Acknowledgement>) {
    let d = read_document(text).unwrap_or_else(|e| panic!("{e}"));
    let (review, acks) = (d.review.clone(), d.acknowledged.clone());
    (d, review, acks)
}

fn write_all(d: &Document, review: Option<&Review>, acks: &[Acknowledgement]) -> String {
    let mut d = d.clone();
    d.review = review.cloned();
    d.acknowledged = acks.to_vec();
    write_document(&d, Status::Draft)
}

#[test]
fn a_reviewed_file_written_and_read_back_is_identical() {
    let text = reviewed_file();
    let (d, review, acks) = read_all(&text);
    let review = review.expect("the file has a review");
    assert_eq!(review.rounds.len(), 2);
    assert_eq!(acks.len(), 1);
    assert_eq!(write_all(&d, Some(&review), &acks), text);
    // And once more, through what was written.
    let (d2, review2, acks2) = read_all(&text);
    assert_eq!((d2, review2, acks2), (d, Some(review), acks));
}

#[test]
fn unknown_keys_inside_the_review_survive_in_their_objects() {
    let (_, review, acks) = read_all(&reviewed_file());
    let review = review.unwrap();
    assert_eq!(
        review.extra.get("tool"),
        Some(&json!({ "name": "other", "version": 3 }))
    );
    let r1 = &review.rounds[0];
    assert_eq!(r1.extra.get("signature"), Some(&json!({ "by": "张三" })));
    assert_eq!(r1.projects[0].extra.get("score"), Some(&json!(72)));
    assert_eq!(r1.comments[0].extra.get("color"), Some(&json!("yellow")));
    assert_eq!(r1.comments[0].at_extra.get("cell"), Some(&json!("c4")));
    assert_eq!(
        r1.reviewed.as_ref().unwrap().extra.get("tool_note"),
        Some(&json!("kept"))
    );
    assert_eq!(acks[0].extra.get("by"), Some(&json!("李四")));
    // Written back inside the same objects, after the known keys.
    let v = review_value(&review);
    let comment = &v["rounds"][0]["comments"][0];
    let keys: Vec<&str> = comment
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["id", "at", "quote", "code", "text", "status", "reply", "color"]
    );
    assert_eq!(comment["at"]["cell"], json!("c4"));
}

#[test]
fn the_document_reader_reads_the_block_and_the_writer_puts_it_back() {
    let text = reviewed_file();
    let d = read_document(&text).unwrap();
    assert!(d.review.is_some() && d.acknowledged.len() == 1);
    assert!(
        !d.extra.contains_key("review") && !d.extra.contains_key("acknowledged"),
        "known keys, not unknown ones"
    );
    assert_eq!(write_document(&d, Status::Draft), text);
}

#[test]
fn a_round_made_with_the_app_survives_the_file() {
    let d = doc();
    let mut review = Review::default();
    start_round(&mut review, "绩效科");
    let a = add_comment(&mut review, &d, value(0, 3), "应为金额上限").unwrap();
    let b = add_comment(
        &mut review,
        &d,
        Place::Department(DepartmentPlace::Paragraph(DepartmentList::Safeguards, 1)),
        "请具体化",
    )
    .unwrap();
    assert_eq!((a.as_str(), b.as_str()), ("1-1", "1-2"));
    conclusion_mut(&mut review, &d, 0).unwrap().grade = Some(crate::core::findings::Grade::Fair);
    close_round(&mut review, &d, "2027-03-02T08:00:00Z", Decision::Returned).unwrap();
    let text = write_all(&d, Some(&review), &[]);
    let (d2, review2, acks2) = read_all(&text);
    assert_eq!(review2.as_ref(), Some(&review));
    assert!(acks2.is_empty());
    assert_eq!(write_all(&d2, review2.as_ref(), &acks2), text);
    let v: Value = serde_json::from_str(&text).unwrap();
    let round = &v["review"]["rounds"][0];
    let keys: Vec<&str> = round
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "round",
            "reviewer",
            "reviewed_at",
            "decision",
            "summary",
            "projects",
            "comments",
            "reviewed"
        ]
    );
    assert_eq!(round["comments"][0]["quote"], json!("≥95%"));
    assert_eq!(
        round["comments"][0]["at"],
        json!({ "project": "13081123P00021510001E", "row": 4, "field": "value" })
    );
    assert_eq!(round["projects"][0]["grade"], json!("中"));
    assert!(round["reviewed"].get("review").is_none());
    assert!(round["reviewed"].get("format").is_none());
}

/// The file with one value replaced at a JSON pointer.
fn with(pointer: &str, v: Value) -> Value {
    let mut file: Value = serde_json::from_str(&reviewed_file()).unwrap();
    *file
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = v;
    file
}

fn refusal(file: Value) -> ReviewReadError {
    let mut m = file.as_object().unwrap().clone();
    match (m.shift_remove("review"), m.shift_remove("acknowledged")) {
        (Some(r), acks) => read_review(r, "review")
            .and_then(|_| read_acknowledged(acks.unwrap_or(Value::Null), "acknowledged"))
            .expect_err("should be refused"),
        (None, _) => panic!("no review"),
    }
}

#[test]
fn bad_blocks_are_refused_naming_the_path() {
    let cases = [
        ("/review", json!([]), "review", "对象"),
        ("/review/rounds", json!({}), "review.rounds", "数组"),
        ("/review/rounds/0", json!("r1"), "review.rounds[0]", "对象"),
        (
            "/review/rounds/0/round",
            json!("1"),
            "review.rounds[0].round",
            "正整数",
        ),
        (
            "/review/rounds/0/round",
            json!(0),
            "review.rounds[0].round",
            "正整数",
        ),
        (
            "/review/rounds/0/reviewer",
            json!(7),
            "review.rounds[0].reviewer",
            "文本",
        ),
        (
            "/review/rounds/0/decision",
            json!("同意"),
            "review.rounds[0].decision",
            "同意",
        ),
        (
            "/review/rounds/0/projects/0/grade",
            json!("A"),
            "review.rounds[0].projects[0].grade",
            "「优」",
        ),
        (
            "/review/rounds/0/projects/0/decision",
            json!(true),
            "review.rounds[0].projects[0].decision",
            "文本",
        ),
        (
            "/review/rounds/0/comments/0/status",
            json!("pending"),
            "review.rounds[0].comments[0].status",
            "pending",
        ),
        (
            "/review/rounds/0/comments/0/status",
            json!(""),
            "review.rounds[0].comments[0].status",
            "open",
        ),
        (
            "/review/rounds/0/comments/1/at",
            json!("第4行"),
            "review.rounds[0].comments[1].at",
            "对象",
        ),
        (
            "/review/rounds/0/comments/0/at/row",
            json!("4"),
            "review.rounds[0].comments[0].at.row",
            "正整数",
        ),
        (
            "/review/rounds/0/comments/0/id",
            json!(""),
            "review.rounds[0].comments[0].id",
            "为空",
        ),
        (
            "/review/rounds/0/comments/2/id",
            json!("1-1"),
            "review.rounds[0].comments[2].id",
            "review.rounds[0].comments[0].id",
        ),
        (
            "/review/rounds/1/comments/0/id",
            json!("1-2"),
            "review.rounds[1].comments[0].id",
            "重复",
        ),
        (
            "/review/rounds/0/reviewed/projects/1/indicators/2/value",
            json!(5),
            "review.rounds[0].reviewed.projects[1].indicators[2].value",
            "文本",
        ),
        (
            "/review/rounds/0/reviewed",
            json!([]),
            "review.rounds[0].reviewed",
            "对象",
        ),
        ("/acknowledged", json!({}), "acknowledged", "数组"),
        (
            "/acknowledged/0/reason",
            json!(["a"]),
            "acknowledged[0].reason",
            "文本",
        ),
    ];
    for (pointer, v, path, says) in cases {
        let err = refusal(with(pointer, v.clone()));
        assert_eq!(err.path(), path, "{pointer} = {v}");
        let message = err.to_string();
        assert!(
            message.contains(path) && message.contains(says),
            "{message}"
        );
    }
}

#[test]
fn comments_pointing_nowhere_are_shown_as_moved_never_dropped() {
    let mut file = with(
        "/review/rounds/1/comments/0/at",
        json!({ "project": "#9", "row": 1, "field": "goals" }),
    );
    let extra = json!([
        { "id": "2-2", "at": { "project": "13081123P00021510002E", "row": 40, "field": "value" }, "quote": "", "code": "", "text": "行已不存在", "status": "open", "reply": "" },
        { "id": "2-3", "at": { "project": "13081123P00021510002E", "field": "later_key" }, "quote": "", "code": "", "text": "后续版本的位置", "status": "open", "reply": "" }
    ]);
    file["review"]["rounds"][1]["comments"]
        .as_array_mut()
        .unwrap()
        .extend(extra.as_array().unwrap().iter().cloned());
    let mut text = serde_json::to_string_pretty(&file).unwrap();
    text.push('\n');
    let (d, review, acks) = read_all(&text);
    let review = review.unwrap();
    let locator = Locator::new(&review, &d);
    let all = locator.all();
    assert_eq!(all.len(), 6, "every comment is listed");
    let of = |id: &str| {
        let l = all
            .iter()
            .find(|l| review.rounds[l.round].comments[l.index].id == id)
            .unwrap();
        (l.resolved, l.step)
    };
    assert_eq!(
        of("2-1"),
        (Resolved::Moved { project: None }, Step::Document)
    );
    assert_eq!(
        of("2-2"),
        (Resolved::Moved { project: Some(1) }, Step::Project(1))
    );
    assert_eq!(
        of("2-3"),
        (Resolved::Moved { project: Some(1) }, Step::Project(1))
    );
    let counts = open_counts(&review, &d);
    assert_eq!(counts.of_step(Step::Document), 1);
    assert_eq!(counts.of_step(Step::Project(1)), 2);
    assert_eq!(counts.of_step(Step::Project(0)), 1);
    assert_eq!(counts.total(), review.open_count());
    // Nothing is lost on the way out.
    assert_eq!(write_all(&d, Some(&review), &acks), text);
}

#[test]
fn rows_deleted_without_a_snapshot_reanchor_by_quote() {
    let d = doc();
    let mut review = Review::default();
    start_round(&mut review, "");
    // The satisfaction row, last of six.
    let id = add_comment(&mut review, &d, value(0, 5), "满意度目标偏低").unwrap();
    let row_id = add_comment(
        &mut review,
        &d,
        Place::Project(0, ProjectPlace::Row(5)),
        "口径？",
    )
    .unwrap();
    let cost = add_comment(&mut review, &d, value(0, 3), "应为金额上限").unwrap();
    let place = |review: &Review, d: &Document, id: &str| {
        let (r, c) = review.comments().find(|(_, c)| c.id == id).unwrap();
        Locator::new(review, d).locate(r, c)
    };
    // A row above deleted: row 6 no longer exists, its value and its whole
    // text are found one row up.
    let mut edited = d.clone();
    edited.projects[0].indicators.remove(1);
    assert_eq!(place(&review, &edited, &id), Resolved::At(value(0, 4)));
    assert_eq!(
        place(&review, &edited, &row_id),
        Resolved::At(Place::Project(0, ProjectPlace::Row(4)))
    );
    // Its value edited in place: still there, though another row of the
    // column holds the old text ("≥95%" in row 2).
    let mut fixed = d.clone();
    fixed.projects[0].indicators[3].value = "≤5000元/件".into();
    assert_eq!(place(&review, &fixed, &cost), Resolved::At(value(0, 3)));
    // The row deleted and the quote nowhere: shown with its project.
    let mut gone = d.clone();
    gone.projects[0].indicators.truncate(3);
    assert_eq!(
        place(&review, &gone, &id),
        Resolved::Moved { project: Some(0) }
    );
    // The project's code changed, and no snapshot to pair it: with the document.
    let mut recoded = d.clone();
    recoded.projects[0].code = "X".into();
    assert_eq!(
        place(&review, &recoded, &id),
        Resolved::Moved { project: None }
    );
}

/// A reviewed round 1 closed on `doc()`: comments on the cost row's value, on
/// the hall project's row 2 and on its code, and on the document.
fn round_one() -> (Document, Review, [String; 4]) {
    let d = doc();
    let mut review = Review::default();
    start_round(&mut review, "绩效科");
    let ids = [
        add_comment(&mut review, &d, value(0, 3), "成本指标应为金额上限").unwrap(),
        add_comment(
            &mut review,
            &d,
            Place::Project(1, ProjectPlace::Row(1)),
            "考核口径？",
        )
        .unwrap(),
        add_comment(
            &mut review,
            &d,
            Place::Project(1, ProjectPlace::Code),
            "编码有误",
        )
        .unwrap(),
        add_comment(&mut review, &d, Place::Document, "请补充依据").unwrap(),
    ];
    close_round(&mut review, &d, "2027-03-02T08:00:00Z", Decision::Returned).unwrap();
    (d, review, ids)
}

fn status(review: &Review, id: &str) -> CommentStatus {
    review.comment(id).unwrap().status
}

#[test]
fn rows_deleted_or_moved_between_rounds_follow_their_row() {
    let (d, review, ids) = round_one();
    let mut edited = d.clone();
    // A row above the commented one deleted, another inserted at the top,
    // and the commented value itself fixed.
    edited.projects[0].indicators.remove(0);
    edited.projects[0].indicators.insert(
        0,
        row(
            "产出指标",
            "数量指标",
            "合同审查份数",
            "审查合同份数",
            "≥30份",
            "上年实际",
        ),
    );
    edited.projects[0].indicators[3].value = "≤5000元/件".into();
    // The hall project moved first, its code fixed.
    edited.projects.swap(0, 1);
    edited.projects[0].code = "13081123P00021510009E".into();
    let locator = Locator::new(&review, &edited);
    let at = |id: &str| {
        let (r, c) = review.comments().find(|(_, c)| c.id == id).unwrap();
        locator.locate(r, c)
    };
    assert_eq!(at(&ids[0]), Resolved::At(value(1, 3)));
    assert_eq!(
        at(&ids[1]),
        Resolved::At(Place::Project(0, ProjectPlace::Row(1)))
    );
    assert_eq!(
        at(&ids[2]),
        Resolved::At(Place::Project(0, ProjectPlace::Code))
    );
    assert_eq!(at(&ids[3]), Resolved::At(Place::Document));
}

#[test]
fn a_row_renamed_and_moved_between_rounds_is_found_by_its_quote_among_new_rows() {
    let (d, review, ids) = round_one();
    let mut edited = d.clone();
    // The cost row (value "≥95%", like row 2) renamed and moved to the end:
    // no pair for it, so its quote is looked for among the rows that are new.
    let mut r = edited.projects[0].indicators.remove(3);
    r.name = "案件办理单价".into();
    edited.projects[0].indicators.push(r);
    let (round, c) = review.comments().find(|(_, c)| c.id == ids[0]).unwrap();
    assert_eq!(
        Locator::new(&review, &edited).locate(round, c),
        Resolved::At(value(0, 5))
    );
    // Deleted for good: shown with its project.
    edited.projects[0].indicators.pop();
    assert_eq!(
        Locator::new(&review, &edited).locate(round, c),
        Resolved::Moved { project: Some(0) }
    );
}

#[test]
fn an_edit_of_the_place_answers_its_comment_and_nothing_else() {
    let (d, mut review, ids) = round_one();
    assert!(
        mark_answered(&mut review, &d).is_empty(),
        "nothing edited yet"
    );
    let mut edited = d.clone();
    edited.projects[0].indicators[3].value = "≤5000元/件".into();
    edited.projects[0].indicators[0].value = "≥41次".into();
    assert_eq!(mark_answered(&mut review, &edited), vec![ids[0].clone()]);
    assert_eq!(status(&review, &ids[0]), CommentStatus::Answered);
    assert_eq!(status(&review, &ids[1]), CommentStatus::Open);
    // A change anywhere in the commented row answers a comment on the row.
    edited.projects[1].indicators[1].basis = "《政务服务考核办法》第5条".into();
    assert_eq!(mark_answered(&mut review, &edited), vec![ids[1].clone()]);
    // Trailing spaces typed in a draft are not a change.
    edited.projects[1].code.push(' ');
    assert!(mark_answered(&mut review, &edited).is_empty());
    // Only a reply answers a comment on the document.
    assert_eq!(status(&review, &ids[3]), CommentStatus::Open);
    set_reply(&mut review, &ids[3], "  ").unwrap();
    assert_eq!(
        status(&review, &ids[3]),
        CommentStatus::Open,
        "a blank reply is no answer"
    );
    set_reply(&mut review, &ids[3], "依据见《承德市法律顾问管理办法》。").unwrap();
    assert_eq!(status(&review, &ids[3]), CommentStatus::Answered);
    assert_eq!(
        review.comment(&ids[3]).unwrap().reply,
        "依据见《承德市法律顾问管理办法》。"
    );
    // Removing the commented row answers it too.
    let (d, mut review, ids) = round_one();
    let mut removed = d.clone();
    removed.projects[1].indicators.remove(1);
    assert_eq!(mark_answered(&mut review, &removed), vec![ids[1].clone()]);
}

#[test]
fn a_comment_reopened_in_the_next_round_needs_a_new_change() {
    let (d, mut review, ids) = round_one();
    let mut v2 = d.clone();
    v2.projects[0].indicators[3].value = "≥5000元/件".into();
    mark_answered(&mut review, &v2);
    assert_eq!(status(&review, &ids[0]), CommentStatus::Answered);
    // Round 2: the reviewer reopens it; while the round is open nothing is
    // answered by itself.
    assert_eq!(start_round(&mut review, ""), 2);
    reopen_comment(&mut review, &ids[0]).unwrap();
    close_comment(&mut review, &ids[1]).unwrap();
    assert!(mark_answered(&mut review, &v2).is_empty());
    close_round(&mut review, &v2, "2027-03-09T08:00:00Z", Decision::Returned).unwrap();
    // The preparer opens the file: the old change does not count again.
    assert!(mark_answered(&mut review, &v2).is_empty());
    assert_eq!(status(&review, &ids[0]), CommentStatus::Open);
    let mut v3 = v2.clone();
    v3.projects[0].indicators[3].value = "≤5000元/件".into();
    assert_eq!(mark_answered(&mut review, &v3), vec![ids[0].clone()]);
    assert_eq!(
        status(&review, &ids[1]),
        CommentStatus::Closed,
        "closed stays closed"
    );
}

#[test]
fn comments_are_written_in_an_open_round_with_unique_ids() {
    let d = doc();
    let mut review = Review::default();
    assert_eq!(
        add_comment(&mut review, &d, Place::Document, "x"),
        Err(CommentError::NoOpenRound)
    );
    start_round(&mut review, "");
    assert_eq!(
        add_comment(&mut review, &d, value(0, 99), "x"),
        Err(CommentError::NoSuchPlace)
    );
    let a = add_comment(&mut review, &d, Place::Head(HeadField::Year), "年度").unwrap();
    assert_eq!(review.comment(&a).unwrap().quote, "2023");
    let b = add_comment(&mut review, &d, Place::Document, "b").unwrap();
    remove_comment(&mut review, &a).unwrap();
    let c = add_comment(&mut review, &d, Place::Document, "c").unwrap();
    assert_eq!(
        (b.as_str(), c.as_str()),
        ("1-2", "1-3"),
        "an id is never reused"
    );
    close_round(&mut review, &d, "2027-03-02T08:00:00Z", Decision::Returned).unwrap();
    assert_eq!(
        remove_comment(&mut review, &b),
        Err(CommentError::Kept { id: b.clone() })
    );
    assert_eq!(
        close_comment(&mut review, "9-9"),
        Err(CommentError::NotFound { id: "9-9".into() })
    );
    start_round(&mut review, "");
    // A file from another tool already holds "2-1".
    review.rounds[0].comments[0].id = "2-1".into();
    let e = add_comment(&mut review, &d, Place::Document, "e").unwrap();
    assert_eq!(e, "2-2");
}

#[test]
fn a_comment_from_a_finding_carries_its_code_message_and_place() {
    let d = read_document(SEED).unwrap();
    let findings = rules::validate(&d);
    let f = findings
        .iter()
        .find(|f| {
            matches!(
                place_of_finding(f),
                Place::Project(_, ProjectPlace::Cell(..))
            )
        })
        .expect("the seed has findings on cells");
    let mut review = Review::default();
    start_round(&mut review, "");
    let id = add_comment_from_finding(&mut review, &d, f).unwrap();
    let c = review.comment(&id).unwrap();
    assert_eq!(c.code, f.code.to_string());
    assert_eq!(c.text, f.message);
    let place = place_of_finding(f);
    assert_eq!(c.at.resolve(&d), Resolved::At(place));
    assert_eq!(Some(c.quote.clone()), text_at(&d, place));
}

#[test]
fn the_comparison_reports_exactly_the_changed_places() {
    let (d, mut review, ids) = round_one();
    let mut v2 = d.clone();
    // One cell changed, one row added, one row removed, one project added.
    v2.projects[0].indicators[3].value = "≤5000元/件".into();
    v2.projects[0].indicators.push(row(
        "效益指标",
        "社会效益指标",
        "法律纠纷化解率",
        "化解纠纷所占比例",
        "≥90%",
        "上年实际",
    ));
    v2.projects[1].indicators.remove(1);
    let mut added = v2.projects[0].clone();
    added.code = "13081123P00021510003E".into();
    added.name = "档案数字化".into();
    v2.projects.push(added);
    set_reply(&mut review, &ids[0], "已改为金额上限。").unwrap();

    let cmp = compare_with_review(&review, &v2).expect("round 1 has a snapshot");
    assert!(cmp.head.is_empty() && cmp.department.is_empty());
    assert!(!cmp.step_changed(Step::Head) && !cmp.step_changed(Step::Department));
    assert_eq!(cmp.projects.len(), 3);
    let ProjectComparison::Kept {
        old: 0,
        new: 0,
        changes,
    } = &cmp.projects[0]
    else {
        panic!("{:?}", cmp.projects[0]);
    };
    assert_eq!(
        changes,
        &vec![
            Change {
                kind: ChangeKind::Changed,
                old: Some(value(0, 3)),
                new: Some(value(0, 3)),
                old_text: "≥95%".into(),
                new_text: "≤5000元/件".into(),
                comments: vec![ids[0].clone()],
            },
            Change {
                kind: ChangeKind::Added,
                old: None,
                new: Some(Place::Project(0, ProjectPlace::Row(6))),
                old_text: "".into(),
                new_text:
                    "效益指标 | 社会效益指标 | 法律纠纷化解率 | 化解纠纷所占比例 | ≥90% | 上年实际"
                        .into(),
                comments: vec![],
            },
        ]
    );
    let ProjectComparison::Kept {
        old: 1,
        new: 1,
        changes,
    } = &cmp.projects[1]
    else {
        panic!("{:?}", cmp.projects[1]);
    };
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Removed);
    assert_eq!(
        changes[0].old,
        Some(Place::Project(1, ProjectPlace::Row(1)))
    );
    assert!(changes[0]
        .old_text
        .starts_with("产出指标 | 质量指标 | 按时办结率"));
    assert_eq!(
        changes[0].comments,
        vec![ids[1].clone()],
        "the comment on the removed row"
    );
    assert!(matches!(
        cmp.projects[2],
        ProjectComparison::Added { new: 2, .. }
    ));
    assert!(cmp.step_changed(Step::Project(2)));
    assert!(!cmp.is_unchanged());
    // The reply travels with the comment.
    assert_eq!(
        review.comment(&changes[0].comments[0]).unwrap().status,
        CommentStatus::Open
    );
    assert_eq!(review.comment(&ids[0]).unwrap().reply, "已改为金额上限。");
}

#[test]
fn unchanged_steps_are_reported_unchanged_and_removed_projects_as_such() {
    let (d, review, ids) = round_one();
    let same = compare_with_review(&review, &d).unwrap();
    assert!(same.is_unchanged());
    assert!(same.projects.iter().all(ProjectComparison::is_unchanged));

    let mut v2 = d.clone();
    v2.projects.remove(1);
    v2.department.safeguards[1] = "健全绩效管理制度，每季度开展绩效运行监控。".into();
    v2.projects[0].spending_plan.oct = "85".into();
    let cmp = compare_with_review(&review, &v2).unwrap();
    assert_eq!(cmp.department.len(), 1);
    assert_eq!(
        cmp.department[0].new,
        Some(Place::Department(DepartmentPlace::Paragraph(
            DepartmentList::Safeguards,
            1
        )))
    );
    assert!(cmp.step_changed(Step::Department));
    let ProjectComparison::Kept { changes, .. } = &cmp.projects[0] else {
        panic!();
    };
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].new,
        Some(Place::Project(
            0,
            ProjectPlace::SpendingPlan(Some(Checkpoint::Oct))
        ))
    );
    assert_eq!(
        (changes[0].old_text.as_str(), changes[0].new_text.as_str()),
        ("80", "85")
    );
    let ProjectComparison::Removed { old: 1, comments } = &cmp.projects[1] else {
        panic!("{:?}", cmp.projects[1]);
    };
    assert_eq!(comments, &vec![ids[1].clone(), ids[2].clone()]);
    // No round closed yet: nothing to compare against.
    let mut fresh = Review::default();
    start_round(&mut fresh, "");
    assert_eq!(compare_with_review(&fresh, &d), None);
}

#[test]
fn warnings_and_hints_can_be_acknowledged_errors_cannot() {
    let d = read_document(SEED).unwrap();
    let findings = rules::validate(&d);
    let warning = findings
        .iter()
        .find(|f| {
            f.severity == Severity::Warning && matches!(place_of_finding(f), Place::Project(..))
        })
        .expect("the seed has warnings");
    let error = findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .expect("the seed has errors");
    let mut acks = Vec::new();
    assert_eq!(
        acknowledge(&mut acks, &d, error, "理由"),
        Err(AckError::IsError)
    );
    assert_eq!(
        acknowledge(&mut acks, &d, warning, " "),
        Err(AckError::EmptyReason)
    );
    assert!(acks.is_empty());
    acknowledge(&mut acks, &d, warning, "已与业务科室核实").unwrap();
    acknowledge(&mut acks, &d, warning, "已与业务科室再次核实").unwrap();
    assert_eq!(acks.len(), 1, "marking again replaces the reason");
    assert_eq!(acks[0].reason, "已与业务科室再次核实");
    assert_eq!(acks[0].code, warning.code.to_string());
    let flags = acknowledged_flags(&acks, &d, &findings);
    let marked: Vec<_> = findings
        .iter()
        .zip(&flags)
        .filter(|(_, f)| **f)
        .map(|(x, _)| x)
        .collect();
    assert!(marked.contains(&warning));
    assert!(marked
        .iter()
        .all(|f| f.code == warning.code && place_of_finding(f) == place_of_finding(warning)));
    // Written and read back in the file.
    let text = write_all(&d, None, &acks);
    let (d2, _, acks2) = read_all(&text);
    assert_eq!(acks2, acks);
    assert_eq!(acknowledged_flags(&acks2, &d2, &findings), flags);
    // At export it stays while its finding occurs, and goes when it does not.
    assert_eq!(kept_at_export(&acks, &d, &findings), acks);
    let without: Vec<_> = findings
        .iter()
        .filter(|f| !(f.code == warning.code && place_of_finding(f) == place_of_finding(warning)))
        .cloned()
        .collect();
    assert!(kept_at_export(&acks, &d, &without).is_empty());
    assert!(unacknowledge(&mut acks, &d, warning));
    assert!(!unacknowledge(&mut acks, &d, warning));
}

#[test]
fn the_seed_with_a_review_round_trips() {
    let d = read_document(SEED).unwrap();
    let findings = rules::validate(&d);
    let mut review = Review::default();
    start_round(&mut review, "承德市财政局绩效管理科");
    for f in findings.iter().take(20) {
        add_comment_from_finding(&mut review, &d, f).unwrap();
    }
    review.rounds[0].summary = "请修改后重新报送。".into();
    close_round(&mut review, &d, "2027-03-02T08:00:00Z", Decision::Returned).unwrap();
    let text = write_all(&d, Some(&review), &[]);
    let (d2, review2, _) = read_all(&text);
    assert_eq!(review2.as_ref(), Some(&review));
    assert_eq!(write_all(&d2, review2.as_ref(), &[]), text);
    assert_eq!(document_status(&findings, Some(&review)), Status::Draft);
    assert_eq!(open_counts(&review, &d).total(), 20);
    assert!(compare_with_review(&review, &d).unwrap().is_unchanged());
    assert_eq!(review_summary(Some(&review)).state.label(), "退回修改");
}

#[test]
fn comments_on_a_project_and_the_department_part_follow_them_and_wait_for_a_reply() {
    let d = doc();
    let mut review = Review::default();
    start_round(&mut review, "");
    let on_project = add_comment(
        &mut review,
        &d,
        Place::Project(1, ProjectPlace::Whole),
        "项目整体偏弱",
    )
    .unwrap();
    let on_department = add_comment(
        &mut review,
        &d,
        Place::Department(DepartmentPlace::Whole),
        "部门目标过于笼统",
    )
    .unwrap();
    close_round(&mut review, &d, "2027-03-02T08:00:00Z", Decision::Returned).unwrap();
    let mut v2 = d.clone();
    v2.projects.swap(0, 1);
    v2.projects[0].name = "政务服务大厅运行保障经费".into();
    v2.department.overall_goals[0] = "全年办理行政审批事项不少于1.6万件。".into();
    let locator = Locator::new(&review, &v2);
    let at = |id: &str| {
        let (r, c) = review.comments().find(|(_, c)| c.id == id).unwrap();
        locator.locate(r, c)
    };
    assert_eq!(
        at(&on_project),
        Resolved::At(Place::Project(0, ProjectPlace::Whole))
    );
    assert_eq!(
        at(&on_department),
        Resolved::At(Place::Department(DepartmentPlace::Whole))
    );
    let counts = open_counts(&review, &v2);
    assert_eq!(
        (
            counts.of_step(Step::Project(0)),
            counts.of_step(Step::Department)
        ),
        (1, 1)
    );
    // Edits inside them do not answer a comment on the whole.
    assert!(mark_answered(&mut review, &v2).is_empty());
}
