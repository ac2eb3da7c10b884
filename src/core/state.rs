//! The whole state of the app on one phone, and every change people make to
//! it, as pure functions of (state, action, now, device).

use super::book::{Book, Entry, RecordKey, Record, Unit, UnitData, UnitKind, Value, Versions};
use super::error::{ActionError, EntryError};
use super::clock::{Hlc, Stamp};
use super::text;
use super::programme::{Cadence, Programme, ValueKind};
use serde::{Deserialize, Serialize};

/// What this phone keeps. In JSON: `{"keeps": "commune"}` or
/// `{"keeps": "area", "unit": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "RoleRepr", try_from = "RoleRepr")]
pub enum Role {
    /// The whole commune (the commune committee's phone).
    Commune,
    /// One residential area.
    Area { unit: String },
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Keeps {
    Commune,
    Area,
}

/// [`Role`] as it is in JSON (not a serde tagged enum, which costs wasm size).
#[derive(Serialize, Deserialize)]
pub(crate) struct RoleRepr {
    pub(crate) keeps: Keeps,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) unit: Option<String>,
}

impl From<Role> for RoleRepr {
    fn from(r: Role) -> Self {
        match r {
            Role::Commune => RoleRepr { keeps: Keeps::Commune, unit: None },
            Role::Area { unit } => RoleRepr { keeps: Keeps::Area, unit: Some(unit) },
        }
    }
}

impl TryFrom<RoleRepr> for Role {
    type Error = String;
    fn try_from(r: RoleRepr) -> Result<Self, String> {
        Ok(match r.keeps {
            Keeps::Commune => Role::Commune,
            Keeps::Area => Role::Area { unit: super::required(r.unit, "unit")? },
        })
    }
}

/// Facts about this phone only; never merged or shared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Local {
    pub device: String,
    pub clock: Hlc,
    pub role: Role,
    /// False until the first-run screen is done.
    #[serde(default)]
    pub set_up: bool,
    #[serde(default)]
    pub last_export_ms: Option<i64>,
    /// Changes made on this phone since the last export.
    #[serde(default)]
    pub changes_since_export: u32,
    /// When the first of those changes was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_unsent_ms: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub book: Book,
    pub local: Local,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Sets the value of a yearly or term item (or a task's yearly status) for a unit.
    SetEntry { key: RecordKey, entry: Entry },
    /// Changes one part of a yearly or term item's entry (or a task's), keeping the rest.
    Edit { key: RecordKey, change: Change },
    /// Logs an event (a fund receipt, a supervision...). `year` is the year it belongs to.
    AddEvent { unit: String, item: String, year: i32, entry: Entry },
    UpdateEvent { id: String, entry: Entry },
    RemoveEvent { id: String },
    AddUnit { kind: UnitKind, name: String, households: Option<u32>, since: Option<i32> },
    /// Renames a unit, or changes its households or first year.
    EditUnit { id: String, name: String, households: Option<u32>, since: Option<i32> },
    /// Stops counting a unit after `last_year`; its data stays.
    Archive { id: String, last_year: i32 },
    Unarchive { id: String },
    /// Moves a unit one place up or down among units of its kind.
    Move { id: String, up: bool },
    SetRole(Role),
    FinishSetup,
    /// A file was sent; `all`: it holds everything this phone writes
    /// ([`State::export_covers_all`]).
    MarkExported { all: bool },
}

/// One change to an entry, as a checklist makes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Done becomes not done, and the other way round.
    Toggle,
    Value(Value),
    Date(Option<chrono::NaiveDate>),
    /// The note, trimmed.
    Note(String),
    /// A named entry (a công trình, a mô hình); the count follows the names.
    AddName(String),
    RemoveName(usize),
}

