// The demo's citizen promise (see demo_promise.hpp). Texts in the style of
// Haninge's promise and its cooperation agreement (Bilaga 2: focus area,
// prioritised area, activity, coordinating responsibility, frequency,
// follow-up), one activity for each theme the survey may put on top.
#include "cli/demo_promise.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <vector>

#include "app/priority_blend.hpp"
#include "app/priority_marks.hpp"
#include "app/promise.hpp"
#include "app/survey_analysis.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::cli {
namespace {

using app::PeriodUnit;
using app::Texts;

constexpr size_t demo_focus_areas = 3;

const Texts demo_title = {
    {"sv", "Medborgarlöfte 2026 – Haninge kommun och lokalpolisområde Haninge/Nynäshamn"},
    {"en", "Citizen promise 2026 – Haninge municipality and the Haninge/Nynäshamn local police"},
    {"fi", "Kansalaislupaus 2026 – Haningen kunta ja Haninge/Nynäshamnin paikallispoliisi"},
    {"ar", "وعد المواطنين 2026 – بلدية هانينغه والشرطة المحلية في هانينغه/نينيسهامن"}};

struct DemoParty {
  const char* code;
  const char* kind;
  Texts names;
};

const std::array<DemoParty, 5> demo_parties = {{
    {"KSF",
     "kommun",
     {{"sv", "Kommunstyrelseförvaltningen, Enheten för trygghet och säkerhet"},
      {"en", "Municipal executive office, Safety and security unit"}}},
    {"SBF",
     "kommun",
     {{"sv", "Stadsbyggnadsförvaltningen"}, {"en", "Urban planning and development"}}},
    {"KOF", "kommun", {{"sv", "Kultur- och fritidsförvaltningen"}, {"en", "Culture and leisure"}}},
    {"polis",
     "police",
     {{"sv", "Lokalpolisområde Haninge/Nynäshamn"},
      {"en", "Haninge/Nynäshamn local police area"},
      {"fi", "Haninge/Nynäshamnin paikallispoliisialue"}}},
    {"BID",
     "external",
     {{"sv", "Föreningen Jordbro i samverkan (BID)"},
      {"en", "Jordbro in cooperation (business improvement district)"}}},
}};

// One activity of the agreement's table for a theme.
struct ThemeActivity {
  const char* theme;
  Texts texts;
  Texts prioritised_area;
  std::array<const char*, 2> parties;  // codes; the second may be empty
  Texts frequency;
  std::optional<app::CountableTarget> target;
  app::Indicator::Kind indicator_kind;
  const char* indicator;  // survey indicator id, or "" for count/text
  Texts indicator_texts;
};

const std::vector<ThemeActivity>& theme_activities() {
  using K = app::Indicator::Kind;
  using T = app::CountableTarget;
  static const std::vector<ThemeActivity> list = {
      {"traffic",
       {{"sv",
         "Samordnade möten mellan polis och kommun om trafikmiljöer kring skolor och "
         "pendlarparkeringar, med riktade hastighetskontroller där boende pekat ut problem"},
        {"en",
         "Coordinated meetings of police and municipality on traffic around schools and "
         "commuter car parks, with speed checks where residents pointed out problems"}},
       {{"sv", "Kartläggning av trafikmiljöer"}, {"en", "Mapping traffic environments"}},
       {"SBF", "polis"},
       {{"sv", "4 gånger per år"}, {"en", "4 times a year"}},
       T{4, PeriodUnit::year},
       K::survey_indicator,
       "theme_traffic",
       {}},
      {"drugs_alcohol",
       {{"sv", "SMADIT och gemensam tillsyn av serveringsställen enligt handlingsplanen för ANDTS"},
        {"en", "SMADIT and joint inspections of licensed premises under the ANDTS action plan"}},
       {{"sv", "Alkohol och droger"}, {"en", "Alcohol and drugs"}},
       {"polis", "KSF"},
       {{"sv", "en gemensam tillsyn i månaden"}, {"en", "one joint inspection a month"}},
       T{1, PeriodUnit::month},
       K::survey_indicator,
       "theme_drugs_alcohol",
       {}},
      {"youth_disorder",
       {{"sv",
         "Polisen och fältassistenter besöker regelbundet ungdomsmiljöer på fredags- och "
         "lördagskvällar för att etablera kontakter och öka tryggheten"},
        {"en",
         "Police and youth outreach workers regularly visit places where young people meet "
         "on Friday and Saturday evenings, to make contact and increase safety"}},
       {{"sv", "Närvarande vuxna"}, {"en", "Adults present"}},
       {"KOF", "polis"},
       {{"sv", "varje helg"}, {"en", "every weekend"}},
       T{1, PeriodUnit::week},
       K::survey_indicator,
       "theme_youth_disorder",
       {}},
      {"gangs_violence",
       {{"sv",
         "Gemensam utsättning inför varje helg (fredagar) med delning av operativ lägesbild, "
         "och insatser för unga i riskzon enligt samverkansmodellen SIG"},
        {"en",
         "A joint briefing before every weekend (Fridays) sharing the operational picture, "
         "and support for young people at risk under the SIG model"}},
       {{"sv", "Systematisk och samordnad lägesbild"},
        {"en", "A shared, systematic situation picture"}},
       {"KSF", "polis"},
       {{"sv", "varje vecka"}, {"en", "every week"}},
       T{1, PeriodUnit::week},
       K::count,
       "",
       {{"sv", "antal gemensamma utsättningar"}, {"en", "number of joint briefings"}}},
      {"burglary_theft",
       {{"sv", "Grannsamverkan: informationsmöten för boende och utbildning av nya kontaktombud"},
        {"en",
         "Neighbourhood watch: information meetings for residents and training of new "
         "contacts"}},
       {{"sv", "Inbrott i bostäder"}, {"en", "Burglary"}},
       {"polis", "KSF"},
       {{"sv", "två per halvår"}, {"en", "two every half-year"}},
       T{2, PeriodUnit::half_year},
       K::survey_indicator,
       "theme_burglary_theft",
       {}},
      {"vandalism_litter",
       {{"sv",
         "Klotter och skadegörelse på kommunens fastigheter saneras inom 24 timmar, och "
         "städ- och trygghetsvandringar görs tillsammans med boende och näringsidkare"},
        {"en",
         "Graffiti and damage on municipal buildings is removed within 24 hours, and "
         "clean-up and safety walks are held with residents and local businesses"}},
       {{"sv", "Skräpiga och nedgångna miljöer"}, {"en", "Littered and run-down places"}},
       {"SBF", "BID"},
       {{"sv", "en vandring per kvartal"}, {"en", "one walk a quarter"}},
       T{1, PeriodUnit::quarter},
       K::survey_indicator,
       "theme_vandalism_litter",
       {}},
      {"lighting_environment",
       {{"sv",
         "Trygghetsinventering av gång- och cykelvägar, tunnlar och parker; belysning och "
         "buskage åtgärdas där boende känner sig otrygga"},
        {"en",
         "Safety inspections of footpaths, cycle paths, underpasses and parks; lighting and "
         "bushes are fixed where residents feel unsafe"}},
       {{"sv", "Otrygga platser"}, {"en", "Places that feel unsafe"}},
       {"SBF", "polis"},
       {{"sv", "två per halvår"}, {"en", "two every half-year"}},
       T{2, PeriodUnit::half_year},
       K::survey_indicator,
       "theme_lighting_environment",
       {}},
      {"public_transport",
       {{"sv",
         "Polisen ökar sin synliga närvaro i kollektivtrafiken, vid pendeltågsstationerna "
         "och centrumanläggningarna, i samverkan med andra aktörer"},
        {"en",
         "The police are more visible on public transport, at the commuter train stations "
         "and in the shopping centres, together with other actors"}},
       {{"sv", "Trygghet i kollektivtrafiken"}, {"en", "Safety on public transport"}},
       {"polis", "KSF"},
       {{"sv", "varje vecka"}, {"en", "every week"}},
       T{1, PeriodUnit::week},
       K::survey_indicator,
       "theme_public_transport",
       {}},
      {"police_presence",
       {{"sv", "Områdespoliser med fokus på synlighet, dialog och samverkan med lokala aktörer"},
        {"en",
         "Community police officers focused on visibility, dialogue and work with local "
         "actors"}},
       {{"sv", "Långsiktig närvaro av polis"}, {"en", "A lasting police presence"}},
       {"polis", "BID"},
       {{"sv", "dagligen"}, {"en", "daily"}},
       std::nullopt,
       K::survey_indicator,
       "police_trust",
       {}},
      {"fraud_elderly",
       {{"sv",
         "”Försök inte lura mig”: informationsträffar om bedrägerier på träffpunkter för "
         "äldre"},
        {"en",
         "\"Don't try to fool me\": information meetings on fraud at meeting places for "
         "older people"}},
       {{"sv", "Brott mot äldre, 65+"}, {"en", "Crime against older people, 65+"}},
       {"polis", "KSF"},
       {{"sv", "en träff i månaden"}, {"en", "one meeting a month"}},
       T{1, PeriodUnit::month},
       K::survey_indicator,
       "theme_fraud_elderly",
       {}},
      {"domestic_sexual_violence",
       {{"sv",
         "Utveckla och förbättra det gemensamma arbetet mot våld i nära relation: "
         "orosanmälningar och konsultationer"},
        {"en",
         "Develop the joint work against domestic violence: reports of concern and "
         "consultations"}},
       {{"sv", "Brott i nära relation"}, {"en", "Domestic violence"}},
       {"polis", "KSF"},
       {{"sv", "löpande i linjeverksamheten"}, {"en", "continuously, as part of everyday work"}},
       std::nullopt,
       K::text,
       "",
       {{"sv", "Antal orosanmälningar och konsultationer"},
        {"en", "Number of reports of concern and consultations"}}},
      {"harassment_threats",
       {{"sv",
         "Polisens skolbesök och samtal mot hot och trakasserier på skolor och "
         "fritidsgårdar"},
        {"en",
         "Police school visits and talks against threats and harassment in schools and "
         "youth centres"}},
       {{"sv", "Hot och trakasserier"}, {"en", "Threats and harassment"}},
       {"polis", "KOF"},
       {{"sv", "ett besök per tertial och skola"}, {"en", "one visit a tertial and school"}},
       T{1, PeriodUnit::tertial},
       K::survey_indicator,
       "theme_harassment_threats",
       {}},
      {"youth_activities",
       {{"sv",
         "Fler öppna aktiviteter för unga på kvällar och lov, i fritidsgårdar och "
         "idrottshallar"},
        {"en",
         "More open activities for young people in the evenings and holidays, in youth "
         "centres and sports halls"}},
       {{"sv", "Meningsfull fritid"}, {"en", "Meaningful leisure"}},
       {"KOF", "BID"},
       {{"sv", "varje lov"}, {"en", "every school holiday"}},
       T{4, PeriodUnit::year},
       K::count,
       "",
       {{"sv", "antal lovaktiviteter"}, {"en", "number of holiday activities"}}},
  };
  return list;
}

// The two activities of every Haninge promise: inventories and dialogues.
app::ActivityInput inventories(int64_t sbf, int64_t polis) {
  app::ActivityInput a;
  a.texts = {{"sv",
              "Genomföra gemensamma trygghetsinventeringar, där kommundelar väljs utifrån "
              "trygghetsmätningen och lägesbilden från de gemensamma mötesforumen"},
             {"en",
              "Joint safety inspections, in the parts of the municipality the safety "
              "survey and the shared situation picture point to"},
             {"fi",
              "Yhteiset turvallisuuskartoitukset kunnanosissa, jotka valitaan "
              "turvallisuuskyselyn ja yhteisen tilannekuvan perusteella"},
             {"ar",
              "جولات مشتركة لتقييم الأمان في أحياء البلدية التي يحددها استطلاع الأمان "
              "والصورة المشتركة للوضع"}};
  a.prioritised_areas = {{"sv", "Trygghet i offentlig miljö"}, {"en", "Safety in public places"}};
  a.parties = {sbf, polis};
  a.frequency = {{"sv", "två stycken per halvår"},
                 {"en", "two every half-year"},
                 {"fi", "kaksi puolessa vuodessa"},
                 {"ar", "مرتان كل نصف سنة"}};
  a.target = app::CountableTarget{2, PeriodUnit::half_year};
  a.indicator.kind = app::Indicator::Kind::survey_indicator;
  a.indicator.indicator_id = "unsafe_night";
  return a;
}

app::ActivityInput dialogues(int64_t ksf, int64_t polis) {
  app::ActivityInput a;
  a.texts = {{"sv", "Tillsammans genomföra minst fyra trygghetsdialoger i olika delar av kommunen"},
             {"en",
              "Hold at least four safety dialogues together, in different parts of the "
              "municipality"},
             {"fi", "Järjestetään yhdessä vähintään neljä turvallisuusdialogia kunnan eri osissa"},
             {"ar", "تنظيم أربعة حوارات أمان على الأقل معًا في أجزاء مختلفة من البلدية"}};
  a.prioritised_areas = {{"sv", "Dialog med boende och lokala aktörer"},
                         {"en", "Dialogue with residents and local actors"}};
  a.parties = {ksf, polis};
  a.frequency = {{"sv", "minst fyra per år"},
                 {"en", "at least four a year"},
                 {"fi", "vähintään neljä vuodessa"},
                 {"ar", "أربعة على الأقل في السنة"}};
  a.target = app::CountableTarget{4, PeriodUnit::year};
  a.indicator.kind = app::Indicator::Kind::count;
  a.indicator.texts = {{"sv", "antal genomförda trygghetsdialoger"},
                       {"en", "number of safety dialogues held"}};
  return a;
}

app::ActivityInput theme_activity(const ThemeActivity& t,
                                  const std::map<std::string, int64_t>& party) {
  app::ActivityInput a;
  a.texts = t.texts;
  a.prioritised_areas = t.prioritised_area;
  for (const char* code : t.parties) {
    if (code && *code) a.parties.push_back(party.at(code));
  }
  a.frequency = t.frequency;
  a.target = t.target;
  a.indicator.kind = t.indicator_kind;
  a.indicator.indicator_id = t.indicator;
  a.indicator.texts = t.indicator_texts;
  return a;
}

// The kommun's parties of the demo, added when missing; code → id.
std::map<std::string, int64_t> demo_party_ids(app::Services& services, const app::Actor& actor) {
  std::map<std::string, int64_t> ids;
  for (const auto& p : app::promise_parties(services, demo_kommun)) ids[p.code] = p.id;
  for (const auto& p : demo_parties) {
    if (!ids.count(p.code)) {
      ids[p.code] = app::add_promise_party(services, actor, demo_kommun, p.code, p.kind, p.names);
    }
  }
  return ids;
}

// Marks the whole survey's top priorities (a mark there already stays);
// how many there were (none for a survey too small to rank).
size_t mark_top_priorities(app::Services& services, const app::Actor& actor,
                           const std::string& survey) {
  std::vector<std::string> top;
  {
    app::SurveyAnalysis analysis(services, survey);
    const auto report = reports::priority_report(
        analysis.context(), app::priority_options(services, survey, std::nullopt, {}));
    for (const auto& row : report.priorities) {
      if (top.size() < demo_focus_areas) top.push_back(row.ranking.theme);
    }
  }
  for (const auto& theme : top) {
    app::set_priority_mark(services, actor, survey, std::nullopt, theme, true);
  }
  return top.size();
}

// What residents said: each focus area's first evidence quote of its
// priority, published with it as an analyst would. A quote whose contact
// details the list masked is no longer the resident's own words, and the
// application refuses it: then the focus area goes without.
void publish_a_quote_each(app::Services& services, const app::Actor& actor,
                          const std::string& survey, const app::Promise& drafted) {
  const auto marked = app::marked_priorities(services, survey);
  for (const auto& fa : drafted.focus_areas) {
    for (const auto& m : marked.marked) {
      if (m.area || fa.sources.empty() || m.theme != fa.sources[0].theme || !m.ranking) continue;
      if (m.ranking->quotes.empty()) continue;
      const auto& q = m.ranking->quotes.front();
      try {
        app::publish_quote(services, actor, fa.id, q.record_id, q.text);
      } catch (const Invalid&) {
      }
    }
  }
}

}  // namespace

