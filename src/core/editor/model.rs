//! The editor's screen model: every section, field, choice, button and
//! sentence the screens show, with the errors at their fields. Components
//! render it and send the [`Edit`] a field or button names; they decide
//! nothing.

use super::check::check_with;
use super::lists::{movable, removal, Removal};
use super::rules::{kinds_for, periods_for, Shape};
use super::set::{number_text, organisation_locked, term_ok, ITEM_LOCKED, ORGANISATION_LOCKED, OWNER_LOCKED};
use super::words::{self, ChecklistPreview, TargetKind};
use super::{find, Add, Ctx, Draft, Edit, Field, FieldError, Owner, Row, NOT_HERE};
use crate::core::programme::{Cmp, Item, Part, PartKind, Period, Programme, Rule, Target, ValueKind};
use crate::core::recognise::Suggestion;
use crate::core::screen::reader::RETIRED;
use crate::core::screen::{Choice, Env};
use crate::core::state::State;
use crate::core::text;
use chrono::Datelike;

/// What the editor's route shows.
#[derive(Clone, Debug, PartialEq)]
pub enum EditorScreen {
    /// An area's phone: programmes reach it by file.
    NotHere { message: String },
    /// No draft yet: the ways to begin one.
    Start(Box<StartModel>),
    /// A draft being edited.
    Editing(Box<EditorModel>),
}

/// The ways to begin a draft. Each button calls a [`Draft`] constructor
/// (the paste button opens the paste screen, see [`super::paste_preview`]).
#[derive(Clone, Debug, PartialEq)]
pub struct StartModel {
    pub heading: String,
    /// [`Draft::edit_current`].
    pub revise_label: String,
    pub revise_about: String,
    /// The paste screen, then [`Draft::from_recognised`].
    pub paste_label: String,
    pub paste_about: String,
    /// [`Draft::copy_of_example`].
    pub example_label: String,
    pub example_about: String,
    /// [`Draft::new_blank`] with the owner typed and [`super::default_term`].
    pub blank_label: String,
    pub blank_about: String,
    /// What happens to this phone when a new programme is published.
    pub new_note: String,
}

/// A text input (or a text area).
#[derive(Clone, Debug, PartialEq)]
pub struct TextField {
    /// What [`Edit::Set`] names when it changes.
    pub field: Field,
    pub label: String,
    pub value: String,
    /// A text area rather than one line.
    pub multiline: bool,
    pub error: Option<String>,
    /// Why it cannot be changed, when it cannot (the input is read only).
    pub locked: Option<String>,
}

/// A select: [`Edit::Set`] with the value of the choice picked.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectField {
    pub field: Field,
    pub label: String,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
    pub locked: Option<String>,
}

/// A checkbox: [`Edit::Check`] with `field`, `value` and whether it is ticked.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckField {
    pub field: Field,
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// Why it cannot be changed, when it cannot.
    pub locked: Option<String>,
}

/// A button: it sends `edit` (None: the screen acts itself, e.g. publish).
#[derive(Clone, Debug, PartialEq)]
pub struct Button {
    pub label: String,
    pub edit: Option<Edit>,
    pub enabled: bool,
    /// Why it is disabled, or what it does when that needs saying.
    pub why: Option<String>,
    /// Asked before it acts.
    pub confirm: Option<String>,
}

impl Button {
    fn new(label: impl Into<String>, edit: Option<Edit>) -> Button {
        Button { label: label.into(), edit, enabled: true, why: None, confirm: None }
    }

    /// Disabled when `why` is given.
    fn unless(mut self, why: Option<String>) -> Button {
        self.enabled = why.is_none();
        self.why = why;
        self
    }
}

/// The buttons of a row of a list.
#[derive(Clone, Debug, PartialEq)]
pub struct RowControls {
    pub up: Button,
    pub down: Button,
    /// "Xóa", or "Thôi theo dõi" for what has records.
    pub remove: Button,
    /// "Theo dõi lại", for a retired row.
    pub restore: Option<Button>,
    pub retired: bool,
}

/// The programme's own fields.
#[derive(Clone, Debug, PartialEq)]
pub struct General {
    pub title: TextField,
    pub owner: TextField,
    /// yyyy-mm-dd, for a date input.
    pub start: TextField,
    pub last_year: TextField,
    /// "Nhiệm kỳ 2024-2029, từ ngày 21/10/2024".
    pub term: String,
    pub objective: TextField,
    pub closing: TextField,
}

