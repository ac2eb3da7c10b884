//! Reports the commune hands in, in a real browser: the commune's and an
//! area's year report printed to PDF (read back with poppler's pdfinfo and
//! pdftotext), the tables for Excel downloaded and read with real readers
//! (calamine, an RFC 4180 parser), and the report's own texts kept across a
//! reload and carried to a second phone.

mod common;
mod support;
use common::*;
use support::*;

use base64::Engine as _;
use calamine::{Data, Reader};
use serde_json::json;
use std::process::Command;
use thirtyfour::extensions::cdp::ChromeDevTools;

/// A commune of three areas with data for 2025: Thôn 1 did everything it
/// ticks, Thôn 2 some, Thôn 3 nothing (so it is named as missing).
async fn commune_with_2025(p: &Phone) -> TestResult<Vec<String>> {
    let ids = setup_commune(p, &["Thôn 1", "Thôn 2", "Thôn 3"]).await?;
    open_checklist(p, &ids[0], 2025).await?;
    for item in ["ngay-hoi", "phong-trao", "tuyen-truyen", "nam-tinh-hinh"] {
        tick(p, item).await?;
    }
    open_checklist(p, &ids[1], 2025).await?;
    tick(p, "ngay-hoi").await?;
    Ok(ids)
}

/// Opens the report screen for a period and a scope ("" is the commune).
async fn open_report(p: &Phone, period: &str, scope: &str) -> TestResult {
    p.open("/#/bao-cao").await?;
    wait_for(p, "#report-doc", *TIMEOUT).await?;
    set_input(p, "#report-period", period).await?;
    set_input(p, "#report-scope", scope).await?;
    wait_until(p, &format!("document.getElementById('report-period').value === {} && document.getElementById('report-doc')", js(period)), *TIMEOUT).await
}

/// Prints the page as Chrome's print to PDF does (the CSS page size), and
/// returns what pdfinfo and pdftotext read from it (in reading order, so
/// that the two heading blocks and wrapped table cells read as written).
async fn print(p: &Phone, dir: &TempDir, name: &str) -> TestResult<(String, String)> {
    let pdf = ChromeDevTools::new(p.handle.clone())
        .execute_cdp_with_params("Page.printToPDF", json!({ "preferCSSPageSize": true, "printBackground": false }))
        .await?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(pdf["data"].as_str().ok_or("no PDF data")?)?;
    let path = dir.join(name);
    std::fs::write(&path, bytes)?;
    let run = |cmd: &str, args: &[&str]| -> TestResult<String> {
        let out = Command::new(cmd).args(args).output().map_err(|e| format!("{cmd}: {e} (./scripts/setup --browser installs poppler-utils)"))?;
        assert!(out.status.success(), "{cmd} failed: {}", String::from_utf8_lossy(&out.stderr));
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let info = run("pdfinfo", &[path.to_str().unwrap()])?;
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"])?;
    Ok((info, text))
}

/// Collapses runs of white space, so that words a table cell wrapped still match.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The commune's report for 2025, printed: A4; the Front's heading, the
/// title with the year, the place and date line; every indicator's figure
/// as the overview shows it for 2025; the area with no data named.
#[tokio::test]
async fn the_communes_year_report_prints_on_a4_with_the_overviews_figures() -> TestResult {
    let a = Phone::start().await?;
    commune_with_2025(&a).await?;
    let overview = gauges(&a, 2025).await?;
    open_report(&a, "y2025", "").await?;
    set_input(&a, "#report-field-bc-so", "12").await?;
    wait_until(&a, "document.getElementById('report-doc').textContent.includes('Số: 12/BC-MTTQ-BTT')", *TIMEOUT).await?;
    assert!(no_horizontal_scroll(&a).await?, "the report fits the phone: {}", overview_report_overflow(&a).await?);
    let dir = TempDir::new("report-pdf");
    let (info, text) = print(&a, &dir, "xa-2025.pdf").await?;
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap_or(0)).unwrap_or(0);
    assert!(pages >= 1, "{info}");
    let t = flat(&text);
    for line in [
        "ỦY BAN MTTQ VIỆT NAM",
        "XÃ HÀ HẢI",
        "BAN THƯỜNG TRỰC",
        "Số: 12/BC-MTTQ-BTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Hải, ngày 15 tháng 6 năm 2026",
        "BÁO CÁO",
        "năm 2025",
        "TM. BAN THƯỜNG TRỰC",
        "CHỦ TỊCH",
        "Nơi nhận:",
    ] {
        assert!(t.contains(line), "“{line}” missing from the PDF:\n{text}");
    }
    for (target, figure) in &overview {
        assert!(t.contains(&flat(figure)), "target {target}: the overview's “{figure}” is not in the PDF:\n{text}");
    }
    assert!(t.contains("Thôn 3"), "the area with no data is named");
    a.done().await
}