impl Change {
    fn apply(self, e: &mut Entry) -> Result<(), ActionError> {
        match self {
            Change::Toggle => e.value = Value::Done { done: !matches!(e.value, Value::Done { done: true }) },
            Change::Value(v) => e.value = v,
            Change::Date(d) => e.date = d,
            Change::Note(n) => e.note = n.trim().to_string(),
            Change::AddName(n) if n.trim().is_empty() => return Err(ActionError::NameEmpty),
            Change::AddName(n) => e.add_name(&n),
            Change::RemoveName(i) => e.remove_name(i),
        }
        Ok(())
    }
}

/// Default ids, so that two phones setting up the same programme agree on them.
pub const COMMUNE_ID: &str = "xa";
/// The device named in the stamps of the defaults every phone creates alike.
pub const GENESIS_DEVICE: &str = "mac-dinh";

impl State {
    /// Who made a change, as people read it: "mặc định ban đầu", "máy này"
    /// or "máy <id>".
    pub fn changed_by(&self, stamp: &Stamp) -> String {
        if stamp.device == GENESIS_DEVICE {
            "mặc định ban đầu".to_string()
        } else if stamp.device == self.local.device {
            "máy này".to_string()
        } else {
            format!("máy {}", stamp.device)
        }
    }

    /// A new phone's state: the commune itself and the programme's default
    /// member organisations. These defaults carry the same "genesis" stamps on
    /// every phone, so two phones that set up the same programme hold
    /// identical copies of them and merge without duplicates.
    pub fn fresh(programme: Programme, device: String, _now_ms: i64) -> State {
        let owner = programme.owner.clone();
        let orgs = programme.organisations.clone();
        let mut book = Book::new(programme);
        let genesis = |n: u32| Stamp { hlc: Hlc { ms: 0, count: n }, device: GENESIS_DEVICE.to_string(), wall_ms: 0 };
        let commune = UnitData {
            kind: UnitKind::Commune,
            name: format!("Ủy ban MTTQ {owner}"),
            households: None,
            order: 0,
            since: None,
            until: None,
        };
        book.units.insert(COMMUNE_ID.into(), Unit { id: COMMUNE_ID.into(), versions: Versions::new(genesis(0), commune) });
        for (i, name) in orgs.into_iter().enumerate() {
            let d = UnitData { kind: UnitKind::Organisation, name, households: None, order: i as i64, since: None, until: None };
            let id = format!("tc-{}", i + 1);
            book.units.insert(id.clone(), Unit { id, versions: Versions::new(genesis(i as u32 + 1), d) });
        }
        State {
            book,
            local: Local {
                device,
                clock: Hlc::default(),
                role: Role::Commune,
                set_up: false,
                last_export_ms: None,
                changes_since_export: 0,
                first_unsent_ms: None,
            },
        }
    }

    fn stamp(&mut self, now_ms: i64) -> Stamp {
        self.local.clock = self.local.clock.tick(now_ms);
        Stamp { hlc: self.local.clock, device: self.local.device.clone(), wall_ms: now_ms }
    }

    fn put_unit(&mut self, id: String, data: UnitData, now_ms: i64) {
        let stamp = self.stamp(now_ms);
        match self.book.units.get_mut(&id) {
            Some(u) => u.versions.set(stamp, data),
            None => {
                self.book.units.insert(id.clone(), Unit { id, versions: Versions::new(stamp, data) });
            }
        }
        self.count_change(now_ms);
    }

    /// One more change not yet sent; the first one starts the reminder's clock.
    pub(crate) fn count_change(&mut self, now_ms: i64) {
        if self.local.changes_since_export == 0 {
            self.local.first_unsent_ms = Some(now_ms);
        }
        self.local.changes_since_export += 1;
    }

    fn put_record(&mut self, id: String, key: RecordKey, entry: Entry, now_ms: i64) {
        let stamp = self.stamp(now_ms);
        match self.book.records.get_mut(&id) {
            Some(r) => r.versions.set(stamp, entry),
            None => {
                self.book.records.insert(id.clone(), Record { id, key, versions: Versions::new(stamp, entry) });
            }
        }
        self.count_change(now_ms);
    }

