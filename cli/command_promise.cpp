// `lyssna promise ...`: the citizen promises of the database as the
// versioned JSON of app/promise_json.hpp, to move a promise between
// instances (docs/promise.md, "Moving a promise between instances").
//   promise list [--kommun K] [--format table|json]
//   promise export ID [--format json] [--output FILE] [--public]
//   promise import FILE|- [--as-draft]
// Another view of a promise (a table, a report) is one more entry of
// promise_commands() below.
#include <charconv>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/promise_import.hpp"
#include "app/promise_json.hpp"
#include "app/services.hpp"
#include "cli/actor.hpp"
#include "cli/commands.hpp"
#include "cli/input_file.hpp"
#include "util/errors.hpp"
#include "util/terminal_text.hpp"

namespace lyssna::cli {
namespace {

using nlohmann::json;

int64_t promise_id(const std::string& arg) {
  int64_t id = 0;
  const auto [end, error] = std::from_chars(arg.data(), arg.data() + arg.size(), id);
  if (error != std::errc() || end != arg.data() + arg.size() || id <= 0) {
    throw BadInput("ID is a promise's number (see 'promise list')", "ID");
  }
  return id;
}

int run_promise_list(const Context& c, const ParsedArgs& a) {
  const std::string format = a.value_or("--format", "table");
  if (format != "table" && format != "json") {
    throw BadInput("--format must be table or json", "--format");
  }
  app::Services services({c.db_path});
  const auto promises = app::list_promises(services, a.value_or("--kommun", ""));
  if (format == "json") {
    json list = json::array();
    for (const auto& p : promises) list.push_back(app::promise_summary(p));
    std::printf("%s\n", json({{"promises", list}}).dump(2).c_str());
    return exit_ok;
  }
  if (promises.empty()) {
    std::printf("no promises in %s\n", c.db_path.c_str());
    return exit_ok;
  }
  for (const auto& p : promises) {
    const auto title = p.header.titles.find("sv");
    std::string years = std::to_string(p.header.first_year);
    if (p.header.last_year != p.header.first_year) {
      years += "-" + std::to_string(p.header.last_year);
    }
    std::printf("%6lld  %-16s %-9s  %-10s %s\n", static_cast<long long>(p.id),
                text::for_terminal(p.header.kommun).c_str(), years.c_str(),
                std::string(app::promise_status_name(p.status)).c_str(),
                title == p.header.titles.end() ? "" : text::for_terminal(title->second).c_str());
  }
  return exit_ok;
}

int run_promise_export(const Context& c, const ParsedArgs& a) {
  const int64_t id = promise_id(a.positionals[0]);
  if (a.value_or("--format", "json") != "json") {
    throw BadInput("--format must be json", "--format");
  }
  const auto view = a.flag("--public") ? app::PromiseView::public_view : app::PromiseView::full;
  app::Services services({c.db_path});
  const std::string text =
      app::promise_document(app::load_portable_promise(services, id), view).dump(2) + "\n";
  const auto path = a.value("--output");
  if (!path || *path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return exit_ok;
  }
  std::ofstream file(*path, std::ios::binary | std::ios::trunc);
  if (!file) throw BadInput("cannot write '" + *path + "'", "--output");
  file << text;
  file.close();
  if (!file) throw BadInput("cannot write '" + *path + "'", "--output");
  std::fprintf(stderr, "promise %lld written to %s\n", static_cast<long long>(id),
               text::for_terminal(*path).c_str());
  return exit_ok;
}

std::string code_list(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + text::for_terminal(c);
  return out;
}

int run_promise_import(const Context& c, const ParsedArgs& a) {
  const auto document =
      app::parse_promise_document(read_input_file(a.positionals[0], app::max_promise_document));
  app::Services services({c.db_path});
  app::PromiseImportOptions options;
  options.as_draft = a.flag("--as-draft");
  const auto done = app::import_promise(services, command_line_actor(), document, options);
  // The id alone on standard output, for a script; the rest for a person.
  std::printf("%lld\n", static_cast<long long>(done.promise));
  std::fprintf(stderr,
               "imported promise %lld of %s as %s: %zu focus areas, %zu activities, %zu "
               "follow-ups, %zu quotes, %zu evaluations\n",
               static_cast<long long>(done.promise),
               text::for_terminal(document.promise.header.kommun).c_str(),
               std::string(app::promise_status_name(done.status)).c_str(), done.focus_areas,
               done.activities, done.follow_ups, done.quotes, done.evaluations);
  if (!done.parties_added.empty()) {
    std::fprintf(stderr, "parties added to the kommun: %s\n",
                 code_list(done.parties_added).c_str());
  }
  if (!done.parties_found.empty()) {
    std::fprintf(stderr, "parties the kommun had (their names here kept): %s\n",
                 code_list(done.parties_found).c_str());
  }
  return exit_ok;
}

}  // namespace

std::vector<Command> promise_commands() {
  return {
      {{"promise list",
        "lyssna promise list [--kommun K] [--format table|json]",
        "list the citizen promises: id, kommun, years, status, title",
        "",
        {{"--kommun", "K", "only this kommun's (its id, such as haninge)"},
         {"--format", "FORMAT", "table (default) or json"}},
        0,
        0},
       run_promise_list},
      {{"promise export",
        "lyssna promise export ID [--format json] [--output FILE] [--public]",
        "write a whole promise as JSON (docs/api.md, \"A promise as JSON\")",
        "The full view, with internal notes and every follow-up, unless --public: then what\n"
        "the public page shows (a published or evaluated promise only). 'lyssna promise\n"
        "import' reads either into another instance.",
        {{"--format", "FORMAT", "json (the only one)"},
         {"--output", "FILE", "write to a file instead of standard output"},
         {"--public", "", "the public view"}},
        1,
        1},
       run_promise_export},
      {{"promise import",
        "lyssna promise import FILE|- [--as-draft]",
        "import a promise exported as JSON, as a new promise of its kommun; prints its id",
        "The promise arrives in the document's status, with its follow-ups, quotes and\n"
        "evaluations; parties are matched by code, and a code the kommun lacks is added.\n"
        "All in one transaction: a refused document (exit 2, naming the JSON path of what\n"
        "is wrong) leaves nothing behind.",
        {{"--as-draft", "", "a new draft instead: no follow-ups and no evaluations"}},
        1,
        1},
       run_promise_import},
  };
}

}  // namespace lyssna::cli
