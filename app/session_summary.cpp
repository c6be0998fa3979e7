// The session summary's data (see session_summary.hpp).
#include "app/session_summary.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/coding.hpp"
#include "app/survey_analysis.hpp"
#include "app/surveys.hpp"
#include "collector/storage/analysis_store.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "collector/storage/response_store.hpp"
#include "reports/option_ranges.hpp"

namespace lyssna::app {
namespace {

std::string summary_answer(const nlohmann::json& answers, const char* question) {
  auto it = answers.find(question);
  return it != answers.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The record's free text: its text questions' answers, in order, joined.
std::string summary_free_text(const questionnaire::Questionnaire& q,
                              const nlohmann::json& answers) {
  std::string out;
  for (const auto* question : q.questions()) {
    if (question->type != questionnaire::QuestionType::text || question->id == "free_place")
      continue;
    const std::string t = summary_answer(answers, question->id.c_str());
    if (t.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    if (!out.empty()) out += "\n";
    out += t;
  }
  return out;
}

struct SummaryRecord {
  interchange::Record record;
  bool note = false;
  std::string text;
  std::vector<std::string> themes;
};

}  // namespace

std::vector<GroupCount> group_counts(const std::vector<std::string>& values,
                                     const std::vector<std::string>& order,
                                     int64_t suppress_below) {
  std::map<std::string, int64_t> counts;
  for (const auto& v : values) ++counts[v];
  std::vector<GroupCount> out;
  auto take = [&](const std::string& group) {
    auto it = counts.find(group);
    if (it == counts.end()) return;
    out.push_back({group, it->second, it->second > 0 && it->second < suppress_below});
    counts.erase(it);
  };
  for (const auto& group : order)
    if (!group.empty()) take(group);
  std::vector<std::string> rest;
  for (const auto& [group, n] : counts)
    if (!group.empty()) rest.push_back(group);
  for (const auto& group : rest) take(group);
  take("");
  return out;
}

SessionSummary session_summary(Services& services, ThemeSuggester& suggester, const Access& access,
                               const std::string& session_id) {
  SessionSummary out;
  out.session = session_of(services, access, session_id);
  const std::string survey = out.session.line.survey;
  out.questionnaire = require_survey(services, survey);
  const auto& q = *out.questionnaire;
  out.suppress_below = reports::small_numbers(reports::indicator_min_n.fallback).suppress_below;

  std::vector<SummaryRecord> records;
  std::vector<storage::ManualCodeRow> codes;
  {
    auto db = services.readers().acquire();
    std::set<std::string> notes;
    for (const auto& n : storage::notes_of(*db, session_id)) notes.insert(n.record_id);
    for (const auto& [record_survey, id] : storage::session_record_ids(*db, session_id)) {
      auto r = storage::find_response(*db, record_survey, id);
      if (!r || r->survey != survey) continue;
      SummaryRecord s;
      s.note = notes.count(id) > 0;
      s.text = summary_free_text(q, r->answers);
      s.record = std::move(*r);
      records.push_back(std::move(s));
    }
    codes = storage::manual_codes(*db, survey);
  }

  // The themes as the survey's analyses have them (the index's tagging,
  // manual codes applied), for the session's records.
  std::map<std::string, std::vector<std::string>> indexed;
  {
    SurveyAnalysis analysis(services, survey);
    const auto& ctx = analysis.context();
    out.codebook = ctx.codebook();
    const auto& assignment = ctx.themes();
    for (const auto& s : records) {
      const auto* row = assignment.find(s.record.id);
      if (!row) continue;
      auto& themes = indexed[s.record.id];
      for (auto t : row->themes) themes.push_back(out.codebook.themes[t].id);
    }
  }
  const auto& codebook = out.codebook;
  for (auto& s : records) {
    if (auto it = indexed.find(s.record.id); it != indexed.end()) {
      s.themes = it->second;
      continue;
    }
    // Not indexed yet (it arrived a moment ago): tagged as the indexer will
    // tag it, with the codes applied as the analyses apply them.
    if (s.text.empty()) continue;
    analysis::ThemeAssignment one;
    analysis::TaggedResponse row{s.record.id, {}, 0, {}};
    std::set<std::string> found;
    const std::string place = summary_answer(s.record.answers, "free_place");
    for (const auto& f :
         suggester.suggest(services, survey,
                           {s.text, s.record.lang,
                            place.empty() ? std::nullopt : std::optional<std::string>(place)},
                           analysis::max_codebook_themes))
      found.insert(f.theme);
    for (size_t t = 0; t < codebook.themes.size(); ++t)
      if (found.count(codebook.themes[t].id)) row.themes.push_back(static_cast<uint16_t>(t));
    one.rows.push_back(std::move(row));
    std::vector<analysis::ManualCode> manual;
    for (const auto& c : codes)
      if (c.record_id == s.record.id) manual.push_back({c.record_id, c.theme, c.add});
    analysis::apply_manual_codes(codebook, one, manual);
    for (auto t : one.rows.front().themes) s.themes.push_back(codebook.themes[t].id);
  }

  // Counts.
  std::map<std::string, int64_t> theme_records;
  std::vector<std::string> langs, channels, ages, genders;
  for (const auto& s : records) {
    ++out.records;
    if (s.note) ++out.notes;
    if (!s.text.empty()) ++out.with_text;
    for (const auto& t : s.themes) ++theme_records[t];
    langs.push_back(s.record.lang);
    channels.push_back(s.record.channel);
    ages.push_back(summary_answer(s.record.answers, "age_group"));
    genders.push_back(summary_answer(s.record.answers, "gender"));
  }
  for (const auto& theme : codebook.themes) {
    auto it = theme_records.find(theme.id);
    if (it != theme_records.end()) out.themes.push_back({theme.id, it->second});
  }
  std::stable_sort(out.themes.begin(), out.themes.end(),
                   [](const ThemeCount& a, const ThemeCount& b) { return a.records > b.records; });

  auto options_of = [&](const char* question) {
    std::vector<std::string> ids;
    if (const auto* qq = q.find_question(question))
      for (const auto& o : qq->options) ids.push_back(o.id);
    return ids;
  };
  out.by_language = group_counts(langs, out.session.line.languages, out.suppress_below);
  out.by_channel = group_counts(channels, {"dialogue", "kiosk"}, out.suppress_below);
  out.by_age_group = group_counts(ages, options_of("age_group"), out.suppress_below);
  out.by_gender = group_counts(genders, options_of("gender"), out.suppress_below);

  // What was said: the newest text of each theme by its count, then the
  // rest newest first, so that a page cut short still covers the themes.
  std::vector<const SummaryRecord*> texts;
  // Latest arrival first, so that texts of one second keep their order.
  for (auto it = records.rbegin(); it != records.rend(); ++it)
    if (!it->text.empty()) texts.push_back(&*it);
  std::stable_sort(texts.begin(), texts.end(), [](const auto* a, const auto* b) {
    return a->record.submitted_epoch > b->record.submitted_epoch;
  });
  std::vector<const SummaryRecord*> ordered;
  std::set<const SummaryRecord*> taken;
  for (const auto& theme : out.themes) {
    for (const auto* s : texts) {
      if (taken.count(s)) continue;
      if (std::find(s->themes.begin(), s->themes.end(), theme.theme) == s->themes.end()) continue;
      ordered.push_back(s);
      taken.insert(s);
      break;
    }
  }
  for (const auto* s : texts)
    if (!taken.count(s)) ordered.push_back(s);
  for (const auto* s : ordered) {
    out.said.push_back(
        {s->record.id, s->text, s->record.lang, s->note, s->record.submitted_epoch, s->themes});
  }

  out.votes = votes_of_session(services, session_id);
  return out;
}

}  // namespace lyssna::app
