//! The programme text recogniser: layouts, cleanup, suggestions.

use crate::core::default_programme;
use crate::core::programme::{Cadence, Cmp, PartKind, Period, Programme, Rule, Term, ValueKind, Who};
use crate::core::recognise::{normalise, recognise, suggest, RecogniseError, Recognised, Suggestion, GRADES, ORGANISATIONS};
use chrono::NaiveDate;
use proptest::prelude::*;

fn seed_page() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/chuong-trinh-hanh-dong-2024-2029.txt");
    std::fs::read_to_string(path).expect("the seed text is in tests/data")
}

/// Lines `from`..=`to` (1-based) of the seed page.
fn seed_lines(from: usize, to: usize) -> String {
    seed_page().lines().skip(from - 1).take(to + 1 - from).collect::<Vec<_>>().join("\n")
}

/// Lines 97-198 of the seed page: one complete copy of the programme.
fn seed_paste() -> String {
    seed_lines(97, 198)
}

/// (NFC, NFD) pairs made by Python's unicodedata (scripts/make-vietnamese-nfc.py).
fn nfd_pairs() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vietnamese-nfd.txt");
    let text = std::fs::read_to_string(path).expect("the NFD fixture is in tests/data");
    text.lines().filter_map(|l| l.split_once('\t')).map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// `text` fully decomposed, letter by letter, through the Python-made fixture.
fn decomposed(text: &str) -> String {
    let pairs = nfd_pairs();
    text.chars()
        .map(|c| pairs.iter().find(|(nfc, _)| nfc.chars().eq(std::iter::once(c))).map_or(c.to_string(), |(_, nfd)| nfd.clone()))
        .collect()
}

fn recognised(text: &str) -> Recognised {
    recognise(text).expect("recognised")
}

/// The draft's texts equal the embedded programme's, field by field.
fn assert_embedded_texts(r: &Recognised) {
    let (got, want) = (&r.programme, default_programme());
    assert_eq!(got.objective, want.objective);
    assert_eq!(got.closing, want.closing);
    let texts = |p: &Programme| p.indicators.iter().map(|i| (i.number, i.text.clone())).collect::<Vec<_>>();
    assert_eq!(texts(got), texts(&want));
    assert_eq!(got.parts.len(), want.parts.len());
    for (g, w) in got.parts.iter().zip(&want.parts) {
        assert_eq!((g.number, g.kind, &g.title, &g.objective), (w.number, w.kind, &w.title, &w.objective));
        assert_eq!(g.tasks, w.tasks, "tasks of part {}", w.number);
        assert_eq!(g.solutions, w.solutions, "solutions of part {}", w.number);
    }
    assert_eq!(r.summary(), "10 chỉ tiêu, 6 chương trình, 23 nhiệm vụ, 38 giải pháp");
}

