// Search (see search.hpp).
#include "analysis/index/search.hpp"

#include <algorithm>
#include <set>

#include "analysis/analysis_error.hpp"
#include "analysis/index/prefixes.hpp"
#include "analysis/index/terms.hpp"
#include "analysis/index/xapian_errors.hpp"
#include "analysis/text/normalize.hpp"

namespace lyssna::analysis {
namespace {

bool is_operator_word(const std::string& w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

// The query text with every word folded for one profile; operators and
// punctuation untouched so the query parser still sees the syntax.
std::string fold_query_text(const std::string& text, Profile profile) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    out += is_operator_word(word) ? word : fold_token(word, profile);
    word.clear();
  };
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch) && ch != 0x200C) {
      Xapian::Unicode::append_utf8(word, ch);
    } else {
      flush();
      Xapian::Unicode::append_utf8(out, ch);
    }
  }
  flush();
  return out;
}

Xapian::Query any_area(const std::vector<std::string>& areas) {
  std::vector<Xapian::Query> qs;
  for (const auto& a : areas) qs.emplace_back(area_term(a));
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

// Language and channel filters read values: they are rare, and terms for
// them would cost every document of the index.
class ValueFilter : public Xapian::MatchDecider {
 public:
  explicit ValueFilter(const SearchFilters& f)
      : languages_(f.languages.begin(), f.languages.end()),
        channels_(f.channels.begin(), f.channels.end()) {}
  bool active() const { return !languages_.empty() || !channels_.empty(); }
  bool operator()(const Xapian::Document& doc) const override {
    if (!languages_.empty() && !languages_.count(doc.get_value(slot::language))) return false;
    if (!channels_.empty() && !channels_.count(doc.get_value(slot::channel))) return false;
    return true;
  }

 private:
  std::set<std::string> languages_, channels_;
};

}  // namespace

Xapian::Query parse_search_query(const std::string& text, const Xapian::Database& db) {
  std::vector<Xapian::Query> per_language;
  for (Profile p : language_profiles) {
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_default_op(Xapian::Query::OP_AND);
    // Every word stemmed, phrases too, and stems are the default field: the
    // index holds positional stems only, and a wildcard then runs over stems.
    parser.add_prefix("", prefix::stem);
    parser.set_stemmer(
        Xapian::Stem(stemmer_name(p).empty() ? std::string("none") : std::string(stemmer_name(p))));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    try {
      per_language.push_back(parser.parse_query(
          fold_query_text(text, p),
          Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD));
    } catch (const Xapian::QueryParserError& e) {
      throw BadSpecification("the search query cannot be read: " + e.get_msg());
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, per_language.begin(), per_language.end());
}

namespace {

// Xapian's Query does not tell a NEAR's window: the widest of ours, the
// query parser's default for "a NEAR b" (themes' `a ~ b` use 8).
constexpr size_t snippet_near_window = 10;

// What a query matches, for marking a snippet: single stems anywhere, and
// groups of stems (a phrase, or words near each other) only where the whole
// group stands within its window. A phrase's words alone are no match:
// marking every "i" and "på" of an answer because a theme has the phrase
// "på natten" would show words the query did not find. What AND_NOT leaves
// out (a negated mention) is no match either.
struct SnippetMarks {
  struct Group {
    std::vector<std::set<std::string>> words;  // each word's stems
    size_t window = 0;                         // in words
    bool ordered = false;                      // a phrase; else near each other
  };
  std::set<std::string> singles;
  std::vector<Group> groups;
};

// The stems (Z terms) under `q`; negation marks (XL, XN) and filters are
// not matches. A wildcard's pattern comes as its stem prefix.
void stems_under(const Xapian::Query& q, std::set<std::string>& out) {
  for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
    const std::string term = *t;
    if (!term.empty() && term[0] == 'Z') out.insert(term.substr(1));
  }
}

void collect_marks(const Xapian::Query& q, SnippetMarks& marks) {
  switch (q.get_type()) {
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      SnippetMarks::Group g;
      g.ordered = q.get_type() == Xapian::Query::OP_PHRASE;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
        std::set<std::string> word;
        stems_under(q.get_subquery(i), word);
        if (!word.empty()) g.words.push_back(std::move(word));
      }
      // A phrase of n words within n + 2 (as themes compile them: the
      // parser's own are tighter), words near each other within the widest.
      g.window = g.ordered ? g.words.size() + 2 : snippet_near_window;
      if (g.words.size() == 1) {
        marks.singles.insert(g.words[0].begin(), g.words[0].end());
      } else if (!g.words.empty()) {
        marks.groups.push_back(std::move(g));
      }
      return;
    }
    case Xapian::Query::OP_AND_NOT:
      if (q.get_num_subqueries() > 0) collect_marks(q.get_subquery(0), marks);
      return;
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::OP_WILDCARD:
      stems_under(q, marks.singles);
      return;
    default:
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) collect_marks(q.get_subquery(i), marks);
  }
}

}  // namespace

