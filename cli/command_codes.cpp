// `lyssna codes`: one-time invitation codes for a sampled survey, printed as
// CSV for the mail merge. Only their keyed digests are kept.
#include <cstdio>
#include <string>
#include <vector>

#include "app/surveys.hpp"
#include "cli/actor.hpp"
#include "cli/commands.hpp"
#include "collector/codes/code_key.hpp"
#include "util/errors.hpp"

namespace lyssna::cli {
namespace {

int run_codes(const Context& c, const ParsedArgs& a) {
  auto survey = a.value("--survey");
  if (!survey) throw BadInput("--survey is required", "--survey");
  auto count = a.number("--count", 1, 10000000);
  app::Services services({c.db_path});
  auto q = app::require_survey(services, *survey);
  if (!count) {
    auto counts = app::code_counts(services, *survey);
    std::printf(
        "survey '%s': %lld codes issued, %lld used; codes %s\n", survey->c_str(),
        static_cast<long long>(counts.issued), static_cast<long long>(counts.used),
        q->requires_code ? "required" : "not required (lyssna survey set ID --require-code yes)");
    if (counts.issued > counts.keyed) {
      std::printf(
          "%lld codes are of the earlier, shorter kind with an unkeyed digest; issue new ones for "
          "the\n"
          "next letters\n",
          static_cast<long long>(counts.issued - counts.keyed));
    }
    return exit_ok;
  }
  const auto codes =
      app::issue_codes(services, command_line_actor(), *survey, static_cast<size_t>(*count));
  std::printf("code\r\n");
  for (const auto& code : codes) std::printf("%s\r\n", code.c_str());
  std::fprintf(stderr, "issued %zu codes for survey '%s' (their key: %s)%s\n", codes.size(),
               survey->c_str(), codes::key_path_for(c.db_path).c_str(),
               q->requires_code ? ""
                                : " (note: the survey does not require codes yet: "
                                  "lyssna survey set ID --require-code yes)");
  return exit_ok;
}

}  // namespace

std::vector<Command> codes_commands() {
  return {{{"codes",
            "lyssna codes --survey ID --count N",
            "issue random one-time invitation codes, printed as CSV for the mail merge",
            "Codes are random (16 symbols, 79 bits) and never derived from anything about a\n"
            "person. Only a keyed digest of each code is stored, with a flag saying whether it\n"
            "has answered; the key is a file of its own beside the database (<db>.codes-key, or\n"
            "LYSSNA_CODE_KEY_FILE), so a copy of the database alone gives no code back. Nothing\n"
            "links a code to a person or to the answers it gave. Without --count, prints how\n"
            "many codes were issued and used.",
            {{"--survey", "ID", "the survey the codes answer"},
             {"--count", "N", "how many codes to issue"}},
            0,
            0},
           run_codes}};
}

}  // namespace lyssna::cli