#[test]
fn the_seed_paste_gives_the_embedded_texts() {
    let r = recognised(&seed_paste());
    assert_embedded_texts(&r);
    let p = &r.programme;
    assert_eq!((p.id.as_str(), p.revision, p.title.as_str()), ("", 1, ""));
    assert_eq!(p.owner, "xã Hà Hải", "named in a solution");
    assert_eq!(
        (p.term.first_year, p.term.last_year),
        (2024, 2029),
        "the congress's term wins over the People's Councils' 2026-2031"
    );
    assert_eq!(p.term.start, NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    assert!(p.items.is_empty() && p.all_targets().count() == 0, "suggestions are never applied");
    assert_eq!(p.grades, default_programme().grades);
    assert_eq!(p.organisations, default_programme().organisations);
    assert_eq!(r.skipped, vec!["Người đưa tin Đồng chí Phạm Văn Đông Chủ tịch UBMTTQVN xã Hà Hải:"]);
}

#[test]
fn the_defaults_are_the_embedded_ones() {
    let p = default_programme();
    assert_eq!(
        GRADES.map(|g| (g.0.to_string(), g.1.to_string())).to_vec(),
        p.grades.iter().map(|g| (g.id.clone(), g.label.clone())).collect::<Vec<_>>()
    );
    assert_eq!(ORGANISATIONS.map(String::from).to_vec(), p.organisations);
}

#[test]
fn the_seed_paste_survives_windows_line_ends_and_odd_spaces() {
    let paste = seed_paste();
    let crlf = paste.replace('\n', "\r\n");
    assert_embedded_texts(&recognised(&crlf));
    // No-break spaces, tabs, doubled spaces and trailing spaces.
    let spaced: String = paste
        .split('\n')
        .enumerate()
        .map(|(k, l)| format!("\u{a0}{}\t \u{a0}", l.replacen(' ', if k % 2 == 0 { "\u{a0}" } else { "  " }, 3)))
        .collect::<Vec<_>>()
        .join("\n");
    assert_embedded_texts(&recognised(&spaced));
}

#[test]
fn the_seed_paste_survives_invisible_characters() {
    let sprinkled: String = seed_paste()
        .chars()
        .enumerate()
        .flat_map(|(k, c)| {
            let extra = match k % 11 {
                3 => Some('\u{200b}'),
                7 => Some('\u{ad}'),
                9 if k % 3 == 0 => Some('\u{feff}'),
                _ => None,
            };
            std::iter::once(c).chain(extra)
        })
        .collect();
    assert!(sprinkled.contains('\u{200b}') && sprinkled.contains('\u{ad}'));
    assert_embedded_texts(&recognised(&sprinkled));
}

#[test]
fn the_seed_paste_survives_decomposed_letters() {
    let nfd = decomposed(&seed_paste());
    assert_ne!(nfd, seed_paste());
    assert!(nfd.contains("Vie\u{323}\u{302}t Nam"), "the fixture decomposes fully");
    assert_embedded_texts(&recognised(&nfd));
}

#[test]
fn the_whole_seed_page_gives_the_embedded_texts() {
    // The page repeats the programme (twice complete, twice cut) among news
    // furniture; the fullest copy wins and the rest is listed as skipped.
    let r = recognised(&seed_page());
    assert_embedded_texts(&r);
    assert!(r
        .programme
        .title
        .starts_with("Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Mặt trận Tổ quốc Việt Nam"));
    assert_eq!(r.programme.owner, "xã Hà Hải");
    assert!(r.skipped.iter().any(|s| s == "Tin cùng chuyên mục"));
    assert!(r.skipped.iter().any(|s| s.starts_with("Ngày 21 tháng 10 năm 2024 tại hội trường")));
}

#[test]
fn furniture_around_one_copy_is_listed_as_skipped() {
    let r = recognised(&seed_lines(90, 220));
    assert_embedded_texts(&r);
    for furniture in [
        "Về dự hội nghị học tập nghị quyết",
        "Đồng chí Phạm Văn Đông Chủ tịch UBMTTQVN xã triển khai Nghị quyết Đại hội Mặt trận các cấp nhiệm kỳ 2024- 2029",
        "Người đưa tin",
        "Tin cùng chuyên mục",
        "KỶ NIỆM 94 NĂM",
        "- Triển khai có hiệu quả các chỉ thị",
    ] {
        assert!(r.skipped.iter().any(|s| s.starts_with(furniture)), "{furniture} is listed");
    }
}

#[test]
fn nothing_to_recognise() {
    assert_eq!(recognise(""), Err(RecogniseError::Empty));
    assert_eq!(recognise(" \r\n\t\u{a0}\u{200b}\n"), Err(RecogniseError::Empty));
    let news = "Sáng 18/11, tại nhà văn hóa thôn 3 đã diễn ra Ngày hội Đại đoàn kết toàn dân tộc.\n\
                Đến dự có đại diện lãnh đạo xã và đông đảo bà con Nhân dân.\n\
                Ảnh: Ban công tác Mặt trận thôn 3 trao quà cho các hộ khó khăn.";
    assert_eq!(recognise(news), Err(RecogniseError::NothingRecognised));
    assert_eq!(RecogniseError::Empty.to_string(), "Chưa dán văn bản nào.");
    assert!(RecogniseError::NothingRecognised
        .to_string()
        .starts_with("Không nhận ra chỉ tiêu hay phần nào trong văn bản đã dán."));
}

const LINH_TOAI: &str = include_str!("../../../tests/data/linh-toai-2025-2030.txt");

fn kinds(p: &Programme) -> Vec<PartKind> {
    p.parts.iter().map(|x| x.kind).collect()
}

fn task_texts(tasks: &[crate::core::programme::Task]) -> Vec<&str> {
    tasks.iter().map(|t| t.text.as_str()).collect()
}

#[test]
fn a_programme_with_numbered_indicators_and_a_breakthrough() {
    let r = recognised(LINH_TOAI);
    let p = &r.programme;
    assert_eq!(
        p.title,
        "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu MTTQ Việt Nam xã Lĩnh Toại lần thứ I, nhiệm kỳ 2025 - 2030"
    );
    assert_eq!(p.owner, "xã Lĩnh Toại");
    assert_eq!((p.term.first_year, p.term.last_year), (2025, 2030));
    assert_eq!(
        p.objective,
        "Phát huy sức mạnh khối đại đoàn kết toàn dân tộc, xây dựng xã Lĩnh Toại phát triển nhanh, bền vững."
    );
    assert_eq!(p.indicators.len(), 4);
    assert_eq!(p.indicators[2].text, "Vận động Quỹ \"Vì người nghèo\" đạt ít nhất 200 triệu đồng/năm.");
    assert_eq!(kinds(p), vec![PartKind::Breakthrough, PartKind::Action, PartKind::Action]);
    assert_eq!(p.parts.iter().map(|x| x.number).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(p.parts[0].title, "Đẩy mạnh chuyển đổi số trong hoạt động của Mặt trận.");
    assert_eq!(
        task_texts(&p.parts[0].tasks),
        vec!["Xây dựng trang thông tin điện tử của Ủy ban MTTQ xã.", "Mỗi khu dân cư có nhóm Zalo của Ban công tác Mặt trận."]
    );
    assert_eq!(p.parts[1].title, "Tăng cường khối đại đoàn kết toàn dân tộc.");
    assert_eq!(p.parts[1].objective, "Tập hợp, đoàn kết các tầng lớp Nhân dân.");
    assert_eq!(p.parts[2].objective, "Nâng cao chất lượng giám sát, phản biện xã hội.", "objective on the next paragraph");
    assert_eq!(
        task_texts(&p.parts[2].solutions),
        vec!["Phát huy vai trò Ban Thanh tra nhân dân.", "Phối hợp với Hội đồng nhân dân xã."]
    );
    assert_eq!(p.parts[2].solutions[1].id, "a3-s2");
    assert!(p.closing.starts_with("Trên đây là Chương trình hành động"));
    assert_eq!(r.summary(), "4 chỉ tiêu, 2 chương trình, 1 khâu đột phá, 5 nhiệm vụ, 3 giải pháp");
    for furniture in ["XÃ LĨNH TOẠI", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:", "- Lưu.", "CHỦ TỊCH"] {
        assert!(r.skipped.iter().any(|s| s == furniture), "{furniture} is listed");
    }
    assert!(!r.skipped.iter().any(|s| s.starts_with("CHƯƠNG TRÌNH HÀNH ĐỘNG")), "the title is placed");
    let fourth: Vec<_> = r.suggestions.iter().filter(|s| s.indicator == 4).map(|s| s.item.label.as_str()).collect();
    assert_eq!(fourth, vec!["Cuộc giám sát", "Cuộc phản biện xã hội"]);
}

const LETTERED: &str = "Mục tiêu chung: Xây dựng khối đại đoàn kết toàn dân tộc vững mạnh; phát huy quyền làm chủ của Nhân dân.
Một số chỉ tiêu cụ thể:
1) 100% thôn tổ chức Ngày hội Đại đoàn kết toàn dân tộc mỗi năm.
2) 90% trở lên hộ gia đình đạt danh hiệu Gia đình văn hóa.
3) Giảm tỷ lệ hộ nghèo xuống dưới 1,5 % vào cuối nhiệm kỳ.
Các chương trình hành động
1) Xây dựng nông thôn mới, đô thị văn minh
a) Mục tiêu: Vận động Nhân dân tham gia xây dựng nông thôn mới.
b) Nhiệm vụ:
+ Vận động hiến đất làm đường giao thông.
+Xây dựng khu dân cư kiểu mẫu.
c) Giải pháp:
• Phát huy vai trò Ban công tác Mặt trận.
• Biểu dương gương người tốt, việc tốt.
2) Chăm lo người nghèo
a) Mục tiêu: Không để hộ nào thiếu nhà ở.
b) Nhiệm vụ:
+ Vận động Quỹ Vì người nghèo.
c) Giải pháp:
* Công khai các khoản vận động.";