/// One indicator with its items, targets and waiting suggestions.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorCard {
    /// Its number in edits (it stays while editing; see the module doc).
    pub number: u32,
    /// "Chỉ tiêu 3", by its place in the list.
    pub title: String,
    pub text: TextField,
    pub controls: RowControls,
    pub items: Vec<ItemCard>,
    pub targets: Vec<TargetCard>,
    pub suggestions: Vec<SuggestionCard>,
    pub add_item: Button,
    pub add_target: Button,
}

/// One part with its tasks, solutions, items and targets.
#[derive(Clone, Debug, PartialEq)]
pub struct PartCard {
    pub number: u32,
    /// "Khâu đột phá 1".
    pub name: String,
    pub kind: SelectField,
    pub title: TextField,
    pub objective: TextField,
    pub controls: RowControls,
    /// "Nhiệm vụ trọng tâm (5)".
    pub tasks_heading: String,
    pub tasks: Vec<TaskRow>,
    pub add_task: Button,
    /// "Giải pháp chủ yếu (6)".
    pub solutions_heading: String,
    pub solutions: Vec<TaskRow>,
    pub add_solution: Button,
    pub items: Vec<ItemCard>,
    pub targets: Vec<TargetCard>,
    pub add_item: Button,
    pub add_target: Button,
}

/// A focus task or a main solution.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRow {
    pub id: String,
    pub text: TextField,
    pub controls: RowControls,
}

/// A member organisation or a grade: a name and its row's buttons.
#[derive(Clone, Debug, PartialEq)]
pub struct NameRow {
    pub name: TextField,
    pub controls: RowControls,
}

/// A checklist item: who fills it, how often, what is recorded, and how
/// it will look on a checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemCard {
    pub id: String,
    pub label: TextField,
    /// "Ai ghi": one checkbox per who.
    pub who: Vec<CheckField>,
    pub who_error: Option<String>,
    /// "Ghi khi nào".
    pub cadence: SelectField,
    /// "Ghi gì": only what a checklist can record at that cadence.
    pub value: SelectField,
    /// The labels of n and N, for a ratio.
    pub numerator: Option<TextField>,
    pub denominator: Option<TextField>,
    pub hint: TextField,
    pub preview: ChecklistPreview,
    pub controls: RowControls,
}

/// A target: its kind and numbers, only the choices the engine computes
/// from its item, and its gauge sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetCard {
    pub id: String,
    pub label: TextField,
    /// "Tính từ mục".
    pub item: SelectField,
    pub kind: SelectField,
    /// For a share of units or a ratio.
    pub period: Option<SelectField>,
    pub cmp: SelectField,
    /// The percentage, or the total in đồng or as a count.
    pub number: TextField,
    /// For a share of units over a count item.
    pub min_count: Option<TextField>,
    /// For a window of years.
    pub from: Option<SelectField>,
    pub to: Option<SelectField>,
    /// For a grade share.
    pub grade: Option<SelectField>,
    pub none_failing: Option<CheckField>,
    /// "Trên 20.000.000 đồng trong nhiệm kỳ".
    pub sentence: String,
    pub controls: RowControls,
}

/// A suggestion in words: what it will follow, and what it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct SuggestionText {
    /// The target's gauge sentence.
    pub sentence: String,
    /// The item it adds: "Tổ chức Ngày hội · Mỗi khu dân cư · Mỗi năm · Đã làm hay chưa".
    pub item: String,
    /// "Đọc từ: “100% khu dân cư tổ chức …”".
    pub phrase: String,
    /// What the recogniser understood.
    pub note: String,
}

/// A suggestion waiting under its indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct SuggestionCard {
    pub target: String,
    pub text: SuggestionText,
    /// "Nhận": [`Edit::Accept`].
    pub accept: Button,
    /// "Bỏ qua": [`Edit::Dismiss`].
    pub dismiss: Button,
}

