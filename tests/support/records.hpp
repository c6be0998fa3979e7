// A response record of the standard questionnaire for tests, with the
// answers given (interchange.md section 1).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "collector/interchange/record.hpp"

namespace lyssna::test {

inline interchange::Record sample_record(const std::string& id, nlohmann::json answers,
                                         const std::string& survey = "trygghet-2026") {
  interchange::Record r;
  r.id = id;
  r.survey = survey;
  r.lang = "sv";
  r.channel = "online";
  r.submitted_at = "2026-03-04T18:22:05Z";
  r.submitted_epoch = 1772648525;
  r.answers = std::move(answers);
  return r;
}

}  // namespace lyssna::test
