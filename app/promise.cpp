// The citizen promise (see promise.hpp).
#include "app/promise.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

#include "app/coding.hpp"
#include "app/priority_marks.hpp"
#include "app/promise_checks.hpp"
#include "app/promise_rows.hpp"
#include "collector/storage/promise_store.hpp"
#include "reports/documents.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

using namespace promise_rows;

void check_kommun(const std::string& kommun) {
  bool ok = !kommun.empty() && kommun.size() <= 64 && kommun.front() != '-';
  for (char c : kommun) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) ok = false;
  }
  if (!ok) throw Invalid("a kommun id is lower-case letters a-z, digits and '-'", "kommun");
}

// Whose parties must be the kommun's own, each once.
void check_parties(storage::Database& db, const std::string& kommun,
                   const std::vector<int64_t>& parties, const std::string& field) {
  std::set<int64_t> seen;
  for (int64_t p : parties) {
    auto row = storage::promise_party(db, p);
    if (!row || row->kommun != kommun) {
      throw Invalid("party " + std::to_string(p) + " is not on the kommun's list", field);
    }
    if (!seen.insert(p).second) throw Invalid("a party is named twice", field);
  }
}

void check_header(const PromiseHeader& h) {
  check_kommun(h.kommun);
  if (h.first_year < 2000 || h.first_year > 2100) {
    throw Invalid("the first year is from 2000 to 2100", "first_year");
  }
  if (h.last_year < h.first_year || h.last_year > h.first_year + 4) {
    throw Invalid("the last year is the first or up to four after it", "last_year");
  }
}

storage::PromiseRow require_draft(storage::Database& db, int64_t id) {
  auto row = require_promise_row(db, id);
  if (row.status != "draft") {
    throw Conflict(
        "promise " + std::to_string(id) + " is " + row.status + "; only a draft can be edited",
        "status");
  }
  return row;
}

// Marks the promise changed by the actor now and writes the audit entry.
void touch(storage::Database& db, storage::PromiseRow row, int64_t now, const Actor& actor,
           const std::string& detail) {
  row.updated_at = now;
  row.updated_by = actor.name;
  storage::update_promise(db, row);
  std::string d = detail;
  if (d.size() > max_audit_detail) d.resize(max_audit_detail);
  record_audit(db, now, actor, AuditAction::promise_changed, promise_target(row.id), d);
}

std::vector<storage::FocusSourceRow> source_rows(const std::vector<FocusSource>& sources) {
  std::vector<storage::FocusSourceRow> rows;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const auto& s : sources) {
    if (s.survey.empty()) throw Invalid("a source names its survey", "sources.survey");
    if (s.theme.empty()) throw Invalid("a source names its theme", "sources.theme");
    if (s.area && s.area->empty()) throw Invalid("an area id is not empty", "sources.area");
    nlohmann::json figures;
    try {
      figures = nlohmann::json::parse(s.figures);
    } catch (const nlohmann::json::exception&) {
      throw Invalid("the figures are not JSON", "sources.figures");
    }
    if (!figures.is_object()) throw Invalid("the figures are a JSON object", "sources.figures");
    if (!seen.insert({s.survey, s.area.value_or(""), s.theme}).second) {
      throw Invalid("a source is named twice", "sources");
    }
    rows.push_back({s.survey, s.area.value_or(""), s.theme, figures.dump()});
  }
  return rows;
}

std::string check_date(const std::string& date, const std::string& field) {
  bool shape = date.size() == 10 && date[4] == '-' && date[7] == '-';
  if (!shape || !clock::parse_date_or_timestamp(date)) {
    throw Invalid("a date is YYYY-MM-DD", field);
  }
  return date;
}

