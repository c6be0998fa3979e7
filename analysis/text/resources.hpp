// The language knowledge the analyzer uses: compound lexicons (Swedish,
// Finnish) and negation rules per language. Loaded once from data files by
// the caller and shared read-only between threads.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/text/language.hpp"

namespace lyssna::analysis {

struct Idiom {
  std::vector<std::string> stems;
  std::vector<bool> discounted;  // per stem: not a mention where the idiom occurs
  // A one-word idiom is that word's form, not its stem: Finnish "[pimeällä]"
  // (in the dark: a time) must not take "pimeää" (it is dark) along, which
  // stems alike. It matches the words that begin with it ("[valepoliisi]":
  // "valepoliisilta"). Empty for longer idioms, whose words match by stem.
  std::string word;  // folded
};

struct NegationRules {
  std::unordered_set<std::string> cues;  // folded words
  // Negation written into the word: a cue "نمی*" is every word so begun
  // (Persian negates verbs with a prefix: "نمیاد", "نداریم").
  std::vector<std::string> cue_prefixes;  // folded, without the '*'
  // Words a cue reaches, forward and back. Verb-final languages (Persian,
  // Somali) put the negated verb after what it denies, further back.
  uint32_t reach_forward = 3, reach_back = 2;
  // "Problem" words: one a cue reaches ("never had any trouble with",
  // "dhibaato ... ma jirto") makes its clause a no-problem clause, whatever
  // words the problem is about.
  std::unordered_set<std::string> problem_stems;
  // Words a cue's reach back stops at: "och", "and" start a new part of the
  // sentence ("Det är hedersförtryck och ingen vågar prata": nobody dares,
  // the oppression is there). Folded words.
  std::unordered_set<std::string> back_stops;
  std::vector<std::vector<std::string>> no_problem;  // stem sequences
  std::unordered_set<std::string> clause_breaks;     // folded words
  // Words that carry a negation on through a list ("inget knark eller
  // gäng", "no gangs or drugs"): each one reached extends the reach.
  std::unordered_set<std::string> list_words;  // folded words
  // Set phrases in which a word is no mention of a concern: a time ("efter
  // [mörkret]", "after [dark]"), a place only passed on the way ("från
  // [stationen]"), an impostor ("falsk [polis]"). The words in brackets are
  // the ones that do not count (all, without brackets); one other word may
  // stand between two of the phrase's ("from the train station").
  std::vector<Idiom> idioms;
};

struct LanguageResources {
  // Folded lemmas and their stems, per profile with compounds (sv, fi).
  std::map<Profile, std::unordered_set<std::string>> lemmas;
  std::map<Profile, std::unordered_set<std::string>> lemma_stems;
  std::map<Profile, NegationRules> negation;
  // Latin words inside Arabic or Persian answers are read as this language.
  Profile latin_fallback = Profile::sv;
  // Identifies this knowledge; stored with the index so a change triggers a rebuild.
  std::string fingerprint;
};

// Builds resources from word lists (one lemma per line, '#' comments) and the
// negation rules JSON ({"sv": {"cues": [...], "no_problem": [...],
// "clause_breaks": [...], "list_words": [...], "idioms": [...], "problem_words": [...],
// "back_stops": [...], "reach_forward": 3, "reach_back": 2}, ...}). Throws BadSpecification on
// malformed data.
std::shared_ptr<const LanguageResources> build_resources(
    const std::map<std::string, std::string>& lexicon_texts, const nlohmann::json& negation_rules);

}  // namespace lyssna::analysis
