// Theme suggestions (see theme_suggestions.hpp).
#include "app/theme_suggestions.hpp"

#include <algorithm>
#include <set>

#include <xapian.h>

#include "analysis/index/document_builder.hpp"
#include "analysis/index/xapian_errors.hpp"
#include "app/dialogues.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/storage/analysis_store.hpp"
#include "indexing/language_data.hpp"
#include "indexing/text_answers.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {

std::vector<ThemeSuggestion> suggest_themes(const analysis::Tagger& tagger,
                                            analysis::TextAnalyzer& analyzer,
                                            const analysis::Response& response,
                                            const std::vector<analysis::TextAnswer>& texts,
                                            size_t limit) {
  std::vector<std::pair<ThemeSuggestion, size_t>> found;  // with the theme's codebook position
  if (texts.empty() || limit == 0) return {};
  try {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Xapian::Document doc = analysis::build_document(analyzer, response, texts);
    const Xapian::docid docid = db.add_document(doc);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const auto& themes = tagger.codebook().themes;
    for (size_t t = 0; t < themes.size(); ++t) {
      enquire.set_query(tagger.query(themes[t].id));
      Xapian::MSet matches = enquire.get_mset(0, 1);
      if (matches.empty()) continue;
      ThemeSuggestion s{themes[t].id, 0, 0};
      // The query's terms the note holds; the same term twice in a query
      // (two languages' stems of one word) counts once.
      std::set<std::string> terms(enquire.get_matching_terms_begin(docid),
                                  enquire.get_matching_terms_end(docid));
      for (const auto& term : terms) {
        auto it = db.termlist_begin(docid);
        it.skip_to(term);
        if (it != db.termlist_end(docid) && *it == term) s.mentions += it.get_wdf();
      }
      s.terms = terms.size();
      found.emplace_back(std::move(s), t);
    }
  } catch (const Xapian::Error& e) {
    analysis::rethrow_xapian_error(e, "cannot tag the note");
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.first.terms != b.first.terms) return a.first.terms > b.first.terms;
    if (a.first.mentions != b.first.mentions) return a.first.mentions > b.first.mentions;
    return a.second < b.second;
  });
  std::vector<ThemeSuggestion> out;
  for (auto& [s, position] : found) {
    if (out.size() == limit) break;
    out.push_back(std::move(s));
  }
  return out;
}

// One survey's compiled codebook, as of the codebook text it was made from.
struct ThemeSuggester::Entry {
  explicit Entry(std::string id) : survey(std::move(id)) {}
  const std::string survey;
  std::mutex mutex;
  int64_t analysis_revision = -1;
  std::optional<std::string> codebook_text;  // the survey's own, as stored (none: the default)
  std::unique_ptr<analysis::TextAnalyzer> analyzer;
  std::unique_ptr<analysis::Tagger> tagger;
};

ThemeSuggester::ThemeSuggester() = default;
ThemeSuggester::~ThemeSuggester() = default;

size_t ThemeSuggester::compilations() const {
  std::lock_guard lock(mutex_);
  return compilations_;
}

std::shared_ptr<ThemeSuggester::Entry> ThemeSuggester::entry(const std::string& survey) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if ((*it)->survey == survey) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front();
    }
  }
  entries_.push_front(std::make_shared<Entry>(survey));
  if (entries_.size() > max_surveys) entries_.pop_back();
  return entries_.front();
}

std::vector<ThemeSuggestion> ThemeSuggester::suggest(Services& services, const std::string& survey,
                                                     const NoteDraft& draft, size_t limit) {
  const auto q = require_survey(services, survey);
  if (!q->supports(draft.lang))
    throw Invalid("the questionnaire has no language '" + draft.lang + "'", "lang");
  const std::string text = text::normalize_free_text(text::trim(draft.text));
  if (text.size() > max_note_length || !text::is_valid_utf8(text)) {
    throw Invalid("a note is at most " + std::to_string(max_note_length) + " bytes of text",
                  "text");
  }
  if (text.empty()) return {};
  // The answers as take_note stores them, read back as the indexer reads
  // stored answers: the same texts reach the same document builder.
  nlohmann::json answers = {{"free_text", text}};
  if (draft.place && !text::trim(*draft.place).empty())
    answers["free_place"] = text::trim(*draft.place);
  questionnaire::normalize_free_text_answers(*q, answers);
  auto stored = indexing::stored_texts(answers.dump(), indexing::text_questions(*q));
  analysis::Response response;
  response.survey = survey;
  response.id = "suggestion";
  response.lang = draft.lang;
  response.channel = "dialogue";

  auto e = entry(survey);
  std::lock_guard lock(e->mutex);
  {
    // The codebook in force, compiled again only when its text changed
    // (the revision moves with margins too, which leave it as it is).
    auto db = services.readers().acquire();
    const int64_t revision = storage::analysis_revision(*db, survey);
    if (revision != e->analysis_revision || !e->tagger) {
      auto stored_codebook = storage::load_codebook(*db, survey);
      if (!e->tagger || stored_codebook != e->codebook_text) {
        if (!e->analyzer)
          e->analyzer = std::make_unique<analysis::TextAnalyzer>(indexing::language_resources());
        e->tagger =
            std::make_unique<analysis::Tagger>(indexing::codebook_for(*db, survey), *e->analyzer);
        e->codebook_text = std::move(stored_codebook);
        std::lock_guard count(mutex_);
        ++compilations_;
      }
      e->analysis_revision = revision;
    }
  }
  return suggest_themes(*e->tagger, *e->analyzer, response, stored.texts, limit);
}

}  // namespace lyssna::app
