#include "kobie/core/setting_key.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <sstream>

#include "kobie/core/errors.hpp"

namespace kobie {
namespace settings_text {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  // "1e-06" -> "1e-6", "1e+20" -> "1e+20" minus leading zeros of the exponent.
  std::string text = buffer;
  const auto e = text.find('e');
  if (e != std::string::npos) {
    std::string mantissa = text.substr(0, e);
    std::string exponent = text.substr(e + 1);
    const char sign = exponent[0];
    std::string digits = exponent.substr(1);
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
    text = mantissa + "e" + (sign == '-' ? "-" : "") + digits;
  }
  return text;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string quote_input(std::string_view text, std::size_t max_chars) {
  std::string out = "'";
  std::size_t used = 0;  // bytes of `text` written so far
  for (; used < text.size(); ++used) {
    const auto byte = static_cast<unsigned char>(text[used]);
    char escaped[5] = {static_cast<char>(byte), '\0'};
    if (byte < 0x20 || byte > 0x7e) std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(byte));
    if (out.size() - 1 + std::strlen(escaped) > max_chars) break;
    out += escaped;
  }
  if (used == text.size()) return out + "'";
  return out + "...' (" + std::to_string(text.size()) + " bytes)";
}

void bad_value(const std::string& key, const std::string& text, const std::string& allowed) {
  throw SettingsError("kobie: invalid value " + quote_input(text) + " for setting '" + key + "': " + allowed);
}

double parse_number(const std::string& key, const std::string& text) {
  const std::string t = trim(text);
  if (t == "inf" || t == "+inf" || t == "infinity") return std::numeric_limits<double>::infinity();
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || errno == ERANGE) bad_value(key, t, "expected a number");
  return v;
}

std::string integer_range(long long lo, long long hi) {
  return "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

long long parse_integer(const std::string& key, const std::string& text, long long lo, long long hi) {
  const std::string t = trim(text);
  const char* const begin = t.c_str();
  const char* const end_of_text = begin + t.size();
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(begin, &end, 10);
  bool ok = !t.empty() && end == end_of_text && errno != ERANGE;
  if (!ok && !t.empty() && t.find_first_not_of("0123456789+-.eE") == std::string::npos) {
    // Written as a number ("1e5", "100000.0"): accepted when exactly whole and inside [lo, hi], which is checked in
    // double before converting (nothing wraps).
    errno = 0;
    const double d = std::strtod(begin, &end);
    ok = end == end_of_text && errno != ERANGE && std::isfinite(d) && d == std::trunc(d) &&
         d >= static_cast<double>(lo) && d <= static_cast<double>(hi) && std::abs(d) < 9.2e18;
    if (ok) v = static_cast<long long>(d);
  }
  if (!ok || v < lo || v > hi) bad_value(key, t, integer_range(lo, hi));
  return v;
}

bool parse_bool(const std::string& key, const std::string& text) {
  const std::string t = trim(text);
  if (t == "true" || t == "1" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "0" || t == "no" || t == "off") return false;
  bad_value(key, t, "expected true or false");
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: skip what cannot be a typo (and a 1 MiB word stays cheap).
    const std::size_t gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (gap > std::max<std::size_t>(1, std::max(word.size(), c.size()) / 3)) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // A likely typo: at most a third of the word changed (and at least one edit allowed).
  const std::size_t limit = std::max<std::size_t>(1, std::max(word.size(), best.size()) / 3);
  return best_distance <= limit ? best : std::string();
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string c = closest(word, candidates);
  return c.empty() ? std::string() : " (did you mean '" + c + "'?)";
}

std::string allowed_values(const std::string& word, const std::vector<std::string>& names) {
  const std::string c = closest(word, names);
  return (c.empty() ? std::string() : "did you mean '" + c + "'? ") + "allowed values are " + join(names);
}

}  // namespace settings_text
}  // namespace kobie
