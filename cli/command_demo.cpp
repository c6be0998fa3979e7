// `lyssna demo`: a ready survey full of plausible answers, for trying Lyssna out.
#include <cstdio>
#include <sstream>

#include "app/dialogues.hpp"
#include "app/surveys.hpp"
#include "app/transfer.hpp"
#include "cli/actor.hpp"
#include "cli/commands.hpp"
#include "cli/demo_promise.hpp"
#include "demo/demo_dialogues.hpp"
#include "demo/demo_generator.hpp"

namespace lyssna::cli {
namespace {

int run_demo(const Context& c, const ParsedArgs& a) {
  demo::DemoOptions options;
  options.survey_id = a.value_or("--survey", options.survey_id);
  options.responses =
      static_cast<int>(a.number("--responses", 0, 1000000).value_or(options.responses));
  options.seed = static_cast<uint64_t>(a.number("--seed", 0, 1LL << 62).value_or(1));
  if (auto areas = a.value("--areas")) options.areas = questionnaire::parse_area_list(*areas);

  app::Services services({c.db_path});
  auto q = services.surveys().find(options.survey_id);
  if (!q) {
    q = std::make_shared<const questionnaire::Questionnaire>(demo::demo_questionnaire(options));
    app::save_survey(services, command_line_actor(), *q, false, "created as a demo");
    std::printf("created demo survey '%s' with areas", q->id.c_str());
    for (const auto& area : q->areas) std::printf(" %s", area.id.c_str());
    std::printf("\n");
  }
  // Through the importer, so demo data passes exactly the checks real data does.
  std::stringstream records;
  std::vector<interchange::Record> in_sessions;
  demo::generate_records(*q, options, [&](const interchange::Record& r) {
    records << interchange::record_to_jsonl(r) << '\n';
    if (r.session) in_sessions.push_back(r);
  });
  // The dialogues those records were collected at, and their dot votes, as
  // the contract's session and vote lines (interchange.md section 6).
  const auto dialogues = demo::demo_dialogues(*q, in_sessions, options.seed);
  for (const auto& s : dialogues.sessions) records << interchange::session_to_jsonl(s) << '\n';
  for (const auto& v : dialogues.votes) records << interchange::vote_to_jsonl(v) << '\n';
  interchange::ImportOptions import;
  import.format = interchange::Format::jsonl;
  auto report = app::import_records(services, records, import, [](const std::string& problem) {
    std::fprintf(stderr, "demo record refused: %s\n", problem.c_str());
  });
  std::printf("demo survey '%s': %lld new responses, %lld already there\n", q->id.c_str(),
              static_cast<long long>(report.taken), static_cast<long long>(report.duplicates));
  if (report.refused) return exit_error;
  app::mark_notes(services, q->id, dialogues.notes);
  std::printf("demo dialogues: %zu sessions, %zu dot votes\n", dialogues.sessions.size(),
              dialogues.votes.size());
  // The cycle's other end: the promise drafted from the survey's priorities.
  const auto promise = make_demo_promise(services, command_line_actor(), q->id);
  if (promise.id) {
    std::printf(
        "demo promise %lld of %s, published%s: /promise/%lld (JSON: /api/v1/promises/%lld)\n",
        static_cast<long long>(promise.id), demo_kommun, promise.created ? "" : ", already there",
        static_cast<long long>(promise.id), static_cast<long long>(promise.id));
  }
  return exit_ok;
}

}  // namespace

std::vector<Command> demo_commands() {
  return {
      {{"demo",
        "lyssna demo [--survey ID] [--responses N] [--seed N] [--areas LIST]",
        "create a demo survey from the standard questionnaire, filled with plausible answers",
        "The same seed gives the same records, so running it again adds nothing. It also makes\n"
        "a published citizen promise from the survey's top priorities, with activities and\n"
        "follow-ups (once; a second run finds it).",
        {{"--survey", "ID", "survey id (default: trygghet-demo)"},
         {"--responses", "N", "how many responses to generate (default: 3000)"},
         {"--seed", "N", "random seed (default: 1)"},
         {"--areas", "LIST", "areas, comma separated (default: six areas of Haninge)"}},
        0,
        0},
       run_demo}};
}

}  // namespace lyssna::cli
