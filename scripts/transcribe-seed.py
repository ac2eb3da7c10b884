#!/usr/bin/env python3
"""Writes src/data/ha-hai-2024-2029.json from the scraped seed page.

The seed (../shared/seed/chuong-trinh-hanh-dong-2024-2029.txt) repeats itself;
lines 97-198 hold one complete copy of the programme (see the seed README).
Texts are copied verbatim, except for two scraping artefacts: the bullet
marker ("- " or "-") in front of tasks and solutions, and one stray
backslash in front of "Phối hợp" in area 2. Checklist items and targets
follow ../shared/design/checklist-items.md and are written here by hand.

Run once; the JSON is committed and embedded in the app with include_str!.
"""
import json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
seed = os.path.join(root, "tests", "data", "chuong-trinh-hanh-dong-2024-2029.txt")
lines = open(seed, encoding="utf-8").read().split("\n")[96:198]

assert lines[0] == "I. MỤC TIÊU", lines[0]
objective = lines[1]
assert lines[2] == "II. CÁC CHỈ TIÊU CHỦ YẾU"
i = 3
indicators = []
while not lines[i].startswith("III."):
    m = re.match(r"^\(?(\d+)\) (.*)$", lines[i])
    if m:
        indicators.append({"number": int(m.group(1)), "text": m.group(2)})
    else:  # indicator 5 runs over two paragraphs
        indicators[-1]["text"] += "\n" + lines[i]
    i += 1
i += 1
areas = []
section = None
for line in lines[i:]:
    if line.startswith("Với tinh thần"):
        closing = line
        break
    m = re.match(r"^(\d)\. (.*)$", line)
    if m:
        areas.append({"number": int(m.group(1)), "title": m.group(2), "objective": "", "tasks": [], "solutions": []})
        continue
    a = areas[-1]
    m = re.match(r"^\d\.1\. ?Mục tiêu: ?(.*)$", line)
    if m:
        a["objective"] = m.group(1)
        continue
    if re.match(r"^\d\.2\. Nhiệm vụ trọng tâm:?$", line):
        section = "tasks"
        continue
    if re.match(r"^\d\.3\. Giải pháp chủ yếu$", line):
        section = "solutions"
        continue
    assert line.startswith("-"), line
    text = re.sub(r"^- ?", "", line).replace(" \\Phối hợp", " Phối hợp")
    kind = "t" if section == "tasks" else "s"
    a[section].append({"id": f"a{a['number']}-{kind}{len(a[section]) + 1}", "text": text})

assert len(indicators) == 10 and len(areas) == 6
assert [len(a["tasks"]) for a in areas] == [5, 5, 4, 2, 4, 3]
assert [len(a["solutions"]) for a in areas] == [6, 10, 6, 3, 9, 4]

