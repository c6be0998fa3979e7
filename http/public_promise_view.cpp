// The public promise pages' data (see public_promise_view.hpp). Every text
// of a promise goes through Block::text, which picks the reader's language
// or marks the Swedish fallback; every figure through the small-number rule.
#include "http/public_promise_view.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "analysis/codebook/codebook.hpp"
#include "analysis/stats/proportion.hpp"
#include "app/coding.hpp"
#include "app/surveys.hpp"
#include "assets/assets.hpp"
#include "collector/form/form_view.hpp"
#include "http/public_promise_texts.hpp"
#include "render/catalog.hpp"
#include "reports/option_ranges.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

std::string tr(const std::string& lang, const std::string& key,
               const std::map<std::string, std::string>& params = {}) {
  return render::Catalogs::get().text(lang, key, params);
}

// The rule the reports apply (reports::small_numbers): no share over fewer
// than 5 respondents, a flag under 30. A survey has no threshold of its own.
const analysis::SmallNumbers small = reports::small_numbers(reports::indicator_min_n.fallback);

// One block of the page (the header, a focus area's title, an activity, a
// follow-up ...): its texts in the reader's language, and on the first
// that is not, the "(in Swedish)" marker, so the block says it once.
class Block {
 public:
  explicit Block(const std::string& lang) : lang_(lang) {}
  // A text object of the templates (promise_text.html): tx_text, tx_fb
  // (its lang and dir when it is another language's) and tx_marker, each
  // set, so that a missing one never reads a parent's.
  json text(const std::map<std::string, std::string>& texts) {
    const PickedText p = pick_text(texts, lang_);
    json v = {{"tx_text", p.text}, {"tx_fb", false}, {"tx_marker", ""}};
    if (p.fallback) {
      v["tx_fb"] = {{"fb_lang", p.lang}, {"fb_dir", render::is_rtl(p.lang) ? "rtl" : "ltr"}};
      if (!marked_) {
        v["tx_marker"] = fallback_marker(lang_, p.lang);
        marked_ = true;
      }
    }
    return v;
  }
  // An interface string as a text object: always in the page's language.
  static json plain(const std::string& text) {
    return {{"tx_text", text}, {"tx_fb", false}, {"tx_marker", ""}};
  }

 private:
  const std::string& lang_;
  bool marked_ = false;
};

std::string percent(const std::string& lang, double share) {
  return tr(lang, "promise.percent", {{"value", std::to_string(std::lround(share * 100))}});
}

std::string period_text(const app::PromiseHeader& h) {
  if (h.first_year == h.last_year) return std::to_string(h.first_year);
  return std::to_string(h.first_year) + "\u2013" + std::to_string(h.last_year);
}

// "haninge" -> "Haninge", "upplands-vasby" -> "Upplands-Vasby": the
// kommun's id is all the model holds of its name.
std::string kommun_text(const std::string& id) {
  std::string out = id;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((i == 0 || out[i - 1] == '-') && out[i] >= 'a' && out[i] <= 'z') out[i] -= 'a' - 'A';
  }
  return out;
}

std::string asset_url(const std::string& name) {
  return "/static/" + assets::require("web/static/" + name).hash + "/" + name;
}