    /// Moves the local clock past everything in the book (after a merge).
    pub fn observe_book(&mut self, now_ms: i64) {
        if let Some(s) = self.book.max_stamp() {
            self.local.clock = self.local.clock.observe(s.hlc, now_ms);
        }
    }

    /// Goes back to an earlier state's data (undoing an import, restoring a
    /// backup). This phone's settings stay, unless the earlier state follows
    /// another programme (a backup from before a switch): then its settings
    /// (role, unsent changes) come back too. The clock never goes back, so that
    /// later edits still sort after everything the phone has seen.
    pub fn restore(&self, earlier: &State) -> State {
        let same_programme = earlier.book.programme.id == self.book.programme.id;
        let local = if same_programme { self.local.clone() } else { earlier.local.clone() };
        let mut s = State { book: earlier.book.clone(), local };
        s.local.device = self.local.device.clone();
        s.local.clock = self.local.clock.max(earlier.local.clock);
        s.choose_again_if_area_gone();
        s
    }

    /// A phone kept for an area that is not in the book (after going back to
    /// earlier data, or switching programme) chooses again on the setup screen.
    pub(crate) fn choose_again_if_area_gone(&mut self) {
        if let Role::Area { unit } = &self.local.role {
            if self.book.unit(unit).is_none() {
                self.local.role = Role::Commune;
                self.local.set_up = false;
            }
        }
    }

    /// Takes in what another tab of this app saved, so that neither tab
    /// overwrites the other. Same programme: a newer revision is adopted and
    /// the books merge. Another programme: the other tab switched to it (after
    /// a confirmation and a backup), and this tab follows. Returns whether
    /// this state changed; merging the result again changes nothing, so two
    /// tabs settle after one exchange.
    pub fn merge_other_tab(&mut self, other: &State, now_ms: i64) -> bool {
        let before = (self.book.clone(), self.local.clone());
        if other.book.programme.id != self.book.programme.id {
            // The switch came with its own settings (role, set-up, unsent counts).
            self.book = other.book.clone();
            let clock = self.local.clock.max(other.local.clock);
            self.local = Local { clock, ..other.local.clone() };
        } else {
            self.book.merge_following(&other.book);
            self.local.set_up |= other.local.set_up;
        }
        self.observe_book(now_ms);
        // The clock moves on every merge; only a change of data or settings
        // counts (else two tabs would save back and forth for ever).
        let settings_before = Local { clock: self.local.clock, ..before.1 };
        (&self.book, &self.local) != (&before.0, &settings_before)
    }

    /// Whether a file of `unit` alone (None: the whole book) holds
    /// everything this phone writes, so that sending it settles the changes.
    pub fn export_covers_all(&self, unit: Option<&str>) -> bool {
        match unit {
            None => true,
            Some(u) => self.own_unit() == Some(u),
        }
    }

    /// The one unit a phone set up for a residential area writes for; None
    /// for the commune's phone (and during setup), which writes for all.
    pub fn own_unit(&self) -> Option<&str> {
        match &self.local.role {
            Role::Area { unit } if self.local.set_up => Some(unit),
            _ => None,
        }
    }

    /// Whether this phone may change `unit`'s data (see [`State::own_unit`]).
    pub fn may_write(&self, unit: &str) -> bool {
        self.own_unit().is_none_or(|own| own == unit)
    }

