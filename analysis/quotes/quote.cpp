// Quotes (see quote.hpp).
#include "analysis/quotes/quote.hpp"

#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {
namespace {

constexpr std::string_view masked = "[…]";
constexpr size_t min_masked_digits = 7;

bool is_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool in_local_part(char c) {
  return is_letter(c) || is_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool in_domain(char c) {
  return is_letter(c) || is_digit(c) || c == '.' || c == '-';
}

// E-mail addresses: local@domain.tld, the local part of [A-Za-z0-9._%+-],
// the domain of [A-Za-z0-9.-] ending in '.' and two or more letters, as the
// regular expression [A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,} would
// match them, in one pass: the runs around different '@' never overlap.
std::string mask_addresses(const std::string& text) {
  std::string out;
  size_t copied = 0;  // text before this is in `out`
  for (size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
    size_t start = at;
    while (start > copied && in_local_part(text[start - 1])) --start;
    if (start == at) continue;
    size_t domain_end = at + 1;
    while (domain_end < text.size() && in_domain(text[domain_end])) ++domain_end;
    // The last '.' of the domain with two letters after it, a character or
    // more after the '@'; the letters after it end the address.
    size_t end = std::string::npos;
    for (size_t dot = domain_end; dot-- > at + 2;) {
      if (text[dot] == '.' && dot + 2 < domain_end && is_letter(text[dot + 1]) &&
          is_letter(text[dot + 2])) {
        end = dot + 1;
        while (end < domain_end && is_letter(text[end])) ++end;
        break;
      }
    }
    if (end == std::string::npos) continue;
    out.append(text, copied, start - copied);
    out += masked;
    copied = end;
    at = end - 1;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

// Runs of digits with spaces and hyphens between them (phone and personal
// numbers: "070-123 45 67", "+46 70 123 45 67") holding seven digits or
// more, a '+' in front included.
std::string mask_digit_runs(const std::string& text) {
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < text.size();) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    size_t end = i, last_digit = i, digits = 0;
    for (; end < text.size() && (is_digit(text[end]) || text[end] == ' ' || text[end] == '-');
         ++end) {
      if (is_digit(text[end])) {
        ++digits;
        last_digit = end;
      }
    }
    if (digits >= min_masked_digits) {
      const size_t start = i > copied && text[i - 1] == '+' ? i - 1 : i;
      out.append(text, copied, start - copied);
      out += masked;
      copied = last_digit + 1;
    }
    i = last_digit + 1;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace

// Two linear scans: a regular expression with backtracking took quadratic
// time on long runs of such characters (and libstdc++'s recursed deep
// enough to overflow the stack), and answers run to 20,000 characters.
std::string redact_contact_details(const std::string& text) {
  return mask_digit_runs(mask_addresses(text));
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
