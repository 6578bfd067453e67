// How long library work reports its progress without knowing about terminals: the caller passes
// a callback (the app draws a bar on a TTY; tests and scripts pass nothing).
#pragma once

#include <cstddef>
#include <functional>

namespace iop {

// Called with the items done so far and the total (0 when the total is not known yet).
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

} // namespace iop