DemoPromise make_demo_promise(app::Services& services, const app::Actor& actor,
                              const std::string& survey) {
  for (const auto& p : app::list_promises(services, demo_kommun)) {
    if (p.header.titles == demo_title) return {p.id, false};
  }
  if (mark_top_priorities(services, actor, survey) == 0) return {};
  const auto party = demo_party_ids(services, actor);
  app::PromiseHeader header{
      demo_kommun, 2026, 2026, demo_title, {party.at("KSF"), party.at("polis")}};
  const int64_t id = app::draft_from_marks(services, actor, survey, header);

  // An activity for each focus area's theme, the inventories in the first
  // and the dialogues in the last, as Haninge's promise has them.
  const auto drafted = app::load_promise(services, id);
  int64_t inventory = 0, dialogue = 0, first_theme = 0, last_theme = 0;
  for (size_t i = 0; i < drafted.focus_areas.size(); ++i) {
    const auto& fa = drafted.focus_areas[i];
    const std::string theme = fa.sources.empty() ? "" : fa.sources[0].theme;
    const auto& list = theme_activities();
    const auto it = std::find_if(list.begin(), list.end(),
                                 [&](const ThemeActivity& t) { return t.theme == theme; });
    if (i == 0)
      inventory = app::add_activity(services, actor, fa.id,
                                    inventories(party.at("SBF"), party.at("polis")));
    if (it != list.end()) {
      const int64_t a = app::add_activity(services, actor, fa.id, theme_activity(*it, party));
      if (!first_theme) first_theme = a;
      last_theme = a;
    }
    if (i + 1 == drafted.focus_areas.size()) {
      dialogue =
          app::add_activity(services, actor, fa.id, dialogues(party.at("KSF"), party.at("polis")));
    }
  }
  publish_a_quote_each(services, actor, survey, drafted);
  app::set_promise_status(services, actor, id, app::PromiseStatus::adopted);
  app::set_promise_status(services, actor, id, app::PromiseStatus::published);

  // Follow-ups through the year, told to the residents at least four times
  // (the promise's "Uppföljning"); one not yet published, one with a note
  // for the parties only.
  auto follow_up = [&](int64_t activity, const char* date, int64_t done, app::FollowUpStatus status,
                       Texts texts, const char* note, bool published) {
    if (!activity) return;
    app::FollowUpInput u;
    u.date = date;
    u.done_count = done;
    u.status = status;
    u.public_texts = std::move(texts);
    u.internal_note = note;
    u.published = published;
    app::record_follow_up(services, actor, activity, u);
  };
  using S = app::FollowUpStatus;
  follow_up(inventory, "2026-04-28", 2, S::on_track,
            {{"sv",
              "Två trygghetsinventeringar är gjorda, i Jordbro centrum och kring Handens "
              "station. Belysningen i gångtunneln vid Jordbro station byts i maj."},
             {"en",
              "Two safety inspections were held, in Jordbro centre and around Handen "
              "station. The lighting in the underpass at Jordbro station is replaced in May."}},
            "", true);
  follow_up(inventory, "2026-08-31", 1, S::behind,
            {{"sv",
              "En inventering är gjord under sommaren, i Brandbergen. Den i Vendelsö görs i "
              "september."},
             {"en",
              "One inspection was held over the summer, in Brandbergen. The one in "
              "Vendelsö follows in September."}},
            "Vendelsö flyttad: SBF saknade inventerare i juni, ny tid bokad med kommunpolisen "
            "10 september.",
            true);
  follow_up(dialogue, "2026-05-20", 2, S::on_track,
            {{"sv", "Trygghetsdialoger har hållits i Västerhaninge och på Haninge gymnasium."},
             {"en",
              "Safety dialogues were held in Västerhaninge and at Haninge upper secondary "
              "school."}},
            "", true);
  follow_up(first_theme, "2026-06-15", 3, S::on_track,
            {{"sv", "Arbetet pågår enligt plan; boendes synpunkter från dialogerna är med."},
             {"en", "The work is going to plan, with residents' views from the dialogues."}},
            "", true);
  follow_up(last_theme, "2026-10-30", 2, S::on_track,
            {{"sv", "Delrapport till styrgruppen; publiceras efter tertialuppföljningen."},
             {"en", "Interim report to the steering group; published after the tertial review."}},
            "", false);
  return {id, true};
}

}  // namespace lyssna::cli