/// The whole editor of a draft.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorModel {
    /// "Sửa chương trình (lần sửa 2)" or "Chương trình mới".
    pub heading: String,
    /// What publishing will do.
    pub about: String,
    /// Problems of the draft as a whole (a stale draft, data to keep).
    pub notices: Vec<String>,
    pub general: General,
    /// "Các chỉ tiêu (10)".
    pub indicators_heading: String,
    pub indicators_error: Option<String>,
    pub indicators: Vec<IndicatorCard>,
    pub add_indicator: Button,
    /// "Các phần của chương trình (6)".
    pub parts_heading: String,
    pub parts: Vec<PartCard>,
    /// One per kind of part.
    pub add_parts: Vec<Button>,
    pub organisations_heading: String,
    pub organisations_note: String,
    pub organisations: Vec<NameRow>,
    pub add_organisation: Button,
    pub grades_heading: String,
    pub grades_note: String,
    pub grades_error: Option<String>,
    pub grades: Vec<NameRow>,
    pub add_grade: Button,
    /// For a revision: "Những thay đổi sẽ áp dụng (3)" and the lines.
    pub changes_heading: Option<String>,
    pub changes: Vec<String>,
    /// Every problem, in the order of the fields, for a list at the top or bottom.
    pub errors: Vec<FieldError>,
    /// "Còn 3 chỗ cần sửa trước khi áp dụng." or "Sẵn sàng áp dụng.".
    pub status: String,
    /// Publishes ([`super::publish`]); enabled when there is nothing to fix.
    pub publish: Button,
    /// Opens the paste screen for this draft.
    pub paste: Button,
    /// Drops the draft (after its question).
    pub discard: Button,
}

/// The editor's screen: why not (an area's phone), how to begin (no draft),
/// or the draft's editor. `pending` is the error of the last refused edit,
/// shown at its field until the next edit.
pub fn editor(state: &State, draft: Option<&Draft>, pending: Option<&FieldError>, env: &Env) -> EditorScreen {
    if state.own_unit().is_some() {
        return EditorScreen::NotHere { message: NOT_HERE.to_string() };
    }
    match draft {
        None => EditorScreen::Start(Box::new(start(state))),
        Some(d) => EditorScreen::Editing(Box::new(editing(state, d, pending, env))),
    }
}

fn start(state: &State) -> StartModel {
    let p = &state.book.programme;
    StartModel {
        heading: "Soạn chương trình hành động".into(),
        revise_label: "Sửa chương trình đang theo dõi".into(),
        revise_about: format!(
            "“{}” ({}, lần sửa {}). Sửa xong, máy theo lần sửa {} và gửi tệp cho các khu dân cư; số liệu đã ghi được giữ nguyên.",
            p.title,
            p.owner,
            p.revision,
            p.revision + 1
        ),
        paste_label: "Dán văn bản chương trình của xã".into(),
        paste_about: "Sao chép từ tệp Word hoặc trang web cả phần các chỉ tiêu và các chương trình (khâu đột phá, đề án) rồi dán vào; Sổ tay đọc ra các chỉ tiêu, nhiệm vụ, giải pháp và gợi ý mục ghi chép cho từng chỉ tiêu.".into(),
        example_label: "Bắt đầu từ chương trình mẫu của xã Hà Hải".into(),
        example_about: "Chép toàn bộ chương trình mẫu (10 chỉ tiêu, 6 chương trình, các mục ghi chép) rồi sửa cho xã mình.".into(),
        blank_label: "Bắt đầu từ trang trắng".into(),
        blank_about: "Tự nhập từng chỉ tiêu, từng phần của chương trình.".into(),
        new_note: "Chương trình mới (xã khác hoặc nhiệm kỳ mới): khi áp dụng, máy sao lưu dữ liệu hiện có rồi chuyển sang sổ mới của chương trình đó.".into(),
    }
}

/// Everything a card needs to build itself.
struct Build<'a> {
    d: &'a Draft,
    ctx: &'a Ctx<'a>,
    errors: &'a [FieldError],
    /// The year previews are shown for.
    year: i32,
}

