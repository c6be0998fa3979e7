// Template data of dot voting's pages (web/templates/room_vote.html and
// ws_vote*.html): the ballot's candidates with their dots, and the live
// result as a bar chart drawn on the server (large: read from the back of
// a room), with the same figures as JSON for the page's script.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/dialogues.hpp"

namespace lyssna::http {

struct LabelledTally {
  app::Tally tally;
  std::string label;
};

// {height, rows: [{candidate, label, dots, dots_text, text_y, bar_y, bar_height,
// width, share}], total_dots, ballots}: one row per candidate in the vote's
// order, the bars' widths as percentages of the most dots ("0%" for none),
// each row's count at the bar's end.
nlohmann::json vote_chart(const std::vector<LabelledTally>& rows, int64_t ballots);

// The tally as the result page's script reads it:
// {"vote", "open", "ballots", "dots", "dots_per_ballot", "candidates": [{"id",
// "label", "dots", "ballots", "width"}]}.
nlohmann::json tally_document(const app::Vote& vote, const std::vector<LabelledTally>& rows);

// "custom:skate-park" from a label the room gave ("Skate park"): ASCII
// letters and digits, å ä ö as a a o, the rest '-'; "" when nothing is left
// (a label in Arabic script), for the caller to give it an id of its own.
std::string custom_slug(const std::string& label);

}  // namespace lyssna::http
