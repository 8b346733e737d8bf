#include "kobie/loop/output_settings.hpp"

#include <algorithm>
#include <cmath>

#include "kobie/loop/summary_metrics.hpp"

namespace kobie {

namespace {

const std::vector<std::string>& plain_outputs() {
  static const std::vector<std::string> names = {"state", "observables", "time", "counters"};
  return names;
}

/// `outputs`: the plain outputs and the summary metrics (peaks[N] with its count checked).
SettingKey<OutputSettings> outputs_key() {
  auto check_list = [](const std::vector<std::string>& items) {
    std::vector<std::string> all = plain_outputs();
    for (const auto& m : summary_metric_names()) all.push_back(m);
    for (const auto& item : items) {
      const bool plain = std::find(plain_outputs().begin(), plain_outputs().end(), item) != plain_outputs().end();
      if (!plain && !is_summary_metric(item)) {
        settings_text::bad_value("outputs", item, settings_text::allowed_values(item, all));
      }
    }
    parse_summary_request(items);  // counts of peaks[N], metrics listed twice
  };
  return SettingKey<OutputSettings>{"outputs",
                                    [check_list](OutputSettings& s, const std::string& text) {
                                      const std::vector<std::string> v = settings_text::split_list(text);
                                      check_list(v);
                                      s.outputs = v;
                                    },
                                    [](const OutputSettings& s) { return settings_text::join(s.outputs); },
                                    [check_list](const OutputSettings& s) { check_list(s.outputs); }};
}

bool finite_non_negative(double v) { return std::isfinite(v) && v >= 0; }

}  // namespace

const std::vector<SettingKey<OutputSettings>>& OutputSettings::keys() {
  using S = OutputSettings;
  namespace k = setting_keys;
  static const std::vector<SettingKey<S>> table = {
      outputs_key(),
      k::names<S>("saved_states", &S::saved_states),
      k::names<S>("saved_observables", &S::saved_observables),
      k::names<S>("summarised_states", &S::summarised_states),
      k::names<S>("summarised_observables", &S::summarised_observables),
      k::number<S>("summarise_every", &S::summarise_every, finite_non_negative,
                   "must be > 0, or 0 to summarise the whole duration as one window"),
      k::number<S>("sample_summaries_every", &S::sample_summaries_every, finite_non_negative,
                   "must be > 0 when a summary metric is requested (0: no summaries)"),
      k::boolean<S>("nan_on_failure", &S::nan_on_failure),
  };
  return table;
}

void OutputSettings::validate() const {
  setting_keys::check_all(*this);
  const SummaryRequest request = parse_summary_request(outputs);
  if (request.any() && !(sample_summaries_every > 0)) {
    settings_text::bad_value("sample_summaries_every", settings_text::format_number(sample_summaries_every),
                             "must be > 0 when summary metrics are requested (outputs = " +
                                 settings_text::join(outputs) + "): it is the interval between the samples they see");
  }
}

bool OutputSettings::wants(const std::string& output) const {
  return std::find(outputs.begin(), outputs.end(), output) != outputs.end();
}

}  // namespace kobie