std::string number_text(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(std::llround(v));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

// The surveys a promise's focus areas come from, looked up once per page:
// their titles, area names, themes and questions. A survey since deleted
// leaves its ids.
class SurveyLabels {
 public:
  SurveyLabels(app::Services& services, const std::string& lang)
      : services_(services), lang_(lang) {}

  const questionnaire::Questionnaire* survey(const std::string& id) {
    auto [it, added] = surveys_.try_emplace(id);
    if (added) {
      try {
        it->second = app::require_survey(services_, id);
      } catch (const NotFound&) {
      }
    }
    return it->second.get();
  }
  const analysis::Codebook* codebook(const std::string& id) {
    auto [it, added] = codebooks_.try_emplace(id);
    if (added && survey(id))
      it->second = std::make_shared<analysis::Codebook>(app::codebook_of(services_, id));
    return it->second.get();
  }
  json title(Block& block, const std::string& id) {
    const auto* q = survey(id);
    return q ? block.text(q->title) : Block::plain(id);
  }
  // A place name: the area's label (names need no "in Swedish"), or the
  // whole survey.
  std::string place(const std::string& id, const std::string& area) {
    if (area.empty()) return tr(lang_, "promise.whole_survey");
    if (const auto* q = survey(id)) {
      for (const auto& o : q->areas)
        if (o.id == area) return questionnaire::localized(o.label, lang_, q->default_language());
    }
    return area;
  }
  std::string theme(const std::string& id, const std::string& theme) {
    const auto* c = codebook(id);
    return c && c->find(theme) ? c->label(theme, lang_) : theme;
  }
  bool theme_has_items(const std::string& id, const std::string& theme) {
    const auto* c = codebook(id);
    const auto* t = c ? c->find(theme) : nullptr;
    return !t || !t->problem_items.empty();  // unknown: as if it had (suppressed, not left out)
  }
  // An indicator's name: the catalog's for the standard ones, a theme's
  // problem items, else its question's wording.
  std::string indicator(const std::string& survey_id, const std::string& id) {
    const std::string key = "promise.indicator." + id;
    if (std::string t = tr(lang_, key); t != key) return t;
    if (id.rfind("theme_", 0) == 0 && !survey_id.empty())
      return tr(lang_, "promise.indicator_theme", {{"theme", theme(survey_id, id.substr(6))}});
    if (const auto* q = survey_id.empty() ? nullptr : survey(survey_id)) {
      if (const auto* question = q->find_question(id))
        return questionnaire::localized(question->text, lang_, q->default_language());
    }
    return id;
  }

 private:
  app::Services& services_;
  const std::string& lang_;
  std::map<std::string, questionnaire::QuestionnairePtr> surveys_;
  std::map<std::string, std::shared_ptr<analysis::Codebook>> codebooks_;
};

json figure_row(const std::string& label, const std::string& value, bool uncertain,
                const std::string& lang) {
  return {
      {"label", label}, {"value", value}, {"note", uncertain ? tr(lang, "promise.uncertain") : ""}};
}

// What residents told us behind one focus area's source: the priority
// row's aggregates as drafted (app::draft_from_marks stores reports'
// "marked" entry), each share only over enough respondents. Nothing else
// of the figures (who marked it, the quoted records' ids) is shown.
json source_view(Block& block, SurveyLabels& labels, const app::FocusSource& src,
                 const std::string& lang) {
  json v = {{"survey", labels.title(block, src.survey)},
            {"place", labels.place(src.survey, src.area.value_or(""))},
            {"theme", labels.theme(src.survey, src.theme)}};
  json rows = json::array();
  json figures;
  try {
    figures = json::parse(src.figures);
  } catch (const json::parse_error&) {
  }
  const json* priority =
      figures.is_object() && figures.contains("priority") && figures["priority"].is_object()
          ? &figures["priority"]
          : nullptr;
  const std::string suppressed =
      tr(lang, "promise.suppressed", {{"n", std::to_string(small.suppress_below)}});
  if (priority) {
    const int64_t n = priority->value("n", int64_t{0});
    const json& share = priority->contains("problem_share") ? (*priority)["problem_share"] : json();
    const std::string label = tr(lang, "promise.problem_share");
    if (share.is_number() && n >= small.suppress_below) {
      rows.push_back(
          figure_row(label,
                     tr(lang, "promise.share_of_answers",
                        {{"share", percent(lang, share.get<double>())}, {"n", std::to_string(n)}}),
                     n < small.uncertain_below, lang));
    } else if (labels.theme_has_items(src.survey, src.theme)) {
      rows.push_back(figure_row(label, suppressed, false, lang));
    }
    const int64_t texts = figures.value("texts", int64_t{0});
    const double mention = priority->value("mention_share", 0.0);
    const std::string mention_label = tr(lang, "promise.mention_share");
    if (texts >= small.suppress_below) {
      rows.push_back(
          figure_row(mention_label,
                     tr(lang, "promise.share_of_comments",
                        {{"share", percent(lang, mention)}, {"n", std::to_string(texts)}}),
                     texts < small.uncertain_below, lang));
    } else if (texts > 0) {
      rows.push_back(figure_row(mention_label, suppressed, false, lang));
    }
  }
  v["has_rows"] = !rows.empty();
  v["rows"] = rows;
  v["no_figures"] = rows.empty() ? tr(lang, "promise.no_figures") : "";
  return v;
}

json indicator_view(Block& block, SurveyLabels& labels, const app::Indicator& ind,
                    const std::string& survey, const std::string& lang) {
  switch (ind.kind) {
    case app::Indicator::Kind::survey_indicator: {
      const std::string name = labels.indicator(survey, ind.indicator_id);
      const std::string lead =
          ind.area.empty() ? tr(lang, "promise.indicator.survey", {{"indicator", name}})
                           : tr(lang, "promise.indicator.survey_area",
                                {{"indicator", name}, {"area", labels.place(survey, ind.area)}});
      return {{"lead", lead}, {"what", nullptr}};
    }
    case app::Indicator::Kind::count:
      return {{"lead", tr(lang, "promise.indicator.count")},
              {"what", pick_text(ind.texts, lang).text.empty() ? json() : block.text(ind.texts)}};
    case app::Indicator::Kind::text:
      break;
  }
  return {{"lead", ""}, {"what", block.text(ind.texts)}};
}

json party_list(Block& block, const std::map<int64_t, const app::PromiseParty*>& parties,
                const std::vector<int64_t>& ids) {
  json out = json::array();
  for (int64_t id : ids) {
    auto it = parties.find(id);
    if (it == parties.end()) continue;
    out.push_back(block.text(it->second->names));
  }
  return out;
}

json follow_up_view(const app::FollowUp& f, bool counted, const std::string& lang) {
  Block block(lang);
  const std::string status(app::follow_up_status_name(f.status));
  json v = {{"id", f.id},
            {"date", f.date},
            {"status", status},
            {"status_text", tr(lang, "promise.follow_up." + status)},
            {"done_text",
             counted || f.done_count > 0
                 ? tr(lang, "promise.follow_up.count", {{"count", std::to_string(f.done_count)}})
                 : ""},
            {"public", nullptr}};
  if (!pick_text(f.public_texts, lang).text.empty()) v["public"] = block.text(f.public_texts);
  return v;
}

// Done against planned over the promise's whole period: the years' sums.
struct WholePeriod {
  std::optional<double> planned;
  int64_t done = 0;
};
std::map<int64_t, WholePeriod> whole_period(const app::Promise& p) {
  std::map<int64_t, WholePeriod> out;
  for (int64_t year = p.header.first_year; year <= p.header.last_year; ++year) {
    for (const auto& a : app::promise_progress(p, {year, app::PeriodUnit::year, 1})) {
      auto& w = out[a.activity];
      if (a.planned) w.planned = w.planned.value_or(0) + *a.planned;
      w.done += a.done;
    }
  }
  return out;
}

std::string share_cell(const std::optional<double>& share, int64_t n, const std::string& lang) {
  if (!share || n < small.suppress_below) return tr(lang, "promise.eval.too_few");
  return tr(lang, "promise.eval.share",
            {{"share", percent(lang, *share)}, {"n", std::to_string(n)}});
}

json evaluation_view(SurveyLabels& labels, const app::FocusArea& fa,
                     const std::map<int64_t, WholePeriod>& progress, const std::string& lang) {
  const app::FocusEvaluation& e = *fa.evaluation;
  Block block(lang);
  json indicators = json::array();
  for (const auto& ind : e.indicators) {
    const std::string& survey = ind.later_survey.empty() ? ind.earlier_survey : ind.later_survey;
    indicators.push_back({{"label", labels.indicator(survey, ind.indicator_id)},
                          {"place", labels.place(survey, ind.area)},
                          {"before", share_cell(ind.earlier, ind.earlier_n, lang)},
                          {"before_survey", labels.title(block, ind.earlier_survey)},
                          {"after", share_cell(ind.later, ind.later_n, lang)},
                          {"after_survey", labels.title(block, ind.later_survey)},
                          {"verdict", ind.verdict},
                          {"verdict_text", tr(lang, "promise.verdict." + ind.verdict)}});
  }
  json activities = json::array();
  for (const auto& a : fa.activities) {
    Block row(lang);
    auto it = progress.find(a.id);
    const WholePeriod w = it == progress.end() ? WholePeriod{} : it->second;
    activities.push_back(
        {{"what", row.text(a.input.texts)},
         {"planned", w.planned ? number_text(*w.planned) : tr(lang, "promise.eval.no_target")},
         {"done", std::to_string(w.done)}});
  }
  Block conclusion(lang);
  return {{"indicators", indicators},
          {"has_indicators", !indicators.empty()},
          {"has_activities", !activities.empty()},
          {"activities", activities},
          {"conclusion",
           pick_text(e.conclusions, lang).text.empty() ? json() : conclusion.text(e.conclusions)}};
}

json switcher(const std::string& path, const std::string& lang) {
  const auto& catalogs = render::Catalogs::get();
  json out = json::array();
  for (const auto& l : public_languages()) {
    out.push_back({{"code", l},
                   {"name", catalogs.text(l, "lang.name")},
                   {"dir", render::is_rtl(l) ? "rtl" : "ltr"},
                   {"current", l == lang},
                   {"href", path + "?lang=" + l}});
  }
  return {{"as_buttons", false}, {"languages", out}};
}

// What every public promise page shares: form::base_view's language,
// direction, catalog and stylesheet, the promise pages' own stylesheet and
// the switcher to `path` in the other languages.
json base(const std::string& lang, const std::string& title, const std::string& path) {
  json v = form::base_view(lang, title);
  v["promise_css"] = asset_url("promise.css");
  v["switcher"] = switcher(path, lang);
  v["list_href"] = "/promise?lang=" + lang;
  return v;
}

}  // namespace

