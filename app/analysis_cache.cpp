// The per-survey analysis cache (see analysis_cache.hpp).
#include "app/analysis_cache.hpp"

#include <future>
#include <optional>

#include "collector/storage/analysis_store.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/survey_store.hpp"
#include "indexing/language_data.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

// One survey's state, read and changed only under its mutex. Each part
// records what it was made from, read *before* it was made, so a change
// that lands meanwhile is seen again at the next request, never missed.
struct AnalysisCache::Entry {
  explicit Entry(std::string id) : survey(std::move(id)) {}
  const std::string survey;
  std::mutex mutex;

  int64_t survey_revision = -1;  // the definition's
  questionnaire::QuestionnairePtr questionnaire;
  std::vector<analysis::CodedQuestion> questions;

  int64_t analysis_revision = -1;                // codebook and margins
  std::optional<std::string> codebook_text;      // the survey's own, as stored (none: the default)
  std::shared_ptr<reports::TaggerPool> taggers;  // lent to the requests' contexts
  std::unique_ptr<analysis::Tagger> tagger;      // used only under the mutex (Xapian queries
                                                 // count their references unsynchronised)

  int64_t manual_seq = -1;
  std::vector<analysis::ManualCode> manual;

  // The themes the queries find, without manual codes, as of the index
  // (uuid, revision) that holds documents up to last_docid.
  std::optional<analysis::ThemeAssignment> automatic;
  std::string index_uuid, index_fingerprint;
  Xapian::rev index_revision = 0;
  Xapian::docid last_docid = 0;

  std::shared_ptr<const analysis::ThemeAssignment> themes;  // automatic + manual
  bool themes_stale = true;

  std::shared_ptr<const analysis::Dataset> dataset;
  int64_t dataset_seq = 0;   // the last response coded
  int64_t checked_seq = -1;  // the last response of any survey when last looked

  std::shared_ptr<const reports::PreparedSurvey> snapshot;
  bool snapshot_stale = true;
};

AnalysisCache::AnalysisCache() = default;
AnalysisCache::~AnalysisCache() = default;

AnalysisCache::Counts AnalysisCache::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

std::shared_ptr<AnalysisCache::Entry> AnalysisCache::entry(const std::string& survey) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if ((*it)->survey == survey) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front();
    }
  }
  entries_.push_front(std::make_shared<Entry>(survey));
  // A request still holding the one dropped finishes with it.
  if (entries_.size() > max_surveys) entries_.pop_back();
  return entries_.front();
}