impl Build<'_> {
    fn p(&self) -> &Programme {
        &self.d.programme
    }

    fn error(&self, f: &Field) -> Option<String> {
        self.errors.iter().find(|e| e.field == *f).map(|e| e.message.clone())
    }

    fn text(&self, field: Field, label: &str, value: &str, multiline: bool, locked: Option<String>) -> TextField {
        TextField { error: self.error(&field), field, label: label.into(), value: value.into(), multiline, locked }
    }

    fn select(&self, field: Field, label: &str, choices: Vec<Choice>, locked: Option<String>) -> SelectField {
        SelectField { error: self.error(&field), field, label: label.into(), choices, locked }
    }

    fn controls(&self, row: Row, retired: bool) -> RowControls {
        let moves = |up: bool, label: &str| {
            Button::new(label, Some(Edit::Move { row: row.clone(), up })).unless(movable(self.d, self.ctx, &row, up).err())
        };
        let remove = match removal(self.d, self.ctx, &row) {
            Ok(Removal::Delete) => {
                let mut b = Button::new("Xóa", Some(Edit::Remove(row.clone())));
                b.confirm = self.delete_question(&row);
                b
            }
            Ok(Removal::Retire) => {
                let mut b = Button::new("Thôi theo dõi", Some(Edit::Remove(row.clone())));
                b.why = Some(
                    "Đã có số liệu nên không xóa: vẫn giữ trong tệp và lịch sử, chỉ thôi hiện trên sổ ghi chép và tổng quan. Có thể theo dõi lại."
                        .into(),
                );
                b
            }
            Err(why) => Button::new(if retired { "Thôi theo dõi" } else { "Xóa" }, None).unless(Some(why)),
        };
        let restore = retired.then(|| Button::new("Theo dõi lại", Some(Edit::Restore(row.clone()))));
        RowControls { up: moves(true, "Lên"), down: moves(false, "Xuống"), remove, restore, retired }
    }

    /// Asked before deleting what holds other things.
    fn delete_question(&self, row: &Row) -> Option<String> {
        let p = self.p();
        match row {
            Row::Indicator(n) => {
                let k = p.indicators.iter().position(|i| i.number == *n)? + 1;
                Some(format!("Xóa chỉ tiêu {k} cùng các mục ghi chép và mốc đo của nó?"))
            }
            Row::Part(n) => Some(format!("Xóa {} cùng nhiệm vụ, giải pháp, mục ghi chép và mốc đo của nó?", p.part_name(p.part(*n)?).to_lowercase())),
            Row::Item(id) => {
                let n = p.all_targets().filter(|t| t.rule.item() == id).count();
                (n > 0).then(|| format!("Xóa mục này và {n} mốc đo tính từ nó?"))
            }
            _ => None,
        }
    }

    fn locked_if(&self, retired: bool) -> Option<String> {
        retired.then(|| "Đã thôi theo dõi: bấm “Theo dõi lại” để sửa.".to_string())
    }
}

