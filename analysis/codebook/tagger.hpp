// Themes of responses: every theme's query run over the index, then manual
// coding applied on top (an analyst's add or remove always wins).
#pragma once

#include <algorithm>
#include <cstdint>
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

static_assert(max_codebook_themes <= UINT16_MAX, "theme indices are 16 bits");

// One response with free text and the themes it carries.
struct TaggedResponse {
  std::string record_id;
  std::string area;
  Xapian::docid docid = 0;
  std::vector<uint16_t> themes;  // indices into the codebook's themes, in codebook order

  bool has(size_t theme) const {
    return std::find(themes.begin(), themes.end(), theme) != themes.end();
  }
};

// Every indexed response of a survey (each has free text), with or without
// themes, sorted by record id. Kept compact: surveys have 100,000 answers.
struct ThemeAssignment {
  std::vector<TaggedResponse> rows;
  const TaggedResponse* find(const std::string& record_id) const;
};

class Tagger {
 public:
  // Compiles every theme once. The analyzer is used only during construction.
  Tagger(const Codebook& codebook, TextAnalyzer& analyzer);

  // Runs the themes over the survey's documents and applies manual codes
  // (later codes win over earlier ones for the same record and theme).
  // Throws AnalysisError when the index cannot be read.
  ThemeAssignment tag(const Xapian::Database& db, const std::string& survey,
                      const std::vector<ManualCode>& manual = {}) const;
  // The themes the queries find, without manual codes, of the survey's
  // documents numbered `first_docid` or above (a cache tags only the
  // documents the indexer added since it last looked: a document's themes
  // depend on it alone). Sorted by record id.
  ThemeAssignment tag_automatic(const Xapian::Database& db, const std::string& survey,
                                Xapian::docid first_docid = 1) const;

  const Codebook& codebook() const { return codebook_; }
  // The compiled query of a theme (a current id), before manual codes.
  const Xapian::Query& query(const std::string& theme) const { return queries_.at(theme); }
  // The documents of `survey` that carry `theme` as tag() assigns it: its
  // query, plus the responses an analyst added it to, less those they
  // removed it from (manual codes win, in order, as in tag()).
  Xapian::Query assigned_query(const std::string& theme, const std::string& survey,
                               const std::vector<ManualCode>& manual) const;

 private:
  Codebook codebook_;
  std::map<std::string, Xapian::Query> queries_;
};

// Applies manual codes to rows tagged automatically, in order (a later code
// for the same response and theme wins); codes of responses not among the
// rows, or of themes the codebook lacks, are left out. What tag() does.
void apply_manual_codes(const Codebook& codebook, ThemeAssignment& assignment,
                        const std::vector<ManualCode>& manual);
// Adds `more` (sorted by record id, as tag() returns) to `into`, keeping
// the order; a row of `more` replaces one of `into` with its record id.
void merge_assignment(ThemeAssignment& into, ThemeAssignment&& more);

// The survey's indexed documents (each a response with free text), by docid.
struct IndexedResponse {
  Xapian::docid docid = 0;
  std::string record_id;
  std::string area;
};
std::vector<IndexedResponse> survey_documents(const Xapian::Database& db,
                                              const std::string& survey);

}  // namespace lyssna::analysis