std::shared_ptr<const reports::PreparedSurvey> AnalysisCache::prepare(
    storage::Database& db, const analysis::TextIndex& index, const std::string& survey) {
  auto count = [this](size_t Counts::*field) {
    std::lock_guard lock(mutex_);
    ++(counts_.*field);
  };
  auto e = entry(survey);
  std::lock_guard lock(e->mutex);

  // The definition: a new one changes what is coded, so all starts again.
  const auto revision = storage::survey_revision(db, survey);
  if (!revision) throw NotFound("survey '" + survey + "' does not exist in this database");
  if (*revision != e->survey_revision) {
    auto q = storage::load_survey(db, survey);
    if (!q) throw NotFound("survey '" + survey + "' does not exist in this database");
    e->questions = reports::coded_questions(*q);
    e->questionnaire = std::make_shared<const questionnaire::Questionnaire>(std::move(*q));
    e->dataset.reset();
    e->dataset_seq = 0;
    e->checked_seq = -1;
    e->analysis_revision = -1;
    e->survey_revision = *revision;
    e->snapshot_stale = true;
  }
  // The codebook: other queries, so every document is tagged again. The
  // revision also moves with the margins, which nothing here holds (the
  // raking memo is keyed by the margins themselves): then the stored
  // codebook is the same and the themes stay.
  const int64_t analysis_revision = storage::analysis_revision(db, survey);
  if (analysis_revision != e->analysis_revision || !e->tagger) {
    auto text = storage::load_codebook(db, survey);
    if (!e->tagger || text != e->codebook_text) {
      analysis::TextAnalyzer analyzer(indexing::language_resources());
      e->tagger = std::make_unique<analysis::Tagger>(indexing::codebook_for(db, survey), analyzer);
      e->taggers = std::make_shared<reports::TaggerPool>(e->tagger->codebook());
      e->codebook_text = std::move(text);
      e->automatic.reset();
      e->themes_stale = e->snapshot_stale = true;
    }
    e->analysis_revision = analysis_revision;
  }
  // Manual codes: read again, applied again to the automatic themes.
  const int64_t manual_seq = storage::last_manual_code_seq(db);
  if (manual_seq != e->manual_seq) {
    std::vector<analysis::ManualCode> manual;
    for (const auto& row : storage::manual_codes(db, survey))
      manual.push_back({row.record_id, row.theme, row.add});
    e->manual = std::move(manual);
    e->manual_seq = manual_seq;
    e->themes_stale = e->snapshot_stale = true;
  }

  // Responses: only added, so the ones after the last coded are appended.
  // Coded on another thread while this one reads the index (as the
  // reports did), through this connection, which this thread leaves alone
  // until it is joined.
  const int64_t last_seq = storage::last_seq(db);
  std::future<std::pair<analysis::Dataset, int64_t>> coding;
  if (!e->dataset || last_seq != e->checked_seq) {
    coding = std::async(std::launch::async, [&db, e] {
      int64_t seq = e->dataset_seq;
      auto added = reports::code_responses(db, e->survey, e->questions, e->dataset_seq, 1, seq);
      return std::pair{std::move(added), seq};
    });
  }

  // The index: documents are only added while its uuid and language
  // knowledge stay (a rebuild makes a new database), and a document's themes depend on it alone, so
  // only those numbered after the last one seen are tagged.
  struct IndexState {
    std::string uuid, fingerprint;
    Xapian::rev revision = 0;
    Xapian::docid last_docid = 0;
    std::optional<analysis::ThemeAssignment> full, added;
  };
  std::optional<IndexState> read;
  try {
    read = index.read([&](const Xapian::Database& xdb) {
      IndexState s{
          xdb.get_uuid(), index.fingerprint(), xdb.get_revision(), xdb.get_lastdocid(), {}, {}};
      if (!e->automatic || s.uuid != e->index_uuid || s.fingerprint != e->index_fingerprint) {
        s.full = e->tagger->tag_automatic(xdb, survey);
      } else if (s.revision > e->index_revision && s.last_docid > e->last_docid) {
        s.added = e->tagger->tag_automatic(xdb, survey, e->last_docid + 1);
      }
      return s;
    });
  } catch (...) {
    if (coding.valid()) coding.wait();
    throw;
  }
  if (read->full) {
    count(&Counts::full_tagging);
    e->automatic = std::move(read->full);
    e->themes_stale = e->snapshot_stale = true;
  } else if (read->added) {
    count(&Counts::added_tagging);
    if (!read->added->rows.empty()) {
      auto copy = *read->added;
      analysis::merge_assignment(*e->automatic, std::move(copy));
      if (!e->themes_stale) {
        // The codes apply to the new rows alone as to the whole set.
        analysis::apply_manual_codes(e->tagger->codebook(), *read->added, e->manual);
        auto themes = std::make_shared<analysis::ThemeAssignment>(*e->themes);
        analysis::merge_assignment(*themes, std::move(*read->added));
        e->themes = std::move(themes);
      }
      e->snapshot_stale = true;
    }
  }
  if (read->full || read->added) {
    e->index_uuid = read->uuid;
    e->index_fingerprint = read->fingerprint;
    e->index_revision = read->revision;
    e->last_docid = read->last_docid;
  }
  if (e->themes_stale) {
    auto themes = std::make_shared<analysis::ThemeAssignment>(*e->automatic);
    analysis::apply_manual_codes(e->tagger->codebook(), *themes, e->manual);
    e->themes = std::move(themes);
    e->themes_stale = false;
  }

  if (coding.valid()) {
    auto [added, seq] = coding.get();
    if (!e->dataset) {
      count(&Counts::full_coding);
      e->dataset = std::make_shared<const analysis::Dataset>(std::move(added));
      e->snapshot_stale = true;
    } else if (added.size() > 0) {
      count(&Counts::added_coding);
      auto dataset = std::make_shared<analysis::Dataset>(*e->dataset);
      dataset->append(std::move(added));
      e->dataset = std::move(dataset);
      e->snapshot_stale = true;
    }
    e->dataset_seq = seq;
    e->checked_seq = last_seq;
  }

  if (e->snapshot_stale || !e->snapshot) {
    count(&Counts::snapshots);
    auto prepared = std::make_shared<reports::PreparedSurvey>();
    prepared->questionnaire = e->questionnaire;
    prepared->codebook = e->tagger->codebook();
    prepared->manual = e->manual;
    prepared->themes = e->themes;
    prepared->dataset = e->dataset;
    prepared->taggers = e->taggers;
    e->snapshot = std::move(prepared);
    e->snapshot_stale = false;
  }
  return e->snapshot;
}

}  // namespace lyssna::app