#[test]
fn a_programme_numbered_with_brackets_and_letters() {
    let r = recognised(LETTERED);
    let p = &r.programme;
    assert_eq!(p.objective, "Xây dựng khối đại đoàn kết toàn dân tộc vững mạnh; phát huy quyền làm chủ của Nhân dân.");
    assert_eq!(
        p.indicators.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        vec![
            "100% thôn tổ chức Ngày hội Đại đoàn kết toàn dân tộc mỗi năm.",
            "90% trở lên hộ gia đình đạt danh hiệu Gia đình văn hóa.",
            "Giảm tỷ lệ hộ nghèo xuống dưới 1,5 % vào cuối nhiệm kỳ.",
        ]
    );
    assert_eq!(kinds(p), vec![PartKind::Action, PartKind::Action]);
    assert_eq!(p.parts[0].title, "Xây dựng nông thôn mới, đô thị văn minh");
    assert_eq!(p.parts[0].objective, "Vận động Nhân dân tham gia xây dựng nông thôn mới.");
    assert_eq!(task_texts(&p.parts[0].tasks), vec!["Vận động hiến đất làm đường giao thông.", "Xây dựng khu dân cư kiểu mẫu."]);
    assert_eq!(
        task_texts(&p.parts[0].solutions),
        vec!["Phát huy vai trò Ban công tác Mặt trận.", "Biểu dương gương người tốt, việc tốt."]
    );
    assert_eq!(p.parts[1].title, "Chăm lo người nghèo");
    assert_eq!(task_texts(&p.parts[1].solutions), vec!["Công khai các khoản vận động."]);
    assert_eq!(p.parts[1].tasks[0].id, "a2-t1");
    assert_eq!(p.closing, "");
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(r.summary(), "3 chỉ tiêu, 2 chương trình, 3 nhiệm vụ, 3 giải pháp");
    assert_eq!((p.title.as_str(), p.owner.as_str()), ("", ""));
    assert_eq!((p.term.first_year, p.term.last_year), (2025, 2030), "no years: the default term");
}

/// A Word copy: symbol-font bullets after a tab, numbers that lost their
/// dot, a paragraph broken mid-sentence, no-break spaces.
const WORD_COPY: &str = "CHƯƠNG TRÌNH HÀNH ĐỘNG\r
Thực hiện Nghị quyết Đại hội đại biểu MTTQ Việt Nam phường Đông Sơn, nhiệm kỳ 2024 – 2029\r
I MỤC TIÊU\r
\tPhát huy sức mạnh đại đoàn kết toàn dân tộc,\r
xây dựng phường văn minh, hiện đại.\r
II CÁC CHỈ TIÊU CHỦ YẾU\r
1\t100% tổ dân phố tổ chức Ngày hội Đại đoàn kết toàn dân tộc hằng năm.\r
2\tMỗi năm vận động Quỹ Vì người nghèo từ 50 triệu đồng/năm trở lên.\r
3\tĐổi mới nội dung, phương thức hoạt động của Mặt trận.\r
III CÁC CHƯƠNG TRÌNH HÀNH ĐỘNG\r
1\tTuyên truyền, vận động Nhân dân\r
\u{f0b7}\tTuyên truyền chủ trương, đường lối của Đảng.\r
\u{f0b7}\tNắm tình hình\u{a0}Nhân dân.\r
2Chăm lo an sinh xã hội\r
\u{f0a7}\tVận động ủng hộ Quỹ Vì người nghèo.\r
\u{f076}Thăm hỏi hộ khó khăn dịp Tết.\r
";

