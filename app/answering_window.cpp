// The survey's answering window (see answering_window.hpp).
#include "app/answering_window.hpp"

#include "util/clock.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

namespace {

bool not_open_yet(const questionnaire::Questionnaire& q, int64_t now) {
  return q.opens_at && now < *q.opens_at;
}

bool closed_by(const questionnaire::Questionnaire& q, int64_t now, Moment moment) {
  const int64_t grace = moment == Moment::submit ? closing_grace_seconds : 0;
  return q.closes_at && now >= *q.closes_at + grace;
}

}  // namespace

void require_open(const questionnaire::Questionnaire& q, int64_t now, Moment moment) {
  if (not_open_yet(q, now)) {
    throw Closed("survey '" + q.id + "' opens on " + clock::format_date(*q.opens_at),
                 Closed::Why::not_open_yet, *q.opens_at);
  }
  if (closed_by(q, now, moment)) {
    throw Closed("survey '" + q.id + "' closed on " + clock::format_date(*q.closes_at),
                 Closed::Why::closed, *q.closes_at);
  }
}

bool is_open(const questionnaire::Questionnaire& q, int64_t now, Moment moment) {
  return !not_open_yet(q, now) && !closed_by(q, now, moment);
}

Moment moment_of(FormStep step) {
  switch (step) {
    case FormStep::open:
    case FormStep::enter_code:
      return Moment::start;
    case FormStep::go_on:
    case FormStep::submit:
      return Moment::submit;
  }
  return Moment::start;
}

void require_open(const questionnaire::Questionnaire& q, int64_t now, FormStep step) {
  require_open(q, now, moment_of(step));
}

}  // namespace lyssna::app
