// Grouping discovered terms (see term_groups.hpp).
#include "analysis/discover/term_groups.hpp"

#include <algorithm>
#include <numeric>

namespace lyssna::analysis {
namespace {

// Answers with how many of them are in each language.
struct Answers {
  std::set<Xapian::docid> docs;
  std::map<int, size_t> per_language;

  void add(const std::set<Xapian::docid>& more, const LanguageOf& language_of) {
    for (auto d : more) {
      if (docs.insert(d).second) ++per_language[language_of(d)];
    }
  }
};

// Jaccard of a concept's answers and a group's answers in the concept's languages.
double overlap(const Answers& concept_answers, const Answers& group) {
  size_t common = 0;
  for (auto d : concept_answers.docs) common += group.docs.count(d);
  size_t comparable = 0;
  for (const auto& [lang, n] : concept_answers.per_language) {
    if (auto it = group.per_language.find(lang); it != group.per_language.end())
      comparable += it->second;
  }
  const size_t all = concept_answers.docs.size() + comparable - common;
  return all == 0 ? 0 : double(common) / double(all);
}

bool share_a_pivot(const DiscoveredTerm& a, const DiscoveredTerm& b) {
  for (const auto& p : a.pivots) {
    if (std::find(b.pivots.begin(), b.pivots.end(), p) != b.pivots.end()) return true;
  }
  return false;
}

// The share of a group's answers that, when they are another larger group's
// too, make it part of that group.
constexpr double part_of_larger = 0.5;

size_t root(std::vector<size_t>& parent, size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

std::vector<TermGroup> group_terms(const std::vector<DiscoveredTerm>& terms,
                                   const LanguageOf& language_of, double cooccurrence) {
  // Concepts: translations of each other. Only across languages: within one,
  // whether two words go together is what co-occurrence tells.
  std::vector<size_t> parent(terms.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (size_t i = 0; i < terms.size(); ++i) {
    for (size_t j = i + 1; j < terms.size(); ++j) {
      if (terms[i].language == terms[j].language || !share_a_pivot(terms[i], terms[j])) continue;
      const size_t a = root(parent, i), b = root(parent, j);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the better-ranked term leads
    }
  }
  struct Building {
    std::vector<size_t> terms;
    Answers answers;
  };
  std::vector<Building> concepts;  // in the order of their best term
  std::vector<size_t> concept_of(terms.size(), SIZE_MAX);
  for (size_t i = 0; i < terms.size(); ++i) {
    const size_t r = root(parent, i);
    if (concept_of[r] == SIZE_MAX) {
      concept_of[r] = concepts.size();
      concepts.emplace_back();
    }
    auto& c = concepts[concept_of[r]];
    c.terms.push_back(i);
    c.answers.add(terms[i].docs, language_of);
  }

  std::vector<Building> building;
  for (auto& c : concepts) {
    Building* best = nullptr;
    double best_overlap = cooccurrence;
    for (auto& g : building) {
      const double o = overlap(c.answers, g.answers);
      if (o >= best_overlap) {
        best_overlap = o;
        best = &g;
      }
    }
    if (!best) {
      building.push_back(std::move(c));
      continue;
    }
    best->terms.insert(best->terms.end(), c.terms.begin(), c.terms.end());
    best->answers.add(c.answers.docs, language_of);
  }
  // A group whose answers are mostly another's, larger group's is a part of
  // that one, not a theme beside it (words that go with the theme's words in
  // some of its answers only: "plogar", "ligger kvar").
  std::stable_sort(building.begin(), building.end(), [](const Building& a, const Building& b) {
    return a.answers.docs.size() > b.answers.docs.size();
  });
  std::vector<TermGroup> groups;
  std::vector<bool> absorbed(building.size(), false);
  for (size_t i = 0; i < building.size(); ++i) {
    if (absorbed[i]) continue;
    TermGroup g{building[i].terms, building[i].answers.docs};
    for (size_t j = i + 1; j < building.size(); ++j) {
      if (absorbed[j]) continue;
      const auto& part = building[j].answers.docs;
      size_t common = 0;
      for (auto d : part) common += building[i].answers.docs.count(d);
      if (double(common) < part_of_larger * double(part.size())) continue;
      absorbed[j] = true;
      g.terms.insert(g.terms.end(), building[j].terms.begin(), building[j].terms.end());
      g.docs.insert(part.begin(), part.end());
    }
    std::sort(g.terms.begin(), g.terms.end());
    groups.push_back(std::move(g));
  }
  auto stems = [&](const TermGroup& g) {
    std::vector<std::string> out;
    for (size_t i : g.terms) out.push_back(terms[i].stem);
    return out;
  };
  std::sort(groups.begin(), groups.end(), [&](const TermGroup& a, const TermGroup& b) {
    if (a.docs.size() != b.docs.size()) return a.docs.size() > b.docs.size();
    return stems(a) < stems(b);
  });
  return groups;
}

}  // namespace lyssna::analysis
