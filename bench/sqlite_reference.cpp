// The reference for durable submissions: a plain loop that commits one
// record per SQLite transaction, with the same connection settings (WAL,
// synchronous=FULL) and the same insert code as the server's writer.
//
//   lyssna_bench_sqlite_reference DB_PATH SECONDS
#include <chrono>
#include <cstdio>
#include <string>

#include "collector/questionnaire/standard_template.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"

using namespace lyssna;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DB_PATH SECONDS\n", argv[0]);
    return 2;
  }
  auto db = storage::open_database(argv[1]);
  questionnaire::TemplateOptions options;
  options.survey_id = "bench-reference";
  options.areas = questionnaire::parse_area_list("handen,jordbro");
  if (!storage::survey_exists(db, options.survey_id)) {
    storage::save_survey(db, questionnaire::build_from_template("trygghet", options), false);
  }
  const double seconds = std::atof(argv[2]);
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  long n = 0;
  while (std::chrono::duration<double>(clock::now() - start).count() < seconds) {
    storage::InsertRequest request;
    request.record.id = "ref-" + std::to_string(n);
    request.record.survey = options.survey_id;
    request.record.lang = "sv";
    request.record.channel = "online";
    request.record.submitted_at = "2026-03-04T18:22:05Z";
    request.record.submitted_epoch = 1772648525;
    request.record.answers = {
        {"area", "jordbro"},
        {"safe_night", "fairly_unsafe"},
        {"problem_drug_dealing", "very_big"},
        {"free_text", "Mörkt och obehagligt vid gångtunneln, langning på kvällarna."}};
    storage::WriteTransaction tx(db);
    storage::insert_response(db, request);
    tx.commit();
    ++n;
  }
  const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
  std::printf("reference: one committed insert per record: %ld records in %.2fs = %.0f/s\n", n,
              elapsed, static_cast<double>(n) / elapsed);
  return 0;
}
