//! The app's frame: the header with the save status line, the page's notice,
//! and the page on screen.

use leptos::prelude::*;

use super::context::{AppState, Page};
use super::editor::Editor;
use super::pages::{desk::DeskPage, rules::RulesPage, start::StartPage};
use super::plain::start_act::StartAct;
use super::session::SaveStatus;
use super::start_view::AppHeader;
use super::{boot, crash, tabs, widgets};
use crate::storage;

/// The app's program (src/bin/app.rs): takes the page over from the start
/// program (`ui::boot`) and mounts.
pub fn start() {
    boot::after_press(take_over_and_mount);
}

fn take_over_and_mount() {
    crash::install();
    let focused = boot::take_over();
    leptos::mount::mount_to_body(App);
    boot::say_started();
    if let Some(act) = focused {
        boot::focus_act(&act);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);
    if !app.storage_ok {
        app.notice.set(Some(
            "浏览器不允许本系统在本机保存（可能处于无痕/隐私模式或被策略禁用）。仍可正常填报，但刷新或关闭页面后内容不会保留，请随时点击「下载 JSON」保存。".into(),
        ));
    }
    leptos::task::spawn_local(async move {
        app.persisted.set(storage::ask_persistent().await);
    });

    // A reload reopens the draft that was open, at the step that was open.
    if let Some(id) = storage::last_open().filter(|_| !boot::start_page_was_shown()) {
        if app.open_stored(&id, false).is_err() {
            storage::set_last_open(None);
        }
    }
    tabs::install(app);
    super::nav::install(app);
    widgets::dom::install_pointer_tracking();

    let main = move || match app.page.get() {
        Page::Start => view! { <StartPage /> }.into_any(),
        Page::Rules => view! { <RulesPage /> }.into_any(),
        Page::Desk => view! { <DeskPage /> }.into_any(),
        Page::Editor => match app.editor.get() {
            Some(session) => view! { <Editor session=session /> }.into_any(),
            None => view! { <StartPage /> }.into_any(),
        },
    };

    // The status line is mounted for the app's whole life, so screen readers
    // announce every change of it (a live region added later is not read).
    let status = move || match app.save_status.get() {
        SaveStatus::Idle => String::new(),
        SaveStatus::Saving => "正在保存…".to_string(),
        SaveStatus::Saved(t) => format!("已保存 {t}"),
        SaveStatus::Failed(why) => format!("未能保存：{why}"),
        SaveStatus::Conflict(why) => why,
    };
    let failed = move || {
        matches!(app.save_status.get(), SaveStatus::Failed(_)) && app.page.get() == Page::Editor
    };

    let header_act = Callback::new(move |act: StartAct| {
        if act == StartAct::Rules {
            app.show_rules();
        }
    });

    view! {
        <AppHeader act=header_act>
            <p class="save-status" class:failed=failed role="status" aria-live="polite">{status}</p>
            {move || failed().then(|| view! {
                <button type="button" class="primary small" on:click=move |_| app.download_backup()>"下载 JSON"</button>
            })}
        </AppHeader>
        {move || app.rescue.get().map(|text| {
            let name = app
                .editor
                .with_untracked(|e| e.as_ref().map(|s| untrack(|| (s.doc.unit_name.get(), s.doc.year.get()))))
                .map(|(unit, year)| crate::core::export::file_name(&unit, &year, "json").replace(".json", "-本页未保存的内容.json"))
                .unwrap_or_else(|| "本页未保存的内容.json".to_string());
            view! {
                <div class="notice rescue" role="alert">
                    <p>"本页有未能保存的内容（另一个标签页已修改或删除了该草稿）。可下载留作备份，再决定如何合并。"</p>
                    <button type="button" class="primary small" on:click=move |_| {
                        if let Err(e) = widgets::download::download(&name, "application/json", &text) {
                            app.notice.set(Some(e));
                        }
                    }>"下载本页的内容"</button>
                    <button type="button" on:click=move |_| app.rescue.set(None)>"关闭"</button>
                </div>
            }
        })}
        {move || app.notice.get().map(|n| view! {
            <div class="notice" role="alert">
                <p>{n}</p>
                <button type="button" on:click=move |_| app.notice.set(None)>"知道了"</button>
            </div>
        })}
        {main}
    }
}
