//! 基本信息: 预算年度, 单位编码, 单位名称.

use leptos::prelude::*;

use crate::core::findings::HeadField;
use crate::ui::plain::places::Place;
use crate::ui::state::DocState;
use crate::ui::widgets::TextField;

#[component]
pub fn BasicStep() -> impl IntoView {
    let doc = expect_context::<DocState>();
    view! {
        <section class="step-page" aria-labelledby="step-title">
            <h1 id="step-title" tabindex="-1">"基本信息"</h1>
            <p class="lead">"与预算系统中的单位信息一致。金额单位统一为万元。"</p>
            <div class="grid three">
                <TextField label="预算年度" value=doc.year place=Place::Head(HeadField::Year) hint=Signal::stored("四位年份，如 2024（不带「年」字）".to_string()) />
                <TextField label="单位编码" value=doc.unit_code place=Place::Head(HeadField::UnitCode) hint=Signal::stored("6位数字，如 120001".to_string()) />
                <TextField label="单位名称" value=doc.unit_name place=Place::Head(HeadField::UnitName) />
            </div>
        </section>
    }
}
