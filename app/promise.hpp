// The citizen promise (medborgarlöfte, docs/promise.md): a kommun's promise
// document for a year or a period, its parties, focus areas (from the
// priorities analysts marked), activities with a responsible party, a
// frequency and an optional countable target, the follow-up indicator,
// and the follow-ups recorded through the year. Each change is audited in
// the transaction of the change (target "promise/<id>", or "kommun/<id>" for
// the party list; never a resident's free text). Thread-safe as Services.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::app {

// Text per language: {"sv": "..", "en": ".."}. Keys are the six public
// languages (sv en ar so fi fa); Swedish is the one a required text needs.
using Texts = std::map<std::string, std::string>;

enum class PromiseStatus { draft, adopted, published, evaluated };
std::string_view promise_status_name(PromiseStatus status);
std::optional<PromiseStatus> parse_promise_status(std::string_view name);

enum class PeriodUnit { year, half_year, tertial, quarter, month, week };
std::string_view period_unit_name(PeriodUnit unit);
std::optional<PeriodUnit> parse_period_unit(std::string_view name);
// How many of the unit a year holds: 1, 2, 3, 4, 12, 52.
int units_per_year(PeriodUnit unit);

// "2 per half_year": `count` times each `unit`.
struct CountableTarget {
  int64_t count = 0;
  PeriodUnit unit = PeriodUnit::year;
};

enum class FollowUpStatus { on_track, behind, done, dropped };
std::string_view follow_up_status_name(FollowUpStatus status);
std::optional<FollowUpStatus> parse_follow_up_status(std::string_view name);

struct PromiseParty {
  int64_t id = 0;
  std::string kommun;
  std::string code;  // short and unique in the kommun: "SBF", "polis"
  std::string kind;  // kommun | police | external
  Texts names;
};

struct Indicator {
  enum class Kind { survey_indicator, count, text };
  Kind kind = Kind::text;
  std::string indicator_id;  // survey_indicator: the standard questionnaire's indicator
  std::string area;          // survey_indicator: the area, "" for the whole survey
  Texts texts;               // count: what is counted; text: the follow-up in words
};
std::string_view indicator_kind_name(Indicator::Kind kind);

struct ActivityInput {
  Texts texts;                   // what is done; Swedish required
  Texts prioritised_areas;       // Bilaga 2's "prioriterat område", optional
  std::vector<int64_t> parties;  // responsible parties, at least one, of the kommun's list
  Texts frequency;               // in words: "två per halvår"
  std::optional<CountableTarget> target;
  Indicator indicator;
};

struct FollowUp {
  int64_t id = 0;
  std::string date;  // YYYY-MM-DD
  int64_t done_count = 0;
  FollowUpStatus status = FollowUpStatus::on_track;
  Texts public_texts;
  std::string internal_note;  // never public
  bool published = false;
  int64_t recorded_at = 0;
  std::string recorded_by;
};

struct Activity {
  int64_t id = 0;
  ActivityInput input;
  std::vector<FollowUp> follow_ups;  // by date
};

// A marked priority a focus area comes from, with the figures that
// justified it (JSON, as they were when the focus area was drafted).
struct FocusSource {
  std::string survey;
  std::optional<std::string> area;  // none: the whole survey
  std::string theme;
  std::string figures = "{}";
};

// A resident's words an analyst chose to publish with a focus area (the
// only free text that reaches the public page): the text as it was when
// published, so a later edit of the record does not change the promise.
struct PublishedQuote {
  int64_t id = 0;
  std::string record_id;
  std::string text;
  std::string lang;  // the language the resident wrote in
  int64_t published_at = 0;
  std::string published_by;
};

// One follow-up indicator of a focus area at the year's end: its value in
// the survey that justified the focus area beside the next survey's, with
// the engine's trend test (reports::trend_report), as computed when the
// evaluation was made.
struct EvaluatedIndicator {
  std::string indicator_id;
  std::string area;  // "" the whole survey
  std::string earlier_survey, later_survey;
  std::optional<double> earlier, later;  // shares; none when too few answered
  int64_t earlier_n = 0, later_n = 0;
  std::optional<double> difference, p_value;
  bool significant = false;
  std::string verdict;  // better | worse | unchanged | not_comparable
};

// The year-end evaluation of a focus area: the indicators compared, and
// the analysts' conclusion per language (Swedish required). Activities
// done against planned come from the follow-ups (promise_progress).
struct FocusEvaluation {
  std::string later_survey;
  std::vector<EvaluatedIndicator> indicators;
  Texts conclusions;
  int64_t evaluated_at = 0;
  std::string evaluated_by;
};

