// Document building (see document_builder.hpp).
#include "analysis/index/document_builder.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analysis/index/prefixes.hpp"

namespace lyssna::analysis {
namespace {

// Positions of two answers never touch, so a phrase cannot span them.
constexpr uint32_t answer_gap = 100;

void add_text(Xapian::Document& doc, const std::vector<AnalyzedToken>& tokens) {
  for (const auto& t : tokens) {
    doc.add_posting(t.word, t.position);
    doc.add_term(std::string(prefix::stem) + t.stem);
    for (const auto& part : t.extra_stems) doc.add_term(std::string(prefix::stem) + part);
    if (t.cue || t.mention == Mention::no_problem) continue;
    const std::string theme_prefix = t.mention == Mention::lacking ? prefix::lacking : prefix::present;
    doc.add_posting(theme_prefix + t.stem, t.position);
    for (const auto& part : t.extra_stems) doc.add_posting(theme_prefix + part, t.position);
  }
}

}  // namespace

std::string unique_term(const std::string& survey, const std::string& id) {
  return std::string(prefix::unique_id) + survey + '\x1f' + id;
}

Xapian::Document build_document(TextAnalyzer& analyzer, const Response& response,
                                const std::vector<TextAnswer>& texts) {
  Xapian::Document doc;
  nlohmann::json stored_texts = nlohmann::json::array();
  uint32_t position = 1;
  for (const auto& answer : texts) {
    add_text(doc, analyzer.analyze(answer.text, response.lang, position));
    position += answer_gap;
    doc.add_boolean_term(std::string(prefix::question) + answer.question);
    stored_texts.push_back({{"q", answer.question}, {"t", answer.text}});
  }
  doc.add_boolean_term(unique_term(response.survey, response.id));
  doc.add_boolean_term(std::string(prefix::survey) + response.survey);
  doc.add_boolean_term(std::string(prefix::language) + response.lang);
  doc.add_boolean_term(std::string(prefix::channel) + response.channel);
  const std::string area = response.choice("area");
  if (!area.empty()) doc.add_boolean_term(std::string(prefix::area) + area);
  doc.add_value(slot::seq, Xapian::sortable_serialise(static_cast<double>(response.seq)));
  doc.add_value(slot::submitted, Xapian::sortable_serialise(static_cast<double>(response.submitted_epoch)));
  doc.add_value(slot::record_id, response.id);
  doc.add_value(slot::area, area);
  doc.add_value(slot::language, response.lang);
  doc.add_value(slot::channel, response.channel);
  doc.set_data(nlohmann::json{{"id", response.id}, {"texts", stored_texts}}.dump());
  return doc;
}

StoredDocument read_document_data(const std::string& data) {
  StoredDocument out;
  auto j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return out;
  out.id = j.value("id", "");
  if (j.contains("texts") && j["texts"].is_array()) {
    for (const auto& t : j["texts"]) out.texts.push_back({t.value("q", ""), t.value("t", "")});
  }
  return out;
}

}  // namespace lyssna::analysis
