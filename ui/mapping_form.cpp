#include "mapping_form.h"

#include "confirmation.h"
#include "emulator_controller.h"
#include "mapping/mapping_config.h"
#include "saying_spin_box.h"
#include "stream/view_type.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace orderlab {

namespace {
struct NoteRule
{
    const char *prefix; ///< the start of a validation error or warning
    const char *note;   ///< the note label it belongs under
};
// Where each of MappingConfig's messages applies.
const NoteRule kRules[] = {
    {"BatchSize", "batchSizeNote"},
    {"MaximumBatchingWindowInSeconds", "windowNote"},
    {"MaximumRetryAttempts and MaximumRecordAgeInSeconds", "retriesNote"},
    {"MaximumRetryAttempts", "retriesNote"},
    {"MaximumRecordAgeInSeconds", "recordAgeNote"},
    {"ParallelizationFactor", "parallelNote"},
    {"FunctionResponseTypes", "reportNote"},
    {"the stream view type", "viewTypeNote"},
    {"StartingPosition", "startNote"},
    {"FilterCriteria", "filtersNote"},
};
} // namespace

MappingForm::MappingForm(EmulatorController &controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_batchSize(new SayingIntSpinBox(this)),
      m_window(new SayingIntSpinBox(this)), m_retries(new SayingIntSpinBox(this)),
      m_recordAge(new SayingIntSpinBox(this)), m_bisect(new QCheckBox(tr("split a failing batch in two"), this)),
      m_parallel(new SayingIntSpinBox(this)), m_report(new QCheckBox(tr("ReportBatchItemFailures"), this)),
      m_viewType(new QComboBox(this)), m_start(new QComboBox(this)), m_filters(new QPlainTextEdit(this)),
      m_result(new QLabel(this)), m_apply(new QPushButton(tr("Apply"), this))
{
    setObjectName(QStringLiteral("mappingForm"));
    m_confirm = new Confirmation(this);
    // Ranges wider than AWS allows, so an out-of-range value shows its error in place.
    m_batchSize->setRange(0, 20000);
    m_batchSize->setObjectName(QStringLiteral("batchSize"));
    m_window->setRange(0, 1000);
    m_window->setSuffix(tr(" s"));
    m_retries->setRange(-1, 20000);
    m_retries->setSpecialValueText(tr("-1 (until the record leaves the stream)"));
    m_retries->setObjectName(QStringLiteral("retries"));
    m_recordAge->setRange(-1, 1000000);
    m_recordAge->setSpecialValueText(tr("-1 (no limit)"));
    m_recordAge->setSuffix(tr(" s"));
    m_recordAge->setObjectName(QStringLiteral("recordAge"));
    m_parallel->setRange(0, 20);
    m_parallel->setObjectName(QStringLiteral("parallelization"));
    // A number beyond even these ranges is brought into them, and the form says so (issue 12, item 12).
    auto say = [this](const QString &sentence) {
        m_result->setStyleSheet(QStringLiteral("color: #b00020"));
        m_result->setText(sentence);
    };
    const std::pair<QSpinBox *, QString> named[] = {{m_batchSize, tr("Batch size")},
                                                    {m_window, tr("Batching window")},
                                                    {m_retries, tr("Maximum retries")},
                                                    {m_recordAge, tr("Maximum record age")},
                                                    {m_parallel, tr("Parallelization")}};
    for (const auto &[box, name] : named)
        static_cast<SayingIntSpinBox *>(box)->sayClampsTo(name, say);
    m_report->setObjectName(QStringLiteral("reportBatchItemFailures"));
    m_viewType->addItems({QStringLiteral("NEW_AND_OLD_IMAGES"), QStringLiteral("NEW_IMAGE"),
                          QStringLiteral("OLD_IMAGE"), QStringLiteral("KEYS_ONLY")});
    m_viewType->setObjectName(QStringLiteral("viewType"));
    m_start->addItems({QStringLiteral("TRIM_HORIZON"), QStringLiteral("LATEST")});
    m_filters->setPlaceholderText(tr("one FilterCriteria pattern (JSON) per line, e.g. {\"eventName\":[\"INSERT\"]}"));
    m_filters->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_filters->setMaximumHeight(70);
    m_result->setWordWrap(true);
    m_result->setObjectName(QStringLiteral("mappingResult"));

    auto *form = new QFormLayout;
    auto row = [&](const QString &label, QWidget *field, const char *note) {
        auto *box = new QVBoxLayout;
        box->setSpacing(1);
        box->addWidget(field);
        box->addWidget(noteLabel(QString::fromLatin1(note)));
        form->addRow(label, box);
    };
    row(tr("Batch size"), m_batchSize, "batchSizeNote");
    row(tr("Batching window"), m_window, "windowNote");
    row(tr("Maximum retries"), m_retries, "retriesNote");
    row(tr("Maximum record age"), m_recordAge, "recordAgeNote");
    row(tr("Bisect on error"), m_bisect, "bisectNote");
    row(tr("Parallelization"), m_parallel, "parallelNote");
    row(tr("Response types"), m_report, "reportNote");
    row(tr("Stream view type"), m_viewType, "viewTypeNote");
    row(tr("Starting position"), m_start, "startNote");
    row(tr("Filters"), m_filters, "filtersNote");

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_apply);
    layout->addWidget(m_result);
    layout->addStretch(1);

    for (QSpinBox *s : {m_batchSize, m_window, m_retries, m_recordAge, m_parallel})
        connect(s, &QSpinBox::valueChanged, this, &MappingForm::refresh);
    for (QCheckBox *c : {m_bisect, m_report})
        connect(c, &QCheckBox::toggled, this, &MappingForm::refresh);
    for (QComboBox *c : {m_viewType, m_start})
        connect(c, &QComboBox::currentIndexChanged, this, &MappingForm::refresh);
    connect(m_filters, &QPlainTextEdit::textChanged, this, &MappingForm::refresh);
    connect(m_apply, &QPushButton::clicked, this, &MappingForm::askApply);
    load();
}