struct FocusArea {
  int64_t id = 0;
  Texts titles;
  std::vector<FocusSource> sources;
  std::vector<Activity> activities;
  std::vector<PublishedQuote> quotes;         // published by an analyst, in order
  std::optional<FocusEvaluation> evaluation;  // none until evaluated
};

struct PromiseHeader {
  std::string kommun;  // lower-case id: "haninge"
  int64_t first_year = 0, last_year = 0;
  Texts titles;                  // Swedish required
  std::vector<int64_t> parties;  // signatories, of the kommun's list
};

struct Promise {
  int64_t id = 0;
  PromiseHeader header;
  PromiseStatus status = PromiseStatus::draft;
  std::optional<int64_t> copied_from;
  int64_t created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
  std::vector<FocusArea> focus_areas;  // in order
};

// --- the kommun's list of parties and units -------------------------------
// Throws Invalid naming "kommun", "code", "kind" or "names"; Conflict for a
// code the kommun has already.
int64_t add_promise_party(Services& services, const Actor& actor, const std::string& kommun,
                          const std::string& code, const std::string& kind, const Texts& names);
// New names and kind of a party (its code stays). NotFound for no such party.
void update_promise_party(Services& services, const Actor& actor, int64_t party,
                          const std::string& kind, const Texts& names);
std::vector<PromiseParty> promise_parties(Services& services, const std::string& kommun);

// --- the document ---------------------------------------------------------
// A new draft. Invalid naming "kommun", "first_year"/"last_year", "title"
// (or "title.<lang>"), "parties" (a party not of the kommun's list).
int64_t create_promise(Services& services, const Actor& actor, const PromiseHeader& header);
// Copies a promise (any status) as a new draft for the given years: its
// header, focus areas with their sources and activities; no follow-ups.
int64_t copy_promise(Services& services, const Actor& actor, int64_t from, int64_t first_year,
                     int64_t last_year);
// Throws NotFound "promise".
Promise load_promise(Services& services, int64_t id);
// The kommun's promises without their focus areas ("" kommun: every kommun's).
std::vector<Promise> list_promises(Services& services, const std::string& kommun);

// Editing works on a draft only (Conflict "status" otherwise). The kommun
// of a promise never changes.
void update_promise_header(Services& services, const Actor& actor, int64_t promise,
                           const PromiseHeader& header);
int64_t add_focus_area(Services& services, const Actor& actor, int64_t promise, const Texts& titles,
                       const std::vector<FocusSource>& sources = {});
void update_focus_area(Services& services, const Actor& actor, int64_t focus_area,
                       const Texts& titles, const std::vector<FocusSource>& sources);
void remove_focus_area(Services& services, const Actor& actor, int64_t focus_area);
int64_t add_activity(Services& services, const Actor& actor, int64_t focus_area,
                     const ActivityInput& input);
void update_activity(Services& services, const Actor& actor, int64_t activity,
                     const ActivityInput& input);
void remove_activity(Services& services, const Actor& actor, int64_t activity);
// Puts the promise's focus areas (or a focus area's activities) in the
// order of `ids`, which names each of them once (Invalid "order").
void reorder_focus_areas(Services& services, const Actor& actor, int64_t promise,
                         const std::vector<int64_t>& ids);
void reorder_activities(Services& services, const Actor& actor, int64_t focus_area,
                        const std::vector<int64_t>& ids);

// draft → adopted → published → evaluated, and adopted → draft; nothing
// else (Conflict "status"). Adopting needs at least one focus area, an
// activity in every focus area and a signatory party (Invalid naming
// "focus_areas", "activities" or "parties"); evaluated needs an evaluation
// of every focus area (Invalid "evaluation"). Setting the status it has is a
// no-op that returns false.
bool set_promise_status(Services& services, const Actor& actor, int64_t promise, PromiseStatus to);
// Whether the status may go from `from` to `to` (the rule alone).
bool promise_transition_allowed(PromiseStatus from, PromiseStatus to);

// --- follow-ups -----------------------------------------------------------
struct FollowUpInput {
  std::string date;  // YYYY-MM-DD
  int64_t done_count = 0;
  FollowUpStatus status = FollowUpStatus::on_track;
  Texts public_texts;
  std::string internal_note;
  bool published = false;
};
// Records a follow-up of an activity of an adopted or published promise
// (Conflict "status" otherwise). Invalid naming "date", "done_count",
// "public_text.<lang>", "internal_note".
int64_t record_follow_up(Services& services, const Actor& actor, int64_t activity,
                         const FollowUpInput& input);

