/// \file
/// \brief Settings as text: one SettingKey per setting of a component's settings struct (parse, check, print), and the
/// text helpers every component's key table uses.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kobie {

/// \brief One setting of the settings struct S: its name, how to set it from text, how to print it and how to check a
/// value that was stored directly in the struct.
///
/// `set` parses the text, checks the single value and stores it; a bad value throws SettingsError naming the setting,
/// the text as written and what is allowed. Conditions between several settings are checked by S::validate().
template <class S>
struct SettingKey {
  std::string name;
  std::function<void(S&, const std::string&)> set;
  std::function<std::string(const S&)> get;
  std::function<void(const S&)> check;
};

/// \brief Parsing, printing and messages shared by every settings table.
namespace settings_text {

/// \brief Without leading and trailing blanks.
std::string trim(const std::string& text);
/// \brief The shortest text that reads back as exactly `value` ("1e-6", "0.1", "inf").
std::string format_number(double value);
/// \brief Items of a comma-separated list, trimmed, empty items dropped.
std::vector<std::string> split_list(const std::string& text);
/// \brief "a, b, c".
std::string join(const std::vector<std::string>& items);
/// \brief A user's value or a file's content as an error message echoes it: in single quotes, bytes outside printable
/// ASCII written as \\xNN, and cut after `max_chars` characters with "...' (N bytes)" when longer.
///
/// Every message that quotes what a user wrote (setting values, settings-file lines, grid fields and column names,
/// .npy headers) goes through this, so a 1 MiB field or binary garbage gives a short, readable message.
std::string quote_input(std::string_view text, std::size_t max_chars = 80);
/// \brief Throws SettingsError: "kobie: invalid value '<text>' for setting '<key>': <allowed>" (text as quote_input).
[[noreturn]] void bad_value(const std::string& key, const std::string& text, const std::string& allowed);
/// \brief A number ("inf" allowed); SettingsError otherwise.
double parse_number(const std::string& key, const std::string& text);
/// \brief An integer in [lo, hi]: digits, or a number that is exactly a whole number ("1e5", "1.0e7", "100000.0").
/// SettingsError naming the range for anything else (fractions, values out of range: nothing wraps).
long long parse_integer(const std::string& key, const std::string& text, long long lo, long long hi);
/// \brief "expected an integer in [lo, hi]".
std::string integer_range(long long lo, long long hi);
/// \brief true/false, 1/0, yes/no, on/off; SettingsError otherwise.
bool parse_bool(const std::string& key, const std::string& text);
/// \brief The candidate closest to `word` (edit distance), or "" when none is close enough to be a likely typo.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);
/// \brief " (did you mean 'x'?)" for the closest candidate, or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
/// \brief What to say of a value that is not one of `names`: the likely fix first, then the list ("did you mean 'x'?
/// allowed values are a, b, c"; without a close candidate only the list).
std::string allowed_values(const std::string& word, const std::vector<std::string>& names);

}  // namespace settings_text

