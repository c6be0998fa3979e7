// The bridge between languages (see term_bridge.hpp).
#include "analysis/discover/term_bridge.hpp"

#include <algorithm>

#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {
namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

TermBridge::TermBridge(const EnglishPivots* dictionaries, const Codebook& codebook,
                       const std::set<std::string>& stopwords, TextAnalyzer& analyzer)
    : dictionaries_(dictionaries), analyzer_(analyzer) {
  for (const auto& theme : codebook.themes) {
    const std::string pivot = "#" + theme.id;
    // A text of the codebook in `lang`: each of its words stands for the theme.
    auto add_text = [&](const std::string& lang, std::string text) {
      if (!text.empty() && text[0] == '+') text.erase(0, 1);
      const Profile profile = profile_for_language(lang);
      size_t start = 0;
      while (start < text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        std::string piece = text.substr(start, end - start);
        start = end + 1;
        const bool wildcard = !piece.empty() && piece.back() == '*';
        if (wildcard) piece.pop_back();
        uint32_t position = 0, clause = 0;
        const auto tokens = tokenize(piece, profile, profile, position, clause);
        for (size_t i = 0; i < tokens.size(); ++i) {
          const auto& folded = tokens[i].folded;
          if (stopwords.count(folded)) continue;
          const int p = static_cast<int>(tokens[i].profile);
          if (wildcard && i + 1 == tokens.size()) {
            add_unique(theme_prefixes_[{p, folded}], pivot);
            continue;
          }
          for (const auto& stem : analyzer.stems_of(folded, tokens[i].profile, false))
            add_unique(theme_stems_[{p, stem}], pivot);
        }
      }
    };
    // The labels are parallel texts, each word a word of the theme; of the
    // terms only single words: a phrase's words need not be ("kör" of "kör
    // fort", "jää" of "jää alle").
    for (const auto& [lang, label] : theme.label) add_text(lang, label);
    for (const auto& [lang, terms] : theme.terms) {
      for (const auto& term : terms) {
        if (term.find(' ') == std::string::npos) add_text(lang, term);
      }
    }
  }
}

std::vector<std::string> TermBridge::pivots(Profile profile, const std::string& stem,
                                            const std::vector<std::string>& forms) {
  std::vector<std::string> out;
  if (profile == Profile::en) out.push_back(stem);
  add_pivots(profile, stem, out);
  for (const auto& form : forms) {
    // Its own stem and its lemma's, not its compound parts' (a compound is
    // not each of its parts).
    for (const auto& s : analyzer_.stems_of(form, profile, false)) {
      if (s != stem) add_pivots(profile, s, out);
    }
  }
  return out;
}

void TermBridge::add_pivots(Profile profile, const std::string& stem,
                            std::vector<std::string>& out) const {
  if (dictionaries_) {
    if (const auto* english = dictionaries_->find(profile, stem)) {
      for (const auto& e : *english) add_unique(out, e);
    }
  }
  const int p = static_cast<int>(profile);
  if (auto it = theme_stems_.find({p, stem}); it != theme_stems_.end()) {
    for (const auto& t : it->second) add_unique(out, t);
  }
  // Wildcard prefixes: the ones that are prefixes of the stem sort at or
  // before it; few enough to walk back over the profile's list.
  for (auto it = theme_prefixes_.lower_bound({p, ""});
       it != theme_prefixes_.end() && it->first.first == p && it->first.second <= stem; ++it) {
    if (stem.compare(0, it->first.second.size(), it->first.second) == 0) {
      for (const auto& t : it->second) add_unique(out, t);
    }
  }
}

}  // namespace lyssna::analysis