// The activity's row from checked input (ids set by the caller).
storage::ActivityRow activity_row(storage::Database& db, const std::string& kommun,
                                  const ActivityInput& in) {
  storage::ActivityRow r;
  r.texts = texts_json(checked_texts(in.texts, "text", max_text, true));
  r.prioritised_areas =
      texts_json(checked_texts(in.prioritised_areas, "prioritised_area", max_title, false));
  r.frequency = texts_json(checked_texts(in.frequency, "frequency", max_title, false));
  if (in.parties.empty()) throw Invalid("an activity has a responsible party", "parties");
  check_parties(db, kommun, in.parties, "parties");
  if (in.target) {
    if (in.target->count < 1 || in.target->count > 10000) {
      throw Invalid("a target's count is from 1 to 10000", "target.count");
    }
    r.target_count = in.target->count;
    r.target_unit = std::string(period_unit_name(in.target->unit));
  }
  const auto& ind = in.indicator;
  r.indicator_kind = std::string(indicator_kind_name(ind.kind));
  r.indicator_texts = texts_json(
      checked_texts(ind.texts, "indicator.text", max_text, ind.kind == Indicator::Kind::text));
  if (ind.kind == Indicator::Kind::survey_indicator) {
    if (ind.indicator_id.empty() || ind.indicator_id.size() > 100) {
      throw Invalid("a survey indicator names its indicator", "indicator.id");
    }
    r.indicator_id = ind.indicator_id;
    r.indicator_area = ind.area;
  } else if (!ind.indicator_id.empty() || !ind.area.empty()) {
    throw Invalid("only a survey indicator names an indicator and area", "indicator.id");
  }
  return r;
}

ActivityInput activity_input_of(storage::Database& db, const storage::ActivityRow& r) {
  ActivityInput in;
  in.texts = texts_of(r.texts);
  in.prioritised_areas = texts_of(r.prioritised_areas);
  in.frequency = texts_of(r.frequency);
  in.parties = storage::activity_parties(db, r.id);
  if (r.target_count && r.target_unit) {
    in.target = CountableTarget{*r.target_count, *parse_period_unit(*r.target_unit)};
  }
  in.indicator.kind = r.indicator_kind == "survey_indicator" ? Indicator::Kind::survey_indicator
                      : r.indicator_kind == "count"          ? Indicator::Kind::count
                                                             : Indicator::Kind::text;
  in.indicator.indicator_id = r.indicator_id;
  in.indicator.area = r.indicator_area;
  in.indicator.texts = texts_of(r.indicator_texts);
  return in;
}

Promise promise_of(const storage::PromiseRow& r) {
  Promise p;
  p.id = r.id;
  p.header.kommun = r.kommun;
  p.header.first_year = r.first_year;
  p.header.last_year = r.last_year;
  p.header.titles = texts_of(r.titles);
  p.status = *parse_promise_status(r.status);
  p.copied_from = r.copied_from;
  p.created_at = r.created_at;
  p.created_by = r.created_by;
  p.updated_at = r.updated_at;
  p.updated_by = r.updated_by;
  return p;
}

Promise load_whole(storage::Database& db, int64_t id) {
  Promise p = promise_of(require_promise_row(db, id));
  p.header.parties = storage::promise_signatories(db, id);
  for (const auto& fa : storage::focus_areas(db, id)) {
    FocusArea f;
    f.id = fa.id;
    f.titles = texts_of(fa.titles);
    for (const auto& s : storage::focus_sources(db, fa.id)) {
      f.sources.push_back(
          {s.survey, s.area.empty() ? std::nullopt : std::optional(s.area), s.theme, s.figures});
    }
    for (const auto& a : storage::activities(db, fa.id)) {
      Activity act;
      act.id = a.id;
      act.input = activity_input_of(db, a);
      for (const auto& u : storage::follow_ups(db, a.id)) {
        act.follow_ups.push_back({u.id, u.date, u.done_count, *parse_follow_up_status(u.status),
                                  texts_of(u.public_texts), u.internal_note, u.published,
                                  u.recorded_at, u.recorded_by});
      }
      f.activities.push_back(std::move(act));
    }
    for (const auto& q : storage::focus_quotes(db, fa.id)) {
      f.quotes.push_back({q.id, q.record_id, q.text, q.lang, q.published_at, q.published_by});
    }
    if (auto e = storage::focus_evaluation(db, fa.id)) f.evaluation = evaluation_of(*e);
    p.focus_areas.push_back(std::move(f));
  }
  return p;
}