#[test]
fn a_word_copy_with_symbol_bullets_and_lost_dots() {
    let r = recognised(WORD_COPY);
    let p = &r.programme;
    assert_eq!(p.owner, "phường Đông Sơn");
    assert_eq!((p.term.first_year, p.term.last_year), (2024, 2029));
    assert_eq!(p.objective, "Phát huy sức mạnh đại đoàn kết toàn dân tộc, xây dựng phường văn minh, hiện đại.");
    assert_eq!(
        p.indicators.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        vec![
            "100% tổ dân phố tổ chức Ngày hội Đại đoàn kết toàn dân tộc hằng năm.",
            "Mỗi năm vận động Quỹ Vì người nghèo từ 50 triệu đồng/năm trở lên.",
            "Đổi mới nội dung, phương thức hoạt động của Mặt trận.",
        ]
    );
    assert_eq!(
        p.parts.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(),
        vec!["Tuyên truyền, vận động Nhân dân", "Chăm lo an sinh xã hội"]
    );
    assert_eq!(task_texts(&p.parts[0].tasks), vec!["Tuyên truyền chủ trương, đường lối của Đảng.", "Nắm tình hình Nhân dân."]);
    assert_eq!(task_texts(&p.parts[1].tasks), vec!["Vận động ủng hộ Quỹ Vì người nghèo.", "Thăm hỏi hộ khó khăn dịp Tết."]);
    assert_eq!(r.summary(), "3 chỉ tiêu, 2 chương trình, 4 nhiệm vụ");
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
}

const NAMED_PARTS: &str = "ĐẢNG BỘ XÃ YÊN PHÚ
Mục tiêu chung
Xây dựng xã Yên Phú giàu đẹp, văn minh.
Chỉ tiêu
- 100% khu dân cư đạt danh hiệu khu dân cư văn hóa đến năm 2030.
- Phấn đấu xây dựng 15 - 20 nhà Đại đoàn kết trong nhiệm kỳ.
Trong đó ưu tiên hộ nghèo, hộ cận nghèo.
- 100% tổ chức thành viên xếp loại hoàn thành nhiệm vụ trở lên, trong đó 30% hoàn thành xuất sắc nhiệm vụ.
Chương trình 1: Nâng cao chất lượng công tác tuyên truyền
Mục tiêu: Nâng cao nhận thức của Nhân dân.
Nhiệm vụ:
- Đổi mới hình thức tuyên truyền.
Giải pháp:
- Xây dựng đội ngũ tuyên truyền viên.
Đề án 1: Xây dựng mô hình \"Khu dân cư tự quản về an ninh trật tự\"
Mục tiêu: Mỗi khu dân cư có một mô hình tự quản.
Nhiệm vụ:
- Khảo sát, lựa chọn khu dân cư làm điểm.
Chương trình trọng điểm 1: Chăm lo người nghèo, người có hoàn cảnh khó khăn
- Vận động xây dựng nhà Đại đoàn kết.
- Thăm hỏi, tặng quà dịp Tết.
Với tinh thần đoàn kết, Ủy ban MTTQ xã quyết tâm thực hiện thắng lợi chương trình.";