fn editing(state: &State, d: &Draft, pending: Option<&FieldError>, env: &Env) -> EditorModel {
    let ctx = Ctx::new(d, state);
    let checked = check_with(d, &ctx);
    let errors: Vec<FieldError> = pending.into_iter().cloned().chain(checked.iter().cloned()).collect();
    let p = &d.programme;
    let year = if term_ok(p) { p.term.current_year(env.today) } else { env.today.year() };
    let b = Build { d, ctx: &ctx, errors: &errors, year };
    let changes = super::publish::changes_with(d, &ctx);
    let (heading, about) = match &d.base {
        Some(base) => (
            format!("Sửa chương trình (lần sửa {})", base.revision + 1),
            "Khi áp dụng, máy sao lưu dữ liệu rồi theo chương trình đã sửa; số liệu đã ghi được giữ nguyên. Sau đó hãy gửi tệp cho các khu dân cư.".to_string(),
        ),
        None => (
            "Chương trình mới".to_string(),
            "Khi áp dụng, máy sao lưu dữ liệu của chương trình đang theo dõi rồi chuyển sang sổ mới của chương trình này.".to_string(),
        ),
    };
    let indicators: Vec<IndicatorCard> = p.indicators.iter().enumerate().map(|(k, ind)| indicator_card(&b, k, ind)).collect();
    let parts: Vec<PartCard> = p.parts.iter().map(|x| part_card(&b, x)).collect();
    let problems = checked.len();
    let nothing_new = d.base.is_some() && changes.is_empty();
    let publish_why = if problems > 0 {
        Some(format!("Còn {problems} chỗ cần sửa (ghi ngay dưới từng ô)."))
    } else if nothing_new {
        Some("Chưa có thay đổi nào so với chương trình đang theo dõi.".to_string())
    } else {
        None
    };
    let mut publish = Button::new(
        match &d.base {
            Some(base) => format!("Áp dụng lần sửa {}", base.revision + 1),
            None => "Áp dụng chương trình mới".to_string(),
        },
        None,
    )
    .unless(publish_why);
    publish.confirm = Some(match &d.base {
        Some(base) => format!(
            "Áp dụng lần sửa {} của chương trình? Máy sao lưu dữ liệu trước, rồi theo chương trình đã sửa ({} thay đổi).",
            base.revision + 1,
            changes.len()
        ),
        None => format!(
            "Áp dụng chương trình mới của {}? Máy sao lưu dữ liệu của chương trình “{}” rồi chuyển sang sổ mới.",
            p.owner.trim(),
            state.book.programme.title
        ),
    });
    let mut discard = Button::new("Bỏ bản nháp", None);
    discard.confirm = Some("Bỏ bản nháp này? Những gì đã soạn sẽ mất; chương trình đang theo dõi không thay đổi.".into());
    EditorModel {
        heading,
        about,
        notices: errors.iter().filter(|e| e.field == Field::Programme).map(|e| e.message.clone()).collect(),
        general: general(&b),
        indicators_heading: format!("Các chỉ tiêu ({})", p.indicators.len()),
        indicators_error: b.error(&Field::Indicators),
        indicators,
        add_indicator: Button::new("Thêm chỉ tiêu", Some(Edit::Add(Add::Indicator))),
        parts_heading: format!("Các phần của chương trình ({})", p.parts.len()),
        parts,
        add_parts: PartKind::ALL
            .into_iter()
            .map(|kind| Button::new(format!("Thêm {}", kind.label().to_lowercase()), Some(Edit::Add(Add::Part { kind }))))
            .collect(),
        organisations_heading: format!("Tổ chức thành viên ({})", p.organisations.len()),
        organisations_note: if d.base.is_some() {
            "Máy mới theo chương trình này tạo sẵn các tổ chức này. Tổ chức đã có thì đổi tên ở mục Đơn vị; ở đây thêm được tổ chức mới.".into()
        } else {
            "Máy theo chương trình này tạo sẵn các tổ chức này; sau đó đổi tên, thêm, bớt ở mục Đơn vị.".into()
        },
        organisations: p.organisations.iter().enumerate().map(|(i, name)| organisation_row(&b, i, name)).collect(),
        add_organisation: Button::new("Thêm tổ chức thành viên", Some(Edit::Add(Add::Organisation))),
        grades_heading: format!("Các mức xếp loại ({})", p.grades.len()),
        grades_note: "Xếp từ cao xuống thấp; mức cuối cùng là không hoàn thành nhiệm vụ.".into(),
        grades_error: b.error(&Field::Grades),
        grades: p
            .grades
            .iter()
            .map(|g| NameRow {
                name: b.text(Field::GradeLabel(g.id.clone()), "Tên mức xếp loại", &g.label, false, None),
                controls: b.controls(Row::Grade(g.id.clone()), false),
            })
            .collect(),
        add_grade: Button::new("Thêm mức xếp loại", Some(Edit::Add(Add::Grade))),
        changes_heading: d.base.as_ref().map(|_| format!("Những thay đổi sẽ áp dụng ({})", changes.len())),
        changes,
        status: if problems == 0 { "Sẵn sàng áp dụng.".to_string() } else { format!("Còn {problems} chỗ cần sửa trước khi áp dụng.") },
        errors: checked,
        publish,
        paste: Button::new("Dán văn bản chương trình", None),
        discard,
    }
}

fn general(b: &Build) -> General {
    let p = b.p();
    let owner_locked = b.ctx.base.map(|_| OWNER_LOCKED.to_string());
    General {
        title: b.text(Field::Title, "Tên chương trình", &p.title, true, None),
        owner: b.text(Field::Owner, "Tên xã", &p.owner, false, owner_locked),
        start: b.text(Field::Start, "Ngày thông qua", &text::iso_date(p.term.start), false, None),
        last_year: b.text(Field::LastYear, "Năm cuối nhiệm kỳ", &p.term.last_year.to_string(), false, None),
        term: format!("Nhiệm kỳ {}-{}, từ ngày {}", p.term.first_year, p.term.last_year, text::date(p.term.start)),
        objective: b.text(Field::Objective, "Mục tiêu chung", &p.objective, true, None),
        closing: b.text(Field::Closing, "Lời kết", &p.closing, true, None),
    }
}

fn organisation_row(b: &Build, i: usize, name: &str) -> NameRow {
    let locked = organisation_locked(b.ctx, i).then(|| ORGANISATION_LOCKED.to_string());
    NameRow { name: b.text(Field::Organisation(i), "Tên tổ chức", name, false, locked), controls: b.controls(Row::Organisation(i), false) }
}

/// A title with the mark of what is no longer followed.
fn marked(title: String, retired: bool) -> String {
    if retired {
        format!("{title}{RETIRED}")
    } else {
        title
    }
}