// The focus area and its draft promise, or NotFound / Conflict.
std::pair<storage::FocusAreaRow, storage::PromiseRow> require_draft_focus_area(
    storage::Database& db, int64_t id) {
  auto fa = storage::focus_area(db, id);
  if (!fa) throw NotFound("no focus area " + std::to_string(id), "focus_area");
  return {*fa, require_draft(db, fa->promise)};
}

std::pair<storage::ActivityRow, storage::PromiseRow> require_activity(storage::Database& db,
                                                                      int64_t id) {
  auto a = storage::activity(db, id);
  if (!a) throw NotFound("no activity " + std::to_string(id), "activity");
  auto fa = storage::focus_area(db, a->focus_area);
  return {*a, require_promise_row(db, fa->promise)};
}

template <typename E, size_t N>
std::optional<E> parse_name(std::string_view name, const std::array<std::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 4> status_names = {"draft", "adopted", "published",
                                                          "evaluated"};
constexpr std::array<std::string_view, 6> unit_names = {"year",    "half_year", "tertial",
                                                        "quarter", "month",     "week"};
constexpr std::array<std::string_view, 4> follow_up_names = {"on_track", "behind", "done",
                                                             "dropped"};

}  // namespace

std::string_view promise_status_name(PromiseStatus status) {
  return status_names[static_cast<size_t>(status)];
}
std::optional<PromiseStatus> parse_promise_status(std::string_view name) {
  return parse_name<PromiseStatus>(name, status_names);
}
std::string_view period_unit_name(PeriodUnit unit) {
  return unit_names[static_cast<size_t>(unit)];
}
std::optional<PeriodUnit> parse_period_unit(std::string_view name) {
  return parse_name<PeriodUnit>(name, unit_names);
}
int units_per_year(PeriodUnit unit) {
  constexpr std::array<int, 6> per_year = {1, 2, 3, 4, 12, 52};
  return per_year[static_cast<size_t>(unit)];
}
std::string_view follow_up_status_name(FollowUpStatus status) {
  return follow_up_names[static_cast<size_t>(status)];
}
std::optional<FollowUpStatus> parse_follow_up_status(std::string_view name) {
  return parse_name<FollowUpStatus>(name, follow_up_names);
}
std::string_view indicator_kind_name(Indicator::Kind kind) {
  switch (kind) {
    case Indicator::Kind::survey_indicator:
      return "survey_indicator";
    case Indicator::Kind::count:
      return "count";
    case Indicator::Kind::text:
      return "text";
  }
  return "text";
}

// --- parties ------------------------------------------------------------------

int64_t add_promise_party(Services& services, const Actor& actor, const std::string& kommun,
                          const std::string& code, const std::string& kind, const Texts& names) {
  auto row = promise_checks::party_row(kommun, code, kind, names);
  row.updated_at = services.now();
  row.updated_by = actor.name;
  const int64_t now = row.updated_at;
  int64_t id = 0;
  services.writer().execute([&](storage::Database& db) {
    if (storage::promise_party_by_code(db, kommun, row.code)) {
      throw Conflict("the kommun has a party '" + row.code + "' already", "code");
    }
    id = storage::insert_promise_party(db, row);
    record_audit(db, now, actor, AuditAction::promise_parties_changed, "kommun/" + kommun,
                 "added " + std::to_string(id));
  });
  return id;
}

void update_promise_party(Services& services, const Actor& actor, int64_t party,
                          const std::string& kind, const Texts& names) {
  if (kind != "kommun" && kind != "police" && kind != "external") {
    throw Invalid("a party's kind is kommun, police or external", "kind");
  }
  const auto checked = checked_texts(names, "names", max_title, true);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto row = storage::promise_party(db, party);
    if (!row) throw NotFound("no party " + std::to_string(party), "party");
    row->kind = kind;
    row->names = texts_json(checked);
    row->updated_at = now;
    row->updated_by = actor.name;
    storage::update_promise_party(db, *row);
    record_audit(db, now, actor, AuditAction::promise_parties_changed, "kommun/" + row->kommun,
                 "changed " + std::to_string(party));
  });
}