// Publishes a recorded follow-up's public text (or takes it back), while
// the promise is adopted or published (Conflict "status"); NotFound
// "follow_up". Returns whether anything changed.
bool set_follow_up_published(Services& services, const Actor& actor, int64_t follow_up,
                             bool published);

// --- drafting from the priority list ---------------------------------------
// A new draft (as create_promise, one transaction) with one focus area per
// priority marked in `survey` (app::marked_priorities), in their order,
// titled with the theme's label (Swedish and English), each with its
// source: the survey, area and theme, and the figures of the priority row
// as they are now (reports' "marked" entry, quotes' texts left out: only
// their record ids are kept). No activities: the analysts add them.
// Invalid "marks" when the survey has none; NotFound for an unknown survey.
int64_t draft_from_marks(Services& services, const Actor& actor, const std::string& survey,
                         const PromiseHeader& header);

// --- what residents said: published quotes (promise_quotes.cpp) ------------
// Publishes `text` with a focus area: the whole or a part (an excerpt that
// leaves out what would identify someone) of a free-text answer of the
// record, which must be an answer to a survey the focus area comes from
// (Invalid "record", or "text" when the record has no such text). Any
// status but evaluated (Conflict "status"). The same text of the same
// record again changes nothing. Returns the quote's id.
int64_t publish_quote(Services& services, const Actor& actor, int64_t focus_area,
                      const std::string& record_id, const std::string& text);
// A record's free-text answers with the language it was written in, to
// choose a quote from (none when the survey has no such record). For the
// roles that may read free text only: the caller checks.
struct ResidentText {
  std::string text, lang;
};
std::vector<ResidentText> resident_texts(Services& services, const std::string& survey,
                                         const std::string& record_id);
// Takes a published quote back (NotFound "quote"; Conflict "status" once
// evaluated).
void withdraw_quote(Services& services, const Actor& actor, int64_t quote);

// --- the year-end evaluation (promise_evaluation.cpp) ----------------------
// The indicators a focus area is evaluated on: each survey indicator its
// activities follow up (indicator id and area), else the indicator of each
// source's theme ("theme_<theme>", when the survey has it) in the source's
// area. In order, each once.
std::vector<std::pair<std::string, std::string>> evaluation_indicators(const FocusArea& focus_area);
// Compares those indicators in the survey the focus area came from (its
// first source's) with `later_survey` by the engine's trend test (each
// side weighted to its stored margins when both have them), as they are now.
std::vector<EvaluatedIndicator> compare_indicators(Services& services, const FocusArea& focus_area,
                                                   const std::string& later_survey);
// Stores the focus area's evaluation: the comparison with `later_survey`
// computed now and the analysts' conclusion (Swedish required: Invalid
// "conclusion"). While the promise is published (Conflict "status"); again
// replaces it. Audited.
void evaluate_focus_area(Services& services, const Actor& actor, int64_t focus_area,
                         const std::string& later_survey, const Texts& conclusions);

// --- pure: planned against done -------------------------------------------
// How many a target plans over `n` of `over`: "2 per half_year" over one
// year is 4, "1 per week" over a year 52, "4 per year" over a quarter 1;
// pro rata, so a coarser target over a finer span may be a fraction.
double planned_count(const CountableTarget& target, PeriodUnit over, int64_t n = 1);

// A reporting period: a year, or one of its halves, tertials, quarters,
// months (index from 1). Throws Invalid "period" for an index out of range.
struct ReportingPeriod {
  int64_t year = 0;
  PeriodUnit unit = PeriodUnit::year;
  int64_t index = 1;
  std::string first_day() const;  // YYYY-MM-DD
  std::string last_day() const;
};
// "2026", "2026-H1", "2026-T2", "2026-Q3", "2026-M05". Invalid "period".
ReportingPeriod parse_reporting_period(std::string_view text);

struct ActivityProgress {
  int64_t activity = 0;
  std::optional<double> planned;                // none: no countable target
  int64_t done = 0;                             // done counts of follow-ups in the period
  std::optional<FollowUpStatus> latest_status;  // of the period's last follow-up
  bool behind = false;  // done below the whole planned, or the latest follow-up says behind
};
// Done against planned for each activity of the promise in the period
// (a week target over a month counts 52/12). Pure over the loaded promise.
std::vector<ActivityProgress> promise_progress(const Promise& promise,
                                               const ReportingPeriod& period);

}  // namespace lyssna::app