fn indicator_card(b: &Build, k: usize, ind: &crate::core::programme::Indicator) -> IndicatorCard {
    let owner = Owner::Indicator(ind.number);
    let p = b.p();
    let suggestions = b
        .d
        .suggestions
        .iter()
        .filter(|s| s.indicator == ind.number)
        .map(|s| SuggestionCard {
            target: s.target.id.clone(),
            text: suggestion_text(p, s),
            accept: Button::new("Nhận", Some(Edit::Accept { target: s.target.id.clone() })).unless(b.locked_if(ind.retired)),
            dismiss: Button::new("Bỏ qua", Some(Edit::Dismiss { target: s.target.id.clone() })),
        })
        .collect();
    let (add_item, add_target) = add_buttons(b, owner, ind.retired);
    IndicatorCard {
        number: ind.number,
        title: marked(format!("Chỉ tiêu {}", k + 1), ind.retired),
        text: b.text(Field::IndicatorText(ind.number), "Nội dung chỉ tiêu", &ind.text, true, b.locked_if(ind.retired)),
        controls: b.controls(Row::Indicator(ind.number), ind.retired),
        items: items_of(b, owner),
        targets: ind.targets.iter().map(|t| target_card(b, t)).collect(),
        suggestions,
        add_item,
        add_target,
    }
}

/// "Thêm mục ghi chép" and "Thêm mốc đo" of an indicator or part.
fn add_buttons(b: &Build, owner: Owner, retired: bool) -> (Button, Button) {
    let p = b.p();
    let feeds = p.items.iter().any(|i| !i.retired && find::item_owner(i) == Some(owner) && !kinds_for(i, p).is_empty());
    let target_why = if retired {
        b.locked_if(true)
    } else if !feeds {
        Some("Mốc đo được tính từ số liệu của một mục: hãy thêm mục ghi chép trước.".to_string())
    } else {
        None
    };
    (
        Button::new("Thêm mục ghi chép", Some(Edit::Add(Add::Item { owner }))).unless(b.locked_if(retired)),
        Button::new("Thêm mốc đo", Some(Edit::Add(Add::Target { owner }))).unless(target_why),
    )
}

fn items_of(b: &Build, owner: Owner) -> Vec<ItemCard> {
    b.p().items.iter().filter(|i| find::item_owner(i) == Some(owner)).map(|i| item_card(b, i)).collect()
}

fn part_card(b: &Build, x: &Part) -> PartCard {
    let p = b.p();
    let owner = Owner::Part(x.number);
    let locked = b.locked_if(x.retired);
    let kinds = PartKind::ALL.into_iter().map(|k| Choice::new(k.code(), k.label(), k == x.kind)).collect();
    let task_rows = |list: &[crate::core::programme::Task]| -> Vec<TaskRow> {
        list.iter()
            .map(|t| TaskRow {
                id: t.id.clone(),
                text: b.text(Field::TaskText(t.id.clone()), "Nội dung", &t.text, true, b.locked_if(t.retired)),
                controls: b.controls(Row::Task(t.id.clone()), t.retired),
            })
            .collect()
    };
    let (add_item, add_target) = add_buttons(b, owner, x.retired);
    PartCard {
        number: x.number,
        name: marked(p.part_name(x), x.retired),
        kind: b.select(Field::PartKind(x.number), "Loại", kinds, locked.clone()),
        title: b.text(Field::PartTitle(x.number), "Tên", &x.title, true, locked.clone()),
        objective: b.text(Field::PartObjective(x.number), "Mục tiêu", &x.objective, true, locked.clone()),
        controls: b.controls(Row::Part(x.number), x.retired),
        tasks_heading: format!("Nhiệm vụ trọng tâm ({})", x.tasks.len()),
        tasks: task_rows(&x.tasks),
        add_task: Button::new("Thêm nhiệm vụ", Some(Edit::Add(Add::Task { part: x.number }))).unless(locked.clone()),
        solutions_heading: format!("Giải pháp chủ yếu ({})", x.solutions.len()),
        solutions: task_rows(&x.solutions),
        add_solution: Button::new("Thêm giải pháp", Some(Edit::Add(Add::Solution { part: x.number }))).unless(locked),
        items: items_of(b, owner),
        targets: x.targets.iter().map(|t| target_card(b, t)).collect(),
        add_item,
        add_target,
    }
}

