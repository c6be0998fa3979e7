// Priorities marked as promises (see priority_marks.hpp).
#include "app/priority_marks.hpp"

#include <algorithm>
#include <map>

#include "app/coding.hpp"
#include "app/margins.hpp"
#include "app/priority_blend.hpp"
#include "app/survey_analysis.hpp"
#include "app/surveys.hpp"
#include "collector/storage/priority_store.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

// The audit's note: "theme=... area=..." ("area=" empty for the whole survey).
std::string mark_note(const std::optional<std::string>& area, const std::string& theme) {
  std::string note = "theme=" + theme + " area=" + area.value_or("");
  if (note.size() > max_audit_detail) note.resize(max_audit_detail);
  return note;
}

}  // namespace

std::vector<PriorityMark> priority_marks(Services& services, const std::string& survey) {
  require_survey(services, survey);
  auto db = services.readers().acquire();
  std::vector<PriorityMark> out;
  for (auto& row : storage::priority_marks(*db, survey)) {
    out.push_back({row.area.empty() ? std::nullopt : std::optional(row.area), row.theme,
                   row.marked_at, row.marked_by});
  }
  return out;
}

bool set_priority_mark(Services& services, const Actor& actor, const std::string& survey,
                       const std::optional<std::string>& area, const std::string& theme,
                       bool marked) {
  const auto q = require_survey(services, survey);
  if (area && area->empty()) throw Invalid("an area id is not empty", "area");
  if (marked) {
    if (area && std::none_of(q->areas.begin(), q->areas.end(),
                             [&](const questionnaire::Option& o) { return o.id == *area; })) {
      throw Invalid("survey '" + survey + "' has no area '" + *area + "'", "area");
    }
    if (!codebook_of(services, survey).find(theme)) {
      throw Invalid("the survey's codebook has no theme '" + theme + "'", "theme");
    }
  }
  const int64_t now = services.now();
  bool changed = false;
  services.writer().execute([&](storage::Database& db) {
    changed =
        marked ? storage::add_priority_mark(db, survey, {area.value_or(""), theme, now, actor.name})
               : storage::remove_priority_mark(db, survey, area.value_or(""), theme);
    if (changed) {
      record_audit(db, now, actor,
                   marked ? AuditAction::priority_marked : AuditAction::priority_unmarked, survey,
                   mark_note(area, theme));
    }
  });
  return changed;
}

reports::MarkedPriorities marked_priorities(Services& services, const std::string& survey) {
  reports::MarkedPriorities out;
  out.survey = survey;
  const auto marks = priority_marks(services, survey);
  if (marks.empty()) return out;
  const auto margins = weighting_margins(services, survey);
  SurveyAnalysis analysis(services, survey);
  const auto& ctx = analysis.context();
  const auto known = ctx.areas();
  // One report per area that has marks (an area since removed from the
  // survey gets none: its marks keep no figures).
  std::map<std::optional<std::string>, reports::PriorityReport> reports_by_area;
  for (const auto& m : marks) {
    if (reports_by_area.count(m.area)) continue;
    if (m.area && std::find(known.begin(), known.end(), *m.area) == known.end()) continue;
    reports_by_area.emplace(
        m.area, reports::priority_report(ctx, priority_options(services, survey, m.area, margins)));
  }
  for (const auto& m : marks) {
    reports::MarkedPriority p;
    p.area = m.area;
    p.theme = m.theme;
    p.label = ctx.codebook().label(m.theme, "en");
    p.marked_at = m.marked_at;
    p.marked_by = m.marked_by;
    if (auto r = reports_by_area.find(m.area); r != reports_by_area.end()) {
      const auto& report = r->second;
      p.respondents = report.respondents;
      p.texts = report.texts;
      p.weighted = report.weighting.has_value();
      p.method = report.method;
      for (const auto& row : report.priorities) {
        if (row.ranking.theme == m.theme) p.ranking = row.ranking;
      }
    }
    out.marked.push_back(std::move(p));
  }
  return out;
}

}  // namespace lyssna::app