AREAS = "areas"
COMMUNE = "commune"
ORGS = "organisations"
items = [
    # id, indicator, label, who, cadence, value kind, extra
    ("tuyen-truyen", 1, "Tuyên truyền, triển khai nghị quyết, chỉ thị, kết luận của Đảng", [AREAS, COMMUNE], "yearly", "done", {}),
    ("tap-huan", 1, "Cán bộ chủ chốt được tập huấn, bồi dưỡng (ít nhất 1 lần)", [AREAS, COMMUNE], "term", "ratio",
     {"numerator": "Số cán bộ đã tập huấn", "denominator": "Số cán bộ chủ chốt"}),
    ("trang-cong-dong", 2, "Có trang cộng đồng của Mặt trận", [AREAS], "term", "done", {"hint": "Ghi đường link của trang vào ghi chú"}),
    ("ngay-hoi", 3, "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc (18/11)", [AREAS], "yearly", "done", {"hint": "Ghi ngày tổ chức"}),
    ("phong-trao", 4, "Phối hợp triển khai các cuộc vận động, phong trào thi đua", [AREAS], "yearly", "done", {}),
    ("cong-trinh", 4, "Công trình, phần việc phục vụ cộng đồng", [AREAS], "yearly", "count", {"hint": "Ghi tên từng công trình, phần việc"}),
    ("mo-hinh", 4, "Mô hình mới phát triển kinh tế - xã hội", [AREAS], "yearly", "count", {"hint": "Ghi tên từng mô hình"}),
    ("quy-vi-nguoi-ngheo", 5, "Vận động Quỹ Vì người nghèo và các quỹ an sinh", [AREAS, COMMUNE], "event", "amount", {}),
    ("nha-dai-doan-ket", 5, "Xây nhà cho hộ nghèo, hộ chính sách, hộ khó khăn về nhà ở", [COMMUNE], "event", "count", {}),
    ("tham-ho-ngheo", 5, "Thăm hỏi, tặng quà hộ nghèo, hộ khó khăn dịp lễ, Tết", [AREAS], "yearly", "ratio",
     {"numerator": "Số hộ đã thăm hỏi, tặng quà", "denominator": "Số hộ nghèo, hộ khó khăn"}),
    ("tham-thien-tai", 5, "Thăm hỏi hộ bị thiên tai, hỏa hoạn, sự cố", [AREAS], "yearly", "ratio",
     {"numerator": "Số hộ đã thăm hỏi", "denominator": "Số hộ bị thiên tai, hỏa hoạn, sự cố (có thể là 0)"}),
    ("giam-sat", 6, "Nội dung giám sát", [COMMUNE], "event", "count", {"hint": "Ghi nội dung và ngày giám sát"}),
    ("ban-ttnd-gsdtcd", 6, "Ban Thanh tra nhân dân, Ban Giám sát đầu tư cộng đồng hoạt động hiệu quả", [COMMUNE], "yearly", "ratio",
     {"numerator": "Số ban hoạt động hiệu quả", "denominator": "Tổng số ban"}),
    ("phan-bien", 7, "Phản biện dự thảo văn bản", [COMMUNE], "event", "count", {"hint": "Ghi tên văn bản và ngày phản biện"}),
    ("nam-tinh-hinh", 8, "Nắm tình hình Nhân dân, tổng hợp ý kiến cử tri, phản ánh kiến nghị", [AREAS, COMMUNE], "yearly", "done", {}),
    ("to-tu-quan", 9, "Tổ, nhóm tự quản tại cộng đồng", [AREAS], "term", "count", {"hint": "Ghi tên từng tổ, nhóm tự quản"}),
    ("xep-loai-to-chuc", 10, "Xếp loại tổ chức thành viên", [ORGS], "yearly", "grade", {}),
    ("xep-loai-bctmt", 10, "Xếp loại Ban công tác Mặt trận", [AREAS], "yearly", "grade", {}),
    ("xep-loai-mttq", 10, "Xếp loại Ủy ban MTTQ xã", [COMMUNE], "yearly", "grade", {}),
    ("an-toan-giao-thong", None, "Hộ gia đình ký cam kết an toàn giao thông", [AREAS], "yearly", "ratio",
     {"numerator": "Số hộ đã ký cam kết", "denominator": "Tổng số hộ gia đình"}),
]
item_json = []
for (iid, ind, label, who, cadence, value, extra) in items:
    it = {"id": iid, "label": label, "who": who, "cadence": cadence, "value": value}
    if ind is not None:
        it["indicator"] = ind
    else:
        it["area"] = 6
    it.update(extra)
    item_json.append(it)

def units_share(tid, label, item, pct, period="each_year"):
    return {"id": tid, "label": label, "kind": "units_share", "item": item, "min_percent": pct, "period": period}

