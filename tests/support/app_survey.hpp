// An application layer on a temporary database holding the standard
// survey "trygghet-2026" (areas handen, jordbro), for unit tests of app/:
// answers submitted as a resident would, and the audit log without the
// entry of the survey being made.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "app/audit.hpp"
#include "app/services.hpp"
#include "app/submission.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "temp_dir.hpp"
#include "util/clock.hpp"

namespace lyssna::test {

// Submits one online answer in Swedish, as a resident would, and requires
// it stored.
inline void submit_answer(app::Services& services, const std::string& survey, const std::string& id,
                          nlohmann::json answers) {
  app::Submission s;
  s.record.id = id;
  s.record.survey = survey;
  s.record.lang = "sv";
  s.record.channel = "online";
  s.record.submitted_at = "2026-03-01T00:00:00Z";
  s.record.submitted_epoch = *clock::parse_rfc3339(s.record.submitted_at);
  s.record.answers = std::move(answers);
  s.client = "192.0.2.1";
  REQUIRE(app::submit_response(services, app::Access::resident(), s).outcome == Outcome::created);
}

struct AppSurvey {
  TempDir dir;
  app::Services services;

  explicit AppSurvey(const std::string& db_name)
      : services({dir.file(db_name), "script-token-0123456789"}) {
    questionnaire::TemplateOptions o;
    o.survey_id = "trygghet-2026";
    o.areas = questionnaire::parse_area_list("handen,jordbro");
    app::save_survey(services, app::Actor{"test"},
                     questionnaire::build_from_template("trygghet", o), false, "test");
  }

  // One online answer in `area` with a free text and the traffic problem item.
  void answer(const std::string& id, const std::string& area, const std::string& text,
              const std::string& traffic) {
    submit_answer(services, "trygghet-2026", id,
                  {{"area", area}, {"free_text", text}, {"problem_traffic", traffic}});
  }

  // What the test did: the entry of the fixture's survey being made left out.
  std::vector<app::AuditEntry> audit() {
    auto entries = app::list_audit(services, 1000, 0).entries;
    std::erase_if(entries, [](const auto& e) { return e.action == "survey_changed"; });
    return entries;
  }
};

}  // namespace lyssna::test
