// Document building (see document_builder.hpp).
#include "analysis/index/document_builder.hpp"

#include <set>

#include <xapian.h>

#include "analysis/index/prefixes.hpp"

namespace lyssna::analysis {
namespace {

// Positions of two answers never touch, so a phrase cannot span them.
constexpr uint32_t answer_gap = 100;

// The stems of one document with a negated mention and with a plain one,
// over all its answers: a stem in both is marked affirmed (XP).
struct MentionedStems {
  std::set<std::string> negated, plain;
};

void add_text(Xapian::Document& doc, const std::vector<AnalyzedToken>& tokens,
              MentionedStems& mentioned) {
  for (const auto& t : tokens) {
    doc.add_posting(std::string(prefix::stem) + t.stem, t.position);
    for (const auto& extra : t.extra_stems)
      doc.add_posting(std::string(prefix::stem) + extra, t.position);
    // Negated mentions are marked apart, so that themes can leave them out.
    const char* mark = t.cue || t.mention == Mention::no_problem ? prefix::not_a_problem
                       : t.mention == Mention::lacking           ? prefix::lacking
                                                                 : nullptr;
    auto& seen = mark ? mentioned.negated : mentioned.plain;
    seen.insert(t.stem);
    seen.insert(t.extra_stems.begin(), t.extra_stems.end());
    if (!mark) continue;
    doc.add_term(mark + t.stem);
    for (const auto& extra : t.extra_stems) doc.add_term(mark + extra);
  }
}

}  // namespace

Xapian::Document build_document(TextAnalyzer& analyzer, const Response& response,
                                const std::vector<TextAnswer>& texts) {
  Xapian::Document doc;
  uint32_t position = 1;
  MentionedStems mentioned;
  for (const auto& answer : texts) {
    add_text(doc, analyzer.analyze(answer.text, response.lang, position), mentioned);
    position += answer_gap;
  }
  // Only stems mentioned both ways get the mark: most documents carry none.
  for (const auto& stem : mentioned.negated) {
    if (mentioned.plain.count(stem)) doc.add_term(std::string(prefix::affirmed) + stem);
  }
  doc.add_boolean_term(unique_term(response.survey, response.id));
  doc.add_boolean_term(survey_term(response.survey));
  const std::string area = response.choice("area");
  if (!area.empty()) doc.add_boolean_term(area_term(area));
  doc.add_value(slot::submitted,
                Xapian::sortable_serialise(static_cast<double>(response.submitted_epoch)));
  doc.add_value(slot::record_id, response.id);
  doc.add_value(slot::area, area);
  doc.add_value(slot::language, response.lang);
  doc.add_value(slot::channel, response.channel);
  return doc;
}

}  // namespace lyssna::analysis
