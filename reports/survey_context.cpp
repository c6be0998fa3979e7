// Survey analysis context (see survey_context.hpp).
#include "reports/survey_context.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <future>
#include <unordered_map>

#include "collector/interchange/json_reader.hpp"
#include "collector/storage/analysis_store.hpp"
#include "collector/storage/response_batch.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/survey_store.hpp"
#include "indexing/language_data.hpp"
#include "indexing/text_answers.hpp"
#include "util/errors.hpp"

namespace lyssna::reports {
namespace {

[[noreturn]] void not_coded(const std::string& variable, const std::string& field) {
  throw Invalid("the margins name '" + variable + "', which is not a coded question", field);
}

}  // namespace

SurveyContext::SurveyContext(storage::Database& database, const analysis::TextIndex& text_index,
                             const std::string& survey)
    : db(database), index(text_index) {
  auto q = storage::load_survey(db, survey);
  if (!q) throw NotFound("survey '" + survey + "' does not exist in this database");
  questionnaire = std::move(*q);
  analyzer = std::make_unique<analysis::TextAnalyzer>(indexing::language_resources());
  tagger = TaggerHandle(new analysis::Tagger(indexing::codebook_for(db, survey), *analyzer));
  for (const auto& row : storage::manual_codes(db, survey))
    manual.push_back({row.record_id, row.theme, row.add});
  text_questions_ = indexing::text_questions(questionnaire);
}

SurveyContext::SurveyContext(storage::Database& database, const analysis::TextIndex& text_index,
                             std::shared_ptr<const PreparedSurvey> prepared)
    : db(database), index(text_index), prepared_(std::move(prepared)) {
  questionnaire = *prepared_->questionnaire;
  analyzer = std::make_unique<analysis::TextAnalyzer>(indexing::language_resources());
  tagger = TaggerHandle(prepared_->taggers->take(*analyzer).release(),
                        TaggerRelease{prepared_->taggers});
  manual = prepared_->manual;
  text_questions_ = indexing::text_questions(questionnaire);
  themes_ = prepared_->themes;
  dataset_ = prepared_->dataset;
}

const analysis::ThemeAssignment& SurveyContext::themes() const {
  if (!themes_) {
    themes_ = std::make_shared<const analysis::ThemeAssignment>(
        index.read([&](const Xapian::Database& db) { return tagger->tag(db, survey(), manual); }));
  }
  return *themes_;
}

std::shared_ptr<const std::vector<std::vector<analysis::QuoteCandidate>>>
SurveyContext::quote_candidates(const std::optional<std::string>& area) const {
  using Candidates = std::vector<std::vector<analysis::QuoteCandidate>>;
  const std::function<Candidates()> make = [this, &area] {
    const auto& assignment = themes();
    return index.read([&](const Xapian::Database& db) {
      Candidates out;
      for (size_t i = 0; i < codebook().themes.size(); ++i) {
        out.push_back(analysis::theme_quote_candidates(db, *tagger, i, survey(), area, assignment));
      }
      return out;
    });
  };
  if (!prepared_) return std::make_shared<const Candidates>(make());
  return prepared_->memo.get<Candidates>("quotes\n" + (area ? "area " + *area : "all"), make);
}

std::shared_ptr<const analysis::RakingResult> SurveyContext::raking(
    const std::vector<analysis::Margin>& margins, const std::string& field) const {
  const std::function<analysis::RakingResult()> make = [&] {
    return weights_for(dataset(), margins, field);
  };
  if (!prepared_) return std::make_shared<const analysis::RakingResult>(make());
  // The margins themselves are the key: other margins, other weights.
  return prepared_->memo.get<analysis::RakingResult>("raking\n" + margins_key(margins), make);
}

std::string margins_key(const std::vector<analysis::Margin>& margins) {
  std::string key;
  char number[32];
  for (const auto& m : margins) {
    key += m.variable + "\n";
    for (const auto& [category, count] : m.counts) {
      std::snprintf(number, sizeof number, "%.17g", count);
      key += category + "=" + number + "\n";
    }
    key += "\n";
  }
  return key;
}

std::unique_ptr<analysis::Tagger> TaggerPool::take(analysis::TextAnalyzer& analyzer) {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto tagger = std::move(idle_.back());
      idle_.pop_back();
      return tagger;
    }
  }
  return std::make_unique<analysis::Tagger>(codebook_, analyzer);
}

void TaggerPool::give_back(std::unique_ptr<analysis::Tagger> tagger) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle) idle_.push_back(std::move(tagger));
}

void TaggerRelease::operator()(analysis::Tagger* tagger) const {
  std::unique_ptr<analysis::Tagger> owned(tagger);
  if (pool) pool->give_back(std::move(owned));
}

std::vector<std::string> SurveyContext::areas() const {
  std::vector<std::string> out;
  if (const auto* area = questionnaire.find_question("area")) {
    for (const auto& o : area->options) out.push_back(o.id);
  }
  return out;
}

void SurveyContext::require_area(const std::optional<std::string>& area) const {
  const auto known = areas();
  if (area && std::find(known.begin(), known.end(), *area) == known.end()) {
    throw Invalid("survey '" + survey() + "' has no area '" + *area + "'", "area");
  }
}

