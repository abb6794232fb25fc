#include "json_diff_dialog.h"

#include "json_compare.h"
#include "text_diff.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

#include <vector>

namespace orderlab {

namespace {
/// Which lines of `a` and of `b` are outside their longest common subsequence.
void changedLines(const QStringList &a, const QStringList &b, std::vector<bool> &inA, std::vector<bool> &inB)
{
    const auto n = static_cast<std::size_t>(a.size()), m = static_cast<std::size_t>(b.size());
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] =
                a[qsizetype(i)] == b[qsizetype(j)] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    inA.assign(n, true);
    inB.assign(m, true);
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (a[qsizetype(i)] == b[qsizetype(j)]) {
            inA[i++] = false;
            inB[j++] = false;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
}

/// The last key of a JSON path ($.items[0].price -> "price"), or empty.
QString lastKey(const std::string &path)
{
    QString p = QString::fromStdString(path).section(QLatin1Char(' '), 0, 0);
    while (p.endsWith(QLatin1Char(']')) && !p.endsWith(QLatin1String("\"]")))
        p = p.left(p.lastIndexOf(QLatin1Char('[')));
    if (p.endsWith(QLatin1String("\"]")))
        return p.mid(p.lastIndexOf(QLatin1String("[\"")) + 2).chopped(2);
    const int dot = p.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : p.mid(dot + 1);
}

QStringList highlight(QPlainTextEdit *edit, const std::vector<bool> &changed, const QStringList &keys)
{
    QList<QTextEdit::ExtraSelection> selections;
    QStringList lines;
    QTextBlock block = edit->document()->firstBlock();
    for (std::size_t i = 0; block.isValid(); block = block.next(), ++i) {
        const QString text = block.text();
        bool on = i < changed.size() && changed[i];
        for (const QString &k : keys)
            on = on || text.trimmed().startsWith(QLatin1Char('"') + k + QLatin1String("\":"));
        if (!on)
            continue;
        QTextEdit::ExtraSelection s;
        s.format.setBackground(QColor(255, 220, 160));
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        s.cursor = QTextCursor(block);
        selections << s;
        lines << text;
    }
    edit->setExtraSelections(selections);
    return lines;
}
} // namespace

JsonDiffDialog::JsonDiffDialog(const scenario::ExpectationResult &result, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("jsonDiffDialog"));
    setWindowTitle(tr("Expected and actual"));
    const std::string expectedText = scenario::prettyJson(result.expected);
    const std::string actualText = scenario::prettyJson(result.actual);
    auto *title = new QLabel(QString::fromStdString(result.place.text() + ": " + result.description), this);
    title->setWordWrap(true);
    QString paths;
    for (const auto &p : result.differing)
        paths += (paths.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(p);
    auto *why = new QLabel(QString::fromStdString(result.message) +
                               (paths.isEmpty() ? QString() : tr(" — differing: %1").arg(paths)),
                           this);
    why->setObjectName(QStringLiteral("diffPaths"));
    why->setWordWrap(true);
    auto side = [this](const QString &name, const std::string &text) {
        auto *edit = new QPlainTextEdit(QString::fromStdString(text), this);
        edit->setObjectName(name);
        edit->setReadOnly(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(QFont(QStringLiteral("monospace")));
        return edit;
    };
    QPlainTextEdit *expected = side(QStringLiteral("diffExpected"), expectedText);
    QPlainTextEdit *actual = side(QStringLiteral("diffActual"), actualText);
    std::vector<bool> inExpected, inActual;
    changedLines(QString::fromStdString(expectedText).split(QLatin1Char('\n')),
                 QString::fromStdString(actualText).split(QLatin1Char('\n')), inExpected, inActual);
    QStringList keys;
    for (const auto &p : result.differing)
        if (const QString k = lastKey(p); !k.isEmpty())
            keys << k;
    m_expectedLines = highlight(expected, inExpected, keys);
    m_actualLines = highlight(actual, inActual, keys);
    auto *unified = side(QStringLiteral("diffLines"), scenario::lineDiff(expectedText + "\n", actualText + "\n"));
    unified->setMaximumHeight(160);

    auto *sides = new QHBoxLayout;
    auto column = [](const QString &heading, QWidget *w) {
        auto *l = new QVBoxLayout;
        l->addWidget(new QLabel(heading));
        l->addWidget(w);
        return l;
    };
    sides->addLayout(column(tr("Expected"), expected));
    sides->addLayout(column(tr("Actual"), actual));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(why);
    layout->addLayout(sides, 1);
    layout->addWidget(unified);
    layout->addWidget(buttons);
    resize(900, 600);
}

} // namespace orderlab
