// Interface catalogs (see catalog.hpp).
#include "render/catalog.hpp"

#include <memory>
#include <mutex>
#include <regex>
#include <utility>
#include <vector>

#include "assets/assets.hpp"
#include "util/errors.hpp"

namespace lyssna::render {
namespace {

using nlohmann::json;

json parse_catalog(const std::string& path) {
  auto asset = assets::require(path);
  try {
    return json::parse(asset.bytes);
  } catch (const json::parse_error& e) {
    throw Error("catalog " + path + " is not valid JSON: " + e.what());
  }
}

// The catalogs of `dir` ("i18n/"): only <ll>.json there; subfolders hold
// questionnaire wording and demo text, or are catalogs of their own.
std::map<std::string, json> load_folder(const std::string& dir) {
  std::map<std::string, json> out;
  for (const auto& path : assets::list(dir)) {
    std::string name = path.substr(dir.size());
    if (name.size() != 7 || name.substr(2) != ".json") continue;
    out[name.substr(0, 2)] = parse_catalog(path);
  }
  return out;
}

// The workspace's catalog (Swedish and English only: its users are the
// kommun's staff): i18n/workspace/<ll>.json for what every page shares and
// <part>.<ll>.json for one part's pages (dashboard.sv.json ...), so each
// part keeps its strings beside no other's. Every key begins with "ws.";
// no key is in two files. qqq files describe the keys and are not loaded.
std::map<std::string, std::vector<std::pair<std::string, json>>> load_workspace() {
  const std::string dir = "i18n/workspace/";
  std::map<std::string, std::vector<std::pair<std::string, json>>> out;
  for (const auto& path : assets::list(dir)) {
    const std::string name = path.substr(dir.size());
    static const std::regex file_name(R"(^(?:[a-z_]+\.)?([a-z]{2})\.json$)");
    std::smatch m;
    if (!std::regex_match(name, m, file_name)) continue;
    out[m[1].str()].emplace_back(path, parse_catalog(path));
  }
  return out;
}

// The pages of a dialogue's room (phones joining, the kiosk, dot voting)
// speak all six languages like the form, but their strings live apart:
// i18n/room/<part>.<ll>.json, every key beginning with "room.", merged into
// the language's main catalog.
void merge_room(std::map<std::string, json>& out) {
  const std::string dir = "i18n/room/";
  for (const auto& path : assets::list(dir)) {
    const std::string name = path.substr(dir.size());
    static const std::regex file_name(R"(^[a-z_]+\.([a-z]{2})\.json$)");
    std::smatch m;
    if (!std::regex_match(name, m, file_name)) continue;
    json& merged = out[m[1].str()];
    if (!merged.is_object()) merged = json::object();
    // A named catalog: items() of a temporary would outlive it in the loop.
    json catalog = parse_catalog(path);
    for (auto& [key, value] : catalog.items()) {
      if (key.rfind("room.", 0) != 0 || merged.contains(key)) {
        throw Error("catalog " + path + ": key '" + key +
                    "' must begin with 'room.' and be in no other catalog");
      }
      merged[key] = value;
    }
  }
}

std::map<std::string, json> load_embedded() {
  std::map<std::string, json> out = load_folder("i18n/");
  merge_room(out);
  for (auto& [lang, files] : load_workspace()) {
    json& merged = out[lang];
    if (!merged.is_object()) merged = json::object();
    for (auto& [path, catalog] : files) {
      for (auto& [key, value] : catalog.items()) {
        if (key.rfind("ws.", 0) != 0 || merged.contains(key)) {
          throw Error("catalog " + path + ": key '" + key +
                      "' must begin with 'ws.' and be in no other catalog");
        }
        merged[key] = value;
      }
    }
  }
  return out;
}

void insert_nested(json& root, const std::string& key, const json& value) {
  json* node = &root;
  size_t start = 0;
  while (true) {
    size_t dot = key.find('.', start);
    std::string part =
        key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) {
      (*node)[part] = value;
      return;
    }
    json& child = (*node)[part];
    if (!child.is_object()) child = json::object();
    node = &child;
    start = dot + 1;
  }
}

}  // namespace

bool is_rtl(const std::string& lang) {
  return lang == "ar" || lang == "fa" || lang == "he" || lang == "ur" || lang == "ps" ||
         lang == "ku" || lang == "yi" || lang == "dv";
}

std::string fill_placeholders(std::string text, const std::map<std::string, std::string>& params) {
  for (const auto& [name, value] : params) {
    const std::string token = "{" + name + "}";
    for (size_t pos = text.find(token); pos != std::string::npos;
         pos = text.find(token, pos + value.size())) {
      text.replace(pos, token.size(), value);
    }
  }
  return text;
}

const Catalogs& Catalogs::get() {
  static std::mutex mutex;
  static std::shared_ptr<const Catalogs> current;
  static std::vector<std::shared_ptr<const Catalogs>> retired;  // live reload keeps old ones alive
  std::lock_guard lock(mutex);
  if (!current || assets::live_reload()) {
    if (current) retired.push_back(current);
    current = std::make_shared<const Catalogs>(load_embedded());
  }
  return *current;
}

Catalogs::Catalogs(std::map<std::string, json> catalogs) : catalogs_(std::move(catalogs)) {
  const json empty = json::object();
  const json& english = catalogs_.count("en") ? catalogs_.at("en") : empty;
  for (const auto& [lang, catalog] : catalogs_) {
    json nested = json::object();
    for (const auto& [key, value] : english.items()) insert_nested(nested, key, value);
    for (const auto& [key, value] : catalog.items()) insert_nested(nested, key, value);
    nested_[lang] = std::move(nested);
  }
}

std::string Catalogs::text(const std::string& lang, const std::string& key,
                           const std::map<std::string, std::string>& params) const {
  for (const std::string& l : {lang, std::string("en")}) {
    auto c = catalogs_.find(l);
    if (c == catalogs_.end()) continue;
    auto it = c->second.find(key);
    if (it != c->second.end() && it->is_string())
      return fill_placeholders(it->get<std::string>(), params);
  }
  return key;
}

std::vector<std::string> Catalogs::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, c] : catalogs_) out.push_back(lang);
  return out;
}

const json& Catalogs::for_template(const std::string& lang) const {
  auto it = nested_.find(lang);
  if (it != nested_.end()) return it->second;
  return nested_.count("en") ? nested_.at("en") : nested_.begin()->second;
}

}  // namespace lyssna::render
