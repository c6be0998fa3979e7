// `lyssna import` and `lyssna export`: response records in the contract's
// JSON Lines and CSV, from and to files or standard streams; the answers
// also out as XLSX, SPSS and Stata files.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/answers_stat_file.hpp"
#include "app/answers_xlsx.hpp"
#include "app/transfer.hpp"
#include "cli/actor.hpp"
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
  throw BadInput("--format must be jsonl or csv (export also takes xlsx, sav and dta)", "--format");
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
  // The dialogue lines' counts only when there were any: a file of records reads as before.
  auto counts = [](const char* what, const interchange::LineCounts& n) {
    if (n.taken + n.updated + n.duplicates + n.refused == 0) return;
    std::printf("%s: imported %lld, updated %lld, skipped %lld duplicate%s, refused %lld\n", what,
                static_cast<long long>(n.taken), static_cast<long long>(n.updated),
                static_cast<long long>(n.duplicates), n.duplicates == 1 ? "" : "s",
                static_cast<long long>(n.refused));
  };
  counts("sessions", report.sessions);
  counts("votes", report.votes);
  if (report.ballots_refused > 0)
    std::printf("ballots refused %lld\n", static_cast<long long>(report.ballots_refused));
  return report.any_refused() ? exit_partial : exit_ok;
}

// The files for spreadsheets and statistics packages: one survey's answers,
// bytes rather than text, each export audited (actor cli:<user>).
int run_binary_export(const Context& c, const ParsedArgs& a, const std::string& format) {
  const auto survey = a.value("--survey");
  if (!survey)
    throw BadInput(format + " export needs --survey: its columns are that survey's questions",
                   "--survey");
  const std::string labels = a.value_or("--labels", "sv");
  if (labels != "sv" && labels != "en") throw BadInput("--labels must be sv or en", "--labels");
  const auto path = a.value("--output");
  const bool to_stdout = !path || *path == "-";
  if (to_stdout && isatty(STDOUT_FILENO)) {
    throw BadInput(format + " is a binary file: give --output FILE or redirect the output",
                   "--output");
  }
  app::Services services({c.db_path});
  const auto actor = command_line_actor();
  int64_t n = 0;
  std::string note;
  if (format == "xlsx") {
    // libxlsxwriter writes a named file; standard output gets a copy of one.
    std::string target = to_stdout ? "" : *path;
    std::string temp;
    if (to_stdout) {
      temp = (std::filesystem::temp_directory_path() / "lyssna-export-XXXXXX").string();
      const int fd = mkstemp(temp.data());
      if (fd < 0) throw Error("cannot make a temporary file for the workbook");
      close(fd);
      target = temp;
    }
    struct Remove {
      std::string path;
      ~Remove() {
        if (!path.empty()) unlink(path.c_str());
      }
    } remove{temp};
    const auto r = app::export_answers_xlsx(services, actor, *survey, target);
    n = r.rows;
    if (r.sheets > 1) note += ", " + std::to_string(r.sheets) + " sheets";
    if (r.truncated) note += ", " + std::to_string(r.truncated) + " texts cut at 32,767 characters";
    if (to_stdout) {
      std::ifstream in(temp, std::ios::binary);
      std::cout << in.rdbuf();
      std::cout.flush();
      if (!in || !std::cout) throw Error("writing the export failed (disk full or closed pipe?)");
    }
  } else {
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!to_stdout) {
      file.open(*path, std::ios::binary | std::ios::trunc);
      if (!file) throw BadInput("cannot write '" + *path + "'", "--output");
      out = &file;
    }
    std::ios::sync_with_stdio(false);
    const auto r = app::export_answers_stat_file(
        services, actor, *survey, format == "sav" ? util::StatFormat::sav : util::StatFormat::dta,
        labels, *out);
    n = r.rows;
    if (r.truncated)
      note += ", " + std::to_string(r.truncated) + " texts cut at the format's limit";
    if (r.unknown)
      note += ", " + std::to_string(r.unknown) + " answers not among their options left missing";
  }
  std::fprintf(stderr, "exported %lld record%s%s\n", static_cast<long long>(n), n == 1 ? "" : "s",
               note.c_str());
  return exit_ok;
}

int run_export(const Context& c, const ParsedArgs& a) {
  const std::string name = a.value_or("--format", "jsonl");
  if (name == "xlsx" || name == "sav" || name == "dta") return run_binary_export(c, a, name);
  if (a.value("--labels")) throw BadInput("--labels goes with --format sav or dta", "--labels");
  Format format = format_option(a).value_or(Format::jsonl);
  std::string survey = a.value_or("--survey", "");
  const auto session = a.value("--session");
  if (session && (a.value("--survey") || a.value("--format")))
    throw BadInput("--session writes the session's own JSON Lines: no --survey or --format",
                   "--session");
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (auto path = a.value("--output"); path && *path != "-") {
    file.open(*path, std::ios::binary | std::ios::trunc);
    if (!file) throw BadInput("cannot write '" + *path + "'", "--output");
    out = &file;
  }
  std::ios::sync_with_stdio(false);
  app::Services services({c.db_path});
  if (session) {
    const auto n = app::export_session(services, *session, *out);
    std::fprintf(stderr, "exported session '%s': %lld record%s, %lld vote%s, %lld ballot%s\n",
                 session->c_str(), static_cast<long long>(n.records), n.records == 1 ? "" : "s",
                 static_cast<long long>(n.votes), n.votes == 1 ? "" : "s",
                 static_cast<long long>(n.ballots), n.ballots == 1 ? "" : "s");
    return exit_ok;
  }
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
            "line and field, and the others are still imported. JSON Lines may also hold the\n"
            "dialogue sessions and votes of contract section 6 (kind: session, kind: vote), as\n"
            "`lyssna export --session` writes them: a session's status only moves forward, a\n"
            "vote takes the union of its ballots. Exit status: 0 all taken or skipped, 3 some\n"
            "refused, 1 the import failed.",
            {{"--format", "FORMAT",
              "jsonl or csv (default: from the file name, else from its first byte)"},
             {"--quiet", "", "no progress bar"}},
            1,
            1},
           run_import}};
}

std::vector<Command> export_commands() {
  return {{{"export",
            "lyssna export [--survey ID | --session ID] [--format jsonl|csv|xlsx|sav|dta] "
            "[--labels sv|en] [--output FILE]",
            "write stored records to standard output in arrival order",
            "JSON Lines covers every survey unless --survey is given; CSV needs --survey\n"
            "(its columns are that survey's questions). xlsx (the CSV's columns as a workbook),\n"
            "sav (SPSS) and dta (Stata) are one survey's answers, bytes: give --output FILE or\n"
            "redirect; sav and dta code each option with its label in --labels' language and\n"
            "make a multiple-choice question one 0/1 variable per option (docs/exports.md).\n"
            "These three are audited. --session ID writes one dialogue session as JSON Lines:\n"
            "its session line, its records and its votes with their ballots, for `lyssna\n"
            "import` on the central server when the laptop never gets online (docs/sync.md).",
            {{"--survey", "ID", "only this survey's records"},
             {"--session", "ID", "one dialogue session: its session, records and votes"},
             {"--format", "FORMAT", "jsonl (default), csv, xlsx, sav or dta"},
             {"--labels", "LANG", "sav, dta: value and variable labels in sv (default) or en"},
             {"--output", "FILE", "write to a file instead of standard output"}},
            0,
            0},
           run_export}};
}

}  // namespace lyssna::cli
