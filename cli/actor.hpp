// Who the audit log names for a change made from the command line: the
// Unix user running `lyssna` ("cli:<name>", else "cli:uid <n>").
#pragma once

#include "app/audit.hpp"

namespace lyssna::cli {

app::Actor command_line_actor();

}  // namespace lyssna::cli
