// Survey administration (see surveys.hpp).
#include "app/surveys.hpp"

#include <algorithm>

#include "app/answering_window.hpp"
#include "collector/questionnaire/definition.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "collector/questionnaire/survey_id.hpp"
#include "collector/storage/response_store.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

NotFound unknown_survey(const std::string& id) {
  return NotFound("no survey '" + id + "' in this database", "survey");
}

using nlohmann::json;

bool is_language_key(const std::string& key) {
  return key.size() == 2 && key[0] >= 'a' && key[0] <= 'z' && key[1] >= 'a' && key[1] <= 'z';
}

// Drops the wording of `lang` from every text of a definition: the objects
// whose keys are all language codes (a question or an option has "type",
// "label", ... beside its "id", so it is never taken for one).
void drop_wording(json& node, const std::string& lang) {
  if (node.is_array()) {
    for (auto& item : node) drop_wording(item, lang);
    return;
  }
  if (!node.is_object()) return;
  bool wording = !node.empty();
  for (const auto& [key, value] : node.items()) {
    if (!is_language_key(key) || !value.is_string()) wording = false;
  }
  if (wording) {
    node.erase(lang);
    return;
  }
  for (auto& [key, value] : node.items()) drop_wording(value, lang);
}

// Applies the settings to a definition; `changed` gets the names of those
// that differ from what is stored. Areas and languages are checked here for
// what the definition rules cannot know (stored answers, wording).
json apply_settings(const questionnaire::Questionnaire& q, const SurveySettings& settings,
                    int64_t responses, std::vector<std::string>& changed) {
  json d = questionnaire::to_json(q);
  auto set_date = [&](const char* name, const std::optional<std::optional<int64_t>>& value,
                      const std::optional<int64_t>& now) {
    if (!value || *value == now) return;
    changed.push_back(name);
    if (*value) {
      d[name] = clock::format_rfc3339(**value);
    } else {
      d.erase(name);
    }
  };
  set_date("opens_at", settings.opens_at, q.opens_at);
  set_date("closes_at", settings.closes_at, q.closes_at);
  if (settings.requires_code && *settings.requires_code != q.requires_code) {
    changed.push_back("requires_code");
    d["requires_code"] = *settings.requires_code;
  }
  if (settings.languages && *settings.languages != q.languages) {
    const auto& wanted = *settings.languages;
    if (wanted.empty()) throw Invalid("the survey needs at least one language", "languages");
    for (const auto& lang : wanted) {
      if (std::find(q.languages.begin(), q.languages.end(), lang) == q.languages.end())
        throw Invalid("the survey has no wording in '" + lang +
                          "': a language can be added only with a definition that has it "
                          "(lyssna survey load)",
                      "languages");
    }
    for (const auto& lang : q.languages) {
      if (std::find(wanted.begin(), wanted.end(), lang) == wanted.end()) drop_wording(d, lang);
    }
    d["languages"] = wanted;
    changed.push_back("languages");
  }
  if (settings.areas) {
    json areas = json::array();
    for (const auto& a : *settings.areas) areas.push_back({{"id", a.id}, {"label", a.name}});
    const json before = d.value("areas", json::array());
    bool same = before.size() == areas.size();
    for (size_t i = 0; same && i < areas.size(); ++i) {
      same = before[i]["id"] == areas[i]["id"];
      for (const auto& lang : q.languages)
        same = same && before[i]["label"].value(lang, "") == areas[i]["label"];
    }
    if (!same) {
      if (responses > 0) {
        for (const auto& old : q.areas) {
          const bool kept = std::any_of(settings.areas->begin(), settings.areas->end(),
                                        [&](const AreaName& a) { return a.id == old.id; });
          if (!kept)
            throw Invalid("area '" + old.id + "' cannot go: the survey has " +
                              std::to_string(responses) + " answers, and they name their area",
                          "areas");
        }
      }
      if (areas.empty()) {
        d.erase("areas");
      } else {
        d["areas"] = areas;
      }
      changed.push_back("areas");
    }
  }
  return d;
}

void check_title(const std::string& title) {
  if (title.size() > max_survey_title || !text::is_valid_utf8(title) ||
      text::has_control_characters(title))
    throw Invalid("the title must be at most " + std::to_string(max_survey_title) +
                      " bytes of text without control characters",
                  "title");
}

}  // namespace

