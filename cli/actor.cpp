// The command line's actor (see actor.hpp).
#include "cli/actor.hpp"

#include <pwd.h>
#include <unistd.h>

#include <string>

namespace lyssna::cli {

app::Actor command_line_actor() {
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) {
    return app::Actor::command_line(pw->pw_name);
  }
  return app::Actor::command_line("uid " + std::to_string(geteuid()));
}

}  // namespace lyssna::cli