void SurveyContext::require_margins(const std::vector<analysis::Margin>& margins,
                                    const std::string& field) const {
  const auto coded = coded_questions();
  for (const auto& m : margins) {
    if (std::none_of(coded.begin(), coded.end(),
                     [&](const analysis::CodedQuestion& q) { return q.id == m.variable; }))
      not_coded(m.variable, field);
  }
}

std::vector<analysis::CodedQuestion> SurveyContext::coded_questions() const {
  return reports::coded_questions(questionnaire);
}

std::vector<analysis::CodedQuestion> coded_questions(const questionnaire::Questionnaire& q) {
  std::vector<analysis::CodedQuestion> out;
  for (size_t i = 0; i < q.question_count(); ++i) {
    const auto& question = q.question_at(i);
    if (question.type != questionnaire::QuestionType::choice &&
        question.type != questionnaire::QuestionType::scale)
      continue;
    if (question.options.size() > analysis::Dataset::max_options)
      continue;  // too many to code; no statistic reads it
    analysis::CodedQuestion coded{question.id, {}};
    for (const auto& o : question.options) coded.options.push_back(o.id);
    out.push_back(std::move(coded));
  }
  return out;
}

std::vector<analysis::IndicatorDefinition> SurveyContext::indicators() const {
  return analysis::indicator_definitions(indexing::indicator_spec(), coded_questions(), codebook());
}

analysis::TextSource SurveyContext::text_source() const {
  return [this](const std::vector<std::string>& ids) {
    std::unordered_map<std::string, std::vector<analysis::TextAnswer>> by_id;
    for (const auto& row : storage::raw_records_by_id(db, survey(), ids)) {
      by_id.emplace(row.id, indexing::stored_texts(row.answers_json, text_questions_).texts);
    }
    std::vector<std::vector<analysis::TextAnswer>> out;
    out.reserve(ids.size());
    for (const auto& id : ids) {
      auto it = by_id.find(id);
      out.push_back(it == by_id.end() ? std::vector<analysis::TextAnswer>{} : it->second);
    }
    return out;
  };
}

const analysis::Dataset& SurveyContext::dataset(size_t helpers) const {
  if (!dataset_) {
    int64_t last = 0;
    dataset_ = std::make_shared<const analysis::Dataset>(
        code_responses(db, survey(), coded_questions(), 0, helpers, last));
  }
  return *dataset_;
}

analysis::Dataset code_responses(storage::Database& db, const std::string& survey,
                                 const std::vector<analysis::CodedQuestion>& questions,
                                 int64_t after_seq, size_t helpers, int64_t& last_seq) {
  // Answers straight from their stored JSON into the coded table. Reading
  // rows is cheap and scanning their JSON is not: batches of rows are coded
  // on helper threads while the next batch is read, then joined in order.
  struct RawRows {
    std::vector<std::string> ids, channels, answers;
  };
  constexpr size_t batch_rows = 4096;
  auto code_rows = [&questions](RawRows raw) {
    analysis::Dataset part(questions);
    for (size_t i = 0; i < raw.ids.size(); ++i) {
      const size_t row = part.add_row(std::move(raw.ids[i]), std::move(raw.channels[i]));
      interchange::for_each_string_field(raw.answers[i],
                                         [&](std::string_view question, std::string_view value) {
                                           part.set(row, question, value);
                                         });
    }
    return part;
  };
  analysis::Dataset data(questions);
  std::deque<std::future<analysis::Dataset>> coding;
  RawRows raw;
  auto hand_over = [&] {
    if (helpers == 0) {
      data.append(code_rows(std::move(raw)));
    } else {
      if (coding.size() == helpers) {
        data.append(coding.front().get());
        coding.pop_front();
      }
      coding.push_back(std::async(std::launch::async, code_rows, std::move(raw)));
    }
    raw = RawRows{};
  };
  storage::for_each_raw_response(
      db, survey,
      [&](const storage::RawView& r) {
        last_seq = r.seq;
        raw.ids.emplace_back(r.id);
        raw.channels.emplace_back(r.channel);
        raw.answers.emplace_back(r.answers_json);
        if (raw.ids.size() == batch_rows) hand_over();
      },
      after_seq);
  if (!raw.ids.empty()) hand_over();
  for (auto& part : coding) data.append(part.get());
  return data;
}

analysis::RakingResult weights_for(const analysis::Dataset& data,
                                   const std::vector<analysis::Margin>& margins,
                                   const std::string& field) {
  std::map<std::string, int> question;
  for (const auto& m : margins) {
    const int q = data.question(m.variable);
    if (q < 0) not_coded(m.variable, field);
    question[m.variable] = q;
  }
  return analysis::rake(
      data.size(),
      [&](size_t row, const std::string& variable) -> std::string_view {
        return data.answer(row, question.at(variable));
      },
      margins);
}

WeightedData weighted_dataset(const SurveyContext& ctx,
                              const std::vector<analysis::Margin>& margins, size_t helpers) {
  WeightedData w{ctx.dataset(helpers), {}, std::nullopt};
  if (!margins.empty()) {
    w.raking = *ctx.raking(margins);
    w.weights = std::move(w.raking->weights);
    w.raking->weights.clear();
  }
  return w;
}

}  // namespace lyssna::reports
