// Importing a promise document (see promise_import.hpp). The editing
// functions of promise.cpp check a promise's status before each change;
// an import writes a whole promise in its final status at once, so it
// writes rows directly (promise_rows.hpp), each checked by the same rules
// as the editing functions, with the error's field put under the JSON path
// of the part it came from.
#include "app/promise_import.hpp"

#include <map>

#include "app/promise_checks.hpp"
#include "app/promise_rows.hpp"
#include "collector/storage/promise_store.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

using namespace promise_rows;

std::string under(const std::string& path, const std::string& field) {
  if (field.empty()) return path;
  if (path.empty()) return field;
  return path + "." + field;
}

// Runs `check`, turning its Invalid into one naming `path` + its field.
template <class F>
auto at_path(const std::string& path, F check) {
  try {
    return check();
  } catch (const Invalid& e) {
    const std::string where = under(path, e.field());
    throw Invalid(std::string(e.what()) + " (at " + where + ")", where);
  }
}

[[noreturn]] void refuse(const std::string& message, const std::string& path) {
  throw Invalid(message + " (at " + path + ")", path);
}

std::string fa_path(size_t i) {
  return "focus_areas[" + std::to_string(i) + "]";
}

std::string activity_path(size_t i, size_t j) {
  return fa_path(i) + ".activities[" + std::to_string(j) + "]";
}

// What the status needs of the document, before anything is written. The
// same requirements as set_promise_status's (adopting, evaluating) and
// record_follow_up's, named by path.
void check_status_needs(const Promise& p, PromiseStatus status) {
  using S = PromiseStatus;
  const auto& fas = p.focus_areas;
  if (status != S::draft) {
    if (p.header.parties.empty())
      refuse("an " + std::string(promise_status_name(status)) + " promise has its parties",
             "signatories");
    if (fas.empty()) refuse("an adopted promise has a focus area", "focus_areas");
  }
  for (size_t i = 0; i < fas.size(); ++i) {
    if (status != S::draft && fas[i].activities.empty()) {
      refuse("every focus area of an adopted promise has an activity", fa_path(i) + ".activities");
    }
    if (fas[i].evaluation && status != S::published && status != S::evaluated) {
      refuse("only a published or evaluated promise has evaluations", fa_path(i) + ".evaluation");
    }
    if (!fas[i].evaluation && status == S::evaluated) {
      refuse("every focus area of an evaluated promise has its evaluation",
             fa_path(i) + ".evaluation");
    }
    for (size_t j = 0; j < fas[i].activities.size(); ++j) {
      if (status == S::draft && !fas[i].activities[j].follow_ups.empty()) {
        refuse("a draft has no follow-ups (import it --as-draft to leave them out)",
               activity_path(i, j) + ".follow_ups");
      }
    }
  }
}

// Ids of the document's parties (1..n) to this instance's: the kommun's
// party of the code, or a new one. Inside the import's transaction.
std::map<int64_t, int64_t> place_parties(storage::Database& db, const Actor& actor, int64_t now,
                                         const PortablePromise& doc, PromiseImported& done) {
  std::map<int64_t, int64_t> ids;
  const std::string& kommun = doc.promise.header.kommun;
  for (size_t i = 0; i < doc.parties.size(); ++i) {
    const auto& party = doc.parties[i];
    const std::string path = "parties[" + std::to_string(i) + "]";
    if (auto have = storage::promise_party_by_code(db, kommun, text::trim(party.code))) {
      ids[party.id] = have->id;
      done.parties_found.push_back(have->code);
      continue;
    }
    auto row = at_path(path, [&] {
      return promise_checks::party_row(kommun, party.code, party.kind, party.names);
    });
    row.updated_at = now;
    row.updated_by = actor.name;
    ids[party.id] = storage::insert_promise_party(db, row);
    done.parties_added.push_back(row.code);
    record_audit(db, now, actor, AuditAction::promise_parties_changed, "kommun/" + kommun,
                 "added " + std::to_string(ids[party.id]) + " (import)");
  }
  return ids;
}

std::vector<int64_t> mapped(const std::vector<int64_t>& parties,
                            const std::map<int64_t, int64_t>& ids) {
  std::vector<int64_t> out;
  for (int64_t p : parties) out.push_back(ids.at(p));
  return out;
}

void write_quotes(storage::Database& db, const Actor& actor, int64_t now, int64_t focus_area,
                  const FocusArea& fa, const std::string& path, PromiseImported& done) {
  for (size_t k = 0; k < fa.quotes.size(); ++k) {
    const auto& q = fa.quotes[k];
    const std::string at = path + ".quotes[" + std::to_string(k) + "]";
    if (!promise_checks::is_public_language(q.lang))
      refuse("not one of the public languages", at + ".lang");
    if (q.text.size() > max_text) {
      refuse("a quote is at most " + std::to_string(max_text) + " bytes", at + ".text");
    }
    storage::QuoteRow row;
    row.focus_area = focus_area;
    row.record_id = q.record_id;
    row.text = q.text;
    row.lang = q.lang;
    row.published_at = q.published_at ? q.published_at : now;
    row.published_by = q.published_by.empty() ? actor.name : q.published_by;
    if (!storage::insert_focus_quote(db, row)) refuse("the same quote is named twice", at);
    ++done.quotes;
  }
}

void write_evaluation(storage::Database& db, const Actor& actor, int64_t now, int64_t focus_area,
                      const FocusEvaluation& e, const std::string& path) {
  storage::EvaluationRow row;
  row.focus_area = focus_area;
  if (e.later_survey.empty())
    refuse("an evaluation names the later survey", path + ".later_survey");
  row.later_survey = e.later_survey;
  row.indicators = indicators_json(e.indicators);
  row.conclusions = texts_json(at_path(
      "", [&] { return checked_texts(e.conclusions, path + ".conclusion", max_text, true); }));
  row.evaluated_at = e.evaluated_at ? e.evaluated_at : now;
  row.evaluated_by = e.evaluated_by.empty() ? actor.name : e.evaluated_by;
  storage::put_focus_evaluation(db, row);
}

