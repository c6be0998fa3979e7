// Builds a survey from the standard questionnaire (see standard_template.hpp).
// The structure file names ids only; every text comes from the wording
// catalog of each language, so a missing translation fails loudly here.
#include "collector/questionnaire/standard_template.hpp"

#include <nlohmann/json.hpp>

#include "assets/assets.hpp"
#include "collector/questionnaire/definition.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::questionnaire {
namespace {

using nlohmann::json;

constexpr std::string_view template_dir = "i18n/trygghet/";

json load_json(std::string_view path) {
  auto asset = assets::require(path);
  return json::parse(asset.bytes);
}

class Wording {
 public:
  explicit Wording(const std::vector<std::string>& languages) {
    for (const auto& lang : languages) {
      catalogs_[lang] = load_json(std::string(template_dir) + lang + ".json");
    }
  }
  // {"sv": ..., "en": ...} for a key every catalog must have.
  json text(const std::string& key, bool required = true) const {
    json out = json::object();
    for (const auto& [lang, catalog] : catalogs_) {
      auto it = catalog.find(key);
      if (it != catalog.end()) {
        out[lang] = *it;
      } else if (required) {
        throw Error("the '" + lang + "' wording of the standard questionnaire has no '" + key +
                    "'");
      }
    }
    return out;
  }
  bool has(const std::string& key) const {
    return !catalogs_.empty() && catalogs_.begin()->second.contains(key);
  }

 private:
  std::map<std::string, json> catalogs_;
};

}  // namespace

std::vector<std::string> standard_languages() {
  // Swedish, then English, then the others in alphabetical order.
  std::vector<std::string> out = {"sv", "en"};
  for (const auto& path : assets::list(template_dir)) {
    std::string name = path.substr(template_dir.size());
    std::string lang = name.substr(0, 2);
    if (name.size() == 7 && name.substr(2) == ".json" && lang != "sv" && lang != "en") {
      out.push_back(lang);
    }
  }
  return out;
}

std::vector<AreaSpec> parse_area_list(const std::string& text) {
  std::vector<AreaSpec> areas;
  for (const auto& part : text::split(text, ',')) {
    std::string item = text::trim(part);
    if (item.empty()) continue;
    AreaSpec area;
    auto eq = item.find('=');
    area.id = text::trim(item.substr(0, eq));
    area.label = eq == std::string::npos ? std::string() : text::trim(item.substr(eq + 1));
    if (area.label.empty()) {
      area.label = area.id;
      for (char& c : area.label) {
        if (c == '_' || c == '-') c = ' ';
      }
      if (area.label[0] >= 'a' && area.label[0] <= 'z')
        area.label[0] = static_cast<char>(area.label[0] - 32);
    }
    areas.push_back(std::move(area));
  }
  if (areas.empty()) throw BadInput("give at least one area, e.g. --areas handen,jordbro", "areas");
  return areas;
}

Questionnaire build_from_template(const std::string& template_id, const TemplateOptions& options) {
  if (template_id != "trygghet") {
    throw BadInput("unknown template '" + template_id + "' (the standard one is 'trygghet')",
                   "template");
  }
  auto available = standard_languages();
  std::vector<std::string> languages = options.languages.empty() ? available : options.languages;
  for (const auto& lang : languages) {
    if (std::find(available.begin(), available.end(), lang) == available.end()) {
      throw BadInput("the standard questionnaire has no wording in '" + lang + "'", "languages");
    }
  }
  const json structure = load_json(std::string(template_dir) + "structure.json");
  const Wording wording(languages);

  json d = json::object();
  d["id"] = options.survey_id;
  d["template"] = template_id;
  d["languages"] = languages;
  d["title"] = wording.text("title");
  d["intro"] = wording.text("intro");
  d["requires_code"] = options.requires_code;
  json areas = json::array();
  for (const auto& a : options.areas) areas.push_back({{"id", a.id}, {"label", a.label}});
  if (!areas.empty()) d["areas"] = areas;
  if (options.opens_at) d["opens_at"] = clock::format_rfc3339(*options.opens_at);
  if (options.closes_at) d["closes_at"] = clock::format_rfc3339(*options.closes_at);

  d["pages"] = json::array();
  for (const auto& page : structure["pages"]) {
    const std::string page_id = page["id"];
    json p = {{"id", page_id}, {"title", wording.text("page." + page_id + ".title")}};
    if (wording.has("page." + page_id + ".intro"))
      p["intro"] = wording.text("page." + page_id + ".intro");
    p["questions"] = json::array();
    for (const auto& sq : page["questions"]) {
      const std::string qid = sq["id"];
      json q = {{"id", qid}, {"type", sq["type"]}, {"text", wording.text("q." + qid)}};
      if (wording.has("q." + qid + ".help")) q["help"] = wording.text("q." + qid + ".help");
      if (sq.contains("max_length")) q["max_length"] = sq["max_length"];
      if (sq.contains("options_from")) {
        q["options"] = "areas";
      } else if (sq.contains("options") || sq.contains("option_set")) {
        const bool shared = sq.contains("option_set");
        const json& ids =
            shared ? structure["option_sets"][sq["option_set"].get<std::string>()] : sq["options"];
        const std::string prefix =
            shared ? "set." + sq["option_set"].get<std::string>() + "." : "opt." + qid + ".";
        q["options"] = json::array();
        for (const auto& oid : ids) {
          q["options"].push_back(
              {{"id", oid}, {"label", wording.text(prefix + oid.get<std::string>())}});
        }
      }
      p["questions"].push_back(std::move(q));
    }
    d["pages"].push_back(std::move(p));
  }
  return parse_definition(d);
}

}  // namespace lyssna::questionnaire