std::vector<PromiseParty> promise_parties(Services& services, const std::string& kommun) {
  auto db = services.readers().acquire();
  std::vector<PromiseParty> out;
  for (const auto& r : storage::promise_parties(*db, kommun)) {
    out.push_back({r.id, r.kommun, r.code, r.kind, texts_of(r.names)});
  }
  return out;
}

// --- the document ---------------------------------------------------------------

namespace {

// A new draft's row and signatories, inside the caller's transaction.
int64_t insert_draft(storage::Database& db, const Actor& actor, int64_t now,
                     const PromiseHeader& header, const Texts& titles) {
  check_parties(db, header.kommun, header.parties, "parties");
  storage::PromiseRow row;
  row.kommun = header.kommun;
  row.first_year = header.first_year;
  row.last_year = header.last_year;
  row.titles = texts_json(titles);
  row.status = "draft";
  row.created_at = now;
  row.created_by = actor.name;
  const int64_t id = storage::insert_promise(db, row);
  storage::set_promise_signatories(db, id, header.parties);
  return id;
}

}  // namespace

int64_t create_promise(Services& services, const Actor& actor, const PromiseHeader& header) {
  check_header(header);
  const auto titles = checked_texts(header.titles, "title", max_title, true);
  const int64_t now = services.now();
  int64_t id = 0;
  services.writer().execute([&](storage::Database& db) {
    id = insert_draft(db, actor, now, header, titles);
    record_audit(db, now, actor, AuditAction::promise_changed, promise_target(id), "created");
  });
  return id;
}

int64_t copy_promise(Services& services, const Actor& actor, int64_t from, int64_t first_year,
                     int64_t last_year) {
  const int64_t now = services.now();
  int64_t id = 0;
  services.writer().execute([&](storage::Database& db) {
    const Promise old = load_whole(db, from);
    PromiseHeader h = old.header;
    h.first_year = first_year;
    h.last_year = last_year;
    check_header(h);
    storage::PromiseRow row;
    row.kommun = h.kommun;
    row.first_year = first_year;
    row.last_year = last_year;
    row.titles = texts_json(h.titles);
    row.status = "draft";
    row.copied_from = from;
    row.created_at = now;
    row.created_by = actor.name;
    id = storage::insert_promise(db, row);
    storage::set_promise_signatories(db, id, h.parties);
    int64_t fa_pos = 0;
    for (const auto& fa : old.focus_areas) {
      const int64_t fa_id =
          storage::insert_focus_area(db, {0, id, fa_pos++, texts_json(fa.titles)});
      storage::set_focus_sources(db, fa_id, source_rows(fa.sources));
      int64_t a_pos = 0;
      for (const auto& a : fa.activities) {
        auto r = activity_row(db, h.kommun, a.input);
        r.focus_area = fa_id;
        r.position = a_pos++;
        const int64_t a_id = storage::insert_activity(db, r);
        storage::set_activity_parties(db, a_id, a.input.parties);
      }
    }
    record_audit(db, now, actor, AuditAction::promise_changed, promise_target(id),
                 "copied from " + promise_target(from));
  });
  return id;
}

Promise load_promise(Services& services, int64_t id) {
  auto db = services.readers().acquire();
  return load_whole(*db, id);
}

std::vector<Promise> list_promises(Services& services, const std::string& kommun) {
  auto db = services.readers().acquire();
  std::vector<Promise> out;
  for (const auto& r : storage::list_promises(*db, kommun)) {
    Promise p = promise_of(r);
    p.header.parties = storage::promise_signatories(*db, r.id);
    out.push_back(std::move(p));
  }
  return out;
}

void update_promise_header(Services& services, const Actor& actor, int64_t promise,
                           const PromiseHeader& header) {
  check_header(header);
  const auto titles = checked_texts(header.titles, "title", max_title, true);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto row = require_draft(db, promise);
    if (row.kommun != header.kommun) throw Invalid("a promise's kommun stays", "kommun");
    check_parties(db, row.kommun, header.parties, "parties");
    row.first_year = header.first_year;
    row.last_year = header.last_year;
    row.titles = texts_json(titles);
    storage::set_promise_signatories(db, promise, header.parties);
    touch(db, row, now, actor, "header");
  });
}

