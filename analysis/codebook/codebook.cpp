// Codebook parsing (see codebook.hpp).
#include "analysis/codebook/codebook.hpp"

#include <set>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {
namespace {

bool is_theme_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// A term's shape: one to three words, '*' only at a word's end after at
// least three letters, '+' only in front.
// `a/b ~ c`: each side one word or alternatives of one word each.
std::string near_problem(const std::string& t, size_t tilde) {
  for (const std::string& side : {t.substr(0, tilde), t.substr(tilde + 3)}) {
    if (side.empty() || side.find(' ') != std::string::npos)
      return "needs one word or words/like/these on each side of ' ~ '";
    if (side.find_first_of("*+~") != std::string::npos)
      return "has '*', '+' or '~' beside ' ~ ' (whole words only)";
    size_t alternatives = 1, start = 0;
    for (size_t slash; (slash = side.find('/', start)) != std::string::npos; start = slash + 1) {
      if (slash == start) return "has an empty word between '/'";
      ++alternatives;
    }
    if (start == side.size()) return "has an empty word between '/'";
    if (alternatives > max_near_alternatives) {
      return "has more than " + std::to_string(max_near_alternatives) + " words on a side of ' ~ '";
    }
  }
  return "";
}

std::string term_problem(const std::string& term) {
  std::string t = term;
  if (!t.empty() && t[0] == '+') t.erase(0, 1);
  if (t.empty()) return "is empty";
  if (auto tilde = t.find(" ~ "); tilde != std::string::npos) return near_problem(t, tilde);
  if (t.find('~') != std::string::npos || t.find('/') != std::string::npos)
    return "has '~' or '/' outside the form 'word/word ~ word'";
  size_t words = 0;
  size_t start = 0;
  while (start < t.size()) {
    size_t end = t.find(' ', start);
    if (end == std::string::npos) end = t.size();
    std::string w = t.substr(start, end - start);
    if (!w.empty()) {
      ++words;
      auto star = w.find('*');
      if (star != std::string::npos && star != w.size() - 1) return "has '*' inside a word";
      if (star != std::string::npos && star < 3) return "needs at least three letters before '*'";
      if (w.find('+') != std::string::npos) return "has '+' inside (only at the start)";
    }
    start = end + 1;
  }
  if (words == 0) return "is empty";
  if (words > 3) return "has more than three words";
  if (words > 1 && t.find('*') != std::string::npos)
    return "has '*' in a phrase (Xapian's phrases take whole words)";
  return "";
}

}  // namespace

const Theme* Codebook::find(const std::string& id) const {
  for (const auto& t : themes) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::string Codebook::resolve(const std::string& id) const {
  std::string current = id;
  for (int hops = 0; hops < 16; ++hops) {
    if (find(current)) return current;
    auto it = renamed.find(current);
    if (it == renamed.end()) return "";
    current = it->second;
  }
  return "";
}

std::string Codebook::label(const std::string& theme, const std::string& lang) const {
  const Theme* t = find(theme);
  if (!t) return theme;
  for (const std::string& l : {lang, std::string("en")}) {
    auto it = t->label.find(l);
    if (it != t->label.end()) return it->second;
  }
  return theme;
}

Codebook parse_codebook(const nlohmann::json& j) {
  if (!j.is_object()) throw BadSpecification("a codebook must be a JSON object");
  Codebook c;
  c.id = "custom";
  if (j.contains("id")) {
    if (!j["id"].is_string() || j["id"].get<std::string>().empty())
      throw BadSpecification("codebook: 'id' must be a text");
    c.id = j["id"].get<std::string>();
  }
  if (!j.contains("themes") || !j["themes"].is_array() || j["themes"].empty()) {
    throw BadSpecification("codebook: 'themes' must be a non-empty list");
  }
  if (j["themes"].size() > max_codebook_themes) {
    throw BadSpecification("codebook: " + std::to_string(j["themes"].size()) +
                           " themes, more than the " + std::to_string(max_codebook_themes) +
                           " a codebook may have");
  }
  std::set<std::string> ids;
  for (const auto& jt : j["themes"]) {
    Theme t;
    if (!jt.is_object() || !jt.contains("id") || !jt["id"].is_string() ||
        !is_theme_id(jt["id"].get<std::string>())) {
      throw BadSpecification("codebook: every theme needs an 'id' of a-z, 0-9 and '_'");
    }
    t.id = jt["id"].get<std::string>();
    const std::string where = "codebook theme '" + t.id + "'";
    if (!ids.insert(t.id).second) throw BadSpecification(where + ": the id appears twice");
    if (jt.contains("label")) {
      if (!jt["label"].is_object())
        throw BadSpecification(where + ": 'label' must be an object of texts per language");
      for (const auto& [lang, text] : jt["label"].items()) {
        if (!text.is_string())
          throw BadSpecification(where + ": label '" + lang + "' must be a text");
        t.label[lang] = text.get<std::string>();
      }
    }
    if (jt.contains("problem_items")) {
      if (!jt["problem_items"].is_array())
        throw BadSpecification(where + ": 'problem_items' must be a list");
      for (const auto& item : jt["problem_items"]) {
        if (!item.is_string())
          throw BadSpecification(where + ": 'problem_items' must hold question ids");
        t.problem_items.push_back(item.get<std::string>());
      }
    }
    if (!jt.contains("terms") || !jt["terms"].is_object()) {
      throw BadSpecification(where + ": 'terms' must be an object of term lists per language");
    }
    size_t terms = 0;
    for (const auto& [lang, list] : jt["terms"].items()) {
      if (!list.is_array()) throw BadSpecification(where + ": terms '" + lang + "' must be a list");
      terms += list.size();
      if (terms > max_theme_terms) {
        throw BadSpecification(where + ": more than " + std::to_string(max_theme_terms) +
                               " terms (over all languages)");
      }
      for (const auto& term : list) {
        if (!term.is_string())
          throw BadSpecification(where + ": terms '" + lang + "' must hold texts");
        std::string problem = term_problem(term.get<std::string>());
        if (!problem.empty()) {
          throw BadSpecification(where + ", " + lang + " term '" + term.get<std::string>() +
                                 "': " + problem);
        }
        t.terms[lang].push_back(term.get<std::string>());
      }
    }
    c.themes.push_back(std::move(t));
  }
  if (j.contains("renamed")) {
    if (!j["renamed"].is_object())
      throw BadSpecification("codebook: 'renamed' must map old ids to new ids");
    for (const auto& [old_id, new_id] : j["renamed"].items()) {
      if (!new_id.is_string() || !c.find(new_id.get<std::string>())) {
        throw BadSpecification("codebook: 'renamed' maps '" + old_id +
                               "' to a theme that does not exist");
      }
      c.renamed[old_id] = new_id.get<std::string>();
    }
  }
  return c;
}

nlohmann::json to_json(const Codebook& c) {
  nlohmann::json themes = nlohmann::json::array();
  for (const auto& t : c.themes) {
    themes.push_back(
        {{"id", t.id}, {"label", t.label}, {"problem_items", t.problem_items}, {"terms", t.terms}});
  }
  nlohmann::json j = {{"format", 1}, {"id", c.id}, {"themes", themes}};
  if (!c.renamed.empty()) j["renamed"] = c.renamed;
  return j;
}

}  // namespace lyssna::analysis
