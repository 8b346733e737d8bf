#include "kobie/io/grid_csv.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "kobie/core/errors.hpp"
#include "kobie/core/file_access.hpp"
#include "kobie/core/setting_key.hpp"

namespace kobie {

namespace {

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(settings_text::trim(line.substr(start, comma - start)));
    if (comma == std::string::npos) return fields;
    start = comma + 1;
  }
}

// True when all of `field` is a finite number, stored in `value`.
bool parse_finite(const std::string& field, double& value) {
  if (field.empty()) return false;
  char* end = nullptr;
  value = std::strtod(field.c_str(), &end);
  return *end == '\0' && std::isfinite(value);
}

}  // namespace

BatchGrid read_grid_csv(const std::string& path, const std::vector<std::string>& state_names,
                        const std::vector<std::string>& parameter_names, const NamedValues& defaults) {
  std::istringstream in(Impl::read_text_input(path, "grid file"));
  std::vector<std::string> valid = state_names;
  valid.insert(valid.end(), parameter_names.begin(), parameter_names.end());

  NamedValues columns;  // one list per header name, filled row by row
  int header_line = 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string text = settings_text::trim(line);
    if (text.empty() || text[0] == '#') continue;
    const auto where = [&] { return "kobie: grid file '" + path + "', line " + std::to_string(number) + ": "; };
    const auto fields = split_fields(text);
    if (header_line == 0) {
      header_line = number;
      double unused;
      if (std::all_of(fields.begin(), fields.end(), [&](const std::string& f) { return parse_finite(f, unused); })) {
        throw SettingsError(where() + "expected a header row naming the columns (" + settings_text::join(valid) +
                            "), got numbers");
      }
      for (const auto& name : fields) {
        if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
          throw SettingsError(where() + "unknown column " + settings_text::quote_input(name) + "; valid names: " +
                              settings_text::join(valid) + settings_text::did_you_mean(name, valid));
        }
        for (const auto& c : columns) {
          if (c.first == name) throw SettingsError(where() + "column '" + name + "' appears twice in the header");
        }
        columns.push_back({name, {}});
      }
      continue;
    }
    if (fields.size() != columns.size()) {
      throw SettingsError(where() + "expected " + std::to_string(columns.size()) + " fields (as in the header), got " +
                          std::to_string(fields.size()));
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      double value;
      if (!parse_finite(fields[i], value)) {
        throw SettingsError(where() + "the value " + settings_text::quote_input(fields[i]) + " of column '" +
                            columns[i].first + "' is not a finite number");
      }
      columns[i].second.push_back(value);
    }
  }
  if (header_line == 0) throw SettingsError("kobie: grid file '" + path + "' is empty (no header row)");
  if (columns.front().second.empty()) {
    throw SettingsError("kobie: grid file '" + path + "' has a header (line " + std::to_string(header_line) +
                        ") but no rows");
  }
  for (const auto& name : valid) {
    const auto named = [&](const auto& nv) { return nv.first == name; };
    if (std::none_of(columns.begin(), columns.end(), named) && std::none_of(defaults.begin(), defaults.end(), named)) {
      throw SettingsError("kobie: grid file '" + path + "', line " + std::to_string(header_line) + ": '" + name +
                          "' has neither a column nor a default; add a column or give it a default");
    }
  }
  return make_grid(GridKind::verbatim, state_names, parameter_names, columns, defaults);
}

}  // namespace kobie
