// Built-in analysis data (see language_data.hpp).
#include "indexing/language_data.hpp"

#include <mutex>

#include <nlohmann/json.hpp>

#include "analysis/analysis_error.hpp"
#include "assets/assets.hpp"
#include "collector/storage/analysis_store.hpp"
#include "util/errors.hpp"

namespace lyssna::indexing {
namespace {

constexpr const char* default_codebook_path = "analysis/data/codebook.json";

nlohmann::json load_json(const std::string& path) {
  auto asset = assets::require(path);
  try {
    return nlohmann::json::parse(asset.bytes);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error("built-in file " + path + " is not valid JSON: " + e.what());
  }
}

// Built-in data that fails to parse is a broken build, not bad input.
template <class Parse>
auto parse_builtin(const std::string& path, Parse parse) {
  try {
    return parse(load_json(path));
  } catch (const analysis::BadSpecification& e) {
    throw Error("built-in file " + path + ": " + e.what());
  }
}

}  // namespace

std::shared_ptr<const analysis::LanguageResources> language_resources() {
  static std::once_flag once;
  static std::shared_ptr<const analysis::LanguageResources> resources;
  std::call_once(once, [] {
    std::map<std::string, std::string> lexicons;
    for (const auto& path : assets::list("analysis/data/lexicon/")) {
      std::string name = path.substr(std::string("analysis/data/lexicon/").size());
      if (name.size() == 6 && name.substr(2) == ".txt")
        lexicons[name.substr(0, 2)] = std::string(assets::require(path).bytes);
    }
    nlohmann::json codebook = load_json(default_codebook_path);
    resources =
        analysis::build_resources(lexicons, codebook.value("negation", nlohmann::json::object()));
  });
  return resources;
}

const analysis::Codebook& default_codebook() {
  static const analysis::Codebook codebook =
      analysis::parse_codebook(load_json(default_codebook_path));
  return codebook;
}

const analysis::DiscoverVocabulary& discover_vocabulary() {
  static const analysis::DiscoverVocabulary vocabulary =
      parse_builtin("analysis/data/stop_phrases.json", [](const nlohmann::json& phrases) {
        return analysis::parse_discover_vocabulary(load_json("analysis/data/stopwords.json"),
                                                   phrases);
      });
  return vocabulary;
}

const analysis::IndicatorSpec& indicator_spec() {
  static const analysis::IndicatorSpec spec =
      parse_builtin("analysis/data/indicators.json", analysis::parse_indicator_spec);
  return spec;
}

const nlohmann::json& default_problem_index_table() {
  static const nlohmann::json table = load_json("analysis/data/problem_index.json");
  return table;
}

analysis::Codebook codebook_for(storage::Database& db, const std::string& survey) {
  auto stored = storage::load_codebook(db, survey);
  if (!stored) return default_codebook();
  try {
    return analysis::parse_codebook(nlohmann::json::parse(*stored));
  } catch (const std::exception& e) {
    throw StorageError("the stored codebook of survey '" + survey + "' is unreadable: " + e.what());
  }
}

}  // namespace lyssna::indexing
