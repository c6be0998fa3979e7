// Boolean terms (see terms.hpp).
#include "analysis/index/terms.hpp"

#include <cstdio>

#include "analysis/index/prefixes.hpp"
#include "analysis/stable_hash.hpp"

namespace lyssna::analysis {

std::string filter_term(std::string_view prefix, std::string_view value) {
  std::string term = std::string(prefix) + std::string(value);
  if (term.size() <= max_term_bytes) return term;
  // Keep a readable start, then '#' and 16 hex digits of the whole value.
  char digest[20];
  std::snprintf(digest, sizeof digest, "#%016llx",
                static_cast<unsigned long long>(stable_hash(value)));
  term.resize(max_term_bytes - 17);
  return term + digest;
}

std::string unique_term(const std::string& survey, const std::string& id) {
  return filter_term(prefix::unique_id, survey + '\x1f' + id);
}

std::string survey_term(const std::string& survey) {
  return filter_term(prefix::survey, survey);
}

std::string area_term(const std::string& area) {
  return filter_term(prefix::area, area);
}

}  // namespace lyssna::analysis
