#pragma once

#include "expectation_check.h"

#include <QDialog>
#include <QStringList>

class QPlainTextEdit;

namespace orderlab {

/**
 * A failed expectation side by side (docs/scenarios.md, "In the window"): expected on the left,
 * actual on the right, each pretty-printed with sorted keys (scenario::prettyJson); the lines that
 * differ (a line diff of the two texts) and the lines of the differing keys are highlighted, the
 * differing JSON paths listed above and the line diff (scenario::lineDiff) below. GUI thread.
 */
class JsonDiffDialog : public QDialog
{
    Q_OBJECT
  public:
    explicit JsonDiffDialog(const scenario::ExpectationResult &result, QWidget *parent = nullptr);

    /// The highlighted lines of each side, as shown (for tests and tooltips).
    QStringList highlightedExpected() const { return m_expectedLines; }
    QStringList highlightedActual() const { return m_actualLines; }

  private:
    QStringList m_expectedLines;
    QStringList m_actualLines;
};

} // namespace orderlab