    /// An area's phone writes only its own area's data and details: the
    /// others' come from their own phones, and what it exports is its area.
    fn check_may_write(&self, action: &Action) -> Result<(), ActionError> {
        let Some(own) = self.own_unit() else { return Ok(()) };
        let unit = match action {
            Action::SetEntry { key, .. } | Action::Edit { key, .. } => Some(key.unit.as_str()),
            Action::AddEvent { unit, .. } => Some(unit.as_str()),
            Action::UpdateEvent { id, .. } | Action::RemoveEvent { id } => self.book.records.get(id).map(|r| r.key.unit.as_str()),
            Action::EditUnit { id, .. } => Some(id.as_str()),
            Action::AddUnit { .. } | Action::Archive { .. } | Action::Unarchive { .. } | Action::Move { .. } => {
                return Err(ActionError::CommuneOnly);
            }
            Action::SetRole(_) | Action::FinishSetup | Action::MarkExported { .. } => None,
        };
        match unit {
            Some(u) if u != own => {
                let name = self.book.unit(own).map(|d| d.name.clone()).unwrap_or_else(|| own.to_string());
                Err(ActionError::OtherUnit { own: name })
            }
            _ => Ok(()),
        }
    }

    /// Applies actions in order, all or none, and says whether anything
    /// changed. On error nothing changed.
    ///
    /// One action (every tap) is applied in place: copying and comparing the
    /// whole book instead took longer than everything else a tap does
    /// (0.7 ms natively for 50 areas × 6 years, 18 ms for 500; `scripts/bench
    /// core`). Whether it
    /// changed anything is read from this phone's own facts: every write to
    /// the book ticks the local clock and counts one more unsent change
    /// (`put_unit`, `put_record`), and every other action changes only
    /// `local`. Several actions (rare) are applied to a copy, which replaces
    /// this state only if all of them succeed.
    pub fn act(&mut self, actions: Vec<Action>, now_ms: i64) -> Result<bool, ActionError> {
        let before = self.local.clone();
        let mut copy = (actions.len() > 1).then(|| self.clone());
        let target = copy.as_mut().unwrap_or(self);
        for a in actions {
            target.apply(a, now_ms)?;
        }
        if let Some(next) = copy {
            *self = next;
        }
        Ok(self.local != before)
    }