int64_t add_focus_area(Services& services, const Actor& actor, int64_t promise, const Texts& titles,
                       const std::vector<FocusSource>& sources) {
  const auto t = checked_texts(titles, "title", max_title, true);
  const auto rows = source_rows(sources);
  const int64_t now = services.now();
  int64_t id = 0;
  services.writer().execute([&](storage::Database& db) {
    auto p = require_draft(db, promise);
    const auto existing = storage::focus_areas(db, promise);
    const int64_t pos = existing.empty() ? 0 : existing.back().position + 1;
    id = storage::insert_focus_area(db, {0, promise, pos, texts_json(t)});
    storage::set_focus_sources(db, id, rows);
    touch(db, p, now, actor, "focus_area " + std::to_string(id) + " added");
  });
  return id;
}

void update_focus_area(Services& services, const Actor& actor, int64_t focus_area,
                       const Texts& titles, const std::vector<FocusSource>& sources) {
  const auto t = checked_texts(titles, "title", max_title, true);
  const auto rows = source_rows(sources);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto [fa, p] = require_draft_focus_area(db, focus_area);
    fa.titles = texts_json(t);
    storage::update_focus_area(db, fa);
    storage::set_focus_sources(db, focus_area, rows);
    touch(db, p, now, actor, "focus_area " + std::to_string(focus_area) + " changed");
  });
}

void remove_focus_area(Services& services, const Actor& actor, int64_t focus_area) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto [fa, p] = require_draft_focus_area(db, focus_area);
    if (storage::count_promise_follow_ups(db, p.id) > 0) {
      for (const auto& a : storage::activities(db, focus_area)) {
        if (!storage::follow_ups(db, a.id).empty()) {
          throw Conflict("an activity of the focus area has follow-ups", "focus_area");
        }
      }
    }
    storage::delete_focus_area(db, focus_area);
    touch(db, p, now, actor, "focus_area " + std::to_string(focus_area) + " removed");
  });
}

int64_t add_activity(Services& services, const Actor& actor, int64_t focus_area,
                     const ActivityInput& input) {
  const int64_t now = services.now();
  int64_t id = 0;
  services.writer().execute([&](storage::Database& db) {
    auto [fa, p] = require_draft_focus_area(db, focus_area);
    auto row = activity_row(db, p.kommun, input);
    const auto existing = storage::activities(db, focus_area);
    row.focus_area = focus_area;
    row.position = existing.empty() ? 0 : existing.back().position + 1;
    id = storage::insert_activity(db, row);
    storage::set_activity_parties(db, id, input.parties);
    touch(db, p, now, actor, "activity " + std::to_string(id) + " added");
  });
  return id;
}

void update_activity(Services& services, const Actor& actor, int64_t activity,
                     const ActivityInput& input) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto [old, p0] = require_activity(db, activity);
    auto p = require_draft(db, p0.id);
    auto row = activity_row(db, p.kommun, input);
    row.id = activity;
    row.focus_area = old.focus_area;
    row.position = old.position;
    storage::update_activity(db, row);
    storage::set_activity_parties(db, activity, input.parties);
    touch(db, p, now, actor, "activity " + std::to_string(activity) + " changed");
  });
}

void remove_activity(Services& services, const Actor& actor, int64_t activity) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto [old, p0] = require_activity(db, activity);
    auto p = require_draft(db, p0.id);
    if (!storage::follow_ups(db, activity).empty()) {
      throw Conflict("the activity has follow-ups", "activity");
    }
    storage::delete_activity(db, activity);
    touch(db, p, now, actor, "activity " + std::to_string(activity) + " removed");
  });
}

namespace {

// Whether `ids` names each of `have` once, in any order.
void check_order(std::vector<int64_t> have, std::vector<int64_t> ids) {
  std::sort(have.begin(), have.end());
  std::sort(ids.begin(), ids.end());
  if (have != ids) throw Invalid("the order names each of them once", "order");
}

}  // namespace