#[test]
fn a_programme_with_named_parts_of_every_kind() {
    let r = recognised(NAMED_PARTS);
    let p = &r.programme;
    assert_eq!(p.objective, "Xây dựng xã Yên Phú giàu đẹp, văn minh.");
    assert_eq!(p.indicators.len(), 3);
    assert_eq!(
        p.indicators[1].text,
        "Phấn đấu xây dựng 15 - 20 nhà Đại đoàn kết trong nhiệm kỳ.\nTrong đó ưu tiên hộ nghèo, hộ cận nghèo."
    );
    assert_eq!(kinds(p), vec![PartKind::Action, PartKind::Project, PartKind::KeyProgramme]);
    assert_eq!(p.parts.iter().map(|x| x.number).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(p.parts[1].title, "Xây dựng mô hình \"Khu dân cư tự quản về an ninh trật tự\"");
    assert_eq!(p.parts[1].objective, "Mỗi khu dân cư có một mô hình tự quản.");
    assert_eq!(p.parts[2].title, "Chăm lo người nghèo, người có hoàn cảnh khó khăn");
    assert_eq!(task_texts(&p.parts[2].tasks), vec!["Vận động xây dựng nhà Đại đoàn kết.", "Thăm hỏi, tặng quà dịp Tết."]);
    assert_eq!(p.parts[2].tasks[1].id, "a3-t2");
    assert_eq!(p.closing, "Với tinh thần đoàn kết, Ủy ban MTTQ xã quyết tâm thực hiện thắng lợi chương trình.");
    assert_eq!(p.owner, "xã Yên Phú");
    assert_eq!(r.skipped, vec!["ĐẢNG BỘ XÃ YÊN PHÚ"]);
    assert_eq!(r.summary(), "3 chỉ tiêu, 1 chương trình hành động, 1 đề án, 1 chương trình trọng điểm, 4 nhiệm vụ, 1 giải pháp");
    // "…, trong đó 30% hoàn thành xuất sắc": two targets over one item.
    let grades: Vec<&Suggestion> = r.suggestions.iter().filter(|s| s.indicator == 3).collect();
    assert_eq!(grades.len(), 2);
    assert_eq!(grades[0].item, grades[1].item);
    assert_valid_in_draft(&r);
}

#[test]
fn indicators_listed_inline_on_a_news_page() {
    let text = "Đại hội thống nhất đề ra các chỉ tiêu: 100% khu dân cư tổ chức Ngày hội Đại đoàn kết hằng năm; trên 95% hộ gia đình đạt danh hiệu Gia đình văn hóa; vận động Quỹ Vì người nghèo trên 1 tỷ đồng trong nhiệm kỳ.\n\
                CÁC CHƯƠNG TRÌNH HÀNH ĐỘNG\n\
                1. Tuyên truyền, vận động Nhân dân.\n\
                - Đổi mới hình thức tuyên truyền.";
    let r = recognised(text);
    assert_eq!(
        r.programme.indicators.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        vec![
            "100% khu dân cư tổ chức Ngày hội Đại đoàn kết hằng năm",
            "trên 95% hộ gia đình đạt danh hiệu Gia đình văn hóa",
            "vận động Quỹ Vì người nghèo trên 1 tỷ đồng trong nhiệm kỳ",
        ]
    );
    assert_eq!(r.summary(), "3 chỉ tiêu, 1 chương trình, 1 nhiệm vụ");
}

/// Adds every suggestion to the draft (each item once) and validates it.
fn assert_valid_in_draft(r: &Recognised) {
    let mut p = r.programme.clone();
    p.id = "nhap".into();
    p.title = "Chương trình".into();
    p.owner = "xã Thử".into();
    add_all(&mut p, &r.suggestions);
    p.validate().unwrap_or_else(|e| panic!("{e:?}"));
}

fn add_all(p: &mut Programme, suggestions: &[Suggestion]) {
    for s in suggestions {
        if p.item(&s.item.id).is_none() {
            p.items.push(s.item.clone());
        }
        let ind = p.indicators.iter_mut().find(|i| i.number == s.indicator).expect("its indicator");
        ind.targets.push(s.target.clone());
    }
}

#[test]
fn every_suggestion_for_the_seed_fits_the_draft() {
    let r = recognised(&seed_paste());
    assert_valid_in_draft(&r);
    for ind in &r.programme.indicators {
        assert!(r.suggestions.iter().any(|s| s.indicator == ind.number), "indicator {} has a suggestion", ind.number);
    }
    let on = |n: u32| r.suggestions.iter().filter(|s| s.indicator == n).collect::<Vec<_>>();
    assert_eq!(on(1).len(), 2);
    assert_eq!(on(4).len(), 3);
    // Indicator 3: 100 % of the areas each year.
    let three = on(3);
    assert_eq!(
        (three[0].item.who.as_slice(), three[0].item.cadence, three[0].item.value),
        ([Who::Areas].as_slice(), Cadence::Yearly, ValueKind::Done)
    );
    assert_eq!(without_item(&three[0].target.rule), share(100.0, Cmp::AtLeast, Period::EachYear, 1));
    assert_eq!(three[0].note, "Mỗi khu dân cư, mỗi năm: 100 % khu dân cư thực hiện.");
    // Indicator 5: more than 20.000.000 đồng in the term; at least one house in 2024-2025.
    let five = on(5);
    assert_eq!((five[0].item.cadence, five[0].item.value), (Cadence::Event, ValueKind::Amount));
    assert_eq!(without_item(&five[0].target.rule), total(20_000_000, Cmp::MoreThan, Period::Term));
    assert_eq!(five[0].item.label, "Vận động Quỹ Vì người nghèo các cấp");
    assert_eq!((five[1].item.cadence, five[1].item.value), (Cadence::Event, ValueKind::Count));
    assert_eq!(without_item(&five[1].target.rule), total(1, Cmp::AtLeast, Period::Years([2024, 2025])));
    assert_eq!(five.len(), 4, "and two yearly ratios of households visited");
    // Indicator 7: at least one critique each year.
    assert_eq!(without_item(&on(7)[0].target.rule), total(1, Cmp::AtLeast, Period::EachYear));
    assert_eq!(on(7)[0].item.label, "Phản biện dự thảo văn bản");
    // Indicator 10: grade shares, none failing.
    let ten: Vec<(Vec<Who>, Rule)> = on(10).iter().map(|s| (s.item.who.clone(), without_item(&s.target.rule))).collect();
    assert_eq!(
        ten,
        vec![
            (vec![Who::Organisations], grade("tot", 95.0, true)),
            (vec![Who::Areas], grade("tot", 90.0, true)),
            (vec![Who::Commune], grade("tot", 100.0, true)),
        ]
    );
    assert_eq!(on(10)[0].item.label, "Xếp loại tổ chức thành viên");
    // Ids are slugs, unique; target ids follow the indicator.
    assert_eq!(on(6)[0].item.id, "noi-dung-giam-sat");
    assert_eq!(on(10).iter().map(|s| s.target.id.as_str()).collect::<Vec<_>>(), vec!["10a", "10b", "10c"]);
    for s in &r.suggestions {
        assert!(s.item.label.chars().count() <= 60, "{}", s.item.label);
        assert!(s.item.id.len() <= 40 && s.item.id.is_ascii(), "{}", s.item.id);
    }
}

fn without_item(rule: &Rule) -> Rule {
    let mut r = rule.clone();
    match &mut r {
        Rule::UnitsShare { item, .. } | Rule::Total { item, .. } | Rule::Ratio { item, .. } | Rule::GradeShare { item, .. } => {
            item.clear()
        }
    }
    r
}

fn share(percent: f64, cmp: Cmp, period: Period, min_count: u64) -> Rule {
    Rule::UnitsShare { item: String::new(), percent, cmp, period, min_count }
}

fn total(goal: i64, cmp: Cmp, period: Period) -> Rule {
    Rule::Total { item: String::new(), goal, cmp, period }
}

fn ratio(percent: f64, cmp: Cmp, period: Period) -> Rule {
    Rule::Ratio { item: String::new(), percent, cmp, period }
}

fn grade(min_grade: &str, percent: f64, none_failing: bool) -> Rule {
    Rule::GradeShare { item: String::new(), min_grade: min_grade.into(), percent, cmp: Cmp::AtLeast, none_failing }
}

fn term(first: i32, last: i32) -> Term {
    Term { start: NaiveDate::from_ymd_opt(first, 1, 1).unwrap(), first_year: first, last_year: last }
}

type Shape = (Vec<Who>, Cadence, ValueKind, Rule);

fn shape(s: &Suggestion) -> Shape {
    (s.item.who.clone(), s.item.cadence, s.item.value, without_item(&s.target.rule))
}

#[test]
fn suggestions_from_indicator_sentences() {
    use Cadence::{Event, Term as Once, Yearly};
    use Cmp::{AtLeast, AtMost, LessThan, MoreThan};
    use Period::{EachYear, Term as InTerm};
    use ValueKind::{Amount, Count, Done, Grade, Ratio};
    let (areas, orgs, commune, both) =
        (vec![Who::Areas], vec![Who::Organisations], vec![Who::Commune], vec![Who::Areas, Who::Commune]);
    let table: Vec<(&str, Vec<Shape>)> = vec![
        ("100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc hằng năm.", vec![(areas.clone(), Yearly, Done, share(100.0, AtLeast, EachYear, 1))]),
        ("Mỗi năm, 100% thôn tổ chức tổng vệ sinh môi trường.", vec![(areas.clone(), Yearly, Done, share(100.0, AtLeast, EachYear, 1))]),
        ("100% tổ chức thành viên tổ chức sinh hoạt chuyên đề hàng năm.", vec![(orgs.clone(), Yearly, Done, share(100.0, AtLeast, EachYear, 1))]),
        ("Hằng năm, 100% Ban công tác Mặt trận tổ chức hội nghị khu dân cư.", vec![(areas.clone(), Yearly, Done, share(100.0, AtLeast, EachYear, 1))]),
        ("100% Mặt trận xã, thôn thực hiện tốt việc nắm tình hình Nhân dân.", vec![(both.clone(), Yearly, Done, share(100.0, AtLeast, EachYear, 1))]),
        ("Trên 95% hộ gia đình ký cam kết đảm bảo an toàn giao thông hằng năm.", vec![(areas.clone(), Yearly, Ratio, ratio(95.0, MoreThan, EachYear))]),
        ("Phấn đấu 90% trở lên hội viên các đoàn thể tham gia sinh hoạt.", vec![(orgs.clone(), Yearly, Ratio, ratio(90.0, AtLeast, EachYear))]),
        ("Từ 75% trở lên khu dân cư đạt danh hiệu khu dân cư văn hóa.", vec![(areas.clone(), Yearly, Done, share(75.0, AtLeast, EachYear, 1))]),
        ("Ít nhất 90% người dân tham gia bảo hiểm y tế.", vec![(areas.clone(), Yearly, Ratio, ratio(90.0, AtLeast, EachYear))]),
        ("Trong nhiệm kỳ, vận động Quỹ Vì người nghèo trên 20 triệu đồng.", vec![(both.clone(), Event, Amount, total(20_000_000, MoreThan, InTerm))]),
        ("Vận động Quỹ Vì người nghèo ít nhất 200 triệu đồng/năm.", vec![(both.clone(), Event, Amount, total(200_000_000, AtLeast, EachYear))]),
        ("Vận động các nguồn lực an sinh xã hội từ 50 triệu đồng/năm trở lên.", vec![(both.clone(), Event, Amount, total(50_000_000, AtLeast, EachYear))]),
        ("Huy động 3 tỷ đồng xây dựng nông thôn mới trong nhiệm kỳ.", vec![(both.clone(), Event, Amount, total(3_000_000_000, AtLeast, InTerm))]),
        ("Nhân dân đóng góp 1,5 tỷ đồng làm đường giao thông.", vec![(both.clone(), Event, Amount, total(1_500_000_000, AtLeast, InTerm))]),
        ("Phấn đấu xây dựng 15 - 20 nhà Đại đoàn kết trong nhiệm kỳ.", vec![(commune.clone(), Event, Count, total(15, AtLeast, InTerm))]),
        ("Hằng năm, Ủy ban MTTQ xã tổ chức đối thoại với Nhân dân ít nhất 01 lần.", vec![(commune.clone(), Event, Count, total(1, AtLeast, EachYear))]),
        ("Mỗi năm thực hiện ít nhất 1 nội dung giám sát.", vec![(commune.clone(), Event, Count, total(1, AtLeast, EachYear))]),
        ("Mỗi năm tổ chức ít nhất hai cuộc giám sát.", vec![(commune.clone(), Event, Count, total(2, AtLeast, EachYear))]),
        ("Hằng năm, mỗi khu dân cư có ít nhất 01 công trình thanh niên.", vec![(areas.clone(), Yearly, Count, share(100.0, AtLeast, EachYear, 1))]),
        ("Trong nhiệm kỳ, mỗi khu dân cư có ít nhất 02 mô hình tự quản.", vec![(areas.clone(), Once, Count, share(100.0, AtLeast, InTerm, 2))]),
        ("Đến năm 2030, 100% khu dân cư đạt chuẩn khu dân cư kiểu mẫu.", vec![(areas.clone(), Once, Done, share(100.0, AtLeast, InTerm, 1))]),
        ("Đến cuối nhiệm kỳ, 100% tổ dân phố có tổ hòa giải hoạt động hiệu quả.", vec![(areas.clone(), Once, Done, share(100.0, AtLeast, InTerm, 1))]),
        ("Phấn đấu xây dựng 2 nhà Đại đoàn kết trong 02 năm 2024-2025.", vec![(commune.clone(), Event, Count, total(2, AtLeast, Period::Years([2025, 2025])))]),
        ("Đến năm 2027, 100% khu dân cư có camera an ninh.", vec![(areas.clone(), Once, Done, share(100.0, AtLeast, Period::Years([2025, 2027]), 1))]),
        ("100% tổ chức thành viên xếp loại hoàn thành tốt nhiệm vụ trở lên.", vec![(orgs.clone(), Yearly, Grade, grade("tot", 100.0, false))]),
        (
            "Hằng năm, 95% Ban công tác Mặt trận xếp loại hoàn thành tốt nhiệm vụ trở lên (không có đơn vị không hoàn thành nhiệm vụ).",
            vec![(areas.clone(), Yearly, Grade, grade("tot", 95.0, true))],
        ),
        ("Ủy ban MTTQ xã được xếp loại hoàn thành xuất sắc nhiệm vụ.", vec![(commune.clone(), Yearly, Grade, grade("xuat-sac", 100.0, false))]),
        (
            "100% tổ chức thành viên xếp loại hoàn thành nhiệm vụ trở lên, trong đó 30% hoàn thành xuất sắc nhiệm vụ.",
            vec![(orgs.clone(), Yearly, Grade, grade("hoan-thanh", 100.0, false)), (orgs.clone(), Yearly, Grade, grade("xuat-sac", 30.0, false))],
        ),
        ("Giảm tỷ lệ hộ nghèo xuống dưới 1,5 %.", vec![(areas.clone(), Yearly, Ratio, ratio(1.5, LessThan, EachYear))]),
        ("Không còn hộ nghèo.", vec![(areas.clone(), Yearly, Ratio, ratio(0.0, AtMost, EachYear))]),
        ("Hằng năm, số vụ vi phạm trật tự xã hội không quá 2 vụ.", vec![(commune.clone(), Event, Count, total(2, AtMost, EachYear))]),
        (
            "Mỗi năm tổ chức 2 cuộc giám sát và 2 cuộc phản biện xã hội.",
            vec![(commune.clone(), Event, Count, total(2, AtLeast, EachYear)), (commune.clone(), Event, Count, total(2, AtLeast, EachYear))],
        ),
        ("Đổi mới nội dung, phương thức hoạt động của Mặt trận.", vec![(commune.clone(), Yearly, Done, share(100.0, AtLeast, EachYear, 1))]),
    ];
    assert!(table.len() >= 20);
    let t = term(2025, 2030);
    for (sentence, want) in &table {
        let got = suggest(1, sentence, t, &[]);
        assert_eq!(got.iter().map(shape).collect::<Vec<_>>(), *want, "{sentence}");
        let mut p = default_programme();
        p.term = t;
        p.items.clear();
        p.parts.iter_mut().for_each(|x| x.targets.clear());
        p.indicators.truncate(1);
        p.indicators[0].targets.clear();
        add_all(&mut p, &got);
        p.validate().unwrap_or_else(|e| panic!("{sentence}: {e:?}"));
    }
}

#[test]
fn suggestion_labels_and_notes_read_well() {
    let t = term(2025, 2030);
    let one = |s: &str| suggest(1, s, t, &[]).remove(0);
    let signed = one("Trên 95% hộ gia đình ký cam kết đảm bảo an toàn giao thông hằng năm.");
    assert_eq!(
        (signed.item.numerator.as_deref(), signed.item.denominator.as_deref()),
        (Some("Số hộ ký cam kết đảm bảo an toàn giao thông"), Some("Tổng số hộ"))
    );
    assert_eq!(
        signed.note,
        "Mỗi khu dân cư, mỗi năm: ghi số hộ ký cam kết đảm bảo an toàn giao thông trên tổng số hộ; cần trên 95 %."
    );
    let poor = one("Giảm tỷ lệ hộ nghèo xuống dưới 1,5 %.");
    assert_eq!((poor.item.numerator.as_deref(), poor.item.denominator.as_deref()), (Some("Số hộ nghèo"), Some("Tổng số hộ")));
    assert!(poor.note.ends_with("cần dưới 1,5 %."), "{}", poor.note);
    let insured = one("Tỷ lệ người dân tham gia bảo hiểm y tế đạt trên 95%.");
    assert_eq!(insured.item.label, "Tỷ lệ người dân tham gia bảo hiểm y tế");
    assert_eq!(insured.item.denominator.as_deref(), Some("Tổng số người dân"));
    let talk = one("Hằng năm, Ủy ban MTTQ xã tổ chức đối thoại với Nhân dân ít nhất 01 lần.");
    assert_eq!(talk.item.label, "Tổ chức đối thoại với Nhân dân");
    let fund = one("Trong nhiệm kỳ, vận động Quỹ Vì người nghèo trên 20 triệu đồng.");
    assert_eq!(fund.note, "Ủy ban MTTQ xã và mỗi khu dân cư ghi từng khoản; cộng lại trong nhiệm kỳ cần trên 20.000.000 đồng.");
    let tick = one("Đổi mới nội dung, phương thức hoạt động của Mặt trận.");
    assert_eq!(tick.item.hint.as_deref(), Some("Ghi chú việc đã làm"));
    assert_eq!(tick.note, "Đánh dấu khi thực hiện, ghi chú việc đã làm (ủy ban MTTQ xã, mỗi năm).");
    let long = one("100% khu dân cư tổ chức tuyên truyền sâu rộng về chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và các quy định của địa phương hằng năm.");
    assert!(long.item.label.chars().count() <= 60 && !long.item.label.ends_with(' '), "{}", long.item.label);
}

#[test]
fn suggested_ids_are_unique_against_the_programme() {
    let t = term(2025, 2030);
    let taken: Vec<String> = vec!["noi-dung-giam-sat".into(), "3a".into()];
    let got = suggest(3, "Mỗi năm thực hiện ít nhất 1 nội dung giám sát và 1 nội dung giám sát chuyên đề.", t, &taken);
    let ids: Vec<(&str, &str)> = got.iter().map(|s| (s.item.id.as_str(), s.target.id.as_str())).collect();
    assert_eq!(ids, vec![("noi-dung-giam-sat-2", "3b"), ("noi-dung-giam-sat-chuyen-de", "3c")]);
    assert!(got.iter().all(|s| s.item.indicator == Some(3) && s.indicator == 3));
}

#[test]
fn normalise_cleans_pasted_text() {
    assert_eq!(normalise("a\r\nb\rc\n"), "a\nb\nc\n");
    assert_eq!(normalise("  Mặt\u{a0}trận \t Tổ\u{2003}quốc  "), "Mặt trận Tổ quốc");
    assert_eq!(normalise("\u{feff}Nhân\u{200b} dân\u{ad}\u{200d}"), "Nhân dân");
    assert_eq!(normalise("\u{f0b7}\tMột\u{b}Hai\u{2029}Ba"), "• Một\nHai\nBa");
    // A precomposed vowel with a combining tone ("Unicode tổ hợp"), marks in any order.
    assert_eq!(
        normalise("Vie\u{302}\u{323}t Nam, Viê\u{323}t, Vie\u{323}\u{302}t, U\u{309}y ban, đươ\u{300}ng"),
        "Việt Nam, Việt, Việt, Ủy ban, đường"
    );
    // Sequences that make no Vietnamese letter stay as they are.
    assert_eq!(normalise("e\u{304} a\u{301}\u{301} \u{300}x"), "e\u{304} a\u{301}\u{301} \u{300}x");
    for (nfc, nfd) in nfd_pairs() {
        assert_eq!(normalise(&nfd), nfc, "{nfc}");
    }
    assert_eq!(nfd_pairs().len(), 134 + 11, "every letter of the table, and some words");
}

/// Pieces of programmes, for texts made of the words the recogniser looks for.
const PROGRAMME_WORDS: [&str; 48] = [
    "100%",
    "trên ",
    "95 %",
    "1,5",
    "20.000.000",
    " triệu đồng",
    " tỷ đồng",
    "/năm",
    " trở lên",
    "ít nhất ",
    "hai ",
    "01 ",
    "15 - 20 ",
    "không quá ",
    "dưới ",
    "không còn ",
    "tỷ lệ ",
    "hộ nghèo",
    "mỗi ",
    "khu dân cư",
    "tổ chức thành viên",
    "Ủy ban MTTQ xã",
    "xã, thôn",
    " các cấp",
    "hằng năm",
    "trong nhiệm kỳ",
    "đến năm 2030",
    "trong 02 năm 2024-2025",
    " xếp loại hoàn thành tốt nhiệm vụ",
    " (không có đơn vị không hoàn thành nhiệm vụ)",
    ", trong đó ",
    " và ",
    "; ",
    ". ",
    "\n",
    "I. MỤC TIÊU\n",
    "II. CÁC CHỈ TIÊU\n",
    "(1) ",
    "8) ",
    "Chỉ tiêu 2: ",
    "Khâu đột phá: ",
    "Đề án 1: ",
    "1.1. Mục tiêu: ",
    "Nhiệm vụ trọng tâm\n",
    "Giải pháp chủ yếu\n",
    "- ",
    "Với tinh thần ",
    "e\u{323}\u{302}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_pieces_of_the_seed(start in 0usize..40_000, len in 0usize..6_000, cut in 0usize..3) {
        let page = seed_page();
        let chars: Vec<char> = page.chars().collect();
        let start = start.min(chars.len());
        let end = (start + len).min(chars.len());
        let mut piece: String = chars[start..end].iter().collect();
        if cut == 1 {
            piece = piece.replace('\n', " ");
        } else if cut == 2 {
            piece = decomposed(&piece);
        }
        if let Ok(r) = recognise(&piece) {
            let _ = r.summary();
            prop_assert!(!r.programme.indicators.is_empty() || !r.programme.parts.is_empty());
        }
        let _ = suggest(1, &piece, term(2024, 2029), &[]);
    }

    #[test]
    fn never_panics_on_programme_words(tokens in proptest::collection::vec(proptest::sample::select(PROGRAMME_WORDS.to_vec()), 0..80)) {
        let text = tokens.concat();
        if let Ok(r) = recognise(&text) {
            let _ = r.summary();
        }
        for t in [term(2024, 2029), term(2025, 2025)] {
            for s in suggest(1, &text, t, &[]) {
                prop_assert!(!s.item.id.is_empty() && !s.item.label.is_empty() && !s.note.is_empty());
            }
        }
    }

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,300}") {
        let _ = recognise(&text);
        let _ = suggest(1, &text, term(2025, 2030), &[]);
        let _ = normalise(&text);
    }
}