    /// Applies one change. On error nothing changed and the error says why, in Vietnamese.
    pub fn apply(&mut self, action: Action, now_ms: i64) -> Result<(), ActionError> {
        self.check_may_write(&action)?;
        match action {
            Action::Edit { key, change } => {
                let mut entry = self.book.record(&key).map(|r| r.entry().clone()).unwrap_or_else(Entry::empty);
                change.apply(&mut entry)?;
                return self.apply(Action::SetEntry { key, entry }, now_ms);
            }
            Action::SetEntry { key, entry } => {
                check_entry(&self.book, &key, &entry)?;
                self.check_followed(&key.item)?;
                if self.book.programme.item(&key.item).is_some_and(|i| i.cadence == Cadence::Event) {
                    // Events are logged one by one (AddEvent), never written as a slot.
                    return Err(EntryError::IdShape { id: key.slot_id(), event: true }.into());
                }
                if self.book.record(&key).map(|r| r.entry()) == Some(&entry) {
                    return Ok(());
                }
                if self.book.record(&key).is_none() && entry.is_empty() {
                    return Ok(());
                }
                self.put_record(key.slot_id(), key, entry, now_ms);
            }
            Action::AddEvent { unit, item, year, entry } => {
                let key = RecordKey { unit, item, year: Some(year) };
                check_entry(&self.book, &key, &entry)?;
                self.check_followed(&key.item)?;
                check_event(&self.book, &key, &entry)?;
                let clock = self.local.clock.tick(now_ms);
                let id = format!("{}/{}-{}-{}", key.slot_id(), self.local.device, clock.ms, clock.count);
                self.put_record(id, key, entry, now_ms);
            }
            Action::UpdateEvent { id, entry } => {
                let key = self.event_key(&id)?;
                check_entry(&self.book, &key, &entry)?;
                self.check_followed(&key.item)?;
                check_event(&self.book, &key, &entry)?;
                self.put_record(id, key, entry, now_ms);
            }
            Action::RemoveEvent { id } => {
                let key = self.event_key(&id)?;
                self.put_record(id, key, Entry::empty(), now_ms);
            }
            Action::AddUnit { kind, name, households, since } => {
                let name = self.check_unit_name(None, kind, &name)?;
                self.check_since(since)?;
                // Saturating: orders come from files too, and i64::MAX + 1
                // would wrap (or panic in debug) and put the new unit first.
                let order = self.book.units_of(kind).iter().map(|(_, u)| u.order.saturating_add(1)).max().unwrap_or(0);
                let clock = self.local.clock.tick(now_ms);
                let prefix = match kind {
                    UnitKind::Area => "kdc",
                    UnitKind::Organisation => "tc",
                    UnitKind::Commune => return Err(ActionError::OneCommune),
                };
                let id = format!("{prefix}-{}-{}-{}", self.local.device, clock.ms, clock.count);
                self.put_unit(id, UnitData { kind, name, households, order, since, until: None }, now_ms);
            }
            Action::EditUnit { id, name, households, since } => {
                let mut d = self.book.unit(&id).ok_or(ActionError::NoUnit)?.clone();
                d.name = self.check_unit_name(Some(&id), d.kind, &name)?;
                self.check_since(since)?;
                d.households = households;
                d.since = since;
                if self.book.unit(&id) != Some(&d) {
                    self.put_unit(id, d, now_ms);
                }
            }
            Action::Archive { id, last_year } => {
                let mut d = self.book.unit(&id).ok_or(ActionError::NoUnit)?.clone();
                if d.kind == UnitKind::Commune {
                    return Err(ActionError::ArchiveCommune);
                }
                let term = self.book.programme.term;
                if !term.contains_year(last_year) && last_year != term.first_year - 1 {
                    return Err(ActionError::LastYearOutsideTerm);
                }
                d.until = Some(last_year);
                self.put_unit(id, d, now_ms);
            }
            Action::Unarchive { id } => {
                let mut d = self.book.unit(&id).ok_or(ActionError::NoUnit)?.clone();
                d.until = None;
                self.put_unit(id, d, now_ms);
            }
            Action::Move { id, up } => {
                let kind = self.book.unit(&id).ok_or(ActionError::NoUnit)?.kind;
                let list: Vec<(String, UnitData)> =
                    self.book.units_of(kind).into_iter().map(|(i, d)| (i.to_string(), d.clone())).collect();
                let pos = list.iter().position(|(i, _)| *i == id).expect("unit is in its own kind's list");
                let other = if up { pos.checked_sub(1) } else { Some(pos + 1).filter(|p| *p < list.len()) };
                let Some(other) = other else { return Ok(()) };
                // Renumber the whole list so that equal orders (from merges) cannot stick.
                let mut ids: Vec<String> = list.iter().map(|(i, _)| i.clone()).collect();
                ids.swap(pos, other);
                for (n, uid) in ids.into_iter().enumerate() {
                    let mut d = self.book.unit(&uid).expect("listed unit exists").clone();
                    if d.order != n as i64 {
                        d.order = n as i64;
                        self.put_unit(uid, d, now_ms);
                    }
                }
            }
            Action::SetRole(role) => {
                if let Role::Area { unit } = &role {
                    match self.book.unit(unit) {
                        Some(d) if d.kind == UnitKind::Area => {}
                        _ => return Err(ActionError::RoleNotArea),
                    }
                }
                self.local.role = role;
            }
            Action::FinishSetup => self.local.set_up = true,
            Action::MarkExported { all } => {
                // Only a file with everything this phone writes settles its changes:
                // the whole book, or an area phone's own area.
                if all {
                    self.local.last_export_ms = Some(now_ms);
                    self.local.changes_since_export = 0;
                    self.local.first_unsent_ms = None;
                }
            }
        }
        Ok(())
    }

