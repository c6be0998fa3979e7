// Quotes: answers shown as examples of what people said. Contact details are
// masked, and a list of quotes never shows the same text twice.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace lyssna::analysis {

struct Quote {
  std::string record_id;
  std::string question;
  std::string text;
  std::string lang;
};

// Masks what identifies people in a quote: e-mail addresses and runs of
// seven or more digits with spaces or hyphens between them (phone and
// personal numbers) become "[…]". Linear in the text's length, any text.
std::string redact_contact_details(const std::string& text);

// A text as a reader tells texts apart: its words folded (case and
// diacritics), joined by single spaces; punctuation and spacing dropped.
// "Vet inte." and "vet  inte" are the same text.
std::string normalized_text(std::string_view text);

// The texts a list of quotes already shows.
class DistinctTexts {
 public:
  // True when no text with the same normalized form was inserted before.
  bool insert(std::string_view text) { return seen_.insert(normalized_text(text)).second; }

 private:
  std::set<std::string> seen_;
};

}  // namespace lyssna::analysis
