//! A file the user chose, as text: read as bytes, decoded by the core (UTF-8,
//! byte order marks stripped, UTF-16/32 refused); bytes that are not UTF-8
//! are tried as GB18030 (older Windows editors save 「ANSI」 so) with the
//! browser's own strict decoder, and said so.

use wasm_bindgen::JsCast;

use crate::core::format::{decode_text, ReadError};

/// A file's size as a refusal says it, `12.3 MB`: whole tenths, without
/// pulling float formatting into the wasm.
pub fn megabytes(file: &web_sys::File) -> String {
    let tenths = (file.size() / 104_857.6) as u64;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// The text of `file`, and a notice when it had to be read as GB18030; or
/// why it cannot be read, in the user's words.
pub async fn read_text(file: &web_sys::File) -> Result<(String, Option<String>), String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "无法读取文件。".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    match decode_text(&bytes) {
        Ok(text) => Ok((text.to_string(), None)),
        Err(ReadError::NotUtf8 { .. }) => match gb18030(&bytes) {
            Some(text) => Ok((
                text,
                Some("文件不是 UTF-8 编码，已按 GB18030（GBK）读取。请核对中文是否正确；以后请保存为 UTF-8。".into()),
            )),
            None => Err(ReadError::NotUtf8 { line: 1 }.to_string()),
        },
        Err(e) => Err(e.to_string()),
    }
}

/// GB18030 with the browser's decoder in strict mode: `None` if any byte does
/// not decode (a Latin-1 or damaged file is refused, not turned into garbage).
fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    let view = js_sys::Uint8Array::from(bytes);
    let text = decoder
        .decode_with_buffer_source(view.unchecked_ref())
        .ok()?;
    Some(text.trim_start_matches('\u{feff}').to_string())
}
