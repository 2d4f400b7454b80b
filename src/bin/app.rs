//! The app: the editor, 导入, 粘贴表格, 规则说明 and the rest, fetched by the
//! start program (src/main.rs, `ui::boot`) once the start page is up, so the
//! first load does not carry it. Trunk builds it as a classic script (index.html:
//! `data-type="worker"`, named and started by scripts/hash-worker.sh); it takes
//! the page over from the start program and mounts (`ui::start_app`).

#[cfg(target_arch = "wasm32")]
fn main() {
    perf_goals::ui::start_app();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("app 是绩效目标填报在浏览器中的主程序，由 Trunk 构建为 wasm，不能在命令行运行。");
    std::process::exit(2);
}
