// `lyssna survey new|load|list|validate|show|set`: questionnaire definitions.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/survey_bundle.hpp"
#include "app/surveys.hpp"
#include "cli/actor.hpp"
#include "cli/commands.hpp"
#include "cli/input_file.hpp"
#include "collector/interchange/json_reader.hpp"
#include "collector/questionnaire/definition.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::cli {
namespace {

using nlohmann::json;
using questionnaire::Questionnaire;

// A definition is a few KiB; this bounds what a wrong file (or an endless
// stdin) can make the command hold.
constexpr size_t max_definition_bytes = 8u << 20;

json read_json_file(const std::string& path) {
  const std::string text = read_input_file(path, max_definition_bytes);
  if (text.size() > max_definition_bytes)
    throw BadInput("'" + path + "' is larger than 8 MiB", "FILE");
  return interchange::parse_json_file(text, path, "FILE");  // line and column in every error
}

std::optional<int64_t> date_option(const ParsedArgs& a, const std::string& name) {
  auto v = a.value(name);
  if (!v || *v == "none") return std::nullopt;
  auto t = clock::parse_date_or_timestamp(*v);
  if (!t) throw BadInput(name + " must be a date (2026-03-01) or an RFC 3339 timestamp", name);
  return t;
}

int run_new(const Context& c, const ParsedArgs& a) {
  questionnaire::TemplateOptions options;
  options.survey_id = a.positionals[0];
  auto areas = a.value("--areas");
  if (!areas)
    throw BadInput("--areas is required, e.g. --areas handen,jordbro,brandbergen", "--areas");
  options.areas = questionnaire::parse_area_list(*areas);
  if (auto langs = a.value("--languages")) options.languages = text::split_list(*langs);
  options.opens_at = date_option(a, "--opens");
  options.closes_at = date_option(a, "--closes");
  options.requires_code = a.flag("--require-code");
  const Questionnaire q =
      questionnaire::build_from_template(a.value_or("--template", "trygghet"), options);
  app::Services services({c.db_path});
  app::save_survey(services, command_line_actor(), q, a.flag("--replace"),
                   "created from template " + q.template_id);
  std::printf("created survey '%s' from template '%s' with %zu areas and %zu languages (%s)\n",
              q.id.c_str(), q.template_id.c_str(), q.areas.size(), q.languages.size(),
              c.db_path.c_str());
  return exit_ok;
}

int run_load(const Context& c, const ParsedArgs& a) {
  const json file = read_json_file(a.positionals[0]);
  if (app::is_survey_bundle(file)) {
    app::Services services({c.db_path});
    const auto loaded = app::load_survey_bundle(services, command_line_actor(), file,
                                                a.flag("--replace"), "loaded from a bundle");
    std::printf("loaded survey '%s' from a bundle (definition %s, %s, %s)\n", loaded.survey.c_str(),
                loaded.definition_changed ? "stored" : "unchanged",
                loaded.codebook ? "its own codebook" : "the default codebook",
                loaded.margins ? "with margins" : "no margins");
    return exit_ok;
  }
  const Questionnaire q = questionnaire::parse_definition(file);
  app::Services services({c.db_path});
  app::save_survey(services, command_line_actor(), q, a.flag("--replace"), "loaded from a file");
  std::printf("loaded survey '%s' (%zu questions on %zu pages)\n", q.id.c_str(),
              q.questions().size(), q.pages.size());
  return exit_ok;
}

int run_export(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  std::printf("%s\n", app::survey_bundle(services, a.positionals[0]).dump(2).c_str());
  return exit_ok;
}

int run_validate(const Context&, const ParsedArgs& a) {
  auto q = questionnaire::parse_definition(read_json_file(a.positionals[0]));
  std::printf("valid: survey '%s', %zu questions on %zu pages, languages %s\n", q.id.c_str(),
              q.questions().size(), q.pages.size(), json(q.languages).dump().c_str());
  return exit_ok;
}

std::string window_text(const Questionnaire& q) {
  std::string opens = q.opens_at ? clock::format_date(*q.opens_at) : "-";
  std::string closes = q.closes_at ? clock::format_date(*q.closes_at) : "-";
  return opens + " .. " + closes;
}

int run_list(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  auto surveys = app::list_surveys(services);
  std::string format = a.value_or("--format", "table");
  if (format == "json") {
    json out = json::array();
    for (const auto& s : surveys) {
      const auto& q = *s.questionnaire;
      out.push_back(
          {{"id", s.id},
           {"title", questionnaire::localized(q.title, "en", q.default_language())},
           {"template", q.template_id},
           {"languages", q.languages},
           {"responses", s.responses},
           {"requires_code", q.requires_code},
           {"opens_at", q.opens_at ? json(clock::format_rfc3339(*q.opens_at)) : json()},
           {"closes_at", q.closes_at ? json(clock::format_rfc3339(*q.closes_at)) : json()}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return exit_ok;
  }
  if (format != "table") throw BadInput("--format must be table or json", "--format");
  if (surveys.empty()) {
    std::printf(
        "no surveys in %s (create one with 'lyssna survey new ID --template trygghet --areas "
        "a,b')\n",
        c.db_path.c_str());
    return exit_ok;
  }
  std::printf("%-24s %9s  %-6s %-23s %s\n", "survey", "responses", "code", "open", "languages");
  for (const auto& s : surveys) {
    const auto& q = *s.questionnaire;
    const std::string langs = text::join(q.languages, ",");
    std::printf("%-24s %9lld  %-6s %-23s %s\n", s.id.c_str(), static_cast<long long>(s.responses),
                q.requires_code ? "yes" : "no", window_text(q).c_str(), langs.c_str());
  }
  return exit_ok;
}

int run_show(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  std::printf(
      "%s\n",
      questionnaire::to_json(*app::require_survey(services, a.positionals[0])).dump(2).c_str());
  return exit_ok;
}

int run_set(const Context& c, const ParsedArgs& a) {
  app::SurveySettings settings;
  if (a.value("--opens")) settings.opens_at = date_option(a, "--opens");
  if (a.value("--closes")) settings.closes_at = date_option(a, "--closes");
  if (auto v = a.value("--require-code")) {
    if (*v != "yes" && *v != "no")
      throw BadInput("--require-code takes yes or no", "--require-code");
    settings.requires_code = *v == "yes";
  }
  app::Services services({c.db_path});
  const Questionnaire q =
      app::change_settings(services, command_line_actor(), a.positionals[0], settings);
  auto codes = app::code_counts(services, q.id);
  std::printf("survey '%s': open %s, invitation code %s (%lld issued, %lld used)\n", q.id.c_str(),
              window_text(q).c_str(), q.requires_code ? "required" : "not required",
              static_cast<long long>(codes.issued), static_cast<long long>(codes.used));
  return exit_ok;
}

}  // namespace

std::vector<Command> survey_commands() {
  return {
      {{"survey new",
        "lyssna survey new ID --template trygghet --areas a,b,c [options]",
        "create a survey from the standard safety questionnaire",
        "Areas are ids, optionally with a label: --areas handen,vasterhaninge=Västerhaninge.\n"
        "Dates are 2026-03-01 or RFC 3339 timestamps; outside them the form says it is closed.",
        {{"--template", "NAME", "the standard questionnaire to start from (default: trygghet)"},
         {"--areas", "LIST", "the survey's areas (kommundelar), comma separated"},
         {"--languages", "LIST", "languages, default first (default: sv,en,ar,fa,fi,so)"},
         {"--opens", "DATE", "first day answers are taken"},
         {"--closes", "DATE", "the moment answering ends"},
         {"--require-code", "", "answering needs an invitation code (see 'lyssna codes')"},
         {"--replace", "", "replace the definition of an existing survey with this id"}},
        1,
        1},
       run_new},
      {{"survey load",
        "lyssna survey load FILE [--replace]",
        "load a questionnaire definition (JSON, see docs/questionnaire-format.md) or a bundle",
        "FILE is a definition, or a bundle that `lyssna survey export` wrote (the definition,\n"
        "the survey's own codebook and its margins: docs/sync.md), stored as the server\n"
        "had them.",
        {{"--replace", "", "replace the definition of an existing survey with the same id"}},
        1,
        1},
       run_load},
      {{"survey export",
        "lyssna survey export ID > FILE",
        "write a survey's bundle: definition, own codebook and margins (docs/sync.md)",
        "For a laptop that gets ready without network: `lyssna survey load FILE` there\n"
        "stores the same survey, codebook and margins.",
        {},
        1,
        1},
       run_export},
      {{"survey validate",
        "lyssna survey validate FILE",
        "check a questionnaire definition and list every rule it breaks",
        "",
        {},
        1,
        1},
       run_validate},
      {{"survey list",
        "lyssna survey list [--format table|json]",
        "list the surveys with their response counts",
        "",
        {{"--format", "FORMAT", "table (default) or json"}},
        0,
        0},
       run_list},
      {{"survey show",
        "lyssna survey show ID",
        "print a survey's definition as JSON",
        "",
        {},
        1,
        1},
       run_show},
      {{"survey set",
        "lyssna survey set ID [--opens DATE|none] [--closes DATE|none] [--require-code yes|no]",
        "change a survey's dates or whether it needs an invitation code",
        "",
        {{"--opens", "DATE", "first day answers are taken, or 'none'"},
         {"--closes", "DATE", "the moment answering ends, or 'none'"},
         {"--require-code", "yes|no", "whether answering needs an invitation code"}},
        1,
        1},
       run_set},
  };
}

}  // namespace lyssna::cli