std::string make_snippet(const std::string& text, const std::string& lang,
                         const Xapian::Query& query, TextAnalyzer& analyzer, size_t max_words) {
  SnippetMarks marks;
  collect_marks(query, marks);
  uint32_t position = 0, clause = 0;
  const Profile doc = profile_for_language(lang);
  auto tokens = tokenize(text, doc, analyzer.resources().latin_fallback, position, clause);
  // Each token's stems: its own, and those of the other languages its
  // spelling may be (a Swedish word in an English answer).
  std::vector<std::vector<std::string>> token_stems(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    token_stems[i] = analyzer.token_stems(tokens[i]);
    token_stems[i].push_back(analyzer.stem(tokens[i].folded, tokens[i].profile));
  }
  auto matches = [&](size_t i, const std::set<std::string>& stems) {
    for (const auto& s : token_stems[i]) {
      if (stems.count(s)) return true;
    }
    // A wildcard in the query shows as a prefix of the stem.
    const std::string& own = token_stems[i].back();
    for (const auto& s : stems) {
      if (s.size() >= 3 && own.rfind(s, 0) == 0) return true;
    }
    return false;
  };
  std::vector<bool> hit(tokens.size(), false);
  for (size_t i = 0; i < tokens.size(); ++i) hit[i] = matches(i, marks.singles);
  for (const auto& g : marks.groups) {
    for (size_t start = 0; start < tokens.size(); ++start) {
      // Each word of the group at its first place in [start, start + window),
      // after the one before it in a phrase; the first word at `start`.
      std::vector<size_t> found;
      size_t from = start;
      for (size_t w = 0; w < g.words.size(); ++w) {
        const size_t end = std::min(tokens.size(), start + g.window);
        size_t at = g.ordered ? from : start;
        while (at < end && (std::find(found.begin(), found.end(), at) != found.end() ||
                            !matches(at, g.words[w])))
          ++at;
        if (at == end || (w == 0 && g.ordered && at != start)) break;
        found.push_back(at);
        from = at + 1;
      }
      if (found.size() < g.words.size()) continue;
      if (std::find(found.begin(), found.end(), start) == found.end()) continue;
      // Of "på gatan på natten" only the closer "på" is the phrase's.
      if (g.ordered) {
        bool closer = false;
        for (size_t at = start + 1; at < found[1] && !closer; ++at)
          closer = matches(at, g.words[0]);
        if (closer) continue;
      }
      for (size_t at : found) hit[at] = true;
    }
  }
  // The window of max_words words holding the most matches.
  size_t best_start = 0, best_hits = 0, window_hits = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    window_hits += hit[i];
    if (i >= max_words) window_hits -= hit[i - max_words];
    if (window_hits > best_hits) {
      best_hits = window_hits;
      best_start = i + 1 > max_words ? i + 1 - max_words : 0;
    }
  }
  if (tokens.empty()) return text;
  const size_t last = std::min(tokens.size(), best_start + max_words) - 1;
  const size_t from = best_start == 0 ? 0 : tokens[best_start].begin;
  const size_t to = last + 1 == tokens.size() ? text.size() : tokens[last].end;
  std::string out = from > 0 ? "…" : "";
  size_t cursor = from;
  for (size_t i = best_start; i <= last; ++i) {
    if (!hit[i]) continue;
    out += text.substr(cursor, tokens[i].begin - cursor) + "**" +
           text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin) + "**";
    cursor = tokens[i].end;
  }
  out += text.substr(cursor, to - cursor);
  if (to < text.size()) out += "…";
  return out;
}

SearchResult search(const Xapian::Database& db, TextAnalyzer& analyzer, const std::string& survey,
                    const std::string& query_text, const SearchFilters& filters, size_t offset,
                    size_t limit, const TextSource& texts) {
  SearchResult result;
  try {
    const bool blank = query_text.find_first_not_of(" \t") == std::string::npos;
    Xapian::Query query = blank ? Xapian::Query::MatchAll : parse_search_query(query_text, db);
    const Xapian::Query& marked = blank && filters.marks ? *filters.marks : query;
    std::vector<Xapian::Query> filter_parts = {Xapian::Query(survey_term(survey))};
    if (!filters.areas.empty()) filter_parts.push_back(any_area(filters.areas));

    if (filters.from || filters.to) {
      filter_parts.emplace_back(
          Xapian::Query::OP_VALUE_RANGE, slot::submitted,
          Xapian::sortable_serialise(static_cast<double>(filters.from.value_or(0))),
          Xapian::sortable_serialise(static_cast<double>(filters.to.value_or(INT64_MAX / 2))));
    }
    Xapian::Query filter(Xapian::Query::OP_AND, filter_parts.begin(), filter_parts.end());
    if (filters.theme) filter = Xapian::Query(Xapian::Query::OP_AND, filter, *filters.theme);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, filter));
    if (blank)
      enquire.set_sort_by_value(slot::submitted, true);  // newest first: nothing to rank by
    ValueFilter by_value(filters);
    // Checking every candidate makes the count exact; for a survey's few
    // thousand matches that costs next to nothing.
    const auto check_at_least =
        static_cast<Xapian::doccount>(std::min<size_t>(db.get_doccount(), count_exactly_up_to));
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                         static_cast<Xapian::doccount>(limit), check_at_least,
                                         nullptr, by_value.active() ? &by_value : nullptr);
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it)
      ids.push_back(it.get_document().get_value(slot::record_id));
    const auto answers = texts(ids);
    if (answers.size() != ids.size())
      throw AnalysisError("the texts of the hits could not be read");
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      SearchHit hit;
      hit.record_id = doc.get_value(slot::record_id);
      hit.percent = it.get_percent();
      hit.area = doc.get_value(slot::area);
      hit.lang = doc.get_value(slot::language);
      hit.channel = doc.get_value(slot::channel);
      hit.submitted_epoch =
          static_cast<int64_t>(Xapian::sortable_unserialise(doc.get_value(slot::submitted)));
      for (const auto& answer : answers[result.hits.size()]) {
        hit.snippets.push_back(
            {answer.question, make_snippet(answer.text, hit.lang, marked, analyzer)});
      }
      result.hits.push_back(std::move(hit));
    }
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "search failed");
  }
  return result;
}

}  // namespace lyssna::analysis
