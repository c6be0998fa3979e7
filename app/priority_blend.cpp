// A survey's priority blend (see priority_blend.hpp).
#include "app/priority_blend.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/surveys.hpp"
#include "app/vote_signal.hpp"
#include "collector/storage/priority_store.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

void require_blend(const analysis::PriorityBlend& blend) {
  if (auto problem = analysis::blend_problem(blend))
    throw Invalid(problem->message, problem->weight);
}

// "0.6" for the audit's note (the weights as stored, briefly).
std::string weight_text(double w) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", w);
  return buf;
}

// A stored row is checked again when read: one written by hand that breaks
// the rule fails loudly rather than ranking with it.
analysis::PriorityBlend parse_blend(const std::string& definition) {
  const auto j = nlohmann::json::parse(definition);
  analysis::PriorityBlend blend;
  blend.survey_weight = j.at("survey_weight").get<double>();
  blend.dialogue_weight = j.at("dialogue_weight").get<double>();
  // Stored before dot votes came: the default.
  blend.vote_weight = j.value("vote_weight", analysis::PriorityBlend{}.vote_weight);
  require_blend(blend);
  return blend;
}

}  // namespace

PrioritySettings priority_settings(Services& services, const std::string& survey) {
  require_survey(services, survey);
  auto db = services.readers().acquire();
  auto stored = storage::load_priority_settings(*db, survey);
  if (!stored) return {};
  return {parse_blend(stored->definition), true, stored->updated_at, stored->updated_by};
}

PrioritySettings set_priority_blend(Services& services, const Actor& actor,
                                    const std::string& survey,
                                    const analysis::PriorityBlend& blend) {
  require_survey(services, survey);
  require_blend(blend);
  const nlohmann::json definition = {{"survey_weight", blend.survey_weight},
                                     {"dialogue_weight", blend.dialogue_weight},
                                     {"vote_weight", blend.vote_weight}};
  PrioritySettings out{blend, true, services.now(), actor.name};
  services.writer().execute([&](storage::Database& db) {
    storage::save_priority_settings(db, survey, {definition.dump(), out.updated_at, actor.name});
    record_audit(db, out.updated_at, actor, AuditAction::priorities_changed, survey,
                 "survey_weight=" + weight_text(blend.survey_weight) +
                     " dialogue_weight=" + weight_text(blend.dialogue_weight) +
                     (blend.vote_weight == analysis::PriorityBlend{}.vote_weight
                          ? ""
                          : " vote_weight=" + weight_text(blend.vote_weight)));
  });
  return out;
}

void reset_priority_blend(Services& services, const Actor& actor, const std::string& survey) {
  require_survey(services, survey);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    storage::delete_priority_settings(db, survey);
    record_audit(db, now, actor, AuditAction::priorities_changed, survey, "blend reset");
  });
}

reports::PriorityOptions priority_options(Services& services, const std::string& survey,
                                          const std::optional<std::string>& area,
                                          std::vector<analysis::Margin> margins) {
  reports::PriorityOptions o;
  o.area = area;
  o.margins = std::move(margins);
  o.blend = priority_settings(services, survey).blend;
  const VoteDots dots = vote_dots(services, survey, area);
  o.dots = dots.by_candidate;
  o.all_dots = dots.all;
  o.ballots = dots.ballots;
  o.votes = dots.votes;
  return o;
}

}  // namespace lyssna::app
