// Interface strings per language from i18n/<lang>.json (flat dotted keys,
// English canonical, i18n/qqq.json describing each key for translators).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace lyssna::render {

// Languages written right to left.
bool is_rtl(const std::string& lang);

class Catalogs {
 public:
  // The catalogs compiled into the binary (re-read when assets are live).
  static const Catalogs& get();
  explicit Catalogs(std::map<std::string, nlohmann::json> catalogs);

  // The string for `key` in `lang`, else English, else the key itself;
  // {name} placeholders replaced from `params`.
  std::string text(const std::string& lang, const std::string& key,
                   const std::map<std::string, std::string>& params = {}) const;
  bool has(const std::string& lang) const { return catalogs_.count(lang) > 0; }
  std::vector<std::string> languages() const;
  // The catalog as nested objects for templates ("form.next" -> t.form.next),
  // with English filling any gap.
  const nlohmann::json& for_template(const std::string& lang) const;

 private:
  std::map<std::string, nlohmann::json> catalogs_;
  std::map<std::string, nlohmann::json> nested_;
};

std::string fill_placeholders(std::string text, const std::map<std::string, std::string>& params);

}  // namespace lyssna::render