targets = {
    1: [units_share("1a", "Đơn vị tuyên truyền, triển khai nghị quyết hằng năm", "tuyen-truyen", 100),
        {"id": "1b", "label": "Cán bộ chủ chốt được tập huấn trong nhiệm kỳ", "kind": "ratio", "item": "tap-huan",
         "min_percent": 100, "period": "term"}],
    2: [units_share("2a", "Ban công tác Mặt trận có trang cộng đồng", "trang-cong-dong", 100, "term")],
    3: [units_share("3a", "Khu dân cư tổ chức Ngày hội 18/11 hằng năm", "ngay-hoi", 100)],
    4: [units_share("4a", "Ban công tác Mặt trận phối hợp triển khai các cuộc vận động", "phong-trao", 100),
        units_share("4b", "Khu dân cư có ít nhất 1 công trình, phần việc mỗi năm", "cong-trinh", 100),
        units_share("4c", "Khu dân cư có ít nhất 1 mô hình mới mỗi năm", "mo-hinh", 100)],
    5: [{"id": "5a", "label": "Vận động Quỹ Vì người nghèo, quỹ an sinh trong nhiệm kỳ", "kind": "total",
         "item": "quy-vi-nguoi-ngheo", "min": 20000000, "strictly_more": True, "period": "term"},
        {"id": "5b", "label": "Xây nhà cho hộ nghèo, hộ khó khăn trong 2024-2025", "kind": "total",
         "item": "nha-dai-doan-ket", "min": 1, "strictly_more": False, "period": {"years": [2024, 2025]}},
        {"id": "5c", "label": "Hộ nghèo, hộ khó khăn được thăm hỏi, tặng quà hằng năm", "kind": "ratio",
         "item": "tham-ho-ngheo", "min_percent": 100, "period": "each_year"},
        {"id": "5d", "label": "Hộ bị thiên tai, hỏa hoạn, sự cố được thăm hỏi", "kind": "ratio",
         "item": "tham-thien-tai", "min_percent": 100, "period": "each_year"}],
    6: [{"id": "6a", "label": "Nội dung giám sát mỗi năm", "kind": "total", "item": "giam-sat", "min": 1,
         "strictly_more": False, "period": "each_year"},
        {"id": "6b", "label": "Ban TTND, Ban GSĐTCĐ hoạt động hiệu quả", "kind": "ratio", "item": "ban-ttnd-gsdtcd",
         "min_percent": 90, "period": "each_year"}],
    7: [{"id": "7a", "label": "Dự thảo văn bản được phản biện mỗi năm", "kind": "total", "item": "phan-bien", "min": 1,
         "strictly_more": False, "period": "each_year"}],
    8: [units_share("8a", "Đơn vị nắm tình hình Nhân dân, phản ánh kiến nghị", "nam-tinh-hinh", 100)],
    9: [units_share("9a", "Khu dân cư có tổ, nhóm tự quản trong nhiệm kỳ", "to-tu-quan", 100, "term")],
    10: [{"id": "10a", "label": "Tổ chức thành viên xếp loại hoàn thành tốt trở lên", "kind": "grade_share",
          "item": "xep-loai-to-chuc", "min_grade": "tot", "min_percent": 95, "none_failing": True},
         {"id": "10b", "label": "Ban công tác Mặt trận xếp loại hoàn thành tốt trở lên", "kind": "grade_share",
          "item": "xep-loai-bctmt", "min_grade": "tot", "min_percent": 90, "none_failing": True},
         {"id": "10c", "label": "Ủy ban MTTQ xã xếp loại hoàn thành tốt trở lên", "kind": "grade_share",
          "item": "xep-loai-mttq", "min_grade": "tot", "min_percent": 100, "none_failing": True}],
}
for ind in indicators:
    ind["targets"] = targets[ind["number"]]
for a in areas:
    a["targets"] = []
areas[5]["targets"] = [{"id": "a6a", "label": "Hộ gia đình ký cam kết an toàn giao thông", "kind": "ratio",
                        "item": "an-toan-giao-thong", "min_percent": 99, "strictly_more": True, "period": "each_year"}]

programme = {
    "id": "ha-hai-2024-2029",
    "revision": 1,
    "title": "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Mặt trận Tổ quốc Việt Nam các cấp nhiệm kỳ 2024-2029",
    "owner": "xã Hà Hải",
    "term": {"start": "2024-10-21", "first_year": 2024, "last_year": 2029},
    "objective": objective,
    "closing": closing,
    "indicators": indicators,
    "areas": areas,
    "items": item_json,
    "grades": [
        {"id": "xuat-sac", "label": "Hoàn thành xuất sắc nhiệm vụ"},
        {"id": "tot", "label": "Hoàn thành tốt nhiệm vụ"},
        {"id": "hoan-thanh", "label": "Hoàn thành nhiệm vụ"},
        {"id": "khong-hoan-thanh", "label": "Không hoàn thành nhiệm vụ"},
    ],
    "organisations": ["Công đoàn", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
                      "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Cựu chiến binh"],
}
doc = {"format": "sotay-mat-tran", "version": 1, "programme": programme}
out = os.path.join(root, "src", "data", "ha-hai-2024-2029.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("wrote", out)