    fn check_unit_name(&self, id: Option<&str>, kind: UnitKind, name: &str) -> Result<String, ActionError> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(ActionError::UnitNameEmpty);
        }
        if name.chars().count() > 80 {
            return Err(ActionError::UnitNameTooLong);
        }
        let taken = self
            .book
            .units_of(kind)
            .iter()
            .any(|(i, d)| Some(*i) != id && text::lowercase(&d.name) == text::lowercase(&name));
        if taken {
            return Err(ActionError::UnitNameTaken(name));
        }
        Ok(name)
    }

    fn check_since(&self, since: Option<i32>) -> Result<(), ActionError> {
        match since {
            Some(y) if !self.book.programme.term.contains_year(y) => Err(ActionError::SinceOutsideTerm),
            _ => Ok(()),
        }
    }

    /// New data goes only to items and tasks still followed; what a retired
    /// one holds stays in files and history.
    fn check_followed(&self, item: &str) -> Result<(), ActionError> {
        let p = &self.book.programme;
        match (p.item(item), p.task(item)) {
            (Some(i), _) if i.retired => Err(ActionError::Retired(i.label.clone())),
            (_, Some(t)) if t.retired => Err(ActionError::Retired(super::text::short(&t.text, 60))),
            _ => Ok(()),
        }
    }

    /// The key of a logged event; slots are not corrected or removed this way.
    fn event_key(&self, id: &str) -> Result<RecordKey, ActionError> {
        let r = self.book.records.get(id).ok_or(ActionError::NoRecord)?;
        if r.id == r.key.slot_id() {
            return Err(ActionError::NotAnEvent);
        }
        Ok(r.key.clone())
    }

    /// The unit this phone opens on: its own area, else the commune (else the first area).
    pub fn home_unit(&self) -> Option<String> {
        match &self.local.role {
            Role::Area { unit } if self.book.unit(unit).is_some() => Some(unit.clone()),
            _ => self
                .book
                .commune_id()
                .map(str::to_string)
                .or_else(|| self.book.units_of(UnitKind::Area).first().map(|(id, _)| id.to_string())),
        }
    }

    /// The number of days since the last export and changes since, when it is time to remind.
    pub fn export_reminder(&self, now_ms: i64) -> Option<(Option<i64>, u32)> {
        const DAY: i64 = 86_400_000;
        let changes = self.local.changes_since_export;
        if changes == 0 || !self.local.set_up {
            return None;
        }
        let days_since = |t: i64| (now_ms - t).max(0) / DAY;
        let days = self.local.last_export_ms.map(days_since);
        // A week with changes unsent, counted from the last export, or from
        // the first change on a phone that never sent anything.
        let waiting = days.or(self.local.first_unsent_ms.map(days_since)).unwrap_or(0);
        let due = waiting >= 7 || changes >= 30 || (days.is_none() && changes >= 10);
        due.then_some((days, changes))
    }
}

/// An event holds a value, and a count of at least 1.
fn check_event(book: &Book, key: &RecordKey, entry: &Entry) -> Result<(), ActionError> {
    if book.programme.item(&key.item).is_none_or(|i| i.cadence != Cadence::Event) {
        return Err(EntryError::IdShape { id: key.slot_id(), event: false }.into());
    }
    match entry.value {
        Value::Empty => Err(ActionError::EmptyEvent),
        Value::Count { count: 0 } => Err(ActionError::EventCountZero),
        _ => Ok(()),
    }
}

/// Whether a record's id has the shape its item's cadence implies: exactly
/// `unit/item/year` or `unit/item/term` for yearly and once-in-term items and
/// for tasks, that followed by `/` and an event suffix for logged events.
/// Anything else would be a record no checklist, gauge or total shows.
/// Report texts (reserved ids, see `report_texts`) are slots.
pub fn check_id_shape(book: &Book, id: &str, key: &RecordKey) -> Result<(), EntryError> {
    let event = book.programme.item(&key.item).is_some_and(|i| i.cadence == Cadence::Event);
    let slot = key.slot_id();
    let ok = if event {
        id.len() > slot.len() + 1 && id.starts_with(&slot) && id.as_bytes()[slot.len()] == b'/' && !id[slot.len() + 1..].contains('/')
    } else {
        id == slot
    };
    if ok {
        Ok(())
    } else {
        Err(EntryError::IdShape { id: id.to_string(), event })
    }
}

