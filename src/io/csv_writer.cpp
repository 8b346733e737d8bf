#include "kobie/io/csv_writer.hpp"

#include <cstdio>
#include <memory>

#include "kobie/core/errors.hpp"

namespace kobie {

void write_csv(const std::string& path, const CsvTable& table) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!f) throw Error("kobie: cannot open '" + path + "' for writing");
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    std::fprintf(f.get(), "%s%s", i ? "," : "", table.header[i].c_str());
  }
  std::fprintf(f.get(), "\n");
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) std::fprintf(f.get(), "%s%.17g", i ? "," : "", row[i]);
    std::fprintf(f.get(), "\n");
  }
  if (std::ferror(f.get())) throw Error("kobie: writing '" + path + "' failed");
}

}  // namespace kobie
