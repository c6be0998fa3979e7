// The codebook editor's rules: one theme's terms and labels changed, a theme
// added, renamed, merged into another or deleted, each giving the whole new
// codebook (nothing is stored here: the editor previews it with
// reports::codebook_preview and saves it with app::set_codebook), and the
// fingerprint that tells a preview's codebook from a later one.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/codebook/codebook.hpp"

namespace lyssna::app {

// A theme as the editor's form gives it.
struct ThemeDraft {
  std::string original;  // the id it had ("" for a new theme)
  std::string id;        // the id it gets: a rename when it differs from `original`
  std::map<std::string, std::string> label;               // language -> label ("" dropped)
  std::map<std::string, std::vector<std::string>> terms;  // language -> terms (one a line)
};

// Limits of the form's fields: a theme's id, a label, a language's terms.
inline constexpr size_t max_label_bytes = 200;

// The codebook with `draft` in place of its original (problem items kept),
// or appended when new; a rename records the old id in `renamed` so manual
// codes follow it. Throws Invalid naming the field ("id", "label_<lang>",
// "terms_<lang>") for an id that is malformed or taken, a label too long, a
// term that breaks the codebook's syntax (its message names the term), or
// NotFound ("theme") for an original the codebook lacks.
analysis::Codebook with_theme(const analysis::Codebook& codebook, const ThemeDraft& draft);
// `from` merged into `into`: its terms and problem items joined to those of
// `into`, its id renamed to `into`. Invalid ("into") for a theme merged into itself.
analysis::Codebook with_merge(const analysis::Codebook& codebook, const std::string& from,
                              const std::string& into);
// Without `theme`; its manual codes then count for no theme. Invalid
// ("theme") for the last theme: a codebook has at least one.
analysis::Codebook without_theme(const analysis::Codebook& codebook, const std::string& theme);

// A short text that changes whenever the codebook does.
std::string codebook_fingerprint(const analysis::Codebook& codebook);

// Terms typed one a line: each trimmed, empty lines and repeats dropped.
std::vector<std::string> terms_from_lines(const std::string& text);

}  // namespace lyssna::app