const std::vector<std::string>& public_languages() {
  static const std::vector<std::string> languages = {"sv", "en", "ar", "so", "fi", "fa"};
  return languages;
}

bool is_public_promise(app::PromiseStatus status) {
  return status == app::PromiseStatus::published || status == app::PromiseStatus::evaluated;
}

std::vector<app::Promise> public_promises(app::Services& services) {
  auto all = app::list_promises(services, "");
  std::erase_if(all, [](const app::Promise& p) { return !is_public_promise(p.status); });
  std::sort(all.begin(), all.end(), [](const app::Promise& a, const app::Promise& b) {
    if (a.header.last_year != b.header.last_year) return a.header.last_year > b.header.last_year;
    if (a.header.first_year != b.header.first_year)
      return a.header.first_year > b.header.first_year;
    return a.id > b.id;
  });
  return all;
}

std::string promise_path(const app::Promise& promise) {
  return "/promise/" + std::to_string(promise.id);
}

std::string promise_feed_path(const app::Promise& promise) {
  return promise_path(promise) + "/feed.atom";
}

json promise_list_view(app::Services& services, const std::string& lang) {
  json v = base(lang, tr(lang, "promise.list_title"), "/promise");
  json items = json::array();
  for (const auto& p : public_promises(services)) {
    Block block(lang);
    items.push_back(
        {{"href", promise_path(p) + "?lang=" + lang},
         {"title", block.text(p.header.titles)},
         {"kommun", kommun_text(p.header.kommun)},
         {"period", period_text(p.header)},
         {"status_text",
          tr(lang, "promise.status." + std::string(app::promise_status_name(p.status)))}});
  }
  v["promises"] = items;
  v["none"] = items.empty();
  return v;
}