void reorder_focus_areas(Services& services, const Actor& actor, int64_t promise,
                         const std::vector<int64_t>& ids) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto p = require_draft(db, promise);
    auto rows = storage::focus_areas(db, promise);
    std::vector<int64_t> have;
    for (const auto& r : rows) have.push_back(r.id);
    check_order(have, ids);
    for (auto& r : rows) {
      r.position = std::find(ids.begin(), ids.end(), r.id) - ids.begin();
      storage::update_focus_area(db, r);
    }
    touch(db, p, now, actor, "focus_areas reordered");
  });
}

void reorder_activities(Services& services, const Actor& actor, int64_t focus_area,
                        const std::vector<int64_t>& ids) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto [fa, p] = require_draft_focus_area(db, focus_area);
    auto rows = storage::activities(db, focus_area);
    std::vector<int64_t> have;
    for (const auto& r : rows) have.push_back(r.id);
    check_order(have, ids);
    for (auto& r : rows) {
      r.position = std::find(ids.begin(), ids.end(), r.id) - ids.begin();
      storage::update_activity(db, r);
    }
    touch(db, p, now, actor, "focus_area " + std::to_string(focus_area) + " activities reordered");
  });
}

bool promise_transition_allowed(PromiseStatus from, PromiseStatus to) {
  using S = PromiseStatus;
  return (from == S::draft && to == S::adopted) || (from == S::adopted && to == S::published) ||
         (from == S::published && to == S::evaluated) || (from == S::adopted && to == S::draft);
}

bool set_promise_status(Services& services, const Actor& actor, int64_t promise, PromiseStatus to) {
  const int64_t now = services.now();
  bool changed = false;
  services.writer().execute([&](storage::Database& db) {
    auto row = require_promise_row(db, promise);
    const auto from = *parse_promise_status(row.status);
    if (from == to) return;
    if (!promise_transition_allowed(from, to)) {
      throw Conflict(
          "a promise cannot go from " + row.status + " to " + std::string(promise_status_name(to)),
          "status");
    }
    if (to == PromiseStatus::adopted) {
      const auto fas = storage::focus_areas(db, promise);
      if (fas.empty()) throw Invalid("a promise to adopt has a focus area", "focus_areas");
      for (const auto& fa : fas) {
        if (storage::activities(db, fa.id).empty()) {
          throw Invalid("every focus area of a promise to adopt has an activity", "activities");
        }
      }
      if (storage::promise_signatories(db, promise).empty()) {
        throw Invalid("a promise to adopt has its parties", "parties");
      }
    }
    if (to == PromiseStatus::evaluated) {
      for (const auto& fa : storage::focus_areas(db, promise)) {
        if (!storage::focus_evaluation(db, fa.id)) {
          throw Invalid("every focus area of a promise to mark evaluated has its evaluation",
                        "evaluation");
        }
      }
    }
    row.status = std::string(promise_status_name(to));
    touch(db, row, now, actor,
          "status " + std::string(promise_status_name(from)) + " -> " + row.status);
    changed = true;
  });
  return changed;
}

int64_t record_follow_up(Services& services, const Actor& actor, int64_t activity,
                         const FollowUpInput& input) {
  storage::FollowUpRow row = promise_checks::follow_up_row(input);
  row.activity = activity;
  row.recorded_at = services.now();
  row.recorded_by = actor.name;
  int64_t id = 0;
  services.writer().execute([&](storage::Database& db) {
    auto [a, p] = require_activity(db, activity);
    if (p.status != "adopted" && p.status != "published") {
      throw Conflict("follow-ups are recorded for an adopted or published promise; promise " +
                         std::to_string(p.id) + " is " + p.status,
                     "status");
    }
    id = storage::insert_follow_up(db, row);
    record_audit(db, row.recorded_at, actor, AuditAction::follow_up_recorded, promise_target(p.id),
                 "activity " + std::to_string(activity) + " follow_up " + std::to_string(id) + " " +
                     row.status);
  });
  return id;
}

