// Template data of the workspace's promise pages (see workspace_promise_view.hpp).
#include "http/workspace_promise_view.hpp"

#include <cmath>
#include <memory>
#include <set>

#include "app/survey_analysis.hpp"
#include "app/surveys.hpp"
#include "http/workspace_dashboard_view.hpp"
#include "http/workspace_view.hpp"

namespace lyssna::http::promise_view {
namespace {

using nlohmann::json;

constexpr const char* editable_languages[] = {"sv", "en", "ar", "so", "fi", "fa"};

// What the page needs of the surveys the focus areas come from: their
// questionnaire and codebook, for the names of areas and indicators.
struct SurveyNames {
  questionnaire::QuestionnairePtr q;
  analysis::Codebook codebook;
  std::vector<std::string> indicators;  // ids, in the reports' order
};

class Names {
 public:
  Names(app::Services& services, std::string lang) : services_(services), lang_(std::move(lang)) {}
  const SurveyNames* survey(const std::string& id) {
    auto it = surveys_.find(id);
    if (it != surveys_.end()) return it->second ? &*it->second : nullptr;
    std::optional<SurveyNames> names;
    if (auto q = services_.surveys().find(id)) {
      app::SurveyAnalysis analysis(services_, id);
      names = SurveyNames{q, analysis.context().codebook(), {}};
      for (const auto& d : analysis.context().indicators()) names->indicators.push_back(d.id);
    }
    const auto pos = surveys_.emplace(id, std::move(names)).first;
    return pos->second ? &*pos->second : nullptr;
  }
  std::string area(const std::string& survey_id, const std::string& area) {
    if (area.empty()) return ws_text(lang_, "ws.promise.whole_survey");
    const auto* s = survey(survey_id);
    return s ? area_name(*s->q, area, lang_) : area;
  }
  std::string theme(const std::string& survey_id, const std::string& theme) {
    const auto* s = survey(survey_id);
    return s ? s->codebook.label(theme, lang_) : theme;
  }
  std::string indicator(const std::string& survey_id, const std::string& id) {
    const auto* s = survey(survey_id);
    return s ? indicator_label(lang_, *s->q, s->codebook, id) : id;
  }

