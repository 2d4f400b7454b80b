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

/// Prints `html` (the printable file) from a hidden frame: the same layout as
/// the downloaded file, nothing of the app around it.
pub fn print_html(html: &str) -> Result<(), String> {
    let fail = |what: &str| format!("无法打印（{what}）。");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    if let Some(old) = document.get_element_by_id("print-frame") {
        old.remove();
    }
    let frame: web_sys::HtmlIFrameElement = document
        .create_element("iframe")
        .map_err(|_| fail("iframe"))?
        .dyn_into()
        .map_err(|_| fail("iframe"))?;
    frame.set_id("print-frame");
    frame.set_title("打印预览");
    let _ = frame.set_attribute("aria-hidden", "true");
    let _ = frame.set_attribute(
        "style",
        "position:fixed;width:0;height:0;border:0;left:-10000px",
    );
    // The printable file runs nothing (its own CSP says so too); the frame
    // only needs to be printed from here.
    let _ = frame.set_attribute("sandbox", "allow-same-origin allow-modals");
    frame.set_srcdoc(html);
    let onload =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let window = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlIFrameElement>().ok())
                .and_then(|f| f.content_window());
            if let Some(w) = window {
                let _ = w.print();
            }
        });
    frame.set_onload(Some(onload.as_ref().unchecked_ref()));
    // The frame lives until the next print replaces it; so does its handler.
    onload.forget();
    document
        .body()
        .ok_or_else(|| fail("no body"))?
        .append_child(&frame)
        .map_err(|_| fail("append"))?;
    Ok(())
}