/// \brief Builders of SettingKey for the usual kinds of setting. `allowed` completes "must ..." messages.
namespace setting_keys {

/// \brief A number stored in `S::*member`; `ok(value)` decides, `allowed` says what is allowed ("must be > 0").
template <class S>
SettingKey<S> number(const char* name, double S::*member, bool (*ok)(double), const char* allowed) {
  auto check_value = [name, ok, allowed](double v, const std::string& text) {
    if (!ok(v)) settings_text::bad_value(name, text, allowed);
  };
  return SettingKey<S>{
      name,
      [member, check_value, name](S& s, const std::string& text) {
        const double v = settings_text::parse_number(name, text);
        check_value(v, settings_text::trim(text));
        s.*member = v;
      },
      [member](const S& s) { return settings_text::format_number(s.*member); },
      [member, check_value](const S& s) { check_value(s.*member, settings_text::format_number(s.*member)); }};
}

/// \brief One number, or one per state: a comma-separated list whose every value passes `ok`.
template <class S>
SettingKey<S> numbers(const char* name, std::vector<double> S::*member, bool (*ok)(double), const char* allowed) {
  auto check_list = [name, ok, allowed](const std::vector<double>& v) {
    if (v.empty()) settings_text::bad_value(name, "", "expected one number or a comma-separated list");
    for (double x : v) {
      if (!ok(x)) settings_text::bad_value(name, settings_text::format_number(x), allowed);
    }
  };
  return SettingKey<S>{name,
                       [member, name, ok, allowed](S& s, const std::string& text) {
                         std::vector<double> v;
                         for (const auto& item : settings_text::split_list(text)) {
                           const double x = settings_text::parse_number(name, item);
                           if (!ok(x)) settings_text::bad_value(name, item, allowed);
                           v.push_back(x);
                         }
                         if (v.empty()) {
                           settings_text::bad_value(name, text, "expected one number or a comma-separated list");
                         }
                         s.*member = v;
                       },
                       [member](const S& s) {
                         std::vector<std::string> items;
                         for (double x : s.*member) items.push_back(settings_text::format_number(x));
                         return settings_text::join(items);
                       },
                       [member, check_list](const S& s) { check_list(s.*member); }};
}

/// \brief An integer in [lo, hi] stored in an int or long long member.
///
/// Integral values may be written as numbers ("1e5"); see settings_text::parse_integer.
template <class S, class Int>
SettingKey<S> integer(const char* name, Int S::*member, long long lo, long long hi) {
  auto check_value = [name, lo, hi](long long v, const std::string& text) {
    if (v < lo || v > hi) settings_text::bad_value(name, text, settings_text::integer_range(lo, hi));
  };
  return SettingKey<S>{
      name,
      [member, name, lo, hi](S& s, const std::string& text) {
        s.*member = static_cast<Int>(settings_text::parse_integer(name, text, lo, hi));
      },
      [member](const S& s) { return std::to_string(s.*member); },
      [member, check_value](const S& s) { check_value(static_cast<long long>(s.*member), std::to_string(s.*member)); }};
}

/// \brief true or false.
template <class S>
SettingKey<S> boolean(const char* name, bool S::*member) {
  return SettingKey<S>{
      name, [member, name](S& s, const std::string& text) { s.*member = settings_text::parse_bool(name, text); },
      [member](const S& s) { return std::string(s.*member ? "true" : "false"); }, [](const S&) {}};
}

/// \brief One of the names `allowed()` lists; a typo gets the closest suggested.
template <class S>
SettingKey<S> choice(const char* name, std::string S::*member, std::function<std::vector<std::string>()> allowed) {
  auto check_value = [name, allowed](const std::string& v) {
    const std::vector<std::string> names = allowed();
    for (const auto& a : names) {
      if (a == v) return;
    }
    settings_text::bad_value(name, v, settings_text::allowed_values(v, names));
  };
  return SettingKey<S>{name,
                       [member, check_value](S& s, const std::string& text) {
                         const std::string v = settings_text::trim(text);
                         check_value(v);
                         s.*member = v;
                       },
                       [member](const S& s) { return s.*member; },
                       [member, check_value](const S& s) { check_value(s.*member); }};
}

/// \brief A comma-separated list of names, each one of `allowed()`.
template <class S>
SettingKey<S> choices(const char* name, std::vector<std::string> S::*member,
                      std::function<std::vector<std::string>()> allowed) {
  auto check_list = [name, allowed](const std::vector<std::string>& v) {
    const std::vector<std::string> names = allowed();
    for (const auto& item : v) {
      bool found = false;
      for (const auto& a : names) found = found || a == item;
      if (!found) {
        settings_text::bad_value(name, item, settings_text::allowed_values(item, names));
      }
    }
  };
  return SettingKey<S>{name,
                       [member, check_list](S& s, const std::string& text) {
                         const std::vector<std::string> v = settings_text::split_list(text);
                         check_list(v);
                         s.*member = v;
                       },
                       [member](const S& s) { return settings_text::join(s.*member); },
                       [member, check_list](const S& s) { check_list(s.*member); }};
}

/// \brief A comma-separated list of free names (checked later against the System, e.g. saved_states).
template <class S>
SettingKey<S> names(const char* name, std::vector<std::string> S::*member) {
  return SettingKey<S>{name, [member](S& s, const std::string& text) { s.*member = settings_text::split_list(text); },
                       [member](const S& s) { return settings_text::join(s.*member); }, [](const S&) {}};
}

/// \brief Runs every key's check on a settings struct (values may have been stored without set()).
template <class S>
void check_all(const S& s) {
  for (const auto& key : S::keys()) key.check(s);
}

}  // namespace setting_keys

}  // namespace kobie
