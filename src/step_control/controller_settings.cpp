#include "kobie/step_control/controller_settings.hpp"

#include "kobie/core/errors.hpp"

namespace kobie {

ControllerKind parse_controller(const std::string& text) {
  if (text == "fixed") return ControllerKind::fixed;
  if (text == "i") return ControllerKind::i;
  if (text == "pi") return ControllerKind::pi;
  if (text == "pid") return ControllerKind::pid;
  if (text == "gustafsson") return ControllerKind::gustafsson;
  throw SettingsError("kobie: invalid value '" + text +
                      "' for setting 'controller': allowed values are fixed, i, pi, pid, gustafsson");
}

const char* to_string(ControllerKind kind) {
  switch (kind) {
    case ControllerKind::fixed:
      return "fixed";
    case ControllerKind::i:
      return "i";
    case ControllerKind::pi:
      return "pi";
    case ControllerKind::pid:
      return "pid";
    case ControllerKind::gustafsson:
      return "gustafsson";
  }
  return "?";
}

int controller_history_size(ControllerKind kind) {
  switch (kind) {
    case ControllerKind::fixed:
    case ControllerKind::i:
      return 0;
    case ControllerKind::pi:
      return 1;
    case ControllerKind::pid:
    case ControllerKind::gustafsson:
      return 2;
  }
  return 0;
}

}  // namespace kobie