QLabel *MappingForm::noteLabel(const QString &name)
{
    auto *label = new QLabel(this);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setVisible(false);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes << label;
    return label;
}

QString MappingForm::note(const QString &field) const
{
    for (const QLabel *l : m_notes)
        if (l->objectName() == field)
            return l->text();
    return {};
}

void MappingForm::load()
{
    const MappingConfig c = m_controller.emulator().mappingConfig();
    m_loading = true;
    m_batchSize->setValue(c.batchSize);
    m_window->setValue(c.maximumBatchingWindowSeconds);
    m_retries->setValue(c.maximumRetryAttempts);
    m_recordAge->setValue(c.maximumRecordAgeSeconds);
    m_bisect->setChecked(c.bisectBatchOnFunctionError);
    m_parallel->setValue(c.parallelizationFactor);
    m_report->setChecked(c.reportBatchItemFailures);
    m_viewType->setCurrentText(m_controller.emulator().settings().viewType);
    m_start->setCurrentIndex(c.startingPosition == MappingConfig::StartingPosition::Latest ? 1 : 0);
    QStringList filters;
    for (const auto &f : c.filters)
        filters << QString::fromStdString(f);
    m_filters->setPlainText(filters.join(QLatin1Char('\n')));
    m_loading = false;
    refresh();
}

MappingConfig MappingForm::config() const
{
    MappingConfig c = m_controller.emulator().mappingConfig();
    c.batchSize = m_batchSize->value();
    c.maximumBatchingWindowSeconds = m_window->value();
    c.maximumRetryAttempts = m_retries->value();
    c.maximumRecordAgeSeconds = m_recordAge->value();
    c.bisectBatchOnFunctionError = m_bisect->isChecked();
    c.parallelizationFactor = m_parallel->value();
    c.reportBatchItemFailures = m_report->isChecked();
    c.startingPosition = m_start->currentIndex() == 1 ? MappingConfig::StartingPosition::Latest
                                                      : MappingConfig::StartingPosition::TrimHorizon;
    c.filters.clear();
    for (const QString &line : m_filters->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            c.filters.push_back(line.trimmed().toStdString());
    return c;
}

QString MappingForm::viewType() const
{
    return m_viewType->currentText();
}

void MappingForm::refresh()
{
    if (m_loading)
        return;
    for (QLabel *l : std::as_const(m_notes)) {
        l->clear();
        l->setVisible(false);
    }
    const MappingConfig c = config();
    auto place = [this](const std::string &message, bool error) {
        const QString text = QString::fromStdString(message);
        QString target = QStringLiteral("mappingResult");
        for (const NoteRule &rule : kRules)
            if (text.startsWith(QLatin1String(rule.prefix))) {
                target = QString::fromLatin1(rule.note);
                break;
            }
        for (QLabel *l : std::as_const(m_notes)) {
            if (l->objectName() != target)
                continue;
            const QString line = (error ? QStringLiteral("\u2716 ") : QStringLiteral("\u26a0 ")) + text;
            l->setText(l->text().isEmpty() ? line : l->text() + QLatin1Char('\n') + line);
            l->setStyleSheet(error ? QStringLiteral("color: #b00020") : QStringLiteral("color: #8a5a00"));
            l->setVisible(true);
            return;
        }
        m_result->setText(text);
    };
    const auto errors = c.validate();
    for (const auto &e : errors)
        place(e, true);
    const auto view = parseViewType(viewType().toStdString());
    for (const auto &w : c.warnings(view.value_or(StreamViewType::NewAndOldImages)))
        place(w, false);
    m_apply->setEnabled(errors.empty());
}

void MappingForm::askApply()
{
    const bool newStream = viewType() != m_controller.emulator().settings().viewType;
    m_confirm->ask(newStream ? QStringLiteral("apply-new-stream") : QStringLiteral("apply"),
                   tr("Apply these mapping settings?"),
                   newStream ? tr("The view type is fixed for a stream's life: applying it restarts the emulator, "
                                  "and the table, stream, cache and messages received are discarded.")
                             : tr("UpdateEventSourceMapping in place: checkpoints and batches in flight are kept; "
                                  "later batches follow the new settings."),
                   tr("Apply"), [this] { apply(); });
}

QString MappingForm::apply()
{
    const bool newStream = viewType() != m_controller.emulator().settings().viewType;
    const QString error = m_controller.applyMapping(config(), viewType());
    m_result->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #b00020"));
    m_result->setText(!error.isEmpty() ? error
                      : newStream      ? tr("Applied: a new view type needs a new stream, so the emulator restarted.")
                                       : tr("Applied in place: checkpoints and batches in flight are kept."));
    return error;
}

} // namespace orderlab
