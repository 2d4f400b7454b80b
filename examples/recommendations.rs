//! Prints the first five rows the 指标库 recommends for the seed's six
//! projects and ten project names of other sectors (issue 17's note):
//!
//!     cargo run --release --example recommendations
use perf_goals::core::library::Library;
use perf_goals::core::open::read_file;

const OTHERS: [(&str, &str); 10] = [
    ("2024年全县教师培训项目", "组织全县中小学教师开展业务培训"),
    ("农村饮水安全工程维修养护", "农村供水工程维修养护"),
    (
        "基层医疗卫生机构基本公共卫生服务补助",
        "基本公共卫生服务项目补助",
    ),
    ("城乡居民最低生活保障资金", "发放城乡低保金"),
    ("农村公路养护工程", "县乡道路日常养护和维修"),
    ("图书馆免费开放补助", "公共图书馆免费开放运行"),
    ("大气污染防治专项", "大气污染源监测和治理"),
    ("办公设备购置", "购置计算机、打印机等办公设备"),
    ("全县安全生产执法检查", "开展安全生产执法检查"),
    ("政务服务热线运行维护", "12345热线平台运维"),
];

fn main() {
    let library = match Library::parse(include_str!("../library/indicators.json")) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("the built-in library is refused: {e}");
            std::process::exit(2);
        }
    };
    let seed = match read_file(include_str!("../tests/fixtures/seed.json")) {
        Ok(imported) => imported.document,
        Err(e) => {
            eprintln!("the seed is refused: {e}");
            std::process::exit(2);
        }
    };
    let mut projects: Vec<(String, String)> = seed
        .projects
        .iter()
        .map(|p| (p.name.clone(), p.use_of_funds.clone()))
        .collect();
    projects.extend(OTHERS.iter().map(|(n, u)| (n.to_string(), u.to_string())));
    for (name, use_of_funds) in &projects {
        let kinds: Vec<String> = library
            .detect_kinds(name, use_of_funds)
            .iter()
            .map(|k| k.kind.name.clone())
            .take(2)
            .collect();
        println!("{name}（{}）", kinds.join("、"));
        for row in library.recommend(name, use_of_funds).iter().take(5) {
            println!(
                "  {} / {} / {} = {}",
                row.level1, row.level2, row.name, row.value
            );
        }
    }
}
