// `lyssna import` and `lyssna export`: response records in the contract's
// JSON Lines and CSV, from and to files or standard streams.
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/transfer.hpp"
#include "cli/commands.hpp"
#include "collector/interchange/progress_bar.hpp"
#include "util/errors.hpp"

namespace lyssna::cli {
namespace {

using interchange::Format;

std::optional<Format> format_option(const ParsedArgs& a) {
  auto v = a.value("--format");
  if (!v) return std::nullopt;
  if (*v == "jsonl") return Format::jsonl;
  if (*v == "csv") return Format::csv;
  throw BadInput("--format must be jsonl or csv", "--format");
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int run_import(const Context& c, const ParsedArgs& a) {
  const std::string path = a.positionals[0];
  std::ifstream file;
  std::istream* in = &std::cin;
  uint64_t size = 0;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) throw BadInput("cannot open '" + path + "'", "FILE");
    in = &file;
    struct stat st {};
    if (stat(path.c_str(), &st) == 0) size = static_cast<uint64_t>(st.st_size);
  }
  interchange::ImportOptions options;
  if (auto f = format_option(a)) {
    options.format = *f;
  } else if (ends_with(path, ".csv")) {
    options.format = Format::csv;
  } else if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) {
    options.format = Format::jsonl;
  } else {
    options.format = interchange::sniff_format(*in);
  }
  options.total_bytes = size;
  options.progress = !a.flag("--quiet") && interchange::ProgressBar::stderr_is_terminal();

  app::Services services({c.db_path});
  size_t shown = 0;
  const size_t max_shown = 1000;
  auto report = app::import_records(services, *in, options, [&](const std::string& problem) {
    if (shown++ < max_shown) {
      std::fprintf(stderr, "%s%s: refused: %s\n", options.progress ? "\r\033[K" : "",
                   path == "-" ? "stdin" : path.c_str(), problem.c_str());
    }
  });
  if (shown > max_shown) std::fprintf(stderr, "... and %zu more refusals\n", shown - max_shown);
  std::printf("imported %lld, skipped %lld duplicate%s, refused %lld\n",
              static_cast<long long>(report.taken), static_cast<long long>(report.duplicates),
              report.duplicates == 1 ? "" : "s", static_cast<long long>(report.refused));
  return report.refused > 0 ? exit_partial : exit_ok;
}

int run_export(const Context& c, const ParsedArgs& a) {
  Format format = format_option(a).value_or(Format::jsonl);
  std::string survey = a.value_or("--survey", "");
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (auto path = a.value("--output"); path && *path != "-") {
    file.open(*path, std::ios::binary | std::ios::trunc);
    if (!file) throw BadInput("cannot write '" + *path + "'", "--output");
    out = &file;
  }
  std::ios::sync_with_stdio(false);
  app::Services services({c.db_path});
  int64_t n = app::export_records(services, survey, format, *out);
  std::fprintf(stderr, "exported %lld record%s\n", static_cast<long long>(n), n == 1 ? "" : "s");
  return exit_ok;
}

}  // namespace

std::vector<Command> import_commands() {
  return {{{"import",
            "lyssna import FILE|- [--format jsonl|csv]",
            "import response records (JSON Lines or CSV of the interchange contract)",
            "Records name their survey, which must exist. A record already stored is skipped;\n"
            "a different record under a stored id, or one that breaks a rule, is refused with its\n"
            "line and field, and the others are still imported. Exit status: 0 all taken or\n"
            "skipped, 3 some refused, 1 the import failed.",
            {{"--format", "FORMAT",
              "jsonl or csv (default: from the file name, else from its first byte)"},
             {"--quiet", "", "no progress bar"}},
            1,
            1},
           run_import}};
}

std::vector<Command> export_commands() {
  return {{{"export",
            "lyssna export [--survey ID] [--format jsonl|csv] [--output FILE]",
            "write stored records to standard output in arrival order",
            "JSON Lines covers every survey unless --survey is given; CSV needs --survey\n"
            "(its columns are that survey's questions).",
            {{"--survey", "ID", "only this survey's records"},
             {"--format", "FORMAT", "jsonl (default) or csv"},
             {"--output", "FILE", "write to a file instead of standard output"}},
            0,
            0},
           run_export}};
}

}  // namespace lyssna::cli