int64_t draft_from_marks(Services& services, const Actor& actor, const std::string& survey,
                         const PromiseHeader& header) {
  check_header(header);
  const auto titles = checked_texts(header.titles, "title", max_title, true);
  const auto marked = marked_priorities(services, survey);
  if (marked.marked.empty()) {
    throw Invalid("survey '" + survey + "' has no marked priorities", "marks");
  }
  const auto codebook = codebook_of(services, survey);
  struct Drafted {
    Texts titles;
    storage::FocusSourceRow source;
  };
  std::vector<Drafted> drafted;
  for (const auto& m : marked.marked) {
    reports::MarkedPriorities one;
    one.survey = survey;
    one.marked.push_back(m);
    nlohmann::json figures = reports::document(one)["marked"][0];
    // The residents' words stay out of the promise until an analyst
    // publishes a quote: only the quoted records' ids are kept.
    if (figures["priority"].is_object()) {
      nlohmann::json ids = nlohmann::json::array();
      for (const auto& q : figures["priority"]["quotes"]) ids.push_back(q["id"]);
      figures["priority"].erase("quotes");
      figures["priority"]["quote_ids"] = ids;
    }
    Texts t = {{"sv", codebook.label(m.theme, "sv")}, {"en", codebook.label(m.theme, "en")}};
    drafted.push_back({checked_texts(t, "title", max_title, true),
                       {survey, m.area.value_or(""), m.theme, figures.dump()}});
  }
  const int64_t now = services.now();
  int64_t id = 0;
  services.writer().execute([&](storage::Database& db) {
    id = insert_draft(db, actor, now, header, titles);
    int64_t pos = 0;
    for (const auto& d : drafted) {
      const int64_t fa = storage::insert_focus_area(db, {0, id, pos++, texts_json(d.titles)});
      storage::set_focus_sources(db, fa, {d.source});
    }
    std::string detail = "drafted from marks of " + survey;
    if (detail.size() > max_audit_detail) detail.resize(max_audit_detail);
    record_audit(db, now, actor, AuditAction::promise_changed, promise_target(id), detail);
  });
  return id;
}

bool set_follow_up_published(Services& services, const Actor& actor, int64_t follow_up,
                             bool published) {
  const int64_t now = services.now();
  bool changed = false;
  services.writer().execute([&](storage::Database& db) {
    const auto activity = storage::follow_up_activity(db, follow_up);
    if (!activity) throw NotFound("no follow-up " + std::to_string(follow_up), "follow_up");
    auto [a, p] = require_activity(db, *activity);
    if (p.status != "adopted" && p.status != "published") {
      throw Conflict("promise " + std::to_string(p.id) + " is " + p.status, "status");
    }
    for (const auto& u : storage::follow_ups(db, *activity)) {
      if (u.id == follow_up && u.published == published) return;
    }
    storage::set_follow_up_published(db, follow_up, published);
    record_audit(
        db, now, actor, AuditAction::follow_up_recorded, promise_target(p.id),
        "follow_up " + std::to_string(follow_up) + (published ? " published" : " unpublished"));
    changed = true;
  });
  return changed;
}

// --- the editing functions' checks, for an import (promise_checks.hpp) -----------

namespace promise_checks {

void header(const PromiseHeader& h) {
  check_header(h);
}

void parties(storage::Database& db, const std::string& kommun, const std::vector<int64_t>& parties,
             const std::string& field) {
  check_parties(db, kommun, parties, field);
}

std::vector<storage::FocusSourceRow> source_rows(const std::vector<FocusSource>& sources) {
  return app::source_rows(sources);
}

storage::ActivityRow activity_row(storage::Database& db, const std::string& kommun,
                                  const ActivityInput& input) {
  return app::activity_row(db, kommun, input);
}

storage::FollowUpRow follow_up_row(const FollowUpInput& input) {
  storage::FollowUpRow row;
  row.date = check_date(input.date, "date");
  if (input.done_count < 0 || input.done_count > 100000) {
    throw Invalid("the done count is from 0 to 100000", "done_count");
  }
  row.done_count = input.done_count;
  row.status = std::string(follow_up_status_name(input.status));
  row.public_texts = texts_json(checked_texts(input.public_texts, "public_text", max_text, false));
  if (input.internal_note.size() > max_text || !text::is_valid_utf8(input.internal_note)) {
    throw Invalid("the note is valid UTF-8 of at most 4000 bytes", "internal_note");
  }
  row.internal_note = input.internal_note;
  row.published = input.published;
  return row;
}

storage::PromisePartyRow party_row(const std::string& kommun, const std::string& code,
                                   const std::string& kind, const Texts& names) {
  check_kommun(kommun);
  const std::string c = text::trim(code);
  if (c.empty() || c.size() > 40 || !text::is_valid_utf8(c)) {
    throw Invalid("a party's code is 1 to 40 bytes", "code");
  }
  if (kind != "kommun" && kind != "police" && kind != "external") {
    throw Invalid("a party's kind is kommun, police or external", "kind");
  }
  storage::PromisePartyRow row;
  row.kommun = kommun;
  row.code = c;
  row.kind = kind;
  row.names = texts_json(checked_texts(names, "names", max_title, true));
  return row;
}

bool is_public_language(const std::string& lang) {
  try {
    checked_texts({{lang, "-"}}, "", max_title, false);
    return true;
  } catch (const Invalid&) {
    return false;
  }
}

}  // namespace promise_checks

