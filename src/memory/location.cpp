#include "kobie/memory/location.hpp"

#include "kobie/core/errors.hpp"
#include "kobie/core/setting_key.hpp"

namespace kobie {

Location parse_location(const std::string& text, const std::string& setting) {
  if (text == "local") return Location::local;
  if (text == "shared") return Location::shared;
  if (text == "scratch") return Location::scratch;
  settings_text::bad_value(setting, text,
                           "allowed values are 'local' (thread-private), 'shared' (team scratch level 0) and 'scratch' "
                           "(team scratch level 1)" +
                               settings_text::did_you_mean(text, {"local", "shared", "scratch"}));
}

const char* to_string(Location location) {
  switch (location) {
    case Location::local:
      return "local";
    case Location::shared:
      return "shared";
    case Location::scratch:
      return "scratch";
  }
  return "?";
}

const char* to_string(DType dtype) {
  switch (dtype) {
    case DType::real:
      return "real";
    case DType::float32:
      return "float32";
    case DType::float64:
      return "float64";
    case DType::int32:
      return "int32";
  }
  return "?";
}

std::size_t size_of(DType dtype) {
  switch (dtype) {
    case DType::float32:
      return 4;
    case DType::float64:
      return 8;
    case DType::int32:
      return 4;
    case DType::real:
      return 0;
  }
  return 0;
}

}  // namespace kobie
