// oxidize: parse the command line, run one command, map failures to exit
// codes (0 ok, 1 gate failed, 2 usage or input error). Everything else lives
// in the stage folders beside this file.
#include <csignal>
#include <exception>
#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/cli/usage.hpp"
#include "oxidize/version.hpp"

int main(int argc, char** argv) {
  // A closed pipe ends output quietly (util::Output sees EPIPE) instead of killing us.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"oxidize: a memory safety roadmap for C and C++ codebases", "oxidize"};
  app.set_version_flag("--version", oxidize::k_version);
  app.require_subcommand(1);
  app.footer("Run 'oxidize COMMAND --help' for a command's options and examples.");
  // Each command's runner returns -1 when its subcommand was not the one given.
  const std::vector<std::function<int()>> commands = {oxidize::cli::add_scan_command(app),
                                                      oxidize::cli::add_functions_command(app),
                                                      oxidize::cli::add_hazards_command(app),
                                                      oxidize::cli::add_snapshots_command(app),
                                                      oxidize::cli::add_diff_command(app),
                                                      oxidize::cli::add_history_command(app),
                                                      oxidize::cli::add_components_command(app),
                                                      oxidize::cli::add_hotspots_command(app),
                                                      oxidize::cli::add_deps_command(app),
                                                      oxidize::cli::add_graph_command(app),
                                                      oxidize::cli::add_ffi_command(app),
                                                      oxidize::cli::add_plan_command(app)};
  oxidize::cli::add_color_option(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    oxidize::cli::print_error(oxidize::cli::usage_error_line(app, e));
    return 2;
  }
  try {
    for (const auto& command : commands) {
      const int rc = command();
      if (rc >= 0) return rc;
    }
    return 2;
  } catch (const std::exception& e) {
    oxidize::cli::print_error(e.what());
    return 2;
  }
}