fn item_card(b: &Build, item: &Item) -> ItemCard {
    let id = &item.id;
    let retired = b.locked_if(item.retired);
    let recorded = super::set::item_locked(b.ctx, id).then(|| ITEM_LOCKED.to_string());
    let kinds = b.ctx.usage.kinds(id);
    let who = words::WHO
        .into_iter()
        .map(|w| {
            let checked = item.who.contains(&w);
            let has_data = checked && kinds.iter().any(|k| k.who() == w);
            CheckField {
                field: Field::ItemWho(id.clone()),
                value: words::who_code(w).into(),
                label: words::who_label(w).into(),
                checked,
                locked: retired.clone().or_else(|| has_data.then(|| "Đã có số liệu của những đơn vị này.".to_string())),
            }
        })
        .collect();
    let cadences = words::CADENCES
        .into_iter()
        .map(|c| Choice::new(words::cadence_code(c), words::cadence_label(c), c == item.cadence))
        .collect();
    let values = words::VALUES
        .into_iter()
        .filter(|v| words::value_fits_cadence(*v, item.cadence) || *v == item.value)
        .map(|v| Choice::new(words::value_code(v), words::value_label(v, item.cadence), v == item.value))
        .collect();
    let ratio = item.value == ValueKind::Ratio;
    let label_of = |s: &Option<String>| s.clone().unwrap_or_default();
    ItemCard {
        id: id.clone(),
        label: b.text(Field::ItemLabel(id.clone()), "Tên mục (ngắn, như trên sổ ghi chép)", &item.label, false, retired.clone()),
        who,
        who_error: b.error(&Field::ItemWho(id.clone())),
        cadence: b.select(Field::ItemCadence(id.clone()), "Ghi khi nào", cadences, retired.clone().or(recorded.clone())),
        value: b.select(Field::ItemValue(id.clone()), "Ghi gì", values, retired.clone().or(recorded)),
        numerator: ratio.then(|| {
            b.text(Field::ItemNumerator(id.clone()), "Số đã làm là gì (n)", &label_of(&item.numerator), false, retired.clone())
        }),
        denominator: ratio.then(|| {
            b.text(Field::ItemDenominator(id.clone()), "Tổng số là gì (N)", &label_of(&item.denominator), false, retired.clone())
        }),
        hint: b.text(Field::ItemHint(id.clone()), "Gợi ý khi ghi (không bắt buộc)", &label_of(&item.hint), false, retired),
        preview: words::checklist_preview(item, b.year),
        controls: b.controls(Row::Item(id.clone()), item.retired),
    }
}

