#include "item_json_editor.h"

#include "json_text.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace orderlab {

ItemJsonEditor::ItemJsonEditor(std::function<QString(const QString &)> saveFn, QWidget *parent)
    : QWidget(parent), m_saveFn(std::move(saveFn)), m_title(new QLabel(this)), m_edit(new QPlainTextEdit(this)),
      m_error(new QLabel(this)), m_save(new QPushButton(tr("Save item"), this)),
      m_revert(new QPushButton(tr("Revert"), this))
{
    setObjectName(QStringLiteral("itemJsonEditor"));
    m_edit->setObjectName(QStringLiteral("itemJsonEdit"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setPlaceholderText(tr("Select an order to edit its item as DynamoDB JSON"));
    m_error->setObjectName(QStringLiteral("itemJsonError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_save->setObjectName(QStringLiteral("saveItemButton"));
    m_save->setToolTip(tr("Write the item to the table (Ctrl+S)"));
    m_save->setEnabled(false);
    m_revert->setEnabled(false);
    auto *shortcut = new QShortcut(
        QKeySequence::Save, this, this, [this] { save(); }, Qt::WidgetWithChildrenShortcut);
    Q_UNUSED(shortcut)

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_title, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_error);

    connect(m_save, &QPushButton::clicked, this, &ItemJsonEditor::save);
    connect(m_revert, &QPushButton::clicked, this, &ItemJsonEditor::revert);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &ItemJsonEditor::textEdited);
    showItem({}, {});
}

QString ItemJsonEditor::error() const
{
    return m_error->text();
}

void ItemJsonEditor::showItem(const QString &pk, const QString &itemJson)
{
    m_pk = pk;
    m_original = json_text::pretty(itemJson);
    m_title->setText(pk.isEmpty() ? tr("Item JSON") : tr("Item %1 (DynamoDB JSON)").arg(pk));
    m_loading = true;
    m_edit->setPlainText(m_original);
    m_loading = false;
    m_edit->document()->setModified(false);
    m_edit->setEnabled(!pk.isEmpty());
    setError({});
    m_save->setEnabled(false);
    m_revert->setEnabled(false);
}

void ItemJsonEditor::itemChanged(const QString &pk, const QString &itemJson)
{
    if (pk != m_pk)
        return;
    if (!m_edit->document()->isModified()) {
        showItem(pk, itemJson);
        return;
    }
    m_original = json_text::pretty(itemJson);
    m_title->setText(tr("Item %1 — changed in the table since you started editing").arg(pk));
}

void ItemJsonEditor::textEdited()
{
    if (m_loading)
        return;
    const bool modified = m_edit->toPlainText() != m_original;
    m_save->setEnabled(!m_pk.isEmpty());
    m_revert->setEnabled(modified);
    setError(json_text::syntaxError(m_edit->toPlainText()));
}

void ItemJsonEditor::setError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_edit->setStyleSheet(error.isEmpty() ? QString()
                                          : QStringLiteral("QPlainTextEdit { border: 2px solid #b00020; }"));
}

bool ItemJsonEditor::save()
{
    if (m_pk.isEmpty())
        return false;
    const QString error = m_saveFn(m_edit->toPlainText());
    setError(error);
    if (!error.isEmpty())
        return false;
    m_original = m_edit->toPlainText();
    m_title->setText(tr("Item %1 (DynamoDB JSON)").arg(m_pk));
    m_edit->document()->setModified(false);
    m_save->setEnabled(false);
    m_revert->setEnabled(false);
    return true;
}

QString ItemJsonEditor::title() const
{
    return m_title->text();
}

void ItemJsonEditor::revert()
{
    if (!m_pk.isEmpty()) // m_original is the table's latest: "changed in the table" no longer holds
        m_title->setText(tr("Item %1 (DynamoDB JSON)").arg(m_pk));
    m_loading = true;
    m_edit->setPlainText(m_original);
    m_loading = false;
    m_edit->document()->setModified(false);
    setError({});
    m_save->setEnabled(false);
    m_revert->setEnabled(false);
}

} // namespace orderlab
