#pragma once
// Recent runs (product.md §2 "Runs"): the run folders loaded or saved last, most recent first,
// at most kMax, kept in QSettings under "runs/recent". Shown by the start page and
// File → Recent runs.
#include <QString>
#include <QStringList>

namespace emergence::app {

class RecentRuns {
 public:
  static constexpr int kMax = 10;
  static QStringList list();               // most recent first
  static void add(const QString& folder);  // absolute, cleaned; moved to the front; list trimmed
  static void remove(const QString& folder);
  static void clear();
};

}  // namespace emergence::app
