#include "kobie/io/csv_writer.hpp"

#include <utility>

#include "kobie/core/errors.hpp"
#include "kobie/core/file_access.hpp"

namespace kobie {

CsvWriter::CsvWriter(const std::string& path, const std::vector<std::string>& header, std::vector<int> digits)
    : path_(path), digits_(std::move(digits)), file_(Impl::open_for_writing(path, "w")) {
  for (std::size_t i = 0; i < header.size(); ++i) std::fprintf(file_.get(), "%s%s", i ? "," : "", header[i].c_str());
  std::fprintf(file_.get(), "\n");
}

void CsvWriter::row(const std::vector<double>& values) {
  if (!file_) throw Error("kobie: '" + path_ + "' was already closed");
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::fprintf(file_.get(), "%s%.*g", i ? "," : "", i < digits_.size() ? digits_[i] : 17, values[i]);
  }
  std::fprintf(file_.get(), "\n");
}

void CsvWriter::close() {
  if (!file_) return;
  const bool failed = std::ferror(file_.get()) != 0;
  if (std::fclose(file_.release()) != 0 || failed) throw Error("kobie: writing '" + path_ + "' failed");
}

void write_csv(const std::string& path, const CsvTable& table) {
  CsvWriter out(path, table.header, table.digits);
  for (const auto& row : table.rows) out.row(row);
  out.close();
}

}  // namespace kobie
