// Themes of responses: every theme's query run over the index, then manual
// coding applied on top (an analyst's add or remove always wins).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/codebook/codebook.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

struct ManualCode {
  std::string record_id;
  std::string theme;  // as coded; followed through the codebook's renames
  bool add = true;    // false: remove
};

// Record id -> its themes, in codebook order. Holds every indexed response
// of the survey (each has free text), with or without themes.
using ThemeAssignment = std::map<std::string, std::vector<std::string>>;

class Tagger {
 public:
  // Compiles every theme once. The analyzer is used only during construction.
  Tagger(const Codebook& codebook, TextAnalyzer& analyzer);

  // Runs the themes over the survey's documents and applies manual codes
  // (later codes win over earlier ones for the same record and theme).
  // Throws AnalysisError when the index cannot be read.
  ThemeAssignment tag(const Xapian::Database& db, const std::string& survey,
                      const std::vector<ManualCode>& manual = {}) const;

  const Codebook& codebook() const { return codebook_; }
  const Xapian::Query& query(const std::string& theme) const { return queries_.at(theme); }

 private:
  Codebook codebook_;
  std::map<std::string, Xapian::Query> queries_;
};

// The survey's indexed documents (each a response with free text).
struct IndexedResponse {
  std::string record_id;
  std::string area;
};
std::map<Xapian::docid, IndexedResponse> survey_documents(const Xapian::Database& db, const std::string& survey);

}  // namespace lyssna::analysis
