// One survey opened for analysis: a read connection, the text index (kept
// current by the server's indexer, or brought up to date on opening) and
// the survey's context that every report takes, with its themes and coded
// answers from the services' analysis cache (app/analysis_cache.hpp), as
// stored at opening. Made per request or command; not shared between
// threads.
#pragma once

#include <memory>
#include <string>

#include "analysis/index/text_index.hpp"
#include "app/services.hpp"
#include "reports/survey_context.hpp"

namespace lyssna::app {

class SurveyAnalysis {
 public:
  // Throws NotFound for an unknown survey, Unavailable while another
  // process rebuilds the index.
  SurveyAnalysis(Services& services, const std::string& survey);
  const reports::SurveyContext& context() const { return *context_; }

 private:
  storage::ConnectionPool::Lease db_;
  analysis::TextIndex index_;
  std::unique_ptr<reports::SurveyContext> context_;
};

}  // namespace lyssna::app
