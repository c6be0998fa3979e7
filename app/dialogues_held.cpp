// Dialogues that count themselves (see dialogues_held.hpp).
#include "app/dialogues_held.hpp"

#include "app/dialogues.hpp"
#include "app/promise.hpp"
#include "app/promise_checks.hpp"
#include "app/promise_rows.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "collector/storage/promise_store.hpp"
#include "collector/storage/session_activity_store.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

bool counts_dialogues(const std::string& promise_status) {
  return promise_status == "adopted" || promise_status == "published";
}

std::string in_language(const Texts& texts, const std::string& lang) {
  auto it = texts.find(lang);
  if (it == texts.end()) it = texts.find("sv");
  return it == texts.end() ? std::string() : it->second;
}

// The activity's promise row when it may be counted toward; Invalid otherwise.
storage::PromiseRow countable_promise(storage::Database& db, int64_t activity) {
  const auto a = storage::activity(db, activity);
  if (!a) throw Invalid("there is no activity " + std::to_string(activity), "activity");
  const auto fa = storage::focus_area(db, a->focus_area);
  auto p = promise_rows::require_promise_row(db, fa->promise);
  if (!counts_dialogues(p.status))
    throw Invalid("activity " + std::to_string(activity) + " is of a promise that is " + p.status +
                      "; dialogues count toward an adopted or published promise",
                  "activity");
  return p;
}

}  // namespace

std::vector<DialogueActivity> dialogue_activities(Services& services, const std::string& lang) {
  std::vector<DialogueActivity> out;
  for (const auto& listed : list_promises(services, "")) {
    if (listed.status != PromiseStatus::adopted && listed.status != PromiseStatus::published)
      continue;
    const Promise p = load_promise(services, listed.id);  // with its activities
    const std::string title = in_language(p.header.titles, lang);
    for (const auto& fa : p.focus_areas) {
      for (const auto& a : fa.activities)
        out.push_back({a.id, p.id, in_language(a.input.texts, lang), title});
    }
  }
  return out;
}

std::optional<SessionActivity> activity_of_session(Services& services, const std::string& session,
                                                   const std::string& lang) {
  return activity_of_session(services, session, dialogue_activities(services, lang));
}

std::optional<SessionActivity> activity_of_session(Services& services, const std::string& session,
                                                   const std::vector<DialogueActivity>& choices) {
  std::optional<storage::SessionActivityRow> link;
  {
    auto db = services.readers().acquire();
    link = storage::session_activity(*db, session);
  }
  if (!link) return std::nullopt;
  SessionActivity out;
  out.follow_up = link->follow_up;
  out.activity.activity = link->activity;
  for (const auto& a : choices) {
    if (a.activity == link->activity) out.activity = a;
  }
  if (out.activity.label.empty()) out.activity.label = "#" + std::to_string(link->activity);
  return out;
}

void set_session_activity(Services& services, const Access& access, const std::string& session,
                          std::optional<int64_t> activity) {
  session_of(services, access, session);  // who may manage it; NotFound for another's
  const int64_t now = services.now();
  const Actor actor = Actor::of(access);
  services.writer().execute([&](storage::Database& db) {
    if (!activity) {
      if (storage::unlink_session_activity(db, session))
        record_audit(db, now, actor, AuditAction::dialogue_changed, session_target(session),
                     "activity none");
      return;
    }
    countable_promise(db, *activity);
    const auto old = storage::session_activity(db, session);
    if (old && old->activity == *activity) return;
    storage::link_session_activity(db, {session, *activity, std::nullopt, now, actor.name});
    record_audit(db, now, actor, AuditAction::dialogue_changed, session_target(session),
                 "activity " + std::to_string(*activity));
    count_dialogues_held(db, now, actor);
  });
}

int64_t count_dialogues_held(storage::Database& db, int64_t now, const Actor& actor) {
  int64_t recorded = 0;
  for (const auto& d : storage::uncounted_dialogues(db)) {
    const auto a = storage::activity(db, d.activity);
    if (!a) continue;
    const auto p = storage::load_promise(db, storage::focus_area(db, a->focus_area)->promise);
    if (!p || !counts_dialogues(p->status)) continue;  // counted once it is adopted
    FollowUpInput in;
    in.date = d.held_on;
    in.done_count = 1;
    in.status = FollowUpStatus::on_track;
    in.public_texts = {{"sv", "Trygghetsdialog: " + d.place},
                       {"en", "Safety dialogue: " + d.place}};
    in.internal_note = "Counted from dialogue session " + d.session + ".";
    storage::FollowUpRow row = promise_checks::follow_up_row(in);
    row.activity = d.activity;
    row.recorded_at = now;
    row.recorded_by = actor.name;
    const int64_t id = storage::insert_follow_up(db, row);
    storage::set_session_follow_up(db, d.session, id);
    record_audit(db, now, actor, AuditAction::follow_up_recorded,
                 promise_rows::promise_target(p->id),
                 "activity " + std::to_string(d.activity) + " follow_up " + std::to_string(id) +
                     " on_track, dialogue session " + d.session);
    ++recorded;
  }
  return recorded;
}

}  // namespace lyssna::app
