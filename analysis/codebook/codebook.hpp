// The codebook: themes with their labels, the standard questionnaire's
// problem items that count toward each, and the terms that find them in
// free text, per language. The default (analysis/data/codebook.json)
// carries the 13 theme ids of the contract; a survey may carry its own.
//
// Term syntax: `word` (and its inflections), `prefix*`, `two words` (in this
// order, at most two words between), `a/b ~ c/d` (a word of each side
// within eight words, either order: "ungdomar/killar ~ skriker/bråkar"),
// and a leading `+` for something desirable whose absence is the complaint
// ("+belysning": "ingen belysning" counts). See docs/analysis.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lyssna::analysis {

struct Theme {
  std::string id;
  std::map<std::string, std::string> label;               // language -> label
  std::vector<std::string> problem_items;                 // e.g. problem_traffic
  std::map<std::string, std::vector<std::string>> terms;  // language -> terms
};

struct Codebook {
  std::string id;
  std::vector<Theme> themes;
  // Theme ids that were renamed or merged: old id -> the id that replaced it.
  // Manual codes made under an old id follow it.
  std::map<std::string, std::string> renamed;

  const Theme* find(const std::string& id) const;
  // The current id for `id` (following renames), or empty when unknown.
  std::string resolve(const std::string& id) const;
  // The label in `lang`, else English, else the id.
  std::string label(const std::string& theme, const std::string& lang) const;
};

// Limits of a codebook, far above what one needs (the default has 13
// themes of at most 250 terms): tagging keeps a byte per response and theme
// and numbers themes in 16 bits, and every term is a query to run.
inline constexpr size_t max_codebook_themes = 1000;
inline constexpr size_t max_theme_terms = 1000;      // over all its languages
inline constexpr size_t max_near_alternatives = 30;  // words on a side of `a ~ b`

// Throws BadSpecification naming the theme and term that break a rule, or
// the limit a codebook goes past.
Codebook parse_codebook(const nlohmann::json& j);
nlohmann::json to_json(const Codebook& c);

}  // namespace lyssna::analysis