 private:
  app::Services& services_;
  std::string lang_;
  std::map<std::string, std::optional<SurveyNames>> surveys_;
};

std::string first_survey(const app::FocusArea& fa) {
  return fa.sources.empty() ? std::string() : fa.sources.front().survey;
}

// A form field's value: what was sent when this form was refused, else
// what is stored.
struct FormValues {
  const PageState& state;
  std::string form;
  std::string operator()(const std::string& field, const std::string& stored) const {
    if (state.form != form) return stored;
    auto it = state.sent.find(field);
    return it == state.sent.end() ? std::string() : it->second;
  }
  bool checked(const std::string& field, const std::string& value, bool stored) const {
    if (state.form != form) return stored;
    auto [a, b] = state.sent.equal_range(field);
    for (auto it = a; it != b; ++it)
      if (it->second == value) return true;
    return false;
  }
};

std::string text_in(const app::Texts& t, const std::string& lang) {
  auto it = t.find(lang);
  return it == t.end() ? std::string() : it->second;
}

// The language fields of a text: Swedish (required) and English shown, the
// other four public languages folded under them.
json language_fields(const FormValues& values, const std::string& name, const app::Texts& stored,
                     const std::string& id_prefix, const std::string& ui) {
  static const std::set<std::string> long_texts = {"text", "public_text", "conclusion",
                                                   "indicator_text"};
  json main = json::array(), more = json::array();
  bool more_open = false;
  for (const char* l : editable_languages) {
    const std::string lang = l;
    const std::string value = values(name + "_" + lang, text_in(stored, lang));
    json field = {
        {"name", name + "_" + lang},
        {"id", id_prefix + "-" + name + "-" + lang},
        {"lang", lang},
        {"language", language_name(lang)},
        {"required", lang == "sv" && name != "public_text" && name != "prioritised_area" &&
                         name != "frequency" && name != "indicator_text"},
        {"rtl", lang == "ar" || lang == "fa"},
        {"multiline", long_texts.count(name) > 0},
        {"value", value}};
    if (lang == "sv" || lang == "en") {
      main.push_back(field);
    } else {
      more_open = more_open || !value.empty();
      more.push_back(field);
    }
  }
  return {{"label", ws_text(ui, "ws.promise.field." + name)},
          {"main", main},
          {"more", more},
          {"more_open", more_open}};
}

std::string target_text(const std::string& lang, const std::optional<app::CountableTarget>& t) {
  if (!t) return "";
  return ws_text(
      lang, "ws.promise.target_text",
      {{"count", std::to_string(t->count)},
       {"unit", ws_text(lang, "ws.promise.unit." + std::string(app::period_unit_name(t->unit)))}});
}

std::string indicator_text(Names& names, const std::string& lang, const std::string& survey,
                           const app::Indicator& ind) {
  switch (ind.kind) {
    case app::Indicator::Kind::survey_indicator:
      return ws_text(lang, "ws.promise.indicator_survey",
                     {{"indicator", names.indicator(survey, ind.indicator_id)},
                      {"area", names.area(survey, ind.area)}});
    case app::Indicator::Kind::count:
      return ws_text(lang, "ws.promise.indicator_count",
                     {{"what", text_view(ind.texts, lang).value("text", "")}});
    case app::Indicator::Kind::text:
      break;
  }
  return text_view(ind.texts, lang).value("text", "");
}

json unit_options(const std::string& lang, const std::string& selected) {
  json out = json::array();
  for (auto u : {app::PeriodUnit::year, app::PeriodUnit::half_year, app::PeriodUnit::tertial,
                 app::PeriodUnit::quarter, app::PeriodUnit::month, app::PeriodUnit::week}) {
    const std::string name(app::period_unit_name(u));
    out.push_back({{"value", name},
                   {"label", ws_text(lang, "ws.promise.unit." + name)},
                   {"selected", name == selected}});
  }
  return out;
}

// The activity's form (to add one, or to change one): the same fields.
json activity_form(const std::string& lang, const FormValues& values, const std::string& prefix,
                   const app::ActivityInput& in, const std::vector<app::PromiseParty>& parties,
                   const std::string& survey, Names& names) {
  json f = {
      {"texts", language_fields(values, "text", in.texts, prefix, lang)},
      {"areas", language_fields(values, "prioritised_area", in.prioritised_areas, prefix, lang)},
      {"frequency", language_fields(values, "frequency", in.frequency, prefix, lang)},
      {"prefix", prefix}};
  json ps = json::array();
  for (const auto& p : parties) {
    const std::string id = std::to_string(p.id);
    const bool stored = std::find(in.parties.begin(), in.parties.end(), p.id) != in.parties.end();
    ps.push_back({{"value", id},
                  {"id", prefix + "-party-" + id},
                  {"label", text_view(p.names, lang).value("text", p.code)},
                  {"code", p.code},
                  {"checked", values.checked("party", id, stored)}});
  }
  f["parties"] = ps;
  f["target_count"] = values("target_count", in.target ? std::to_string(in.target->count) : "");
  f["units"] = unit_options(
      lang, values("target_unit", in.target ? std::string(app::period_unit_name(in.target->unit))
                                            : std::string("year")));
  const std::string kind =
      values("indicator_kind", std::string(app::indicator_kind_name(in.indicator.kind)));
  f["kinds"] = json::array();
  for (const char* k : {"survey_indicator", "count", "text"}) {
    f["kinds"].push_back({{"value", k},
                          {"id", prefix + "-kind-" + k},
                          {"label", ws_text(lang, std::string("ws.promise.kind.") + k)},
                          {"checked", kind == k}});
  }
  // The survey's indicators and areas to choose from (the stored one kept
  // when the survey no longer has it).
  const std::string chosen_id = values("indicator_id", in.indicator.indicator_id);
  const std::string chosen_area = values("indicator_area", in.indicator.area);
  json ids = json::array(), areas = json::array();
  bool found = false;
  if (const auto* s = names.survey(survey)) {
    for (const auto& id : s->indicators) {
      found = found || id == chosen_id;
      ids.push_back({{"value", id},
                     {"label", indicator_label(lang, *s->q, s->codebook, id)},
                     {"selected", id == chosen_id}});
    }
    areas.push_back({{"value", ""},
                     {"label", ws_text(lang, "ws.promise.whole_survey")},
                     {"selected", chosen_area.empty()}});
    for (const auto& a : s->q->areas)
      areas.push_back({{"value", a.id},
                       {"label", area_name(*s->q, a.id, lang)},
                       {"selected", a.id == chosen_area}});
  }
  if (!found && !chosen_id.empty())
    ids.push_back({{"value", chosen_id}, {"label", chosen_id}, {"selected", true}});
  f["indicator_ids"] = ids;
  f["indicator_areas"] = areas;
  f["has_indicators"] = !ids.empty();
  f["indicator_id"] = chosen_id;
  f["indicator_area"] = chosen_area;
  f["indicator_texts"] =
      language_fields(values, "indicator_text", in.indicator.texts, prefix, lang);
  f["survey"] = survey;
  return f;
}

json figures_view(const std::string& lang, const app::FocusSource& s, Names& names) {
  json v = {{"survey", s.survey},
            {"scope", names.area(s.survey, s.area.value_or(""))},
            {"theme", names.theme(s.survey, s.theme)}};
  const json f = json::parse(s.figures, nullptr, false);
  if (!f.is_object() || !f.contains("priority") || !f["priority"].is_object()) return v;
  const json& p = f["priority"];
  json items = json::array();
  if (p.contains("rank") && p["rank"].is_number())
    items.push_back(
        ws_text(lang, "ws.promise.fig_rank", {{"rank", std::to_string(p["rank"].get<int>())}}));
  if (p.contains("problem_share") && p["problem_share"].is_number())
    items.push_back(
        ws_text(lang, "ws.promise.fig_problem",
                {{"share", format_percent(lang, p["problem_share"].get<double>(), 0)}}));
  if (p.contains("mention_share") && p["mention_share"].is_number())
    items.push_back(
        ws_text(lang, "ws.promise.fig_mention",
                {{"share", format_percent(lang, p["mention_share"].get<double>(), 0)}}));
  if (p.contains("n") && p["n"].is_number())
    items.push_back(
        ws_text(lang, "ws.promise.fig_n", {{"n", std::to_string(p["n"].get<int64_t>())}}));
  v["items"] = items;
  json ids = json::array();
  if (p.contains("quote_ids") && p["quote_ids"].is_array())
    for (const auto& id : p["quote_ids"])
      if (id.is_string()) ids.push_back(id);
  v["quote_ids"] = ids;
  return v;
}

json follow_up_view(const std::string& lang, const app::FollowUp& f) {
  return {{"id", f.id},
          {"date", f.date},
          {"done", f.done_count},
          {"status", ws_text(lang, "ws.promise.fu_status." +
                                       std::string(app::follow_up_status_name(f.status)))},
          {"status_class", std::string(app::follow_up_status_name(f.status))},
          {"public_text", text_view(f.public_texts, lang)},
          {"has_public_text", !f.public_texts.empty()},
          {"note", f.internal_note},
          {"published", f.published},
          {"publish_value", f.published ? "0" : "1"},
          {"publish_button",
           ws_text(lang, f.published ? "ws.promise.fu_unpublish" : "ws.promise.fu_publish")},
          {"by", f.recorded_by},
          {"at", time_view(f.recorded_at)}};
}

json status_options(const std::string& lang, app::PromiseStatus from) {
  json out = json::array();
  for (auto to : {app::PromiseStatus::draft, app::PromiseStatus::adopted,
                  app::PromiseStatus::published, app::PromiseStatus::evaluated}) {
    if (to == from || !app::promise_transition_allowed(from, to)) continue;
    const std::string name(app::promise_status_name(to));
    out.push_back({{"value", name}, {"button", ws_text(lang, "ws.promise.to." + name)}});
  }
  return out;
}

std::string verdict_text(const std::string& lang, const std::string& verdict) {
  return ws_text(lang, "ws.promise.verdict." + verdict);
}

// The kommun's parties by id, named in `lang` (else Swedish, else their code).
std::map<int64_t, std::string> party_names(const std::vector<app::PromiseParty>& parties,
                                           const std::string& lang) {
  std::map<int64_t, std::string> out;
  for (const auto& party : parties)
    out[party.id] = text_view(party.names, lang).value("text", party.code);
  return out;
}

// "KSF, polis": who is responsible for an activity.
std::string parties_text(const std::vector<int64_t>& ids,
                         const std::map<int64_t, std::string>& party_name) {
  std::string out;
  for (int64_t id : ids) {
    auto it = party_name.find(id);
    out += (out.empty() ? "" : ", ") + (it == party_name.end() ? std::to_string(id) : it->second);
  }
  return out;
}

// What the promise page and the annual report say of the promise itself.
void add_header_view(json& v, const std::string& lang, const app::Promise& p,
                     const std::map<int64_t, std::string>& party_name) {
  v["id"] = p.id;
  v["path"] = promise_path(p.id);
  v["promise_title"] = text_view(p.header.titles, lang);
  v["kommun"] = p.header.kommun;
  v["period"] =
      p.header.first_year == p.header.last_year
          ? std::to_string(p.header.first_year)
          : std::to_string(p.header.first_year) + "–" + std::to_string(p.header.last_year);
  const std::string status(app::promise_status_name(p.status));
  v["status"] = {{"key", status}, {"label", ws_text(lang, "ws.promise.status." + status)}};
  v["signatories"] = parties_text(p.header.parties, party_name);
}

}  // namespace

app::IndicatorWords indicator_words(app::Services& services, const app::Promise& promise) {
  std::string survey;
  for (const auto& fa : promise.focus_areas)
    if (survey.empty()) survey = first_survey(fa);
  auto names = std::make_shared<std::map<std::string, Names>>();
  return [&services, survey, names](const app::Indicator& ind, const std::string& lang) {
    auto it = names->find(lang);
    if (it == names->end()) it = names->emplace(lang, Names(services, lang)).first;
    return indicator_text(it->second, lang, survey, ind);
  };
}

std::string promise_path(int64_t id) {
  return "/workspace/promises/" + std::to_string(id);
}

json text_view(const app::Texts& texts, const std::string& lang) {
  if (auto it = texts.find(lang); it != texts.end())
    return {{"text", it->second}, {"lang", lang}, {"fallback", false}};
  if (auto it = texts.find("sv"); it != texts.end())
    return {{"text", it->second}, {"lang", "sv"}, {"fallback", lang != "sv"}};
  return {{"text", ""}, {"lang", lang}, {"fallback", false}};
}

void add_promise_view(json& v, WorkspaceRoutes& r, WorkspaceRequest& w, const app::Promise& p,
                      const PageState& state) {
  const std::string& lang = w.lang();
  const app::Access access = w.session.access();
  const bool may_edit = access.may(app::Permission::edit_analysis);
  const bool may_read_text = access.may(app::Permission::view_free_text);
  const bool draft = p.status == app::PromiseStatus::draft;
  const bool following =
      p.status == app::PromiseStatus::adopted || p.status == app::PromiseStatus::published;
  const bool evaluating = p.status == app::PromiseStatus::published;
  auto& services = r.app();
  Names names(services, lang);
  const auto parties = app::promise_parties(services, p.header.kommun);
  auto party_name = party_names(parties, lang);
  add_header_view(v, lang, p, party_name);
  v["updated"] = {{"by", p.updated_by}, {"at", time_view(p.updated_at)}};
  v["may_edit"] = may_edit;
  v["editing"] = may_edit && draft;
  v["following"] = may_edit && following;
  v["evaluating"] = may_edit && evaluating;
  v["is_public"] =
      p.status == app::PromiseStatus::published || p.status == app::PromiseStatus::evaluated;
  v["public_path"] = "/promise/" + std::to_string(p.id);
  if (may_edit) v["transitions"] = status_options(lang, p.status);
  if (!state.notice.empty()) v["notice"] = ws_text(lang, state.notice);
  if (!state.problems.is_null()) v["problems"] = state.problems;

  // The header's form and the kommun's party list (drafts).
  const FormValues header_values{state, "header"};
  v["header_form"] = {
      {"titles", language_fields(header_values, "title", p.header.titles, "header", lang)},
      {"first_year", header_values("first_year", std::to_string(p.header.first_year))},
      {"last_year", header_values("last_year", std::to_string(p.header.last_year))}};
  json party_list = json::array();
  for (const auto& party : parties) {
    const std::string id = std::to_string(party.id);
    const bool signed_by = std::find(p.header.parties.begin(), p.header.parties.end(), party.id) !=
                           p.header.parties.end();
    party_list.push_back({{"value", id},
                          {"id", "header-party-" + id},
                          {"label", party_name[party.id]},
                          {"code", party.code},
                          {"kind", ws_text(lang, "ws.promise.party_kind." + party.kind)},
                          {"checked", header_values.checked("party", id, signed_by)}});
  }
  v["header_form"]["parties"] = party_list;
  v["parties"] = party_list;
  v["has_parties"] = !party_list.empty();
  const FormValues party_values{state, "party"};
  v["party_form"] = {{"code", party_values("code", "")},
                     {"names", language_fields(party_values, "name", {}, "party", lang)}};
  json kinds = json::array();
  for (const char* k : {"kommun", "police", "external"})
    kinds.push_back({{"value", k},
                     {"label", ws_text(lang, std::string("ws.promise.party_kind.") + k)},
                     {"selected", party_values("kind", "kommun") == k}});
  v["party_form"]["kinds"] = kinds;

  // Surveys a focus area may be evaluated against: any but its own.
  const auto surveys = services.surveys().all();

  json areas = json::array();
  size_t position = 0;
  for (const auto& fa : p.focus_areas) {
    ++position;
    const std::string survey = first_survey(fa);
    const std::string fa_id = std::to_string(fa.id);
    json f = {{"id", fa.id},
              {"anchor", "fa-" + fa_id},
              {"number", position},
              {"first", position == 1},
              {"last", position == p.focus_areas.size()},
              {"title", text_view(fa.titles, lang)}};
    const FormValues title_values{state, "fa-" + fa_id};
    f["title_fields"] = language_fields(title_values, "title", fa.titles, "fa-" + fa_id, lang);

    json sources = json::array();
    for (const auto& s : fa.sources) {
      json sv = figures_view(lang, s, names);
      // The evidence quotes: for those who may read residents' words, each
      // with its button to publish it with the focus area.
      if (may_read_text) {
        json quotes = json::array();
        size_t shown = 0;
        for (const auto& id : sv["quote_ids"]) {
          for (const auto& t : app::resident_texts(services, s.survey, id.get<std::string>())) {
            if (shown++ >= 2) break;
            quotes.push_back({{"record", id}, {"text", t.text}, {"lang", t.lang}});
          }
        }
        sv["quotes"] = quotes;
        sv["has_quotes"] = !quotes.empty();
      }
      sources.push_back(sv);
    }
    f["sources"] = sources;
    f["has_sources"] = !sources.empty();
    f["show_quotes"] = may_read_text;
    f["may_publish_quotes"] =
        may_edit && may_read_text && p.status != app::PromiseStatus::evaluated;
    json quotes = json::array();
    for (const auto& q : fa.quotes)
      quotes.push_back({{"id", q.id}, {"text", q.text}, {"lang", q.lang}, {"by", q.published_by}});
    f["published_quotes"] = quotes;
    f["has_published_quotes"] = !quotes.empty();

    json acts = json::array();
    size_t act_position = 0;
    for (const auto& a : fa.activities) {
      ++act_position;
      const std::string a_id = std::to_string(a.id);
      const std::string who = parties_text(a.input.parties, party_name);
      json av = {{"id", a.id},
                 {"anchor", "act-" + a_id},
                 {"text", text_view(a.input.texts, lang)},
                 {"prioritised_area", text_view(a.input.prioritised_areas, lang)},
                 {"has_prioritised_area", !a.input.prioritised_areas.empty()},
                 {"frequency", text_view(a.input.frequency, lang)},
                 {"has_frequency", !a.input.frequency.empty()},
                 {"target", target_text(lang, a.input.target)},
                 {"indicator", indicator_text(names, lang, survey, a.input.indicator)},
                 {"who", who},
                 {"first", act_position == 1},
                 {"last", act_position == fa.activities.size()}};
      if (may_edit && draft) {
        av["form"] = activity_form(lang, FormValues{state, "act-" + a_id}, "act-" + a_id, a.input,
                                   parties, survey, names);
        av["open"] = state.form == "act-" + a_id;
      }
      json fus = json::array();
      for (const auto& u : a.follow_ups) fus.push_back(follow_up_view(lang, u));
      av["follow_ups"] = fus;
      av["has_follow_ups"] = !fus.empty();
      if (may_edit && following) {
        const FormValues fu{state, "fu-" + a_id};
        json statuses = json::array();
        for (const char* s : {"on_track", "behind", "done", "dropped"})
          statuses.push_back({{"value", s},
                              {"label", ws_text(lang, std::string("ws.promise.fu_status.") + s)},
                              {"selected", fu("status", "on_track") == s}});
        av["follow_up_form"] = {
            {"prefix", "fu-" + a_id},
            {"date", fu("date", "")},
            {"done", fu("done_count", "0")},
            {"statuses", statuses},
            {"public_texts", language_fields(fu, "public_text", {}, "fu-" + a_id, lang)},
            {"note", fu("internal_note", "")},
            {"published", fu.checked("published", "1", false)}};
      }
      acts.push_back(av);
    }
    f["activities"] = acts;
    f["has_activities"] = !acts.empty();
    if (may_edit && draft) {
      // A new activity follows up the theme's survey indicator in its area:
      // the analysts change it where the activity is measured otherwise.
      app::ActivityInput fresh;
      if (!fa.sources.empty()) {
        fresh.indicator.kind = app::Indicator::Kind::survey_indicator;
        fresh.indicator.indicator_id = "theme_" + fa.sources.front().theme;
        fresh.indicator.area = fa.sources.front().area.value_or("");
      }
      f["new_activity"] = activity_form(lang, FormValues{state, "new-" + fa_id}, "new-" + fa_id,
                                        fresh, parties, survey, names);
      f["new_open"] = state.form == "new-" + fa_id;
    }

    if (fa.evaluation) {
      const auto& e = *fa.evaluation;
      json rows = json::array();
      for (const auto& i : e.indicators) {
        rows.push_back({{"label", names.indicator(i.earlier_survey, i.indicator_id)},
                        {"scope", names.area(i.earlier_survey, i.area)},
                        {"earlier", i.earlier ? format_percent(lang, *i.earlier, 0) : "–"},
                        {"later", i.later ? format_percent(lang, *i.later, 0) : "–"},
                        {"earlier_n", i.earlier_n},
                        {"later_n", i.later_n},
                        {"p", i.p_value ? format_decimal(lang, *i.p_value, 3) : "–"},
                        {"verdict", verdict_text(lang, i.verdict)},
                        {"verdict_class", i.verdict}});
      }
      f["evaluation"] = {{"later_survey", e.later_survey},
                         {"rows", rows},
                         {"conclusion", text_view(e.conclusions, lang)},
                         {"by", e.evaluated_by},
                         {"at", time_view(e.evaluated_at)}};
    }
    if (may_edit && evaluating) {
      const FormValues ev{state, "eval-" + fa_id};
      json options = json::array();
      const std::string chosen =
          ev("later_survey", fa.evaluation ? fa.evaluation->later_survey : std::string());
      for (const auto& q : surveys) {
        if (q->id == survey) continue;
        options.push_back(
            {{"value", q->id},
             {"label", questionnaire::localized(q->title, lang, q->default_language())},
             {"selected", q->id == chosen}});
      }
      f["evaluation_form"] = {
          {"prefix", "eval-" + fa_id},
          {"surveys", options},
          {"conclusions", language_fields(ev, "conclusion",
                                          fa.evaluation ? fa.evaluation->conclusions : app::Texts{},
                                          "eval-" + fa_id, lang)}};
    }
    areas.push_back(f);
  }
  v["focus_areas"] = areas;
  v["has_focus_areas"] = !areas.empty();
  const FormValues new_fa{state, "new-fa"};
  v["new_focus_area"] = language_fields(new_fa, "title", {}, "new-fa", lang);
}

void add_progress_view(json& v, WorkspaceRoutes& r, const std::string& lang, const app::Promise& p,
                       const app::ReportingPeriod& period) {
  Names names(r.app(), lang);
  const auto progress = app::promise_progress(p, period);
  size_t i = 0, behind = 0;
  json areas = json::array();
  for (const auto& fa : p.focus_areas) {
    json rows = json::array();
    for (const auto& a : fa.activities) {
      const auto& pr = progress.at(i++);
      behind += pr.behind;
      rows.push_back(
          {{"text", text_view(a.input.texts, lang)},
           {"anchor", "act-" + std::to_string(a.id)},
           {"target", target_text(lang, a.input.target)},
           {"planned",
            pr.planned
                ? format_decimal(lang, *pr.planned,
                                 std::fabs(*pr.planned - std::round(*pr.planned)) < 1e-9 ? 0 : 1)
                : "–"},
           {"done", pr.done},
           {"status", pr.latest_status ? ws_text(lang, "ws.promise.fu_status." +
                                                           std::string(app::follow_up_status_name(
                                                               *pr.latest_status)))
                                       : ws_text(lang, "ws.promise.no_follow_up")},
           {"behind", pr.behind}});
    }
    areas.push_back({{"title", text_view(fa.titles, lang)}, {"rows", rows}});
  }
  v["areas"] = areas;
  v["behind_count"] = behind;
  v["summary"] = ws_text(lang, behind ? "ws.promise.progress_behind" : "ws.promise.progress_none",
                         {{"n", std::to_string(behind)}});
  // The periods of the promise's years to choose from.
  json periods = json::array();
  auto add = [&](const std::string& code, const std::string& label) {
    periods.push_back({{"value", code}, {"label", label}, {"selected", false}});
  };
  for (int64_t y = p.header.first_year; y <= p.header.last_year; ++y) {
    const std::string ys = std::to_string(y);
    add(ys, ws_text(lang, "ws.promise.period_year", {{"year", ys}}));
    for (int t = 1; t <= 3; ++t)
      add(ys + "-T" + std::to_string(t),
          ws_text(lang, "ws.promise.period_tertial", {{"n", std::to_string(t)}, {"year", ys}}));
    for (int q = 1; q <= 4; ++q)
      add(ys + "-Q" + std::to_string(q),
          ws_text(lang, "ws.promise.period_quarter", {{"n", std::to_string(q)}, {"year", ys}}));
  }
  std::string chosen = std::to_string(period.year);
  if (period.unit == app::PeriodUnit::tertial) chosen += "-T" + std::to_string(period.index);
  if (period.unit == app::PeriodUnit::quarter) chosen += "-Q" + std::to_string(period.index);
  if (period.unit == app::PeriodUnit::half_year) chosen += "-H" + std::to_string(period.index);
  for (auto& o : periods) o["selected"] = o["value"] == chosen;
  v["periods"] = periods;
  v["period_label"] = period.first_day() + " – " + period.last_day();
}

void add_promise_summary(json& v, WorkspaceRoutes& r, const std::string& lang,
                         const app::Promise& p, const app::ReportingPeriod& period) {
  add_progress_view(v, r, lang, p, period);
  v.erase("periods");  // the progress page's choice of period
  Names names(r.app(), lang);
  const auto party_name = party_names(app::promise_parties(r.app(), p.header.kommun), lang);
  add_header_view(v, lang, p, party_name);
  for (size_t i = 0; i < p.focus_areas.size(); ++i) {
    const auto& fa = p.focus_areas[i];
    json& area = v["areas"][i];
    json sources = json::array();
    for (const auto& s : fa.sources) {
      json sv = figures_view(lang, s, names);
      sv.erase("quote_ids");  // the figures behind the focus area, not whose words
      sources.push_back(sv);
    }
    area["sources"] = sources;
    for (size_t j = 0; j < fa.activities.size(); ++j) {
      const auto& a = fa.activities[j].input;
      json& row = area["rows"][j];
      row["who"] = parties_text(a.parties, party_name);
      row["frequency"] = text_view(a.frequency, lang);
      row["indicator"] = indicator_text(names, lang, first_survey(fa), a.indicator);
    }
  }
}

}  // namespace lyssna::http::promise_view
