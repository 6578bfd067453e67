// "Now" is injected so that tests can fix it (IOP_NOW in the app, FixedClock in unit tests).
#pragma once

#include <chrono>

namespace iop {

using Instant = std::chrono::sys_seconds;

class Clock {
public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
public:
  Instant now() const override;
};

class FixedClock final : public Clock {
public:
  explicit FixedClock(Instant at) : m_at(at) {}
  Instant now() const override { return m_at; }

private:
  Instant m_at;
};

} // namespace iop
