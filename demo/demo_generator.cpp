// Demo data generation (see demo_generator.hpp). The model is simple but
// shaped like published Swedish results: women and older people feel less
// safe at night, some areas carry more problems than others, and free text
// follows the problems a person rated big.
#include "demo/demo_generator.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "assets/assets.hpp"
#include "util/clock.hpp"
#include "util/text.hpp"

namespace lyssna::demo {
namespace {

using nlohmann::json;

// SplitMix64: a tiny generator whose output is the same on every platform
// (std's distributions are not), so a seed always gives the same demo.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  size_t below(size_t n) { return static_cast<size_t>(uniform() * static_cast<double>(n)); }
  double normal() {
    double u1 = std::max(uniform(), 1e-12), u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
  }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  // Index drawn with the given weights.
  size_t weighted(const std::vector<double>& w) {
    double total = 0;
    for (double x : w) total += x;
    double r = uniform() * total;
    for (size_t i = 0; i < w.size(); ++i) {
      if ((r -= w[i]) < 0) return i;
    }
    return w.size() - 1;
  }

 private:
  uint64_t state_;
};

struct Item {
  const char* question;
  const char* theme;
  double base;  // share rating it a big problem in an average area
};

const std::vector<Item> problem_items = {
    {"problem_litter", "vandalism_litter", 0.34},
    {"problem_vandalism", "vandalism_litter", 0.28},
    {"problem_traffic", "traffic", 0.42},
    {"problem_youth_disorder", "youth_disorder", 0.27},
    {"problem_intoxicated", "drugs_alcohol", 0.22},
    {"problem_drug_dealing", "drugs_alcohol", 0.19},
    {"problem_burglary", "burglary_theft", 0.24},
    {"problem_car_crime", "burglary_theft", 0.23},
    {"problem_violence", "gangs_violence", 0.14},
    {"problem_shootings", "gangs_violence", 0.09},
    {"problem_harassment", "harassment_threats", 0.13},
    {"problem_poor_lighting", "lighting_environment", 0.33},
    {"problem_transit", "public_transport", 0.24},
    {"problem_fraud", "fraud_elderly", 0.27},
};

const std::vector<std::string> all_themes = {
    "traffic",         "drugs_alcohol",    "youth_disorder",           "gangs_violence",
    "burglary_theft",  "vandalism_litter", "lighting_environment",     "public_transport",
    "police_presence", "fraud_elderly",    "domestic_sexual_violence", "harassment_threats",
    "youth_activities"};

// How an area differs from the average: an overall factor and per-theme factors.
struct AreaProfile {
  double risk = 1.0;
  std::map<std::string, double> theme;
};

AreaProfile profile_for(const std::string& area) {
  static const std::map<std::string, AreaProfile> known = {
      {"handen",
       {1.15, {{"public_transport", 1.9}, {"drugs_alcohol", 1.3}, {"harassment_threats", 1.3}}}},
      {"jordbro",
       {1.45,
        {{"drugs_alcohol", 2.0},
         {"gangs_violence", 2.2},
         {"youth_disorder", 1.6},
         {"vandalism_litter", 1.4}}}},
      {"brandbergen",
       {1.25, {{"youth_disorder", 1.8}, {"vandalism_litter", 1.6}, {"lighting_environment", 1.4}}}},
      {"vasterhaninge", {0.95, {{"traffic", 1.5}, {"burglary_theft", 1.3}}}},
      {"vendelso", {0.8, {{"burglary_theft", 1.5}, {"traffic", 1.3}, {"fraud_elderly", 1.2}}}},
      {"dalaro", {0.6, {{"traffic", 1.4}, {"fraud_elderly", 1.4}}}},
  };
  if (auto it = known.find(area); it != known.end()) return it->second;
  // Any other area: a stable profile derived from its id.
  uint64_t h = 1469598103934665603ULL;
  for (char c : area) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  Rng rng(h);
  AreaProfile p;
  p.risk = 0.7 + rng.uniform() * 0.8;
  for (const auto& t : all_themes) p.theme[t] = 0.6 + rng.uniform() * 1.2;
  return p;
}

const json& phrase_bank(const std::string& lang) {
  static std::map<std::string, json> banks;
  auto it = banks.find(lang);
  if (it == banks.end()) {
    auto asset = assets::find("i18n/demo/" + lang + ".json");
    it = banks.emplace(lang, asset ? json::parse(asset->bytes) : json::object()).first;
  }
  return it->second;
}

// A sentence for `key` (a theme, "none", or a top-level list) in `lang`,
// falling back to Swedish where a bank is missing.
std::string phrase(Rng& rng, const std::string& lang, const std::string& list,
                   const std::string& key) {
  for (const std::string& l : {lang, std::string("sv")}) {
    const json& bank = phrase_bank(l);
    const json* items = nullptr;
    if (list.empty()) {
      if (bank.contains(key)) items = &bank[key];
    } else if (bank.contains(list) && bank[list].contains(key)) {
      items = &bank[list][key];
    }
    if (items && items->is_array() && !items->empty()) {
      return (*items)[rng.below(items->size())].get<std::string>();
    }
  }
  return {};
}

std::string replace_area(std::string s, const std::string& area_label) {
  auto pos = s.find("{area}");
  if (pos != std::string::npos) s.replace(pos, 6, area_label);
  return s;
}

std::string make_id(Rng& rng) {
  uint64_t a = rng.next(), b = rng.next();
  char out[40];
  std::snprintf(out, sizeof out, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xFFFF),
                static_cast<unsigned long long>(a & 0xFFF),
                static_cast<unsigned long long>(0x8000 | ((b >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return out;
}

const char* scale(Rng& rng, double z, std::initializer_list<const char*> options) {
  // Ordered options; a higher z leans toward the later ones.
  std::vector<const char*> o(options);
  double pos = (z + 1.6) / 3.2 * static_cast<double>(o.size()) + rng.normal() * 0.6;
  long i = std::lround(std::floor(pos));
  i = std::clamp<long>(i, 0, static_cast<long>(o.size()) - 1);
  return o[static_cast<size_t>(i)];
}

// Six areas of Haninge, for a demo without areas of its own.
std::vector<questionnaire::AreaSpec> default_areas() {
  return {{"handen", "Handen"},           {"jordbro", "Jordbro"},
          {"brandbergen", "Brandbergen"}, {"vasterhaninge", "Västerhaninge"},
          {"vendelso", "Vendelsö"},       {"dalaro", "Dalarö"}};
}

}  // namespace

questionnaire::Questionnaire demo_questionnaire(const DemoOptions& options) {
  questionnaire::TemplateOptions t;
  t.survey_id = options.survey_id;
  t.areas = options.areas.empty() ? default_areas() : options.areas;
  return questionnaire::build_from_template("trygghet", t);
}

void generate_records(const questionnaire::Questionnaire& q, const DemoOptions& options,
                      const std::function<void(const interchange::Record&)>& sink) {
  Rng rng(options.seed * 0x2545F4914F6CDD1DULL + 7);
  const std::vector<std::string> langs = {"sv", "en", "ar", "so", "fi", "fa"};
  const std::vector<double> lang_weights = {0.72, 0.07, 0.08, 0.04, 0.05, 0.04};
  const std::vector<std::string> ages = {"16-24", "25-44", "45-64", "65+"};
  const std::vector<double> age_weights = {0.12, 0.30, 0.31, 0.27};  // older people answer more
  const int64_t start = *clock::parse_rfc3339("2026-03-02T06:00:00Z");
  const int64_t span = 42 * 86400;
  std::map<std::string, int> dialogue_sessions;

  for (int n = 0; n < options.responses; ++n) {
    interchange::Record r;
    r.id = make_id(rng);
    r.survey = q.id;
    const auto& area = q.areas[rng.weighted(std::vector<double>(q.areas.size(), 1.0))];
    const std::string& area_label = area.label.begin()->second;
    const AreaProfile profile = profile_for(area.id);
    std::string lang = langs[rng.weighted(lang_weights)];
    if (!q.supports(lang)) lang = q.default_language();
    r.lang = lang;
    r.submitted_epoch = start + static_cast<int64_t>(rng.uniform() * span);
    r.submitted_at = clock::format_rfc3339(r.submitted_epoch);
    double c = rng.uniform();
    r.channel = c < 0.68 ? "online" : c < 0.88 ? "paper" : c < 0.97 ? "dialogue" : "kiosk";
    json& a = r.answers;
    a["area"] = area.id;

    if (r.channel == "dialogue") {
      // A facilitator's note: area and free text only (interchange.md section 2).
      int session = dialogue_sessions[area.id]++ / 25 + 1;
      r.session = "dialog-" + area.id + "-" + std::to_string(session);
      std::string note = rng.chance(0.5) ? phrase(rng, lang, "", "dialogue")
                                         : phrase(rng, lang, "free_text", rng.pick(all_themes));
      if (!note.empty()) a["free_text"] = replace_area(note, area_label);
      sink(r);
      continue;
    }
    if (r.channel == "kiosk") r.session = "kiosk-" + area.id;

    const std::string age = ages[rng.weighted(age_weights)];
    const double g = rng.uniform();
    const std::string gender = g < 0.52 ? "woman" : g < 0.985 ? "man" : "other";
    if (!rng.chance(0.02)) a["age_group"] = age;
    if (!rng.chance(0.03)) a["gender"] = gender;

    // Latent insecurity: area, gender and age effects plus personal variation.
    double z = (profile.risk - 1.0) * 1.4 +
               (gender == "woman"   ? 0.45
                : gender == "other" ? 0.35
                                    : -0.2) +
               (age == "65+"     ? 0.25
                : age == "16-24" ? -0.1
                                 : 0.0) +
               rng.normal() * 0.75;
    if (age == "65+" && rng.chance(0.08 + std::max(0.0, z) * 0.15)) {
      a["safe_night"] = "never_out";
    } else if (!rng.chance(0.02)) {
      a["safe_night"] = scale(rng, z, {"very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe"});
    }
    if (!rng.chance(0.03))
      a["avoid_places"] = rng.chance(0.15 + std::clamp(z, -1.0, 2.0) * 0.12) ? "yes" : "no";
    if (!rng.chance(0.03))
      a["worry_crime"] = scale(rng, z, {"not_at_all", "a_little", "fairly", "very"});
    if (!rng.chance(0.04)) {
      a["police_trust"] =
          rng.chance(0.08)
              ? "dont_know"
              : scale(rng, z * 0.6, {"very_high", "fairly_high", "fairly_low", "very_low"});
    }

    std::map<std::string, double> theme_weight;
    for (const auto& item : problem_items) {
      if (rng.chance(0.03)) continue;
      if (rng.chance(0.06)) {
        a[item.question] = "dont_know";
        continue;
      }
      double mult = profile.theme.count(item.theme) ? profile.theme.at(item.theme) : 1.0;
      double p = std::clamp(item.base * mult * std::exp(0.45 * z) * profile.risk, 0.01, 0.95);
      if (rng.chance(p)) {
        a[item.question] = rng.chance(0.4) ? "very_big" : "fairly_big";
        theme_weight[item.theme] += 1.0;
      } else {
        a[item.question] = rng.chance(0.55) ? "small" : "no_problem";
      }
    }
    for (const char* v : {"victim_burglary", "victim_theft", "victim_assault", "victim_threat",
                          "victim_fraud", "victim_harassment"}) {
      if (rng.chance(0.04)) continue;
      double base = std::string(v) == "victim_theft"   ? 0.09
                    : std::string(v) == "victim_fraud" ? 0.05
                                                       : 0.03;
      a[v] = rng.chance(base * profile.risk * (1 + std::max(0.0, z) * 0.4)) ? "yes" : "no";
    }

    // Free text follows what the person rated big, plus wishes that have no
    // problem item (police presence, leisure for young people).
    if (rng.chance(0.45)) {
      theme_weight["police_presence"] += 0.5 + std::max(0.0, z) * 0.4;
      theme_weight["youth_activities"] += 0.4;
      if (gender == "woman") theme_weight["harassment_threats"] += 0.3;
      theme_weight["domestic_sexual_violence"] += 0.05;
      std::vector<std::string> names;
      std::vector<double> weights;
      for (const auto& [t, w] : theme_weight) {
        names.push_back(t);
        weights.push_back(w);
      }
      std::string text;
      if (rng.chance(0.14)) {
        text = phrase(rng, lang, "free_text", "none");
      } else {
        std::string first = names[rng.weighted(weights)];
        text = phrase(rng, lang, "free_text", first);
        if (rng.chance(0.28)) {
          std::string second = names[rng.weighted(weights)];
          if (second != first) text += " " + phrase(rng, lang, "free_text", second);
        }
      }
      text = text::trim(replace_area(text, area_label));
      if (!text.empty()) a["free_text"] = text;
    }
    if (rng.chance(0.22 + std::max(0.0, z) * 0.1)) {
      std::string place = text::trim(replace_area(phrase(rng, lang, "", "free_place"), area_label));
      if (!place.empty()) a["free_place"] = place;
    }
    sink(r);
  }
}

}  // namespace lyssna::demo