questionnaire::Questionnaire change_settings(Services& services, const Actor& actor,
                                             const std::string& id,
                                             const SurveySettings& settings) {
  questionnaire::Questionnaire q;
  // Read, change and write in one transaction: two changes at once never
  // lose one another.
  services.writer().execute([&](storage::Database& db) {
    auto stored = storage::load_survey(db, id);
    if (!stored) throw unknown_survey(id);  // read where it is changed, as require_survey says
    std::vector<std::string> changed;
    const json d = apply_settings(*stored, settings, storage::count_responses(db, id), changed);
    q = questionnaire::parse_definition(d);  // every rule again
    if (changed.empty()) return;
    storage::save_survey(db, q, true);
    record_audit(db, services.now(), actor, AuditAction::survey_changed, id,
                 text::join(changed, ","));
  });
  services.surveys().invalidate();
  return q;
}

std::string_view survey_status_name(SurveyStatus status) {
  switch (status) {
    case SurveyStatus::upcoming:
      return "upcoming";
    case SurveyStatus::open:
      return "open";
    case SurveyStatus::closed:
      return "closed";
  }
  return "closed";
}

SurveyStatus survey_status(const questionnaire::Questionnaire& q, int64_t now) {
  if (is_open(q, now, Moment::start)) return SurveyStatus::open;
  if (q.opens_at && now < *q.opens_at) return SurveyStatus::upcoming;
  return SurveyStatus::closed;
}

questionnaire::QuestionnairePtr require_survey(Services& services, const std::string& id) {
  auto q = services.surveys().find(id);
  if (!q) throw unknown_survey(id);
  return q;
}

std::vector<storage::SurveySummary> list_surveys(Services& services) {
  auto db = services.readers().acquire();
  const storage::UnmappedReads unmapped(*db);  // the counts read every response's key
  return storage::list_surveys(*db);
}

std::vector<questionnaire::QuestionnairePtr> open_surveys(Services& services, int64_t now) {
  std::vector<questionnaire::QuestionnairePtr> open;
  for (auto& q : services.surveys().all()) {
    if (is_open(*q, now, Moment::start)) open.push_back(std::move(q));
  }
  return open;
}

void save_survey(Services& services, const Actor& actor, const questionnaire::Questionnaire& q,
                 bool replace, const std::string& how) {
  services.writer().execute([&](storage::Database& db) {
    storage::save_survey(db, q, replace);
    record_audit(db, services.now(), actor, AuditAction::survey_changed, q.id, how);
  });
  services.surveys().invalidate();
}

questionnaire::Questionnaire create_survey(Services& services, const Actor& actor,
                                           const NewSurvey& request) {
  if (!questionnaire::is_survey_id(request.id))
    throw Invalid("the survey id must be " + std::string(questionnaire::survey_id_rule), "id");
  const std::string title = text::trim(request.title);
  check_title(title);
  questionnaire::Questionnaire q;
  services.writer().execute([&](storage::Database& db) {
    json d;
    std::string origin;
    if (request.copy_of.empty()) {
      questionnaire::TemplateOptions options;
      options.survey_id = request.id;
      for (const auto& a : request.areas) options.areas.push_back({a.id, a.name});
      if (options.areas.empty())
        throw Invalid("a survey from the standard questionnaire needs at least one area", "areas");
      options.languages = request.languages;
      d = questionnaire::to_json(questionnaire::build_from_template("trygghet", options));
      origin = "created from the standard questionnaire";
    } else {
      auto earlier = storage::load_survey(db, request.copy_of);
      if (!earlier)
        throw Invalid("there is no survey '" + request.copy_of + "' to copy", "copy_of");
      d = questionnaire::to_json(*earlier);
      d["id"] = request.id;
      d.erase("opens_at");  // last year's dates are over
      d.erase("closes_at");
      origin = "copied from " + request.copy_of;
    }
    if (!title.empty()) d["title"] = title;
    q = questionnaire::parse_definition(d);
    storage::save_survey(db, q, false);  // Conflict when the id is taken
    record_audit(db, services.now(), actor, AuditAction::survey_changed, q.id, origin);
  });
  services.surveys().invalidate();
  return q;
}

storage::CodeCounts code_counts(Services& services, const std::string& survey) {
  require_survey(services, survey);
  auto db = services.readers().acquire();
  return storage::count_codes(*db, survey);
}

std::vector<std::string> issue_codes(Services& services, const Actor& actor,
                                     const std::string& survey, size_t count) {
  require_survey(services, survey);
  const int64_t now = services.now();
  return services.invitations().issue(services.writer(), survey, count, [&](storage::Database& db) {
    record_audit(db, now, actor, AuditAction::responses_exported, survey,
                 "invitation codes, " + std::to_string(count));
  });
}

}  // namespace lyssna::app