// --- planned against done ---------------------------------------------------------

double planned_count(const CountableTarget& target, PeriodUnit over, int64_t n) {
  return static_cast<double>(target.count) * units_per_year(target.unit) / units_per_year(over) *
         static_cast<double>(n);
}

namespace {

int months_of(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::year:
      return 12;
    case PeriodUnit::half_year:
      return 6;
    case PeriodUnit::tertial:
      return 4;
    case PeriodUnit::quarter:
      return 3;
    case PeriodUnit::month:
      return 1;
    case PeriodUnit::week:
      break;
  }
  throw Invalid("a reporting period is a year, half-year, tertial, quarter or month", "period");
}

std::string ymd(int64_t y, int64_t m, int64_t d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

}  // namespace

std::string ReportingPeriod::first_day() const {
  return ymd(year, (index - 1) * months_of(unit) + 1, 1);
}

std::string ReportingPeriod::last_day() const {
  const int64_t m = index * months_of(unit);
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return ymd(year, m, m == 2 && leap ? 29 : days[m - 1]);
}

ReportingPeriod parse_reporting_period(std::string_view text) {
  auto bad = [&] {
    return Invalid("a period is 2026, 2026-H1, 2026-T2, 2026-Q3 or 2026-M05", "period");
  };
  if (text.size() < 4) throw bad();
  ReportingPeriod p;
  for (size_t i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') throw bad();
    p.year = p.year * 10 + (text[i] - '0');
  }
  if (text.size() == 4) return p;
  if (text.size() < 7 || text[4] != '-') throw bad();
  switch (text[5]) {
    case 'H':
      p.unit = PeriodUnit::half_year;
      break;
    case 'T':
      p.unit = PeriodUnit::tertial;
      break;
    case 'Q':
      p.unit = PeriodUnit::quarter;
      break;
    case 'M':
      p.unit = PeriodUnit::month;
      break;
    default:
      throw bad();
  }
  p.index = 0;
  for (size_t i = 6; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || i > 7) throw bad();
    p.index = p.index * 10 + (text[i] - '0');
  }
  if (p.index < 1 || p.index > units_per_year(p.unit)) throw bad();
  return p;
}

std::vector<ActivityProgress> promise_progress(const Promise& promise,
                                               const ReportingPeriod& period) {
  const std::string from = period.first_day(), to = period.last_day();
  std::vector<ActivityProgress> out;
  for (const auto& fa : promise.focus_areas) {
    for (const auto& a : fa.activities) {
      ActivityProgress p;
      p.activity = a.id;
      if (a.input.target) p.planned = planned_count(*a.input.target, period.unit);
      for (const auto& f : a.follow_ups) {  // by date
        if (f.date < from || f.date > to) continue;
        p.done += f.done_count;
        p.latest_status = f.status;
      }
      const bool short_of_plan =
          p.planned && static_cast<double>(p.done) < std::floor(*p.planned + 1e-9);
      const bool finished =
          p.latest_status == FollowUpStatus::done || p.latest_status == FollowUpStatus::dropped;
      p.behind = p.latest_status == FollowUpStatus::behind || (short_of_plan && !finished);
      out.push_back(p);
    }
  }
  return out;
}

}  // namespace lyssna::app
