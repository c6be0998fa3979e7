// Turns exported records (JSON Lines) into scriptindex's input format, so
// that Xapian's own indexer can index the same free text as the reference
// for `lyssna reindex`. Records without free text are left out, as lyssna
// leaves them out of its index.
//
//   lyssna_bench_scriptindex_input < records.jsonl > dump.txt
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    std::string text;
    for (const char* q : {"free_text", "free_place"}) {
      auto it = j["answers"].find(q);
      if (it == j["answers"].end() || !it->is_string()) continue;
      if (!text.empty()) text += '\n';
      text += it->get_ref<const std::string&>();
    }
    if (text.empty()) continue;
    std::cout << "id=" << j["survey"].get<std::string>() << "/" << j["id"].get<std::string>()
              << "\n";
    // Continuation lines of a multi-line value start with '='.
    std::string value;
    for (char c : text) {
      value.push_back(c);
      if (c == '\n') value.push_back('=');
    }
    std::cout << "text=" << value << "\n\n";
  }
  return 0;
}
