//! When the program fails (a panic): the release build stops the wasm at
//! once, so nothing after this may rely on it. The hook puts up a banner
//! (`程序出错，已停止保存`) built from plain DOM, with a link that downloads the
//! last serialised draft — kept here, outside the reactive system, by every
//! save — and asks before the page is left.

use std::sync::Mutex;

use wasm_bindgen::JsCast;

/// The draft as last serialised (file name, text), for the banner's backup.
static LAST_DRAFT: Mutex<Option<(String, String)>> = Mutex::new(None);

/// Remembers the draft as just serialised (by autosave or a backup).
pub fn keep(name: &str, text: &str) {
    if let Ok(mut last) = LAST_DRAFT.lock() {
        *last = Some((name.to_string(), text.to_string()));
    }
}

/// Installed once, before the app mounts.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner();
    }));
}

fn show_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let backup = LAST_DRAFT.lock().ok().and_then(|last| last.clone());
    // The page's own script (static/compat.js) does it without the wasm when
    // it can: the banner, the download and the question before leaving.
    if let Some(window) = web_sys::window() {
        let helper = js_sys::Reflect::get(&window, &"perfGoalsCrashed".into()).ok();
        if let Some(f) = helper.and_then(|h| h.dyn_into::<js_sys::Function>().ok()) {
            let (name, text) = backup.clone().unwrap_or_default();
            if f.call2(&window, &text.into(), &name.into()).is_ok() {
                return;
            }
        }
    }
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_class_name("crash");
    let _ = banner.set_attribute("role", "alert");
    banner.set_text_content(Some("程序出错，已停止保存。请下载备份，然后刷新页面。"));
    if let Some((name, text)) = backup {
        if let Some(link) = backup_link(&document, &name, &text) {
            let _ = banner.append_child(&link);
        }
    }
    let _ = body.insert_before(&banner, body.first_child().as_ref());
    if let Some(active) = document
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = active.blur();
    }
}

/// `下载备份`: a plain link to the text as a file (works with the wasm stopped).
fn backup_link(document: &web_sys::Document, name: &str, text: &str) -> Option<web_sys::Element> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link = document.create_element("a").ok()?;
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", name);
    link.set_text_content(Some("下载备份"));
    Some(link)
}

/// Set by a test before the app starts: typing this into a field panics, so
/// the banner and its backup can be tested in the release build.
pub const TEST_TRIGGER: &str = "触发测试崩溃";

/// Whether the test trigger is armed (read once, at start).
pub fn test_trigger_armed() -> bool {
    use std::sync::OnceLock;
    static ARMED: OnceLock<bool> = OnceLock::new();
    *ARMED.get_or_init(|| {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item("perf-goals/test/panic").ok().flatten())
            .is_some()
    })
}
