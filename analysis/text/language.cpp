// Language profiles (see language.hpp).
#include "analysis/text/language.hpp"

namespace lyssna::analysis {

Profile profile_for_language(std::string_view lang) {
  if (lang == "sv") return Profile::sv;
  if (lang == "en") return Profile::en;
  if (lang == "fi") return Profile::fi;
  if (lang == "so") return Profile::so;
  if (lang == "ar") return Profile::ar;
  if (lang == "fa") return Profile::fa;
  return Profile::plain;
}

std::string_view profile_code(Profile p) {
  switch (p) {
    case Profile::sv:
      return "sv";
    case Profile::en:
      return "en";
    case Profile::fi:
      return "fi";
    case Profile::so:
      return "so";
    case Profile::ar:
      return "ar";
    case Profile::fa:
      return "fa";
    case Profile::plain:
      return "plain";
  }
  return "plain";
}

std::string_view stemmer_name(Profile p) {
  switch (p) {
    case Profile::sv:
      return "swedish";
    case Profile::en:
      return "english";
    case Profile::fi:
      return "finnish";
    case Profile::ar:
      return "arabic";
    default:
      return "";
  }
}

}  // namespace lyssna::analysis
