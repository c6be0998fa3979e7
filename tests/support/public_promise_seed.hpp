// A citizen promise as Haninge's (seeds 001 and 004) made through the
// application layer, for the tests of the public promise page: published,
// with follow-ups published and not, internal notes, figures behind each
// focus area (one source too small to show) and texts in some languages
// only, so that the fallback to Swedish shows. Beside it an adopted and a
// draft promise, which are not public. Every text that must never reach
// the public carries a marker of `secrets`.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/promise.hpp"
#include "app/services.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "util/errors.hpp"

namespace lyssna::test {

struct SeededPromise {
  int64_t published = 0, adopted = 0, draft = 0;
  int64_t follow_up = 0;         // published, with a public text
  int64_t hidden_follow_up = 0;  // recorded, not published
  std::vector<int64_t> focus_areas;
};

// Texts that must never reach the public pages or the feed.
inline const std::vector<std::string>& promise_secrets() {
  static const std::vector<std::string> secrets = {
      "qzxnote",     // internal notes
      "qzxdraft",    // an unpublished follow-up's public text
      "qzxmarker",   // who marked the priority (in the stored figures)
      "qzxrecord",   // the quoted records' ids (in the stored figures)
      "qzxadopted",  // the adopted promise's title
      "qzxdraftpromise"};
  return secrets;
}

// The standard survey the focus areas come from, unless it exists.
inline void ensure_promise_survey(app::Services& s) {
  try {
    app::require_survey(s, "trygghet-2026");
  } catch (const NotFound&) {
    questionnaire::TemplateOptions o;
    o.survey_id = "trygghet-2026";
    o.areas = questionnaire::parse_area_list("handen,jordbro,vasterhaninge=Västerhaninge");
    app::save_survey(s, app::Actor{"test"}, questionnaire::build_from_template("trygghet", o),
                     false, "test");
  }
}

// The figures as app::draft_from_marks stores them (reports' "marked" entry).
inline std::string promise_figures(const std::string& area, const std::string& theme, int64_t n,
                                   double problem, double mention, int64_t texts) {
  return nlohmann::json{{"area", area.empty() ? nlohmann::json() : nlohmann::json(area)},
                        {"theme", theme},
                        {"label", theme},
                        {"marked_at", "2026-02-01T09:00:00Z"},
                        {"marked_by", "qzxmarker"},
                        {"priority",
                         {{"rank", 1},
                          {"theme", theme},
                          {"score", 0.9},
                          {"problem_share", problem},
                          {"problem_share_ci", {problem - 0.05, problem + 0.05}},
                          {"mention_share", mention},
                          {"n", n},
                          {"mentions", static_cast<int64_t>(mention * texts)},
                          {"survey_signal", 1.0},
                          {"dialogue_signal", 1.0},
                          {"quote_ids", {"qzxrecord-1"}}}},
                        {"n", n},
                        {"texts", texts},
                        {"weighted", false}}
      .dump();
}

inline SeededPromise seed_public_promise(app::Services& s) {
  ensure_promise_survey(s);
  const app::Actor anna{"anna"};
  SeededPromise out;
  const int64_t sbf = app::add_promise_party(
      s, anna, "haninge", "SBF", "kommun",
      {{"sv", "Samhällsbyggnadsförvaltningen"}, {"en", "Urban Development"}});
  const int64_t ksf = app::add_promise_party(s, anna, "haninge", "KSF", "kommun",
                                             {{"sv", "Kommunstyrelseförvaltningen"}});
  const int64_t polis = app::add_promise_party(s, anna, "haninge", "polis", "police",
                                               {{"sv", "Lokalpolisområde Haninge/Nynäshamn"},
                                                {"en", "Haninge/Nynäshamn local police"},
                                                {"ar", "منطقة الشرطة المحلية هانينغه/نينيسهامن"}});

  app::PromiseHeader h{"haninge",
                       2026,
                       2026,
                       {{"sv", "Medborgarlöfte för Haninge 2026"},
                        {"en", "Citizen promise for Haninge 2026"},
                        {"ar", "وعد للسكان في هانينغه 2026"},
                        {"fa", "تعهد به شهروندان هانینگه ۲۰۲۶"}},
                       {sbf, ksf, polis}};
  out.published = app::create_promise(s, anna, h);

  const int64_t place = app::add_focus_area(
      s, anna, out.published,
      {{"sv", "Trygghet i offentlig miljö"},
       {"en", "Safety in public places"},
       {"ar", "الأمان في الأماكن العامة"}},
      {{"trygghet-2026", std::string("jordbro"), "lighting_environment",
        promise_figures("jordbro", "lighting_environment", 120, 0.34, 0.12, 80)},
       {"trygghet-2026", std::string("vasterhaninge"), "lighting_environment",
        promise_figures("vasterhaninge", "lighting_environment", 3, 0.67, 0.5, 2)}});
  const int64_t traffic =
      app::add_focus_area(s, anna, out.published, {{"sv", "Trafik"}, {"en", "Traffic"}},
                          {{"trygghet-2026", std::nullopt, "traffic",
                            promise_figures("", "traffic", 410, 0.41, 0.22, 290)}});
  const int64_t dialogue =
      app::add_focus_area(s, anna, out.published, {{"sv", "Trygghetsdialoger"}});
  out.focus_areas = {place, traffic, dialogue};

  app::ActivityInput inventories;
  inventories.texts = {{"sv",
                        "Gemensamma trygghetsinventeringar i kommundelar som väljs utifrån "
                        "trygghetsmätningen"},
                       {"en", "Joint safety walks in the districts the safety survey points to"}};
  inventories.prioritised_areas = {{"sv", "Otrygga platser"}};
  inventories.parties = {sbf, polis};
  inventories.frequency = {{"sv", "två per halvår"}, {"en", "twice every six months"}};
  inventories.target = app::CountableTarget{2, app::PeriodUnit::half_year};
  inventories.indicator.kind = app::Indicator::Kind::survey_indicator;
  inventories.indicator.indicator_id = "unsafe_night";
  inventories.indicator.area = "jordbro";
  const int64_t a1 = app::add_activity(s, anna, place, inventories);

  app::ActivityInput weekly;
  weekly.texts = {{"sv", "Veckovisa utsättningar (fredagar) med delning av operativ lägesbild"}};
  weekly.parties = {ksf, polis};
  weekly.frequency = {{"sv", "varje vecka"}};
  weekly.target = app::CountableTarget{1, app::PeriodUnit::week};
  weekly.indicator.kind = app::Indicator::Kind::count;
  weekly.indicator.texts = {{"sv", "antal utsättningar"}, {"en", "number of briefings"}};
  const int64_t a2 = app::add_activity(s, anna, place, weekly);

  app::ActivityInput meetings;
  meetings.texts = {{"sv", "Samordnade och strukturerade möten mellan polis och kommun"},
                    {"en", "Coordinated, structured meetings of the police and the municipality"}};
  meetings.prioritised_areas = {{"sv", "Kartläggning av trafikmiljöer"},
                                {"en", "Mapping traffic environments"}};
  meetings.parties = {sbf, polis};
  meetings.frequency = {{"sv", "4 gånger per år"}, {"en", "4 times a year"}};
  meetings.target = app::CountableTarget{4, app::PeriodUnit::year};
  meetings.indicator.kind = app::Indicator::Kind::text;
  meetings.indicator.texts = {{"sv", "Återrapportering vid varje samverkansmöte"}};
  const int64_t a3 = app::add_activity(s, anna, traffic, meetings);

  app::ActivityInput dialogues;
  dialogues.texts = {
      {"sv", "Minst fyra trygghetsdialoger i olika delar av kommunen"},
      {"en", "At least four safety dialogues in different parts of the municipality"},
      {"ar", "أربعة حوارات أمان على الأقل في أنحاء مختلفة من البلدية"}};
  dialogues.parties = {ksf, polis};
  dialogues.target = app::CountableTarget{4, app::PeriodUnit::year};
  dialogues.indicator.kind = app::Indicator::Kind::count;
  dialogues.indicator.texts = {{"sv", "antal dialoger"}};
  const int64_t a4 = app::add_activity(s, anna, dialogue, dialogues);

  app::set_promise_status(s, anna, out.published, app::PromiseStatus::adopted);
  app::set_promise_status(s, anna, out.published, app::PromiseStatus::published);

  app::FollowUpInput f;
  f.date = "2026-03-20";
  f.done_count = 2;
  f.status = app::FollowUpStatus::on_track;
  f.public_texts = {{"sv",
                     "Två trygghetsinventeringar i Jordbro & Handen <med> belysningen som "
                     "fråga."},
                    {"en", "Two safety walks in Jordbro & Handen <with> lighting as the issue."}};
  f.internal_note = "qzxnote: the lamp contractor is late";
  f.published = true;
  out.follow_up = app::record_follow_up(s, anna, a1, f);

  f.date = "2026-04-02";
  f.done_count = 1;
  f.status = app::FollowUpStatus::behind;
  f.public_texts = {{"sv", "qzxdraft: inte klart att publicera"}};
  f.internal_note = "qzxnote again";
  f.published = false;
  out.hidden_follow_up = app::record_follow_up(s, anna, a1, f);

  f.date = "2026-03-31";
  f.done_count = 13;
  f.status = app::FollowUpStatus::on_track;
  f.public_texts = {{"sv", "Utsättningar varje fredag under första kvartalet."}};
  f.internal_note = "qzxnote three";
  f.published = true;
  app::record_follow_up(s, anna, a2, f);

  f.date = "2026-04-15";
  f.done_count = 1;
  f.status = app::FollowUpStatus::done;
  f.public_texts = {{"sv", "Första dialogen hölls i Jordbro centrum."},
                    {"ar", "عُقد الحوار الأول في مركز يوردبرو."}};
  f.internal_note = "";
  f.published = true;
  app::record_follow_up(s, anna, a4, f);
  (void)a3;

  // Not public: an adopted promise of another kommun and a draft.
  const int64_t other = app::add_promise_party(s, anna, "nynashamn", "polis", "police",
                                               {{"sv", "Polisen i Nynäshamn"}});
  app::PromiseHeader adopted{"nynashamn", 2026, 2026, {{"sv", "qzxadopted löfte"}}, {other}};
  out.adopted = app::create_promise(s, anna, adopted);
  const int64_t fa = app::add_focus_area(s, anna, out.adopted, {{"sv", "Trafik"}});
  app::ActivityInput a;
  a.texts = {{"sv", "Hastighetskontroller"}};
  a.parties = {other};
  a.indicator.kind = app::Indicator::Kind::count;
  app::add_activity(s, anna, fa, a);
  app::set_promise_status(s, anna, out.adopted, app::PromiseStatus::adopted);
  app::PromiseHeader draft{"haninge", 2027, 2027, {{"sv", "qzxdraftpromise 2027"}}, {sbf}};
  out.draft = app::create_promise(s, anna, draft);
  return out;
}

}  // namespace lyssna::test
