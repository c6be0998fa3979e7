// `lyssna codes`: one-time invitation codes for a sampled survey, printed as
// CSV for the mail merge. Only their hashes are kept.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "collector/codes/invitation_codes.hpp"
#include "util/errors.hpp"
#include "collector/storage/code_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"

namespace lyssna::cli {
namespace {

int run_codes(const Context& c, const ParsedArgs& a) {
  auto survey = a.value("--survey");
  if (!survey) throw BadInput("--survey is required", "--survey");
  auto count = a.number("--count", 1, 10000000);
  auto db = storage::open_database(c.db_path);
  auto q = storage::load_survey(db, *survey);
  if (!q) throw NotFound("survey '" + *survey + "' does not exist in this database");
  if (!count) {
    auto counts = storage::count_codes(db, *survey);
    std::printf("survey '%s': %lld codes issued, %lld used; codes %s\n", survey->c_str(),
                static_cast<long long>(counts.issued), static_cast<long long>(counts.used),
                q->requires_code ? "required" : "not required (lyssna survey set ID --require-code yes)");
    return exit_ok;
  }
  std::vector<std::string> codes, hashes;
  while (codes.size() < static_cast<size_t>(*count)) {
    std::string code = codes::generate_code();
    std::string hash = codes::hash_code(*codes::normalize_code(code));
    codes.push_back(code);
    hashes.push_back(hash);
  }
  int64_t added = storage::add_codes(db, *survey, hashes);
  if (added != *count) {
    // A collision with an earlier code: astronomically unlikely, but never
    // print a code that would not answer.
    throw Error("code generation collided with existing codes; run the command again");
  }
  std::printf("code\r\n");
  for (const auto& code : codes) std::printf("%s\r\n", code.c_str());
  std::fprintf(stderr, "issued %lld codes for survey '%s'%s\n", static_cast<long long>(added),
               survey->c_str(),
               q->requires_code ? "" : " (note: the survey does not require codes yet: "
                                       "lyssna survey set ID --require-code yes)");
  return exit_ok;
}

}  // namespace

std::vector<Command> codes_commands() {
  return {{{"codes", "lyssna codes --survey ID --count N",
            "issue random one-time invitation codes, printed as CSV for the mail merge",
            "Codes are random and never derived from anything about a person. Only a hash of\n"
            "each code is stored, with a flag saying whether it has answered; nothing links a\n"
            "code to a person or to the answers it gave. Without --count, prints how many codes\n"
            "were issued and used.",
            {{"--survey", "ID", "the survey the codes answer"}, {"--count", "N", "how many codes to issue"}},
            0, 0},
           run_codes}};
}

}  // namespace lyssna::cli