/// The longest note a record keeps.
pub const MAX_NOTE: usize = 2000;

/// Checks a value against the programme: the unit and item exist, the
/// value has the item's kind, numbers make sense, dates are inside the term.
/// Used by every change and by file import.
pub fn check_entry(book: &Book, key: &RecordKey, entry: &Entry) -> Result<(), EntryError> {
    let p = &book.programme;
    let unit = book.unit(&key.unit).ok_or_else(|| EntryError::NoUnit(key.unit.clone()))?;
    if let Some(y) = key.year {
        if !p.term.contains_year(y) {
            return Err(EntryError::YearOutsideTerm { year: y, first: p.term.first_year, last: p.term.last_year });
        }
    }
    if let Some(d) = entry.date {
        if !p.term.contains_date(d) {
            return Err(EntryError::DateOutsideTerm(d));
        }
        if let Some(y) = key.year {
            if chrono::Datelike::year(&d) != y {
                return Err(EntryError::DateNotInYear { date: d, year: y });
            }
        }
    }
    // Report texts (reserved ids, see report_texts) have rules of their own.
    if crate::core::report_texts::is_reserved(&key.item) {
        return crate::core::report_texts::check(key, entry, unit.kind);
    }
    if entry.note.chars().count() > MAX_NOTE {
        return Err(EntryError::NoteTooLong(MAX_NOTE));
    }
    if entry.names.len() > 200 || entry.names.iter().any(|n| n.trim().is_empty() || n.chars().count() > 200) {
        return Err(EntryError::BadNames);
    }
    if p.task(&key.item).is_some() {
        if unit.kind != UnitKind::Commune || key.year.is_none() {
            return Err(EntryError::TaskNotYearlyCommune);
        }
        return match entry.value {
            Value::Status { .. } | Value::Empty => Ok(()),
            _ => Err(EntryError::TaskStatusOnly),
        };
    }
    let item = p.item(&key.item).ok_or_else(|| EntryError::NoItem(key.item.clone()))?;
    if !item.filled_by(unit.kind.who()) {
        return Err(EntryError::NotFilledBy { item: item.label.clone(), unit: unit.name.clone() });
    }
    match (item.cadence, key.year) {
        (Cadence::Term, Some(_)) => return Err(EntryError::TermOnce(item.label.clone())),
        (Cadence::Yearly | Cadence::Event, None) => return Err(EntryError::NeedsYear(item.label.clone())),
        _ => {}
    }
    let ok = match (&entry.value, item.value) {
        (Value::Empty, _) => true,
        (Value::Done { .. }, ValueKind::Done) => true,
        (Value::Count { count }, ValueKind::Count) => {
            if item.cadence != Cadence::Event && *count != entry.names.len() as u64 {
                return Err(EntryError::CountNotNames);
            }
            if *count > 1_000_000 {
                return Err(EntryError::CountTooLarge);
            }
            true
        }
        (Value::Amount { dong }, ValueKind::Amount) => {
            if *dong < 0 {
                return Err(EntryError::NegativeAmount);
            }
            if *dong > 1_000_000_000_000 {
                return Err(EntryError::AmountTooLarge);
            }
            true
        }
        (Value::Ratio { n, of }, ValueKind::Ratio) => {
            if n > of {
                return Err(EntryError::RatioOver { n: *n, of: *of });
            }
            if *of > 1_000_000 {
                return Err(EntryError::RatioTooLarge);
            }
            true
        }
        (Value::Grade { grade }, ValueKind::Grade) => {
            if p.grade_rank(grade).is_none() {
                return Err(EntryError::NoGrade(grade.clone()));
            }
            true
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(EntryError::WrongKind(item.label.clone()))
    }
}