void write_activities(storage::Database& db, const Actor& actor, int64_t now,
                      const std::string& kommun, int64_t focus_area, const FocusArea& fa, size_t i,
                      const std::map<int64_t, int64_t>& ids, bool with_follow_ups,
                      PromiseImported& done) {
  for (size_t j = 0; j < fa.activities.size(); ++j) {
    const auto& a = fa.activities[j];
    const std::string path = activity_path(i, j);
    ActivityInput input = a.input;
    input.parties = mapped(a.input.parties, ids);
    auto row = at_path(path, [&] { return promise_checks::activity_row(db, kommun, input); });
    row.focus_area = focus_area;
    row.position = static_cast<int64_t>(j);
    const int64_t id = storage::insert_activity(db, row);
    storage::set_activity_parties(db, id, input.parties);
    ++done.activities;
    if (!with_follow_ups) continue;
    for (size_t k = 0; k < a.follow_ups.size(); ++k) {
      const auto& f = a.follow_ups[k];
      const FollowUpInput in{f.date,         f.done_count,    f.status,
                             f.public_texts, f.internal_note, f.published};
      auto u = at_path(path + ".follow_ups[" + std::to_string(k) + "]",
                       [&] { return promise_checks::follow_up_row(in); });
      u.activity = id;
      u.recorded_at = f.recorded_at ? f.recorded_at : now;
      u.recorded_by = f.recorded_by.empty() ? actor.name : f.recorded_by;
      storage::insert_follow_up(db, u);
      ++done.follow_ups;
    }
  }
}

}  // namespace

PromiseImported import_promise(Services& services, const Actor& actor,
                               const PortablePromise& document,
                               const PromiseImportOptions& options) {
  const Promise& p = document.promise;
  PromiseImported done;
  done.status = options.as_draft ? PromiseStatus::draft : p.status;
  if (!options.as_draft) check_status_needs(p, done.status);
  // A source names a survey of this instance (its figures came from it):
  // the surveys move first (`survey show` / `survey load`).
  for (size_t i = 0; i < p.focus_areas.size(); ++i) {
    for (size_t j = 0; j < p.focus_areas[i].sources.size(); ++j) {
      const auto& survey = p.focus_areas[i].sources[j].survey;
      if (!services.surveys().find(survey)) {
        refuse("no survey '" + survey + "' here; load the survey before its promise",
               fa_path(i) + ".sources[" + std::to_string(j) + "].survey");
      }
    }
  }
  at_path("", [&] { promise_checks::header(p.header); });
  const Texts titles =
      at_path("", [&] { return checked_texts(p.header.titles, "title", max_title, true); });
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    const auto status = done.status;
    done = {};
    done.status = status;
    const auto ids = place_parties(db, actor, now, document, done);
    const std::string& kommun = p.header.kommun;
    const auto signatories = mapped(p.header.parties, ids);
    at_path("", [&] { promise_checks::parties(db, kommun, signatories, "signatories"); });
    storage::PromiseRow row;
    row.kommun = kommun;
    row.first_year = p.header.first_year;
    row.last_year = p.header.last_year;
    row.titles = texts_json(titles);
    row.status = std::string(promise_status_name(done.status));
    // Made and last changed when and by whom the document says (its full
    // view), else now by the importer; the audit entry says who imported.
    // (A public view's last change alone is not this row's: it was made now.)
    const bool kept = p.created_at && !p.created_by.empty();
    row.created_at = kept ? p.created_at : now;
    row.created_by = kept ? p.created_by : actor.name;
    row.updated_at = kept && p.updated_at ? p.updated_at : row.created_at;
    row.updated_by = kept && !p.updated_by.empty() ? p.updated_by : row.created_by;
    done.promise = storage::insert_promise(db, row);
    storage::set_promise_signatories(db, done.promise, signatories);
    for (size_t i = 0; i < p.focus_areas.size(); ++i) {
      const auto& fa = p.focus_areas[i];
      const std::string path = fa_path(i);
      const Texts t =
          at_path("", [&] { return checked_texts(fa.titles, path + ".title", max_title, true); });
      const auto sources = at_path(path, [&] { return promise_checks::source_rows(fa.sources); });
      const int64_t fa_id =
          storage::insert_focus_area(db, {0, done.promise, static_cast<int64_t>(i), texts_json(t)});
      storage::set_focus_sources(db, fa_id, sources);
      ++done.focus_areas;
      write_quotes(db, actor, now, fa_id, fa, path, done);
      if (fa.evaluation && !options.as_draft) {
        write_evaluation(db, actor, now, fa_id, *fa.evaluation, path + ".evaluation");
        ++done.evaluations;
      }
      write_activities(db, actor, now, kommun, fa_id, fa, i, ids, !options.as_draft, done);
    }
    std::string detail = "imported as " + row.status + ": " + std::to_string(done.focus_areas) +
                         " focus areas, " + std::to_string(done.activities) + " activities, " +
                         std::to_string(done.follow_ups) + " follow-ups";
    if (p.id > 0) detail += " (id " + std::to_string(p.id) + " where it came from)";
    if (detail.size() > max_audit_detail) detail.resize(max_audit_detail);
    record_audit(db, now, actor, AuditAction::promise_changed, promise_target(done.promise),
                 detail);
  });
  return done;
}

}  // namespace lyssna::app
