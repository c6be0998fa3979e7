// Codebook editing (see codebook_editing.hpp).
#include "app/codebook_editing.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "analysis/analysis_error.hpp"
#include "analysis/stable_hash.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

using analysis::Codebook;
using analysis::Theme;

Theme* find_theme(Codebook& c, const std::string& id) {
  for (auto& t : c.themes) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

// Renames (or merges) `from` into `into` in the list of renames: later
// codes under `from`, or under any id that already led to it, lead to `into`.
void point_renames(Codebook& c, const std::string& from, const std::string& into) {
  for (auto& [old_id, new_id] : c.renamed) {
    if (new_id == from) new_id = into;
  }
  c.renamed.erase(into);  // an id in use again is no longer an old one
  c.renamed[from] = into;
}

// Checks through the codebook's own parser, so the editor holds no second
// copy of its rules; the message names the rule and the term.
void check_part(const nlohmann::json& theme, const std::string& field) {
  try {
    analysis::parse_codebook({{"themes", nlohmann::json::array({theme})}});
  } catch (const analysis::BadSpecification& e) {
    throw Invalid(e.what(), field);
  }
}

}  // namespace

std::vector<std::string> terms_from_lines(const std::string& text) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r");
    const auto last = line.find_last_not_of(" \t\r");
    line = first == std::string::npos ? "" : line.substr(first, last - first + 1);
    if (!line.empty() && seen.insert(line).second) out.push_back(line);
    start = end + 1;
  }
  return out;
}

Codebook with_theme(const Codebook& codebook, const ThemeDraft& draft) {
  check_part({{"id", draft.id}, {"terms", nlohmann::json::object()}}, "id");
  Codebook c = codebook;
  Theme* theme = nullptr;
  if (!draft.original.empty()) {
    theme = find_theme(c, draft.original);
    if (!theme) throw NotFound("the codebook has no theme '" + draft.original + "'", "theme");
  }
  if (draft.id != draft.original && c.find(draft.id))
    throw Invalid("the codebook already has a theme '" + draft.id + "'", "id");
  if (!theme) {
    c.themes.push_back({});
    theme = &c.themes.back();
  }
  theme->id = draft.id;
  theme->label.clear();
  for (const auto& [lang, text] : draft.label) {
    if (text.size() > max_label_bytes) {
      throw Invalid("a label has at most " + std::to_string(max_label_bytes) + " bytes",
                    "label_" + lang);
    }
    if (!text.empty()) theme->label[lang] = text;
  }
  theme->terms.clear();
  for (const auto& [lang, list] : draft.terms) {
    if (list.empty()) continue;
    nlohmann::json part = {{"id", draft.id}, {"terms", nlohmann::json::object()}};
    part["terms"][lang] = list;
    check_part(part, "terms_" + lang);
    theme->terms[lang] = list;
  }
  if (!draft.original.empty() && draft.id != draft.original)
    point_renames(c, draft.original, draft.id);
  // The whole codebook once more: a rule across themes (the terms' total).
  try {
    return analysis::parse_codebook(analysis::to_json(c));
  } catch (const analysis::BadSpecification& e) {
    throw Invalid(e.what(), "terms");
  }
}

Codebook with_merge(const Codebook& codebook, const std::string& from, const std::string& into) {
  if (from == into) throw Invalid("a theme cannot be merged into itself", "into");
  Codebook c = codebook;
  const Theme* source = c.find(from);
  if (!source) throw NotFound("the codebook has no theme '" + from + "'", "theme");
  Theme* target = find_theme(c, into);
  if (!target) throw Invalid("the codebook has no theme '" + into + "'", "into");
  for (const auto& [lang, list] : source->terms) {
    auto& mine = target->terms[lang];
    for (const auto& term : list) {
      if (std::find(mine.begin(), mine.end(), term) == mine.end()) mine.push_back(term);
    }
  }
  for (const auto& item : source->problem_items) {
    auto& mine = target->problem_items;
    if (std::find(mine.begin(), mine.end(), item) == mine.end()) mine.push_back(item);
  }
  c.themes.erase(std::remove_if(c.themes.begin(), c.themes.end(),
                                [&](const Theme& t) { return t.id == from; }),
                 c.themes.end());
  point_renames(c, from, into);
  try {
    return analysis::parse_codebook(analysis::to_json(c));
  } catch (const analysis::BadSpecification& e) {
    throw Invalid(e.what(), "into");
  }
}

Codebook without_theme(const Codebook& codebook, const std::string& theme) {
  if (!codebook.find(theme)) throw NotFound("the codebook has no theme '" + theme + "'", "theme");
  if (codebook.themes.size() == 1) throw Invalid("a codebook keeps at least one theme", "theme");
  Codebook c = codebook;
  c.themes.erase(std::remove_if(c.themes.begin(), c.themes.end(),
                                [&](const Theme& t) { return t.id == theme; }),
                 c.themes.end());
  for (auto it = c.renamed.begin(); it != c.renamed.end();) {
    it = it->second == theme ? c.renamed.erase(it) : std::next(it);
  }
  return c;
}

std::string codebook_fingerprint(const Codebook& codebook) {
  char hex[17];
  std::snprintf(
      hex, sizeof hex, "%016llx",
      static_cast<unsigned long long>(analysis::stable_hash(analysis::to_json(codebook).dump())));
  return hex;
}

}  // namespace lyssna::app