/// An area's report for 2025: its front work team's heading, its own
/// results, signed by its head.
#[tokio::test]
async fn an_areas_year_report_prints_with_its_own_heading_and_results() -> TestResult {
    let a = Phone::start().await?;
    let ids = commune_with_2025(&a).await?;
    open_report(&a, "y2025", &ids[0]).await?;
    wait_for(&a, "#report-own-items", *TIMEOUT).await?;
    let dir = TempDir::new("report-area-pdf");
    let (info, text) = print(&a, &dir, "thon-1-2025.pdf").await?;
    assert!(info.contains("(A4)"), "{info}");
    let t = flat(&text);
    for line in ["ỦY BAN MTTQ VIỆT NAM", "XÃ HÀ HẢI", "BAN CÔNG TÁC MẶT TRẬN THÔN 1", "TM. BAN CÔNG TÁC MẶT TRẬN", "TRƯỞNG BAN", "năm 2025"] {
        assert!(t.contains(line), "“{line}” missing from the area's PDF:\n{text}");
    }
    assert!(t.contains("Đã thực hiện"), "its ticked items:\n{text}");
    a.done().await
}

/// The tables for Excel: an .xlsx that calamine reads (two sheets, numbers
/// as numbers), and CSV files with a byte-order mark, CRLF, ";" (or ","),
/// whose 2025 results equal the overview's figures.
#[tokio::test]
async fn the_tables_for_excel_read_back_with_the_overviews_figures() -> TestResult {
    let a = Phone::start().await?;
    commune_with_2025(&a).await?;
    let overview = gauges(&a, 2025).await?;
    open_report(&a, "y2025", "").await?;
    record_downloads(&a).await?;
    click(&a, "#report-xlsx").await?;
    wait_for(&a, "#report-message.ok", *TIMEOUT).await?;
    let (name, xlsx) = downloaded_file(&a, ".xlsx").await?;
    assert!(name.ends_with(".xlsx"), "{name}");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx))?;
    assert_eq!(book.sheet_names(), vec!["Số liệu".to_string(), "Kết quả chỉ tiêu".to_string()]);
    let results = book.worksheet_range("Kết quả chỉ tiêu")?;
    let head: Vec<String> = results.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {head:?}"));
    let (year, code, result) = (col("Năm"), col("Mã"), col("Kết quả"));
    for (target, figure) in &overview {
        let row = results
            .rows()
            .find(|r| matches!(r[year], Data::Float(y) if y == 2025.0) && r[code].to_string() == *target)
            .unwrap_or_else(|| panic!("no 2025 row for {target}"));
        assert_eq!(row[result].to_string(), *figure, "target {target}");
    }
    let records = book.worksheet_range("Số liệu")?;
    assert!(records.rows().count() > 5, "every record, under a header row");

    // CSV: ";" by default, "," on request.
    for (sep, expect) in [(";", ';'), (",", ',')] {
        set_input(&a, "#report-sep", sep).await?;
        record_downloads(&a).await?;
        click(&a, "#report-csv-results").await?;
        wait_for(&a, "#report-message.ok", *TIMEOUT).await?;
        let (name, bytes) = downloaded_file(&a, ".csv").await?;
        assert!(name.ends_with(".csv"), "{name}");
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a byte-order mark, for Excel on Windows");
        let text = String::from_utf8(bytes[3..].to_vec())?;
        assert!(!text.starts_with("sep="), "no sep= line: it makes Excel ignore the mark");
        assert!(text.contains("\r\n"), "CRLF line ends");
        let rows = parse_csv(&text, expect);
        let head = &rows[0];
        let col = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {head:?}"));
        let (year, code, result) = (col("Năm"), col("Mã"), col("Kết quả"));
        for (target, figure) in &overview {
            let row = rows.iter().find(|r| r[year] == "2025" && r[code] == *target).unwrap_or_else(|| panic!("no 2025 row for {target}"));
            assert_eq!(row[result], *figure, "target {target}, separator {sep}");
        }
    }
    a.done().await
}

