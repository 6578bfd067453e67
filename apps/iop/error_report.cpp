#include "error_report.hpp"

#include "iop/database.hpp"
#include "iop/errors.hpp"
#include "suggest.hpp"
#include "terminal.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <iostream>

namespace iop::app {

void print_error(const std::string& message, const std::string& hint) {
  const bool color = use_color(stderr);
  std::cerr << red("iop: error: ", color) << message << '\n';
  if (!hint.empty()) {
    std::cerr << "hint: " << hint << '\n';
  }
}

namespace {

int report(int code, const iop::Error& e) {
  print_error(e.what(), e.hint());
  return code;
}

// SQLite's own words stay out of the message: they name no file and no remedy ("disk I/O error").
// Write failures inside a transaction are rolled back by SQLite, hence "nothing was changed".
int report_sqlite(const SQLite::Exception& e) {
  const int extended = e.getExtendedErrorCode();
  const int primary = e.getErrorCode() & 0xFF;
  if (is_busy_code(e.getErrorCode())) {
    print_error("the database is locked by another iop process",
                "nothing was changed; it is safe to run the command again");
    return exit_code::busy;
  }
  switch (primary) {
  case SQLITE_CONSTRAINT:
    print_error(std::string("the database refused the change: ") + e.what(), "nothing was changed");
    return exit_code::conflict;
  case SQLITE_FULL:
    print_error("the disk is full: the database could not grow",
                "nothing was changed; free some space and run the command again");
    return exit_code::internal;
  case SQLITE_IOERR:
    if (extended == SQLITE_IOERR_READ || extended == SQLITE_IOERR_SHORT_READ) {
      print_error("the database file could not be read (the disk reported an error)",
                  "iop changed nothing; check the disk, and restore from a backup if this persists");
    } else {
      // A write cut short: EFBIG (the file-size limit) and EIO come here; ENOSPC is SQLITE_FULL.
      print_error("the database file could not be written: the disk is full, the file reached its size limit, "
                  "or the disk failed",
                  "nothing was changed; free some space (df -h shows it) and run the command again");
    }
    return exit_code::internal;
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_AUTH:
    print_error("the database is read-only for this user: iop cannot save changes to it",
                "nothing was changed; make the file and its folder writable (iop keeps its -wal and -shm files "
                "beside it), or point --db at a writable copy");
    return exit_code::internal;
  case SQLITE_CANTOPEN:
    print_error("the database file cannot be opened",
                "check that the file and its folder exist and are readable and writable by this user, "
                "or point --db at another file");
    return exit_code::internal;
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
    print_error(std::string("the database file is damaged or is not an iop database: ") + e.what(),
                "restore it from a backup; iop changed nothing");
    return exit_code::internal;
  default:
    print_error(std::string("database error: ") + e.what(), "nothing was changed; please report this");
    return exit_code::internal;
  }
}

} // namespace

int report_error(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const Invalid& e) {
    return report(exit_code::usage, e);
  } catch (const NotFound& e) {
    return report(exit_code::not_found, e);
  } catch (const Conflict& e) {
    return report(exit_code::conflict, e);
  } catch (const Busy& e) {
    return report(exit_code::busy, e);
  } catch (const ConfigError& e) {
    return report(exit_code::config, e);
  } catch (const Error& e) {
    return report(exit_code::internal, e);
  } catch (const SQLite::Exception& e) {
    return report_sqlite(e);
  } catch (const std::bad_alloc&) {
    print_error("out of memory", "nothing was changed");
    return exit_code::internal;
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what(), "nothing was changed; please report this");
    return exit_code::internal;
  } catch (...) {
    print_error("internal error", "nothing was changed; please report this");
    return exit_code::internal;
  }
}

namespace {

// The deepest subcommand the parser reached: where an unexpected word was typed.
CLI::App* deepest(CLI::App& app) {
  CLI::App* current = &app;
  for (;;) {
    const auto subs = current->get_subcommands();
    if (subs.empty()) {
      return current;
    }
    current = subs.front();
  }
}

std::string command_path(const CLI::App* app) {
  std::string path;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    path = a->get_name() + (path.empty() ? "" : " " + path);
  }
  return path;
}

std::vector<std::string> verb_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) { // hidden ones (__complete) are never suggested
      names.push_back(sub->get_name());
    }
  }
  return names;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    out += (out.empty() ? "" : ", ") + n;
  }
  return out;
}

} // namespace

int report_parse_error(CLI::App& app, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::Success*>(&error) != nullptr) {
    return app.exit(error); // --help, --version
  }
  CLI::App* at = deepest(app);
  const std::string path = command_path(at);
  const auto verbs = verb_names(at);
  if (const auto* extras = dynamic_cast<const CLI::ExtrasError*>(&error); extras && !verbs.empty()) {
    // "The following argument was not expected: clinet" -> suggest the closest noun or verb.
    const auto remaining = at->remaining();
    const std::string word = remaining.empty() ? std::string() : remaining.front();
    const std::string what = at == &app ? "command" : "verb for '" + path + "'";
    if (!word.empty() && word[0] != '-') {
      const auto close = closest_words(word, verbs);
      print_error("unknown " + what + " '" + word + "'", close.empty() ? path + " --help lists them: " + joined(verbs)
                                                                       : "did you mean '" + joined(close) + "'?");
      return exit_code::usage;
    }
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && !verbs.empty() &&
      std::string(error.what()).find("subcommand") != std::string::npos) {
    // `iop clinician ad`: the unknown word falls through to the root before the noun's
    // "needs a verb" check fires, so look for it there and suggest the closest verb.
    for (const std::string& word : app.remaining(true)) {
      if (!word.empty() && word[0] != '-') {
        const auto close = closest_words(word, verbs);
        print_error("unknown verb for '" + path + "' '" + word + "'",
                    close.empty() ? path + " --help lists them: " + joined(verbs)
                                  : "did you mean '" + joined(close) + "'?");
        return exit_code::usage;
      }
    }
    print_error("'" + path + "' needs a verb: " + joined(verbs), path + " --help describes each");
    return exit_code::usage;
  }
  print_error(error.what(), path + " --help shows the options");
  return exit_code::usage;
}

} // namespace iop::app
