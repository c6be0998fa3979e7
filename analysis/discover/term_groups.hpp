// Discovery's grouping of distinctive terms into candidate themes: terms of
// different languages with a pivot in common (translations: "snö", "snow",
// "الثلج") first become one concept, answering for all their answers; then
// concepts that occur in the same answers (Jaccard overlap) form a group.
// Plain data in, plain data out; deterministic.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/text/language.hpp"

namespace lyssna::analysis {

struct DiscoveredTerm {
  std::string stem;
  Profile language = Profile::plain;  // the profile that produced most of its uses
  std::vector<std::string> pivots;    // TermBridge::pivots, over the profiles that used it
  std::set<Xapian::docid> docs;       // the unmatched answers holding it
};

struct TermGroup {
  std::vector<size_t> terms;  // indices into the terms, in their order
  std::set<Xapian::docid> docs;
};

// The language an answer was written in (any small number standing for it).
using LanguageOf = std::function<int(Xapian::docid)>;

// `terms` most distinctive first. A concept joins the group it overlaps
// most, when that overlap is at least `cooccurrence`; else it starts a
// group. The overlap is the Jaccard index of the concept's answers and the
// group's answers in the concept's languages: a Swedish word can only occur
// beside the Swedish answers of a group that also holds English ones.
// Groups come most answers first, ties by their stems.
std::vector<TermGroup> group_terms(const std::vector<DiscoveredTerm>& terms,
                                   const LanguageOf& language_of, double cooccurrence);

}  // namespace lyssna::analysis