fn target_card(b: &Build, t: &Target) -> TargetCard {
    let p = b.p();
    let id = &t.id;
    let locked = b.locked_if(t.retired);
    let item = p.item(t.rule.item());
    let shape = Shape::of(&t.rule, p);
    let kind = shape.kind;
    let sel = |field: Field, label: &str, choices: Vec<Choice>| b.select(field, label, choices, locked.clone());
    // Kinds the engine computes from the item, and the one chosen even when it no longer does.
    let mut kinds = item.map(|i| kinds_for(i, p)).unwrap_or_default();
    if !kinds.contains(&kind) {
        kinds.insert(0, kind);
    }
    let kind_choices = kinds.into_iter().map(|k| Choice::new(k.code(), k.label(), k == kind)).collect();
    let period = (matches!(kind, TargetKind::UnitsShare | TargetKind::Ratio)).then(|| {
        let code = words::period_code(shape.period);
        let mut codes = item.map(|i| periods_for(&shape, i, p.term)).unwrap_or_default();
        if !codes.contains(&code) {
            codes.insert(0, code);
        }
        let choices = codes.into_iter().map(|c| Choice::new(c, words::period_label(c), c == code)).collect();
        sel(Field::TargetPeriod(id.clone()), "Tính theo", choices)
    });
    let cmps: Vec<Cmp> = if kind.reaches_only() { vec![Cmp::AtLeast, Cmp::MoreThan] } else { Cmp::ALL.to_vec() };
    let cmp_choices = cmps.into_iter().map(|c| Choice::new(c.code(), words::cmp_label(c), c == shape.cmp)).collect();
    let number_label = match (kind.is_total(), item.map(|i| i.value)) {
        (false, _) => "Tỷ lệ (%)",
        (true, Some(ValueKind::Amount)) => "Số tiền (đồng)",
        (true, _) => "Số lượng",
    };
    let years = |field: Field, label: &str, chosen: i32| {
        let choices = if term_ok(p) { p.term.years().map(|y| Choice::new(y.to_string(), y.to_string(), y == chosen)).collect() } else { Vec::new() };
        sel(field, label, choices)
    };
    let (from, to) = match shape.period {
        Period::Years([a, z]) if kind != TargetKind::GradeShare => {
            (Some(years(Field::TargetFrom(id.clone()), "Từ năm", a)), Some(years(Field::TargetTo(id.clone()), "Đến năm", z)))
        }
        _ => (None, None),
    };
    let grade = (kind == TargetKind::GradeShare).then(|| {
        let choices = p.grades.iter().map(|g| Choice::new(g.id.clone(), g.label.clone(), g.id == shape.min_grade)).collect();
        sel(Field::TargetGrade(id.clone()), "Xếp loại từ", choices)
    });
    let none_failing = match (&t.rule, p.grades.last()) {
        (Rule::GradeShare { none_failing, .. }, Some(last)) if p.grades.len() > 1 => Some(CheckField {
            field: Field::TargetNoneFailing(id.clone()),
            value: String::new(),
            label: format!("Không có đơn vị {}", words::lower_first(last.label.trim())),
            checked: *none_failing,
            locked: locked.clone(),
        }),
        _ => None,
    };
    let min_count = (kind == TargetKind::UnitsShare && item.is_some_and(|i| i.value == ValueKind::Count)).then(|| {
        b.text(Field::TargetMinCount(id.clone()), "Mỗi đơn vị có ít nhất (số tên)", &shape.min_count.to_string(), false, locked.clone())
    });
    TargetCard {
        id: id.clone(),
        label: b.text(Field::TargetLabel(id.clone()), "Tên mốc đo", &t.label, false, locked.clone()),
        item: sel(Field::TargetItem(id.clone()), "Tính từ mục", item_choices(p, t)),
        kind: sel(Field::TargetKind(id.clone()), "Loại mốc đo", kind_choices),
        period,
        cmp: sel(Field::TargetCmp(id.clone()), "Mức", cmp_choices),
        number: b.text(Field::TargetNumber(id.clone()), number_label, &number_text(&t.rule), false, locked.clone()),
        min_count,
        from,
        to,
        grade,
        none_failing,
        sentence: words::sentence(p, item, t),
        controls: b.controls(Row::Target(id.clone()), t.retired),
    }
}

/// The items a target may read: those that feed some kind of target, its
/// owner's first; the one it reads even when it does not.
fn item_choices(p: &Programme, t: &Target) -> Vec<Choice> {
    let current = t.rule.item();
    let owner = find::target_owner(p, &t.id);
    let usable = |i: &&Item| i.id == current || (!i.retired && !kinds_for(i, p).is_empty());
    let name = |i: &Item| {
        let label = if i.label.trim().is_empty() { "(mục chưa đặt tên)".to_string() } else { i.label.trim().to_string() };
        match find::item_owner(i) {
            o if o == owner => label,
            Some(Owner::Indicator(n)) => {
                let k = p.indicators.iter().position(|x| x.number == n).map_or(n as usize, |k| k + 1);
                format!("{label} (chỉ tiêu {k})")
            }
            Some(Owner::Part(n)) => format!("{label} ({})", p.part(n).map(|x| p.part_name(x).to_lowercase()).unwrap_or_default()),
            None => label,
        }
    };
    let own = p.items.iter().filter(usable).filter(|i| find::item_owner(i) == owner);
    let others = p.items.iter().filter(usable).filter(|i| find::item_owner(i) != owner);
    let mut out: Vec<Choice> = own.chain(others).map(|i| Choice::new(i.id.clone(), name(i), i.id == current)).collect();
    if p.item(current).is_none() {
        out.insert(0, Choice::new("", "(chưa chọn mục)", true));
    }
    out
}

/// A suggestion in words, against programme `p` (for the grades' names).
pub(crate) fn suggestion_text(p: &Programme, s: &Suggestion) -> SuggestionText {
    let i = &s.item;
    SuggestionText {
        sentence: words::sentence(p, Some(i), &s.target),
        item: format!(
            "{} · {} · {} · {}",
            i.label.trim(),
            words::who_summary(&i.who),
            words::cadence_label(i.cadence),
            words::value_label(i.value, i.cadence)
        ),
        phrase: format!("Đọc từ: “{}”", s.phrase.trim()),
        note: s.note.clone(),
    }
}
