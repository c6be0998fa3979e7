// Quotes (see quote.hpp).
#include "analysis/quotes/quote.hpp"

#include <regex>

#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {

std::string redact_contact_details(const std::string& text) {
  static const std::regex email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})");
  static const std::regex digits(R"(\+?\d[\d \-]{6,}\d)");
  return std::regex_replace(std::regex_replace(text, email, "[…]"), digits, "[…]");
}

std::string normalized_text(std::string_view text) {
  uint32_t position = 0, clause = 0;
  std::string out;
  for (const auto& token : tokenize(text, Profile::plain, Profile::plain, position, clause)) {
    if (!out.empty()) out += ' ';
    out += token.folded;
  }
  return out;
}

}  // namespace lyssna::analysis