/// RFC 4180: fields separated by `sep`, quoted when they hold it, a quote
/// or a line break, quotes doubled; records end with CRLF.
fn parse_csv(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// A header field and a free-text section are the commune's records for the
/// period: kept across a reload, and carried to another phone by a file.
#[tokio::test]
async fn the_reports_texts_are_kept_and_travel_in_files() -> TestResult {
    let a = Phone::start().await?;
    commune_with_2025(&a).await?;
    open_report(&a, "y2025", "").await?;
    wait_for(&a, "#report-shortcomings", *TIMEOUT).await?;
    // The boxes stay the same elements while others are saved: moving from
    // one box to the next never loses the place (or the phone's keyboard).
    let boxes = "['report-field-bc-so', 'report-shortcomings', 'report-direction'].map(id => document.getElementById(id))";
    eval(&a, &format!("window.__boxes = {boxes}; return null;")).await?;
    set_input(&a, "#report-field-bc-nguoi-ky", "Nguyễn Văn An").await?;
    set_input(&a, "#report-shortcomings", "Một số khu dân cư nhập số liệu chậm; cần đôn đốc.").await?;
    wait_until(&a, "document.getElementById('report-doc').textContent.includes('Nguyễn Văn An')", *TIMEOUT).await?;
    wait_until(&a, "document.getElementById('report-doc').textContent.includes('nhập số liệu chậm')", *TIMEOUT).await?;
    let same = eval(&a, &format!("const now = {boxes}; return now.map((b, i) => b === window.__boxes[i]);")).await?;
    assert_eq!(same, serde_json::json!([true, true, true]), "the boxes were rebuilt by a save");
    a.reload().await?;
    open_report(&a, "y2025", "").await?;
    assert_eq!(value_of(&a, "#report-shortcomings").await?, "Một số khu dân cư nhập số liệu chậm; cần đôn đốc.");
    assert!(text_of(&a, "#report-doc").await?.contains("Nguyễn Văn An"));
    // Another year's section is its own record.
    open_report(&a, "y2026", "").await?;
    assert_ne!(value_of(&a, "#report-shortcomings").await?, "Một số khu dân cư nhập số liệu chậm; cần đôn đốc.");

    let files = TempDir::new("report-texts");
    let file = save(&files, "xa.json", &export_all(&a).await?);
    let b = Phone::start().await?;
    import_file(&b, &file).await?;
    open_report(&b, "y2025", "").await?;
    assert_eq!(value_of(&b, "#report-shortcomings").await?, "Một số khu dân cư nhập số liệu chậm; cần đôn đốc.");
    assert!(text_of(&b, "#report-doc").await?.contains("Nguyễn Văn An"));
    assert_eq!(fingerprint(&b).await?, fingerprint(&a).await?);
    a.done().await?;
    b.done().await
}

async fn overview_report_overflow(p: &Phone) -> TestResult<String> {
    Ok(overflow_report(p).await?.to_string())
}