json promise_page_view(app::Services& services, const app::Promise& p, const std::string& lang) {
  const auto parties = app::promise_parties(services, p.header.kommun);
  std::map<int64_t, const app::PromiseParty*> by_id;
  for (const auto& party : parties) by_id[party.id] = &party;
  SurveyLabels labels(services, lang);

  Block header(lang);
  json title = header.text(p.header.titles);
  json v = base(lang, title["tx_text"].get<std::string>(), promise_path(p));
  v["promise"] = {{"title", title},
                  {"kommun", kommun_text(p.header.kommun)},
                  {"period", period_text(p.header)},
                  {"status", std::string(app::promise_status_name(p.status))},
                  {"status_text",
                   tr(lang, "promise.status." + std::string(app::promise_status_name(p.status)))},
                  {"parties", party_list(header, by_id, p.header.parties)}};
  v["feed_href"] = promise_feed_path(p) + "?lang=" + lang;
  v["feed_title"] =
      tr(lang, "promise.feed_title", {{"title", title["tx_text"].get<std::string>()}});

  const bool evaluated = p.status == app::PromiseStatus::evaluated;
  const auto progress = evaluated ? whole_period(p) : std::map<int64_t, WholePeriod>{};
  json areas = json::array();
  json contents = json::array();
  for (const auto& fa : p.focus_areas) {
    Block block(lang);
    const std::string anchor = "focus-" + std::to_string(fa.id);
    json fav = {{"anchor", anchor}, {"title", block.text(fa.titles)}};
    contents.push_back({{"href", "#" + anchor}, {"title", fav["title"]}});
    json sources = json::array();
    for (const auto& src : fa.sources) {
      Block source_block(lang);
      sources.push_back(source_view(source_block, labels, src, lang));
    }
    fav["sources"] = sources;
    json quotes = json::array();
    for (const auto& q : fa.quotes) {
      quotes.push_back({{"text", q.text},
                        {"quote_lang", q.lang},
                        {"quote_dir", render::is_rtl(q.lang) ? "rtl" : "ltr"}});
    }
    fav["has_quotes"] = !quotes.empty();
    fav["quotes"] = quotes;
    fav["has_residents"] = !sources.empty() || !quotes.empty();
    const std::string survey = fa.sources.empty() ? std::string() : fa.sources.front().survey;
    json activities = json::array();
    for (const auto& a : fa.activities) {
      Block ab(lang);
      const auto& in = a.input;
      json av = {{"id", a.id},
                 {"what", ab.text(in.texts)},
                 {"prioritised", pick_text(in.prioritised_areas, lang).text.empty()
                                     ? json()
                                     : ab.text(in.prioritised_areas)},
                 {"who", party_list(ab, by_id, in.parties)},
                 {"how_often",
                  pick_text(in.frequency, lang).text.empty() ? json() : ab.text(in.frequency)},
                 {"target", in.target ? tr(lang,
                                           "promise.target." +
                                               std::string(app::period_unit_name(in.target->unit)),
                                           {{"count", std::to_string(in.target->count)}})
                                      : ""},
                 {"indicator", indicator_view(ab, labels, in.indicator, survey, lang)}};
      json follow_ups = json::array();
      // Newest first; only what was published, and of it only the public text.
      for (auto it = a.follow_ups.rbegin(); it != a.follow_ups.rend(); ++it) {
        if (it->published) follow_ups.push_back(follow_up_view(*it, in.target.has_value(), lang));
      }
      av["has_follow_ups"] = !follow_ups.empty();
      av["follow_ups"] = follow_ups;
      activities.push_back(std::move(av));
    }
    fav["activities"] = activities;
    fav["evaluation"] =
        evaluated && fa.evaluation ? evaluation_view(labels, fa, progress, lang) : json();
    areas.push_back(std::move(fav));
  }
  v["focus_areas"] = areas;
  v["has_contents"] = contents.size() > 1;  // one focus area needs no list of them
  v["contents"] = contents;
  v["small_note"] = tr(lang, "promise.small_note", {{"n", std::to_string(small.suppress_below)}});
  return v;
}

json promise_not_found_view(const std::string& lang) {
  json v = base(lang, tr(lang, "promise.not_found_title"), "/promise");
  v["heading"] = tr(lang, "promise.not_found_title");
  v["body"] = tr(lang, "promise.not_found_body");
  return v;
}

}  // namespace lyssna::http
