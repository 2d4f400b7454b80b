//! The Leptos shell: holds the document in reactive state, calls the core, and
//! renders. No rule logic lives here.

use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="app-header">
            <h1>"绩效目标填报"</h1>
        </header>
        <main class="page">
            <h2>"草稿"</h2>
            <p class="hint">"草稿只保存在本机浏览器中。填完后请下载 JSON 文件留存或报送。"</p>
            <button type="button" class="primary">"新建草稿"</button>
        </main>
    }
}
