// Import and export (see transfer.hpp).
#include "app/transfer.hpp"

#include "app/coding.hpp"
#include "app/dialogues_held.hpp"
#include "collector/interchange/exporter.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"

namespace lyssna::app {

interchange::ImportReport import_records(Services& services, std::istream& in,
                                         const interchange::ImportOptions& options,
                                         const interchange::ProblemSink& problems) {
  auto db = storage::open_connection(services.db_path());
  interchange::ImportOptions checked = options;
  if (!checked.themes) checked.themes = codebook_theme_check(services);
  auto report = interchange::import_records(db, in, checked, problems);
  // Sessions may have arrived closed (a laptop's `export --session`).
  if (report.sessions.taken + report.sessions.updated > 0) {
    storage::WriteTransaction tx(db);
    count_dialogues_held(db, services.now(), Actor{"import"});
    tx.commit();
  }
  return report;
}

int64_t export_records(Services& services, const std::string& survey, interchange::Format format,
                       std::ostream& out) {
  auto db = services.readers().acquire();
  const storage::UnmappedReads unmapped(*db);  // every row is read once: mapping them all costs RSS
  return interchange::export_records(*db, survey, format, out);
}

interchange::SessionExport export_session(Services& services, const std::string& session,
                                          std::ostream& out) {
  auto db = services.readers().acquire();
  return interchange::export_session(*db, session, out);
}

}  // namespace lyssna::app
