//! Handing a file to the browser's download.

use wasm_bindgen::JsCast;

/// Downloads `text` as a file named `name`. Returns why not, if it failed.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |what: &str| format!("无法下载文件（{what}）。");
    let window = web_sys::window().ok_or_else(|| fail("no window"))?;
    let document = window.document().ok_or_else(|| fail("no document"))?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("Blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("URL"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("a"))?
        .dyn_into()
        .map_err(|_| fail("a"))?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Some browsers read the URL after click() returns: let it go a little later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// `<单位名称>-<预算年度>-绩效目标.json`, with characters that file systems refuse replaced.
pub fn file_name(unit: &str, year: &str, extension: &str) -> String {
    let clean = |s: &str| -> String {
        s.trim()
            .chars()
            .map(|c| {
                if "\\/:*?\"<>|".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect()
    };
    let unit = if unit.trim().is_empty() {
        "未命名单位".to_string()
    } else {
        clean(unit)
    };
    let year = if year.trim().is_empty() {
        "年度未填".to_string()
    } else {
        clean(year)
    };
    format!("{unit}-{year}-绩效目标.{extension}")
}
